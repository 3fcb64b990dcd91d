"""Progress for a long generation: a bar on a terminal, otherwise a line every few percent."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, total: int, label: str, stream: TextIO | None = None, enabled: bool = True):
        self.total = max(1, total)
        self.label = label
        self.stream = stream or sys.stdout
        self.enabled = enabled
        self.tty = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.done = 0
        self.started = time.monotonic()
        self._last_pct = -1
        self._last_draw = 0.0

    def advance(self, n: int) -> None:
        self.done += n
        if not self.enabled:
            return
        pct = min(100, self.done * 100 // self.total)
        now = time.monotonic()
        if self.tty:
            if pct != self._last_pct or now - self._last_draw > 0.5:
                self._draw(pct, now)
        elif pct >= self._last_pct + 10 or (pct == 100 and self._last_pct != 100):
            elapsed = now - self.started
            self.stream.write(
                f"{self.label}: {pct}% ({self.done:,} of {self.total:,}, {elapsed:.0f}s)\n"
            )
            self.stream.flush()
            self._last_pct = pct

    def _draw(self, pct: int, now: float) -> None:
        width = 30
        filled = width * pct // 100
        elapsed = now - self.started
        eta = elapsed * (100 - pct) / pct if pct else 0
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(
            f"\r{self.label} [{bar}] {pct:3d}% {elapsed:5.0f}s, about {eta:4.0f}s to go"
        )
        self.stream.flush()
        self._last_pct = pct
        self._last_draw = now

    def note(self, text: str) -> None:
        if not self.enabled:
            return
        if self.tty:
            self.stream.write("\r" + " " * 79 + "\r")
        self.stream.write(text + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled and self.tty:
            self._draw(100, time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
