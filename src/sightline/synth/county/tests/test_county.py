"""A generated county is complete, in order, valid and consistent with itself."""

from collections import Counter
from datetime import UTC, datetime, time, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, models
from django.db.models import F, Q

from sightline.access.models import AuditEvent
from sightline.assessments.models import Assessment, MidpointCheck
from sightline.care.models import CareEpisode, CareVisit, MissingEpisode
from sightline.cin.models import CINEpisode, CINVisit
from sightline.frontdoor.models import Contact, DecisionAuthorisation
from sightline.leaving_care.models import PathwayPlanReview
from sightline.people.models import Allocation, Child, HouseholdMember, Relationship, Worker
from sightline.protection.models import (
    ChildProtectionPlan,
    ChildProtectionReview,
    ChildProtectionVisit,
    CoreGroupMeeting,
)
from sightline.synth.county.dates import LONDON
from sightline.synth.county.run import DEMO_PASSWORD
from sightline.synth.county.workforce import DEMO_USERNAMES
from sightline.synth.county.writer import TABLES, model_for

from .conftest import AS_OF, county_fixture

pytestmark = pytest.mark.django_db
county = county_fixture(6000, 4, 7)
GENERATED = [model_for(label) for _, label, _ in TABLES]
END_OF_AS_OF = datetime.combine(AS_OF, time(0), tzinfo=LONDON)


