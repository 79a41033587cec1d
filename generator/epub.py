"""The e-book: one document in one brand as an accessible EPUB 3 book.

Made from the web page's templates (``epub.xhtml.j2`` holds the handout's masthead, text and
credits), parsed with lxml and written out as XHTML: every heading gets an id, and the navigation
document lists them in document order, nested by level. The book carries its pictures and the
logo (WebP, not an EPUB core type, as PNG), the brand's upright faces subset to the characters it
uses (WOFF2), a stylesheet with the brand's colours, the document's language, and the
accessibility metadata of EPUB Accessibility 1.1 (conformsTo WCAG 2.2 AA). The zip is
deterministic: a fixed date on every entry, ``mimetype`` first and stored.
"""

from __future__ import annotations

import hashlib
import io
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from markupsafe import Markup, escape

from generator.errors import CharterError
from generator.renderers import Rendered
from generator.run import Inputs, Item, Options
from generator.sections import item_section
from generator.strings import strings_for

if TYPE_CHECKING:
    from generator.brand import Brand
    from generator.fonts import FontFace

XHTML = "http://www.w3.org/1999/xhtml"
EPUB_OPS = "http://www.idpf.org/2007/ops"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
# EPUB 3 core picture types; anything else (WebP) is converted to PNG.
CORE_PICTURES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
}


@dataclass
class Book:
    """The files of a book under ``EPUB/``, by name, with their media types."""

    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)

    def add_picture(self, path: Path) -> str:
        """The book's name for a picture file, added once (named by its content)."""
        data, suffix = path.read_bytes(), path.suffix.lower()
        if suffix not in CORE_PICTURES:
            data, suffix = _as_png(data), ".png"
        name = f"images/{hashlib.sha256(data).hexdigest()[:16]}{suffix}"
        self.files[name] = (data, CORE_PICTURES[suffix])
        return name


def _as_png(data: bytes) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def render_epub(inputs: Inputs, item: Item, options: Options) -> Rendered:
    """One item's EPUB book (the renderer of ``epub`` formats)."""
    from generator.web import versions, web_environment

    section = item_section(inputs, item, options)
    doc, brand = section.doc, section.brand
    env = web_environment(inputs.project.template_dirs)
    s = strings_for(inputs.project.template_dirs, doc.language)
    labels = [label for label, _ in versions(item, inputs.run, s)]
    context = {"doc": doc, "brand": brand, "theme": brand.theme, "section": section, "fmt": section.fmt}
    html = env.get_template("epub.xhtml.j2").render(**context, versions=labels)
    book = Book()
    roots = _roots(inputs, brand)
    text, headings, pictures = xhtml(html, book, roots)
    fonts = _fonts(book, (*brand.faces, *section.setting.faces), text)
    css = env.get_template("epub.css.j2").render(**context, fonts=fonts)
    book.files["style.css"] = (css.encode("utf-8"), "text/css")
    book.files["text.xhtml"] = (text.encode("utf-8"), "application/xhtml+xml")
    nav = navigation(doc.title, doc.language, headings)
    book.files["nav.xhtml"] = (nav.encode("utf-8"), "application/xhtml+xml")
    metadata = Metadata(
        identifier=f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'charter:{brand.slug}/{doc.id}')}",
        title=doc.title,
        language=doc.language,
        creator=inputs.document(item.doc_id, item.language).credit or brand.name,
        publisher=brand.name,
        date=doc.date,
        pictures=pictures,
        description=section.checked_by,
    )
    return Rendered(container(book, package(book, metadata)))


def _roots(inputs: Inputs, brand: Brand) -> tuple[Path, ...]:
    from generator.render import allowed_roots

    project = inputs.project
    roots = allowed_roots(*project.template_dirs, project.content_dir, brand.folder)
    return tuple(root.resolve() for root in roots)


Heading = tuple[int, str, str]  # level, id, text


def xhtml(html: str, book: Book, roots: tuple[Path, ...]) -> tuple[str, list[Heading], bool]:
    """The content document as XHTML, its headings and whether it has pictures. Pictures are
    added to the book; headings without an id are given one."""
    import lxml.html
    from lxml import etree

    root = lxml.html.document_fromstring(html)
    headings: list[Heading] = []
    for number, element in enumerate(root.iter("h1", "h2", "h3", "h4", "h5", "h6"), 1):
        if not element.get("id"):
            element.set("id", f"heading-{number}")
        headings.append((int(element.tag[1]), element.get("id"), " ".join(element.text_content().split())))
    pictures = False
    for image in root.iter("img"):
        url = urlsplit(image.get("src", ""))
        if url.scheme != "file":
            raise CharterError(f"'{image.get('src')}' is not a local picture; a book holds its pictures.")
        path = Path(unquote(url.path)).resolve()
        if not any(path.is_relative_to(r) for r in roots):
            raise CharterError(f"'{path}' is outside the project and brand folders.")
        image.set("src", book.add_picture(path))
        pictures = True
    language = root.get("lang", "")
    markup = etree.tostring(root, method="xml", encoding="unicode")
    opening = f'<html xmlns="{XHTML}" xmlns:epub="{EPUB_OPS}" xml:lang="{escape(language)}"'
    markup = opening + markup.removeprefix("<html")
    text = f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n{markup}\n'
    etree.fromstring(text.encode("utf-8"))  # well-formed, or a bug
    return text, headings, pictures


