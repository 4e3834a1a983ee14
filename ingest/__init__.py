"""Ingestion: load briefing files, chunk them, attribute quotes, and index them in Chroma.

The public API is :func:`ingest_paths` (and :func:`remove_documents`); the
settings object and the store factory are shared with :mod:`assistant`.
"""

from ingest.errors import BriefingError, LoadError, ModelError, StoreError
from ingest.pipeline import FileResult, IngestReport, ingest_paths, remove_documents
from ingest.settings import Settings
from ingest.store import Store, open_store

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
