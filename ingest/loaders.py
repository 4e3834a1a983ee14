"""Loaders: turn one file into an :class:`Article` (text plus metadata), or say why not.

Plain text and Markdown keep the file's own characters as the article text, so
offsets in citations are offsets into the file as decoded from UTF-8. Headers
(``date 2022-02-17`` lines, ``key value`` lines, YAML-style front matter) are
read for metadata and kept out of the article *body*, which is what gets
chunked. HTML (via trafilatura), PDF (pypdf) and DOCX (python-docx) are
extracted to plain text with paragraphs separated by blank lines.

Text is UTF-8 (or UTF-16/UTF-32 with a byte-order mark); anything else is
refused rather than guessed at: a wrong guess would corrupt the very quotes
this tool exists to cite verbatim.

Every loader is isolated: whatever a parser raises on a malformed file becomes
a :class:`LoadError` naming the file's problem (:func:`load_bytes`), and the
bounds of :mod:`ingest.limits` are checked before the work they protect.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import LoadError
from ingest.limits import Limits, check_text, check_zip
from ingest.metadata import choose_date, first_sentence_title, headline, meaningful_title, valid_date
from ingest.text import Span, content_hash, normalise_space, strip_span

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")

_INLINE_DATE = re.compile(r"[ \t\ufeff]*date:?[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
_HEADER_LINE = re.compile(
    r"[ \t\ufeff]*(title|outlet|publisher|source|author|byline|note)[ \t]*:?[ \t]+(\S[^\n]*)\n",
    re.IGNORECASE,
)
_FRONT_MATTER = re.compile(r"\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.DOTALL)
# PolNeAR-style file names: outlet_YYYY-MM-DD_slug
_OUTLET_IN_NAME = re.compile(r"^([a-z][a-z-]+)_\d{4}-\d{2}-\d{2}_")


@dataclass(slots=True)
class Article:
    """One article: its text and what is known about it."""

    text: str
    body: Span
    title: str
    source: str
    kind: str
    file_sha: str
    date: str | None = None
    outlet: str | None = None
    author: str | None = None
    name: str = ""  # the file name the user knows (an upload's original name)

    @property
    def doc_id(self) -> str:
        """Content hash of the article text: equal texts are one document."""
        return content_hash(self.text)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode(data: bytes, name: str) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as e:
                raise LoadError(f"is not valid {codec.upper()} (bad bytes at offset {e.start})") from e
    if b"\x00" in data[:8192]:
        raise LoadError("looks binary (contains NUL bytes), not a text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise LoadError(
            f"is not valid UTF-8 (bad byte 0x{data[e.start]:02x} at offset {e.start}); "
            "save it as UTF-8 and ingest again"
        ) from e


def _text_article(text: str, path: Path, kind: str, file_sha: str, name: str) -> Article:
    meta: dict[str, str] = {}
    pos = 0
    fm = _FRONT_MATTER.match(text)
    if fm:
        for line in fm.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip():
                meta[key.strip().lower()] = value.strip().strip("\"'")
        pos = fm.end()
    else:
        while True:
            m = _INLINE_DATE.match(text, pos)
            if m:
                meta["date"] = m.group(1)
                pos = m.end()
                if pos < len(text) and text[pos] == "\n":
                    pos += 1
                continue
            m = _HEADER_LINE.match(text, pos)
            if m:
                meta[m.group(1).lower()] = m.group(2).strip()
                pos = m.end()
                continue
            break
    body = strip_span(text, pos, len(text))
    if body.end <= body.start:
        raise LoadError("has no text" if not meta else "has a header but no article text")
    title = meta.get("title") or headline(text, body) or first_sentence_title(text, body) or name
    return Article(
        text=text,
        body=body,
        title=title,
        source=str(path),
        kind=kind,
        file_sha=file_sha,
        date=valid_date(meta.get("date")) or valid_date(name),
        outlet=meta.get("outlet") or meta.get("publisher") or meta.get("source") or _outlet_from_name(name),
        author=meta.get("author") or meta.get("byline"),
        name=name,
    )


def _outlet_from_name(name: str) -> str | None:
    m = _OUTLET_IN_NAME.match(name)
    return m.group(1) if m else None


@dataclass(slots=True)
class _Source:
    """What a loader is given: the bytes, where they were read, and the bounds."""

    data: bytes
    path: Path
    file_sha: str
    name: str
    limits: Limits


def _paragraph_article(parts: list[str], src: _Source, kind: str, meta: dict[str, str | None]) -> Article:
    """An article from extracted paragraphs, joined by blank lines; title and date chosen with care."""
    check_text(sum(len(p) for p in parts), src.limits)
    cleaned = [normalise_space(p) for p in parts]
    text = "\n\n".join(p for p in cleaned if p)
    if not text.strip():
        raise LoadError("has no text")
    body = Span(0, len(text))
    title = (
        meaningful_title(meta.get("title"))
        or headline(text, body)
        or first_sentence_title(text, body)
        or src.name
    )
    return Article(
        text=text,
        body=body,
        title=title,
        source=str(src.path),
        kind=kind,
        file_sha=src.file_sha,
        date=choose_date(meta.get("date"), text, src.name),
        outlet=meta.get("outlet") or _outlet_from_name(src.name),
        author=meta.get("author"),
        name=src.name,
    )


# An HTML page is an article only if some paragraph has this many words (a menu has none).
_ARTICLE_MIN_WORDS = 5


def _load_html(src: _Source) -> Article:
    import trafilatura

    html = _decode(src.data, src.name)
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not any(len(line.split()) >= _ARTICLE_MIN_WORDS for line in text.split("\n")):
        raise LoadError("no article text found in the HTML page (only navigation or a few words)")
    meta: dict[str, str | None] = {
        "title": getattr(doc, "title", None),
        "date": getattr(doc, "date", None),
        "outlet": getattr(doc, "sitename", None),
        "author": getattr(doc, "author", None),
    }
    return _paragraph_article(text.split("\n"), src, "html", meta)


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf reports recoverable damage as log records and warnings; keep them off the user's stderr."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _open_pdf(data: bytes) -> object:
    """A pypdf reader, decrypted when the PDF is encrypted with an empty password."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except DependencyError as e:
            raise LoadError("is an encrypted PDF and the 'cryptography' package is missing") from e
        if not opened:
            raise LoadError("is a password-protected PDF; save a copy without a password and ingest that")
    return reader


