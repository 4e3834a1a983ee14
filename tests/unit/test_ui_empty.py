"""A new, empty store: the chat says so, points to Upload, and suggests nothing it cannot answer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import gradio as gr

from assistant.service import Service
from assistant.ui import build_app
from assistant.ui_chat import EMPTY_STORE, badge
from ingest.settings import Settings
from tests.conftest import make_fake_store


def test_an_empty_store_points_to_upload(tmp_path: Path) -> None:
    service = Service(Settings(store=tmp_path / "store"), make_fake_store(tmp_path / "store"))
    app = build_app(service)
    blocks = list(app.blocks.values())
    chat = next(b for b in blocks if isinstance(b, gr.Chatbot))
    assert chat.placeholder == EMPTY_STORE and "Upload" in EMPTY_STORE
    assert not chat.examples
    tabs = next(b for b in blocks if isinstance(b, gr.Tabs))
    assert tabs.selected == "upload"


def test_badge_names_active_filters_and_unreadable_dates() -> None:
    assert badge("", "", [], []) == ""
    shown = badge("5 March 2026", "", ["Meridian Wire"], ["d1"])
    assert "Filters active — from 2026-03-05 · outlets: Meridian Wire · 1 document(s)" in shown
    assert 'badge-error">cannot read the date &#x27;soon&#x27;' in badge("soon", "", [], [])


def test_the_app_leaves_no_export_folder_behind(tmp_path: Path) -> None:
    """Each app writes downloads into a folder of its own; the process exiting removes it."""
    script = (
        "import sys\n"
        "from assistant.service import Service\n"
        "from assistant.ui_chat import Chat\n"
        "from ingest.settings import Settings\n"
        "from tests.conftest import make_fake_store\n"
        "from pathlib import Path\n"
        "store = Path(sys.argv[1])\n"
        "chat = Chat(Service(Settings(store=store), make_fake_store(store)))\n"
        "(chat.exports / 'answer.md').write_text('x')\n"
        "print(chat.exports)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "store")],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    folder = Path(run.stdout.strip())
    assert folder.name.startswith("briefing-exports-")
    assert not folder.exists()
