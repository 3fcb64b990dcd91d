"""Performance pages, under /performance/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.dashboard, name="performance-dashboard"),
    path("pack/", views.pack, name="performance-pack"),
    path("pack.pdf", views.pack_pdf, name="performance-pack-pdf"),
    path("targets/", views.targets, name="performance-targets"),
    path("targets/population/", views.population_edit, name="performance-population"),
    path("targets/<slug:indicator_id>/", views.target_edit, name="performance-target"),
    path("<slug:indicator_id>/", views.indicator_detail, name="performance-indicator"),
    path(
        "<slug:indicator_id>/children/<slug:part>/",
        views.children,
        name="performance-children",
    ),
]
