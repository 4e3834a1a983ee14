"""Reading Chroma collections in pages, and id lists in slices.

Chroma binds one SQLite variable per record it reads, and SQLite allows 32,766: a
single ``get()`` of a bigger collection fails with "too many SQL variables". Every
read and delete of :mod:`ingest.store` is therefore done in pages (whole
collections) or slices (id lists).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection
    from chromadb.api.types import GetResult

BATCH = 1000
PAGE = 5000
SLICE = 2000


def slices(ids: Sequence[str]) -> list[list[str]]:
    """``ids`` in consecutive slices of at most ``SLICE``."""
    return [list(ids[lo : lo + SLICE]) for lo in range(0, len(ids), SLICE)]


def of_documents(doc_ids: Sequence[str]) -> Any:
    """A ``where`` filter on the records of ``doc_ids`` (a slice: Chroma binds one variable per id)."""
    return {"doc_id": {"$in": list(doc_ids)}} if len(doc_ids) > 1 else {"doc_id": doc_ids[0]}


def read(
    collection: Collection, include: list[str], ids: Sequence[str] | None = None
) -> tuple[list[str], list[str], list[dict[str, Any]]]:
    """Ids, documents and metadata of ``ids`` (or of every record), read in pages."""
    out: tuple[list[str], list[str], list[dict[str, Any]]] = ([], [], [])
    for got in pages(collection, cast(Any, include), ids):
        out[0].extend(got["ids"])
        out[1].extend(d or "" for d in got.get("documents") or [""] * len(got["ids"]))
        out[2].extend(dict(m or {}) for m in got.get("metadatas") or [{}] * len(got["ids"]))
    return out


def pages(collection: Collection, include: Any, ids: Sequence[str] | None) -> Iterator[GetResult]:
    """``get()`` results of ``ids`` slice by slice, or of the whole collection page by page."""
    if ids is not None:
        for part in slices(ids):
            yield collection.get(ids=part, include=include)
        return
    offset = 0
    while True:
        got = collection.get(include=include, limit=PAGE, offset=offset)
        yield got
        if len(got["ids"]) < PAGE:
            return
        offset += PAGE


def where_pages(collection: Collection, where: Any) -> Iterator[GetResult]:
    """``get(where=...)`` results (metadata only), page by page."""
    offset = 0
    while True:
        got = collection.get(where=where, include=cast(Any, ["metadatas"]), limit=PAGE, offset=offset)
        yield got
        if len(got["ids"]) < PAGE:
            return
        offset += PAGE
