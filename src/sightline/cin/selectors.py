"""Reads for children in need pages, always through the user's scope: a record outside it is
a 404 exactly like a missing one. Who may do what is the access policy's question."""

from datetime import date

from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet

from sightline.access.scope import get_visible_or_404, records_visible_to

from .models import CINEpisode, CINPlan, DisabledChildrenPackage


def open_referral_for(user, pk: int) -> CINEpisode:
    return get_visible_or_404(
        user, CINEpisode, pk=pk, closure_date__isnull=True, referral_nfa=False
    )


def plan_for(user, pk: int) -> CINPlan:
    return get_visible_or_404(user, CINPlan, pk=pk)


def package_for(user, pk: int) -> DisabledChildrenPackage:
    return get_visible_or_404(user, DisabledChildrenPackage, pk=pk)


def open_referrals_without_plan(child) -> QuerySet[CINEpisode]:
    open_plan = CINPlan.objects.filter(cin_episode=OuterRef("pk"), end_date__isnull=True)
    return child.cin_episodes.filter(closure_date__isnull=True, referral_nfa=False).exclude(
        Exists(open_plan)
    )


def open_plans(user, child) -> QuerySet[CINPlan]:
    return records_visible_to(user, CINPlan).filter(child=child, end_date__isnull=True)


def open_packages(user, child, today: date) -> QuerySet[DisabledChildrenPackage]:
    return (
        records_visible_to(user, DisabledChildrenPackage)
        .filter(child=child, start_date__lte=today)
        .exclude(end_date__lt=today)
    )


def reassessment_overdue(user, today: date) -> QuerySet[DisabledChildrenPackage]:
    """Open packages in scope whose child's needs were due to be reassessed before today.

    The latest support review is alongside, so support reviewed again and again while the
    needs behind it were not reassessed stands out.
    """
    return (
        records_visible_to(user, DisabledChildrenPackage)
        .filter(start_date__lte=today, needs_reassessment_due__lt=today)
        .exclude(end_date__lt=today)
        .select_related("child")
        .annotate(
            last_support_review=Max("support_reviews__date"),
            reviews_since_reassessed=Count(
                "support_reviews",
                filter=Q(needs_last_reassessed__isnull=True)
                | Q(support_reviews__date__gt=F("needs_last_reassessed")),
            ),
        )
        .order_by("needs_reassessment_due", "child__last_name", "pk")
    )
