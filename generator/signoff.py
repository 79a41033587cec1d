"""Sign-off: a checking group's word that a document's blocks are right, tied to the exact words.

``charter signoff <id> --by "<group>" --date <date>`` writes ``content/charter/<id>.signoff.yml``:
the group, the date, any people's names (kept private unless ``print_names``), and the fingerprint
of every block (see ``generator.blocks``). Comparing today's blocks with it says which are
changed since checked, not checked (new) or removed; ``charter build --final`` refuses any.
Outputs of a document whose sign-off still holds say "Checked by <group> on <date>".
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.blocks import Block, Fingerprints, document_blocks, read_fingerprints, record_text
from generator.content import check_date
from generator.errors import CharterError, display_path
from generator.project import Project
from generator.yamlfile import YamlFile, load_yaml

SIGNOFF_SUFFIX = ".signoff.yml"
REVIEW_SUFFIX = ".review.yml"
_KEYS = ("by", "date", "people", "print_names", "blocks")
_HEADER = "# Written by 'charter signoff'. Sign off again rather than editing the fingerprints.\n"


@dataclass(frozen=True)
class SignOff:
    """A recorded sign-off: who checked, when, and the fingerprint of each block then."""

    source: Path
    by: str
    date: str  # YYYY-MM-DD
    people: tuple[str, ...] = ()  # private unless print_names
    print_names: bool = False
    blocks: Fingerprints = ()

    def fingerprints(self) -> dict[tuple[str, tuple[str, str]], str]:
        return {(name, key): print_ for name, entries in self.blocks for key, print_ in entries}

    @property
    def checked_by(self) -> str:
        """The line outputs carry: 'Checked by <group> on 6 December 2026.'"""
        group = self.by
        if self.print_names and self.people:
            group = f"{group} ({_and(self.people)})"
        return f"Checked by {group} on {long_date(self.date)}."


def _and(names: Iterable[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def long_date(iso: str) -> str:
    """'2026-12-06' -> '6 December 2026'."""
    day = datetime.date.fromisoformat(iso)
    return f"{day.day} {day:%B} {day.year}"


@dataclass(frozen=True)
class Finding:
    """A block that is not as it was checked: 'file:line: AA-1.2 (point) changed since checked'."""

    code: str
    kind: str
    state: str  # "changed since checked", "not checked", "removed since checked"
    where: str  # 'appendix-a.easy-read.md:42', or the file name alone for a removed block

    def __str__(self) -> str:
        return f"{self.where}: {self.code} ({self.kind}) {self.state}"


def signoff_path(document_path: Path) -> Path:
    return document_path.with_name(document_path.name.removesuffix(".md") + SIGNOFF_SUFFIX)


def review_path(document_path: Path) -> Path:
    return document_path.with_name(document_path.name.removesuffix(".md") + REVIEW_SUFFIX)


def load_signoff(path: Path) -> SignOff | None:
    """The sign-off in ``path``, or None when there is none; mistakes named by file and line."""
    if not path.is_file():
        return None
    data = load_yaml(path)
    if not isinstance(data.data, dict):
        raise data.error(
            "a sign-off file is 'key: value' lines: by:, date:, blocks:. Run charter signoff again."
        )
    data.check_keys(_KEYS)
    by = data.text("by", required=True) or ""
    date = check_date(data.text("date", required=True), data) or ""
    people = data.get("people") or []
    if not isinstance(people, list) or not all(isinstance(p, str) for p in people):
        raise data.error("'people' must be a list of names, one '- name' line each.", "people")
    print_names = data.get("print_names") or False
    if not isinstance(print_names, bool):
        raise data.error("'print_names' must be true or false.", "print_names")
    return SignOff(path, by, date, tuple(people), print_names, _blocks(data))


def _blocks(data: YamlFile) -> Fingerprints:
    return read_fingerprints(data, "Run charter signoff again.")


def signoff_text(by: str, date: str, people: Iterable[str], print_names: bool, blocks: list[Block]) -> str:
    """The sign-off file for ``blocks`` (YAML; the same blocks give the same text)."""
    data: dict[str, object] = {"by": by, "date": date}
    if people:
        data["people"] = list(people)
        data["print_names"] = print_names
    return record_text(_HEADER, data, blocks)


def sign_off(
    project: Project, doc_id: str, by: str, date: str, people: Iterable[str] = (), print_names: bool = False
) -> tuple[Path, int]:
    """Record a sign-off of every block of ``doc_id`` as it is now: the file and its block count."""
    from generator.content import find_document
    from generator.render import write_atomic

    by = " ".join(by.split())
    if not by:
        raise CharterError('--by needs the checking group\'s name, e.g. --by "Speak Up group".')
    _check_date_option(date)
    names = [" ".join(p.split()) for p in people if p.strip()]
    path = find_document(doc_id, project)
    blocks = document_blocks(path)
    target = signoff_path(path)
    write_atomic(target, signoff_text(by, date, names, print_names, blocks).encode())
    return target, len(blocks)


def _check_date_option(date: str) -> None:
    try:
        if len(date) != 10:
            raise ValueError
        datetime.date.fromisoformat(date)
    except ValueError:
        raise CharterError(
            f"--date '{date}' is not a real date. Write it YYYY-MM-DD, e.g. 2026-03-14."
        ) from None


def compare(blocks: list[Block], signoff: SignOff) -> list[Finding]:
    """The blocks that are not as they were checked, in the document's order, then removed ones.

    A block whose words (its fingerprint, of its kind, in its file) were checked anywhere passes,
    so a point moved or inserted above others marks only what is new.
    """
    signed = signoff.fingerprints()
    signed_words = {(name, kind, value) for (name, (_, kind)), value in signed.items()}
    findings = []
    current_words = set()
    flagged = set()
    for block in blocks:
        name = block.source.name
        current_words.add((name, block.kind, block.fingerprint))
        if (name, block.kind, block.fingerprint) in signed_words:
            continue
        state = "changed since checked" if (name, block.key) in signed else "not checked"
        findings.append(Finding(block.code, block.kind, state, f"{display_path(block.source)}:{block.line}"))
        flagged.add((name, block.key))
    for (name, key), value in signed.items():
        if (name, key[1], value) not in current_words and (name, key) not in flagged:
            findings.append(
                Finding(key[0], key[1], "removed since checked", display_path(signoff.source.with_name(name)))
            )
    return findings


@dataclass(frozen=True)
class ReviewState:
    """Where a document is in review: 'draft', 'in review', 'checked on <date>', 'changed since checked'."""

    label: str
    signoff: SignOff | None = None
    findings: tuple[Finding, ...] = ()

    @property
    def checked_by(self) -> str:
        """The 'Checked by' line for outputs: only while the sign-off still holds."""
        return self.signoff.checked_by if self.signoff is not None and not self.findings else ""


def review_state(document_path: Path) -> ReviewState:
    """A document's review state, from its sign-off and review files."""
    signoff = load_signoff(signoff_path(document_path))
    if signoff is None:
        return ReviewState("in review" if review_path(document_path).is_file() else "draft")
    findings = tuple(compare(document_blocks(document_path), signoff))
    if findings:
        return ReviewState(f"changed since checked on {signoff.date}", signoff, findings)
    return ReviewState(f"checked on {signoff.date}", signoff)


