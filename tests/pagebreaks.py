"""Measuring an easy read's page breaks from its PDF: at each break, the space left at the foot of
the page and what that space would have had to hold to keep the next block there.

Written apart from the generator, like layout.py: it knows only what the PDF holds. A page's text
area is the body's box the PDF paints (its bottom is where the text may reach); a point is its
picture (its tagged Figure box) and the words beside and under it; a glossary entry is its tinted
box; a heading and any other text are their lines, each widened to its line box. Lengths are in mm
from the top of the page.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from layout import MM, Block, page_blocks, read_pages

Area = tuple[float, float, float, float]


@dataclass(frozen=True)
class Part:
    """One block of an easy-read page, by its box (the layout's, as near as the PDF shows it)."""

    kind: str  # "heading", "point", "entry" (glossary), "text" (the lead, About this document)
    page: int
    top: float
    bottom: float
    text: str


@dataclass(frozen=True)
class Break:
    """A page break: the space left under the page's last block, and what opens the next page."""

    page: int  # the page that ends here (from 1)
    free: float  # mm between the last block's foot and the text area's foot
    needed: float  # mm the next page's opening would take here: the gap above it, then its height
    opening: str  # its kinds and first words, e.g. "heading+point: Why working ..."

    @property
    def fitted(self) -> bool:
        """Whether the opening would have fitted in the space left (within half a millimetre)."""
        return self.free + 0.5 >= self.needed


@functools.cache
def _areas(path: Path) -> tuple[list[Area], list[list[Area]]]:
    """Each page's text area (the largest painted box short of the page) and its tinted boxes at
    least 10 mm tall (glossary entries), each (x0, top, x1, bottom)."""
    bodies, tints = [], []
    for page in read_pages(path):
        boxes = [(r.x0, r.top, r.x1, r.bottom) for r in page.rects]
        inner = [b for b in boxes if (b[2] - b[0]) < page.width - 1 or (b[3] - b[1]) < page.height - 1]
        body = max(inner, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))
        bodies.append(body)
        tints.append([b for b in inner if b is not body and b[3] - b[1] >= 10 and b[2] - b[0] > 40])
    return bodies, tints


def _part(block: Block, tints: list[Area], body_pt: float) -> Part:
    """A block's box: lines widened by their half-leading (1.5 lines; headings 1.3), a point's
    picture, a glossary entry's tint."""
    text = block.text
    if not block.lines:
        return Part(block.kind, block.page, block.top, block.bottom, text)
    first, last = block.lines[0], block.lines[-1]
    spread = 0.15 if block.kind == "heading" else 0.25
    top = first.top - spread * first.size / MM
    bottom = last.bottom + spread * last.size / MM
    if block.kind == "point":
        return Part("point", block.page, block.top, max(bottom, block.bottom), text)
    tint = [t for t in tints if t[1] - 1 <= first.top and last.bottom <= t[3] + 1]
    if tint and block.kind == "text":
        return Part("entry", block.page, tint[0][1], tint[0][3], text)
    return Part(block.kind, block.page, top, bottom, text)


def text_areas(path: Path) -> list[Area]:
    """Each page's text area (x0, top, x1, bottom), in mm from the page's top-left."""
    return _areas(path)[0]


def page_parts(path: Path, body_pt: float) -> list[list[Part]]:
    """Each page's blocks as boxes (the masthead of page 1 and the footer left out)."""
    tints = _areas(path)[1]
    return [
        [_part(block, tints[number], body_pt) for block in blocks]
        for number, blocks in enumerate(page_blocks(path, body_pt))
    ]


def breaks(path: Path, body_pt: float) -> list[Break]:
    """Every page break of an easy read, measured.

    What opens the next page is its first block, or a heading and the block under it. The gap
    above it is the one the layout puts between those kinds of block where they share a page (the
    smallest seen in this PDF; none seen, as where a page holds one point: the largest seen above
    a block of that kind, else the largest of any, so a doubt never counts as room).
    "About this document" and the paragraphs after it are left out: they keep together on purpose.
    """
    feet = [area[3] for area in text_areas(path)]
    layout = page_parts(path, body_pt)
    gaps: dict[tuple[str, str], float] = {}
    for parts in layout:
        for a, b in pairwise(parts):
            if a.kind != "heading" or b.kind == "heading":
                key = (a.kind, b.kind)
                gaps[key] = min(gaps.get(key, 99.0), b.top - a.bottom)
    found = []
    for number, (this, following) in enumerate(pairwise(layout), 1):
        if not this or not following or following[0].text.startswith("About this document"):
            continue
        if this[-1].kind == "text" and "About this document" in " ".join(p.text for p in this):
            continue
        opening = following[:2] if following[0].kind == "heading" and len(following) > 1 else following[:1]
        gap = gaps.get((this[-1].kind, opening[0].kind)) or _unseen_gap(gaps, opening[0].kind)
        needed = gap + opening[-1].bottom - opening[0].top
        label = "+".join(p.kind for p in opening) + ": " + " ".join(opening[0].text.split()[:4])
        found.append(Break(number, round(feet[number - 1] - this[-1].bottom, 1), round(needed, 1), label))
    return found


def _unseen_gap(gaps: dict[tuple[str, str], float], kind: str) -> float:
    """The gap above a block of ``kind`` after a kind of block it never follows on one page."""
    above = [gap for (first, then), gap in gaps.items() if then == kind and first != "heading"]
    return max(above or gaps.values() or [0.0])
