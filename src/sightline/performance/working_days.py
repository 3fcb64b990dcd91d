"""Keeping the `WorkingDay` table in step with the working-day calendar.

The table is derived data: bank holidays (the `holidays` package) plus the council's closure
days (`timescales.ClosureDay`), laid out so that SQL can count working days. It is refreshed
after every migration and whenever a closure day is added, changed or removed, in the same
transaction as that change. The closure day itself is audited where it is changed
(`timescales.admin_services`); this refresh follows from it, so it writes no event of its own.

The range is 1990-2060, the calendar's own default, rather than 2000-2040: care leavers' dates
of birth and the oldest imported referrals fall before 2000, and plans are dated ahead.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.db import connections, transaction
from django.utils import timezone

from sightline.timescales.calendar import DEFAULT_FIRST_YEAR, DEFAULT_LAST_YEAR, WorkingCalendar

FIRST_DAY = date(DEFAULT_FIRST_YEAR, 1, 1)
LAST_DAY = date(DEFAULT_LAST_YEAR, 12, 31)
_BATCH = 2000
# The `WorkingDay` columns, in the order of each row `expected_rows` gives.
COLUMNS = (
    "date",
    "ordinal",
    "is_working_day",
    "day_number",
    "month_index",
    "month_day",
    "starts_at",
)


def month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def month_day(d: date) -> int:
    return month_index(d) * 32 + d.day


def expected_rows(closures) -> list[tuple[date, int, bool, int, int, int, datetime]]:
    """Every day's row of the table (its COLUMNS)."""
    cal = WorkingCalendar(closures, first_year=FIRST_DAY.year, last_year=LAST_DAY.year)
    rows = []
    ordinal = 0
    for number in range(FIRST_DAY.toordinal(), LAST_DAY.toordinal() + 1):
        d = date.fromordinal(number)
        working = cal.is_working_day(d)
        ordinal += working
        starts = timezone.make_aware(datetime.combine(d, time.min))
        rows.append((d, ordinal, working, number, month_index(d), month_day(d), starts))
    return rows


def _table_exists(using: str) -> bool:
    from .models import WorkingDay

    with connections[using].cursor() as cursor:
        return WorkingDay._meta.db_table in connections[using].introspection.table_names(cursor)


def refresh(using: str = "default") -> int:
    """Bring the table up to date in database `using`; returns how many rows changed."""
    from sightline.timescales.models import ClosureDay

    from .models import WorkingDay

    closures = list(ClosureDay.objects.using(using).values_list("date", flat=True))
    wanted = expected_rows(closures)
    with transaction.atomic(using=using):
        existing = dict(
            WorkingDay.objects.using(using).values_list("date", "ordinal").iterator(chunk_size=5000)
        )
        changed = [row for row in wanted if existing.get(row[0]) != row[1]]
        if not changed and len(existing) == len(wanted):
            return 0
        if len(changed) > len(wanted) // 2:
            # A closure day early in the range renumbers nearly every row: rewrite the table.
            WorkingDay.objects.using(using).all().delete()
            changed = wanted
        else:
            WorkingDay.objects.using(using).filter(
                date__in=[row[0] for row in changed if row[0] in existing]
            ).delete()
            stray = set(existing) - {row[0] for row in wanted}
            if stray:
                WorkingDay.objects.using(using).filter(date__in=stray).delete()
        WorkingDay.objects.using(using).bulk_create(
            (WorkingDay(**dict(zip(COLUMNS, row, strict=True))) for row in changed),
            batch_size=_BATCH,
        )
    return len(changed)


def refresh_after_migrate(sender, app_config=None, using: str = "default", **kwargs) -> None:
    """post_migrate receiver: once, after this app's tables exist."""
    if app_config is None or app_config.label != "performance":
        return
    if _table_exists(using):
        refresh(using)


def refresh_after_closure_change(sender, instance=None, using: str = "default", **kwargs) -> None:
    """post_save / post_delete receiver for `ClosureDay`."""
    if kwargs.get("raw"):
        return  # loading fixtures: the table is refreshed after migrate instead
    refresh(using)
