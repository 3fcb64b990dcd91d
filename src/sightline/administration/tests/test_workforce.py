"""Running the workforce: an administrator adds, changes and ends workers and their sign-ins,
unlocks a locked sign-in, sets a temporary password, and adds and renames teams and services;
a worker given a temporary password must choose their own before anything else. Every change
is on the audit trail; bad input is refused on its field with nothing saved; anyone but an
administrator finds no such pages."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from sightline.access.events import EventType
from sightline.access.models import AuditEvent
from sightline.administration.models import SignInState
from sightline.people.models import Service, Team, Worker
from sightline.testing.factories import PASSWORD, AllocationFactory, WorkerFactory
from sightline.testing.helpers import date_fields, error_page

pytestmark = pytest.mark.django_db

User = get_user_model()
TEMPORARY = "plum-harbour-lantern"
OWN = "a-password-of-my-own-choosing"


@pytest.fixture
def admin(team):
    return WorkerFactory(team=team, role=Worker.Role.ADMINISTRATOR)


@pytest.fixture
def as_admin(admin, sign_in):
    return sign_in(admin)


def new_worker(team, **changes) -> dict:
    """The add-a-worker form as an administrator fills it in."""
    return {
        "first_name": "Nadia",
        "last_name": "Okafor",
        "username": "nokafor",
        "password": TEMPORARY,
        "staff_id": "S90001",
        "role": Worker.Role.SOCIAL_WORKER,
        "team": team.pk,
        "manager": "",
        "is_agency": "no",
        "registration_number": "SW123456",
        **date_fields("start_date", dt.date(2026, 1, 5)),
        **changes,
    }


def signed_in_with(username: str, password: str) -> tuple[Client, object]:
    client = Client()
    response = client.post("/sign-in/", {"username": username, "password": password})
    return client, response


def events(event: EventType) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type=event).order_by("pk"))


# -- adding a worker and their first sign-in ------------------------------------------------


def test_a_new_worker_signs_in_with_a_temporary_password_and_must_change_it_first(as_admin, team):
    response = as_admin.post("/workforce/workers/add/", new_worker(team))
    worker = Worker.objects.get(user__username="nokafor")
    assert response.status_code == 302 and response.url == f"/workforce/workers/{worker.pk}/"
    assert (worker.full_name, worker.team, worker.is_agency) == ("Nadia Okafor", team, False)
    assert worker.start_date == dt.date(2026, 1, 5)
    assert worker.user.get_full_name() == "Nadia Okafor"
    [created] = events(EventType.WORKER_CREATED)
    assert created.object_id == str(worker.pk) and TEMPORARY not in str(created.detail)

    client, signed_in = signed_in_with("nokafor", TEMPORARY)
    assert signed_in.status_code == 302
    # Every page but "Change your password" (and signing out) sends them there first.
    for address in ("/", "/children/", f"/workforce/workers/{worker.pk}/"):
        answer = client.get(address)
        assert answer.status_code == 302 and answer.url == "/change-password/"
    page = client.get("/change-password/").content.decode()
    assert "You signed in with a temporary password" in page

    changed = client.post(
        "/change-password/",
        {"current_password": TEMPORARY, "new_password": OWN, "confirm_password": OWN},
    )
    assert changed.status_code == 302 and changed.url == "/"
    assert client.get("/").status_code == 200  # still signed in, and free to go on
    assert not SignInState.objects.get(user=worker.user).must_change_password
    assert [e.actor for e in events(EventType.PASSWORD_CHANGED)] == [worker.user]
    assert signed_in_with("nokafor", OWN)[1].status_code == 302


def test_a_password_sightline_makes_is_shown_to_the_administrator_once(as_admin, team):
    as_admin.post("/workforce/workers/add/", new_worker(team, password=""))
    worker = Worker.objects.get(user__username="nokafor")
    first = as_admin.get(f"/workforce/workers/{worker.pk}/").content.decode()
    assert "Their temporary password is" in first
    password = first.split("Their temporary password is <strong>")[1].split("<")[0]
    assert (
        "Their temporary password is"
        not in as_admin.get(f"/workforce/workers/{worker.pk}/").content.decode()
    )
    assert worker.user.check_password(password)
    assert signed_in_with("nokafor", password)[0].get("/").url == "/change-password/"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"username": "TAKEN"}, "username", "The username TAKEN is already in use"),
        ({"password": "password123"}, "password", "This password is too common."),
        ({"password": "short-one"}, "password", "This password is too short."),
        ({"staff_id": "S1"}, "staff_id", "The staff ID S1 is someone else"),
        ({"first_name": ""}, "first_name", "Enter their first name"),
    ],
)
def test_bad_input_for_a_new_worker_is_refused_on_its_field_and_nothing_saved(
    as_admin, team, changes, field, message
):
    WorkerFactory(team=team, user__username="taken", staff_id="S1")
    workers, users = Worker.objects.count(), User.objects.count()
    html = error_page(as_admin.post("/workforce/workers/add/", new_worker(team, **changes)))
    assert f'id="id_{field}_error"' in html and message in html
    assert (Worker.objects.count(), User.objects.count()) == (workers, users)
    assert not events(EventType.WORKER_CREATED)


# -- changing and ending a worker --------------------------------------------------------


def test_changing_a_workers_details_is_audited_and_their_sign_in_name_follows(
    as_admin, social_worker, team
):
    manager = WorkerFactory(team=team, role=Worker.Role.TEAM_MANAGER)
    url = f"/workforce/workers/{social_worker.pk}/change/"
    form = as_admin.get(url).content.decode()
    assert f'value="{social_worker.staff_id}"' in form
    fields = {
        "first_name": "Sam",
        "last_name": social_worker.last_name,
        "staff_id": social_worker.staff_id,
        "role": Worker.Role.SOCIAL_WORKER,
        "team": team.pk,
        "manager": manager.pk,
        "is_agency": "yes",
        "registration_number": "",
        **date_fields("start_date", dt.date(2024, 9, 2)),
    }
    assert as_admin.post(url, fields).status_code == 302
    social_worker.refresh_from_db()
    assert (social_worker.first_name, social_worker.manager, social_worker.is_agency) == (
        "Sam",
        manager,
        True,
    )
    assert social_worker.user.first_name == "Sam"
    [changed] = events(EventType.WORKER_CHANGED)
    assert "first name" in changed.summary and "manager" in changed.summary
    assert "team" not in changed.summary  # unchanged things are not said to have changed


def test_ending_a_worker_ends_their_sign_in_and_lists_the_children_to_reallocate(
    as_admin, social_worker, team, sign_in
):
    child = AllocationFactory(worker=social_worker).child
    theirs = sign_in(social_worker)
    today = timezone.localdate()
    url = f"/workforce/workers/{social_worker.pk}/end/"
    assert "Children they hold" in as_admin.get(url).content.decode()
    response = as_admin.post(url, date_fields("end_date", today))
    assert response.status_code == 302
    social_worker.refresh_from_db()
    assert (social_worker.active, social_worker.end_date) == (False, today)
    assert not social_worker.user.is_active
    # Their session ends and they cannot sign in again.
    assert theirs.get("/").url.startswith("/sign-in/")
    assert signed_in_with(social_worker.user.username, PASSWORD)[1].status_code == 200
    page = as_admin.get(response.url).content.decode()
    assert "Children to reallocate" in page and child.council_id in page
    [ended] = events(EventType.WORKER_ENDED)
    assert ended.detail["children_to_reallocate"] == [child.council_id]
    # Ending is done once.
    again = as_admin.get(url)
    assert again.status_code == 302 and again.url == response.url


def test_an_end_date_before_the_start_date_is_refused_on_the_field(as_admin, social_worker):
    social_worker.start_date = dt.date(2025, 6, 2)
    social_worker.save()
    html = error_page(
        as_admin.post(
            f"/workforce/workers/{social_worker.pk}/end/",
            date_fields("end_date", dt.date(2025, 6, 1)),
        )
    )
    assert 'id="id_end_date_error"' in html
    assert "End date must be on or after the start date" in html
    social_worker.refresh_from_db()
    assert social_worker.active and social_worker.user.is_active


def test_an_administrator_cannot_end_their_own_sign_in(as_admin, admin):
    html = error_page(
        as_admin.post(
            f"/workforce/workers/{admin.pk}/end/", date_fields("end_date", timezone.localdate())
        )
    )
    assert "You cannot end your own sign-in" in html
    admin.refresh_from_db()
    assert admin.active


# -- locked sign-ins and forgotten passwords ----------------------------------------------


def test_an_administrator_unlocks_a_sign_in_locked_after_failed_attempts(as_admin, social_worker):
    username = social_worker.user.username
    for _ in range(settings.AXES_FAILURE_LIMIT):
        signed_in_with(username, "not-the-password")
    assert signed_in_with(username, PASSWORD)[1].status_code == 429  # locked
    page = as_admin.get(f"/workforce/workers/{social_worker.pk}/").content.decode()
    assert "Locked" in page and "Unlock their sign-in" in page

    response = as_admin.post(f"/workforce/workers/{social_worker.pk}/unlock/")
    assert response.status_code == 302
    assert signed_in_with(username, PASSWORD)[1].status_code == 302
    [unlocked] = events(EventType.ACCOUNT_UNLOCKED)
    assert unlocked.object_id == str(social_worker.pk)


def test_a_temporary_password_signs_the_worker_out_and_must_be_changed(
    as_admin, social_worker, sign_in
):
    theirs = sign_in(social_worker)
    url = f"/workforce/workers/{social_worker.pk}/password/"
    assert as_admin.post(url, {"password": TEMPORARY}).status_code == 302
    assert theirs.get("/").url.startswith("/sign-in/")
    client, _ = signed_in_with(social_worker.user.username, TEMPORARY)
    assert client.get("/").url == "/change-password/"
    [event] = events(EventType.TEMPORARY_PASSWORD_SET)
    assert TEMPORARY not in str(event.detail) + event.summary
    # A weak one is refused on its field.
    html = error_page(as_admin.post(url, {"password": "12345678901234"}))
    assert 'id="id_password_error"' in html and "This password is entirely numeric." in html


# -- everyone's own password ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"current_password": "wrong", "new_password": OWN, "confirm_password": OWN},
            "current_password",
            "Your current password is not right",
        ),
        (
            {"current_password": PASSWORD, "new_password": OWN, "confirm_password": OWN + "x"},
            "confirm_password",
            "The passwords do not match",
        ),
        (
            {"current_password": PASSWORD, "new_password": "qwerty", "confirm_password": "qwerty"},
            "new_password",
            "This password is too short.",
        ),
    ],
)
def test_a_worker_changes_their_own_password_and_bad_input_is_refused(
    social_worker, sign_in, fields, field, message
):
    client = sign_in(social_worker)
    html = error_page(client.post("/change-password/", fields))
    assert f'id="id_{field}_error"' in html and message in html
    social_worker.user.refresh_from_db()
    assert social_worker.user.check_password(PASSWORD)
    assert not events(EventType.PASSWORD_CHANGED)
    changed = {"current_password": PASSWORD, "new_password": OWN, "confirm_password": OWN}
    assert client.post("/change-password/", changed).status_code == 302
    social_worker.user.refresh_from_db()
    assert social_worker.user.check_password(OWN)
    assert client.get("/").status_code == 200


# -- teams and services --------------------------------------------------------------------


def test_teams_and_services_are_added_and_renamed_and_a_name_in_use_is_refused(as_admin, team):
    assert as_admin.post("/workforce/services/add/", {"name": "Early help"}).status_code == 302
    service = Service.objects.get(name="Early help")
    fields = {"name": "Family Hub West", "service": service.pk, "kind": Team.Kind.SAFEGUARDING}
    assert as_admin.post("/workforce/teams/add/", fields).status_code == 302
    hub = Team.objects.get(name="Family Hub West")
    renamed = {**fields, "name": "Family Hub South"}
    assert as_admin.post(f"/workforce/teams/{hub.pk}/", renamed).status_code == 302
    assert as_admin.post(f"/workforce/services/{service.pk}/", {"name": "Early Help"})
    hub.refresh_from_db()
    service.refresh_from_db()
    assert (hub.name, service.name) == ("Family Hub South", "Early Help")
    page = as_admin.get("/workforce/teams/").content.decode()
    assert "Family Hub South" in page and "Early Help" in page
    assert [e.summary for e in events(EventType.TEAM_SAVED)] == [
        "Added the team Family Hub West",
        "Renamed the team Family Hub West to Family Hub South",
    ]
    assert len(events(EventType.SERVICE_SAVED)) == 2

    html = error_page(as_admin.post("/workforce/teams/add/", {**fields, "name": team.name}))
    assert f"There is already a team called {team.name}" in html
    assert Team.objects.filter(name=team.name).count() == 1


# -- who may ---------------------------------------------------------------------------------


def test_the_workforce_pages_are_not_found_for_anyone_but_administrators(
    social_worker, sign_in, team
):
    client = sign_in(social_worker)
    for address in (
        "/workforce/",
        "/workforce/workers/add/",
        f"/workforce/workers/{social_worker.pk}/",
        "/workforce/teams/",
    ):
        assert client.get(address).status_code == 404
    assert client.post("/workforce/workers/add/", new_worker(team)).status_code == 404
    assert not Worker.objects.filter(user__username="nokafor").exists()
    assert "Workforce" not in client.get("/").content.decode()


def test_administrators_find_the_workforce_in_the_navigation_and_a_worker_by_name(
    as_admin, social_worker
):
    assert 'href="/workforce/"' in as_admin.get("/audit/").content.decode()
    found = as_admin.get("/workforce/", {"q": social_worker.last_name}).content.decode()
    assert social_worker.full_name in found and social_worker.user.username in found
    assert "No worker matches." in as_admin.get("/workforce/", {"q": "zzzzqqq"}).content.decode()
