"""A manager merges a duplicate record into the record kept: everything moves, in one go, the
audit trail keeps its history, and both records say what happened."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sightline.access.events import EventType
from sightline.access.models import AuditEvent
from sightline.access.policy import Forbidden
from sightline.access.scope import children_visible_to, search_children
from sightline.cin.models import CINEpisode
from sightline.frontdoor import merging
from sightline.frontdoor.models import Contact
from sightline.people.models import (
    Address,
    Child,
    ChildDetailChange,
    ChildDisability,
    Relationship,
    Worker,
)
from sightline.testing.factories import (
    AllocationFactory,
    ChildFactory,
    CINEpisodeFactory,
    ContactFactory,
    TeamFactory,
    WorkerFactory,
)

pytestmark = pytest.mark.django_db

MERGE = "/front-door/merge/"


@pytest.fixture
def team():
    return TeamFactory(name="Safeguarding West")


@pytest.fixture
def team_manager(team):
    return WorkerFactory(team=team, role=Worker.Role.TEAM_MANAGER)


@pytest.fixture
def kept(team):
    """The record kept: Leo Marsh, allocated in the manager's team."""
    child = ChildFactory(first_name="Leo", last_name="Marsh", council_id="CH000100")
    AllocationFactory(child=child, worker=WorkerFactory(team=team))
    return child


@pytest.fixture
def duplicate(team):
    """A second record of Leo made at the front door, also allocated in the team."""
    child = ChildFactory(first_name="Leo", last_name="Marsh", council_id="CH000200")
    AllocationFactory(child=child, worker=WorkerFactory(team=team))
    return child


def merge(manager, duplicate, kept, reason="Same child: same school and parents."):
    return merging.merge_children(manager.user, duplicate=duplicate, survivor=kept, reason=reason)


def test_every_record_of_the_duplicate_moves_to_the_record_kept(team_manager, kept, duplicate):
    contact = ContactFactory(child=duplicate)
    referral = CINEpisodeFactory(child=duplicate)
    Contact.objects.filter(pk=contact.pk).update(cin_episode=referral)
    address = Address.objects.create(
        child=duplicate, line_1="1 Mill Lane", town="Leeds", postcode="LS1 1AA",
        start_date=dt.date(2024, 1, 1),
    )  # fmt: skip
    merge(team_manager, duplicate, kept)
    for record in (contact, referral, address):
        record.refresh_from_db()
        assert record.child == kept
    assert kept.allocations.count() == 2
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept
    assert not Contact.objects.filter(child=duplicate).exists()


def test_where_both_records_hold_the_same_unique_row_the_kept_records_stays(
    team_manager, kept, duplicate
):
    ChildDisability.objects.create(child=kept, code="MOB")
    ChildDisability.objects.create(child=duplicate, code="MOB")
    ChildDisability.objects.create(child=duplicate, code="HEAR")
    merge(team_manager, duplicate, kept)
    assert sorted(kept.disabilities.values_list("code", flat=True)) == ["HEAR", "MOB"]
    assert not ChildDisability.objects.filter(child=duplicate).exists()


def test_a_sibling_link_between_the_two_records_is_not_kept_as_a_link_to_themself(
    team_manager, kept, duplicate
):
    Relationship.objects.create(child=kept, other_child=duplicate, kind="sibling")
    merge(team_manager, duplicate, kept)
    assert not Relationship.objects.filter(child=kept, other_child=kept).exists()


def test_the_audit_trail_keeps_its_history_and_records_the_merge_on_both(
    team_manager, kept, duplicate
):
    earlier = AuditEvent.objects.create(
        actor_name="Someone", kind="view", summary="Viewed", child=duplicate
    )
    merge(team_manager, duplicate, kept)
    earlier.refresh_from_db()
    assert earlier.child == duplicate
    merged = AuditEvent.objects.filter(event_type=EventType.CHILDREN_MERGED)
    assert {e.child for e in merged} == {kept, duplicate}
    on_kept = merged.get(child=kept)
    assert on_kept.summary == "Merged CH000200 into CH000100"
    assert on_kept.detail["reason"] == "Same child: same school and parents."


