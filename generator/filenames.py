"""The names of the files beside a document in ``content/charter/``, and what each name says.

``<id>.md`` is a document's full text and ``<id>.easy-read.md`` its easy read; a translation is
``<id>.<lang>.md`` or ``<id>.easy-read.<lang>.md`` (``<lang>`` a BCP 47 tag), with its record
``<id>.<lang>.translation.yml`` beside it. Only names: reading the files is
``generator.content``, ``generator.easyread`` and ``generator.translations``, all above this.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.names import distinct

EASY_READ_SUFFIX = ".easy-read.md"
EASY_READ = "easy-read"
RECORD_SUFFIX = ".translation.yml"  # beside a translation: the source blocks it follows


def easy_read_path(document_path: Path) -> Path:
    """Where the easy-read version of a document lives."""
    return document_path.with_name(document_path.name.removesuffix(".md") + EASY_READ_SUFFIX)


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
    files = translation_files(source)
    # appendix-a.UR.md beside appendix-a.ur.md: one file where case is ignored, one language
    distinct(((path.name, str(path)) for path in files), "translation")
    for path in files:
        name = parse_name(path.name)
        if name is not None:
            found[name.language] = None
    return sorted(found)


def record_path(translation: Path) -> Path:
    """``appendix-a.ur.md`` -> ``appendix-a.ur.translation.yml``, beside it."""
    return translation.with_name(translation.name.removesuffix(".md") + RECORD_SUFFIX)
