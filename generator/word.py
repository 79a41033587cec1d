"""The Word document: one document in one brand as a .docx file people can edit.

Made with python-docx from the loaded document: the title and headings in Word's Heading styles
(in document order, never skipping a level), key points and Markdown lists as Word lists (the
List Bullet and List Number styles, nested by level), tables with a header row that repeats on
each page, blockquotes as Quote. The brand's fonts and colours are in the styles, spacing is
the styles' space after a paragraph (no empty paragraphs), and every run carries the document's
language (python-docx's own language setting does not reach runs, python-docx #727). Every
picture has its alt text in ``wp:docPr/@descr``, which python-docx has no API for (#317, #1048);
SVG pictures and logos are drawn to PNG with resvg (Word before 2016 cannot show SVG). The zip is
written again with a fixed date on every entry, so the same inputs give the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from generator.errors import CharterError
from generator.renderers import Rendered
from generator.run import Inputs, Item, Options
from generator.sections import footer_credit, item_section
from generator.strings import Strings, strings_for

if TYPE_CHECKING:
    from generator.brand import Brand
    from generator.content import Document

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
BODY_PT = 14  # clear print: 12 pt at least, 14 pt preferred
HEADING_PT = {1: 26, 2: 20, 3: 17, 4: 15, 5: 14, 6: 14}
PICTURE_WIDTH_MM = 120  # a picture in the text at most this wide
LOGO_HEIGHT_MM = 18
# Elements that hold blocks: a div, section or figure holding them is read block by block.
BLOCKS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "table",
        "blockquote",
        "div",
        "section",
        "figure",
        "pre",
        "hr",
    }
)
SVG_PIXELS = 1200  # an SVG drawn this many pixels wide
SVG_WIDTH_MM = 50  # and shown this wide in the text (a pictogram, a diagram)


def render_docx(inputs: Inputs, item: Item, options: Options) -> Rendered:
    """One item's Word document (the renderer of ``docx`` formats)."""
    from generator.web import versions

    section = item_section(inputs, item, options)
    doc, brand = inputs.document(item.doc_id, item.language), section.brand
    s = strings_for(inputs.project.template_dirs, doc.language)
    labels = [label for label, _ in versions(item, inputs.run, s)]
    writer = WordWriter(doc.language, brand, s, section.setting.family)
    writer.document_text(
        doc, brand, section.has_easy_read, section.other_versions, labels, section.checked_by
    )
    writer.word.core_properties.title = doc.title
    writer.word.core_properties.author = doc.credit or brand.name
    writer.word.core_properties.language = doc.language
    writer.word.core_properties.subject = footer_credit(doc, brand, s)
    if section.checked_by:
        writer.word.core_properties.comments = section.checked_by  # docProps/core.xml dc:description
    out = io.BytesIO()
    writer.word.save(out)
    return Rendered(fixed_dates(out.getvalue()))


