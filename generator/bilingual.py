"""Bilingual editions: a document and its translation in one file, the first language first
(``charter build --bilingual cy,en``: Welsh read first, as Welsh partners publish).

The two documents (structure-matched by ``generator.translations``) are merged into one document
of the same kind, so every template sets it as it sets any other:

- each short text (title, summary, key point, heading, picture description, glossary word) is a
  ``Pair`` (``generator.pair``): plain text reads "first / second" (the PDF's title, a running
  header), and the templates' text filters (``generator.typeset.halves``) set each half as a
  block in its own language;
- the full text's body interleaves the two block by block (each first-language heading,
  paragraph, list item or table followed by its second-language one), every block carrying
  its ``lang``;
- an easy-read point keeps one picture, with the first language's sentences then the second's;
- interface strings come from both catalogs (``generator.strings.BilingualStrings``), the
  first language first.

The document's own language (the root ``lang``) is the first; the language tag ``cy+en`` names
the edition (``appendix-a.cy+en-handout.pdf``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from generator.content import Document
from generator.easyread import EasyReadDocument, GlossaryEntry, KeyPoint, Part, Point, Sentence
from generator.errors import CharterError, display_path
from generator.filenames import languages_of
from generator.formats import FORMATS, get_format
from generator.languages import same_language
from generator.pair import LTR, Pair
from generator.translations import languages_to_build, source_language

if TYPE_CHECKING:
    from generator.project import Project


def edition_languages(
    project: Project, doc_ids: list[str], spec: str, languages: Iterable[str]
) -> dict[str, list[str]]:
    """Document id -> ["cy+en"]: the edition ``--bilingual cy,en`` asks for, each document having
    both languages (every missing translation named, as ``--language`` names them)."""
    if list(languages):
        raise CharterError("--bilingual and --language make different files: build them in two runs.")
    tags = [tag.strip() for tag in spec.split(",")]
    if len(tags) != 2 or not all(tags) or same_language(tags[0], tags[1]):
        raise CharterError(
            f"--bilingual takes two different languages, the one read first first, like "
            f"'--bilingual cy,en' (not '{spec}')."
        )
    languages_to_build(project, doc_ids, tags)
    return {doc_id: ["+".join(tags)] for doc_id in doc_ids}


def check_formats(formats: Iterable[str]) -> None:
    """Refuse a format no bilingual edition is made in (``Format.bilingual``), naming those it is."""
    made = [fmt.name for fmt in FORMATS.values() if fmt.bilingual]
    others = [name for name in formats if not get_format(name).bilingual]
    if others:
        raise CharterError(
            f"a bilingual edition is made as {', '.join(made)}, not {', '.join(others)}. Leave out "
            f"--format {others[0]}, or build each language on its own with --language."
        )


def versions_of(source: Path, edition: str) -> tuple[str, str]:
    """The two language versions of a bilingual edition ``cy+en`` of a document: each "" for the
    document itself (its own language) or a translation's tag as its file spells it."""
    own, have = source_language(source), languages_of(source)

    def version(tag: str) -> str:
        if same_language(tag, own) or same_language(tag, own.split("-")[0]):
            return ""
        return next((spelt for spelt in have if same_language(spelt, tag)), tag)

    first, _, second = edition.partition("+")
    return version(first), version(second)


def split_tag(tag: str) -> tuple[str, str] | None:
    """``cy+en`` -> ("cy", "en"); None for a one-language tag."""
    first, plus, second = tag.partition("+")
    return (first, second) if plus else None


@dataclass(frozen=True)
class Sides:
    """The two languages of an edition, first first, and their writing directions."""

    languages: tuple[str, str]
    directions: tuple[str, str] = LTR

    def pair(self, first: str, second: str) -> Pair:
        return Pair(first, second, self.languages, self.directions)

    def optional(self, first: str | None, second: str | None) -> Pair | None:
        """A Pair of two optional texts; None when both are empty."""
        return self.pair(first or "", second or "") if first or second else None

    def attributes(self, index: int) -> dict[str, str]:
        """``lang`` for one side's element, and ``dir`` when the two directions differ."""
        mixed = self.directions[0] != self.directions[1]
        return {"lang": self.languages[index], **({"dir": self.directions[index]} if mixed else {})}


