"""The census year: 1 April of the year before to 31 March (the reference date) of `year`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class CensusPeriod:
    """The collection year ending 31 March `year` (the DfE calls `year` the census year)."""

    year: int

    @property
    def start(self) -> date:
        return date(self.year - 1, 4, 1)

    @property
    def end(self) -> date:
        """The reference date: the census reports everything as it stood at the end of it."""
        return date(self.year, 3, 31)

    @property
    def label(self) -> str:
        return f"{self.year - 1} to {self.year}"

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def as_at_end(self, day: date | None) -> date | None:
        """`day` if it had happened by the reference date, else None.

        A census run after 31 March must not show what happened later: a plan that ended in
        May is still open in the census, an assessment authorised in April is not yet complete.
        """
        return day if day is not None and day <= self.end else None