def fixed_dates(data: bytes) -> bytes:
    """The same zip with every entry dated the same (python-docx dates them now), and the core
    properties' dates fixed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = _fixed_core_dates(content)
            entry = zipfile.ZipInfo(info.filename, ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()


def _fixed_core_dates(xml: bytes) -> bytes:
    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", xml)


class WordWriter:
    """A python-docx Document being written, with the brand's styles."""

    def __init__(self, language: str, brand: Brand, strings: Strings | None = None, script_family: str = ""):
        import docx

        from generator.project import builtin_dir

        self.word: Any = docx.Document()
        self.language = language
        self.strings = strings or strings_for((builtin_dir("templates"),), language)
        self.brand = brand
        self.script_family = script_family  # the Noto face of a script the brand cannot draw
        self._styles()

    # Styles -------------------------------------------------------------------------------------

    def _styles(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import Mm, Pt, RGBColor

        theme, styles = self.brand.theme, self.word.styles
        section = self.word.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(25))
        self._default_language()
        normal = styles["Normal"]
        self._font(normal, self.brand.body_family, BODY_PT, theme.text)
        normal.paragraph_format.space_after = Pt(BODY_PT * 0.6)
        normal.paragraph_format.line_spacing = 1.5
        for level, size in HEADING_PT.items():
            heading = styles[f"Heading {level}"]
            self._font(heading, self.brand.heading_family, size, theme.heading)
            heading.font.bold, heading.font.italic = True, False
            heading.paragraph_format.space_before = Pt(size * 0.9)
            heading.paragraph_format.space_after = Pt(size * 0.4)
            heading.paragraph_format.keep_with_next = True
        for name in (
            "List Bullet",
            "List Bullet 2",
            "List Bullet 3",
            "List Number",
            "List Number 2",
            "Quote",
        ):
            styles[name].paragraph_format.space_after = Pt(BODY_PT * 0.4)
        styles["Quote"].font.italic = False  # clear print: no italics
        lead = styles.add_style("Lead", WD_STYLE_TYPE.PARAGRAPH)
        lead.base_style = normal
        lead.font.size = Pt(BODY_PT + 3)
        series = styles.add_style("Series", WD_STYLE_TYPE.PARAGRAPH)
        series.base_style = normal
        series.font.color.rgb = RGBColor.from_string(theme.muted.lstrip("#").upper()[:6])
        link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        link.font.color.rgb = RGBColor.from_string(theme.heading.lstrip("#").upper()[:6])
        link.font.underline = True

    def _font(self, style: Any, family: str, size: float, colour: str) -> None:
        from docx.oxml.ns import qn
        from docx.shared import Pt, RGBColor

        from generator.languages import language

        # A script the brand cannot draw (generator.scripts) is set in its Noto face: Word draws
        # Arabic, Gurmukhi and Bengali with the complex-script font (w:cs), Latin with the others.
        latin = self.script_family if language(self.language).script == "Latn" else ""
        style.font.name = latin or family
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for key in ("w:ascii", "w:hAnsi", "w:eastAsia"):
            fonts.set(qn(key), latin or family)
        fonts.set(qn("w:cs"), self.script_family or family)
        for key in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(key), None)
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper()[:6])

    def _default_language(self) -> None:
        """The language in the document defaults and the styles' run properties."""
        from docx.oxml.ns import qn

        defaults = self.word.styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = rpr.makeelement(qn("w:lang"), {})
            rpr.append(lang)
        for key in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(key), self.language)

    # Content ------------------------------------------------------------------------------------

    def document_text(
        self,
        doc: Document,
        brand: Brand,
        has_easy_read: bool,
        other_versions: str,
        versions: list[str],
        checked_by: str = "",
    ) -> None:
        """The handout's content, in order: logo, series, title, summary, key points, text, credits,
        the versions made beside it."""
        if brand.logo:
            paragraph = self.word.add_paragraph()
            self.picture(paragraph, brand.logo.path, brand.logo.alt, height_mm=LOGO_HEIGHT_MM)
        s = self.strings
        series = s.series(doc.charter, doc.appendix)
        if series:
            self.paragraph(series, "Series")
        self.heading(doc.title, 1)
        if doc.draft:
            self.paragraph(s("draft"))
        if doc.summary:
            self.paragraph(doc.summary, "Lead")
        if doc.key_points:
            self.heading(s("key_points"), 2)
            for point in doc.key_points:
                self.paragraph(point, "List Bullet")
        self.html(doc.body_html)
        if doc.credit:
            self.paragraph(s.credit(doc.charter, doc.appendix, doc.credit, brand.name))
        if checked_by:
            self.paragraph(checked_by)
        if has_easy_read:
            self.paragraph(s("easy_read_available", org=brand.name))
        self.paragraph(s("versions_available", versions=other_versions, org=brand.name))
        if doc.url:
            paragraph = self.paragraph(s("read_full_charter") + " ")
            self.hyperlink(paragraph, doc.url, doc.url)
        if versions:
            self.heading(s("other_versions_heading"), 2)
            self.paragraph(s("also_available"))
            for label in versions:
                self.paragraph(label, "List Bullet")
            self.paragraph(s("ask_for_copy", org=brand.name))

    def heading(self, text: str, level: int) -> Any:
        return self.paragraph(text, f"Heading {min(level, 6)}")

    def paragraph(self, text: str = "", style: str | None = None) -> Any:
        paragraph = self.word.add_paragraph(style=style)
        if text:
            self.run(paragraph, text)
        return paragraph

    def run(self, paragraph: Any, text: str, bold: bool = False) -> Any:
        run = paragraph.add_run(text)
        if bold:
            run.bold = True
        self._language(run._r)
        return run

    def _language(self, r: Any) -> None:
        from docx.oxml.ns import qn

        rpr = r.get_or_add_rPr()
        lang = rpr.makeelement(qn("w:lang"), {qn("w:val"): self.language, qn("w:bidi"): self.language})
        rpr.append(lang)

    def hyperlink(self, paragraph: Any, url: str, text: str) -> None:
        """A link run (python-docx has no API for links: a w:hyperlink with its relationship)."""
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.oxml.ns import qn

        rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = paragraph._p.makeelement(qn("w:hyperlink"), {qn("r:id"): rel})
        run = self.run(paragraph, text)
        run.style = self.word.styles["Hyperlink"]
        link.append(run._r)  # moves the run into the link
        paragraph._p.append(link)

    def picture(self, paragraph: Any, path: Path, alt: str, height_mm: float | None = None) -> None:
        """An inline picture with its alt text (``wp:docPr/@descr``): ``height_mm`` high, else
        as wide as it is drawn (SVG: ``SVG_WIDTH_MM``), at most ``PICTURE_WIDTH_MM``."""
        from docx.oxml.ns import qn
        from docx.shared import Mm

        data = picture_png(path, self.brand)
        run = paragraph.add_run()
        self._language(run._r)
        if height_mm:
            shape = run.add_picture(io.BytesIO(data), height=Mm(height_mm))
        else:
            natural = SVG_WIDTH_MM if path.suffix.lower() == ".svg" else _natural_width_mm(data)
            shape = run.add_picture(io.BytesIO(data), width=Mm(min(PICTURE_WIDTH_MM, natural)))
        doc_pr = shape._inline.find(qn("wp:docPr"))
        doc_pr.set("descr", alt)
        doc_pr.set("title", alt)

    # The body: the Markdown's HTML ---------------------------------------------------------------

    def html(self, body_html: str) -> None:
        """Headings, paragraphs, lists, tables, quotes and pictures of a document's body HTML."""
        import lxml.html

        if not body_html.strip():
            return
        for element in lxml.html.fragments_fromstring(body_html):
            if isinstance(element, str):
                if element.strip():
                    self.paragraph(element.strip())
                continue
            self.block(element)

    def block(self, element: Any, style: str | None = None, depth: int = 0) -> None:
        tag = element.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.inline(self.heading("", int(tag[1])), element)
        elif tag in ("ul", "ol"):
            self.list(element, depth + 1)
        elif tag == "table":
            self.table(element)
        elif tag == "blockquote":
            for child in element:
                self.block(child, "Quote", depth)
        elif tag == "hr":
            return
        elif any(child.tag in BLOCKS for child in element):  # a div, section or figure of blocks
            if (element.text or "").strip():
                self.run(self.paragraph(style=style), " ".join(element.text.split()))
            for child in element:
                self.block(child, style, depth)
                if (child.tail or "").strip():
                    self.run(self.paragraph(style=style), " ".join(child.tail.split()))
        else:  # p, pre, a div of text and anything else: a paragraph
            self.inline(self.paragraph(style=style), element)

    def list(self, element: Any, depth: int) -> None:
        kind = "List Number" if element.tag == "ol" else "List Bullet"
        style = kind if depth == 1 else f"{kind} {min(depth, 3 if kind == 'List Bullet' else 2)}"
        for item in element.iterfind("li"):
            paragraph = self.paragraph(style=style)
            self.inline(paragraph, item, stop=("ul", "ol", "p"))
            for child in item:
                if child.tag == "p":
                    if paragraph.text:
                        paragraph = self.paragraph(style=style)
                    self.inline(paragraph, child)
                elif child.tag in ("ul", "ol"):
                    self.list(child, depth + 1)

    def table(self, element: Any) -> None:
        """A Word table; its first row (the header) repeats at the top of each page."""
        from docx.oxml.ns import qn

        rows = element.xpath(".//tr")
        if not rows:
            return
        width = max(len(row.xpath("./th|./td")) for row in rows)
        table = self.word.add_table(rows=len(rows), cols=width)
        table.style = self.word.styles["Table Grid"]
        for r, row in enumerate(rows):
            for c, cell_element in enumerate(row.xpath("./th|./td")):
                paragraph = table.cell(r, c).paragraphs[0]
                self.inline(paragraph, cell_element, bold=cell_element.tag == "th")
        header = table.rows[0]._tr.get_or_add_trPr()
        header.append(header.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))

    def inline(
        self, paragraph: Any, element: Any, bold: bool = False, stop: tuple[str, ...] = (), raised: str = ""
    ) -> None:
        """The text of an element into a paragraph: bold for strong and em (clear print: no
        italics), links, line breaks, pictures, and note marks raised (``raised``: 'superscript'
        or 'subscript', for sup and sub)."""
        raised = {"sup": "superscript", "sub": "subscript"}.get(element.tag, raised)

        def text_run(text: str) -> None:
            run = self.run(paragraph, text if paragraph.text else text.lstrip(), bold)
            if raised:
                setattr(run.font, raised, True)

        text = _spaced(element.text or "")
        if text.strip() or (text and paragraph.text):
            text_run(text)
        for child in element:
            if child.tag in stop:
                continue
            if child.tag == "br":
                run = paragraph.add_run()
                self._language(run._r)
                run.add_break()
            elif child.tag == "img":
                self.picture(paragraph, _local_path(child.get("src", "")), child.get("alt", ""))
            elif child.tag == "a" and child.get("href", "").startswith(("http", "mailto:", "tel:")):
                self.hyperlink(paragraph, child.get("href"), " ".join(child.text_content().split()))
            else:
                self.inline(paragraph, child, bold or child.tag in ("strong", "b", "em", "i"), (), raised)
            if child.tail:
                text_run(_spaced(child.tail))


