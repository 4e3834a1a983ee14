"""Loaders: turn one file into an :class:`Article` (text plus metadata), or say why not.

Plain text and Markdown keep the file's own characters as the article text, so
offsets in citations are offsets into the file as decoded from UTF-8. Headers
(``date 2022-02-17`` lines, ``key value`` lines, YAML-style front matter) are
read for metadata and kept out of the article *body*, which is what gets
chunked. HTML (via trafilatura), PDF (pypdf) and DOCX (python-docx) are
extracted to plain text with paragraphs separated by blank lines.

Non-UTF-8 text is refused rather than guessed at: a wrong guess would corrupt
the very quotes this tool exists to cite verbatim.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path

from ingest.errors import LoadError
from ingest.lexicon import HEADLINE_MAX_CHARS
from ingest.text import Span, content_hash, normalise_space, paragraphs, sentences, strip_span

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
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

    @property
    def doc_id(self) -> str:
        """Content hash of the article text: equal texts are one document."""
        return content_hash(self.text)


def _valid_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` when ``value`` holds a real calendar date, else None."""
    if not value:
        return None
    m = _ISO_DATE.search(value)
    if not m:
        return None
    try:
        return Date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192]:
        raise LoadError("looks binary (contains NUL bytes), not a text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise LoadError(
            f"is not valid UTF-8 (bad byte 0x{data[e.start]:02x} at offset {e.start}); "
            "save it as UTF-8 and ingest again"
        ) from e


def _first_sentence_title(text: str, body: Span) -> str:
    found = sentences(text, body.start, body.end)
    if not found:
        return ""
    title = normalise_space(found[0].of(text))
    return title if len(title) <= 100 else title[:99].rstrip() + "…"


def _headline(text: str, body: Span) -> str | None:
    """The first paragraph when it looks like a headline: one short line, more text after."""
    paras = paragraphs(text, body.start, body.end)
    if len(paras) < 2:
        return None
    first = paras[0].of(text)
    if "\n" in first or len(first) > HEADLINE_MAX_CHARS:
        return None
    return first.lstrip("# ").strip() or None


def _text_article(text: str, path: Path, kind: str, file_sha: str) -> Article:
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
    title = meta.get("title") or _headline(text, body) or _first_sentence_title(text, body)
    return Article(
        text=text,
        body=body,
        title=title,
        source=str(path),
        kind=kind,
        file_sha=file_sha,
        date=_valid_date(meta.get("date")) or _valid_date(path.name),
        outlet=meta.get("outlet") or meta.get("publisher") or meta.get("source") or _outlet_from_name(path),
        author=meta.get("author") or meta.get("byline"),
    )


def _outlet_from_name(path: Path) -> str | None:
    m = _OUTLET_IN_NAME.match(path.name)
    return m.group(1) if m else None


def _paragraph_article(
    parts: list[str], path: Path, kind: str, file_sha: str, meta: dict[str, str | None]
) -> Article:
    """An article from extracted paragraphs, joined by blank lines."""
    cleaned = [normalise_space(p) for p in parts]
    text = "\n\n".join(p for p in cleaned if p)
    if not text.strip():
        raise LoadError("has no text")
    body = Span(0, len(text))
    return Article(
        text=text,
        body=body,
        title=(meta.get("title") or "").strip() or _first_sentence_title(text, body),
        source=str(path),
        kind=kind,
        file_sha=file_sha,
        date=_valid_date(meta.get("date")) or _valid_date(path.name),
        outlet=meta.get("outlet") or _outlet_from_name(path),
        author=meta.get("author"),
    )


def _load_html(data: bytes, path: Path, file_sha: str) -> Article:
    import trafilatura

    html = _decode(data, path.name)
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise LoadError("no article text found in the HTML page")
    meta: dict[str, str | None] = {
        "title": getattr(doc, "title", None),
        "date": getattr(doc, "date", None),
        "outlet": getattr(doc, "sitename", None),
        "author": getattr(doc, "author", None),
    }
    return _paragraph_article(text.split("\n"), path, "html", file_sha, meta)


def _load_pdf(data: bytes, path: Path, file_sha: str) -> Article:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PdfReadError, ValueError, KeyError, OSError) as e:
        raise LoadError(f"could not read the PDF ({e})") from e
    if not "".join(pages).strip():
        raise LoadError("the PDF has no text layer (a scanned image?); run OCR on it first")
    parts: list[str] = []
    for page in pages:
        # pypdf gives one line per printed line; a blank line or an indented start marks a paragraph.
        parts.extend(re.split(r"\n\s*\n", page))
    created = info.creation_date.date().isoformat() if info and info.creation_date else None
    meta: dict[str, str | None] = {
        "title": info.title if info else None,
        "author": info.author if info else None,
        "date": created,
    }
    return _paragraph_article(parts, path, "pdf", file_sha, meta)


def _load_docx(data: bytes, path: Path, file_sha: str) -> Article:
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise LoadError(f"could not read the DOCX file ({e})") from e
    props = document.core_properties
    meta: dict[str, str | None] = {
        "title": props.title,
        "author": props.author,
        "date": props.created.date().isoformat() if props.created else None,
    }
    return _paragraph_article([p.text for p in document.paragraphs], path, "docx", file_sha, meta)


def _load_text(data: bytes, path: Path, file_sha: str) -> Article:
    kind = "md" if path.suffix.lower() in (".md", ".markdown") else "txt"
    return _text_article(_decode(data, path.name), path, kind, file_sha)


_LOADERS: dict[str, Callable[[bytes, Path, str], Article]] = {
    ".txt": _load_text,
    ".md": _load_text,
    ".markdown": _load_text,
    ".html": _load_html,
    ".htm": _load_html,
    ".pdf": _load_pdf,
    ".docx": _load_docx,
}


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


def load_bytes(data: bytes, path: Path, file_sha: str | None = None) -> Article:
    """Parse ``data`` read from ``path`` into an article."""
    loader = _LOADERS.get(path.suffix.lower())
    if loader is None:
        raise LoadError(f"unsupported file type '{path.suffix}'")
    return loader(data, path, file_sha or content_hash(data))


def load(path: Path, max_bytes: int = 20_000_000) -> Article:
    """Load one file; raises :class:`LoadError` with the reason when it cannot."""
    check_file(path, max_bytes)
    return load_bytes(path.read_bytes(), path)
