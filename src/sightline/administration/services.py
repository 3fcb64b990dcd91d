"""Every change an administrator makes to the workforce and its sign-ins, and a worker's change
of their own password. Each function is one transaction that checks the action, validates
everything it writes (bad input raises a ValidationError naming the field, and nothing is
saved) and writes one typed audit event.

A password an administrator sets, or one made here for them to pass on, is temporary: the
worker must choose their own at their next sign-in (`SignInState`), so only the worker ever
knows the password they use. No password is ever written to the audit trail.
"""

import secrets
from dataclasses import dataclass
from datetime import date

from axes.utils import reset as reset_lockouts
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import transaction

from sightline.access.actor import Actor
from sightline.access.audit import EventType, log
from sightline.access.policy import Action, require
from sightline.access.writes import locked, required, saved
from sightline.people.models import Service, Team, Worker
from sightline.web.dates import long_date

from .models import SignInState
from .selectors import children_to_reallocate

User = get_user_model()

# Letters and digits nobody misreads when a password is read out or copied from a screen.
_READABLE = "abcdefghjkmnpqrstuvwxyz23456789"


@dataclass(frozen=True)
class TemporaryPassword:
    """A worker's sign-in with a temporary password: `generated` when Sightline chose it, so
    the administrator is shown it once, to pass on."""

    worker: Worker
    password: str
    generated: bool


def readable_password() -> str:
    """A random password in three groups of four, like "k7rd-mq4x-p9wz"."""
    groups = ("".join(secrets.choice(_READABLE) for _ in range(4)) for _ in range(3))
    return "-".join(groups)


def _temporary_password(password: str, user) -> tuple[str, bool]:
    """The password to set (the one typed, if it passes the password rules, else a generated
    one) and whether it was generated."""
    if not password:
        while True:
            made = readable_password()
            try:
                password_validation.validate_password(made, user)
            except ValidationError:
                continue
            return made, True
    try:
        password_validation.validate_password(password, user)
    except ValidationError as weak:
        raise ValidationError({"password": weak.messages}) from None
    return password, False


def _must_change(user, must: bool) -> None:
    SignInState.objects.update_or_create(user=user, defaults={"must_change_password": must})


def must_change_password(user) -> bool:
    """Whether this user must choose their own password before anything else."""
    return SignInState.objects.filter(user_id=user.pk, must_change_password=True).exists()


def _check(problems: dict, check) -> None:
    """Run a check, adding what it finds to `problems`, so every field's problem is shown at
    once rather than one per submission."""
    try:
        check()
    except ValidationError as error:
        error.update_error_dict(problems)


def _refuse_if_any(problems: dict) -> None:
    if problems:
        raise ValidationError(problems)


def _worker_problems(worker: Worker, problems: dict) -> None:
    """The worker's own rules (dates the right way round, choices) and the ones a form cannot
    see: a staff ID nobody else has, a manager who is someone else still working here."""
    _check(problems, lambda: worker.full_clean(exclude=["user"], validate_unique=False))
    others = Worker.objects.exclude(pk=worker.pk)
    if worker.staff_id and others.filter(staff_id__iexact=worker.staff_id).exists():
        problems.setdefault("staff_id", []).append(
            f"The staff ID {worker.staff_id} is someone else's: check it and enter it again"
        )
    if worker.manager is not None and worker.pk and worker.manager_id == worker.pk:
        problems.setdefault("manager", []).append("Choose someone else as their manager")
    elif worker.manager is not None and not worker.manager.active:
        problems.setdefault("manager", []).append(
            f"{worker.manager.full_name} has left: choose a current manager"
        )


def _described(worker: Worker) -> str:
    return f"{worker.full_name} ({worker.get_role_display()}, {worker.team})"


# -- workers and their sign-ins ------------------------------------------------------------


# A worker's details an administrator records, with how the trail names each.
DETAILS = {
    "first_name": "first name",
    "last_name": "last name",
    "staff_id": "staff ID",
    "role": "role",
    "team": "team",
    "manager": "manager",
    "registration_number": "registration number",
    "is_agency": "agency or employed",
    "start_date": "start date",
}


def _only_details(details: dict) -> None:
    unknown = set(details) - set(DETAILS)
    if unknown:
        raise TypeError(f"A worker's details do not include {sorted(unknown)}")


