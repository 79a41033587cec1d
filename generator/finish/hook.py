"""Tell the structure pass which HTML element each of WeasyPrint's structure elements comes from.

WeasyPrint 70 tags page by page (``weasyprint/pdf/tags.py``: ``add_tags`` walks each page's box
tree): a paragraph, list or section that crosses a page break becomes two structure elements
with nothing to say they are one (WeasyPrint issue #2903). The PDF alone cannot tell "one list
broken by a page" from "two lists", so while WeasyPrint builds its tree this hook stamps every
element it makes with:

- ``/CharterKey``: the identity of the HTML element (or pseudo-element) behind the box, the same
  on every page the element reaches and different for any other element;
- ``/CharterRole /Leader`` on a ``leader()`` box, whose dots are decoration, and ``/Word`` on a
  hyphenated word kept on one line (``<span class="word">``, typography, not structure);
- ``/CharterRole /Note`` on a footnote (``<div class="footnote">``), ``/Reference`` on a
  footnote reference (``<sup class="footnote-ref">``), ``/Row`` or ``/Column`` on a table's
  header cell (its ``scope``), and ``/Stacked`` on a table laid out as blocks (large print sets a
  wide table's rows as "label: value" lines, with no header row);
- ``/CharterLabel`` on a link: where it goes in words (the ``title`` attribute, else its text);
- ``/CharterLang``: the element's language (its ``lang`` attribute or its nearest ancestor's);
- ``/CharterTexts`` on a page: ``[mcid text mcid text ...]``, the characters of each run of
  right-to-left text drawn on it, which :mod:`generator.finish.structure` gives the run's
  structure element as ``/ActualText`` (see below).

These keys are private: :mod:`generator.finish.structure` reads them and removes every one of
them. The hook wraps WeasyPrint's tag builder (see :func:`generator.engine.wrap_tag_builder`)
and changes nothing WeasyPrint writes besides the keys.

It also gives a run of text in a complex left-to-right script (Gurmukhi, Bengali, Devanagari:
vowel signs drawn before their consonant, conjuncts drawn as one glyph) its characters as
``/ActualText`` on the run's marked content (:func:`actual_text`): the glyphs alone give a text
extractor or screen reader the signs out of order and the conjuncts mangled (WeasyPrint maps each
glyph to Unicode once, and writes no ``/ActualText``). A right-to-left run (Urdu, Arabic) gets its
characters as ``/ActualText`` on its structure element instead (:func:`tagged_text`), the text a
screen reader reading the tags is given: on the marked content, PDFium and poppler would take it
as glyphs in visual order and reverse it (they reorder a right-to-left run themselves), and
PDFium reads Naskh's glyphs in order without it.
"""

from __future__ import annotations

import unicodedata
from typing import Any

KEY, ROLE, LABEL, LANG, TEXTS = "CharterKey", "CharterRole", "CharterLabel", "CharterLang", "CharterTexts"


def install() -> None:
    """Wrap WeasyPrint's tag builder once per process (idempotent)."""
    from generator import engine

    engine.wrap_tag_builder(_stamp, _stamp_page)
    engine.mark_text_runs(actual_text)


def actual_text(box: Any) -> str | None:
    """The ``/ActualText`` of a run of text (a text box): its characters where they hold a
    combining sign (a vowel sign, virama or mark) and no right-to-left letter, else None."""
    text: str = box.text
    marks = rtl = False
    for character in text:
        marks = marks or unicodedata.category(character) in ("Mn", "Mc")
        rtl = rtl or unicodedata.bidirectional(character) in ("R", "AL")
    return text if marks and not rtl else None


def tagged_text(box: Any) -> str | None:
    """The ``/ActualText`` of the structure element of a run of text: its characters where they
    hold a right-to-left letter, else None."""
    text: str = box.text
    return text if any(unicodedata.bidirectional(c) in ("R", "AL") for c in text) else None


def _stamp_page(page: Any, runs: dict[int, Any]) -> None:
    import pydyf

    texts = pydyf.Array()
    for mcid in sorted(runs):
        text = tagged_text(runs[mcid])
        if text is not None:
            texts.extend((mcid, pydyf.String(text)))
    if texts:
        page[TEXTS] = texts


def _stamp(element: Any, box: Any) -> None:
    import pydyf

    from generator.engine import tagged_box

    if KEY in element:  # elements passed up from html, body and pages keep their own
        return
    source = tagged_box(box)
    if source.element is None:
        return
    element[KEY] = pydyf.String(f"{id(source.element)} {source.element_tag}")
    if source.style["lang"]:
        element[LANG] = pydyf.String(source.style["lang"])
    if getattr(source, "is_leader", False):
        element[ROLE] = "/Leader"
    classes = (source.element.get("class") or "").split()
    if "word" in classes:
        element[ROLE] = "/Word"
    elif "footnote" in classes:
        element[ROLE] = "/Note"
    elif "footnote-ref" in classes:
        element[ROLE] = "/Reference"
    elif source.element_tag == "th":
        element[ROLE] = "/Row" if source.element.get("scope") == "row" else "/Column"
    elif source.element_tag == "table" and source.style["display"][0] == "block":
        element[ROLE] = "/Stacked"  # its rows set as labelled lines (a wide table in large print)
    if source.element_tag == "a" and source.element.get("href"):
        label = source.element.get("title") or " ".join("".join(source.element.itertext()).split())
        element[LABEL] = pydyf.String(label)
