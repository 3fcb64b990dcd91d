"""Settings for the test suite: fast password hashing, no static manifest needed."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A stale performance snapshot is recomputed in the request, not in a thread the test's
# transaction cannot be seen from (performance/selectors.py).
SIGHTLINE_PERFORMANCE_BACKGROUND = False
