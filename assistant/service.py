"""The service: everything the CLI, the chat UI, its HTTP API and Python callers can ask of briefing.

It is the one door between the front ends and the engine. Answering goes to
the cached :class:`~assistant.chain.Engine` of the store (with typed
:class:`~assistant.models.Filters` applied inside retrieval); the library —
ingest, upload, remove, documents, outlets, speakers — goes to
:mod:`ingest` and to the engine's index. Front ends never touch the index, the
store or the loaders themselves, and render answers with :mod:`assistant.render`.

``ask()`` and ``speakers()`` here are the public Python API (re-exported by
:mod:`assistant`).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.chain import Engine, History, engine_for
from assistant.models import UNKNOWN_OUTLET, Answer, Filters
from assistant.people import SpeakerInfo
from ingest.errors import LoadError, StoreError
from ingest.loaders import SUPPORTED, check_file
from ingest.pipeline import FileResult, IngestReport, ingest_paths, remove_documents
from ingest.settings import Settings
from ingest.store import DocRecord, Store, open_store
from ingest.text import content_hash

__all__ = [
    "SUPPORTED",
    "Answer",
    "Article",
    "Filters",
    "Service",
    "Upload",
    "ask",
    "export",
    "quotes",
    "speakers",
]


@dataclass(slots=True)
class Article:
    """One stored article for the reader: its record, its text, and who is quoted in it.

    ``statements`` are ``(start, end, speaker)`` spans of the text, in reading order.
    """

    record: DocRecord
    text: str
    statements: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def speakers(self) -> list[str]:
        """The article's speakers, most statements first."""
        counts: dict[str, int] = {}
        for _, _, who in self.statements:
            counts[who] = counts.get(who, 0) + 1
        return sorted(counts, key=lambda w: (-counts[w], w))


@dataclass(slots=True)
class Upload:
    """The outcome of an upload: the ingest report, the files refused before it, and titles."""

    report: IngestReport | None = None
    refused: list[tuple[str, str]] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Evaluation:
    """The outcome of :meth:`Service.evaluate`: what was ingested, the scores table, per-question rows,
    and the listed speakers that are no named source in the gold."""

    ingested: str
    table: str
    per_question: list[dict[str, Any]]
    fake_speakers: list[str] = field(default_factory=list)


