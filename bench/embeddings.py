"""`make bench-embeddings`: the embedding backends side by side, in one run.

On the chunks of a folder of articles (default: polnear-dev, chunked as ingest
chunks them) and on questions about them, for sentence-transformers (torch), ONNX
fp32 and ONNX int8:

* query latency p50/p95, one thread each (``torch.set_num_threads(1)`` for torch);
* document throughput, chunks/s, with each backend's default threads;
* cosine of each backend's document vectors to ONNX fp32's (mean/min), and of the
  query vectors;
* dense retrieval against the fp32 ranking: mean top-10 overlap and how often the
  top result is the same, with fp32 queries over each backend's document vectors
  (what ``onnx-int8`` does: int8 at ingest, fp32 queries);
* whole answers: the folder ingested with ``onnx`` and with ``onnx-int8``, every
  question asked of both, and how many answers cite exactly the same passages.

Backends run in one process: throughput in turn, latency in ``--rounds`` interleaved rounds.
Prints a Markdown table; timings are wall-clock on this machine.
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

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench import QUESTIONS, SEARCH, _percentile
from ingest import Settings, ingest_paths
from ingest.chunking import chunk_article
from ingest.embedding import FP32, INT8, OnnxEmbeddings, load_embeddings, model_path, prepare_onnx
from ingest.loaders import load


def _corpus(folder: Path) -> tuple[list[str], list[str]]:
    """Chunk texts of every article, and questions: the bench's plus each article's title."""
    chunks, titles = [], []
    for f in sorted(folder.glob("*.txt")):
        article = load(f)
        titles.append(article.title)
        chunks += [c.text for c in chunk_article(article.doc_id, article.text, article.body)]
    return chunks, QUESTIONS + SEARCH + titles


class _Torch:
    """sentence-transformers through the project's loader, one thread for queries."""

    name = "sentence-transformers (torch)"

    def __init__(self) -> None:
        self.model: Any = load_embeddings("all-MiniLM-L6-v2", "sentence-transformers")

    def documents(self, texts: list[str]) -> np.ndarray:
        import torch

        torch.set_num_threads(os.cpu_count() or 1)
        return np.asarray(self.model.embed_documents(texts), dtype=np.float32)

    def query(self, text: str) -> np.ndarray:
        import torch

        torch.set_num_threads(1)
        return np.asarray(self.model.embed_query(text), dtype=np.float32)


class _Onnx:
    """One ONNX model for documents and queries (queries on one thread)."""

    def __init__(self, folder: Path, model: str, name: str) -> None:
        self.name = name
        self.model = OnnxEmbeddings(folder)
        self.model.documents_model = self.model.query_model = model

    def documents(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.model.embed_documents(texts), dtype=np.float32)

    def query(self, text: str) -> np.ndarray:
        return np.asarray(self.model.embed_query(text), dtype=np.float32)


def _overlap(
    queries: np.ndarray, reference: np.ndarray, docs: np.ndarray, k: int = 10
) -> tuple[float, float]:
    """Mean top-k overlap with the reference ranking, and the share of queries with the same top hit."""
    ref = np.argsort(-queries @ reference.T, axis=1)[:, :k]
    got = np.argsort(-queries @ docs.T, axis=1)[:, :k]
    overlap = [len(set(a) & set(b)) / k for a, b in zip(ref, got, strict=True)]
    return float(np.mean(overlap)), float(np.mean(ref[:, 0] == got[:, 0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="../shared/eval/polnear-dev/text", type=Path)
    parser.add_argument("--rounds", type=int, default=3, help="Passes over the questions per backend.")
    args = parser.parse_args()
    chunks, questions = _corpus(args.folder)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        folder = prepare_onnx(model_path("all-MiniLM-L6-v2"), Path(tmp))
        export_s = time.perf_counter() - t
        backends = [_Torch(), _Onnx(folder, FP32, "ONNX fp32"), _Onnx(folder, INT8, "ONNX int8")]
        rows = _measure(backends, chunks, questions, args.rounds)
        same, answered = _same_answers(args.folder, questions, Path(tmp))
    ref = rows["ONNX fp32"]
    print(
        f"\n{len(chunks)} chunks of {args.folder}, {len(questions)} questions, {args.rounds} rounds — "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; export took {export_s:.1f} s\n"
    )
    print(
        "| backend | query p50 ms | query p95 ms | documents chunks/s | doc cosine to fp32 mean / min "
        "| query cosine to fp32 min | top-10 overlap | same top hit |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, r in rows.items():
        doc_cos = np.sum(r["docs"] * ref["docs"], axis=1)
        query_cos = np.sum(r["queries"] * ref["queries"], axis=1)
        overlap, top1 = _overlap(ref["queries"], ref["docs"], r["docs"])
        print(
            f"| {name} | {r['p50']:.2f} | {r['p95']:.2f} | {r['chunks_s']:.1f} "
            f"| {doc_cos.mean():.4f} / {doc_cos.min():.4f} | {query_cos.min():.4f} | {overlap:.3f} | {top1:.3f} |"
        )
    print(
        f"\nAnswers citing the same passages with onnx-int8 as with onnx: {same} of {len(questions)} "
        f"({answered} answered with onnx)."
    )


def _measure(backends: list[Any], chunks: list[str], questions: list[str], rounds: int) -> dict[str, Any]:
    """Vectors and throughput backend by backend, then latency rounds interleaved between backends."""
    rows: dict[str, dict[str, Any]] = {}
    for b in backends:
        t = time.perf_counter()
        docs = b.documents(chunks)
        rows[b.name] = {
            "docs": docs,
            "chunks_s": len(chunks) / (time.perf_counter() - t),
            "queries": np.stack([b.query(q) for q in questions]),  # also warms the query path up
            "latencies": [],
        }
    for _ in range(rounds):
        for b in backends:
            for q in questions:
                t = time.perf_counter()
                b.query(q)
                rows[b.name]["latencies"].append((time.perf_counter() - t) * 1000)
    for r in rows.values():
        r["p50"] = statistics.median(r["latencies"])
        r["p95"] = _percentile(r["latencies"], 0.95)
    return rows


def _same_answers(folder: Path, questions: list[str], tmp: Path) -> tuple[int, int]:
    """Questions whose answer cites the same passages from an onnx and an onnx-int8 store."""
    import assistant

    cited = []
    for backend in ("onnx", "onnx-int8"):
        settings = Settings(store=tmp / backend, embedding_backend=backend, embedding_cache=tmp)
        ingest_paths([folder], settings=settings)
        answers = [assistant.ask(q, settings=settings) for q in questions]
        cited.append([[(c.doc_id, c.start, c.end) for c in a.citations] for a in answers])
    return sum(a == b for a, b in zip(*cited, strict=True)), sum(bool(a) for a in cited[0])


if __name__ == "__main__":
    main()
