"""Answer latency per question kind at 640 articles (run by `make bench`, after bench.py's table).

Corpus: the 640 articles of polnear-train and polnear-dev, plus the seed and the sample corpus
(the other articles the question benchmark asks about), ingested into a new store with the
default settings. Questions: the 155 of ``evaluation/questions.jsonl``, grouped by kind; a
follow-up is asked after its earlier questions, and only the follow-up is timed.

Statement and title vectors are embedded when a question first needs them, so the first
pass over the questions is timed on its own ("first pass"); then ``--rounds`` passes, all
warm ("warm"). Prints p50/p95 per kind, in milliseconds, as a Markdown table.

``python bench/kinds.py SHARED [--rounds N]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench import _percentile
from evaluation.questions import KINDS, Item, load

REPO = Path(__file__).resolve().parents[1]


def corpus(shared: Path) -> list[Path]:
    """The 640 polnear articles, the seed and the sample corpus."""
    folders = [shared / "eval" / "polnear-train" / "text", shared / "eval" / "polnear-dev" / "text"]
    files = [p for folder in folders for p in sorted(folder.glob("*.txt"))]
    files += sorted((shared / "corpus" / "seed").glob("*.txt"))
    return files + sorted((REPO / "examples" / "briefings").iterdir())


def one_pass(items: list[Item], store: Path) -> dict[str, list[float]]:
    """Seconds per answer, by kind (follow-ups: the last question only)."""
    import assistant

    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for item in items:
        history: list[Any] = []
        for earlier in item.history:
            history.append(assistant.ask(earlier, store=store, history=history))
        t = time.perf_counter()
        assistant.ask(item.question, store=store, history=history)
        times[item.kind].append(time.perf_counter() - t)
    return times


def table(first: dict[str, list[float]], warm: dict[str, list[float]]) -> str:
    lines = [
        "| kind | questions | first pass p50 / p95, ms | warm p50 / p95, ms |",
        "| --- | --- | --- | --- |",
    ]
    for kind in KINDS:
        if not first[kind]:
            continue
        cells = [
            f"{statistics.median(t) * 1000:.0f} / {_percentile(t, 0.95) * 1000:.0f}"
            for t in (first[kind], warm[kind])
        ]
        lines.append(f"| {kind} | {len(first[kind])} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", type=Path, nargs="?", default=REPO.parent / "shared")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    import assistant
    from ingest import ingest_paths

    files = corpus(args.shared.resolve())
    items = load()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        t = time.perf_counter()
        ingest_paths(files, store=store)
        ingest_s = time.perf_counter() - t
        assistant.ask("What did Donald Trump say?", store=store)  # loads the index and the embedder
        first = one_pass(items, store)
        warm: dict[str, list[float]] = {kind: [] for kind in KINDS}
        for _ in range(args.rounds):
            for kind, times in one_pass(items, store).items():
                warm[kind] += times
    heading = (
        f"Answer latency per question kind: {len(files)} articles ingested in {ingest_s:.0f} s, "
        f"{len(items)} questions, {args.rounds} warm rounds — {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    print(f"\n{heading}\n\n{table(first, warm)}")


if __name__ == "__main__":
    main()