def _fonts(book: Book, faces: tuple[FontFace, ...], text: str) -> Markup:
    """@font-face rules for the upright ``faces`` (the brand's, and the Noto face of a script it
    cannot draw), subset to the book's characters."""
    from generator.web import STYLE_CHARACTERS, font_woff2, visible_text

    characters = "".join(sorted(set(visible_text(text)) | set(STYLE_CHARACTERS)))
    rules = []
    for face in (f for f in faces if f.style == "normal"):
        data = font_woff2(face.path, characters)
        name = f"fonts/{hashlib.sha256(data).hexdigest()[:16]}.woff2"
        book.files[name] = (data, "font/woff2")
        rules.append(face.css(name))
    return Markup("\n").join(rules)


def navigation(title: str, language: str, headings: list[Heading]) -> str:
    """The navigation document: a table of contents of every heading, nested by level, and the
    landmarks."""
    lines: list[str] = []
    levels: list[int] = []
    for level, anchor, words in headings:
        while levels and levels[-1] > level:
            lines.append("</li></ol>")
            levels.pop()
        if levels and levels[-1] == level:
            lines.append("</li>")
        elif levels and levels[-1] < level:
            lines.append("<ol>")
            levels.append(level)
        if not levels:
            levels.append(level)
        lines.append(f'<li><a href="text.xhtml#{escape(anchor)}">{escape(words)}</a>')
    lines.extend("</li></ol>" for _ in levels[1:])
    lang = escape(language)
    if levels:
        lines.append("</li>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="{XHTML}" xmlns:epub="{EPUB_OPS}" lang="{lang}" xml:lang="{lang}">\n'
        f'<head>\n<meta charset="utf-8"/>\n<title>{escape(title)}: contents</title>\n'
        '<link rel="stylesheet" type="text/css" href="style.css"/>\n</head>\n<body>\n'
        '<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-heading">\n'
        '<h1 id="toc-heading">Contents</h1>\n<ol>\n' + "\n".join(lines) + "\n</ol>\n</nav>\n"
        '<nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-heading" hidden="hidden">\n'
        '<h2 id="landmarks-heading">Landmarks</h2>\n<ol>\n'
        '<li><a epub:type="toc" href="nav.xhtml#toc">Contents</a></li>\n'
        f'<li><a epub:type="bodymatter" href="text.xhtml#{escape(headings[0][1]) if headings else ""}">'
        f"{escape(title)}</a></li>\n"
        "</ol>\n</nav>\n</body>\n</html>\n"
    )


@dataclass(frozen=True)
class Metadata:
    identifier: str
    title: str
    language: str
    creator: str
    publisher: str
    date: str | None
    pictures: bool  # the book has pictures (each with alt text): the logo, a document's pictures
    description: str = ""  # the 'Checked by' line of a signed-off document


def accessibility(meta: Metadata) -> list[tuple[str, str]]:
    """The schema.org accessibility properties and conformance claim, as (property, value)."""
    modes = [("schema:accessMode", "textual")]
    if meta.pictures:
        modes.append(("schema:accessMode", "visual"))
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"]
    if meta.pictures:
        features.append("alternativeText")
    summary = (
        "A reflowable e-book of the text, with headings in order, a table of contents"
        + (" and alternative text for every picture" if meta.pictures else "")
        + ". It meets WCAG 2.2 level AA: text and background colours have a contrast of at least 4.5:1."
    )
    return [
        *modes,
        ("schema:accessModeSufficient", "textual"),
        *(("schema:accessibilityFeature", feature) for feature in features),
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", summary),
        ("dcterms:conformsTo", CONFORMS_TO),
    ]


def package(book: Book, meta: Metadata) -> str:
    """The package document (content.opf): metadata, manifest and spine."""
    modified = f"{meta.date}T00:00:00Z" if meta.date else "2000-01-01T00:00:00Z"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" '
        f'xml:lang="{escape(meta.language)}">',
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">',
        f'<dc:identifier id="pub-id">{escape(meta.identifier)}</dc:identifier>',
        f"<dc:title>{escape(meta.title)}</dc:title>",
        f"<dc:language>{escape(meta.language)}</dc:language>",
        f"<dc:creator>{escape(meta.creator)}</dc:creator>",
        f"<dc:publisher>{escape(meta.publisher)}</dc:publisher>",
        *([f"<dc:date>{escape(meta.date)}</dc:date>"] if meta.date else []),
        *([f"<dc:description>{escape(meta.description)}</dc:description>"] if meta.description else []),
        f'<meta property="dcterms:modified">{modified}</meta>',
        *(f'<meta property="{name}">{escape(value)}</meta>' for name, value in accessibility(meta)),
        "</metadata>",
        "<manifest>",
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
    ]
    for number, (name, (_, media)) in enumerate(sorted(book.files.items()), 1):
        if name != "nav.xhtml":
            lines.append(f'<item id="item-{number}" href="{escape(name)}" media-type="{media}"/>')
    text_id = next(f"item-{n}" for n, name in enumerate(sorted(book.files), 1) if name == "text.xhtml")
    lines += ["</manifest>", "<spine>", f'<itemref idref="{text_id}"/>', '<itemref idref="nav" linear="no"/>']
    lines += ["</spine>", "</package>", ""]
    return "\n".join(lines)


CONTAINER_XML = """<?xml version="1.0" encoding="UTF-8"?>
<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0">
<rootfiles>
<rootfile full-path="EPUB/content.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
"""


def container(book: Book, opf: str) -> bytes:
    """The EPUB zip: ``mimetype`` first and stored, then the rest in name order, every entry
    dated the same, so the same book gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        entries = [
            ("mimetype", b"application/epub+zip"),
            ("META-INF/container.xml", CONTAINER_XML.encode("utf-8")),
            ("EPUB/content.opf", opf.encode("utf-8")),
            *((f"EPUB/{name}", data) for name, (data, _) in sorted(book.files.items())),
        ]
        for name, data in entries:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()
