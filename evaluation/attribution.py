"""The "what did X say?" benchmark of ``shared/eval/README.md``, on a PolNeAR-format folder.

Gold: ``attributions/NAME_XXXX.ann`` (brat standoff; the first annotator file per
article is used). A source counts as *named* when its span ends in a
capitalised word that is not a pronoun ("Donald Trump", "Mr. Obama", "The New
York Post"; not "he", "a source" or "the Trump campaign"). Speakers are grouped
by that last word, the surname. A question "What did <First Last> say?" is asked
for each group with 2–20 attributions that is a person: some source of it is a
plain "First Last" (or "First M. Last") or a title and the surname ("Mr.
McKinley", "Sen. Graham"); the person is asked for by full name. Groups introduced by a determiner or quantifier ("The Post",
"Many Democrats") and
groups whose last word is an organisation's ("Yahoo News") or a plural group noun
("Democrats", "Lithuanian Americans") are left out. The
full name comes from plain "First Last" source spans or, for people quoted as
"Mr. McKinley", from the articles' text; the most frequent form is asked.

Scores per question, macro-averaged:

* recall — share of the group's gold statements whose content is ≥ 60 % covered
  by the cited passages;
* precision — share of cited sentences that overlap a gold attribution (source,
  cue or content) of the group, or one whose source is a bare pronoun; a
  question answered with no citation scores 0;
* verbatim — share of cited passages found verbatim (white space normalised)
  in the article they cite;
* mean characters cited per answer.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.lexicon import ORG_HEADS
from ingest.text import normalise_space, sentences

PRONOUNS = frozenset(
    [
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "him",
        "her",
        "them",
        "his",
        "hers",
        "its",
        "their",
        "who",
        "which",
        "that",
        "this",
    ]
)
# Words that look like a first name in "X Surname" but are not one.
_NOT_FIRST_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "many",
        "some",
        "one",
        "several",
        "other",
        "another",
        "fellow",
        "black",
        "new",
        "north",
        "south",
        "most",
        "all",
        "few",
        "mr",
        "mrs",
        "ms",
        "dr",
        "president",
        "sen",
        "senator",
        "gov",
        "governor",
        "rep",
        "secretary",
        "general",
        "chief",
        "justice",
        "judge",
        "mayor",
        "minister",
        "former",
        "vice",
        "speaker",
        "leader",
        "said",
        "says",
        "told",
        "when",
        "while",
        "but",
        "and",
        "if",
        "as",
        "by",
        "for",
        "from",
        "in",
        "of",
        "on",
        "to",
        "with",
        "after",
        "about",
    ]
)
_GROUP_NOUN = re.compile(r"(?:ans|ats|ists|ers)$|^Republican$|^Democrat$")  # "Democrats", "Americans"
_TITLED = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|President|Secretary|Gen)\.? [A-Z][\w'’-]+$")
_FULL_NAME = re.compile(r"^[A-Z][a-z]+(?: [A-Z]\.)? [A-Z][\w'’-]+$")


@dataclass(slots=True)
class Attribution:
    """One gold attribution of one article."""

    article: str
    source: str
    spans: list[tuple[int, int]]  # source, cue and content spans
    content: list[tuple[int, int]]


@dataclass(slots=True)
class Question:
    """One benchmark question and its gold."""

    name: str
    surname: str
    gold: list[Attribution]

    @property
    def text(self) -> str:
        return f"What did {self.name} say?"


@dataclass(slots=True)
class Cited:
    """A cited passage as the scorer needs it."""

    article: str  # file stem
    start: int
    end: int
    passage: str


@dataclass(slots=True)
class Score:
    """Scores of one system on the benchmark."""

    system: str
    recall: float
    precision: float
    verbatim: float
    mean_chars: float
    others: float = 0.0  # share of answers that carry another named person's words
    per_question: list[dict[str, object]] = field(default_factory=list)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


# Where a source's name ends and its description begins: "Geoff Garin, a pollster", "Kerry (D-Mass.)".
_APPOSITIVE = re.compile(r",|\s[-–—]+\s|\s\(|\s(?:who|which|whose)\s")


def surname(source: str) -> str | None:
    """The grouping key of a source span, or None when the span is not a name.

    >>> surname("Clinton campaign spokesman Brian Fallon"), surname("he"), surname("The Trump campaign")
    ('Fallon', None, None)
    >>> surname("Mr. Obama's")
    'Obama'
    >>> surname("Geoff Garin, a Democratic pollster working for Priorities USA")  # the head, not the appositive
    'Garin'
    """
    head = _APPOSITIVE.split(source.strip(), maxsplit=1)[0]
    words = re.findall(r"[\w][\w.’'-]*", head or source)
    if not words:
        return None
    last = re.sub(r"[’']s$", "", words[-1]).rstrip(".")
    if not last[:1].isupper() or last.lower() in PRONOUNS:
        return None
    return last if not last.isupper() or len(last) <= 4 else last.title()  # "PENCE:" in a transcript is Pence


def _spans(field_: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (part.split() for part in field_.split(";"))]


def load_gold(folder: Path) -> dict[str, list[Attribution]]:
    """Gold attributions by article stem."""
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    gold: dict[str, list[Attribution]] = {}
    for stem, ann in chosen.items():
        spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
        out = []
        for line in ann.read_text("utf-8").splitlines():
            if line.startswith("T") and line.count("\t") >= 2:  # a span's text may run over lines
                tid, mid, text = line.split("\t", 2)
                kind, _, ranges = mid.partition(" ")
                spans[tid] = (kind, _spans(ranges), text)
            elif line.startswith("E"):
                parts = dict(p.split(":", 1) for p in line.split("\t")[1].split()[1:])
                if "Source" not in parts or parts["Source"] not in spans:
                    continue
                content = spans[parts["Content"]][1] if parts.get("Content") in spans else []
                every = [
                    s
                    for role in ("Source", "Cue", "Content")
                    if parts.get(role) in spans
                    for s in spans[parts[role]][1]
                ]
                out.append(Attribution(stem, spans[parts["Source"]][2], every, content))
        gold[stem] = out
    return gold


def questions(gold: dict[str, list[Attribution]], texts: dict[str, str]) -> list[Question]:
    """The benchmark questions (see the module docstring for the rules)."""
    groups: dict[str, list[Attribution]] = defaultdict(list)
    for attributions in gold.values():
        for a in attributions:
            key = surname(a.source)
            if key is not None:
                groups[key].append(a)
    out = []
    for key, attributions in sorted(groups.items()):
        if not 2 <= len(attributions) <= 20 or key.lower() in ORG_HEADS or _GROUP_NOUN.search(key):
            continue
        forms: Counter[str] = Counter()
        full = re.compile(rf"\b([A-Z][a-z]+(?: [A-Z]\.)? {re.escape(key)})\b")
        person = False
        for a in attributions:
            plain = " ".join(a.source.split())
            if (
                _FULL_NAME.match(plain)
                and plain.endswith(key)
                and plain.split()[0].lower() not in _NOT_FIRST_NAMES
            ):
                forms[plain] += 1
                person = True
            person = person or bool(_TITLED.match(plain))
        if not person:
            continue
        for article in sorted({a.article for a in attributions}):
            forms.update(full.findall(texts.get(article, "")))
        forms = Counter({f: n for f, n in forms.items() if f.split()[0].lower() not in _NOT_FIRST_NAMES})
        if forms:
            out.append(Question(forms.most_common(1)[0][0], key, attributions))
    return out


def _covered(span: tuple[int, int], cited: list[tuple[int, int]]) -> int:
    a, b = span
    marks = bytearray(b - a)
    for s, e in cited:
        for i in range(max(a, s), min(b, e)):
            marks[i - a] = 1
    return sum(marks)


def _overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def score(
    system: str,
    answer: Callable[[str], list[Cited]],
    qs: list[Question],
    gold: dict[str, list[Attribution]],
    texts: dict[str, str],
) -> Score:
    """Ask every question of ``answer`` and score the citations."""
    recalls, precisions, verbatims, chars, others = [], [], [], [], []
    rows: list[dict[str, object]] = []
    for q in qs:
        cited = answer(q.text)
        by_article: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for c in cited:
            by_article[c.article].append((c.start, c.end))
        hits = 0
        for a in q.gold:
            total = sum(e - s for s, e in a.content)
            got = sum(_covered(sp, by_article[a.article]) for sp in a.content)
            hits += bool(total) and got / total >= 0.6
        recall = hits / len(q.gold)
        good = total_sents = 0
        for c in cited:
            text = texts.get(c.article, "")
            theirs = [
                s
                for a in gold.get(c.article, [])
                if surname(a.source) == q.surname or a.source.strip().lower() in PRONOUNS
                for s in a.spans
            ]
            for sent in sentences(text, c.start, c.end) or []:
                total_sents += 1
                good += _overlaps((sent.start, sent.end), theirs)
        precision = good / total_sents if total_sents else 0.0
        others.append(_carries_others(cited, q, gold, texts))
        verbatim = [normalise_space(c.passage) in normalise_space(texts.get(c.article, "")) for c in cited]
        recalls.append(recall)
        precisions.append(precision)
        verbatims.extend(verbatim)
        chars.append(sum(len(c.passage) for c in cited))
        rows.append(
            {
                "question": q.text,
                "gold": len(q.gold),
                "recall": recall,
                "precision": precision,
                "cited": len(cited),
                "others": others[-1],
            }
        )
    return Score(
        system=system,
        recall=statistics.fmean(recalls),
        precision=statistics.fmean(precisions),
        verbatim=statistics.fmean(verbatims) if verbatims else 0.0,
        mean_chars=statistics.fmean(chars),
        others=statistics.fmean(others) if others else 0.0,
        per_question=rows,
    )


def _carries_others(
    cited: list[Cited], q: Question, gold: dict[str, list[Attribution]], texts: dict[str, str]
) -> bool:
    """Whether an answer cites a sentence that only other named people are reported to have said.

    A gold source is the asked person's when its span holds their surname as a word ("Sen.
    Lindsey Graham (R-S.C.)"), or a bare pronoun (it may be them); another named person's
    when it names someone and not them.
    """
    theirs_word = re.compile(rf"\b{re.escape(q.surname)}\b", re.IGNORECASE)
    for c in cited:
        mine, theirs = [], []
        for a in gold.get(c.article, []):
            if theirs_word.search(a.source) or a.source.strip().lower() in PRONOUNS:
                mine += a.spans
            elif surname(a.source) is not None:
                theirs += a.spans
        for sent in sentences(texts.get(c.article, ""), c.start, c.end):
            span = (sent.start, sent.end)
            if _overlaps(span, theirs) and not _overlaps(span, mine):
                return True
    return False


def table(scores: list[Score], n_questions: int) -> str:
    """The results as a Markdown table."""
    lines = [
        f"{n_questions} questions",
        "",
        "| system | recall | precision | F1 | verbatim | answers with others' words | mean characters cited |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for s in scores:
        lines.append(
            f"| {s.system} | {s.recall:.3f} | {s.precision:.3f} | {s.f1:.3f} | {s.verbatim:.3f} "
            f"| {s.others:.3f} | {s.mean_chars:.0f} |"
        )
    return "\n".join(lines)


def run(
    folder: Path, store: object, *, naive_workdir: Path | None = None, settings: object = None
) -> tuple[list[Score], list[Question]]:
    """Score briefing (and the naive pipeline when a workdir is given) on ``folder``, with ``settings``."""
    from evaluation.systems import briefing_system, naive_system

    gold = load_gold(folder)
    texts = {p.stem: p.read_text("utf-8") for p in (folder / "text").glob("*.txt")}
    qs = questions(gold, texts)
    scores = [score("briefing", briefing_system(store, settings), qs, gold, texts)]
    if naive_workdir is not None:
        files = sorted((folder / "text").glob("*.txt"))
        scores.append(score("naive LangChain top-4", naive_system(files, naive_workdir), qs, gold, texts))
    return scores, qs
