"""Quote attribution (placeholder until the extractor lands)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ingest.text import Span


@dataclass(frozen=True, slots=True)
class Statement:
    """One attributed statement."""

    doc_id: str
    speaker: str
    start: int
    end: int
    text: str

    @property
    def id(self) -> str:
        return f"{self.doc_id}:s{self.start}-{self.end}"

    def metadata(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "speaker": self.speaker, "start": self.start, "end": self.end}


def extract_statements(doc_id: str, text: str, body: Span) -> list[Statement]:
    return []
