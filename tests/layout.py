"""Reading a page's layout back from a PDF: text lines with their size and box, pictures, edges.

Written apart from the generator, like pdfcheck.py: it knows only what pdfplumber reads.
Lengths are in millimetres from the top-left of the page.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

MM = 72 / 25.4


@dataclass(frozen=True)
class Line:
    """One line of text on a page: its words, type size (the most common one), box in mm."""

    page: int  # from 1
    text: str
    size: float
    bold: bool
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def words(self) -> list[str]:
        return self.text.split()


@dataclass(frozen=True)
class Box:
    page: int
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    pictures: list[Box]
    smallest: float  # the smallest type size of any visible character, in pt


@functools.cache
def read_pages(path: Path) -> list[Page]:
    """Every page's text lines (pdfplumber's; a line's size is its most common one) and raster
    pictures. Read once per file and test session."""
    pages = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            lines = []
            for raw in page.extract_text_lines(return_chars=True, keep_blank_chars=False):
                chars = [c for c in raw["chars"] if c["text"].strip()]
                if not chars:
                    continue
                sizes = Counter(round(c["size"], 1) for c in chars)
                bold = sum("Bold" in c["fontname"] for c in chars) > len(chars) / 2
                lines.append(
                    Line(
                        number,
                        " ".join(raw["text"].split()),
                        sizes.most_common(1)[0][0],
                        bold,
                        min(c["x0"] for c in chars) / MM,
                        min(c["top"] for c in chars) / MM,
                        max(c["x1"] for c in chars) / MM,
                        max(c["bottom"] for c in chars) / MM,
                    )
                )
            pictures = [
                Box(number, i["x0"] / MM, i["top"] / MM, i["x1"] / MM, i["bottom"] / MM) for i in page.images
            ]
            smallest = min((c["size"] for c in page.chars if c["text"].strip()), default=99.0)
            pages.append(Page(number, page.width / MM, page.height / MM, lines, pictures, round(smallest, 2)))
    return pages


def smallest_size(path: Path) -> float:
    """The smallest type size of any visible character, in pt."""
    return min(page.smallest for page in read_pages(path))


def nearest_edge_mm(pages: list[Page]) -> float:
    """How close any text comes to the paper's edge."""
    return min(
        min(line.x0, line.top, page.width - line.x1, page.height - line.bottom)
        for page in pages
        for line in page.lines
    )


def overlaps(a: Line | Box, b: Line | Box, gap: float = 0.0) -> bool:
    """Whether two boxes on a page come closer than ``gap`` mm (or overlap)."""
    return not (
        a.x1 + gap <= b.x0 or b.x1 + gap <= a.x0 or a.bottom + gap <= b.top or b.bottom + gap <= a.top
    )


def collisions(pages: list[Page], gap: float = 0.0) -> list[tuple[str, str]]:
    """Pairs of text lines, or a line and a picture, that overlap on a page."""
    found = []
    for page in pages:
        items = [*page.lines, *page.pictures]
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                if overlaps(a, b, gap):
                    found.append((getattr(a, "text", "picture"), getattr(b, "text", "picture")))
    return found


def blocks(lines: list[Line], leading: float = 1.8) -> list[list[Line]]:
    """Lines grouped into paragraphs: each line continues the paragraph right above it when it has
    the same size and left edge (within 8 mm, for list markers) and lies at most ``leading``
    times the type size below it."""
    groups: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: (ln.page, ln.top, ln.x0)):
        above = [
            group
            for group in groups
            if group[-1].page == line.page
            and abs(group[-1].size - line.size) < 0.3
            and abs(group[-1].x0 - line.x0) < 8
            and 0 < line.top - group[-1].top <= leading * line.size / MM
        ]
        if above:
            above[-1].append(line)
        else:
            groups.append([line])
    return groups


def lone_last_words(lines: list[Line]) -> list[str]:
    """Paragraphs of two or more lines whose last line is a single word."""
    return [
        " / ".join(ln.text for ln in group)
        for group in blocks(lines)
        if len(group) > 1 and len(group[-1].words) == 1
    ]
