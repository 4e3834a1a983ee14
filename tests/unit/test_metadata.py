"""Uploaded PDF and DOCX files get a real title and date, never a placeholder or a template's date."""

from __future__ import annotations

from pathlib import Path

from ingest.loaders import load_bytes
from tests import bad_inputs


def test_docx_template_date_is_not_a_publication_date() -> None:
    data = bad_inputs.docx_bytes("Ferry talks resume", "The talks resumed on Monday, an official said.")
    art = load_bytes(data, Path("3f2a9c1b.docx"), name="ferry-talks.docx")
    assert art.date is None  # python-docx's template says 2013-12-23
    assert art.title == "Ferry talks resume"  # the heading, as no title was set
    assert art.name == "ferry-talks.docx"


def test_docx_dateline_and_title_from_the_document() -> None:
    data = bad_inputs.docx_bytes(
        "Ferry talks resume",
        "GENEVA, 5 March 2026 — The talks resumed, an official said.",
        title="Ferry talks",
    )
    art = load_bytes(data, Path("x.docx"))
    assert (art.title, art.date) == ("Ferry talks", "2026-03-05")


def test_untitled_pdf_takes_its_first_line() -> None:
    art = load_bytes(bad_inputs.pdf_bytes(title="untitled"), Path("a.pdf"))
    assert art.title == bad_inputs.GOOD_TEXT


def test_date_and_outlet_from_the_users_file_name_not_the_stored_one() -> None:
    data = bad_inputs.docx_bytes("Notes from the talks, an aide said.")
    art = load_bytes(data, Path("0f0f.docx"), name="reuters_2016-03-01_notes.docx")
    assert art.date == "2016-03-01" and art.outlet == "reuters"