def _sample(model, n=50):
    ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
    step = max(1, len(ids) // n)
    return model.objects.filter(pk__in=ids[::step][:n])


def test_every_kind_of_record_is_generated(county):
    empty = [m._meta.label for m in GENERATED if not m.objects.exists()]
    assert not empty, empty


def test_population_is_exactly_n_children_aged_0_to_17_on_as_of(county):
    born_after = AS_OF.replace(year=AS_OF.year - 18)
    assert Child.objects.filter(date_of_birth__gt=born_after).count() == 6000
    # Care leavers and those who turned 18 during the window are there as well.
    assert Child.objects.filter(date_of_birth__lte=born_after).exists()


def test_records_of_every_model_pass_full_clean(county):
    problems = []
    for model in GENERATED:
        for obj in _sample(model):
            try:
                obj.full_clean()
            except Exception as error:  # noqa: BLE001 - collect every failure
                problems.append(f"{model._meta.label} {obj.pk}: {error}")
    assert not problems, problems[:20]


# Target dates in a plan ("by when") are plans for the future, not events: allowed after as-of.
FUTURE_ALLOWED = {"protection.PlanOutcome.by_when"}


def test_nothing_is_dated_after_as_of(county):
    late = []
    for model in GENERATED:
        for field in model._meta.concrete_fields:
            if f"{model._meta.label}.{field.name}" in FUTURE_ALLOWED:
                continue
            if isinstance(field, models.DateTimeField):
                after = {f"{field.name}__gte": END_OF_AS_OF}
            elif isinstance(field, models.DateField):
                after = {f"{field.name}__gt": AS_OF}
            else:
                continue
            if model.objects.filter(**after).exists():
                late.append(f"{model._meta.label}.{field.name}")
    assert not late, late


def test_the_referral_chain_is_in_order(county):
    assert not Assessment.objects.filter(start_date__lt=F("cin_episode__referral_date")).exists()
    assert not Assessment.objects.filter(authorised_date__lt=F("start_date")).exists()
    assert not CINEpisode.objects.filter(closure_date__lt=F("referral_date")).exists()
    assert not MidpointCheck.objects.filter(date__lt=F("assessment__start_date")).exists()
    for plan in ChildProtectionPlan.objects.select_related(
        "icpc__section47__strategy_discussion", "cin_episode"
    ):
        icpc = plan.icpc
        assert icpc is not None, plan.pk
        s47 = icpc.section47
        assert s47 is not None and s47.strategy_discussion is not None, plan.pk
        strategy = s47.strategy_discussion
        assert plan.child_id == icpc.child_id == s47.child_id == strategy.child_id
        assert plan.cin_episode.referral_date <= strategy.date <= s47.start_date
        assert s47.start_date <= icpc.date <= plan.start_date
        assert icpc.plan_made


def test_a_childs_referrals_do_not_overlap(county):
    by_child: dict[int, list] = {}
    for child_id, referred, closed in CINEpisode.objects.order_by(
        "child_id", "referral_date", "pk"
    ).values_list("child_id", "referral_date", "closure_date"):
        by_child.setdefault(child_id, []).append((referred, closed))
    for child_id, episodes in by_child.items():
        for (_, closed), (next_referred, _) in zip(episodes, episodes[1:], strict=False):
            assert closed is not None and closed <= next_referred, child_id


def test_visits_meetings_and_reviews_fall_within_their_plans(county):
    for model, date_field in (
        (ChildProtectionVisit, "visit_date"),
        (CoreGroupMeeting, "date"),
        (ChildProtectionReview, "date"),
    ):
        qs = model.objects.filter(
            Q(**{f"{date_field}__lt": F("cp_plan__start_date")})
            | Q(**{f"{date_field}__gt": F("cp_plan__end_date")})
        )
        assert not qs.exists(), model._meta.label
    assert not CINVisit.objects.filter(
        Q(visit_date__lt=F("cin_plan__start_date")) | Q(visit_date__gt=F("cin_plan__end_date"))
    ).exists()
    assert not PathwayPlanReview.objects.filter(date__lt=F("pathway_plan__start_date")).exists()
    episodes: dict[int, list] = {}
    for child_id, start, end in CareEpisode.objects.values_list(
        "child_id", "start_date", "end_date"
    ):
        episodes.setdefault(child_id, []).append((start, end or AS_OF))
    for child_id, day in CareVisit.objects.values_list("child_id", "visit_date"):
        assert any(s <= day <= e for s, e in episodes[child_id]), (child_id, day)


def test_care_episodes_do_not_overlap_and_chain_end_to_start(county):
    by_child: dict[int, list] = {}
    for row in CareEpisode.objects.order_by("child_id", "start_date").values_list(
        "child_id", "start_date", "end_date", "reason_ceased", "reason_new_episode"
    ):
        by_child.setdefault(row[0], []).append(row[1:])
    for child_id, rows in by_child.items():
        for (_, e1, rec1, _), (s2, _, _, rne2) in zip(rows, rows[1:], strict=False):
            assert e1 is not None and e1 <= s2, child_id
            if rec1 == "X1":
                assert e1 == s2 and rne2 != "S", child_id
            else:
                assert rne2 == "S", child_id
        assert rows[0][3] == "S"
        assert all(e is not None for _, e, _, _ in rows[:-1])


def test_contacts_decisions_and_authorisations_are_in_order(county):
    assert not Contact.objects.filter(decided_at__lt=F("received_at")).exists()
    assert not DecisionAuthorisation.objects.filter(
        authorised_at__lt=F("contact__decided_at")
    ).exists()
    for contact in Contact.objects.filter(decision__in=("referral", "strategy")).select_related(
        "cin_episode"
    )[:300]:
        assert contact.cin_episode is not None
        decided = contact.decided_at.astimezone(LONDON).date()
        assert contact.cin_episode.referral_date == decided


def test_allocations_follow_the_stage_the_child_is_at(county):
    assert not Allocation.objects.filter(end_date__lt=F("start_date")).exists()
    periods: dict[int, list] = {}
    for child_id, start, end in CareEpisode.objects.values_list(
        "child_id", "start_date", "end_date"
    ):
        periods.setdefault(child_id, []).append((start, end or AS_OF))
    for alloc in Allocation.objects.filter(kind="iro").select_related("team"):
        assert alloc.team.kind == "iro"
        assert any(s <= alloc.start_date <= e for s, e in periods[alloc.child_id])
    for alloc in Allocation.objects.filter(kind="personal_adviser").select_related("child", "team"):
        assert alloc.team.kind == "care_leavers"
        assert alloc.child.age_on(alloc.start_date) >= 16
    kinds = set(
        Allocation.objects.filter(kind="social_worker").values_list("team__kind", flat=True)
    )
    assert kinds <= {
        "front_door",
        "assessment",
        "safeguarding",
        "children_in_care",
        "disabled_children",
    }
    assert {"front_door", "assessment", "safeguarding", "children_in_care"} <= kinds
    # Children with a disability as primary need are held by the disabled children's team.
    n2 = CINEpisode.objects.filter(primary_need="N2", cin_plans__isnull=False).values("child")
    assert Allocation.objects.filter(child__in=n2, team__kind="disabled_children").exists()


def test_missing_episodes_and_return_interviews_are_in_order(county):
    assert not MissingEpisode.objects.filter(returned_at__lt=F("started_at")).exists()
    assert not MissingEpisode.objects.filter(rhi_offered_at__lt=F("returned_at")).exists()
    assert not MissingEpisode.objects.filter(rhi_completed_at__lt=F("rhi_offered_at")).exists()


def test_siblings_share_households_and_are_related(county):
    households: dict[int, set] = {}
    for household_id, child_id in HouseholdMember.objects.filter(child__isnull=False).values_list(
        "household_id", "child_id"
    ):
        households.setdefault(household_id, set()).add(child_id)
    pairs = set(
        Relationship.objects.filter(kind="sibling").values_list("child_id", "other_child_id")
    )
    families = [kids for kids in households.values() if len(kids) > 1]
    assert families
    for kids in families:
        for a in kids:
            for b in kids:
                if a != b:
                    assert (a, b) in pairs
    assert Relationship.objects.filter(kind="mother", parental_responsibility=True).exists()


def test_datetimes_read_back_through_the_orm_as_written(county):
    table = Contact._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, received_at FROM {table} ORDER BY id LIMIT 200")  # noqa: S608
        raw = dict(cursor.fetchall())
    for pk, value in Contact.objects.filter(pk__in=raw).values_list("pk", "received_at"):
        assert value.tzinfo is not None
        if connection.vendor == "sqlite":
            stored = raw[pk]  # Django's SQLite converter hands back a naive UTC datetime
            if isinstance(stored, str):
                stored = datetime.fromisoformat(stored)
            assert value.astimezone(UTC).replace(tzinfo=None) == stored
        else:
            assert value == raw[pk]
    # Contacts arrive in office hours or out of hours, never in the small hours of a workday
    # with a decision before they arrived.
    hours = Counter(
        c.astimezone(LONDON).hour
        for c in Contact.objects.values_list("received_at", flat=True)[:2000]
    )
    assert sum(hours[h] for h in range(9, 17)) > sum(hours.values()) / 2


def test_demo_logins_are_generated_workers_one_per_role(county):
    users = {u.username: u for u in get_user_model().objects.filter(username__endswith=".demo")}
    workers = {name: Worker.objects.select_related("team").get(user=u) for name, u in users.items()}
    assert {name: worker.role for name, worker in workers.items()} == dict(DEMO_USERNAMES)
    assert {w.role for w in workers.values()} == set(Worker.Role.values)
    assert all(u.check_password(DEMO_PASSWORD) for u in users.values())
    sw = workers["sw.demo"]
    assert sw.team.kind == "safeguarding"
    current = Allocation.objects.filter(worker=sw, start_date__lte=AS_OF).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=AS_OF)
    )
    assert 12 <= current.count() <= 22
    assert workers["tm.demo"].team_id == sw.team_id
    assert workers["sm.demo"].team.service_id == sw.team.service_id
    assert workers["lado.demo"].team.kind == "lado"
    assert workers["iro.demo"].team.kind == "iro"
    assert workers["pa.demo"].team.kind == "care_leavers"
    # Only the demo workers have logins.
    assert Worker.objects.filter(user__isnull=False).count() == 9


