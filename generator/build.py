"""Build: plan the brand x document x format items of a run, load inputs once, render, write."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.brand import Brand, BrandRef, default_brand, load_brand, resolve_brand
from generator.compose import Composition, Section, compose_html, stylesheet_paths
from generator.content import Document, easy_read_path, find_document, load_document
from generator.easyread import EasyReadDocument, load_easy_read
from generator.errors import CharterError
from generator.fonts import check_glyphs
from generator.formats import FORMATS, Format, PageOptions, get_format, missing_tools, paper_in_run
from generator.names import check_file_name, distinct
from generator.poster import (
    Measure,
    PosterLayout,
    check_url_option,
    fit,
    poster_layout,
    poster_link,
    too_much_text,
)
from generator.project import Project
from generator.render import allowed_roots, pages_holding, pdf_bytes, remove_part_files, render_document
from generator.renderers import Rendered, render, write_rendered
from generator.scripts import document_setting
from generator.signoff import ReviewState, review_state
from generator.strings import Strings, strings_for
from generator.translations import (
    find_translation,
    languages_to_build,
    load_accepted,
    load_easy_read_translation,
    load_text_translation,
    translation_path,
    translation_warnings,
)

LOG = logging.getLogger("charter")
EASY_READ_MAX_PAGES = 24


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
        s = strings_for(self.project.template_dirs, self.document(item.doc_id, item.language).language)
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


def plan(
    project: Project,
    doc_ids: Iterable[str],
    brands: Iterable[str],
    formats: Iterable[str],
    options: Options,
    languages: Iterable[str] = (),
    bilingual: str = "",
) -> list[Item]:
    """Every brand x document x language x format item (all documents, the default brand, the
    documents themselves, every format by default); ``languages`` as ``languages_to_build`` takes
    them; ``bilingual`` ('cy,en'), bilingual editions instead (``generator.bilingual``)."""
    from generator.content import document_paths

    doc_ids = list(doc_ids) or list(document_paths(project))
    if bilingual:
        from generator.bilingual import check_formats, edition_languages

        chosen_languages = edition_languages(project, doc_ids, bilingual, languages)
        check_formats(formats)
    else:
        chosen_languages = languages_to_build(project, doc_ids, languages)
    refs = list(
        dict.fromkeys(resolve_brand(spec, project) for spec in list(brands) or [default_brand(project)])
    )
    distinct(((r.slug, str(r.path)) for r in refs), "output folder")
    chosen = list(formats)
    fmts = list({fmt.name: fmt for fmt in map(get_format, chosen or list(FORMATS))}.values())
    if not chosen:
        # Every format by default, but those whose tools are missing (liblouis) left out, saying so.
        missing = {fmt.name: missing_tools(fmt) for fmt in fmts}
        for warning in dict.fromkeys(w for w in missing.values() if w):
            LOG.warning(warning)
        fmts = [fmt for fmt in fmts if not missing[fmt.name]]
        if bilingual:
            from generator.bilingual import FORMATS as EDITION_FORMATS

            fmts = [fmt for fmt in fmts if fmt.name in EDITION_FORMATS]
    has_easy_read = {
        (d, lang): has_easy_read_version(find_document(d, project), lang)
        for d in doc_ids
        for lang in chosen_languages[d]
    }
    check_url_option(options.url)
    pages = {fmt.name: page_options(fmt, options, fmts) for fmt in fmts}
    for doc_id in doc_ids:
        for lang in chosen_languages[doc_id]:
            for fmt in fmts:
                name = Item(doc_id, refs[0], fmt.name, pages[fmt.name], lang).file_name
                check_file_name(name, "document id")
    return [
        Item(doc_id, brand, fmt.name, pages[fmt.name], lang)
        for brand in refs
        for doc_id in doc_ids
        for lang in chosen_languages[doc_id]
        for fmt in fmts
        # Every format by default, but easy-read ones only where an easy-read version exists.
        if chosen or not fmt.easy_read or has_easy_read[(doc_id, lang)]
    ]


def has_easy_read_version(source: Path, language: str = "") -> bool:
    """Whether a document (or its translation into ``language``; both, for a bilingual
    ``cy+en``) has an easy-read version."""
    if "+" in language:
        from generator.bilingual import versions_of

        return all(has_easy_read_version(source, tag) for tag in versions_of(source, language))
    path = easy_read_path(source)
    return path.is_file() and (not language or translation_path(source, language, True).is_file())


def page_options(fmt: Format, options: Options, run: Iterable[Format] = ()) -> PageOptions:
    """The page for a format: ``--paper`` when the format allows it (see ``paper_in_run``)."""
    paper, warning = paper_in_run(fmt, options.paper, run)
    warnings = [warning] if warning else []
    landscape = options.landscape and fmt.landscape
    if options.landscape and not landscape:
        warnings.append(f"the {fmt.name} format is made in portrait only, so --landscape is not used for it.")
    warn_or_refuse(warnings, options.strict)
    return PageOptions(paper=paper, landscape=landscape, print_marks=options.print_marks)


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


def footer_credit(doc: Document, brand: Brand, s: Strings) -> str:
    """The credit line under the organisation's name on every page."""
    source = s.source(doc.charter, doc.appendix)
    if doc.credit and doc.credit != brand.name:
        if not source:
            return s("footer_by", credit=doc.credit)
        return s("footer_credit", source=source, credit=doc.credit)
    return source or doc.title


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
        full = inputs.document(item.doc_id, item.language)
        s = strings_for(inputs.project.template_dirs, full.language)
        section = Section(
            fmt=fmt,
            brand=brand,
            page=item.page,
            doc=full,
            footer_credit=footer_credit(full, brand, s),
            credit=full.credit or "",
            has_easy_read=inputs.has_easy_read(item),
            other_versions=other_versions(fmt, s),
            checked_by=inputs.checked_by(item),
        )
        if fmt.easy_read:
            section = replace(
                section,
                doc=inputs.easy_read(item.doc_id, item.language),
                full_title=full.title,
                picture_credit=s("picture_credit"),
                text_pt=options.easy_read_pt,
            )
        if fmt.large_print:
            section = replace(section, text_pt=options.large_print_pt)
        direction = strings_for(inputs.project.template_dirs, section.doc.language).direction
        section = replace(section, direction=direction)
        for source in (section.doc.source, brand.source):  # before fitting: a box would be measured too
            check_glyphs(source, brand.faces)
        plain = fmt.easy_read or fmt.large_print  # set in the brand's plain sans serif families
        section = replace(
            section, setting=document_setting(inputs.project.template_dirs, section.doc, brand, plain)
        )
        if fmt.poster:
            section = poster_section(inputs, section, full, options)
        inputs.sections[item] = section
    return inputs.sections[item]


