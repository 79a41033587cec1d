"""The face and line height a document's text is set in, by its language's script.

The brand's fonts set the text when they can draw all of it (every letter, mark and digit of the
document, its interface strings and the brand's own words). Otherwise the whole text is set in
the Noto face for the language's script from Debian's fonts-noto-core (``generator.languages``),
never the brand's face with single letters borrowed from another in the middle of a word. A
Latin name in Urdu text is still drawn by the brand's face, which comes next in the stack.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from generator.fonts import FontFace, face_points, fontconfig
from generator.languages import LATIN, language

if TYPE_CHECKING:
    from generator.brand import Brand
    from generator.content import Document
    from generator.easyread import EasyReadDocument

NOTO_PACKAGE = "fonts-noto-core"


@dataclass(frozen=True)
class Setting:
    """How one document's text is set: the face replacing the brand's, and the line height."""

    family: str = ""  # the Noto family setting the whole text; "" for the brand's own fonts
    faces: tuple[FontFace, ...] = ()  # that family's files (and the Latin part's), for @font-face rules
    line_height: float | None = None  # every line's height (times the font size); None: the format's
    # Text in another script than Latin: the family, before the Noto one, drawing its Latin
    # letters, digits and ASCII punctuation (``latin_part``); "" for none.
    latin_family: str = ""

    @property
    def stack(self) -> Markup:
        """The families set before the brand's in a font-family list, each quoted and followed
        by a comma ('"Atkinson Hyperlegible Latin", "Noto Nastaliq Urdu", '); empty for none."""
        from generator.css import css_string

        return Markup("").join(css_string(f) + Markup(", ") for f in (self.latin_family, self.family) if f)

    def latin_runs(self, scope: str, elements: tuple[str, ...] = ("",)) -> Markup:
        """A selector of the wholly Latin runs (``MARKED_RUNS``) inside ``elements`` under
        ``scope`` ('#doc-1 h1 [lang|=en], ...'), which the brand's face sets whole; "" when the
        text has no Latin part."""
        if not self.latin_family:
            return Markup("")
        selectors = (" ".join(filter(None, (scope, e, run))) for e in elements for run in MARKED_RUNS)
        return Markup(", ".join(selectors))  # nothing from a user: the scopes are the templates' own


def text_points(paths: Iterable[Path]) -> frozenset[int]:
    """The letters, marks and digits of some text files (what words are made of: a symbol or a
    punctuation mark on its own may come from another font without breaking a word)."""
    from generator.fonts import YAML_COMMENT
    from generator.yamlfile import read_text

    points: set[int] = set()
    for path in paths:
        for line in read_text(path).splitlines():
            if path.suffix in (".yml", ".yaml"):
                line = YAML_COMMENT.sub("", line)
            points.update(ord(char) for char in line)
    return frozenset(p for p in points if unicodedata.category(chr(p))[0] in "LMN")


def covers(faces: Iterable[FontFace], points: frozenset[int]) -> bool:
    """True when every one of ``faces`` has a glyph for every code point (regular and bold alike:
    a heading must not borrow a letter the bold face lacks)."""
    return all(points <= face_points(face.path) for face in faces)


def document_setting(
    template_dirs: tuple[Path, ...], doc: Document | EasyReadDocument, brand: Brand, plain: bool
) -> Setting:
    """How a document is set in a brand (in its plain sans serif families when ``plain``: easy
    read and large print): its text is its file, its language's interface strings and the brand
    file (a CharterError naming fonts-noto-core when the Noto face it needs is not installed)."""
    from generator.strings import catalog_path

    catalog = catalog_path(template_dirs, doc.language)
    sources = [doc.source, brand.source, *([catalog] if catalog else [])]
    return setting(sources, doc.language, text_faces(brand, plain), doc.source)


def setting(sources: Iterable[Path], tag: str, brand_faces: tuple[FontFace, ...], source: Path) -> Setting:
    """How text in language ``tag``, drawn from the files ``sources``, is set when the brand's
    body and heading faces are ``brand_faces`` (``source`` is named in an error)."""
    row = language(tag)
    points = text_points(sources)
    missing = [p for p in points if not covers(brand_faces, frozenset({p}))]
    if not any(in_script(chr(point), row.script) for point in missing):
        # All drawn, or a stray letter of another script (an Urdu name in English text): the
        # brand's face sets the text, and an installed font that letter.
        return Setting(line_height=row.line_height)
    faces = noto_faces(row.noto_family, row.name, source)
    if row.script == "Latn":
        return Setting(row.noto_family, faces, row.line_height)
    latin = latin_part(brand_faces, points, source)
    return Setting(row.noto_family, (*faces, *latin), row.line_height, latin[0].family)


# What the Latin part of a text in another script draws wherever they are: Latin letters,
# digits and the ASCII signs no sentence of the script uses (# $ % & * + / < = > @ [ \ ] ^ _ {
# | } ~ and the backtick). Not the space, so the script's words keep its own spacing, and not
# the punctuation its sentences share with English (! " ' ( ) , - . : ; ?: an Arabic
# sentence ends in "." in Naskh); those are the brand's in the runs marked English or left to
# right (an address's ".", "https:", "O'Brien"; ``MARKED_RUNS``), the script's elsewhere.
LATIN_RANGE = "U+0023-0026, U+002A-002B, U+002F-0039, U+003C-003E, U+0040-007E, U+00C0-024F, U+1E00-1EFF"
# The runs in text of another script that are wholly Latin (generator.latinwords marks English
# words, generator.bidi left-to-right runs with digits or an address), and list numbers ("1."):
# set in the brand's face, whole.
MARKED_RUNS = ("[lang|=en]", "[dir=ltr]", "li::marker")
LATIN_SUFFIX = " Latin"


def latin_part(
    brand_faces: tuple[FontFace, ...], points: frozenset[int], source: Path
) -> tuple[FontFace, ...]:
    """The faces drawing the Latin letters, digits and ASCII punctuation of a text in another
    script: the brand's body family when it draws all of those of the text, else Noto Sans; as
    a family of its own ("Atkinson Hyperlegible Latin") limited to ``LATIN_RANGE``, set before
    the script's face, whose own digits and punctuation (Noto Nastaliq Urdu has both, and no
    Latin letters) would otherwise come into an English name, number or address mid-word."""
    latin = frozenset(p for p in points if in_script(chr(p), "Latn") or 0x30 <= p <= 0x39)
    family = brand_faces[0].family if brand_faces else ""
    own = tuple(face for face in brand_faces if face.family == family)
    faces = own if own and covers(own, latin) else noto_faces(LATIN.noto_family, LATIN.name, source)
    return tuple(
        FontFace(face.family + LATIN_SUFFIX, face.path, face.weight, face.style, LATIN_RANGE)
        for face in faces
        if face.style == "normal"
    )


# The word Unicode's character names give each script (ISO 15924 code) in the table.
_SCRIPT_WORDS = {"Latn": "LATIN", "Arab": "ARABIC", "Guru": "GURMUKHI", "Beng": "BENGALI"}


def in_script(char: str, script: str) -> bool:
    """True when a character belongs to a script (ISO 15924): 'ŵ' to Latn, 'ٹ' and '۲' to Arab."""
    words = unicodedata.name(char, "").replace("-", " ").split()
    return _SCRIPT_WORDS.get(script, "") in words[:2]


def text_faces(brand: Brand, plain: bool) -> tuple[FontFace, ...]:
    """The upright faces of the brand's body and heading families, or its plain ones (its own
    files, else the installed family's)."""
    families = (
        (brand.plain_body_family, brand.plain_heading_family)
        if plain
        else (brand.body_family, brand.heading_family)
    )
    faces: list[FontFace] = []
    for family in dict.fromkeys(families):
        own = [face for face in brand.faces if face.family == family and face.style == "normal"]
        faces += own or [face for face in installed_faces(family) if face.style == "normal"]
    return tuple(faces)


