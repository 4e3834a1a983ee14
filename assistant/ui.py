"""The Gradio chat UI: cited answers, sources panel, speakers, filters, uploads, documents.

Safety: nothing from a document is ever handed to a renderer as markup. Chat
messages are rebuilt from the answer's parts with every document-derived string
HTML-escaped and Markdown-escaped (:func:`safe_md`); the sources panel is HTML
built with :func:`html.escape`. An article holding ``<script>`` or a
``javascript:`` link shows as text.

Uploads are written only to ``<store>/uploads/`` under a name the server makes
from the content hash (the uploaded file name is never used as a path).
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.chain import Engine
from assistant.generation import FALLBACK_NOTE
from assistant.models import Answer
from assistant.retrieval import Index
from ingest.loaders import SUPPORTED
from ingest.pipeline import ingest_paths, remove_documents
from ingest.settings import Settings
from ingest.text import content_hash, paragraphs

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")
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


def safe_md(text: str) -> str:
    """Document text made inert for a Markdown+HTML renderer: shown exactly, interpreted never.

    >>> safe_md('<img src=x onerror=alert(1)> [a](javascript:x)')
    '&lt;img src=x onerror=alert\\\\(1\\\\)&gt; \\\\[a\\\\]\\\\(javascript:x\\\\)'
    """
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def _unverified(answer: Answer) -> list[str]:
    """The model's sentences that failed verification: struck through, with the reason."""
    if not answer.unsupported:
        return []
    lines = [
        "",
        f"*Not shown as the answer — {len(answer.unsupported)} sentence(s) the model wrote failed verification:*",
    ]
    for u in answer.unsupported[:8]:
        lines.append(f"- ~~{safe_md(' '.join(u['sentence'].split())[:300])}~~ ({safe_md(u['reason'])})")
    return lines


def answer_markdown(answer: Answer, turn: int) -> list[str]:
    """The chat message for an answer, as lines (streamed one by one)."""
    lines: list[str] = []
    if answer.resolved_question and answer.resolved_question != answer.question:
        lines.append(f"*Understood as: {safe_md(answer.resolved_question)}*")
        lines.append("")
    if answer.composer.startswith("llm:"):
        # the model's verified sentences, escaped, with our markers made into links
        text = safe_md(answer.text)
        text = re.sub(
            r"\\\[(\d+)\\\]",
            lambda m: f'<a href="#src-{turn}-{m.group(1)}" class="cite">[{m.group(1)}]</a>',
            text,
        )
        lines.append(f"✔ *Verified against the cited passages ({safe_md(answer.composer[4:])}):*")
        lines.append("")
        lines.append(text)
        return lines + _unverified(answer)
    if answer.fallback:
        lines.append(f"*{safe_md(FALLBACK_NOTE)}*")
        lines.append("")
    if not answer.citations:
        lines.extend(safe_md(line) for line in answer.text.splitlines())
        return lines
    if answer.heading:
        lines.append(safe_md(answer.heading))
        lines.append("")
    current = None
    for c in answer.citations:
        if c.doc_id != current:
            if current is not None:
                lines.append("")  # or Markdown folds the title into the previous bullet
            current = c.doc_id
            meta = ", ".join(safe_md(b) for b in (c.outlet, c.date) if b)
            lines.append(f"**{safe_md(c.title)}**" + (f" ({meta})" if meta else ""))
        who = f"{safe_md(c.speaker)}: " if answer.kind == "who" and c.speaker else ""
        marker = f'<a href="#src-{turn}-{c.n}" class="cite">[{c.n}]</a>'
        lines.append(f"- {who}{safe_md(' '.join(c.passage.split()))} {marker}")
    return lines + _unverified(answer)


def sources_html(answer: Answer | None, index: Index, turn: int) -> str:
    """The sources panel: each citation's article, date, outlet and its passage marked in its paragraph."""
    if answer is None:
        return "<p>Ask a question: the passages an answer cites appear here.</p>"
    if not answer.citations:
        return "<p>No passage is cited: the material does not answer this.</p>"
    out = []
    for c in answer.citations:
        text = index.texts.get(c.doc_id, "")
        para = next((p for p in paragraphs(text) if p.start <= c.start < p.end), None)
        lo, hi = (para.start, max(para.end, c.end)) if para else (c.start, c.end)
        body = (
            html.escape(text[lo : c.start])
            + "<mark>"
            + html.escape(text[c.start : c.end])
            + "</mark>"
            + html.escape(text[c.end : hi])
        )
        meta = " · ".join(
            html.escape(b)
            for b in (c.outlet, c.date, f"paragraph {c.paragraph}" if c.paragraph else None)
            if b
        )
        speaker = f'<div class="src-head">Speaker: {html.escape(c.speaker)}</div>' if c.speaker else ""
        out.append(
            f'<div class="src" id="src-{turn}-{c.n}"><div class="src-head"><b>[{c.n}] {html.escape(c.title)}</b>'
            f'{" · " + meta if meta else ""}</div>{speaker}<p class="src-para">{body}</p>'
            f'<div class="src-file">{html.escape(c.source)} · characters {c.start}–{c.end}</div></div>'
        )
    return "\n".join(out)


