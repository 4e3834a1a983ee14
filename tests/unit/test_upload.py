"""Uploads through the service (the chat's path): same checks and limits, reported by the user's file names."""

from __future__ import annotations

from pathlib import Path

from assistant.service import Service
from ingest import Settings
from ingest.store import Store
from tests import bad_inputs


def test_upload_names_files_as_the_user_did_and_enforces_the_limits(
    fake_store: Store, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "Ferry talks.docx").write_bytes(
        bad_inputs.docx_bytes("Ferry talks resume", "The talks resumed, he said.")
    )
    (inbox / "bomb.docx").write_bytes(bad_inputs.bomb_docx(60))
    (inbox / "locked.pdf").write_bytes(bad_inputs.encrypted_pdf("secret"))
    service = Service(Settings(store=tmp_path / "store"), store=fake_store)
    result = service.upload(sorted(inbox.iterdir()))
    assert result.report is not None
    failed = {r.path: r.reason for r in result.report.failed}
    assert set(failed) == {"bomb.docx", "locked.pdf"}
    assert "zip bomb" in failed["bomb.docx"] and "password-protected" in failed["locked.pdf"]
    [stored] = service.catalog()
    assert (stored.name, stored.title) == ("Ferry talks.docx", "Ferry talks resume")
    assert Path(stored.source).parent == tmp_path / "store" / "uploads"
    assert result.titles[stored.doc_id] == "Ferry talks resume"
