from django.urls import path

from . import views

urlpatterns = [
    path("", views.my_work, name="my-work"),
    path("children/", views.child_search, name="child-search"),
    path("children/<str:council_id>/", views.child_record, name="child-record"),
    path("children/<str:council_id>/chronology.csv", views.child_export, name="child-export"),
]
