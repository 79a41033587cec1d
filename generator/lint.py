"""``charter check``: every input of a project checked in one run, every finding with its file:line.

Documents, their translations (``<id>.<lang>.md``), easy reads (with the easy read rules of
``generator.checks``), brands (brand.yml, with the line of the key each finding is about, found
with the line-keeping YAML loader) and pack manifests. A file that cannot be read is a finding,
and the rest go on. Findings print as ``file:line: rule: message``, as JSON, or as GitHub
workflow annotations.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.checks import FileReport, Finding, check_easy_read
from generator.errors import CharterError, display_path
from generator.project import Project

KINDS = ("document", "translation", "easy-read", "brand", "pack", "unknown")
BRAND_FILES = ("_brand.yml", "_brand.yaml", "brand.yml")
_LOCATED = re.compile(r"^(?P<path>[^\n:]+):(?P<line>\d+): (?P<message>.*)$")


@dataclass
class Inputs:
    """The files to check, by kind, each list in the order found."""

    files: dict[str, list[Path]] = field(default_factory=lambda: {kind: [] for kind in KINDS})

    def add(self, path: Path, named: bool = False) -> None:
        """Add a file found in a folder, or named by the user (then one of no kind is a finding)."""
        kind = kind_of(path) or ("unknown" if named else None)
        if kind and path.resolve() not in (p.resolve() for p in self.files[kind]):
            self.files[kind].append(path)

    def __iter__(self) -> Iterator[tuple[str, Path]]:
        return ((kind, path) for kind in KINDS for path in self.files[kind])


def kind_of(path: Path) -> str | None:
    """What a file is, from its name and folder (None for files ``charter check`` does not read)."""
    name = path.name
    if name.endswith(".easy-read.md"):
        return "easy-read"
    if name.endswith(".md"):
        return "translation" if name.count(".") >= 2 else "document"  # generator.translations
    if name in BRAND_FILES or (name.startswith("_brand-") and path.suffix in (".yml", ".yaml")):
        return "brand"
    if path.suffix in (".yml", ".yaml"):
        return "pack"
    return None


def find_inputs(paths: Iterable[Path], project: Project) -> Inputs:
    """The files named, folders searched (a project folder by its content/), or the project's own."""
    inputs = Inputs()
    for path in list(paths) or [project.content_dir]:
        if not path.is_dir():
            inputs.add(path, named=True)
            continue
        content = path / "content" if (path / "content").is_dir() else path
        for sub, pattern in (("charter", "*.md"), ("brands", "*/_brand*.y*ml"), ("packs", "*.y*ml")):
            for found in sorted((content / sub).glob(pattern)):
                inputs.add(found)
        if content == path and not any(inputs.files.values()):
            for found in sorted(path.rglob("*")):
                if found.is_file() and (found.suffix == ".md" or found.name in BRAND_FILES):
                    inputs.add(found)
    return inputs


def check_inputs(inputs: Inputs, project: Project) -> list[FileReport]:
    """A report for every file, in the order of ``KINDS``."""
    return [_check(kind, path, project) for kind, path in inputs]


def _check(kind: str, path: Path, project: Project) -> FileReport:
    display = display_path(path)
    if kind == "unknown":
        message = (
            "not a file charter check reads: name a document (.md), an easy read (.easy-read.md), "
            "a brand file (_brand.yml) or a pack (.yml), or a folder."
        )
        return FileReport(display, [Finding(display, 1, "unknown-file", "error", message)], None)
    try:
        if kind == "easy-read":
            from generator.easyread import load_easy_read

            findings, figures = check_easy_read(load_easy_read(path), display)
            return FileReport(display, findings, figures)
        if kind == "translation":
            return _check_translation(path, display)
        if kind == "brand":
            return FileReport(display, _check_brand(path, display), None)
        if kind == "document":
            from generator.content import load_document

            load_document(path)
        else:
            from generator.fonts import check_glyphs, default_faces
            from generator.pack import load_pack

            load_pack(path, project)
            check_glyphs(path, default_faces())  # its title and event details print on the cover
    except CharterError as exc:
        findings = findings_of(exc, display)
        if kind == "brand":
            findings = [_brand_located(path, f) for f in findings]
        return FileReport(display, findings, None)
    return FileReport(display, [], None)