def _load_pdf(src: _Source) -> Article:
    from pypdf.errors import PdfReadError

    with _quiet_pypdf():
        try:
            reader = _open_pdf(src.data)
            pages: list[str] = []
            for page in reader.pages:  # type: ignore[attr-defined]
                pages.append(page.extract_text() or "")
                check_text(sum(len(p) for p in pages), src.limits)  # stop extracting once over
            info = reader.metadata  # type: ignore[attr-defined]
            created = info.creation_date.date().isoformat() if info and info.creation_date else None
            meta: dict[str, str | None] = {
                "title": info.title if info else None,
                "author": info.author if info else None,
                "date": created,
            }
        except (PdfReadError, ValueError, KeyError, OSError) as e:
            raise LoadError(f"could not read the PDF ({e})") from e
    if not "".join(pages).strip():
        raise LoadError("the PDF has no text layer (a scanned image?); run OCR on it first")
    parts: list[str] = []
    for page in pages:
        # pypdf gives one line per printed line; a blank line or an indented start marks a paragraph.
        parts.extend(re.split(r"\n\s*\n", page))
    return _paragraph_article(parts, src, "pdf", meta)


def _load_docx(src: _Source) -> Article:
    import zipfile

    import docx

    check_zip(src.data, src.limits)  # before python-docx unpacks anything
    try:
        document = docx.Document(io.BytesIO(src.data))
        props = document.core_properties
        meta: dict[str, str | None] = {
            "title": props.title,
            "author": props.author,
            "date": props.created.date().isoformat() if props.created else None,
        }
        parts = [p.text for p in document.paragraphs]
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise LoadError(f"could not read the DOCX file ({e})") from e
    return _paragraph_article(parts, src, "docx", meta)


def _load_text(src: _Source) -> Article:
    kind = "md" if src.path.suffix.lower() in (".md", ".markdown") else "txt"
    text = _decode(src.data, src.name)
    check_text(len(text), src.limits)
    return _text_article(text, src.path, kind, src.file_sha, src.name)


_LOADERS: dict[str, Callable[[_Source], Article]] = {
    ".txt": _load_text,
    ".md": _load_text,
    ".markdown": _load_text,
    ".html": _load_html,
    ".htm": _load_html,
    ".pdf": _load_pdf,
    ".docx": _load_docx,
}
_KINDS = {".htm": "HTML", ".html": "HTML", ".pdf": "PDF", ".docx": "DOCX"}


def check_file(path: Path, max_bytes: int) -> None:
    """Raise :class:`LoadError` for files refused before reading them."""
    suffix = path.suffix.lower()
    if suffix not in _LOADERS:
        raise LoadError(f"unsupported file type '{suffix or '(none)'}' (supported: {', '.join(SUPPORTED)})")
    size = path.stat().st_size
    if size == 0:
        raise LoadError("is empty")
    if size > max_bytes:
        raise LoadError(
            f"is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit "
            "(raise BRIEFING_MAX_FILE_MB to allow it)"
        )


def load_bytes(
    data: bytes,
    path: Path,
    file_sha: str | None = None,
    *,
    limits: Limits | None = None,
    name: str | None = None,
) -> Article:
    """Parse ``data`` read from ``path`` into an article, or raise :class:`LoadError` saying why not.

    Args:
        data: the file's bytes.
        path: where they were read (the article's ``source``).
        file_sha: hash of ``data`` when already computed.
        limits: the per-file bounds (default: the defaults of :class:`Limits`).
        name: the file name users know it by (default: ``path``'s name).
    """
    suffix = path.suffix.lower()
    loader = _LOADERS.get(suffix)
    if loader is None:
        raise LoadError(f"unsupported file type '{path.suffix}'")
    src = _Source(data, path, file_sha or content_hash(data), name or path.name, limits or Limits())
    try:
        return loader(src)
    except LoadError:
        raise
    except RecursionError as e:
        raise LoadError(f"could not read the {_KINDS.get(suffix, 'text')} file (nested too deeply)") from e
    except MemoryError as e:
        raise LoadError(f"could not read the {_KINDS.get(suffix, 'text')} file (out of memory)") from e
    except Exception as e:  # a parser's own bug or an unforeseen malformation: this file's failure only
        kind = _KINDS.get(suffix, "text")
        raise LoadError(f"could not read the {kind} file ({type(e).__name__}: {str(e)[:200]})") from e


def load(path: Path, max_bytes: int = 20_000_000, *, limits: Limits | None = None) -> Article:
    """Load one file; raises :class:`LoadError` with the reason when it cannot."""
    limits = limits or Limits(max_bytes=max_bytes)
    check_file(path, limits.max_bytes)
    return load_bytes(path.read_bytes(), path, limits=limits)
