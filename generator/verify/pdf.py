"""PDF checks: the PDF/UA-1 conditions a machine can check, contrast on a rendering, reading order.

Read with pikepdf (the document catalog, structure tree, fonts and content streams), pdfplumber
(each character's size and colour) and pypdfium2 (the rendering contrast is measured on).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.colour import AA_LARGE_TEXT, AA_TEXT, Colour, contrast
from generator.verify.report import Check, FileResult

SCALE = 2.0  # rendering pixels a point, for the contrast check
MAX_RENDER = 40_000_000  # pixels of one page's rendering (A0 at SCALE is 14 million)
_TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}
_TAGGING = (
    "Save it as a tagged PDF (Word: Save as PDF, Options, 'Document structure tags for accessibility')."
)


def verify_pdf(path: Path, min_size: float = 9.0) -> FileResult:
    """Every check of one PDF; a file that is not a readable PDF fails the first."""
    import pikepdf

    opened = Check("pdf", "readable PDF")
    try:
        pdf = pikepdf.open(path)
    except (pikepdf.PdfError, OSError) as exc:
        opened.fail(
            f"the file cannot be read as a PDF ({str(exc).splitlines()[0][:120]}).", "Export it again."
        )
        return FileResult(path, "pdf", [opened])
    with pdf:
        elements = list(struct_elements(pdf))
        checks = [
            _tagged(pdf),
            _title(pdf),
            _language(pdf),
            _ua_identifier(pdf),
            _headings(elements),
            _figures(pdf, elements),
            _tables(elements),
            _links(pdf),
            _fonts(pdf),
            _reading_order(pdf, elements),
        ]
    checks += _characters(path, min_size)
    return FileResult(path, "pdf", checks)


def struct_elements(pdf: Any) -> Iterator[Any]:
    """Structure elements in reading order (depth first)."""
    import pikepdf

    root = pdf.Root.get("/StructTreeRoot")
    stack = [root.get("/K")] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            yield node
            stack.append(node.get("/K"))


def _role(element: Any, role_map: dict[str, str]) -> str:
    tag = str(element.get("/S"))[1:]
    seen = set()
    while tag in role_map and tag not in seen:  # custom tags mapped to standard ones
        seen.add(tag)
        tag = role_map[tag]
    return tag


def _page_of(pdf: Any) -> dict[tuple[int, int], int]:
    return {page.obj.objgen: number for number, page in enumerate(pdf.pages, 1)}


def _tagged(pdf: Any) -> Check:
    check = Check("tagged", "tagged PDF")
    mark = pdf.Root.get("/MarkInfo")
    if "/StructTreeRoot" not in pdf.Root:
        check.fail("the PDF has no tags (no structure tree), so screen readers guess its order.", _TAGGING)
    elif mark is None or not bool(mark.get("/Marked", False)):
        check.fail("the PDF does not say it is tagged (MarkInfo /Marked is not true).", _TAGGING)
    return check


def _title(pdf: Any) -> Check:
    check = Check("title", "document title")
    title = str(pdf.docinfo.get("/Title", "")).strip() if "/Title" in pdf.docinfo else ""
    if not title:
        with pdf.open_metadata() as xmp:
            title = str(xmp.get("dc:title", "") or "").strip()
    if not title:
        check.fail(
            "the document has no title.",
            "Give it a title (Word: File, Info, Properties, Title) and export again.",
        )
    prefs = pdf.Root.get("/ViewerPreferences")
    if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
        check.fail(
            "the window shows the file name, not the title (DisplayDocTitle is not set).",
            "Set it to show the document title "
            "(Acrobat: File, Properties, Initial View, Show: Document Title).",
        )
    return check


def _language(pdf: Any) -> Check:
    check = Check("language", "language")
    if not str(pdf.Root.get("/Lang", "")).strip():
        check.fail(
            "the document does not say what language it is in, "
            "so screen readers may read it in the wrong voice.",
            "Set the document language (Word: Review, Language; Acrobat: File, Properties, Advanced).",
        )
    return check


def _ua_identifier(pdf: Any) -> Check:
    check = Check("pdf-ua", "PDF/UA identifier")
    metadata = pdf.Root.get("/Metadata")
    xmp = metadata.read_bytes().decode("utf-8", "replace") if metadata is not None else ""
    if not re.search(r"pdfuaid:part(?:=[\"']1[\"']|>\s*1\s*<)", xmp):
        check.fail(
            "the file does not claim PDF/UA-1 (no pdfuaid:part in its XMP metadata).",
            "Export with a PDF/UA option, or add the identifier once every other check passes.",
        )
    return check


def _headings(elements: list[Any]) -> Check:
    check = Check("headings", "headings in order")
    last = 0
    for element in elements:
        match = re.fullmatch(r"/H([1-6])", str(element.get("/S")))
        if match:
            level = int(match[1])
            if level > last + 1:
                check.fail(
                    f"heading level {level} follows level {last or 'none'}, skipping a level.",
                    "Use heading styles in order (Heading 1, then 2, then 3) without skipping one.",
                )
            last = level
    return check


def _figures(pdf: Any, elements: list[Any]) -> Check:
    check = Check("figures", "alt text on figures")
    pages = _page_of(pdf)
    for element in elements:
        if str(element.get("/S")) == "/Figure":
            alt = str(element.get("/Alt", "") or element.get("/ActualText", "")).strip()
            if not alt:
                page = element.get("/Pg")
                check.fail(
                    "a picture has no alternative text.",
                    "Describe what the picture shows in its alt text (Word: right-click it, View Alt Text), "
                    "or mark it as decorative.",
                    pages.get(page.objgen) if page is not None else None,
                )
    return check


def _tables(elements: list[Any]) -> Check:
    check = Check("tables", "tables with headers")
    for element in elements:
        if str(element.get("/S")) == "/Table" and not any(
            str(inner.get("/S")) == "/TH" for inner in struct_elements_under(element)
        ):
            check.fail(
                "a table has no header cells, so its cells are read without their labels.",
                "Mark the first row as a header row "
                "(Word: Table Design, Header Row; 'Repeat as header row').",
            )
    return check


def struct_elements_under(element: Any) -> Iterator[Any]:
    import pikepdf

    stack = [element.get("/K")]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(list(node))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            yield node
            stack.append(node.get("/K"))


def _links(pdf: Any) -> Check:
    check = Check("links", "links tagged")
    for number, page in enumerate(pdf.pages, 1):
        for annotation in page.obj.get("/Annots") or []:
            if annotation.get("/Subtype") == "/Link" and "/StructParent" not in annotation:
                check.fail(
                    "a link is not tagged, so screen readers cannot announce it as a link.",
                    "Export as a tagged PDF from the original document (links made in the document, "
                    "not added afterwards).",
                    number,
                )
    return check


def _fonts(pdf: Any) -> Check:
    check = Check("fonts", "fonts embedded with Unicode")
    seen: set[tuple[int, int]] = set()
    for number, page in enumerate(pdf.pages, 1):
        for name, font in _page_fonts(page):
            if font.objgen in seen and font.objgen != (0, 0):
                continue
            seen.add(font.objgen)
            base = str(font.get("/BaseFont", name)).lstrip("/")
            descendant = font["/DescendantFonts"][0] if font.get("/Subtype") == "/Type0" else font
            descriptor = descendant.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            if font.get("/Subtype") != "/Type3" and not embedded:
                check.fail(
                    f"the font {base} is not embedded, so the text may look different or not show.",
                    "Embed fonts when exporting (Word: Options, Save, 'Embed fonts in the file').",
                    number,
                )
            standard = str(font.get("/Encoding", "")) in ("/WinAnsiEncoding", "/MacRomanEncoding")
            if "/ToUnicode" not in font and not standard:
                check.fail(
                    f"the font {base} has no Unicode map, so its text cannot be read aloud or copied.",
                    "Export again with a font that has Unicode mappings (any modern OpenType font).",
                    number,
                )
    return check


def _page_fonts(page: Any) -> Iterator[tuple[str, Any]]:
    stack = [page.obj.get("/Resources")]
    while stack:
        resources = stack.pop()
        if resources is None:
            continue
        yield from (resources.get("/Font") or {}).items()
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.get("/Subtype") == "/Form":
                stack.append(xobject.get("/Resources"))


def _reading_order(pdf: Any, elements: list[Any]) -> Check:
    """Every piece of text is in the structure tree (reached in its reading order) or marked as
    decoration: nothing is left for a screen reader to guess."""
    import pikepdf

    check = Check("reading-order", "reading order")
    if not elements:
        check.fail("there is no reading order: the PDF has no tags.", _TAGGING)
        return check
    reached: dict[tuple[int, int], set[int]] = {}
    for element in elements:
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            page = element.get("/Pg")
            if isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid:
                page = kid.get("/Pg", page)
                kid = kid.MCID
            if isinstance(kid, int) and page is not None:
                reached.setdefault(page.objgen, set()).add(int(kid))
    for number, page in enumerate(pdf.pages, 1):
        untagged, marked = 0, set()
        stack: list[int | None] = []
        for instruction in pikepdf.parse_content_stream(page):
            operands, op = instruction.operands, str(instruction.operator)
            if op in ("BMC", "BDC"):
                props = operands[1] if op == "BDC" and len(operands) > 1 else None
                mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
                stack.append(int(mcid) if mcid is not None else -1)
                if mcid is not None:
                    marked.add(int(mcid))
            elif op == "EMC" and stack:
                stack.pop()
            elif op in _TEXT_OPERATORS and not stack:
                untagged += 1
        if untagged:
            check.fail(
                f"{untagged} piece(s) of text are neither in the reading order nor marked as decoration.",
                "Export as a tagged PDF; in Acrobat, fix the order with the Reading Order tool.",
                number,
            )
        lost = marked - reached.get(page.obj.objgen, set())
        if lost:
            check.fail(
                f"{len(lost)} tagged piece(s) of content are not reached from the structure tree, "
                "so screen readers skip them.",
                "Export again as a tagged PDF; in Acrobat, add them to the tags tree.",
                number,
            )
    return check


def _characters(path: Path, min_size: float) -> list[Check]:
    """Text size and contrast, character by character: the size from the page, the colour behind
    each character read from a rendering of the page (the most common colour in its box)."""
    import pdfplumber
    import pypdfium2  # type: ignore[import-untyped]

    small = Check("text-size", f"text at least {min_size:g} pt")
    low = Check("contrast", "colour contrast")
    rendering = pypdfium2.PdfDocument(str(path))
    try:
        with pdfplumber.open(path) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                width, height = rendering[number - 1].get_size()
                if width * height * SCALE**2 > MAX_RENDER:  # its rendering would not fit in memory
                    low.fail(
                        f"the page is {width:.0f} x {height:.0f} pt, too large to render for the "
                        "contrast check.",
                        "Check its colours by eye, or export the page at its printed size.",
                        number,
                    )
                    continue
                image = rendering[number - 1].render(scale=SCALE).to_pil().convert("RGB")
                tiny: list[str] = []
                faint: list[tuple[float, float, str]] = []
                for char in page.chars:
                    if not char["text"].strip():
                        continue
                    size = float(char["size"])
                    if size < min_size - 0.05:
                        tiny.append(char["text"])
                    if char.get("tag") == "Figure":
                        # Drawn inside a picture (a logo's lettering in an SVG): part of the picture,
                        # as a photo's words are, which WCAG 1.4.3 leaves to its alt text (logos).
                        continue
                    ratio = _contrast(char, page.bbox, image)
                    bold = "bold" in str(char.get("fontname", "")).lower()
                    needed = AA_LARGE_TEXT if size >= 18 or (bold and size >= 14) else AA_TEXT
                    if ratio is not None and ratio < needed - 0.005:
                        faint.append((ratio, needed, char["text"]))
                if tiny:
                    small.fail(
                        f'{len(tiny)} characters are smaller than {min_size:g} pt ("{"".join(tiny)[:30]}").',
                        f"Make all text {min_size:g} pt or larger (12 pt for clear print).",
                        number,
                    )
                if faint:
                    worst = min(faint)
                    low.fail(
                        f"{len(faint)} characters have too little contrast with what is behind them "
                        f"(worst {worst[0]:.1f}:1 where {worst[1]:g}:1 is needed: "
                        f'"{"".join(c for _, _, c in faint)[:30]}").',
                        "Use a darker text colour or a lighter background "
                        "(WCAG AA: 4.5:1, 3:1 for large text).",
                        number,
                    )
    finally:
        rendering.close()
    return [small, low]


def _contrast(char: dict[str, Any], bbox: tuple[float, ...], image: Any) -> float | None:
    colour = _rgb(char.get("non_stroking_color"))
    if colour is None:
        return None
    x0, top = (char["x0"] - bbox[0]) * SCALE, (char["top"] - bbox[1]) * SCALE
    x1, bottom = (char["x1"] - bbox[0]) * SCALE, (char["bottom"] - bbox[1]) * SCALE
    box = (int(x0), int(top), max(int(x1), int(x0) + 1), max(int(bottom), int(top) + 1))
    crop = image.crop(box)
    # A box has no more colours than pixels: Pillow sizes its table by maxcolors, and 65536 made
    # this a third of charter verify's time.
    counts = sorted(crop.getcolors(maxcolors=crop.width * crop.height), reverse=True)
    # The ground is the commonest colour in the box that is not the text's own (a bold glyph
    # can cover most of its box).
    for _, rgb in counts:
        if max(abs(a - b) for a, b in zip(rgb, colour.rgb, strict=True)) > 8:
            return contrast(colour, Colour(*rgb))
    return None


def _rgb(value: Any) -> Colour | None:
    """A pdfplumber fill colour (grey, RGB or CMYK, 0-1) as a colour."""
    if value is None:
        return None
    values = [float(v) for v in (value if isinstance(value, list | tuple) else [value])]
    if len(values) == 1:
        values *= 3
    elif len(values) == 4:
        c, m, y, k = values
        values = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    elif len(values) != 3:
        return None  # a pattern or a colour space this check does not know
    return Colour(*(round(min(1.0, max(0.0, v)) * 255) for v in values))
