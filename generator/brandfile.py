"""What a brand.yml file says, as plain data: validated by brand_yml, remembered by content.

brand_yml (with pydantic) costs about 0.3 s of CPU to import, as much as laying out a handout.
``load_brand`` needs a few strings from a validated file, so those are what is kept, as JSON in
the user's cache folder (``$XDG_CACHE_HOME/charter-handouts/brands``), under a key made of the
file's bytes, the versions of the libraries that validate it and this module's source. A file
validated before is not parsed again; a changed file, library or module makes a new key. Only
files that validate are kept (a broken file is reported by brand_yml every time), and a cache
folder that cannot be read or written is passed over: the cache saves time, nothing else.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from generator.errors import CharterError
from generator.limits import MAX_YAML
from generator.usercache import cache_folder
from generator.yamlfile import load_yaml, parse_yaml, read_text

# The libraries whose versions can change what a file validates to.
_VALIDATORS = ("brand_yml", "pydantic", "pydantic_core", "ruamel.yaml")
COLOUR_ROLES = ("background", "foreground", "primary", "secondary", "tertiary", "light", "dark", "headings")
_LOGO_SIZES = ("medium", "large", "small")


@dataclass(frozen=True)
class FileRef:
    """A file a brand names: its location as written, and whether that is a web address."""

    location: str
    remote: bool


@dataclass(frozen=True)
class LogoRef:
    file: FileRef
    alt: str | None


@dataclass(frozen=True)
class FontFileRef:
    file: FileRef
    weight: str  # "auto" when the file gives none
    style: str


@dataclass(frozen=True)
class DeclaredFont:
    """One entry of ``typography.fonts``; ``files`` only for ``source: file``."""

    family: str
    source: str
    files: tuple[FontFileRef, ...]


@dataclass(frozen=True)
class BrandFile:
    """What ``load_brand`` reads from a brand.yml file."""

    name: str | None  # meta.name as text, else its full or short name
    name_given: bool  # meta.name is there (without it, the name is made from the slug)
    short_name: str | None  # meta.name.short, for where space is short (running footers)
    link: str | None  # meta.link, or its home link
    colours: dict[str, str | None]  # COLOUR_ROLES; headings is typography.headings.color
    logo_on_light: LogoRef | None  # the logo for a light page, and for a dark one
    logo_on_dark: LogoRef | None
    base_family: str | None  # typography.base.family, a CSS font stack
    headings_family: str | None
    fonts: tuple[DeclaredFont, ...]


def read_brand_file(path: Path) -> BrandFile:
    """The brand file at ``path``, from the cache when its content was validated before."""
    entry: Path | None = None
    text = read_text(path, MAX_YAML, "brand file")  # regular, bounded, no control characters
    data = path.read_bytes()
    with contextlib.suppress(OSError, RuntimeError):  # no home folder
        entry = cache_folder("brands") / f"{_key(data)}.json"
    if entry is not None:
        with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
            return _from_json(json.loads(entry.read_text(encoding="utf-8")))
    parse_yaml(text, path)  # depth, aliases and ' #' checked before brand_yml's own parser sees it
    brand = _extract(_validate(path))
    if entry is not None and _same_bytes(path, data):
        _store(entry, json.dumps(asdict(brand), sort_keys=True))
    return brand


def _validate(path: Path) -> Any:
    """The brand_yml model of a file; a file it refuses is a CharterError."""
    from brand_yml import Brand as BrandYml
    from pydantic import ValidationError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return BrandYml.from_yaml(path)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        raise CharterError(
            f"YAML error: {problem}. Check the indentation and quoting.",
            path,
            mark.line + 1 if mark else None,
        ) from None
    except YAMLError as exc:
        raise CharterError(f"YAML error: {exc}.", path) from None
    except ValidationError as exc:
        errors = exc.errors()
        # A union reports one error per member; the brand_yml's own checks say the most.
        first = next((e for e in errors if e["type"] == "value_error"), errors[0])
        where = ".".join(str(p) for p in first["loc"] if str(p)[:1].islower() and "-" not in str(p)[:9])
        message = str(first["msg"]).removeprefix("Value error, ").rstrip(".")
        raise CharterError(
            f"not a valid brand.yml file: {where or 'file'}: {message}. "
            "See the brand.yml specification for the expected shape.",
            path,
        ) from None
    except ValueError as exc:
        raise CharterError(f"not a valid brand.yml file: {exc}.", path) from None
    except RecursionError:
        raise CharterError("not a valid brand.yml file: it is nested too deeply.", path) from None
    except Exception as exc:  # brand_yml's own errors, e.g. CircularReferenceError
        if type(exc).__module__.startswith("brand_yml"):
            cause = " ".join(str(exc).split())
            raise CharterError(f"not a valid brand.yml file: {cause}. Fix the reference.", path) from None
        raise


def _extract(raw: Any) -> BrandFile:
    """The plain data of a validated brand_yml model."""
    meta, colours, typography = raw.meta, raw.color, raw.typography
    name = meta.name if meta else None
    link = meta.link if meta else None
    if link is not None and not isinstance(link, str):
        home = getattr(link, "home", None)
        link = str(home) if home else None
    headings = typography.headings if typography else None
    roles = {role: getattr(colours, role, None) if colours else None for role in COLOUR_ROLES[:-1]}
    roles["headings"] = headings.color if headings else None
    base = typography.base if typography else None
    return BrandFile(
        name=name if name is None or isinstance(name, str) else name.full or name.short,
        name_given=name is not None,
        short_name=None if name is None or isinstance(name, str) else name.short,
        link=link,
        colours={role: None if value is None else str(value) for role, value in roles.items()},
        logo_on_light=_logo(raw, ("light", "dark")),
        logo_on_dark=_logo(raw, ("dark", "light")),
        base_family=base.family if base else None,
        headings_family=headings.family if headings else None,
        fonts=tuple(_font(font) for font in (typography.fonts or [])) if typography else (),
    )


def _logo(raw: Any, variants: tuple[str, str]) -> LogoRef | None:
    """Medium, else large, else small, in the first variant that exists (brand_yml's
    ``use_logo`` picks it), else the first of the named images."""
    choices = (raw.use_logo(size, variant=v) for size in _LOGO_SIZES for v in variants)
    resource: Any = next((choice for choice in choices if choice is not None), None)
    images = getattr(raw.logo, "images", None)
    if resource is None and images:
        first = next(iter(images.values()))
        resource = getattr(first, variants[0], None) or getattr(first, variants[1], None) or first
    if resource is None:
        return None
    return LogoRef(_file_ref(resource.path), resource.alt)


def _font(font: Any) -> DeclaredFont:
    source = getattr(font, "source", "system")
    files = font.files if source == "file" else []
    return DeclaredFont(
        family=font.family,
        source=source,
        files=tuple(
            FontFileRef(
                _file_ref(file.path), str(file.weight.root) if file.weight else "auto", file.style or "normal"
            )
            for file in files
        ),
    )


def _file_ref(location: Any) -> FileRef:
    from brand_yml.file import FileLocationUrl

    return FileRef(str(location.root), isinstance(location, FileLocationUrl))


def _from_json(data: dict[str, Any]) -> BrandFile:
    def file(ref: dict[str, Any]) -> FileRef:
        return FileRef(str(ref["location"]), bool(ref["remote"]))

    def logo(ref: dict[str, Any] | None) -> LogoRef | None:
        return None if ref is None else LogoRef(file(ref["file"]), ref["alt"])

    return BrandFile(
        name=data["name"],
        name_given=data["name_given"],
        short_name=data.get("short_name"),
        link=data["link"],
        colours={role: data["colours"][role] for role in COLOUR_ROLES},
        logo_on_light=logo(data["logo_on_light"]),
        logo_on_dark=logo(data["logo_on_dark"]),
        base_family=data["base_family"],
        headings_family=data["headings_family"],
        fonts=tuple(
            DeclaredFont(
                font["family"],
                font["source"],
                tuple(FontFileRef(file(f["file"]), f["weight"], f["style"]) for f in font["files"]),
            )
            for font in data["fonts"]
        ),
    )


def _key(data: bytes) -> str:
    digest = hashlib.sha256(data)
    digest.update(json.dumps(_validator_versions()).encode())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


@functools.cache
def _validator_versions() -> list[str]:
    """Each validating library's installed version ("brand_yml-0.2.0"), read from the name of its
    metadata folder beside it (``importlib.metadata`` costs more to load than a cache hit saves)."""
    import importlib.util

    versions = []
    for name in _VALIDATORS:
        spec = importlib.util.find_spec(name)
        site = Path(spec.origin).parents[name.count(".") + 1] if spec and spec.origin else None
        names = dict.fromkeys((name, name.replace(".", "_")))  # ruamel_yaml-0.19.1.dist-info
        found = sorted(f for n in names for f in site.glob(f"{n}-*.dist-info")) if site else []
        if len(found) == 1:
            versions.append(found[0].name.removesuffix(".dist-info"))
            continue
        import importlib.metadata

        try:  # installed some other way: ask its metadata
            versions.append(f"{name}-{importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name} not installed")
    return versions


def _same_bytes(path: Path, data: bytes) -> bool:
    """The file still holds ``data`` (it was not changed while brand_yml read it)."""
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def _store(entry: Path, text: str) -> None:
    """Write a cache entry whole or not at all; any failure leaves the cache as it was."""
    temp: str | None = None
    with contextlib.suppress(OSError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{entry.stem[:16]}.", suffix=".part", dir=entry.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temp, entry)
        temp = None
    if temp is not None:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def brand_line(path: Path, message: str) -> int | None:
    """The line in a brand.yml file that a message is about: a key path it names
    (``color.primary``), the colour role it names, a value it quotes, else the section its
    subject lives in (colours, logo, fonts)."""
    try:
        brand = load_yaml(path)
    except CharterError:
        return None
    for dotted in re.findall(r"\b[a-z_]+(?:\.[a-z0-9_-]+)+\b", message):
        where = _key_path(brand.data, dotted.split("."))
        if len(where) > 1:
            return brand.lines[where]
    role = re.search(r"\bthe (\w+) colou?r\b", message)
    if role:
        for where in (
            ("color", role[1]),
            ("typography", role[1], "color"),
            ("typography", "headings", "color"),
        ):
            if where in brand.lines and (role[1] != "heading" or "headings" in where):
                return brand.lines[where]
    quoted = re.findall(r"'([^'\n]+)'|(#[0-9a-fA-F]{3,8})\b", message)
    for value in (a or b for a, b in quoted):
        for where, line in brand.lines.items():
            found = brand.get(*where)
            if isinstance(found, str | int | float) and str(found).strip().lower() == value.strip().lower():
                return line
    for word, key in (("colour", "color"), ("logo", "logo"), ("font", "typography"), ("name", "meta")):
        if word in message and (key,) in brand.lines:
            return brand.lines[(key,)]
    return None


def _key_path(data: object, parts: list[str]) -> tuple[object, ...]:
    """The longest key path into ``data`` that a dotted error location (``typography.fonts.files``,
    list indexes and union member names left out) reaches."""
    where: list[object] = []
    for part in parts:
        if isinstance(data, list):
            index = (
                int(part)
                if part.isdigit()
                else next((i for i, item in enumerate(data) if isinstance(item, dict) and part in item), None)
            )
            if index is None or index >= len(data):
                continue
            where.append(index)
            data = data[index]
            if part.isdigit():
                continue
        if isinstance(data, dict) and part in data:
            where.append(part)
            data = data[part]
    return tuple(where)
