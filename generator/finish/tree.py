"""The structure tree as plain Python objects: read from the PDF, reshaped, written back.

WeasyPrint's tree is read into :class:`Element` objects holding :class:`Marked` content items
(an MCID on a page) and :class:`Annotation` references; the passes in
:mod:`generator.finish.structure` and :mod:`generator.finish.links` edit those, and
:func:`write_tree` replaces the PDF's tree and parent tree with fresh objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pikepdf

from generator.finish.hook import KEY, LABEL, LANG, ROLE, TEXTS

# Attributes of a structure element that are carried over as they are.
_KEPT = ("/A", "/Alt", "/ActualText", "/E", "/Lang", "/T", "/ID", "/C")


@dataclass
class Marked:
    """A marked-content sequence: an MCID on a page."""

    page: pikepdf.Object
    mcid: int


@dataclass
class Annotation:
    """A link or widget annotation, reached through an OBJR."""

    annot: pikepdf.Object
    page: pikepdf.Object


@dataclass
class Element:
    """A structure element: its type, the HTML element it comes from (``key``) and that
    element's language (``lang``), its kids."""

    s: str
    kids: list[Element | Marked | Annotation] = field(default_factory=list)
    key: str | None = None
    role: str | None = None
    label: str | None = None
    lang: str | None = None
    page: pikepdf.Object | None = None
    attrs: dict[str, pikepdf.Object] = field(default_factory=dict)

    def walk(self) -> list[Element]:
        """This element and every element under it, in document order."""
        found, stack = [], [self]
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(reversed([k for k in node.kids if isinstance(k, Element)]))
        return found

    def first_page(self) -> pikepdf.Object | None:
        """The page of the first content item under this element, else its own page."""
        for kid in self.kids:
            page = kid.first_page() if isinstance(kid, Element) else kid.page
            if page is not None:
                return page
        return self.page

    def content(self) -> list[Marked | Annotation]:
        """Every content item and annotation under this element, in document order."""
        items: list[Marked | Annotation] = []
        for kid in self.kids:
            items.extend(kid.content() if isinstance(kid, Element) else [kid])
        return items


