"""Build: plan the brand x document x format items of a run, load inputs once, render, write."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.brand import Brand, default_brand, load_brand
from generator.compose import Section, compose_html, stylesheet_paths
from generator.content import Document, easy_read_path, find_document, load_document
from generator.errors import CharterError
from generator.formats import FORMATS, Format, PageOptions, get_format, paper_for
from generator.project import Project
from generator.render import allowed_roots, pdf_bytes, render_document, write_atomic

LOG = logging.getLogger("charter")


@dataclass(frozen=True)
class Options:
    """Options of a build that shape every item."""

    paper: str | None = None
    landscape: bool = False
    print_marks: bool = False
    url: str | None = None
    strict: bool = False


@dataclass(frozen=True)
class Item:
    """One PDF to make."""

    doc_id: str
    brand: str  # slug or path, as given
    fmt: str
    page: PageOptions

    def path(self, out: Path, brand_slug: str) -> Path:
        return out / brand_slug / f"{self.doc_id}-{self.fmt}.pdf"


@dataclass
class Inputs:
    """Documents and brands, each read and checked once per process."""

    project: Project
    documents: dict[str, Document] = field(default_factory=dict)
    brands: dict[str, Brand] = field(default_factory=dict)

    def document(self, doc_id: str) -> Document:
        if doc_id not in self.documents:
            self.documents[doc_id] = load_document(find_document(doc_id, self.project))
        return self.documents[doc_id]

    def brand(self, spec: str) -> Brand:
        if spec not in self.brands:
            self.brands[spec] = load_brand(spec, self.project)
        return self.brands[spec]


def plan(
    project: Project,
    doc_ids: Iterable[str],
    brands: Iterable[str],
    formats: Iterable[str],
    options: Options,
) -> list[Item]:
    """Every brand x document x format item (all documents, the default brand, every format by default)."""
    from generator.content import document_paths

    doc_ids = list(doc_ids) or list(document_paths(project))
    brands = list(brands) or [default_brand(project)]
    fmts = [get_format(name) for name in (list(formats) or list(FORMATS))]
    for doc_id in doc_ids:
        find_document(doc_id, project)
    return [
        Item(doc_id, brand, fmt.name, page_options(fmt, options))
        for brand in brands
        for doc_id in doc_ids
        for fmt in fmts
    ]


def page_options(fmt: Format, options: Options) -> PageOptions:
    return PageOptions(
        paper=paper_for(fmt, options.paper),
        landscape=options.landscape,
        print_marks=options.print_marks,
    )


def warn_or_refuse(warnings: Iterable[str], strict: bool) -> None:
    """Print warnings; with --strict, the first one stops the build."""
    for warning in warnings:
        if strict:
            raise CharterError(f"{warning} (refused because of --strict)")
        LOG.warning(warning)


def item_section(inputs: Inputs, item: Item, options: Options) -> Section:
    """The final laid-out section for an item: what its standalone PDF and a pack both use."""
    fmt = get_format(item.fmt)
    brand = inputs.brand(item.brand)
    doc = inputs.document(item.doc_id)
    extra: dict[str, Any] = {"has_easy_read": easy_read_path(doc.source).is_file()}
    return Section(fmt=fmt, brand=brand, page=item.page, doc=doc, extra=extra)


def layout_sections(
    inputs: Inputs,
    sections: list[Section],
    title: str,
    language: str,
    brand: Brand,
    date: str | None = None,
    front: list[str] | None = None,
    context: dict[str, Any] | None = None,
    styles: list[str] | None = None,
) -> tuple[Any, str]:
    """Compose and lay out sections (plus optional front-matter templates and their ``styles``):
    the WeasyPrint document, whose pages can be counted before writing, and its HTML."""
    html = compose_html(inputs.project, sections, title, language, brand, date, front, context)
    folders = {s.brand.folder for s in sections} | {brand.folder}
    roots = allowed_roots(*inputs.project.template_dirs, inputs.project.content_dir, *sorted(folders))
    stylesheets = stylesheet_paths(inputs.project, [s.fmt for s in sections], styles)
    return render_document(html, stylesheets, roots, brand.folder), html


def render_sections(
    inputs: Inputs,
    sections: list[Section],
    title: str,
    language: str,
    brand: Brand,
    date: str | None = None,
    front: list[str] | None = None,
    context: dict[str, Any] | None = None,
) -> bytes:
    """Compose and render sections (plus optional front-matter templates) into one PDF."""
    return pdf_bytes(*layout_sections(inputs, sections, title, language, brand, date, front, context))


def layout_item(inputs: Inputs, item: Item, options: Options) -> tuple[Any, str]:
    """One item laid out: its WeasyPrint document and HTML."""
    section = item_section(inputs, item, options)
    doc = section.doc
    return layout_sections(inputs, [section], doc.title, doc.language, section.brand, doc.date)


def render_item(inputs: Inputs, item: Item, options: Options) -> bytes:
    """One item's PDF bytes."""
    return pdf_bytes(*layout_item(inputs, item, options))


def build(
    project: Project,
    items: list[Item],
    out: Path,
    options: Options,
    on_written: Callable[[Path], None] = lambda path: None,
) -> list[Path]:
    """Load every input first (so bad input fails before anything is written), then render."""
    inputs = Inputs(project)
    for item in items:
        inputs.document(item.doc_id)
        inputs.brand(item.brand)
    for brand in dict.fromkeys(inputs.brand(i.brand) for i in items):
        warn_or_refuse(brand.warnings, options.strict)
    written = []
    for item in items:
        data = render_item(inputs, item, options)
        path = item.path(out, inputs.brand(item.brand).slug)
        write_atomic(path, data)
        on_written(path)
        written.append(path)
    return written
