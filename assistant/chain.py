"""The answering chain and the ``ask()`` entry point.

The chain is a LangChain runnable: question → understanding (follow-up
resolution, question kind) → hybrid retrieval → composer → :class:`Answer`.
An :class:`Engine` owns one store's client, embedder and in-memory index;
engines are kept per store, so repeated ``ask()`` calls in a process reuse
the loaded model and client.
"""

from __future__ import annotations

import queue
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from langchain_core.documents import Document
from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableLambda

from assistant.compose import build_answer, sentence_picks, speaker_answer, speakers_answer, who_answer
from assistant.generation import LLMComposer
from assistant.llm import chat_model
from assistant.models import Answer
from assistant.people import SpeakerInfo
from assistant.questions import Intent, previous_turn, resolve
from assistant.retrieval import HybridRetriever, Index, IndexCache, name_terms
from ingest.settings import Settings
from ingest.store import Store, open_store

History = Sequence[Any]
# Words that make a question lean on the previous turn.
_FOLLOW_UP = re.compile(
    r"\b(?:he|she|they|it|him|her|them|his|its|their|that|this|those|these|else|also)\b", re.I
)


@dataclass(slots=True)
class Query:
    """A question as the chain understood it."""

    question: str
    resolved: str
    intent: Intent = field(default_factory=Intent)
    exclude: set[tuple[str, int, int]] = field(default_factory=set)
    allowed: frozenset[str] | None = None
    on_token: Callable[[str], None] | None = None
    k: int = 6
    index: Index | None = None
    docs: list[Document] = field(default_factory=list)


class Engine:
    """Answers questions from one store (with a chat model when one is given)."""

    def __init__(self, store: Store, settings: Settings, llm: BaseChatModel | None = None) -> None:
        self.store = store
        self.settings = settings
        self.composer = LLMComposer(llm, settings.llm) if llm is not None else None
        self.cache = IndexCache(store)
        self.retriever = HybridRetriever(store=store, cache=self.cache, k=settings.k)
        self.chain: Runnable[dict[str, Any], Answer] = (
            RunnableLambda(self._understand) | RunnableLambda(self._retrieve) | RunnableLambda(self._compose)
        ).with_config(run_name="briefing")

    def _understand(self, inputs: dict[str, Any]) -> Query:
        question = str(inputs["question"]).strip()
        history = inputs.get("history") or []
        intent = resolve(question, history)
        if self.composer is not None and history and intent.kind == "search" and _FOLLOW_UP.search(question):
            intent = self._condense(question, history) or intent
        exclude: set[tuple[str, int, int]] = set()
        if intent.exclude_previous and history and isinstance(history[-1], Answer):
            exclude = {(c.doc_id, c.start, c.end) for c in history[-1].citations}
        return Query(
            question=question,
            resolved=intent.resolved or question,
            intent=intent,
            exclude=exclude,
            allowed=frozenset(inputs["doc_ids"]) if inputs.get("doc_ids") is not None else None,
            on_token=inputs.get("on_token"),
            k=int(inputs.get("k") or self.settings.k),
        )

    def _condense(self, question: str, history: History) -> Intent | None:
        """A follow-up the rules could not resolve, rewritten by the model from the previous turn."""
        assert self.composer is not None
        last_q, _ = previous_turn(history)
        last = history[-1]
        last_text = (
            last.text
            if isinstance(last, Answer)
            else str(last[1] if isinstance(last, (tuple, list)) and len(last) > 1 else "")
        )
        standalone = self.composer.condense(question, last_q or "", last_text)
        if not standalone:
            return None
        intent = resolve(standalone, [])
        intent.resolved = intent.resolved or standalone
        return intent

    def _retrieve(self, query: Query) -> Query:
        index = self.cache.get()
        query.index = index if query.allowed is None else index.restricted(query.allowed)
        if query.intent.kind in ("speaker", "speakers"):
            return query  # answered from the statement records, not from chunks
        k = query.k if query.allowed is None else query.k * 5
        retriever = self.retriever if k == self.retriever.k else self.retriever.model_copy(update={"k": k})
        docs = retriever.invoke(query.resolved, config={"run_name": "hybrid_retrieval"})
        if query.allowed is not None:
            docs = [d for d in docs if d.metadata["doc_id"] in query.allowed][: query.k]
        query.docs = docs
        return query

    def _compose(self, query: Query) -> Answer:
        answer = self._extractive(query)
        if self.composer is None or answer.kind == "speakers":
            return answer
        return self.composer.compose(answer, query.on_token)

    def _extractive(self, query: Query) -> Answer:
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

    def stream(
        self, question: str, history: History | None = None, doc_ids: Iterable[str] | None = None
    ) -> Iterator[str | Answer]:
        """The model's words as they come (str), then the final verified :class:`Answer`."""
        items: queue.Queue[str | Answer | BaseException] = queue.Queue()
        inputs = {
            "question": question,
            "history": list(history or []),
            "on_token": items.put,
            "doc_ids": None if doc_ids is None else list(doc_ids),
        }

        def run() -> None:
            try:
                items.put(self.chain.invoke(inputs))
            except BaseException as e:  # handed over to the caller's thread
                items.put(e)

        threading.Thread(target=run, daemon=True).start()
        while True:
            item = items.get()
            if isinstance(item, BaseException):
                raise item
            yield item
            if isinstance(item, Answer):
                return


_engines: dict[tuple[Any, ...], Engine] = {}
_engines_lock = threading.Lock()


def engine_for(store: str | Path | Store | None = None, settings: Settings | None = None) -> Engine:
    """The cached engine of a store (opened on first use)."""
    settings = settings or Settings()
    if isinstance(store, Store):
        key: tuple[Any, ...] = ("store", id(store), settings.llm)
    else:
        settings = settings.with_store(store)
        key = (
            settings.llm,
            str(Path(settings.store).expanduser().resolve()),
            settings.chroma_host,
            settings.chroma_port,
            settings.collection_prefix,
            settings.embedding_model,
        )
    with _engines_lock:
        engine = _engines.get(key)
        if engine is None:
            engine = Engine(
                store if isinstance(store, Store) else open_store(settings), settings, chat_model(settings)
            )
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
