"""Interface strings: the words a reader sees that are not the document's own, one catalog per
language (``templates/strings/<lang>.yml``), and each language's direction.

English (``en.yml``) is the reference: every other catalog has exactly its keys with the same
``{placeholders}``, checked when the catalog is read (every fault in one message, file:line).
A language tag picks the most specific catalog there is (``ur-PK`` -> ``ur-PK.yml``, else
``ur.yml``); a language with none is written with the English words.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from generator.errors import CharterError, display_path, several
from generator.pair import SEPARATOR, Pair

REFERENCE = "en"
DIRECTIONS = ("ltr", "rtl")


@dataclass(frozen=True)
class Strings:
    """One language's interface strings and its writing direction."""

    language: str  # the catalog's language tag (``en``, ``ur``)
    direction: str  # ``ltr`` or ``rtl``
    texts: Mapping[str, str]

    def __call__(self, key: str, **fields: object) -> str:
        """The string ``key`` with its placeholders filled in; HTML (Markup: words marked with
        their language) when a field is, the rest of it escaped."""
        if any(isinstance(value, Markup) for value in fields.values()):
            return escape(self.texts[key]).format(**fields)
        return self.texts[key].format(**fields)

    def split(self, key: str, *names: str) -> list[str]:
        """The literal pieces of ``key`` around its placeholders ``names``, in the order the
        placeholders come in English (a stylesheet puts counters between them): "Page {page} of
        {pages}" -> ["Page ", " of ", ""]."""
        pieces, text = [], self.texts[key]
        for name in names:
            before, _, text = text.partition("{" + name + "}")
            pieces.append(before)
        return [*pieces, text]

    def source(self, charter: str | None, appendix: str | None) -> str:
        """What a document is part of: 'Co-production Charter, Appendix A' (empty for neither)."""
        part = self("appendix", letter=appendix) if appendix else ""
        if charter and part:
            return self("source_part", charter=charter, part=part)
        return charter or part

    def series(self, charter: str | None, appendix: str | None) -> str:
        """The masthead's line: 'Co-production Charter: Appendix A'."""
        part = self("appendix", letter=appendix) if appendix else ""
        if charter and part:
            return self("series", charter=charter, part=part)
        return charter or part

    def format_label(self, fmt: Any) -> str:
        """A format's name ('Easy read poster'): ``format_<name>``, else the format's own label
        (a format registered at run time has no catalog entry)."""
        return self.texts.get(f"format_{fmt.name.replace('-', '_')}", fmt.label)

    def page_text(self, page: Any) -> str:
        """A page as a reader writes it: 'A4', 'A3 landscape'."""
        return self("paper_landscape", paper=page.paper) if page.landscape else str(page.paper)

    def version_label(self, fmt: Any, page: Any) -> str:
        """How a list of versions names a file of ``fmt`` on ``page``: ``version_<name>``, else
        ``version_pdf`` for a format named as a PDF ('Handout, PDF, A4 paper'), else the
        format's own words."""
        from generator.formats import PDF_VERSION

        template = self.texts.get(f"version_{fmt.name.replace('-', '_')}")
        if template is None:
            template = self.texts["version_pdf"] if fmt.version == PDF_VERSION else fmt.version
        return template.format(label=self.format_label(fmt), page=self.page_text(page))

    def credit(self, charter: str | None, appendix: str | None, credit: str, org: str) -> str:
        """Where the text comes from and who shares it: 'From the <charter>, Appendix A, by
        <authors>. Shared by <organisation>.' (no 'Charter' without a charter)."""
        source = self.source(charter, appendix)
        if charter:
            line = self("credit_from", source=source, credit=credit)
        else:
            line = self("credit_by", credit=credit)
        if _plain(org) == _plain(credit):
            return line
        shared = self("shared_by", org=org)
        if isinstance(line, Markup) or isinstance(shared, Markup):  # words marked with their language
            return escape(line) + Markup(" ") + escape(shared)
        return f"{line} {shared}"


@dataclass(frozen=True)
class BilingualStrings(Strings):
    """Two catalogs as one: each string is a Pair, the first catalog's words first."""

    halves: tuple[Strings, Strings] = (Strings("", "ltr", {}), Strings("", "ltr", {}))

    @classmethod
    def of(cls, first: Strings, second: Strings, languages: tuple[str, str]) -> BilingualStrings:
        return cls("+".join(languages), first.direction, first.texts, (first, second))

    @property
    def languages(self) -> tuple[str, str]:
        first, second = self.language.split("+")
        return first, second

    def _both(self, method: str, *args: Any, **fields: Any) -> Pair:
        made = [
            getattr(strings, method)(
                *(_half(a, n) for a in args), **{k: _half(v, n) for k, v in fields.items()}
            )
            for n, strings in enumerate(self.halves)
        ]
        return Pair(made[0], made[1], self.languages, (self.halves[0].direction, self.halves[1].direction))

    def __call__(self, key: str, **fields: object) -> str:
        return self._both("__call__", key, **fields)

    def split(self, key: str, *names: str) -> list[str]:
        """Each literal piece in both languages: "Tudalen / Page ", " o / of ", ""."""
        first, second = (strings.split(key, *names) for strings in self.halves)
        return [
            SEPARATOR.join(p for p in (a.strip(), b.strip()) if p).join(_ends(a))
            for a, b in zip(first, second, strict=True)
        ]

    def source(self, charter: str | None, appendix: str | None) -> str:
        return self._both("source", charter, appendix)

    def series(self, charter: str | None, appendix: str | None) -> str:
        return self._both("series", charter, appendix)

    def credit(self, charter: str | None, appendix: str | None, credit: str, org: str) -> str:
        return self._both("credit", charter, appendix, credit, org)


