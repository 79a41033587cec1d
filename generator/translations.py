"""Translations: a document's text in another language, in files beside its source.

``content/charter/<id>.<lang>.md`` translates the full text (``<id>.md``) and
``<id>.easy-read.<lang>.md`` the easy read (``<id>.easy-read.md``); ``<lang>`` is a BCP 47 tag
(``ur``, ``pa``, ``cy``). A translation loads into the same models as its source
(``generator.content.Document``, ``generator.easyread.EasyReadDocument``) with ``language`` the
tag; a front matter ``language:`` must repeat it, and ``status: draft`` marks a translation its
speakers have not checked yet. This module finds and loads translations (what their file names
say is ``generator.filenames``); which languages a build makes is ``languages_to_build``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.blocks import Block, easy_read_blocks, full_blocks, read_fingerprints, record_text
from generator.content import Document, document_paths, find_document, load_document
from generator.easyread import EasyReadDocument, load_easy_read
from generator.errors import CharterError, display_path
from generator.filenames import (
    TranslationName,
    languages_of,
    parse_name,
    record_path,
    translation_files,
    translation_path,
)
from generator.languages import language_problem, same_language
from generator.project import Project
from generator.yamlfile import load_yaml, split_front_matter

ALL = "all"  # --language all: every language the document is translated into


def load_translation(path: Path, structure: bool = True) -> Document | EasyReadDocument:
    """Read a translation file, checked as its source would be, with the language of its name
    and (unless ``structure`` is False) its source's structure."""
    name = _checked_name(path)
    if name.easy_read:
        return load_easy_read_translation(path, structure)
    return load_text_translation(path, structure)


def load_text_translation(path: Path, structure: bool = True) -> Document:
    """A full text's translation (``appendix-a.ur.md``), checked (see ``load_translation``)."""
    document = load_document(path, _checked_name(path).language)
    if structure:
        check_structure(path)
    return document


def load_easy_read_translation(path: Path, structure: bool = True) -> EasyReadDocument:
    """An easy read's translation (``appendix-a.easy-read.ur.md``), checked (see ``load_translation``)."""
    document = load_easy_read(path, _checked_name(path).language)
    if structure:
        check_structure(path)
    return document


def _checked_name(path: Path) -> TranslationName:
    """A translation's name, its tag BCP 47 and its source beside it, or the error saying not."""
    name = parse_name(path.name)
    if name is None:
        raise CharterError(
            "not a translation's name: call it <id>.<language>.md or <id>.easy-read.<language>.md "
            "(e.g. appendix-a.ur.md).",
            path,
            1,
        )
    problem = language_problem(name.language)
    if problem:
        raise CharterError(f"{problem} (in the file name)", path, 1)
    if not (path.parent / name.source_name).is_file():
        raise CharterError(
            f"there is no '{name.source_name}' beside it to translate. Add it, or rename this file.", path, 1
        )
    return name


def check_structure(path: Path) -> None:
    """Refuse a translation whose structure is not its source's: one line a difference."""
    faults = structure_faults(path)
    if faults:
        raise CharterError.several([CharterError(fault) for fault in faults])


def structure_faults(path: Path) -> list[str]:
    """Where a translation's structure differs from its source's (see ``compare_structure``)."""
    name = _checked_name(path)
    blocks = easy_read_blocks if name.easy_read else full_blocks
    return compare_structure(blocks(path.with_name(name.source_name)), blocks(path))


_MAX_FAULTS = 20  # structure differences listed, one line each


