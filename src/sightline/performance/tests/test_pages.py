"""The performance pages: who may open them, what they show, and the audit trail they leave."""

import html
import re
from datetime import date

import pytest
from django.urls import reverse

from sightline.access.models import AuditEvent
from sightline.people.models import Worker
from sightline.performance.models import IndicatorTarget
from sightline.testing.helpers import without_csrf

from . import factories as f

pytestmark = pytest.mark.django_db

Role = Worker.Role
FY = "period=fy-2024"


@pytest.fixture
def county():
    """Two services; an assessment in each; a senior leader and a service manager."""
    north = f.team("North Assessment", "Assessment and intervention")
    care_team = f.team("Children in Care", "Children in care")
    ana, cara = f.worker(team=north), f.worker(team=care_team)
    kids = []
    for who, authorised in ((ana, date(2025, 2, 6)), (cara, date(2025, 2, 7))):
        kid = f.child()
        f.allocate(kid, who, date(2024, 11, 1))
        f.assessment(kid, date(2024, 12, 2), authorised, worker=who)
        kids.append(kid)
    return {
        "north": north,
        "care": care_team,
        "ana": ana,
        "cara": cara,
        "kids": kids,
        "leader": f.worker(Role.SENIOR_LEADER),
        "manager": f.worker(Role.SERVICE_MANAGER, team=care_team),
        "team_manager": f.worker(Role.TEAM_MANAGER, team=north),
    }


PAGES = [
    ("performance-dashboard", {}),
    ("performance-indicator", {"indicator_id": "assessments_within_45_wd_pct"}),
    (
        "performance-children",
        {"indicator_id": "assessments_within_45_wd_pct", "part": "numerator"},
    ),
    ("performance-pack", {}),
    ("performance-pack-pdf", {}),
    ("performance-targets", {}),
]


@pytest.mark.parametrize(
    "role", [Role.SOCIAL_WORKER, Role.PERSONAL_ADVISER, Role.IRO, Role.ADMINISTRATOR]
)
@pytest.mark.parametrize("name,kwargs", PAGES)
def test_workers_outside_performance_get_the_same_404_as_a_missing_page(
    sign_in, role, name, kwargs
):
    client = sign_in(f.worker(role))
    response = client.get(reverse(name, kwargs=kwargs))
    missing = client.get("/performance/no-such-indicator/")
    assert response.status_code == 404
    assert missing.status_code == 404
    assert without_csrf(response.content) == without_csrf(missing.content)


def test_dashboard_shows_each_indicator_with_england_and_plain_words(sign_in, county):
    client = sign_in(county["leader"])
    response = client.get(reverse("performance-dashboard") + "?" + FY)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Assessments completed within 45 working days" in page
    assert "50.0%" in page
    assert "85.7%" in page  # England
    assert "Worse than England" in page
    assert "the last 12 months" in page
    assert "No published figure" in page  # an estimate is not shown as a statistic


def test_service_manager_sees_their_services_figures_beside_the_councils(sign_in, county):
    client = sign_in(county["manager"])
    page = client.get(reverse("performance-dashboard") + "?" + FY).content.decode()
    assert "Children in care</th>" in page  # the column heading for their service
    assert "0.0%" in page  # their service's assessment was late


def test_team_manager_sees_their_teams_figures_and_only_their_team_in_breakdowns(sign_in, county):
    client = sign_in(county["team_manager"])
    board = html.unescape(client.get(reverse("performance-dashboard") + "?" + FY).content.decode())
    assert 'The column "North Assessment" shows your team\'s own figures.' in board
    assert "100.0%" in board  # their team's assessment was on time; the council's is 50%
    url = reverse("performance-indicator", args=["assessments_within_45_wd_pct"]) + "?" + FY
    page = client.get(url).content.decode()
    assert county["ana"].full_name in page
    assert county["cara"].full_name not in page
    assert "Children in Care</th>" not in page


def test_indicator_page_has_an_accessible_chart_with_the_same_numbers_in_a_table(sign_in, county):
    client = sign_in(county["leader"])
    url = reverse("performance-indicator", args=["assessments_within_45_wd_pct"]) + "?" + FY
    page = client.get(url).content.decode()
    assert '<svg role="img" aria-labelledby="trend-chart-title trend-chart-desc"' in page
    assert '<title id="trend-chart-title">' in page
    assert "February 2025: 50.0%" in page  # in the chart's description
    assert "February 2025</th>" in page  # and in the data table beside it
    assert "North Assessment" in page and "Children in Care" in page
    assert county["ana"].full_name in page


def test_service_manager_breakdown_shows_only_their_own_service(sign_in, county):
    client = sign_in(county["manager"])
    url = reverse("performance-indicator", args=["assessments_within_45_wd_pct"]) + "?" + FY
    page = client.get(url).content.decode()
    assert "Children in Care</th>" in page
    assert "North Assessment" not in page
    assert county["ana"].full_name not in page


