"""Cue verbs learned from annotated news (``make train-attribution``).

PolNeAR-style annotations mark the cue of every attribution ("sniped", "assured",
"decried" …). A word becomes a learned cue when, in the training articles, it
follows a capitalised word or a subject pronoun at least ``MIN_COUNT`` times and
is an annotated cue in at least ``MIN_RATE`` of them — and is not already in the
hand-written lexicon. The list is written one word per line to
``ingest/data/cues.txt``, which :mod:`ingest.lexicon` adds to its cue pattern.
Deterministic: the same folder gives the same file.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

MIN_COUNT = 3
MIN_RATE = 0.5
_SUBJECT_WORD = re.compile(r"(?:\b[A-Z][\w.'’-]*|\b(?:he|she|they|it|we|I))\s+([a-z][a-z'-]+)")
_WORD = re.compile(r"[a-z][a-z'-]+")
# Words inside annotated cues that are not verbs (adverbs ending in -ly are dropped as well).
_NOT_VERBS = frozenset(["also", "according", "sentiment", "assertion"])


def _cue_starts(ann: Path, text: str) -> set[int]:
    """Offsets where an annotated cue's first word starts."""
    starts = set()
    for line in ann.read_text("utf-8").splitlines():
        if not line.startswith("T") or line.count("\t") < 2:
            continue
        kind, _, ranges = line.split("\t")[1].partition(" ")
        if kind != "Cue":
            continue
        for part in ranges.split(";"):
            a, b = (int(x) for x in part.split())
            m = _WORD.search(text[a:b].lower())
            if m:
                starts.add(a + m.start())
    return starts


def learn_cues(
    folder: Path, stems: Iterable[str] | None = None, known: re.Pattern[str] | None = None
) -> list[str]:
    """Cue words learned from ``folder`` (only the articles ``stems`` when given)."""
    wanted = set(stems) if stems is not None else None
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    seen: Counter[str] = Counter()
    cued: Counter[str] = Counter()
    for stem, ann in chosen.items():
        if wanted is not None and stem not in wanted:
            continue
        text = (folder / "text" / f"{stem}.txt").read_text("utf-8")
        starts = _cue_starts(ann, text)
        for m in _SUBJECT_WORD.finditer(text):
            seen[m.group(1)] += 1
            cued[m.group(1)] += m.start(1) in starts
    return sorted(
        w
        for w, n in seen.items()
        if n >= MIN_COUNT
        and cued[w] / n >= MIN_RATE
        and w not in _NOT_VERBS
        and not w.endswith("ly")
        and not (known is not None and known.fullmatch(w))
    )


def main(folder: Path, out: Path) -> list[str]:
    """Learn from every article of ``folder`` and write the list."""
    from ingest.lexicon import HAND_CUE

    words = learn_cues(folder, known=HAND_CUE)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(f"{w}\n" for w in words), "utf-8")
    return words
