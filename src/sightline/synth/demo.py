"""A small, deterministic fixture county for the demo, built in code.

Until the calibrated synthetic-county generator exists, `ensure_demo_data()` loads about thirty
made-up children with everything the service records about them: contacts, referrals,
assessments (with managers' midpoint checks), child in need plans and reviews, child
protection, children in care, care leavers and two LADO allegations, plus one demo login per
role, four more logins for the front door and the assessment team (so that a contact can be
followed from the front door to an authorised assessment, one person at a time) and six more
workers. Every name, identifier, address and event is invented: NHS numbers are in the range
the NHS reserves for testing (999 000 0000 to 999 999 9999), UPNs use an LA number no council
has (999), postcodes are in an area that does not exist (SX) and phone numbers are in the range
Ofcom keeps for drama (07700 900xxx).

Dates are counted back from `today`, so that whenever the demo runs its work lists show every
timescale state: due, due soon, overdue, met on time and met late. The same `today` always
gives the same county (one seeded `random.Random`), and every record passes `full_clean()`
before it is saved, so the demo never holds anything the service's own forms would refuse.

The story of each child is in the method that builds them; `DEMO_LOGINS`, `MORE_LOGINS` and
`OTHER_WORKERS` say who works where.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone

from sightline.access.audit import record
from sightline.access.models import AuditEvent
from sightline.assessments.models import (
    Assessment,
    AssessmentChildSeen,
    AssessmentFactor,
    MidpointCheck,
)
from sightline.care.models import (
    AdoptionProcess,
    CareEpisode,
    CareReview,
    CareVisit,
    HealthCheck,
    MissingEpisode,
    UASCPeriod,
)
from sightline.cin.models import CINEpisode, CINPlan, CINPlanReview, CINVisit
from sightline.frontdoor.models import Contact, DecisionAuthorisation
from sightline.lado.models import Allegation
from sightline.leaving_care.models import (
    CareLeaverAccommodation,
    CareLeaverContact,
    PathwayPlan,
    PathwayPlanReview,
)
from sightline.people.identifiers import upn_check_letter
from sightline.people.models import (
    Address,
    Adult,
    Allocation,
    Child,
    ChildDisability,
    Household,
    HouseholdMember,
    Relationship,
    Service,
    Team,
    Worker,
)
from sightline.protection.models import (
    ChildProtectionPlan,
    ChildProtectionReview,
    ChildProtectionVisit,
    CoreGroupMeeting,
    InitialChildProtectionConference,
    OutcomeProgress,
    PlanOutcome,
    Section47Enquiry,
    StrategyDiscussion,
)
from sightline.timescales.calendar import calendar

__all__ = ["DEMO_PASSWORD", "DEMO_USERNAMES", "demo_workers", "ensure_demo_data"]

# Every demo login has this password. It passes the project's password validators.
DEMO_PASSWORD = "sightline-demo-2026"
SEED = 2026
LONDON = ZoneInfo("Europe/London")

Kind = Team.Kind
Role = Worker.Role

# (service, team, kind). The first service's presence means the demo is already loaded.
TEAMS: list[tuple[str, str, str]] = [
    ("Front door and assessment", "Front Door (MASH)", Kind.FRONT_DOOR),
    ("Front door and assessment", "Assessment Team North", Kind.ASSESSMENT),
    ("Safeguarding and family support", "Safeguarding Team East", Kind.SAFEGUARDING),
    ("Safeguarding and family support", "Disabled Children's Team", Kind.DISABLED_CHILDREN),
    ("Children in care and care leavers", "Children in Care Team", Kind.CHILDREN_IN_CARE),
    ("Children in care and care leavers", "Care Leavers Team", Kind.CARE_LEAVERS),
    ("Children in care and care leavers", "Independent Reviewing Service", Kind.IRO),
    ("Quality and performance", "Quality Assurance Team", Kind.QUALITY),
    ("Quality and performance", "LADO", Kind.LADO),
    ("Quality and performance", "Leadership Team", Kind.LEADERSHIP),
    ("Quality and performance", "Business Support", Kind.BUSINESS_SUPPORT),
]
DEMO_SERVICE = TEAMS[0][0]

# (key, username, role, team, first name, last name): one login per role, in Worker.Role order.
DEMO_LOGINS: list[tuple[str, str, str, str, str, str]] = [
    ("sw", "sw.demo", Role.SOCIAL_WORKER, "Safeguarding Team East", "Jordan", "Ellis"),
    ("tm", "tm.demo", Role.TEAM_MANAGER, "Safeguarding Team East", "Fatima", "Begum"),
    ("sm", "sm.demo", Role.SERVICE_MANAGER, "Safeguarding Team East", "Michael", "Okafor"),
    ("iro", "iro.demo", Role.IRO, "Independent Reviewing Service", "Helen", "Price"),
    ("pa", "pa.demo", Role.PERSONAL_ADVISER, "Care Leavers Team", "Daniel", "Wright"),
    ("lado", "lado.demo", Role.LADO_OFFICER, "LADO", "Joy", "Adeyemi"),
    ("qa", "qa.demo", Role.QA_OFFICER, "Quality Assurance Team", "Sarah", "Collins"),
    ("leader", "leader.demo", Role.SENIOR_LEADER, "Leadership Team", "Andrew", "Shaw"),
    ("admin", "admin.demo", Role.ADMINISTRATOR, "Business Support", "Louise", "Turner"),
]
# The same shape: logins for the journey from contact to authorised assessment. The front-door
# manager authorises the front door's decisions and passes referrals to the assessment team.
MORE_LOGINS: list[tuple[str, str, str, str, str, str]] = [
    ("fd", "fd.demo", Role.SOCIAL_WORKER, "Front Door (MASH)", "Kwame", "Mensah"),
    ("fd_tm", "fdtm.demo", Role.TEAM_MANAGER, "Front Door (MASH)", "Priya", "Nair"),
    ("assess1", "assess.demo", Role.SOCIAL_WORKER, "Assessment Team North", "Chloe", "Evans"),
    ("assess_tm", "assesstm.demo", Role.TEAM_MANAGER, "Assessment Team North", "Gillian", "Shah"),
]
DEMO_USERNAMES = [username for _, username, *_ in [*DEMO_LOGINS, *MORE_LOGINS]]

# (key, role, team, first name, last name, agency worker): workers without a login.
OTHER_WORKERS: list[tuple[str, str, str, str, str, bool]] = [
    ("sw2", Role.SOCIAL_WORKER, "Safeguarding Team East", "Ben", "Carter", True),
    ("assess2", Role.SOCIAL_WORKER, "Assessment Team North", "Hannah", "Lloyd", False),
    ("cic1", Role.SOCIAL_WORKER, "Children in Care Team", "Aisha", "Mahmood", False),
    ("cic2", Role.SOCIAL_WORKER, "Children in Care Team", "Ryan", "Murphy", False),
    ("cic_tm", Role.TEAM_MANAGER, "Children in Care Team", "Paul", "Kershaw", False),
    ("dct", Role.SOCIAL_WORKER, "Disabled Children's Team", "Emma", "Walsh", False),
]
# Who checks an assessment part-way through, by the assessing worker.
MANAGER_OF = {
    "sw": "tm",
    "sw2": "tm",
    "assess1": "assess_tm",
    "assess2": "assess_tm",
    "cic1": "cic_tm",
    "cic2": "cic_tm",
    "dct": "sm",
}
# Roles registered with Social Work England.
REGISTERED_ROLES = {Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.IRO}

TOWNS = ["Sightford", "Lowmere", "Fennick", "Cobbleham", "Ashwell Green"]
STREETS = [
    "Larkspur Way",
    "Mill Lane",
    "Orchard Close",
    "Station Road",
    "Beech Crescent",
    "Kestrel Drive",
    "Willow Court",
    "Church View",
    "Heron Walk",
    "Foundry Street",
    "Bramble Rise",
    "Canal Side",
]
# Letters a postcode's inward code may end with.
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
# Front-door decisions made within this many working days of today still await authorisation.
AUTHORISATION_BACKLOG = 5
# Date fields that are not "record dates" and so may be later than `today`.
NOT_RECORD_DATES = {
    "expected_date_of_birth",
    "created_at",
    "at",
    "date_joined",
    "last_login",
    "by_when",  # a plan outcome's target date
}
# The measurable outcomes a child protection plan sets, by its initial category of abuse: what
# must change for the child and how anyone could tell it has ({name} is the child's name).
PLAN_OUTCOMES = {
    "NEG": (
        "{name} has enough to eat, clean clothes and gets to school every day.",
        "School attendance above 95% each half term; no missed health appointments; food in "
        "the house at every visit.",
    ),
    "PHY": (
        "{name} is safe at home: no new marks or injuries, and {name} says home feels safe.",
        "No injuries seen at school, by health or on visits; {name} scores 8 or more out of 10 "
        "on the safety scale at every visit.",
    ),
    "EMO": (
        "{name} lives in a calm home, without shouting or being shut away.",
        "{name}'s own account at each visit; the school's monthly report on mood and friendships.",
    ),
}
PARENTS_TAKE_PART = (
    "{name}'s parents take part in the plan and the support it offers.",
    "Every core group and agreed appointment attended, as recorded at each core group.",
)


def ensure_demo_data(today: date | None = None) -> bool:
    """Load the demo county unless it is already there. True if it was loaded now.

    Everything is created in one transaction, so a failure leaves no half-built county.
    """
    today = today or timezone.localdate()
    if Service.objects.filter(name=DEMO_SERVICE).exists():
        return False
    with transaction.atomic():
        county = _County(today)
        county.build()
        record(
            None,
            AuditEvent.Kind.GENERATE,
            f"Loaded the demo county ({county.counts['people.Child']} synthetic children)",
            detail={"today": today.isoformat(), "counts": dict(sorted(county.counts.items()))},
        )
    return True


def demo_workers() -> list[Worker]:
    """Every demo login: first one per role, in the order of `Worker.Role` (`DEMO_LOGINS`),
    then the front door's and the assessment team's (`MORE_LOGINS`), in that order."""
    order = {username: i for i, username in enumerate(DEMO_USERNAMES)}
    workers = Worker.objects.filter(user__username__in=DEMO_USERNAMES).select_related(
        "user", "team"
    )
    return sorted(workers, key=lambda w: order[w.user.username])


def _as_date(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


class Move(NamedTuple):
    """One move in a period of care: the start of a new episode (SSDA903 codes)."""

    start: date
    rne: str  # reason for new episode
    legal_status: str
    placement: str  # placement type
    postcode: str = ""
    urn: str = ""
    provider: str = "PR1"
    change: str = ""  # reason for the placement change that this move makes
    long_term: bool = False


class _County:
    """Builds the county. Methods named after children tell each child's story."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.cal = calendar()
        self.rng = random.Random(SEED)
        self.counts: Counter[str] = Counter()
        self.teams: dict[str, Team] = {}
        self.workers: dict[str, Worker] = {}
        self._serial = Counter()
        self._used_numbers: set[str] = set()

    # -- dates --------------------------------------------------------------------------------

    def wd(self, n: int) -> date:
        """The working day `n` working days before today."""
        return self.cal.subtract_working_days(self.today, n)

    def add(self, d: date, n: int) -> date:
        """`n` working days after `d`."""
        return self.cal.add_working_days(d, n)

    def back(self, d: date, n: int) -> date:
        """`n` working days before `d`."""
        return self.cal.subtract_working_days(d, n)

    def workday(self, d: date) -> date:
        """`d` if it is a working day, otherwise the working day before it (never later)."""
        return d if self.cal.is_working_day(d) else self.cal.subtract_working_days(d, 1)

    def shift(self, d: date, months: int = 0, days: int = 0) -> date:
        """The working day on or before `d` plus `months` and `days`."""
        return self.workday(d + relativedelta(months=months) + timedelta(days=days))

    def mago(self, months: int, days: int = 0) -> date:
        """The working day on or before `months` (and `days`) ago."""
        return self.shift(self.today, -months, -days)

    def ago(self, days: int) -> date:
        return self.today - timedelta(days=days)

    def at(self, d: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(d, time(hour, minute), tzinfo=LONDON)

    def fill(self, anchors: Sequence[date], months: int) -> list[date]:
        """The anchor dates with evenly spaced dates between them, no gap near `months`."""
        most = months * 30 - 10  # days: always short of `months` calendar months
        dates = [anchors[0]]
        for a, b in zip(anchors, anchors[1:], strict=False):
            gap = (b - a).days
            n = max(1, math.ceil(gap / most))
            dates += [self.workday(a + timedelta(days=round(gap * i / n))) for i in range(1, n)]
            dates.append(b)
        return dates

    def between(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    # -- saving -------------------------------------------------------------------------------

    def save(self, obj: models.Model) -> models.Model:
        """Validate with the project's own rules, refuse any date after today, then save."""
        for field in obj._meta.concrete_fields:
            if isinstance(field, models.DateField) and field.name not in NOT_RECORD_DATES:
                value = getattr(obj, field.attname)
                if value is not None and _as_date(value) > self.today:
                    raise ValueError(
                        f"{obj._meta.label}.{field.name} {value} is after today ({self.today})"
                    )
        obj.full_clean()
        obj.save()
        self.counts[obj._meta.label] += 1
        return obj

    def update(self, obj: models.Model, **values) -> models.Model:
        for name, value in values.items():
            setattr(obj, name, value)
        obj.full_clean()
        obj.save()
        return obj

    def next_serial(self, name: str) -> int:
        self._serial[name] += 1
        return self._serial[name]

    # -- identifiers and places ---------------------------------------------------------------

    def upn(self, born: date) -> str:
        # LA 999 (no council has it), a made-up school, the year the child started school.
        body = f"999{self.between(2000, 2999):04d}{(born.year + 5) % 100:02d}"
        body += f"{self.next_serial('upn'):03d}"
        return upn_check_letter(body) + body

    def nhs_number(self) -> str:
        while True:
            digits = f"999{self.between(0, 999_999):06d}"
            total = sum(int(d) * w for d, w in zip(digits, range(10, 1, -1), strict=True))
            check = (11 - total % 11) % 11
            number = f"{digits}{check}"
            if check != 10 and number not in self._used_numbers:
                self._used_numbers.add(number)
                return number

    def uln(self) -> str:
        while True:
            digits = f"{self.between(1, 9)}{self.between(0, 99_999_999):08d}"
            total = sum(int(d) * w for d, w in zip(digits, range(10, 1, -1), strict=True))
            check = 10 - total % 11
            number = f"{digits}{check}"
            if check != 10 and number not in self._used_numbers:
                self._used_numbers.add(number)
                return number

    def postcode(self) -> str:
        letters = self.rng.choice(POSTCODE_LETTERS) + self.rng.choice(POSTCODE_LETTERS)
        return f"SX{self.between(1, 9)} {self.between(1, 9)}{letters}"

    def place(self) -> dict[str, str]:
        """A made-up address: a number, a street, a town and a postcode."""
        return {
            "line_1": f"{self.between(2, 98)} {self.rng.choice(STREETS)}",
            "town": self.rng.choice(TOWNS),
            "postcode": self.postcode(),
        }

    def phone(self) -> str:
        return f"07700 900{self.next_serial('phone') + 100:03d}"

    def urn(self) -> str:
        return f"SC9{self.next_serial('urn') + 10000:05d}"

    # -- people -------------------------------------------------------------------------------

    def child(
        self,
        first: str,
        last: str,
        sex: str,
        ethnicity: str,
        *,
        age: int | None = None,
        born: date | None = None,
        expected: date | None = None,
        upn: bool = True,
        uln: bool = False,
        language: str = "English",
        preferred: str = "",
        disabilities: Iterable[str] = (),
    ) -> Child:
        if born is None and age is not None:
            born = self.today - relativedelta(years=age) - timedelta(days=self.between(20, 330))
        has_upn = upn and born is not None and self.age(born) >= 5
        child = self.save(
            Child(
                council_id=f"CH{self.next_serial('child') + 100:06d}",
                first_name=first,
                last_name=last,
                preferred_name=preferred,
                upn=self.upn(born) if has_upn else "",
                uln=self.uln() if uln else "",
                nhs_number=self.nhs_number() if born is not None else "",
                date_of_birth=born,
                expected_date_of_birth=expected,
                sex=sex,
                ethnicity=ethnicity,
                first_language=language,
            )
        )
        for code in disabilities:
            self.save(ChildDisability(child=child, code=code))
        return child

    def age(self, born: date, on: date | None = None) -> int:
        on = on or self.today
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))

    def adult(self, first: str, last: str, sex: str, age: int, postcode: str = "") -> Adult:
        born = self.today - relativedelta(years=age) - timedelta(days=self.between(20, 330))
        return self.save(
            Adult(
                first_name=first,
                last_name=last,
                date_of_birth=born,
                sex=sex,
                phone=self.phone(),
                postcode=postcode,
            )
        )

    def relate(
        self, child: Child, kind: str, *, adult: Adult | None = None, other: Child | None = None
    ) -> None:
        pr = kind in (Relationship.Kind.MOTHER, Relationship.Kind.FATHER)
        self.save(
            Relationship(
                child=child,
                adult=adult,
                other_child=other,
                kind=kind,
                parental_responsibility=pr,
            )
        )

    def siblings(self, *children: Child) -> None:
        for child in children:
            for other in children:
                if other is not child:
                    self.relate(child, Relationship.Kind.SIBLING, other=other)

    def address(
        self, child: Child, where: dict[str, str], start: date, end: date | None = None
    ) -> None:
        self.save(Address(child=child, start_date=start, end_date=end, **where))

    def family_home(
        self,
        children: Sequence[Child],
        adults: Sequence[Adult],
        *,
        years: int,
        end: date | None = None,
        household: bool = True,
    ) -> dict[str, str]:
        """The family's address for each child, and (if they live together) a household."""
        where = self.place()
        moved_in = self.today - relativedelta(years=years, days=self.between(0, 300))
        for adult in adults:
            self.update(adult, postcode=where["postcode"])
        for child in children:
            start = max(moved_in, child.date_of_birth or moved_in)
            self.address(child, where, start, end)
        if household:
            number = self.next_serial("household")
            home = self.save(Household(reference=f"H{number:05d}"))
            for person in [*adults, *children]:
                born = getattr(person, "date_of_birth", None)
                start = max(moved_in, born) if isinstance(person, Child) and born else moved_in
                self.save(
                    HouseholdMember(
                        household=home,
                        child=person if isinstance(person, Child) else None,
                        adult=person if isinstance(person, Adult) else None,
                        start_date=start,
                        end_date=end,
                    )
                )
        return where

    def allocate(
        self,
        child: Child,
        key: str,
        start: date,
        end: date | None = None,
        kind: str = Allocation.Kind.SOCIAL_WORKER,
    ) -> None:
        worker = self.workers[key]
        self.save(
            Allocation(
                child=child,
                worker=worker,
                team=worker.team,
                kind=kind,
                start_date=start,
                end_date=end,
            )
        )

    # -- front door and referrals -------------------------------------------------------------

    def contact(
        self,
        child: Child,
        received: datetime,
        source: str,
        summary: str,
        *,
        reported_by: str,
        decision: str = "",
        decided: datetime | None = None,
        rationale: str = "",
        episode: CINEpisode | None = None,
        consent: str = Contact.Consent.GIVEN,
        group: str = "",
        out_of_hours: bool = False,
        handover: str = "",
    ) -> Contact:
        contact = self.save(
            Contact(
                child=child,
                group_reference=group,
                received_at=received,
                source=source,
                reported_by=reported_by,
                summary=summary,
                consent=consent,
                out_of_hours=out_of_hours,
                handover_note=handover,
                decision=decision,
                decided_at=decided if decision else None,
                decided_by=self.workers["fd"] if decision else None,
                rationale=rationale or (DECISION_RATIONALE[decision] if decision else ""),
                cin_episode=episode,
            )
        )
        if decision and decided is not None:
            self.authorise(contact, decided)
        return contact

    def authorise(self, contact: Contact, decided: datetime) -> None:
        """The front-door manager agrees the decision the next working morning. Decisions of
        the last week are left waiting, so the manager's queue has something in it."""
        day = _as_date(decided)
        if day > self.wd(AUTHORISATION_BACKLOG):
            return
        self.save(
            DecisionAuthorisation(
                contact=contact,
                child=contact.child,
                manager=self.workers["fd_tm"],
                authorised_at=self.at(self.add(day, 1), 9, 30),
                outcome=DecisionAuthorisation.Outcome.AGREED,
            )
        )

    def referral(
        self,
        child: Child,
        day: date,
        source: str,
        need: str,
        summary: str,
        *,
        reported_by: str,
        decision: str = Contact.Decision.REFERRAL,
        received: datetime | None = None,
        decided: datetime | None = None,
        group: str = "",
        consent: str = Contact.Consent.GIVEN,
        out_of_hours: bool = False,
        handover: str = "",
        nfa: bool = False,
    ) -> CINEpisode:
        """A contact that became a referral, decided the same day unless told otherwise."""
        episode = self.save(
            CINEpisode(
                child=child,
                referral_date=day,
                referral_source=source,
                primary_need=need,
                referral_nfa=nfa,
            )
        )
        received = received or self.at(day, self.between(8, 12), self.between(0, 59))
        decided = decided or self.at(day, self.between(14, 16), self.between(0, 59))
        self.contact(
            child,
            received,
            source,
            summary,
            reported_by=reported_by,
            decision=decision,
            decided=decided,
            episode=episode,
            group=group,
            consent=consent,
            out_of_hours=out_of_hours,
            handover=handover,
        )
        return episode

    def close(self, episode: CINEpisode, day: date, reason: str) -> None:
        self.update(episode, closure_date=day, closure_reason=reason)

    def assessment(
        self,
        child: Child,
        episode: CINEpisode,
        start: date,
        key: str,
        authorised: date | None = None,
        factors: Iterable[str] = (),
        *,
        check_after: int | None = None,
        checked: bool = True,
    ) -> Assessment:
        """An assessment, the child seen early on, and the manager's midpoint check where the
        assessment ran past 20 working days (after `check_after` working days, if given)."""
        assessment = self.save(
            Assessment(
                child=child,
                cin_episode=episode,
                start_date=start,
                authorised_date=authorised,
                worker=self.workers[key],
            )
        )
        for code in factors:
            self.save(AssessmentFactor(assessment=assessment, code=code))
        done = min(authorised or self.today, self.today)
        seen = self.add(start, self.between(0, 3))
        if child.date_of_birth is not None and seen <= done:
            alone = self.age(child.date_of_birth, seen) >= 7 and self.rng.random() < 0.6
            self.save(
                AssessmentChildSeen(
                    assessment=assessment,
                    child=child,
                    date=seen,
                    seen_alone=alone,
                    worker=self.workers[key],
                )
            )
        check = self.add(start, check_after or self.between(12, 19))
        needed = authorised is None or authorised > self.add(start, 20)
        if checked and needed and check <= done:
            on_track = check_after is None
            self.save(
                MidpointCheck(
                    assessment=assessment,
                    child=child,
                    manager=self.workers[MANAGER_OF[key]],
                    date=check,
                    on_track=on_track,
                    direction="On track: complete the lateral checks and see the child alone."
                    if on_track
                    else "Behind: agree a completion date this week and escalate if it slips.",
                )
            )
        return assessment

    def cin_plan(
        self,
        child: Child,
        episode: CINEpisode,
        start: date,
        key: str,
        *,
        end: date | None = None,
        gap: tuple[int, int] = (14, 28),
        unseen: int | None = None,
    ) -> CINPlan:
        plan = self.save(CINPlan(child=child, cin_episode=episode, start_date=start, end_date=end))
        stop = end or self.today
        visit = start + timedelta(days=self.between(1, 7))
        number = 0
        while visit <= stop:
            seen = number != unseen
            alone = seen and self.age(child.date_of_birth, visit) >= 7 and self.rng.random() < 0.6
            self.save(
                CINVisit(
                    child=child,
                    cin_plan=plan,
                    visit_date=visit,
                    seen=seen,
                    seen_alone=alone,
                    worker=self.workers[key],
                )
            )
            visit += timedelta(days=self.between(*gap))
            number += 1
        # Reviewed with the family about every 3 months (local practice).
        review = self.shift(start, 3, -self.between(3, 12))
        while review <= stop:
            self.save(
                CINPlanReview(
                    cin_plan=plan,
                    child=child,
                    date=review,
                    summary="Plan reviewed with the family and the professionals: progress "
                    "made on most actions; the plan continues.",
                    worker=self.workers[key],
                )
            )
            review = self.shift(review, 3, -self.between(3, 12))
        return plan

    # -- child protection ---------------------------------------------------------------------

    def protection(
        self,
        child: Child,
        episode: CINEpisode,
        sd: date,
        *,
        s47_end: date | None = None,
        outcome: str = Section47Enquiry.Outcome.ICPC,
        icpc: date | None = None,
        category: str = "NEG",
        latest: str | None = None,
        core_group: date | None = None,
        outcomes: bool = True,
    ) -> ChildProtectionPlan | None:
        """Strategy discussion, section 47 enquiry and (given `icpc`) conference and plan, with
        its measurable outcomes unless told otherwise."""
        strategy = self.save(
            StrategyDiscussion(
                child=child,
                cin_episode=episode,
                date=sd,
                agencies_present="Children's social care, police, health, education",
                decision="Threshold met for a single-agency section 47 enquiry.",
            )
        )
        s47 = self.save(
            Section47Enquiry(
                child=child,
                cin_episode=episode,
                strategy_discussion=strategy,
                start_date=sd,
                end_date=s47_end,
                outcome=outcome if s47_end else "",
            )
        )
        if icpc is None:
            return None
        conference = self.save(
            InitialChildProtectionConference(
                child=child,
                cin_episode=episode,
                section47=s47,
                date=icpc,
                chair=self.workers["iro"].full_name,
                plan_made=True,
            )
        )
        plan = self.save(
            ChildProtectionPlan(
                child=child,
                cin_episode=episode,
                icpc=conference,
                start_date=icpc,
                initial_category=category,
                latest_category=latest or category,
            )
        )
        if core_group is not None:
            self.save(CoreGroupMeeting(child=child, cp_plan=plan, date=core_group))
        if outcomes:
            self.plan_outcomes(plan)
        return plan

    def plan_outcomes(self, plan: ChildProtectionPlan) -> None:
        """One outcome for the child's safety, by category, and one for the parents' part, each
        to be met within six months."""
        name = plan.child.preferred_name or plan.child.first_name
        for what, how, who in [
            (*PLAN_OUTCOMES.get(plan.initial_category, PLAN_OUTCOMES["NEG"]), "The parents"),
            (*PARENTS_TAKE_PART, "The parents, with the allocated social worker"),
        ]:
            self.save(
                PlanOutcome(
                    child=plan.child,
                    cp_plan=plan,
                    what_must_change=what.format(name=name),
                    how_measured=how.format(name=name),
                    by_when=self.shift(plan.start_date, 6),
                    responsible=who,
                )
            )

    def cp_reviews(
        self,
        plan: ChildProtectionPlan,
        dates: Iterable[date],
        ratings: Sequence[str] = (OutcomeProgress.Rating.SOME, OutcomeProgress.Rating.GOOD),
    ) -> None:
        """Review conferences, each rating progress on every outcome of the plan (the last
        rating repeats); a review that ends the plan finds the outcomes achieved."""
        outcomes = list(plan.outcomes.all())
        for number, day in enumerate(dates):
            continues = plan.end_date is None or day < plan.end_date
            review = self.save(
                ChildProtectionReview(
                    child=plan.child, cp_plan=plan, date=day, plan_continues=continues
                )
            )
            rating = ratings[min(number, len(ratings) - 1)]
            for outcome in outcomes:
                self.save(
                    OutcomeProgress(
                        child=plan.child,
                        outcome=outcome,
                        review=review,
                        rating=rating if continues else OutcomeProgress.Rating.ACHIEVED,
                    )
                )

    def cp_visits(
        self,
        plan: ChildProtectionPlan,
        key: str,
        until: date,
        *,
        gap: tuple[int, int] = (5, 9),
        unseen: int | None = None,
    ) -> None:
        """Visits every few working days from the plan start until `until`."""
        child = plan.child
        visit = self.add(plan.start_date, self.between(1, 4))
        number = 0
        while visit <= until:
            seen = number != unseen
            alone = seen and self.age(child.date_of_birth, visit) >= 6 and self.rng.random() < 0.7
            self.save(
                ChildProtectionVisit(
                    child=child,
                    cp_plan=plan,
                    visit_date=visit,
                    seen=seen,
                    seen_alone=alone,
                    worker=self.workers[key],
                )
            )
            visit = self.add(visit, self.between(*gap))
            number += 1

    def end_plan(self, plan: ChildProtectionPlan, day: date, reason: str) -> None:
        self.update(plan, end_date=day, end_reason=reason)

    # -- children in care ---------------------------------------------------------------------

    def care_period(
        self,
        child: Child,
        need: str,
        home: dict[str, str],
        moves: Sequence[Move],
        *,
        end: date | None = None,
        ceased: str = "",
    ) -> list[CareEpisode]:
        """One period of care: an episode per move, each ending (X1) the day the next starts.

        The reason for a placement change is recorded on the episode that ends, as the SSDA903
        guidance says, so `Move.change` is put on the episode before it.
        """
        made: list[CareEpisode] = []
        for i, move in enumerate(moves):
            following = moves[i + 1] if i + 1 < len(moves) else None
            made.append(
                self.save(
                    CareEpisode(
                        child=child,
                        start_date=move.start,
                        reason_new_episode=move.rne,
                        legal_status=move.legal_status,
                        category_of_need=need,
                        placement_type=move.placement,
                        placement_provider=move.provider,
                        placement_postcode=move.postcode,
                        home_postcode=home["postcode"],
                        urn=move.urn,
                        long_term_placement=move.long_term,
                        end_date=following.start if following else end,
                        reason_ceased="X1" if following else ceased,
                        reason_place_change=following.change if following else "",
                    )
                )
            )
        return made

    def care_history(
        self,
        child: Child,
        episodes: Sequence[CareEpisode],
        key: str,
        *,
        last_review: date | None = None,
        visits_until: date | None = None,
        iha_after: int | None = None,
        last_dental: date | None = None,
        health: bool = True,
    ) -> None:
        """Reviews, visits and health checks for one period of care, on time unless told."""
        start, end = episodes[0].start_date, episodes[-1].end_date
        limit = end or self.today
        born = child.date_of_birth
        for day in self.care_review_dates(start, limit, last_review):
            age = self.age(born, day)
            code = "PN0" if age < 4 else self.rng.choice(["PN1", "PN1", "PN2", "PN4", "PN5"])
            self.save(CareReview(child=child, date=day, participation=code))
        # A visit within 7 days of every placement, then every 4 to 5 weeks.
        placements: list[list] = []
        for episode in episodes:
            if placements and episode.reason_new_episode == "L":
                placements[-1][1] = episode.end_date
            else:
                placements.append([episode.start_date, episode.end_date])
        for placed, left in placements:
            stop = min(left or self.today, visits_until or self.today)
            visit = placed + timedelta(days=self.between(0, 4))
            while visit <= stop:
                alone = self.age(born, visit) >= 8 and self.rng.random() < 0.6
                self.save(
                    CareVisit(
                        child=child,
                        visit_date=visit,
                        seen=True,
                        seen_alone=alone,
                        worker=self.workers[key],
                    )
                )
                visit += timedelta(days=self.between(26, 38))
        if health:
            self.health_checks(child, start, limit, iha_after=iha_after, last_dental=last_dental)

    def care_review_dates(self, start: date, limit: date, last: date | None) -> list[date]:
        """First within 20 working days, second within 3 months, then 6-monthly."""
        first = self.add(start, self.between(10, 18))
        if first > limit:
            return []
        second = self.shift(first, 3, -self.between(3, 12))
        if second > limit:
            return [first]
        final = last or self.workday(limit - timedelta(days=self.between(14, 100)))
        if final <= second + timedelta(days=14):
            return [first, second]
        return [first, *self.fill([second, final], 6)]

    def health_checks(
        self,
        child: Child,
        start: date,
        limit: date,
        *,
        iha_after: int | None = None,
        last_dental: date | None = None,
    ) -> None:
        born = child.date_of_birth
        save = self.save

        def check(kind: str, day: date, **extra) -> None:
            save(HealthCheck(child=child, kind=kind, date=day, **extra))

        initial = self.add(start, iha_after or self.between(8, 18))
        if initial <= limit:
            check(HealthCheck.Kind.INITIAL, initial)
            check(HealthCheck.Kind.IMMUNISATIONS, initial)
            young = self.age(born, initial) < 5
            if young:
                check(HealthCheck.Kind.DEVELOPMENT, self.add(initial, 5))
            months = 6 if young else 12
            final = self.workday(limit - timedelta(days=self.between(10, months * 30 - 40)))
            if final > initial + timedelta(days=30):
                for day in self.fill([initial, final], months)[1:]:
                    check(HealthCheck.Kind.REVIEW, day)
        first = self.shift(start, self.between(1, 4))
        if first <= limit:
            final = last_dental or self.workday(limit - timedelta(days=self.between(10, 300)))
            dates = self.fill([first, final], 12) if final > first + timedelta(days=30) else [first]
            for day in dates:
                check(HealthCheck.Kind.DENTAL, day)
        sdq = self.shift(start, 2)
        while sdq <= limit:
            if 4 <= self.age(born, sdq) <= 16:
                check(HealthCheck.Kind.SDQ, sdq, sdq_score=self.between(4, 26))
            sdq = self.shift(sdq, 12, -self.between(10, 40))

    # -- the county ---------------------------------------------------------------------------

    def build(self) -> None:
        self.services_and_workers()
        self.thompson_siblings()
        self.maya_hussain()
        self.tyler_brooks()
        self.zara_okoro()
        self.unborn_kowalski()
        self.ethan_clarke()
        self.isla_murray()
        self.noah_campbell()
        self.ruby_ahmed()
        self.jayden_francis()
        self.nowak_siblings()
        self.amelia_singh()
        self.harvey_webb()
        self.assessment_team_children()
        self.lily_patel()
        self.kai_bennett()
        self.megan_doyle()
        self.dawit_tesfaye()
        self.rosie_marshall()
        self.oscar_fletcher()
        self.aaliyah_khan()
        self.connor_hayes()
        self.grace_owusu()
        self.front_door_children()
        self.closed_cases()
        self.allegations()
        # Added after the rest, so every earlier child keeps the same random draws.
        self.daisy_holloway()
        self.kian_mercer()

    def services_and_workers(self) -> None:
        services: dict[str, Service] = {}
        for service_name, team_name, kind in TEAMS:
            if service_name not in services:
                services[service_name] = self.save(Service(name=service_name))
            self.teams[team_name] = self.save(
                Team(name=team_name, service=services[service_name], kind=kind)
            )
        User = get_user_model()
        password_hash = ""
        for key, username, role, team, first, last in [*DEMO_LOGINS, *MORE_LOGINS]:
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                is_staff=False,
                is_superuser=False,
            )
            # Hashing is deliberately slow; every login has the same password, so hash once.
            if not password_hash:
                user.set_password(DEMO_PASSWORD)
                password_hash = user.password
            user.password = password_hash
            self.save(user)
            self.workers[key] = self.worker(role, team, first, last, user=user)
        for key, role, team, first, last, agency in OTHER_WORKERS:
            self.workers[key] = self.worker(role, team, first, last, agency=agency)

    def worker(self, role, team, first, last, *, user=None, agency=False) -> Worker:
        number = self.next_serial("worker")
        registration = f"SW9{number:05d}" if role in REGISTERED_ROLES else ""
        return self.save(
            Worker(
                user=user,
                staff_id=f"W{number:04d}",
                first_name=first,
                last_name=last,
                role=role,
                team=self.teams[team],
                is_agency=agency,
                registration_number=registration,
            )
        )

    def group_reference(self) -> str:
        return f"GRP{self.next_serial('group'):04d}"

    # -- Safeguarding Team East: Jordan Ellis (sw.demo) ---------------------------------------

    def thompson_siblings(self) -> None:
        """Two siblings on child protection plans after a domestic abuse incident. One contact
        about both; Ava's visits are up to date, Leo's latest visit is overdue."""
        kelly = self.adult("Kelly", "Thompson", "F", 31)
        dean = self.adult("Dean", "Thompson", "M", 34)
        ava = self.child("Ava", "Thompson", "F", "WBRI", age=6)
        leo = self.child("Leo", "Thompson", "M", "WBRI", age=4)
        self.family_home([ava, leo], [kelly], years=4)
        for child in (ava, leo):
            self.relate(child, Relationship.Kind.MOTHER, adult=kelly)
            self.relate(child, Relationship.Kind.FATHER, adult=dean)
        self.siblings(ava, leo)
        referral = self.wd(100)
        received, decided = self.at(referral, 8, 40), self.at(referral, 11, 30)
        group = self.group_reference()
        for child in (ava, leo):
            episode = self.referral(
                child,
                referral,
                "6",
                "N1",
                "Police attended a domestic abuse incident at the family home overnight. "
                "Both children were in the house.",
                reported_by="Police public protection unit",
                decision=Contact.Decision.STRATEGY,
                received=received,
                decided=decided,
                group=group,
                consent=Contact.Consent.NOT_SOUGHT,
            )
            sd = self.add(referral, 1)
            icpc = self.add(sd, 13)
            plan = self.protection(
                child, episode, sd, s47_end=self.add(sd, 8), icpc=icpc, core_group=self.add(icpc, 8)
            )
            self.assessment(
                child, episode, sd, "sw", self.add(referral, 40), factors=["3A", "3B", "16A"]
            )
            self.cp_reviews(plan, [self.shift(icpc, 3, -5)])
            self.allocate(child, "sw", referral)
        ava_plan, leo_plan = ava.cp_plans.get(), leo.cp_plans.get()
        self.cp_visits(ava_plan, "sw", self.wd(1), unseen=3)
        self.cp_visits(leo_plan, "sw", self.wd(14))

    def maya_hussain(self) -> None:
        """A child protection plan open for 19 months; the first review conference was late."""
        mother = self.adult("Shazia", "Hussain", "F", 38)
        father = self.adult("Imran", "Hussain", "M", 41)
        maya = self.child("Maya", "Hussain", "F", "APKN", age=11, language="English")
        self.family_home([maya], [mother, father], years=6)
        self.relate(maya, Relationship.Kind.MOTHER, adult=mother)
        self.relate(maya, Relationship.Kind.FATHER, adult=father)
        icpc = self.mago(19)
        sd = self.back(icpc, 11)
        referral = self.back(sd, 1)
        episode = self.referral(
            maya,
            referral,
            "2A",
            "N1",
            "Maya arrived at school with bruising to her arm and said she was scared to go home.",
            reported_by="Designated safeguarding lead, Fennick Primary School",
            decision=Contact.Decision.STRATEGY,
        )
        plan = self.protection(
            maya,
            episode,
            sd,
            s47_end=self.back(icpc, 3),
            icpc=icpc,
            category="PHY",
            latest="EMO",
            core_group=self.add(icpc, 6),
        )
        self.assessment(maya, episode, sd, "sw2", self.add(referral, 38), factors=["18C", "4B"])
        first = self.shift(icpc, 3, 8)  # late: due 3 months after the conference
        stuck = (OutcomeProgress.Rating.SOME, OutcomeProgress.Rating.NONE)
        self.cp_reviews(plan, self.fill([first, self.mago(4)], 6), stuck)
        self.cp_visits(plan, "sw", self.wd(1), gap=(6, 9))
        handover = self.mago(8)
        self.allocate(maya, "sw2", referral, handover - timedelta(days=1))
        self.allocate(maya, "sw", handover)

    def tyler_brooks(self) -> None:
        """A second child protection plan: the first ended three years ago after 9 months."""
        mother = self.adult("Tracey", "Brooks", "F", 39)
        partner = self.adult("Wayne", "Harris", "M", 42)
        tyler = self.child("Tyler", "Brooks", "M", "WBRI", age=13, disabilities=["BEH"])
        self.family_home([tyler], [mother, partner], years=5)
        self.relate(tyler, Relationship.Kind.MOTHER, adult=mother)
        self.relate(tyler, Relationship.Kind.PARTNER_OF_PARENT, adult=partner)
        # The first plan, stepped down to a child in need plan, then closed.
        first_referral = self.mago(36)
        episode = self.referral(
            tyler,
            first_referral,
            "2A",
            "N1",
            "Tyler is often hungry at school and has been wearing the same clothes for a week.",
            reported_by="Head of year, Lowmere Academy",
            decision=Contact.Decision.STRATEGY,
        )
        sd = self.add(first_referral, 1)
        icpc = self.add(sd, 12)
        plan = self.protection(
            tyler, episode, sd, s47_end=self.add(sd, 7), icpc=icpc, core_group=self.add(icpc, 9)
        )
        self.assessment(tyler, episode, sd, "sw2", self.add(first_referral, 33), ["16A", "2B"])
        review_1 = self.shift(icpc, 3, -4)
        review_2 = self.shift(review_1, 6, -5)
        self.end_plan(plan, review_2, ChildProtectionPlan.EndReason.CHILD_IN_NEED)
        self.cp_reviews(plan, [review_1, review_2])
        self.cp_visits(plan, "sw2", review_2)
        cin_end = self.shift(review_2, 4)
        self.cin_plan(tyler, episode, review_2, "sw2", end=cin_end)
        self.close(episode, cin_end, "RC7")
        self.allocate(tyler, "sw2", first_referral, cin_end)
        # The second plan, after a new referral.
        referral = self.wd(125)
        episode = self.referral(
            tyler,
            referral,
            "6",
            "N1",
            "Police found Tyler alone at home late at night with no food in the house.",
            reported_by="Police response officer",
            decision=Contact.Decision.STRATEGY,
            consent=Contact.Consent.NOT_SOUGHT,
        )
        sd = self.add(referral, 1)
        icpc = self.add(sd, 14)
        plan = self.protection(
            tyler, episode, sd, s47_end=self.add(sd, 10), icpc=icpc, core_group=self.add(icpc, 10)
        )
        self.assessment(tyler, episode, sd, "sw", self.add(referral, 41), ["16A", "2B", "4B"])
        self.cp_reviews(plan, [self.shift(icpc, 3, -1)])
        self.cp_visits(plan, "sw", self.wd(1))
        self.allocate(tyler, "sw", referral)

    def zara_okoro(self) -> None:
        """A section 47 enquiry under way: the initial conference is due within days."""
        mother = self.adult("Blessing", "Okoro", "F", 33)
        zara = self.child("Zara", "Okoro", "F", "BAFR", age=9)
        self.family_home([zara], [mother], years=3)
        self.relate(zara, Relationship.Kind.MOTHER, adult=mother)
        referral = self.wd(13)
        episode = self.referral(
            zara,
            referral,
            "3E",
            "N1",
            "Zara was brought to A&E with a burn to her hand; the explanation given changed.",
            reported_by="Paediatric liaison nurse, Sightford General Hospital",
            decision=Contact.Decision.STRATEGY,
            consent=Contact.Consent.NOT_SOUGHT,
        )
        sd = self.wd(12)
        self.protection(zara, episode, sd)
        self.assessment(zara, episode, sd, "sw")
        self.allocate(zara, "sw", referral)

    def unborn_kowalski(self) -> None:
        """An unborn baby: the pre-birth assessment is due soon."""
        mother = self.adult("Natalia", "Kowalski", "F", 24)
        father = self.adult("Piotr", "Zielinski", "M", 27)
        baby = self.child(
            "Unborn baby",
            "Kowalski",
            "U",
            "WOTH",
            expected=self.today + timedelta(weeks=6),
        )
        self.family_home([baby], [mother, father], years=2)
        self.relate(baby, Relationship.Kind.MOTHER, adult=mother)
        self.relate(baby, Relationship.Kind.FATHER, adult=father)
        referral = self.wd(41)
        episode = self.referral(
            baby,
            referral,
            "3D",
            "N3",
            "Midwife concerned about the mother's mental health and an older child previously "
            "removed from her care.",
            reported_by="Community midwife",
            decided=self.at(self.add(referral, 1), 9, 45),
        )
        self.assessment(baby, episode, self.add(referral, 1), "sw")
        self.allocate(baby, "sw", self.add(referral, 1))

    def ethan_clarke(self) -> None:
        """A child in need plan after an assessment authorised on time; an earlier contact went
        to early help."""
        mother = self.adult("Gemma", "Clarke", "F", 30)
        ethan = self.child("Ethan", "Clarke", "M", "MWBC", age=8)
        self.family_home([ethan], [mother], years=3)
        self.relate(ethan, Relationship.Kind.MOTHER, adult=mother)
        earlier = self.mago(13)
        self.contact(
            ethan,
            self.at(earlier, 10, 5),
            "2A",
            "Ethan's attendance has dropped and his mother seems to be struggling.",
            reported_by="Family support worker, Cobbleham Primary School",
            decision=Contact.Decision.EARLY_HELP,
            decided=self.at(earlier, 15, 20),
        )
        referral = self.wd(150)
        episode = self.referral(
            ethan,
            referral,
            "2A",
            "N5",
            "Ethan disclosed arguments and drinking at home; early help has not made a difference.",
            reported_by="Designated safeguarding lead, Cobbleham Primary School",
        )
        authorised = self.add(referral, 35)
        self.assessment(ethan, episode, referral, "assess1", authorised, ["3B", "1B", "4B"])
        self.cin_plan(ethan, episode, self.add(authorised, 3), "sw")
        self.allocate(ethan, "assess1", referral, authorised)
        self.allocate(ethan, "sw", self.add(authorised, 1))

    def isla_murray(self) -> None:
        """An assessment that is overdue: 60 working days since the referral."""
        mother = self.adult("Lisa", "Murray", "F", 40)
        isla = self.child("Isla", "Murray", "F", "WBRI", age=14)
        self.family_home([isla], [mother], years=8)
        self.relate(isla, Relationship.Kind.MOTHER, adult=mother)
        referral = self.wd(60)
        episode = self.referral(
            isla,
            referral,
            "3A",
            "N4",
            "Isla told her GP she has been self-harming since her parents separated.",
            reported_by="GP, Lowmere Health Centre",
        )
        # Overdue, and the manager's midpoint check came late too.
        self.assessment(isla, episode, self.add(referral, 1), "sw", check_after=24)
        self.allocate(isla, "sw", self.add(referral, 1))

    def noah_campbell(self) -> None:
        """A re-referral within 12 months; this time the assessment was authorised late."""
        mother = self.adult("Andrea", "Campbell", "F", 35)
        noah = self.child("Noah", "Campbell", "M", "BCRB", age=10)
        self.family_home([noah], [mother], years=5)
        self.relate(noah, Relationship.Kind.MOTHER, adult=mother)
        first = self.mago(14)
        episode = self.referral(
            noah,
            first,
            "2A",
            "N5",
            "Noah has been coming to school late and tired; he says he looks after himself.",
            reported_by="Class teacher, Sightford Primary School",
        )
        authorised = self.add(first, 40)
        self.assessment(noah, episode, self.add(first, 1), "assess2", authorised, ["21"])
        self.close(episode, authorised, "RC8")
        self.allocate(noah, "assess2", first, authorised)
        referral = self.wd(110)
        episode = self.referral(
            noah,
            referral,
            "2A",
            "N5",
            "Noah is again arriving late and hungry, and has missed six days this half term.",
            reported_by="Class teacher, Sightford Primary School",
        )
        authorised = self.add(referral, 52)  # late, with no midpoint check: 45 working days
        self.assessment(
            noah, episode, self.add(referral, 1), "assess1", authorised, ["16A"], checked=False
        )
        self.cin_plan(noah, episode, self.add(authorised, 2), "sw")
        self.allocate(noah, "assess1", referral, authorised)
        self.allocate(noah, "sw", self.add(authorised, 1))

    def ruby_ahmed(self) -> None:
        """A child in need plan because of a parent's illness; one visit where Ruby was not
        seen."""
        mother = self.adult("Nasima", "Ahmed", "F", 37)
        ruby = self.child("Ruby", "Ahmed", "F", "ABAN", age=7)
        self.family_home([ruby], [mother], years=2)
        self.relate(ruby, Relationship.Kind.MOTHER, adult=mother)
        referral = self.wd(90)
        episode = self.referral(
            ruby,
            referral,
            "4",
            "N3",
            "Housing officer found Ruby caring for her mother, who is unwell and rarely leaves "
            "her bed.",
            reported_by="Tenancy officer, Sightline Homes",
        )
        authorised = self.add(referral, 44)
        self.assessment(ruby, episode, referral, "sw", authorised, ["6B", "7A"])
        self.cin_plan(ruby, episode, self.add(authorised, 5), "sw", unseen=2)
        self.allocate(ruby, "sw", referral)

    # -- Safeguarding Team East: Ben Carter -----------------------------------------------------

    def jayden_francis(self) -> None:
        """A new child protection plan: the first core group was late."""
        mother = self.adult("Chantelle", "Francis", "F", 26)
        jayden = self.child("Jayden", "Francis", "M", "MWBC", age=5)
        self.family_home([jayden], [mother], years=2)
        self.relate(jayden, Relationship.Kind.MOTHER, adult=mother)
        referral = self.wd(45)
        episode = self.referral(
            jayden,
            referral,
            "2A",
            "N1",
            "Jayden described being shouted at and locked in his room; he is withdrawn at school.",
            reported_by="Designated safeguarding lead, Ashwell Green Infant School",
            decision=Contact.Decision.STRATEGY,
        )
        sd = self.add(referral, 1)
        icpc = self.add(sd, 9)
        plan = self.protection(
            jayden,
            episode,
            sd,
            s47_end=self.add(sd, 6),
            icpc=icpc,
            category="EMO",
            core_group=self.add(icpc, 12),
        )
        self.assessment(jayden, episode, sd, "sw2", self.add(referral, 30), ["17A", "4B"])
        self.cp_visits(plan, "sw2", self.wd(1))
        self.allocate(jayden, "sw2", referral)

    def nowak_siblings(self) -> None:
        """Two siblings on child in need plans after early help stepped up."""
        mother = self.adult("Agnieszka", "Nowak", "F", 36)
        father = self.adult("Tomasz", "Nowak", "M", 38)
        olivia = self.child("Olivia", "Nowak", "F", "WOTH", age=10, language="Polish")
        jakub = self.child(
            "Jakub", "Nowak", "M", "WOTH", age=12, language="Polish", preferred="Kuba"
        )
        self.family_home([olivia, jakub], [mother, father], years=6)
        for child in (olivia, jakub):
            self.relate(child, Relationship.Kind.MOTHER, adult=mother)
            self.relate(child, Relationship.Kind.FATHER, adult=father)
        self.siblings(olivia, jakub)
        referral = self.wd(100)
        received = self.at(referral, 9, 15)
        group = self.group_reference()
        for child in (olivia, jakub):
            episode = self.referral(
                child,
                referral,
                "5D",
                "N4",
                "Early help worker reports the family's debts and father's drinking are getting "
                "worse and the children are missing school.",
                reported_by="Early help practitioner",
                received=received,
                decided=self.at(referral, 13, 5),
                group=group,
            )
            authorised = self.add(referral, 30)
            self.assessment(child, episode, referral, "sw2", authorised, ["1B", "14A"])
            self.cin_plan(child, episode, self.add(authorised, 4), "sw2")
            self.allocate(child, "sw2", referral)
        self.olivia = olivia

    def amelia_singh(self) -> None:
        """An assessment in progress, well within its timescale."""
        mother = self.adult("Manpreet", "Kaur", "F", 42)
        father = self.adult("Jasdeep", "Singh", "M", 45)
        amelia = self.child("Amelia", "Singh", "F", "AIND", age=15)
        self.family_home([amelia], [mother, father], years=10)
        self.relate(amelia, Relationship.Kind.MOTHER, adult=mother)
        self.relate(amelia, Relationship.Kind.FATHER, adult=father)
        referral = self.wd(15)
        episode = self.referral(
            amelia,
            referral,
            "2A",
            "N4",
            "Amelia says her parents plan to send her abroad in the summer and she is frightened.",
            reported_by="Designated safeguarding lead, Sightford High School",
            consent=Contact.Consent.NOT_SOUGHT,
        )
        self.assessment(amelia, episode, self.add(referral, 1), "sw2")
        self.allocate(amelia, "sw2", self.add(referral, 1))

    def harvey_webb(self) -> None:
        """An out-of-hours contact at the weekend; the section 47 enquiry led to a child in need
        plan, not a conference."""
        mother = self.adult("Stacey", "Webb", "F", 23)
        harvey = self.child("Harvey", "Webb", "M", "WBRI", age=3)
        self.family_home([harvey], [mother], years=1)
        self.relate(harvey, Relationship.Kind.MOTHER, adult=mother)
        monday = self.wd(30)
        saturday = monday - timedelta(days=(monday.weekday() - 5) % 7)
        sd = self.add(saturday, 1)
        episode = self.referral(
            harvey,
            saturday,
            "6",
            "N1",
            "Police called to a disturbance found Harvey unattended while his mother was out.",
            reported_by="Police response officer",
            decision=Contact.Decision.STRATEGY,
            received=self.at(saturday, 23, 10),
            decided=self.at(sd, 10, 20),
            consent=Contact.Consent.NOT_SOUGHT,
            out_of_hours=True,
            handover="Emergency duty team visited overnight: Harvey safe with his grandmother. "
            "Strategy discussion needed first thing Monday.",
        )
        s47_end = self.add(sd, 9)
        self.protection(harvey, episode, sd, s47_end=s47_end, outcome=Section47Enquiry.Outcome.CIN)
        self.assessment(harvey, episode, sd, "sw2", self.add(saturday, 25), ["16A", "1B"])
        self.cin_plan(harvey, episode, s47_end, "sw2")
        self.allocate(harvey, "sw2", sd)

    # -- Assessment Team North --------------------------------------------------------------------

    def assessment_team_children(self) -> None:
        """Assessments in progress, authorised on time and authorised late."""
        self.assessment_story(
            ("Freya", "Morgan", "F", "WBRI", 8, "Claire"),
            "assess1",
            referral_wd=20,
            source="2A",
            need="N4",
            summary="Freya has said she does not want to go home at weekends.",
            reported_by="Class teacher, Lowmere Primary School",
        )
        self.assessment_story(
            ("Yusuf", "Ali", "M", "BAFR", 6, "Hodan"),
            "assess1",
            referral_wd=30,
            source="3A",
            need="N3",
            start_after=0,
            summary="Yusuf's mother has been admitted to hospital and there is no other carer "
            "at home.",
            reported_by="GP, Fennick Medical Practice",
        )
        self.assessment_story(
            ("Poppy", "Hughes", "F", "WBRI", 12, "Joanne"),
            "assess2",
            referral_wd=50,
            source="6",
            need="N1",
            authorised_after=42,
            factors=["2B", "3B"],
            summary="Police attended a fight between Poppy's mother and her partner.",
            reported_by="Police public protection unit",
        )
        # Work started 3 working days after the referral: the referral decision was late too.
        self.assessment_story(
            ("Mason", "Reid", "M", "WBRI", 16, "Donna"),
            "assess2",
            referral_wd=70,
            source="6",
            need="N6",
            start_after=3,
            authorised_after=49,
            factors=["13A", "24A", "10A"],
            summary="Mason was found with cash and two phones in another county and was "
            "reported missing by his mother.",
            reported_by="Police missing persons unit",
        )

    def assessment_story(
        self,
        who: tuple[str, str, str, str, int, str],
        key: str,
        *,
        referral_wd: int,
        source: str,
        need: str,
        summary: str,
        reported_by: str,
        start_after: int = 1,
        authorised_after: int | None = None,
        factors: Sequence[str] = (),
    ) -> None:
        first, last, sex, ethnicity, age, mother_name = who
        mother = self.adult(mother_name, last, "F", age + self.between(22, 32))
        child = self.child(first, last, sex, ethnicity, age=age)
        self.family_home([child], [mother], years=self.between(1, 9))
        self.relate(child, Relationship.Kind.MOTHER, adult=mother)
        referral = self.wd(referral_wd)
        episode = self.referral(child, referral, source, need, summary, reported_by=reported_by)
        authorised = self.add(referral, authorised_after) if authorised_after else None
        self.assessment(child, episode, self.add(referral, start_after), key, authorised, factors)
        self.allocate(child, key, referral)

    # -- Children in Care Team ------------------------------------------------------------------

    def lily_patel(self) -> None:
        """In care for 20 months: section 20, then an interim and a full care order, then a
        planned move to long-term foster carers 5 months ago."""
        mother = self.adult("Reena", "Patel", "F", 34)
        carer = self.adult("Susan", "Hale", "F", 55)
        lily = self.child("Lily", "Patel", "F", "AIND", age=9)
        start = self.mago(20)
        home = self.family_home([lily], [mother], years=5, end=start, household=False)
        self.relate(lily, Relationship.Kind.MOTHER, adult=mother)
        self.relate(lily, Relationship.Kind.FOSTER_CARER, adult=carer)
        referral = self.mago(22)
        episode = self.referral(
            lily,
            referral,
            "2A",
            "N1",
            "Lily is regularly not collected from school and her mother was found intoxicated.",
            reported_by="Designated safeguarding lead, Ashwell Green Primary School",
        )
        authorised = self.add(referral, 30)
        self.assessment(lily, episode, self.add(referral, 1), "assess1", authorised, ["16A"])
        moved = self.mago(5)
        first_carer, long_term = self.place(), self.place()
        short = {"postcode": first_carer["postcode"], "urn": "SC900001"}
        episodes = self.care_period(
            lily,
            "N1",
            home,
            [
                Move(start, "S", "V2", "U6", **short),
                Move(self.shift(start, 0, 42), "L", "C1", "U6", **short),
                Move(self.shift(start, 7), "L", "C2", "U6", **short),
                Move(
                    moved,
                    "P",
                    "C2",
                    "U4",
                    long_term["postcode"],
                    "SC900001",
                    change="CARPL",
                    long_term=True,
                ),
            ],
        )
        self.care_history(lily, episodes, "cic1")
        self.address(lily, first_carer, start, moved)
        self.address(lily, long_term, moved)
        self.update(carer, postcode=long_term["postcode"])
        self.allocate(lily, "assess1", referral, start)
        self.allocate(lily, "cic1", start)
        self.allocate(lily, "iro", start, kind=Allocation.Kind.IRO)

    def kai_bennett(self) -> None:
        """A child protection plan that ended when Kai came into care 8 weeks ago. His initial
        health assessment was late and his statutory visit is overdue."""
        mother = self.adult("Jade", "Bennett", "F", 27)
        kai = self.child("Kai", "Bennett", "M", "MWBA", age=7)
        came_into_care = self.wd(40)
        home = self.family_home([kai], [mother], years=3, end=came_into_care, household=False)
        self.relate(kai, Relationship.Kind.MOTHER, adult=mother)
        referral = self.mago(10)
        episode = self.referral(
            kai,
            referral,
            "2A",
            "N1",
            "Kai has untreated tooth decay and is often too hungry to concentrate.",
            reported_by="Designated safeguarding lead, Sightford Primary School",
            decision=Contact.Decision.STRATEGY,
        )
        sd = self.add(referral, 1)
        icpc = self.add(sd, 11)
        plan = self.protection(
            kai, episode, sd, s47_end=self.add(sd, 8), icpc=icpc, core_group=self.add(icpc, 8)
        )
        self.assessment(kai, episode, sd, "sw", self.add(referral, 36), ["16A", "2B"])
        self.cp_reviews(plan, [self.shift(icpc, 3, -2)])
        self.cp_visits(plan, "sw", came_into_care)
        self.end_plan(plan, came_into_care, ChildProtectionPlan.EndReason.CARE)
        carer = self.place()
        episodes = self.care_period(
            kai, "N1", home, [Move(came_into_care, "S", "C1", "U6", carer["postcode"], "SC900001")]
        )
        self.care_history(
            kai, episodes, "cic1", iha_after=26, visits_until=came_into_care + timedelta(days=4)
        )
        self.address(kai, carer, came_into_care)
        self.allocate(kai, "sw", referral, came_into_care)
        self.allocate(kai, "cic1", came_into_care)
        self.allocate(kai, "iro", came_into_care, kind=Allocation.Kind.IRO)

    def megan_doyle(self) -> None:
        """In a children's home: her review is overdue, her dental check is overdue (last one
        14 months ago), and she came back from being missing 2 days ago."""
        mother = self.adult("Siobhan", "Doyle", "F", 41)
        megan = self.child("Megan", "Doyle", "F", "WIRI", age=15)
        start = self.mago(38)
        home = self.family_home([megan], [mother], years=9, end=start, household=False)
        self.relate(megan, Relationship.Kind.MOTHER, adult=mother)
        referral = self.mago(40)
        episode = self.referral(
            megan,
            referral,
            "1C",
            "N5",
            "Megan rang the out of hours line saying she had been thrown out and had nowhere to "
            "stay.",
            reported_by="Megan herself",
        )
        self.assessment(megan, episode, referral, "assess2", self.add(referral, 40), ["4B"])
        moved = self.shift(start, 20)
        foster, children_home = self.place(), self.place()
        episodes = self.care_period(
            megan,
            "N5",
            home,
            [
                Move(start, "S", "V2", "U6", foster["postcode"], "SC900002"),
                Move(self.shift(start, 5), "L", "C2", "U6", foster["postcode"], "SC900002"),
                Move(
                    moved,
                    "P",
                    "C2",
                    "K2",
                    children_home["postcode"],
                    self.urn(),
                    "PR4",
                    change="CREQB",
                ),
            ],
        )
        self.care_history(
            megan, episodes, "cic1", last_review=self.mago(7), last_dental=self.mago(14)
        )
        self.address(megan, foster, start, moved)
        self.address(megan, children_home, moved)
        # Missing: an interview within 72 hours; an absence, interview declined; and a return
        # 2 days ago with no interview yet.
        self.missing(megan, "M", (41, 21, 30), (40, 14, 10), (40, 16, 0), True, (38, 15, 30))
        self.missing(megan, "A", (95, 18, 0), (95, 23, 30), (94, 10, 0), False)
        self.missing(megan, "M", (3, 19, 45), (2, 9, 30))
        self.allocate(megan, "cic1", start)
        self.allocate(megan, "iro", start, kind=Allocation.Kind.IRO)

    def missing(
        self,
        child: Child,
        kind: str,
        started: tuple[int, int, int],
        returned: tuple[int, int, int],
        offered: tuple[int, int, int] | None = None,
        accepted: bool | None = None,
        completed: tuple[int, int, int] | None = None,
    ) -> None:
        """A missing episode; each time is (days ago, hour, minute)."""

        def when(moment: tuple[int, int, int] | None) -> datetime | None:
            return None if moment is None else self.at(self.ago(moment[0]), *moment[1:])

        self.save(
            MissingEpisode(
                child=child,
                kind=kind,
                started_at=when(started),
                returned_at=when(returned),
                rhi_offered_at=when(offered),
                rhi_accepted=accepted,
                rhi_completed_at=when(completed),
            )
        )

    def dawit_tesfaye(self) -> None:
        """An unaccompanied asylum-seeking child, looked after for 8 months."""
        dawit = self.child(
            "Dawit", "Tesfaye", "M", "BAFR", age=16, upn=False, uln=True, language="Tigrinya"
        )
        start = self.mago(8, 3)
        episode = self.referral(
            dawit,
            start,
            "6",
            "N8",
            "Police found Dawit at a motorway service station; he says he is 15 and travelled "
            "alone.",
            reported_by="Police response officer",
            consent=Contact.Consent.NOT_SOUGHT,
        )
        self.assessment(dawit, episode, start, "cic2", self.add(start, 20), ["9A"])
        carer = self.place()
        episodes = self.care_period(
            dawit,
            "N8",
            {"postcode": ""},
            [Move(start, "S", "V2", "U6", carer["postcode"], self.urn(), "PR4")],
        )
        self.save(UASCPeriod(child=dawit, start_date=start))
        self.care_history(dawit, episodes, "cic2")
        self.address(dawit, carer, start)
        self.allocate(dawit, "cic2", start)
        self.allocate(dawit, "iro", start, kind=Allocation.Kind.IRO)

    def rosie_marshall(self) -> None:
        """A toddler placed for adoption six weeks ago, under a placement order."""
        mother = self.adult("Amy", "Marshall", "F", 22)
        rosie = self.child("Rosie", "Marshall", "F", "WBRI", age=2)
        start = max(self.mago(16), self.add(rosie.date_of_birth, 20))
        home = self.family_home([rosie], [mother], years=2, end=start, household=False)
        self.relate(rosie, Relationship.Kind.MOTHER, adult=mother)
        referral = self.back(start, 25)
        episode = self.referral(
            rosie,
            referral,
            "3B",
            "N1",
            "Health visitor found Rosie underweight and her mother not attending appointments.",
            reported_by="Health visitor",
        )
        self.assessment(rosie, episode, referral, "assess2", self.add(referral, 25), ["16A"])
        placement_order = self.mago(5)
        placed = self.wd(30)
        foster, adopters = self.place(), self.place()
        episodes = self.care_period(
            rosie,
            "N1",
            home,
            [
                Move(start, "S", "C1", "U6", foster["postcode"], "SC900001"),
                Move(placement_order, "L", "E1", "U6", foster["postcode"], "SC900001"),
                Move(placed, "P", "E1", "A6", adopters["postcode"], "SC900003", change="CARPL"),
            ],
        )
        self.save(
            AdoptionProcess(
                child=rosie,
                should_be_placed_date=self.mago(8),
                placement_order_date=placement_order,
                matched_date=self.wd(45),
                placed_date=placed,
            )
        )
        self.care_history(rosie, episodes, "cic2")
        self.address(rosie, foster, start, placed)
        self.address(rosie, adopters, placed)
        self.allocate(rosie, "assess2", referral, start)
        self.allocate(rosie, "cic2", start)
        self.allocate(rosie, "iro", start, kind=Allocation.Kind.IRO)

    # -- Disabled Children's Team ---------------------------------------------------------------

    def oscar_fletcher(self) -> None:
        """A disabled child on a child in need plan, with a series of short breaks (V4)."""
        mother = self.adult("Laura", "Fletcher", "F", 43)
        father = self.adult("Steven", "Fletcher", "M", 45)
        oscar = self.child(
            "Oscar", "Fletcher", "M", "WBRI", age=11, disabilities=["AUT", "LD", "COMM"]
        )
        home = self.family_home([oscar], [mother, father], years=7)
        self.relate(oscar, Relationship.Kind.MOTHER, adult=mother)
        self.relate(oscar, Relationship.Kind.FATHER, adult=father)
        referral = self.mago(26)
        episode = self.referral(
            oscar,
            referral,
            "1A",
            "N2",
            "Oscar's parents ask for help: he no longer sleeps through the night and they are "
            "exhausted.",
            reported_by="Oscar's mother",
        )
        authorised = self.add(referral, 39)
        self.assessment(oscar, episode, self.add(referral, 1), "dct", authorised, ["6A", "5A"])
        self.cin_plan(oscar, episode, self.add(authorised, 5), "dct", gap=(20, 40))
        short_breaks = self.place()
        episodes = self.care_period(
            oscar,
            "N2",
            home,
            [Move(self.mago(14), "S", "V4", "K2", short_breaks["postcode"], "SC900004")],
        )
        # Short breaks: reviews and visits, but no health assessments (regulation 48).
        self.care_history(oscar, episodes, "dct", health=False)
        self.allocate(oscar, "dct", self.add(referral, 1))

    def aaliyah_khan(self) -> None:
        """A disabled child on a child in need plan."""
        mother = self.adult("Rukhsana", "Khan", "F", 35)
        father = self.adult("Asif", "Khan", "M", 39)
        aaliyah = self.child(
            "Aaliyah", "Khan", "F", "APKN", age=8, disabilities=["MOB", "HAND", "PC"]
        )
        self.family_home([aaliyah], [mother, father], years=4)
        self.relate(aaliyah, Relationship.Kind.MOTHER, adult=mother)
        self.relate(aaliyah, Relationship.Kind.FATHER, adult=father)
        referral = self.mago(9)
        episode = self.referral(
            aaliyah,
            referral,
            "3F",
            "N2",
            "Community paediatrician asks for an assessment of Aaliyah's care needs at home "
            "after surgery.",
            reported_by="Community paediatrician",
        )
        authorised = self.add(referral, 43)
        self.assessment(aaliyah, episode, self.add(referral, 1), "dct", authorised, ["6A"])
        self.cin_plan(aaliyah, episode, self.add(authorised, 5), "dct", gap=(25, 45))
        self.allocate(aaliyah, "dct", self.add(referral, 1))

    # -- Care Leavers Team ----------------------------------------------------------------------

    def connor_hayes(self) -> None:
        """Left care at 18 for supported accommodation (E5); his pathway plan review is overdue
        and he has since moved into bed and breakfast."""
        mother = self.adult("Michelle", "Hayes", "F", 44)
        born = self.today - relativedelta(years=18, months=8, days=10)
        connor = self.child("Connor", "Hayes", "M", "WBRI", born=born, uln=True)
        eighteen = born + relativedelta(years=18)
        start = self.workday(born + relativedelta(years=15, months=1))
        home = self.family_home([connor], [mother], years=8, end=start, household=False)
        self.relate(connor, Relationship.Kind.MOTHER, adult=mother)
        referral = self.back(start, 10)
        episode = self.referral(
            connor,
            referral,
            "2A",
            "N4",
            "Connor has been sleeping at friends' houses after rows at home and his mother says "
            "she will not have him back.",
            reported_by="Head of year, Sightford High School",
        )
        self.assessment(connor, episode, referral, "assess1", self.add(referral, 28), ["14A"])
        moved = self.shift(start, 14)
        carer, children_home = self.place(), self.place()
        episodes = self.care_period(
            connor,
            "N4",
            home,
            [
                Move(start, "S", "V2", "U6", carer["postcode"], self.urn(), "PR4"),
                Move(
                    moved,
                    "P",
                    "V2",
                    "K2",
                    children_home["postcode"],
                    self.urn(),
                    "PR4",
                    change="CHILD",
                ),
            ],
            end=eighteen,
            ceased="E5",
        )
        self.care_history(connor, episodes, "cic1")
        self.close(episode, eighteen, "RC7")
        plan_start = self.workday(born + relativedelta(years=16, months=2))
        reviews = [self.shift(plan_start, 5), self.add(eighteen, 10)]
        hostel, bed_and_breakfast = self.place(), self.place()
        b_and_b_from = self.wd(50)  # after the last review, which is now overdue
        self.leaving_care(
            connor,
            plan_start,
            reviews,
            [(eighteen, "D1", hostel), (b_and_b_from, "W2", bed_and_breakfast)],
            [(eighteen, "G5", "D1")],
        )
        self.address(connor, carer, start, moved)
        self.address(connor, children_home, moved, eighteen)
        self.allocate(connor, "assess1", referral, start)
        self.allocate(connor, "cic1", start, eighteen)
        self.allocate(connor, "iro", start, eighteen, kind=Allocation.Kind.IRO)
        self.allocate(
            connor,
            "pa",
            self.workday(born + relativedelta(years=17, months=6)),
            kind=Allocation.Kind.PERSONAL_ADVISER,
        )

    def grace_owusu(self) -> None:
        """Stayed with her foster carers at 18 (E17); she moved into her own flat 12 working
        days ago, so a pathway plan review is due."""
        mother = self.adult("Abena", "Owusu", "F", 46)
        born = self.today - relativedelta(years=19, months=2, days=5)
        grace = self.child("Grace", "Owusu", "F", "BAFR", born=born, uln=True)
        eighteen = born + relativedelta(years=18)
        nineteen = born + relativedelta(years=19)
        start = self.workday(born + relativedelta(years=12, months=3))
        home = self.family_home([grace], [mother], years=11, end=start, household=False)
        self.relate(grace, Relationship.Kind.MOTHER, adult=mother)
        referral = self.back(start, 15)
        episode = self.referral(
            grace,
            referral,
            "6",
            "N1",
            "Police report Grace has been hit with a belt and has marks on her back.",
            reported_by="Police public protection unit",
            consent=Contact.Consent.NOT_SOUGHT,
        )
        self.assessment(grace, episode, referral, "assess1", self.add(referral, 30), ["18C"])
        carer = self.place()
        episodes = self.care_period(
            grace,
            "N1",
            home,
            [
                Move(start, "S", "V2", "U6", carer["postcode"], "SC900001"),
                Move(self.shift(start, 4), "L", "C2", "U6", carer["postcode"], "SC900001"),
            ],
            end=eighteen,
            ceased="E17",
        )
        self.care_history(grace, episodes, "cic2")
        self.close(episode, eighteen, "RC7")
        plan_start = self.workday(born + relativedelta(years=16, months=1))
        reviews = [self.shift(plan_start, 5), self.add(eighteen, 5), self.mago(3)]
        flat_from = self.wd(12)  # after the last review: a review after the move is due
        self.leaving_care(
            grace,
            plan_start,
            reviews,
            [(eighteen, "Z1", carer), (flat_from, "U1", self.place())],
            [(eighteen, "F2", "Z1"), (nineteen, "F4", "Z1")],
        )
        self.address(grace, carer, start, eighteen)
        self.allocate(grace, "assess1", referral, start)
        self.allocate(grace, "cic2", start, eighteen)
        self.allocate(grace, "iro", start, eighteen, kind=Allocation.Kind.IRO)
        self.allocate(
            grace,
            "pa",
            self.workday(born + relativedelta(years=17, months=6)),
            kind=Allocation.Kind.PERSONAL_ADVISER,
        )

    def leaving_care(
        self,
        child: Child,
        plan_start: date,
        review_anchors: Sequence[date],
        homes: Sequence[tuple[date, str, dict[str, str]]],
        birthdays: Sequence[tuple[date, str, str]],
    ) -> None:
        """A pathway plan reviewed at least 6-monthly through `review_anchors`, where the young
        person has lived since leaving care, and what was known around their birthdays."""
        plan = self.save(
            PathwayPlan(child=child, start_date=plan_start, personal_adviser=self.workers["pa"])
        )
        for day in self.fill(review_anchors, 6):
            self.save(PathwayPlanReview(child=child, pathway_plan=plan, date=day))
        for i, (moved_in, code, where) in enumerate(homes):
            left = homes[i + 1][0] if i + 1 < len(homes) else None
            self.save(
                CareLeaverAccommodation(
                    child=child,
                    start_date=moved_in,
                    end_date=left,
                    accommodation=code,
                    postcode=where["postcode"],
                )
            )
            self.address(child, where, moved_in, left)
        for birthday, activity, accommodation in birthdays:
            self.save(
                CareLeaverContact(
                    child=child,
                    contact_date=birthday + timedelta(days=self.between(3, 20)),
                    in_touch="YES",
                    activity=activity,
                    accommodation=accommodation,
                )
            )

    # -- the front door -------------------------------------------------------------------------

    def front_door_children(self) -> None:
        """Contacts not yet allocated: one received yesterday and undecided (after an earlier
        one closed with no further action), one decided late."""
        mother = self.adult("Kirsty", "Barker", "F", 29)
        alfie = self.child("Alfie", "Barker", "M", "WBRI", age=5)
        self.family_home([alfie], [mother], years=2)
        self.relate(alfie, Relationship.Kind.MOTHER, adult=mother)
        earlier = self.wd(45)
        self.contact(
            alfie,
            self.at(earlier, 14, 20),
            "1B",
            "A neighbour heard a child crying for a long time and a woman shouting.",
            reported_by="Neighbour",
            decision=Contact.Decision.NFA,
            decided=self.at(earlier, 16, 50),
            consent=Contact.Consent.NOT_SOUGHT,
        )
        yesterday = self.ago(1)
        weekend = not self.cal.is_working_day(yesterday)
        self.contact(
            alfie,
            self.at(yesterday, 16, 40),
            "1B",
            "The same neighbour reports Alfie was outside alone in the street for an hour.",
            reported_by="Neighbour",
            consent=Contact.Consent.NOT_SOUGHT,
            out_of_hours=weekend,
            handover="Passed to the day team: no immediate risk identified." if weekend else "",
        )
        mother = self.adult("Mei", "Chen", "F", 41)
        sophia = self.child("Sophia", "Chen", "F", "CHNE", age=13)
        self.family_home([sophia], [mother], years=6)
        self.relate(sophia, Relationship.Kind.MOTHER, adult=mother)
        received = self.wd(6)
        self.contact(
            sophia,
            self.at(received, 10, 5),
            "2A",
            "Sophia has been very low since moving school and asked who she could talk to.",
            reported_by="Pastoral lead, Lowmere Academy",
            decision=Contact.Decision.ADVICE,
            decided=self.at(self.add(received, 3), 12),
        )

    def closed_cases(self) -> None:
        """Children whose cases are closed, so whose allocations have all ended."""
        mother = self.adult("Nicola", "Cooper", "F", 33)
        riley = self.child("Riley", "Cooper", "M", "WBRI", age=9)
        self.family_home([riley], [mother], years=4)
        self.relate(riley, Relationship.Kind.MOTHER, adult=mother)
        referral = self.mago(14)
        episode = self.referral(
            riley,
            referral,
            "2A",
            "N4",
            "Riley's father has died suddenly and his mother is not coping.",
            reported_by="Headteacher, Fennick Primary School",
        )
        authorised = self.add(referral, 35)
        self.assessment(riley, episode, referral, "assess2", authorised, ["4B"])
        ended = self.mago(4)
        self.cin_plan(riley, episode, self.add(authorised, 5), "sw2", end=ended)
        self.close(episode, ended, "RC7")
        self.allocate(riley, "assess2", referral, authorised)
        self.allocate(riley, "sw2", self.add(authorised, 1), ended)

        mother = self.adult("Karen", "Lawson", "F", 45)
        evie = self.child("Evie", "Lawson", "F", "WBRI", age=14)
        self.family_home([evie], [mother], years=12)
        self.relate(evie, Relationship.Kind.MOTHER, adult=mother)
        referral = self.wd(70)
        episode = self.referral(
            evie,
            referral,
            "1A",
            "N9",
            "Evie's aunt is worried about her boyfriend, who is older.",
            reported_by="Evie's aunt",
            nfa=True,
        )
        closed = self.add(referral, 1)
        self.close(episode, closed, "RC8")
        self.allocate(evie, "assess1", referral, closed)

    # -- LADO ---------------------------------------------------------------------------------

    def allegations(self) -> None:
        open_allegation = self.save(
            Allegation(
                reference=f"LADO{self.next_serial('lado'):04d}",
                received_date=self.wd(12),
                subject_name="Martin Gale",
                employer="Sightford Juniors Football Club",
                sector=Allegation.Sector.SPORT,
                summary="A parent reports that a volunteer football coach has been messaging "
                "players privately on social media and offering lifts home.",
                initial_consideration_date=self.wd(11),
                lado_officer=self.workers["lado"],
            )
        )
        open_allegation.children.set([self.olivia])
        self.save(
            Allegation(
                reference=f"LADO{self.next_serial('lado'):04d}",
                received_date=self.mago(5),
                subject_name="Deborah Fenwick",
                employer="Lowmere Primary School",
                sector=Allegation.Sector.EDUCATION,
                summary="A pupil said a teaching assistant grabbed his arm in the playground.",
                initial_consideration_date=self.add(self.mago(5), 1),
                outcome=Allegation.Outcome.UNFOUNDED,
                closed_date=self.mago(3),
                lado_officer=self.workers["lado"],
            )
        )

    # -- Safeguarding Team East: Jordan Ellis (sw.demo), continued -----------------------------

    def daisy_holloway(self) -> None:
        """An assessment under way where the worries have grown: Daisy has an open referral and
        no child protection history yet, so a strategy discussion is the next step."""
        mother = self.adult("Leanne", "Holloway", "F", 28)
        daisy = self.child("Daisy", "Holloway", "F", "WBRI", age=7)
        self.family_home([daisy], [mother], years=3)
        self.relate(daisy, Relationship.Kind.MOTHER, adult=mother)
        referral = self.wd(8)
        episode = self.referral(
            daisy,
            referral,
            "2A",
            "N1",
            "Daisy has a mark on her cheek and told her teacher that mummy's boyfriend gets cross.",
            reported_by="Designated safeguarding lead, Ashwell Green Infant School",
        )
        self.assessment(daisy, episode, self.add(referral, 1), "sw")
        self.allocate(daisy, "sw", referral)

    def kian_mercer(self) -> None:
        """A child protection plan made at conference last week. The first core group met
        yesterday; the outcomes it agreed are not yet written into the plan, so the plan cannot
        be reviewed until they are."""
        mother = self.adult("Sian", "Mercer", "F", 34)
        kian = self.child("Kian", "Mercer", "M", "WBRI", age=10)
        self.family_home([kian], [mother], years=5)
        self.relate(kian, Relationship.Kind.MOTHER, adult=mother)
        referral = self.wd(20)
        episode = self.referral(
            kian,
            referral,
            "3A",
            "N1",
            "Kian's GP saw him with his mother, who was intoxicated, and Kian said he had not "
            "eaten since the day before.",
            reported_by="GP, Ashwell Green Surgery",
            decision=Contact.Decision.STRATEGY,
        )
        sd = self.add(referral, 1)
        plan = self.protection(
            kian,
            episode,
            sd,
            s47_end=self.add(sd, 7),
            icpc=self.wd(5),
            category="NEG",
            core_group=self.wd(1),
            outcomes=False,
        )
        self.assessment(kian, episode, sd, "sw")
        self.cp_visits(plan, "sw", self.wd(1))
        self.allocate(kian, "sw", referral)


DECISION_RATIONALE = {
    Contact.Decision.NFA: "No role for children's social care: information shared with the "
    "health visitor.",
    Contact.Decision.ADVICE: "Advice given to the school on support in school and the wellbeing "
    "service.",
    Contact.Decision.EARLY_HELP: "Needs can be met by the early help team with the family's "
    "consent.",
    Contact.Decision.REFERRAL: "Meets the threshold for a child and family assessment.",
    Contact.Decision.STRATEGY: "Reasonable cause to suspect significant harm: strategy "
    "discussion today.",
}
