"""The chat's two views of the library as HTML: the article reader and a speaker's timeline.

* :func:`reader_html` — an article's metadata, its speakers and its text, the
  chosen passage marked (``#reader-hit``) so that the page scrolls it into view;
* :func:`timeline_svg` — a speaker's statements by date, one mark per statement,
  one lane per article; hovering a mark shows its quote, clicking it opens the
  reader (the marks carry ``data-open``, which the page's script hands to the
  reader); :func:`timeline_html` wraps it as a standalone page for
  ``briefing timeline --out file.html``.

Document text is always escaped; the only markup is ours.
"""

from __future__ import annotations

import html
from datetime import date
from typing import TYPE_CHECKING

from ingest.text import normalise_space

if TYPE_CHECKING:
    from assistant.models import Answer
    from assistant.service import Article

_e = html.escape


def open_target(doc_id: str, start: int = 0, end: int = 0) -> str:
    """What a link hands to the reader: ``doc_id:start:end``."""
    return f"{doc_id}:{start}:{end}"


def parse_target(target: str) -> tuple[str, int, int]:
    """The inverse of :func:`open_target` (anything after the third field is ignored).

    >>> parse_target("ab12:5:9:7")
    ('ab12', 5, 9)
    """
    doc_id, _, rest = (target or "").partition(":")
    bits = [*rest.split(":"), "0", "0"][:2]
    start, end = (int(b) if b.isdigit() else 0 for b in bits)
    return doc_id, start, end


def reader_html(article: Article, start: int = 0, end: int = 0) -> str:
    """The reader: title, outlet, date, file and speakers, then the text with ``[start, end)`` marked."""
    r, text = article.record, article.text
    meta = " · ".join(_e(b) for b in (r.outlet, r.date, r.author) if b)
    who = ", ".join(_e(s) for s in article.speakers) or "no one is quoted by name"
    if 0 <= start < end <= len(text):
        body = f'{_e(text[:start])}<mark id="reader-hit">{_e(text[start:end])}</mark>{_e(text[end:])}'
    else:
        body = _e(text)
    return (
        f'<div class="reader"><h3 class="reader-title">{_e(r.title)}</h3>'
        f'<div class="reader-meta">{meta}</div>'
        f'<div class="reader-meta">Speakers: {who}</div>'
        f'<div class="src-file">{_e(r.source)} · {_e(r.doc_id)}</div>'
        f'<div class="reader-text">{body}</div></div>'
    )


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def timeline_svg(answer: Answer, width: int = 640) -> str:
    """One mark per cited statement of ``answer``, x by date, one lane per article (dated ones only)."""
    dated = [(d, c) for c in answer.citations if (d := _day(c.date)) is not None]
    if not dated:
        return '<p class="timeline-empty">No dated statement to plot.</p>'
    lanes: list[str] = []
    for _, c in sorted(dated, key=lambda dc: (dc[0], dc[1].doc_id)):
        if c.doc_id not in lanes:
            lanes.append(c.doc_id)
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    span = max((last - first).days, 1)
    left, right, lane_h = 130, 20, 26
    height = 40 + lane_h * len(lanes)
    x_of = lambda d: left + (width - left - right) * (d - first).days / span  # noqa: E731
    parts = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 {width} {height}"'
        f' role="img" aria-label="{_e(answer.speaker or "")} statements by date">'
    ]
    for i, doc_id in enumerate(lanes):
        y = 20 + lane_h * i + lane_h / 2
        title = next(c.title for _, c in dated if c.doc_id == doc_id)
        parts.append(f'<line class="tl-lane" x1="{left}" x2="{width - right}" y1="{y}" y2="{y}"/>')
        parts.append(f'<text class="tl-label" x="4" y="{y + 4}">{_e(title[:20])}</text>')
    seen: dict[str, int] = {}
    for d, c in dated:
        i = lanes.index(c.doc_id)
        nth = seen[c.doc_id] = seen.get(c.doc_id, -1) + 1
        x, y = x_of(d) + 5 * nth, 20 + lane_h * i + lane_h / 2
        quote = f"{d.isoformat()} · {c.title}\n\u201c{normalise_space(c.passage)}\u201d"
        parts.append(
            f'<circle class="tl-mark" cx="{x:.1f}" cy="{y}" r="6" data-open="{_e(open_target(c.doc_id, c.start, c.end))}">'
            f"<title>{_e(quote)}</title></circle>"
        )
    parts.append(_axis(first, last, height, left, width - right))
    return "".join(parts) + "</svg>"


def _axis(first: date, last: date, height: int, x0: int, x1: int) -> str:
    y = height - 8
    ends = [(x0, first.isoformat(), "start")] + ([(x1, last.isoformat(), "end")] if last != first else [])
    return "".join(f'<text class="tl-axis" x="{x}" y="{y}" text-anchor="{a}">{t}</text>' for x, t, a in ends)


TIMELINE_STYLE = """
.tl-lane { stroke: #9aa4b1; stroke-width: 1; }
.tl-label, .tl-axis { font: 11px sans-serif; fill: currentColor; }
.tl-mark { fill: #1f6feb; stroke: #fff; stroke-width: 1.5; cursor: pointer; }
.tl-mark:hover { fill: #d1242f; }
"""


def timeline_html(answer: Answer, heading: str) -> str:
    """A standalone page (``briefing timeline --out x.html``): the plot, then every quote listed."""
    items = "".join(
        f"<li>{_e(c.date or 'undated')} · <b>{_e(c.title)}</b>: \u201c{_e(normalise_space(c.passage))}\u201d</li>"
        for c in answer.citations
    )
    plots = timeline_svg(answer, 900)
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{_e(heading)}</title>'
        f"<style>body{{font-family:sans-serif;max-width:960px;margin:2em auto}}{TIMELINE_STYLE}</style>"
        f"</head><body><h1>{_e(heading)}</h1>{plots}<ol>{items}</ol></body></html>"
    )


def timeline_png(answer: Answer, heading: str, width: int = 900) -> bytes:
    """The timeline as a PNG (drawn with Pillow): a heading, one lane per article, one dot per statement."""
    import io

    from PIL import Image, ImageDraw

    dated = sorted(
        ((d, c) for c in answer.citations if (d := _day(c.date)) is not None), key=lambda dc: dc[0]
    )
    lanes = list(dict.fromkeys(c.doc_id for _, c in dated))
    height = 70 + 26 * max(len(lanes), 1)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((10, 8), heading, fill="black")
    if dated:
        first, last = dated[0][0], dated[-1][0]
        span, left, right = max((last - first).days, 1), 150, width - 20
        for i, doc_id in enumerate(lanes):
            y = 45 + 26 * i
            draw.line((left, y, right, y), fill="#9aa4b1")
            draw.text((10, y - 6), next(c.title for _, c in dated if c.doc_id == doc_id)[:22], fill="black")
        seen: dict[str, int] = {}
        for d, c in dated:
            nth = seen[c.doc_id] = seen.get(c.doc_id, -1) + 1
            x = left + (right - left) * (d - first).days / span + 5 * nth
            y = 45 + 26 * lanes.index(c.doc_id)
            draw.ellipse((x - 5, y - 5, x + 5, y + 5), fill="#1f6feb", outline="white")
        draw.text((left, height - 18), first.isoformat(), fill="black")
        draw.text((right - 70, height - 18), last.isoformat(), fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
