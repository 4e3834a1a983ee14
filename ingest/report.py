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


@dataclass(slots=True)
class IngestReport:
    """The outcome of one ingest run, file by file."""

    files: list[FileResult] = field(default_factory=list)

    def by_status(self, status: str) -> list[FileResult]:
        """Results with the given status."""
        return [f for f in self.files if f.status == status]

    @property
    def added(self) -> list[FileResult]:
        return self.by_status("added")

    @property
    def updated(self) -> list[FileResult]:
        return self.by_status("updated")

    @property
    def unchanged(self) -> list[FileResult]:
        return self.by_status("unchanged")

    @property
    def failed(self) -> list[FileResult]:
        return self.by_status("failed")

    @property
    def removed(self) -> list[FileResult]:
        return self.by_status("removed")

    @property
    def skipped(self) -> list[FileResult]:
        return self.by_status("skipped")

    @property
    def ok(self) -> bool:
        """True when no file failed."""
        return not self.failed

    def summary(self) -> str:
        """One line: counts per outcome."""
        order = ("added", "updated", "unchanged", "removed", "skipped", "failed")
        return ", ".join(f"{len(self.by_status(s))} {s}" for s in order)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "summary": {
                s: len(self.by_status(s))
                for s in ("added", "updated", "unchanged", "removed", "skipped", "failed")
            },
            "files": [
                {k: getattr(f, k) for k in ("path", "status", "reason", "doc_id", "chunks", "statements")}
                for f in self.files
            ],
        }
