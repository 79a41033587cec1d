"""Posters: the type scale for each paper, the link and its QR code, and fitting on one page.

A poster is one page. Its type starts at a size designed for the paper and steps down until
the content fits, never below a legible floor; past the floor the build stops with a message
that names the text to shorten; the space left over goes above the footer. What fitting
settles is kept in a ``PosterLayout`` inside the section, so a standalone poster and a
workshop pack lay it out the same way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from generator.errors import CharterError
from generator.formats import PAPERS, Paper, papers_for
from generator.markdown import WEB_LINK, check_length

if TYPE_CHECKING:
    from generator.boxes import Shape

STEP_PT = 0.5  # fitting steps the key point size down half a point at a time
BLEED_MM = 3.0

# Geometry, in paper units (1 mm on A4, 1.41 mm on A3, 2 mm on A2; see css/poster.css).
SHEET_MARGIN_U = 16.0  # left and right (css/poster.css reads it as --margin)
QR_SYMBOL_U = 61.0  # the QR symbol's side (quiet zone not counted): scans from across a room
QR_BORDER = 4  # modules of quiet zone around it, inside the image
QR_MIN_VERSION = 4  # the smallest symbol: 33 modules (every shipped link needs this one anyway)
LINK_PT_U = 16.0  # the printed link's designed size, in pt per unit
LINK_FLOOR_PT = 12.0  # the smallest it shrinks to on A4 (x the paper's unit) before it breaks at a slash
EASY_LINK_FLOOR_PT = 14.0  # on an easy-read poster, where nothing is below 14 pt
LINK_EM_PER_CHAR = 0.62  # a generous average advance of a bold link's characters, in em
SCAN_GAP_U = 10.0  # between the invitation and link, and the QR code (portrait)
STRIP_GAP_U = 3.0  # the same in the strip variant: the code's own quiet zone keeps them apart
WORDMARK_U = 9.0  # a wordmark's largest size (a brand with no logo): about a 15 u logo's presence
WORDMARK_SPACE_U = 90.0  # the width a portrait poster's wordmark may take beside the series line
WORDMARK_FLOOR_PT = 12.0  # below this (x the paper's unit), a long name wraps between words instead
BOLD_EM_PER_CHAR = 1.1  # a bold face's average advance over its regular one's
# The strip variant's fine print (credit, checked-by line): the smallest type anywhere, on any
# paper: clear print's 12 pt, easy read's 14 pt (the sizes it has on A4 at the floor).
FINE_PT = 12.0
EASY_FINE_PT = 14.0


@dataclass(frozen=True)
class QrCode:
    """A vector QR code for a link, as an SVG data: URI (dark on white, 4-module quiet zone)."""

    url: str
    data_uri: str
    modules: int = 21  # the symbol's side in modules, without the quiet zone

    @property
    def alt(self) -> str:
        return f"QR code: {self.url}"

    def image_mm(self, symbol_mm: float) -> float:
        """The side of the image (quiet zone included) whose symbol is ``symbol_mm`` wide."""
        return symbol_mm * (self.modules + 2 * QR_BORDER) / self.modules


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
    qr_mm: float = 0.0  # the QR code image's side
    link_pt: float = 12.0  # the printed link's size: shrunk to sit on one line where it can
    link_one_line: bool = True  # else it may break before a slash
    link_chars: int = 0  # the characters of the link a line holds at its size (a generous guess)
    compact: bool = False  # the tighter variant (css/poster.css), tried when the designed one cannot fit
    # The strip variants, tried when the compact one cannot fit either (see ``strip_layouts``): the
    # code and the fine print (``fine_pt``) at their A4 sizes on any paper; the credit under the
    # code (``credit_below``) or beside it.
    strip: bool = False
    fine_pt: float = 0.0
    credit_below: bool = False

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
            f"--bleed: {self.bleed_mm:g}mm; --push: {self.push_mm:g}mm; "
            f"--qr: {self.qr_mm:.2f}mm; --link: {self.link_pt:g}pt; --margin: {SHEET_MARGIN_U:g}"
            + (f"; --fine: {self.fine_pt:g}pt" if self.strip else "")
        )

    def wordmark_style(self, name: str, char_em: float, landscape: bool) -> str:
        """A wordmark (a brand with no logo) scaled into the logo's space as a logo is: on one line
        as wide as that space allows (the masthead's column in landscape), WORDMARK_U at most;
        a name that would fall under the floor size wraps between whole words at that size."""
        if landscape:
            space_u = self.qr_mm / self.unit_mm + SCAN_GAP_U if self.qr else 84.0  # css/poster.css
        else:
            space_u = WORDMARK_SPACE_U
        em = (char_em or 0.55) * BOLD_EM_PER_CHAR
        size_mm = min(WORDMARK_U, space_u / (max(1, len(name)) * em)) * self.unit_mm
        floor_mm = WORDMARK_FLOOR_PT * self.unit_mm * 25.4 / 72
        if size_mm < floor_mm:
            return f"font-size: {floor_mm:.2f}mm; max-width: {space_u * self.unit_mm:.1f}mm"
        return f"font-size: {size_mm:.2f}mm; max-width: none; white-space: nowrap"

    @property
    def link_latin(self) -> bool:
        """True when the printed link is all ASCII: its lines need none of a tall script's height."""
        return (self.link or "").isascii()

    @property
    def link_text(self) -> Markup:
        """The link as printed (see ``printed_link``); where it cannot sit on one line even at
        its smallest size, it may break before a slash; a part too long for a line, after a hyphen
        in it, and inside a piece too long for a line (never inside a word a hyphen could break)."""
        text = printed_link(self.link or "")
        if self.link_one_line:
            return Markup("{}").format(text)
        return Markup("<wbr>/").join(self._link_part(part) for part in text.split("/"))

    def _link_part(self, part: str) -> Markup:
        """A part of the link between slashes: whole when a line holds it, else broken after its
        hyphens; a piece wider than a line on its own (no hyphen to break at) breaks inside."""
        pieces = [part] if len(part) <= self.link_chars else re.split(r"(?<=-)(?=.)", part)
        return Markup("<wbr>").join(
            Markup('<span class="part{}">{}</span>').format(" long" * (len(piece) > self.link_chars), piece)
            for piece in pieces
        )


@dataclass(frozen=True)
class Measure:
    """A laid-out candidate, in CSS px from the top of its first page.

    ``end_px`` is where the content ends when that is on the first page; ``height_px`` where it
    would end on one endless page (the pages it ran onto added up); ``bottom_px`` where the
    first page's area ends; ``growth_px`` at least how much of the height grows in proportion to
    the type size while every line breaks as it does (its text's line boxes). ``complete`` says
    every key point made it onto the first page (a check on the layout engine); ``wide`` that
    some text or picture runs past the page's right edge (a word or link too long to wrap).
    """

    pages: int
    end_px: float | None
    complete: bool = True
    height_px: float = 0.0
    bottom_px: float | None = None  # None: the page's height
    growth_px: float = 0.0
    wide: bool = False
    shapes: tuple[Shape, ...] = ()  # each page's, to predict the height at other sizes
    missing: tuple[int, ...] = ()  # the key points (from 1) not on the first page

    def overflow_mm(self) -> float:
        """How far the content runs past the first page's foot (0 when it fits)."""
        return max(0.0, self.height_px - (self.bottom_px or self.height_px)) * 25.4 / 96

    def predicted_end(self, scale: float) -> float:
        """Where the content would end with the type ``scale`` times this size (a prediction)."""
        now = self.end_px if self.end_px is not None and self.pages == 1 else self.height_px
        return now + sum(s.height(scale) - s.height(1.0) for s in self.shapes)

    @property
    def fits(self) -> bool:
        return self.pages == 1 and self.complete and self.end_px is not None and not self.wide


def is_web_link(url: str) -> bool:
    """An absolute http(s) link with a host name."""
    return bool(WEB_LINK.match(url))


def check_url_option(url: str | None) -> None:
    """``--url`` must be a full http(s) address."""
    if url is not None:
        check_length(url, None)
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


def printed_link(url: str) -> str:
    """A link as a reader types it: the QR code's address without its scheme or a trailing
    slash after the host (``www.`` stays: not every site answers without it)."""
    rest = url.split("://", 1)[-1]
    return rest[:-1] if rest.endswith("/") and rest.count("/") == 1 else rest


def link_size(text: str, width_mm: float, design_pt: float, floor_pt: float) -> tuple[float, bool]:
    """The size to print ``text`` at in ``width_mm``: the designed size, shrunk in half points
    until it fits on one line, never below ``floor_pt``; and whether it fits on one line."""
    if not text:
        return (design_pt, True)
    fits_pt = width_mm / (len(text) * LINK_EM_PER_CHAR) * 72 / 25.4
    size = min(design_pt, math.floor(fits_pt * 2) / 2)
    return (size, True) if size >= floor_pt else (floor_pt, False)


def qr_code(url: str) -> QrCode:
    """The QR code for ``url``: medium error correction (or more, where it costs no modules),
    quiet zone kept, black on white; at least ``QR_MIN_VERSION`` (33 modules), so a short link's
    code, with the quiet zone its larger modules need, takes no more room than a long one's."""
    import segno
    from segno import DataOverflowError

    try:
        code = segno.make(url, error="m", micro=False)
    except DataOverflowError:
        raise CharterError(
            f"the link '{url[:40]}...' is too long for a QR code ({len(url.encode()):,} bytes; "
            "a poster's code holds about 2,300). Use a shorter link."
        ) from None
    if int(code.version) < QR_MIN_VERSION:  # an int: micro codes (versions "M1"...) are off
        code = segno.make(url, error="m", version=QR_MIN_VERSION, micro=False)
    uri = code.svg_data_uri(dark="#000000", light="#ffffff", border=QR_BORDER, xmldecl=False, nl=False)
    width, _ = code.symbol_size(border=0)
    return QrCode(url=url, data_uri=uri, modules=int(width))


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
    width_mm: float | None = None,
    landscape: bool = False,
    bilingual: bool = False,
) -> PosterLayout:
    """The designed (largest) layout for a paper; ``fit`` steps its type down when needed, to
    ``type_floor``.

    The QR code and the link are set here, in the paper's units, apart from the type: the
    symbol is ``QR_SYMBOL_U`` units wide in either orientation; the link sits under the
    invitation, beside the QR code (portrait) or above it in a panel as wide as the code
    (landscape, and every easy-read poster), on one line where it can.
    """
    scale = paper.scale(easy_read)
    qr = qr_code(link) if link else None
    layout = PosterLayout(
        type_pt=scale.start_pt,
        floor_pt=type_floor(paper, easy_read, bilingual),
        unit_mm=paper.unit_mm,
        height_mm=height_mm,
        bleed_mm=BLEED_MM if print_marks else 0.0,
        link=link,
        qr=qr,
        anchor=anchor,
    )
    return _with_code(layout, paper.unit_mm, width_mm or paper.width_mm, easy_read, landscape)


