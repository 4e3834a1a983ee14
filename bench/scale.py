"""`make bench-scale`: briefing at 640, 2,000 and 10,000 articles, beside the naive pipeline at 640.

Corpus: the 640 real articles of ``shared/eval`` (polnear-train and polnear-dev
text). Past 640, article *i* is the first half of one real article (its headline
and opening paragraphs) followed by the second half of another, cut at paragraph
boundaries, both drawn with a fixed seed; it is named after the first with a
suffix (``…_x01234.txt``), so its outlet and date still parse. Texts are distinct
(a repeated text is drawn again). This is timing material only, written to a
temporary folder: it is never shown to anyone as an article.

For each size, in increasing order, into one store (default backend settings):

* ingest articles/s of the articles added to reach that size (a process of its own), then
  the time to bring the index saved beside the store up to date (as ``briefing ingest`` does);
* the store's size on disk, and how much of it is Chroma's full-text index;
* a new process (a restart): loading the saved index, the first answer, warm p50/p95 per
  question kind over ``--rounds`` rounds, and its peak RSS;
* a cold first answer to a non-speaker question, from launching Python; it fails if torch
  was imported on the way.

``--work DIR`` keeps the corpus, each size's store and the figures; ``--remeasure DIR``
answers again on those stores with the code as it is now (no ingest).

The naive LangChain pipeline of ``bench/bench.py`` runs on the 640 real articles in
the same run (without its re-ingest). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench import QUESTIONS, SEARCH, _naive, _percentile

SEED = 20161108
KINDS: dict[str, list[str]] = {
    "what did X say?": QUESTIONS,
    "what did X say about Y?": [
        "What did Donald Trump say about immigration?",
        "What did Hillary Clinton say about the economy?",
        "What did Bernie Sanders say about Wall Street?",
        "What did Mike Pence say about taxes?",
        "What did Barack Obama say about the election?",
    ],
    "who said …?": [
        "Who called the election rigged?",
        "Who warned about voter fraud?",
        "Who said Clinton was hiding her health?",
        "Who criticized the tax plan?",
        "Who called for unity?",
    ],
    "other questions": SEARCH,
}


def build_corpus(shared: Path, sizes: list[int], out: Path) -> list[Path]:
    """Write articles 0..max(sizes) into one folder per size step; returns the folders."""
    originals = sorted(
        [
            *(shared / "eval/polnear-train/text").glob("*.txt"),
            *(shared / "eval/polnear-dev/text").glob("*.txt"),
        ]
    )
    # Some articles separate paragraphs by one newline, some by a blank line.
    paragraphs = [[p for p in f.read_text("utf-8").splitlines() if p.strip()] for f in originals]
    rng = random.Random(SEED)
    seen = {f.read_text("utf-8") for f in originals}
    folders, lo = [], 0
    for size in sizes:
        folder = out / f"{lo:05d}-{size - 1:05d}"
        folder.mkdir(parents=True)
        for i in range(lo, size):
            if i < len(originals):
                shutil.copyfile(originals[i], folder / originals[i].name)
                continue
            while True:
                a, b = rng.sample(range(len(originals)), 2)
                pa, pb = paragraphs[a], paragraphs[b]
                text = "\n\n".join(pa[: max(2, len(pa) // 2)] + pb[max(1, len(pb) // 2) :]) + "\n"
                if text not in seen:
                    break
            seen.add(text)
            (folder / f"{originals[a].stem}_x{i:05d}.txt").write_text(text, "utf-8")
        folders.append(folder)
        lo = size
    return folders


def _ingest(store: Path, folder: Path) -> dict[str, float]:
    from assistant.service import Service
    from ingest import ingest_paths

    service = Service.of(store)
    t = time.perf_counter()
    report = ingest_paths([folder], service.store, settings=service.settings)
    seconds = time.perf_counter() - t
    assert not report.failed, report.summary()
    t = time.perf_counter()
    service.engine.cache.get()  # what `briefing ingest` does next: the saved index brought up to date
    return {"added": len(report.added), "seconds": seconds, "index_update_s": time.perf_counter() - t}


def _answer(store: Path, rounds: int) -> dict[str, Any]:
    from assistant.service import Service

    service = Service.of(store)
    t = time.perf_counter()
    service.engine.cache.get()  # a restart: the saved index is loaded
    out: dict[str, Any] = {"index_load_s": time.perf_counter() - t, "index": service.index_stats()}
    t = time.perf_counter()
    first = service.ask(SEARCH[1])
    out |= {"first_answer_s": time.perf_counter() - t, "found": first.found}
    for questions in KINDS.values():  # warm up: loads the embedder
        for q in questions:
            service.ask(q)
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for _ in range(rounds):
        for kind, questions in KINDS.items():
            for q in questions:
                t = time.perf_counter()
                service.ask(q)
                times[kind].append((time.perf_counter() - t) * 1000)
    for kind, ms in times.items():
        out[kind] = (statistics.median(ms), _percentile(ms, 0.95))
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


# A cold first answer to a non-speaker question, from launching Python; it fails if torch was imported.
_COLD = (
    "import sys, assistant; a = assistant.ask({q!r}, store={store!r}); assert a.text; "
    "assert 'torch' not in sys.modules, 'torch imported'"
)


def _cold(store: Path, question: str) -> float:
    t = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", _COLD.format(q=question, store=str(store))],
        check=True,
        capture_output=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    return time.perf_counter() - t


def _in_process(*args: str) -> Any:
    """Run one step of this script in a new Python process; its JSON result."""
    out = subprocess.run(
        [sys.executable, __file__, *args],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def _fulltext_mb(store: Path) -> float:
    """The pages of Chroma's full-text index in its SQLite file (nothing here searches it)."""
    import sqlite3

    with sqlite3.connect(store / "chroma.sqlite3") as db:
        row = db.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'embedding_fulltext%'").fetchone()
    return float(row[0] or 0) / 1e6


