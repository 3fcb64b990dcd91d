"""The small demo county: the generator's county with the named stories laid over it. One login
per role and the stories' more, idempotent, deterministic, valid, and holding the situations
the browser tests look for by name."""

import time
from datetime import date, datetime

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.db import models, transaction
from django.test import RequestFactory
from django.utils import timezone

from sightline.access.scope import children_visible_to
from sightline.frontdoor.models import Contact
from sightline.people.identifiers import nhs_number_problem, uln_problem, upn_problem
from sightline.people.models import Child, Worker
from sightline.synth.demo import (
    DEMO_PASSWORD,
    NOT_RECORD_DATES,
    _Stories,
    demo_workers,
    ensure_demo_data,
    stories,
    when,
)
from sightline.testing.factories import ChildFactory
from sightline.timescales.calendar import calendar

# A fixed Wednesday in the past, so the county is the same on every run.
TODAY = date(2026, 3, 11)

pytestmark = pytest.mark.django_db


def sightline_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("sightline.")]


def record_counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_models()}


def on(value: date | datetime) -> date:
    return timezone.localtime(value).date() if isinstance(value, datetime) else value


def named(name: str) -> Child:
    first, last = name.split(" ", 1)
    return Child.objects.get(first_name=first, last_name=last)


def allocated_to(username: str) -> set[str]:
    current = Child.objects.filter(
        allocations__worker__user__username=username, allocations__end_date__isnull=True
    )
    return {child.full_name for child in current}


def user(username: str):
    return Worker.objects.get(user__username=username).user


@pytest.fixture
def county() -> None:
    assert ensure_demo_data(TODAY) is True


def test_one_demo_login_per_role_then_the_stories_logins_each_with_the_demo_password(county):
    workers = demo_workers()
    # One per role first, in role order; then the front door's and the assessment team's.
    assert [w.role for w in workers[: len(Worker.Role.values)]] == list(Worker.Role.values)
    request = RequestFactory().post("/")
    for worker in workers:
        login = worker.user
        assert login.first_name == worker.first_name and login.last_name == worker.last_name
        assert not login.is_staff and not login.is_superuser and login.is_active
        validate_password(DEMO_PASSWORD, login)  # the project's validators accept it
        assert authenticate(request, username=login.username, password=DEMO_PASSWORD) == login
        assert authenticate(request, username=login.username, password="not-the-password") is None
    assert [w.user.username for w in workers] == [
        "sw.demo", "tm.demo", "sm.demo", "iro.demo", "pa.demo",
        "lado.demo", "qa.demo", "leader.demo", "admin.demo",
        "fd.demo", "fdtm.demo", "assess.demo", "assesstm.demo", "cic.demo", "eh.demo",
    ]  # fmt: skip
    by_name = {w.user.username: w for w in workers}
    assert by_name["sw.demo"].team == by_name["tm.demo"].team
    assert by_name["sm.demo"].team.service == by_name["sw.demo"].team.service
    assert {by_name[u].team.name for u in ("fd.demo", "fdtm.demo")} == {"Front Door (MASH)"}
    assert {by_name[u].team.name for u in ("assess.demo", "assesstm.demo")} == {
        "Assessment Team North"
    }
    # The front door passes referrals to the assessment team within its own service.
    assert by_name["assess.demo"].team.service == by_name["fdtm.demo"].team.service
    assert {by_name[u].full_name for u in ("fd.demo", "assesstm.demo")} == {
        "Kwame Mensah",
        "Gillian Shah",
    }


def test_a_second_call_changes_nothing(county):
    before = record_counts()
    assert ensure_demo_data(TODAY) is False
    assert ensure_demo_data() is False
    assert record_counts() == before


def _snapshot() -> dict:
    return {
        "children": list(
            Child.objects.order_by("council_id").values_list(
                "council_id", "first_name", "last_name", "date_of_birth", "upn", "nhs_number"
            )
        ),
        "contacts": list(
            Contact.objects.order_by("pk").values_list("child__council_id", "received_at")
        ),
        "counts": record_counts(),
    }


def _build_and_roll_back(today: date) -> dict:
    with transaction.atomic():
        assert ensure_demo_data(today) is True
        snapshot = _snapshot()
        transaction.set_rollback(True)
    assert not Child.objects.exists()
    return snapshot


