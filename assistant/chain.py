"""The answering chain: one question through understand → evidence → compose.

The chain is a LangChain runnable over a typed :class:`Turn`:

1. *understand* — follow-up resolution and question kind; the one read of the
   index for this question; the filters turned into the documents that may be
   cited; the question's names detected once;
2. *evidence* — statement records for "what did X say?", "who said …?" and
   "who is quoted?"; a hybrid search (:func:`assistant.retrieval.search`) only
   when those do not answer;
3. *compose* — the extractive answer, rewritten by a model when one is set.

An :class:`Engine` owns one store's client, embedder and in-memory index;
engines are cached per store *and settings* (:func:`engine_for`), so repeated
questions in a process reuse the loaded model and client.
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

from assistant import readings, semantic
from assistant.compose import (
    MIN_COVERAGE,
    Scorer,
    build_answer,
    coverage,
    sentence_picks,
    speaker_answer,
    speakers_answer,
    topic_terms,
    who_answer,
    written,
)
from assistant.generation import LLMComposer
from assistant.kinds import cite_answer, compare_answer, date_answer, number_answer, overview_answer
from assistant.llm import chat_model
from assistant.models import Answer, Filters
from assistant.names import resolve as resolve_name
from assistant.people import SpeakerInfo
from assistant.periods import Period, period
from assistant.questions import Intent, previous_turn, resolve
from assistant.retrieval import Index, IndexCache, name_terms, search
from ingest.lexicon import FOLLOW_UP_WORDS
from ingest.settings import Settings
from ingest.store import Store, open_store

History = Sequence[Any]
# Words that make a question lean on the previous turn.
_FOLLOW_UP = re.compile(rf"\b(?:{'|'.join(FOLLOW_UP_WORDS)})\b", re.I)


@dataclass(slots=True)
class Turn:
    """The state of one question through the chain.

    ``index`` is read once, when the question is understood: retrieval and
    composition both use that snapshot, so an upload landing meanwhile cannot
    split one answer across two versions of the store. ``names`` (the
    question's names the corpus knows) are detected once, for both.
    """

    question: str
    resolved: str
    index: Index
    intent: Intent = field(default_factory=Intent)
    exclude: set[tuple[str, int, int]] = field(default_factory=set)
    allowed: frozenset[str] | None = None
    names: set[str] = field(default_factory=set)
    on_token: Callable[[str], None] | None = None
    history: History = ()
    when: Period | None = None
    k: int = 6
    every: bool = False  # cite every statement of a speaker, not the first Settings.speaker_limit
    docs: list[Document] = field(default_factory=list)
    answer: Answer | None = None


class Engine:
    """Answers questions from one store (with a chat model when one is given)."""

    def __init__(self, store: Store, settings: Settings, llm: BaseChatModel | None = None) -> None:
        self.store = store
        self.settings = settings
        self.composer = LLMComposer(llm, settings.llm) if llm is not None else None
        self.cache = IndexCache(store)
        self.chain: Runnable[dict[str, Any], Answer] = (
            RunnableLambda(self._understand) | RunnableLambda(self._retrieve) | RunnableLambda(self._compose)
        ).with_config(run_name="briefing")

    def _understand(self, inputs: dict[str, Any]) -> Turn:
        question = str(inputs["question"]).strip()
        history = inputs.get("history") or []
        intent = resolve(question, history)
        if self.composer is not None and history and intent.kind == "search" and _FOLLOW_UP.search(question):
            intent = self._condense(question, history) or intent
        exclude: set[tuple[str, int, int]] = set()
        if intent.exclude_previous and history and isinstance(history[-1], Answer):
            exclude = {(c.doc_id, c.start, c.end) for c in history[-1].citations}
        index = self.cache.get()  # the one read of the index for this question
        allowed = _allowed(index, inputs.get("filters"), inputs.get("doc_ids"))
        if intent.again and intent.other and not resolve_name(intent.who or "", index.speakers).names:
            # "and what about the ferry?" after "What did Marwick say …?": a new topic, same speaker
            intent.topic, intent.who = intent.who, intent.other
            intent.resolved = f"What did {intent.who} say about {intent.topic}?"
        if intent.kind == "cite" and not any(isinstance(h, Answer) for h in history):
            intent.kind = "search"
        when = period(question, max((r.date or "" for r in index.docs.values()), default=None))
        if when is not None and (
            intent.kind in ("search", "overview") or _dated_not_a_speaker(intent, index)
        ):
            intent.kind = "date"
        resolved = intent.resolved or question
        return Turn(
            question=question,
            resolved=resolved,
            index=index if allowed is None else index.restricted(allowed),
            intent=intent,
            exclude=exclude,
            allowed=allowed,
            names=name_terms(resolved, index),
            on_token=inputs.get("on_token"),
            history=history,
            when=when,
            k=int(inputs.get("k") or self.settings.k),
            every=bool(inputs.get("all")),
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

    def _retrieve(self, turn: Turn) -> Turn:
        """Find the evidence: statement records for speaker questions, else a hybrid search."""
        intent, index = turn.intent, turn.index
        if intent.kind == "speakers":
            turn.answer = speakers_answer(index, question=turn.question, resolved=turn.resolved)
        elif intent.kind == "speaker" and intent.who:
            turn.answer = speaker_answer(
                index,
                intent.who,
                intent.topic,
                question=turn.question,
                resolved=turn.resolved,
                exclude=turn.exclude,
                scorer=self._scorer(index, intent.topic, context=True),
                threshold=semantic.SPEAKER_THRESHOLD,
                limit=None if turn.every else self.settings.speaker_limit,
            )
        elif intent.kind == "who" and intent.topic:
            turn.answer = self._who(turn, intent.topic)
        else:
            turn.answer = self._other_kinds(turn)
        if turn.answer is None:
            turn.docs = search(index, self.store, turn.resolved, turn.k, turn.names, turn.allowed)
        return turn

    def _scorer(self, index: Index, topic: str | None, context: bool = False) -> Scorer | None:
        """Lexical and dense similarity of statements to ``topic`` (:mod:`assistant.semantic`);
        with ``context``, statements read under their article's title when none matches alone."""
        if not topic:
            return None

        def scores(pool: list[dict[str, Any]]) -> list[float]:
            if not context:  # who-said: also read after the sentence before, and near in meaning
                return readings.who_scores(index, self.store, topic, pool)
            plain = semantic.scores(index, self.store, topic, pool).tolist()
            if max(plain, default=1.0) >= semantic.SPEAKER_THRESHOLD:
                return plain
            shift = semantic.SPEAKER_THRESHOLD - semantic.CONTEXT_THRESHOLD
            read = semantic.in_context(index, self.store, topic, pool)
            near = max(read, default=0.0) - semantic.CONTEXT_MARGIN
            return [max(p, r + shift if r >= near else 0.0) for p, r in zip(plain, read, strict=True)]

        return scores

    def _who(self, turn: Turn, topic: str) -> Answer:
        """Who said ``topic``: statements sharing its words, else those of the chunks a search finds,
        matched by words and meaning (the search runs only when the best of the first does not hold
        half the topic's weight)."""
        index, said = turn.index, f"{turn.intent.verb or 'said'} {topic}"
        asked: dict[str, Any] = {"question": turn.question, "resolved": turn.resolved}
        scorer = self._scorer(index, said)
        # the who-bar, and the lower one for the named person's other statements in that article
        bars: dict[str, Any] = {
            "scorer": scorer,
            "threshold": semantic.THRESHOLD,
            "related": semantic.SPEAKER_THRESHOLD,
        }
        pool = semantic.lexical_candidates(index, topic)
        found = who_answer(index, topic, **asked, statements=pool, **bars)
        best = max(found.citations, key=lambda c: c.score) if found is not None else None
        if best is None or coverage(index, topic_terms(topic), best.passage) < MIN_COVERAGE:
            # the best answer does not hold most of the topic's words: statements found by meaning compete
            vector = semantic.query_vector(self.store, said)  # embedded once for both
            docs = search(index, self.store, said, 12, turn.names, turn.allowed, vector=vector.tolist())
            spans = [(d.metadata["doc_id"], d.metadata["start"], d.metadata["end"]) for d in docs]
            found_by = semantic.candidates(index, spans) + semantic.nearest(index, self.store, said) + pool
            pool = list({semantic.key(s): s for s in found_by}.values())
            found = who_answer(index, topic, **asked, statements=pool, **bars)
        if found is not None:
            return found
        nothing = build_answer([], index, **asked, kind="who", topic=topic)
        near = [index.canon.of(s) for s in pool if s.get("named")]
        if near:
            nothing.heading += " The nearest passages quote " + ", ".join(list(dict.fromkeys(near))[:3]) + "."
        return written(nothing)

    def _other_kinds(self, turn: Turn) -> Answer | None:
        """Dates, comparisons, follow-ups on citations, numbers and overviews (None: a plain search)."""
        intent, index, asked = turn.intent, turn.index, {"question": turn.question, "resolved": turn.resolved}
        if intent.kind == "date" and turn.when is not None:
            return date_answer(index, turn.when, turn.question, **asked)
        if intent.kind == "compare" and intent.who and intent.other:
            return compare_answer(
                index,
                intent.who,
                intent.other,
                intent.topic,
                **asked,
                scorer=self._scorer(index, intent.topic, context=True),
                threshold=semantic.SPEAKER_THRESHOLD,
            )
        if intent.kind == "cite":
            return cite_answer(index, turn.history, **asked)
        if intent.kind in ("number", "overview"):
            k = max(turn.k, 12)
            turn.docs = search(index, self.store, intent.topic or turn.resolved, k, turn.names, turn.allowed)
            if intent.kind == "number":
                return number_answer(turn.docs, index, intent.topic, **asked)
            return overview_answer(turn.docs, index, intent.topic, **asked)
        return None

    def _compose(self, turn: Turn) -> Answer:
        answer = turn.answer
        if answer is None:
            picks = sentence_picks(turn.docs, turn.index, turn.resolved, turn.names, limit=turn.k)
            answer = build_answer(
                picks, turn.index, question=turn.question, resolved=turn.resolved, kind="search"
            )
        if self.composer is None or answer.kind == "speakers":
            return answer
        return self.composer.compose(answer, turn.on_token)

    def ask(
        self,
        question: str,
        history: History | None = None,
        k: int | None = None,
        doc_ids: Iterable[str] | None = None,
        filters: Filters | None = None,
        all: bool = False,
    ) -> Answer:
        """Answer one question.

        Args:
            question: the question.
            history: earlier turns, for follow-ups.
            k: passages to retrieve (default: the ``k`` setting).
            doc_ids: when given, cite only these documents.
            filters: dates, outlets and documents the answer may cite (applied inside retrieval).
            all: cite every statement of a speaker (else the ``speaker_limit`` setting bounds them).
        """
        return self.chain.invoke(_inputs(question, history, k, doc_ids, filters) | {"all": all})

    def speakers(self) -> list[SpeakerInfo]:
        """The speakers quoted in the store, most statements first.

        Someone only the learned model reports on (:mod:`ingest.learned`), with no statement the
        cue rules found, is not listed: the list is of people quoted.
        """
        index = self.cache.get()
        listed = [s for s in index.speakers.values() if s.quoted]
        return sorted(listed, key=lambda s: (-s.statements, s.name))

    def stream(
        self,
        question: str,
        history: History | None = None,
        filters: Filters | None = None,
        all: bool = False,
    ) -> Iterator[str | Answer]:
        """The model's words as they come (str), then the final verified :class:`Answer`."""
        items: queue.Queue[str | Answer | BaseException] = queue.Queue()
        inputs = _inputs(question, history, None, None, filters) | {"on_token": items.put, "all": all}

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


def _inputs(
    question: str,
    history: History | None,
    k: int | None,
    doc_ids: Iterable[str] | None,
    filters: Filters | None,
) -> dict[str, Any]:
    return {
        "question": question,
        "history": list(history or []),
        "k": k,
        "doc_ids": None if doc_ids is None else list(doc_ids),
        "filters": filters,
    }


def _dated_not_a_speaker(intent: Intent, index: Index) -> bool:
    """ "What did the articles of 12 March say?": the one said to speak is a date, not a speaker."""
    who = intent.who or ""
    return (
        intent.kind == "speaker" and period(who) is not None and not resolve_name(who, index.speakers).names
    )


def _allowed(index: Index, filters: Filters | None, doc_ids: Iterable[str] | None) -> frozenset[str] | None:
    """The documents a question may cite, or None when nothing is filtered out."""
    if (filters is None or filters.empty) and doc_ids is None:
        return None
    keep = frozenset(index.docs) if doc_ids is None else frozenset(doc_ids) & index.docs.keys()
    if filters is not None and not filters.empty:
        keep = frozenset(d for d in keep if filters.admits(d, index.docs[d].date, index.docs[d].outlet))
    return keep


_engines: dict[tuple[Any, ...], Engine] = {}
_engines_lock = threading.Lock()


def engine_for(store: str | Path | Store | None = None, settings: Settings | None = None) -> Engine:
    """The cached engine of a store (opened on first use)."""
    settings = settings or Settings()
    if isinstance(store, Store):
        key: tuple[Any, ...] = ("store", id(store), settings.model_dump_json(exclude={"store"}))
    else:
        # every setting is part of the key: an engine built for k=6 and one model server
        # must not answer a call made with k=12 or another server
        settings = settings.with_store(store)
        resolved = str(Path(settings.store).expanduser().resolve())
        key = ("path", resolved, settings.model_dump_json(exclude={"store"}))
    with _engines_lock:
        engine = _engines.get(key)
        if engine is None:
            engine = Engine(
                store if isinstance(store, Store) else open_store(settings), settings, chat_model(settings)
            )
            _engines[key] = engine
        return engine


def ask(question: str, store: str | Path | Store | None = None, **options: Any) -> Answer:
    """:func:`assistant.ask`, under its older address."""
    from assistant.service import ask as ask_

    return ask_(question, store, **options)
