"""`make bench`: ingest and answer timings of briefing beside the naive LangChain pipeline.

Each system runs in a process of its own (so peak RSS is its own), on the same
folder, in the same run:

* ingest throughput (articles/s, chunks/s) into a new store;
* re-ingest of the unchanged folder (articles/s);
* warm ``ask()`` latency p50/p95 over "What did <speaker> say?" questions;
* cold first answer: a new process that imports, opens the store and answers once;
* peak RSS of the ingest+ask process;
* then ``bench/kinds.py``: warm latency per question kind at 640 articles.

The naive pipeline is the one described in shared/eval/README.md:
RecursiveCharacterTextSplitter(1000, 200), all-MiniLM-L6-v2 in Chroma, top-4
similarity search. It has no change detection, so its "re-ingest" re-embeds all.
Ingest is timed alike for both: chromadb is imported before the clock starts; opening
the store and loading the embedder (importing torch, or onnxruntime, and reading the
weights) are inside it.
Prints a Markdown table; timings are wall-clock on this machine.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUESTIONS = [
    "What did Donald Trump say?",
    "What did Hillary Clinton say?",
    "What did Bernie Sanders say?",
    "What did Loretta Lynch say?",
    "What did Lindsey Graham say?",
    "What did Mike Pence say?",
    "What did Pat Caddell say?",
    "What did Ted Cruz say?",
    "What did Josh Earnest say?",
    "What did Barack Obama say?",
]


# Questions that are not about a speaker: they embed the query and go through hybrid retrieval.
SEARCH = [
    "What happened at the September 11 memorial ceremony?",
    "How much would the Clinton tax plan raise?",
    "What do the polls show in Ohio and Florida?",
    "Why was the police shooting in Charlotte disputed?",
    "What is the EB-5 visa program?",
]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _ours(folder: Path, store: Path) -> dict[str, float]:
    # As for the naive pipeline: the store's library is imported before the clock starts, and
    # the embedder (its library and its weights) is loaded inside it.
    import chromadb  # noqa: F401

    import assistant
    from ingest import ingest_paths

    files = sorted(folder.glob("*.txt"))
    t = time.perf_counter()
    report = ingest_paths([folder], store=store)
    ingest_s = time.perf_counter() - t
    chunks = sum(f.chunks for f in report.added)
    t = time.perf_counter()
    again = ingest_paths([folder], store=store)
    reingest_s = time.perf_counter() - t
    assert len(again.unchanged) == len(files), again.summary()
    assistant.ask(SEARCH[0], store=store)  # warm up (loads the embedder)
    latencies, search = [], []
    for _ in range(3):
        for q in QUESTIONS:
            t = time.perf_counter()
            assistant.ask(q, store=store)
            latencies.append(time.perf_counter() - t)
        for q in SEARCH:
            t = time.perf_counter()
            assistant.ask(q, store=store)
            search.append(time.perf_counter() - t)
    return _figures(len(files), chunks, ingest_s, reingest_s, latencies, search)


def _naive(folder: Path, store: Path, reingest: bool = True) -> dict[str, float]:
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from ingest.store import load_embeddings

    files = sorted(folder.glob("*.txt"))

    def build() -> tuple[Chroma, int]:
        client = chromadb.PersistentClient(
            path=str(store), settings=ChromaSettings(anonymized_telemetry=False)
        )
        db = Chroma(
            client=client, collection_name="naive", embedding_function=load_embeddings("all-MiniLM-L6-v2")
        )
        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
        texts, metas = [], []
        for f in files:
            for piece in splitter.split_text(f.read_text("utf-8")):
                texts.append(piece)
                metas.append({"source": str(f)})
        db.add_texts(texts, metadatas=metas)
        return db, len(texts)

    t = time.perf_counter()
    db, chunks = build()
    ingest_s = time.perf_counter() - t
    t = time.perf_counter()
    if reingest:  # it re-embeds everything; bench/scale.py skips it
        build()
    reingest_s = time.perf_counter() - t if reingest else float("nan")
    db.similarity_search(QUESTIONS[0], k=4)
    latencies, search = [], []
    for _ in range(3):
        for questions, out in ((QUESTIONS, latencies), (SEARCH, search)):
            for q in questions:
                t = time.perf_counter()
                db.similarity_search(q, k=4)
                out.append(time.perf_counter() - t)
    return _figures(len(files), chunks, ingest_s, reingest_s, latencies, search)


def _figures(
    n: int, chunks: int, ingest_s: float, reingest_s: float, latencies: list[float], search: list[float]
) -> dict[str, float]:
    return {
        "search_p50_ms": statistics.median(search) * 1000,
        "search_p95_ms": _percentile(search, 0.95) * 1000,
        "articles": n,
        "ingest_articles_s": n / ingest_s,
        "ingest_chunks_s": chunks / ingest_s,
        "reingest_articles_s": n / reingest_s if reingest_s else float("nan"),
        "warm_p50_ms": statistics.median(latencies) * 1000,
        "warm_p95_ms": _percentile(latencies, 0.95) * 1000,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


# Each snippet prints the wall-clock time at which its answer exists; process teardown is not counted.
_COLD = {
    "ours": "import time, assistant; a = assistant.ask({q!r}, store={store!r}); assert a.text; print(time.time())",
    "naive": (
        "import chromadb; from chromadb.config import Settings as S; from langchain_chroma import Chroma; "
        "from ingest.store import load_embeddings; "
        "c = chromadb.PersistentClient(path={store!r}, settings=S(anonymized_telemetry=False)); "
        "db = Chroma(client=c, collection_name='naive', embedding_function=load_embeddings('all-MiniLM-L6-v2')); "
        "assert db.similarity_search({q!r}, k=4); import time; print(time.time())"
    ),
}


def _cold(system: str, store: Path, question: str) -> float:
    code = _COLD[system].format(q=question, store=str(store))
    t = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    return time.perf_counter() - t


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] in ("_ours", "_naive"):
        run = _ours if sys.argv[1] == "_ours" else _naive
        print(json.dumps(run(Path(sys.argv[2]), Path(sys.argv[3]))))
        return
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/eval/polnear-dev/text").resolve()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for system in ("naive", "ours"):
            store = Path(tmp) / system
            out = subprocess.run(
                [sys.executable, __file__, f"_{system}", str(folder), str(store)],
                check=True,
                capture_output=True,
                text=True,
            )
            results[system] = json.loads(out.stdout.strip().splitlines()[-1])
            results[system]["cold_first_answer_s"] = _cold(system, store, QUESTIONS[1])
            results[system]["cold_search_s"] = _cold(system, store, SEARCH[1])
    load = os.getloadavg()[0]
    n = int(results["ours"]["articles"])
    print(f"\n{n} articles from {folder} — {os.cpu_count()} cores, load average {load:.2f}\n")
    print("| figure | briefing | naive LangChain top-4 |")
    print("| --- | --- | --- |")
    rows = [
        ("ingest, articles/s", "ingest_articles_s", "{:.1f}"),
        ("ingest, chunks/s", "ingest_chunks_s", "{:.1f}"),
        ("re-ingest unchanged, articles/s", "reingest_articles_s", "{:.0f}"),
        ("warm answer p50, ms — 'what did X say?'", "warm_p50_ms", "{:.1f}"),
        ("warm answer p95, ms — 'what did X say?'", "warm_p95_ms", "{:.1f}"),
        ("warm answer p50, ms — other questions", "search_p50_ms", "{:.1f}"),
        ("warm answer p95, ms — other questions", "search_p95_ms", "{:.1f}"),
        ("cold first answer, s — 'what did X say?'", "cold_first_answer_s", "{:.2f}"),
        ("cold first answer, s — other question", "cold_search_s", "{:.2f}"),
        ("peak RSS, MB", "peak_rss_mb", "{:.0f}"),
    ]
    for label, key, fmt in rows:
        print(f"| {label} | {fmt.format(results['ours'][key])} | {fmt.format(results['naive'][key])} |")
    # latency per question kind at 640 articles (bench/kinds.py), in a process of its own
    shared = folder.parents[2]
    subprocess.run([sys.executable, str(Path(__file__).with_name("kinds.py")), str(shared)], check=True)


if __name__ == "__main__":
    main()
