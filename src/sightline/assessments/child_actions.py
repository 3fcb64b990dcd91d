"""Links on the child's record for assessments: start one on an open referral (managers, who
allocate it), and open any assessment in progress."""

from django.urls import reverse

from sightline.access import policy
from sightline.plugins import Action
from sightline.web.dates import long_date

from .selectors import open_assessments, open_referrals_without_assessment

GROUP = "Assessment"


def actions(child, user) -> list[Action]:
    found: list[Action] = []
    for assessment in open_assessments(user, child):
        found.append(
            Action(
                f"Open assessment (started {long_date(assessment.start_date)})",
                reverse("assessment-detail", args=[assessment.pk]),
                GROUP,
            )
        )
    if policy.may(user, policy.Action.MANAGE_ASSESSMENT):
        for episode in open_referrals_without_assessment(child):
            found.append(
                Action(
                    f"Start an assessment (referral of {long_date(episode.referral_date)})",
                    reverse("assessment-start", args=[episode.pk]),
                    GROUP,
                )
            )
    return found
