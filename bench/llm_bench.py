"""`make bench-llm`: the bundled model (Gemma 3 270M base) through the openai: backend.

Serves the model with llama_cpp.server on 127.0.0.1, asks speaker questions on the
seed article and on a sample of polnear-dev, and prints: the share of the model's
sentences that pass verification, how often the extractive fallback was used,
and the latency of an LLM answer (p50, p95).
"""

from __future__ import annotations

import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import assistant
from assistant.llm import bundled_model_path, serve_gguf
from assistant.verify import verify
from evaluation.attribution import load_gold, questions
from ingest import ingest_paths
from ingest.settings import Settings


def serve() -> tuple[Any, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    return serve_gguf(bundled_model_path(), port)


def run(name: str, folder: Path, qs: list[str], url: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ingest_paths([folder], store=Path(tmp) / "store")
        settings = Settings(store=Path(tmp) / "store", llm="openai:gemma", openai_base_url=url)
        sentences = passed = fallbacks = asked = 0
        latencies = []
        for q in qs:
            t = time.perf_counter()
            answer = assistant.ask(q, settings=settings)
            if not answer.found:
                continue  # nothing to ground on: the model is not asked
            latencies.append(time.perf_counter() - t)
            asked += 1
            fallbacks += answer.fallback
            ok = (
                len(verify(answer.text, [c.passage for c in answer.citations]).verified)
                if not answer.fallback
                else 0
            )
            passed += ok
            sentences += ok + len(answer.unsupported)
        share = passed / sentences if sentences else 0.0
        print(
            f"| {name} | {asked} | {sentences} | {share:.1%} | {fallbacks}/{asked} | "
            f"{statistics.median(latencies):.1f} | {sorted(latencies)[int(0.95 * (len(latencies) - 1))]:.1f} |"
        )


def main(shared: Path) -> None:
    proc, url = serve()
    try:
        print("| corpus | questions answered | model sentences | verified | fallback used | p50 s | p95 s |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        seed = [
            "What did Peskov say?",
            "What did Stoltenberg say?",
            "What did Borrell say?",
            "What did Zelenskiy say?",
            "What did Boris Johnson say?",
            "Who called the shelling a false flag?",
            "What did Stoltenberg say about Romania?",
            "What did NATO say?",
        ]
        run("seed article", shared / "corpus" / "seed", seed, url)
        polnear = shared / "eval" / "polnear-dev"
        texts = {p.stem: p.read_text("utf-8") for p in (polnear / "text").glob("*.txt")}
        qs = [q.text for q in questions(load_gold(polnear), texts)][:12]
        run("polnear-dev (12 speakers)", polnear / "text", qs, url)
    finally:
        proc.terminate()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared"))
