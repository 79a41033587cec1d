"""Web page checks: axe-core's WCAG 2.2 AA rules, run in headless Chromium through Playwright.

The page is opened from disk with every request outside the file refused, so checking a page
never touches the network.
"""

from __future__ import annotations

import contextlib
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from generator.errors import CharterError
from generator.verify.report import Check, FileResult

CHROMIUM = Path("/usr/bin/chromium")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGE_TIMEOUT_MS = 5_000  # to load a page from disk, and for axe-core to check it


def verify_html(paths: list[Path]) -> list[FileResult]:
    """One result a page: a check for each axe-core rule the page breaks, else one that passes."""
    try:
        from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        raise CharterError(
            "checking web pages needs Playwright and axe-playwright-python: pip install playwright "
            "axe-playwright-python."
        ) from None
    if not CHROMIUM.is_file():
        raise CharterError(f"checking web pages needs Chromium at {CHROMIUM}: apt-get install chromium.")
    # Playwright's sync API refuses a thread whose asyncio loop is running (a caller already
    # driving a browser, a notebook): it gets a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_verify_pages, paths, sync_playwright, Error, Axe).result()


def _verify_pages(paths: list[Path], sync_playwright: Any, Error: Any, Axe: Any) -> list[FileResult]:
    results = []
    try:  # its driver, a Node.js process, writes its own crash report to our stderr: kept out
        with open(os.devnull, "w") as quiet, contextlib.redirect_stderr(quiet):
            playwright = sync_playwright().start()
    except Exception as exc:  # Playwright raises a bare Exception when its driver dies
        raise CharterError(
            f"Playwright's browser driver would not start ({_first_line(exc)}); it and Chromium need "
            "a few GB of virtual memory (see ulimit -v)."
        ) from None
    try:
        try:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        except Error as exc:
            raise CharterError(f"Chromium would not start ({_first_line(exc)}).") from None
        try:
            for path in paths:
                results.append(_verify_page(browser, Axe(), path, Error))
        finally:
            browser.close()
    finally:
        playwright.stop()
    return results


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


def _local_only(route: Any) -> None:
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        route.abort()


def _verify_page(browser: Any, axe: Any, path: Path, Error: Any) -> FileResult:
    """The page's checks; a page that does not load, or hangs or crashes its tab (a script that
    never ends or fills the memory), fails one check saying so."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", _local_only)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(path.resolve().as_uri())
        response = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}}).response
    except Error as exc:
        check = Check("load", "the page loads")
        check.fail(
            f"the page could not be checked: it did not load within {PAGE_TIMEOUT_MS // 1000} s, left "
            f"for another address, or its scripts stopped the browser ({_first_line(exc)}).",
            "Make the page load by itself, without a script that runs for ever or fills the memory.",
        )
        return FileResult(path, "html", [check])
    finally:
        context.close()
    checks = []
    for violation in response["violations"]:
        check = Check(violation["id"], violation["help"])
        for node in violation["nodes"][:5]:
            summary = " ".join(str(node.get("failureSummary", "")).split())
            fix = summary.removeprefix("Fix any of the following: ").removeprefix(
                "Fix all of the following: "
            )
            target = " ".join(str(t) for t in node.get("target", []))
            check.fail(f"{violation['description']}.", fix or violation["helpUrl"], where=target)
        hidden = len(violation["nodes"]) - 5
        if hidden > 0:
            check.fail(f"and {hidden} more element(s) like these.", "The same fix.")
        checks.append(check)
    if not checks:
        passed = len(response["passes"])
        checks.append(Check("axe-core", f"axe-core WCAG 2.2 AA ({passed} rules pass, none fails)"))
    return FileResult(path, "html", checks)
