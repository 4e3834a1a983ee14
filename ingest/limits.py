"""Resource bounds of one file: its size, what it unpacks to, its text and its chunks.

Each bound is checked *before* the work it protects: the file's size before it
is read, a DOCX's declared uncompressed sizes (from the zip's central
directory, which :mod:`zipfile` then enforces while reading) before
python-docx opens it, the extracted text's length before it is chunked, and
the number of chunks before anything is embedded. A file over a bound is that
file's named failure; the run goes on.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.errors import LoadError

if TYPE_CHECKING:
    from ingest.settings import Settings


@dataclass(frozen=True, slots=True)
class Limits:
    """The per-file bounds (see the ``max_*`` settings)."""

    max_bytes: int = 20_000_000
    max_unpacked_bytes: int = 50_000_000
    max_text_chars: int = 2_000_000
    max_chunks: int = 5_000

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        """The bounds ``settings`` configure."""
        return cls(
            max_bytes=int(settings.max_file_mb * 1_000_000),
            max_unpacked_bytes=int(settings.max_unpacked_mb * 1_000_000),
            max_text_chars=settings.max_text_chars,
            max_chunks=settings.max_chunks,
        )


def check_zip(data: bytes, limits: Limits) -> None:
    """Refuse a zip (DOCX) whose members would unpack to more than the bound.

    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("word/document.xml", "x" * 5_000)
    >>> check_zip(buf.getvalue(), Limits(max_unpacked_bytes=1_000))
    Traceback (most recent call last):
    ...
    ingest.errors.LoadError: unpacks to 0.0 MB, over the 0 MB limit (a zip bomb?; raise BRIEFING_MAX_UNPACKED_MB to allow it)
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            declared = sum(max(info.file_size, 0) for info in z.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as e:
        raise LoadError(f"could not read the DOCX file (not a valid zip: {e})") from e
    if declared > limits.max_unpacked_bytes:
        raise LoadError(
            f"unpacks to {declared / 1e6:.1f} MB, over the {limits.max_unpacked_bytes / 1e6:.0f} MB limit "
            "(a zip bomb?; raise BRIEFING_MAX_UNPACKED_MB to allow it)"
        )


def check_text(chars: int, limits: Limits) -> None:
    """Refuse extracted text longer than the bound (checked before chunking)."""
    if chars > limits.max_text_chars:
        raise LoadError(
            f"has {chars:,} characters of text, over the {limits.max_text_chars:,} limit "
            "(raise BRIEFING_MAX_TEXT_CHARS to allow it)"
        )


def check_chunks(count: int, limits: Limits) -> None:
    """Refuse an article that would make more chunks than the bound (checked before embedding)."""
    if count > limits.max_chunks:
        raise LoadError(
            f"makes {count:,} chunks, over the {limits.max_chunks:,} limit "
            "(raise BRIEFING_MAX_CHUNKS to allow it)"
        )
