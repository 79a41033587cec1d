"""Charter documents: Markdown with YAML front matter, read once into immutable models.

The Markdown body is made HTML by :mod:`generator.markdown` and handed to templates as data, so
Jinja syntax in content stays plain text.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import CharterError
from generator.languages import language_problem, same_language
from generator.limits import MAX_KEY_POINTS
from generator.markdown import WEB_LINK, check_length, render_body
from generator.names import distinct, safe_name
from generator.project import Project, builtin_dir
from generator.strings import Strings, strings_for
from generator.yamlfile import YamlFile, split_front_matter

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Document:
    """A charter document in its full (standard) form."""

    id: str
    title: str
    language: str
    summary: str
    body_html: str
    source: Path
    appendix: str | None = None
    charter: str | None = None
    credit: str | None = None
    url: str | None = None
    date: str | None = None
    key_points: tuple[str, ...] = field(default_factory=tuple)
    pronounce: tuple[tuple[str, str], ...] = ()  # word, how the audio says it
    draft: bool = False  # 'status: draft': a translation not yet checked by its speakers

    @property
    def heading(self) -> str:
        """'Appendix A' style label, when the document is an appendix."""
        return f"Appendix {self.appendix}" if self.appendix else ""


# The front matter each kind of document may have: anything else is a typo to be told about.
DOCUMENT_KEYS = (
    "id",
    "title",
    "appendix",
    "charter",
    "language",
    "summary",
    "key_points",
    "credit",
    "url",
    "date",
    "pronounce",
    "status",
)
EASY_READ_KEYS = (
    "id",
    "title",
    "language",
    "summary",
    "date",
    "key_points",
    "glossary",
    "pronounce",
    "status",
)
STATUSES = ("draft",)


def check_key_points(points: list[Any], meta: YamlFile) -> None:
    """At most MAX_KEY_POINTS key points."""
    if len(points) > MAX_KEY_POINTS:
        raise meta.error(
            f"{len(points)} key points, more than {MAX_KEY_POINTS}. Keep the few that matter most.",
            "key_points",
            MAX_KEY_POINTS,
        )


def check_link(url: str | None, path: Path, key: str = "url", line: int | None = None) -> str | None:
    """A web link must be http(s); anything else is refused with a clear message."""
    if url is None:
        return None
    check_length(url, path, line)
    if not WEB_LINK.match(url):
        raise CharterError(
            f"'{key}: {url}' is not a web link. Use a full http:// or https:// address.", path, line
        )
    return url


def check_language(tag: str, meta: YamlFile) -> str:
    """A valid BCP 47 language tag, else the error naming the front matter's line."""
    problem = language_problem(tag)
    if problem:
        raise meta.error(problem, "language")
    return tag


def check_date(value: str | None, meta: YamlFile) -> str | None:
    """A real calendar date written YYYY-MM-DD, or None."""
    if value is None:
        return None
    try:
        if not _DATE.match(value):
            raise ValueError
        datetime.date.fromisoformat(value)
    except ValueError:
        raise meta.error(
            f"date '{value}' is not a real date. Write it YYYY-MM-DD, e.g. 2025-03-14.", "date"
        ) from None
    return value


def document_metadata(meta: YamlFile, allowed: tuple[str, ...], translation: str = "") -> dict[str, Any]:
    """Front matter fields shared by the full and easy-read forms (unknown keys refused).

    ``translation`` is the language tag of a translation's file name (``appendix-a.ur.md``): its
    language, which a ``language:`` in the front matter must repeat."""
    path = meta.path
    meta.check_keys(allowed, what="front matter key")
    doc_id = meta.text("id") or path.name.split(".")[0]
    if not _ID.match(doc_id):
        raise meta.error(f"id '{doc_id}' must be lower case letters, digits and hyphens.", "id")
    language = check_language(meta.text("language") or translation or "en-GB", meta)
    if translation and not same_language(language, translation):
        raise meta.error(
            f"language '{language}' is not the '{translation}' of the file name. Make them the same.",
            "language",
        )
    return {
        "id": doc_id,
        "title": meta.text("title", required=True),
        "language": language,
        "summary": meta.text("summary") or "",
        "date": check_date(meta.text("date"), meta),
        "pronounce": pronunciations(meta),
        "draft": draft_status(meta, translation),
    }