def poster_section(inputs: Inputs, section: Section, full: Document, options: Options) -> Section:
    """A poster's section with its type stepped down until it is one page (see generator.poster).

    ``full`` is the full document, whose url the QR code links to (also on an easy-read poster).
    """
    doc, brand, page = section.doc, section.brand, section.page
    if not doc.key_points:
        raise CharterError(
            "a poster shows the document's key points, and it has none. Add 'key_points:' to the "
            "front matter, one short statement per '- ' line.",
            doc.source,
        )
    link = poster_link(options.url, full.url, brand.link, brand.source)
    anchor = f"{section.page_name}-{doc.id}-{brand.slug}"
    designed = poster_layout(
        page.paper,
        page.size_mm[1],
        page.print_marks,
        link,
        anchor,
        easy_read=section.fmt.easy_read,
        width_mm=page.size_mm[0],
        landscape=page.landscape,
    )

    def with_layout(layout: PosterLayout) -> Section:
        return replace(section, poster=layout)

    laid_out: dict[PosterLayout, tuple[Any, Any]] = {}

    def measure(layout: PosterLayout) -> Measure:
        key, document = layout_sections(inputs, Composition.single(with_layout(layout)))
        laid_out[layout] = (key, document)
        points = [layout.point_id(n) for n in range(1, len(doc.key_points) + 1)]
        return measure_poster(document, layout.end_id, points, layout.type_pt)

    def push(fitted: PosterLayout, pushed: PosterLayout) -> Measure | None:
        """The pushed layout made from the fitted one by moving its boxes down, if it can be."""
        from generator.boxes import push_down

        document = laid_out[fitted][1]
        space = (pushed.push_mm - fitted.push_mm) * 96 / 25.4
        if not push_down(document, fitted.point_id(len(doc.key_points)), space):
            return None
        del laid_out[fitted]
        laid_out[pushed] = (layout_key(inputs, Composition.single(with_layout(pushed))), document)
        points = [pushed.point_id(n) for n in range(1, len(doc.key_points) + 1)]
        return measure_poster(document, pushed.end_id, points)  # only whether it still fits

    texts = [point if isinstance(point, str) else point.text for point in doc.key_points]
    fitted = fit(
        designed,
        measure,
        lambda layout, measured: bilingual_hint(
            too_much_text(page.paper, layout.type_pt, doc.source, doc.title, texts, page.landscape, measured),
            doc.language,
        ),
        push,
    )
    key, document = laid_out[fitted]
    inputs.layouts[key] = document  # the PDF is written from this layout, not laid out again
    return with_layout(fitted)


