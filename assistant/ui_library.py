"""The library tabs of the UI: who is quoted (with a timeline and exports of a speaker's
statements), what is stored (opened in the reader, removed after a confirmation), and uploads
with per-file progress beside the upload button.

Everything goes through the service: uploads are checked and written by it (to
``<store>/uploads/`` under a content-hash name) and ingested by it.
"""

from __future__ import annotations

import html
import uuid
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.render import document_choices, document_rows, safe_md, speaker_rows
from assistant.service import SUPPORTED, Service, export
from assistant.ui_chat import EXPORTS, Chat, shown_to_user
from assistant.ui_reader import Reader
from assistant.views import timeline_svg


def matching(rows: list[list[str]], query: str) -> list[list[str]]:
    """The rows with every word of ``query`` somewhere in them (case-insensitive)."""
    words = (query or "").lower().split()
    return [r for r in rows if all(any(w in cell.lower() for cell in r) for w in words)]


class Library:
    """The speakers, documents and upload tabs over one service."""

    def __init__(self, service: Service, chat: Chat, reader: Reader) -> None:
        self.service = service
        self.chat = chat
        self.reader = reader

    def render_speakers(self) -> None:
        self.speaker_search = gr.Textbox(
            placeholder="Search speakers", show_label=False, elem_id="speaker-search"
        )
        self.speakers = gr.Dataframe(
            value=speaker_rows(self.service.speakers()),
            headers=["speaker", "statements", "role"],
            interactive=False,
            elem_id="speakers",
            max_height=320,
            wrap=True,
            column_widths=["45%", "15%", "40%"],
        )
        gr.Markdown("Click a speaker: the chat asks what they said, the timeline shows when.")
        self.chosen = gr.State("")
        self.topic = gr.Textbox(
            placeholder="Timeline topic (optional), then Enter", show_label=False, elem_id="timeline-topic"
        )
        self.timeline = gr.HTML("", elem_id="timeline")
        with gr.Row():
            self.speaker_downloads = [
                gr.DownloadButton(
                    f"Statements as {label}", size="sm", interactive=False, elem_id=f"quotes-{fmt}"
                )
                for fmt, label in EXPORTS
            ]

    def render_documents(self) -> None:
        self.document_search = gr.Textbox(
            placeholder="Search documents", show_label=False, elem_id="document-search"
        )
        documents = self.service.documents()
        self.documents = gr.Dataframe(
            value=document_rows(documents),
            headers=["date", "title", "outlet", "statements", "id"],
            interactive=False,
            elem_id="documents",
            max_height=360,
            wrap=False,
            column_widths=["16%", "44%", "16%", "10%", "14%"],
        )
        gr.Markdown("Click a document to read it.")
        with gr.Row():
            self.to_remove = gr.Dropdown(
                choices=document_choices(documents), value=None, label="Remove a document", scale=3
            )
            self.remove_btn = gr.Button("Remove…", variant="stop", scale=1, elem_id="remove")
        with gr.Row(visible=False) as self.confirm_row:
            self.confirm_note = gr.Markdown(elem_id="confirm-note")
            self.confirm_btn = gr.Button("Yes, remove it", variant="stop", elem_id="confirm-remove")
            self.cancel_btn = gr.Button("Cancel", elem_id="cancel-remove")
        self.removed_note = gr.Markdown(elem_id="removed-note")

    def render_upload(self) -> None:
        self.files = gr.UploadButton(
            f"Upload articles (.txt .md .html .pdf .docx, up to {self.service.settings.max_file_mb:g} MB each)",
            file_count="multiple",
            file_types=list(SUPPORTED),
            type="filepath",
            elem_id="upload",
        )
        self.upload_note = gr.Markdown("", elem_id="upload-summary", min_height=60)

    def wire(self) -> None:
        """Connect the tabs: a clicked speaker is asked about and plotted; uploads and removals refresh."""
        chat = self.chat
        self.speakers.select(self.pick_speaker, None, chat.question, api_visibility="private").then(
            chat.respond, chat.inputs, chat.outputs, api_visibility="private"
        )
        plotted = [self.timeline, *self.speaker_downloads]
        self.speakers.select(self._picked, None, self.chosen, api_visibility="private").then(
            self.plot_speaker, [self.chosen, self.topic], plotted, api_visibility="private"
        )
        self.topic.submit(self.plot_speaker, [self.chosen, self.topic], plotted, api_visibility="private")
        self.speaker_search.change(
            self.find_speakers, self.speaker_search, self.speakers, api_visibility="private"
        )
        self.document_search.change(
            self.find_documents, self.document_search, self.documents, api_visibility="private"
        )
        self.documents.select(
            self.open_document, None, [self.reader.view, self.reader.tabs], api_visibility="private"
        )
        tables = [self.documents, self.speakers, chat.outlets, chat.docs, self.to_remove]
        self.files.upload(
            self.upload,
            self.files,
            [self.upload_note, *tables],
            show_progress_on=[self.upload_note],
            api_visibility="private",
        )
        self.remove_btn.click(
            self.ask_confirmation,
            self.to_remove,
            [self.confirm_row, self.confirm_note],
            api_visibility="private",
        )
        self.cancel_btn.click(lambda: gr.Row(visible=False), None, self.confirm_row, api_visibility="private")
        self.confirm_btn.click(
            self.remove, self.to_remove, [self.removed_note, *tables], api_visibility="private"
        ).then(lambda: gr.Row(visible=False), None, self.confirm_row, api_visibility="private")

    def refresh(self) -> tuple[Any, ...]:
        """New values for every list that shows the library."""
        documents = self.service.documents()
        choices = document_choices(documents)
        return (
            document_rows(documents),
            speaker_rows(self.service.speakers()),
            gr.update(choices=self.service.outlets()),
            gr.update(choices=choices),
            gr.update(choices=choices, value=None),
        )

    def find_speakers(self, query: str) -> list[list[str]]:
        return matching(speaker_rows(self.service.speakers()), query)

    def find_documents(self, query: str) -> list[list[str]]:
        return matching(document_rows(self.service.documents()), query)

    def upload(self, files: list[str] | None, progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:  # noqa: B008
        """Ingest uploaded files with per-file progress; the summary and each file's outcome."""
        paths = [Path(f) for f in files or []]
        done = [0]
        progress(0, desc=f"Checking {len(paths)} file(s)")

        def step(_: Any) -> None:
            done[0] += 1
            progress(done[0] / max(len(paths), 1), desc=f"Ingested {done[0]} of {len(paths)} file(s)")

        with shown_to_user():
            result = self.service.upload(paths, on_result=step)
        lines = [f"- failed: {safe_md(name)}: {safe_md(reason)}" for name, reason in result.refused]
        if result.report is not None:
            for r in result.report.files:
                title = result.titles.get(r.doc_id) or Path(r.path).name
                reason = f": {safe_md(r.reason)}" if r.reason else ""
                lines.append(f"- {r.status}: {safe_md(title)}{reason}")
            lines.insert(0, f"**{safe_md(result.report.summary())}**")
        return ("\n".join(lines) or "Nothing uploaded.", *self.refresh())

    def ask_confirmation(self, doc_id: str | None) -> tuple[Any, Any]:
        """Show the confirmation for the chosen document (nothing is removed yet)."""
        if not doc_id:
            return gr.Row(visible=False), ""
        title = next((r.title for r in self.service.documents() if r.doc_id == doc_id), doc_id)
        return gr.Row(visible=True), f"Remove **{safe_md(title)}** from the store?"

    def remove(self, doc_id: str | None) -> tuple[Any, ...]:
        """Remove the chosen document (after the confirmation)."""
        if not doc_id:
            return ("Choose a document to remove.", *self.refresh())
        with shown_to_user():
            removed = self.service.remove([doc_id])
        note = f"Removed: {safe_md(removed[0].title)}" if removed else "Nothing removed."
        return (note, *self.refresh())

    def open_document(self, evt: gr.SelectData) -> tuple[Any, Any]:
        """A clicked document row opens in the reader."""
        row = evt.row_value if getattr(evt, "row_value", None) else None
        if not row:
            return gr.skip(), gr.skip()
        return self.reader.show(str(row[-1]))

    def plot_speaker(self, name: str, topic: str) -> tuple[Any, ...]:
        """The chosen speaker's timeline (on ``topic``, if any) and the downloads of their statements."""
        if not name:
            return (gr.skip(),) * (1 + len(EXPORTS))
        topic = (topic or "").strip()
        with shown_to_user():
            answer = self.service.quotes(name, topic or None)
        about = f" about {html.escape(topic)}" if topic else ""
        heading = f"<p><b>{html.escape(name)}</b>: {len(answer.citations)} quoted passages{about} by date</p>"
        folder = self.chat.exports / uuid.uuid4().hex
        folder.mkdir()
        files = []
        for fmt, _ in EXPORTS:
            path = folder / f"statements-{uuid.uuid4().hex[:6]}.{fmt}"
            path.write_bytes(export(answer, fmt))
            files.append(gr.update(value=str(path), interactive=bool(answer.citations)))
        return (heading + timeline_svg(answer), *files)

    @staticmethod
    def _picked(evt: gr.SelectData) -> str:
        row = evt.row_value if getattr(evt, "row_value", None) else None
        return str(row[0] if row else evt.value)

    def pick_speaker(self, evt: gr.SelectData) -> str:
        """The question a click on a speaker asks."""
        return f"What did {self._picked(evt)} say?"
