"""Case notes: the day-to-day record of work with a child (a visit, direct work, a phone call,
a meeting, a manager's oversight, information received), each saying what was observed, the
child's words, the worker's analysis and the actions, and perhaps written to the child.

A statutory visit recorded under a plan (`cin.CINVisit`, `protection.ChildProtectionVisit`)
carries the same narrative fields (`people.records.narrative_fields`); a case note is for
everything else, and for visits made outside a plan.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from sightline.people.records import announced_field, child_link, narrative_fields, worker_link
from sightline.people.validation import check_entered, check_seen_alone

# How many words of the note the chronology and the list show after its type.
FIRST_WORDS = 12
# The kinds of note, in practitioners' words; each is stored as its words in snake case.
KINDS = "Visit|Direct work|Phone call|Meeting|Management oversight|Information received|Other"
TYPES = [(words.lower().replace(" ", "_"), words) for words in KINDS.split("|")]
VISIT = "visit"  # the one kind that is announced or not


class CaseNote(models.Model):
    child = child_link("case_notes")
    note_type = models.CharField("type of note", max_length=30, choices=TYPES)
    # A moment, not a day: two notes on one day read in the order things happened.
    happened_at = models.DateTimeField("date and time")
    who_was_seen = models.TextField("who was seen or spoken to", blank=True, default="")
    seen = models.BooleanField("child seen")
    seen_alone = models.BooleanField("child seen alone")
    announced = announced_field()
    observed, child_words, analysis, actions = narrative_fields()
    # Practice now writes records to the child ("I visited you at home..."), who may read
    # their file one day; the flag lets a reader and an auditor see which notes are.
    written_to_child = models.BooleanField("written to the child", default=False)
    worker = worker_link("recorded by", optional=False)
    created_at = models.DateTimeField("recorded at", default=timezone.now, editable=False)

    class Meta:
        ordering = ["-happened_at", "-id"]
        indexes = [models.Index(fields=["child", "happened_at"])]

    def __str__(self) -> str:
        return (
            f"{self.get_note_type_display()} {timezone.localtime(self.happened_at):%d/%m/%Y %H:%M}"
        )

    def get_absolute_url(self) -> str:
        return reverse("case-note-detail", args=[self.child.council_id, self.pk])

    def clean(self) -> None:
        if self.happened_at and self.happened_at > timezone.now():
            raise ValidationError({"happened_at": "The date and time must be now or in the past."})
        check_entered(self, observed="Enter what happened and what you observed.")
        check_seen_alone(self)
        if self.note_type == VISIT and self.announced is None:
            raise ValidationError({"announced": "Select whether the visit was announced."})

    @property
    def first_words(self) -> str:
        """The start of the note, as a line in the chronology or the list of notes."""
        return Truncator(" ".join(self.observed.split())).words(FIRST_WORDS)

    @property
    def summary(self) -> str:
        """The note's type and first words: "Visit: I saw you at home with your mum..."."""
        return f"{self.get_note_type_display()}: {self.first_words}"
