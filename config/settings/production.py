"""Production: a real secret, HTTPS only, PostgreSQL expected (DATABASE_URL)."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = env("SIGHTLINE_SECRET_KEY")
SECURE_SSL_REDIRECT = env.bool("SIGHTLINE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
