"""What the store knows about one article, as a record and as Chroma metadata."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class DocRecord:
    """What the store knows about one article (without its text)."""

    doc_id: str
    source: str
    title: str
    kind: str
    file_sha: str
    status: str = "complete"
    date: str | None = None
    outlet: str | None = None
    author: str | None = None
    n_chunks: int = 0
    n_statements: int = 0
    quotes_version: str = ""
    run: str = ""  # the run writing it while pending; "" once complete
    name: str = ""  # the file name the user knows (an upload's original name)

    def metadata(self) -> dict[str, Any]:
        """Chroma metadata (which cannot hold None)."""
        meta = {
            "source": self.source,
            "title": self.title,
            "kind": self.kind,
            "file_sha": self.file_sha,
            "status": self.status,
            "date": self.date,
            "outlet": self.outlet,
            "author": self.author,
            "n_chunks": self.n_chunks,
            "n_statements": self.n_statements,
            "quotes_version": self.quotes_version,
            "run": self.run,
            "name": self.name or None,
        }
        return {k: v for k, v in meta.items() if v is not None}

    @classmethod
    def from_metadata(cls, doc_id: str, meta: Mapping[str, Any]) -> DocRecord:
        """Inverse of :meth:`metadata`."""
        return cls(
            doc_id=doc_id,
            source=str(meta.get("source", "")),
            title=str(meta.get("title", "")),
            kind=str(meta.get("kind", "")),
            file_sha=str(meta.get("file_sha", "")),
            status=str(meta.get("status", "complete")),
            date=meta.get("date"),
            outlet=meta.get("outlet"),
            author=meta.get("author"),
            n_chunks=int(meta.get("n_chunks", 0)),
            n_statements=int(meta.get("n_statements", 0)),
            quotes_version=str(meta.get("quotes_version", "")),
            run=str(meta.get("run", "")),
            name=str(meta.get("name", "")),
        )
