"""Title and date of an extracted (PDF, DOCX, HTML) article, chosen so that a placeholder is never shown.

A document's own metadata is used when it is meaningful; otherwise the head of
its text (a dateline, a headline), otherwise the file's name — for an upload,
the name the user gave it, not the content-hash name it is stored under.

Not meaningful: a title such as "untitled", "Microsoft Word - draft.docx" or a
file name; a date that is python-docx's template date (2013-12-23), that is
more than a year before the latest year the text mentions (a template's or an
old file's creation date), or that the text's own dateline contradicts.
"""

from __future__ import annotations

import re
from datetime import date as Date

from ingest.lexicon import HEADLINE_MAX_CHARS
from ingest.text import Span, normalise_space, paragraphs, sentences

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTHS = _MONTH.strip("()").lower().split("|")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}}) {_MONTH},? (\d{{4}})\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH} (\d{{1,2}}),? (\d{{4}})\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_PLACEHOLDER_TITLE = re.compile(
    r"^(untitled.*|title|document\s*\d*|microsoft (word|powerpoint) - .*|.*\.(docx?|pdf|txt|html?|md))$",
    re.IGNORECASE,
)
TEMPLATE_DATES = frozenset({"2013-12-23"})  # python-docx's default template
_HEAD_CHARS = 600  # a dateline is looked for this far into the text


def valid_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` when ``value`` holds a real calendar date, else None.

    >>> valid_date("reuters_2016-03-01_x.txt"), valid_date("2016-02-30")
    ('2016-03-01', None)
    """
    if not value:
        return None
    m = _ISO_DATE.search(value)
    if not m:
        return None
    return _date(m[1], m[2], m[3])


def _date(year: str, month: str | int, day: str) -> str | None:
    try:
        return Date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def dateline(text: str) -> str | None:
    """A date written near the start of the text ("5 March 2026", "March 5, 2026", "2026-03-05").

    >>> dateline("Talks resume\\n\\nGENEVA, March 5, 2026 — The talks resumed.")
    '2026-03-05'
    """
    head = text[:_HEAD_CHARS]
    found: list[tuple[int, str | None]] = []
    if m := _ISO_DATE.search(head):
        found.append((m.start(), _date(m[1], m[2], m[3])))
    if m := _DAY_MONTH_YEAR.search(head):
        found.append((m.start(), _date(m[3], _MONTHS.index(m[2].lower()) + 1, m[1])))
    if m := _MONTH_DAY_YEAR.search(head):
        found.append((m.start(), _date(m[3], _MONTHS.index(m[1].lower()) + 1, m[2])))
    dates = [d for _, d in sorted(found) if d]
    return dates[0] if dates else None


def meaningful_date(value: str | None, text: str) -> str | None:
    """The metadata date ``value`` unless it is a template's, far before the content, or contradicted.

    >>> meaningful_date("2013-12-23", "Talks resumed.")
    >>> meaningful_date("2019-01-01", "In 2026 the talks resumed.")
    >>> meaningful_date("2026-03-01", "In 2026 the talks resumed.")
    '2026-03-01'
    """
    found = valid_date(value)
    if found is None or found in TEMPLATE_DATES:
        return None
    years = [int(y) for y in _YEAR.findall(text[:20_000])]
    if years and int(found[:4]) < max(years) - 1:
        return None
    written = dateline(text)
    if written is not None and written != found:
        return None
    return found


def choose_date(value: str | None, text: str, name: str) -> str | None:
    """Metadata date when meaningful, else the text's dateline, else a date in the file name."""
    return meaningful_date(value, text) or dateline(text) or valid_date(name)


def meaningful_title(value: str | None) -> str | None:
    """``value`` unless it is blank or a placeholder.

    >>> meaningful_title("untitled"), meaningful_title("Microsoft Word - draft.docx")
    (None, None)
    >>> meaningful_title("  Talks resume ")
    'Talks resume'
    """
    title = normalise_space(value or "")
    if not title or _PLACEHOLDER_TITLE.match(title):
        return None
    return title


def first_sentence_title(text: str, body: Span) -> str:
    """The body's first sentence, shortened to 100 characters."""
    found = sentences(text, body.start, body.end)
    if not found:
        return ""
    title = normalise_space(found[0].of(text))
    return title if len(title) <= 100 else title[:99].rstrip() + "…"


def headline(text: str, body: Span) -> str | None:
    """The first paragraph when it looks like a headline: one short line, more text after."""
    paras = paragraphs(text, body.start, body.end)
    if len(paras) < 2:
        return None
    first = paras[0].of(text)
    if "\n" in first or len(first) > HEADLINE_MAX_CHARS:
        return None
    return first.lstrip("# ").strip() or None
