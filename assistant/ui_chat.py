"""The chat part of the UI: the question box, the streamed answer, the filters, copy and export,
and the sources tab.

Answers come from the service and are rendered by :mod:`assistant.render`
(every document-derived string escaped, shown word for word); domain errors
become ``gr.Error``. The conversation memory is the ``answers`` state: "New
chat" (or the chat's bin icon) empties it with the screen.
"""

from __future__ import annotations

import html
import shutil
import tempfile
import uuid
import weakref
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.models import parse_date
from assistant.render import clean_text, document_choices, markdown_lines, safe_md, sources_panel
from assistant.service import Answer, Filters, Service, export
from ingest.errors import translated

DRAFT_NOTE = "*Drafting — not verified yet:*\n\n"
EXPORTS = (("md", "Markdown"), ("csv", "CSV"), ("docx", "DOCX"))
EMPTY_STORE = (
    "**The store is empty.** Add articles in the **Upload** tab (.txt .md .html .pdf .docx), "
    "then ask what someone said."
)


def shown_to_user() -> AbstractContextManager[None]:
    """Turn a domain error into ``gr.Error``: its message, which says what to do, reaches the user."""
    return translated(gr.Error)


def filters_of(date_from: str, date_to: str, outlets: list[str] | None, docs: list[str] | None) -> Filters:
    """The filters of the form; a date that cannot be read is an error the user sees."""
    try:
        return Filters.of(parse_date(date_from), parse_date(date_to), outlets, docs)
    except ValueError as e:
        raise gr.Error(str(e)) from e


def badge(date_from: str, date_to: str, outlets: list[str] | None, docs: list[str] | None) -> str:
    """The notice above the chat: which filters restrict the answers (or what is wrong with a date)."""
    bits, problems = [], []
    for label, value in (("from", date_from), ("to", date_to)):
        try:
            day = parse_date(value)
        except ValueError as e:
            problems.append(html.escape(str(e)))
            continue
        if day:
            bits.append(f"{label} {day}")
    if outlets:
        bits.append("outlets: " + ", ".join(html.escape(o) for o in outlets))
    if docs:
        bits.append(f"{len(docs)} document(s)")
    out = "".join(f'<span class="badge badge-error">{p}</span>' for p in problems)
    if bits:
        out += f'<span class="badge">Filters active — {" · ".join(bits)}</span>'
    return out


