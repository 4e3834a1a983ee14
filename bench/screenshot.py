"""`make screenshot`: the chat, the article reader and a speaker's timeline, saved as PNGs for the README.

Ingests the fictional sample corpus into a temporary store, starts the app on
127.0.0.1, asks two questions in headless Debian chromium and saves the page
(``docs/chat.png``); then opens a cited passage in the reader
(``docs/reader.png``) and plots a speaker's statements (``docs/timeline.png``).
"""

from __future__ import annotations

import socket
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from assistant.service import Service
from assistant.ui import launch
from ingest.settings import Settings

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main(out: Path) -> None:
    repo = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(store=Path(tmp) / "store")
        service = Service(settings)
        service.ingest([repo / "examples" / "briefings"])
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        app = launch(service, port=port, block=False)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 980})
            page.goto(f"http://127.0.0.1:{port}/")
            for question in ("What did Lena Marwick say about the bridge?", "and Rendel?"):
                page.locator("#question textarea").fill(question)
                page.locator("#question textarea").press("Enter")
                time.sleep(4)
            page.screenshot(path=str(out))
            page.locator("#sources .open-reader").first.click()
            page.locator("#reader-hit").wait_for(timeout=60_000)
            time.sleep(1)
            page.screenshot(path=str(out.with_name("reader.png")))
            page.get_by_role("tab", name="Speakers").click()
            page.locator("#speakers").get_by_text("Lena Marwick").click()
            page.locator("#timeline circle.tl-mark").first.wait_for(timeout=60_000)
            time.sleep(4)  # the chat answers the same click
            page.locator("#timeline circle.tl-mark").first.hover()
            time.sleep(1)
            page.screenshot(path=str(out.with_name("timeline.png")))
            browser.close()
        app.close()
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/chat.png"))
