"""Font faces: the built-in Atkinson Hyperlegible, brand font files, installed system fonts."""

from __future__ import annotations

import functools
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from generator.css import css_string
from generator.memo import Bounded, file_key

DEFAULT_FAMILY = "Atkinson Hyperlegible"


@dataclass(frozen=True)
class FontFace:
    """One font file for an @font-face rule."""

    family: str
    path: Path
    weight: str = "normal"
    style: str = "normal"
    unicode_range: str = ""  # the characters it draws ("U+0021-007E, ..."); "" for all it has

    def css(self, src: str | None = None) -> Markup:
        """The @font-face rule, safe to write into a <style> element; ``src`` is the font's URL
        (a ``data:`` URI in a web page), the file's by default."""
        weight = self.weight if re.fullmatch(r"normal|bold|\d{3}", self.weight) else "normal"
        style = self.style if self.style in ("normal", "italic", "oblique") else "normal"
        ranges = self.unicode_range if re.fullmatch(r"[U+0-9A-Fa-f?, -]*", self.unicode_range) else ""
        return Markup(
            f"@font-face {{ font-family: {css_string(self.family)}; "
            f"src: url({css_string(src or self.path.as_uri())}); "
            f"font-weight: {weight}; font-style: {style};{f' unicode-range: {ranges};' if ranges else ''} }}"
        )


def default_faces() -> tuple[FontFace, ...]:
    """Atkinson Hyperlegible from its PyPI package: regular, bold and their italics."""
    import fontpkg_atkinson_hyperlegible

    folder = Path(fontpkg_atkinson_hyperlegible.__file__).parent / "files"
    faces = []
    for weight in ("normal", "bold"):
        for style in ("normal", "italic"):
            name = {"normal": "Regular", "bold": "Bold"}[weight]
            if style == "italic":
                name = "Italic" if weight == "normal" else "BoldItalic"
            faces.append(FontFace(DEFAULT_FAMILY, folder / f"AtkinsonHyperlegible-{name}.ttf", weight, style))
    return tuple(faces)


def default_font_dir() -> Path:
    return default_faces()[0].path.parent


@functools.cache
def installed_families() -> frozenset[str]:
    """Family names fontconfig knows on this machine (lower case)."""
    listing = fontconfig("fc-list", "--format", "%{family}\n")
    if listing is None:
        return frozenset()
    return frozenset(
        name.strip().lower() for line in listing.splitlines() for name in line.split(",") if name.strip()
    )


def check_font_file(path: Path) -> str | None:
    """Why a font file cannot be used, or None when it reads as a font."""
    from fontTools.ttLib import TTFont, TTLibError

    from generator.errors import CharterError
    from generator.limits import MAX_FONT, check_regular

    try:
        check_regular(path, MAX_FONT, "font file")
    except CharterError as exc:
        return f"it {exc.detail.rstrip('.')}"
    try:
        with TTFont(path, lazy=True) as font:
            font["name"]
    except FileNotFoundError:
        return "the file is not there"
    except (TTLibError, OSError, KeyError, AssertionError, ValueError, IndexError) as exc:
        return f"it is not a readable font ({exc.__class__.__name__})"
    return None


def fontconfig(*command: str) -> str | None:
    """What a fontconfig tool (``fc-match``, ``fc-list``) prints; None when it cannot run or fails."""
    try:
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


@functools.cache
def installed_file(family: str) -> Path | None:
    """The regular face's file of an installed family (None when fontconfig has no such family)."""
    found = fontconfig("fc-match", "--format", "%{family}\n%{file}", f"{family}:style=Regular")
    if found is None:
        return None
    names, _, file = found.partition("\n")
    matched = {name.strip().lower() for name in names.split(",")}
    return Path(file) if family.lower() in matched and file else None


