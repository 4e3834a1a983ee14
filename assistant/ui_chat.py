"""The chat part of the UI: the question box, the streamed answer, the filters and the sources tab.

Answers come from the service and are rendered by :mod:`assistant.render`
(every document-derived string escaped); domain errors become ``gr.Error``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any

import gradio as gr

from assistant.render import document_choices, markdown_lines, safe_md, sources_html
from assistant.service import Answer, Filters, Service
from ingest.errors import translated

DRAFT_NOTE = "*Drafting — not verified yet:*\n\n"


def shown_to_user() -> AbstractContextManager[None]:
    """Turn a domain error into ``gr.Error``: its message, which says what to do, reaches the user."""
    return translated(gr.Error)


class Chat:
    """The chat column and the sources tab over one service."""

    def __init__(self, service: Service) -> None:
        self.service = service

    def render_chat(self) -> None:
        """The conversation, the question box and the filters (inside the current Gradio block)."""
        self.answers = gr.State([])
        self.chat = gr.Chatbot(label="Chat", height=520, elem_id="chat", sanitize_html=True, buttons=["copy"])
        with gr.Row():
            self.question = gr.Textbox(
                placeholder='Ask, e.g. "What did Lena Marwick say?" or "Who called the manoeuvre reckless?"',
                show_label=False,
                scale=5,
                elem_id="question",
                autofocus=True,
            )
            self.send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
        with gr.Accordion("Filters", open=False):
            with gr.Row():
                self.date_from = gr.Textbox(label="From (YYYY-MM-DD)", elem_id="date-from")
                self.date_to = gr.Textbox(label="To (YYYY-MM-DD)", elem_id="date-to")
            documents = self.service.documents()
            self.outlets = gr.Dropdown(choices=self.service.outlets(), multiselect=True, label="Outlets")
            self.docs = gr.Dropdown(choices=document_choices(documents), multiselect=True, label="Documents")

    def render_sources(self) -> None:
        """The sources panel of the latest answer."""
        self.sources = gr.HTML(sources_html(None, {}, 0), elem_id="sources")

    @property
    def inputs(self) -> list[Any]:
        return [self.question, self.chat, self.answers, self.date_from, self.date_to, self.outlets, self.docs]

    @property
    def outputs(self) -> list[Any]:
        return [self.chat, self.question, self.sources, self.answers]

    def wire(self) -> None:
        """Connect the question box and the button to :meth:`respond`."""
        self.question.submit(self.respond, self.inputs, self.outputs, api_visibility="private")
        self.send.click(self.respond, self.inputs, self.outputs, api_visibility="private")

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
            yield messages, "", gr.skip(), answers
            return
        messages = [
            *messages,
            {"role": "user", "content": safe_md(question)},
            {"role": "assistant", "content": "…"},
        ]
        yield messages, "", gr.skip(), answers
        filters = Filters.of(date_from, date_to, outlets, docs)
        answer: Answer | None = None
        draft = ""
        with shown_to_user():
            for item in self.service.stream(question, history=answers, filters=filters):
                if isinstance(item, Answer):
                    answer = item
                    break
                draft += item  # the model's words, clearly marked, until they are verified
                messages[-1] = {"role": "assistant", "content": DRAFT_NOTE + safe_md(draft)}
                yield messages, "", gr.skip(), answers
            assert answer is not None
            turn = len(answers) + 1
            lines = markdown_lines(answer, turn)
            for i in range(1, len(lines) + 1):
                messages[-1] = {"role": "assistant", "content": "\n".join(lines[:i])}
                yield messages, "", gr.skip(), answers
            texts = self.service.texts(c.doc_id for c in answer.citations)
        yield messages, "", sources_html(answer, texts, turn), [*answers, answer]

    def api_ask(self, question: str) -> dict[str, Any]:
        """Answer a question; the answer and its citations as JSON (the ``/ask`` endpoint)."""
        with shown_to_user():
            return self.service.ask(question).to_dict()
