"""The analyst's CLI: store options on either side of the subcommand, exports, quotes, timeline,
the missing-store error, progress lines when piped, and ``briefing chat`` follow-ups through a pty."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow
BRIEFING = [sys.executable, "-m", "assistant.cli"]
ENV = os.environ | {"HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}


def briefing(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([*BRIEFING, *args], capture_output=True, text=True, timeout=600, env=ENV)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A store made with ``--store`` after the subcommand; the ingest's stderr (piped: not a TTY)."""
    store = tmp_path_factory.mktemp("cli") / "store"
    proc = briefing("ingest", str(EXAMPLES), "--store", str(store))
    yield store, proc.stderr


def test_ingest_piped_prints_one_plain_line_per_file_with_an_eta(ingested: tuple[Path, str]) -> None:
    _, err = ingested
    lines = err.splitlines()
    assert lines[0] == "ingesting 8 file(s)"
    progress = [line for line in lines if line.startswith("[")]
    assert [line.split("]")[0] for line in progress] == [f"[{i}/8" for i in range(1, 9)]
    assert "01-halden-bridge-closed.md" in progress[0]
    assert "ETA" in progress[2]  # a real estimate once files have been timed
    assert "\r" not in err and "Loading" not in err and "it/s" not in err  # no third-party bars


def test_store_option_before_or_after_the_subcommand(ingested: tuple[Path, str]) -> None:
    store, _ = ingested
    before = briefing("--store", str(store), "documents").stdout
    after = briefing("documents", "--store", str(store)).stdout
    assert before == after and "8 documents" in after


def test_asking_a_store_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    typo = tmp_path / "briefing-typo"
    proc = briefing("ask", "What did Lena Marwick say?", "--store", str(typo), check=False)
    assert proc.returncode == 1
    assert f"no store at {typo}" in proc.stderr
    assert not typo.exists()  # nothing created


def test_answers_export_as_csv_markdown_json_and_docx(ingested: tuple[Path, str], tmp_path: Path) -> None:
    store, _ = ingested
    q = "What did Lena Marwick say?"
    rows = list(
        csv.DictReader(io.StringIO(briefing("ask", q, "--store", str(store), "--format", "csv").stdout))
    )
    assert len(rows) >= 4 and all(r["speaker"] == "Lena Marwick" for r in rows)
    assert any('"a corridor, not a settlement."' in r["quote"] for r in rows)
    assert rows[0]["outlet"] and rows[0]["date"] and rows[0]["source"].endswith(".md")
    md = briefing("--store", str(store), "ask", q, "--format", "md").stdout
    assert md.startswith(f"# {q}") and "> — Lena Marwick · " in md
    answer = json.loads(briefing("--store", str(store), "ask", q, "--format", "json").stdout)
    assert len(answer["citations"]) == len(rows)
    out = tmp_path / "marwick.docx"
    briefing("--store", str(store), "ask", q, "--format", "docx", "--out", str(out))
    import docx

    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert any("a corridor, not a settlement." in p for p in paragraphs)


def test_quotes_and_timeline_of_a_speaker(ingested: tuple[Path, str], tmp_path: Path) -> None:
    store, _ = ingested
    text = briefing("quotes", "Lena Marwick", "--store", str(store)).stdout
    assert "\u201cLena Marwick said the agreement was" in text and "Meridian Wire" in text
    assert "**" not in text and "\\" not in text
    rows = list(
        csv.DictReader(
            io.StringIO(briefing("quotes", "Marwick", "--store", str(store), "--format", "csv").stdout)
        )
    )
    page = tmp_path / "marwick.html"
    briefing("timeline", "Lena Marwick", "--store", str(store), "--out", str(page))
    html = page.read_text("utf-8")
    assert html.count('class="tl-mark"') == len(rows)  # one mark per statement
    png = tmp_path / "marwick.png"
    briefing("timeline", "Lena Marwick", "--store", str(store), "--out", str(png))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _read_until(fd: int, needle: str, seen: list[str], timeout: float = 300) -> str:
    deadline = time.monotonic() + timeout
    while needle not in "".join(seen):
        assert time.monotonic() < deadline, "".join(seen)[-2000:]
        ready, _, _ = select.select([fd], [], [], 1)
        if ready:
            seen.append(os.read(fd, 65536).decode("utf-8", "replace"))
    text = "".join(seen)
    seen.clear()
    return text


def test_chat_answers_follow_ups_in_a_terminal(ingested: tuple[Path, str]) -> None:
    store, _ = ingested
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [*BRIEFING, "chat", "--store", str(store)], stdin=slave, stdout=slave, stderr=slave, env=ENV
    )
    os.close(slave)
    seen: list[str] = []
    try:
        _read_until(master, "> ", seen)
        os.write(master, b"What did Lena Marwick say?\n")
        first = _read_until(master, "\r\n> ", seen)
        assert "Lena Marwick (Kessmark Foreign Minister)" in first and "Sources:" in first
        os.write(master, b"did she mention the bridge?\n")
        follow = _read_until(master, "\r\n> ", seen)
        assert "(understood as: What did Lena Marwick say about the bridge?)" in follow
        assert "The bridge stays closed until the boats are gone" in follow
        os.write(master, b"/new\ndid she mention the bridge?\n")
        forgot = _read_until(master, "does not say", seen)
        assert "(new conversation)" in forgot
        os.write(master, b"\x04")  # Ctrl-D ends the conversation
        assert proc.wait(timeout=60) == 0
    finally:
        proc.kill()
        os.close(master)
