"""Links a screen reader can use: one ``Link`` element per link, each annotation described.

WeasyPrint 70 gives a link annotation to every box inside an ``<a>`` (its inline children,
pseudo-elements and ``leader()`` boxes), tags each of them as a ``Link`` or ``NonStruct`` of its
own, nested in the outer ``Link`` (nested tags in anchors: WeasyPrint issue #185, listed under
#2482; annotations under a non-Link tag: #1782), and leaves empty inline boxes with annotations
of zero width (a poster's URL gave 8 annotations, 6 of them zero-width and untagged). It writes
the link's target as its ``/Contents`` ("doc-1"). This pass:

- folds every ``Link`` nested in a ``Link`` into the outer one, and gives the outer one an
  ``OBJR`` to each of the link's annotations;
- removes annotations of zero area, and those lying inside another of the same link's;
- wraps any annotation that no ``Link`` holds in a ``Link`` of its own;
- writes each annotation's ``/Contents`` in words: the web address, or the link's title or text
  and the page it goes to ("Handout, A4: A trauma informed & responsive approach, page 3").
"""

from __future__ import annotations

import pikepdf

from generator.finish.tree import Annotation, Element, Marked


def mend_links(pdf: pikepdf.Pdf, document: Element) -> None:
    """Reshape the links in ``document`` and delete the annotations that are dropped."""
    dropped: set[tuple[int, int]] = set()
    _visit(pdf, document, dropped)
    if not dropped:
        return
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        if isinstance(annots, pikepdf.Array):
            kept = [a for a in annots if a.objgen not in dropped]
            if len(kept) != len(annots):
                page.obj.Annots = pikepdf.Array(kept)


def _visit(pdf: pikepdf.Pdf, element: Element, dropped: set[tuple[int, int]]) -> None:
    kids: list[Element | Marked | Annotation] = []
    for kid in element.kids:
        if isinstance(kid, Element) and kid.s == "/Link":
            _mend(pdf, kid, dropped)
        elif isinstance(kid, Element):
            _visit(pdf, kid, dropped)
        elif isinstance(kid, Annotation):  # an annotation no Link holds
            if _area(kid.annot) == 0:
                dropped.add(kid.annot.objgen)
                continue
            kid = Element("/Link", [kid], page=kid.page)
            _describe(pdf, kid, [kid.kids[0]])  # type: ignore[list-item]
        kids.append(kid)
    element.kids = kids


def _mend(pdf: pikepdf.Pdf, link: Element, dropped: set[tuple[int, int]]) -> None:
    annotations = [item for item in link.content() if isinstance(item, Annotation)]
    labels = [e.label for e in link.walk() if e.label]
    link.label = labels[0] if labels else link.label
    link.kids = _without_links(link.kids)
    kept: list[Annotation] = []
    for item in annotations:
        if _area(item.annot) == 0 or any(_inside(item, other) for other in annotations if other is not item):
            dropped.add(item.annot.objgen)
        else:
            kept.append(item)
    if not kept:  # nothing left to click: text, not a link
        link.s = "/Span"
        return
    link.kids = [*kept, *link.kids]
    _describe(pdf, link, kept)


def _without_links(kids: list[Element | Marked | Annotation]) -> list[Element | Marked | Annotation]:
    """Kids with annotations taken out and nested Links dissolved into their content."""
    out: list[Element | Marked | Annotation] = []
    for kid in kids:
        if isinstance(kid, Annotation):
            continue
        if isinstance(kid, Element):
            kid.kids = _without_links(kid.kids)
            if kid.s == "/Link":
                out.extend(kid.kids)
                continue
            if not kid.kids:
                continue
        out.append(kid)
    return out


def _rect(annot: pikepdf.Object) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in annot.Rect)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _area(annot: pikepdf.Object) -> float:
    x0, y0, x1, y1 = _rect(annot)
    return max(0.0, x1 - x0) * max(0.0, y1 - y0)


def _inside(item: Annotation, other: Annotation) -> bool:
    """Whether ``item`` lies within ``other`` on the same page (the first of two equal ones stays)."""
    if item.page.objgen != other.page.objgen:
        return False
    a, b = _rect(item.annot), _rect(other.annot)
    within = a[0] >= b[0] - 0.5 and a[1] >= b[1] - 0.5 and a[2] <= b[2] + 0.5 and a[3] <= b[3] + 0.5
    if within and _rect(other.annot) == a:
        return _order(item) > _order(other)
    return within


def _order(item: Annotation) -> tuple[int, int]:
    return item.annot.objgen


def _describe(pdf: pikepdf.Pdf, link: Element, annotations: list[Annotation]) -> None:
    for item in annotations:
        words = _destination_words(pdf, item.annot, link.label)
        if words:
            item.annot.Contents = pikepdf.String(words)


def _destination_words(pdf: pikepdf.Pdf, annot: pikepdf.Object, label: str | None) -> str | None:
    action = annot.get("/A")
    if isinstance(action, pikepdf.Dictionary) and action.get("/S") == "/URI":
        return str(action.URI)
    target = annot.get("/Dest")
    if target is None and isinstance(action, pikepdf.Dictionary) and action.get("/S") == "/GoTo":
        target = action.get("/D")
    page = _page_number(pdf, target)
    if page is None:
        return label
    return f"{label}, page {page}" if label else f"Page {page}"


def _page_number(pdf: pikepdf.Pdf, target: pikepdf.Object | None) -> int | None:
    if isinstance(target, (pikepdf.String, pikepdf.Name)):
        names = pdf.Root.get("/Names")
        if names is not None and "/Dests" in names:
            tree = pikepdf.NameTree(names.Dests)
            key = str(target).lstrip("/")
            target = tree.get(key)
        elif "/Dests" in pdf.Root and str(target) in pdf.Root.Dests:
            target = pdf.Root.Dests[str(target)]
        if isinstance(target, pikepdf.Dictionary):
            target = target.get("/D")
    if isinstance(target, pikepdf.Array) and len(target) and isinstance(target[0], pikepdf.Dictionary):
        for index, page in enumerate(pdf.pages):
            if page.obj.objgen == target[0].objgen:
                return index + 1
    return None
