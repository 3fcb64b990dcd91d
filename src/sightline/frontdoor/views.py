"""Front-door pages: record a contact, screen it, decide, authorise, dip sample, monitor.

Thin views: reads go through the scoped selectors, writes through the services. A page the
user's role may not use answers 404, like a record outside their scope.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sightline.access.audit import Kind, record
from sightline.access.scope import (
    child_for,
    children_visible_to,
    records_visible_to,
    search_children,
    worker_for,
)
from sightline.timescales.engine import evaluate
from sightline.web.forms import apply_validation_error
from sightline.web.views import posted

from . import services
from .forms import (
    AuthoriseForm,
    ContactDetailsForm,
    DecisionForm,
    DipReviewForm,
    DipShareForm,
    DrawSampleForm,
    NewChildForm,
)
from .models import Contact, DecisionAuthorisation, DipSampleDraw
from .permissions import (
    may_add_new_children,
    may_authorise,
    may_decide,
    may_record_contacts,
    may_review_dip_samples,
    may_see_monitor,
    may_set_dip_sample_share,
)
from .selectors import (
    awaiting_authorisation,
    awaiting_decision,
    awaiting_handover,
    contact_for,
    dip_item_for,
    draw_items,
    draws,
    group_contacts,
    monitor,
    nfa_recontact,
    screening,
    time_outstanding,
)

DRAFT = "frontdoor_contact_draft"


def _allow(allowed: bool) -> None:
    if not allowed:
        raise Http404("Page not found")


def _listed(request: HttpRequest, summary: str, children) -> None:
    """One read event for a page that lists children, naming each (as My work does); opening
    a child's record writes that child's own event."""
    council_ids = sorted({child.council_id for child in children})
    if council_ids:
        record(
            request.user,
            Kind.VIEW,
            f"{summary} ({len(council_ids)} {'child' if len(council_ids) == 1 else 'children'})",
            request=request,
            detail={"council_ids": council_ids},
        )


def _decision_timescale(contact: Contact):
    return evaluate(
        "front_door.contact_decision",
        contact.received_at,
        contact.decided_at,
        timezone.localdate(),
        subject="Decision on this contact",
    )


def _authorisation(contact: Contact) -> DecisionAuthorisation | None:
    return DecisionAuthorisation.objects.filter(contact=contact).select_related("manager").first()


# -- work list --------------------------------------------------------------------------------


@require_GET
def contact_list(request: HttpRequest) -> HttpResponse:
    _allow(may_record_contacts(request.user) or may_authorise(request.user))
    now = timezone.now()
    waiting = [
        {
            "contact": c,
            "waiting": time_outstanding(c.received_at, now),
            "due": _decision_timescale(c),
        }
        for c in awaiting_decision(request.user)
    ]
    handovers = list(awaiting_handover(request.user))
    _listed(
        request,
        "Viewed the front door's contacts",
        [row["contact"].child for row in waiting] + [c.child for c in handovers],
    )
    return render(
        request,
        "frontdoor/contact_list.html",
        {
            "waiting": waiting,
            "handovers": handovers,
            "may_record": may_record_contacts(request.user),
            "may_authorise": may_authorise(request.user),
        },
    )


# -- recording a contact: choose the children, then the details ------------------------------


def _draft(request: HttpRequest) -> dict:
    draft = request.session.get(DRAFT) or {}
    return {"children": list(draft.get("children", [])), "new": list(draft.get("new", []))}


def _keep(request: HttpRequest, draft: dict) -> None:
    request.session[DRAFT] = draft


def _new_child(data: dict) -> services.NewChild:
    def day(text):
        return date.fromisoformat(text) if text else None

    return services.NewChild(
        first_name=data["first_name"],
        last_name=data["last_name"],
        sex=data["sex"],
        ethnicity=data["ethnicity"],
        date_of_birth=day(data.get("date_of_birth")),
        expected_date_of_birth=day(data.get("expected_date_of_birth")),
    )


def _selected(request: HttpRequest, draft: dict) -> list:
    found = {
        c.council_id: c
        for c in children_visible_to(request.user).filter(council_id__in=draft["children"])
    }
    return [found[cid] for cid in draft["children"] if cid in found]


@require_http_methods(["GET", "POST"])
def record_contact(request: HttpRequest) -> HttpResponse:
    """Step 1: the children the contact is about, found within the user's scope or added."""
    _allow(may_record_contacts(request.user))
    draft = _draft(request)
    here = reverse("frontdoor-record-contact")
    if request.method == "GET" and "child" in request.GET:
        child = child_for(request.user, request.GET["child"])
        _keep(request, {"children": [child.council_id], "new": []})
        return redirect(here)
    if request.method == "GET" and "start-again" in request.GET:
        _keep(request, {"children": [], "new": []})
        return redirect(here)
    if request.method == "POST":
        action, council_id = request.POST.get("action"), request.POST.get("council_id", "")
        if action == "add":
            child = child_for(request.user, council_id)
            if child.council_id not in draft["children"]:
                draft["children"].append(child.council_id)
        elif action == "remove" and council_id in draft["children"]:
            draft["children"].remove(council_id)
        elif action == "remove-new":
            index = request.POST.get("index", "")
            if index.isdigit() and int(index) < len(draft["new"]):
                draft["new"].pop(int(index))
        _keep(request, draft)
        query = request.POST.get("q", "")
        return redirect(f"{here}?{urlencode({'q': query})}" if query else here)

    query = request.GET.get("q", "").strip()
    results = list(search_children(request.user, query)) if query else []
    if query:
        record(
            request.user,
            Kind.SEARCH,
            f"Searched for {query!r} to record a contact: {len(results)} found",
            request=request,
            detail={"query": query, "council_ids": [c.council_id for c in results]},
        )
    selected = _selected(request, draft)
    chosen = {c.council_id for c in selected}
    return render(
        request,
        "frontdoor/record_contact.html",
        {
            "query": query,
            "results": [c for c in results if c.council_id not in chosen],
            "searched": bool(query),
            "selected": selected,
            "new_children": [_new_child(n) for n in draft["new"]],
            "may_add_new": may_add_new_children(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def record_contact_new_child(request: HttpRequest) -> HttpResponse:
    _allow(may_add_new_children(request.user))
    form = NewChildForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        draft = _draft(request)
        draft["new"].append(
            {
                "first_name": data["first_name"].strip(),
                "last_name": data["last_name"].strip(),
                "sex": data["sex"],
                "ethnicity": data["ethnicity"],
                "date_of_birth": data["date_of_birth"].isoformat() if data["date_of_birth"] else "",
                "expected_date_of_birth": data["expected_date_of_birth"].isoformat()
                if data["expected_date_of_birth"]
                else "",
            }
        )
        _keep(request, draft)
        return redirect("frontdoor-record-contact")
    return render(
        request,
        "frontdoor/form_page.html",
        {
            "form": form,
            "title": "Add a child we do not know yet",
            "caption": "Record a contact",
            "intro": "Search first: add a child here only if they are not already known. "
            "The child is saved, and given a council ID, when the contact is saved.",
            "button": "Add this child",
            "back_url": reverse("frontdoor-record-contact"),
        },
    )


@require_http_methods(["GET", "POST"])
def record_contact_details(request: HttpRequest) -> HttpResponse:
    """Step 2: what was reported. Saving makes every child's contact, or none of them."""
    _allow(may_record_contacts(request.user))
    draft = _draft(request)
    selected = _selected(request, draft)
    new_children = [_new_child(n) for n in draft["new"]]
    if not selected and not new_children:
        messages.info(request, "Find or add the children the contact is about first.")
        return redirect("frontdoor-record-contact")
    form = ContactDetailsForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if len(selected) != len(draft["children"]):
            form.add_error(
                None,
                "One of the children chosen can no longer be found: choose the children again.",
            )
        else:
            data = form.cleaned_data
            try:
                contacts = services.record_contact(
                    request.user,
                    children=[*selected, *new_children],
                    received_at=data["received_at"],
                    source=data["source"],
                    reported_by=data["reported_by"],
                    summary=data["summary"],
                    consent=data["consent"],
                    out_of_hours=bool(data["out_of_hours"]),
                    handover_note=data["handover_note"],
                    request=request,
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                request.session.pop(DRAFT, None)
                names = ", ".join(c.child.full_name for c in contacts)
                messages.success(request, f"Contact recorded for {names}")
                first = contacts[0]
                if records_visible_to(request.user, Contact).filter(pk=first.pk).exists():
                    return redirect("frontdoor-screening", pk=first.pk)
                return redirect("frontdoor-contacts")
    return render(
        request,
        "frontdoor/contact_details.html",
        {"form": form, "selected": selected, "new_children": new_children},
    )


# -- screening, handover, decision ------------------------------------------------------------


@require_GET
def screening_view(request: HttpRequest, pk: int) -> HttpResponse:
    contact = contact_for(request.user, pk)
    result = screening(request.user, contact)
    record(
        request.user,
        Kind.VIEW,
        "Screened a contact",
        child=contact.child,
        obj=contact,
        request=request,
    )
    for person in result.people[1:]:
        record(
            request.user,
            Kind.VIEW,
            "Seen in the household history while screening a contact",
            child=person.child,
            obj=contact,
            request=request,
            detail={"contact": contact.pk, "relationship": person.relationship},
        )
    authorisation = _authorisation(contact)
    worker = worker_for(request.user)
    return render(
        request,
        "frontdoor/screening.html",
        {
            "contact": contact,
            "screening": result,
            "group": group_contacts(request.user, contact),
            "authorisation": authorisation,
            "due": _decision_timescale(contact),
            "may_decide": may_decide(request.user) and not contact.decision,
            "may_authorise": may_authorise(request.user)
            and contact.decision
            and authorisation is None
            and worker is not None
            and contact.decided_by_id != worker.pk,
            "may_acknowledge": may_decide(request.user) and contact.awaiting_handover,
        },
    )


@require_POST
def acknowledge_handover(request: HttpRequest, pk: int) -> HttpResponse:
    _allow(may_decide(request.user))
    contact = contact_for(request.user, pk)
    try:
        rows = services.acknowledge_handover(request.user, contact, request=request)
    except ValidationError as error:
        for message in error.messages:
            messages.info(request, message)
    else:
        messages.success(
            request, f"Handover acknowledged for {len(rows)} child{'ren' if len(rows) != 1 else ''}"
        )
    return redirect("frontdoor-screening", pk=contact.pk)


@require_http_methods(["GET", "POST"])
def decision_view(request: HttpRequest, pk: int) -> HttpResponse:
    _allow(may_decide(request.user))
    contact = contact_for(request.user, pk)
    form = DecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.record_decision(
                request.user,
                contact,
                decision=form.cleaned_data["decision"],
                rationale=form.cleaned_data["rationale"],
                request=request,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, "Decision recorded: it now needs a manager's authorisation")
            return redirect("frontdoor-screening", pk=contact.pk)
    if request.method == "GET":
        record(
            request.user,
            Kind.VIEW,
            "Opened the decision on a contact",
            child=contact.child,
            obj=contact,
            request=request,
        )
    return render(
        request,
        "frontdoor/decision.html",
        {
            "contact": contact,
            "form": form,
            "flag": nfa_recontact(contact),
            "due": _decision_timescale(contact),
        },
    )


# -- authorisation ----------------------------------------------------------------------------


@require_GET
def authorisation_queue(request: HttpRequest) -> HttpResponse:
    _allow(may_authorise(request.user))
    now = timezone.now()
    rows = [
        {"contact": c, "outstanding": time_outstanding(c.decided_at, now)}
        for c in awaiting_authorisation(request.user)
    ]
    _listed(request, "Viewed decisions awaiting authorisation", [r["contact"].child for r in rows])
    return render(request, "frontdoor/authorisation_queue.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
def authorise_view(request: HttpRequest, pk: int) -> HttpResponse:
    _allow(may_authorise(request.user))
    contact = contact_for(request.user, pk)
    form = AuthoriseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            authorisation = services.authorise_decision(
                request.user,
                contact,
                outcome=data["outcome"],
                new_decision=data["new_decision"],
                reasons=data["reasons"],
                request=request,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, f"Decision {authorisation.get_outcome_display().lower()}")
            return redirect("frontdoor-authorisations")
    if request.method == "GET":
        record(
            request.user,
            Kind.VIEW,
            "Opened a decision for authorisation",
            child=contact.child,
            obj=contact,
            request=request,
        )
    return render(
        request,
        "frontdoor/authorise.html",
        {
            "contact": contact,
            "form": form,
            "authorisation": _authorisation(contact),
            "flag": nfa_recontact(contact),
            "outstanding": time_outstanding(contact.decided_at) if contact.decided_at else "",
        },
    )


# -- dip sampling -----------------------------------------------------------------------------


def _may_use_dip_samples(user) -> bool:
    return may_review_dip_samples(user) or may_set_dip_sample_share(user)


@require_http_methods(["GET", "POST"])
def dip_sample_list(request: HttpRequest) -> HttpResponse:
    _allow(_may_use_dip_samples(request.user))
    form = DrawSampleForm(posted(request), initial={"week_start": services.last_finished_week()})
    if request.method == "POST" and form.is_valid():
        week = form.cleaned_data["week_start"]
        try:
            services.draw_weekly_sample(week, user=request.user)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect("frontdoor-dip-sample-week", week=week.isoformat())
    return render(
        request,
        "frontdoor/dip_sample_list.html",
        {
            "form": form,
            "draws": draws(),
            "share": services.current_dip_sample_share(),
            "may_set_share": may_set_dip_sample_share(request.user),
        },
    )


@require_GET
def dip_sample_week(request: HttpRequest, week: str) -> HttpResponse:
    _allow(_may_use_dip_samples(request.user))
    try:
        week_start = date.fromisoformat(week)
    except ValueError:
        raise Http404("No dip sample found") from None
    draw = get_object_or_404(DipSampleDraw, week_start=week_start)
    items = list(draw_items(request.user, draw))
    _listed(request, f"Viewed the dip sample for {week_start:%d/%m/%Y}", [i.child for i in items])
    return render(
        request,
        "frontdoor/dip_sample_week.html",
        {
            "draw": draw,
            "items": items,
            "not_shown": draw.items.count() - len(items),
            "may_review": may_review_dip_samples(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def dip_sample_review(request: HttpRequest, pk: int) -> HttpResponse:
    _allow(may_review_dip_samples(request.user))
    item = dip_item_for(request.user, pk)
    form = DipReviewForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.review_dip_sample(
                request.user,
                item,
                finding=form.cleaned_data["finding"],
                comments=form.cleaned_data["comments"],
                request=request,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, "Dip sample review recorded")
            return redirect("frontdoor-dip-sample-week", week=item.draw.week_start.isoformat())
    if request.method == "GET":
        record(
            request.user,
            Kind.VIEW,
            "Opened a contact for a dip sample review",
            child=item.child,
            obj=item.contact,
            request=request,
        )
    return render(
        request,
        "frontdoor/dip_sample_review.html",
        {
            "item": item,
            "contact": item.contact,
            "authorisation": _authorisation(item.contact),
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
def dip_sample_share(request: HttpRequest) -> HttpResponse:
    _allow(may_set_dip_sample_share(request.user))
    form = DipShareForm(
        posted(request), initial={"share_percent": services.current_dip_sample_share()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_dip_sample_share(
                request.user,
                form.cleaned_data["share_percent"],
                form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, "Dip sample share changed")
            return redirect("frontdoor-dip-samples")
    return render(
        request,
        "frontdoor/form_page.html",
        {
            "form": form,
            "title": "Change the dip sample share",
            "caption": "Dip sampling",
            "intro": "Each week this share of the authorised no further action decisions is "
            "drawn at random for a second look. Weeks already drawn keep their share.",
            "button": "Save the share",
            "back_url": reverse("frontdoor-dip-samples"),
        },
    )


# -- monitor ----------------------------------------------------------------------------------


@require_GET
def monitor_view(request: HttpRequest) -> HttpResponse:
    _allow(may_see_monitor(request.user))
    return render(request, "frontdoor/monitor.html", {"monitor": monitor()})
