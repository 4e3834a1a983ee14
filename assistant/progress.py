"""Ingest progress people can read: one line per file with a count and, after the first files, an ETA.

:class:`Progress` is fed the ingest's ``on_start`` and ``on_result`` callbacks. On a
terminal it rewrites one status line in place (failures stay on screen); when
the output is not a terminal (a pipe, a log) it writes one plain line per file.
The ETA is measured from the first finished file on, so that loading the
embedding model does not count as work. :func:`quiet_third_party_bars` keeps
other libraries' progress bars out of it.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from typing import Any, TextIO

NOT_COUNTED = ("skipped", "removed")  # not among the files found at the start


def quiet_third_party_bars() -> None:
    """Silence tqdm bars of huggingface_hub, transformers and sentence-transformers (before they load)."""
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TQDM_DISABLE", "1")


def eta_text(seconds: float) -> str:
    """A short duration: ``45s``, ``3m05s``, ``1h02m``.

    >>> eta_text(185), eta_text(3720), eta_text(4.2)
    ('3m05s', '1h02m', '4s')
    """
    s = round(seconds)
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"


class Progress:
    """Per-file progress lines for ``briefing ingest``.

    Args:
        out: where to write (stderr).
        tty: rewrite one line in place (a terminal) rather than print a line per file.
        clock: the time source (a parameter so tests can drive it).
    """

    def __init__(self, out: TextIO, tty: bool, clock: Callable[[], float] = time.monotonic) -> None:
        self.out, self.tty, self.clock = out, tty, clock
        self.total = 0
        self.done = 0
        self.first: float | None = None

    def start(self, total: int) -> None:
        self.total = total
        self.write(f"ingesting {total} file(s)", keep=True)

    def eta(self) -> str:
        """The time left, once two files are done (the rate between the first and the latest)."""
        if self.first is None or self.done < 2 or self.done >= self.total:
            return ""
        rate = (self.clock() - self.first) / (self.done - 1)
        return f" · ETA {eta_text(rate * (self.total - self.done))}"

    def result(self, result: Any) -> None:
        if result.status in NOT_COUNTED or result.reason == "no such file or folder":
            if result.status == "failed":  # a path that was never found: not one of the files
                self.write(f"failed: {result.path}: {result.reason}", keep=True)
            return
        self.done += 1
        if self.first is None:
            self.first = self.clock()
        failed = result.status == "failed"
        head, tail = f"[{self.done}/{self.total}] {result.status}: ", self.eta()
        path = str(result.path) + (f": {result.reason}" if failed and result.reason else "")
        if self.tty and not failed:  # one screen row, or the carriage return cannot take it back
            room = max(shutil.get_terminal_size((100, 24)).columns - 1 - len(head) - len(tail), 10)
            path = path if len(path) <= room else "…" + path[-room + 1 :]
        self.write(head + path + tail, keep=failed)

    def write(self, line: str, keep: bool = False) -> None:
        if not self.tty:
            self.out.write(line + "\n")
        elif keep:
            self.out.write("\r\x1b[K" + line + "\n")
        else:
            self.out.write("\r\x1b[K" + line)
        self.out.flush()

    def close(self) -> None:
        if self.tty:
            self.out.write("\r\x1b[K")
            self.out.flush()
