"""Links on the child's record for assessments: start one on an open referral (managers, who
allocate it), and open any assessment in progress."""

from sightline.access import policy
from sightline.plugins import Action, Links
from sightline.web.dates import long_date

from .selectors import open_assessments, open_referrals_without_assessment

link = Links("Assessment")


def actions(child, user) -> list[Action]:
    found: list[Action] = []
    for assessment in open_assessments(user, child):
        started = long_date(assessment.start_date)
        found.append(
            link(f"Open assessment (started {started})", "assessment-detail", assessment.pk)
        )
    if policy.may(user, policy.Action.MANAGE_ASSESSMENT):
        for episode in open_referrals_without_assessment(child):
            referral = long_date(episode.referral_date)
            start = f"Start an assessment (referral of {referral})"
            found.append(link(start, "assessment-start", episode.pk))
    return found
