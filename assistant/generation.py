"""The LLM composer: a model writes the answer from numbered passages; only what verifies is shown.

The passages are the extractive answer's citations (verbatim sentences with
their article, date and speaker), so the model works from the same evidence a
user would see. Its answer goes through :mod:`assistant.verify`; verified
sentences become the answer, with their markers renumbered to the passages they
cite. When nothing verifies, the extractive answer is returned and says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from langchain_core.language_models import BaseChatModel

from assistant.llm import load_prompt
from assistant.models import Answer, Citation, Sentence
from assistant.render import answer_text
from assistant.verify import verify
from ingest.errors import LLMError
from ingest.text import normalise_space

FALLBACK_NOTE = (
    "The model's answer could not be verified against the passages; here are the passages themselves."
)
_MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")


def format_passages(citations: Sequence[Citation]) -> str:
    """Numbered, delimited passages: data for the model, never instructions.

    >>> c = Citation(n=1, doc_id="d", title="T", date="2022-02-17", source="s", start=0, end=3, passage="Hi.")
    >>> print(format_passages([c]))
    <passage id="1" article="T" date="2022-02-17">
    Hi.
    </passage>
    """
    out = []
    for c in citations:
        attrs = f'id="{c.n}" article="{_attr(c.title)}" date="{c.date or "unknown"}"'
        if c.speaker:
            attrs += f' speaker="{_attr(c.speaker)}"'
        body = c.passage.replace("</passage", "</ passage")  # a document cannot close its own fence
        out.append(f"<passage {attrs}>\n{body}\n</passage>")
    return "\n".join(out)


def _attr(text: str) -> str:
    return normalise_space(text.replace('"', "'").replace("<", "‹").replace(">", "›"))


class LLMComposer:
    """Writes answers with a chat model and keeps only the verified sentences."""

    def __init__(self, model: BaseChatModel, name: str) -> None:
        self.model = model
        self.name = name
        self.answer_prompt = load_prompt("answer", {"passages", "question"})
        self.condense_prompt = load_prompt("condense", {"previous_question", "previous_answer", "question"})

    def _run(self, messages: list, on_token: Callable[[str], None] | None) -> str:
        try:
            if on_token is None:
                return str(self.model.invoke(messages).content)
            parts = []
            for chunk in self.model.stream(messages):
                text = str(chunk.content)
                parts.append(text)
                on_token(text)
            return "".join(parts)
        except Exception as e:  # network, server and model errors all surface here
            raise LLMError(f"the model ({self.name}) failed: {e}") from e

    def condense(self, question: str, previous_question: str, previous_answer: str) -> str | None:
        """A stand-alone version of a follow-up question, or None when the model's reply is unusable."""
        messages = self.condense_prompt.messages(
            question=question, previous_question=previous_question, previous_answer=previous_answer[:1500]
        )
        reply = self._run(messages, None).strip().splitlines()
        line = reply[0].strip().strip('"') if reply else ""
        return line if 3 < len(line) <= 300 else None

    def compose(self, extractive: Answer, on_token: Callable[[str], None] | None = None) -> Answer:
        """The model's verified answer, or ``extractive`` (marked as a fallback) when nothing verifies."""
        if not extractive.citations:
            return extractive  # nothing to ground an answer on: say so, without asking the model
        messages = self.answer_prompt.messages(
            passages=format_passages(extractive.citations), question=extractive.resolved_question
        )
        raw = self._run(messages, on_token)
        checked = verify(raw, [c.passage for c in extractive.citations])
        unsupported = [{"sentence": s.text, "reason": s.reason} for s in checked.unsupported]
        if not checked.verified:
            fallback = replace(extractive, notes=[FALLBACK_NOTE], fallback=True, unsupported=unsupported)
            fallback.text = answer_text(fallback)
            return fallback
        numbering: dict[int, int] = {}
        for s in checked.verified:
            for n in s.cites:
                numbering.setdefault(n, len(numbering) + 1)

        def renumber(m: re.Match[str]) -> str:
            return "[" + ", ".join(str(numbering[int(n)]) for n in re.split(r"\s*,\s*", m.group(1))) + "]"

        written = [
            Sentence(_MARKER.sub(renumber, s.text), [numbering[n] for n in s.cites]) for s in checked.verified
        ]
        citations = [
            replace(extractive.citations[old - 1], n=new)
            for old, new in sorted(numbering.items(), key=lambda kv: kv[1])
        ]
        answer = replace(
            extractive,
            citations=citations,
            composer=f"llm:{self.name}",
            heading="",
            groups=[],
            sentences=written,
            listing=[],
            verified=True,
            unsupported=unsupported,
        )
        answer.text = answer_text(answer)
        return answer
