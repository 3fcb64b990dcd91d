"""Pages for assessments: starting one on a referral, the record of the work, the manager's
midpoint check, the outcome and the authorisation that completes it."""

from django.urls import path

from . import views

urlpatterns = [
    path("referrals/<int:episode_id>/start/", views.start, name="assessment-start"),
    path("<int:pk>/", views.detail, name="assessment-detail"),
    path("<int:pk>/allocate/", views.allocate, name="assessment-allocate"),
    path("<int:pk>/child-seen/", views.child_seen, name="assessment-child-seen"),
    path("<int:pk>/child-views/", views.child_views, name="assessment-child-views"),
    path("<int:pk>/lateral-checks/new/", views.lateral_check, name="assessment-lateral-check"),
    path("<int:pk>/factors/", views.factors, name="assessment-factors"),
    path("<int:pk>/midpoint-check/", views.midpoint_check, name="assessment-midpoint-check"),
    path("<int:pk>/outcome/", views.outcome, name="assessment-outcome"),
    path("<int:pk>/authorise/", views.authorise, name="assessment-authorise"),
]
