"""Early help pages, under /early-help/."""

from django.urls import path

from . import views

urlpatterns = [
    path("children/<str:council_id>/", views.child_early_help, name="early-help-child"),
    path("children/<str:council_id>/start/", views.start, name="early-help-start"),
    path("<int:pk>/assessments/new/", views.assessment_new, name="early-help-assessment-new"),
    path("<int:pk>/plans/new/", views.plan_new, name="early-help-plan-new"),
    path("<int:pk>/end/", views.end, name="early-help-end"),
    path("<int:pk>/step-up/", views.step_up, name="early-help-step-up"),
    path(
        "assessments/<int:pk>/complete/",
        views.assessment_complete,
        name="early-help-assessment-complete",
    ),
    path("plans/<int:pk>/review/", views.plan_review, name="early-help-plan-review"),
    path("plans/<int:pk>/end/", views.plan_end, name="early-help-plan-end"),
]
