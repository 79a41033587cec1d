"""Reading a page's layout back from a PDF: text lines with their size and box, pictures, edges.

Written apart from the generator, like pdfcheck.py: it knows only what pdfplumber reads.
Lengths are in millimetres from the top-left of the page.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from plumbed import plumbed
from untraced import untraced

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
    alt: str = ""  # a tagged Figure's alternative text


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    pictures: list[Box]
    smallest: float  # the smallest type size of any visible character, in pt
    rects: list[Box]  # the painted rectangles


@functools.cache
@untraced
def read_pages(path: Path) -> list[Page]:
    """Every page's text lines (pdfplumber's; a line's size is its most common one), raster
    pictures and painted rectangles. Read once per file and test session."""
    pages = []
    for number, page in enumerate(plumbed(path).pages, 1):
        lines = []
        for raw in page.extract_text_lines(return_chars=True, keep_blank_chars=False):
            for chars in _columns([c for c in raw["chars"] if c["text"].strip()]):
                lines.append(_line(number, chars))
        pictures = [
            Box(number, i["x0"] / MM, i["top"] / MM, i["x1"] / MM, i["bottom"] / MM) for i in page.images
        ]
        smallest = min((c["size"] for c in page.chars if c["text"].strip()), default=99.0)
        rects = [Box(number, r["x0"] / MM, r["top"] / MM, r["x1"] / MM, r["bottom"] / MM) for r in page.rects]
        pages.append(
            Page(number, page.width / MM, page.height / MM, lines, pictures, round(smallest, 2), rects)
        )
    return pages


def _columns(chars: list[dict]) -> list[list[dict]]:
    """A text line's characters split where a gap wider than 4 mm (and than 0.8 em, wider than
    a word space) separates two columns."""
    runs: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: c["x0"]):
        if runs and char["x0"] - runs[-1][-1]["x1"] <= max(4 * MM, 0.8 * char["size"]):
            runs[-1].append(char)
        else:
            runs.append([char])
    return runs


def _line(page: int, chars: list[dict]) -> Line:
    sizes = Counter(round(c["size"], 1) for c in chars)
    words, last = "", None
    for char in chars:  # a space where pdfplumber would put one: a gap of a fifth of the size
        if last is not None and char["x0"] - last["x1"] > 0.2 * char["size"]:
            words += " "
        words += char["text"]
        last = char
    return Line(
        page,
        " ".join(words.split()),
        sizes.most_common(1)[0][0],
        sum("Bold" in c["fontname"] for c in chars) > len(chars) / 2,
        min(c["x0"] for c in chars) / MM,
        min(c["top"] for c in chars) / MM,
        max(c["x1"] for c in chars) / MM,
        max(c["bottom"] for c in chars) / MM,
    )


@untraced
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


@untraced
def figures(path: Path) -> list[Box]:
    """Every tagged Figure's box (its /BBox attribute), in mm from the page's top-left."""
    import pikepdf

    boxes = []
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: (number, float(page.MediaBox[3])) for number, page in enumerate(pdf.pages, 1)}
        root = pdf.Root.get("/StructTreeRoot")
        stack = [root.get("/K")] if root is not None else []
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
            elif isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/Figure" and "/Pg" in node:
                    attributes = node.get("/A")
                    for attribute in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
                        if isinstance(attribute, pikepdf.Dictionary) and "/BBox" in attribute:
                            number, height = pages[node.Pg.objgen]
                            x0, y0, x1, y1 = (float(v) for v in attribute.BBox)
                            top, bottom = (height - y1) / MM, (height - y0) / MM
                            alt = str(node.get("/Alt", ""))
                            boxes.append(Box(number, x0 / MM, top, x1 / MM, bottom, alt))
                stack.append(node.get("/K"))
    return sorted(boxes, key=lambda b: (b.page, b.top))


@dataclass
class Block:
    """What an easy-read page is made of: a heading, a point (a picture and its words), or a
    paragraph block (the lead, a glossary entry, "About this document")."""

    kind: str  # "heading", "point", "text", or "tail" (lines with no block start above them)
    page: int
    top: float
    bottom: float
    lines: list[Line]

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def height(self) -> float:
        return self.bottom - self.top


@untraced
def page_blocks(path: Path, body_pt: float) -> list[list[Block]]:
    """Each page's blocks, top to bottom, without the running footer.

    A block starts at a heading (lines over 1.2 times the body size), at a picture in the left
    column (a point: the lines beside and under it until the next start are its words), or at a
    line that starts at the left text edge after a gap (a paragraph). Lines with no start above
    them on their page are a "tail": something split from the page before.
    """
    pages = read_pages(path)
    pictures = figures(path)
    left = min(line.x0 for page in pages for line in page.lines)
    result = []
    for page in pages:
        footer_top = min(
            (ln.top for ln in page.lines if re.fullmatch(r".*Page \d+ of \d+", ln.text)), default=999
        )
        lines = [ln for ln in page.lines if ln.top < footer_top - 1]
        starts: list[Block] = []
        for picture in pictures:
            if picture.page == page.number and picture.x0 < left + 5 and picture.x1 - picture.x0 < 45:
                starts.append(Block("point", page.number, picture.top, picture.bottom, []))
        blocks_: list[Block] = []
        previous: Line | None = None
        for line in lines:
            heading = line.size > 1.2 * body_pt
            owner = max(
                (b for b in starts if b.top <= line.top + 2),
                key=lambda b: b.top,
                default=None,
            )
            gap = line.top - previous.bottom if previous is not None else 999.0
            new_paragraph = (
                line.x0 < left + 20
                and not heading
                and (previous is None or previous.size > 1.2 * body_pt or gap > 0.6 * line.size / MM)
                and (owner is None or owner.kind != "point" or line.top > owner.bottom + 1)
            )
            if heading and blocks_ and blocks_[-1].kind == "heading" and line.top - blocks_[-1].bottom < 6:
                block = blocks_[-1]
            elif heading:
                block = Block("heading", page.number, line.top, line.bottom, [])
                starts.append(block)
            elif new_paragraph:
                block = Block("text", page.number, line.top, line.bottom, [])
                starts.append(block)
            elif owner is not None:
                block = owner
            elif blocks_ and blocks_[-1].kind == "tail":
                block = blocks_[-1]
            else:
                block = Block("tail", page.number, line.top, line.bottom, [])
            block.lines.append(line)
            block.top, block.bottom = min(block.top, line.top), max(block.bottom, line.bottom)
            if block not in blocks_:
                blocks_.append(block)
            previous = line
        for start in starts:
            if start.kind == "point" and start not in blocks_:
                blocks_.append(start)  # a picture with no words beside it
        ordered = sorted(blocks_, key=lambda b: b.top)
        if page.number == 1:  # the masthead (logo and badge) sits above the title
            first = next((b.top for b in ordered if b.kind == "heading"), 0.0)
            ordered = [b for b in ordered if b.top >= first - 1]
        result.append(ordered)
    return result