def allowed_docs(
    index: Index, date_from: str, date_to: str, outlets: list[str] | None, docs: list[str] | None
) -> list[str] | None:
    """Doc ids passing the filters, or None when no filter is set."""
    date_from, date_to = (date_from or "").strip(), (date_to or "").strip()
    if not (date_from or date_to or outlets or docs):
        return None
    keep = []
    for doc_id, rec in index.docs.items():
        if date_from and (rec.date or "") < date_from:
            continue
        if date_to and (not rec.date or rec.date > date_to):
            continue
        if outlets and (rec.outlet or "(unknown)") not in outlets:
            continue
        if docs and doc_id not in docs:
            continue
        keep.append(doc_id)
    return keep


def documents_table(index: Index) -> list[list[str]]:
    """Rows of the documents list, newest first."""
    rows = sorted(index.docs.values(), key=lambda r: (r.date or "", r.title), reverse=True)
    return [[r.date or "", r.title, r.outlet or "", str(r.n_statements), r.doc_id] for r in rows]


def speakers_table(index: Index) -> list[list[str]]:
    """Rows of the speakers panel, most quoted first."""
    ranked = sorted(index.speakers.values(), key=lambda s: (-s.statements, s.name))
    return [[s.name, str(s.statements), max((r for r in s.roles if r), key=len, default="")] for s in ranked]


def save_upload(path: Path, uploads: Path, max_bytes: int) -> tuple[Path | None, str]:
    """Copy one uploaded file into ``uploads`` under a server-chosen name, or say why not."""
    suffix = Path(path.name).suffix.lower()
    if suffix not in SUPPORTED:
        return None, f"unsupported file type '{suffix or '(none)'}'"
    size = path.stat().st_size
    if size > max_bytes:
        return None, f"is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit"
    uploads.mkdir(parents=True, exist_ok=True)
    target = uploads / f"{content_hash(path.read_bytes())}{suffix}"
    if uploads.resolve() not in target.resolve().parents:  # defence in depth; the name is ours
        return None, "refused"
    shutil.copyfile(path, target)
    return target, ""


