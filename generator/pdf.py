"""The renderer of PDF formats: an item laid out (an easy read's About section let flow when it
is taller than a page) and written as PDF/UA-1, crop marks added for the print shop."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from generator.compose import Composition, Section
from generator.layout import layout_sections
from generator.render import pages_holding, pdf_bytes
from generator.renderers import Rendered
from generator.run import Inputs, Item, Options, warn_or_refuse
from generator.sections import item_section

EASY_READ_MAX_PAGES = 24


def render_pdf(inputs: Inputs, item: Item, options: Options) -> Rendered:
    """One item's PDF (the renderer of PDF formats)."""
    return item_pdf(item, *layout_item(inputs, item, options), options)


def layout_item(inputs: Inputs, item: Item, options: Options) -> tuple[Section, Any]:
    """An item's section and its laid-out WeasyPrint Document."""
    section = item_section(inputs, item, options)
    _, document = layout_sections(inputs, Composition.single(section))
    if section.fmt.easy_read and len(pages_holding(document, "about")) > 1:
        # "About this document" is taller than a page, so kept whole it opened a page and split
        # there anyway: it flows on from the glossary instead.
        section = replace(section, about_flows=True)
        _, document = layout_sections(inputs, Composition.single(section))
    return section, document


def item_pdf(item: Item, section: Section, document: Any, options: Options) -> Rendered:
    """An item's PDF from its layout (an easy-read document over its page limit is warned about)."""
    warn_or_refuse(page_limit_warnings(section, len(document.pages)), options.strict)
    data = pdf_bytes(document)
    if item.page.print_marks:
        from generator.printshop import with_crop_marks

        data = with_crop_marks(data)
    return Rendered(data, len(document.pages))


def page_limit_warnings(section: Section, pages: int) -> list[str]:
    """Easy read documents are 24 pages at most: say so when one is longer."""
    if not section.fmt.easy_read or pages <= EASY_READ_MAX_PAGES:
        return []
    return [
        f"{section.doc.source.name}: the easy-read version is {pages} pages; easy read documents "
        f"should be {EASY_READ_MAX_PAGES} pages at most. Split the document or use a smaller text size."
    ]
