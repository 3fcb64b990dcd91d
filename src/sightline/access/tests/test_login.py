"""Sign-in: lockout after repeated failures, session limits, cookies and security headers."""

import time

import pytest
from django.conf import settings

from sightline.access.middleware import SESSION_STARTED
from sightline.testing.factories import PASSWORD
from sightline.testing.helpers import error_page

pytestmark = pytest.mark.django_db


def test_account_locks_after_repeated_failed_sign_ins(social_worker, client):
    username = social_worker.user.username
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/sign-in/", {"username": username, "password": "not-the-password"})
    # Even the right password is refused now.
    response = client.post("/sign-in/", {"username": username, "password": PASSWORD})
    assert response.status_code == 429
    assert "locked" in response.content.decode().lower()
    assert "_auth_user_id" not in client.session


def test_wrong_password_shows_an_error_and_no_session(social_worker, client):
    response = client.post(
        "/sign-in/", {"username": social_worker.user.username, "password": "nope-nope"}
    )
    html = error_page(response)
    assert "govuk-error-summary" in html
    # Said in the summary, linking to the username, and by the username itself.
    assert '<a href="#id_username">Enter a correct username and password</a>' in html
    assert 'id="id_username_error"' in html
    assert "_auth_user_id" not in client.session


def test_a_sign_in_left_empty_asks_for_the_username_and_the_password(db, client):
    html = error_page(client.post("/sign-in/", {"username": "", "password": ""}))
    assert '<a href="#id_username">Enter your username</a>' in html
    assert '<a href="#id_password">Enter your password</a>' in html
    assert html.count("govuk-input--error") == 2


def test_session_ends_after_the_absolute_limit_even_when_active(social_worker, sign_in):
    client = sign_in(social_worker)
    assert client.get("/").status_code == 200
    session = client.session
    session[SESSION_STARTED] = time.time() - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get("/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302  # signed out, not just redirected once


def test_idle_sessions_expire_and_cookies_are_http_only():
    assert settings.SESSION_COOKIE_AGE <= 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST  # the idle clock restarts on each request
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY


def test_production_cookies_are_secure_only():
    from config.settings import base

    assert base.SESSION_COOKIE_SECURE and base.CSRF_COOKIE_SECURE


def test_pages_carry_security_headers(client):
    response = client.get("/sign-in/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
