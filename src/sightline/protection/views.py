"""Child protection pages: strategy discussion, section 47 enquiry, initial conference, the
child protection plan (outcomes, core groups, reviews, visits, family group conferences,
extended family, pre-proceedings, ending it) and the list of open plans for managers.

Each view declares its action (`@page`: a role that may not gets the same 404 as a missing
page), fetches in scope through the selectors (a record outside the user's scope is a 404, the
same as a missing one) and hands its form to `record_page`, which calls the service with the
actor. Every page showing a child's record writes a read event.
"""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sightline.access.events import EventType
from sightline.access.policy import Action, may
from sightline.access.scope import child_for
from sightline.people.models import Child
from sightline.web.dates import long_date
from sightline.web.pages import listed, page, record_form, record_page, viewed

from . import forms, selectors, services
from .models import ChildProtectionPlan, ChildProtectionReview

PLANS_PER_PAGE = 50
FORM = ("GET", "POST")


def _plan_url(plan: ChildProtectionPlan) -> str:
    return reverse("protection-plan", args=[plan.pk])


def _child_url(child: Child) -> str:
    return reverse("protection-child", args=[child.council_id])


def _plan_started(plan: ChildProtectionPlan) -> tuple[str, str]:
    return ("Plan started", long_date(plan.start_date))


def _plan_has_ended(
    request: HttpRequest, plan: ChildProtectionPlan, title: str
) -> HttpResponse | None:
    """An ended plan takes no more outcomes, reviews or ending: the page says so instead of
    showing the form (None while the plan is open)."""
    if plan.end_date is None:
        return None
    viewed(request, f"Opened: {title}", child=plan.child, obj=plan, event=EventType.FORM_OPENED)
    return render(request, "protection/plan_ended.html", {"child": plan.child, "plan": plan})


# -- the child's child protection record --------------------------------------------------------


@page(Action.VIEW_CHILD_RECORD, url="children/<str:council_id>/", name="protection-child")
def child_overview(request: HttpRequest, council_id: str) -> HttpResponse:
    child = child_for(request.user, council_id)
    viewed(request, "Viewed the child's child protection record", child=child, obj=child)
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
            "may_record": may(request.user, Action.RECORD_CP_PRACTICE),
            "may_record_conferences": may(request.user, Action.RECORD_CONFERENCE),
        },
    )


@page(
    Action.RECORD_CP_PRACTICE,
    methods=FORM,
    url="children/<str:council_id>/strategy-discussion/",
    name="protection-strategy-discussion-new",
)
def strategy_discussion_new(request: HttpRequest, council_id: str) -> HttpResponse:
    child = child_for(request.user, council_id)
    title = "Record a strategy discussion"
    referral = selectors.open_referral(child)
    if referral is None:
        viewed(
            request,
            f"Opened: {title} (no open referral)",
            child=child,
            event=EventType.FORM_OPENED,
        )
        return render(request, "protection/no_referral.html", {"child": child})
    return record_page(
        request,
        form=forms.StrategyDiscussionForm,
        save=lambda actor, data: services.record_strategy_discussion(actor, referral, **data),
        child=child,
        obj=referral,
        title=title,
        done="Strategy discussion recorded",
        next_url=_child_url(child),
        back_url=_child_url(child),
        button="Save strategy discussion",
        summary=[("Referral", f"Received {long_date(referral.referral_date)}")],
    )


@page(
    Action.RECORD_CP_PRACTICE,
    methods=FORM,
    url="strategy-discussions/<int:pk>/section-47/",
    name="protection-s47-start",
)
def section47_start(request: HttpRequest, pk: int) -> HttpResponse:
    discussion = selectors.strategy_discussion_for(request.user, pk)
    summary = [("Strategy discussion", long_date(discussion.date))]
    if discussion.outcome:
        summary.append(("Decision", discussion.get_outcome_display()))
    return record_form(
        request,
        discussion,
        form=forms.Section47StartForm,
        service=services.start_section47,
        returns_to=_child_url(discussion.child),
        title="Start section 47 enquiry",
        done="Section 47 enquiry started",
        button="Start enquiry",
        intro="The enquiry cannot start before the strategy discussion.",
        summary=summary,
    )


@page(
    Action.RECORD_CP_PRACTICE,
    methods=FORM,
    url="section-47/<int:pk>/end/",
    name="protection-s47-end",
)
def section47_end(request: HttpRequest, pk: int) -> HttpResponse:
    enquiry = selectors.section47_for(request.user, pk)
    return record_form(
        request,
        enquiry,
        form=forms.Section47EndForm,
        service=services.end_section47,
        returns_to=_child_url(enquiry.child),
        title="End section 47 enquiry",
        done="Section 47 enquiry ended",
        button="End enquiry",
        summary=[("Enquiry started", long_date(enquiry.start_date))],
    )


