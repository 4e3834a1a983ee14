"""The store: the one place that talks to Chroma, and the factory that opens it.

Everything lives in Chroma, so the same code works on disk (``PersistentClient``)
and against a Chroma server (``HttpClient``):

* ``<prefix>-chunks`` — chunk text, its embedding (cosine space) and offsets;
* ``<prefix>-documents`` — one record per article: the full text and metadata,
  with ``status`` ``pending`` while its chunks are being written and
  ``complete`` once they all are (readers ignore pending documents, and the
  next ingest rolls them back, so a killed ingest leaves a usable store);
* ``<prefix>-statements`` — who-said-what records (see ``ingest.quotes``);
* ``<prefix>-meta`` — a generation stamp that changes on every write, so
  readers know when their in-memory indexes are stale, and the leases of the
  ingest runs writing now (``ingest.runs``).

Pending documents, and the chunks and statements written with them, carry the
id of the run that wrote them, so that a run rolls back only its own records
or those of a dead run, never a live one's. On disk, Chroma must not be
written by two processes at once, so every write holds ``<store>/write.lock``
(an OS file lock, held for one group of documents, never by readers).
Failures of the database become :class:`StoreError` with what to do next.

Records without a meaningful vector carry a constant one-dimensional vector;
Chroma's own default embedding function (which downloads a model) is never used.
The embedder itself is built by :mod:`ingest.embedding` (``load_embeddings`` is
re-exported here for older imports).
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from ingest import paging
from ingest.embedding import load_embeddings
from ingest.errors import StoreError
from ingest.locking import check_room, hold_lock, read_only, readable_copy, write_error
from ingest.records import DocRecord
from ingest.settings import Settings
from ingest.vectors import Span, VectorTable, statement_sentences

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection
    from langchain_core.embeddings import Embeddings

__all__ = ["DocRecord", "Store", "load_embeddings", "make_client", "open_store"]

log = logging.getLogger(__name__)

_NO_VECTOR = [1.0]


def _vectors(rows: Sequence[Sequence[float]]) -> Any:
    """Vectors as the float32 array Chroma stores."""
    return np.asarray(rows, dtype=np.float32).reshape(len(rows), -1)


# How widely Chroma's HNSW graph is searched for the chunks nearest a question (Chroma's
# default: 100). The search is approximate, and the graph of the records Chroma has not yet
# persisted is rebuilt at random on every start: at 100, a chunk the exact ranking puts 21st of
# 36 was missing in some processes and not others, and one question of the benchmark was
# answered or not by turns. At 500 ten processes out of ten returned the same 36.
EF_SEARCH = 500


class Store:
    """Typed access to the collections of one briefing store.

    Args:
        client: a Chroma client (persistent or HTTP).
        embeddings: builds the LangChain embeddings on first use, so that
            operations that need no vectors (re-ingest of unchanged files,
            speaker look-ups) never load the model.
        prefix: collection name prefix.
        label: where the store is, for people.
        folder: the store's folder when it is on disk (writes then take its file lock).
        sidecar: the folder beside Chroma's files for what the store keeps outside Chroma
            (statement vectors, the persisted index); None for a store on a Chroma server.
    """

    def __init__(
        self,
        client: ClientAPI,
        embeddings: Callable[[], Embeddings],
        prefix: str = "briefing",
        label: str = "",
        folder: Path | None = None,
        read_only: bool = False,
        sidecar: Path | None = None,
        widen: bool | None = None,
    ) -> None:
        self.client = client
        self.sidecar = sidecar
        self.vectors = VectorTable(sidecar / "statement-vectors.sqlite") if sidecar else None
        self.label = label or (str(folder) if folder else "")
        self.folder = folder
        self.read_only = read_only
        # may the chunks' search be widened (EF_SEARCH)? Not in a store that must not be
        # written; yes in the private copy a read-only store is searched through (open_store)
        self._widen = not read_only if widen is None else widen
        self._make_embeddings = embeddings
        self._embeddings: Embeddings | None = None
        self._lock = threading.Lock()
        self._write_lock = threading.RLock()
        self._write_depth = 0
        self._lock_file: Any = None
        self.chunks = self._collection(f"{prefix}-chunks", "cosine", EF_SEARCH)
        self.documents = self._collection(f"{prefix}-documents", "l2")
        self.statements = self._collection(f"{prefix}-statements", "l2")
        self.meta = self._collection(f"{prefix}-meta", "l2")

    def _collection(self, name: str, space: str, ef_search: int | None = None) -> Collection:
        hnsw: dict[str, Any] = {"space": space} | ({"ef_search": ef_search} if ef_search else {})
        got = self.client.get_or_create_collection(
            name, embedding_function=None, configuration=cast(Any, {"hnsw": hnsw})
        )
        held = ((got.configuration or {}).get("hnsw") or {}).get("ef_search")
        if ef_search and held is not None and held < ef_search and self._widen:
            # a store made before: its search widened once (a setting of the collection, no data moves)
            got.modify(configuration=cast(Any, {"hnsw": {"ef_search": ef_search}}))
        return got

    # -- embeddings ---------------------------------------------------------
    @property
    def embeddings(self) -> Embeddings:
        """The embedder, loaded on first use and then kept."""
        with self._lock:
            if self._embeddings is None:
                self._embeddings = self._make_embeddings()
            return self._embeddings

    # -- writing --------------------------------------------------------------
    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the store's write lock (on disk) and name the database's failures.

        Re-entrant within a process. Readers never take it.
        """
        if self.read_only:
            raise StoreError(f"{self.label} is read-only: it can be searched, not written to")
        with self._write_lock:
            if self._write_depth == 0 and self.folder is not None:
                self._lock_file = hold_lock(self.folder / "write.lock", self.label)
            self._write_depth += 1
            try:
                yield
            except StoreError:
                raise
            except Exception as e:  # chromadb raises a variety of types for a full or read-only disk
                raise write_error(e, self.label, self.folder) from e
            finally:
                self._write_depth -= 1
                if self._write_depth == 0 and self._lock_file is not None:
                    self._lock_file.close()  # releases the lock
                    self._lock_file = None

    def ensure_room(self, text_bytes: int) -> None:
        """Refuse, as a full disk, a write of about ``text_bytes`` of text that would leave too little room."""
        if self.folder is not None:  # (a Chroma server minds its own disk)
            check_room(self.folder, self.label, text_bytes)

    # -- run leases (ingest.runs) -----------------------------------------------
    def renew_lease(self, run: str, expires: float) -> None:
        """Record that ``run`` is alive until ``expires`` (a Unix time)."""
        with self.writing():
            self.meta.upsert(
                ids=[f"run:{run}"], embeddings=_vectors([_NO_VECTOR]), metadatas=[{"expires": expires}]
            )

    def drop_lease(self, run: str) -> None:
        """Forget ``run``'s lease (it finished)."""
        with self.writing():
            self.meta.delete(ids=[f"run:{run}"])

    def leases(self) -> dict[str, float]:
        """Every recorded run lease: run id → expiry time."""
        ids, _, metas = paging.read(self.meta, ["metadatas"])
        return {i[4:]: float(m.get("expires", 0)) for i, m in zip(ids, metas, strict=True) if i[:4] == "run:"}

    # -- generation ---------------------------------------------------------
    def generation(self) -> str:
        """A stamp that changes whenever the store's content changes."""
        got = self.meta.get(ids=["generation"], include=["metadatas"])
        metas = got.get("metadatas") or []
        return str(metas[0]["value"]) if metas and metas[0] else "empty"

    def bump(self) -> None:
        """Mark the content as changed."""
        with self.writing():
            self.meta.upsert(
                ids=["generation"], embeddings=_vectors([_NO_VECTOR]), metadatas=[{"value": uuid.uuid4().hex}]
            )

    # -- documents ----------------------------------------------------------
    def catalog(self, include_pending: bool = False) -> list[DocRecord]:
        """All document records, without their text."""
        ids, _, metas = paging.read(self.documents, ["metadatas"])
        records = [DocRecord.from_metadata(i, m) for i, m in zip(ids, metas, strict=True)]
        return [r for r in records if include_pending or r.status == "complete"]

    def texts(self, doc_ids: Sequence[str] | None = None) -> dict[str, str]:
        """Article texts by doc id (all complete documents when ``doc_ids`` is None)."""
        if doc_ids is not None and not doc_ids:
            return {}
        wanted = list(dict.fromkeys(doc_ids)) if doc_ids is not None else None
        ids, texts, metas = paging.read(self.documents, ["documents", "metadatas"], wanted)
        return {i: d for i, d, m in zip(ids, texts, metas, strict=True) if m.get("status") == "complete"}

    def put_documents(self, records: Sequence[DocRecord], texts: Sequence[str]) -> None:
        """Insert or replace document records."""
        self._upsert(self.documents, [r.doc_id for r in records], texts, [r.metadata() for r in records])

    def set_status(self, records: Sequence[DocRecord], status: str, run: str = "") -> None:
        """Change the status (and owning run) of records already written (text is left as it is)."""
        for r in records:
            r.status, r.run = status, run
        with self.writing():
            for lo in range(0, len(records), paging.BATCH):
                part = records[lo : lo + paging.BATCH]
                self.documents.update(ids=[r.doc_id for r in part], metadatas=[r.metadata() for r in part])

    def replace_statements(
        self, record: DocRecord, ids: Sequence[str], texts: Sequence[str], metas: Sequence[dict[str, Any]]
    ) -> None:
        """Swap the statements of one stored document (after the extractor changed)."""
        with self.writing():
            self.statements.delete(where={"doc_id": record.doc_id})
            self.put_statements(ids, texts, metas)
            self.documents.update(ids=[record.doc_id], metadatas=[record.metadata()])

    def delete_documents(self, doc_ids: Sequence[str], spare_runs: Sequence[str] = ()) -> None:
        """Remove documents with their chunks and statements.

        Args:
            doc_ids: the documents.
            spare_runs: live runs: records a live run has (re)written meanwhile are kept.
        """
        spare: Any = {"run": {"$nin": list(spare_runs)}} if spare_runs else None
        with self.writing():
            for part in paging.slices(doc_ids):
                where = paging.of_documents(part)
                if spare is not None:
                    where = {"$and": [where, spare]}
                self.chunks.delete(where=where)
                self.statements.delete(where=where)
                self.documents.delete(ids=part, where=spare)
            if self.vectors is not None:  # only the documents gone (a live run may have re-written some)
                kept = set(paging.read(self.documents, [], doc_ids)[0])
                self.vectors.delete([d for d in doc_ids if d not in kept])

    def chunk_counts(self, doc_ids: Sequence[str]) -> dict[str, int]:
        """How many chunks each of ``doc_ids`` has stored."""
        counts = dict.fromkeys(doc_ids, 0)
        for part in paging.slices(doc_ids):
            for got in paging.where_pages(self.chunks, paging.of_documents(part)):
                for m in got.get("metadatas") or []:
                    counts[str((m or {}).get("doc_id"))] = counts.get(str((m or {}).get("doc_id")), 0) + 1
        return counts

    # -- chunks -------------------------------------------------------------
    def _upsert(
        self,
        collection: Collection,
        ids: Sequence[str],
        texts: Sequence[str] | None,
        metas: Sequence[dict[str, Any]],
        vectors: Sequence[Sequence[float]] | None = None,
    ) -> None:
        """Upsert in batches (Chroma caps a request); constant vectors when none are given."""
        with self.writing():
            for lo in range(0, len(ids), paging.BATCH):
                hi = lo + paging.BATCH
                rows = vectors[lo:hi] if vectors is not None else [_NO_VECTOR] * len(ids[lo:hi])
                collection.upsert(
                    ids=list(ids[lo:hi]),
                    documents=None if texts is None else list(texts[lo:hi]),
                    metadatas=list(metas[lo:hi]),
                    embeddings=_vectors(rows),
                )

    def put_chunks(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        metas: Sequence[dict[str, Any]],
        vectors: Sequence[Sequence[float]],
    ) -> None:
        """Insert or replace chunks (deterministic ids: idempotent). ``texts`` are not stored: a chunk is
        its article's ``text[start:end]``; a copy would only feed Chroma's unused full-text index."""
        self._upsert(self.chunks, ids, None, metas, vectors)

    def dense_search(self, vector: Sequence[float], k: int) -> list[tuple[str, float]]:
        """Chunk ids nearest to ``vector`` with their cosine similarity."""
        if self.chunks.count() == 0:
            return []
        got = self.chunks.query(query_embeddings=_vectors([vector]), n_results=k, include=["distances"])
        return [(i, 1.0 - d) for i, d in zip(got["ids"][0], (got["distances"] or [[]])[0], strict=True)]

    def dense_search_in(
        self, vector: Sequence[float], k: int, doc_ids: Iterable[str]
    ) -> list[tuple[str, float]]:
        """Like :meth:`dense_search`, among the chunks of ``doc_ids`` only (filtered inside Chroma)."""
        wanted = sorted(set(doc_ids))
        if not wanted:
            return []
        where: Any = {"doc_id": wanted[0]} if len(wanted) == 1 else {"doc_id": {"$in": wanted}}
        got = self.chunks.query(
            query_embeddings=_vectors([vector]), n_results=k, where=where, include=["distances"]
        )
        ids, distances = got["ids"][0], (got["distances"] or [[]])[0]
        return [(i, 1.0 - d) for i, d in zip(ids, distances, strict=True)]

    # -- statements ---------------------------------------------------------
    def put_statements(
        self, ids: Sequence[str], texts: Sequence[str], metas: Sequence[dict[str, Any]]
    ) -> None:
        """Insert or replace statement records (``texts`` not stored, as for chunks: the span says it)."""
        self._upsert(self.statements, ids, None, metas)

    def put_statement_vectors(
        self,
        texts: dict[str, str],
        metas: Sequence[dict[str, Any]],
        known: Mapping[str, Sequence[float]] | None = None,
    ) -> None:
        """Keep the vectors of the sentences of statements (``texts``: their articles' texts by doc id).

        ``known``: vectors already embedded, by sentence (ingest embeds a group's sentences with
        its chunks, :func:`ingest.writer.embed`); the others are embedded here, with the
        documents' model like the chunks. Nothing is kept for a store on a Chroma server. A
        failure to embed only costs time later (questions embed what they do not find) and is
        logged; a failed write (a full disk) is the store's named error, raised before the
        group's records are written.
        """
        if self.vectors is None or not metas:
            return
        spans, sentences = statement_sentences(texts, metas)
        rows = dict(known or {})
        missing = [s for s in dict.fromkeys(sentences) if s not in rows]  # a sentence quoted twice: once
        try:
            if missing:
                rows |= zip(missing, self.embeddings.embed_documents(missing), strict=True)
        except Exception:
            log.exception("statement vectors not embedded for %s", spans[0][0])
            return
        with self.writing():
            self.vectors.put(spans, [rows[s] for s in sentences])

    def statement_vectors(self, spans: Sequence[Span]) -> dict[Span, Any]:
        """The fp32 vectors stored at ingest for ``spans`` (those found)."""
        return self.vectors.get(spans) if self.vectors is not None else {}

    def statement_matrix(self, spans: Sequence[Span]) -> tuple[Any, Any]:
        """The vectors stored at ingest for ``spans`` as one matrix's rows (None if none is stored),
        and which rows were found (see :meth:`ingest.vectors.VectorTable.matrix`)."""
        if self.vectors is None:
            import numpy as np

            return None, np.zeros(len(spans), dtype=bool)
        return self.vectors.matrix(spans)

    def chunk_spans(self, doc_ids: Sequence[str]) -> list[tuple[str, str, int, int]]:
        """(chunk id, doc id, start, end) of every chunk of ``doc_ids``."""
        out = []
        for part in paging.slices(doc_ids):
            for got in paging.where_pages(self.chunks, paging.of_documents(part)):
                for cid, m in zip(got["ids"], got.get("metadatas") or [], strict=True):
                    m = m or {}
                    out.append(
                        (cid, str(m.get("doc_id")), int(cast(Any, m["start"])), int(cast(Any, m["end"])))
                    )
        return out

    def statements_of(self, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
        """Metadata of every statement record of ``doc_ids``."""
        out: list[dict[str, Any]] = []
        for part in paging.slices(doc_ids):
            for got in paging.where_pages(self.statements, paging.of_documents(part)):
                out.extend(dict(m or {}) for m in got.get("metadatas") or [])
        return out

    def all_statements(self) -> tuple[list[str], list[dict[str, Any]]]:
        """Ids and metadata of every statement record."""
        ids, _, metas = paging.read(self.statements, ["metadatas"])
        return ids, metas


def make_client(settings: Settings) -> ClientAPI:
    """A Chroma client for ``settings``: a server when a host is set, else on disk."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if settings.chroma_host:
            return chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
        settings.store.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.store), settings=chroma_settings)
    except Exception as e:  # chromadb raises a variety of types for an unreachable or broken store
        where = (
            f"the Chroma server at {settings.chroma_host}:{settings.chroma_port}"
            if settings.chroma_host
            else f"the store at {settings.store}"
        )
        raise StoreError(f"could not open {where}: {e}") from e


def open_store(settings: Settings) -> Store:
    """Open (creating if needed) the store that ``settings`` names; a read-only one for searching only."""
    label = (
        f"chroma://{settings.chroma_host}:{settings.chroma_port}/{settings.collection_prefix}"
        if settings.chroma_host
        else str(settings.store)
    )
    locked = not settings.chroma_host and read_only(settings.store)
    opened = settings.with_store(readable_copy(settings.store)) if locked else settings
    return Store(
        make_client(opened),
        lambda: load_embeddings(
            settings.embedding_model, settings.embedding_backend, settings.embedding_cache
        ),
        prefix=settings.collection_prefix,
        label=label,
        folder=None if settings.chroma_host or locked else settings.store,
        read_only=locked,
        sidecar=None if settings.chroma_host else opened.store,
        widen=True,  # a read-only store is opened through a private copy (readable_copy)
    )