def mismatch(first: Any, second: Any, what: str) -> CharterError:
    return CharterError(
        f"{display_path(first.source)} and {display_path(second.source)} do not have the same {what}, "
        "so they cannot be set side by side. Give the translation the source's structure "
        "(charter check names each difference)."
    )


def merge_documents(first: Document, second: Document, directions: tuple[str, str] = LTR) -> Document:
    """A full text in two languages (written in ``directions``): short texts as Pairs, the body
    interleaved block by block."""
    sides = Sides((first.language, second.language), directions)
    if len(first.key_points) != len(second.key_points):
        raise mismatch(first, second, "key points")
    return replace(
        first,
        title=sides.pair(first.title, second.title),
        language="+".join(sides.languages),
        summary=sides.optional(first.summary, second.summary) or "",
        key_points=tuple(sides.pair(a, b) for a, b in zip(first.key_points, second.key_points, strict=True)),
        body_html=interleave(first, second, sides),
        charter=sides.optional(first.charter, second.charter),
        credit=sides.optional(first.credit, second.credit),
        draft=first.draft or second.draft,  # a draft translation on either side says so
    )


def interleave(first: Document, second: Document, sides: Sides) -> str:
    """The two bodies block by block: each top-level block of the first followed by the second's
    (a list keeps one list, each item holding the first's words then the second's), every block
    marked with its ``lang``."""
    from lxml import html

    ones, twos = (
        html.fragments_fromstring(doc.body_html) if doc.body_html.strip() else [] for doc in (first, second)
    )
    if any(isinstance(block, str) for block in [*ones, *twos]):
        ones, twos = ([_wrapped(blocks)] for blocks in (ones, twos))
    if len(ones) != len(twos) or any(a.tag != b.tag for a, b in zip(ones, twos, strict=False)):
        raise mismatch(first, second, "headings, paragraphs and lists")
    for block in twos:
        _namespaced(block, f"{second.language}-")
    out = []
    for one, two in zip(ones, twos, strict=True):
        one_items, two_items = (list(block.iterchildren("li")) for block in (one, two))
        if one.tag in ("ul", "ol") and len(one_items) == len(two_items) == len(one) == len(two):
            for item_one, item_two in zip(one_items, two_items, strict=True):
                _take_halves(item_one, item_two, sides)
            one.attrib.update(sides.attributes(0))
            out.append(html.tostring(one, encoding="unicode"))
            continue
        one.attrib.update(sides.attributes(0))
        two.attrib.update(sides.attributes(1))
        two.set("class", " ".join(filter(None, [two.get("class"), "second"])))
        out += [html.tostring(one, encoding="unicode"), html.tostring(two, encoding="unicode")]
    return "\n".join(out)


def _namespaced(block: Any, prefix: str) -> None:
    """The second language's ids (footnotes, their headings) and the links and labels naming them
    prefixed, so the two bodies' ``note-1`` stay two."""
    for element in block.iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        if element.get("id"):
            element.set("id", prefix + element.get("id"))
        if (element.get("href") or "").startswith("#"):
            element.set("href", "#" + prefix + element.get("href")[1:])
        for name in ("aria-labelledby", "aria-describedby"):
            if element.get(name):
                element.set(name, " ".join(prefix + ref for ref in element.get(name).split()))


def _wrapped(blocks: list[Any]) -> Any:
    """Loose text and elements in one ``div`` (a body that is not all blocks)."""
    from lxml import html

    div = html.Element("div")
    for block in blocks:
        if isinstance(block, str):
            if len(div):
                div[-1].tail = (div[-1].tail or "") + block
            else:
                div.text = (div.text or "") + block
        else:
            div.append(block)
    return div


