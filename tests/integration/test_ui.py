"""The chat UI as users meet it: a launched Gradio app, gradio_client, and headless Chromium."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ingest import ingest_paths
from ingest.settings import Settings
from tests.conftest import EXAMPLES, SEED, free_port

pytestmark = pytest.mark.slow
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# A hostile article, written for this test: markup and links that must show as text.
XSS_ARTICLE = """title <script>window.__xss = 1; alert('title')</script> Harbour notice
date 2026-03-10
outlet <b>Injected</b> Gazette

Harbour official Nadia Quorn said the notice was "<img src=x onerror=\\"window.__xss=2;alert(2)\\">" and urged readers to [check the list](javascript:window.__xss=3) before sailing.
"""

UPLOADED_ARTICLE = """title Lighthouse keepers warn of fog season
date 2026-03-13
outlet Meridian Wire

Lighthouse keeper Mira Taskent said the fog season had started "three weeks early this year."
"""


def serve(root: Path, articles: Path, embeddings: Any) -> tuple[str, Any]:
    """Ingest ``articles`` into a real store under ``root`` (real embedder) and launch the chat on it."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from assistant.service import Service
    from assistant.ui import launch
    from ingest.store import Store

    settings = Settings(store=root / "store")
    client = chromadb.PersistentClient(
        path=str(settings.store), settings=ChromaSettings(anonymized_telemetry=False)
    )
    store = Store(client, lambda: embeddings, label=str(settings.store))
    assert ingest_paths([articles], store).ok
    port = free_port()
    app = launch(Service(settings, store), host="127.0.0.1", port=port, block=False)
    return f"http://127.0.0.1:{port}/", app


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory, real_embeddings: Any) -> Iterator[str]:
    root = tmp_path_factory.mktemp("ui")
    articles = root / "articles"
    shutil.copytree(EXAMPLES, articles)
    shutil.copy(next(SEED.glob("*.txt")), articles)
    (articles / "hostile.txt").write_text(XSS_ARTICLE, "utf-8")
    url, app = serve(root, articles, real_embeddings)
    yield url
    app.close()


def test_gradio_client_gets_a_cited_answer(app_url: str) -> None:
    from gradio_client import Client

    result = Client(app_url, verbose=False).predict("What did Peskov say?", api_name="/ask")
    assert result["found"] and result["citations"]
    assert any("very, very dangerous" in c["passage"] for c in result["citations"])


def test_twenty_clients_at_once_are_all_answered(app_url: str) -> None:
    from gradio_client import Client

    names = [
        "Marwick",
        "Ostrik",
        "Vallendorf",
        "Quell",
        "Rendel",
        "Brandt",
        "Castellane",
        "Ekberg",
        "Moravec",
        "Peskov",
    ]
    questions = [f"What did {names[i % len(names)]} say?" for i in range(20)]
    results: dict[int, Any] = {}
    errors: list[BaseException] = []
    barrier = threading.Barrier(20, timeout=120)

    def one(i: int) -> None:
        try:
            client = Client(app_url, verbose=False)
            barrier.wait()
            results[i] = client.predict(questions[i], api_name="/ask")
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors[:3]
    assert sorted(results) == list(range(20))
    assert all(r["found"] and r["citations"] for r in results.values())


@pytest.fixture
def page(app_url: str) -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: `make test` installs Debian's chromium (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.dialogs = []  # type: ignore[attr-defined]
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
        page.goto(app_url)
        page.wait_for_selector("#question textarea")
        yield page
        browser.close()


def ask(page: Any, question: str) -> Any:
    """Type a question, wait for its answer to finish, return the last bot message."""
    before = page.locator("#chat .bot").count()
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('#chat .bot').length > n", arg=before, timeout=60_000
    )
    page.wait_for_function(
        "() => !document.querySelector('#chat .pending') && !document.querySelector('#chat .generating')",
        timeout=60_000,
    )
    time.sleep(0.5)
    return page.locator("#chat .bot").last


def test_chat_answers_with_markers_sources_and_follow_ups(page: Any) -> None:
    answer = ask(page, "What did Stoltenberg say?")
    assert "We are concerned that Russia is trying to stage a pretext" in answer.inner_text()
    marker = answer.locator("a.cite").first
    assert marker.inner_text() == "[1]"
    sources = page.locator("#sources")
    assert "NATO Secretary-General Jens Stoltenberg said Thursday" in sources.inner_text()
    assert sources.locator("mark").count() >= 3  # each passage highlighted in its paragraph
    marker.click()
    page.wait_for_selector(".src.flash")  # the marker brings its source into view
    follow = ask(page, "did he mention Romania?")
    text = follow.inner_text()
    assert "Understood as: What did Jens Stoltenberg say about Romania?" in text
    assert "Romania" in text and "We are concerned" not in text


def test_uploaded_file_becomes_answerable(page: Any, tmp_path: Path) -> None:
    upload = tmp_path / "lighthouse.md"
    upload.write_text(UPLOADED_ARTICLE, "utf-8")
    page.get_by_role("tab", name="Upload").click()
    page.locator("input[type=file][data-testid$='upload-button']").set_input_files(str(upload))
    page.wait_for_function(
        "() => (document.querySelector('#upload-summary')?.innerText || '').includes('1 added')",
        timeout=120_000,
    )
    answer = ask(page, "What did Mira Taskent say?")
    assert "three weeks early this year" in answer.inner_text()


def test_hostile_article_renders_as_text(page: Any) -> None:
    answer = ask(page, "What did Nadia Quorn say?")
    text = answer.inner_text()
    assert "<img src=x onerror=" in text  # shown, not interpreted
    assert "[check the list](javascript:window.__xss=3)" in text
    assert "<script>window.__xss = 1; alert('title')</script>" in text  # the title, as text
    assert answer.locator("img").count() == 0
    assert answer.locator("a[href^='javascript']").count() == 0
    assert "<script>" in page.locator("#sources").inner_text()
    page.get_by_role("tab", name="Documents").click()
    assert "<b>Injected</b> Gazette" in page.locator("#documents").inner_text()
    time.sleep(0.5)
    assert page.evaluate("window.__xss") is None
    assert page.dialogs == []
