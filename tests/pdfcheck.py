"""An accessibility and layout checker for PDFs, written apart from the generator.

It reads only the PDF (pikepdf for structure, pdfplumber for characters and colours) and
knows nothing of how the generator made it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from plumbed import plumbed
from untraced import untraced


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    figures_alt: list[str | None] = field(default_factory=list)
    title: str = ""
    lang: str = ""

    def add(self, problem: str) -> None:
        self.problems.append(problem)


def struct_elements(pdf: pikepdf.Pdf):
    """Structure elements in document order (depth first)."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return
    stack = [root.get("/K")]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            yield node
            stack.append(node.get("/K"))


@untraced
def check_structure(path: Path) -> Report:
    report = Report()
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        if "/StructTreeRoot" not in root:
            report.add("no structure tree")
        mark = root.get("/MarkInfo")
        if not (mark is not None and bool(mark.get("/Marked"))):
            report.add("MarkInfo /Marked is not true")
        report.lang = str(root.get("/Lang", ""))
        if not report.lang:
            report.add("no /Lang")
        prefs = root.get("/ViewerPreferences")
        if not (prefs is not None and bool(prefs.get("/DisplayDocTitle"))):
            report.add("DisplayDocTitle is not true")
        report.title = str(pdf.docinfo.get("/Title", ""))
        if not report.title:
            report.add("no /Title in document info")
        meta = root.get("/Metadata")
        xmp = meta.read_bytes().decode("utf-8", "replace") if meta is not None else ""
        if not re.search(r"pdfuaid:part(=\"1\"|>1<)", xmp):
            report.add("no PDF/UA-1 identifier (pdfuaid:part 1) in XMP")
        if "dc:title" not in xmp:
            report.add("no dc:title in XMP")
        last_level = 0
        for element in struct_elements(pdf):
            tag = str(element["/S"])[1:]
            report.tags.append(tag)
            if tag == "Figure":
                alt = element.get("/Alt")
                report.figures_alt.append(str(alt) if alt is not None else None)
                if alt is None or not str(alt).strip():
                    report.add("a Figure has no /Alt text")
            match = re.fullmatch(r"H([1-6])", tag)
            if match:
                level = int(match.group(1))
                if level > last_level + 1:
                    report.add(f"heading level skipped: H{last_level} then H{level}")
                last_level = level
        if "H1" not in report.tags:
            report.add("no H1")
        reached = _reached_mcids(pdf)
        for number, page in enumerate(pdf.pages, 1):
            content = b"".join(
                c.read_bytes()
                for c in ([page.Contents] if isinstance(page.Contents, pikepdf.Stream) else page.Contents)
            )
            marked = {int(m) for m in re.findall(rb"/MCID\s+(\d+)", content)}
            stray = marked - reached.get(page.objgen, set())
            if stray:
                report.add(f"page {number}: {len(stray)} tagged content item(s) outside the structure tree")
        for number, page in enumerate(pdf.pages, 1):
            for name, font in _fonts(page):
                if "/ToUnicode" not in font:
                    report.add(f"page {number}: font {name} has no ToUnicode map")
                descriptor = _descriptor(font)
                if descriptor is None or not any(
                    k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
                ):
                    report.add(f"page {number}: font {name} is not embedded")
    return report


def _reached_mcids(pdf: pikepdf.Pdf) -> dict[tuple[int, int], set[int]]:
    """MCIDs that structure elements point to, by page."""
    reached: dict[tuple[int, int], set[int]] = {}
    for element in struct_elements(pdf):
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, int) and "/Pg" in element:
                reached.setdefault(element.Pg.objgen, set()).add(int(kid))
            elif isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid:
                page = kid.get("/Pg", element.get("/Pg"))
                reached.setdefault(page.objgen, set()).add(int(kid.MCID))
    return reached


def _fonts(page: pikepdf.Page):
    seen = set()
    stack = [page.obj.get("/Resources")]
    while stack:
        resources = stack.pop()
        if resources is None:
            continue
        for name, font in (resources.get("/Font") or {}).items():
            if font.objgen not in seen:
                seen.add(font.objgen)
                yield name, font
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.get("/Subtype") == "/Form":
                stack.append(xobject.get("/Resources"))


