"""An organisation's combined pack PDF, made from documents already laid out.

Each item is laid out once, on its own (the layout its own file is written from); the combined
PDF takes their pages, after a cover and contents laid out as a small document of their own
(WeasyPrint's way to join documents: ``Document.copy`` of every page). Joined pages need:

- page numbers that run on: each page's margin boxes (``Page n of m``) are made again with the
  page's number in the pack, from the layout context its document was made in;
- anchors and internal links of each item made its own (``doc-<n>`` for the item's start, what
  the contents link to; ``doc-<n>-<id>`` for the rest), so items never clash;
- bookmarks: the cover, the contents, then each item (its kind and title) with its sections
  (its ``h2`` headings) under it.

The pages an item's own file was written from are not changed: a joined page is a copy of the
page box with new margin boxes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from generator import engine
from generator.compose import Composition, Section
from generator.errors import CharterError
from generator.fonts import check_glyphs
from generator.formats import get_format
from generator.pack.manifest import Pack
from generator.render import pdf_bytes
from generator.renderers import Rendered
from generator.run import Inputs, Item
from generator.strings import Strings, strings_for

PACK_FRONT = ("pack-cover.html.j2", "pack-contents.html.j2")
PACK_STYLES = ("css/pack.css",)
_FRONT_PAGES = 2  # the cover and the contents, unless the contents run on


def combined_pdf(
    pack: Pack,
    inputs: Inputs,
    sections: Sequence[Section],
    documents: Sequence[Any],
    missing: Sequence[tuple[Item, str]] = (),
) -> Rendered:
    """The combined PDF of ``sections``, each laid out in the matching one of ``documents``; its
    contents page lists the ``missing`` items (each with its error) as not made in this run."""
    from generator.layout import layout_sections

    brand = sections[0].brand
    s = strings_for(inputs.project.template_dirs, sections[0].doc.language)
    not_made = [(item_version(inputs, item, s), error_line(error, s)) for item, error in missing]
    check_glyphs(pack.source, brand.faces)  # its title and event details are on the cover
    counts = [len(document.pages) for document in documents]
    front_pages, front = _FRONT_PAGES, None
    while front is None or len(front.pages) != front_pages:
        front_pages = front_pages if front is None else len(front.pages)
        starts = [front_pages + 1 + sum(counts[:n]) for n in range(len(counts))]
        composition = Composition(
            (),
            f"{pack.title}: {brand.name}",
            sections[0].doc.language,
            brand,
            pack.event.date,
            PACK_FRONT,
            PACK_STYLES,
            {
                "pack": pack,
                "event": pack.event,
                # The charter's name is the full document's, whichever format comes first.
                "charter": inputs.document(sections[0].doc.id).charter,
                "entries": list(zip(sections, starts, strict=True)),
                "missing": not_made,
            },
            front_settings=tuple(section.setting for section in sections),
        )
        front = layout_sections(inputs, composition)[1]
    total = front_pages + sum(counts)
    pages = [engine.renumbered(page, index, index + 1, total) for index, page in enumerate(front.pages)]
    for number, (section, document) in enumerate(zip(sections, documents, strict=True), 1):
        first = len(pages) + 1
        joined = [
            engine.renumbered(page, index, first + index, total) for index, page in enumerate(document.pages)
        ]
        label = strings_for(inputs.project.template_dirs, section.doc.language).format_label(section.fmt)
        _make_own(joined, number, f"{label}: {section.doc.title}")
        pages.extend(joined)
    combined = front.copy(pages)
    return Rendered(pdf_bytes(combined, outlines_panel=True), len(pages))


def item_title(inputs: Inputs, item: Item) -> str:
    """An item's document title (its id when the document itself is what failed)."""
    try:
        return inputs.document(item.doc_id, item.language).title
    except CharterError:
        return item.doc_id


def item_version(inputs: Inputs, item: Item, s: Strings) -> str:
    """How a pack names one of its items to a reader: 'Poster, PDF, A3 paper, of <title>'."""
    version = s.version_label(get_format(item.fmt), item.page)
    return s("version_of", version=version, title=item_title(inputs, item))


def error_line(error: str | None, s: Strings) -> str:
    """An error as one line for a reader (the summary in the terminal has all of it)."""
    lines = (error or "").strip().splitlines()
    return lines[0] if lines else s("not_made_reason")


def _make_own(pages: list[Any], number: int, label: str) -> None:
    """Rename the anchors and internal links of one item's pages (the ``number``-th item) and
    give them the pack's bookmarks: the item, then its sections."""
    start = f"doc-{number}"
    names = {name for page in pages for name in page.anchors}

    def own(name: str) -> str:
        return start if name == "doc-1" else f"{start}-{name}"

    for index, page in enumerate(pages):
        page.anchors = {own(name): where for name, where in page.anchors.items()}
        page.links = [
            (kind, own(target) if kind == "internal" and target in names else target, rect, box)
            for kind, target, rect, box in page.links
        ]
        marks = [(level, text, where, state) for level, text, where, state in page.bookmarks if level == 2]
        if index == 0:
            x, y = page.anchors[start][:2]
            marks.insert(0, (1, label, (x, y), "open"))
        page.bookmarks = marks
