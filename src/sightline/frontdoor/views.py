"""Front-door pages: record a contact, screen it, decide, authorise, dip sample, monitor.

Thin views: each declares its action (`@page`), so a role that may not use a page gets the same
404 as a record outside their scope; reads go through the scoped selectors, writes through the
services with the `Actor`, and the form pages through `record_page`. Recording a contact is the
one flow of its own: the children are gathered in the session (step 1) before the details
(step 2) are saved with them.
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
from django.utils.dateformat import format as date_format

from sightline.access.audit import log
from sightline.access.events import EventType
from sightline.access.policy import Action, may
from sightline.access.scope import (
    child_for,
    children_visible_to,
    records_visible_to,
    search_children,
    worker_for,
)
from sightline.people.models import Child
from sightline.timescales.engine import evaluate
from sightline.web.dates import long_date
from sightline.web.forms import apply_validation_error
from sightline.web.pages import actor, listed, page, record_page, viewed
from sightline.web.views import posted

from . import merging, services
from .forms import (
    AuthoriseForm,
    ContactDetailsForm,
    DecisionForm,
    DipReviewForm,
    DipShareForm,
    DrawSampleForm,
    MergeChildrenForm,
    NewChildForm,
    NoneOfTheseForm,
)
from .matching import MATCH_LIMIT, Details, possible_matches
from .models import Contact, DecisionAuthorisation, DipSampleDraw
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
FORM = ("GET", "POST")


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


def _screening_url(contact: Contact) -> str:
    return reverse("frontdoor-screening", args=[contact.pk])


def _moment(value) -> str:
    """'27 November 2026, 09:00' in London time, as the templates show a moment."""
    return date_format(timezone.localtime(value), "j F Y, H:i")


# -- work list --------------------------------------------------------------------------------


@page(Action.RECORD_CONTACT, url="", name="frontdoor-contacts")
def contact_list(request: HttpRequest) -> HttpResponse:
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
    listed(
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
            "may_record": may(request.user, Action.RECORD_CONTACT),
            "may_authorise": may(request.user, Action.AUTHORISE_DECISION),
        },
    )


# -- recording a contact: choose the children, then the details ------------------------------


def _draft(request: HttpRequest) -> dict:
    draft = request.session.get(DRAFT) or {}
    return {
        "children": list(draft.get("children", [])),
        "new": list(draft.get("new", [])),
        # Known children chosen from the possible matches: maybe outside the worker's scope
        # until the contact is saved, so never fetched through it.
        "matched": list(draft.get("matched", [])),
        # The new child waiting until the worker chooses a match or says none is the child,
        # and the children offered (the only ones that may be chosen).
        "pending": draft.get("pending"),
        "offered": list(draft.get("offered", [])),
        "more": draft.get("more", 0),
    }


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
        nhs_number=data.get("nhs_number", ""),
        upn=data.get("upn", ""),
    )


def _wanted(draft: dict) -> list[str]:
    return list(dict.fromkeys(draft["children"] + draft["matched"]))


def _selected(request: HttpRequest, draft: dict) -> list:
    found = {
        c.council_id: c
        for c in children_visible_to(request.user).filter(council_id__in=draft["children"])
    }
    matched = Child.objects.filter(council_id__in=draft["matched"], merged_into__isnull=True)
    found.update({c.council_id: c for c in matched})
    return [found[cid] for cid in _wanted(draft) if cid in found]


@page(Action.RECORD_CONTACT, methods=FORM, url="contacts/new/", name="frontdoor-record-contact")
def record_contact(request: HttpRequest) -> HttpResponse:
    """Step 1: the children the contact is about, found within the user's scope or added."""
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
        elif action == "remove":
            for chosen in (draft["children"], draft["matched"]):
                if council_id in chosen:
                    chosen.remove(council_id)
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
        log(
            actor(request),
            EventType.CHILDREN_SEARCHED,
            f"Searched for {query!r} to record a contact: {len(results)} found",
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
            "may_add_new": may(request.user, Action.ADD_NEW_CHILD),
        },
    )