def type_floor(paper: Paper, easy_read: bool, bilingual: bool) -> float:
    """The smallest key point size on a paper. A bilingual poster holds every key point twice:
    each language has half the sheet, and may step down to the floor of the paper that half is
    (A3's half is A4: 18 pt, 20 pt easy read, whose fine print is then clear print's 12 pt and easy
    read's 14 pt); on A4, the smallest poster paper, its own floor."""
    papers = papers_for("posters")  # smallest first: each is half the next
    if bilingual and paper.name in papers[1:]:
        paper = PAPERS[papers[papers.index(paper.name) - 1]]
    return paper.scale(easy_read).floor_pt


def strip_layouts(
    layout: PosterLayout, width_mm: float, easy_read: bool, landscape: bool
) -> list[PosterLayout]:
    """The strip variants of a compact layout, made for text whose lines stand tall (Urdu's
    Nastaliq at 2.5 times its size), to try in order: the key points, the title and the pictures
    keep the paper's sizes, while the QR code, the link and the fine print take their A4 sizes on
    any paper (on A4 nothing shrinks) and the link stands closer to the code. The credit and the
    checked-by line run on as one paragraph where they share a place: beside the code, or
    (second, for a portrait easy-read poster with a code) the credit across the sheet under it."""
    fine = EASY_FINE_PT if easy_read else FINE_PT
    strip = _with_code(
        replace(layout, compact=True, strip=True, fine_pt=fine), 1.0, width_mm, easy_read, landscape
    )
    below = layout.qr is not None and easy_read and not landscape  # else the credit is under it anyway
    return [strip, *([replace(strip, credit_below=True)] if below else [])]


