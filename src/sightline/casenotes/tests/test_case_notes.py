"""Case notes: a practitioner records what happened, what they saw and heard, the child's
words, their analysis and the actions, perhaps written to the child; the note is read on its
own page, listed on the child's notes and shown in the chronology with a link to it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sightline.access.events import EventType
from sightline.access.models import AuditEvent
from sightline.casenotes import services
from sightline.casenotes.chronology import entries
from sightline.casenotes.models import CaseNote
from sightline.testing.helpers import assert_looks_missing, error_page, london

pytestmark = pytest.mark.django_db

OBSERVED = (
    "I came to see you at home after school. You showed me your room and the drawing of "
    "your cat you made for your mum. The kitchen had food in the cupboards."
)


def note_form(**changes) -> dict[str, str]:
    form = {
        "note_type": "visit",
        "happened_at_day": "22",
        "happened_at_month": "9",
        "happened_at_year": "2025",
        "happened_at_time": "09:15",
        "who_was_seen": "Amira and her mum",
        "seen": "yes",
        "seen_alone": "yes",
        "announced": "no",
        "written_to_child": "yes",
        "observed": OBSERVED,
        "child_words": "I like it when mum picks me up.",
        "analysis": "Amira is relaxed at home and her needs are being met.",
        "actions": "Visit again in two weeks; speak to the school about attendance.",
    }
    form.update(changes)
    return {name: value for name, value in form.items() if value is not None}


def new_url(child) -> str:
    return f"/children/{child.council_id}/notes/new/"


def test_a_social_worker_records_a_visit_with_its_narrative_and_reads_it_back(
    social_worker, child, sign_in
):
    client = sign_in(social_worker)
    assert client.get(new_url(child)).status_code == 200
    response = client.post(new_url(child), note_form())
    note = CaseNote.objects.get()
    assert response["Location"] == f"/children/{child.council_id}/notes/{note.pk}/"
    assert (note.child, note.worker, note.note_type) == (child, social_worker, "visit")
    assert note.happened_at == london(2025, 9, 22, 9, 15)
    assert (note.seen, note.seen_alone, note.announced, note.written_to_child) == (
        True,
        True,
        False,
        True,
    )
    assert note.child_words == "I like it when mum picks me up."
    event = AuditEvent.objects.get(event_type=EventType.CASE_NOTE_RECORDED)
    assert (event.child, event.object_id) == (child, str(note.pk))

    html = client.get(response["Location"]).content.decode()
    assert "Visit, 22 September 2025 at 09:15" in html
    assert "Written to Amira" in html
    for words in ("You showed me your room", "I like it when mum picks me up.", "Visit again"):
        assert words in html
    assert "No: unannounced" in html


def test_a_note_dated_in_the_future_is_refused_on_its_field_and_nothing_is_saved(
    social_worker, child, sign_in
):
    response = sign_in(social_worker).post(new_url(child), note_form(happened_at_time="11:30"))
    error_page(response)
    assert response.context["form"].errors["happened_at"] == [
        "The date and time must be now or in the past"
    ]
    assert not CaseNote.objects.exists()


def test_a_note_with_no_narrative_is_refused_on_its_field_and_nothing_is_saved(
    social_worker, child, sign_in
):
    response = sign_in(social_worker).post(new_url(child), note_form(observed="   "))
    html = error_page(response)
    assert response.context["form"].errors["observed"] == [
        "Enter what happened and what you observed"
    ]
    assert 'href="#id_observed"' in html
    assert not CaseNote.objects.exists()


def test_a_visit_must_say_whether_it_was_announced_but_a_phone_call_need_not(
    social_worker, child, sign_in
):
    client = sign_in(social_worker)
    response = client.post(new_url(child), note_form(announced=None))
    assert response.context["form"].errors["announced"] == [
        "Select whether the visit was announced."
    ]
    assert not CaseNote.objects.exists()

    call = note_form(note_type="phone_call", seen="no", seen_alone=None, announced="yes")
    assert client.post(new_url(child), call).status_code == 302
    note = CaseNote.objects.get()
    assert (note.note_type, note.seen, note.seen_alone, note.announced) == (
        "phone_call",
        False,
        False,
        None,
    )


def test_a_child_seen_must_be_said_to_be_seen_alone_or_not(social_worker, child, sign_in):
    response = sign_in(social_worker).post(new_url(child), note_form(seen_alone=None))
    assert response.context["form"].errors["seen_alone"] == [
        "Select whether the child was seen alone."
    ]
    assert not CaseNote.objects.exists()


def test_the_service_refuses_a_future_moment_even_without_the_form(social_worker, child):
    with pytest.raises(ValidationError, match="must be now or in the past"):
        services.record_case_note(
            social_worker.user,
            child,
            note_type="phone_call",
            happened_at=london(2025, 9, 22, 11, 30),
            seen=False,
            observed="Mum rang to say Amira is unwell.",
        )
    assert not CaseNote.objects.exists()


def record(worker, child, when: dt.datetime, observed: str, note_type: str = "direct_work"):
    return services.record_case_note(
        worker.user,
        child,
        note_type=note_type,
        happened_at=when,
        seen=True,
        seen_alone=True,
        observed=observed,
    )


def test_the_chronology_shows_the_type_and_first_words_and_links_to_the_note(social_worker, child):
    note = record(social_worker, child, london(2025, 9, 19, 15, 40), OBSERVED)
    (entry,) = entries(child)
    assert (entry.when, entry.time, entry.area) == (dt.date(2025, 9, 19), "15:40", "Case notes")
    assert entry.title == ("Direct work: I came to see you at home after school. You showed me…")
    assert entry.url == f"/children/{child.council_id}/notes/{note.pk}/"


def test_the_childs_notes_are_listed_newest_first_each_linking_to_the_note(
    social_worker, child, sign_in
):
    older = record(social_worker, child, london(2025, 9, 1, 10, 0), "We made a life story book.")
    newer = record(social_worker, child, london(2025, 9, 15, 14, 0), "We drew your family tree.")
    html = sign_in(social_worker).get(f"/children/{child.council_id}/notes/").content.decode()
    first, second = html.index(newer.get_absolute_url()), html.index(older.get_absolute_url())
    assert first < second
    assert "Direct work: We drew your family tree." in html
    assert "15 September 2025 at 14:00" in html


def test_a_quality_assurance_officer_reads_notes_but_may_not_record_one(
    social_worker, child, qa, sign_in
):
    note = record(social_worker, child, london(2025, 9, 1, 10, 0), "We made a life story book.")
    client = sign_in(qa)
    assert client.get(note.get_absolute_url()).status_code == 200
    listed = client.get(f"/children/{child.council_id}/notes/").content.decode()
    assert "We made a life story book." in listed
    assert "Record a case note" not in listed
    assert client.post(new_url(child), note_form()).status_code == 404
    assert CaseNote.objects.count() == 1


def test_a_worker_outside_the_childs_circle_finds_no_notes_and_no_note(
    social_worker, child, outsider, sign_in
):
    note = record(social_worker, child, london(2025, 9, 1, 10, 0), "We made a life story book.")
    client = sign_in(outsider)
    missing = "/children/SL999999/notes/"
    assert_looks_missing(client, f"/children/{child.council_id}/notes/", missing)
    assert_looks_missing(client, note.get_absolute_url(), f"{missing}{note.pk + 100}/")
    assert client.post(new_url(child), note_form()).status_code == 404
    assert CaseNote.objects.count() == 1


def test_the_childs_record_offers_the_notes_and_to_practitioners_a_new_one(
    social_worker, child, qa, sign_in
):
    record(social_worker, child, london(2025, 9, 1, 10, 0), "We made a life story book.")
    for worker, may_record in ((social_worker, True), (qa, False)):
        html = sign_in(worker).get(f"/children/{child.council_id}/").content.decode()
        assert f'href="/children/{child.council_id}/notes/"' in html
        assert "Read the case notes (1)" in html
        assert (f'href="{new_url(child)}"' in html) is may_record