def test_the_same_today_gives_the_same_county_and_another_day_a_different_one():
    first = _build_and_roll_back(TODAY)
    assert first == _build_and_roll_back(TODAY)
    assert first["contacts"] != _build_and_roll_back(date(2026, 3, 12))["contacts"]


def test_every_story_child_is_there_once_and_no_child_has_a_name_a_test_adds(county):
    for story in stories()["children"]:
        first, last = story["name"].split(" ", 1)
        assert Child.objects.filter(first_name=first, last_name=last).count() == 1, story["name"]
    for name in stories()["reserved_names"]:
        first, last = name.split(" ", 1)
        assert not Child.objects.filter(first_name=first, last_name=last).exists(), name


def test_a_generated_child_with_a_story_childs_name_is_renamed():
    ChildFactory(first_name="Mason", last_name="Reid")
    ChildFactory(first_name="Harper", last_name="Whitfield")
    ChildFactory(first_name="Harper", last_name="Reid")
    _Stories(TODAY).make_names_unique(["Mason Reid", "Harper Whitfield"])
    names = {c.full_name for c in Child.objects.all()}
    assert "Mason Reid" not in names and "Harper Whitfield" not in names
    assert "Harper Reid" in names
    assert len(names) == 3


def test_story_dates_count_back_from_today():
    cal = calendar()
    assert when("today", TODAY, cal) == TODAY
    assert when("13 working days ago", TODAY, cal) == cal.subtract_working_days(TODAY, 13)
    assert when("9 years 4 months ago", TODAY, cal) == date(2016, 11, 11)
    moment = when("1 working day ago at 16:40", TODAY, cal)
    assert timezone.localtime(moment).isoformat() == "2026-03-10T16:40:00+00:00"
    with pytest.raises(ValueError, match="not a date"):
        when("next Tuesday", TODAY, cal)


def test_every_identifier_passes_its_check_and_nhs_numbers_are_test_numbers(county):
    children = list(Child.objects.all())
    for child in children:
        if child.upn:
            assert upn_problem(child.upn) is None, child
        if child.uln:
            assert uln_problem(child.uln) is None, child
        if child.nhs_number:
            assert nhs_number_problem(child.nhs_number) is None, child
            assert child.nhs_number.startswith("999"), "the NHS test range"
    for field in ("council_id", "upn", "uln", "nhs_number"):
        values = [getattr(c, field) for c in children if getattr(c, field)]
        assert len(set(values)) == len(values), field
    assert all(named(s["name"]).nhs_number for s in stories()["children"])


def test_every_story_record_passes_the_projects_own_validation(county):
    # The generator's records are checked in county/tests/test_county.py.
    children = [named(s["name"]) for s in stories()["children"]]
    declared = [
        label
        for story in stories()["children"]
        for entry in story["records"]
        for label in entry
        if "child" in {f.name for f in apps.get_model(label)._meta.concrete_fields}
    ]
    checked = 0
    for child in children:
        child.full_clean()
    for model in sightline_models():
        if "child" not in {f.name for f in model._meta.concrete_fields}:
            continue
        for record in model.objects.filter(child__in=children):
            record.full_clean()
            checked += 1
    for worker in demo_workers():
        worker.full_clean()
        worker.user.full_clean()
    assert checked == len(declared) > 40


def test_no_record_is_dated_after_today(county):
    checked = 0
    for model in sightline_models():
        if isinstance(model._meta.pk, models.DateField):
            continue  # a calendar table (one row per day), not a record of something that happened
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.DateField) or field.name in NOT_RECORD_DATES:
                continue
            checked += model.objects.exclude(**{f"{field.name}__isnull": True}).count()
            if isinstance(field, models.DateTimeField):
                end = timezone.make_aware(datetime.combine(TODAY, datetime.max.time()))
                late = model.objects.filter(**{f"{field.name}__gt": end})
            else:
                late = model.objects.filter(**{f"{field.name}__gt": TODAY})
            assert not late.exists(), f"{model._meta.label}.{field.name}"
    assert checked > 1000


