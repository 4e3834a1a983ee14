"""Ingestion: load briefing files, chunk them, attribute quotes, and index them in Chroma.

The public API is :func:`ingest_paths` (and :func:`remove_documents`); the
settings object and the store factory are shared with :mod:`assistant`. Names
are imported on first use, so that importing a light module of this package
(``ingest.errors``, ``ingest.lexicon``) loads nothing heavy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ingest.errors import BriefingError, LoadError, ModelError, StoreError
    from ingest.pipeline import FileResult, IngestReport, ingest_paths, remove_documents
    from ingest.settings import Settings
    from ingest.store import Store, open_store

_HOMES = {
    "BriefingError": "ingest.errors",
    "LoadError": "ingest.errors",
    "ModelError": "ingest.errors",
    "StoreError": "ingest.errors",
    "FileResult": "ingest.pipeline",
    "IngestReport": "ingest.pipeline",
    "ingest_paths": "ingest.pipeline",
    "remove_documents": "ingest.pipeline",
    "Settings": "ingest.settings",
    "Store": "ingest.store",
    "open_store": "ingest.store",
}
__all__ = [
    "BriefingError",
    "FileResult",
    "IngestReport",
    "LoadError",
    "ModelError",
    "Settings",
    "Store",
    "StoreError",
    "ingest_paths",
    "open_store",
    "remove_documents",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'ingest' has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)
