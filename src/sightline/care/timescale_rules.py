"""Timescales for children in care: reviews, health and dental checks, visits to the child in
placement (regulation 28) and return home interviews after a child has been missing.

Registered with the timescale engine by `@rule` (see `sightline.timescales.rules`).
"""

from collections.abc import Iterator
from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from sightline.timescales.engine import State, TimescaleItem, evaluate, recurring
from sightline.timescales.rules import rule, seen_dates, within
from sightline.web.dates import long_date

from .models import SHORT_BREAKS


def periods_of_care(episodes) -> list[list]:
    """Episodes grouped into periods of care: a new period starts after any gap."""
    periods: list[list] = []
    for episode in sorted(episodes, key=lambda e: e.start_date):
        if periods and periods[-1][-1].end_date == episode.start_date:
            periods[-1].append(episode)
        else:
            periods.append([episode])
    return periods


@rule
def children_in_care(child, today, **kw) -> Iterator[TimescaleItem]:
    episodes = list(child.care_episodes.all())
    if not episodes:
        return
    reviews = [r.date for r in child.care_reviews.all()]
    visits = list(child.care_visits.all())
    checks = list(child.health_checks.all())
    for period in periods_of_care(episodes):
        start, end = period[0].start_date, period[-1].end_date
        subject = f"Looked after from {long_date(start)}"
        yield from recurring(
            [
                "children_in_care.first_review",
                "children_in_care.second_review",
                "children_in_care.later_reviews",
            ],
            start,
            [d for d in reviews if within(d, start, end)],
            today,
            end=end,
            label="Review {n}",
            subject=subject,
            **kw,
        )
        if all(e.legal_status in SHORT_BREAKS for e in period):
            # Short breaks (regulation 48): the child lives at home, so the health duties of a
            # looked-after child and regulation 28 visiting do not apply in the same way.
            continue
        initial = min(
            (c.date for c in checks if c.kind == "initial" and within(c.date, start, end)),
            default=None,
        )
        if initial is not None or end is None:
            yield evaluate(
                "children_in_care.initial_health_assessment",
                start,
                initial,
                today,
                subject=subject,
                **kw,
            )
        if initial is not None:
            yield from recurring(
                ["children_in_care.review_health_assessment"],
                initial,
                [c.date for c in checks if c.kind == "review" and within(c.date, start, end)],
                today,
                end=end,
                label="Review health assessment {n}",
                subject=subject,
                dob=child.date_of_birth,
                **kw,
            )
        yield from recurring(
            ["children_in_care.dental_check"],
            start,
            [c.date for c in checks if c.kind == "dental" and within(c.date, start, end)],
            today,
            end=end,
            label="Dental check {n}",
            subject=subject,
            **kw,
        )
        yield from _placement_visits(period, visits, today, subject, **kw)


def _placement_visits(period, visits, today, subject, **kw) -> Iterator[TimescaleItem]:
    """Regulation 28: a visit within 7 days of every placement, then 6-weekly in the first
    year, then 3-monthly where the placement is intended to last until the child is 18."""
    placements: list[list] = []
    for episode in period:
        # "L" is a change of legal status only: the child stays where they are.
        if placements and episode.reason_new_episode == "L":
            placements[-1].append(episode)
        else:
            placements.append([episode])
    for placement in placements:
        start, end = placement[0].start_date, placement[-1].end_date
        long_term = placement[-1].long_term_placement
        first_year_ends = start + relativedelta(years=1)
        done = sorted(d for d in seen_dates(visits) if within(d, start, end))
        anchor, number = start, 1
        while True:
            if number == 1:
                key = "children_in_care.visit_after_placement"
            elif long_term and anchor >= first_year_ends:
                key = "children_in_care.visits_long_term_placement"
            else:
                key = "children_in_care.visits_first_year"
            # The first visit may be on the day of the move; later ones must follow the last.
            met = next((d for d in done if d > anchor or (number == 1 and d == anchor)), None)
            ended = met is None and end is not None and end <= today
            item = evaluate(
                key,
                anchor,
                met,
                end if ended else today,
                label=f"Visit {number}",
                subject=f"Placement from {long_date(start)}",
                **kw,
            )
            if met is not None:
                yield item
                anchor, number = met, number + 1
                continue
            # As for other chains: after a placement ends only a visit already missed shows;
            # before a planned end only one falling due by then.
            if (ended and item.state is State.OVERDUE) or (
                not ended and (end is None or item.due <= end)
            ):
                yield item
            break


@rule
def return_home_interviews(child, today, **kw) -> Iterator[TimescaleItem]:
    now = today if isinstance(today, datetime) else timezone.now()
    for episode in child.missing_episodes.all():
        if episode.returned_at is None:
            continue
        met = episode.rhi_completed_at
        if met is None and episode.rhi_accepted is False:
            met = episode.rhi_offered_at  # offered in time and declined: the duty was met
        yield evaluate(
            "missing.return_home_interview",
            episode.returned_at,
            met,
            now,
            subject=f"Returned {timezone.localtime(episode.returned_at):%d/%m/%Y %H:%M}",
            **kw,
        )