def test_sw_demo_holds_the_stories_the_browser_tests_open(county):
    assert {"Zara Okoro", "Isla Murray", "Daisy Holloway", "Kian Mercer"} <= allocated_to("sw.demo")

    daisy = named("Daisy Holloway")
    assert daisy.cin_episodes.filter(closure_date__isnull=True).count() == 1
    assert not daisy.strategy_discussions.exists() and not daisy.cp_plans.exists()
    assert daisy.assessments.filter(authorised_date__isnull=True).exists()

    kian = named("Kian Mercer")
    plan = kian.cp_plans.get(end_date__isnull=True)
    assert not plan.outcomes.exists() and not plan.reviews.exists()
    assert plan.core_groups.exists()

    zara = named("Zara Okoro")
    assert zara.strategy_discussions.count() == 1
    assert zara.s47_enquiries.get().end_date is None
    assert not zara.icpcs.exists() and not zara.cp_plans.exists()

    isla = named("Isla Murray")
    assessment = isla.assessments.get(authorised_date__isnull=True)
    assert assessment.seen.exists()


def test_alfie_awaits_a_decision_at_the_front_door_and_is_nobodys_yet(county):
    alfie = named("Alfie Barker")
    waiting = Contact.objects.filter(child=alfie, decision="")
    assert waiting.count() == 1
    assert on(waiting.get().received_at) < TODAY
    assert not alfie.allocations.exists()


def test_mason_reid_is_only_the_assessment_teams_and_those_who_see_every_child(county):
    # The browser crawl relies on it: Mason is the child outside most logins' scope.
    mason = named("Mason Reid")
    assert allocated_to("assess.demo") >= {"Mason Reid"}
    latest = mason.contacts.order_by("-received_at").first().received_at
    assert (TODAY - on(latest)).days > 30  # the front door sees a child for 30 days after a contact
    for username in ("sw.demo", "tm.demo", "sm.demo", "iro.demo", "pa.demo", "fdtm.demo"):
        assert mason not in children_visible_to(user(username)), username
    for username in ("qa.demo", "leader.demo", "assess.demo", "assesstm.demo"):
        assert mason in children_visible_to(user(username)), username


def test_every_timescale_state_shows_up(county):
    from sightline.timescales.engine import State
    from sightline.timescales.rules import child_timescales

    # The demo logins' own caseloads, between them, show every state in their work lists.
    allocated = Child.objects.filter(
        allocations__end_date__isnull=True, allocations__worker__user__isnull=False
    ).distinct()
    states = {item.state for child in allocated for item in child_timescales(child, TODAY)}
    assert states == set(State)
    isla = {(i.key, i.state) for i in child_timescales(named("Isla Murray"), TODAY)}
    assert ("assessment.completion", State.OVERDUE) in isla
    zara = {(i.key, i.state) for i in child_timescales(named("Zara Okoro"), TODAY)}
    assert ("child_protection.icpc", State.DUE_SOON) in zara


def test_loading_the_demo_is_quick():
    # CPU time, not wall time, so a busy machine does not fail the test.
    started = time.process_time()
    assert ensure_demo_data() is True
    assert time.process_time() - started < 5


def test_a_children_in_care_social_worker_and_an_early_help_lead_hold_children(county):
    cic = Worker.objects.get(user__username="cic.demo")
    assert cic.team.kind == "children_in_care" and cic.role == Worker.Role.SOCIAL_WORKER
    assert allocated_to("cic.demo") == {"Leah Carter", "Jayden Cole"}
    for name in allocated_to("cic.demo"):
        assert named(name).care_episodes.filter(end_date__isnull=True).exists(), name
    oscar = named("Oscar Bennett")
    assert allocated_to("eh.demo") == {"Oscar Bennett"}
    assert oscar.allocations.get().kind == "early_help_lead"
    assert oscar.early_help_episodes.filter(end_date__isnull=True).exists()


def test_ruby_fletcher_waits_on_her_last_teams_unallocated_work(county):
    from sightline.workforce.unallocated import unallocated_work

    ruby = named("Ruby Fletcher")
    assert not allocated_to("sw.demo") & {"Ruby Fletcher"}
    assert ruby in [row.child for row in unallocated_work(user("tm.demo"), TODAY)]
    assert ruby not in [row.child for row in unallocated_work(user("fdtm.demo"), TODAY)]
