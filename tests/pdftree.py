"""Reading a PDF's logical structure back, as a screen reader meets it (pikepdf and pdfplumber).

Knows nothing of how the generator made the file: it walks the structure tree from the root,
takes each marked-content item's text from the page (pdfplumber's characters carry their MCID),
and lists the link annotations and bookmarks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pikepdf
from untraced import untraced


@dataclass
class Node:
    """A structure element: type, the text of the content it holds itself, its children."""

    s: str
    text: str
    kids: list[Node]
    pages: set[int]
    alt: str | None = None
    annotations: list[pikepdf.Dictionary] | None = None
    lang: str | None = None

    def walk(self) -> list[Node]:
        found = [self]
        for kid in self.kids:
            found.extend(kid.walk())
        return found

    def all_text(self) -> str:
        return self.text + "".join(kid.all_text() for kid in self.kids)


def mcid_texts(path: Path) -> dict[tuple[int, int], str]:
    """Text of each (page index, MCID), from the characters drawn in it."""
    texts: dict[tuple[int, int], str] = {}
    with pdfplumber.open(path) as pdf:
        for index, page in enumerate(pdf.pages):
            for char in page.chars:
                if char.get("mcid") is not None:
                    key = (index, int(char["mcid"]))
                    texts[key] = texts.get(key, "") + char["text"]
    return texts


@untraced
def read_tree(path: Path) -> Node:
    """The structure tree under the root, with text (whitespace removed, so line breaks that
    fall differently on another paper do not count)."""
    texts = mcid_texts(path)
    with pikepdf.open(path) as pdf:
        pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}

        def node(element: pikepdf.Dictionary, page: int | None) -> Node:
            page = pages[element.Pg.objgen] if "/Pg" in element else page
            out = Node(str(element.S), "", [], set(), str(element.Alt) if "/Alt" in element else None, [])
            out.lang = str(element.Lang) if "/Lang" in element else None
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]:
                if isinstance(kid, int):
                    out.text += texts.get((page, int(kid)), "")
                    out.pages.add(page)
                elif kid.get("/Type") == "/MCR":
                    on = pages[kid.Pg.objgen] if "/Pg" in kid else page
                    out.text += texts.get((on, int(kid.MCID)), "")
                    out.pages.add(on)
                elif kid.get("/Type") == "/OBJR":
                    out.annotations.append(kid.Obj)
                else:
                    out.kids.append(node(kid, page))
            out.text = "".join(out.text.split())
            return out

        root = pdf.Root.StructTreeRoot
        kids = root.K if isinstance(root.K, pikepdf.Array) else [root.K]
        return Node("/Root", "", [node(kid, None) for kid in kids], set())


def serialise(tree: Node) -> list[str]:
    """One line per element: depth, type, alt text and text; no page numbers."""
    lines: list[str] = []

    def visit(node: Node, depth: int) -> None:
        alt = f" alt={node.alt!r}" if node.alt is not None else ""
        lines.append(f"{'  ' * depth}{node.s}{alt} {node.text}".rstrip())
        for kid in node.kids:
            visit(kid, depth + 1)

    visit(tree, 0)
    return lines


@dataclass
class LinkAnnotation:
    """A /Link annotation: its page, rectangle, /Contents and the structure type that holds it."""

    page: int
    rect: tuple[float, float, float, float]
    contents: str | None
    parent: str | None

    @property
    def area(self) -> float:
        x0, y0, x1, y1 = self.rect
        return abs(x1 - x0) * abs(y1 - y0)


@untraced
def link_annotations(path: Path) -> list[LinkAnnotation]:
    """Every /Link annotation on the pages, with the element the parent tree gives it."""
    with pikepdf.open(path) as pdf:
        parents: dict[int, str] = {}
        nums = pdf.Root.StructTreeRoot.ParentTree.get("/Nums", [])
        for i in range(0, len(nums), 2):
            if isinstance(nums[i + 1], pikepdf.Dictionary):
                parents[int(nums[i])] = str(nums[i + 1].S)
        found = []
        for index, page in enumerate(pdf.pages):
            for annot in page.obj.get("/Annots", []):
                if annot.get("/Subtype") != "/Link":
                    continue
                rect = tuple(float(v) for v in annot.Rect)
                contents = str(annot.Contents) if "/Contents" in annot else None
                parent = parents.get(int(annot.StructParent)) if "/StructParent" in annot else None
                found.append(LinkAnnotation(index, rect, contents, parent))  # type: ignore[arg-type]
        return found


@untraced
def outline(path: Path) -> list[tuple[int, str]]:
    """The bookmarks, as (depth, title) in order."""
    with pikepdf.open(path) as pdf, pdf.open_outline() as tree:
        found: list[tuple[int, str]] = []

        def visit(items, depth: int) -> None:
            for item in items:
                found.append((depth, item.title))
                visit(item.children, depth + 1)

        visit(tree.root, 0)
        return found
