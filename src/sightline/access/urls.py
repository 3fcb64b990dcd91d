from django.urls import path

from . import views

urlpatterns = [
    path("", views.audit_lookup, name="audit-lookup"),
    path("children/<str:council_id>/", views.audit_child, name="audit-child"),
]
