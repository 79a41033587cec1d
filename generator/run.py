"""The run model: the options of a build, the items it makes (a document in one brand, format
and language) and the inputs it reads once, with the warnings those inputs give."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.brand import Brand, BrandRef, load_brand
from generator.compose import Section
from generator.content import Document, find_document, load_document
from generator.easyread import EasyReadDocument, load_easy_read
from generator.errors import CharterError
from generator.filenames import easy_read_path, translation_path
from generator.formats import PageOptions, get_format
from generator.project import Project
from generator.signoff import ReviewState, review_state
from generator.strings import strings_for
from generator.translations import (
    find_translation,
    load_accepted,
    load_easy_read_translation,
    load_text_translation,
)

LOG = logging.getLogger("charter")


@dataclass(frozen=True)
class Options:
    """Options of a build that shape every item."""

    paper: str | None = None
    landscape: bool = False
    print_marks: bool = False
    url: str | None = None
    strict: bool = False
    easy_read_pt: float = 16.0
    large_print_pt: float = 18.0
    braille_cells: int = 40
    braille_lines: int = 25
    audio_tracks: bool = True  # an MP3's sections as tracks and a playlist beside it too


@dataclass(frozen=True)
class Item:
    """One file to make: a document (or its translation) in one brand and format."""

    doc_id: str
    brand: BrandRef
    fmt: str
    page: PageOptions
    language: str = ""  # a translation's tag (generator.translations); "" for the document itself

    @property
    def file_name(self) -> str:
        """'appendix-a-handout.pdf', a translation 'appendix-a.ur-handout.pdf': the same in every
        brand's folder."""
        language = f".{self.language}" if self.language else ""
        return f"{self.doc_id}{language}-{self.fmt}{get_format(self.fmt).suffix}"

    def path(self, out: Path) -> Path:
        return out / self.brand.slug / self.file_name


@dataclass
class Inputs:
    """Documents and brands, each read and checked once per process."""

    project: Project
    # (document id, language) -> the document or its translation ("" the document itself)
    documents: dict[tuple[str, str], Document] = field(default_factory=dict)
    brands: dict[BrandRef, Brand] = field(default_factory=dict)
    easy_reads: dict[tuple[str, str], EasyReadDocument] = field(default_factory=dict)
    reviews: dict[str, ReviewState] = field(default_factory=dict)
    sections: dict[Item, Section] = field(default_factory=dict)
    # Every item of the run: a web page links to the other versions of its document made beside it.
    run: tuple[Item, ...] = ()
    # Layouts already made while fitting a poster, kept until its PDF is written.
    layouts: dict[tuple[str, tuple[Path, ...]], Any] = field(default_factory=dict)

    def document(self, doc_id: str, language: str = "") -> Document:
        """The full text, or its translation into ``language`` (both, for a bilingual ``cy+en``)."""
        key = (doc_id, language)
        if key not in self.documents:
            source = find_document(doc_id, self.project)
            if "+" in language:
                from generator.bilingual import merge_documents, versions_of

                first, second = (self.document(doc_id, tag) for tag in versions_of(source, language))
                self.documents[key] = merge_documents(first, second, self.directions(first, second))
            elif language:
                self.documents[key] = load_text_translation(find_translation(source, language))
            else:
                self.documents[key] = load_document(source)
        return self.documents[key]

    def easy_read(self, doc_id: str, language: str = "") -> EasyReadDocument:
        """The easy read, or its translation into ``language``."""
        key = (doc_id, language)
        if key not in self.easy_reads:
            source = find_document(doc_id, self.project)
            path = easy_read_path(source)
            if not path.is_file():
                raise CharterError(
                    f"document '{doc_id}' has no easy-read version. Write one in {path.name} beside it."
                )
            if "+" in language:
                from generator.bilingual import merge_easy_reads, versions_of

                first, second = (self.easy_read(doc_id, tag) for tag in versions_of(source, language))
                self.easy_reads[key] = merge_easy_reads(first, second, self.directions(first, second))
                return self.easy_reads[key]
            if language:
                path = find_translation(source, language, easy_read=True)
                self.easy_reads[key] = load_easy_read_translation(path)
            else:
                self.easy_reads[key] = load_easy_read(path)
        return self.easy_reads[key]

    def full_text(self, doc_id: str, language: str = "") -> Document:
        """The full text an easy read in ``language`` is a version of: the full text's
        translation, or, for an easy read translated alone (``<id>.easy-read.pl.md`` with no
        ``<id>.pl.md``), the document itself, the only full text there is. Its title, credit and
        series are then said in the document's own language (and marked so) inside the easy
        read's sentences, from the easy read's catalog. A bilingual edition with such an easy read
        as one of its two names the document itself likewise."""
        source = find_document(doc_id, self.project)
        alone = not has_full_text_version(source, language)
        if language and alone and has_easy_read_version(source, language):
            return self.document(doc_id)  # a bilingual edition's too, when one of its two is alone
        return self.document(doc_id, language)

    def item_document(self, item: Item) -> Document | EasyReadDocument:
        """What an item is made from: its document's easy read or full text, in its language."""
        if get_format(item.fmt).easy_read:
            return self.easy_read(item.doc_id, item.language)
        return self.document(item.doc_id, item.language)

    def directions(self, *docs: Document | EasyReadDocument) -> tuple[str, str]:
        """The writing directions of a bilingual edition's two language versions."""
        first, second = (strings_for(self.project.template_dirs, doc.language).direction for doc in docs)
        return first, second

    def has_easy_read(self, item: Item) -> bool:
        """Whether the item's document, in its language, has an easy-read version."""
        return has_easy_read_version(find_document(item.doc_id, self.project), item.language)

    def checked_by(self, item: Item) -> str:
        """'Checked by <group> on <date>.' while the sign-off holds. A checking group's sign-off is
        of the source's words, so a translation says instead which version of its source it
        follows, once accepted ('Translated from the original text, version 2026-11-02, 1a2b...')."""
        if not item.language:
            return self.review(item.doc_id).checked_by
        if "+" in item.language:  # a bilingual edition: what each of its languages says, in order
            from generator.bilingual import versions_of

            tags = versions_of(find_document(item.doc_id, self.project), item.language)
            return " ".join(filter(None, (self.checked_by(replace(item, language=tag)) for tag in tags)))
        accepted = load_accepted(self.translation_path(item))
        if accepted is None:
            return ""
        s = strings_for(self.project.template_dirs, self.item_document(item).language)
        return s("translated_from", version=accepted.label)

    def translation_path(self, item: Item) -> Path:
        """The translation file an item of a translation is made from (its text or its easy read)."""
        source = find_document(item.doc_id, self.project)
        return translation_path(source, item.language, get_format(item.fmt).easy_read)

    def review(self, doc_id: str) -> ReviewState:
        """The document's review state (its sign-off, and whether it still holds)."""
        if doc_id not in self.reviews:
            self.reviews[doc_id] = review_state(find_document(doc_id, self.project))
        return self.reviews[doc_id]

    def brand(self, ref: BrandRef) -> Brand:
        if ref not in self.brands:
            self.brands[ref] = load_brand(ref)
        return self.brands[ref]