def test_both_records_note_the_merge_in_their_details_history(team_manager, kept, duplicate):
    merge(team_manager, duplicate, kept)
    on_kept = ChildDetailChange.objects.get(child=kept, field="merged_into")
    on_duplicate = ChildDetailChange.objects.get(child=duplicate, field="merged_into")
    assert on_kept.new_value == "Leo Marsh (CH000200)"
    assert on_duplicate.new_value == "Leo Marsh (CH000100)"
    assert on_kept.changed_by == team_manager


def test_a_merged_record_leaves_every_scoped_list_and_search(team_manager, kept, duplicate):
    merge(team_manager, duplicate, kept)
    assert list(children_visible_to(team_manager.user)) == [kept]
    assert list(search_children(team_manager.user, "Leo Marsh")) == [kept]
    senior = WorkerFactory(role=Worker.Role.SENIOR_LEADER)
    assert duplicate not in children_visible_to(senior.user)


@pytest.mark.parametrize(
    ("field", "message", "records"),
    [
        ("survivor", "The record to keep must be a different record", "same"),
        ("survivor", "CH000300 is already merged into CH000100", "merged"),
        ("duplicate", "There is no child with council ID CH000400 you can see", "outside"),
    ],
)
def test_merging_into_itself_into_a_merged_record_or_outside_scope_is_refused(
    team_manager, kept, duplicate, field, message, records
):
    merged = ChildFactory(council_id="CH000300", merged_into=kept)
    ChildFactory(council_id="CH000400")  # in no one's team
    pairs = {
        "same": (duplicate, duplicate),
        "merged": (duplicate, merged.council_id),
        "outside": ("CH000400", kept),
    }
    with pytest.raises(ValidationError) as refused:
        merge(team_manager, *pairs[records])
    assert refused.value.message_dict[field] == [message]
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
    assert not AuditEvent.objects.filter(event_type=EventType.CHILDREN_MERGED).exists()


def test_a_merge_is_all_or_nothing(team_manager, kept, duplicate, monkeypatch):
    contact = ContactFactory(child=duplicate)
    CINEpisodeFactory(child=duplicate)

    def fail(actor, *args, **kwargs):
        raise ValidationError("The audit trail could not be written")

    monkeypatch.setattr(merging, "log", fail)
    with pytest.raises(ValidationError):
        merge(team_manager, duplicate, kept)
    contact.refresh_from_db()
    duplicate.refresh_from_db()
    assert contact.child == duplicate and duplicate.merged_into is None
    assert CINEpisode.objects.get().child == duplicate
    assert not ChildDetailChange.objects.exists()


def test_a_manager_merges_on_the_page_and_lands_on_the_record_kept(
    team_manager, kept, duplicate, sign_in
):
    client = sign_in(team_manager)
    form = client.get(MERGE, {"survivor": kept.council_id}).content.decode()
    assert 'value="CH000100"' in form
    response = client.post(
        MERGE, {"duplicate": "ch000200", "survivor": "CH000100", "reason": "Same parents."}
    )
    assert response["Location"] == "/children/CH000100/"
    listed = client.get(MERGE).content.decode()
    assert "Leo Marsh (CH000200)" in listed and "Same parents." in listed
    # An old link to the duplicate's record leads to the record kept.
    old_link = client.get("/children/CH000200/")
    assert old_link.status_code == 302 and old_link["Location"] == "/children/CH000100/"


def test_a_missing_reason_is_refused_on_its_field_and_nothing_merged(
    team_manager, kept, duplicate, sign_in
):
    response = sign_in(team_manager).post(
        MERGE, {"duplicate": "CH000200", "survivor": "CH000100", "reason": " "}
    )
    assert "Enter why these records are the same child" in response.content.decode()
    assert Child.objects.get(pk=duplicate.pk).merged_into is None


def test_only_managers_may_merge(kept, duplicate, team, sign_in):
    social_worker = WorkerFactory(team=team)
    assert sign_in(social_worker).get(MERGE).status_code == 404
    with pytest.raises(Forbidden):
        merge(social_worker, duplicate, kept)


def test_the_record_kept_offers_the_merge_to_a_manager(team_manager, kept, sign_in):
    page = sign_in(team_manager).get(f"/children/{kept.council_id}/").content.decode()
    assert f"/front-door/merge/?survivor={kept.council_id}" in page
