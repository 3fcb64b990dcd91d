"""What the council can change about timescales: its closure days and its local timescales.

Everything else about timescales is declared in data (`declarations.py`) and is not stored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ClosureDay(models.Model):
    """A day the council's offices are closed beyond the bank holidays (e.g. a Christmas closure).

    It stops counting as a working day for every working-day timescale, statutory ones included,
    because the calendar is the council's, not the timescale's.
    """

    date = models.DateField(unique=True)
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["date"]
        verbose_name = "closure day"
        verbose_name_plural = "closure days"

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y}: {self.reason}"


class LocalTimescale(models.Model):
    """The council's own value for a locally set timescale, e.g. CP visits every "10 wd".

    Only timescales declared as local (or guidance with a local default) can be set here:
    statutory ones are fixed by regulations, so `clean()` refuses them and the service
    function `declarations.set_local_timescale` calls `full_clean()` before saving.
    """

    key = models.CharField(max_length=100, unique=True)
    value = models.CharField(
        max_length=200, help_text='For example "10 wd", "4 weeks", "3 months" or "72 hours".'
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(auto_now=True)
    reason = models.TextField(help_text="Why the council set this value (for the audit trail).")

    class Meta:
        ordering = ["key"]
        verbose_name = "local timescale"
        verbose_name_plural = "local timescales"

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"

    def clean(self) -> None:
        # Imported here because declarations imports this module for its cache.
        from .declarations import validate_local_value

        # Raises ValidationError keyed by field ("key" for a statutory or unknown timescale,
        # "value" for one that does not parse); stores the value in its normal form.
        self.value = validate_local_value(self.key, self.value)
