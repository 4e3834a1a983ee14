"""Loaders: metadata from headers, exact text, and a named reason for every bad file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.errors import LoadError
from ingest.loaders import load
from tests.conftest import EXAMPLES, SEED


def test_seed_article_date_header_is_metadata_not_body() -> None:
    art = load(next(SEED.glob("*.txt")))
    assert art.date == "2022-02-17"
    assert art.body.of(art.text).startswith("NATO Secretary-General Jens Stoltenberg")
    assert art.text == next(SEED.glob("*.txt")).read_text("utf-8")  # offsets are file offsets


def test_markdown_front_matter(tmp_path: Path) -> None:
    art = load(EXAMPLES / "01-halden-bridge-closed.md")
    assert art.title.startswith("Kessmark closes Halden Bridge")
    assert (art.date, art.outlet) == ("2026-03-02", "Meridian Wire")
    assert art.body.of(art.text).startswith("Kessmark closed the Halden Bridge")


def test_text_key_value_header() -> None:
    art = load(EXAMPLES / "04-council-session.txt")
    assert (art.date, art.outlet) == ("2026-03-06", "The Harbour Ledger")
    assert art.title == "Council of Coastal States calls emergency session on the Varenna Strait"
    assert "FICTIONAL" not in art.body.of(art.text)


def test_headline_first_line_and_date_in_file_name(tmp_path: Path) -> None:
    f = tmp_path / "apnews_2016-10-01_some-slug.txt"
    f.write_text("A Headline Here.\n\nBody text, said someone.\n", "utf-8")
    art = load(f)
    assert (art.title, art.date, art.outlet) == ("A Headline Here.", "2016-10-01", "apnews")


def test_html_uses_article_text_and_metadata() -> None:
    art = load(EXAMPLES / "06-drovnia-radar-logs.html")
    assert art.title.startswith("Drovnia publishes radar logs")
    assert art.date == "2026-03-09"
    assert "Home | World" not in art.text
    assert "If Kessmark has different data" in art.text


def test_docx(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.core_properties.title = "Docx briefing"
    d.add_paragraph("First paragraph, she said.")
    d.add_paragraph("")
    d.add_paragraph("Second paragraph.")
    d.save(str(tmp_path / "a.docx"))
    art = load(tmp_path / "a.docx")
    assert art.title == "Docx briefing"
    assert art.text == "First paragraph, she said.\n\nSecond paragraph."


def _pdf(path: Path, text: str | None) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.setTitle("Pdf briefing")
    if text:
        c.drawString(72, 720, text)
    else:
        c.rect(72, 600, 200, 100, fill=1)  # a picture and no text layer, like a scan
    c.save()


def test_pdf_with_text(tmp_path: Path) -> None:
    _pdf(tmp_path / "a.pdf", "The minister said the talks would resume.")
    art = load(tmp_path / "a.pdf")
    assert art.title == "Pdf briefing"
    assert "The minister said the talks would resume." in art.text


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.md", b"\n  \n", "has no text"),
        ("binary.txt", b"\x00\x01\x02PNG\x00" * 10, "looks binary"),
        ("latin1.txt", "Caf\u00e9 cr\u00e8me, he said.".encode("latin-1"), "is not valid UTF-8"),
        ("image.jpg", b"\xff\xd8\xff", "unsupported file type '.jpg'"),
        ("broken.pdf", b"%PDF-1.4 not really", "could not read the PDF"),
        ("broken.docx", b"PK not a zip", "could not read the DOCX"),
    ],
)
def test_bad_files_have_named_reasons(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    f = tmp_path / name
    f.write_bytes(content)
    with pytest.raises(LoadError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        load(f)


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    _pdf(tmp_path / "scan.pdf", None)
    with pytest.raises(LoadError, match="no text layer"):
        load(tmp_path / "scan.pdf")


def test_too_large(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_text("word " * 1000, "utf-8")
    with pytest.raises(LoadError, match="over the 0 MB limit"):
        load(f, max_bytes=100)
