"""The workforce pages' forms: a worker's details and sign-in, ending a worker, a temporary
password, one's own new password, a team and a service. Each field's name is the service's
keyword, so the service's messages land on the field they are about."""

from django import forms

from sightline.people.models import Service, Team, Worker
from sightline.web.forms import GovUKForm, UKDateField, YesNoField, required

# What a person signs in with is typed as it is: not capitalised or checked for spelling.
_AS_TYPED = {"autocapitalize": "none", "spellcheck": "false", "autocomplete": "off"}
PASSWORD_RULES = (
    "At least 12 characters, not all numbers, not a common password and not like their name "
    "or username."
)
# Who may be named as someone's manager: those whose role is to manage.
MANAGING_ROLES = (Worker.Role.TEAM_MANAGER, Worker.Role.SERVICE_MANAGER, Worker.Role.SENIOR_LEADER)


class ManagerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Worker) -> str:
        return f"{obj.full_name} ({obj.get_role_display()}, {obj.team})"


def _text(label: str, max_length: int, if_missing: str, **options) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=max_length, error_messages=required(if_missing), **options
    )


def _chosen(label: str, prompt: str, if_missing: str, *, choices=(), queryset=None, **options):
    """A required choice from a list whose empty first option says `prompt`: of records
    (`queryset`) or of values (`choices`)."""
    options["error_messages"] = required(if_missing)
    if queryset is not None:
        return forms.ModelChoiceField(label=label, queryset=queryset, empty_label=prompt, **options)
    return forms.ChoiceField(label=label, choices=[("", prompt), *choices], **options)


def _temporary_password() -> forms.CharField:
    # Shown as typed: the administrator reads it out or writes it down for the worker.
    return forms.CharField(
        label="Temporary password",
        required=False,
        strip=False,
        help_text=f"Leave blank and Sightline will make one, shown to you once. {PASSWORD_RULES} "
        "They must change it when they next sign in.",
        widget=forms.TextInput(_AS_TYPED),
    )


class WorkerForm(GovUKForm):
    """A worker's details, as an administrator changes them."""

    first_name = _text("First name", 80, "Enter their first name")
    last_name = _text("Last name", 80, "Enter their last name")
    staff_id = _text(
        "Staff ID",
        20,
        "Enter their staff ID",
        help_text="The council's own number for them, as on the payroll or the agency's invoice",
    )
    role = _chosen(
        "Role",
        "Choose a role",
        "Choose their role",
        choices=Worker.Role.choices,
        help_text="Their role decides what they may see and do",
    )
    team = _chosen(
        "Team", "Choose a team", "Choose their team", queryset=Team.objects.order_by("name")
    )
    manager = ManagerField(
        label="Manager", required=False, queryset=Worker.objects.none(), empty_label="No manager"
    )
    is_agency = YesNoField(
        label="Agency or employed",
        yes="Agency worker",
        no="Employed by the council",
        if_missing="Choose whether they are an agency worker or employed by the council",
    )
    registration_number = forms.CharField(
        label="Social Work England registration number",
        max_length=20,
        required=False,
        help_text="For social workers and their managers, for example SW123456",
    )
    start_date = UKDateField(label="Start date", not_future=False, required=False)

    def __init__(self, *args, worker: Worker | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        managers = Worker.objects.filter(active=True, role__in=MANAGING_ROLES)
        if worker is not None:
            managers = managers.exclude(pk=worker.pk)
        self.fields["manager"].queryset = managers.select_related("team").order_by(
            "last_name", "first_name"
        )


class NewWorkerForm(WorkerForm):
    """A new worker and their sign-in."""

    username = _text(
        "Username",
        150,
        "Enter a username",
        help_text="What they sign in with: letters, digits and @ . + - _ only",
        widget=forms.TextInput(_AS_TYPED),
    )
    password = _temporary_password()

    field_order = ["first_name", "last_name", "username", "password"]


class EndWorkerForm(GovUKForm):
    end_date = UKDateField(
        label="End date", help_text="Their last working day, for example 27 3 2026"
    )


class TemporaryPasswordForm(GovUKForm):
    password = _temporary_password()


def _password(label: str, autocomplete: str, if_missing: str, **options) -> forms.CharField:
    return forms.CharField(
        label=label,
        strip=False,
        widget=forms.PasswordInput({"autocomplete": autocomplete}),
        error_messages=required(if_missing),
        **options,
    )


class ChangePasswordForm(GovUKForm):
    current_password = _password(
        "Current password", "current-password", "Enter your current password"
    )
    new_password = _password(
        "New password",
        "new-password",
        "Enter a new password",
        help_text=PASSWORD_RULES.replace("their", "your"),
    )
    confirm_password = _password(
        "Type the new password again", "new-password", "Type the new password again"
    )


class ServiceForm(GovUKForm):
    name = _text("Name of the service", 120, "Enter the name")


class TeamForm(GovUKForm):
    name = _text("Name of the team", 120, "Enter the name")
    service = _chosen(
        "Service",
        "Choose a service",
        "Choose the service the team is in",
        queryset=Service.objects.all(),
    )
    kind = _chosen(
        "Kind of team",
        "Choose a kind",
        "Choose the kind of team",
        choices=Team.Kind.choices,
        help_text="Front-door teams may add a child the council does not know",
    )


class WorkerSearchForm(GovUKForm):
    q = forms.CharField(label="Name, username or staff ID", required=False, max_length=100)
