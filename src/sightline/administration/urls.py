"""The administrator's pages, under /audit/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.audit_trail, name="audit-trail"),
    path("children/<str:council_id>/", views.audit_child, name="audit-child"),
]