@functools.cache
def _installed_files(family: str) -> tuple[tuple[Path, str], ...]:
    """The files of an installed family that fontconfig knows, with their style names."""
    listing = fontconfig("fc-list", "--format", "%{file}|%{style[0]}\n", f":family={family}")
    if listing is None:
        return ()
    found = []
    for line in sorted(listing.splitlines()):
        file, _, style = line.partition("|")
        if file:
            found.append((Path(file).resolve(), style.strip()))  # a link's own file: fetched from its folder
    return tuple(found)


# Style names (DejaVu calls its regular face Book, its italics Oblique) as (weight, style).
_STYLES = {
    "Regular": ("normal", "normal"),
    "Book": ("normal", "normal"),
    "Bold": ("bold", "normal"),
    "Italic": ("normal", "italic"),
    "Oblique": ("normal", "italic"),
    "Bold Italic": ("bold", "italic"),
    "Bold Oblique": ("bold", "italic"),
}


def installed_faces(family: str) -> tuple[FontFace, ...]:
    """The regular, bold and italic files of an installed family, by their style names (Noto
    Nastaliq Urdu Bold says it is weight 400, so fontconfig's weights cannot be trusted)."""
    return tuple(
        FontFace(family, path, *_STYLES[style])
        for path, style in _installed_files(family)
        if style in _STYLES
    )


def noto_faces(family: str, name: str, source: Path) -> tuple[FontFace, ...]:
    """An installed Noto family's faces; a CharterError naming its package when it is missing."""
    faces = installed_faces(family)
    if not any(face.weight == "normal" and face.style == "normal" for face in faces):
        from generator.errors import CharterError

        raise CharterError(
            f"{name} text is set in {family}, which is not installed here, and "
            f"the brand's fonts cannot draw all of it. Install it (on Debian or Ubuntu: apt-get install "
            f"{NOTO_PACKAGE}).",
            source,
        )
    return faces
