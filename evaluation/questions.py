"""The question benchmark of issue 9: the questions analysts ask, scored right / partly / wrong.

``evaluation/questions.jsonl`` holds the questions, one JSON object per line:
``id``, ``split`` (``dev`` to tune on, ``held-out`` not to), ``kind`` (``who``,
``topic``, ``name``, ``date``, ``number``, ``compare``, ``overview``,
``follow-up``, ``unanswerable``), ``question``, optional ``history`` (earlier
questions of the conversation, asked first), ``gold`` (passages a right answer
must cite: the article as ``dev/NAME``, ``train/NAME``, ``seed/NAME`` or
``sample/FILE``, and a verbatim substring of it, or ``""`` for any passage of
that article; empty for questions the material does not answer) and optional
``need`` (``all``, or how many gold passages must be cited; default one).

Grading one answer:

* *right* — it cites at least ``need`` gold passages (a citation overlaps the
  substring), and at least half its citations are in gold articles; an
  unanswerable question is right when nothing is cited;
* *partly* — it cites some gold passage but is not right;
* *wrong* — it cites no gold passage; *confidently wrong* when it still cites
  something (it cites passages and none is relevant).

The corpus ingested is polnear-dev, the seed, the sample and the polnear-train
articles the questions name plus every fifth train article as distractors
(about 220 articles), so a run takes minutes. The naive LangChain top-4
pipeline of :mod:`evaluation.attribution` answers the same questions from the
same texts in the same run (it has no conversation, so a follow-up is asked
alone).
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evaluation.attribution import Cited
from evaluation.systems import naive_system

QUESTIONS = Path(__file__).with_name("questions.jsonl")
REPO = Path(__file__).resolve().parents[1]
KINDS = ("who", "topic", "name", "date", "number", "compare", "overview", "follow-up", "unanswerable")
VERDICTS = ("right", "partly", "wrong")
# Every n-th polnear-train article is ingested as a distractor.
DISTRACTOR_STEP = 5

System = Callable[[str, list[str]], list[Cited]]


@dataclass(frozen=True, slots=True)
class Gold:
    """A passage a right answer cites: an article key and a verbatim substring ("" = any passage)."""

    doc: str
    text: str


@dataclass(slots=True)
class Item:
    """One benchmark question."""

    id: str
    split: str
    kind: str
    question: str
    gold: list[Gold]
    history: list[str] = field(default_factory=list)
    need: int | str = 1

    @property
    def needed(self) -> int:
        """How many gold passages a right answer cites."""
        return len(self.gold) if self.need == "all" else int(self.need)


def load(path: Path = QUESTIONS) -> list[Item]:
    """The questions of a JSON-lines file."""
    items = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            raw = json.loads(line)
            items.append(
                Item(
                    id=raw["id"],
                    split=raw["split"],
                    kind=raw["kind"],
                    question=raw["question"],
                    gold=[Gold(g["doc"], g["text"]) for g in raw["gold"]],
                    history=list(raw.get("history", [])),
                    need=raw.get("need", 1),
                )
            )
    return items


def corpus(shared: Path, items: list[Item], repo: Path = REPO) -> dict[str, Path]:
    """The files to ingest, by article key: dev, seed, sample, and the train articles needed plus distractors."""
    files: dict[str, Path] = {}
    for p in sorted((shared / "eval" / "polnear-dev" / "text").glob("*.txt")):
        files[f"dev/{p.stem}"] = p
    for p in sorted((shared / "corpus" / "seed").glob("*.txt")):
        files[f"seed/{p.stem}"] = p
    for p in sorted((repo / "examples" / "briefings").iterdir()):
        files[f"sample/{p.name}"] = p
    train = sorted((shared / "eval" / "polnear-train" / "text").glob("*.txt"))
    needed = {g.doc for item in items for g in item.gold if g.doc.startswith("train/")}
    for i, p in enumerate(train):
        if i % DISTRACTOR_STEP == 0 or f"train/{p.stem}" in needed:
            files[f"train/{p.stem}"] = p
    missing = needed - files.keys()
    if missing:
        raise FileNotFoundError(f"gold articles not found under {shared}: {sorted(missing)}")
    return files


@dataclass(slots=True)
class Graded:
    """The verdict on one answer."""

    item: Item
    verdict: str
    confidently_wrong: bool
    cited: int
    chars: int


def gold_spans(item: Item, texts: dict[str, str]) -> list[tuple[str, int, int]]:
    """Each gold passage as (article, start, end) in the article's stored text."""
    spans = []
    for g in item.gold:
        text = texts[g.doc]
        start = text.find(g.text) if g.text else 0
        if start < 0:
            raise ValueError(f"{item.id}: {g.text!r} is not in {g.doc}")
        spans.append((g.doc, start, start + len(g.text) if g.text else len(text)))
    return spans


def grade(item: Item, cited: list[Cited], texts: dict[str, str]) -> Graded:
    """Right, partly or wrong (see the module docstring)."""
    chars = sum(len(c.passage) for c in cited)
    if not item.gold:
        verdict = "right" if not cited else "wrong"
        return Graded(item, verdict, bool(cited), len(cited), chars)
    spans = gold_spans(item, texts)
    hit = [any(c.article == d and c.start < e and s < c.end for c in cited) for d, s, e in spans]
    gold_docs = {d for d, _, _ in spans}
    on_topic = sum(c.article in gold_docs for c in cited)
    if sum(hit) >= item.needed and on_topic * 2 >= len(cited):
        verdict = "right"
    else:
        verdict = "partly" if any(hit) else "wrong"
    return Graded(item, verdict, verdict == "wrong" and bool(cited), len(cited), chars)