def draft_status(meta: YamlFile, translation: str) -> bool:
    """``status: draft`` (the only status there is) of a translation: its outputs say it is a
    draft translation. A document's own checks are its sign-off (``generator.signoff``)."""
    status = meta.text("status")
    if status is None:
        return False
    if not translation:
        raise meta.error(
            "'status:' marks a translation (<id>.<language>.md) its speakers have not checked yet; "
            "this is not one. Remove the line: a document is checked by sign-off (charter signoff).",
            "status",
        )
    if status not in STATUSES:
        raise meta.error(
            f"status '{status}' is not known. Write 'status: draft' until speakers have checked "
            "the text, then remove the line.",
            "status",
        )
    return True


def pronunciations(meta: YamlFile) -> tuple[tuple[str, str], ...]:
    """``pronounce:``, 'word: how it is said' lines for the audio (acronyms, names)."""
    value = meta.get("pronounce")
    if value is None:
        return ()
    if not isinstance(value, dict):
        raise meta.error("pronounce must be 'word: how to say it' lines, e.g. 'NHS: N H S'.", "pronounce")
    pairs = []
    for word, said in value.items():
        if not isinstance(said, str) or not said.strip() or not str(word).strip():
            raise meta.error(f"pronounce: say how '{word}' is spoken, e.g. 'NHS: N H S'.", "pronounce", word)
        pairs.append((str(word).strip(), said.strip()))
    return tuple(pairs)


def body_words(language: str) -> Strings:
    """The catalog of the words a document's body adds to its text (Notes, Table 1): the
    built-in one of its language (a body is read before any project templates are known)."""
    return strings_for((builtin_dir("templates"),), language)


def load_document(path: Path, translation: str = "") -> Document:
    """Read one full charter document (``translation``: see ``document_metadata``)."""
    meta, body, body_line = split_front_matter(path)
    common = document_metadata(meta, DOCUMENT_KEYS, translation)
    tag = f".{translation}" if translation else ""
    if f"{common['id']}{tag}.md" != path.name:
        raise meta.error(
            f"id '{common['id']}' does not match the file name: call it '{common['id']}{tag}.md'.", "id"
        )
    key_points = meta.get("key_points") or []
    if not isinstance(key_points, list):
        raise meta.error("key_points must be a list of short statements, one per '- ' line.", "key_points")
    check_key_points(key_points, meta)
    for index, point in enumerate(key_points):
        if not isinstance(point, str) or not point.strip():
            raise meta.error(
                "each key point must be a short statement on its '- ' line.", "key_points", index
            )
    return Document(
        **common,
        body_html=render_body(body, path, body_line, body_words(common["language"])),
        source=path,
        appendix=meta.text("appendix"),
        charter=meta.text("charter"),
        credit=meta.text("credit"),
        url=check_link(meta.text("url"), path, line=meta.line("url")),
        key_points=tuple(k.strip() for k in key_points),
    )


def document_paths(project: Project) -> dict[str, Path]:
    """Document id -> path of its full version, from the file names in content/charter/.

    A name with a second dot is an easy read or a translation (``appendix-a.ur.md``, see
    ``generator.translations``), not a document of its own."""
    if not project.charter_dir.is_dir():
        return {}
    found = [
        (safe_name(p.name.removesuffix(".md"), "document", p), p)
        for p in sorted(project.charter_dir.glob("*.md"))
        if "." not in p.name.removesuffix(".md")
    ]
    distinct(((doc_id, str(p)) for doc_id, p in found), "document")
    return dict(found)


def find_document(doc_id: str, project: Project) -> Path:
    paths = document_paths(project)
    if doc_id not in paths:
        valid = ", ".join(paths) or "none"
        raise CharterError(f"unknown document '{doc_id}'. Valid documents: {valid}.")
    return paths[doc_id]