def _with_code(
    layout: PosterLayout, unit: float, width_mm: float, easy_read: bool, landscape: bool
) -> PosterLayout:
    """``layout`` with its QR code and link sized in ``unit`` (the paper's, or A4's for the strip)."""
    qr, link = layout.qr, layout.link
    qr_mm = qr.image_mm(QR_SYMBOL_U * unit) if qr else 0.0
    sheet_mm = width_mm - 2 * SHEET_MARGIN_U * layout.unit_mm
    # Landscape: the panel beside the key points is as wide as the code; portrait: beside it.
    gap_u = STRIP_GAP_U if layout.strip else SCAN_GAP_U
    link_width = qr_mm if landscape else sheet_mm - qr_mm - gap_u * layout.unit_mm
    # The smallest link grows with the paper, as everything else on it does (12, 17, 24 pt).
    floor = round((EASY_LINK_FLOOR_PT if easy_read else LINK_FLOOR_PT) * unit * 2) / 2
    link_pt, one_line = link_size(printed_link(link or ""), link_width, max(LINK_PT_U * unit, floor), floor)
    return replace(
        layout,
        qr_mm=qr_mm,
        link_pt=link_pt,
        link_one_line=one_line,
        link_chars=int(link_width / (link_pt * LINK_EM_PER_CHAR * 25.4 / 72)),
    )


