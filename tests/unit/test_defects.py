"""Defects found in review (issue 13), each pinned by a test that failed before its fix."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ingest.settings import Settings
from tests.conftest import SEED

HEAVY = ("langchain", "langchain_core", "chromadb", "torch", "gradio", "sentence_transformers", "numpy")


def test_engine_is_not_reused_with_another_k_or_model_server(tmp_path: Path) -> None:
    from assistant.chain import engine_for

    store = tmp_path / "store"
    first = engine_for(store, Settings(k=6, llm="openai:m", openai_base_url="http://127.0.0.1:9/v1"))
    second = engine_for(store, Settings(k=12, llm="openai:m", openai_base_url="http://127.0.0.1:8/v1"))
    assert second.settings.k == 12
    assert second.composer is not None
    assert second.composer.model.openai_api_base == "http://127.0.0.1:8/v1"  # type: ignore[attr-defined]
    assert engine_for(store, Settings(k=6, llm="openai:m", openai_base_url="http://127.0.0.1:9/v1")) is first


def test_help_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from assistant.cli import main\n"
        "sys.argv = ['briefing', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print('HEAVY', sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "Commands:" in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "HEAVY []"


def test_eval_keeps_the_users_llm_and_chroma_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner
    from langchain_core.embeddings import DeterministicFakeEmbedding

    import evaluation.crossval
    import ingest.store
    from assistant.cli import cli

    seen: dict[str, Any] = {}

    def fake_evaluate(folder: Path, k: int, ingest: Any, **options: Any) -> Any:
        seen.update(options)
        raise RuntimeError("stop here")

    monkeypatch.setattr(ingest.store, "load_embeddings", lambda model: DeterministicFakeEmbedding(size=8))
    monkeypatch.setattr(evaluation.crossval, "evaluate", fake_evaluate)
    folder = tmp_path / "polnear"
    (folder / "text").mkdir(parents=True)
    (folder / "text" / "a.txt").write_text(next(SEED.glob("*.txt")).read_text("utf-8"), "utf-8")
    args = ["--store", str(tmp_path / "s"), "--llm", "openai:judge", "eval", str(folder), "--no-naive"]
    CliRunner().invoke(cli, args, obj={})
    assert seen.get("settings") is not None and seen["settings"].llm == "openai:judge"


def test_ui_turns_domain_errors_into_gradio_errors(fake_store: Any) -> None:
    import gradio as gr

    from assistant.service import Service
    from assistant.ui import build_app
    from ingest import ingest_paths

    ingest_paths([SEED], fake_store)
    down = Settings(llm="openai:m", openai_base_url="http://127.0.0.1:9/v1", llm_timeout=5)
    app = build_app(Service(down, fake_store))
    api = next(f for f in app.fns.values() if f.api_name == "ask")
    with pytest.raises(gr.Error, match=r"the model \(openai:m\) failed"):
        api.fn("What did Peskov say?")