BLOCKS = frozenset({"p", "ul", "ol", "div", "table", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6"})


def _take_halves(item: Any, other: Any, sides: Sides) -> None:
    """List item ``item`` made to hold its own content then ``other``'s, each half in a ``span``
    with its language (a ``div`` when it holds blocks, as a loose list's paragraphs)."""
    from lxml import html

    halves = []
    for index, source in enumerate((item, other)):
        tag = "div" if any(child.tag in BLOCKS for child in source) else "span"
        half = html.Element(tag, {"class": "half", **sides.attributes(index)})
        half.text, source.text = source.text, None
        for child in list(source):
            half.append(child)
        halves.append(half)
    halves[0].tail = " "  # read as two phrases, not run together
    item.extend(halves)


def merge_easy_reads(
    first: EasyReadDocument, second: EasyReadDocument, directions: tuple[str, str] = LTR
) -> EasyReadDocument:
    """An easy read in two languages (written in ``directions``): each point one picture, the
    first language's sentences then the second's; headings, key points and glossary words as
    Pairs."""
    sides = Sides((first.language, second.language), directions)
    both = sides.pair
    if [len(p.points) for p in first.parts] != [len(p.points) for p in second.parts]:
        raise mismatch(first, second, "headings and points")
    if len(first.key_points) != len(second.key_points) or len(first.glossary) != len(second.glossary):
        raise mismatch(first, second, "key points and words to know")
    parts = []
    for part_one, part_two in zip(first.parts, second.parts, strict=True):
        points = []
        for one, two in zip(part_one.points, part_two.points, strict=True):
            own, other = sides.attributes(0), sides.attributes(1)
            sentences = (
                *(HalfSentence(s.text, s.line, own["lang"], own.get("dir", "")) for s in one.sentences),
                *(
                    HalfSentence(s.text, s.line, other["lang"], other.get("dir", ""), n == 0)
                    for n, s in enumerate(two.sentences)
                ),
            )
            points.append(Point(one.picture or two.picture, both(one.alt, two.alt), sentences, one.line))
        parts.append(Part(both(part_one.heading, part_two.heading), part_one.line, tuple(points)))
    key_points = tuple(
        KeyPoint(one.picture, both(one.alt, two.alt), both(one.text, two.text), one.line)
        for one, two in zip(first.key_points, second.key_points, strict=True)
    )
    glossary = tuple(
        GlossaryEntry(both(_capital(one.term), _capital(two.term)), both(one.meaning, two.meaning), one.line)
        for one, two in zip(first.glossary, second.glossary, strict=True)
    )
    return BilingualEasyRead(
        id=first.id,
        title=both(first.title, second.title),
        language="+".join(sides.languages),
        summary=sides.optional(first.summary, second.summary) or "",
        date=first.date,
        source=first.source,
        parts=tuple(parts),
        key_points=key_points,
        glossary=glossary,
        pronounce=first.pronounce,
        draft=first.draft or second.draft,  # a draft translation on either side says so
        halves=(first, second),
    )


def _capital(term: str) -> str:
    return term[:1].upper() + term[1:]


@dataclass(frozen=True)
class HalfSentence(Sentence):
    """An easy-read sentence in one language of a bilingual point (``opens``: the first of the
    second language's sentences)."""

    language: str = ""
    direction: str = ""  # set where the two languages' directions differ
    opens: bool = False


@dataclass(frozen=True)
class BilingualEasyRead(EasyReadDocument):
    """An easy read in two languages (``merge_easy_reads``), which keeps the two it was made of to
    mark each one's glossary words in its own sentences."""

    halves: tuple[EasyReadDocument, ...] = ()

    def marked_sentences(self) -> dict[tuple[int, int], Markup]:
        """Each language's sentences with its own words to know bold at their first use."""
        first, second = (half.marked_sentences() for half in self.halves)
        count = [len(p.sentences) for p in self.halves[0].points]
        marked = {}
        for index, point in enumerate(self.points):
            for s_index in range(len(point.sentences)):
                own = s_index < count[index]
                marked[(index, s_index)] = (
                    first[(index, s_index)] if own else second[(index, s_index - count[index])]
                )
        return marked
