"""Starter files: ``charter init`` (a brand, a sample document and its easy read, a pack) and
``charter new`` (a document or easy read with every front matter key explained).

Everything is written from the answers as plain text (YAML strings quoted as JSON, which YAML
reads), checked before anything is written, and never over an existing file.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.colour import AA_LARGE_TEXT, AA_TEXT, WHITE, Colour, contrast, nearest_passing
from generator.errors import CharterError, display_path
from generator.formats import papers_for

DEFAULT_FONT = "Atkinson Hyperlegible"
FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")


@dataclass(frozen=True)
class Answers:
    """What ``charter init`` asks, as given."""

    name: str
    short_name: str
    url: str | None
    primary: str
    secondary: str
    logo: Path | None
    logo_alt: str | None
    font: str
    paper: str
    language: str = "en-GB"
    formats: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return slugify(self.short_name or self.name)


def slugify(name: str) -> str:
    """A folder name from an organisation's name: 'NHS Trust (North)' -> 'nhs-trust-north'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40].strip("-") or "brand"


def q(text: str) -> str:
    """A YAML string that reads back as ``text`` whatever it holds."""
    return json.dumps(text, ensure_ascii=False)


# --- Colours as they are typed -------------------------------------------------------------------


def colour_advice(value: str, role: str, palette: dict[str, str]) -> tuple[str, list[str]]:
    """What a colour is fit for on white paper, and the passing alternatives to offer: the other
    brand colours that reach AA for small text, then the colour's own nearest passing shade.
    Raises ValueError for a value that is not a colour."""
    colour = Colour.parse(value)
    ratio = contrast(colour, WHITE)
    if ratio >= AA_TEXT:
        return f"{role} {colour.hex}: {ratio:.1f}:1 on white paper, fine for text of any size.", []
    use = "large headings, bars and tints" if ratio >= AA_LARGE_TEXT else "bars and tints behind dark text"
    alternatives = [
        Colour.parse(other).hex
        for name, other in palette.items()
        if name != role and contrast(Colour.parse(other), WHITE) >= AA_TEXT
    ]
    alternatives.append(nearest_passing(colour, WHITE, AA_TEXT).hex)
    advice = (
        f"{role} {colour.hex}: {ratio:.1f}:1 on white paper, too pale for small text (4.5:1 needed); "
        f"it will be used for {use}. Passing alternatives: "
        + ", ".join(
            f"{hex_} ({contrast(Colour.parse(hex_), WHITE):.1f}:1)" for hex_ in dict.fromkeys(alternatives)
        )
        + "."
    )
    return advice, list(dict.fromkeys(alternatives))


# --- The files ------------------------------------------------------------------------------------


def brand_yml(answers: Answers, logo_name: str | None, font_file: str | None, font_family: str) -> str:
    lines = [
        f"# {answers.name}: a brand.yml file (https://posit-dev.github.io/brand-yml/), made by charter init.",
        "meta:",
        "  name:",
        f"    full: {q(answers.name)}",
        f"    short: {q(answers.short_name)}",
    ]
    if answers.url:
        lines += ["  link:", f"    home: {q(answers.url)}"]
    if logo_name:
        alt = answers.logo_alt or f"{answers.name} logo"
        lines += ["logo:", "  medium:", "    light:", f"      path: {q(logo_name)}", f"      alt: {q(alt)}"]
    lines += [
        "color:",
        "  palette:",
        f"    brand-primary: {q(Colour.parse(answers.primary).hex)}",
        f"    brand-secondary: {q(Colour.parse(answers.secondary).hex)}",
        '    ink: "#1a1a1a"',
        '    paper: "#ffffff"',
        "  foreground: ink",
        "  background: paper",
        "  primary: brand-primary",
        "  secondary: brand-secondary",
        "typography:",
    ]
    if font_file:
        lines += [
            "  fonts:",
            f"    - family: {q(font_family)}",
            "      source: file",
            "      files:",
            f"        - path: {q(font_file)}",
        ]
    lines += [f"  base: {q(font_family)}", "  headings:", f"    family: {q(font_family)}", "    weight: bold"]
    return "\n".join(lines) + "\n"


def sample_document(doc_id: str, answers: Answers) -> str:
    url = f"url: {q(answers.url)}\n" if answers.url else ""
    return f"""---
id: {doc_id}
title: Working together with {answers.short_name}
language: {answers.language}
summary: How {answers.short_name} works with the people who use its services, as equal partners.
key_points:
  - We plan our services with the people who use them.
  - We listen, and we say what we did with what we heard.
  - Everyone can take part, in the way that suits them.
credit: {q(answers.name)}
{url}---

This is a sample document made by `charter init`. Change these words to your own, then run
`charter build` to make every format again, or `charter preview` to see them as you type.

## Why we work together

People who use our services know what works and what does not. When we plan with them from
the start, our services are better and fairer.

## What we promise

- We will meet where it is easy for you to come.
- We will pay you for your time and your expenses.
- We will send papers a week before every meeting, in the format you ask for.
"""


