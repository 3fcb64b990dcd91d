"""Front-door timescales: a decision on each contact, and on each referral.

Registered with the timescale engine by `@rule` (see `sightline.timescales.rules`).
"""

from collections.abc import Iterator

from django.urls import reverse

from sightline.timescales.engine import TimescaleItem, evaluate, local_date
from sightline.timescales.rules import rule
from sightline.web.dates import long_date


@rule
def contact_decisions(child, today, **kw) -> Iterator[TimescaleItem]:
    for contact in child.contacts.all():
        yield evaluate(
            "front_door.contact_decision",
            contact.received_at,
            contact.decided_at,
            today,
            subject=f"Contact received {long_date(local_date(contact.received_at))}",
            url=reverse("frontdoor-screening", args=[contact.pk]),
            **kw,
        )


@rule
def referral_decisions(child, today, **kw) -> Iterator[TimescaleItem]:
    """A referral is decided when it is closed with no further action, or work starts on it:
    an assessment or a strategy discussion."""
    for episode in child.cin_episodes.all():
        starts = [a.start_date for a in episode.assessments.all()]
        starts += [s.date for s in episode.strategy_discussions.all()]
        if episode.referral_nfa and episode.closure_date:
            starts.append(episode.closure_date)
        yield evaluate(
            "front_door.referral_decision",
            episode.referral_date,
            min(starts) if starts else None,
            today,
            subject=f"Referral {long_date(episode.referral_date)}",
            **kw,
        )
