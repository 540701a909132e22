"""What a reader's first search fetches on the hosted site, measured in a real browser.

:func:`first_search_bytes` serves a built site over HTTP, opens its home page in Chromium (Debian's,
through Playwright), opens the search dialog, types a query key by key as a reader does, waits for the
results, and adds up the bytes of every response from the moment the search opened: the Pagefind UI,
the engine, its WebAssembly, the index chunks each prefix of the query needed and the fragments of the
results shown. Each query runs in a fresh browser context, so nothing is cached between them.
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

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


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def type_search(page: Any, query: str) -> Any:
    """Open the search dialog from the header's button and type ``query`` key by key, as a reader does
    (Pagefind searches on key events); the search box. Shared with the browser tests."""
    from playwright.sync_api import expect

    page.locator("button.brief-search__open").click()
    box = page.locator(".brief-search .pagefind-ui__search-input")
    expect(box).to_be_focused()
    box.press_sequentially(query)
    return box


def first_search_bytes(site: Path, queries: list[str]) -> dict[str, int]:
    """For each query, the bytes its first search fetched (responses after the search button was pressed)."""
    from playwright.sync_api import expect, sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    fetched: dict[str, int] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                page.set_default_timeout(60_000)
                page.goto(url)
                sizes: list[int] = []
                page.on(
                    "requestfinished", lambda request, sizes=sizes: sizes.append(request.sizes()["responseBodySize"])
                )
                type_search(page, query)
                expect(page.locator(".pagefind-ui__message")).to_contain_text(query)
                expect(page.locator(".pagefind-ui__result").first).to_be_visible()
                page.wait_for_load_state("networkidle")
                fetched[query] = sum(sizes)
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return fetched
