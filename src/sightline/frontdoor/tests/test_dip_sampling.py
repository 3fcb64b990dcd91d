"""The weekly dip sample of authorised "no further action" decisions: a configurable share,
drawn at random but deterministically, once per week, and a reviewer's second look."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sightline.access.actor import Actor
from sightline.access.events import EventType
from sightline.access.models import AuditEvent
from sightline.frontdoor import services
from sightline.frontdoor.models import DipSampleDraw, DipSampleItem
from sightline.people.models import Worker
from sightline.testing.factories import (
    AllocationFactory,
    DecidedContactFactory,
    WorkerFactory,
)
from sightline.testing.helpers import london

from .factories import authorised_nfa, overturned_by_manager

pytestmark = pytest.mark.django_db

WEEK = dt.date(2026, 11, 2)  # a Monday; the service is run "today" = 26 November 2026
TODAY = dt.date(2026, 11, 26)
# The scheduled job (`sightline dip-sample`) draws as the system.
WEEKLY_JOB = Actor.system("Weekly dip sample")


def nfa_week(count: int, week: dt.date = WEEK):
    """`count` authorised NFA decisions spread through the week (up to 31 fit in it)."""
    start = london(week.year, week.month, week.day, 9, 0)
    return [authorised_nfa(start + dt.timedelta(hours=5 * n)) for n in range(count)]


def drawn_ids(draw: DipSampleDraw) -> list[int]:
    return sorted(draw.items.values_list("contact_id", flat=True))


def test_the_default_share_is_10_per_cent_rounded_up():
    contacts = nfa_week(25)
    draw = services.draw_weekly_sample(WEEKLY_JOB, WEEK, today=TODAY)
    assert draw.population == 25
    assert draw.share_percent == 10
    assert draw.items.count() == 3  # 2.5, rounded up
    assert set(drawn_ids(draw)) <= {c.pk for c in contacts}


def test_a_changed_share_is_respected(manager):
    service_manager = WorkerFactory(role=Worker.Role.SERVICE_MANAGER, team=manager.team)
    services.set_dip_sample_share(
        service_manager.user, share_percent=40, reason="Inspection found NFA concerns"
    )
    nfa_week(20)
    draw = services.draw_weekly_sample(WEEKLY_JOB, WEEK, today=TODAY)
    assert (draw.share_percent, draw.items.count()) == (40, 8)
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.CONFIG, summary="Set the dip sample share to 40%"
    ).exists()


def test_the_draw_is_deterministic_given_the_week():
    nfa_week(30)
    first = drawn_ids(services.draw_weekly_sample(WEEKLY_JOB, WEEK, today=TODAY))
    DipSampleDraw.objects.all().delete()  # as if on another machine with the same records
    again = drawn_ids(services.draw_weekly_sample(WEEKLY_JOB, WEEK, today=TODAY))
    assert first == again
    draws = set()
    for seed in range(5):
        DipSampleDraw.objects.all().delete()
        draws.add(
            tuple(drawn_ids(services.draw_weekly_sample(WEEKLY_JOB, WEEK, seed=seed, today=TODAY)))
        )
    assert len(draws) > 1  # the seed does change the draw: it is not always the first few


def test_rerunning_a_week_does_not_redraw_it(manager):
    nfa_week(20)
    first = services.draw_weekly_sample(WEEKLY_JOB, WEEK, today=TODAY)
    chosen = drawn_ids(first)
    # More decisions authorised late, and the share changed: the week stays as drawn.
    nfa_week(10)
    services.set_dip_sample_share(
        WorkerFactory(role=Worker.Role.SERVICE_MANAGER).user,
        share_percent=50,
        reason="More scrutiny",
    )
    again = services.draw_weekly_sample(WEEKLY_JOB, WEEK, seed="another", today=TODAY)
    assert again.pk == first.pk
    assert drawn_ids(again) == chosen
    assert DipSampleDraw.objects.count() == 1


def test_only_decisions_standing_as_nfa_and_authorised_that_week_are_drawn(manager):
    services.set_dip_sample_share(
        WorkerFactory(role=Worker.Role.SERVICE_MANAGER).user,
        share_percent=100,
        reason="Check everything",
    )
    agreed = authorised_nfa(london(2026, 11, 3, 10, 0))
    overturned_to_nfa = DecidedContactFactory(decision="advice")
    overturned_by_manager(
        overturned_to_nfa,
        london(2026, 11, 4, 10, 0),
        to="nfa",
        reasons="No role for advice: needs met.",
    )
    overturned_away = DecidedContactFactory()
    overturned_by_manager(
        overturned_away, london(2026, 11, 4, 11, 0), to="referral", reasons="Threshold met."
    )
    not_yet_authorised = DecidedContactFactory(decided_at=london(2026, 11, 5, 10, 0))
    next_week = authorised_nfa(london(2026, 11, 9, 0, 5))
    sunday_night = authorised_nfa(london(2026, 11, 8, 23, 55))
    draw = services.draw_weekly_sample(WEEKLY_JOB, WEEK, today=TODAY)
    assert drawn_ids(draw) == sorted([agreed.pk, overturned_to_nfa.pk, sunday_night.pk])
    assert not_yet_authorised.pk not in drawn_ids(draw)
    assert next_week.pk not in drawn_ids(draw)


def test_a_week_that_has_not_finished_or_does_not_start_on_monday_is_refused():
    with pytest.raises(ValidationError) as refused:
        services.draw_weekly_sample(WEEKLY_JOB, dt.date(2026, 11, 23), today=TODAY)
    assert "week_start" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.draw_weekly_sample(WEEKLY_JOB, dt.date(2026, 11, 3), today=TODAY)
    assert refused.value.message_dict["week_start"] == ["Week beginning must be a Monday."]
    assert not DipSampleDraw.objects.exists()


def test_the_command_line_draws_last_week_and_says_what_it_drew():
    nfa_week(10, week=dt.date(2026, 11, 16))
    lines = services.draw_last_week(WEEKLY_JOB, today=TODAY)
    assert lines[0].startswith("Dip sample for the week beginning 16/11/2026: 1 of 10")
    assert len(lines) == 2
    assert services.draw_last_week(WEEKLY_JOB, today=TODAY) == lines  # and again: the same draw


@pytest.fixture
def drawn(manager):
    nfa_week(10)
    draw = services.draw_weekly_sample(WEEKLY_JOB, WEEK, today=TODAY)
    return draw, draw.items.get()


def test_the_week_page_lists_the_sample_and_the_review_records_a_finding(drawn, sign_in):
    draw, item = drawn
    qa = WorkerFactory(role=Worker.Role.QA_OFFICER)
    client = sign_in(qa)
    page = client.get("/front-door/dip-samples/2026-11-02/").content.decode()
    assert item.child.full_name in page
    assert "1 of 10" in page
    review = f"/front-door/dip-samples/reviews/{item.pk}/"
    assert client.get(review).status_code == 200
    response = client.post(
        review, {"finding": "follow_up", "comments": "Should have checked with the health visitor."}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.finding, item.reviewed_by) == ("follow_up", qa)
    assert AuditEvent.objects.filter(
        event_type=EventType.DIP_SAMPLE_REVIEWED,
        child=item.child,
        summary__startswith="Dip sample review",
    ).exists()


def test_a_finding_other_than_agree_needs_comments(drawn, sign_in):
    _draw, item = drawn
    qa = WorkerFactory(role=Worker.Role.QA_OFFICER)
    response = sign_in(qa).post(
        f"/front-door/dip-samples/reviews/{item.pk}/", {"finding": "referral", "comments": ""}
    )
    assert "Enter comments explaining what should have happened." in response.content.decode()
    item.refresh_from_db()
    assert item.finding == ""


def test_the_manager_who_authorised_the_decision_cannot_review_it(drawn):
    _draw, item = drawn
    manager = item.contact.authorisation.manager
    AllocationFactory(worker=manager, child=item.child)  # so only their part in it refuses them
    with pytest.raises(ValidationError) as refused:
        services.review_dip_sample(manager.user, item, finding="agree", comments="")
    assert "finding" in refused.value.message_dict


def test_social_workers_do_not_reach_the_dip_sample_pages(drawn, sign_in, screener):
    _draw, item = drawn
    client = sign_in(screener)
    assert client.get("/front-door/dip-samples/").status_code == 404
    assert client.get("/front-door/dip-samples/2026-11-02/").status_code == 404
    assert client.get(f"/front-door/dip-samples/reviews/{item.pk}/").status_code == 404


def test_a_reviewer_sees_only_sampled_contacts_in_their_scope(drawn, sign_in):
    _draw, item = drawn
    from sightline.testing.factories import TeamFactory

    elsewhere = WorkerFactory(
        role=Worker.Role.TEAM_MANAGER, team=TeamFactory(name="Safeguarding North")
    )
    client = sign_in(elsewhere)
    page = client.get("/front-door/dip-samples/2026-11-02/").content.decode()
    assert item.child.full_name not in page
    assert "1 more contact drawn is about children outside what you can see" in page
    assert client.get(f"/front-door/dip-samples/reviews/{item.pk}/").status_code == 404


def test_the_draw_form_refuses_an_unfinished_week_naming_the_field(sign_in):
    qa = WorkerFactory(role=Worker.Role.QA_OFFICER)
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    response = sign_in(qa).post(
        "/front-door/dip-samples/",
        {
            "week_start_day": monday.day,
            "week_start_month": monday.month,
            "week_start_year": monday.year,
        },
    )
    assert "That week has not finished" in response.content.decode()
    assert not DipSampleDraw.objects.exists()


def test_the_share_page_is_for_service_managers_and_refuses_bad_values(sign_in, manager):
    assert sign_in(manager).get("/front-door/dip-samples/share/").status_code == 404
    service_manager = WorkerFactory(role=Worker.Role.SERVICE_MANAGER)
    client = sign_in(service_manager)
    page = client.post(
        "/front-door/dip-samples/share/", {"share_percent": "0", "reason": "Stop"}
    ).content.decode()
    assert "Share to sample must be a whole number from 1 to 100" in page
    assert services.current_dip_sample_share() == 10
    client.post("/front-door/dip-samples/share/", {"share_percent": "25", "reason": "Audit"})
    assert services.current_dip_sample_share() == 25


def test_items_are_recorded_with_their_child_for_scoping(drawn):
    _draw, item = drawn
    assert item.child_id == item.contact.child_id
    assert DipSampleItem.objects.count() == 1


def test_the_weekly_job_draws_as_the_system_and_says_so_on_the_trail():
    nfa_week(10, week=dt.date(2026, 11, 16))
    services.draw_last_week(WEEKLY_JOB, today=TODAY)
    drawn = AuditEvent.objects.get(event_type=EventType.DIP_SAMPLE_DRAWN)
    assert (drawn.actor, drawn.actor_name) == (None, "Weekly dip sample")
    assert DipSampleDraw.objects.get().drawn_by is None


def test_a_senior_leader_who_sets_the_share_sees_the_samples_but_is_offered_no_review(
    drawn, sign_in
):
    leader = sign_in(WorkerFactory(role=Worker.Role.SENIOR_LEADER))
    page = leader.get("/front-door/dip-samples/").content.decode()
    assert "Change the share sampled" in page
    week = leader.get("/front-door/dip-samples/2026-11-02/").content.decode()
    assert "Not yet reviewed" in week
    _draw, item = drawn
    assert leader.get(f"/front-door/dip-samples/reviews/{item.pk}/").status_code == 404


def test_a_reviewed_contact_shows_the_review_in_place_of_the_form(drawn, sign_in):
    _draw, item = drawn
    qa = WorkerFactory(role=Worker.Role.QA_OFFICER)
    services.review_dip_sample(qa.user, item, finding="agree", comments="Sound decision.")
    page = sign_in(qa).get(f"/front-door/dip-samples/reviews/{item.pk}/").content.decode()
    assert f"Reviewed by {qa.full_name}" in page
    assert "Sound decision." in page
    assert "Save the review" not in page
