"""Case notes in the child's chronology: each is its type and first words, at the moment it
happened, and links to the note itself (gathered with every app's entries by
`sightline.child_record`)."""

from collections.abc import Iterator

from sightline.plugins import Area, Entry

NOTES = Area("Case notes")


def entries(child) -> Iterator[Entry]:
    for note in child.case_notes.select_related("worker"):
        recorded_by = f"Recorded by {note.worker.full_name}."
        yield NOTES(note.happened_at, note.summary, recorded_by, note.get_absolute_url())