def findings_of(exc: CharterError, display: str, rule: str = "invalid") -> list[Finding]:
    """The findings in an error: one, or one a line where it holds several ``file:line: ...``."""
    message = exc.format_message()
    if "\n" not in message:
        return [Finding(display, exc.line or 1, rule, "error", exc.detail)]
    found = []
    for text in message.splitlines():
        match = _LOCATED.match(text)
        if match:
            found.append(Finding(match["path"], int(match["line"]), rule, "error", match["message"]))
        elif text.strip():
            found.append(Finding(display, 1, rule, "error", text.removeprefix(f"{display}: ")))
    return found


def _check_brand(path: Path, display: str) -> list[Finding]:
    """A brand's errors (raised) and warnings (colours changed, fonts replaced), each at its line."""
    from generator.brand import BrandRef, brand_slug, load_brand

    brand = load_brand(BrandRef(path.resolve(), brand_slug(path)))
    findings = []
    for warning in brand.warnings:
        message = warning.split("): ", 1)[-1]  # the file and slug are in the finding already
        rule = "contrast" if "colour" in message else "font" if "font" in message else "brand"
        findings.append(_brand_located(path, Finding(display, 1, rule, "warning", message)))
    return findings


def _brand_located(path: Path, finding: Finding) -> Finding:
    """A brand finding at the line of the key it is about, when it has none of its own."""
    if finding.line != 1:
        return finding
    from generator.brandfile import brand_line

    line = brand_line(path, finding.message)
    return (
        finding
        if line is None
        else Finding(finding.path, line, finding.rule, finding.severity, finding.message)
    )


def _check_translation(path: Path, display: str) -> FileReport:
    """A translation (``<id>.<lang>.md``, ``<id>.easy-read.<lang>.md``), checked as its source
    would be (an easy read by the easy read rules too), and each place its structure differs
    from its source's."""
    from generator.easyread import EasyReadDocument
    from generator.translations import load_accepted, load_translation, stale_blocks, structure_faults

    translated = load_translation(path, structure=False)
    findings: list[Finding] = []
    figures = None
    if isinstance(translated, EasyReadDocument):
        findings, figures = check_easy_read(translated, display)
    faults = structure_faults(path)
    for fault in faults:
        located = _LOCATED.match(fault)
        where, line, message = located.groups() if located else (display, "1", fault)
        findings.append(Finding(where, int(line), "structure", "error", message))
    if faults:
        return FileReport(display, findings, figures)
    if load_accepted(path) is None:
        message = (
            f"never accepted: once it says what its source says, run charter translations accept {display}"
        )
        findings.append(Finding(display, 1, "not-accepted", "warning", message))
    for stale in stale_blocks(path):
        message = str(stale).split(": ", 1)[1]
        findings.append(Finding(display, stale.translation.line, "stale", "warning", message))
    return FileReport(display, findings, figures)


def counts(reports: list[FileReport]) -> tuple[int, int]:
    """Errors and warnings over every report."""
    findings = [f for r in reports for f in r.findings]
    return sum(f.severity == "error" for f in findings), sum(f.severity == "warning" for f in findings)


def as_text(reports: list[FileReport]) -> str:
    errors, warnings = counts(reports)
    lines = [line for report in reports for line in report.lines()]
    lines.append(f"checked {len(reports)} file(s): {errors} error(s), {warnings} warning(s)")
    return "\n".join(lines)


def as_json(reports: list[FileReport]) -> str:
    return json.dumps([r.as_dict() for r in reports], indent=2)


def as_github(reports: list[FileReport]) -> str:
    """GitHub Actions workflow commands: one annotation a finding."""

    def escape(text: str, in_property: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if in_property else text

    return "\n".join(
        f"::{'notice' if f.severity == 'note' else f.severity} file={escape(f.path, True)},line={f.line},"
        f"title={escape(f.rule, True)}::{escape(f.message)}"
        for r in reports
        for f in r.findings
    )