def test_drill_down_lists_the_children_links_to_their_records_and_is_audited(sign_in, county):
    client = sign_in(county["leader"])
    url = reverse("performance-children", args=["assessments_within_45_wd_pct", "denominator"])
    response = client.get(url + "?" + FY)
    page = response.content.decode()
    for kid in county["kids"]:
        assert reverse("child-record", args=[kid.council_id]) in page
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.DRILL_DOWN)
    assert sorted(event.detail["council_ids"]) == sorted(k.council_id for k in county["kids"])
    assert event.detail["indicator"] == "assessments_within_45_wd_pct"


def test_drill_down_lists_only_children_the_user_may_see(sign_in, county):
    client = sign_in(county["manager"])
    url = reverse("performance-children", args=["assessments_within_45_wd_pct", "denominator"])
    page = client.get(url + "?" + FY).content.decode()
    theirs, other = county["kids"][1], county["kids"][0]
    assert theirs.council_id in page
    assert other.council_id not in page
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.DRILL_DOWN)
    assert event.detail["council_ids"] == [theirs.council_id]


def test_drill_down_by_team(sign_in, county):
    client = sign_in(county["leader"])
    url = reverse("performance-children", args=["assessments_within_45_wd_pct", "numerator"])
    page = client.get(f"{url}?{FY}&group=team&key={county['north'].pk}").content.decode()
    assert county["kids"][0].council_id in page
    assert county["kids"][1].council_id not in page
    assert "North Assessment" in page


def test_unknown_list_or_group_is_404(sign_in, county):
    client = sign_in(county["leader"])
    base = reverse("performance-children", args=["assessments_within_45_wd_pct", "numerator"])
    assert client.get(base.replace("numerator", "everyone")).status_code == 404
    assert client.get(base + "?group=planet").status_code == 404


def test_a_bad_as_at_date_is_refused_with_a_message_naming_the_field(sign_in, county):
    client = sign_in(county["leader"])
    response = client.get(
        reverse("performance-dashboard") + "?period=fytd&as_at_day=31&as_at_month=2&as_at_year=2025"
    )
    page = response.content.decode()
    assert "<title>Error: Performance" in page
    assert "The as at must be a real date" in page


def test_senior_leader_sets_a_target_and_it_is_audited(sign_in, county):
    client = sign_in(county["leader"])
    url = reverse("performance-target", args=["assessments_within_45_wd_pct"])
    response = client.post(url, {"target": "90", "reason": "Improvement plan 2025"})
    assert response.status_code == 302
    target = IndicatorTarget.objects.get()
    assert float(target.target) == 90.0
    assert target.changed_by == county["leader"].user
    event = AuditEvent.objects.get(
        kind=AuditEvent.Kind.CONFIG, object_type="performance.IndicatorTarget"
    )
    assert event.detail["target"] == "90"
    page = client.get(reverse("performance-dashboard") + "?" + FY).content.decode()
    assert "90.0%" in page and "Worse than the target" in page


def test_a_percentage_target_over_100_is_refused_and_nothing_saved(sign_in, county):
    client = sign_in(county["leader"])
    url = reverse("performance-target", args=["assessments_within_45_wd_pct"])
    response = client.post(url, {"target": "120", "reason": "Ambition"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Target must be a percentage from 0 to 100." in page
    assert "<title>Error: " in page
    assert not IndicatorTarget.objects.exists()


def test_a_target_change_needs_a_reason(sign_in, county):
    client = sign_in(county["leader"])
    url = reverse("performance-target", args=["assessments_within_45_wd_pct"])
    page = client.post(url, {"target": "90", "reason": ""}).content.decode()
    assert "Enter why the target is changing" in page
    assert not IndicatorTarget.objects.exists()


@pytest.mark.parametrize("role", [Role.QA_OFFICER, Role.SERVICE_MANAGER])
def test_only_senior_leaders_may_change_targets_or_the_population(sign_in, role):
    client = sign_in(f.worker(role))
    assert client.get(reverse("performance-targets")).status_code == 200
    url = reverse("performance-target", args=["assessments_within_45_wd_pct"])
    assert client.post(url, {"target": "90", "reason": "x"}).status_code == 404
    assert client.get(reverse("performance-population")).status_code == 404
    assert not IndicatorTarget.objects.exists()


def test_senior_leader_enters_the_population(sign_in):
    client = sign_in(f.worker(Role.SENIOR_LEADER))
    response = client.post(reverse("performance-population"), {"year": "2024", "count": "185000"})
    assert response.status_code == 302
    page = client.get(reverse("performance-targets")).content.decode()
    assert "mid-2024 estimate" in page
    assert "185,000" in page


def test_chart_svg_has_one_class_attribute_and_no_inline_styles(sign_in, county):
    # Inline style attributes would be blocked by the content security policy.
    client = sign_in(county["leader"])
    url = reverse("performance-indicator", args=["assessments_within_45_wd_pct"]) + "?" + FY
    page = client.get(url).content.decode()
    opening = re.search(r"<svg[^>]*>", page).group(0)
    assert opening.count("class=") == 1
    assert "performance-chart__svg" in opening
    assert "style=" not in page