@functools.cache
def is_serif(path: Path) -> bool:
    """A face with serifs, as the font says of itself: its family name ('DejaVu Serif', 'Noto
    Sans'), else its PANOSE serif style (2-10 serifs, 11-15 sans), else its IBM family class
    (1-7 serif kinds). A font that says nothing is taken as sans serif."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(path, lazy=True, fontNumber=0) as font:
            name = str(font["name"].getBestFamilyName() or "").lower() if "name" in font else ""
            os2 = font.get("OS/2")
            panose = (os2.panose.bFamilyType, os2.panose.bSerifStyle) if os2 is not None else (0, 0)
            family_class = (os2.sFamilyClass >> 8) if os2 is not None else 0
    except (TTLibError, OSError, KeyError, AssertionError, ValueError, IndexError, AttributeError):
        return False
    if "sans" in name:
        return False
    if "serif" in name:
        return True
    if panose[0] == 2 and panose[1] >= 2:  # Latin text
        return panose[1] <= 10
    return 1 <= family_class <= 7


# How often each character comes in English prose (per cent, space and punctuation included): the
# weights of a face's average character width.
_PROSE = {
    " ": 18.3, "e": 10.2, "t": 7.5, "a": 6.5, "o": 6.2, "n": 5.7, "i": 5.7, "s": 5.3, "r": 5.0,
    "h": 4.9, "l": 3.3, "d": 3.3, "u": 2.3, "c": 2.2, "m": 2.0, "f": 1.8, "w": 1.7, "g": 1.6,
    "p": 1.5, "y": 1.4, "b": 1.3, ",": 1.0, ".": 1.0, "v": 0.8, "k": 0.6,
    "T": 0.3, "I": 0.3, "A": 0.3, "S": 0.3, "C": 0.3,
}  # fmt: skip


@functools.cache
def average_width_em(path: Path) -> float | None:
    """A face's average character width in English prose, in em (its advances weighted by how
    often each character comes): what sets the line measure. None if the font cannot say."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(path, lazy=True, fontNumber=0) as font:
            cmap, advances, per_em = font.getBestCmap() or {}, font["hmtx"], font["head"].unitsPerEm
            known = {c: w for c, w in _PROSE.items() if ord(c) in cmap}
            if len(known) < len(_PROSE) // 2 or not per_em:
                return None
            total = sum(advances[cmap[ord(c)]][0] * w for c, w in known.items())
    except (TTLibError, OSError, KeyError, AssertionError, ValueError, IndexError, AttributeError):
        return None
    return float(total / sum(known.values()) / per_em)


# CSS generic families: a brand stack that reaches one uses the default face.
GENERIC_FAMILIES = frozenset(
    {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "math", "emoji", "fangsong"}
    | {"ui-serif", "ui-sans-serif", "ui-monospace", "ui-rounded"}
)


# A font family name: letters, digits, spaces and the punctuation real family names use (a CSS
# identifier sequence or quoted string without control characters, quotes, backslashes, braces,
# semicolons or anything else that could end the value it is written into).
_FAMILY = re.compile(r"^\w[\w .+&()-]*\Z")


def check_family(name: str, source: Path) -> None:
    """Refuse a font family that is not a plain family name (it would be written into CSS)."""
    if len(name) > 100 or not _FAMILY.match(name) or "  " in name:
        from generator.errors import CharterError

        raise CharterError(
            f"font family '{name[:60]}' is not a font name: use letters, digits, spaces and "
            "- . + & ( ) only, e.g. 'Source Sans 3'.",
            source,
        )


def font_stack(value: str) -> list[str]:
    """A CSS font-family list (``"Arial, 'Helvetica Neue', sans-serif"``) as family names."""
    names = []
    for part in value.split(","):
        name = part.strip()
        if len(name) >= 2 and name[0] == name[-1] and name[0] in "'\"":
            name = name[1:-1].strip()
        if name:
            names.append(name)
    return names