def _measure(store: Path, rounds: int) -> dict[str, Any]:
    """What a user notices after a restart at this size: index load, answers, RSS, a cold start."""
    answer = _in_process("_answer", str(store), str(rounds))
    cold = _cold(store, SEARCH[1])
    return {**answer, "cold_search_s": cold, "load": os.getloadavg()[0]}


def run(shared: Path, sizes: list[int], rounds: int, work: Path) -> tuple[dict[int, dict[str, Any]], Any]:
    """Every figure, size by size, then the naive pipeline on the real articles.

    Each size's store is kept as ``work/store-<size>`` (the last one as ``work/store``) and
    the figures in ``work/results.json``, for :func:`remeasure`.
    """
    folders = build_corpus(shared, sizes, work / "articles")
    store = work / "store"
    results: dict[int, dict[str, Any]] = {}
    for size, folder in zip(sizes, folders, strict=True):
        ingest = _in_process("_ingest", str(store), str(folder))
        sized = {"store_mb": _size_mb(store), "fulltext_mb": _fulltext_mb(store)}
        results[size] = {**ingest, **sized, **_measure(store, rounds)}
        print(f"{size} articles: {json.dumps(results[size])}", file=sys.stderr, flush=True)
        if size != sizes[-1]:
            shutil.copytree(store, work / f"store-{size}")
        (work / "results.json").write_text(json.dumps({"results": results}), "utf-8")
    naive = _in_process("_naive", str(folders[0]), str(work / "naive"))
    (work / "results.json").write_text(json.dumps({"results": results, "naive": naive}), "utf-8")
    return results, naive


def remeasure(work: Path, rounds: int) -> tuple[dict[int, dict[str, Any]], Any]:
    """The answering figures again, with the code as it is now, on the stores a ``--work`` run kept
    (ingest figures and the naive pipeline's are those of that run)."""
    saved = json.loads((work / "results.json").read_text("utf-8"))
    results = {int(size): figures for size, figures in saved["results"].items()}
    for size in sorted(results):
        store = work / f"store-{size}" if (work / f"store-{size}").is_dir() else work / "store"
        _in_process("_reindex", str(store))  # a saved index of an older format is rebuilt first
        results[size] |= _measure(store, rounds)
        print(f"{size} articles: {json.dumps(results[size])}", file=sys.stderr, flush=True)
    return results, saved.get("naive") or {}


