"""Shared fixtures: paths to the shared corpora, fake and real stores."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("BRIEFING_SHARED", REPO.parent / "shared"))
SEED = SHARED / "corpus" / "seed"
POLNEAR = SHARED / "eval" / "polnear-dev"
EXAMPLES = REPO / "examples" / "briefings"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
# The ONNX export of the embedder is made once per checkout (not in the user's cache);
# tests of the export itself use a folder of their own.
os.environ.setdefault("BRIEFING_EMBEDDING_CACHE", str(REPO / ".briefing" / "test-embeddings"))


def pytest_sessionstart(session: pytest.Session) -> None:
    # The shared corpora are part of the test fixtures: missing means a broken checkout, not a skip.
    for needed in (SEED, POLNEAR / "text"):
        if not needed.is_dir():
            raise pytest.UsageError(f"missing {needed}: clone the repo beside shared/ or set BRIEFING_SHARED")


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (servers in tests listen there only)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_fake_store(path: Path):
    """A real Chroma on disk with a deterministic fake embedder (unit tests only)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_core.embeddings import DeterministicFakeEmbedding

    from ingest.store import Store

    client = chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))
    return Store(client, lambda: DeterministicFakeEmbedding(size=32))


@pytest.fixture
def fake_store(tmp_path: Path):
    return make_fake_store(tmp_path / "store")


@pytest.fixture(scope="session")
def real_embeddings():
    """The embedder a user gets by default (see ``Settings.embedding_backend``)."""
    from ingest.embedding import load_embeddings
    from ingest.settings import Settings

    settings = Settings()
    return load_embeddings(settings.embedding_model, settings.embedding_backend, settings.embedding_cache)


@pytest.fixture
def real_store(tmp_path: Path, real_embeddings):
    """A real Chroma on disk with the real embedder (loaded once per session)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from ingest.store import Store

    client = chromadb.PersistentClient(
        path=str(tmp_path / "store"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    return Store(client, lambda: real_embeddings, label=str(tmp_path / "store"))


def make_citation(**changes: object):
    """A citation for rendering tests (defaults overridden by ``changes``)."""
    from assistant.models import Citation

    fields: dict = {"n": 1, "doc_id": "d", "title": "T", "date": None, "source": "s", "start": 0, "end": 1}
    fields["passage"] = "x"
    return Citation(**(fields | changes))