@page(
    Action.ADD_NEW_CHILD,
    methods=FORM,
    url="contacts/new/child/",
    name="frontdoor-record-contact-new-child",
)
def record_contact_new_child(request: HttpRequest) -> HttpResponse:
    """A child the council does not know, kept in the session until the contact is saved (so
    not through a service yet, and no message: the child shows in step 1's list). Known
    children who may be the same child are looked for first, whatever the worker's scope."""
    draft = _draft(request)
    # Back from the possible matches, the details typed are still there to correct.
    form = NewChildForm(posted(request), initial=_typed(draft["pending"] or {}))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        pending = {
            **{name: data[name].strip() for name in ("first_name", "last_name", "postcode")},
            **{name: data[name] for name in ("sex", "ethnicity", "nhs_number", "upn")},
            **{
                name: data[name].isoformat() if data[name] else ""
                for name in ("date_of_birth", "expected_date_of_birth")
            },
        }
        matches = _matches(pending)
        log(
            actor(request),
            EventType.CHILDREN_SEARCHED,
            f"Looked for a known child before adding {_name(pending)}: {len(matches)} may match",
            detail={"looked_for": pending, "council_ids": [m.council_id for m in matches]},
        )
        if matches:
            offered = [m.council_id for m in matches[:MATCH_LIMIT]]
            draft.update(pending=pending, offered=offered, more=len(matches) - len(offered))
            _keep(request, draft)
            return redirect("frontdoor-record-contact-matches")
        draft["new"].append(pending)
        draft.update(pending=None, offered=[], more=0)
        _keep(request, draft)
        return redirect("frontdoor-record-contact")
    return render(
        request,
        "web/record_page.html",
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


def _name(pending: dict) -> str:
    return f"{pending['first_name']} {pending['last_name']}"


def _typed(pending: dict) -> dict:
    """The new child as kept in the session (dates as ISO text), with its dates as dates."""
    dates = ("date_of_birth", "expected_date_of_birth")
    return {
        **pending,
        **{name: date.fromisoformat(pending[name]) for name in dates if pending.get(name)},
    }


def _matches(pending: dict) -> list:
    typed = _typed(pending)
    return possible_matches(
        Details(
            first_name=typed["first_name"],
            last_name=typed["last_name"],
            date_of_birth=typed.get("date_of_birth") or None,
            expected_date_of_birth=typed.get("expected_date_of_birth") or None,
            postcode=typed.get("postcode", ""),
            identifiers=(typed.get("nhs_number", ""), typed.get("upn", "")),
        )
    )


@page(
    Action.ADD_NEW_CHILD,
    methods=FORM,
    url="contacts/new/child/matches/",
    name="frontdoor-record-contact-matches",
)
def record_contact_matches(request: HttpRequest) -> HttpResponse:
    """Known children who may be the child being added: choose one, and the contact is about
    them; or confirm that none of them is the child, and only then is a new child added."""
    draft = _draft(request)
    pending = draft["pending"]
    if not pending:
        return redirect("frontdoor-record-contact-new-child")
    name, offered = _name(pending), draft["offered"]
    chosen = request.POST.get("council_id", "") if request.method == "POST" else ""
    if chosen:
        if chosen not in offered:
            raise Http404("No child found")
        child = get_object_or_404(Child, council_id=chosen, merged_into__isnull=True)
        if chosen not in draft["matched"]:
            draft["matched"].append(chosen)
        draft.update(pending=None, offered=[], more=0)
        _keep(request, draft)
        log(
            actor(request),
            EventType.CHILD_MATCH_CHOSEN,
            f"Chose {child.council_id}, a known child, instead of adding {name}",
            child=child,
            obj=child,
            detail={"offered": offered},
        )
        return redirect("frontdoor-record-contact")
    form = NoneOfTheseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        draft["new"].append(pending)
        draft.update(pending=None, offered=[], more=0)
        _keep(request, draft)
        log(
            actor(request),
            EventType.CHILD_MATCH_CHOSEN,
            f"Confirmed that none of the {len(offered)} known children who may match is "
            f"{name}: adding a new child",
            detail={"offered": offered},
        )
        return redirect("frontdoor-record-contact")
    matches = [m for m in _matches(pending) if m.council_id in offered]
    return render(
        request,
        "frontdoor/matches.html",
        {
            "form": form,
            "title": "Is this a child we already know?",
            "caption": "Record a contact",
            "button": f"Add {name} as a new child",
            "back_url": reverse("frontdoor-record-contact-new-child"),
            "name": name,
            "matches": matches,
            "more": draft["more"],
        },
    )


@page(
    Action.RECORD_CONTACT,
    methods=FORM,
    url="contacts/new/details/",
    name="frontdoor-record-contact-details",
)
def record_contact_details(request: HttpRequest) -> HttpResponse:
    """Step 2: what was reported. Saving makes every child's contact, or none of them."""
    draft = _draft(request)
    selected = _selected(request, draft)
    new_children = [_new_child(n) for n in draft["new"]]
    if not selected and not new_children:
        messages.info(request, "Find or add the children the contact is about first.")
        return redirect("frontdoor-record-contact")

    def save(who, data) -> list[Contact]:
        if len(selected) != len(_wanted(draft)):
            raise ValidationError(
                "One of the children chosen can no longer be found: choose the children again."
            )
        contacts = services.record_contact(
            who,
            children=[*selected, *new_children],
            **{**data, "out_of_hours": bool(data["out_of_hours"])},
        )
        request.session.pop(DRAFT, None)
        return contacts

    def next_url(contacts: list[Contact]) -> str:
        # Straight to screening the first child, where the user may see that contact.
        first = contacts[0]
        if records_visible_to(request.user, Contact).filter(pk=first.pk).exists():
            return _screening_url(first)
        return reverse("frontdoor-contacts")

    return record_page(
        request,
        form=ContactDetailsForm,
        save=save,
        child=None,  # the children are listed on the page; nothing is read from their records
        title="What was reported",
        caption="Record a contact",
        done=lambda contacts: (
            "Contact recorded for " + ", ".join(c.child.full_name for c in contacts)
        ),
        next_url=next_url,
        back_url=reverse("frontdoor-record-contact"),
        button="Save the contact",
        template="frontdoor/contact_details.html",
        context={"selected": selected, "new_children": new_children},
    )


# -- screening, handover, decision ------------------------------------------------------------


@page(Action.VIEW_CHILD_RECORD, url="contacts/<int:pk>/", name="frontdoor-screening")
def screening_view(request: HttpRequest, pk: int) -> HttpResponse:
    contact = contact_for(request.user, pk)
    result = screening(request.user, contact)
    viewed(request, "Screened a contact", child=contact.child, obj=contact)
    for person in result.people[1:]:
        viewed(
            request,
            "Seen in the household history while screening a contact",
            child=person.child,
            obj=contact,
            detail={"contact": contact.pk, "relationship": person.relationship},
        )
    authorisation = _authorisation(contact)
    worker = worker_for(request.user)
    may_decide = may(request.user, Action.DECIDE_CONTACT)
    return render(
        request,
        "frontdoor/screening.html",
        {
            "contact": contact,
            "screening": result,
            "group": group_contacts(request.user, contact),
            "authorisation": authorisation,
            "due": _decision_timescale(contact),
            "may_decide": may_decide and not contact.decision,
            # Never the person who made the decision: another manager authorises it.
            "may_authorise": may(request.user, Action.AUTHORISE_DECISION)
            and contact.decision
            and authorisation is None
            and worker is not None
            and contact.decided_by_id != worker.pk,
            "may_acknowledge": may_decide and contact.awaiting_handover,
        },
    )


@page(
    Action.DECIDE_CONTACT,
    methods=("POST",),
    url="contacts/<int:pk>/handover/",
    name="frontdoor-acknowledge-handover",
)
def acknowledge_handover(request: HttpRequest, pk: int) -> HttpResponse:
    contact = contact_for(request.user, pk)
    try:
        rows = services.acknowledge_handover(actor(request), contact)
    except ValidationError as error:
        for message in error.messages:
            messages.info(request, message)
    else:
        messages.success(
            request, f"Handover acknowledged for {len(rows)} child{'ren' if len(rows) != 1 else ''}"
        )
    return redirect(_screening_url(contact))


@page(
    Action.DECIDE_CONTACT,
    methods=FORM,
    url="contacts/<int:pk>/decision/",
    name="frontdoor-decision",
)
def decision_view(request: HttpRequest, pk: int) -> HttpResponse:
    contact = contact_for(request.user, pk)
    # A referral decision on a child with a referral open adds to it (one open referral a time).
    referral = None if contact.decision else services.open_referral(contact.child)

    def done(decided: Contact) -> str:
        said = "Decision recorded: it now needs a manager's authorisation"
        if referral is not None and decided.cin_episode_id == referral.pk:
            said += (
                f". The contact was added to {contact.child.full_name}'s open referral of "
                f"{long_date(referral.referral_date)}, not made a second referral"
            )
        return said

    return record_page(
        request,
        form=DecisionForm,
        save=lambda who, data: services.record_decision(who, contact, **data),
        child=contact.child,
        obj=contact,
        title=f"Decision on the contact about {contact.child.full_name}",
        caption=f"Contact received {_moment(contact.received_at)}",
        done=done,
        next_url=_screening_url(contact),
        back_url=_screening_url(contact),
        button="Save the decision",
        template="frontdoor/decision.html",
        context={
            "contact": contact,
            "flag": nfa_recontact(contact),
            "due": _decision_timescale(contact),
            "open_referral": referral,
        },
    )


# -- authorisation ----------------------------------------------------------------------------


@page(Action.AUTHORISE_DECISION, url="authorisations/", name="frontdoor-authorisations")
def authorisation_queue(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = [
        {"contact": c, "outstanding": time_outstanding(c.decided_at, now)}
        for c in awaiting_authorisation(request.user)
    ]
    listed(request, "Viewed decisions awaiting authorisation", [r["contact"].child for r in rows])
    return render(request, "frontdoor/authorisation_queue.html", {"rows": rows})


@page(
    Action.AUTHORISE_DECISION,
    methods=FORM,
    url="contacts/<int:pk>/authorise/",
    name="frontdoor-authorise",
)
def authorise_view(request: HttpRequest, pk: int) -> HttpResponse:
    contact = contact_for(request.user, pk)
    return record_page(
        request,
        form=AuthoriseForm,
        save=lambda who, data: services.authorise_decision(who, contact, **data),
        child=contact.child,
        obj=contact,
        title=f"Authorise the decision about {contact.child.full_name}",
        caption="Manager's authorisation",
        done=lambda authorisation: f"Decision {authorisation.get_outcome_display().lower()}",
        next_url=reverse("frontdoor-authorisations"),
        back_url=reverse("frontdoor-authorisations"),
        button="Save the authorisation",
        template="frontdoor/authorise.html",
        context={
            "contact": contact,
            "authorisation": _authorisation(contact),
            "flag": nfa_recontact(contact),
            "outstanding": time_outstanding(contact.decided_at) if contact.decided_at else "",
        },
    )


# -- dip sampling -----------------------------------------------------------------------------


@page(Action.VIEW_DIP_SAMPLES, methods=FORM, url="dip-samples/", name="frontdoor-dip-samples")
def dip_sample_list(request: HttpRequest) -> HttpResponse:
    """The weeks drawn (no child named, so no read event), and a form to draw a week."""
    form = DrawSampleForm(posted(request), initial={"week_start": services.last_finished_week()})
    if request.method == "POST" and form.is_valid():
        week = form.cleaned_data["week_start"]
        try:
            services.draw_weekly_sample(actor(request), week)
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
            "may_set_share": may(request.user, Action.SET_DIP_SAMPLE_SHARE),
        },
    )