@page(
    Action.RECORD_CONFERENCE,
    methods=FORM,
    url="section-47/<int:pk>/initial-conference/",
    name="protection-icpc-new",
)
def initial_conference_new(request: HttpRequest, pk: int) -> HttpResponse:
    enquiry = selectors.section47_for(request.user, pk)
    child = enquiry.child
    return record_page(
        request,
        form=forms.InitialConferenceForm,
        save=lambda actor, data: services.record_initial_conference(actor, enquiry, **data),
        child=child,
        obj=enquiry,
        title="Record initial child protection conference",
        # The service returns (conference, plan), the plan None when the conference made none.
        done=lambda made: f"Initial conference recorded: {'plan made' if made[1] else 'no plan'}",
        next_url=lambda made: _plan_url(made[1]) if made[1] else _child_url(child),
        back_url=_child_url(child),
        button="Save conference",
        template="protection/initial_conference_form.html",
        context={"enquiry": enquiry, "due": selectors.conference_due(enquiry)},
    )


# -- the plan -----------------------------------------------------------------------------------


@page(Action.VIEW_CHILD_RECORD, url="plans/<int:pk>/", name="protection-plan")
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk)
    viewed(request, "Viewed the child protection plan", child=plan.child, obj=plan)
    return render(
        request,
        "protection/plan_detail.html",
        {
            **selectors.plan_detail(plan),
            "may_record": may(request.user, Action.RECORD_CP_PRACTICE),
            "may_record_conferences": may(request.user, Action.RECORD_CONFERENCE),
        },
    )


@page(
    Action.RECORD_CONFERENCE,
    methods=FORM,
    url="plans/<int:pk>/outcomes/new/",
    name="protection-outcome-new",
)
def outcome_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk)
    title = "Add an outcome for the child"
    return _plan_has_ended(request, plan, title) or record_form(
        request,
        plan,
        form=forms.OutcomeForm,
        service=services.add_outcome,
        returns_to=_plan_url(plan),
        title=title,
        done="Outcome added",
        button="Add outcome",
        intro="Write the outcome as a measurable target: what must change for the child, how "
        "anyone could tell it has, by when, and who is responsible.",
    )


@page(
    Action.RECORD_CP_PRACTICE,
    methods=FORM,
    url="plans/<int:pk>/core-groups/new/",
    name="protection-core-group-new",
)
def core_group_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk)
    return record_form(
        request,
        plan,
        form=forms.CoreGroupForm,
        service=services.record_core_group,
        returns_to=_plan_url(plan),
        title="Record a core group meeting",
        done="Core group meeting recorded",
        button="Save core group meeting",
    )


@page(
    Action.RECORD_CP_PRACTICE,
    methods=FORM,
    url="plans/<int:pk>/visits/new/",
    name="protection-visit-new",
)
def visit_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk)
    return record_form(
        request,
        plan,
        form=forms.VisitForm,
        service=services.record_visit,
        returns_to=_plan_url(plan),
        title="Record a child protection visit",
        done="Visit recorded",
        button="Save visit",
    )


@page(
    Action.RECORD_CP_PRACTICE,
    methods=FORM,
    url="plans/<int:pk>/extended-family/",
    name="protection-extended-family",
)
def extended_family(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk)
    initial = {
        "extended_family_considered": plan.extended_family_considered,
        "extended_family_considered_date": plan.extended_family_considered_date,
        "extended_family_notes": plan.extended_family_notes,
    }
    return record_form(
        request,
        plan,
        form=forms.ExtendedFamilyForm,
        form_kwargs={"initial": initial},
        service=services.record_extended_family,
        returns_to=_plan_url(plan),
        title="Extended family",
        done="Extended family recorded",
        intro="Record whether the wider family has been considered as a source of safety and "
        "support for the child.",
    )


@page(
    Action.RECORD_CP_PRACTICE,
    methods=FORM,
    url="plans/<int:pk>/family-group-conferences/new/",
    name="protection-fgc-new",
    more=(("plans/<int:pk>/family-group-conferences/<int:fgc>/", "protection-fgc-edit"),),
)
def family_group_conference(request: HttpRequest, pk: int, fgc: int | None = None) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk)
    existing = None
    initial = {}
    if fgc is not None:
        existing = selectors.family_group_conference_for(request.user, fgc, plan)
        initial = {
            "offered_date": existing.offered_date,
            "response": existing.response,
            "response_date": existing.response_date,
            "held_date": existing.held_date,
        }
    return record_page(
        request,
        form=forms.FamilyGroupConferenceForm,
        form_kwargs={"initial": initial},
        save=lambda actor, data: services.save_family_group_conference(
            actor, plan, conference=existing, **data
        ),
        child=plan.child,
        obj=existing or plan,
        title=(
            "Update the family group conference"
            if existing
            else "Record a family group conference offer"
        ),
        done="Family group conference recorded",
        next_url=_plan_url(plan),
        back_url=_plan_url(plan),
        button="Save family group conference",
        intro="Record the offer now; come back to record the family's answer and the date it "
        "was held.",
    )