def fit(
    layout: PosterLayout,
    measure: Callable[[PosterLayout], Measure],
    too_long: Callable[[PosterLayout, Measure], Exception],
    push: Callable[[PosterLayout, PosterLayout], Measure | None] = lambda fitted, pushed: None,
    variants: Sequence[PosterLayout] = (),
) -> PosterLayout:
    """The largest type size (from ``layout``'s down to its floor, in half-point steps) at which
    the poster fits on one page, with the space left over pushed above the footer.

    The templates use only layouts that WeasyPrint paginates faithfully, so content that does
    not fit starts a second page. ``measure`` lays a candidate out; ``too_long`` makes the error
    for when even the floor overflows; ``push`` may make the pushed layout from the fitted one
    without laying it out again (None when it cannot: then it is measured). See ``search`` for
    how few sizes are tried. Where the designed layout does not fit even at the floor, its
    compact variant (tighter spacing, a smaller title) is tried, then each of ``variants`` (see
    ``strip_layouts``), before giving up; the error tells of the one that came closest.
    """
    best, measured = _first_fit([layout, replace(layout, compact=True), *variants], measure, too_long)
    # Whole tenths of a millimetre, rounded down: the pushed layout never passes the page end.
    left_mm = (_bottom(layout, measured) - (measured.end_px or 0.0)) * 25.4 / 96
    push_mm = math.floor(left_mm * 10 - 1) / 10
    if push_mm <= 0:
        return best
    pushed = replace(best, push_mm=push_mm)
    result = push(best, pushed) or measure(pushed)
    return pushed if result.fits else best


def _first_fit(
    variants: list[PosterLayout],
    measure: Callable[[PosterLayout], Measure],
    too_long: Callable[[PosterLayout, Measure], Exception],
) -> tuple[PosterLayout, Measure]:
    """The first variant's best fit (see ``search``); when none fits, ``too_long``'s error for
    the one that came closest (the least overflow; of equals, the later)."""
    failures: list[NoFit] = []
    for variant in variants:
        try:
            return search(variant, measure)
        except NoFit as failed:
            failures.append(failed)
    closest = min(reversed(failures), key=lambda failed: failed.measured.overflow_mm())
    raise too_long(closest.layout, closest.measured)


class NoFit(Exception):
    """Nothing fits, not even the floor: its layout and measure."""

    def __init__(self, layout: PosterLayout, measured: Measure):
        super().__init__(layout.type_pt)
        self.layout, self.measured = layout, measured


def search(layout: PosterLayout, measure: Callable[[PosterLayout], Measure]) -> tuple[PosterLayout, Measure]:
    """The largest size that fits and its measure (see ``fit``), with as few layouts as it can.

    The first layout is at the floor: if it overflows, nothing fits; if it fits, it is one
    page with nothing split over a page break, which predicts other sizes best (and may be the
    answer). Each layout narrows the answer: one that overflows rules out its size and every
    larger one; one that fits rules in its size and, as its height grows at least as fast as
    its lines' height when the type grows (lines only ever break more), rules out every size
    whose height would pass the page end. The next size tried is where the nearest layouts'
    box-tree shapes predict the page fills (paragraphs rewrapped by Pango), or the step just
    above the largest fit, to rule it out: two layouts where the page fills smoothly, three
    where the step above gains a line.
    """
    sizes = type_steps(layout.type_pt, layout.floor_pt)  # largest first
    known: dict[float, Measure] = {}
    size = sizes[-1]
    while True:
        known[size] = measure(replace(layout, type_pt=size))
        fitting = [s for s, m in known.items() if m.fits]
        too_big = [s for s, m in known.items() if not m.fits]
        low = max(fitting, default=None)  # the answer is at least this
        # ... and at most the largest size below every overflow and every fitting layout's bound.
        bounds = [s for s in sizes if all(s < o for o in too_big)]
        bounds = [s for s in bounds if all(s <= _largest_fitting(f, known[f]) for f in fitting)]
        if not bounds:
            raise NoFit(replace(layout, type_pt=sizes[-1]), known[sizes[-1]])
        undecided = [s for s in bounds if low is None or s > low]
        if low is not None and not undecided:
            return replace(layout, type_pt=low), known[low]
        size = _next_size(known, undecided, low)


