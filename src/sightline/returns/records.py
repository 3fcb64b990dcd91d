"""Which records a return counts by their dates, asked the same way by every return: those open
at some point in its period, or open on a day."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet


def open_during(
    queryset: QuerySet, first: date, last: date, start: str = "start_date", end: str = "end_date"
) -> QuerySet:
    """Records open at some point from `first` to `last`: started by `last`, and not ended (or
    ended on `first` or later)."""
    ended_in_time = Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": first})
    return queryset.filter(ended_in_time, **{f"{start}__lte": last})


def open_on(
    queryset: QuerySet, day: date, start: str = "start_date", end: str = "end_date"
) -> QuerySet:
    """Records open at the end of `day`: started on or before it and not ended by it (an end
    date is the day the record closed)."""
    not_ended = Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": day})
    return queryset.filter(not_ended, **{f"{start}__lte": day})