@page(
    Action.RECORD_CP_PRACTICE,
    methods=FORM,
    url="plans/<int:pk>/pre-proceedings/new/",
    name="protection-pre-proceedings-new",
    more=(
        ("plans/<int:pk>/pre-proceedings/<int:proceedings>/", "protection-pre-proceedings-edit"),
    ),
)
def pre_proceedings(request: HttpRequest, pk: int, proceedings: int | None = None) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk)
    existing = None
    initial = {}
    if proceedings is not None:
        existing = selectors.pre_proceedings_for(request.user, proceedings, plan)
        initial = {
            "legal_planning_meeting_date": existing.legal_planning_meeting_date,
            "plo_letter_date": existing.plo_letter_date,
            "outcome": existing.outcome,
            "outcome_date": existing.outcome_date,
        }
    return record_page(
        request,
        form=forms.PreProceedingsForm,
        form_kwargs={"initial": initial},
        save=lambda actor, data: services.save_pre_proceedings(
            actor, plan, existing=existing, **data
        ),
        child=plan.child,
        obj=existing or plan,
        title="Update pre-proceedings" if existing else "Escalate to pre-proceedings",
        done="Pre-proceedings recorded",
        next_url=_plan_url(plan),
        back_url=_plan_url(plan),
        button="Save pre-proceedings",
        intro="Record the legal planning meeting now; come back to record the PLO letter and "
        "the outcome.",
    )


@page(
    Action.RECORD_CONFERENCE,
    methods=FORM,
    url="plans/<int:pk>/reviews/new/",
    name="protection-review-new",
)
def review_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk)
    title = "Record a review conference"
    ended = _plan_has_ended(request, plan, title)
    if ended is not None:
        return ended
    outcomes = list(plan.outcomes.all())

    def save(actor, data: dict) -> ChildProtectionReview:
        return services.record_review(
            actor,
            plan,
            date=data["date"],
            plan_continues=data["plan_continues"],
            latest_category=data["latest_category"],
            end_reason=data.get("end_reason") or "",
            ratings=forms.ratings(outcomes, data),
        )

    return record_page(
        request,
        form=forms.ReviewForm,
        form_kwargs={"outcomes": outcomes, "initial": {"latest_category": plan.latest_category}},
        save=save,
        child=plan.child,
        obj=plan,
        title=title,
        done="Review conference recorded",
        next_url=_plan_url(plan),
        back_url=_plan_url(plan),
        button="Save review conference",
        summary=[
            _plan_started(plan),
            ("Latest category", plan.get_latest_category_display()),
        ],
        template="protection/review_form.html",
        context={"plan": plan, "outcomes": outcomes},
    )


@page(
    Action.RECORD_CP_PRACTICE, methods=FORM, url="plans/<int:pk>/end/", name="protection-plan-end"
)
def plan_end(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk)
    title = "End the child protection plan"
    return _plan_has_ended(request, plan, title) or record_form(
        request,
        plan,
        form=forms.EndPlanForm,
        service=services.end_plan,
        returns_to=_plan_url(plan),
        title=title,
        done="Child protection plan ended",
        button="End plan",
        intro="If a review conference decided to end the plan, record the review conference "
        "instead: it ends the plan on the conference date.",
        summary=[_plan_started(plan)],
    )


# -- open plans, for managers -------------------------------------------------------------------


@page(Action.VIEW_CP_PLANS, url="plans/", name="protection-plan-list")
def plan_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    plans = selectors.open_plans_visible_to(request.user, today)
    counts = selectors.plan_list_counts(plans, today)
    chosen = request.GET.get("show", "all")
    if chosen not in {c["key"] for c in counts}:
        chosen = "all"
    chosen_label = next(c["label"] for c in counts if c["key"] == chosen)
    shown = selectors.filter_plans(plans, chosen, today)
    page_of_plans = Paginator(shown, PLANS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "plan": plan,
            "months": selectors.months_on_plan(plan, today),
            "milestone": selectors.highest_milestone(plan, today),
            "next_review": selectors.plan_timescales(plan, today).next_review,
        }
        for plan in page_of_plans
    ]
    listed(
        request,
        f"Viewed the list of open child protection plans: {chosen_label}",
        [row["plan"].child for row in rows],
    )
    return render(
        request,
        "protection/plan_list.html",
        {
            "rows": rows,
            "page": page_of_plans,
            "counts": counts,
            "chosen": chosen,
            "chosen_label": chosen_label,
        },
    )