def _logged(actor: Actor, event: EventType, summary: str, worker: Worker, **detail) -> None:
    """The one audit event of a change to a worker or their sign-in (never a password)."""
    log(actor, event, summary, obj=worker, detail=detail)


@transaction.atomic
def create_worker(
    actor: Actor, *, username: str, password: str = "", **details
) -> TemporaryPassword:
    """A new worker with their `details` (name, staff ID, role, team and the rest of `DETAILS`)
    and their sign-in, with a temporary password (`password`, or one made here when it is
    blank) that they must change when they first sign in."""
    require(actor, Action.MANAGE_WORKFORCE)
    _only_details(details)
    required(username, "username", "Enter a username")
    username = username.strip()
    worker = Worker(**details)
    user = User(username=username, first_name=worker.first_name, last_name=worker.last_name)
    problems: dict = {}
    if User.objects.filter(username__iexact=username).exists():
        problems["username"] = [f"The username {username} is already in use: choose another"]
    else:
        _check(problems, lambda: user.full_clean(exclude=["password"]))
    chosen, generated = "", False
    try:
        chosen, generated = _temporary_password(password, user)
    except ValidationError as weak:
        weak.update_error_dict(problems)
    _worker_problems(worker, problems)
    _refuse_if_any(problems)
    user.set_password(chosen)
    user.save()
    worker.user = user
    saved(worker)
    _must_change(user, True)
    summary = f"Created {_described(worker)} with the sign-in {username}"
    _logged(actor, EventType.WORKER_CREATED, summary, worker, username=username)
    return TemporaryPassword(worker, chosen, generated)


@transaction.atomic
def change_worker(actor: Actor, worker: Worker, **changes) -> Worker:
    """Change a worker's details (any of `DETAILS`); their sign-in's name follows."""
    require(actor, Action.MANAGE_WORKFORCE)
    _only_details(changes)
    worker = locked(worker)
    before = {name: getattr(worker, name) for name in changes}
    for name, value in changes.items():
        setattr(worker, name, value)
    problems: dict = {}
    _worker_problems(worker, problems)
    if problems.pop("end_date", None):
        # The end date is not on this form: say it on the start date, the one being changed.
        problems.setdefault("start_date", []).append(
            f"The start date must be on or before their end date, {long_date(worker.end_date)}"
        )
    _refuse_if_any(problems)
    saved(worker)
    if worker.user is not None:
        worker.user.first_name, worker.user.last_name = worker.first_name, worker.last_name
        worker.user.save(update_fields=["first_name", "last_name"])
    changed = [name for name in changes if before[name] != getattr(worker, name)]
    what = ", ".join(DETAILS[name] for name in changed) or "nothing"
    summary = f"Changed {worker.full_name}'s details: {what}"
    was = {name: [str(before[name] or ""), str(getattr(worker, name) or "")] for name in changed}
    _logged(actor, EventType.WORKER_CHANGED, summary, worker, **was)
    return worker


@transaction.atomic
def end_worker(actor: Actor, worker: Worker, *, end_date: date | None) -> Worker:
    """A worker who has left: their record is kept (it is named on children's records), their
    sign-in ends at once, and no one may be allocated to them. The children they still hold
    are listed in the event for the managers who reallocate them."""
    require(actor, Action.MANAGE_WORKFORCE)
    worker = locked(worker)
    if not worker.active:
        raise ValidationError(f"{worker.full_name} has already left: their sign-in has ended.")
    if worker.user_id is not None and worker.user_id == getattr(actor.user, "pk", None):
        raise ValidationError("You cannot end your own sign-in: ask another administrator.")
    required(end_date, "end_date", "Enter the end date")
    worker.end_date = end_date
    worker.active = False
    saved(worker)
    if worker.user is not None:
        worker.user.is_active = False
        worker.user.save(update_fields=["is_active"])
    children = [a.child.council_id for a in children_to_reallocate(worker)]
    summary = f"Ended {_described(worker)} on {long_date(end_date)}, and their sign-in"
    _logged(actor, EventType.WORKER_ENDED, summary, worker, children_to_reallocate=children)
    return worker


def _sign_in_of(worker: Worker):
    if worker.user is None:
        raise ValidationError(f"{worker.full_name} has no sign-in.")
    if not worker.active or not worker.user.is_active:
        raise ValidationError(f"{worker.full_name} has left: their sign-in has ended.")
    return worker.user