def table(results: dict[int, dict[str, Any]], naive: dict[str, float]) -> str:
    """The figures as Markdown, one column per size and one for the naive pipeline (– when not run)."""
    sizes = sorted(results)
    lines = [
        "| figure | "
        + " | ".join(f"{s:,} articles" for s in sizes)
        + f" | naive LangChain top-4, {sizes[0]:,} |",
        "| --- " * (len(sizes) + 2) + "|",
    ]

    def row(label: str, values: list[str], naive_value: str = "–") -> None:
        lines.append(f"| {label} | " + " | ".join(values) + f" | {naive_value} |")

    row(
        "ingest, articles/s",
        [f"{results[s]['added'] / results[s]['seconds']:.2f}" for s in sizes],
        f"{naive['ingest_articles_s']:.2f}" if naive else "–",
    )
    row("store size, MB", [f"{results[s]['store_mb']:.0f}" for s in sizes])
    row("of which Chroma's full-text index, MB", [f"{results[s]['fulltext_mb']:.0f}" for s in sizes])
    row("index update after the ingest, s", [f"{results[s]['index_update_s']:.2f}" for s in sizes])
    row("index load after a restart, s", [f"{results[s]['index_load_s']:.2f}" for s in sizes])
    row(
        "first answer after the load, s — other question",
        [f"{results[s]['first_answer_s']:.2f}" for s in sizes],
    )
    row(
        "cold first answer from launch, s — other question",
        [f"{results[s]['cold_search_s']:.2f}" for s in sizes],
    )
    for kind in KINDS:
        naive_key = {"what did X say?": "warm", "other questions": "search"}.get(kind)
        naive_value = (
            f"{naive[f'{naive_key}_p50_ms']:.0f} / {naive[f'{naive_key}_p95_ms']:.0f}"
            if naive_key and naive
            else "–"
        )
        row(
            f"warm p50 / p95, ms — {kind}",
            [f"{results[s][kind][0]:.0f} / {results[s][kind][1]:.0f}" for s in sizes],
            naive_value,
        )
    row(
        "peak RSS while answering, MB",
        [f"{results[s]['rss_mb']:.0f}" for s in sizes],
        f"{naive['peak_rss_mb']:.0f}" if naive else "–",
    )
    row("load average after the step", [f"{results[s]['load']:.1f}" for s in sizes])
    return "\n".join(lines)


def _reindex(store: Path) -> dict[str, Any]:
    from assistant.service import Service

    service = Service.of(store)
    service.engine.cache.get()
    return service.index_stats()


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1].startswith("_"):
        step, args = sys.argv[1], sys.argv[2:]
        if step == "_ingest":
            result: Any = _ingest(Path(args[0]), Path(args[1]))
        elif step == "_answer":
            result = _answer(Path(args[0]), int(args[1]))
        elif step == "_reindex":
            result = _reindex(Path(args[0]))
        else:
            result = _naive(Path(args[0]), Path(args[1]), reingest=False)
        print(json.dumps(result))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument(
        "--sizes", default="640,2000,10000", help="Corpus sizes, increasing, comma-separated."
    )
    parser.add_argument("--rounds", type=int, default=3, help="Passes over the questions at each size.")
    parser.add_argument("--work", type=Path, help="Keep the corpus, stores and figures in this new folder.")
    parser.add_argument(
        "--remeasure", type=Path, help="Answer again on the stores a --work run kept (no ingest)."
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if sizes != sorted(set(sizes)) or sizes[0] < 1:
        parser.error("--sizes must be increasing positive numbers")
    started = time.time()
    if args.remeasure:
        results, naive = remeasure(args.remeasure.resolve(), args.rounds)
    elif args.work:
        args.work.mkdir(parents=True)
        results, naive = run(args.shared.resolve(), sizes, args.rounds, args.work.resolve())
    else:
        with tempfile.TemporaryDirectory() as tmp:
            results, naive = run(args.shared.resolve(), sizes, args.rounds, Path(tmp))
    from ingest import Settings

    print(
        f"\nbench-scale, sizes {','.join(map(str, sorted(results)))}, embedding backend "
        f"{Settings().embedding_backend}, {os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.2f} at the end, {(time.time() - started) / 60:.0f} min in all\n"
    )
    print(table(results, naive))


if __name__ == "__main__":
    main()
