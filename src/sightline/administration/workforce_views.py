"""The workforce, run by administrators: workers and their sign-ins (add, change, end, unlock,
a temporary password), teams and services; and "Change your password" for everyone.

Each view declares its action (`@page`: anyone but an administrator gets the same 404 as a
missing page) and hands forms to `record_page`, which calls the service with the actor. A
password Sightline makes is shown to the administrator once, on the worker's page, and kept
nowhere else: it goes from the session as soon as it is shown.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from sightline.access.policy import Action
from sightline.people.models import Service, Team
from sightline.web.pages import actor, listed, page, record_page

from . import services
from .selectors import (
    children_to_reallocate,
    is_locked,
    locked_usernames,
    teams_and_services,
    worker_for_admin,
    workers_matching,
)
from .workforce_forms import (
    ChangePasswordForm,
    EndWorkerForm,
    NewWorkerForm,
    ServiceForm,
    TeamForm,
    TemporaryPasswordForm,
    WorkerForm,
    WorkerSearchForm,
)

ADMIN = Action.MANAGE_WORKFORCE
FORM = ("GET", "POST")
PER_PAGE = 50
# The session key that carries a password Sightline made to the one page that shows it.
SHOWN_ONCE = "sightline_password_shown_once"


def _worker_url(worker) -> str:
    return reverse("workforce-worker", args=[worker.pk])


def _show_once(request: HttpRequest, made: services.TemporaryPassword):
    """Keep a password Sightline made for the worker's page to show, once."""
    if made.generated:
        request.session[SHOWN_ONCE] = {"worker": made.worker.pk, "password": made.password}
    return made


def _worker_form(request: HttpRequest, worker, *, service, **options) -> HttpResponse:
    """A form about one worker, saved by `service(actor, worker, **data)`, that goes back to
    the worker's page (also its Back link). `options` are `record_page`'s."""
    url = _worker_url(worker)
    return record_page(
        request,
        save=lambda who, data: service(who, worker, **data),
        child=None,
        caption=worker.full_name,
        next_url=url,
        back_url=url,
        **options,
    )


# -- workers -------------------------------------------------------------------------------


@page(ADMIN, url="workforce/", name="workforce", more=[("workforce/workers/", "workforce-workers")])
def workers(request: HttpRequest) -> HttpResponse:
    """Every worker, current first, found by name, username or staff ID."""
    form = WorkerSearchForm(request.GET or None)
    text = form.cleaned_data["q"] if form.is_bound and form.is_valid() else ""
    page_obj = Paginator(workers_matching(text), PER_PAGE).get_page(request.GET.get("page"))
    locked = locked_usernames(w.user.username for w in page_obj if w.user is not None)
    for worker in page_obj:
        worker.locked = worker.user is not None and worker.user.username in locked
    query = urlencode({"q": text}) if text else ""
    context = {"form": form, "page": page_obj, "query": query}
    return render(request, "administration/workforce/workers.html", context)


@page(ADMIN, methods=FORM, url="workforce/workers/add/", name="workforce-add")
def worker_add(request: HttpRequest) -> HttpResponse:
    return record_page(
        request,
        form=NewWorkerForm,
        save=lambda who, data: _show_once(request, services.create_worker(who, **data)),
        child=None,
        title="Add a worker",
        intro="They get a sign-in with a temporary password, which they must change when they "
        "first sign in.",
        done=lambda made: f"{made.worker.full_name} can now sign in as {made.worker.user.username}",
        next_url=lambda made: _worker_url(made.worker),
        back_url=reverse("workforce"),
        button="Add the worker",
        caption="Workforce",
    )


@page(ADMIN, url="workforce/workers/<int:pk>/", name="workforce-worker")
def worker_detail(request: HttpRequest, pk: int) -> HttpResponse:
    worker = worker_for_admin(pk)
    shown_once = request.session.get(SHOWN_ONCE)
    password = None
    if shown_once and shown_once.get("worker") == worker.pk:
        password = request.session.pop(SHOWN_ONCE)["password"]
    worker.locked = is_locked(worker)
    allocations = list(children_to_reallocate(worker))
    listed(request, f"Viewed the children {worker.full_name} holds", [a.child for a in allocations])
    must_change = worker.user is not None and services.must_change_password(worker.user)
    return render(
        request,
        "administration/workforce/worker.html",
        {
            "worker": worker,
            "password": password,
            "must_change": must_change,
            "allocations": allocations,
        },
    )


@page(ADMIN, methods=FORM, url="workforce/workers/<int:pk>/change/", name="workforce-change")
def worker_change(request: HttpRequest, pk: int) -> HttpResponse:
    worker = worker_for_admin(pk)
    initial = {name: getattr(worker, name) for name in WorkerForm.base_fields}
    return _worker_form(
        request,
        worker,
        service=services.change_worker,
        form=WorkerForm,
        form_kwargs={"initial": initial, "worker": worker},
        title="Change their details",
        done=lambda changed: f"{changed.full_name}'s details have been changed",
        button="Save the changes",
    )


