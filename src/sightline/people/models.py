"""Children, the adults and households around them, and the workforce allocated to them.

The child is the spine of every record in Sightline: each statutory return, indicator and
chronology is a projection of records that hang from `Child`.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from sightline.reference.codes import choices_for

from .identifiers import nhs_number_problem, uln_problem, upn_problem
from .records import child_link, ends_after_it_starts, one_or_the_other, part_of, worker_link
from .validation import check_dates


class _Named(models.Model):
    """A part of the council's structure, known by its name: listed by it, and unique."""

    name = models.CharField(max_length=120, unique=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Service(_Named):
    """A service area (e.g. "Children in care and care leavers") made of teams."""


class Team(_Named):
    class Kind(models.TextChoices):
        FRONT_DOOR = "front_door", "Front door (MASH)"
        ASSESSMENT = "assessment", "Assessment"
        SAFEGUARDING = "safeguarding", "Safeguarding and family support"
        CHILDREN_IN_CARE = "children_in_care", "Children in care"
        CARE_LEAVERS = "care_leavers", "Care leavers"
        DISABLED_CHILDREN = "disabled_children", "Disabled children"
        IRO = "iro", "Independent reviewing"
        LADO = "lado", "LADO"
        QUALITY = "quality", "Quality assurance"
        LEADERSHIP = "leadership", "Leadership"
        BUSINESS_SUPPORT = "business_support", "Business support"

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="teams")
    kind = models.CharField(max_length=30, choices=Kind.choices)