def bilingual_hint(error: CharterError, language: str) -> CharterError:
    """A poster that cannot fit, in a bilingual edition: says why it holds twice the words."""
    first, plus, second = language.partition("+")
    if not plus:
        return error
    return CharterError(
        f"{error.detail} A bilingual poster holds every key point in both languages: shorten them in "
        f"both, or make a poster in each language (--language {first}, --language {second}).",
        error.path,
        error.line,
    )


def measure_poster(document: Any, end_id: str, point_ids: list[str], type_pt: float | None = None) -> Measure:
    """What fitting needs to know of a laid-out poster (see generator.poster.Measure);
    ``type_pt``, the size it was laid out at, adds what predicts other sizes (its growth and
    shapes), else it says only whether it fits."""
    from generator.boxes import content_bottom, overflows_sides, page_area

    pages = document.pages
    first = pages[0]
    top, bottom, _ = page_area(first)
    end = first.anchors.get(end_id)
    # On one endless page the content would end after every page's share of it.
    height = top + sum(content_bottom(page) - page_area(page)[0] for page in pages[:-1])
    last_end = pages[-1].anchors.get(end_id)
    height += (last_end[1] if last_end else content_bottom(pages[-1])) - page_area(pages[-1])[0]
    return Measure(
        pages=len(pages),
        end_px=end[1] if end else None,
        complete=all(point in first.anchors for point in point_ids),
        missing=tuple(n for n, point in enumerate(point_ids, 1) if point not in first.anchors),
        height_px=height,
        bottom_px=bottom,
        wide=any(overflows_sides(page) for page in pages),
        **({} if type_pt is None else _predictors(pages, type_pt)),
    )


def _predictors(pages: list[Any], type_pt: float) -> dict[str, Any]:
    """A poster layout's growth and shapes, to predict its height at other sizes."""
    from generator.boxes import line_growth, shape
    from generator.engine import page_box

    roots, type_px = [page_box(page).children[0] for page in pages], type_pt * 4 / 3
    return {
        "growth_px": sum(line_growth(root, type_px) for root in roots),
        "shapes": tuple(shape(root, type_px) for root in roots),
    }


def layout_key(inputs: Inputs, composition: Composition) -> tuple[str, tuple[Path, ...]]:
    """What a layout is made from: the composed HTML and the stylesheets."""
    html = compose_html(inputs.project, composition)
    stylesheets = stylesheet_paths(inputs.project, [s.fmt for s in composition.sections], composition.styles)
    return html, tuple(stylesheets)


