"""Front-door pages, under /front-door/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.contact_list, name="frontdoor-contacts"),
    path("contacts/new/", views.record_contact, name="frontdoor-record-contact"),
    path(
        "contacts/new/child/",
        views.record_contact_new_child,
        name="frontdoor-record-contact-new-child",
    ),
    path(
        "contacts/new/details/",
        views.record_contact_details,
        name="frontdoor-record-contact-details",
    ),
    path("contacts/<int:pk>/", views.screening_view, name="frontdoor-screening"),
    path(
        "contacts/<int:pk>/handover/",
        views.acknowledge_handover,
        name="frontdoor-acknowledge-handover",
    ),
    path("contacts/<int:pk>/decision/", views.decision_view, name="frontdoor-decision"),
    path("contacts/<int:pk>/authorise/", views.authorise_view, name="frontdoor-authorise"),
    path("authorisations/", views.authorisation_queue, name="frontdoor-authorisations"),
    path("dip-samples/", views.dip_sample_list, name="frontdoor-dip-samples"),
    path("dip-samples/share/", views.dip_sample_share, name="frontdoor-dip-sample-share"),
    path(
        "dip-samples/reviews/<int:pk>/",
        views.dip_sample_review,
        name="frontdoor-dip-sample-review",
    ),
    path("dip-samples/<str:week>/", views.dip_sample_week, name="frontdoor-dip-sample-week"),
    path("monitor/", views.monitor_view, name="frontdoor-monitor"),
]