def _plain(text: str) -> str:
    """Text without the marks of its language (Markup's tags taken off)."""
    return text.striptags() if isinstance(text, Markup) else text


def _ends(piece: str) -> tuple[str, str]:
    """The spaces around a piece of a split string, to put back around its two halves."""
    stripped = piece.strip()
    if not stripped:
        return (piece, "")
    start = piece.index(stripped)
    return piece[:start], piece[start + len(stripped) :]


def _half(value: Any, index: int) -> Any:
    """A Pair's half in one language; anything else as it is."""
    halves = getattr(value, "halves", None)
    return halves[index] if halves is not None else value


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def catalog_path(template_dirs: tuple[Path, ...], language: str) -> Path | None:
    """The most specific catalog for a language tag, the project's templates first."""
    parts = language.split("-")
    for length in range(len(parts), 0, -1):
        name = "-".join(parts[:length])
        for folder in template_dirs:
            for candidate in (folder / "strings" / f"{name}.yml", folder / "strings" / f"{name.lower()}.yml"):
                if candidate.is_file():
                    return candidate
    return None


@functools.lru_cache(maxsize=64)
def _read(path: Path, mtime_ns: int) -> tuple[str, str, dict[str, str], dict[str, int]]:
    """A catalog's direction, strings and the line of each (keyed by its modification time)."""
    from generator.yamlfile import load_yaml

    file = load_yaml(path)
    file.check_keys(("direction", "strings"), what="catalog key")
    direction = file.text("direction") or "ltr"
    if direction not in DIRECTIONS:
        raise file.error(f"direction '{direction}' must be 'ltr' or 'rtl'.", "direction")
    texts = file.get("strings")
    if not isinstance(texts, dict):
        raise file.error("'strings:' must map each key to its text.", "strings")
    faults = [
        CharterError(f"'{key}' must be text.", path, file.line("strings", key))
        for key, value in texts.items()
        if not isinstance(value, str)
    ]
    if faults:
        raise several([str(fault.message) for fault in faults])
    lines = {key: file.line("strings", key) or 1 for key in texts}
    return direction, path.stem, {str(k): str(v) for k, v in texts.items()}, lines


def read_catalog(path: Path) -> tuple[str, dict[str, str], dict[str, int]]:
    direction, _, texts, lines = _read(path, path.stat().st_mtime_ns)
    return direction, texts, lines


def check_catalog(path: Path, reference: Path) -> list[str]:
    """Every way a catalog differs from the English one, a line each (``file:line: ...``)."""
    _, texts, lines = read_catalog(path)
    _, english, english_lines = read_catalog(reference)
    file, faults = display_path(path), []
    for key in english:
        if key not in texts:
            faults.append(
                f"{file}: '{key}' is missing (English, {display_path(reference)}:{english_lines[key]}: "
                f'"{english[key]}"). Add it.'
            )
    for key, text in texts.items():
        if key not in english:
            faults.append(f"{file}:{lines[key]}: '{key}' is not an English key. Remove it or fix its name.")
        elif _placeholders(text) != _placeholders(english[key]):
            want = ", ".join("{" + p + "}" for p in sorted(_placeholders(english[key]))) or "none"
            faults.append(f"{file}:{lines[key]}: '{key}' must have the placeholders {want}, as in English.")
    return faults


@functools.lru_cache(maxsize=64)
def _strings(template_dirs: tuple[Path, ...], language: str) -> Strings:
    reference = catalog_path(template_dirs, REFERENCE)
    if reference is None:
        raise RuntimeError(f"templates/strings/{REFERENCE}.yml is missing from {template_dirs}")
    path = catalog_path(template_dirs, language) or reference
    if path != reference:
        faults = check_catalog(path, reference)
        if faults:
            raise several(faults)
    direction, texts, _ = read_catalog(path)
    return Strings(path.stem, direction, texts)


def strings_for(template_dirs: tuple[Path, ...], language: str) -> Strings:
    """The interface strings for a language tag (English where it has no catalog); for a
    bilingual edition's ``cy+en``, both catalogs (``BilingualStrings``)."""
    first, plus, second = language.partition("+")
    if plus:
        both = (_strings(template_dirs, first), _strings(template_dirs, second))
        return BilingualStrings.of(*both, (first, second))
    return _strings(template_dirs, language)


def direction_of(template_dirs: tuple[Path, ...], language: str) -> str:
    """``rtl`` or ``ltr`` for a language tag."""
    return strings_for(template_dirs, language).direction


def jinja_globals(template_dirs: tuple[Path, ...]) -> dict[str, Any]:
    """``strings(lang)`` for templates: the catalog of a language tag."""
    return {"strings": functools.partial(strings_for, template_dirs)}
