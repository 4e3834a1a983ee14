"""The one renderer: an :class:`~assistant.models.Answer`'s structure written out for people.

* :func:`answer_text` — the plain text with ``[n]`` markers that ``Answer.text`` holds;
* :func:`plain` — the CLI's text: the answer, then its numbered sources;
* :func:`markdown_lines` — the chat message (Markdown with our own ``[n]`` links);
* :func:`sources_html` — the chat's sources panel;
* :func:`clean_text` — what the copy button gives: quotes with speaker, article, outlet, date, path;
* :data:`EXPORTERS` — an answer as a file: Markdown, CSV, DOCX, JSON, text.

Safety and exactness: nothing from a document is ever handed to a Markdown or
HTML renderer as markup. Every document-derived string goes through
:func:`safe_md` (Markdown: each punctuation mark becomes a character reference,
so no emphasis, link, auto-link or math can form and the text shows word for
word) or :func:`html.escape` (HTML); the only markup is the renderer's own.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from assistant.models import Answer, Citation, Group
from ingest.text import normalise_space, paragraphs

if TYPE_CHECKING:
    from assistant.people import SpeakerInfo
    from ingest.store import DocRecord

# Every character that Markdown, HTML, auto-linking or math could read as syntax.
_MD_SPECIAL = re.compile(r"[^\w\s,'\"?]|_")


def safe_md(text: str) -> str:
    """Text made inert for a Markdown+HTML renderer: shown word for word, interpreted never.

    Punctuation becomes numeric character references, which the browser shows as
    the characters themselves after Markdown has run: no markup, no auto-link
    (``https://…`` keeps its exact spelling), no math (``$$x$$``).

    >>> safe_md('[a](x:y) $1')
    '&#91;a&#93;&#40;x&#58;y&#41; &#36;1'
    """
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text)


def _meta(group: Group, escape: Callable[[str], str] = str) -> str:
    meta = ", ".join(escape(b) for b in (group.outlet, group.date) if b)
    return f" ({meta})" if meta else ""


def _who(answer: Answer, c: Citation, escape: Callable[[str], str] = str) -> str:
    return f"{escape(c.speaker)}: " if answer.kind == "who" and c.speaker else ""


def answer_text(answer: Answer) -> str:
    """The answer as plain text with ``[n]`` markers (what ``Answer.text`` holds)."""
    lines = [answer.heading] if answer.heading else []
    for g in answer.groups:
        lines.append(f"**{g.title}**{_meta(g)}")
        lines.extend(f"- {_who(answer, c)}{normalise_space(c.passage)} [{c.n}]" for c in g.citations)
        lines.append("")
    if answer.sentences:
        lines.append(" ".join(s.text for s in answer.sentences))
    lines.extend(answer.listing)
    if answer.more:
        lines.append(more_line(answer))
    body = "\n".join(lines).strip()
    return "\n\n".join([*answer.notes, body])


def more_line(answer: Answer) -> str:
    """What a bounded answer left out: "… and 212 more." """
    return f"… and {answer.more} more."


def plain(answer: Answer) -> str:
    """The CLI's rendering: the answer, what failed verification, then the numbered sources."""
    lines = [answer.text + (" (`briefing ask --all` cites every one.)" if answer.more else "")]
    if answer.resolved_question and answer.resolved_question != answer.question:
        lines.insert(0, f"(understood as: {answer.resolved_question})\n")
    if answer.composer != "extractive":
        lines.insert(
            0, f"(written by {answer.composer}; every sentence verified against the cited passages)\n"
        )
    if answer.unsupported:
        lines.append(f"\nNot part of the answer — {len(answer.unsupported)} sentence(s) failed verification:")
        lines.extend(
            f"  x {normalise_space(u['sentence'])[:200]}  ({u['reason']})" for u in answer.unsupported
        )
    if answer.citations:
        lines.append("\nSources:")
        for c in answer.citations:
            lines.append(f"[{c.n}] {c.label()}, characters {c.start}-{c.end}")
            lines.append(f"    {c.source}")
    return "\n".join(lines)


def _marker(turn: int, n: int | str) -> str:
    return f'<a href="#src-{turn}-{n}" class="cite">[{n}]</a>'


def _unverified(answer: Answer) -> list[str]:
    """The model's sentences that failed verification: struck through, with the reason."""
    if not answer.unsupported:
        return []
    lines = [
        "",
        f"*Not shown as the answer — {len(answer.unsupported)} sentence(s) the model wrote failed verification:*",
    ]
    for u in answer.unsupported[:8]:
        lines.append(f"- ~~{safe_md(normalise_space(u['sentence'])[:300])}~~ ({safe_md(u['reason'])})")
    return lines


def markdown_lines(answer: Answer, turn: int) -> list[str]:
    """The chat message for an answer, as lines (streamed one by one); markers link to the sources."""
    lines: list[str] = []
    if answer.resolved_question and answer.resolved_question != answer.question:
        lines += [f"*Understood as: {safe_md(answer.resolved_question)}*", ""]
    if answer.composer.startswith("llm:"):
        written = " ".join(s.text for s in answer.sentences) or answer.text
        text = re.sub(r"&#91;(\d+)&#93;", lambda m: _marker(turn, m.group(1)), safe_md(written))
        lines += [f"✔ *Verified against the cited passages ({safe_md(answer.composer[4:])}):*", "", text]
        return lines + _unverified(answer)
    for note in answer.notes:
        lines += [f"*{safe_md(note)}*", ""]
    if answer.heading:
        lines.append(safe_md(answer.heading))
        if answer.groups:
            lines.append("")
    for i, g in enumerate(answer.groups):
        if i:
            lines.append("")  # or Markdown folds the title into the previous bullet
        lines.append(f"**{safe_md(g.title)}**{_meta(g, safe_md)}")
        lines.extend(
            f"- {_who(answer, c, safe_md)}{safe_md(normalise_space(c.passage))} {_marker(turn, c.n)}"
            for c in g.citations
        )
    lines.extend(safe_md(line) for line in answer.listing)
    if answer.more:
        lines += ["", f"*{safe_md(more_line(answer)[:-1])} — show all (the button below the chat)*"]
    return lines + _unverified(answer)


def _source_html(c: Citation, text: str, turn: int) -> str:
    para = next((p for p in paragraphs(text) if p.start <= c.start < p.end), None)
    lo, hi = (para.start, max(para.end, c.end)) if para else (c.start, c.end)
    body = (
        html.escape(text[lo : c.start])
        + "<mark>"
        + html.escape(text[c.start : c.end])
        + "</mark>"
        + html.escape(text[c.end : hi])
    )
    meta = " · ".join(
        html.escape(b) for b in (c.outlet, c.date, f"paragraph {c.paragraph}" if c.paragraph else None) if b
    )
    how = f" ({html.escape(c.kind)})" if c.kind else ""
    speaker = f'<div class="src-head">Speaker: {html.escape(c.speaker)}{how}</div>' if c.speaker else ""
    return (
        f'<div class="src" id="src-{turn}-{c.n}"><div class="src-head"><b>[{c.n}] {html.escape(c.title)}</b>'
        f'{" · " + meta if meta else ""}</div>{speaker}<p class="src-para">{body}</p>'
        f'<div class="src-file">{html.escape(c.source)} · characters {c.start}–{c.end} · '
        f'<a href="#" class="open-reader" data-open="{c.doc_id}:{c.start}:{c.end}">open in reader</a>'
        "</div></div>"
    )


def sources_html(answer: Answer | None, texts: Mapping[str, str], turn: int) -> str:
    """The sources panel: each citation's article, outlet, date and its passage marked in its paragraph.

    Args:
        answer: the latest answer (None before the first question).
        texts: article texts by doc id (at least those the answer cites).
        turn: the answer's number in the conversation (makes the anchors unique).
    """
    if answer is None:
        return "<p>Ask a question: the passages an answer cites appear here.</p>"
    if not answer.citations:
        return "<p>No passage is cited: the material does not answer this.</p>"
    return "\n".join(_source_html(c, texts.get(c.doc_id, ""), turn) for c in answer.citations)


def sources_panel(answers: Sequence[Answer], texts: Mapping[str, str]) -> str:
    """Every turn's sources, the latest first and open, earlier ones folded: old markers still work."""
    if not answers:
        return sources_html(None, texts, 0)
    parts = []
    for turn in range(len(answers), 0, -1):
        answer = answers[turn - 1]
        body = sources_html(answer, texts, turn)
        if turn == len(answers):
            parts.append(f'<div class="turn" id="turn-{turn}">{body}</div>')
        else:
            question = html.escape(answer.question or f"question {turn}")
            parts.append(
                f'<details class="turn" id="turn-{turn}"><summary>Earlier: {question}</summary>{body}</details>'
            )
    return "\n".join(parts)


def main_role(roles: Iterable[str]) -> str:
    """The most specific (longest) role a speaker is given, or ""."""
    return max((r for r in roles if r), key=len, default="")


def speaker_line(info: SpeakerInfo) -> str:
    """One line of ``briefing speakers``: count, name, role, other forms of the name."""
    d = info.to_dict()
    forms = ", ".join(f for f in d["forms"] if f != info.name)
    role = f" ({d['roles'][-1]})" if d["roles"] else ""
    return f"{info.statements:4d}  {info.name}{role}" + (f"  — also: {forms}" if forms else "")


def speaker_rows(speakers: Iterable[SpeakerInfo]) -> list[list[str]]:
    """Rows of the chat's speakers table: name, statements, role."""
    return [[s.name, str(s.statements), main_role(s.roles)] for s in speakers]


def one_line(text: str) -> str:
    r"""``text`` with control characters shown as escapes, so a name with a newline stays on one line.

    >>> one_line("a\nb.txt")
    'a\\nb.txt'
    """
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def document_line(r: DocRecord) -> str:
    """One line of ``briefing documents``."""
    return one_line(f"{r.doc_id}  {r.date or '----------'}  {r.title[:70]}  ({r.source})")


def document_rows(records: Iterable[DocRecord]) -> list[list[str]]:
    """Rows of the chat's documents table, newest first."""
    rows = sorted(records, key=lambda r: (r.date or "", r.title), reverse=True)
    return [[r.date or "", r.title, r.outlet or "", str(r.n_statements), r.doc_id] for r in rows]


def document_choices(records: Iterable[DocRecord]) -> list[tuple[str, str]]:
    """(label, doc id) pairs for a document picker, newest first."""
    ordered = sorted(records, key=lambda r: r.date or "", reverse=True)
    return [(f"{r.date or '—'} {r.title[:70]}", r.doc_id) for r in ordered]


# -- clean text and export formats ---------------------------------------------------------
EXPORT_COLUMNS = [
    "n",
    "quote",
    "speaker",
    "kind",
    "article",
    "outlet",
    "date",
    "source",
    "start",
    "end",
    "doc_id",
]


def statement_rows(answer: Answer) -> list[dict[str, str | int]]:
    """One row per cited passage: the quote exactly as stored, who said it, and where it stands."""
    return [
        {
            "n": c.n,
            "quote": c.passage,
            "speaker": c.speaker or (answer.speaker if answer.kind == "speaker" else None) or "",
            "kind": c.kind or "",
            "article": c.title,
            "outlet": c.outlet or "",
            "date": c.date or "",
            "source": c.source,
            "start": c.start,
            "end": c.end,
            "doc_id": c.doc_id,
        }
        for c in answer.citations
    ]


def _credit(row: Mapping[str, str | int]) -> str:
    return " · ".join(str(row[k]) for k in ("speaker", "article", "outlet", "date") if row[k])


def clean_text(answer: Answer) -> str:
    """What the copy button gives: the question, then each quote with its speaker, article, outlet,
    date and file — no Markdown, no HTML, no escapes."""
    out = [answer.resolved_question or answer.question] if answer.question else []
    if answer.heading:
        out.append(answer.heading)
    if not answer.citations:
        out.append(answer.text)
    for row in statement_rows(answer):
        out.append(f"[{row['n']}] \u201c{normalise_space(str(row['quote']))}\u201d")
        out.append(f"    \u2014 {_credit(row)}")
        out.append(f"    {row['source']}")
    return "\n".join(out) + "\n"


def to_markdown(answer: Answer) -> bytes:
    """The answer as a Markdown document: each quote as a block quote with its credit line."""
    out = [f"# {answer.resolved_question or answer.question or 'Answer'}", ""]
    if answer.heading:
        out += [answer.heading, ""]
    if not answer.citations:
        out += [answer.text, ""]
    for row in statement_rows(answer):
        out += [f"> {normalise_space(str(row['quote']))}", ">", f"> \u2014 {_credit(row)} [{row['n']}]", ""]
        out += [f"[{row['n']}]: <{row['source']}>", ""]
    return "\n".join(out).encode("utf-8")


def to_csv(answer: Answer) -> bytes:
    """One row per quote (``EXPORT_COLUMNS``), UTF-8 with a byte-order mark so spreadsheets read it."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_COLUMNS)
    writer.writeheader()
    writer.writerows(statement_rows(answer))
    return buffer.getvalue().encode("utf-8-sig")


def to_docx(answer: Answer) -> bytes:
    """The answer as a Word document: a heading, then each quote with its credit line."""
    import docx  # python-docx, imported only when a DOCX is asked for

    document = docx.Document()
    document.add_heading(answer.resolved_question or answer.question or "Answer", level=1)
    if answer.heading:
        document.add_paragraph(answer.heading)
    if not answer.citations:
        document.add_paragraph(answer.text)
    for row in statement_rows(answer):
        document.add_paragraph(normalise_space(str(row["quote"])), style="Intense Quote")
        document.add_paragraph(f"[{row['n']}] {_credit(row)}\n{row['source']}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_json(answer: Answer) -> bytes:
    """The answer with its citations, as ``briefing ask --json`` prints it."""
    return json.dumps(answer.to_dict(), indent=2, ensure_ascii=False).encode("utf-8")


# name -> function(answer) -> file content
EXPORTERS: dict[str, Callable[[Answer], bytes]] = {
    "md": to_markdown,
    "csv": to_csv,
    "docx": to_docx,
    "json": to_json,
    "text": lambda answer: plain(answer).encode("utf-8"),
}
