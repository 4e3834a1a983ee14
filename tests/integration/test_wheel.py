"""A wheel built with ``python -m build`` installs into a fresh venv and answers with the model's prompts.

The fresh venv gets the project's dependencies by a path entry to this venv's
site-packages (no torch reinstall) but only the wheel's own copy of the code: the
editable install's finder is not activated there, and the run happens outside the
repository.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED

pytestmark = pytest.mark.slow

ANSWER = textwrap.dedent(
    """
    import sys
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_core.embeddings import DeterministicFakeEmbedding
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    import assistant
    from assistant.chain import Engine
    from ingest import Settings, Store, ingest_paths

    store_path, seed = sys.argv[1], sys.argv[2]
    client = chromadb.PersistentClient(path=store_path, settings=ChromaSettings(anonymized_telemetry=False))
    store = Store(client, lambda: DeterministicFakeEmbedding(size=16))
    assert ingest_paths([seed], store).ok
    reply = 'Kremlin spokesperson Dmitry Peskov said the scenario was "very, very dangerous" [1].'
    engine = Engine(store, Settings(llm="fake"), FakeListChatModel(responses=[reply]))
    answer = engine.ask("What did Peskov say?")
    print(assistant.__file__)
    # the learned model and the given-names table ship with the wheel
    from ingest.learned import _weights
    from ingest.lexicon import _given_names
    print(len(_weights()) > 1000 and len(_given_names()) > 10000)
    print(answer.composer)
    print(answer.text)
    """
)


def test_wheel_installs_and_answers_with_its_prompts(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    for folder in ("assistant", "ingest", "evaluation", "prompts"):
        shutil.copytree(REPO / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(source)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    wheel = next(dist.glob("briefing-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps"]
    subprocess.run([*pip, str(wheel)], check=True, timeout=300)
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")
    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "answer.py").write_text(ANSWER, "utf-8")
    run = subprocess.run(
        [str(python), "answer.py", str(tmp_path / "store"), str(SEED)],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    where, data, composer, *text = run.stdout.strip().splitlines()
    assert where.startswith(site)  # the wheel's copy, not the repository's
    assert data == "True"
    assert composer == "llm:fake" and "very, very dangerous" in "\n".join(text)
    helped = subprocess.run(
        [str(venv / "bin" / "briefing"), "--help"], capture_output=True, text=True, cwd=work
    )
    assert helped.returncode == 0 and "ingest" in helped.stdout