def has_easy_read_version(source: Path, language: str = "") -> bool:
    """Whether a document (or its translation into ``language``; both, for a bilingual
    ``cy+en``) has an easy-read version."""
    if "+" in language:
        from generator.bilingual import versions_of

        return all(has_easy_read_version(source, tag) for tag in versions_of(source, language))
    path = easy_read_path(source)
    return path.is_file() and (not language or translation_path(source, language, True).is_file())


def has_full_text_version(source: Path, language: str = "") -> bool:
    """Whether a document's full text is there in ``language`` (itself, or its translation; both,
    for a bilingual ``cy+en``): not when only its easy read is translated."""
    if "+" in language:
        from generator.bilingual import versions_of

        return all(has_full_text_version(source, tag) for tag in versions_of(source, language))
    return not language or translation_path(source, language).is_file()


def warn_or_refuse(warnings: Iterable[str], strict: bool) -> None:
    """Print warnings; with --strict, the first one stops the build."""
    for warning in warnings:
        if strict:
            raise CharterError(f"{warning} (refused because of --strict)")
        LOG.warning(warning)


def easy_read_warnings(doc: EasyReadDocument) -> list[str]:
    """The easy read rules an easy-read document breaks, as warning lines."""
    from generator.checks import check_easy_read
    from generator.errors import display_path

    findings, _ = check_easy_read(doc, display_path(doc.source))
    return [str(f) for f in findings if f.severity != "note"]  # a rule not checked is no warning


def review_warnings(doc_id: str, state: ReviewState) -> list[str]:
    """A signed-off document changed since: its outputs no longer say who checked it."""
    if state.signoff is None or not state.findings:
        return []
    count = len(state.findings)
    return [
        f"{doc_id}: {count} block{'s' if count != 1 else ''} changed since {state.signoff.by} checked it on "
        f"{state.signoff.date} (charter review status {doc_id}), so its outputs do not say 'Checked by'. "
        "Sign it off again once checked."
    ]


def one_by_one(inputs: Inputs, item: Item) -> list[str]:
    """The language versions an item is made of: its own, or a bilingual edition's two (each
    checked on its own)."""
    if "+" not in item.language:
        return [item.language]
    from generator.bilingual import versions_of

    return list(versions_of(find_document(item.doc_id, inputs.project), item.language))
