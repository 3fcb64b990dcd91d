"""Performance pages, under /performance/: the leaders' dashboard, each indicator explained down
to the children behind it, the printable pack (HTML and PDF), and the council's targets and
child population. Anyone without a performance role gets the same 404 as a missing page."""

from __future__ import annotations

import contextlib
from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from sightline.access.events import EventType
from sightline.access.policy import Action, may
from sightline.web.pages import page, record_page, viewed

from . import charts, selectors, services
from .catalogue import CATALOGUE, SECTIONS, in_section
from .engine import PARTS, latest_targets
from .forms import PeriodForm, PopulationForm, TargetForm
from .models import ChildPopulation, IndicatorTarget
from .pdf import PdfUnavailable, html_to_pdf, inline_styles
from .periods import Period, parse_period, period_code
from .population import population_for

GROUPS = ("team", "worker")


def _period(request: HttpRequest) -> tuple[Period, date | None, PeriodForm]:
    """The period and as-at date chosen in the query string; the default period (the
    financial year to date) when none or an unknown one is given."""
    today = timezone.localdate()
    data = request.GET if "period" in request.GET else None
    form = PeriodForm(data, today=today, initial={"period": "fytd"})
    period = Period.financial_year_to_date(today)
    as_at = None
    if data is not None and form.is_valid():
        with contextlib.suppress(ValueError):
            period = parse_period(form.cleaned_data["period"], today)
        as_at = form.cleaned_data.get("as_at")
    elif data is not None:
        # A bookmarked period no longer in the list is still honoured.
        with contextlib.suppress(ValueError):
            period = parse_period(request.GET.get("period", ""), today)
    return period, as_at, form


def _query(period: Period, as_at: date | None) -> str:
    query = f"period={period_code(period)}"
    if as_at is not None:
        query += f"&as_at_day={as_at.day}&as_at_month={as_at.month}&as_at_year={as_at.year}"
    return query


