"""Child protection links on the child's record, offered only to roles that may act.

The access policy says who records the practice steps (RECORD_CP_PRACTICE) and who records
conferences (RECORD_CONFERENCE: independent reviewing officers chair them). Anyone who can see
the child can open the child protection record and an open plan.
"""

from django.urls import reverse

from sightline.access import policy
from sightline.plugins import Action

from . import selectors

GROUP = "Child protection"


def actions(child, user) -> list[Action]:
    practice = policy.may(user, policy.Action.RECORD_CP_PRACTICE)
    conferences = policy.may(user, policy.Action.RECORD_CONFERENCE)
    found: list[Action] = []
    if child.strategy_discussions.exists() or child.cp_plans.exists():
        url = reverse("protection-child", args=[child.council_id])
        found.append(Action("Child protection record", url, GROUP))
    if practice and selectors.open_referral(child) is not None:
        found.append(
            Action(
                "Record a strategy discussion",
                reverse("protection-strategy-discussion-new", args=[child.council_id]),
                GROUP,
            )
        )
    if practice or conferences:
        for discussion in child.strategy_discussions.select_related("cin_episode"):
            if practice and selectors.discussion_awaits_enquiry(discussion):
                found.append(
                    Action(
                        "Start section 47 enquiry",
                        reverse("protection-s47-start", args=[discussion.pk]),
                        GROUP,
                    )
                )
        for enquiry in child.s47_enquiries.all():
            if practice and enquiry.end_date is None:
                found.append(
                    Action(
                        "End section 47 enquiry",
                        reverse("protection-s47-end", args=[enquiry.pk]),
                        GROUP,
                    )
                )
            if conferences and selectors.enquiry_awaits_conference(enquiry):
                found.append(
                    Action(
                        "Record initial conference",
                        reverse("protection-icpc-new", args=[enquiry.pk]),
                        GROUP,
                    )
                )
    plan = selectors.open_plan(child)
    if plan is not None:
        found.append(Action("Open child protection plan", _plan(plan), GROUP))
        if practice:
            found.append(
                Action("Record a visit", reverse("protection-visit-new", args=[plan.pk]), GROUP)
            )
            found.append(
                Action(
                    "Record a core group meeting",
                    reverse("protection-core-group-new", args=[plan.pk]),
                    GROUP,
                )
            )
        if conferences:
            found.append(
                Action(
                    "Record a review conference",
                    reverse("protection-review-new", args=[plan.pk]),
                    GROUP,
                )
            )
    return found


def _plan(plan) -> str:
    return reverse("protection-plan", args=[plan.pk])
