"""Reads for assessment pages, always through the user's scope: a record outside it is a 404
exactly like a missing one (`get_visible_or_404`). Who may do what is the access policy's
question. An open referral is fetched with `sightline.cin.selectors.open_referral_for`."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from sightline.access.scope import get_visible_or_404, records_visible_to, worker_for
from sightline.cin.models import CINEpisode
from sightline.people.models import Worker
from sightline.reference.codes import code_list
from sightline.timescales.engine import TimescaleItem, evaluate

from .models import Assessment
from .timescale_rules import midpoint_check_item


def assessment_for(user, pk: int) -> Assessment:
    """One assessment within scope, or the same 404 as a missing one."""
    return get_visible_or_404(user, Assessment, pk=pk)


def open_assessment_on(episode: CINEpisode) -> Assessment | None:
    return episode.assessments.filter(authorised_date__isnull=True).first()


def open_referrals_without_assessment(child) -> QuerySet[CINEpisode]:
    in_progress = Assessment.objects.filter(
        cin_episode=OuterRef("pk"), authorised_date__isnull=True
    )
    return child.cin_episodes.filter(closure_date__isnull=True, referral_nfa=False).exclude(
        Exists(in_progress)
    )


def open_assessments(user, child) -> QuerySet[Assessment]:
    return records_visible_to(user, Assessment).filter(child=child, authorised_date__isnull=True)


def allocatable_workers(user) -> QuerySet[Worker]:
    """Social workers a manager may allocate to: anyone active in the manager's service.

    A team manager at the front door passes a referral to the assessment team in the same
    service, so the choice is service-wide for team managers as well as service managers.
    """
    worker = worker_for(user)
    if worker is None:
        return Worker.objects.none()
    return active_social_workers().filter(team__service_id=worker.team.service_id)


def active_social_workers() -> QuerySet[Worker]:
    return (
        Worker.objects.filter(active=True, role=Worker.Role.SOCIAL_WORKER)
        .select_related("team")
        .order_by("team__name", "last_name", "first_name")
    )


# -- factors ---------------------------------------------------------------------------------

# The CIN census factor codes grouped as a practitioner thinks of them; the number before the
# letter is the DfE's own grouping. A code not named here (a new one in a later census) still
# appears, under "Other", so no factor is ever hidden.
FACTOR_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Abuse or neglect", ("16", "17", "18", "19", "22", "23")),
    ("Domestic abuse", ("3",)),
    ("Alcohol and drug misuse", ("1", "2")),
    ("Mental health, learning disability and physical health", ("4", "5", "6")),
    ("Harm outside the home", ("10", "11", "12", "13", "24")),
    ("The child's behaviour", ("14", "15")),
    ("The child's circumstances", ("7", "8", "9")),
    ("Other", ("20", "21")),
)


def _factor_number(code: str) -> str:
    return code.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def factor_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The factor codes as grouped choices: [(group, [(code, "1A Alcohol misuse: ..."), ...])]."""
    codes = code_list("CIN_assessment_factor")
    grouped: dict[str, list[tuple[str, str]]] = {name: [] for name, _ in FACTOR_GROUPS}
    for code, text in codes.items():
        group = next(
            (name for name, numbers in FACTOR_GROUPS if _factor_number(code) in numbers), "Other"
        )
        grouped[group].append((code, f"{code} {text}".strip()))
    return [(name, options) for name, options in grouped.items() if options]


# -- the clock -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clock:
    """What the assessment page shows about time: the 45-day clock and the midpoint check."""

    completion: TimescaleItem
    midpoint: TimescaleItem | None


def clock_for(assessment: Assessment, today: date | None = None) -> Clock:
    """The engine's view of this assessment: the same items as the work list shows."""
    today = today or timezone.localdate()
    completion = evaluate(
        "assessment.completion",
        assessment.cin_episode.referral_date,
        assessment.authorised_date,
        today,
    )
    return Clock(completion, midpoint_check_item(assessment, today))