def _next_size(known: dict[float, Measure], undecided: list[float], low: float | None) -> float:
    """The next size to lay out: between where the largest fit and the smallest overflow each
    predict the page fills (each from its own box tree); just above ``low`` when that is where
    they point, to rule the step above it out."""
    candidates = [s for s in [*undecided, low] if s is not None]
    overflow = min((s for s in known if not known[s].fits), default=None)
    answers: list[tuple[float, float]] = []
    for size in (low, overflow):
        measured = known.get(size) if size is not None else None
        if size is None or measured is None or not measured.shapes or measured.bottom_px is None:
            continue
        fitting = _predicted_fit(measured, size, candidates)
        answers.append((abs(fitting - size), fitting))
    if not answers:
        return undecided[len(undecided) // 2]  # nothing to predict from: halve the range
    # The prediction made nearest its own layout (it has the least rewrapping to guess).
    answer = min(answers)[1]
    if low is not None and answer < low + STEP_PT:
        return undecided[-1]
    return next((s for s in undecided if s <= answer), undecided[-1])


def _predicted_fit(measured: Measure, size: float, sizes: list[float]) -> float:
    """The largest of ``sizes`` (largest first) that a layout at ``size`` predicts fits, else
    the last. By bisection: a prediction only grows with the size."""
    bottom = measured.bottom_px or 0.0
    low, high = 0, len(sizes) - 1
    while low < high:
        middle = (low + high) // 2
        if measured.predicted_end(sizes[middle] / size) <= bottom:
            high = middle
        else:
            low = middle + 1
    return sizes[low]


def _largest_fitting(size: float, measured: Measure) -> float:
    """An upper bound on the sizes that fit, from a layout at ``size`` that fits: its lines grow
    with the type (and may only break more), so its height grows at least this fast."""
    rate = measured.growth_px / size
    if rate <= 0 or measured.end_px is None or measured.bottom_px is None:
        return math.inf
    return size + (measured.bottom_px - measured.end_px) / rate


def _bottom(layout: PosterLayout, measured: Measure) -> float:
    """Where the page area ends (CSS px), as measured or else from the page height."""
    return measured.bottom_px if measured.bottom_px is not None else layout.height_mm * 96 / 25.4


def _quote(text: str, limit: int = 50) -> str:
    short = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return f'"{short}" ({len(text)} characters)'


def too_much_text(
    paper: Paper,
    floor_pt: float,
    source: Path,
    brand: str,
    title: str,
    points: Sequence[str],
    landscape: bool = False,
    measured: Measure | None = None,
) -> CharterError:
    """The error for a poster that overflows at its floor: which brand's (its slug: a build of
    several brands says whose poster failed, as fonts and logos decide the fit), what runs over,
    by how much, and the longest texts to shorten."""
    longest = sorted(points, key=len, reverse=True)[:2]
    over = ""
    if measured is not None and measured.missing:
        numbers = measured.missing
        which = f"key point {numbers[0]}" if len(numbers) == 1 else f"key points {numbers[0]}-{numbers[-1]}"
        over = f" ({which} and what follows, {measured.overflow_mm():.0f} mm over)"
    elif measured is not None and measured.wide:
        over = " (a word or the link is wider than the page)"
    elif measured is not None:
        over = f" (the link panel and credit under the key points, {measured.overflow_mm():.0f} mm over)"
    papers = papers_for("posters")
    bigger = papers[papers.index(paper.name) + 1 :] if paper.name in papers else ()
    other_ways = [f"--paper {bigger[0]}"] if bigger else []
    if landscape:
        other_ways.append("portrait (no --landscape)")
    return CharterError(
        f"too much text for one {paper} poster (--brand {brand}): even with the key points at the "
        f"smallest legible size for {paper} ({floor_pt:g} pt) it runs onto a second page{over}. "
        f"Shorten or remove some of the {len(points)} key points "
        f"(the longest: {'; '.join(_quote(p) for p in longest)}), or shorten the title {_quote(title)}."
        + (f" Or make it on {' or '.join(other_ways)}." if other_ways else ""),
        source,
    )
