"""Posters: the type scale for each paper, the link and its QR code, and fitting on one page.

A poster is one page. Its type starts at a size designed for the paper and steps down until
the content fits, never below a legible floor; past the floor the build stops with a message
that names the text to shorten; the space left over goes above the footer. What fitting
settles is kept in a ``PosterLayout`` inside the section, so a standalone poster and a
workshop pack lay it out the same way.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from markupsafe import Markup, escape

from generator.content import WEB_LINK
from generator.errors import CharterError
from generator.formats import FORMATS, Paper

STEP_PT = 0.5  # fitting steps the key point size down half a point at a time
BLEED_MM = 3.0


@dataclass(frozen=True)
class QrCode:
    """A vector QR code for a link, as an SVG data: URI (dark on white, 4-module quiet zone)."""

    url: str
    data_uri: str

    @property
    def alt(self) -> str:
        return f"QR code: {self.url}"


@dataclass(frozen=True)
class PosterLayout:
    """What a poster template needs beyond the document: the fitted type size and the link."""

    type_pt: float  # key point size; the type scale is in em of it
    floor_pt: float
    unit_mm: float  # geometry unit for the paper
    height_mm: float  # the page height
    bleed_mm: float  # 3 mm with --print, else 0
    link: str | None
    qr: QrCode | None
    anchor: str  # prefix of the ids that fitting looks up in the layout (unique in a pack)
    push_mm: float = 0.0  # the space left over, put before the footer so it sits at the foot

    @property
    def end_id(self) -> str:
        """The id of an empty element after the content: where the content ends."""
        return f"{self.anchor}-end"

    def point_id(self, number: int) -> str:
        """The id of key point ``number`` (from 1): fitting checks every one was laid out."""
        return f"{self.anchor}-point-{number}"

    @property
    def style(self) -> str:
        """The inline style that carries the scale into css/poster.css."""
        return (
            f"font-size: {self.type_pt:g}pt; --u: {self.unit_mm:.4f}mm; "
            f"--bleed: {self.bleed_mm:g}mm; --push: {self.push_mm:g}mm"
        )


@dataclass(frozen=True)
class Measure:
    """A laid-out candidate: its pages, where its content ends (CSS px from the top), and
    whether every key point made it onto the first page (a check on the layout engine)."""

    pages: int
    end_px: float | None
    complete: bool = True

    @property
    def fits(self) -> bool:
        return self.pages == 1 and self.complete and self.end_px is not None


def is_web_link(url: str) -> bool:
    """An absolute http(s) link with a host name."""
    return bool(WEB_LINK.match(url))


def check_url_option(url: str | None) -> None:
    """``--url`` must be a full http(s) address."""
    if url is not None and not is_web_link(url):
        raise CharterError(f"--url '{url}' is not a web link. Give a full http:// or https:// address.")


def poster_link(
    url_option: str | None, doc_url: str | None, brand_link: str | None, brand_file: Path
) -> str | None:
    """The poster's link: ``--url``, else the document's ``url``, else the brand's home page."""
    check_url_option(url_option)
    if url_option or doc_url:
        return url_option or doc_url
    if brand_link and not is_web_link(brand_link):
        raise CharterError(
            f"meta.link.home '{brand_link}' is not a web link. Use a full http:// or https:// address.",
            brand_file,
        )
    return brand_link


def url_breaks(url: str) -> Markup:
    """A URL as HTML that may wrap after ``//`` and before each ``/`` of its path, nowhere else."""
    scheme, sep, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    parts = [escape(part) for part in (slash + path).split("/")]
    tail = Markup("<wbr>/").join(parts) if slash else Markup("")
    return Markup("{}{}<wbr>{}").format(scheme, sep, escape(host)) + tail


def qr_code(url: str) -> QrCode:
    """The QR code for ``url``: medium error correction, quiet zone kept, black on white."""
    import segno

    code = segno.make(url, error="m", micro=False)
    uri = code.svg_data_uri(dark="#000000", light="#ffffff", border=4, xmldecl=False, nl=False)
    return QrCode(url=url, data_uri=uri)


