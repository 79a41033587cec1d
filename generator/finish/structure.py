"""The logical structure pass: one tree for a document whatever the paper it is laid out on.

WeasyPrint 70 builds its tree page by page, so an element that crosses a page break is two
elements (WeasyPrint issue #2903), and every line of text is a ``Span`` of its own ("useless
Span tags", in #2482). With the keys :mod:`generator.finish.hook` stamps on each element, this
pass:

1. dissolves WeasyPrint's per-line text ``Span`` s into their parent, and those of words kept on
   one line (``<span class="word">``); any other HTML ``<span>`` stays;
2. merges neighbours that are pieces of one HTML element (a paragraph, list or section broken
   by a page or a line), at every depth, so each is one element;
3. makes ``leader()`` dots decoration (their content becomes an Artifact) and drops elements left
   with no content;
4. gives each ``H2``-``H6`` its ``Sect``: the heading and everything after it up to the next
   heading of its level or above;
5. flattens the ``Div`` s inside list items, so an ``LBody`` holds its ``Figure`` and ``P`` s;
6. keeps a table's header rows once: WeasyPrint repeats ``<thead>`` on every page a table
   reaches, and tags each copy; the copies become decoration, the body's pieces one ``TBody``,
   and every header cell gets its ``/Scope`` and an ``/ID`` that the data cells' ``/Headers``
   name (WeasyPrint's own IDs differ on each page and name the dropped copies); a table large
   print sets as labelled lines becomes a ``Div`` of rows (``Div``) of cells (``P``);
7. makes each footnote (``/CharterRole /Note``) a ``Note`` with an ``/ID`` (``note-1``, ...,
   unique in the file), and each footnote reference a ``Reference`` holding its ``Link``.

Then :func:`spell_runs` gives each run of right-to-left text a ``Span`` whose ``/ActualText`` is
its characters in reading order, and :func:`mark_languages` gives ``/Lang`` to each element whose
language differs from the one it inherits (WeasyPrint writes ``/Lang`` once, on the catalog, so an
English name in an Urdu page would be read in the Urdu voice).

Page references are the only thing that differs between papers.
"""

from __future__ import annotations

import re

import pikepdf

from generator.finish.tree import Annotation, Element, Marked

_HEADING = re.compile(r"/H([2-6])")


def restructure(document: Element) -> set[tuple[tuple[int, int], int]]:
    """Reshape the tree in place; return the content items that became decoration (page, MCID)."""
    decoration: set[tuple[tuple[int, int], int]] = set()
    _reshape(document, decoration)
    _sections(document)
    _tables_and_notes(document)
    return decoration


def _reshape(element: Element, decoration: set[tuple[tuple[int, int], int]]) -> None:
    kids: list[Element | Marked | Annotation] = []
    pending = list(element.kids)
    heads: set[str | None] = set()
    while pending:
        kid = pending.pop(0)
        if isinstance(kid, Element) and kid.s == "/Span" and (kid.key is None or kid.role == "/Word"):
            pending[:0] = kid.kids  # one line of text, or one word: its content belongs to the parent
        elif isinstance(kid, Element) and kid.s == "/THead" and kid.key in heads:
            continue  # a header row repeated on a later page: decoration
        else:
            if isinstance(kid, Element) and kid.s == "/THead":
                heads.add(kid.key)
            kids.append(kid)
    merged: list[Element | Marked | Annotation] = []
    for kid in kids:
        last = merged[-1] if merged else None
        if isinstance(kid, Element) and isinstance(last, Element) and _same(last, kid):
            last.kids.extend(kid.kids)
        else:
            merged.append(kid)
    element.kids = []
    for kid in merged:
        if isinstance(kid, Element):
            if kid.role == "/Leader":  # its dots become decoration; a link's annotation stays
                decoration.update((item.page.objgen, item.mcid) for item in _marked(kid))
                element.kids.extend(item for item in kid.content() if isinstance(item, Annotation))
                continue
            _reshape(kid, decoration)
            if not kid.kids:
                continue
            if kid.s == "/Div" and element.s in ("/LBody", "/LI"):
                element.kids.extend(kid.kids)
                continue
        element.kids.append(kid)


def spell_runs(element: Element, texts: dict[tuple[tuple[int, int], int], str]) -> None:
    """Put each marked-content item under ``element`` that has a text in ``texts`` (by page and
    MCID) in a ``Span`` of its own whose ``/ActualText`` is that text."""
    for index, kid in enumerate(element.kids):
        if isinstance(kid, Element):
            spell_runs(kid, texts)
        elif isinstance(kid, Marked) and (kid.page.objgen, kid.mcid) in texts:
            text = pikepdf.String(texts[kid.page.objgen, kid.mcid])
            element.kids[index] = Element("/Span", [kid], attrs={"/ActualText": text})


def mark_languages(element: Element, inherited: str) -> None:
    """Set ``/Lang`` on ``element`` and the elements under it where their language (from the
    HTML ``lang`` attribute) differs from the one they inherit (``inherited``: the document's for
    the root), case aside; an element whose language is not known inherits."""
    own = element.lang or inherited
    if own.lower() != inherited.lower():
        element.attrs["/Lang"] = pikepdf.String(own)
    for kid in element.kids:
        if isinstance(kid, Element):
            mark_languages(kid, own)