def compare_structure(source: list[Block], translation: list[Block]) -> list[str]:
    """One line for each difference between the shapes of a source's blocks and its translation's
    (headings, paragraphs, list items, points, pictures, key points, glossary entries, in order),
    naming the translation's file and line, then the source's.

    Aligned with the fewest changes, so one block more, less or of another shape is one line, not
    a line for every block after it.
    """
    if not translation:
        return []  # a file with no title: loading it says so
    ordinal = _ordinals(translation)
    faults = []
    next_t = 0  # the translation's block after the last one aligned: where a missing one goes
    for s, t in align([b.shape for b in source], [b.shape for b in translation]):
        if s is not None and t is not None:
            if source[s].shape != translation[t].shape:
                theirs = source[s]
                faults.append(
                    f"{_where(translation[t])}: {ordinal[t]} has no match; {theirs.where} has "
                    f"{_a(theirs.shape)} here{_quote(theirs)}"
                )
            next_t = t + 1
        elif s is not None:
            at = min(next_t, len(translation) - 1)
            here = "here" if at == next_t else f"after {ordinal[at]}"
            faults.append(
                f"{_where(translation[at])}: {_a(source[s].shape)} is missing {here}; "
                f"{source[s].where} has one{_quote(source[s])}"
            )
        elif t is not None:
            faults.append(
                f"{_where(translation[t])}: {ordinal[t]} has no match in the source; "
                "remove it, or add it to the source first"
            )
            next_t = t + 1
    if len(faults) > _MAX_FAULTS:  # a file of another text altogether: the first say enough
        more = len(faults) - _MAX_FAULTS
        where = display_path(translation[0].source) if translation else "the translation"
        faults = [*faults[:_MAX_FAULTS], f"{where}: and {more:,} more differences from its source."]
    return faults


Pair = tuple[int | None, int | None]
_MAX_CELLS = 1_000_000  # beyond, two very different files are compared block by block


def align(source: list[str], translation: list[str]) -> list[Pair]:
    """The pairs of indexes of the fewest edits turning ``source`` into ``translation``: (s, t)
    kept or changed, (s, None) left out, (None, t) added; in order."""
    start = 0
    while start < min(len(source), len(translation)) and source[start] == translation[start]:
        start += 1
    end = 0
    while end < min(len(source), len(translation)) - start and source[-1 - end] == translation[-1 - end]:
        end += 1
    middle = _edits(source[start : len(source) - end], translation[start : len(translation) - end])
    head: list[Pair] = [(i, i) for i in range(start)]
    tail: list[Pair] = [(len(source) - end + k, len(translation) - end + k) for k in range(end)]
    moved: list[Pair] = [
        (None if s is None else s + start, None if t is None else t + start) for s, t in middle
    ]
    return head + moved + tail


def _edits(source: list[str], translation: list[str]) -> list[Pair]:
    """``align`` of two lists with nothing in common at either end (Levenshtein, changes first)."""
    rows, cols = len(source), len(translation)
    if rows * cols > _MAX_CELLS:
        longest = max(rows, cols)
        return [(i if i < rows else None, i if i < cols else None) for i in range(longest)]
    cost = [list(range(cols + 1))] + [[i] + [0] * cols for i in range(1, rows + 1)]
    for i in range(1, rows + 1):
        above, row, shape = cost[i - 1], cost[i], source[i - 1]
        for j in range(1, cols + 1):
            row[j] = min(above[j - 1] + _change(shape, translation[j - 1]), above[j] + 1, row[j - 1] + 1)
    pairs: list[Pair] = []
    i, j = rows, cols
    while i or j:
        if i and j and cost[i][j] == cost[i - 1][j - 1] + _change(source[i - 1], translation[j - 1]):
            i, j = i - 1, j - 1
            pairs.append((i, j))
        elif i and cost[i][j] == cost[i - 1][j] + 1:
            i -= 1
            pairs.append((i, None))
        else:
            j -= 1
            pairs.append((None, j))
    return pairs[::-1]


# Shapes from the front matter: a block of the body never takes the place of one of these.
_FRONT = ("title", "summary", "key point", "key point's picture", "glossary entry")


def _change(shape: str, other: str) -> int:
    """What aligning two shapes costs: nothing alike, 1 for a block of another shape in the same
    part (a list item for a paragraph), more than leaving one out and adding the other across
    the front matter and the body."""
    if shape == other:
        return 0
    return 1 if (shape in _FRONT) == (other in _FRONT) else 3


