"""The performance pack as PDF: the same HTML the page shows, printed by headless Chromium.

The HTML is written to a temporary file with its stylesheets inlined, so Chromium needs no
server and no network; each run has its own throwaway profile directory so that two runs at once
do not fight over one. Debian's `chromium` package provides the browser; where it is missing,
`PdfUnavailable` says so and the page answers 503 with that message.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

TIMEOUT_SECONDS = 90
STYLESHEETS = (
    "govuk/govuk-frontend.min.css",
    "sightline/sightline.css",
    "performance/performance.css",
)


class PdfUnavailable(RuntimeError):
    """No Chromium to print with, or it failed: the message says which, for the page."""


def chromium_path() -> str | None:
    configured = getattr(settings, "SIGHTLINE_CHROMIUM", None) or os.environ.get(
        "SIGHTLINE_CHROMIUM"
    )
    for candidate in (configured, "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def inline_styles() -> str:
    """The stylesheets the pack uses, as one <style> block's contents. GOV.UK Frontend's CSS
    refers to fonts and images by relative URL; the pack uses Arial and no images, so those
    references are harmless when unresolved."""
    parts = []
    for name in STYLESHEETS:
        path = finders.find(name)
        if path:
            parts.append(Path(path).read_text(encoding="utf-8"))
    return "\n".join(parts)


def html_to_pdf(html: str) -> bytes:
    browser = chromium_path()
    if browser is None:
        raise PdfUnavailable(
            "The PDF cannot be made because Chromium is not installed on this server. "
            "Install Debian's chromium package, or print the HTML pack from your browser."
        )
    with tempfile.TemporaryDirectory(prefix="sightline-pack-") as folder:
        source = Path(folder) / "pack.html"
        target = Path(folder) / "pack.pdf"
        source.write_text(html, encoding="utf-8")
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-extensions",
            "--no-first-run",
            "--no-pdf-header-footer",
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        try:
            subprocess.run(  # noqa: S603 - a fixed command line; the only input is our own file
                command,
                check=False,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                env={**os.environ, "HOME": folder},
            )
        except subprocess.TimeoutExpired:
            raise PdfUnavailable("Chromium took too long to print the pack.") from None
        if not target.exists() or target.stat().st_size == 0:
            raise PdfUnavailable("Chromium did not produce a PDF of the pack.")
        return target.read_bytes()
