"""Fuzzing the loaders with hypothesis: whatever the bytes, the only exception is a named LoadError.

Mutations of real PDF, DOCX (bytes and XML), HTML and text files. Bounded to
about two minutes in all (``max_examples`` per loader, no deadline per example).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.errors import LoadError
from ingest.limits import Limits
from ingest.loaders import load_bytes
from tests import bad_inputs

pytestmark = pytest.mark.slow
_FUZZ = settings(
    max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck), database=None, derandomize=True
)
_LIMITS = Limits(max_unpacked_bytes=5_000_000, max_text_chars=200_000)
PDF = bad_inputs.pdf_bytes("The minister said (the talks) would resume <soon> & then stop.")
DOCX = bad_inputs.docx_bytes(
    "Ferry talks resume", "The talks resumed on Monday, an official said.", title="T"
)
HTML = (
    Path(__file__).resolve().parents[2] / "examples" / "briefings" / "06-drovnia-radar-logs.html"
).read_bytes()


def _only_named_failures(data: bytes, name: str) -> None:
    try:
        article = load_bytes(data, Path(name), limits=_LIMITS)
    except LoadError as e:
        assert str(e)  # a reason a person can read
        return
    assert article.text[article.body.start : article.body.end].strip()


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` with a few bytes flipped, a slice cut out, or a slice repeated."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["flip", "cut", "repeat", "truncate"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        width = draw(st.integers(1, 64))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[at : at + width]
        elif kind == "repeat":
            data[at:at] = data[at : at + width] * draw(st.integers(1, 20))
        else:
            del data[at:]
    return bytes(data)


def _with_document_xml(xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(DOCX)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, xml if info.filename == "word/document.xml" else src.read(info))
    return out.getvalue()


with zipfile.ZipFile(io.BytesIO(DOCX)) as _z:
    DOCUMENT_XML = _z.read("word/document.xml")


@_FUZZ
@given(mutated(PDF))
def test_pdf(data: bytes) -> None:
    _only_named_failures(data, "f.pdf")


@_FUZZ
@given(mutated(DOCX))
def test_docx_bytes(data: bytes) -> None:
    _only_named_failures(data, "f.docx")


@_FUZZ
@given(mutated(DOCUMENT_XML))
def test_docx_xml(xml: bytes) -> None:
    _only_named_failures(_with_document_xml(xml), "f.docx")


@_FUZZ
@given(mutated(HTML))
def test_html(data: bytes) -> None:
    _only_named_failures(data, "f.html")


@_FUZZ
@given(st.binary(max_size=2_000) | mutated(bad_inputs.utf16_text()))
def test_text(data: bytes) -> None:
    _only_named_failures(data, "f.md")
