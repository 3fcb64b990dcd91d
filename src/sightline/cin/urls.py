"""Pages for children in need: child in need plans, their reviews and visits, and disabled
children's packages of care."""

from django.urls import path

from . import views

urlpatterns = [
    path("referrals/<int:episode_id>/plans/start/", views.plan_start, name="cin-plan-start"),
    path("plans/<int:pk>/", views.plan_detail, name="cin-plan-detail"),
    path("plans/<int:pk>/end/", views.plan_end, name="cin-plan-end"),
    path("plans/<int:pk>/reviews/new/", views.plan_review, name="cin-plan-review"),
    path("plans/<int:pk>/visits/new/", views.visit, name="cin-visit"),
    path(
        "packages/reassessment-overdue/",
        views.reassessment_overdue_list,
        name="package-reassessment-overdue",
    ),
    path("children/<str:council_id>/packages/new/", views.package_create, name="package-create"),
    path("packages/<int:pk>/", views.package_detail, name="package-detail"),
    path("packages/<int:pk>/reviews/new/", views.package_review, name="package-review"),
    path("packages/<int:pk>/reassess/", views.package_reassess, name="package-reassess"),
]
