"""What the records kept about a child share, declared once for every app that keeps them.

Every record hangs from a child; many name a worker, belong to a larger record (a review to
its plan) or link to another one (a conference to the enquiry before it); many have a period
that must not end before it starts. Each function here builds exactly the field or constraint
the models used to spell out, so using one changes no migration. `DatedRecord` gives a record
known by its date its name and first checks; `Visit` is one for the visits to a child.
`narrative_fields()` and `announced_field()` are what a record of practice says (a case note,
a statutory visit): what was observed, the child's words, the analysis and the actions.
"""

from typing import ClassVar

from django.db import models
from django.db.models import F, Q

from .validation import check_dates, check_not_before, check_same_child, check_seen_alone


def child_link(related_name: str = "+") -> models.ForeignKey:
    """The child the record is about. Records reached only through another record (a review
    through its plan) have no name on the child: `related_name="+"`."""
    return models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name=related_name)


def worker_link(verbose_name: str | None = None, *, optional: bool = True) -> models.ForeignKey:
    """A worker named on the record: who saw the child, who authorised it. Optional unless
    said otherwise, because an imported record may not name one; a worker named on a record
    cannot be deleted."""
    return models.ForeignKey(
        "people.Worker",
        on_delete=models.PROTECT,
        null=optional,
        blank=optional,
        related_name="+",
        verbose_name=verbose_name,
    )


def part_of(to, related_name: str, verbose_name: str | None = None) -> models.ForeignKey:
    """The record this one is part of (a review of a plan, a check in an assessment): it goes
    when that record goes."""
    return models.ForeignKey(
        to, on_delete=models.CASCADE, related_name=related_name, verbose_name=verbose_name
    )


def optional_link(to, related_name: str, verbose_name: str | None = None) -> models.ForeignKey:
    """A record this one may be linked to (the enquiry a conference followed, the plan a visit
    was made under): if that record goes, the link is emptied and this record kept."""
    return models.ForeignKey(
        to,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )


def ends_after_it_starts(
    name: str, start: str = "start_date", end: str = "end_date"
) -> models.CheckConstraint:
    """The database refuses a period that ends before it starts; an open period has no end."""
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": F(start)}), name=name
    )


def one_or_the_other(first: str, second: str, name: str) -> models.CheckConstraint:
    """The database refuses a row linked to both or neither of two records (a relationship is
    to an adult or to another child, never both)."""
    return models.CheckConstraint(
        condition=(Q(**{f"{first}__isnull": False}) & Q(**{f"{second}__isnull": True}))
        | (Q(**{f"{first}__isnull": True}) & Q(**{f"{second}__isnull": False})),
        name=name,
    )


class DatedRecord(models.Model):
    """A record about a child known by its date, such as "Core group 03/02/2026".

    `called` is what comes before the date in its name, and `dated_by` the date field, which
    may not be in the future; `same_child_as` names the records it links to, which must be
    about the same child. `not_before` maps the way to a date on a linked record to what a
    message calls it (`{"cin_episode.referral_date": "the referral date"}`): the record's own
    date may not come before it. A model adds its own rules after `super().clean()`.
    """

    called: ClassVar[str]
    dated_by: ClassVar[str] = "date"
    # For a record that runs for a while (a plan): the date it ended, which may not come
    # before it started or be in the future either.
    ends_by: ClassVar[str] = ""
    same_child_as: ClassVar[tuple[str, ...]] = ()
    not_before: ClassVar[dict[str, str]] = {}

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.called} {getattr(self, self.dated_by):%d/%m/%Y}"

    def clean(self) -> None:
        if self.ends_by:
            period = (self.dated_by, self.ends_by)
            check_dates(self, period, not_future=period)
        else:
            check_dates(self, not_future=(self.dated_by,))
        check_same_child(self, *self.same_child_as)
        for path, what in self.not_before.items():
            check_not_before(self, self.dated_by, path, what)


class Visit(DatedRecord):
    """A visit to the child: when, whether the child was seen, and whether seen alone.

    A visit model declares its fields with `visit_date, seen, seen_alone, worker =
    visit_fields()` after its `child` and the plan it belongs to: fields declared on this base
    would come first, and the child is the first field the returns and mappings list.
    """

    called = "Visit"
    dated_by = "visit_date"

    class Meta:
        abstract = True
        ordering = ["-visit_date"]

    def clean(self) -> None:
        super().clean()
        check_seen_alone(self)


def visit_fields() -> tuple[models.Field, ...]:
    """The date of a visit, whether the child was seen and seen alone, and who visited."""
    return (
        models.DateField(),
        models.BooleanField("child seen"),
        models.BooleanField("child seen alone"),
        worker_link(),
    )


def narrative_fields() -> tuple[models.TextField, ...]:
    """What a record of practice says, so that a visit or a case note is evidence of the work
    and not only a date: what was observed, the child's own words, what the worker makes of
    it, and what happens next. Blank in the database (records imported or made before these
    fields have none; `db_default` because the county generator inserts rows without Django's
    defaults): a form asks for them."""
    return tuple(
        models.TextField(label, blank=True, default="", db_default="")
        for label in ("what was observed", "the child's words", "analysis", "actions")
    )


def announced_field() -> models.BooleanField:
    """Whether a visit was announced beforehand; unknown on records from before it was asked."""
    return models.BooleanField("visit announced", null=True, blank=True)