def _same(first: Element, second: Element) -> bool:
    return first.key is not None and first.key == second.key and first.s == second.s


def _marked(element: Element) -> list[Marked]:
    return [item for item in element.content() if isinstance(item, Marked)]


def _sections(element: Element) -> None:
    for kid in element.kids:
        if isinstance(kid, Element):
            _sections(kid)
    element.kids = _grouped(element.kids, 2, element.s == "/Sect")
    if element.s == "/Div" and len(element.kids) == 1 and _is(element.kids[0], "/Sect"):
        only = element.kids[0]
        assert isinstance(only, Element)
        element.s, element.kids, element.attrs = "/Sect", only.kids, {**element.attrs, **only.attrs}


def _grouped(
    kids: list[Element | Marked | Annotation], level: int, in_sect: bool
) -> list[Element | Marked | Annotation]:
    """``kids`` with each heading of ``level`` and what follows it wrapped in a Sect, which ends at
    the next such heading or at a Sect headed at this level or above (the same at lower levels
    within)."""
    if level > 6 or not any(isinstance(kid, Element) and _HEADING.fullmatch(kid.s) for kid in kids):
        return kids
    opens = [_is(kid, f"/H{level}") for kid in kids]
    if not any(opens):
        return _grouped(kids, level + 1, in_sect)
    if in_sect and opens[0] and not any(opens[1:]):  # already the section of its heading
        return [kids[0], *_grouped(kids[1:], level + 1, False)]
    out: list[Element | Marked | Annotation] = []
    group: list[Element | Marked | Annotation] = []

    def flush() -> None:
        if group and _is(group[0], f"/H{level}"):
            out.append(Element("/Sect", [group[0], *_grouped(group[1:], level + 1, False)]))
        else:
            out.extend(_grouped(group, level + 1, False))
        group.clear()

    for kid, heading in zip(kids, opens, strict=True):
        if heading or _headed_at(kid, level):
            flush()
        group.append(kid)
        if _headed_at(kid, level):
            flush()
    flush()
    return out


def _tables_and_notes(document: Element) -> None:
    notes = tables = 0
    for element in document.walk():
        if element.role == "/Note":
            notes += 1
            element.s = "/Note"
            element.attrs["/ID"] = pikepdf.String(f"note-{notes}")
        elif element.role == "/Reference" and element.s != "/Link":
            element.s = "/Reference"
        elif element.s == "/Table" and element.role == "/Stacked":
            _stacked(element)
        elif element.s == "/Table":
            tables += 1
            _table_headers(element, tables)


def _stacked(table: Element) -> None:
    """A table set as labelled lines (no header row; each cell starts with its column's label) is
    tagged as what it shows: a ``Div`` for the table and for each row, a ``P`` for each cell. As
    a ``Table`` it had no header cells, which PDF/UA checkers (``charter verify``) fail."""
    for element in table.walk():
        if element.s in ("/Table", "/THead", "/TBody", "/TFoot", "/TR"):
            element.s = "/Div"
        elif element.s in ("/TD", "/TH"):
            element.s = "/P"
        else:
            continue
        element.attrs.pop("/A", None)


def _table_headers(table: Element, number: int) -> None:
    """Give each header cell its scope and an ID, and each data cell the IDs of its headers."""
    rows = [
        row
        for kid in table.kids
        if isinstance(kid, Element)
        for row in ([kid] if kid.s == "/TR" else [r for r in kid.kids if isinstance(r, Element)])
        if row.s == "/TR"
    ]
    columns: dict[int, list[pikepdf.String]] = {}
    for index, row in enumerate(rows):
        row_heads: list[pikepdf.String] = []
        cells = [cell for cell in row.kids if isinstance(cell, Element) and cell.s in ("/TH", "/TD")]
        for column, cell in enumerate(cells):
            layout = pikepdf.Dictionary(O=pikepdf.Name.Table)
            old = cell.attrs.get("/A")
            for span in ("/ColSpan", "/RowSpan"):
                if isinstance(old, pikepdf.Dictionary) and span in old:
                    layout[span] = old[span]
            if cell.s == "/TH":
                scope = "/Row" if cell.role == "/Row" else "/Column"
                layout.Scope = pikepdf.Name(scope)
                ident = pikepdf.String(f"table-{number}-{index + 1}-{column + 1}")
                cell.attrs["/ID"] = ident
                (row_heads if scope == "/Row" else columns.setdefault(column, [])).append(ident)
            else:
                layout.Headers = pikepdf.Array([*columns.get(column, []), *row_heads])
            cell.attrs["/A"] = layout


def _headed_at(kid: object, level: int) -> bool:
    """Whether ``kid`` is a Sect whose heading is of ``level`` or above."""
    if not _is(kid, "/Sect"):
        return False
    assert isinstance(kid, Element)
    match = _HEADING.fullmatch(kid.kids[0].s) if kid.kids and isinstance(kid.kids[0], Element) else None
    return match is not None and int(match.group(1)) <= level


def _is(kid: object, s: str) -> bool:
    return isinstance(kid, Element) and kid.s == s
