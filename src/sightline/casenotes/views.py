"""Case notes on a child's record: what was seen, heard and done, written to the child.

The child's notes (newest first), one note, and the page that records one. Each view declares
its action (`@page`) and fetches in scope: a child or note the user may not see is the same 404
as one that does not exist.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from sightline.access.policy import Action, may
from sightline.access.scope import child_for, get_visible_or_404
from sightline.web.pages import page, record_page, viewed

from . import forms, services
from .models import CaseNote

FORM = ("GET", "POST")


def _notes_url(child) -> str:
    return reverse("case-notes", args=[child.council_id])


@page(Action.VIEW_CHILD_RECORD, url="<str:council_id>/notes/", name="case-notes")
def note_list(request: HttpRequest, council_id: str) -> HttpResponse:
    child = child_for(request.user, council_id)
    notes = child.case_notes.select_related("worker")
    viewed(request, "Viewed the child's case notes", child=child)
    may_record = may(request.user, Action.RECORD_CASE_NOTE)
    context = {"child": child, "notes": notes, "may_record": may_record}
    return render(request, "casenotes/note_list.html", context)


@page(
    Action.RECORD_CASE_NOTE, methods=FORM, url="<str:council_id>/notes/new/", name="case-note-new"
)
def note_new(request: HttpRequest, council_id: str) -> HttpResponse:
    child = child_for(request.user, council_id)
    return record_page(
        request,
        form=forms.CaseNoteForm,
        save=lambda actor, data: services.record_case_note(actor, child, **data),
        child=child,
        title="Record a case note",
        intro=(
            "Say what happened, what you saw and heard, the child's own words, what you make "
            "of it and what happens next. Write to the child where you can."
        ),
        done="Case note recorded",
        next_url=CaseNote.get_absolute_url,
        back_url=_notes_url(child),
        button="Save the case note",
    )


@page(Action.VIEW_CHILD_RECORD, url="<str:council_id>/notes/<int:pk>/", name="case-note-detail")
def note_detail(request: HttpRequest, council_id: str, pk: int) -> HttpResponse:
    note = get_visible_or_404(request.user, CaseNote, pk=pk, child__council_id=council_id)
    viewed(request, "Viewed a case note", child=note.child, obj=note)
    return render(request, "casenotes/note_detail.html", {"note": note, "child": note.child})
