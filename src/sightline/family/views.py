"""Pages for a child's details and network: names, identifiers, addresses, the adults and
children in their life, households.

"Details and family" (/children/<council ID>/details/) shows all of it; those who may change a
child's details get a change link by each part, each to a form saved by a service (a change to
the child's own details says why, and keeps the old value). Each view declares its action
(`@page`) and fetches the child in scope, so another child's record is a 404.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from sightline.access.policy import Action, may
from sightline.access.scope import child_for
from sightline.people.models import Child
from sightline.web.dates import long_date
from sightline.web.pages import page, record_page, viewed

from . import forms, selectors, services

FORM = ("GET", "POST")
PREFIX = "<str:council_id>/details/"


def _changing(url: str, name: str):
    """Declare a page that changes the child's details, at `url` under "Details and family"."""
    return page(Action.EDIT_CHILD_DETAILS, url=PREFIX + url, name=name, methods=FORM)


def _details_url(child: Child) -> str:
    return reverse("child-details", args=[child.council_id])


def _value(child: Child, name: str) -> str:
    return selectors.shown(child, name) or "Not recorded"


def _born(child: Child) -> str:
    if child.date_of_birth:
        return long_date(child.date_of_birth)
    return f"Not born yet: expected {long_date(child.expected_date_of_birth)}"


def personal_details(child: Child) -> list[tuple[str, str, str]]:
    """The child's own details as (label, value, the part of the form that changes it)."""
    disabilities = ", ".join(str(d) for d in child.disabilities.order_by("code"))
    rows = [
        ("First name", child.first_name, "names"),
        ("Last name", child.last_name, "names"),
        ("Preferred name", _value(child, "preferred_name"), "names"),
        ("Date of birth", _born(child), "birth"),
        ("Sex", _value(child, "sex"), "identity"),
        ("Gender identity", _value(child, "gender_identity"), "identity"),
        ("Ethnicity", _value(child, "ethnicity"), "identity"),
        ("Religion", _value(child, "religion"), "identity"),
        ("First language", _value(child, "first_language"), "language"),
        ("Interpreter needed", _value(child, "interpreter_needed"), "language"),
        ("Disabilities", disabilities or "Not recorded", "disabilities"),
        ("School or setting", _value(child, "school"), "school"),
    ]
    identifiers = [
        ("NHS number", _value(child, "nhs_number"), "identifiers"),
        ("UPN", _value(child, "upn"), "identifiers"),
        ("Former UPN", _value(child, "former_upn"), "identifiers"),
        ("Reason UPN unknown", _value(child, "upn_unknown_reason"), "identifiers"),
        ("Unique learner number", _value(child, "uln"), "identifiers"),
    ]
    return rows + identifiers


@page(Action.VIEW_CHILD_RECORD, url=PREFIX, name="child-details")
def details(request: HttpRequest, council_id: str) -> HttpResponse:
    child = child_for(request.user, council_id)
    viewed(request, "Viewed the child's details and family", child=child, obj=child)
    return render(
        request,
        "family/details.html",
        {
            "child": child,
            "may_change": may(request.user, Action.EDIT_CHILD_DETAILS),
            "details": personal_details(child),
            "other_names": child.other_names.all(),
            "addresses": child.addresses.all(),
            "adults": selectors.adults(child),
            "siblings": selectors.siblings(child, request.user),
            "households": selectors.households(child),
            "changes": selectors.changes(child),
        },
    )


def _form_on(request: HttpRequest, child: Child, service, *records, **options) -> HttpResponse:
    """A form on the child's details (or on `records` of them, the first named on the audit
    trail) saved by `service(actor, child, *records, **data)`, which goes back to "Details and
    family". `options` are `record_page`'s."""
    back = _details_url(child)
    return record_page(
        request,
        save=lambda actor, data: service(actor, child, *records, **data),
        child=child,
        obj=records[0] if records else None,
        next_url=back,
        back_url=back,
        **options,
    )


def _initial(child: Child, form: type[forms.GovUKForm]) -> dict:
    if form is forms.DisabilitiesForm:
        return {"disabilities": list(child.disabilities.values_list("code", flat=True))}
    return {name: getattr(child, name) for name in form.base_fields}


