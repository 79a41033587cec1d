"""A pack manifest (``content/packs/<name>.yml``): read, checked, and every mistake reported
with its file and line."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from generator.brand import BrandRef, resolve_brand
from generator.content import document_paths
from generator.errors import CharterError
from generator.formats import FORMATS, PAPERS, PageOptions, find_paper, get_format
from generator.names import MAX_NAME, check_file_name, safe_name
from generator.project import Project
from generator.yamlfile import YamlFile, load_yaml

DATE_FORMAT = "%Y-%m-%d"
Fail = Callable[..., NoReturn]  # raises the CharterError for a message at a place in the manifest


@dataclass(frozen=True)
class Event:
    """The workshop the pack is for; every detail is optional."""

    name: str | None = None
    date: str | None = None  # YYYY-MM-DD
    venue: str | None = None
    facilitator: str | None = None

    @property
    def date_text(self) -> str | None:
        """The date as people write it: 'Wednesday 12 March 2025'."""
        if self.date is None:
            return None
        day = datetime.datetime.strptime(self.date, DATE_FORMAT).date()
        return f"{day:%A} {day.day} {day:%B} {day.year}"


@dataclass(frozen=True)
class PackFormat:
    """One format of a pack and the paper it is printed on."""

    fmt: str
    page: PageOptions


@dataclass(frozen=True)
class Pack:
    """A pack manifest, checked: what to build for whom."""

    name: str
    source: Path
    title: str
    event: Event
    brands: tuple[BrandRef, ...]
    documents: tuple[str, ...]
    formats: tuple[PackFormat, ...]
    final: bool = False  # every document must be signed off, its sign-off still holding
    # 'languages:', as ``charter build --language`` takes them: the languages to make (a
    # translation's tag, 'all' translations, 'en' the documents themselves); () the documents only.
    languages: tuple[str, ...] = ()


_PACK_KEYS = ("title", "event", "brands", "documents", "formats", "final", "languages")
_EVENT_KEYS = ("name", "date", "venue", "facilitator")


def available_packs(project: Project) -> list[str]:
    """Names of the pack manifests in content/packs/."""
    return sorted(p.stem for p in project.packs_dir.glob("*.yml")) if project.packs_dir.is_dir() else []


def find_pack(spec: str, project: Project) -> Path:
    """The manifest a ``charter pack`` argument names: a path, or a pack name in content/packs/."""
    path = Path(spec).expanduser()
    if path.is_file():
        return path.resolve()
    named = project.packs_dir / f"{spec}.yml"
    if "/" not in spec and not path.suffix and named.is_file():
        return named
    packs = available_packs(project)
    raise CharterError(
        f"pack manifest '{spec}' not found. Give the path to a .yml file"
        + (f", or one of: {', '.join(packs)}." if packs else ".")
    )


def load_pack(path: Path, project: Project) -> Pack:
    """Read and check a pack manifest; any mistake stops with its file and line."""
    manifest = load_yaml(path)

    def fail(message: str, *where: Any) -> NoReturn:
        raise manifest.error(message, *where)

    if not isinstance(manifest.data, dict):
        fail("a pack manifest is a mapping of 'key: value' lines (title:, brands:, formats: ...).")
    manifest.check_keys(_PACK_KEYS)
    if manifest.get("title") is None:
        fail("the manifest needs a 'title:'.")
    title = manifest.text("title", required=True) or ""
    if len(title) > MAX_NAME:
        fail(f"the title is {len(title):,} characters long, over the {MAX_NAME} a title may have.", "title")
    event = _event(manifest)
    brands = _brands(manifest.get("brands"), path, project, fail)
    documents = _documents(manifest.data.get("documents", "all"), project, fail)
    formats = _formats(manifest.get("formats"), fail)
    final = manifest.get("final") or False
    if not isinstance(final, bool):
        fail("'final' must be true (every document signed off) or false.", "final")
    languages = _languages(manifest, documents, project, fail)
    name = safe_name(path.stem, "pack", path)
    for ref in brands:
        check_file_name(f"{name}-{ref.slug}.pdf", "pack and brand names", path)
    return Pack(name, path, title, event, brands, documents, formats, final, languages)


def _languages(
    manifest: YamlFile, documents: tuple[str, ...], project: Project, fail: Fail
) -> tuple[str, ...]:
    """``languages:``: the translations to make besides the documents (``all``, or tags), each
    document having a translation into each tag."""
    from generator.translations import languages_to_build

    raw = manifest.get("languages")
    if raw is None:
        return ()
    tags = [raw] if raw == "all" else _names(raw, "languages", fail) or []
    try:
        languages_to_build(project, documents, tags)
    except CharterError as exc:
        fail(exc.message, "languages")
    return tuple(tags)


def _event(manifest: YamlFile) -> Event:
    raw = manifest.get("event")
    if raw is None:
        return Event()
    if not isinstance(raw, dict):
        raise manifest.error("'event' must be a mapping: name:, date:, venue:, facilitator:.", "event")
    manifest.check_keys(_EVENT_KEYS, "event", what="event detail")
    values = {key: manifest.text("event", key) for key in _EVENT_KEYS}
    if values["date"] is not None:
        try:
            datetime.datetime.strptime(values["date"], DATE_FORMAT)
        except ValueError:
            raise manifest.error(
                f"event date '{values['date']}' must be a real date written YYYY-MM-DD.", "event", "date"
            ) from None
    return Event(**values)


def _names(raw: Any, key: str, fail: Fail) -> list[str] | None:
    """``all`` (None), or a non-empty list of text entries."""
    if raw == "all":
        return None
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not raw:
        fail(f"'{key}' must be 'all' or a list, one '- name' line each.", key)
    for index, entry in enumerate(raw):
        if not isinstance(entry, str) or not entry.strip():
            fail(f"each entry of '{key}' must be a name.", key, index)
    return [entry.strip() for entry in raw]


def _brands(raw: Any, manifest: Path, project: Project, fail: Fail) -> tuple[BrandRef, ...]:
    from generator.brand import available_brands

    if raw is None:
        fail("the manifest needs 'brands:': 'all', or a list of brand names or brand.yml paths.")
    names = _names(raw, "brands", fail)
    if names is None:
        names = available_brands(project, own_only=True)  # the project's own (else the examples)
        if not names:
            fail("'brands: all' but there are no brands in content/brands/.", "brands")
    refs: dict[str, BrandRef] = {}
    for index, name in enumerate(names):
        spec = name
        if "/" in name or "\\" in name or name.endswith((".yml", ".yaml")):
            spec = str((manifest.parent / Path(name).expanduser()).resolve())  # relative to the manifest
        try:
            ref = resolve_brand(spec, project)
        except CharterError as exc:
            fail(exc.message, "brands", index)
        if ref.slug in refs:
            first = refs[ref.slug].path
            fail(
                f"two brands would share the output folder '{ref.slug}' ({first} and {ref.path}); "
                "list each brand once, or rename one brand's folder.",
                "brands",
                index,
            )
        refs[ref.slug] = ref
    return tuple(refs.values())


def _documents(raw: Any, project: Project, fail: Fail) -> tuple[str, ...]:
    known = list(document_paths(project))
    names = _names(raw, "documents", fail)
    if names is None:
        if not known:
            fail("'documents: all' but there are no documents in content/charter/.", "documents")
        return tuple(known)
    for index, name in enumerate(names):
        if name not in known:
            fail(
                f"unknown document '{name}'. Valid documents: {', '.join(known) or 'none'}.",
                "documents",
                index,
            )
    return tuple(dict.fromkeys(names))


def _formats(raw: Any, fail: Fail) -> tuple[PackFormat, ...]:
    if raw is None:
        return tuple(PackFormat(f.name, PageOptions(PAPERS[f.default_paper])) for f in FORMATS.values())
    if isinstance(raw, list) and all(isinstance(entry, str) for entry in raw):
        raw = dict.fromkeys(raw)
    if not isinstance(raw, dict) or not raw:
        fail("'formats' must map each format to its paper, e.g. 'handout: A4', one per line.", "formats")
    entries = []
    for name, paper in raw.items():
        if name not in FORMATS:
            fail(f"unknown format '{name}'. Valid formats: {', '.join(FORMATS)}.", "formats", name)
        fmt = get_format(name)
        if not fmt.papers:  # a web page has no paper
            if paper is not None:
                fail(f"the {name} format has no paper: write '{name}:' alone.", "formats", name)
            entries.append(PackFormat(name, PageOptions()))
            continue
        words = str(paper).split() if paper is not None else [fmt.default_paper]
        landscape = words[-1].lower() == "landscape" if words else False
        words = words[:-1] if landscape else words
        chosen = find_paper(fmt, words[0]) if len(words) == 1 else None
        if chosen is None:
            fail(
                f"'{paper}' is not a paper for the {name} format. Use one of {', '.join(fmt.papers)}, "
                "optionally followed by 'landscape'.",
                "formats",
                name,
            )
        if landscape and not fmt.landscape:
            fail(f"the {name} format is made in portrait only: write '{name}: A4'.", "formats", name)
        entries.append(PackFormat(name, PageOptions(chosen, landscape)))
    return tuple(entries)
