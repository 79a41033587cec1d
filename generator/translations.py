"""Translations: a document's text in another language, in files beside its source.

``content/charter/<id>.<lang>.md`` translates the full text (``<id>.md``) and
``<id>.easy-read.<lang>.md`` the easy read (``<id>.easy-read.md``); ``<lang>`` is a BCP 47 tag
(``ur``, ``pa``, ``cy``). A translation loads into the same models as its source
(``generator.content.Document``, ``generator.easyread.EasyReadDocument``) with ``language`` the
tag; a front matter ``language:`` must repeat it, and ``status: draft`` marks a translation its
speakers have not checked yet. This module finds and loads translations; which languages a build
makes is ``languages_to_build``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.content import EASY_READ_SUFFIX, language_problem, same_language
from generator.errors import CharterError, display_path
from generator.project import Project

if TYPE_CHECKING:
    from generator.content import Document
    from generator.easyread import EasyReadDocument

EASY_READ = "easy-read"
RECORD_SUFFIX = ".translation.yml"  # beside a translation: the source blocks it follows
ALL = "all"  # --language all: every language the document is translated into


@dataclass(frozen=True)
class TranslationName:
    """What a translation's file name says: the document, the language, full text or easy read."""

    doc_id: str
    language: str
    easy_read: bool

    @property
    def file_name(self) -> str:
        """``appendix-a.ur.md`` or ``appendix-a.easy-read.ur.md``."""
        form = f".{EASY_READ}" if self.easy_read else ""
        return f"{self.doc_id}{form}.{self.language}.md"

    @property
    def source_name(self) -> str:
        """The file it translates: ``appendix-a.md`` or ``appendix-a.easy-read.md``."""
        return f"{self.doc_id}{EASY_READ_SUFFIX}" if self.easy_read else f"{self.doc_id}.md"


def parse_name(name: str) -> TranslationName | None:
    """The translation a file name is (``appendix-a.ur.md``, ``appendix-a.easy-read.ur.md``), or
    None for any other name (a document, an easy read, a sign-off file)."""
    if not name.endswith(".md"):
        return None
    parts = name.removesuffix(".md").split(".")
    if len(parts) == 2 and parts[1] != EASY_READ and parts[0] and parts[1]:
        return TranslationName(parts[0], parts[1], False)
    if len(parts) == 3 and parts[1] == EASY_READ and parts[0] and parts[2]:
        return TranslationName(parts[0], parts[2], True)
    return None


def file_language(name: str) -> str:
    """The language a file beside the documents belongs to: a translation's (or its record's)
    tag, "" for every other file."""
    if name.endswith(RECORD_SUFFIX):
        name = name.removesuffix(RECORD_SUFFIX) + ".md"
    parsed = parse_name(name)
    return parsed.language if parsed else ""


def translation_path(source: Path, language: str, easy_read: bool = False) -> Path:
    """Where a document's translation into ``language`` lives (``source`` is its ``<id>.md``)."""
    doc_id = source.name.removesuffix(".md")
    return source.with_name(TranslationName(doc_id, language, easy_read).file_name)


def translation_files(source: Path) -> list[Path]:
    """Every translation file of the document ``source`` (``<id>.md``), full texts and easy reads,
    in name order."""
    doc_id = source.name.removesuffix(".md")
    return [
        path
        for path in sorted(source.parent.glob(f"{doc_id}.*.md"))
        if (name := parse_name(path.name)) is not None and name.doc_id == doc_id
    ]


def languages_of(source: Path) -> list[str]:
    """The languages a document is translated into (full text or easy read), as their files
    spell them, in order."""
    found: dict[str, None] = {}
    for path in translation_files(source):
        name = parse_name(path.name)
        if name is not None:
            found[name.language] = None
    return sorted(found)