@_changing("change/<str:section>/", "child-details-change")
def change(request: HttpRequest, council_id: str, section: str) -> HttpResponse:
    child = child_for(request.user, council_id)
    if section not in forms.SECTIONS:
        raise Http404("No such part of a child's details")
    title, form = forms.SECTIONS[section]
    return _form_on(
        request,
        child,
        services.change_details,
        form=form,
        form_kwargs={"initial": _initial(child, form)},
        title=title,
        done="Details changed",
        button="Save the change",
    )


@_changing("adults/<int:pk>/", "child-adult-change")
def adult_change(request: HttpRequest, council_id: str, pk: int) -> HttpResponse:
    child = child_for(request.user, council_id)
    relationship = selectors.adult_relationship_for(child, pk)
    initial = {name: getattr(relationship.adult, name) for name in services.ADULT_FIELDS}
    initial |= {name: getattr(relationship, name) for name in services.RELATIONSHIP_FIELDS}
    return _form_on(
        request,
        child,
        services.change_adult,
        relationship,
        form=forms.AdultForm,
        form_kwargs={"initial": initial},
        title=f"Change {relationship.adult}'s details",
        done=lambda r: f"{r.adult}'s details changed",
        button="Save the change",
    )


def _adding(url: str, name: str, service, *, people: bool = False, **options):
    """A page that adds to the child's details or network, saved by
    `service(actor, child, **data)`; `people` for a form that chooses from the child's network.
    `options` are `record_page`'s (the form, title, done message)."""

    def view(request: HttpRequest, council_id: str) -> HttpResponse:
        child = child_for(request.user, council_id)
        chosen = {"people": selectors.network(child, request.user)} if people else {}
        return _form_on(request, child, service, form_kwargs=chosen, **options)

    view.__name__ = view.__qualname__ = name.replace("-", "_")  # each page is named for its URL
    return _changing(url, name)(view)


other_name = _adding(
    "other-names/new/",
    "child-name-add",
    services.record_other_name,
    form=forms.OtherNameForm,
    title="Add another name",
    done="Other name added",
    intro="A name the child used before (a former name) or is also known by (an alias).",
)
address = _adding(
    "addresses/new/",
    "child-address-add",
    services.record_address,
    form=forms.AddressForm,
    title="Add an address",
    done="Address added",
    intro="A new address where the child lives now ends the current one on the day they "
    "moved. To add an address from the past, give the date they left it.",
)
adult_add = _adding(
    "adults/new/",
    "child-adult-add",
    services.add_adult,
    form=forms.AdultForm,
    title="Add an adult",
    done=lambda r: f"{r.adult} added",
)
sibling = _adding(
    "siblings/new/",
    "child-sibling-link",
    services.link_sibling,
    form=forms.SiblingForm,
    title="Link a brother or sister",
    done=lambda r: f"{r.other_child.full_name} linked",
    intro="The link shows on both children's records.",
    button="Link",
)
household_add = _adding(
    "households/new/",
    "child-household-add",
    services.start_household,
    people=True,
    form=forms.HouseholdForm,
    title="Record where the child lives now",
    done="Household recorded",
    intro="The child's time in the household before ends on the day they moved.",
)


@_changing("households/<int:pk>/join/", "household-join")
def household_join(request: HttpRequest, council_id: str, pk: int) -> HttpResponse:
    child = child_for(request.user, council_id)
    household = selectors.household_for(child, pk)
    return _form_on(
        request,
        child,
        services.join_household,
        household,
        form=forms.JoinHouseholdForm,
        form_kwargs={"people": selectors.network(child, request.user)},
        title="Someone moved into the household",
        done="Household changed",
        summary=[("Household", household.reference)],
    )


@_changing("households/members/<int:pk>/leave/", "household-leave")
def household_leave(request: HttpRequest, council_id: str, pk: int) -> HttpResponse:
    child = child_for(request.user, council_id)
    member = selectors.member_for(child, pk)
    who = member.adult or member.child.full_name
    return _form_on(
        request,
        child,
        services.leave_household,
        member,
        form=forms.LeaveHouseholdForm,
        title=f"{who} moved out",
        done="Household changed",
        summary=[
            ("Household", member.household.reference),
            ("Moved in", long_date(member.start_date)),
        ],
    )