def build_app(engine: Engine, settings: Settings) -> gr.Blocks:
    """The chat app over one engine (store)."""
    uploads = Path(settings.store) / "uploads"
    max_bytes = int(settings.max_file_mb * 1_000_000)

    def outlets_of(index: Index) -> list[str]:
        return sorted({r.outlet or "(unknown)" for r in index.docs.values()})

    def doc_choices(index: Index) -> list[tuple[str, str]]:
        return [
            (f"{r.date or '—'} {r.title[:70]}", r.doc_id)
            for r in sorted(index.docs.values(), key=lambda r: r.date or "", reverse=True)
        ]

    def respond(
        question: str,
        messages: list[dict[str, Any]],
        answers: list[Answer],
        date_from: str,
        date_to: str,
        outlets: list[str],
        docs: list[str],
    ) -> Iterator[tuple[Any, ...]]:
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
        index = engine.cache.get()
        allowed = allowed_docs(index, date_from, date_to, outlets, docs)
        answer: Answer | None = None
        if engine.composer is None:
            answer = engine.ask(question, history=answers, doc_ids=allowed)
        else:  # show the model's draft as it comes, clearly marked, then only what verifies
            draft = ""
            for item in engine.stream(question, history=answers, doc_ids=allowed):
                if isinstance(item, Answer):
                    answer = item
                    break
                draft += item
                note = "*Drafting — not verified yet:*\n\n"
                messages[-1] = {"role": "assistant", "content": note + safe_md(draft)}
                yield messages, "", gr.skip(), answers
        assert answer is not None
        turn = len(answers) + 1
        lines = answer_markdown(answer, turn)
        for i in range(1, len(lines) + 1):
            messages[-1] = {"role": "assistant", "content": "\n".join(lines[:i])}
            yield messages, "", gr.skip(), answers
        yield messages, "", sources_html(answer, index, turn), [*answers, answer]

    def refresh() -> tuple[Any, ...]:
        index = engine.cache.get()
        return (
            documents_table(index),
            speakers_table(index),
            gr.update(choices=outlets_of(index)),
            gr.update(choices=doc_choices(index)),
            gr.update(choices=doc_choices(index), value=None),
        )

    def upload(files: list[str] | None, progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:  # noqa: B008
        lines = []
        saved: list[Path] = []
        for f in files or []:
            name = Path(f).name
            target, reason = save_upload(Path(f), uploads, max_bytes)
            if target is None:
                lines.append(f"- failed: {safe_md(name)}: {safe_md(reason)}")
            else:
                saved.append(target)
        if saved:
            done = [0]

            def step(_: Any) -> None:
                done[0] += 1
                progress(done[0] / len(saved), desc=f"Ingesting {done[0]}/{len(saved)}")

            report = ingest_paths(saved, engine.store, settings=settings, on_result=step)
            stored = engine.cache.get().docs  # read once, after the ingest
            for r in report.files:
                title = stored[r.doc_id].title if r.doc_id in stored else ""
                reason = f": {safe_md(r.reason)}" if r.reason else ""
                lines.append(f"- {r.status}: {safe_md(title or Path(r.path).name)}{reason}")
            lines.insert(0, f"**{safe_md(report.summary())}**")
        return ("\n".join(lines) or "Nothing uploaded.", None, *refresh())

    def remove(doc_id: str | None) -> tuple[Any, ...]:
        if not doc_id:
            return ("Choose a document to remove.", *refresh())
        removed = remove_documents([doc_id], engine.store, settings=settings)
        note = f"Removed: {safe_md(removed[0].title)}" if removed else "Nothing removed."
        return (note, *refresh())

    def pick_speaker(evt: gr.SelectData) -> str:
        row = evt.row_value if getattr(evt, "row_value", None) else None
        name = row[0] if row else str(evt.value)
        return f"What did {name} say?"

    index = engine.cache.get()
    with gr.Blocks(title="briefing", analytics_enabled=False) as app:
        gr.Markdown(
            "## briefing — ask your briefing material\nEvery answer is verbatim passages, each cited."
        )
        answers = gr.State([])
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(
                    label="Chat", height=520, elem_id="chat", sanitize_html=True, buttons=["copy"]
                )
                with gr.Row():
                    question = gr.Textbox(
                        placeholder='Ask, e.g. "What did Lena Marwick say?" or "Who called the manoeuvre reckless?"',
                        show_label=False,
                        scale=5,
                        elem_id="question",
                        autofocus=True,
                    )
                    send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
                with gr.Accordion("Filters", open=False):
                    with gr.Row():
                        date_from = gr.Textbox(label="From (YYYY-MM-DD)", elem_id="date-from")
                        date_to = gr.Textbox(label="To (YYYY-MM-DD)", elem_id="date-to")
                    outlets = gr.Dropdown(choices=outlets_of(index), multiselect=True, label="Outlets")
                    docs = gr.Dropdown(choices=doc_choices(index), multiselect=True, label="Documents")
            with gr.Column(scale=2):
                with gr.Tab("Sources"):
                    sources = gr.HTML(sources_html(None, index, 0), elem_id="sources")
                with gr.Tab("Speakers"):
                    gr.Markdown("Click a speaker to ask what they said.")
                    speakers = gr.Dataframe(
                        value=speakers_table(index),
                        headers=["speaker", "statements", "role"],
                        interactive=False,
                        elem_id="speakers",
                    )
                with gr.Tab("Documents"):
                    documents = gr.Dataframe(
                        value=documents_table(index),
                        headers=["date", "title", "outlet", "statements", "id"],
                        interactive=False,
                        elem_id="documents",
                    )
                    with gr.Row():
                        to_remove = gr.Dropdown(
                            choices=doc_choices(index), label="Remove a document", scale=3
                        )
                        remove_btn = gr.Button("Remove", variant="stop", scale=1)
                    removed_note = gr.Markdown()
                with gr.Tab("Upload"):
                    files = gr.File(
                        file_count="multiple",
                        file_types=list(SUPPORTED),
                        type="filepath",
                        label=f"Articles (.txt .md .html .pdf .docx, up to {settings.max_file_mb:g} MB each)",
                        elem_id="upload",
                    )
                    upload_note = gr.Markdown(elem_id="upload-summary")

        ask_inputs = [question, chat, answers, date_from, date_to, outlets, docs]
        ask_outputs = [chat, question, sources, answers]
        question.submit(respond, ask_inputs, ask_outputs, api_visibility="private")
        send.click(respond, ask_inputs, ask_outputs, api_visibility="private")
        speakers.select(pick_speaker, None, question).then(
            respond, ask_inputs, ask_outputs, api_visibility="private"
        )
        tables = [documents, speakers, outlets, docs, to_remove]
        files.upload(upload, files, [upload_note, files, *tables], api_visibility="private")
        remove_btn.click(remove, to_remove, [removed_note, *tables], api_visibility="private")

        def api_ask(question: str) -> dict[str, Any]:
            """Answer a question; the answer and its citations as JSON."""
            return engine.ask(question).to_dict()

        gr.api(api_ask, api_name="ask")
    return app


def launch(
    engine: Engine,
    settings: Settings,
    *,
    host: str = "127.0.0.1",
    port: int = 7860,
    auth: tuple[str, str] | None = None,
    block: bool = True,
) -> gr.Blocks:
    """Start the app (127.0.0.1 unless told otherwise); with ``block=False`` return once it listens."""
    app = build_app(engine, settings)
    app.queue(default_concurrency_limit=CONCURRENCY)
    app.launch(
        server_name=host,
        server_port=port,
        auth=auth,
        prevent_thread_lock=not block,
        show_error=True,
        ssr_mode=False,
        quiet=not block,
        max_file_size=f"{settings.max_file_mb:g}mb",
        css=CSS,
        head=HEAD,
        footer_links=[],
    )
    return app