def _ordinals(blocks: list[Block]) -> list[str]:
    """Each block's name in messages: its shape and number among its file's blocks of that shape
    ('paragraph 5', 'list item 2', "point 3's picture"); a title or summary by its shape alone."""
    counts: dict[str, int] = {}
    named = []
    for block in blocks:
        counts[block.shape] = counts.get(block.shape, 0) + 1
        owner = block.shape.removesuffix("'s picture")
        if block.shape in ("title", "summary"):
            named.append(block.shape)
        elif owner != block.shape:
            named.append(f"{owner} {counts.get(owner, 0)}'s picture")
        else:
            named.append(f"{block.shape} {counts[block.shape]}")
    return named


def _where(block: Block) -> str:
    return f"{display_path(block.source)}:{block.line}"


def _a(shape: str) -> str:
    """'a list item', 'an easy-read point', 'the title'."""
    if shape in ("title", "summary"):
        return f"the {shape}"
    return f"{'an' if shape[0] in 'aeiou' else 'a'} {shape}"


def _quote(block: Block) -> str:
    """The start of a block's words, to find it by: ' ("We work together because...")'."""
    words = " ".join(block.text.splitlines()[-1].split() if block.kind == "picture" else block.text.split())
    return f' ("{words if len(words) <= 40 else words[:40].rstrip() + "..."}")' if words else ""


def missing(source: Path, language: str, easy_read: bool = False) -> CharterError:
    """The error for a translation that is asked for but not written."""
    name = TranslationName(source.name.removesuffix(".md"), language, easy_read)
    other = TranslationName(name.doc_id, language, not easy_read)
    if source.with_name(other.file_name).is_file():  # only the other form is translated
        only = "easy read" if other.easy_read else "full text"
        return CharterError(
            f"{name.source_name} has no '{language}' translation; only the {only} is translated "
            f"({other.file_name}). Write {display_path(source.with_name(name.file_name))}, or "
            f"build only the {only} formats in '{language}'."
        )
    return CharterError(
        f"{name.source_name} has no '{language}' translation: write it in "
        f"{display_path(source.with_name(name.file_name))} (the same headings, paragraphs and points "
        f"as {name.source_name}), or leave out --language {language}."
    )


def find_translation(source: Path, language: str, easy_read: bool = False) -> Path:
    """The translation file of a document into ``language``, or the error naming the file to write."""
    path = translation_path(source, language, easy_read)
    if not path.is_file():
        raise missing(source, language, easy_read)
    return path


def source_language(source: Path) -> str:
    """The language a document is written in (its front matter's ``language:``, else en-GB)."""
    meta, _, _ = split_front_matter(source)
    return meta.text("language") or "en-GB"


def languages_to_build(
    project: Project, doc_ids: Iterable[str], requested: Iterable[str]
) -> dict[str, list[str]]:
    """Document id -> the languages to build it in: ``""`` for the document itself, else a
    translation's tag as its file spells it.

    Nothing requested: the document itself. ``all``: every translation of each document. A tag
    that is the document's own language (``en`` or ``en-GB`` for an en-GB document) is the
    document itself. A language a document has no translation into (neither its full text nor
    its easy read) is an error naming the file to write, every such error in one run; one with
    only its easy read translated is built in the easy-read formats (``full_text``).
    """
    wanted = list(dict.fromkeys(tag.strip() for tag in requested if tag.strip()))
    problems: list[CharterError] = []
    for tag in wanted:
        problem = None if tag == ALL else language_problem(tag)
        if problem:
            problems.append(CharterError(f"--{problem} Or use 'all'."))
    if problems:
        raise CharterError.several(problems)
    chosen: dict[str, list[str]] = {}
    for doc_id in doc_ids:
        source = find_document(doc_id, project)
        if not wanted:
            chosen[doc_id] = [""]
            continue
        have = languages_of(source)
        own = source_language(source)
        languages: list[str] = []
        for tag in wanted:
            if tag == ALL:
                languages += have
            elif same_language(tag, own) or same_language(tag, own.split("-")[0]):
                languages.append("")
            else:
                spelt = next((lang for lang in have if same_language(lang, tag)), None)
                if spelt is None:
                    problems.append(missing(source, tag))
                else:
                    languages.append(spelt)
        chosen[doc_id] = list(dict.fromkeys(languages))
    if problems:
        raise CharterError.several(problems)
    return chosen


