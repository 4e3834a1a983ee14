"""The ONNX embedder: same vectors as sentence-transformers, exported on first use, no torch to answer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import assistant
from ingest import Settings, ingest_paths
from ingest.chunking import chunk_article
from ingest.embedding import FP32, INT8, load_embeddings
from ingest.loaders import load
from tests.conftest import POLNEAR, REPO, SEED

pytestmark = pytest.mark.slow


def _real_texts() -> list[str]:
    """Sentences and whole chunks of real articles, the longest past 256 tokens."""
    article = load(next(SEED.glob("*.txt")))
    chunks = [c.text for c in chunk_article(article.doc_id, article.text, article.body)]
    polnear = load(sorted((POLNEAR / "text").glob("*.txt"))[0])
    sentences = [s for s in polnear.text.split(". ") if len(s) > 20][:10]
    long_text = " ".join(p.read_text("utf-8") for p in sorted((POLNEAR / "text").glob("*.txt"))[:2])
    return [*chunks, *sentences, long_text]


@pytest.fixture(scope="module")
def export_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("embedding-cache")


@pytest.fixture(scope="module")
def onnx(export_dir: Path):
    # The folder is empty: the first load exports the model into it.
    return load_embeddings("all-MiniLM-L6-v2", "onnx", export_dir)


@pytest.fixture(scope="module")
def reference():
    return load_embeddings("all-MiniLM-L6-v2", "sentence-transformers")


def _cosines(a: list[list[float]], b: list[list[float]]) -> np.ndarray:
    x, y = np.asarray(a), np.asarray(b)
    return np.sum(x * y, axis=1) / (np.linalg.norm(x, axis=1) * np.linalg.norm(y, axis=1))


def test_first_use_exports_the_model_once(onnx, export_dir: Path) -> None:
    (folder,) = [p for p in export_dir.iterdir() if not p.name.startswith(".")]
    assert {FP32, INT8, "tokenizer.json", "embedding.json"} <= {p.name for p in folder.iterdir()}
    assert json.loads((folder / "embedding.json").read_text())["max_seq_length"] == 256
    modified = (folder / FP32).stat().st_mtime_ns
    load_embeddings("all-MiniLM-L6-v2", "onnx-int8", export_dir).embed_query("again")
    assert (folder / FP32).stat().st_mtime_ns == modified  # reused, not exported again


def test_onnx_vectors_equal_sentence_transformers(onnx, reference) -> None:
    texts = _real_texts()
    assert len(onnx.tokenizer.encode(texts[-1]).ids) == 256  # truncated like sentence-transformers
    docs = _cosines(onnx.embed_documents(texts), reference.embed_documents(texts))
    assert docs.min() > 1 - 1e-4
    queries = _cosines(
        [onnx.embed_query(t) for t in texts[-11:]], [reference.embed_query(t) for t in texts[-11:]]
    )
    assert queries.min() > 1 - 1e-4


def test_int8_documents_stay_close_to_fp32(onnx, export_dir: Path) -> None:
    texts = _real_texts()
    int8 = load_embeddings("all-MiniLM-L6-v2", "onnx-int8", export_dir)
    assert _cosines(int8.embed_documents(texts), onnx.embed_documents(texts)).min() > 0.97
    assert int8.embed_query(texts[0]) == onnx.embed_query(texts[0])  # queries stay fp32


def test_answering_does_not_import_torch(tmp_path: Path) -> None:
    settings = Settings(store=tmp_path / "store", embedding_backend="onnx")
    ingest_paths([SEED], settings=settings)  # also makes sure the export exists
    code = (
        "import sys, assistant; from ingest import Settings;"
        f"a = assistant.ask('How many troops does Russia have encircling Ukraine?', settings=Settings(store={str(settings.store)!r}));"
        "print(a.found, sorted(m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules))"
    )
    env = {**os.environ, "BRIEFING_EMBEDDING_BACKEND": "onnx"}
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env, cwd=REPO
    )
    assert out.stdout.split() == ["True", "[]"]


def test_embed_query_in_a_new_process_does_not_import_torch(onnx, export_dir: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from ingest.embedding import load_embeddings;"
        f"v = load_embeddings('all-MiniLM-L6-v2', 'onnx', Path({str(export_dir)!r})).embed_query('Peskov');"
        "print(len(v), 'torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=REPO)
    assert out.stdout.split() == ["384", "False", "False"]


@pytest.mark.parametrize("backend", ["onnx", "onnx-int8"])
def test_seed_article_with_the_onnx_backend(tmp_path: Path, backend: str) -> None:
    settings = Settings(store=tmp_path / "store", embedding_backend=backend)
    assert len(ingest_paths([SEED], settings=settings).added) == 1
    answer = assistant.ask("What did Peskov say?", settings=settings)
    assert any("very, very dangerous" in c.passage for c in answer.citations)
    dense = assistant.ask("What runs the risk of an outbreak of war?", settings=settings)
    assert any("very, very dangerous" in c.passage for c in dense.citations)


def test_setup_embeddings_command(tmp_path: Path) -> None:
    briefing = str(Path(sys.executable).parent / "briefing")
    env = {**os.environ, "BRIEFING_EMBEDDING_CACHE": str(tmp_path / "cache")}
    out = subprocess.run([briefing, "setup-embeddings"], check=True, capture_output=True, text=True, env=env)
    folder = Path(out.stdout.split(" in ", 1)[1].strip())
    assert folder.parent == tmp_path / "cache" and (folder / INT8).is_file()
    again = subprocess.run(
        [briefing, "setup-embeddings"], check=True, capture_output=True, text=True, env=env
    )
    assert again.stdout == out.stdout


def test_documents_in_many_batches_come_back_in_order(onnx, export_dir: Path) -> None:
    # batches run in parallel (one per core): each text must get its own vector back
    articles = [load(f) for f in sorted((POLNEAR / "text").glob("*.txt"))[1:12]]
    sentences = [s for a in articles for s in a.text.split(". ") if len(s) > 20]
    texts = list(dict.fromkeys(sentences))[:70] + _real_texts()  # over 2 batches of 32
    assert len(set(texts)) == len(texts) > 64
    alone = np.asarray([onnx.embed_documents([t])[0] for t in texts])
    assert _cosines(onnx.embed_documents(texts), alone.tolist()).min() > 1 - 1e-4
    # int8 scales activations per batch, so a text's vector moves a little with its batch
    int8 = np.asarray(load_embeddings("all-MiniLM-L6-v2", "onnx-int8", export_dir).embed_documents(texts))
    assert (np.argmax(int8 @ alone.T, axis=1) == np.arange(len(texts))).all()
