"""``charter verify``: accessibility checks of any PDF or web page, whoever made it.

PDFs get the PDF/UA-1 conditions a machine can check, colour contrast measured on a rendering
of each page and a reading-order check (``generator.verify.pdf``); web pages get axe-core's
WCAG 2.2 AA rules in headless Chromium (``generator.verify.html``). Each file's report says, in
plain English, which check failed, on which page, and what to fix.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import display_path


@dataclass(frozen=True)
class Problem:
    """One thing wrong: where (page, or an element of a web page), what, and what to do."""

    message: str
    fix: str
    page: int | None = None
    where: str | None = None


@dataclass
class Check:
    """One check of one file, and what it found (nothing: it passes)."""

    id: str
    name: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems

    def fail(self, message: str, fix: str, page: int | None = None, where: str | None = None) -> None:
        self.problems.append(Problem(message, fix, page, where))


@dataclass
class FileResult:
    path: Path
    kind: str  # "pdf" or "html"
    checks: list[Check]

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    def as_dict(self) -> dict[str, object]:
        return {
            "file": display_path(self.path),
            "kind": self.kind,
            "passed": self.passed,
            "checks": [
                {
                    "id": c.id,
                    "name": c.name,
                    "passed": c.passed,
                    "problems": [
                        {"page": p.page, "where": p.where, "message": p.message, "fix": p.fix}
                        for p in c.problems
                    ],
                }
                for c in self.checks
            ],
        }

    def lines(self) -> list[str]:
        shown = display_path(self.path)
        failed = [c for c in self.checks if not c.passed]
        if not failed:
            return [f"{shown}: passes all {len(self.checks)} checks"]
        lines = [f"{shown}: FAILS {len(failed)} of {len(self.checks)} checks"]
        for check in failed:
            for problem in check.problems:
                place = f", page {problem.page}" if problem.page else ""
                place += f", {problem.where}" if problem.where else ""
                lines.append(f"  {check.name}{place}: {problem.message} Fix: {problem.fix}")
        return lines


def verify_files(paths: Iterable[Path], min_size: float = 9.0) -> list[FileResult]:
    """Check each file by its kind (PDF by its header, web page by its suffix)."""
    from generator.verify.html import verify_html
    from generator.verify.pdf import verify_pdf

    paths = list(paths)
    html = [p for p in paths if p.suffix.lower() in (".html", ".htm", ".xhtml")]
    results = {p: r for p, r in zip(html, verify_html(html), strict=True)} if html else {}
    return [results[p] if p in results else verify_pdf(p, min_size) for p in paths]


def as_text(results: list[FileResult]) -> str:
    failed = sum(not r.passed for r in results)
    lines = [line for result in results for line in result.lines()]
    lines.append(f"verified {len(results)} file(s): {len(results) - failed} pass, {failed} fail")
    return "\n".join(lines)


def as_json(results: list[FileResult]) -> str:
    return json.dumps([r.as_dict() for r in results], indent=2)