@transaction.atomic
def unlock_sign_in(actor: Actor, worker: Worker) -> int:
    """Clear the failed sign-ins that locked the worker out (django-axes keeps them as
    AccessAttempt rows per username and address): they may sign in again at once. Returns how
    many records of failed attempts were cleared."""
    require(actor, Action.MANAGE_WORKFORCE)
    user = _sign_in_of(worker)
    cleared = reset_lockouts(username=user.get_username())
    summary = f"Unlocked the sign-in of {worker.full_name} ({user.get_username()})"
    _logged(actor, EventType.ACCOUNT_UNLOCKED, summary, worker, cleared=cleared)
    return cleared


@transaction.atomic
def set_temporary_password(
    actor: Actor, worker: Worker, *, password: str = ""
) -> TemporaryPassword:
    """A new temporary password for a worker who has forgotten theirs (`password`, or one made
    here when it is blank). Their sessions end (Django signs out a user whose password changed)
    and they must choose their own password when they next sign in."""
    require(actor, Action.MANAGE_WORKFORCE)
    user = _sign_in_of(worker)
    chosen, generated = _temporary_password(password, user)
    user.set_password(chosen)
    user.save(update_fields=["password"])
    _must_change(user, True)
    summary = f"Set a temporary password for {worker.full_name} ({user.get_username()})"
    _logged(actor, EventType.TEMPORARY_PASSWORD_SET, summary, worker, generated=generated)
    return TemporaryPassword(worker, chosen, generated)


@transaction.atomic
def change_password(
    actor: Actor, *, current_password: str, new_password: str, confirm_password: str
):
    """A signed-in worker chooses their own password: Django's password rules apply, and a
    temporary password stops being one."""
    worker = require(actor, Action.USE_SIGHTLINE)
    user = actor.user
    problems: dict = {}
    if not user.check_password(current_password or ""):
        problems["current_password"] = ["Your current password is not right: enter it again"]
    if not new_password:
        problems["new_password"] = ["Enter a new password"]
    elif new_password == current_password:
        problems["new_password"] = ["Choose a new password, not the one you have now"]
    else:
        try:
            password_validation.validate_password(new_password, user)
        except ValidationError as weak:
            problems["new_password"] = weak.messages
    if new_password and new_password != confirm_password:
        problems["confirm_password"] = ["The passwords do not match: type the new password again"]
    _refuse_if_any(problems)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    _must_change(user, False)
    _logged(actor, EventType.PASSWORD_CHANGED, "Changed their password", worker)
    return user


# -- teams and services ------------------------------------------------------------------


def _named(model, record, name: str, what: str) -> None:
    required(name, "name", f"Enter the {what}'s name")
    taken = model.objects.filter(name__iexact=name.strip())
    if record.pk:
        taken = taken.exclude(pk=record.pk)
    if taken.exists():
        raise ValidationError({"name": f"There is already a {what} called {name.strip()}"})
    record.name = name.strip()


def _saved_named(actor: Actor, record, old_name: str, event: EventType, what: str) -> None:
    new = not old_name
    saved(record)
    if new:
        summary = f"Added the {what} {record.name}"
    elif old_name != record.name:
        summary = f"Renamed the {what} {old_name} to {record.name}"
    else:
        summary = f"Changed the {what} {record.name}"
    log(actor, event, summary, obj=record, detail={"name": [old_name, record.name]})


@transaction.atomic
def save_service(actor: Actor, service: Service | None = None, *, name: str) -> Service:
    """Add a service (no `service`) or rename one."""
    require(actor, Action.MANAGE_WORKFORCE)
    service = locked(service) if service is not None else Service()
    old_name = service.name if service.pk else ""
    _named(Service, service, name, "service")
    _saved_named(actor, service, old_name, EventType.SERVICE_SAVED, "service")
    return service


@transaction.atomic
def save_team(
    actor: Actor, team: Team | None = None, *, name: str, service: Service, kind: str
) -> Team:
    """Add a team (no `team`), or rename it, move it to another service or change its kind."""
    require(actor, Action.MANAGE_WORKFORCE)
    team = locked(team) if team is not None else Team()
    old_name = team.name if team.pk else ""
    _named(Team, team, name, "team")
    team.service, team.kind = service, kind
    _saved_named(actor, team, old_name, EventType.TEAM_SAVED, "team")
    return team
