"""URL routes: each domain app owns its pages."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path(
        "sign-in/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("sightline.people.urls")),
    path("audit/", include("sightline.access.urls")),
    path("lado/", include("sightline.lado.urls")),
]
