"""The answering chain and the ``ask()`` entry point.

The chain is a LangChain runnable: question → understanding (follow-up
resolution, question kind) → hybrid retrieval → composer → :class:`Answer`.
An :class:`Engine` owns one store's client, embedder and in-memory index;
engines are kept per store, so repeated ``ask()`` calls in a process reuse
the loaded model and client.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from langchain_core.documents import Document
from langchain_core.runnables import Runnable, RunnableLambda

from assistant.compose import build_answer, sentence_picks, speaker_answer, speakers_answer, who_answer
from assistant.models import Answer
from assistant.questions import Intent, resolve
from assistant.retrieval import HybridRetriever, Index, IndexCache, name_terms
from assistant.speakers import SpeakerInfo
from ingest.settings import Settings
from ingest.store import Store, open_store

History = Sequence[Any]


@dataclass(slots=True)
class Query:
    """A question as the chain understood it."""

    question: str
    resolved: str
    intent: Intent = field(default_factory=Intent)
    exclude: set[tuple[str, int, int]] = field(default_factory=set)
    allowed: frozenset[str] | None = None
    k: int = 6
    index: Index | None = None
    docs: list[Document] = field(default_factory=list)


class Engine:
    """Answers questions from one store."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.cache = IndexCache(store)
        self.retriever = HybridRetriever(store=store, cache=self.cache, k=settings.k)
        self.chain: Runnable[dict[str, Any], Answer] = (
            RunnableLambda(self._understand) | RunnableLambda(self._retrieve) | RunnableLambda(self._compose)
        ).with_config(run_name="briefing")

    def _understand(self, inputs: dict[str, Any]) -> Query:
        question = str(inputs["question"]).strip()
        history = inputs.get("history") or []
        intent = resolve(question, history)
        exclude: set[tuple[str, int, int]] = set()
        if intent.exclude_previous and history and isinstance(history[-1], Answer):
            exclude = {(c.doc_id, c.start, c.end) for c in history[-1].citations}
        return Query(
            question=question,
            resolved=intent.resolved or question,
            intent=intent,
            exclude=exclude,
            allowed=frozenset(inputs["doc_ids"]) if inputs.get("doc_ids") is not None else None,
            k=int(inputs.get("k") or self.settings.k),
        )

    def _retrieve(self, query: Query) -> Query:
        query.index = self.cache.get()
        if query.intent.kind in ("speaker", "speakers"):
            return query  # answered from the statement records, not from chunks
        retriever = (
            self.retriever
            if query.k == self.retriever.k
            else self.retriever.model_copy(update={"k": query.k})
        )
        query.docs = retriever.invoke(query.resolved, config={"run_name": "hybrid_retrieval"})
        return query

    def _compose(self, query: Query) -> Answer:
        index = query.index
        assert index is not None
        intent, q, resolved = query.intent, query.question, query.resolved
        if intent.kind == "speakers":
            return speakers_answer(index, question=q, resolved=resolved)
        if intent.kind == "speaker" and intent.who:
            return speaker_answer(
                index, intent.who, intent.topic, question=q, resolved=resolved, exclude=query.exclude
            )
        if intent.kind == "who" and intent.topic:
            found = who_answer(index, intent.topic, question=q, resolved=resolved)
            if found is not None:
                return found
        names = name_terms(resolved, index)
        picks = sentence_picks(query.docs, index, resolved, names, limit=query.k)
        return build_answer(picks, index, question=q, resolved=resolved, kind="search")

    def ask(
        self,
        question: str,
        history: History | None = None,
        k: int | None = None,
        doc_ids: Iterable[str] | None = None,
    ) -> Answer:
        """Answer one question (``history``: earlier turns, for follow-ups; ``doc_ids``: cite only these)."""
        return self.chain.invoke(
            {
                "question": question,
                "history": list(history or []),
                "k": k,
                "doc_ids": None if doc_ids is None else list(doc_ids),
            }
        )


_engines: dict[tuple[Any, ...], Engine] = {}
_engines_lock = threading.Lock()


def engine_for(store: str | Path | Store | None = None, settings: Settings | None = None) -> Engine:
    """The cached engine of a store (opened on first use)."""
    settings = settings or Settings()
    if isinstance(store, Store):
        key: tuple[Any, ...] = ("store", id(store))
    else:
        settings = settings.with_store(store)
        key = (
            str(Path(settings.store).expanduser().resolve()),
            settings.chroma_host,
            settings.chroma_port,
            settings.collection_prefix,
            settings.embedding_model,
        )
    with _engines_lock:
        engine = _engines.get(key)
        if engine is None:
            engine = Engine(store if isinstance(store, Store) else open_store(settings), settings)
            _engines[key] = engine
        return engine


def ask(
    question: str,
    store: str | Path | Store | None = None,
    *,
    history: History | None = None,
    k: int | None = None,
    doc_ids: Iterable[str] | None = None,
    settings: Settings | None = None,
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
        doc_ids: when given, only these documents may be cited (the UI's date and outlet filters).
        settings: settings to use instead of the environment's.

    Returns:
        An :class:`Answer` whose ``text`` carries ``[n]`` markers into ``citations``.
    """
    return engine_for(store, settings).ask(question, history=history, k=k, doc_ids=doc_ids)


def speakers(
    store: str | Path | Store | None = None, *, settings: Settings | None = None
) -> list[SpeakerInfo]:
    """The speakers quoted in the store, most statements first, with the forms of their names."""
    index = engine_for(store, settings).cache.get()
    return sorted(index.speakers.values(), key=lambda s: (-s.statements, s.name))
