"""The Gradio chat UI: the page that puts the chat (:mod:`assistant.ui_chat`) beside the library
tabs (:mod:`assistant.ui_library`), and :func:`launch`.

Safety: nothing from a document is ever handed to a renderer as markup
(:mod:`assistant.render` escapes it); the uploaded file name never becomes a path
(the service names uploads by content hash). Domain errors reach the user as
``gr.Error``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gradio as gr

from assistant.service import Service
from assistant.ui_chat import Chat
from assistant.ui_library import Library

CONCURRENCY = 16  # questions answered at once; the issue asks for at least 8

CSS = """
.src { border-left: 3px solid #8aa; padding: 4px 10px; margin: 10px 0; }
.src.flash { background: #fff7c2; }
.src-head { font-size: 0.9em; color: #444; }
.src-para { margin: 6px 0; line-height: 1.45; }
.src mark { background: #ffe98a; padding: 0 1px; }
.src-file { font-size: 0.75em; color: #888; word-break: break-all; }
a.cite { text-decoration: none; font-weight: 600; }
"""

# Clicking a [n] marker in the chat brings its source into view and flashes it.
HEAD = """
<script>
document.addEventListener('click', function (event) {
  var link = event.target.closest && event.target.closest('a.cite');
  if (!link) return;
  event.preventDefault();
  event.stopPropagation();
  var id = (link.getAttribute('href') || '').replace('#', '');
  var target = document.getElementById(id);
  if (!target) return;
  target.scrollIntoView({behavior: 'smooth', block: 'center'});
  target.classList.add('flash');
  setTimeout(function () { target.classList.remove('flash'); }, 1500);
}, true);
</script>
"""


def build_app(service: Service) -> gr.Blocks:
    """The chat app over one service (one store)."""
    chat = Chat(service)
    library = Library(service, chat)
    with gr.Blocks(title="briefing", analytics_enabled=False) as app:
        gr.Markdown(
            "## briefing — ask your briefing material\nEvery answer is verbatim passages, each cited."
        )
        with gr.Row():
            with gr.Column(scale=3):
                chat.render_chat()
            with gr.Column(scale=2):
                with gr.Tab("Sources"):
                    chat.render_sources()
                with gr.Tab("Speakers"):
                    library.render_speakers()
                with gr.Tab("Documents"):
                    library.render_documents()
                with gr.Tab("Upload"):
                    library.render_upload()
        chat.wire()
        library.wire()
        gr.api(chat.api_ask, api_name="ask")
    return app


def launch(
    service: Service,
    *,
    host: str = "127.0.0.1",
    port: int = 7860,
    auth: tuple[str, str] | Callable[[str, str], Any] | None = None,
    block: bool = True,
) -> gr.Blocks:
    """Start the app (127.0.0.1 unless told otherwise); with ``block=False`` return once it listens."""
    app = build_app(service)
    app.queue(default_concurrency_limit=CONCURRENCY)
    app.launch(
        server_name=host,
        server_port=port,
        auth=auth,
        prevent_thread_lock=not block,
        show_error=True,
        ssr_mode=False,
        quiet=not block,
        max_file_size=f"{service.settings.max_file_mb:g}mb",
        css=CSS,
        head=HEAD,
        footer_links=[],
    )
    return app
