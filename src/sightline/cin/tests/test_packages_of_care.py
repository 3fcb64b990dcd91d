"""Disabled children's packages of care: the support is reviewed and the child's needs are
reassessed, and children whose support keeps being reviewed without their needs being
reassessed show up on the work list and on the managers' overdue list."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sightline.access.models import AuditEvent
from sightline.cin import services
from sightline.cin.models import DisabledChildrenPackage, NeedsReassessment, PackageSupportReview
from sightline.people.models import Worker
from sightline.testing.factories import AllocationFactory, WorkerFactory
from sightline.testing.helpers import (
    created_and_audited,
    date_fields,
)
from sightline.timescales.engine import State
from sightline.timescales.rules import child_timescales

from .factories import PackageFactory, SupportReviewFactory

pytestmark = pytest.mark.django_db

KEY = "children_in_need.needs_reassessment"
OVERDUE_LIST = "/children-in-need/packages/reassessment-overdue/"


def reassessment_items(child, today=dt.date(2025, 9, 22)):
    return [i for i in child_timescales(child, today) if i.key == KEY]


def package_data(**changes) -> dict[str, str]:
    data = {
        **date_fields("start_date", dt.date(2025, 9, 1)),
        "support": "Personal assistant 6 hours a week.",
        **date_fields("needs_reassessment_due", dt.date(2026, 3, 1)),
    }
    data.update(changes)
    return data


# -- recording -------------------------------------------------------------------------------


def test_a_social_worker_records_a_package_of_care(sw, child, sign_in):
    response = sign_in(sw).post(
        f"/children-in-need/children/{child.council_id}/packages/new/", package_data()
    )
    package = DisabledChildrenPackage.objects.get()
    assert response["Location"] == f"/children-in-need/packages/{package.pk}/"
    assert (
        package.child,
        package.start_date,
        package.needs_reassessment_due,
        package.end_date,
    ) == (
        child,
        dt.date(2025, 9, 1),
        dt.date(2026, 3, 1),
        None,
    )
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.CREATE, child=child, object_id=str(package.pk)
    ).exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            date_fields("needs_reassessment_due", dt.date(2025, 8, 1)),
            "needs_reassessment_due",
            "Needs reassessment due date must be on or after the start date.",
        ),
        (
            date_fields("start_date", dt.date(2025, 10, 1)),
            "start_date",
            "The package start date must be today or in the past",
        ),
        ({"support": ""}, "support", "Enter a description of the support"),
    ],
)
def test_bad_package_input_is_refused_naming_the_field_and_nothing_saved(
    sw, child, sign_in, changes, field, message
):
    response = sign_in(sw).post(
        f"/children-in-need/children/{child.council_id}/packages/new/", package_data(**changes)
    )
    assert response.context["form"].errors[field] == [message]
    assert not DisabledChildrenPackage.objects.exists()


# A review of the support is recorded as a plan review is: test_plans_and_packages.py.


def test_reassessing_the_needs_sets_the_next_due_date_and_keeps_the_history(sw, package, sign_in):
    response = sign_in(sw).post(
        f"/children-in-need/packages/{package.pk}/reassess/",
        {
            **date_fields("date", dt.date(2025, 9, 15)),
            **date_fields("next_due", dt.date(2026, 9, 15)),
        },
    )
    assert response.status_code == 302
    package.refresh_from_db()
    assert package.needs_last_reassessed == dt.date(2025, 9, 15)
    assert package.needs_reassessment_due == dt.date(2026, 9, 15)
    done = created_and_audited(NeedsReassessment)
    assert (done.date, done.was_due, done.next_due) == (
        dt.date(2025, 9, 15),
        dt.date(2025, 4, 1),
        dt.date(2026, 9, 15),
    )


def test_a_next_due_date_before_the_reassessment_is_refused_and_nothing_saved(sw, package, sign_in):
    response = sign_in(sw).post(
        f"/children-in-need/packages/{package.pk}/reassess/",
        {
            **date_fields("date", dt.date(2025, 9, 15)),
            **date_fields("next_due", dt.date(2025, 9, 1)),
        },
    )
    assert response.context["form"].errors["next_due"] == [
        "Next reassessment due date must be on or after the date the needs were reassessed."
    ]
    package.refresh_from_db()
    assert package.needs_reassessment_due == dt.date(2025, 4, 1)
    assert not NeedsReassessment.objects.exists()


def test_read_only_roles_may_not_record_on_a_package(package, cin_team, sign_in):
    leader = WorkerFactory(team=cin_team, role=Worker.Role.SENIOR_LEADER)
    client = sign_in(leader)
    assert client.get(f"/children-in-need/packages/{package.pk}/").status_code == 200
    response = client.post(
        f"/children-in-need/packages/{package.pk}/reviews/new/",
        date_fields("date", dt.date(2025, 9, 12)),
    )
    assert response.status_code == 404
    assert not PackageSupportReview.objects.exists()


# -- the "Needs reassessment" timescale ------------------------------------------------------


def test_needs_reassessment_is_due_on_the_date_set_on_the_package(child):
    package = PackageFactory(child=child, needs_reassessment_due=dt.date(2025, 10, 1))
    [item] = reassessment_items(child)
    assert item.name == "Needs reassessment"
    assert item.due == dt.date(2025, 10, 1)
    assert item.state is State.DUE
    assert item.url == f"/children-in-need/packages/{package.pk}/"


def test_needs_not_reassessed_by_the_due_date_are_overdue(package):
    [item] = reassessment_items(package.child)
    assert item.state is State.OVERDUE
    assert item.days_overdue == (dt.date(2025, 9, 22) - dt.date(2025, 4, 1)).days


def test_reassessing_meets_the_item_and_the_next_one_falls_due(sw, package):
    services.record_needs_reassessment(
        sw.user, package, date=dt.date(2025, 9, 15), next_due=dt.date(2026, 9, 15)
    )
    met, upcoming = sorted(reassessment_items(package.child), key=lambda i: i.due)
    assert (met.due, met.met, met.state) == (
        dt.date(2025, 4, 1),
        dt.date(2025, 9, 15),
        State.MET_LATE,
    )
    assert (upcoming.due, upcoming.met, upcoming.state) == (dt.date(2026, 9, 15), None, State.DUE)


def test_an_ended_package_keeps_only_a_reassessment_missed_before_it_ended(child):
    PackageFactory(child=child, end_date=dt.date(2025, 6, 30))  # due 1 April: missed
    PackageFactory(child=child, end_date=dt.date(2025, 3, 31))  # ended before it was due
    [item] = reassessment_items(child)
    assert item.state is State.OVERDUE
    assert item.days_overdue == (dt.date(2025, 6, 30) - dt.date(2025, 4, 1)).days


def test_the_service_refuses_a_reassessment_not_after_the_last_one(sw, package):
    services.record_needs_reassessment(
        sw.user, package, date=dt.date(2025, 9, 15), next_due=dt.date(2026, 9, 15)
    )
    with pytest.raises(ValidationError) as refused:
        services.record_needs_reassessment(
            sw.user, package, date=dt.date(2025, 9, 15), next_due=dt.date(2026, 10, 1)
        )
    assert "date" in refused.value.message_dict
    assert NeedsReassessment.objects.count() == 1


# -- the managers' list ----------------------------------------------------------------------


def test_managers_see_packages_whose_needs_reassessment_is_overdue_with_reviews_since(
    tm, sw, child, package, sign_in
):
    SupportReviewFactory(package=package, date=dt.date(2025, 5, 1))
    SupportReviewFactory(package=package, date=dt.date(2025, 8, 1))
    on_time = PackageFactory(
        child=AllocationFactory(worker=sw).child, needs_reassessment_due=dt.date(2026, 1, 1)
    )
    ended = PackageFactory(child=AllocationFactory(worker=sw).child, end_date=dt.date(2025, 6, 30))
    response = sign_in(tm).get(OVERDUE_LIST)
    assert response.status_code == 200
    listed = response.context["packages"]
    assert [p.pk for p in listed] == [package.pk]
    assert listed[0].reviews_since_reassessed == 2
    assert listed[0].last_support_review == dt.date(2025, 8, 1)
    page = response.content.decode()
    assert child.full_name in page
    assert f"/children-in-need/packages/{package.pk}/" in page
    assert f"/children-in-need/packages/{on_time.pk}/" not in page
    assert f"/children-in-need/packages/{ended.pk}/" not in page
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.DRILL_DOWN)
    assert event.detail == {"council_ids": [child.council_id]}


def test_only_reviews_since_the_last_reassessment_are_counted(tm, sw, package, sign_in):
    services.record_needs_reassessment(
        sw.user, package, date=dt.date(2025, 3, 1), next_due=dt.date(2025, 9, 1)
    )
    SupportReviewFactory(package=package, date=dt.date(2025, 2, 1))
    SupportReviewFactory(package=package, date=dt.date(2025, 6, 1))
    [listed] = sign_in(tm).get(OVERDUE_LIST).context["packages"]
    assert listed.reviews_since_reassessed == 1


def test_the_overdue_list_shows_only_children_in_the_managers_scope(outsider, package, sign_in):
    response = sign_in(outsider).get(OVERDUE_LIST)
    assert list(response.context["packages"]) == []
    assert package.child.full_name not in response.content.decode()


def test_a_social_worker_may_not_open_the_managers_list(sw, sign_in):
    assert sign_in(sw).get(OVERDUE_LIST).status_code == 404


# -- scope -----------------------------------------------------------------------------------


# A package's own pages: test_plans_and_packages.py, with a plan's.


def test_recording_a_package_for_a_child_outside_scope_is_not_found(outsider, child, sign_in):
    client = sign_in(outsider)
    url = f"/children-in-need/children/{child.council_id}/packages/new/"
    assert client.get(url).status_code == 404
    assert client.post(url, package_data()).status_code == 404
    assert not DisabledChildrenPackage.objects.exists()


def test_the_package_page_is_audited(sw, package, sign_in):
    page = sign_in(sw).get(f"/children-in-need/packages/{package.pk}/").content.decode()
    assert "Two overnight short breaks a month" in page
    assert "1 April 2025" in page
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.VIEW, child=package.child, object_id=str(package.pk)
    ).exists()
