"""Bounded speaker answers as users meet them: `briefing ask` and `--all`, and the chat's "Show all"."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.integration.test_ui import CHROMIUM, CHROMIUM_ARGS, ask, serve
from tests.unit.test_bounded import DAYS, article

pytestmark = pytest.mark.slow
QUESTION = "What did Mira Taskent say?"


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bounded-articles")
    for day in range(1, DAYS + 1):
        (folder / f"day{day:02d}.md").write_text(article(day), "utf-8")
    return folder


def briefing(store: Path, *args: str) -> str:
    env = {**os.environ, "BRIEFING_SPEAKER_LIMIT": "3"}
    done = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "--store", str(store), *args],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def sources(output: str) -> int:
    return sum(1 for line in output.splitlines() if line.startswith("[") and "characters" in line)


def test_cli_bounds_and_all_lists_every_statement(tmp_path: Path, articles: Path) -> None:
    store = tmp_path / "store"
    briefing(store, "ingest", str(articles))
    bounded = briefing(store, "ask", QUESTION)
    assert sources(bounded) == 3
    assert f"… and {DAYS - 3} more." in bounded and "briefing ask --all" in bounded
    assert "day 30 was calm" in bounded and "day 29 was calm" in bounded  # the newest: days 30, 29, 28
    assert "day 1 was calm" not in bounded
    every = briefing(store, "ask", "--all", QUESTION)
    assert sources(every) == DAYS and "more." not in every and "day 1 was calm" in every


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory, articles: Path, real_embeddings: Any) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    os.environ["BRIEFING_SPEAKER_LIMIT"] = "4"  # read by the server's Settings
    try:
        url, app = serve(tmp_path_factory.mktemp("bounded-ui"), articles, real_embeddings)
    finally:
        del os.environ["BRIEFING_SPEAKER_LIMIT"]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url)
            page.wait_for_selector("#question textarea")
            yield page
            browser.close()
    finally:
        app.close()


def test_chat_show_all_asks_again_for_every_statement(page: Any) -> None:
    first = ask(page, QUESTION)
    button = page.locator("#show-all")
    button.wait_for(state="visible")  # the answer is complete (under load it may still be drawing)
    assert first.locator("a.cite").count() == 4
    assert f"and {DAYS - 4} more — show all" in first.inner_text()
    assert f"Show all {DAYS}" in button.inner_text()
    before = page.locator("#chat .bot").count()
    button.click()
    page.wait_for_function(
        "n => document.querySelectorAll('#chat .bot').length > n", arg=before, timeout=60_000
    )
    page.wait_for_function(
        "() => !document.querySelector('#chat .pending') && !document.querySelector('#chat .generating')",
        timeout=60_000,
    )
    page.wait_for_function(  # the answer streams in line by line
        "n => [...document.querySelectorAll('#chat .bot')].pop().querySelectorAll('a.cite').length >= n",
        arg=DAYS,
        timeout=60_000,
    )
    time.sleep(0.5)
    every = page.locator("#chat .bot").last
    assert every.locator("a.cite").count() == DAYS
    assert "more — show all" not in every.inner_text()
    button.wait_for(state="hidden")