def layout_sections(inputs: Inputs, composition: Composition) -> tuple[tuple[str, tuple[Path, ...]], Any]:
    """Compose and lay out: a key for the layout (its HTML and stylesheets) and the WeasyPrint
    Document, whose pages can be counted before writing. A layout made while fitting a poster is
    used once, not made again."""
    sections, brand = composition.sections, composition.brand
    key = layout_key(inputs, composition)
    if key in inputs.layouts:
        return key, inputs.layouts.pop(key)
    html, stylesheets = key
    folders = {s.brand.folder for s in sections} | {brand.folder}
    fonts = {face.path.parent for face in composition.faces}
    roots = allowed_roots(*inputs.project.template_dirs, inputs.project.content_dir, *sorted(folders | fonts))
    return key, render_document(html, list(stylesheets), roots, brand.folder, composition.faces)


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


def one_by_one(inputs: Inputs, item: Item) -> list[str]:
    """The language versions an item is made of: its own, or a bilingual edition's two (each
    checked on its own)."""
    if "+" not in item.language:
        return [item.language]
    from generator.bilingual import versions_of

    return list(versions_of(find_document(item.doc_id, inputs.project), item.language))


def page_limit_warnings(section: Section, pages: int) -> list[str]:
    """Easy read documents are 24 pages at most: say so when one is longer."""
    if not section.fmt.easy_read or pages <= EASY_READ_MAX_PAGES:
        return []
    return [
        f"{section.doc.source.name}: the easy-read version is {pages} pages; easy read documents "
        f"should be {EASY_READ_MAX_PAGES} pages at most. Split the document or use a smaller text size."
    ]


def build(
    project: Project,
    items: list[Item],
    out: Path,
    options: Options,
    on_written: Callable[[Path], None] = lambda path: None,
) -> list[Path]:
    """Build every item that can be built, each written whole as soon as it is rendered; then, if
    any could not be, one error listing every failure (each once, with its file and line)."""
    inputs = Inputs(project, run=tuple(items))
    failures: dict[str, CharterError] = {}
    good: list[Item] = []
    for item in items:
        try:
            inputs.document(item.doc_id, item.language)
            inputs.brand(item.brand)
            if get_format(item.fmt).easy_read:
                inputs.easy_read(item.doc_id, item.language)
        except CharterError as error:
            failures.setdefault(error.message, error)
        else:
            good.append(item)
    for brand in dict.fromkeys(inputs.brand(i.brand) for i in good):
        warn_or_refuse(brand.warnings, options.strict)
    plain = (i for i in good if get_format(i.fmt).easy_read or get_format(i.fmt).large_print)
    for brand in dict.fromkeys(inputs.brand(i.brand) for i in plain):
        if brand.plain_note:  # a note, not a fault: --strict builds on
            LOG.warning(brand.plain_note)
    for doc_id, language in dict.fromkeys(
        (i.doc_id, tag) for i in good if get_format(i.fmt).easy_read for tag in one_by_one(inputs, i)
    ):
        warn_or_refuse(easy_read_warnings(inputs.easy_read(doc_id, language)), options.strict)
    versions = [(i, tag) for i in good for tag in one_by_one(inputs, i)]  # a bilingual item's two
    for doc_id in dict.fromkeys(i.doc_id for i, tag in versions if not tag):
        warn_or_refuse(review_warnings(doc_id, inputs.review(doc_id)), options.strict)
    for path in dict.fromkeys(
        inputs.translation_path(replace(i, language=tag)) for i, tag in versions if tag
    ):
        warn_or_refuse(translation_warnings(path), options.strict)
    written = []
    for item in good:
        try:
            item_section(inputs, item, options)  # fits a poster, or says why it cannot fit
            made = render(inputs, item, options)
        except CharterError as error:
            failures.setdefault(error.message, error)
            continue
        path = item.path(out)
        write_rendered(path, made)
        on_written(path)
        written.append(path)
    for folder in dict.fromkeys(path.parent for path in written):
        remove_part_files(folder)  # temp files a killed run left (this run leaves none)
    if failures:
        missing = len(items) - len(written)
        summary = CharterError(
            f"{len(written)} of {len(items)} files written; {missing} could not be built (above). "
            "Fix them and run again."
        )
        raise CharterError.several([*failures.values(), summary] if len(items) > 1 else [*failures.values()])
    return written
