"""The analyst's workbench in Debian Chromium: clean copy, exports, the reader, old markers, the
timeline, New chat, filters, exact article text, dark mode, a phone-sized screen and a big upload.

One server and one browser for the module; the 84-file upload runs last (it grows the store).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES
from tests.integration.test_ui import CHROMIUM, CHROMIUM_ARGS, ask, serve

pytestmark = pytest.mark.slow
URL = "https://www.reuters.com/world/europe/harbour_talks-2026-03-12/"
# Written for this test (fiction): a URL and TeX-like dollars that must show exactly as written.
EXACT_ARTICLE = f"""title Exact text notice
date 2026-03-12
outlet Test Wire

Port analyst Corin Vale said the figures at {URL} were "$$x^2$$ at best, *not* a forecast."
"""


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory, real_embeddings: Any) -> Iterator[str]:
    root = tmp_path_factory.mktemp("workbench")
    articles = root / "articles"
    shutil.copytree(EXAMPLES, articles)
    (articles / "exact.md").write_text(EXACT_ARTICLE, "utf-8")
    url, app = serve(root, articles, real_embeddings)
    yield url
    app.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def open_page(browser: Any, url: str, width: int = 1400, height: int = 1000, dark: bool = False) -> Any:
    context = browser.new_context(
        viewport={"width": width, "height": height},
        color_scheme="dark" if dark else "light",
        accept_downloads=True,
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(url + ("?__theme=dark" if dark else ""))
    page.wait_for_selector("#question textarea")
    return page


def download(page: Any, elem_id: str, tmp_path: Path) -> Path:
    with page.expect_download() as info:
        page.locator(f"#{elem_id}").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def test_copy_gives_clean_text_and_exports_parse(browser: Any, app_url: str, tmp_path: Path) -> None:
    page = open_page(browser, app_url)
    ask(page, "What did Lena Marwick say?")
    page.wait_for_function("() => !document.querySelector('#export-csv').disabled", timeout=30_000)
    page.locator("#copy").click()
    time.sleep(0.3)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("What did Lena Marwick say?\n")
    assert '[1] \u201cLena Marwick said the agreement was "a corridor, not a settlement."' in copied
    assert "\u2014 Lena Marwick · Humanitarian corridor agreed; bridge to reopen for food lorries" in copied
    assert "The Harbour Ledger · 2026-03-11" in copied and "07-corridor-agreed.md" in copied
    assert "<a" not in copied and "\\" not in copied and "**" not in copied
    rows = list(csv.DictReader(io.StringIO(download(page, "export-csv", tmp_path).read_text("utf-8-sig"))))
    assert len(rows) >= 4 and {r["speaker"] for r in rows} == {"Lena Marwick"}
    import docx

    paragraphs = [p.text for p in docx.Document(str(download(page, "export-docx", tmp_path))).paragraphs]
    assert paragraphs[0] == "What did Lena Marwick say?"
    assert any(r["quote"] == p for r in rows for p in paragraphs)
    assert download(page, "export-md", tmp_path).read_text("utf-8").startswith("# What did Lena Marwick say?")


def test_reader_opens_at_the_passage_and_old_markers_open_their_own_sources(
    browser: Any, app_url: str
) -> None:
    page = open_page(browser, app_url, height=700)
    ask(page, "What did Pavel Ostrik say?")
    ask(page, "What did Amara Quell say?")
    # the sources panel comes with the exports, after the answer's last line: clicked before it,
    # the panel is drawn anew over the opened fold
    page.wait_for_selector("#sources #turn-2")
    page.locator("#chat .bot").first.locator(
        "a.cite"
    ).first.click()  # a marker of the first answer, after a second one
    page.wait_for_selector("#src-1-1.flash")
    assert page.locator("#turn-1").evaluate("d => d.open") is True
    assert "Ostrik" in page.locator("#src-1-1").inner_text()
    passage = page.locator("#src-1-1 mark").inner_text()
    page.locator("#src-1-1 .open-reader").click()
    hit = page.locator("#reader #reader-hit")
    hit.wait_for(timeout=30_000)
    assert hit.inner_text() == passage
    time.sleep(0.5)
    box = hit.bounding_box()
    assert box is not None and 0 <= box["y"] < 700  # scrolled into view
    assert (
        "Speakers:" in page.locator("#reader").inner_text()
        and "Pavel Ostrik" in page.locator("#reader").inner_text()
    )
    page.get_by_role("tab", name="Documents").click()
    page.locator("#documents").get_by_text("Exact text notice").click()
    page.wait_for_function(
        "() => (document.querySelector('#reader')?.innerText || '').includes('Corin Vale')"
    )
    assert "Test Wire · 2026-03-12" in page.locator("#reader").inner_text()


def test_timeline_has_one_mark_per_statement_and_a_mark_opens_the_reader(
    browser: Any, app_url: str, tmp_path: Path
) -> None:
    page = open_page(browser, app_url)
    page.get_by_role("tab", name="Speakers").click()
    page.locator("#speaker-search input, #speaker-search textarea").fill("marwick")
    page.wait_for_function("() => document.querySelectorAll('#speakers tbody tr').length === 1")
    page.locator("#speakers").get_by_test_id("cell-0-0").click()  # the one row: Lena Marwick
    page.wait_for_selector("#timeline circle.tl-mark", timeout=60_000)
    page.wait_for_function("() => !document.querySelector('#quotes-csv').disabled", timeout=30_000)
    rows = list(csv.DictReader(io.StringIO(download(page, "quotes-csv", tmp_path).read_text("utf-8-sig"))))
    marks = page.locator("#timeline circle.tl-mark")
    assert marks.count() == len(rows) >= 4
    assert rows[0]["quote"][:40] in marks.first.locator("title").text_content()  # hover shows the quote
    topic = page.locator("#timeline-topic input, #timeline-topic textarea")
    topic.fill("bridge")
    topic.press("Enter")
    page.wait_for_function(
        "() => (document.querySelector('#timeline')?.innerText || '').includes('about bridge')"
    )
    assert 0 < marks.count() < len(rows)  # only the statements on the topic
    marks.first.click()
    page.locator("#reader #reader-hit").wait_for(timeout=30_000)
    assert "bridge" in page.locator("#reader-hit").inner_text()


def test_new_chat_forgets_and_filters_show_a_badge(browser: Any, app_url: str) -> None:
    page = open_page(browser, app_url)
    suggestions = page.locator("#chat").get_by_text(re.compile(r"^What did .+ say\?$"))
    suggestions.first.wait_for(timeout=30_000)  # a busy machine renders them after the page opens
    assert suggestions.count() >= 2  # drawn from the store's most quoted speakers
    ask(page, "What did Lena Marwick say?")
    page.locator("#new-chat").click()
    page.wait_for_function("() => document.querySelectorAll('#chat .bot').length === 0")
    follow = ask(page, "did she mention the bridge?").inner_text()
    assert "Lena Marwick" not in follow and "does not say" in follow
    page.get_by_text("Filters", exact=True).click()
    page.locator("#date-from input, #date-from textarea").fill("5 March 2026")
    page.wait_for_function(
        "() => (document.querySelector('#filter-badge')?.innerText || '').includes('from 2026-03-05')"
    )
    page.locator("#date-to input, #date-to textarea").fill("sometime in March")
    page.wait_for_function(
        "() => (document.querySelector('#filter-badge')?.innerText || '').includes('cannot read')"
    )
    page.locator("#date-to input, #date-to textarea").fill("")
    page.get_by_text("Filters", exact=True).click()  # collapsed: the badge still says a filter is on
    badge = page.locator("#filter-badge")
    assert badge.is_visible() and "Filters active — from 2026-03-05" in badge.inner_text()
    answer = ask(page, "What did Lena Marwick say?").inner_text()
    assert "2026-03-02" not in answer and "2026-03-11" in answer


def test_article_url_and_dollars_show_verbatim(browser: Any, app_url: str) -> None:
    page = open_page(browser, app_url)
    answer = ask(page, "What did Corin Vale say?")
    text = answer.inner_text()
    assert URL in text and "$$x^2$$ at best, *not* a forecast." in text
    assert answer.locator("a[href*='reuters']").count() == 0 and answer.locator(".katex, em").count() == 0
    assert URL in page.locator("#sources").inner_text()


def _luminance(rgb: str) -> float:
    values = [int(v) / 255 for v in re.findall(r"\d+", rgb)[:3]]
    lin = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(fg: str, bg: str) -> float:
    hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_dark_mode_highlights_pass_wcag_aa(browser: Any, app_url: str) -> None:
    page = open_page(browser, app_url, dark=True)
    assert page.evaluate("document.body.classList.contains('dark')")
    ask(page, "What did Lena Marwick say?")
    for selector in ("#sources mark", "#sources .src-para", "#sources .src-head"):
        el = page.locator(selector).first
        fg = el.evaluate("e => getComputedStyle(e).color")
        bg = el.evaluate(
            """e => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
                 if (c && !c.endsWith(', 0)') && c !== 'transparent') return c; } return 'rgb(0, 0, 0)'; }"""
        )
        assert contrast(fg, bg) >= 4.5, (selector, fg, bg)


def test_a_phone_sized_screen_stays_usable(browser: Any, app_url: str) -> None:
    page = open_page(browser, app_url, width=390, height=844)
    answer = ask(page, "What did Lena Marwick say?")
    assert "a corridor, not a settlement." in answer.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 392  # no sideways scrolling
    for selector in ("#question textarea", "#ask", "#new-chat"):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 391, selector


# The progress text beside the upload button (its innermost element) and where it is on screen.
PROGRESS_STATE = """() => {
  const summary = document.querySelector('#upload-summary');
  const root = summary.parentElement;
  const el = Array.from(root.querySelectorAll('*')).find(
    e => e.children.length === 0 && /Ingested \\d+ of 84/.test(e.textContent));
  return {summary: summary.innerText, progress: el ? el.textContent : '',
          top: el ? el.getBoundingClientRect().top : -1};
}"""


def test_uploading_84_files_shows_moving_progress_beside_the_button(
    browser: Any, app_url: str, tmp_path: Path
) -> None:
    files = []
    for i in range(1, 85):
        f = tmp_path / f"note{i:02d}.md"
        f.write_text(
            f"title Harbour note {i}\ndate 2026-04-{i % 28 + 1:02d}\noutlet Probe Wire\n\n"
            f'Harbour clerk Tamsin Oyel{i:02d} said quay {i} "would reopen on Monday after repairs."\n',
            "utf-8",
        )
        files.append(str(f))
    page = open_page(browser, app_url, height=900)
    page.get_by_role("tab", name="Upload").click()
    page.locator("input[type=file][data-testid$='upload-button']").set_input_files(files)
    seen: list[str] = []
    deadline = time.monotonic() + 400
    while time.monotonic() < deadline:
        state = page.evaluate(PROGRESS_STATE)
        match = re.search(r"Ingested (\d+) of 84", state["progress"])
        if match:
            assert 0 <= state["top"] < 900, state  # in view, not below a file list
            if match.group(1) not in seen:
                seen.append(match.group(1))
        if "84 added" in state["summary"]:
            break
        time.sleep(0.05)  # a fast machine ingests 84 small notes in a few seconds: look often
    assert "84 added" in page.locator("#upload-summary").inner_text()
    assert len(seen) >= 2, seen  # the count moved while we watched


def test_api_ask_takes_history_and_filters(app_url: str) -> None:
    from gradio_client import Client

    client = Client(app_url, verbose=False)
    first = client.predict("What did Lena Marwick say?", api_name="/ask")
    follow = client.predict(
        "did she mention the bridge?", [["What did Lena Marwick say?", first["text"]]], api_name="/ask"
    )
    assert follow["resolved_question"] == "What did Lena Marwick say about the bridge?"
    dated = client.predict("What did Lena Marwick say?", [], "2026-03-10", "", [], [], api_name="/ask")
    assert dated["citations"] and {c["date"] for c in dated["citations"]} == {"2026-03-11"}


def test_remove_asks_for_confirmation_first(browser: Any, app_url: str) -> None:
    page = open_page(browser, app_url)
    page.get_by_role("tab", name="Documents").click()
    picker = page.get_by_label("Remove a document")
    picker.click()
    picker.fill("Exact text")
    page.get_by_role("option", name=re.compile("Exact text notice")).click()
    page.locator("#remove").click()
    page.wait_for_selector("#confirm-remove", state="visible")
    assert "Remove Exact text notice from the store?" in page.locator("#confirm-note").inner_text()
    page.locator("#cancel-remove").click()
    page.wait_for_selector("#confirm-remove", state="hidden")
    assert "Exact text notice" in page.locator("#documents").inner_text()  # nothing removed
