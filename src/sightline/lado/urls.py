from django.urls import path

from . import views

urlpatterns = [
    path("", views.allegation_list, name="lado-list"),
    path("<str:reference>/", views.allegation_detail, name="lado-detail"),
]
