"""The library tabs of the UI: who is quoted, what is stored, removing and uploading documents.

Everything goes through the service: uploads are checked and written by it (to
``<store>/uploads/`` under a content-hash name) and ingested by it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from assistant.render import document_choices, document_rows, safe_md, speaker_rows
from assistant.service import SUPPORTED, Service
from assistant.ui_chat import Chat, shown_to_user


class Library:
    """The speakers, documents and upload tabs over one service."""

    def __init__(self, service: Service, chat: Chat) -> None:
        self.service = service
        self.chat = chat

    def render_speakers(self) -> None:
        gr.Markdown("Click a speaker to ask what they said.")
        self.speakers = gr.Dataframe(
            value=speaker_rows(self.service.speakers()),
            headers=["speaker", "statements", "role"],
            interactive=False,
            elem_id="speakers",
        )

    def render_documents(self) -> None:
        documents = self.service.documents()
        self.documents = gr.Dataframe(
            value=document_rows(documents),
            headers=["date", "title", "outlet", "statements", "id"],
            interactive=False,
            elem_id="documents",
        )
        with gr.Row():
            self.to_remove = gr.Dropdown(
                choices=document_choices(documents), label="Remove a document", scale=3
            )
            self.remove_btn = gr.Button("Remove", variant="stop", scale=1)
        self.removed_note = gr.Markdown()

    def render_upload(self) -> None:
        self.files = gr.File(
            file_count="multiple",
            file_types=list(SUPPORTED),
            type="filepath",
            label=f"Articles (.txt .md .html .pdf .docx, up to {self.service.settings.max_file_mb:g} MB each)",
            elem_id="upload",
        )
        self.upload_note = gr.Markdown(elem_id="upload-summary")

    def wire(self) -> None:
        """Connect the tabs: a clicked speaker is asked about; uploads and removals refresh the lists."""
        chat = self.chat
        self.speakers.select(self.pick_speaker, None, chat.question).then(
            chat.respond, chat.inputs, chat.outputs, api_visibility="private"
        )
        tables = [self.documents, self.speakers, chat.outlets, chat.docs, self.to_remove]
        self.files.upload(
            self.upload, self.files, [self.upload_note, self.files, *tables], api_visibility="private"
        )
        self.remove_btn.click(
            self.remove, self.to_remove, [self.removed_note, *tables], api_visibility="private"
        )

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

    def upload(self, files: list[str] | None, progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:  # noqa: B008
        """Ingest uploaded files with a progress bar; the summary and each file's outcome."""
        paths = [Path(f) for f in files or []]
        done = [0]

        def step(_: Any) -> None:
            done[0] += 1
            progress(done[0] / max(len(paths), 1), desc=f"Ingesting {done[0]}/{len(paths)}")

        with shown_to_user():
            result = self.service.upload(paths, on_result=step)
        lines = [f"- failed: {safe_md(name)}: {safe_md(reason)}" for name, reason in result.refused]
        if result.report is not None:
            for r in result.report.files:
                title = result.titles.get(r.doc_id) or Path(r.path).name
                reason = f": {safe_md(r.reason)}" if r.reason else ""
                lines.append(f"- {r.status}: {safe_md(title)}{reason}")
            lines.insert(0, f"**{safe_md(result.report.summary())}**")
        return ("\n".join(lines) or "Nothing uploaded.", None, *self.refresh())

    def remove(self, doc_id: str | None) -> tuple[Any, ...]:
        """Remove the chosen document."""
        if not doc_id:
            return ("Choose a document to remove.", *self.refresh())
        with shown_to_user():
            removed = self.service.remove([doc_id])
        note = f"Removed: {safe_md(removed[0].title)}" if removed else "Nothing removed."
        return (note, *self.refresh())

    @staticmethod
    def pick_speaker(evt: gr.SelectData) -> str:
        """The question a click on a speaker asks."""
        row = evt.row_value if getattr(evt, "row_value", None) else None
        name = row[0] if row else str(evt.value)
        return f"What did {name} say?"
