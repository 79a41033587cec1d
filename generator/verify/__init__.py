"""``charter verify``: accessibility checks of any PDF or web page, whoever made it.

PDFs get the PDF/UA-1 conditions a machine can check, colour contrast measured on a rendering
of each page and a reading-order check (``generator.verify.pdf``); web pages get axe-core's
WCAG 2.2 AA rules in headless Chromium (``generator.verify.html``). Each file's report says, in
plain English, which check failed, on which page, and what to fix.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from generator.errors import CharterError
from generator.limits import MAX_VERIFIED, check_regular
from generator.verify.html import verify_html
from generator.verify.pdf import verify_pdf
from generator.verify.report import Check, FileResult


def verify_files(paths: Iterable[Path], min_size: float = 9.0) -> list[FileResult]:
    """Check each file by its kind (PDF by its header, web page by its suffix); a pipe, device or
    file over the size limit fails at once, unread."""
    paths = list(paths)
    results = {p: r for p in paths if (r := _refused(p)) is not None}
    html = [p for p in paths if p.suffix.lower() in (".html", ".htm", ".xhtml") and p not in results]
    results.update(zip(html, verify_html(html), strict=True) if html else ())
    return [results[p] if p in results else verify_pdf(p, min_size) for p in paths]


def _refused(path: Path) -> FileResult | None:
    """A failing result for a path that is not a regular file of at most MAX_VERIFIED bytes."""
    try:
        check_regular(path, MAX_VERIFIED, "PDF or web page")
    except CharterError as error:
        check = Check("file", "a file that can be read")
        check.fail(error.detail, "Check a saved copy of the PDF or web page.")
        return FileResult(path, "html" if path.suffix.lower() in (".html", ".htm") else "pdf", [check])
    return None


def as_text(results: list[FileResult]) -> str:
    failed = sum(not r.passed for r in results)
    lines = [line for result in results for line in result.lines()]
    lines.append(f"verified {len(results)} file(s): {len(results) - failed} pass, {failed} fail")
    return "\n".join(lines)


def as_json(results: list[FileResult]) -> str:
    return json.dumps([r.as_dict() for r in results], indent=2)
