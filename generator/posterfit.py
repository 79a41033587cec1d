"""Fitting a poster to its page: the glue between the fitting search (generator.poster) and
WeasyPrint's layouts of the candidates (generator.layout, generator.boxes)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from generator.compose import Composition, Section
from generator.content import Document
from generator.easyread import EasyReadDocument, KeyPoint
from generator.errors import CharterError
from generator.layout import layout_key, layout_sections
from generator.poster import (
    Measure,
    PosterLayout,
    fit,
    poster_layout,
    poster_link,
    strip_layouts,
    too_much_text,
)
from generator.run import Inputs, Options

# The points of an easy read with no key points that its poster shows: its first ones.
EASY_POSTER_POINTS = 3


def poster_section(inputs: Inputs, section: Section, full: Document, options: Options) -> Section:
    """A poster's section with its type stepped down until it is one page (see generator.poster).

    ``full`` is the full document, whose url the QR code links to (also on an easy-read poster).
    """
    section = replace(section, doc=poster_points(section.doc))
    doc, brand, page = section.doc, section.brand, section.page
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
        bilingual="+" in doc.language,
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
            too_much_text(
                page.paper, layout.type_pt, doc.source, brand.slug, doc.title, texts, page.landscape, measured
            ),
            doc.language,
        ),
        push,
        strip_layouts(designed, page.size_mm[0], section.fmt.easy_read, page.landscape),
    )
    key, document = laid_out[fitted]
    inputs.layouts[key] = document  # the PDF is written from this layout, not laid out again
    return with_layout(fitted)


def poster_points(doc: Any) -> Any:
    """The document as its poster shows it: with its key points, or, as a document needs only
    an id, title, language and summary, with its summary as the one point (an easy read: its
    first ``EASY_POSTER_POINTS`` points that have a picture, as they are written)."""
    if doc.key_points:
        return doc
    if not isinstance(doc, EasyReadDocument):
        return replace(doc, key_points=(doc.summary,))
    pictured = [KeyPoint(p.picture, p.alt, p.text, p.line) for p in doc.points if p.picture]
    pictured = pictured[:EASY_POSTER_POINTS]
    if not pictured:
        raise CharterError(
            "an easy-read poster shows key points with their pictures, and this easy read has none "
            "and no point with a picture. Add 'key_points:' to the front matter, each with a "
            "picture, alt and text.",
            doc.source,
        )
    return replace(doc, key_points=tuple(pictured))


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
