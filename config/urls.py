"""URL routes: each domain app owns its pages."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from sightline.web.forms import SignInForm

urlpatterns = [
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            authentication_form=SignInForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("sightline.child_record.urls")),
    path("children/", include("sightline.family.urls")),
    path("children/", include("sightline.casenotes.urls")),
    path("early-help/", include("sightline.early_help.urls")),
    path("front-door/", include("sightline.frontdoor.urls")),
    path("assessments/", include("sightline.assessments.urls")),
    path("children-in-need/", include("sightline.cin.urls")),
    path("child-protection/", include("sightline.protection.urls")),
    path("teams/", include("sightline.workforce.urls")),
    path("audit/", include("sightline.administration.urls")),
    path("", include("sightline.administration.workforce_urls")),
    path("lado/", include("sightline.lado.urls")),
    path("performance/", include("sightline.performance.urls")),
]

# A refusal is a 404, never a 403: see sightline.web.views.refused_as_missing.
handler403 = "sightline.web.views.refused_as_missing"
