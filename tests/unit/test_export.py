"""Clean copy text and export files from one answer; verbatim Markdown; the reader and timeline HTML."""

from __future__ import annotations

import csv
import io
import json

from assistant.models import Answer, Group
from assistant.progress import Progress
from assistant.render import EXPORTERS, clean_text, safe_md
from assistant.views import parse_target, reader_html, timeline_svg
from tests.conftest import make_citation

URL = "https://www.reuters.com/world/europe/a_b-c?x=1&y=2"
CITES = [
    make_citation(
        n=1,
        doc_id="d1",
        title="Talks stall",
        date="2026-03-02",
        source="/a/talks.md",
        passage=f'Ana Ruiz said "it is over" ({URL}) $$x^2$$.',
        outlet="Coast Wire",
        speaker="Ana Ruiz",
    ),
    make_citation(
        n=2, doc_id="d2", title="Talks resume", date="2026-03-09", source="/a/b.md", passage="Yes, she said."
    ),
]


def answer() -> Answer:
    return Answer(
        text="…",
        citations=CITES,
        question="What did Ana Ruiz say?",
        kind="speaker",
        speaker="Ana Ruiz",
        groups=[Group(c.doc_id, c.title, c.outlet, c.date, [c]) for c in CITES],
    )


def test_clean_text_has_quote_speaker_article_outlet_date_and_path_and_no_markup() -> None:
    text = clean_text(answer())
    assert f'[1] \u201cAna Ruiz said "it is over" ({URL}) $$x^2$$.\u201d' in text
    assert "\u2014 Ana Ruiz · Talks stall · Coast Wire · 2026-03-02" in text
    assert "/a/talks.md" in text and "\u2014 Ana Ruiz · Talks resume · 2026-03-09" in text
    assert "<a" not in text and "\\" not in text and "**" not in text


def test_csv_reads_back_one_row_per_quote() -> None:
    rows = list(csv.DictReader(io.StringIO(EXPORTERS["csv"](answer()).decode("utf-8-sig"))))
    assert [r["quote"] for r in rows] == [c.passage for c in CITES]
    assert rows[0]["speaker"] == "Ana Ruiz" and rows[1]["date"] == "2026-03-09"


def test_markdown_json_and_docx_carry_the_quotes() -> None:
    md = EXPORTERS["md"](answer()).decode()
    assert md.startswith("# What did Ana Ruiz say?") and "> Yes, she said." in md
    assert json.loads(EXPORTERS["json"](answer()))["citations"][0]["passage"] == CITES[0].passage
    import docx

    doc = docx.Document(io.BytesIO(EXPORTERS["docx"](answer())))
    texts = [p.text for p in doc.paragraphs]
    assert CITES[0].passage in texts and texts[0] == "What did Ana Ruiz say?"


def test_safe_md_leaves_urls_and_math_untouched_for_the_eye() -> None:
    import html

    out = safe_md(f"{URL} $$x^2$$ **b**")
    assert html.unescape(out) == f"{URL} $$x^2$$ **b**"  # what the browser shows
    assert "://" not in out and "$" not in out and "*" not in out and "\\" not in out


def test_timeline_has_one_mark_per_dated_statement_each_opening_the_reader() -> None:
    svg = timeline_svg(answer())
    assert svg.count('class="tl-mark"') == 2
    assert 'data-open="d1:0:1"' in svg and "&lt;" not in svg.split("<title>")[0]
    assert parse_target("d1:0:1:99") == ("d1", 0, 1)


def test_reader_marks_the_passage_and_escapes_the_text() -> None:
    from assistant.service import Article
    from ingest.store import DocRecord

    text = "Intro <b>x</b>.\n\nShe said it is over."
    article = Article(DocRecord("d1", "/a.md", "T <i>", "md", "sha"), text, [(17, 37, "Ana Ruiz")])
    out = reader_html(article, 17, 37)
    assert '<mark id="reader-hit">She said it is over.</mark>' in out
    assert "&lt;b&gt;" in out and "<i>" not in out and "Speakers: Ana Ruiz" in out


class _Result:
    def __init__(self, path: str, status: str = "added", reason: str = "") -> None:
        self.path, self.status, self.reason = path, status, reason


def test_progress_writes_plain_lines_with_an_eta_after_the_first_files() -> None:
    out, now = io.StringIO(), [100.0]
    progress = Progress(out, tty=False, clock=lambda: now[0])
    progress.start(4)
    for i in range(3):
        now[0] += 10
        progress.result(_Result(f"f{i}.md"))
    progress.result(_Result("bad.pdf", "failed", "encrypted"))
    progress.result(_Result("nowhere", "failed", "no such file or folder"))
    lines = out.getvalue().splitlines()
    assert lines == [
        "ingesting 4 file(s)",
        "[1/4] added: f0.md",
        "[2/4] added: f1.md · ETA 20s",
        "[3/4] added: f2.md · ETA 10s",
        "[4/4] failed: bad.pdf: encrypted",
        "failed: nowhere: no such file or folder",
    ]


def test_progress_on_a_terminal_rewrites_one_line_and_keeps_failures() -> None:
    out = io.StringIO()
    progress = Progress(out, tty=True, clock=lambda: 0.0)
    progress.start(2)
    progress.result(_Result("/very/long/" + "x" * 300 + "/a.md"))
    progress.result(_Result("b.pdf", "failed", "encrypted"))
    progress.close()
    text = out.getvalue()
    assert "\r\x1b[K[1/2] added: …" in text and "/a.md" in text
    assert max(len(part) for part in text.split("\r\x1b[K")) < 120  # fits a terminal row
    assert "\r\x1b[K[2/2] failed: b.pdf: encrypted\n" in text