@page(ADMIN, methods=FORM, url="workforce/workers/<int:pk>/end/", name="workforce-end")
def worker_end(request: HttpRequest, pk: int) -> HttpResponse:
    worker = worker_for_admin(pk)
    if worker.active:
        return _worker_form(
            request,
            worker,
            service=services.end_worker,
            form=EndWorkerForm,
            title="End this worker and their sign-in",
            intro="Their sign-in ends at once and nobody can allocate a child to them. Their "
            "name stays on the records they made. Their manager reallocates the children they "
            "hold.",
            summary=[("Children they hold", children_to_reallocate(worker).count())],
            done=lambda ended: f"{ended.full_name} has left and their sign-in has ended",
            button="End the worker",
        )
    # Ending is done once: the page of someone who has left says so.
    messages.info(request, f"{worker.full_name} has already left: their sign-in has ended")
    return redirect(_worker_url(worker))


@page(ADMIN, methods=FORM, url="workforce/workers/<int:pk>/password/", name="workforce-password")
def worker_password(request: HttpRequest, pk: int) -> HttpResponse:
    def set_password(who, worker, **data):
        return _show_once(request, services.set_temporary_password(who, worker, **data))

    return _worker_form(
        request,
        worker_for_admin(pk),
        service=set_password,
        form=TemporaryPasswordForm,
        title="Set a temporary password",
        intro="For someone who has forgotten their password. Anyone signed in as them is signed "
        "out, and they must choose their own password when they next sign in.",
        done=lambda made: f"{made.worker.full_name} has a temporary password",
        button="Set the password",
    )


@page(ADMIN, methods=("POST",), url="workforce/workers/<int:pk>/unlock/", name="workforce-unlock")
def worker_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    worker = worker_for_admin(pk)
    try:
        services.unlock_sign_in(actor(request), worker)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, f"{worker.full_name} can sign in again")
    return redirect(_worker_url(worker))


# -- teams and services ----------------------------------------------------------------------


@page(ADMIN, url="workforce/teams/", name="workforce-teams")
def teams(request: HttpRequest) -> HttpResponse:
    all_services, all_teams = teams_and_services()
    context = {"services": all_services, "teams": all_teams}
    return render(request, "administration/workforce/teams.html", context)


def _add_or_change(records: str, name: str) -> dict:
    """The routes of a page that adds a team or service (".../add/", URL name `name`-add) or
    changes one (".../<pk>/", `name`)."""
    adding = (f"workforce/{records}/add/", f"{name}-add")
    return {"url": f"workforce/{records}/<int:pk>/", "name": name, "more": [adding]}


def _named_page(request: HttpRequest, model, pk: int | None, *, form, service, what: str):
    """Add a team or service (no `pk`) or change one, through `service(actor, record, **data)`."""
    record = get_object_or_404(model, pk=pk) if pk is not None else None
    initial = {name: getattr(record, name) for name in form.base_fields} if record else {}
    changing = "Change" if what == "team" else "Rename"
    return record_page(
        request,
        form=form,
        form_kwargs={"initial": initial},
        save=lambda who, data: service(who, record, **data),
        child=None,
        title=f"{changing} the {what}" if record else f"Add a {what}",
        caption="Teams and services",
        done=lambda saved: f"Saved the {what} {saved.name}",
        next_url=reverse("workforce-teams"),
        back_url=reverse("workforce-teams"),
        button=f"Save the {what}",
    )


@page(ADMIN, methods=FORM, **_add_or_change("teams", "workforce-team"))
def team(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _named_page(request, Team, pk, form=TeamForm, service=services.save_team, what="team")


@page(ADMIN, methods=FORM, **_add_or_change("services", "workforce-service"))
def service(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    save = services.save_service
    return _named_page(request, Service, pk, form=ServiceForm, service=save, what="service")


# -- everyone's own password -----------------------------------------------------------------


@page(Action.USE_SIGHTLINE, methods=FORM, url="change-password/", name="change-password")
def change_password(request: HttpRequest) -> HttpResponse:
    def save(who, data):
        user = services.change_password(who, **data)
        # Changing the password ends every session signed in with the old one but this.
        update_session_auth_hash(request, user)
        return user

    temporary = services.must_change_password(request.user)
    return record_page(
        request,
        form=ChangePasswordForm,
        save=save,
        child=None,
        title="Change your password",
        intro="You signed in with a temporary password. Choose your own password before you go on."
        if temporary
        else "",
        done="Your password has been changed",
        next_url=reverse("my-work"),
        back_url=None if temporary else reverse("my-work"),
        button="Change your password",
    )