class Service:
    """Briefing's operations over one store.

    Args:
        settings: the settings (store location, model, limits).
        store: an open store to use instead of opening the one ``settings`` names.
        engine: an engine to answer with (default: the cached engine of the store).
    """

    def __init__(
        self, settings: Settings | None = None, store: Store | None = None, engine: Engine | None = None
    ) -> None:
        self.settings = settings or Settings()
        self._engine = engine
        self._store = store if store is not None else engine.store if engine is not None else None

    @classmethod
    def of(cls, store: str | Path | Store | None = None, settings: Settings | None = None) -> Service:
        """The service of a store given as a folder, an open store, or None (the configured one)."""
        settings = settings or Settings()
        if not isinstance(store, Store):
            settings = settings.with_store(store)
        return cls(settings, engine=engine_for(store, settings))

    # -- what it runs on ----------------------------------------------------
    @property
    def store(self) -> Store:
        """The store (opened on first use; no model is loaded)."""
        if self._store is None:
            self._store = open_store(self.settings)
        return self._store

    @property
    def engine(self) -> Engine:
        """The answering engine (built on first use, then cached per store and settings)."""
        if self._engine is None:
            self._engine = engine_for(self.store, self.settings)
        return self._engine

    @property
    def label(self) -> str:
        """Where the store is, for people."""
        return self.store.label

    def require_store(self) -> None:
        """Raise :class:`StoreError` when the store folder does not exist (only ingest creates one)."""
        folder = Path(self.settings.store)
        if self._store is None and not self.settings.chroma_host and not folder.is_dir():
            raise StoreError(
                f"no store at {folder}: check the path, or ingest articles there first"
                f" (briefing --store {folder} ingest FOLDER)"
            )

    @property
    def drafts(self) -> bool:
        """True when a model writes answers, so that a draft streams in before the verified answer."""
        return self.engine.composer is not None

    # -- answering ----------------------------------------------------------
    def ask(
        self,
        question: str,
        history: History | None = None,
        filters: Filters | None = None,
        k: int | None = None,
        doc_ids: Iterable[str] | None = None,
        all: bool = False,
    ) -> Answer:
        """Answer ``question``; ``filters`` restrict what may be cited (inside retrieval); ``all``: see :func:`ask`."""
        return self.engine.ask(question, history=history, k=k, doc_ids=doc_ids, filters=filters, all=all)

    def stream(
        self,
        question: str,
        history: History | None = None,
        filters: Filters | None = None,
        all: bool = False,
    ) -> Iterator[str | Answer]:
        """The model's draft as it comes (str), then the final :class:`Answer`."""
        return self.engine.stream(question, history=history, filters=filters, all=all)

    def index_stats(self) -> dict[str, int]:
        """How this process's indexes came to be: ``loaded``, ``updated`` or ``built`` (see IndexCache)."""
        return dict(self.engine.cache.stats)

    def texts(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """Article texts of ``doc_ids`` (to show a citation in its paragraph)."""
        texts = self.engine.cache.get().texts
        return {d: texts[d] for d in doc_ids if d in texts}

    def quotes(self, speaker: str, topic: str | None = None, filters: Filters | None = None) -> Answer:
        """A speaker's statements (on ``topic``, when given), as an answer citing each of them."""
        about = f" about {topic}" if topic else ""
        return self.ask(f"What did {speaker} say{about}?", filters=filters, all=True)

    def article(self, doc_id: str) -> Article:
        """The article ``doc_id`` for the reader (:class:`LookupError` when it is not stored)."""
        index = self.engine.cache.get()
        if doc_id not in index.docs:
            raise LookupError(f"no stored document {doc_id}")
        spans = [
            (int(s["start"]), int(s["end"]), index.canon.of(s))
            for s in index.statements
            if s["doc_id"] == doc_id and s.get("named")
        ]
        return Article(index.docs[doc_id], index.texts.get(doc_id, ""), spans)

    # -- the library ----------------------------------------------------------
    def documents(self) -> list[DocRecord]:
        """The stored documents, oldest first."""
        return sorted(self.engine.cache.get().docs.values(), key=lambda r: (r.date or "", r.title))

    def catalog(self) -> list[DocRecord]:
        """The stored documents, oldest first, read from the store (no index is built)."""
        return sorted(self.store.catalog(), key=lambda r: (r.date or "", r.title))

    def outlets(self) -> list[str]:
        """The outlets of the stored documents (``(unknown)`` for those without one)."""
        return sorted({r.outlet or UNKNOWN_OUTLET for r in self.engine.cache.get().docs.values()})

    def prepare_embeddings(self) -> Path:
        """Export the embedding model to ONNX now (else the first ingest or question does it)."""
        from ingest.embedding import model_path, prepare_onnx

        return prepare_onnx(model_path(self.settings.embedding_model), self.settings.embedding_cache)

    def speakers(self) -> list[SpeakerInfo]:
        """The speakers quoted in the store, most statements first, with the forms of their names."""
        return self.engine.speakers()

    def ingest(
        self,
        paths: Sequence[str | Path],
        *,
        prune: bool = False,
        on_result: Callable[[FileResult], None] | None = None,
        on_start: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Add or update files and folders (see :func:`ingest.ingest_paths`), then update the saved index."""
        report = ingest_paths(
            paths, self.store, settings=self.settings, prune=prune, on_result=on_result, on_start=on_start
        )
        if report.added or report.updated or report.removed:
            self._reindex()
        return report

    def _reindex(self) -> None:
        """Bring the index saved beside the store up to date now (the next question then only loads it)."""
        if self.store.sidecar is not None:
            self.engine.cache.get()

    def upload(self, files: Sequence[Path], on_result: Callable[[FileResult], None] | None = None) -> Upload:
        """Copy uploaded files into ``<store>/uploads/`` under server-chosen names, then ingest them.

        The same checks and limits as any ingest apply. Each document keeps the name the user
        gave its file (``DocRecord.name``), and the report names files by it too.
        """
        out = Upload()
        names: dict[str, str] = {}
        for f in files:
            target, reason = save_upload(f, Path(self.settings.store) / "uploads", self.max_bytes)
            if target is None:
                out.refused.append((f.name, reason))
            else:
                names[str(target.resolve())] = f.name

        def named(result: FileResult) -> None:
            result.path = names.get(result.path, result.path)
            if on_result:
                on_result(result)

        if names:
            out.report = ingest_paths(
                list(names), self.store, settings=self.settings, on_result=named, names=names
            )
            stored = self.engine.cache.get().docs  # read once, after the ingest
            out.titles = {r.doc_id: stored[r.doc_id].title for r in out.report.files if r.doc_id in stored}
        return out

    @property
    def max_bytes(self) -> int:
        """The largest file accepted, in bytes."""
        return int(self.settings.max_file_mb * 1_000_000)

    def remove(self, targets: Sequence[str]) -> list[DocRecord]:
        """Remove documents by doc id (or a prefix of 6+ characters), file or folder path."""
        removed = remove_documents(targets, self.store, settings=self.settings)
        if removed:
            self._reindex()
        return removed

    def evaluate(self, folder: Path, *, naive: bool, workdir: Path, folds: int = 1) -> Evaluation:
        """The "what did X say?" benchmark on a PolNeAR-format folder, in fresh stores under ``workdir``.

        With ``folds`` > 1 the articles are split into that many folds, each ingested and asked
        on its own (see :mod:`evaluation.crossval`). The user's settings (``--llm``, a Chroma
        server) are the ones evaluated.
        """
        from evaluation.attribution import table
        from evaluation.crossval import evaluate

        summaries: list[str] = []

        def ingest(files: list[Path], i: int) -> tuple[object, list[Any], dict[str, str]]:
            settings = self.settings.with_store(workdir / f"store-{i}")
            if settings.chroma_host:
                settings = settings.model_copy(update={"collection_prefix": f"eval{i}"})
            fold = Service(settings)
            summaries.append(fold.ingest(files).summary())
            stem_of = {r.doc_id: Path(r.source).stem for r in fold.catalog()}
            return fold.engine.store, fold.speakers(), stem_of

        report = evaluate(
            folder,
            folds,
            ingest,
            naive_workdir=(lambda i: workdir / f"naive-{i}") if naive else None,
            settings=self.settings,
        )
        lines = [
            table(report.scores, report.questions),
            "",
            f"speaker list: {report.real_speakers} of {report.speakers} listed speakers are named sources "
            f"in the gold (precision {report.speaker_precision:.3f})",
        ]
        return Evaluation(
            "; ".join(summaries), "\n".join(lines), report.scores[0].per_question, report.fake_speakers
        )

    def question_benchmark(self, shared: Path, *, naive: bool, workdir: Path) -> str:
        """The question benchmark (:mod:`evaluation.questions`) with these settings, as Markdown tables."""
        from evaluation.questions import report, run

        ingested, results = run(shared, workdir, settings=self.settings, with_naive=naive)
        return f"ingested: {ingested}\n\n{report(results)}"


def save_upload(path: Path, uploads: Path, max_bytes: int) -> tuple[Path | None, str]:
    """Copy one uploaded file into ``uploads`` under a server-chosen name, or say why not."""
    try:
        check_file(path, max_bytes)  # the loaders' own checks: type, emptiness, size
        uploads.mkdir(parents=True, exist_ok=True)
        target = uploads / f"{content_hash(path.read_bytes())}{path.suffix.lower()}"
        if uploads.resolve() not in target.resolve().parents:  # defence in depth; the name is ours
            return None, "refused"
        partial = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}")
        shutil.copyfile(path, partial)
        os.replace(partial, target)  # a concurrent upload of the same file never sees half of it
    except LoadError as e:
        return None, str(e)
    except OSError as e:
        return None, f"could not be saved ({e.strerror or e})"
    return target, ""


def ask(
    question: str,
    store: str | Path | Store | None = None,
    *,
    history: History | None = None,
    k: int | None = None,
    doc_ids: Iterable[str] | None = None,
    filters: Filters | None = None,
    settings: Settings | None = None,
    all: bool = False,
) -> Answer:
    """Answer ``question`` from the briefing material in ``store``.

    Args:
        question: the question, e.g. "What did Peskov say?".
        store: a store folder, an open store, or None for the configured default
            (``BRIEFING_STORE``, else a folder in the user's data dir).
        history: earlier turns of the conversation, oldest first: ``Answer``
            objects, ``(question, answer_text)`` pairs or chat messages
            (``{"role": ..., "content": ...}``).
        k: passages to retrieve (default: the ``k`` setting).
        doc_ids: when given, only these documents may be cited.
        filters: dates, outlets and documents the answer may cite.
        settings: settings to use instead of the environment's.
        all: cite every statement of a speaker ("what did X say?" cites the ``speaker_limit``
            setting's number, newest or most relevant first, and counts the rest in ``Answer.more``).

    Returns:
        An :class:`Answer` whose ``text`` carries ``[n]`` markers into ``citations``.
    """
    return Service.of(store, settings).ask(question, history, filters, k, doc_ids, all=all)


def quotes(
    speaker: str,
    store: str | Path | Store | None = None,
    *,
    topic: str | None = None,
    settings: Settings | None = None,
) -> Answer:
    """A speaker's statements in the store (on ``topic``, when given), each one a citation."""
    return Service.of(store, settings).quotes(speaker, topic)


def export(answer: Answer, fmt: str) -> bytes:
    """``answer`` as a file: ``md``, ``csv``, ``docx``, ``json`` or ``text`` (see :mod:`assistant.render`)."""
    from assistant.render import EXPORTERS

    if fmt not in EXPORTERS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(EXPORTERS)}")
    return EXPORTERS[fmt](answer)


def speakers(
    store: str | Path | Store | None = None, *, settings: Settings | None = None
) -> list[SpeakerInfo]:
    """The speakers quoted in the store, most statements first, with the forms of their names."""
    return Service.of(store, settings).speakers()