def sample_easy_read(doc_id: str, answers: Answers) -> str:
    return f"""---
id: {doc_id}
title: Working together with {answers.short_name}
language: {answers.language}
summary: How we work with you.
key_points:
  - picture: handshake
    alt: 2 hands shaking
    text: We plan our services with you.
  - picture: ear
    alt: An ear
    text: We listen to you.
glossary:
  services: Services are the help we give to people.
---

## Why we work together

- ![2 hands shaking](openmoji:handshake)
  You know what works for you.
  We want to plan our services with you.

- ![An ear](openmoji:ear)
  We will listen to you.
  We will tell you what we did with your ideas.

## What we promise

- ![A house with a tree in the garden](openmoji:house-with-garden)
  We will meet in a place that is easy to get to.

- ![A coin](openmoji:coin)
  We will pay you for your time.
"""


def pack_manifest(answers: Answers, formats: list[tuple[str, tuple[str, ...], str]]) -> str:
    """A workshop pack of every document in the new brand; ``formats`` are (name, papers, default)."""
    lines = [
        f"# A workshop pack for {answers.name}. Build it with: charter pack {answers.slug}",
        f"title: {q(answers.short_name + ' co-production pack')}",
        "brands:",
        f"  - {answers.slug}",
        "documents: all",
        "# each format and its paper (web pages, e-books and braille have none)",
        "formats:",
    ]
    for name, papers, default in formats:
        paper = answers.paper if answers.paper in papers else default if papers else ""
        lines.append(f"  {name}: {paper}".rstrip() if paper else f"  {name}:")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Planned:
    """A file ``charter init`` or ``new`` will write: its text, or a file to copy."""

    path: Path
    text: str | None = None
    copy_of: Path | None = None


def init_files(folder: Path, answers: Answers, doc_id: str = "working-together") -> list[Planned]:
    """Every file of a new project, checked (nothing over an existing file, the logo and font
    there to copy, the colours colours)."""
    from generator.formats import FORMATS

    problems = []
    for role, value in (("--primary", answers.primary), ("--secondary", answers.secondary)):
        try:
            Colour.parse(value)
        except ValueError:
            problems.append(f"{role} '{value}' is not a colour. Use a hex code like '#1f4e79'.")
    for option, given in (("--logo", answers.logo), ("--font", _font_file(answers.font))):
        if given is not None and not given.is_file():
            problems.append(f"{option} '{given}' is not a file. Give the path of the file to copy.")
    if answers.paper not in papers_for("documents"):
        offered = ", ".join(papers_for("documents"))
        problems.append(f"--paper '{answers.paper}' is not a handout paper. Use one of: {offered}.")
    if answers.url and not re.match(r"^https?://[^\s/]+\.\S+$", answers.url):
        problems.append(f"--url '{answers.url}' is not a web address. Use a full https:// address.")
    if problems:
        raise CharterError("\n".join(problems))

    brand_dir = folder / "content" / "brands" / answers.slug
    charter_dir = folder / "content" / "charter"
    planned: list[Planned] = []
    logo_name = None
    if answers.logo is not None:
        logo_name = "logo" + answers.logo.suffix.lower()
        planned.append(Planned(brand_dir / logo_name, copy_of=answers.logo))
    font_path = _font_file(answers.font)
    font_family = answers.font
    if font_path is not None:
        font_family = _family_of(font_path)
        planned.append(Planned(brand_dir / font_path.name, copy_of=font_path))
    chosen = [f for f in FORMATS.values() if not answers.formats or f.name in answers.formats]
    planned += [
        Planned(
            brand_dir / "_brand.yml",
            brand_yml(answers, logo_name, font_path.name if font_path else None, font_family),
        ),
        Planned(charter_dir / f"{doc_id}.md", sample_document(doc_id, answers)),
        Planned(charter_dir / f"{doc_id}.easy-read.md", sample_easy_read(doc_id, answers)),
        Planned(
            folder / "content" / "packs" / f"{answers.slug}.yml",
            pack_manifest(answers, [(f.name, f.papers, f.default_paper) for f in chosen]),
        ),
    ]
    return planned


