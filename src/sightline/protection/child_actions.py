"""Child protection links on the child's record, offered only to roles that may act.

The access policy says who records the practice steps (RECORD_CP_PRACTICE) and who records
conferences (RECORD_CONFERENCE: independent reviewing officers chair them). Anyone who can see
the child can open the child protection record and an open plan.
"""

from sightline.access import policy
from sightline.plugins import Action, Links

from . import selectors

link = Links("Child protection")


def actions(child, user) -> list[Action]:
    practice = policy.may(user, policy.Action.RECORD_CP_PRACTICE)
    conferences = policy.may(user, policy.Action.RECORD_CONFERENCE)
    found: list[Action] = []
    if child.strategy_discussions.exists() or child.cp_plans.exists():
        found.append(link("Child protection record", "protection-child", child.council_id))
    if practice and selectors.open_referral(child) is not None:
        found.append(
            link(
                "Record a strategy discussion",
                "protection-strategy-discussion-new",
                child.council_id,
            )
        )
    if practice or conferences:
        for discussion in child.strategy_discussions.select_related("cin_episode"):
            if practice and selectors.discussion_awaits_enquiry(discussion):
                found.append(
                    link("Start section 47 enquiry", "protection-s47-start", discussion.pk)
                )
        for enquiry in child.s47_enquiries.all():
            if practice and enquiry.end_date is None:
                found.append(link("End section 47 enquiry", "protection-s47-end", enquiry.pk))
            if conferences and selectors.enquiry_awaits_conference(enquiry):
                found.append(link("Record initial conference", "protection-icpc-new", enquiry.pk))
    plan = selectors.open_plan(child)
    if plan is not None:
        found.append(link("Open child protection plan", "protection-plan", plan.pk))
        if practice:
            found.append(link("Record a visit", "protection-visit-new", plan.pk))
            found.append(link("Record a core group meeting", "protection-core-group-new", plan.pk))
        if conferences:
            found.append(link("Record a review conference", "protection-review-new", plan.pk))
    return found
