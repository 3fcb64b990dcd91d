"""Links on the child's record for case recording: the child's case notes, and (for those who
work with the child) recording a new one."""

from sightline.access import policy
from sightline.plugins import Action, Links

link = Links("Case notes")


def actions(child, user) -> list[Action]:
    found = []
    if policy.may(user, policy.Action.RECORD_CASE_NOTE):
        found.append(link("Record a case note", "case-note-new", child.council_id))
    count = child.case_notes.count()
    found.append(link(f"Read the case notes ({count})", "case-notes", child.council_id))
    return found
