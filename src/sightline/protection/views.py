"""Child protection pages: strategy discussion, section 47 enquiry, initial conference, the
child protection plan (outcomes, core groups, reviews, visits, family group conferences,
extended family, pre-proceedings, ending it) and the list of open plans for managers.

Thin views: reads go through the scoped selectors (a record outside the user's scope is a 404,
the same as a missing one), writes through the services. Every page showing a child's record
writes a view event; a recording page the user's role may not use answers 403.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.access.audit import Kind, record
from sightline.people.models import Child
from sightline.people.selectors import child_for
from sightline.web.forms import apply_validation_error
from sightline.web.views import posted

from . import forms, selectors, services
from .models import ChildProtectionPlan

PLANS_PER_PAGE = 50


def _allow(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("Your role cannot record this.")


def _viewed(request: HttpRequest, child: Child, summary: str, obj=None) -> None:
    if request.method == "GET":
        record(request.user, Kind.VIEW, summary, child=child, obj=obj or child, request=request)


def _form_page(
    request: HttpRequest,
    form: BaseForm,
    save: Callable[[dict], HttpResponse],
    template: str,
    context: dict,
) -> HttpResponse:
    """Show the form; on a valid POST call `save`, whose ValidationError lands on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            return save(form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
    return render(request, template, {**context, "form": form})


def _done(request: HttpRequest, message: str, url: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(url)


def _plan_url(plan: ChildProtectionPlan) -> str:
    return reverse("protection-plan", args=[plan.pk])


def _child_url(child: Child) -> str:
    return reverse("protection-child", args=[child.council_id])


# -- the child's child protection record --------------------------------------------------------


@require_GET
def child_overview(request: HttpRequest, council_id: str) -> HttpResponse:
    child = child_for(request.user, council_id)
    _viewed(request, child, "Viewed the child's child protection record")
    overview = selectors.child_overview(child)
    for discussion in overview["discussions"]:
        discussion.awaits_enquiry = selectors.discussion_awaits_enquiry(discussion)
    for enquiry in overview["enquiries"]:
        enquiry.awaits_conference = selectors.enquiry_awaits_conference(enquiry)
    return render(
        request,
        "protection/child_overview.html",
        {
            "child": child,
            **overview,
            "may_record": services.may_record(request.user),
            "may_record_conferences": services.may_record_conferences(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def strategy_discussion_new(request: HttpRequest, council_id: str) -> HttpResponse:
    child = child_for(request.user, council_id)
    _allow(services.may_record(request.user))
    _viewed(request, child, "Opened the strategy discussion form")
    referral = selectors.open_referral(child)
    context = {"child": child, "referral": referral}
    if referral is None:
        return render(request, "protection/no_referral.html", context)

    def save(data: dict) -> HttpResponse:
        services.record_strategy_discussion(request.user, referral, request=request, **data)
        return _done(request, "Strategy discussion recorded", _child_url(child))

    return _form_page(
        request,
        forms.StrategyDiscussionForm(posted(request)),
        save,
        "protection/strategy_discussion_form.html",
        context,
    )


@require_http_methods(["GET", "POST"])
def section47_start(request: HttpRequest, pk: int) -> HttpResponse:
    discussion = selectors.strategy_discussion_for(request.user, pk)
    child = discussion.child
    _allow(services.may_record(request.user))
    _viewed(request, child, "Opened the section 47 start form", discussion)

    def save(data: dict) -> HttpResponse:
        services.start_section47(request.user, discussion, request=request, **data)
        return _done(request, "Section 47 enquiry started", _child_url(child))

    return _form_page(
        request,
        forms.Section47StartForm(posted(request)),
        save,
        "protection/section47_start.html",
        {"child": child, "discussion": discussion},
    )


@require_http_methods(["GET", "POST"])
def section47_end(request: HttpRequest, pk: int) -> HttpResponse:
    enquiry = selectors.section47_for(request.user, pk)
    child = enquiry.child
    _allow(services.may_record(request.user))
    _viewed(request, child, "Opened the section 47 end form", enquiry)

    def save(data: dict) -> HttpResponse:
        services.end_section47(request.user, enquiry, request=request, **data)
        return _done(request, "Section 47 enquiry ended", _child_url(child))

    return _form_page(
        request,
        forms.Section47EndForm(posted(request)),
        save,
        "protection/section47_end.html",
        {"child": child, "enquiry": enquiry},
    )


@require_http_methods(["GET", "POST"])
def initial_conference_new(request: HttpRequest, pk: int) -> HttpResponse:
    enquiry = selectors.section47_for(request.user, pk)
    child = enquiry.child
    _allow(services.may_record_conferences(request.user))
    _viewed(request, child, "Opened the initial conference form", enquiry)

    def save(data: dict) -> HttpResponse:
        _, plan = services.record_initial_conference(request.user, enquiry, request=request, **data)
        if plan is not None:
            return _done(request, "Initial conference recorded: plan made", _plan_url(plan))
        return _done(request, "Initial conference recorded: no plan", _child_url(child))

    return _form_page(
        request,
        forms.InitialConferenceForm(posted(request)),
        save,
        "protection/initial_conference_form.html",
        {"child": child, "enquiry": enquiry, "due": selectors.conference_due(enquiry)},
    )


# -- the plan -----------------------------------------------------------------------------------


@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk)
    _viewed(request, plan.child, "Viewed the child protection plan", plan)
    return render(
        request,
        "protection/plan_detail.html",
        {
            **selectors.plan_detail(plan),
            "may_record": services.may_record(request.user),
            "may_record_conferences": services.may_record_conferences(request.user),
        },
    )


def _plan_form(
    request: HttpRequest,
    pk: int,
    *,
    allowed: Callable,
    form_class: type[BaseForm],
    service: Callable,
    done: str,
    template: str,
    opened: str,
    open_plan_only: bool = True,
) -> HttpResponse:
    """A page that records one thing on a plan and returns to the plan."""
    plan = selectors.plan_for(request.user, pk)
    _allow(allowed(request.user))
    _viewed(request, plan.child, opened, plan)
    context = {"child": plan.child, "plan": plan}
    if open_plan_only and plan.end_date is not None:
        return render(request, "protection/plan_ended.html", context)

    def save(data: dict) -> HttpResponse:
        service(request.user, plan, request=request, **data)
        return _done(request, done, _plan_url(plan))

    return _form_page(request, form_class(posted(request)), save, template, context)


@require_http_methods(["GET", "POST"])
def outcome_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_form(
        request,
        pk,
        allowed=services.may_record_conferences,
        form_class=forms.OutcomeForm,
        service=services.add_outcome,
        done="Outcome added",
        template="protection/outcome_form.html",
        opened="Opened the plan outcome form",
    )


@require_http_methods(["GET", "POST"])
def core_group_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_form(
        request,
        pk,
        allowed=services.may_record,
        form_class=forms.CoreGroupForm,
        service=services.record_core_group,
        done="Core group meeting recorded",
        template="protection/core_group_form.html",
        opened="Opened the core group form",
        open_plan_only=False,
    )


@require_http_methods(["GET", "POST"])
def visit_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_form(
        request,
        pk,
        allowed=services.may_record,
        form_class=forms.VisitForm,
        service=services.record_visit,
        done="Visit recorded",
        template="protection/visit_form.html",
        opened="Opened the child protection visit form",
        open_plan_only=False,
    )


@require_http_methods(["GET", "POST"])
def extended_family(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk)
    _allow(services.may_record(request.user))
    _viewed(request, plan.child, "Opened the extended family form", plan)
    initial = {
        "extended_family_considered": plan.extended_family_considered,
        "extended_family_considered_date": plan.extended_family_considered_date,
        "extended_family_notes": plan.extended_family_notes,
    }
    form = forms.ExtendedFamilyForm(posted(request), initial=initial)

    def save(data: dict) -> HttpResponse:
        services.record_extended_family(request.user, plan, request=request, **data)
        return _done(request, "Extended family recorded", _plan_url(plan))

    context = {"child": plan.child, "plan": plan}
    return _form_page(request, form, save, "protection/extended_family_form.html", context)


@require_http_methods(["GET", "POST"])
def family_group_conference(request: HttpRequest, pk: int, fgc: int | None = None) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk)
    existing = None
    if fgc is not None:
        existing = selectors.family_group_conference_for(request.user, fgc, plan)
    _allow(services.may_record(request.user))
    _viewed(request, plan.child, "Opened the family group conference form", existing or plan)
    initial = {}
    if existing is not None:
        initial = {
            "offered_date": existing.offered_date,
            "response": existing.response,
            "response_date": existing.response_date,
            "held_date": existing.held_date,
        }
    form = forms.FamilyGroupConferenceForm(posted(request), initial=initial)

    def save(data: dict) -> HttpResponse:
        services.save_family_group_conference(
            request.user, plan, conference=existing, request=request, **data
        )
        return _done(request, "Family group conference recorded", _plan_url(plan))

    context = {"child": plan.child, "plan": plan, "existing": existing}
    return _form_page(request, form, save, "protection/fgc_form.html", context)


@require_http_methods(["GET", "POST"])
def pre_proceedings(request: HttpRequest, pk: int, proceedings: int | None = None) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk)
    existing = None
    if proceedings is not None:
        existing = selectors.pre_proceedings_for(request.user, proceedings, plan)
    _allow(services.may_record(request.user))
    _viewed(request, plan.child, "Opened the pre-proceedings form", existing or plan)
    initial = {}
    if existing is not None:
        initial = {
            "legal_planning_meeting_date": existing.legal_planning_meeting_date,
            "plo_letter_date": existing.plo_letter_date,
            "outcome": existing.outcome,
            "outcome_date": existing.outcome_date,
        }
    form = forms.PreProceedingsForm(posted(request), initial=initial)

    def save(data: dict) -> HttpResponse:
        services.save_pre_proceedings(
            request.user, plan, existing=existing, request=request, **data
        )
        return _done(request, "Pre-proceedings recorded", _plan_url(plan))

    context = {"child": plan.child, "plan": plan, "existing": existing}
    return _form_page(request, form, save, "protection/pre_proceedings_form.html", context)


@require_http_methods(["GET", "POST"])
def review_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk)
    _allow(services.may_record_conferences(request.user))
    _viewed(request, plan.child, "Opened the review conference form", plan)
    context = {"child": plan.child, "plan": plan}
    if plan.end_date is not None:
        return render(request, "protection/plan_ended.html", context)
    outcomes = list(plan.outcomes.all())
    form = forms.ReviewForm(
        posted(request), outcomes=outcomes, initial={"latest_category": plan.latest_category}
    )

    def save(data: dict) -> HttpResponse:
        services.record_review(
            request.user,
            plan,
            date=data["date"],
            plan_continues=data["plan_continues"],
            latest_category=data["latest_category"],
            end_reason=data.get("end_reason") or "",
            ratings=form.ratings(),
            request=request,
        )
        return _done(request, "Review conference recorded", _plan_url(plan))

    context["outcomes"] = outcomes
    return _form_page(request, form, save, "protection/review_form.html", context)


@require_http_methods(["GET", "POST"])
def plan_end(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_form(
        request,
        pk,
        allowed=services.may_record,
        form_class=forms.EndPlanForm,
        service=services.end_plan,
        done="Child protection plan ended",
        template="protection/plan_end_form.html",
        opened="Opened the end plan form",
    )


# -- open plans, for managers -------------------------------------------------------------------


@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    plans = selectors.open_plans_visible_to(request.user, today)
    counts = selectors.plan_list_counts(plans, today)
    chosen = request.GET.get("show", "all")
    if chosen not in {c["key"] for c in counts}:
        chosen = "all"
    shown = selectors.filter_plans(plans, chosen, today)
    page = Paginator(shown, PLANS_PER_PAGE).get_page(request.GET.get("page"))
    rows = []
    for plan in page:
        rows.append(
            {
                "plan": plan,
                "months": selectors.months_on_plan(plan, today),
                "milestone": selectors.highest_milestone(plan, today),
                "next_review": selectors.plan_timescales(plan, today).next_review,
            }
        )
    record(
        request.user,
        Kind.VIEW,
        f"Viewed the list of open child protection plans ({len(rows)} shown)",
        request=request,
        detail={"show": chosen, "council_ids": [r["plan"].child.council_id for r in rows]},
    )
    return render(
        request,
        "protection/plan_list.html",
        {
            "rows": rows,
            "page": page,
            "counts": counts,
            "chosen": chosen,
            "chosen_label": next(c["label"] for c in counts if c["key"] == chosen),
        },
    )