def write_planned(planned: list[Planned]) -> None:
    """Write every file, or none when any is already there."""
    existing = [display_path(p.path) for p in planned if p.path.exists()]
    if existing:
        raise CharterError(
            f"{', '.join(existing)} already exist{'s' if len(existing) == 1 else ''}; nothing was written. "
            "Choose another folder or name, or move them away."
        )
    for item in planned:
        item.path.parent.mkdir(parents=True, exist_ok=True)
        if item.copy_of is not None:
            shutil.copyfile(item.copy_of, item.path)
        else:
            item.path.write_text(item.text or "", encoding="utf-8")


def _font_file(font: str) -> Path | None:
    """The font file ``--font`` names, when it names a file rather than a family."""
    return Path(font).expanduser() if font.lower().endswith(FONT_SUFFIXES) else None


def _family_of(path: Path) -> str:
    """A font file's family name, read from its name table (else the file's stem)."""
    try:
        from fontTools.ttLib import TTFont

        with TTFont(path, lazy=True) as font:
            name = font["name"].getBestFamilyName()
    except Exception:  # not a font fontTools reads: the brand check says why
        name = None
    return str(name or path.stem)


# --- charter new ----------------------------------------------------------------------------------

NEW_DOCUMENT = """---
# A charter document: the full text. Every key is explained; lines starting '#' are ignored.
# Needed: id, title, language, summary. Run 'charter check' to check it, 'charter build' to build.
id: {id}                     # lower case letters, digits and hyphens; the same as the file name
title: {title}               # the document's title, as readers will see it
language: en-GB              # a BCP 47 tag: en-GB, cy (Welsh), ur (Urdu) ...
summary: One or two sentences saying what this document is about and who it is for.
# appendix: A                # print 'Appendix A' above the title
# charter: Co-production Charter   # the charter this document belongs to
# credit: Your organisation  # who wrote it, printed in the credits
# url: https://www.example.org/charter   # where to read it online (the posters' QR code)
# date: 2025-03-14           # when it was agreed, YYYY-MM-DD
# pronounce:                 # how the audio says acronyms and names: 'word: as said' lines
#   NHS: N H S
# status: draft              # translations only (<id>.<lang>.md): not yet checked by its speakers
key_points:                  # 3 to 6 short statements: the box on page 1 and the posters
  - The first thing a reader should know.
  - The second thing.
  - The third thing.
# The rules in short: plain English, short paragraphs, one idea each. Headings with '##'
# (the title is the only first-level heading). Pictures need alt text: ![what it shows](file.png),
# the file beside this one. Links are full https:// addresses, mailto: or tel:.
---

## The first heading

Write the full text here.
"""

NEW_EASY_READ = """---
# An easy-read version of '{id}'. Every key is explained; lines starting '#' are ignored.
id: {id}                     # the same id as the full document, {id}.md
title: {title}               # short, plain words
language: en-GB              # a BCP 47 tag: en-GB, cy, ur ...
summary: What this is about, in one short sentence.
# date: 2025-03-14           # YYYY-MM-DD
# pronounce:                 # how the audio says acronyms and names: 'word: as said' lines
#   NHS: N H S
# status: draft              # translations only (<id>.<lang>.md): not yet checked by its speakers
key_points:                  # the easy-read poster: a picture and one short sentence each
  - picture: handshake       # an OpenMoji name or code (openmoji.org), or a file beside this one
    alt: 2 hands shaking     # what the picture shows
    text: We work together.
glossary:                    # every hard word you use, in bold the first time: 'word: meaning.'
  charter: A charter is a list of things we promise to do.
# The rules in short (charter check checks them): under each '##' heading, points that are
# '- ' lines with one picture, then 1 to 3 sentences of at most 15 words, one idea each. Use
# everyday words; explain hard words in the glossary. Write numbers as digits. Say who does
# things: 'we will phone you'. No tables, no footnotes, no whole words in capitals.
---

## What this is about

- ![2 hands shaking](openmoji:handshake)
  This is our charter.
  A charter is a list of things we promise to do.
"""


def new_file(kind: str, doc_id: str, charter_dir: Path) -> Path:
    """Write a starter document or easy read for ``doc_id``; never over an existing file."""
    if not re.match(r"^[a-z0-9][a-z0-9-]*$", doc_id):
        raise CharterError(f"'{doc_id}' cannot be a document id: use lower case letters, digits and hyphens.")
    easy = kind == "easy-read"
    path = charter_dir / f"{doc_id}{'.easy-read' if easy else ''}.md"
    title = doc_id.replace("-", " ").capitalize()
    write_planned([Planned(path, (NEW_EASY_READ if easy else NEW_DOCUMENT).format(id=doc_id, title=title))])
    return path
