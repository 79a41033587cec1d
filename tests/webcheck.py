"""Opening a web page in headless Chromium as a reader would, with the network blocked, and the
scripts and rule sets the web tests ask of it (the ``browser`` fixture is in conftest.py)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
OVERFLOW = "[document.documentElement.scrollWidth, window.innerWidth]"
WIDEST = """Math.max(...[...document.querySelectorAll('img, p, li, h1, h2')]
  .map(e => e.getBoundingClientRect().right))"""


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless (see the README's set-up commands)."""
    assert Path(CHROMIUM).is_file(), "the browser tests need Chromium: apt-get install chromium"
    return playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])


def _block_the_network(route: Any) -> None:
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        route.abort()


@contextlib.contextmanager
def opened(browser: Any, path: Path, width: int = 1280, **options: Any) -> Iterator[Any]:
    """The page loaded from disk in a fresh browser context with the network blocked; on the way
    out, asserts that the page asked for nothing but itself."""
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    context.route("**/*", _block_the_network)
    page = context.new_page()
    page.goto(path.as_uri())
    try:
        yield page
    finally:
        context.close()
    assert requested == [path.as_uri()], f"the page asked for more than itself: {requested}"
