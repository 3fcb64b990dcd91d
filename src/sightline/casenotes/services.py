"""Recording a case note. One transaction, checked against the policy and the child's scope,
validated with `full_clean()` (bad input raises a ValidationError naming the field, and nothing
is saved) and written to the audit trail as one CASE_NOTE_RECORDED event."""

from datetime import datetime

from django.db import transaction

from sightline.access.actor import Actor
from sightline.access.events import EventType
from sightline.access.policy import Action, require
from sightline.access.writes import recorded, required
from sightline.people.models import Child

from .models import VISIT, CaseNote


@transaction.atomic
def record_case_note(
    actor: Actor,
    child: Child,
    *,
    note_type: str,
    happened_at: datetime | None,
    seen: bool | None,
    observed: str,
    seen_alone: bool | None = None,
    announced: bool | None = None,
    who_was_seen: str = "",
    child_words: str = "",
    analysis: str = "",
    actions: str = "",
    written_to_child: bool | None = False,
) -> CaseNote:
    worker = require(actor, Action.RECORD_CASE_NOTE, child=child)
    required(note_type, "note_type", "Select the type of note.")
    required(happened_at, "happened_at", "Enter the date and time.")
    required(seen, "seen", "Select whether the child was seen.")
    if seen:
        required(seen_alone, "seen_alone", "Select whether the child was seen alone.")
    visit = note_type == VISIT
    note = CaseNote(
        child=child,
        note_type=note_type,
        happened_at=happened_at,
        who_was_seen=(who_was_seen or "").strip(),
        seen=seen,
        seen_alone=bool(seen and seen_alone),
        # Only a visit is announced or not; an answer given for a phone call means nothing.
        announced=announced if visit else None,
        observed=(observed or "").strip(),
        child_words=(child_words or "").strip(),
        analysis=(analysis or "").strip(),
        actions=(actions or "").strip(),
        written_to_child=bool(written_to_child),
        worker=worker,
    )
    summary = f"Recorded a case note: {note.get_note_type_display().lower()}"
    return recorded(actor, note, EventType.CASE_NOTE_RECORDED, summary)
