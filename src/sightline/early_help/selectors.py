"""Reads of early help records, always through the user's scope: an early help record about a
child the user may not see is not found, exactly as a missing one. Who may do what is the
access policy's question."""

from django.db.models import F, QuerySet

from sightline.access.scope import get_visible_or_404, records_visible_to
from sightline.frontdoor.models import Contact
from sightline.people.models import Child

from .models import EarlyHelpAssessment, EarlyHelpEpisode, EarlyHelpPlan


def episodes_for(user, child: Child) -> QuerySet[EarlyHelpEpisode]:
    """The child's early help, open first then newest first. `child` must be in scope."""
    return (
        records_visible_to(user, EarlyHelpEpisode)
        .filter(child=child)
        .select_related("source_contact", "source_cin_episode", "stepped_up_contact", "created_by")
        .prefetch_related("assessments", "plans__reviews")
        # Open episodes (no end date) first, on SQLite and PostgreSQL alike.
        .order_by(F("end_date").desc(nulls_first=True), "-start_date")
    )


def episode_for(user, pk: int) -> EarlyHelpEpisode:
    return get_visible_or_404(user, EarlyHelpEpisode, pk=pk)


def assessment_for(user, pk: int) -> EarlyHelpAssessment:
    return get_visible_or_404(user, EarlyHelpAssessment, pk=pk)


def plan_for(user, pk: int) -> EarlyHelpPlan:
    return get_visible_or_404(user, EarlyHelpPlan, pk=pk)


def may_open_contact(user, contact: Contact) -> bool:
    """Whether the user may open a contact (a step-up lands on it only if they may)."""
    return records_visible_to(user, Contact).filter(pk=contact.pk).exists()