def reading(source: Path, own: str, wanted: str) -> str | None:
    """What to give someone who reads ``wanted`` (a BCP 47 tag) of the document ``source``
    written in ``own``: ``""`` the document itself, a translation's tag, or None when it has
    neither. A tag matches its language's (``ur-PK`` reads ``ur``, ``en`` reads ``en-GB``)."""

    def primary(tag: str) -> str:
        return tag.split("-")[0].lower()

    if same_language(wanted, own) or primary(wanted) == primary(own):
        return ""
    have = [lang for lang in languages_of(source) if translation_path(source, lang).is_file()]
    exact = next((lang for lang in have if same_language(lang, wanted)), None)
    return exact or next((lang for lang in have if primary(lang) == primary(wanted)), None)


def is_draft(path: Path) -> bool:
    """Whether a translation file's front matter says ``status: draft`` (read, not checked)."""
    try:
        meta, _, _ = split_front_matter(path)
        return meta.text("status") == "draft"
    except CharterError:
        return False  # charter check and the build say what is wrong with it


def translations_line(source: Path) -> str:
    """``charter list``'s line of a document's translations: 'Translations: cy (+ easy read),
    ur (+ easy read, draft), pa (easy read only)', or '' when it has none."""
    entries = []
    for language in languages_of(source):
        full, easy = (translation_path(source, language, e) for e in (False, True))
        notes = ["+ easy read"] if full.is_file() and easy.is_file() else []
        notes += [] if full.is_file() else ["easy read only"]
        notes += ["draft"] if any(is_draft(p) for p in (full, easy) if p.is_file()) else []
        entries.append(f"{language} ({', '.join(notes)})" if notes else language)
    return f"Translations: {', '.join(entries)}" if entries else ""


# --- accepted translations and stale blocks --------------------------------------------------

_RECORD_HEADER = (
    "# Written by 'charter translations accept': the source's blocks this translation follows.\n"
    "# Accept again rather than editing the fingerprints.\n"
)
_RECORD_KEYS = ("version", "date", "blocks")


@dataclass(frozen=True)
class Accepted:
    """A translation's record: the version of its source it follows, and that version's blocks."""

    version: str  # 12 hex digits over every source block's fingerprint (see ``source_version``)
    date: str | None  # the source's ``date:`` then
    fingerprints: dict[tuple[str, str], str]  # (code, kind) -> fingerprint of the source's block

    @property
    def label(self) -> str:
        """'2026-11-02, 1a2b3c4d5e6f' (or the version alone): what outputs say it follows."""
        return f"{self.date}, {self.version}" if self.date else self.version


@dataclass(frozen=True)
class Stale:
    """A translated block whose source block changed since the translation was accepted."""

    source: Block
    translation: Block

    def __str__(self) -> str:
        return (
            f"{_where(self.translation)}: {self.translation.code} ({self.translation.shape}) is stale: "
            f"{self.source.where} changed since the translation was accepted{_quote(self.source)}"
        )


def _source_blocks(path: Path) -> tuple[list[Block], list[Block]]:
    """A translation's source's blocks and its own."""
    name = _checked_name(path)
    blocks = easy_read_blocks if name.easy_read else full_blocks
    return blocks(path.with_name(name.source_name)), blocks(path)


def source_version(blocks: list[Block]) -> str:
    """A short fingerprint of a whole text: 12 hex digits over its blocks' fingerprints in order."""
    import hashlib

    joined = "\n".join(f"{b.code} {b.kind} {b.fingerprint}" for b in blocks)
    return hashlib.sha256(joined.encode()).hexdigest()[:12]