def test_the_run_is_recorded_in_the_audit_trail(county):
    event = AuditEvent.objects.get(kind="generate")
    assert event.actor is None and event.child is None
    assert event.detail["population"] == 6000 and event.detail["seed"] == 7
    assert event.detail["rows"]["child"] == Child.objects.count()


def test_foreign_keys_hold(county):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_key_check")
            assert cursor.fetchall() == []
    else:  # PostgreSQL enforces them at commit; check every deferred constraint now
        connection.check_constraints()


def test_caseloads_are_in_the_range_councils_report(county):
    holders = Worker.objects.filter(
        role="social_worker",
        team__kind__in=("assessment", "safeguarding", "children_in_care", "disabled_children"),
    )
    current = Allocation.objects.filter(
        kind="social_worker", worker__in=holders, start_date__lte=AS_OF
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=AS_OF))
    average = current.count() / holders.count()
    assert 12 <= average <= 24, average


def test_care_leavers_uasc_and_lado_are_there(county):
    from sightline.care.models import UASCPeriod
    from sightline.lado.models import Allegation
    from sightline.leaving_care.models import CareLeaverAccommodation, CareLeaverContact

    leavers = Child.objects.filter(care_leaver_accommodation__isnull=False).distinct()
    assert leavers.exists()
    for child in leavers[:50]:
        first = child.care_leaver_accommodation.order_by("start_date").first()
        assert child.age_on(first.start_date) == 18
    assert CareLeaverContact.objects.filter(in_touch="YES").exclude(activity="").exists()
    assert UASCPeriod.objects.exists()
    assert Allegation.objects.filter(children__isnull=False).exists()
    assert CareLeaverAccommodation.objects.exists()
    # Not every child is known to children's social care: most have no contact at all.
    known = Child.objects.filter(contacts__isnull=False).distinct().count()
    assert 0.05 < known / Child.objects.count() < 0.6


def test_assessment_periods_and_timescales_read_by_the_engine(county):
    from sightline.timescales.rules import child_timescales

    child = Child.objects.filter(cp_plans__isnull=False).order_by("pk").first()
    items = child_timescales(child, today=AS_OF)
    assert items


def test_ids_are_contiguous_from_one(county):
    for model in GENERATED:
        agg = model.objects.aggregate(
            n=models.Count("pk"), top=models.Max("pk"), low=models.Min("pk")
        )
        if agg["n"]:
            assert agg["low"] == 1 and agg["top"] == agg["n"], model._meta.label


def test_every_referral_came_through_a_contact(county):
    missing = CINEpisode.objects.exclude(
        models.Exists(
            Contact.objects.filter(
                cin_episode=models.OuterRef("pk"), decision__in=("referral", "strategy")
            )
        )
    )
    assert not missing.exists()
    _ = timedelta  # keeps the import for readers following the dates