def load_translation(path: Path) -> Document | EasyReadDocument:
    """Read a translation file, checked as its source would be, with the language of its name."""
    from generator.content import load_document
    from generator.easyread import load_easy_read

    name = parse_name(path.name)
    if name is None:
        raise CharterError(
            "not a translation's name: call it <id>.<language>.md or <id>.easy-read.<language>.md "
            "(e.g. appendix-a.ur.md).",
            path,
            1,
        )
    problem = language_problem(name.language)
    if problem:
        raise CharterError(f"{problem} (in the file name)", path, 1)
    if not (path.parent / name.source_name).is_file():
        raise CharterError(
            f"there is no '{name.source_name}' beside it to translate. Add it, or rename this file.", path, 1
        )
    if name.easy_read:
        return load_easy_read(path, name.language)
    return load_document(path, name.language)


def missing(source: Path, language: str, easy_read: bool = False) -> CharterError:
    """The error for a translation that is asked for but not written."""
    name = TranslationName(source.name.removesuffix(".md"), language, easy_read)
    return CharterError(
        f"{name.source_name} has no '{language}' translation: write it in "
        f"{display_path(source.with_name(name.file_name))} (the same headings, paragraphs and points "
        f"as {name.source_name}), or leave out --language {language}."
    )


def find_translation(source: Path, language: str, easy_read: bool = False) -> Path:
    """The translation file of a document into ``language``, or the error naming the file to write."""
    path = translation_path(source, language, easy_read)
    if not path.is_file():
        raise missing(source, language, easy_read)
    return path


def source_language(source: Path) -> str:
    """The language a document is written in (its front matter's ``language:``, else en-GB)."""
    from generator.yamlfile import split_front_matter

    meta, _, _ = split_front_matter(source)
    return meta.text("language") or "en-GB"


def languages_to_build(
    project: Project, doc_ids: Iterable[str], requested: Iterable[str]
) -> dict[str, list[str]]:
    """Document id -> the languages to build it in: ``""`` for the document itself, else a
    translation's tag as its file spells it.

    Nothing requested: the document itself. ``all``: every translation of each document. A tag
    that is the document's own language (``en`` or ``en-GB`` for an en-GB document) is the
    document itself. A language a document has no translation into is an error naming the file
    to write, every such error in one run.
    """
    from generator.content import find_document

    wanted = list(dict.fromkeys(tag.strip() for tag in requested if tag.strip()))
    problems: list[CharterError] = []
    for tag in wanted:
        problem = None if tag == ALL else language_problem(tag)
        if problem:
            problems.append(CharterError(f"--{problem} Or use 'all'."))
    if problems:
        raise CharterError.several(problems)
    chosen: dict[str, list[str]] = {}
    for doc_id in doc_ids:
        source = find_document(doc_id, project)
        if not wanted:
            chosen[doc_id] = [""]
            continue
        have = languages_of(source)
        own = source_language(source)
        languages: list[str] = []
        for tag in wanted:
            if tag == ALL:
                languages += have
            elif same_language(tag, own) or same_language(tag, own.split("-")[0]):
                languages.append("")
            else:
                spelt = next((lang for lang in have if same_language(lang, tag)), None)
                if spelt is None or not translation_path(source, spelt).is_file():
                    problems.append(missing(source, spelt or tag))
                else:
                    languages.append(spelt)
        chosen[doc_id] = list(dict.fromkeys(languages))
    if problems:
        raise CharterError.several(problems)
    return chosen


def is_draft(path: Path) -> bool:
    """Whether a translation file's front matter says ``status: draft`` (read, not checked)."""
    from generator.yamlfile import split_front_matter

    try:
        meta, _, _ = split_front_matter(path)
        return meta.text("status") == "draft"
    except CharterError:
        return False  # charter check and the build say what is wrong with it


def translations_line(source: Path) -> str:
    """``charter list``'s line of a document's translations: 'Translations: cy (+ easy read),
    ur (+ easy read, draft), pa (easy read only)', or '' when it has none."""
    entries = []
    for language in languages_of(source):
        full, easy = (translation_path(source, language, e) for e in (False, True))
        notes = ["+ easy read"] if full.is_file() and easy.is_file() else []
        notes += [] if full.is_file() else ["easy read only"]
        notes += ["draft"] if any(is_draft(p) for p in (full, easy) if p.is_file()) else []
        entries.append(f"{language} ({', '.join(notes)})" if notes else language)
    return f"Translations: {', '.join(entries)}" if entries else ""
