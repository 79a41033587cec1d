"""An item's section: the document as its format shows it (easy read, large print, a fitted
poster), in its brand, with the credits and notes every format prints."""

from __future__ import annotations

from dataclasses import replace

from generator.brand import Brand
from generator.compose import Section
from generator.content import Document
from generator.fonts import check_glyphs
from generator.formats import Format, get_format
from generator.languages import same_language
from generator.posterfit import poster_section
from generator.run import Inputs, Item, Options
from generator.scripts import document_setting
from generator.strings import Strings, strings_for


def footer_credit(doc: Document, brand: Brand, s: Strings) -> str:
    """The credit line under the organisation's name on every page."""
    source = s.source(doc.charter, doc.appendix)
    if doc.credit and doc.credit != brand.name:
        if not source:
            return s("footer_by", credit=doc.credit)
        return s("footer_credit", source=source, credit=doc.credit)
    return source or doc.title


def in_language(text: str, language: str, around: str) -> str:
    """Text in ``language`` said inside text in ``around``: as it is in the same language, else
    HTML marking its language (the English title an easy read translated alone names)."""
    from markupsafe import Markup

    if not differs(language, around):
        return text
    return Markup('<span lang="{}">{}</span>').format(language, text)


def from_source(text: str | None, source_text: str | None, source_language: str, around: str) -> str:
    """A translation's front-matter words (its credit, its charter's name): marked with the
    source's language when they are the source's own words, untranslated; as they are when
    translated."""
    if text and text == source_text:
        return in_language(text, source_language, around)
    return text or ""


def differs(language: str, around: str) -> bool:
    """Text in ``language`` inside text in ``around`` is in another language (a bilingual
    edition, ``cy+en``, marks each half itself)."""
    if "+" in language or "+" in around:
        return False
    return not same_language(language.split("-")[0], around.split("-")[0])


def other_versions(fmt: Format, s: Strings) -> str:
    """The print versions a reader of ``fmt`` can ask for besides it: 'Large print and braille'."""
    return s("versions_standard") if fmt.large_print else s("versions_large")


def item_section(inputs: Inputs, item: Item, options: Options) -> Section:
    """The final laid-out section for an item: what its standalone PDF and a pack both use.

    Made once per item and build: a poster's section carries its fitted type scale.
    """
    if item not in inputs.sections:
        fmt = get_format(item.fmt)
        brand = inputs.brand(item.brand)
        full = inputs.full_text(item.doc_id, item.language) if fmt.easy_read else None
        full = full or inputs.document(item.doc_id, item.language)
        s = strings_for(inputs.project.template_dirs, inputs.item_document(item).language)
        # Words taken from the English source or the brand (whose names are the source's
        # language), said in a translation: marked so a screen reader says them in English.
        english = inputs.document(item.doc_id)
        section = Section(
            fmt=fmt,
            brand=brand,
            page=item.page,
            doc=full,
            footer_credit=footer_credit(full, brand, s),
            credit=from_source(full.credit, english.credit, english.language, s.language),
            charter=from_source(full.charter, english.charter, english.language, s.language),
            org=in_language(brand.short_name, english.language, s.language),
            org_name=in_language(brand.name, english.language, s.language),
            has_easy_read=inputs.has_easy_read(item),
            other_versions=other_versions(fmt, s),
            checked_by=inputs.checked_by(item),
        )
        if fmt.easy_read:
            section = replace(
                section,
                doc=inputs.easy_read(item.doc_id, item.language),
                full_title=in_language(full.title, full.language, s.language),
                full_in_english=full is english and differs(english.language, s.language),
                picture_credit=s("picture_credit"),
                text_pt=options.easy_read_pt,
            )
        if fmt.large_print:
            section = replace(section, text_pt=options.large_print_pt)
        s_doc = strings_for(inputs.project.template_dirs, section.doc.language)
        halves = getattr(s_doc, "halves", None)  # a bilingual edition's two catalogs
        second = halves[1].direction if halves else ""
        section = replace(section, direction=s_doc.direction, second_direction=second)
        for source in (section.doc.source, brand.source):  # before fitting: a box would be measured too
            check_glyphs(source, brand.faces)
        section = replace(
            section,
            setting=document_setting(inputs.project.template_dirs, section.doc, brand, fmt.plain_face),
        )
        if fmt.poster:
            section = poster_section(inputs, section, full, options)
        inputs.sections[item] = section
    return inputs.sections[item]
