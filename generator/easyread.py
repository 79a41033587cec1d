"""Easy-read documents: short sentences beside pictures, under a few headings, with a glossary.

An easy-read file sits beside the full document (``<id>.easy-read.md``). Its front matter
holds the title, key points (picture + one sentence, for posters) and the glossary; its body is
``##`` headings, each followed by a bullet list where every bullet is one point: one picture
(``![alt](openmoji:name)`` or a file) and 1-3 sentences, one per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from generator.content import EASY_READ_KEYS, check_key_points, document_metadata
from generator.errors import CharterError
from generator.languages import language_problem
from generator.markdown import FOOTNOTE_LEFT as _FOOTNOTE_LEFT
from generator.markdown import parse
from generator.pictures import resolve_picture
from generator.yamlfile import YamlFile, read_text, split_front_matter

# Sentence ends in every script the tool writes: . ! ? and the Urdu and Arabic full stop and
# question mark (U+06D4, U+061F), the Gurmukhi, Devanagari and Bengali danda (। ॥); none is used otherwise.
SENTENCE_ENDS = ".!?\u06d4\u061f\u0964\u0965"
_SENTENCE_END = re.compile(rf"(?<=[{SENTENCE_ENDS}])\s+(?=\S)")


def _combining_marks() -> str:
    """A regex class body of every combining mark in the Basic Multilingual Plane: Python's
    ``\\w`` leaves out the vowel signs of Gurmukhi, Bengali and Devanagari (ਿ ੇ ਂ) and the
    harakat of Arabic, so a word of those scripts would break at each one."""
    import unicodedata

    marks = [c for c in range(0x300, 0x10000) if unicodedata.category(chr(c)).startswith("M")]
    ranges: list[tuple[int, int]] = []
    for code in marks:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges)


# A letter, digit or combining mark of any script; a word is a run of them, joined by an
# apostrophe or hyphen ("don't", "co-production", "کو-پروڈکشن", "ਕਿਵੇਂ").
WORD_CHARACTER = rf"[^\W_]|[{_combining_marks()}]"
WORD = re.compile(rf"(?:{WORD_CHARACTER})(?:{WORD_CHARACTER}|['\u2019-](?={WORD_CHARACTER}))*")


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int


@dataclass(frozen=True)
class Point:
    """One idea: a picture and the sentences beside it."""

    picture: Path | None
    alt: str
    sentences: tuple[Sentence, ...]
    line: int
    # Words marked as another language (``[Croeso]{lang=cy}``): the words, their BCP 47 tag.
    languages: tuple[tuple[str, str], ...] = ()

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


@dataclass(frozen=True)
class Part:
    """A heading and its points."""

    heading: str
    line: int
    points: tuple[Point, ...]


@dataclass(frozen=True)
class KeyPoint:
    """A key point for the easy-read poster."""

    picture: Path
    alt: str
    text: str
    line: int


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    meaning: str
    line: int


@dataclass(frozen=True)
class EasyReadDocument:
    id: str
    title: str
    language: str
    summary: str
    date: str | None
    source: Path
    parts: tuple[Part, ...]
    key_points: tuple[KeyPoint, ...]
    glossary: tuple[GlossaryEntry, ...]
    pronounce: tuple[tuple[str, str], ...] = ()  # word, how the audio says it
    draft: bool = False  # 'status: draft': a translation not yet checked by its speakers

    @property
    def points(self) -> tuple[Point, ...]:
        return tuple(p for part in self.parts for p in part.points)

    def marked_sentences(self) -> dict[tuple[int, int], Markup]:
        """HTML for each (point number, sentence number): glossary words bold at first use, words
        marked as another language in a ``<span lang>``."""
        pending = sorted(self.glossary, key=lambda g: len(g.term), reverse=True)
        marked: dict[tuple[int, int], Markup] = {}
        for p_index, point in enumerate(self.points):
            for s_index, sentence in enumerate(point.sentences):
                html, pending = _bold_first_uses(sentence.text, pending)
                marked[(p_index, s_index)] = _mark_languages(html, point.languages)
        return marked


def _mark_languages(html: Markup, languages: tuple[tuple[str, str], ...]) -> Markup:
    """``html`` (a sentence, glossary words bold) with the first place the words of each (words,
    language) stand whole in a ``<span lang>``."""
    for words, language in languages:
        pattern = re.compile(rf"(?<!\w){re.escape(escape(words))}(?!\w)")
        html = Markup(pattern.sub(rf'<span lang="{escape(language)}">\g<0></span>', str(html), count=1))
    return html


def _bold_first_uses(text: str, pending: list[GlossaryEntry]) -> tuple[Markup, list[GlossaryEntry]]:
    """Bold the glossary terms that appear here for the first time; longest terms win."""
    spans: list[tuple[int, int]] = []
    still = []
    for entry in pending:
        pattern = re.compile(
            rf"(?<!{WORD_CHARACTER}){re.escape(entry.term)}(?:s|es)?(?!{WORD_CHARACTER})", re.IGNORECASE
        )
        found = next(
            (m for m in pattern.finditer(text) if not any(a < m.end() and m.start() < b for a, b in spans)),
            None,
        )
        if found:
            spans.append(found.span())
        else:
            still.append(entry)
    out, cursor = Markup(""), 0
    for start, end in sorted(spans):
        out += escape(text[cursor:start]) + Markup("<strong>") + escape(text[start:end]) + Markup("</strong>")
        cursor = end
    return out + escape(text[cursor:]), still


def split_sentences(text: str) -> list[str]:
    """Sentences in a line of text (split after a sentence end of any script, ``SENTENCE_ENDS``)."""
    return [part.strip() for part in _SENTENCE_END.split(text.strip()) if part.strip()]


def load_easy_read(path: Path, translation: str = "") -> EasyReadDocument:
    """Read and check one easy-read file (``translation``: the language tag of a translation's
    file name, see ``generator.content.document_metadata``)."""
    if not read_text(path).strip():
        raise CharterError("the easy-read file is empty. Add front matter and points.", path, 1)
    meta, body, body_line = split_front_matter(path)
    return EasyReadDocument(
        **document_metadata(meta, EASY_READ_KEYS, translation),
        source=path,
        parts=_parts(body, path, body_line),
        key_points=_key_points(meta),
        glossary=_glossary(meta),
    )


def _glossary(meta: YamlFile) -> tuple[GlossaryEntry, ...]:
    value = meta.get("glossary")
    if value is None:
        return ()
    if not isinstance(value, dict):
        raise meta.error("glossary must be 'word: what it means' lines.", "glossary")
    entries = []
    seen: dict[str, str] = {}
    for term, meaning in value.items():
        line = meta.line("glossary", term)
        key = str(term).strip().lower()
        if key in seen:
            raise meta.error(f"glossary term '{term}' is given twice. Keep one.", "glossary", term)
        seen[key] = str(term)
        if not isinstance(meaning, str) or not meaning.strip():
            raise meta.error(f"glossary term '{term}' needs an explanation in easy words.", "glossary", term)
        entries.append(GlossaryEntry(str(term).strip(), meaning.strip(), line or 1))
    return tuple(entries)


_KEY_POINT_KEYS = ("picture", "alt", "text")


def _key_points(meta: YamlFile) -> tuple[KeyPoint, ...]:
    value = meta.get("key_points")
    if value is None:
        return ()
    if not isinstance(value, list):
        raise meta.error("key_points must be a list.", "key_points")
    check_key_points(value, meta)
    points = []
    for index, item in enumerate(value):
        where = ("key_points", index)
        if not isinstance(item, dict):
            raise meta.error(f"key point {index + 1} needs 'picture:', 'alt:' and 'text:'.", *where)
        meta.check_keys(_KEY_POINT_KEYS, *where, what="key point detail")
        picture = meta.text(*where, "picture", required=True)
        alt = meta.text(*where, "alt")
        if not alt:
            raise meta.error(f"key point {index + 1} needs 'alt:' text describing its picture.", *where)
        text = meta.text(*where, "text")
        if not text:
            raise meta.error(f"key point {index + 1} needs 'text:'.", *where)
        picture_line = meta.line(*where, "picture")
        points.append(
            KeyPoint(
                resolve_picture(str(picture), meta.path.parent, meta.path, picture_line),
                alt,
                text,
                meta.line(*where, "text") or 1,
            )
        )
    return tuple(points)


# Markdown that easy read guidance rules out, with what to write instead.
_REFUSED = {
    "table_open": (
        "easy read has no tables (easy read guidance: they are hard to follow). "
        "Write each row as a point: a picture and 1-3 short sentences."
    ),
    "footnote_block_open": (
        "easy read has no footnotes (easy read guidance: keep each idea in one place). "
        "Put the note's words in the point, or in the glossary if it explains a hard word."
    ),
}


def _footnote_line(body: str, first_line: int) -> int:
    """The line of the first footnote ('[^1]: ...') in an easy-read body."""
    for number, text in enumerate(body.splitlines()):
        if re.match(r"\s*\[\^[^\]]+\]:", text):
            return number + first_line
    return first_line


def _parts(body: str, path: Path, first_line: int) -> tuple[Part, ...]:
    """Walk the Markdown: ## headings, each followed by bullets (one bullet = one point)."""
    env: dict[str, Any] = {}
    tokens = parse(body, env, path, first_line)
    parts: list[Part] = []
    heading: tuple[str, int] | None = None
    points: list[Point] = []
    depth = 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        line = (token.map[0] + first_line) if token.map else first_line
        refused = _REFUSED.get(token.type)
        if refused:
            raise CharterError(refused, path, line if token.map else _footnote_line(body, first_line))
        if token.type == "heading_open":
            if heading:
                parts.append(Part(heading[0], heading[1], tuple(points)))
            heading, points = (tokens[index + 1].content.strip(), line), []
            index += 3
            continue
        if token.type == "bullet_list_open":
            depth += 1
        elif token.type == "bullet_list_close":
            depth -= 1
        elif token.type == "list_item_open" and depth == 1:
            if heading is None:
                raise CharterError("put a '## heading' before the first point.", path, line)
            end = next(i for i in range(index, len(tokens)) if tokens[i].type == "list_item_close")
            points.append(_point(tokens[index + 1 : end], path, line))
            index = end + 1
            continue
        elif depth == 0 and token.type not in ("bullet_list_close",):
            raise CharterError(
                "easy-read text must be '## headings' and '- ' points (a picture and 1-3 sentences each).",
                path,
                line,
            )
        index += 1
    if heading:
        parts.append(Part(heading[0], heading[1], tuple(points)))
    if env.get("footnotes", {}).get("refs"):  # a note no point refers to, which markdown-it would drop
        raise CharterError(_REFUSED["footnote_block_open"], path, _footnote_line(body, first_line))
    if not any(part.points for part in parts):
        raise CharterError("the easy-read file has no points. Add '- ![alt](picture) Sentence.' lines.", path)
    return tuple(parts)


