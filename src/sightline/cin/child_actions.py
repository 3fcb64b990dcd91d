"""Links on the child's record for children in need: start a child in need plan on an open
referral (managers), open a plan, record a visit or review (practitioners), and record or open
a disabled children's package of care."""

from django.utils import timezone

from sightline.access import policy
from sightline.plugins import Action, Links
from sightline.web.dates import long_date

from .selectors import open_packages, open_plans, open_referrals_without_plan

link = Links("Child in need")


def actions(child, user) -> list[Action]:
    found: list[Action] = []
    recorder = policy.may(user, policy.Action.RECORD_CIN_WORK)
    for plan in open_plans(user, child):
        started = long_date(plan.start_date)
        found.append(
            link(f"Open child in need plan (started {started})", "cin-plan-detail", plan.pk)
        )
        if recorder:
            found.append(link("Record a CIN visit", "cin-visit", plan.pk))
            found.append(link("Record a child in need plan review", "cin-plan-review", plan.pk))
    if policy.may(user, policy.Action.MANAGE_CIN_PLAN):
        for episode in open_referrals_without_plan(child):
            referral = long_date(episode.referral_date)
            start = f"Start a child in need plan (referral of {referral})"
            found.append(link(start, "cin-plan-start", episode.pk))
    for package in open_packages(user, child, timezone.localdate()):
        started = long_date(package.start_date)
        found.append(
            link(f"Open package of care (started {started})", "package-detail", package.pk)
        )
    if recorder:
        new_package = "Record a disabled children's package of care"
        found.append(link(new_package, "package-create", child.council_id))
    return found
