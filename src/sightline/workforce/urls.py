"""Team oversight pages, under /teams/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.teams, name="team-list"),
    path("<int:pk>/", views.team_detail, name="team-detail"),
    path("<int:pk>/workers/<int:worker_id>/", views.team_worker, name="team-worker"),
]
