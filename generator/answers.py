"""Review answers coming back: the web form's JSON file or a CSV typed up from paper
(``code,answer,comment``) read, checked against the document's point codes and added to
``content/charter/<id>.review.yml``; ``charter review status`` summarises them point by point.

Answers are kept for the people who write the document; no output ever shows them.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from generator.blocks import code_prefix
from generator.content import document_paths
from generator.errors import CharterError
from generator.project import Project
from generator.review import ANSWERS, review_pack
from generator.signoff import review_path
from generator.yamlfile import load_yaml, read_text

ANSWER_WORDS = {
    "understand": "understood",
    "not-understand": "not understood",
    "change-picture": "change the picture",
    "change-words": "change the words",
}


@dataclass(frozen=True)
class Answer:
    code: str
    answers: tuple[str, ...]
    comment: str
    line: int  # in the file it came from


def read_answers(path: Path) -> tuple[str | None, list[Answer]]:
    """The document id (if the file names one) and the answers of a JSON or CSV answers file."""
    text = read_text(path)
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        return _json_answers(text, path)
    return None, _csv_answers(text, path)


def _json_answers(text: str, path: Path) -> tuple[str | None, list[Answer]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CharterError(f"is not a JSON answers file ({exc.msg}).", path, exc.lineno) from None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), list):
        raise CharterError("a JSON answers file has 'document' and an 'answers' list (from the form).", path)
    lines = text.splitlines()
    found, answers = 0, []
    for entry in data["answers"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("code"), str):
            raise CharterError("each answer needs a 'code' (like AA-1.2).", path)
        code = entry["code"]
        found = next((n for n in range(found, len(lines)) if f'"{code}"' in lines[n]), found)
        ticked = entry.get("answers", [])
        if isinstance(ticked, str):
            ticked = [ticked]
        if not isinstance(ticked, list) or not all(isinstance(t, str) for t in ticked):
            raise CharterError(f"the answers of {code} must be a list of words.", path, found + 1)
        comment = entry.get("comment") or ""
        if not isinstance(comment, str):
            raise CharterError(f"the comment of {code} must be text.", path, found + 1)
        answers.append(Answer(code, tuple(ticked), comment.strip(), found + 1))
    document = data.get("document")
    return (document if isinstance(document, str) else None), answers


def _csv_answers(text: str, path: Path) -> list[Answer]:
    answers = []
    for number, row in enumerate(csv.reader(io.StringIO(text)), 1):
        if not row or not "".join(row).strip():
            continue
        if number == 1 and row[0].strip().lower() == "code":
            continue  # a heading row
        code = row[0].strip()
        ticked = tuple(
            a.strip() for a in (row[1] if len(row) > 1 else "").replace(";", " ").split() if a.strip()
        )
        comment = ",".join(row[2:]).strip()
        answers.append(Answer(code, ticked, comment, number))
    return answers


def import_answers(project: Project, path: Path, doc_id: str | None = None) -> tuple[Path, int]:
    """Check every answer of ``path`` (all faults at once) and add them to the document's
    review file: that file and how many answers were added."""
    named, answers = read_answers(path)
    doc_id = doc_id or named or _document_of(project, answers, path)
    if doc_id not in document_paths(project):
        raise CharterError(
            f"unknown document '{doc_id}'. Valid documents: {', '.join(document_paths(project))}."
        )
    codes = {s.code for full in (False, True) for s in _sheets(project, doc_id, full)}
    faults = []
    for answer in answers:
        if answer.code not in codes:
            faults.append(f"{path.name}:{answer.line}: unknown point code '{answer.code}' for {doc_id}.")
        for value in answer.answers:
            if value not in ANSWERS:
                faults.append(
                    f"{path.name}:{answer.line}: unknown answer '{value}': use {', '.join(ANSWERS)}."
                )
    if faults:
        import click

        for fault in faults:
            click.echo(fault, err=True)
        raise CharterError(f"nothing imported: {len(faults)} problem{'s' if len(faults) != 1 else ''} above.")
    target = review_path(document_paths(project)[doc_id])
    existing = load_review(target)
    new = [
        {"code": a.code, "answers": list(a.answers), "comment": a.comment, "from": path.name} for a in answers
    ]
    added = [entry for entry in new if entry not in existing]
    import yaml

    from generator.render import write_atomic

    body = yaml.safe_dump({"answers": existing + added}, sort_keys=False, allow_unicode=True, width=100)
    header = "# Review answers (charter review import). Never printed in any output.\n"
    write_atomic(target, (header + body).encode("utf-8"))
    return target, len(added)


def _sheets(project: Project, doc_id: str, full: bool) -> tuple:  # type: ignore[type-arg]
    try:
        return review_pack(project, doc_id, full).sheets
    except CharterError:
        return ()


def _document_of(project: Project, answers: list[Answer], path: Path) -> str:
    prefixes = {a.code.split("-")[0] for a in answers}
    matches = [d for d in document_paths(project) if code_prefix(d) in prefixes]
    if len(matches) != 1:
        raise CharterError("cannot tell which document these answers are for: give --doc ID.", path)
    return matches[0]


def load_review(path: Path) -> list[dict[str, object]]:
    """The answers recorded in a review file ([] when there is none)."""
    if not path.is_file():
        return []
    data = load_yaml(path)
    answers = data.get("answers") or []
    if not isinstance(answers, list):
        raise data.error("'answers' must be a list (charter review import writes it).", "answers")
    return [a for a in answers if isinstance(a, dict)]


def status_lines(project: Project, doc_id: str) -> list[str]:
    """Point by point: how many understood it, did not, want the picture or words changed, and
    the comments."""
    from generator.content import find_document

    recorded = load_review(review_path(find_document(doc_id, project)))
    by_code: dict[str, list[dict[str, object]]] = {}
    for entry in recorded:
        by_code.setdefault(str(entry.get("code")), []).append(entry)
    lines = [f"{doc_id}: {len(recorded)} answers"]
    for full in (False, True):
        for sheet in _sheets(project, doc_id, full):
            entries = by_code.get(sheet.code, [])
            if not entries:
                continue
            counts = {value: 0 for value in ANSWER_WORDS}
            for entry in entries:
                for value in entry.get("answers") or []:  # type: ignore[attr-defined]
                    counts[value] = counts.get(value, 0) + 1
            summary = ", ".join(f"{ANSWER_WORDS[v]} {n}" for v, n in counts.items() if n)
            lines.append(f"  {sheet.code}: {summary or 'no boxes ticked'}")
            lines += [f"    - {entry['comment']}" for entry in entries if entry.get("comment")]
    return lines