def read_tree(pdf: pikepdf.Pdf) -> Element | None:
    """The document's structure tree (its root element), or None for an untagged PDF."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return None
    kids = root.get("/K")
    top = [kids] if isinstance(kids, pikepdf.Dictionary) else list(kids or [])
    if len(top) == 1 and top[0].get("/S") == "/Document":
        return _element(top[0], None)
    document = Element("/Document")
    document.kids = [_element(kid, None) for kid in top]
    return document


def _element(node: pikepdf.Object, page: pikepdf.Object | None) -> Element:
    names = set(node.keys())
    page = node.Pg if "/Pg" in names else page
    element = Element(
        str(node.S),
        key=str(node[f"/{KEY}"]) if f"/{KEY}" in names else None,
        role=str(node[f"/{ROLE}"]) if f"/{ROLE}" in names else None,
        label=str(node[f"/{LABEL}"]) if f"/{LABEL}" in names else None,
        lang=str(node[f"/{LANG}"]) if f"/{LANG}" in names else None,
        page=page,
        attrs={name: node[name] for name in _KEPT if name in names},
    )
    kids = node.get("/K")
    items: list[Any] = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
    for kid in items:  # an MCID (an int), an MCR or OBJR dictionary, or a structure element
        if isinstance(kid, int):
            if page is not None:
                element.kids.append(Marked(page, int(kid)))
        elif kid.get("/Type") == "/MCR":
            element.kids.append(Marked(kid.get("/Pg", page), int(kid.MCID)))
        elif kid.get("/Type") == "/OBJR":
            element.kids.append(Annotation(kid.Obj, kid.get("/Pg", page)))
        elif "/S" in kid:
            element.kids.append(_element(kid, page))
    return element


def marked_counts(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    """How many MCIDs each page's parent-tree entry lists (WeasyPrint numbers a page's marked
    content 0, 1, ... and lists all of it, margin boxes included), by page."""
    root = pdf.Root.get("/StructTreeRoot")
    tree = root.get("/ParentTree") if root is not None else None
    nums = tree.get("/Nums") if isinstance(tree, pikepdf.Dictionary) else None
    if not isinstance(nums, pikepdf.Array):
        return {}
    entries = {int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)}
    counts = {}
    for index, page in enumerate(pdf.pages):
        entry = entries.get(int(page.obj.get("/StructParents", index)))
        if isinstance(entry, pikepdf.Array):
            counts[page.obj.objgen] = len(entry)
    return counts


def run_texts(pdf: pikepdf.Pdf) -> dict[tuple[tuple[int, int], int], str]:
    """The characters of each run of text the hook noted on a page (see
    :mod:`generator.finish.hook`), by (page, MCID); the notes are removed from the pages."""
    texts = {}
    for page in pdf.pages:
        notes = page.obj.get(f"/{TEXTS}")
        if notes is None:
            continue
        for index in range(0, len(notes) - 1, 2):
            texts[page.obj.objgen, int(notes[index])] = str(notes[index + 1])
        del page.obj[f"/{TEXTS}"]
    return texts


def _built(node: pikepdf.Object) -> list[pikepdf.Object]:
    """Every structure element written under ``node`` (itself included)."""
    found, stack = [], [node]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(kid for kid in current.K if isinstance(kid, pikepdf.Dictionary) and "/S" in kid)
    return found


def write_tree(pdf: pikepdf.Pdf, document: Element) -> None:
    """Replace the PDF's structure tree and parent tree with ``document``'s.

    Each page's parent-tree entry lists, by MCID, the element that holds it (null for content
    no element holds); each annotation's entry is its element."""
    root = pdf.Root.StructTreeRoot
    page_index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    by_mcid: dict[tuple[int, int], dict[int, pikepdf.Object]] = {}
    by_annot: dict[int, pikepdf.Object] = {}
    next_key = len(pdf.pages)

    def build(element: Element, parent: pikepdf.Object) -> pikepdf.Object:
        nonlocal next_key
        page = element.first_page()
        node = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name(element.s)))
        node.P = parent
        if page is not None:
            node.Pg = page
        for name, value in element.attrs.items():
            node[name] = value
        kids = pikepdf.Array()
        for kid in element.kids:
            if isinstance(kid, Element):
                kids.append(build(kid, node))
            elif isinstance(kid, Marked):
                by_mcid.setdefault(kid.page.objgen, {})[kid.mcid] = node
                same_page = page is not None and kid.page.objgen == page.objgen
                kids.append(
                    kid.mcid
                    if same_page
                    else pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=kid.page, MCID=kid.mcid)
                )
            else:
                if "/StructParent" not in kid.annot:
                    kid.annot.StructParent = next_key
                    next_key += 1
                by_annot[int(kid.annot.StructParent)] = node
                kids.append(
                    pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=kid.annot, Pg=kid.page))
                )
        node.K = kids
        return node

    top = build(document, root)
    identified = sorted(
        ((str(node.ID), node) for node in _built(top) if "/ID" in node), key=lambda pair: pair[0]
    )
    if identified:  # element identifiers need the ID tree that finds them (ISO 32000-1, 14.7.2)
        names = pikepdf.Array()
        for ident, node in identified:
            names.append(pikepdf.String(ident))
            names.append(node)
        root.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=names))
    elif "/IDTree" in root:
        del root.IDTree
    nums = pikepdf.Array()
    entries: dict[int, pikepdf.Object] = dict(by_annot)
    for page in pdf.pages:
        index = int(page.obj.get("/StructParents", page_index[page.obj.objgen]))
        page.obj.StructParents = index
        mapping = by_mcid.get(page.obj.objgen, {})
        size = max(mapping, default=-1) + 1
        entries[index] = pikepdf.Array([mapping.get(mcid, None) for mcid in range(size)])
    for number in sorted(entries):
        nums.append(number)
        nums.append(entries[number])
    root.K = pikepdf.Array([top])
    root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=nums))
    root.ParentTreeNextKey = max(entries, default=-1) + 1
