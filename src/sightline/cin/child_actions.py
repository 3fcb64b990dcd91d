"""Links on the child's record for children in need: start a child in need plan on an open
referral (managers), open a plan, record a visit or review (practitioners), and record or open
a disabled children's package of care."""

from django.urls import reverse
from django.utils import timezone

from sightline.access import policy
from sightline.plugins import Action
from sightline.web.dates import long_date

from .selectors import open_packages, open_plans, open_referrals_without_plan

GROUP = "Child in need"


def actions(child, user) -> list[Action]:
    found: list[Action] = []
    recorder = policy.may(user, policy.Action.RECORD_CIN_WORK)
    for plan in open_plans(user, child):
        found.append(
            Action(
                f"Open child in need plan (started {long_date(plan.start_date)})",
                reverse("cin-plan-detail", args=[plan.pk]),
                GROUP,
            )
        )
        if recorder:
            found.append(Action("Record a CIN visit", reverse("cin-visit", args=[plan.pk]), GROUP))
            found.append(
                Action(
                    "Record a child in need plan review",
                    reverse("cin-plan-review", args=[plan.pk]),
                    GROUP,
                )
            )
    if policy.may(user, policy.Action.MANAGE_CIN_PLAN):
        for episode in open_referrals_without_plan(child):
            found.append(
                Action(
                    f"Start a child in need plan (referral of {long_date(episode.referral_date)})",
                    reverse("cin-plan-start", args=[episode.pk]),
                    GROUP,
                )
            )
    for package in open_packages(user, child, timezone.localdate()):
        found.append(
            Action(
                f"Open package of care (started {long_date(package.start_date)})",
                reverse("package-detail", args=[package.pk]),
                GROUP,
            )
        )
    if recorder:
        found.append(
            Action(
                "Record a disabled children's package of care",
                reverse("package-create", args=[child.council_id]),
                GROUP,
            )
        )
    return found