def _sentences(lines: list[tuple[str, int]]) -> tuple[Sentence, ...]:
    """Sentences from source lines: a line may hold several, and a sentence may run on to the
    next line (it ends at a sentence end of any script, ``SENTENCE_ENDS``, or a closing quote or
    bracket after one). Each sentence keeps the line it starts on."""
    sentences: list[Sentence] = []
    pending, start = "", 0
    for text, row in lines:
        for part in split_sentences(text):
            pending, start = (f"{pending} {part}", start) if pending else (part, row)
            if pending[-1] in SENTENCE_ENDS + "\"'\u2019\u201d)":
                sentences.append(Sentence(pending, start))
                pending = ""
    if pending:
        sentences.append(Sentence(pending, start))
    return tuple(sentences)


def _point(tokens: list[Any], path: Path, line: int) -> Point:
    """One bullet: its picture and its sentences (one or more a line, or one over several)."""
    picture, alt = None, ""
    lines: list[tuple[str, int]] = []
    languages: list[tuple[str, str]] = []
    open_language: list[tuple[str, int]] = []  # each open span or link: its lang ("": none), start
    for token in tokens:
        if token.type != "inline":
            if token.type not in ("paragraph_open", "paragraph_close"):
                raise CharterError("a point holds one picture and plain sentences only.", path, line)
            continue
        row, text = token.map[0] + line - tokens[0].map[0] if token.map else line, ""
        for child in token.children or []:
            if child.type == "image":
                if picture is not None:
                    raise CharterError("a point has one picture; split this point in two.", path, row)
                alt = child.content.strip()
                src = str(child.attrGet("src") or "")
                if not alt:
                    raise CharterError(
                        f"picture '{src}' has no alt text. Write what it shows: ![what it shows]({src}).",
                        path,
                        row,
                    )
                picture = resolve_picture(src, path.parent, path, row)
            elif child.type == "footnote_ref":
                raise CharterError(_REFUSED["footnote_block_open"], path, row)
            elif child.type in ("softbreak", "hardbreak"):
                lines.append((text, row))
                row, text = row + 1, ""
            elif child.type in ("span_open", "link_open"):
                tag = child.attrGet("lang")
                problem = language_problem(str(tag)) if tag is not None else None
                if problem:
                    raise CharterError(f"{problem} Mark other words like [words]{{lang=en}}.", path, row)
                open_language.append((str(tag) if tag is not None else "", len(text)))
            elif child.type in ("span_close", "link_close") and open_language:
                language, start = open_language.pop()
                if language and text[start:].strip():
                    languages.append((text[start:].strip(), language))
            else:
                text += child.content
        if _FOOTNOTE_LEFT.search(text):
            raise CharterError(_REFUSED["footnote_block_open"], path, row)
        lines.append((text, row))
    sentences = _sentences(lines)
    if not sentences:
        raise CharterError("this point has a picture but no words. Add 1-3 short sentences.", path, line)
    return Point(picture, alt, sentences, line, tuple(languages))
