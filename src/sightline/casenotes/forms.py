"""Forms for case recording, and the narrative every record of practice asks for.

`Narrative` is the part a case note shares with the statutory visits (children in need, child
protection): what was observed, the child's words, the analysis and the actions. A form that
records a visit subclasses it and declares its own facts (the date, whether the child was seen);
the narrative follows them. Thin: the rules live in the model and the service.
"""

from sightline.web.forms import (
    GovUKForm,
    RadiosField,
    TextAreaField,
    UKDateTimeField,
    YesNoField,
)

from .models import TYPES

NARRATIVE = ("observed", "child_words", "analysis", "actions")


class Narrative(GovUKForm):
    """What happened, in the worker's words and the child's, what it means and what next."""

    observed = TextAreaField(
        label="What happened and what you observed",
        help_text="What you saw and heard: the child's presentation, the home, who was there.",
        rows=8,
        if_missing="Enter what happened and what you observed",
    )
    child_words = TextAreaField(
        label="The child's words",
        help_text="What the child said, in their own words, or how they showed you how they feel.",
        required=False,
    )
    analysis = TextAreaField(
        label="Your analysis",
        help_text="What this tells you about the child's safety and wellbeing, and why.",
        required=False,
    )
    actions = TextAreaField(
        label="Actions",
        help_text="What happens next, who will do it and by when.",
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Django puts a base class's fields first; the narrative reads after the facts.
        self.order_fields([n for n in self.fields if n not in NARRATIVE] + list(NARRATIVE))


def announced_question(**options) -> YesNoField:
    """Was the visit announced? `options` are YesNoField's (required=False where it is asked
    only of visits)."""
    return YesNoField(
        label="Was the visit announced?",
        yes="Yes, the family knew I was coming",
        no="No, it was unannounced",
        if_missing="Select whether the visit was announced",
        **options,
    )


class CaseNoteForm(Narrative):
    note_type = RadiosField(
        label="Type of note",
        choices=TYPES,
        if_missing="Select the type of note",
    )
    happened_at = UKDateTimeField(label="Date and time")
    who_was_seen = TextAreaField(
        label="Who was seen or spoken to",
        help_text="For example, the child, their mum and her partner, the class teacher.",
        rows=2,
        required=False,
    )
    seen = YesNoField(label="Was the child seen?", if_missing="Select whether the child was seen")
    seen_alone = YesNoField(
        label="Was the child seen alone?",
        help_text="Answer if the child was seen.",
        required=False,
    )
    announced = announced_question(required=False, help_text="Answer for a visit.")
    written_to_child = YesNoField(
        label="Is this note written to the child?",
        help_text=(
            "Write to the child where you can, as \u201cI came to see you at home and you "
            "showed me your room\u201d. Children may read their records when they are older: "
            "write so they will understand what happened and why."
        ),
        if_missing="Select whether the note is written to the child",
    )