@page(Action.VIEW_DIP_SAMPLES, url="dip-samples/<str:week>/", name="frontdoor-dip-sample-week")
def dip_sample_week(request: HttpRequest, week: str) -> HttpResponse:
    try:
        week_start = date.fromisoformat(week)
    except ValueError:
        raise Http404("No dip sample found") from None
    draw = get_object_or_404(DipSampleDraw, week_start=week_start)
    items = list(draw_items(request.user, draw))
    listed(request, f"Viewed the dip sample for {week_start:%d/%m/%Y}", [i.child for i in items])
    return render(
        request,
        "frontdoor/dip_sample_week.html",
        {
            "draw": draw,
            "items": items,
            "not_shown": draw.items.count() - len(items),
            "may_review": may(request.user, Action.REVIEW_DIP_SAMPLE),
        },
    )


@page(
    Action.REVIEW_DIP_SAMPLE,
    methods=FORM,
    url="dip-samples/reviews/<int:pk>/",
    name="frontdoor-dip-sample-review",
)
def dip_sample_review(request: HttpRequest, pk: int) -> HttpResponse:
    item = dip_item_for(request.user, pk)
    week_url = reverse("frontdoor-dip-sample-week", args=[item.draw.week_start.isoformat()])
    return record_page(
        request,
        form=DipReviewForm,
        save=lambda who, data: services.review_dip_sample(who, item, **data),
        child=item.child,
        obj=item.contact,
        title=f"Contact about {item.contact.child.full_name}",
        caption="Dip sample review",
        done="Dip sample review recorded",
        next_url=week_url,
        back_url=week_url,
        button="Save the review",
        template="frontdoor/dip_sample_review.html",
        context={
            "item": item,
            "contact": item.contact,
            "authorisation": _authorisation(item.contact),
        },
    )