def final_faults(project: Project, doc_ids: Iterable[str]) -> list[str]:
    """What stops a final build of ``doc_ids``: one line per unchecked, changed or removed block,
    or per document never signed off."""
    from generator.content import find_document

    faults = []
    for doc_id in dict.fromkeys(doc_ids):
        path = find_document(doc_id, project)
        state = review_state(path)
        if state.signoff is None:
            faults.append(
                f"{display_path(path)}: {doc_id} is not signed off. Have a checking group review it "
                f'(charter review {doc_id}), then run charter signoff {doc_id} --by "<group>".'
            )
        faults += [str(f) for f in state.findings]
    return faults


def require_final(project: Project, doc_ids: Iterable[str], what: str = "--final") -> None:
    """Refuse (one line per block, then a summary) unless every document's sign-off still holds."""
    import click

    faults = final_faults(project, doc_ids)
    if faults:
        for fault in faults:
            click.echo(fault, err=True)
        raise CharterError(
            f"{what} refused: {len(faults)} problem{'s' if len(faults) != 1 else ''} above. Have the "
            "checking group check what is named, then run charter signoff again."
        )


def print_review_states(project: Project, doc_ids: Iterable[str]) -> None:
    """'Review: appendix-a: checked on 2026-12-06', a line per document (the pack summary's)."""
    import click

    from generator.content import find_document

    for doc_id in dict.fromkeys(doc_ids):
        click.echo(f"Review: {doc_id}: {review_state(find_document(doc_id, project)).label}")
