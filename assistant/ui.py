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
from assistant.ui_reader import READER_TAB, Reader

CONCURRENCY = 16  # questions answered at once; the issue asks for at least 8

# Colours chosen for both themes: highlights keep dark text on yellow (contrast above 10:1),
# muted text follows the theme's own subdued colour.
CSS = """
.src { border-left: 3px solid #8aa; padding: 4px 10px; margin: 10px 0; }
.src.flash { outline: 3px solid #f0b400; }
.src-head, .reader-meta { font-size: 0.9em; color: var(--body-text-color-subdued); }
.src-para { margin: 6px 0; line-height: 1.45; }
.src mark, .reader mark { background: #ffe98a; color: #1a1a1a; padding: 0 1px; }
.src-file { font-size: 0.75em; color: var(--body-text-color-subdued); word-break: break-all; }
.reader-text { white-space: pre-wrap; line-height: 1.5; max-height: 70vh; overflow-y: auto; }
a.cite { text-decoration: none; font-weight: 600; }
.badge { display: inline-block; background: #ffe98a; color: #1a1a1a; border-radius: 6px;
         padding: 2px 8px; margin: 2px 4px 2px 0; font-size: 0.9em; }
.badge-error { background: #b3261e; color: #ffffff; }
details.turn > summary { cursor: pointer; color: var(--body-text-color-subdued); }
.timeline .tl-mark { fill: #1f6feb; stroke: #ffffff; stroke-width: 1.5; cursor: pointer; }
.timeline .tl-mark:hover { fill: #d1242f; }
.timeline .tl-lane { stroke: #9aa4b1; }
.timeline text { font: 11px sans-serif; fill: currentColor; }
#reader-hit { scroll-margin: 80px; }
"""

# A [n] marker brings its own turn's source into view (opening an earlier turn's fold);
# anything with data-open (a source's reader link, a timeline mark) opens the reader;
# a newly shown passage in the reader is scrolled into view.
HEAD = """
<script>
function briefingOpen(target) {
  var box = document.querySelector('#open-target textarea, #open-target input');
  if (!box) return;
  box.value = target + ':' + Date.now();
  box.dispatchEvent(new Event('input', {bubbles: true}));
}
document.addEventListener('click', function (event) {
  var opener = event.target.closest && event.target.closest('[data-open]');
  if (opener) {
    event.preventDefault();
    briefingOpen(opener.getAttribute('data-open'));
    return;
  }
  var link = event.target.closest && event.target.closest('a.cite');
  if (!link) return;
  event.preventDefault();
  event.stopPropagation();
  var sourcesTab = Array.from(document.querySelectorAll('button[role=tab]')).find(function (b) {
    return b.innerText.trim() === 'Sources';
  });
  if (sourcesTab) sourcesTab.click();
  var id = (link.getAttribute('href') || '').replace('#', '');
  setTimeout(function () {
    var target = document.getElementById(id);
    if (!target) return;
    var fold = target.closest('details');
    if (fold) fold.open = true;
    target.scrollIntoView({behavior: 'smooth', block: 'center'});
    target.classList.add('flash');
    setTimeout(function () { target.classList.remove('flash'); }, 1500);
  }, 50);
}, true);
new MutationObserver(function () {
  var hit = document.getElementById('reader-hit');
  if (hit && !hit.dataset.shown) {
    hit.dataset.shown = '1';
    setTimeout(function () { hit.scrollIntoView({block: 'center'}); }, 50);
  }
}).observe(document.documentElement, {childList: true, subtree: true});
</script>
"""


def build_app(service: Service) -> gr.Blocks:
    """The chat app over one service (one store)."""
    chat = Chat(service)
    reader = Reader(service)
    library = Library(service, chat, reader)
    # Gradio copies each download into its cache: files older than an hour go, checked hourly.
    with gr.Blocks(title="briefing", analytics_enabled=False, delete_cache=(3600, 3600)) as app:
        gr.Markdown(
            "## briefing — ask your briefing material\nEvery answer is verbatim passages, each cited."
        )
        reader.render_target()
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=320):
                chat.render_chat()
            with gr.Column(scale=2, min_width=320):
                empty = not service.documents()
                with gr.Tabs(selected="upload" if empty else "sources") as tabs:
                    with gr.Tab("Sources", id="sources"):
                        chat.render_sources()
                    with gr.Tab("Reader", id=READER_TAB):
                        reader.render()
                    with gr.Tab("Speakers", id="speakers"):
                        library.render_speakers()
                    with gr.Tab("Documents", id="documents"):
                        library.render_documents()
                    with gr.Tab("Upload", id="upload"):
                        library.render_upload()
        chat.wire()
        reader.wire(tabs)
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
