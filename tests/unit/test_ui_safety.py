"""Rendering helpers escape document text; uploads land only where the server chooses."""

from __future__ import annotations

from pathlib import Path

from assistant.models import Answer, Citation, Group
from assistant.render import markdown_lines, safe_md
from assistant.service import save_upload


def test_safe_md_leaves_no_markup() -> None:
    hostile = "<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) **b** `c`"
    out = safe_md(hostile)
    assert "<" not in out and ">" not in out.replace("&gt;", "")
    assert "](" not in out and "**" not in out and "`" not in out.replace("\\`", "")


def test_answer_markdown_escapes_titles_passages_and_speakers() -> None:
    c = Citation(
        n=1,
        doc_id="d",
        title="<b>T</b>",
        date="2026-01-01",
        source="s",
        start=0,
        end=5,
        passage="<img src=x onerror=alert(1)>",
        outlet="[o](javascript:x)",
        speaker="<i>X</i>",
    )
    group = Group("d", c.title, c.outlet, c.date, [c])
    answer = Answer(text="", citations=[c], kind="who", heading="<u>H</u>", groups=[group])
    lines = markdown_lines(answer, turn=1)
    joined = "\n".join(lines)
    assert "<b>" not in joined and "<img" not in joined and "<i>" not in joined and "<u>" not in joined
    assert '<a href="#src-1-1" class="cite">[1]</a>' in joined  # our own marker is the only markup


def test_uploads_get_server_chosen_names_inside_the_store(tmp_path: Path) -> None:
    evil = tmp_path / "in" / "..%2F..%2Fetc%2Fpasswd.txt"
    evil.parent.mkdir()
    evil.write_text("A harbour chief said the port is open.", "utf-8")
    uploads = tmp_path / "store" / "uploads"
    target, reason = save_upload(evil, uploads, max_bytes=1000)
    assert reason == "" and target is not None
    assert target.parent == uploads and target.suffix == ".txt" and "passwd" not in target.name
    assert save_upload(evil, uploads, max_bytes=5)[1].startswith("is 0.0 MB, over the 0 MB limit")
    exe = tmp_path / "in" / "tool.exe"
    exe.write_bytes(b"MZ")
    assert save_upload(exe, uploads, max_bytes=1000)[1].startswith("unsupported file type '.exe'")
