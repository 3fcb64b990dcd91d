"""Local demo on http://127.0.0.1:8000: plain HTTP, so cookies cannot be Secure-only."""

from .base import *  # noqa: F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