def accept(path: Path) -> tuple[Path, int]:
    """Record that the translation ``path`` follows its source as it is now: the record file and
    the number of source blocks in it. Refused while its structure differs from the source's."""
    from generator.render import write_atomic

    load_translation(path)  # checked whole, its structure included
    source, _ = _source_blocks(path)
    meta, _, _ = split_front_matter(path.with_name(_checked_name(path).source_name))
    fields: dict[str, object] = {"version": source_version(source)}
    date = meta.text("date")
    if date:
        fields["date"] = date
    target = record_path(path)
    write_atomic(target, record_text(_RECORD_HEADER, fields, source).encode())
    return target, len(source)


def load_accepted(path: Path) -> Accepted | None:
    """The record of translation ``path``, or None when it was never accepted."""
    record = record_path(path)
    if not record.is_file():
        return None
    again = f"Run charter translations accept {display_path(path)} again."
    data = load_yaml(record)
    if not isinstance(data.data, dict):
        raise data.error(f"a translation record is 'key: value' lines: version:, blocks:. {again}")
    data.check_keys(_RECORD_KEYS)
    version = data.text("version", required=True) or ""
    fingerprints = {key: value for _, entries in read_fingerprints(data, again) for key, value in entries}
    return Accepted(version, data.text("date"), fingerprints)


def stale_blocks(path: Path) -> list[Stale]:
    """The blocks of translation ``path`` whose source block changed since it was accepted (none
    when it never was, or when its structure differs: those are said otherwise)."""
    accepted = load_accepted(path)
    source, translation = _source_blocks(path)
    if accepted is None or compare_structure(source, translation):
        return []
    return [
        Stale(theirs, mine)
        for theirs, mine in zip(source, translation, strict=True)
        if accepted.fingerprints.get(theirs.key) != theirs.fingerprint
    ]


def translation_warnings(path: Path) -> list[str]:
    """What a build says of a translation it uses: never accepted, or how many blocks are stale."""
    shown = display_path(path)
    accept_it = f"charter translations accept {shown}"
    if load_accepted(path) is None:
        source = _checked_name(path).source_name
        return [
            f"{shown}: this translation was never accepted. Check that it says what {source} says, "
            f"then run {accept_it}."
        ]
    stale = stale_blocks(path)
    if not stale:
        return []
    count = f"{len(stale)} block{'s' if len(stale) != 1 else ''}"
    return [
        f"{shown}: {count} of its source changed since it was accepted (charter translations lists "
        f"them). Update the translation, then run {accept_it}."
    ]


def status_lines(project: Project) -> list[str]:
    """``charter translations``: a line for each translation saying whether it follows its source
    as it is now, one for each stale block (file:line in both languages), and a count."""
    lines, states = [], {"up to date": 0, "stale": 0, "never accepted": 0, "to fix": 0}
    for source in document_paths(project).values():
        for path in translation_files(source):
            shown = display_path(path)
            try:
                load_translation(path)
                accepted = load_accepted(path)
                stale = stale_blocks(path) if accepted else []
            except CharterError:
                states["to fix"] += 1
                lines.append(
                    f"{shown}: cannot be compared with its source until fixed (charter check {shown})"
                )
                continue
            source_name = _checked_name(path).source_name
            if accepted is None:
                states["never accepted"] += 1
                lines.append(
                    f"{shown}: never accepted; once it says what {source_name} says, run "
                    f"charter translations accept {shown}"
                )
            elif stale:
                states["stale"] += 1
                lines += [str(block) for block in stale]
            else:
                states["up to date"] += 1
                lines.append(f"{shown}: up to date (follows {source_name} version {accepted.label})")
    total = sum(states.values())
    counts = ", ".join(f"{n} {state}" for state, n in states.items() if n)
    lines.append(f"{total} translation{'s' if total != 1 else ''}{': ' + counts if counts else ''}")
    return lines
