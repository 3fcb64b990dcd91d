"""What performance keeps in the database: the day table the indicators count working days
with, the council's local targets and child population, and computed results kept for reuse.

None of these is case data: every indicator is computed from the case records themselves.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class WorkingDay(models.Model):
    """One row per calendar day, so that SQL can count working days and add months.

    The database knows nothing of bank holidays or the council's closure days, so this table,
    built from `sightline.timescales.calendar`, carries them:

    - `ordinal` is the number of working days from the table's first day up to and including
      this day. Working days after `start` up to and including `end` are then
      `ordinal(end) - ordinal(start)`, exactly `WorkingCalendar.working_days_between`: a start
      on a weekend or holiday counts from the next working day without any special case.
    - `day_number` is the proleptic day number (`date.toordinal()`), for calendar-day gaps.
    - `month_day` is `month_index * 32 + day of month`: "`b` is no later than `k` months after
      `a`" is then `month_day(b) <= month_day(a) + 32 * k`, matching `relativedelta` (31 January
      plus one month is the end of February) on both SQLite and PostgreSQL.
    - `month_index` is `year * 12 + month - 1`, for grouping by month.
    - `starts_at` is the moment the day begins in London, so that an event's time (stored in
      UTC) finds its local day with an index lookup on either database.
    """

    date = models.DateField(primary_key=True)
    ordinal = models.IntegerField("working days up to and including this day")
    is_working_day = models.BooleanField()
    day_number = models.IntegerField()
    month_index = models.IntegerField()
    month_day = models.IntegerField()
    starts_at = models.DateTimeField(unique=True)

    class Meta:
        ordering = ["date"]
        verbose_name = "working day"
        indexes = [models.Index(fields=["ordinal"]), models.Index(fields=["month_day"])]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} ({self.ordinal})"


class IndicatorTarget(models.Model):
    """A council's local target for one indicator. Kept as history: the latest row is in force,
    and an empty target removes it."""

    indicator_id = models.CharField("indicator", max_length=60)
    target = models.DecimalField(max_digits=9, decimal_places=1, null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField("changed at")
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["indicator_id", "-changed_at", "-id"]
        indexes = [models.Index(fields=["indicator_id", "-changed_at"])]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.target}"

    def clean(self) -> None:
        from .catalogue import CATALOGUE

        definition = CATALOGUE.get(self.indicator_id)
        if definition is None:
            raise ValidationError({"indicator_id": "Select an indicator from the catalogue."})
        if self.target is None:
            return
        if self.target < 0:
            raise ValidationError({"target": "Target must be 0 or more."})
        if definition.unit == "percent" and self.target > Decimal(100):
            raise ValidationError({"target": "Target must be a percentage from 0 to 100."})


class ChildPopulation(models.Model):
    """The council's population of children aged 0 to 17 (the ONS mid-year estimate the council
    enters), the denominator of every "per 10,000 children" rate."""

    year = models.PositiveSmallIntegerField("mid-year estimate year", unique=True)
    count = models.PositiveIntegerField("children aged 0 to 17")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField("changed at")

    class Meta:
        ordering = ["-year"]
        verbose_name = "child population"
        verbose_name_plural = "child population"

    def __str__(self) -> str:
        return f"Mid-{self.year}: {self.count:,} children"

    def clean(self) -> None:
        if self.year is not None and not 1990 <= self.year <= 2100:
            raise ValidationError({"year": "Year must be between 1990 and 2100."})
        if self.count is not None and self.count < 1:
            raise ValidationError({"count": "Number of children must be 1 or more."})


class ResultSnapshot(models.Model):
    """Indicator results already computed for one question (indicators, period, as-at date,
    breakdown), with the data stamp they were computed at. Reused while the stamp is unchanged,
    or while younger than the configured maximum age: see `selectors.cached_results`."""

    key = models.CharField(max_length=200, unique=True)
    data_stamp = models.CharField(max_length=100)
    computed_at = models.DateTimeField()
    seconds = models.FloatField("seconds to compute")
    payload = models.JSONField()

    class Meta:
        verbose_name = "result snapshot"

    def __str__(self) -> str:
        return self.key
