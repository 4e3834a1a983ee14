"""The "what did X say?" benchmark by folds of articles, with what a user sees of the speakers.

A folder is split into ``k`` folds of articles (shuffled with a fixed seed); each
fold is ingested into a store of its own and asked the questions its own gold
gives, by this project and by the naive pipeline in the same run. Nothing is
trained, so for the rules this is a plain evaluation on ``k`` smaller corpora;
a learned component would be trained on the other folds. Scores are averaged
over all questions of all folds.

Besides recall and precision it reports what a user notices in the speaker list:
*speaker-list precision*, the share of listed speakers that are real named
sources (a listed speaker is real when, in one of its articles, a gold
attribution's source is a name ending in the speaker's surname).
"""

from __future__ import annotations

import random
import re
import statistics
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evaluation.attribution import Attribution, Score, load_gold, questions, score


@dataclass(slots=True)
class Report:
    """Scores of every system over the folds, and the speaker list's precision."""

    scores: list[Score]
    questions: int
    speakers: int = 0
    real_speakers: int = 0
    fake_speakers: list[str] = field(default_factory=list)

    @property
    def speaker_precision(self) -> float:
        return self.real_speakers / self.speakers if self.speakers else 0.0


def folds(stems: Sequence[str], k: int, seed: int = 13) -> list[list[str]]:
    """``k`` folds of articles, shuffled with a fixed seed.

    >>> folds(["a", "b", "c", "d"], 2)
    [['d', 'b'], ['a', 'c']]
    """
    order = sorted(stems)
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def real_speaker(name: str, stems: set[str], gold: dict[str, list[Attribution]]) -> bool:
    """Whether a listed speaker is a named source of one of its articles in the gold.

    A gold source names the speaker when its span holds the speaker's surname as a word
    ("Nick Witney, a fellow at the European Council …" names Nick Witney).

    >>> gold = {"a": [Attribution("a", "Nick Witney, a fellow at the Council,", [], [])]}
    >>> real_speaker("Nick Witney", {"a"}, gold), real_speaker("Council", {"a"}, gold)
    (True, True)
    >>> real_speaker("April", {"a"}, gold)
    False
    """
    words = name.split()
    if not words:
        return False
    last = re.compile(rf"\b{re.escape(words[-1])}\b", re.IGNORECASE)
    return any(last.search(a.source) for stem in stems for a in gold.get(stem, []))


def evaluate(
    folder: Path,
    k: int,
    ingest: Callable[[list[Path], int], tuple[object, list[Any], dict[str, str]]],
    naive_workdir: Callable[[int], Path] | None = None,
    settings: object = None,
) -> Report:
    """Score ``folder`` in ``k`` folds (``k=1``: the whole folder as one corpus).

    ``ingest(files, i)`` stores fold ``i``'s files and returns the store, its speaker
    list and a map from doc id to file stem.
    """
    from evaluation.systems import briefing_system, naive_system

    gold = load_gold(folder)
    files = {p.stem: p for p in sorted((folder / "text").glob("*.txt"))}
    parts = folds(list(files), k) if k > 1 else [sorted(files)]
    rows: dict[str, list[Score]] = {}
    report = Report([], 0)
    for i, part in enumerate(parts):
        fold_gold = {s: gold.get(s, []) for s in part}
        texts = {s: files[s].read_text("utf-8") for s in part}
        qs = questions(fold_gold, texts)
        report.questions += len(qs)
        rest = [s for s in files if s not in set(part)]
        with trained_on(folder, rest) if k > 1 else nullcontext():
            store, listed, stem_of = ingest([files[s] for s in part], i)
        systems = [("briefing", briefing_system(store, settings))]
        if naive_workdir is not None:
            systems.append(
                ("naive LangChain top-4", naive_system([files[s] for s in part], naive_workdir(i)))
            )
        for name, system in systems:
            rows.setdefault(name, []).append(score(name, system, qs, fold_gold, texts))
        for info in listed:
            report.speakers += 1
            if real_speaker(info.name, {stem_of.get(d, "") for d in info.articles}, fold_gold):
                report.real_speakers += 1
            else:
                report.fake_speakers.append(info.name)
    report.scores = [_pooled(name, scores) for name, scores in rows.items()]
    return report


@contextmanager
def trained_on(folder: Path, stems: list[str]) -> Iterator[None]:
    """Extraction with cue verbs and a subject model learned from ``stems`` of ``folder`` only."""
    import ingest.cues
    import ingest.learned
    from evaluation.cues import learn_cues
    from evaluation.subjects import train
    from ingest.lexicon import HAND_CUE, cue_pattern

    saved = ingest.cues.CUE, ingest.learned.ACTIVE
    try:
        ingest.cues.CUE = cue_pattern(tuple(learn_cues(folder, stems, known=HAND_CUE)))
        ingest.learned.ACTIVE = train(folder, stems)
        yield
    finally:
        ingest.cues.CUE, ingest.learned.ACTIVE = saved


def _pooled(name: str, scores: list[Score]) -> Score:
    """One score over the questions of every fold (macro-averaged per question)."""
    per = [row for s in scores for row in s.per_question]

    def mean(key: str) -> float:
        return statistics.fmean(float(r[key]) for r in per) if per else 0.0  # type: ignore[arg-type]

    return Score(
        system=name,
        recall=mean("recall"),
        precision=mean("precision"),
        verbatim=statistics.fmean(s.verbatim for s in scores),
        mean_chars=statistics.fmean(s.mean_chars for s in scores),
        others=mean("others"),
        per_question=per,
    )