def _descriptor(font: pikepdf.Dictionary):
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0]
    return font.get("/FontDescriptor")


def _rgb(colour) -> tuple[float, float, float] | None:
    if colour is None:
        return None
    values = list(colour) if isinstance(colour, list | tuple) else [colour]
    if len(values) == 1:
        return (values[0],) * 3
    if len(values) == 3:
        return tuple(values)
    if len(values) == 4:  # CMYK
        c, m, y, k = values
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


def luminance(rgb: tuple[float, float, float]) -> float:
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@dataclass
class Char:
    text: str
    size: float
    font: str
    page: int
    contrast: float
    background: tuple[int, int, int] = (255, 255, 255)  # the most common colour around the glyph


@untraced
def characters(path: Path, scale: float = 2.0) -> list[Char]:
    """Every visible character with its size, font and contrast against what lies behind it.

    The background is read from a rendering of the page with its text taken out: the most common
    colour inside the character's box is what is painted behind it (with the text drawn, a glyph
    that fills its box, as a Nastaliq letter's narrow box is, read as its own background: 1:1).
    """
    import pypdfium2
    import pypdfium2.raw as raw

    chars = []
    rendered = pypdfium2.PdfDocument(str(path))
    for number, page in enumerate(plumbed(path).pages, 1):
        drawn = rendered[number - 1]
        for obj in list(drawn.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT], max_depth=1)):
            drawn.remove_obj(obj)
        drawn.gen_content()
        image = drawn.render(scale=scale).to_pil().convert("RGB")
        for ch in page.chars:
            if not ch["text"].strip():
                continue
            colour = _rgb(ch.get("non_stroking_color")) or (0, 0, 0)
            box = (
                int((ch["x0"] - page.bbox[0]) * scale),
                int((ch["top"] - page.bbox[1]) * scale),
                max(
                    int((ch["x1"] - page.bbox[0]) * scale),
                    int((ch["x0"] - page.bbox[0]) * scale) + 1,
                ),
                max(
                    int((ch["bottom"] - page.bbox[1]) * scale),
                    int((ch["top"] - page.bbox[1]) * scale) + 1,
                ),
            )
            crop = image.crop(box)  # a box has no more colours than pixels: Pillow's table
            counts = crop.getcolors(maxcolors=crop.width * crop.height)  # is sized to fit
            ground = max(counts)[1]
            chars.append(
                Char(
                    ch["text"],
                    round(ch["size"], 2),
                    ch["fontname"],
                    number,
                    contrast(colour, tuple(c / 255 for c in ground)),
                    ground,
                )
            )
    rendered.close()
    return chars


def needed_contrast(char: Char) -> float:
    """WCAG 2.2 AA for this character: 3:1 for large text (18 pt, or 14 pt bold), else 4.5:1."""
    large = char.size >= 18 - 0.01 or (char.size >= 14 - 0.01 and "bold" in char.font.lower())
    return 3.0 if large else 4.5


def check_accessible(path: Path) -> list[str]:
    """All the handout accessibility checks; an empty list means the PDF passes."""
    problems = list(check_structure(path).problems)
    low = [c for c in characters(path) if c.contrast < needed_contrast(c)]
    if low:
        worst = min(low, key=lambda c: c.contrast)
        problems.append(
            f"{len(low)} characters below AA contrast (4.5:1, 3:1 when large) "
            f"(worst {worst.contrast:.2f} on page {worst.page}: {worst.text!r})"
        )
    return problems


def joined(text: str) -> str:
    """Text with words broken after a hyphen at a line's end ("co- produced") made whole again."""
    return re.sub(r"(?<=\w-) (?=\w)", "", text)


@untraced
def body_text(path: Path) -> str:
    """The text a reader gets without the page furniture (header and footer lines: those found
    at the same place on every page, page numbers aside), whitespace normalised."""
    pages = [page.extract_text_lines() for page in plumbed(path).pages]
    place = [{(round(line["top"]), re.sub(r"\d+", "#", line["text"])) for line in page} for page in pages]
    furniture = set.intersection(*place) if len(pages) > 1 else set()
    kept = [
        line["text"]
        for page in pages
        for line in page
        if (round(line["top"]), re.sub(r"\d+", "#", line["text"])) not in furniture
    ]
    return joined(" ".join(" ".join(kept).split()))