def _spaced(text: str) -> str:
    """Text with each run of white space (newlines from the Markdown) as one space."""
    return re.sub(r"\s+", " ", text)


def _local_path(src: str) -> Path:
    url = urlsplit(src)
    if url.scheme != "file":
        raise CharterError(f"'{src}' is not a local picture; a Word document holds its pictures.")
    return Path(unquote(url.path))


def picture_png(path: Path, brand: Brand) -> bytes:
    """A picture as PNG or JPEG bytes Word shows: SVG drawn with resvg (the brand's faces for any
    text in it, no system fonts, so the same on every machine); WebP converted."""
    suffix = path.suffix.lower()
    if suffix in (".png", ".jpg", ".jpeg", ".gif"):
        return path.read_bytes()
    if suffix == ".svg":
        import resvg_py

        fonts = [str(face.path) for face in brand.faces]
        return bytes(
            resvg_py.svg_to_bytes(
                svg_path=str(path), width=SVG_PIXELS, skip_system_fonts=True, font_files=fonts
            )
        )
    from PIL import Image

    with Image.open(path) as image:
        out = io.BytesIO()
        image.save(out, format="PNG")
    return out.getvalue()


def _natural_width_mm(png: bytes) -> float:
    """A picture's width at 96 pixels an inch, in mm."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        return float(image.width) * 25.4 / 96