class Worker(models.Model):
    """A member of the workforce; one with a login has a `user`, and the role sets what they see."""

    class Role(models.TextChoices):
        SOCIAL_WORKER = "social_worker", "Social worker"
        TEAM_MANAGER = "team_manager", "Team manager"
        SERVICE_MANAGER = "service_manager", "Service manager"
        IRO = "iro", "Independent reviewing officer"
        PERSONAL_ADVISER = "personal_adviser", "Personal adviser"
        LADO_OFFICER = "lado_officer", "LADO officer"
        QA_OFFICER = "qa_officer", "Quality assurance officer"
        SENIOR_LEADER = "senior_leader", "Senior leader"
        ADMINISTRATOR = "administrator", "Administrator"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="worker",
    )
    staff_id = models.CharField("staff ID", max_length=20, unique=True)
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    role = models.CharField(max_length=30, choices=Role.choices)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="workers")
    is_agency = models.BooleanField(default=False)
    registration_number = models.CharField(
        "Social Work England registration", max_length=20, blank=True
    )
    active = models.BooleanField(default=True)
    manager = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="managed"
    )
    start_date = models.DateField("start date", null=True, blank=True)
    end_date = models.DateField("end date", null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["team", "role"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def clean(self) -> None:
        check_dates(self, ("start_date", "end_date"))


def _check_code(value: str, field: str, problems: dict[str, str], label: str, check) -> None:
    if value:
        problem = check(value)
        if problem:
            problems[field] = f"{label} {value} {problem}."


class Child(models.Model):
    """A child or unborn child known to the service."""

    council_id = models.CharField(
        "council ID",
        max_length=20,
        unique=True,
        help_text="The council's own child ID (LAchildID): up to 20 letters and digits.",
    )
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    preferred_name = models.CharField(max_length=80, blank=True)
    upn = models.CharField("UPN", max_length=13, blank=True)
    former_upn = models.CharField("former UPN", max_length=13, blank=True)
    upn_unknown_reason = models.CharField(
        "reason UPN unknown", max_length=3, blank=True, choices=choices_for("CIN_upn_unknown")
    )
    uln = models.CharField("unique learner number", max_length=10, blank=True)
    nhs_number = models.CharField("NHS number", max_length=10, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=choices_for("CIN_sex"))
    gender_identity = models.CharField(
        max_length=80, blank=True, help_text="Only where the child has said how they identify."
    )
    ethnicity = models.CharField(max_length=4, choices=choices_for("CIN_ethnicity"))
    date_of_death = models.DateField(null=True, blank=True)
    first_language = models.CharField(max_length=60, blank=True)
    interpreter_needed = models.BooleanField(default=False)
    religion = models.CharField(max_length=60, blank=True, default="")
    school = models.CharField("school or setting", max_length=120, blank=True, default="")
    # A duplicate record merged into another keeps its row (and its council ID, so links and
    # the audit trail still resolve) but every record it held moves to the surviving child.
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_records"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["last_name", "first_name", "council_id"]
        verbose_name_plural = "children"
        indexes = [
            models.Index(fields=["last_name", "first_name"]),
            models.Index(fields=["date_of_birth"]),
            models.Index(fields=["upn"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_of_birth__isnull=False) | Q(expected_date_of_birth__isnull=False),
                name="child_has_birth_or_expected_date",
            ),
            models.CheckConstraint(
                condition=Q(sex__in=["M", "F", "U"]), name="child_sex_is_m_f_or_u"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.council_id})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None

    def age_on(self, when: date) -> int | None:
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return when.year - born.year - ((when.month, when.day) < (born.month, born.day))

    def clean(self) -> None:
        problems: dict[str, str] = {}
        if not self.council_id.isalnum():
            problems["council_id"] = "Council ID must be letters and digits only."
        _check_code(self.upn, "upn", problems, "UPN", upn_problem)
        _check_code(self.former_upn, "former_upn", problems, "Former UPN", upn_problem)
        _check_code(self.nhs_number, "nhs_number", problems, "NHS number", nhs_number_problem)
        _check_code(self.uln, "uln", problems, "Unique learner number", uln_problem)
        if self.date_of_birth is None and self.expected_date_of_birth is None:
            problems["date_of_birth"] = (
                "Enter a date of birth, or an expected date for an unborn child."
            )
        if self.date_of_birth and self.date_of_birth > timezone.localdate():
            problems["date_of_birth"] = "Date of birth must be today or in the past."
        if self.date_of_death and self.date_of_birth and self.date_of_death < self.date_of_birth:
            problems["date_of_death"] = "Date of death must be on or after the date of birth."
        if problems:
            raise ValidationError(problems)


class ChildDisability(models.Model):
    child = child_link("disabilities")
    code = models.CharField(max_length=4, choices=choices_for("CIN_disability"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "code"], name="one_row_per_disability")
        ]

    def __str__(self) -> str:
        return self.get_code_display()


class Address(models.Model):
    """Where a child lived, and when. The current address has no end date."""

    child = child_link("addresses")
    line_1 = models.CharField(max_length=120)
    line_2 = models.CharField(max_length=120, blank=True)
    town = models.CharField(max_length=80)
    postcode = models.CharField(max_length=8)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name_plural = "addresses"

    def __str__(self) -> str:
        return f"{self.line_1}, {self.town} {self.postcode}"

    def clean(self) -> None:
        check_dates(self, ("start_date", "end_date"))


class Adult(models.Model):
    """A parent, carer, relative or other adult in a child's life."""

    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=choices_for("CIN_sex"), blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True, default="")
    address = models.CharField(max_length=200, blank=True, default="")
    postcode = models.CharField(max_length=8, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Relationship(models.Model):
    """How a child is related to an adult or to another child (siblings)."""

    class Kind(models.TextChoices):
        MOTHER = "mother", "Mother"
        FATHER = "father", "Father"
        STEP_PARENT = "step_parent", "Step-parent"
        GRANDPARENT = "grandparent", "Grandparent"
        AUNT_UNCLE = "aunt_uncle", "Aunt or uncle"
        SIBLING = "sibling", "Sibling"
        HALF_SIBLING = "half_sibling", "Half-sibling"
        FOSTER_CARER = "foster_carer", "Foster carer"
        FAMILY_FRIEND = "family_friend", "Family friend"
        PARTNER_OF_PARENT = "partner_of_parent", "Parent's partner"
        CARER = "carer", "Carer"
        IMPORTANT_PERSON = "important_person", "Other important person"
        OTHER = "other", "Other"

    child = child_link("relationships")
    adult = models.ForeignKey(
        Adult, on_delete=models.CASCADE, null=True, blank=True, related_name="relationships"
    )
    other_child = models.ForeignKey(
        Child, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    parental_responsibility = models.BooleanField(default=False)
    lives_with_child = models.BooleanField("lives in the child's household", default=False)

    class Meta:
        constraints = [
            one_or_the_other("adult", "other_child", "relationship_is_to_one_adult_or_one_child")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.adult or self.other_child}"


class Household(models.Model):
    """People who live together; contacts about one child are screened against the household."""

    reference = models.CharField(max_length=20, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Household {self.reference}"


class HouseholdMember(models.Model):
    household = part_of(Household, "members")
    child = models.ForeignKey(
        Child, on_delete=models.CASCADE, null=True, blank=True, related_name="households"
    )
    adult = models.ForeignKey(
        Adult, on_delete=models.CASCADE, null=True, blank=True, related_name="households"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            one_or_the_other("adult", "child", "household_member_is_one_adult_or_one_child")
        ]

    def __str__(self) -> str:
        return f"{self.child or self.adult} in {self.household}"


class Allocation(models.Model):
    """A worker allocated to a child for a period. Current allocations give access to the record."""

    class Kind(models.TextChoices):
        SOCIAL_WORKER = "social_worker", "Allocated social worker"
        IRO = "iro", "Independent reviewing officer"
        PERSONAL_ADVISER = "personal_adviser", "Personal adviser"
        FAMILY_SUPPORT = "family_support", "Family support worker"
        EARLY_HELP_LEAD = "early_help_lead", "Early help lead professional"
        SPECIALIST = "specialist", "Specialist worker"

    child = child_link("allocations")
    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="allocations")
    # The team is kept as it was when allocated, so caseload history survives a worker's move.
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="allocations")
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.SOCIAL_WORKER)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    reason = models.CharField("reason for the allocation", max_length=200, blank=True, default="")
    handover_note = models.TextField(blank=True, default="")
    allocated_by = worker_link("allocated by")

    class Meta:
        ordering = ["-start_date"]
        indexes = [
            models.Index(fields=["worker", "end_date"]),
            models.Index(fields=["team", "end_date"]),
            models.Index(fields=["child", "end_date"]),
        ]
        constraints = [ends_after_it_starts("allocation_ends_after_it_starts")]

    def __str__(self) -> str:
        return f"{self.worker} ({self.get_kind_display()}) for {self.child}"

    def clean(self) -> None:
        check_dates(self, ("start_date", "end_date"))


class ChildName(models.Model):
    """Another name a child is or was known by: a former name (before adoption, a change of
    name), or an alias. Search finds a child by any of them."""

    class Kind(models.TextChoices):
        FORMER = "former", "Former name"
        ALIAS = "alias", "Also known as"

    child = child_link("other_names")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.FORMER)
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    until = models.DateField("used until", null=True, blank=True)

    class Meta:
        ordering = ["-until", "last_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.get_kind_display().lower()})"


class ChildDetailChange(models.Model):
    """One change to a child's details: the old value and the new, who changed it, when and
    why. The child's record shows these in its chronology ("details changed")."""

    child = child_link("detail_changes")
    field = models.CharField(max_length=60)
    label = models.CharField(max_length=80)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)
    reason = models.TextField()
    changed_by = worker_link("changed by")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.label} changed for {self.child}"
