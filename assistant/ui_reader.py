"""The reader tab of the UI: one article's text with the chosen passage marked and in view,
its metadata and its speakers.

Anything on the page can open it: an element with ``data-open="doc_id:start:end"``
(a source's "open in reader" link, a timeline mark) hands that target to the
hidden ``#open-target`` box (see the page script in :mod:`assistant.ui`), and
Python code calls :meth:`Reader.show`.
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.service import Service
from assistant.views import parse_target, reader_html

READER_TAB = "reader"
NOTHING_OPEN = "<p>Open an article from a source, a document row or a timeline mark.</p>"


class Reader:
    """The reader tab over one service."""

    def __init__(self, service: Service) -> None:
        self.service = service

    def render_target(self) -> None:
        """The hidden box the page hands targets to (outside the tabs, so that it is always there)."""
        self.target = gr.Textbox(visible="hidden", elem_id="open-target")

    def render(self) -> None:
        self.view = gr.HTML(NOTHING_OPEN, elem_id="reader")

    def wire(self, tabs: gr.Tabs) -> None:
        """Open the reader whenever the page hands it a target."""
        self.tabs = tabs
        self.target.change(self.open, self.target, [self.view, tabs], api_visibility="private")

    def open(self, target: str) -> tuple[Any, Any]:
        """The reader at ``doc_id:start:end`` (the tab is selected)."""
        if not target:
            return gr.skip(), gr.skip()
        return self.show(*parse_target(target))

    def show(self, doc_id: str, start: int = 0, end: int = 0) -> tuple[str, Any]:
        """The reader's HTML for an article, and the tab selection that brings it into view."""
        try:
            article = self.service.article(doc_id)
        except LookupError:
            return "<p>That article is no longer stored.</p>", gr.Tabs(selected=READER_TAB)
        return reader_html(article, start, end), gr.Tabs(selected=READER_TAB)