@page(
    Action.SET_DIP_SAMPLE_SHARE,
    methods=FORM,
    url="dip-samples/share/",
    name="frontdoor-dip-sample-share",
)
def dip_sample_share(request: HttpRequest) -> HttpResponse:
    return record_page(
        request,
        form=DipShareForm,
        form_kwargs={"initial": {"share_percent": services.current_dip_sample_share()}},
        save=lambda who, data: services.set_dip_sample_share(who, **data),
        child=None,  # a council setting, about no child
        title="Change the dip sample share",
        caption="Dip sampling",
        intro="Each week this share of the authorised no further action decisions is drawn at "
        "random for a second look. Weeks already drawn keep their share.",
        done="Dip sample share changed",
        next_url=reverse("frontdoor-dip-samples"),
        back_url=reverse("frontdoor-dip-samples"),
        button="Save the share",
    )


# -- monitor ----------------------------------------------------------------------------------


@page(Action.VIEW_FRONT_DOOR_MONITOR, url="monitor/", name="frontdoor-monitor")
def monitor_view(request: HttpRequest) -> HttpResponse:
    return render(request, "frontdoor/monitor.html", {"monitor": monitor()})


# -- merging two records of the same child ----------------------------------------------------


@page(Action.MERGE_CHILDREN, methods=FORM, url="merge/", name="frontdoor-merge")
def merge_children(request: HttpRequest) -> HttpResponse:
    """A manager merges a duplicate record into the record kept; the merges they can see are
    listed below, each duplicate shown as merged into its survivor."""
    survivor = request.GET.get("survivor", "")
    merges = list(merging.merges_visible_to(request.user))
    listed(
        request,
        "Viewed merged records",
        [m.child for m in merges] + [m.child.merged_into for m in merges],
    )
    back = reverse("child-record", args=[survivor]) if survivor else reverse("my-work")
    return record_page(
        request,
        form=MergeChildrenForm,
        form_kwargs={"initial": {"survivor": survivor}},
        save=lambda who, data: merging.merge_children(who, **data),
        child=None,  # the children are named in the form; the service checks each is in scope
        title="Merge two records of the same child",
        caption="Duplicate records",
        intro="Everything recorded on the duplicate moves to the record kept: contacts, "
        "referrals, plans, names, addresses and the network. The duplicate then shows as "
        "merged. A merge cannot be undone.",
        done=lambda kept: f"Records merged into {kept.full_name} ({kept.council_id})",
        next_url=lambda kept: reverse("child-record", args=[kept.council_id]),
        back_url=back,
        button="Merge the records",
        template="frontdoor/merge.html",
        context={"merges": merges},
    )