def briefing_system(store: Path, settings: Any, key_of: dict[str, str]) -> System:
    """``assistant.ask`` with the conversation's earlier questions as history."""
    from assistant.service import ask

    def answer(question: str, history: list[str]) -> list[Cited]:
        turns: list[Any] = []
        for earlier in history:
            turns.append(ask(earlier, store, history=turns, settings=settings))
        result = ask(question, store, history=turns, settings=settings)
        return [
            Cited(key_of.get(str(Path(c.source).resolve()), c.source), c.start, c.end, c.passage)
            for c in result.citations
        ]

    return answer


def naive(texts: dict[str, str], workdir: Path) -> System:
    """The naive LangChain top-4 pipeline over the same texts (conversation ignored)."""
    folder = workdir / "texts"
    folder.mkdir(parents=True)
    for key, text in texts.items():
        (folder / (key.replace("/", "__") + ".txt")).write_text(text, "utf-8")
    ask = naive_system(sorted(folder.glob("*.txt")), workdir / "chroma")

    def answer(question: str, history: list[str]) -> list[Cited]:
        return [Cited(c.article.replace("__", "/", 1), c.start, c.end, c.passage) for c in ask(question)]

    return answer


def score(system: System, items: list[Item], texts: dict[str, str]) -> list[Graded]:
    """Ask every question of ``system`` and grade the answers."""
    return [grade(item, system(item.question, item.history), texts) for item in items]


def table(results: dict[str, list[Graded]], split: str | None = None) -> str:
    """Right / partly / wrong per kind and overall, one column pair per system, as Markdown."""
    names = list(results)
    lines = [
        "| kind | n | " + " | ".join(f"{n}: right / partly / wrong" for n in names) + " |",
        "| --- | --- | " + " | ".join("---" for _ in names) + " |",
    ]
    rows = {n: [g for g in results[n] if split is None or g.item.split == split] for n in names}
    for kind in (*KINDS, "all"):
        cells = []
        for n in names:
            graded = [g for g in rows[n] if kind == "all" or g.item.kind == kind]
            counts = Counter(g.verdict for g in graded)
            share = counts["right"] / len(graded) if graded else 0.0
            cells.append(f"{share:.0%} ({counts['right']} / {counts['partly']} / {counts['wrong']})")
        total = sum(1 for g in rows[names[0]] if kind == "all" or g.item.kind == kind)
        label = f"**{kind}**" if kind == "all" else kind
        lines.append(f"| {label} | {total} | " + " | ".join(cells) + " |")
    for title, figure in (
        ("confidently wrong", lambda gs: f"{sum(g.confidently_wrong for g in gs) / max(len(gs), 1):.1%}"),
        ("mean characters cited", lambda gs: f"{sum(g.chars for g in gs) / max(len(gs), 1):.0f}"),
    ):
        lines.append(f"| {title} | | " + " | ".join(figure(rows[n]) for n in names) + " |")
    return "\n".join(lines)


def report(results: dict[str, list[Graded]]) -> str:
    """The tables for the development half, the held-out half and all questions."""
    parts = []
    for split, title in (("dev", "development half"), ("held-out", "held-out half"), (None, "all questions")):
        n = sum(1 for g in next(iter(results.values())) if split is None or g.item.split == split)
        parts.append(f"### {title} ({n} questions)\n\n{table(results, split)}")
    return "\n\n".join(parts)


def failures(graded: list[Graded]) -> str:
    """One line per answer that was not right (for tuning on the development half)."""
    return "\n".join(
        f"{g.verdict:6} {g.item.id:16} {g.item.split:8} cited={g.cited:<3} {g.item.question}"
        for g in graded
        if g.verdict != "right"
    )


def run(
    shared: Path,
    workdir: Path,
    *,
    settings: Any = None,
    with_naive: bool = True,
    items: list[Item] | None = None,
) -> tuple[str, dict[str, list[Graded]]]:
    """Ingest the benchmark corpus into a new store under ``workdir`` and score briefing (and naive).

    Returns the ingest summary and the graded answers per system.
    """
    from assistant.service import Service
    from ingest.settings import Settings

    items = load() if items is None else items
    files = corpus(shared, items)
    settings = (settings or Settings()).with_store(workdir / "store")
    service = Service(settings)
    ingested = service.ingest(list(files.values())).summary()
    key_of = {str(p.resolve()): key for key, p in files.items()}
    stored = service.texts([r.doc_id for r in service.documents()])
    texts = {key_of[str(Path(r.source).resolve())]: stored[r.doc_id] for r in service.documents()}
    results = {"briefing": score(briefing_system(workdir / "store", settings, key_of), items, texts)}
    if with_naive:
        results["naive LangChain top-4"] = score(naive(texts, workdir / "naive"), items, texts)
    return ingested, results


def main(argv: list[str] | None = None) -> None:
    """``python -m evaluation.questions [SHARED] [--no-naive] [--failures] [--workdir=DIR]``.

    ``--workdir=DIR`` keeps the store there, so that a second run ingests nothing.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    flags = {a.split("=")[0]: a.partition("=")[2] for a in args if a.startswith("--")}
    shared = Path(next((a for a in args if not a.startswith("--")), str(REPO.parent / "shared")))
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(flags.get("--workdir") or tmp)
        ingested, results = run(shared, workdir, with_naive="--no-naive" not in flags)
    print(f"ingested: {ingested}", file=sys.stderr)
    print(report(results))
    if "--failures" in flags:
        print("\n" + failures(results["briefing"]))


if __name__ == "__main__":
    main()
