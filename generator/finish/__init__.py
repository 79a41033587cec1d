"""Finishing WeasyPrint's tagged PDF: the structure a screen reader walks, and stable bytes.

WeasyPrint 70 writes a structure tree that is present but shaped by pagination. The passes:

- :mod:`~generator.finish.structure`: one logical tree whatever the paper (elements broken by
  pages merged, sections, list items, leader dots as decoration), right-to-left text spelled out
  in reading order (``/ActualText``), and ``/Lang`` on each element in another language than
  the one around it;
- :mod:`~generator.finish.links`: one ``Link`` per link, every annotation with an area and
  described in words;
- :mod:`~generator.finish.content`: content no element holds (running headers, footers and page
  numbers in page margin boxes, which WeasyPrint marks but links to no element: WeasyPrint
  issue #1836; leader dots) re-marked ``/Artifact``, and raster images named
  after their pixels rather than their file's absolute path (so the same project in another
  folder gives the same bytes);
- Figure ``/BBox`` attributes, written in CSS pixels from the page's top, converted to points
  from the bottom-left of the page as readers expect (no upstream issue found for this one).

:func:`install_hook` must run before WeasyPrint writes the PDF (see :mod:`generator.finish.hook`).
"""

from __future__ import annotations

import io

import pikepdf

from generator.finish.content import image_renames, rewrite_page
from generator.finish.hook import install as install_hook
from generator.finish.links import mend_links
from generator.finish.rtl import order_runs
from generator.finish.structure import mark_languages, restructure, spell_runs
from generator.finish.tree import Element, Marked, marked_counts, read_tree, run_texts, write_tree

__all__ = ["finish", "install_hook"]


def finish(data: bytes, *, outlines_panel: bool = False) -> bytes:
    """The finished PDF; ``outlines_panel`` makes it open with its bookmarks shown. The file
    identifier is derived from the content."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        document = read_tree(pdf)
        counts = marked_counts(pdf)
        texts = run_texts(pdf)
        keep: dict[tuple[int, int], set[int]] = {}
        if document is not None:
            restructure(document)
            spell_runs(document, texts)
            mark_languages(document, str(pdf.Root.get("/Lang", "")))
            mend_links(pdf, document)
            for element in document.walk():
                if element.s == "/Figure":
                    _figure_box_in_points(element)
            write_tree(pdf, document)
            for item in document.content():
                if isinstance(item, Marked):
                    keep.setdefault(item.page.objgen, set()).add(item.mcid)
        renames = image_renames(pdf)
        for page in pdf.pages:
            order_runs(page, {mcid: text for (at, mcid), text in texts.items() if at == page.obj.objgen})
            kept = keep.get(page.obj.objgen, set()) if document is not None else None
            rewrite_page(page, kept, renames, counts.get(page.obj.objgen))
        if outlines_panel and "/Outlines" in pdf.Root:
            pdf.Root.PageMode = pikepdf.Name.UseOutlines
        if "/ID" in pdf.trailer:
            del pdf.trailer.ID  # WeasyPrint's comes from the HTML, which holds absolute paths
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _figure_box_in_points(element: Element) -> None:
    layout = element.attrs.get("/A")
    page = element.first_page()
    if page is None or not isinstance(layout, pikepdf.Dictionary) or "/BBox" not in layout:
        return
    trim = [float(v) for v in (page.get("/TrimBox") or page.MediaBox)]
    x0, y0, x1, y1 = (float(v) * 0.75 for v in layout.BBox)
    layout.BBox = pikepdf.Array([trim[0] + x0, trim[3] - y1, trim[0] + x1, trim[3] - y0])
