"""One way to build a page.

A view declares the action it serves with `@page(Action.X)`: a user whose role may not take it
gets the same 404 as a missing record (and the refusal is on the audit trail). The view then
fetches its record in scope (`get_visible_or_404`) and, for a form, hands everything else to
`record_page`: read event on GET, bind the form, call the service with an `Actor`, put the
service's validation errors back on the fields, message, redirect. One page-shell template,
`web/record_page.html`, which a page may extend to lay out its fields.

Adding a workflow page on a child is: one action (access/policy.py), one view declared with
`@page`, one form, one service function taking an `Actor`, and a template block if the default
field list will not do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sightline.access.actor import Actor
from sightline.access.audit import log
from sightline.access.events import EventType
from sightline.access.gate import ACTION_ATTRIBUTE, page, routes

from .forms import apply_validation_error

__all__ = [
    "ACTION_ATTRIBUTE",
    "actor",
    "listed",
    "page",
    "record_form",
    "record_page",
    "routes",
    "viewed",
]
from .views import posted


def actor(request: HttpRequest) -> Actor:
    return Actor.from_request(request)


def viewed(
    request: HttpRequest,
    summary: str,
    *,
    child=None,
    obj=None,
    event: EventType = EventType.RECORD_VIEWED,
    detail: dict | None = None,
) -> None:
    """One read event for a page that shows a child's record (or part of it)."""
    log(actor(request), event, summary, child=child, obj=obj, detail=detail)


def listed(request: HttpRequest, summary: str, children: Iterable) -> None:
    """One read event for a page that lists children, naming each; opening a child's record
    writes that child's own event."""
    council_ids = sorted({child.council_id for child in children})
    if council_ids:
        many = "child" if len(council_ids) == 1 else "children"
        log(
            actor(request),
            EventType.LIST_VIEWED,
            f"{summary} ({len(council_ids)} {many})",
            detail={"council_ids": council_ids},
        )


def _resolve(value: Any, result: Any) -> Any:
    return value(result) if callable(value) else value


def record_page(
    request: HttpRequest,
    *,
    form: Callable[..., BaseForm],
    save: Callable[[Actor, dict[str, Any]], Any],
    child,
    title: str,
    done: str | Callable[[Any], str],
    next_url: str | Callable[[Any], str],
    obj=None,
    form_kwargs: dict[str, Any] | None = None,
    button: str = "Save",
    caption: str | None = None,
    intro: str = "",
    summary: Sequence[tuple[str, Any]] = (),
    back_url: str | None = None,
    template: str = "web/record_page.html",
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """Show a form on a child's record, and on a valid POST save it through the service.

    `form` is a form class (or any callable taking the data first); `save(actor, cleaned_data)`
    calls the service and returns what it made, which `done` and `next_url` may use.
    """
    bound = form(posted(request), **(form_kwargs or {}))
    who = actor(request)
    if request.method == "POST" and bound.is_valid():
        try:
            result = save(who, bound.cleaned_data)
        except ValidationError as error:
            apply_validation_error(bound, error)
        else:
            messages.success(request, _resolve(done, result))
            return redirect(_resolve(next_url, result))
    if request.method != "POST" and child is not None:
        # The page shows the child's record: opening it is a read.
        log(who, EventType.FORM_OPENED, f"Opened: {title}", child=child, obj=obj)
    page_context = {
        "form": bound,
        "title": title,
        "caption": caption if caption is not None else _caption(child),
        "intro": intro,
        "summary": summary,
        "button": button,
        "back_url": back_url,
        "child": child,
        "object": obj,
    }
    page_context.update(context or {})
    return render(request, template, page_context)


def record_form(
    request: HttpRequest,
    record,
    *,
    service: Callable[..., Any],
    returns_to: str,
    **options: Any,
) -> HttpResponse:
    """The usual `record_page`: a form on one of a child's records, saved by
    `service(actor, record, **cleaned_data)`, that goes back to the page it was opened from
    (`returns_to`, which is also its Back link). `options` are `record_page`'s."""
    return record_page(
        request,
        save=lambda actor, data: service(actor, record, **data),
        child=record.child,
        obj=record,
        next_url=returns_to,
        back_url=returns_to,
        **options,
    )


def _caption(child) -> str:
    return f"{child.full_name} ({child.council_id})" if child is not None else ""