@page(Action.VIEW_PERFORMANCE, url="", name="performance-dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    period, as_at, form = _period(request)
    board = selectors.dashboard(request.user, period, as_at)
    return render(
        request,
        "performance/dashboard.html",
        {
            "board": board,
            "form": form,
            "query": _query(period, as_at),
            "may_set": may(request.user, Action.SET_PERFORMANCE_TARGETS),
        },
    )


def _indicator_or_404(indicator_id: str):
    if indicator_id not in CATALOGUE:
        raise Http404("No indicator found")
    return CATALOGUE[indicator_id]


@page(Action.VIEW_PERFORMANCE, url="<slug:indicator_id>/", name="performance-indicator")
def indicator_detail(request: HttpRequest, indicator_id: str) -> HttpResponse:
    indicator = _indicator_or_404(indicator_id)
    period, as_at, form = _period(request)
    page = selectors.indicator_page(request.user, indicator_id, period, as_at)
    line = page.line
    unit_title = {
        "percent": "Per cent",
        "rate": "Per 10,000 children",
        "count": "Children",
        "working_days": "Working days",
    }[indicator.unit]
    spec = charts.trend_spec(
        indicator.name,
        unit_title,
        line.trend,
        england=line.figure.value if line.figure and not line.figure.is_estimate else None,
        target=line.result.target,
    )
    chart = charts.accessible_svg(
        spec,
        f"{indicator.name}: the last 12 months",
        charts.describe(
            indicator.name,
            line.trend_texts(),
            line.england_text if line.figure and not line.figure.is_estimate else "",
            line.target_text,
        ),
        "trend-chart",
    )
    return render(
        request,
        "performance/indicator.html",
        {
            "page": page,
            "indicator": indicator,
            "line": line,
            "chart": chart,
            "form": form,
            "query": _query(period, as_at),
            "period": period,
            "as_at": as_at or period.default_as_at(timezone.localdate()),
            "may_set": may(request.user, Action.SET_PERFORMANCE_TARGETS),
            "lists": _lists(page.indicator),
        },
    )


def _lists(indicator) -> list[tuple[str, str]]:
    """Which drill-down lists an indicator has, and what each is called."""
    if indicator.is_percent:
        return [
            ("numerator", "Children counted above the line"),
            ("denominator", "All children counted"),
        ]
    return [("numerator", "Children counted")]


@page(
    Action.VIEW_PERFORMANCE,
    url="<slug:indicator_id>/children/<slug:part>/",
    name="performance-children",
)
def children(request: HttpRequest, indicator_id: str, part: str) -> HttpResponse:
    indicator = _indicator_or_404(indicator_id)
    if part not in PARTS:
        raise Http404("No list found")
    period, as_at, _ = _period(request)
    group = request.GET.get("group")
    key = None
    if group is not None:
        if group not in GROUPS:
            raise Http404("No list found")
        raw = request.GET.get("key", "")
        if raw not in ("", "none"):
            try:
                key = int(raw)
            except ValueError:
                raise Http404("No list found") from None
    page_obj = selectors.children_page(
        request.user, indicator_id, period, part, request.GET.get("page"), as_at, group, key
    )
    shown = [child.council_id for child in page_obj.object_list]
    viewed(
        request,
        f"Viewed the children behind {indicator.name} ({part}), {period.label}",
        event=EventType.DRILL_DOWN_VIEWED,
        detail={
            "indicator": indicator_id,
            "part": part,
            "period": period_code(period),
            "as_at": as_at.isoformat() if as_at else None,
            "group": group,
            "key": key,
            "page": page_obj.number,
            "council_ids": shown,
        },
    )
    group_name = selectors.group_name(group, key) if group is not None else None
    return render(
        request,
        "performance/children.html",
        {
            "indicator": indicator,
            "part": part,
            "title": "All children counted"
            if part == "denominator"
            else _numerator_title(indicator),
            "page_obj": page_obj,
            "period": period,
            "query": _query(period, as_at),
            "group": group,
            "key": "none" if group and key is None else key,
            "group_name": group_name,
        },
    )


def _numerator_title(indicator) -> str:
    return "Children counted above the line" if indicator.is_percent else "Children counted"


def _pack_context(request: HttpRequest) -> dict:
    period, as_at, _ = _period(request)
    return {
        "pack": selectors.pack(request.user, period, as_at),
        "query": _query(period, as_at),
    }


@page(Action.VIEW_PERFORMANCE, url="pack/", name="performance-pack")
def pack(request: HttpRequest) -> HttpResponse:
    return render(request, "performance/pack.html", _pack_context(request))


@page(Action.VIEW_PERFORMANCE, url="pack.pdf", name="performance-pack-pdf")
def pack_pdf(request: HttpRequest) -> HttpResponse:
    context = _pack_context(request)
    html = render_to_string(
        "performance/pack_print.html", {**context, "styles": inline_styles()}, request=request
    )
    try:
        pdf = html_to_pdf(html)
    except PdfUnavailable as problem:
        return render(
            request,
            "performance/pdf_unavailable.html",
            {"message": str(problem), "query": context["query"]},
            status=503,
        )
    pack_data = context["pack"]
    viewed(
        request,
        f"Downloaded the performance pack (PDF), {pack_data.period.label}",
        event=EventType.PERFORMANCE_PACK_EXPORTED,
        detail={"period": period_code(pack_data.period), "as_at": pack_data.as_at.isoformat()},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"performance-pack-{pack_data.period.start:%Y%m%d}-{pack_data.as_at:%Y%m%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# -- targets and population ---------------------------------------------------------------------


@page(Action.VIEW_PERFORMANCE, url="targets/", name="performance-targets")
def targets(request: HttpRequest) -> HttpResponse:
    current = latest_targets()
    sections = []
    for code, title in SECTIONS:
        rows = []
        for indicator in in_section(code):
            figure = indicator.england_figure
            target = current.get(indicator.id)
            rows.append(
                {
                    "indicator": indicator,
                    "target": selectors.format_value(indicator, target)
                    if target is not None
                    else "",
                    "england": figure,
                    "england_text": selectors.format_value(indicator, figure.value)
                    if figure
                    else "",
                }
            )
        sections.append((title, rows))
    history = IndicatorTarget.objects.select_related("changed_by").order_by("-changed_at", "-id")[
        :20
    ]
    return render(
        request,
        "performance/targets.html",
        {
            "sections": sections,
            "history": [(CATALOGUE.get(h.indicator_id), h) for h in history],
            "may_set": may(request.user, Action.SET_PERFORMANCE_TARGETS),
            "populations": ChildPopulation.objects.all(),
            "population": population_for(timezone.localdate()),
        },
    )


@page(
    Action.SET_PERFORMANCE_TARGETS,
    methods=("GET", "POST"),
    url="targets/<slug:indicator_id>/",
    name="performance-target",
)
def target_edit(request: HttpRequest, indicator_id: str) -> HttpResponse:
    indicator = _indicator_or_404(indicator_id)
    unit = {"percent": "per cent", "rate": "per 10,000 children", "count": "children"}.get(
        indicator.unit, "working days"
    )
    return record_page(
        request,
        form=TargetForm,
        form_kwargs={"initial": {"target": latest_targets().get(indicator_id)}},
        save=lambda actor, data: services.set_target(
            actor, indicator_id, data["target"], data["reason"]
        ),
        child=None,
        title=f"Set the local target: {indicator.name}",
        caption="Performance targets",
        intro=f"{indicator.definition} The target is in {unit}. {indicator.better_words}.",
        button="Save the target",
        done=f"Local target for {indicator.name} saved",
        next_url=reverse("performance-targets"),
        back_url=reverse("performance-targets"),
    )


@page(
    Action.SET_PERFORMANCE_TARGETS,
    methods=("GET", "POST"),
    url="targets/population/",
    name="performance-population",
)
def population_edit(request: HttpRequest) -> HttpResponse:
    return record_page(
        request,
        form=PopulationForm,
        form_kwargs={"initial": {"year": timezone.localdate().year - 1}},
        save=lambda actor, data: services.set_population(actor, data["year"], data["count"]),
        child=None,
        title="Enter the child population",
        caption="Performance",
        intro="The ONS mid-year estimate of children aged 0 to 17 living in the council's "
        "area. Every rate per 10,000 children is worked out from it: the number of children "
        "in Sightline's records is not the population, since most children are never referred.",
        button="Save the population",
        done="Child population saved",
        next_url=reverse("performance-targets"),
        back_url=reverse("performance-targets"),
    )
