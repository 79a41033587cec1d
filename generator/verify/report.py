"""What a check of one file found: each check, its problems (where, what, what to do), and the
file's result as lines of text or JSON. Below the checks of each kind (``generator.verify.pdf``,
``generator.verify.html``), which make them, and the package, which runs them."""

from __future__ import annotations

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