# Debian packages with fonts for the scripts the default face lacks: (first, last code point, package).
_FONT_PACKAGES = (
    (0x1F000, 0x1FAFF, "fonts-noto-color-emoji"),
    (0x2600, 0x27BF, "fonts-noto-color-emoji"),
    (0x2E80, 0x9FFF, "fonts-noto-cjk"),
    (0xAC00, 0xD7AF, "fonts-noto-cjk"),
    (0xF900, 0xFAFF, "fonts-noto-cjk"),
    (0xFF00, 0xFFEF, "fonts-noto-cjk"),
    (0x20000, 0x3FFFF, "fonts-noto-cjk-extra"),
)


def font_package(char: str) -> str:
    """A Debian package whose fonts draw ``char`` (fonts-noto-core covers most living scripts)."""
    point = ord(char)
    return next((pkg for first, last, pkg in _FONT_PACKAGES if first <= point <= last), "fonts-noto-core")


def face_points(path: Path) -> frozenset[int]:
    """The code points a font file has glyphs for (kept by the file's content)."""
    return _FACE_POINTS.get(file_key(path), lambda: _cmap(path))


def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


_FACE_POINTS: Bounded[frozenset[int]] = Bounded(32)


@functools.lru_cache(maxsize=4096)
def installed_can_draw(point: int) -> bool:
    """True when some font fontconfig knows has a glyph for the code point (Pango falls back to it)."""
    found = fontconfig("fc-list", "--format", "%{family}\n", f":charset={point:x}")
    return bool(found and found.strip())


# Characters that are never drawn on their own: controls, format characters (joiners, variation
# selectors), separators and combining marks (drawn with the letter before them).
_NOT_DRAWN = ("Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me")


# Format characters that are never drawn (joiners, direction marks, soft hyphen, BOM, tags); other
# format characters, such as the Arabic number and pound marks (U+0600-0605, U+0890), are drawn.
_INVISIBLE_FORMAT = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)


def _unseen(char: str, category: str) -> bool:
    """A character that draws nothing of its own (so needs no font)."""
    return category != "Cf" or bool(_INVISIBLE_FORMAT.match(char))


YAML_COMMENT = re.compile(r"(^|\s)#.*$")


@functools.lru_cache(maxsize=256)
def _undrawable(
    path: Path, mtime_ns: int, faces: tuple[FontFace, ...], contents: tuple[tuple[str, str], ...]
) -> tuple[str, int] | None:
    """The first character of a file none of ``faces`` (whose files' ``contents`` key the cache)
    nor an installed font draws, and its line."""
    import unicodedata

    from generator.yamlfile import read_text

    covered = frozenset().union(*(face_points(f.path) for f in faces)) if faces else frozenset()
    yaml = path.suffix in (".yml", ".yaml")
    for number, line in enumerate(read_text(path).splitlines(), 1):
        if yaml:  # a brand file or pack manifest: its comments are never drawn
            line = YAML_COMMENT.sub("", line)
        for char in line:
            category = unicodedata.category(char)
            if (
                ord(char) < 0x80
                or ord(char) in covered
                or (category in _NOT_DRAWN and _unseen(char, category))
            ):
                continue
            if not installed_can_draw(ord(char)):
                return char, number
    return None


def check_glyphs(path: Path, faces: tuple[FontFace, ...]) -> None:
    """Refuse a text file (a document, brand file or pack manifest) holding a character that none
    of ``faces`` nor any installed font can draw (it would print as an empty box): a CharterError
    naming it, its line and a font package."""
    import unicodedata

    from generator.errors import CharterError

    found = _undrawable(path, path.stat().st_mtime_ns, faces, tuple(file_key(f.path) for f in faces))
    if found:
        char, line = found
        name = unicodedata.name(char, "unnamed").lower()
        package = font_package(char)
        raise CharterError(
            f"'{char}' (U+{ord(char):04X}, {name}) cannot be drawn: no font here has it, so it would "
            f"print as an empty box. Install a font that has it (on Debian or Ubuntu: apt-get install "
            f"{package}), or remove it.",
            path,
            line,
        )
