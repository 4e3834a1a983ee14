"""What an ingest run reports: one :class:`FileResult` per file, gathered in an :class:`IngestReport`.

Per file the outcome is one of ``added``, ``updated`` (its text changed, or its
quotes were re-attributed), ``unchanged``, ``removed`` (``prune``), ``skipped``
(an unsupported file found inside a folder) or ``failed`` (with the reason).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class FileResult:
    """What happened to one file."""

    path: str
    status: str
    reason: str = ""
    doc_id: str = ""
    chunks: int = 0
    statements: int = 0


OUTCOMES = ("added", "updated", "unchanged", "removed", "skipped", "failed")


def _outcome(status: str) -> Any:
    """A read-only attribute listing the results with ``status``."""
    return property(lambda self: self.by_status(status), doc=f"The results with status {status!r}.")


@dataclass(slots=True)
class IngestReport:
    """The outcome of one ingest run, file by file."""

    files: list[FileResult] = field(default_factory=list)

    def by_status(self, status: str) -> list[FileResult]:
        """Results with the given status."""
        return [f for f in self.files if f.status == status]

    added = _outcome("added")
    updated = _outcome("updated")
    unchanged = _outcome("unchanged")
    failed = _outcome("failed")
    removed = _outcome("removed")
    skipped = _outcome("skipped")

    @property
    def ok(self) -> bool:
        """True when no file failed."""
        return not self.failed

    def summary(self) -> str:
        """One line: counts per outcome."""
        return ", ".join(f"{len(self.by_status(s))} {s}" for s in OUTCOMES)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "summary": {s: len(self.by_status(s)) for s in OUTCOMES},
            "files": [
                {k: getattr(f, k) for k in ("path", "status", "reason", "doc_id", "chunks", "statements")}
                for f in self.files
            ],
        }
