"""Pages for child protection, under /child-protection/."""

from django.urls import path

from . import views

urlpatterns = [
    path("plans/", views.plan_list, name="protection-plan-list"),
    path("children/<str:council_id>/", views.child_overview, name="protection-child"),
    path(
        "children/<str:council_id>/strategy-discussion/",
        views.strategy_discussion_new,
        name="protection-strategy-discussion-new",
    ),
    path(
        "strategy-discussions/<int:pk>/section-47/",
        views.section47_start,
        name="protection-s47-start",
    ),
    path("section-47/<int:pk>/end/", views.section47_end, name="protection-s47-end"),
    path(
        "section-47/<int:pk>/initial-conference/",
        views.initial_conference_new,
        name="protection-icpc-new",
    ),
    path("plans/<int:pk>/", views.plan_detail, name="protection-plan"),
    path("plans/<int:pk>/outcomes/new/", views.outcome_new, name="protection-outcome-new"),
    path("plans/<int:pk>/core-groups/new/", views.core_group_new, name="protection-core-group-new"),
    path("plans/<int:pk>/reviews/new/", views.review_new, name="protection-review-new"),
    path("plans/<int:pk>/visits/new/", views.visit_new, name="protection-visit-new"),
    path(
        "plans/<int:pk>/family-group-conferences/new/",
        views.family_group_conference,
        name="protection-fgc-new",
    ),
    path(
        "plans/<int:pk>/family-group-conferences/<int:fgc>/",
        views.family_group_conference,
        name="protection-fgc-edit",
    ),
    path(
        "plans/<int:pk>/extended-family/",
        views.extended_family,
        name="protection-extended-family",
    ),
    path(
        "plans/<int:pk>/pre-proceedings/new/",
        views.pre_proceedings,
        name="protection-pre-proceedings-new",
    ),
    path(
        "plans/<int:pk>/pre-proceedings/<int:proceedings>/",
        views.pre_proceedings,
        name="protection-pre-proceedings-edit",
    ),
    path("plans/<int:pk>/end/", views.plan_end, name="protection-plan-end"),
]