def type_steps(start: float, floor: float) -> list[float]:
    """Key point sizes to try, largest first: half-point steps from ``start`` down to ``floor``."""
    count = max(0, math.floor((start - floor) / STEP_PT + 1e-9))
    return [*(start - step * STEP_PT for step in range(count)), floor]


def poster_layout(
    paper: Paper,
    height_mm: float,
    print_marks: bool,
    link: str | None,
    anchor: str,
    easy_read: bool = False,
) -> PosterLayout:
    """The designed (largest) layout for a paper; ``fit`` steps its type down when needed."""
    scale = paper.scale(easy_read)
    return PosterLayout(
        type_pt=scale.start_pt,
        floor_pt=scale.floor_pt,
        unit_mm=paper.unit_mm,
        height_mm=height_mm,
        bleed_mm=BLEED_MM if print_marks else 0.0,
        link=link,
        qr=qr_code(link) if link else None,
        anchor=anchor,
    )


def fit(
    layout: PosterLayout,
    measure: Callable[[PosterLayout], Measure],
    too_long: Callable[[PosterLayout], CharterError],
) -> PosterLayout:
    """The largest type size (from ``layout``'s down to its floor) at which the poster fits on
    one page, with the space left over pushed above the footer.

    The templates use only layouts that WeasyPrint paginates faithfully, so content that does
    not fit starts a second page. ``measure`` lays a candidate out; ``too_long`` makes the error
    for when even the floor overflows. Tries the designed size first, then the floor, then
    bisects the half-point steps between them (overflow grows with the type size).
    """
    sizes = type_steps(layout.type_pt, layout.floor_pt)
    candidates = [replace(layout, type_pt=size) for size in sizes]
    measured: dict[float, Measure] = {}

    def fits(candidate: PosterLayout) -> bool:
        measured[candidate.type_pt] = measure(candidate)
        return measured[candidate.type_pt].fits

    if fits(candidates[0]):
        best = candidates[0]
    elif len(candidates) == 1 or not fits(candidates[-1]):
        raise too_long(candidates[-1])
    else:
        low, high = 0, len(candidates) - 1  # candidates[low] overflows, candidates[high] fits
        while high - low > 1:
            middle = (low + high) // 2
            if fits(candidates[middle]):
                high = middle
            else:
                low = middle
        best = candidates[high]
    end_px = measured[best.type_pt].end_px or 0.0
    # Whole tenths of a millimetre, rounded down: the pushed layout never passes the page end.
    left_mm = layout.height_mm - end_px * 25.4 / 96
    push_mm = math.floor(left_mm * 10 - 1) / 10
    if push_mm <= 0:
        return best
    pushed = replace(best, push_mm=push_mm)
    return pushed if measure(pushed).fits else best


def _quote(text: str, limit: int = 50) -> str:
    short = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return f'"{short}" ({len(text)} characters)'


def too_much_text(
    paper: Paper, floor_pt: float, source: Path, title: str, points: Sequence[str], landscape: bool = False
) -> CharterError:
    """The error for a poster that overflows at its floor: it names the longest texts to shorten."""
    longest = sorted(points, key=len, reverse=True)[:2]
    papers = FORMATS["poster"].papers
    bigger = papers[papers.index(paper.name) + 1 :] if paper.name in papers else ()
    other_ways = [f"--paper {bigger[0]}"] if bigger else []
    if landscape:
        other_ways.append("portrait (no --landscape)")
    return CharterError(
        f"too much text for one {paper} poster: even with the key points at the smallest legible "
        f"size for {paper} ({floor_pt:g} pt) it runs onto a second page. Shorten or remove some of "
        f"the {len(points)} key points (the longest: {'; '.join(_quote(p) for p in longest)}), "
        f"or shorten the title {_quote(title)}."
        + (f" Or make it on {' or '.join(other_ways)}." if other_ways else ""),
        source,
    )
