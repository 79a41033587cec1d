"""Font faces: the built-in Atkinson Hyperlegible, brand font files, installed system fonts."""

from __future__ import annotations

import functools
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from generator.css import css_string

DEFAULT_FAMILY = "Atkinson Hyperlegible"


@dataclass(frozen=True)
class FontFace:
    """One font file for an @font-face rule."""

    family: str
    path: Path
    weight: str = "normal"
    style: str = "normal"

    def css(self) -> Markup:
        """The @font-face rule, safe to write into a <style> element."""
        weight = self.weight if re.fullmatch(r"normal|bold|\d{3}", self.weight) else "normal"
        style = self.style if self.style in ("normal", "italic", "oblique") else "normal"
        return Markup(
            f"@font-face {{ font-family: {css_string(self.family)}; "
            f"src: url({css_string(self.path.as_uri())}); font-weight: {weight}; font-style: {style}; }}"
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
    try:
        listing = subprocess.run(
            ["fc-list", "--format", "%{family}\n"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return frozenset()
    return frozenset(
        name.strip().lower() for line in listing.splitlines() for name in line.split(",") if name.strip()
    )


def check_font_file(path: Path) -> str | None:
    """Why a font file cannot be used, or None when it reads as a font."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(path, lazy=True) as font:
            font["name"]
    except FileNotFoundError:
        return "the file is not there"
    except (TTLibError, OSError, KeyError, AssertionError, ValueError, IndexError) as exc:
        return f"it is not a readable font ({exc.__class__.__name__})"
    return None
