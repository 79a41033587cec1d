"""Review packs: the sheets a checking group marks, one easy-read point (or, with ``--full``, one
paragraph of the full text) a page, as a tagged A4 PDF and a self-contained web form.

``charter review <id>`` writes ``output/review/<id>-review.pdf`` and ``<id>-review.html``
(``<id>-full-review.*`` with ``--full``): up to two pages saying how to use them, then each point
with its code (``AA-1.2``, see ``generator.blocks``), its picture as large as on an A3 easy-read
poster, three large tick boxes with a symbol and words, and a space to write or draw. The answers
come back through ``generator.answers``; they never go into any output.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from generator.blocks import code_prefix, full_blocks
from generator.content import find_document
from generator.errors import CharterError
from generator.filenames import easy_read_path
from generator.formats import PAPERS
from generator.markdown import parser as markdown_parser
from generator.pictures import openmoji_dir
from generator.project import Project

if TYPE_CHECKING:
    from generator.brand import Brand

# Every word a reviewer reads on the sheets and the form: the catalog's ``review_<key>`` strings
# in the document's language (templates/strings/; English by default).
WORD_KEYS = (
    "title",
    "title_full",
    "intro",
    "one_point",
    "one_paragraph",
    "read",
    "read_full",
    "tick",
    "write",
    "code",
    "names",
    "give_back",
    "form",
    "point",
    "paragraph",
    "from",
    "boxes",
    "space",
    "comment",
    "save",
    "saved",
    "answered",
    "page",
    "skip",
)

# The answers a reviewer can tick: (value in answer files, OpenMoji symbol); the words and the
# symbol's alt text are the catalog's ``review_<value>`` and ``review_<value>_alt``.
CHOICES = (("understand", "1F44D"), ("not-understand", "2753"), ("change-picture", "1F5BC"))
CHOICES_FULL = (CHOICES[0], CHOICES[1], ("change-words", "270F"))
ANSWERS = tuple(dict.fromkeys(value for value, _ in (*CHOICES, *CHOICES_FULL)))


def review_words(language: str) -> dict[str, str]:
    """The review sheets' and form's words in ``language`` (the built-in catalogs)."""
    from generator.project import builtin_dir
    from generator.strings import strings_for

    s = strings_for((builtin_dir("templates"),), language)
    return {key: s.texts[f"review_{key}"] for key in WORD_KEYS}


# As large as a key point's picture on an A3 easy-read poster (26 mm on A4, scaled by the paper).
PICTURE_MM = round(26 * PAPERS["A3"].unit_mm, 1)
TEXT_PT = 24  # the sentences; nothing on a sheet is below 20 pt
FULL_TEXT_PT = 20  # a full-text paragraph
MIN_SPACE_MM = 40.0  # the least space to write or draw
BOTTOM_MARGIN_MM = 22  # css/review.css's page margin at the foot


@dataclass(frozen=True)
class Choice:
    value: str
    words: str
    picture: Path
    alt: str


@dataclass(frozen=True)
class Sheet:
    """One page to mark: a point (or paragraph), its code and where it sits."""

    code: str
    heading: str  # the heading it is under
    words: tuple[Markup, ...]  # sentences (easy read) or one paragraph (full text)
    picture: Path | None = None
    alt: str = ""


@dataclass(frozen=True)
class ReviewPack:
    """Everything the sheets and the form show."""

    doc_id: str
    title: str
    language: str
    full: bool
    sheets: tuple[Sheet, ...]
    choices: tuple[Choice, ...]

    @property
    def name(self) -> str:
        """The file name without its suffix: 'appendix-a-review', 'appendix-a-full-review'."""
        return f"{self.doc_id}-{'full-' if self.full else ''}review"

    @property
    def words(self) -> dict[str, str]:
        return review_words(self.language)

    @property
    def steps(self) -> tuple[str, ...]:
        """The instructions, one short sentence each."""
        w, first = self.words, self.sheets[0].code
        return (
            w["intro"].format(title=self.title),
            w["one_paragraph" if self.full else "one_point"],
            w["read_full" if self.full else "read"],
            w["tick"],
            w["write"],
            w["code"].format(code=first),
            w["names"],
            w["give_back"],
            w["form"],
        )

    @property
    def picture_credit(self) -> str:
        """The pictograms' credit and licence."""
        from generator.project import builtin_dir
        from generator.strings import strings_for

        return strings_for((builtin_dir("templates"),), self.language)("picture_credit")


def _choices(full: bool, language: str) -> tuple[Choice, ...]:
    from generator.project import builtin_dir
    from generator.strings import strings_for

    s, symbols = strings_for((builtin_dir("templates"),), language), openmoji_dir()
    return tuple(
        Choice(value, s(f"review_{key}"), symbols / f"{code}.svg", s(f"review_{key}_alt"))
        for value, code in (CHOICES_FULL if full else CHOICES)
        for key in [value.replace("-", "_")]
    )