class Chat:
    """The chat column and the sources tab over one service."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.exports = Path(tempfile.mkdtemp(prefix="briefing-exports-"))
        # The answers written for download live as long as the app: removed when it is
        # collected or the process exits, so a server leaves nothing behind in /tmp.
        self.remove_exports = weakref.finalize(self, shutil.rmtree, self.exports, ignore_errors=True)

    def render_chat(self) -> None:
        """The conversation, the question box, copy/export and the filters (inside the current block)."""
        self.answers = gr.State([])
        self.badge = gr.HTML("", elem_id="filter-badge")
        speakers = self.service.speakers()[:3]
        self.chat = gr.Chatbot(
            label="Chat",
            height=480,
            elem_id="chat",
            sanitize_html=True,
            buttons=[],  # our Copy button gives clean text, not the message's markup
            latex_delimiters=[],  # article text is never math
            placeholder=None if self.service.documents() else EMPTY_STORE,
            examples=[{"text": f"What did {s.name} say?"} for s in speakers] or None,
        )
        with gr.Row():
            self.question = gr.Textbox(
                placeholder='Ask, e.g. "What did Lena Marwick say?" or "Who called the manoeuvre reckless?"',
                show_label=False,
                scale=5,
                elem_id="question",
                autofocus=True,
            )
            self.send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask", min_width=60)
        with gr.Row(elem_id="answer-tools"):
            self.new = gr.Button("New chat", size="sm", elem_id="new-chat", min_width=60)
            self.copy = gr.Button("Copy answer", size="sm", elem_id="copy", min_width=60)
            # a bounded "what did X say?" (Answer.more) asks again for every statement
            self.show_all = gr.Button("Show all", size="sm", elem_id="show-all", visible=False, min_width=60)
            self.downloads = [
                gr.DownloadButton(label, size="sm", elem_id=f"export-{fmt}", interactive=False, min_width=60)
                for fmt, label in EXPORTS
            ]
        self.clean = gr.Textbox(visible="hidden", elem_id="clean-text")
        with gr.Accordion("Filters", open=False):
            with gr.Row():
                self.date_from = gr.Textbox(label="From (YYYY-MM-DD)", elem_id="date-from")
                self.date_to = gr.Textbox(label="To (YYYY-MM-DD)", elem_id="date-to")
            documents = self.service.documents()
            self.outlets = gr.Dropdown(choices=self.service.outlets(), multiselect=True, label="Outlets")
            self.docs = gr.Dropdown(choices=document_choices(documents), multiselect=True, label="Documents")

    def render_sources(self) -> None:
        """The sources panel: every turn's cited passages, the latest first."""
        self.sources = gr.HTML(sources_panel([], {}), elem_id="sources")

    @property
    def filters(self) -> list[Any]:
        return [self.date_from, self.date_to, self.outlets, self.docs]

    @property
    def inputs(self) -> list[Any]:
        return [self.question, self.chat, self.answers, *self.filters]

    @property
    def outputs(self) -> list[Any]:
        return [
            self.chat,
            self.question,
            self.sources,
            self.answers,
            self.clean,
            *self.downloads,
            self.show_all,
        ]

    def wire(self) -> None:
        """Connect the question box, the buttons and the filters."""
        self.question.submit(self.respond, self.inputs, self.outputs, api_visibility="private")
        self.send.click(self.respond, self.inputs, self.outputs, api_visibility="private")
        self.chat.example_select(self.pick_example, None, self.question, api_visibility="private").then(
            self.respond, self.inputs, self.outputs, api_visibility="private"
        )
        self.show_all.click(
            self.respond_all, [self.chat, self.answers, *self.filters], self.outputs, api_visibility="private"
        )
        self.new.click(self.forget, None, self.outputs, api_visibility="private")
        self.chat.clear(self.forget, None, self.outputs, api_visibility="private")
        self.copy.click(
            None, self.clean, None, js="(text) => { navigator.clipboard.writeText(text || ''); return []; }"
        )
        for box in self.filters:
            box.change(badge, self.filters, self.badge, api_visibility="private", show_progress="hidden")

    def forget(self) -> tuple[Any, ...]:
        """A new conversation: the screen, the sources and the memory of earlier turns all emptied."""
        idle = [gr.update(value=None, interactive=False) for _ in EXPORTS]
        return ([], "", sources_panel([], {}), [], "", *idle, gr.update(visible=False))

    def respond(
        self,
        question: str,
        messages: list[dict[str, Any]],
        answers: list[Answer],
        date_from: str,
        date_to: str,
        outlets: list[str] | None,
        docs: list[str] | None,
    ) -> Iterator[tuple[Any, ...]]:
        """Stream one answer into the chat: the model's draft (if any), then the answer line by line."""
        question = (question or "").strip()
        if not question:
            yield messages, "", *[gr.skip()] * (len(self.outputs) - 2)
            return
        yield from self._respond(
            question, messages, answers, answers, filters_of(date_from, date_to, outlets, docs)
        )

    def respond_all(
        self, messages: list[dict[str, Any]], answers: list[Answer], *form: Any
    ) -> Iterator[tuple[Any, ...]]:
        """The *Show all* button: the last (bounded) question again, citing every statement
        (``form``: the filters' values, as for :meth:`respond`)."""
        if not answers:
            yield messages, "", *[gr.skip()] * (len(self.outputs) - 2)
            return
        question = answers[-1].resolved_question or answers[-1].question
        yield from self._respond(question, messages, answers, answers[:-1], filters_of(*form), every=True)

    def _respond(
        self,
        question: str,
        messages: list[dict[str, Any]],
        answers: list[Answer],
        history: list[Answer],
        filters: Filters,
        every: bool = False,
    ) -> Iterator[tuple[Any, ...]]:
        skip = [gr.skip()] * (len(self.outputs) - 2)
        messages = [
            *messages,
            {"role": "user", "content": safe_md(question)},
            {"role": "assistant", "content": "…"},
        ]
        yield messages, "", *skip
        answer: Answer | None = None
        draft = ""
        with shown_to_user():
            for item in self.service.stream(question, history=history, filters=filters, all=every):
                if isinstance(item, Answer):
                    answer = item
                    break
                draft += item  # the model's words, clearly marked, until they are verified
                messages[-1] = {"role": "assistant", "content": DRAFT_NOTE + safe_md(draft)}
                yield messages, "", *skip
            assert answer is not None
            answers = [*answers, answer]
            lines = markdown_lines(answer, len(answers))
            for i in range(1, len(lines) + 1):
                messages[-1] = {"role": "assistant", "content": "\n".join(lines[:i])}
                yield messages, "", *skip
            texts = self.service.texts({c.doc_id for a in answers for c in a.citations})
        files = self.export_files(answer, len(answers))
        show_all = gr.update(
            visible=bool(answer.more), value=f"Show all {answer.more + len(answer.citations)}"
        )
        yield messages, "", sources_panel(answers, texts), answers, clean_text(answer), *files, show_all

    def export_files(self, answer: Answer, turn: int) -> list[Any]:
        """The answer written as each export format, for the download buttons."""
        if not answer.citations:
            return [gr.update(value=None, interactive=False) for _ in EXPORTS]
        folder = self.exports / uuid.uuid4().hex
        folder.mkdir()
        out = []
        for fmt, _ in EXPORTS:
            path = folder / f"briefing-answer-{turn}.{fmt}"
            path.write_bytes(export(answer, fmt))
            out.append(gr.update(value=str(path), interactive=True))
        return out

    @staticmethod
    def pick_example(evt: gr.SelectData) -> str:
        """The suggested question that was clicked."""
        value = evt.value if isinstance(evt.value, dict) else {}
        return str(value.get("text", ""))

    def api_ask(
        self,
        question: str,
        history: list[list[str]] | None = None,
        date_from: str = "",
        date_to: str = "",
        outlets: list[str] | None = None,
        doc_ids: list[str] | None = None,
    ) -> dict[str, Any]:
        """The ``/ask`` endpoint: the answer and its citations as JSON.

        ``history`` is the earlier turns as ``[question, answer_text]`` pairs, oldest first;
        the dates, outlets and documents restrict what may be cited.
        """
        filters = filters_of(date_from, date_to, outlets, doc_ids)
        with shown_to_user():
            return self.service.ask(question, history=list(history or []), filters=filters).to_dict()
