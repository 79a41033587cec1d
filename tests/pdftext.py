"""The text a PDF gives a reader who extracts it in content order, measured against its source.

Two extractors that follow the content stream and honour ``/ActualText`` on marked content:
PDFium (``pypdfium2``'s ``get_text_range``) and poppler's ``pdftotext -raw`` (when installed).
:func:`in_order` is the share of the source's words that come back in the source's order.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
import unicodedata
from pathlib import Path

from pdftree import mcid_texts
from untraced import untraced

_BIDI_CONTROLS = dict.fromkeys([0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def words(text: str) -> list[str]:
    """The words of ``text``: NFC, split at white space, punctuation and symbols trimmed from each
    end (``(Hello),`` is ``Hello``, and Urdu's full stop goes too); the ZWJ and ZWNJ of Indic and Arabic
    spelling kept, the invisible direction marks and embeddings an extractor adds around a
    right-to-left run (``pdftotext`` writes U+202B ... U+202C) dropped."""
    found = []
    for token in unicodedata.normalize("NFC", text).translate(_BIDI_CONTROLS).split():
        word = token.strip("".join(c for c in set(token) if unicodedata.category(c)[0] in "PSZ"))
        if word:
            found.append(word)
    return found


@untraced
def pdfium_text(path: Path) -> str:
    """Every page's text from PDFium, in content order."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def poppler_text(path: Path) -> str | None:
    """Every page's text from ``pdftotext -raw`` (content order); None without poppler-utils."""
    if shutil.which("pdftotext") is None:
        return None
    return subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def in_order(source: str, extracted: str) -> float:
    """The share of ``source``'s words found in ``extracted`` in the same order (the matching
    blocks of a longest-match diff of the two word lists)."""
    wanted, got = words(source), words(extracted)
    matcher = difflib.SequenceMatcher(None, wanted, got, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(1, len(wanted))


@untraced
def tagged_text(path: Path) -> str:
    """The text a screen reader that reads the tags gets: the structure tree in order, each
    element's ``/ActualText`` where it has one (its content then unread), else the text of its
    marked content: that content's own ``/ActualText``, else its glyphs' characters."""
    import pikepdf

    glyphs = mcid_texts(path)
    parts: list[str] = []
    with pikepdf.open(path) as pdf:
        pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        for index, page in enumerate(pdf.pages):
            for instruction in pikepdf.parse_content_stream(page, "BDC"):
                properties = instruction.operands[1]
                if isinstance(properties, pikepdf.Dictionary) and {"/ActualText", "/MCID"} <= set(
                    properties.keys()
                ):
                    glyphs[index, int(properties.MCID)] = str(properties.ActualText)

        def read(node: pikepdf.Dictionary, page: int | None) -> None:
            page = pages[node.Pg.objgen] if "/Pg" in node else page
            if "/ActualText" in node:
                parts.append(str(node.ActualText))
                return
            kids = node.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]:
                if isinstance(kid, int) and page is not None:
                    parts.append(glyphs.get((page, int(kid)), ""))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    parts.append(glyphs.get((pages[kid.Pg.objgen], int(kid.MCID)), ""))
                elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    read(kid, page)

        root = pdf.Root.StructTreeRoot
        for top in root.K if isinstance(root.K, pikepdf.Array) else [root.K]:
            read(top, None)
    return " ".join(parts)