def review_pack(project: Project, doc_id: str, full: bool = False) -> ReviewPack:
    """The sheets of a document's easy read, or with ``full`` of its full text."""
    from generator.content import load_document

    path = find_document(doc_id, project)
    document = load_document(path)
    if full:
        sheets = _full_sheets(path)
        return ReviewPack(
            doc_id, document.title, document.language, True, sheets, _choices(True, document.language)
        )
    easy = easy_read_path(path)
    if not easy.is_file():
        raise CharterError(
            f"document '{doc_id}' has no easy-read version to review. Write one in {easy.name}, "
            "or review the full text with --full."
        )
    from generator.easyread import load_easy_read

    doc = load_easy_read(easy)
    prefix = code_prefix(doc.id)
    sheets = tuple(
        Sheet(
            f"{prefix}-{part_number}.{point_number}",
            part.heading,
            tuple(escape(s.text) for s in point.sentences),
            point.picture,
            point.alt,
        )
        for part_number, part in enumerate(doc.parts, 1)
        for point_number, point in enumerate(part.points, 1)
    )
    return ReviewPack(doc_id, doc.title, doc.language, False, sheets, _choices(False, doc.language))


def _full_sheets(path: Path) -> tuple[Sheet, ...]:
    """One sheet a paragraph of the full text's body, under its heading."""
    md = markdown_parser()
    heading, sheets = "", []
    for block in full_blocks(path):
        if block.code.split("-")[-1].startswith("H"):
            heading = " ".join(block.text.split())
        elif block.kind == "paragraph" and "-P" in block.code:
            sheets.append(Sheet(block.code, heading, (Markup(md.renderInline(block.text)),)))
    return tuple(sheets)


def review_html(project: Project, pack: ReviewPack, brand: Brand, spaces: dict[str, float]) -> str:
    """The sheets' HTML for the PDF; ``spaces``, each sheet's space to write or draw (mm)."""
    from generator.compose import environment

    env = environment(project.template_dirs)
    text_pt = FULL_TEXT_PT if pack.full else TEXT_PT
    return str(
        env.get_template("review.html.j2").render(
            pack=pack, brand=brand, w=pack.words, picture_mm=PICTURE_MM, text_pt=text_pt, spaces=spaces
        )
    )


def review_pdf(project: Project, pack: ReviewPack, brand_spec: str | None = None) -> bytes:
    """The sheets as a tagged PDF/UA-1 on A4, in a brand's (sans serif) fonts (``brand_spec``, a
    slug or path, else the default brand): laid out once with a small space under each sheet's
    boxes, then again with each space reaching its page's foot."""
    from generator.brand import default_brand, load_brand, resolve_brand
    from generator.compose import find_template_file
    from generator.render import allowed_roots, pdf_bytes, render_document

    brand = load_brand(resolve_brand(brand_spec or default_brand(project), project))
    roots = allowed_roots(*project.template_dirs, project.content_dir, brand.folder)
    stylesheets = [find_template_file(project, "css/review.css")]
    spaces = {sheet.code: MIN_SPACE_MM for sheet in pack.sheets}
    document = render_document(
        review_html(project, pack, brand, spaces), stylesheets, roots, brand.folder, brand.faces
    )
    spaces = {code: max(MIN_SPACE_MM, mm) for code, mm in _room_below(document).items()}
    document = render_document(
        review_html(project, pack, brand, spaces), stylesheets, roots, brand.folder, brand.faces
    )
    return pdf_bytes(document)


def _room_below(document: Any) -> dict[str, float]:
    """Each sheet's room from the top of its space to write or draw to the foot of its page (mm)."""
    from generator.engine import page_box

    room: dict[str, float] = {}
    foot_px = (297 - BOTTOM_MARGIN_MM) * 96 / 25.4
    for page in document.pages:
        stack = [page_box(page)]
        while stack:
            box = stack.pop()
            element = getattr(box, "element", None)
            if element is not None and "space" in (element.get("class") or "").split():
                code = element.get("data-code")
                # less its margin (4 mm), padding (2 x 2 mm), border (2 x 0.6 mm) and 3 mm to spare
                room.setdefault(code, (foot_px - box.position_y) * 25.4 / 96 - 12.2)
                break
            stack.extend(getattr(box, "children", ()))
    return room


def review_form(project: Project, pack: ReviewPack) -> bytes:
    """The sheets as one self-contained web form: pictures as data: URIs, its one stylesheet and
    script inline and allowed by hash in a Content-Security-Policy that allows nothing else."""
    import base64
    import hashlib
    import json

    from generator.compose import environment, find_template_file

    style = find_template_file(project, "css/review-form.css").read_text(encoding="utf-8")
    w = pack.words
    words = f"var STATUS = {json.dumps(w['answered'])}, SAVED = {json.dumps(w['saved'])};\n"
    script = words + find_template_file(project, "review-form.js").read_text(encoding="utf-8")

    def sha(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    csp = (
        f"default-src 'none'; img-src data:; style-src {sha(style)}; script-src {sha(script)}; "
        "base-uri 'none'; form-action 'none'"
    )
    pictures = {
        path: "data:image/svg+xml;base64," + base64.b64encode(path.read_bytes()).decode("ascii")
        for path in {*(s.picture for s in pack.sheets if s.picture), *(c.picture for c in pack.choices)}
    }
    env = environment(project.template_dirs)
    html = env.get_template("review-form.html.j2").render(
        pack=pack, w=w, csp=csp, style=Markup(style), script=Markup(script), pictures=pictures
    )
    return str(html).encode("utf-8")
