"""Deliberately broken copies of a good tagged PDF, each with one accessibility fault, for
`charter verify` to fail for its stated reason (the check ids it should fail)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pikepdf
from pdfcheck import struct_elements


def _first(pdf: pikepdf.Pdf, tag: str) -> pikepdf.Dictionary:
    return next(e for e in struct_elements(pdf) if tag == e.S)


def no_language(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/Lang"]


def title_not_shown(pdf: pikepdf.Pdf) -> None:
    pdf.Root.ViewerPreferences.DisplayDocTitle = False


def no_ua_identifier(pdf: pikepdf.Pdf) -> None:
    xmp = pdf.Root.Metadata.read_bytes().replace(b"pdfuaid:part", b"pdfuaid:partx")
    pdf.Root.Metadata.write(xmp)


def untagged(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/StructTreeRoot"]
    del pdf.Root["/MarkInfo"]


def skipped_heading(pdf: pikepdf.Pdf) -> None:
    _first(pdf, "/H1").S = pikepdf.Name("/H3")  # the first heading is at level 3


def figure_without_alt(pdf: pikepdf.Pdf) -> None:
    del _first(pdf, "/Figure")["/Alt"]


def table_without_headers(pdf: pikepdf.Pdf) -> None:
    _first(pdf, "/L").S = pikepdf.Name("/Table")  # a "table" of list items: no TH anywhere


def untagged_link(pdf: pikepdf.Pdf) -> None:
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots") or []:
            if annotation.get("/Subtype") == "/Link":
                del annotation["/StructParent"]
                return


def font_without_unicode(pdf: pikepdf.Pdf) -> None:
    for _, font in pdf.pages[0].Resources.Font.items():
        del font["/ToUnicode"]


def font_not_embedded(pdf: pikepdf.Pdf) -> None:
    for _, font in pdf.pages[0].Resources.Font.items():
        descendant = font.DescendantFonts[0] if font.Subtype == "/Type0" else font
        for key in ("/FontFile", "/FontFile2", "/FontFile3"):
            if key in descendant.FontDescriptor:
                del descendant.FontDescriptor[key]


def _edit_page(pdf: pikepdf.Pdf, edit: Callable[[list, str], list | None]) -> None:
    """Rewrite page 1's content stream, each instruction through ``edit``."""
    page = pdf.pages[0]
    instructions = []
    for operands, operator in pikepdf.parse_content_stream(page):
        operands = edit(list(operands), str(operator)) or list(operands)
        instructions.append((operands, operator))
    page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))


def tiny_text(pdf: pikepdf.Pdf) -> None:
    _edit_page(pdf, lambda ops, op: [ops[0], float(ops[1]) * 0.5] if op == "Tf" else None)


def faint_text(pdf: pikepdf.Pdf) -> None:
    grey = [0.8, 0.8, 0.8]
    _edit_page(pdf, lambda ops, op: grey if op == "rg" and sum(float(v) for v in ops) < 1.2 else None)


def untagged_text(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[0]
    name = next(iter(page.Resources.Font.keys()))
    extra = pdf.make_stream(f"BT {name} 14 Tf 72 20 Td <0001> Tj ET".encode())
    contents = page.obj.Contents
    page.obj.Contents = pikepdf.Array(
        [*(contents if isinstance(contents, pikepdf.Array) else [contents]), extra]
    )


# Each fault, and the checks it must fail (and no others).
FAULTS: dict[str, tuple[Callable[[pikepdf.Pdf], None], set[str]]] = {
    "no-language": (no_language, {"language"}),
    "title-not-shown": (title_not_shown, {"title"}),
    "no-ua-identifier": (no_ua_identifier, {"pdf-ua"}),
    "untagged": (untagged, {"tagged", "reading-order"}),
    "skipped-heading": (skipped_heading, {"headings"}),
    "figure-without-alt": (figure_without_alt, {"figures"}),
    "table-without-headers": (table_without_headers, {"tables"}),
    "untagged-link": (untagged_link, {"links"}),
    "font-without-unicode": (font_without_unicode, {"fonts"}),
    "font-not-embedded": (font_not_embedded, {"fonts"}),
    "tiny-text": (tiny_text, {"text-size"}),
    "faint-text": (faint_text, {"contrast"}),
    "untagged-text": (untagged_text, {"reading-order"}),
}


def broken_copy(good: Path, fault: str, folder: Path) -> Path:
    """A copy of ``good`` with one fault, written to ``folder/<fault>.pdf``."""
    target = folder / f"{fault}.pdf"
    with pikepdf.open(good) as pdf:
        FAULTS[fault][0](pdf)
        pdf.save(target)
    return target
