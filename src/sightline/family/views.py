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


def _form_on(request: HttpRequest, child: Child, **options) -> HttpResponse:
    """A form on the child's details, which goes back to "Details and family"."""
    back = _details_url(child)
    return record_page(request, child=child, next_url=back, back_url=back, **options)


def _initial(child: Child, form: type[forms.GovUKForm]) -> dict:
    if form is forms.DisabilitiesForm:
        return {"disabilities": list(child.disabilities.values_list("code", flat=True))}
    return {name: getattr(child, name) for name in form.base_fields}


@page(
    Action.EDIT_CHILD_DETAILS,
    url=PREFIX + "change/<str:section>/",
    name="child-details-change",
    methods=FORM,
)
def change(request: HttpRequest, council_id: str, section: str) -> HttpResponse:
    child = child_for(request.user, council_id)
    if section not in forms.SECTIONS:
        raise Http404("No such part of a child's details")
    title, form = forms.SECTIONS[section]
    return _form_on(
        request,
        child,
        form=form,
        form_kwargs={"initial": _initial(child, form)},
        save=lambda actor, data: services.change_details(actor, child, **data),
        title=title,
        done="Details changed",
        button="Save the change",
    )


@page(
    Action.EDIT_CHILD_DETAILS, url=PREFIX + "other-names/new/", name="child-name-add", methods=FORM
)
def other_name(request: HttpRequest, council_id: str) -> HttpResponse:
    child = child_for(request.user, council_id)
    return _form_on(
        request,
        child,
        form=forms.OtherNameForm,
        save=lambda actor, data: services.record_other_name(actor, child, **data),
        title="Add another name",
        done="Other name added",
        intro="A name the child used before (a former name) or is also known by (an alias).",
    )


@page(
    Action.EDIT_CHILD_DETAILS, url=PREFIX + "addresses/new/", name="child-address-add", methods=FORM
)
def address(request: HttpRequest, council_id: str) -> HttpResponse:
    child = child_for(request.user, council_id)
    return _form_on(
        request,
        child,
        form=forms.AddressForm,
        save=lambda actor, data: services.record_address(actor, child, **data),
        title="Add an address",
        done="Address added",
        intro="A new address where the child lives now ends the current one on the day they "
        "moved. To add an address from the past, give the date they left it.",
    )


@page(Action.EDIT_CHILD_DETAILS, url=PREFIX + "adults/new/", name="child-adult-add", methods=FORM)
def adult_add(request: HttpRequest, council_id: str) -> HttpResponse:
    child = child_for(request.user, council_id)
    return _form_on(
        request,
        child,
        form=forms.AdultForm,
        save=lambda actor, data: services.add_adult(actor, child, **data),
        title="Add an adult",
        done=lambda r: f"{r.adult} added",
    )


@page(
    Action.EDIT_CHILD_DETAILS,
    url=PREFIX + "adults/<int:pk>/",
    name="child-adult-change",
    methods=FORM,
)
def adult_change(request: HttpRequest, council_id: str, pk: int) -> HttpResponse:
    child = child_for(request.user, council_id)
    relationship = selectors.adult_relationship_for(child, pk)
    initial = {name: getattr(relationship.adult, name) for name in services.ADULT_FIELDS}
    initial |= {name: getattr(relationship, name) for name in services.RELATIONSHIP_FIELDS}
    return _form_on(
        request,
        child,
        obj=relationship.adult,
        form=forms.AdultForm,
        form_kwargs={"initial": initial},
        save=lambda actor, data: services.change_adult(actor, relationship, **data),
        title=f"Change {relationship.adult}'s details",
        done=lambda r: f"{r.adult}'s details changed",
        button="Save the change",
    )


@page(
    Action.EDIT_CHILD_DETAILS, url=PREFIX + "siblings/new/", name="child-sibling-link", methods=FORM
)
def sibling(request: HttpRequest, council_id: str) -> HttpResponse:
    child = child_for(request.user, council_id)
    return _form_on(
        request,
        child,
        form=forms.SiblingForm,
        save=lambda actor, data: services.link_sibling(actor, child, **data),
        title="Link a brother or sister",
        done=lambda r: f"{r.other_child.full_name} linked",
        intro="The link shows on both children's records.",
        button="Link",
    )


@page(
    Action.EDIT_CHILD_DETAILS,
    url=PREFIX + "households/new/",
    name="child-household-add",
    methods=FORM,
)
def household_add(request: HttpRequest, council_id: str) -> HttpResponse:
    child = child_for(request.user, council_id)
    return _form_on(
        request,
        child,
        form=forms.HouseholdForm,
        form_kwargs={"people": selectors.network(child, request.user)},
        save=lambda actor, data: services.start_household(actor, child, **data),
        title="Record where the child lives now",
        done="Household recorded",
        intro="The child's time in the household before ends on the day they moved.",
    )


@page(
    Action.EDIT_CHILD_DETAILS,
    url=PREFIX + "households/<int:pk>/join/",
    name="household-join",
    methods=FORM,
)
def household_join(request: HttpRequest, council_id: str, pk: int) -> HttpResponse:
    child = child_for(request.user, council_id)
    household = selectors.household_for(child, pk)
    return _form_on(
        request,
        child,
        obj=household,
        form=forms.JoinHouseholdForm,
        form_kwargs={"people": selectors.network(child, request.user)},
        save=lambda actor, data: services.join_household(actor, child, household, **data),
        title="Someone moved into the household",
        done="Household changed",
        summary=[("Household", household.reference)],
    )


@page(
    Action.EDIT_CHILD_DETAILS,
    url=PREFIX + "households/members/<int:pk>/leave/",
    name="household-leave",
    methods=FORM,
)
def household_leave(request: HttpRequest, council_id: str, pk: int) -> HttpResponse:
    child = child_for(request.user, council_id)
    member = selectors.member_for(child, pk)
    who = member.adult or member.child.full_name
    return _form_on(
        request,
        child,
        obj=member.household,
        form=forms.LeaveHouseholdForm,
        save=lambda actor, data: services.leave_household(actor, child, member, **data),
        title=f"{who} moved out",
        done="Household changed",
        summary=[
            ("Household", member.household.reference),
            ("Moved in", long_date(member.start_date)),
        ],
    )
