"""Right-to-left runs redrawn word by word in reading order, each word with its text, so that
extracting a page in content order gives Urdu and Arabic words as written and in order.

WeasyPrint 70 draws a right-to-left run as one sequence of glyphs from left to right (visual
order) and maps each glyph to Unicode once: Nastaliq's contextual glyphs come back mangled or
unmapped, and its raised glyphs (text rise) split lines. Content order gave 3-10% of an Urdu
page's words back; an ``/ActualText`` holding the run's text gave them reversed. Measured with
PDFium (pypdfium2 5.15) and poppler 25 (``pdftotext -raw``), both read a marked-content
``/ActualText`` as the text of the glyphs it covers, as drawn, and reorder it themselves:

- PDFium gathers the text objects of a line, sorts them by their left edge, takes the
  ``/ActualText`` of the first object of each marked sequence (the others of that sequence,
  when they come next, are passed over), and reverses each run of right-to-left letters;
- poppler keeps drawing order, takes each ``/ActualText`` as one word, reverses its
  right-to-left part, and starts a new line when a word lies left of the one before.

So each word of a right-to-left run is drawn on its own, in reading order (the first word, the
rightmost, first), its glyphs at the very places they had, in a marked sequence whose
``/ActualText`` is the word as drawn (:func:`_visual_text`) and a space; its glyphs on the
baseline in one ``TJ`` (one text object), its raised or lowered glyphs (Nastaliq's cascade,
Arabic's marks) drawn after all the run's words, with the run's spaces, under an
``/ActualText`` of a tab, which PDFium passes over and poppler reads as white space: a line's
words stay together for PDFium's sort. Glyphs a font's ToUnicode maps to nothing get U+200F
(:func:`_mark_unmapped`). The run keeps its MCID, and its structure element keeps the run's
text in reading order as ``/ActualText`` for readers that read the tags
(:func:`generator.finish.structure.spell_runs`). A run whose glyphs do not fall into as many
words as its text has, or that uses a text operator besides ``Tm``, ``Tf``, ``Ts`` and ``TJ``,
is left as WeasyPrint drew it.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from decimal import Decimal
from typing import NamedTuple

import pikepdf

_STATE = {"Tm", "Tf", "Ts", "TJ"}
_EMC = pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC"))
_SKIP = "\t"  # the /ActualText of raised glyphs and spaces: PDFium passes over it, poppler reads white space
_UNMAPPED = re.compile(rb"(<[0-9a-fA-F]+>\s*)<>")
_CMAP_CHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.DOTALL)
_CMAP_RANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.DOTALL)
_PAIR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")
_TRIPLE = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")


_Ops = list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage]


class _Font(NamedTuple):
    widths: dict[int, float]
    default: float
    spaces: frozenset[int]  # glyphs mapped to white space


class _Glyph(NamedTuple):
    gid: int
    font: pikepdf.Name
    size: float
    rise: float
    x: float  # where the glyph starts, along the baseline, in text space
    advance: float  # its width, in text space


def order_runs(page: pikepdf.Page, texts: dict[int, str]) -> None:
    """Redraw each right-to-left run of ``page`` (``texts``: its text by MCID) word by word in
    reading order; the page's content stream is written back only when a run changed."""
    if not texts:
        return
    fonts: dict[str, _Font | None] = {}
    instructions = pikepdf.parse_content_stream(page)
    reordered = _lines_in_reading_order(instructions, texts)
    changed = reordered is not None
    instructions = instructions if reordered is None else reordered
    out: _Ops = []
    blocks = {block.start: block for block in _blocks(instructions, texts)}
    ends = {line[-1].start: line for line in _lines(list(blocks.values()), 1)}
    moved: list[_Ops] = []  # raised glyphs of the line's runs so far, to be drawn after its words
    index = 0
    while index < len(instructions):
        instruction = instructions[index]
        mcid = _mcid(instruction)
        if mcid is None:
            out.append(instruction)
            index += 1
            continue
        end = _end(instructions, index)
        inner = instructions[index + 1 : end]
        block = blocks.get(index)
        redrawn = _redraw(inner, texts[mcid], page, fonts) if mcid in texts else None
        changed = changed or redrawn is not None
        out.append(instruction)
        if redrawn is None:
            out.extend(inner)
        elif block is None or index in ends:
            out.extend([*redrawn.head, *redrawn.raised, *redrawn.tail])
        else:
            out.extend([*redrawn.head, *redrawn.tail])
            if redrawn.raised:
                moved.append(_elsewhere(redrawn.raised, inner, block))
        if index in ends or block is None:
            out.extend(op for segment in moved for op in segment)
            moved = []
        index = end
    if changed:
        page.contents_coalesce()
        page.obj.Contents.write(pikepdf.unparse_content_stream(out))
        for name, info in fonts.items():
            if info is not None:
                _mark_unmapped(page.obj.Resources.Font[name])  # type: ignore[arg-type]


class _Block(NamedTuple):
    start: int  # the index of its BDC
    end: int  # the index of its EMC
    y: float  # its baseline
    x: float  # its left edge
    before: dict[str, pikepdf.ContentStreamInstruction | None]  # the graphics state it starts in
    after: dict[str, pikepdf.ContentStreamInstruction | None]
    rtl: int  # characters of right-to-left runs
    other: int  # glyphs of other runs


# The operators WeasyPrint sets a run's colour and opacity with, by the part of the state they set.
_STATE_OPS = (
    {"gs": "gs", "cs": "fill space", "CS": "stroke space"}
    | dict.fromkeys(("rg", "g", "k", "sc", "scn"), "fill")
    | dict.fromkeys(("RG", "G", "K", "SC", "SCN"), "stroke")
)
_PARTS = ("gs", "fill space", "fill", "stroke space", "stroke")


def _lines_in_reading_order(instructions: _Ops, texts: dict[int, str]) -> _Ops | None:
    """``instructions`` with the runs of text of each line of right-to-left text in reading
    order (the rightmost first), or None when no line needs it. WeasyPrint draws a line's runs
    (a link, bold words, an English name) left to right, and poppler reads runs in drawing
    order. A line is a sequence of runs drawn one after the other on one baseline, each
    nothing but a text object and its colour and opacity; each moved run is given the colour
    and opacity it was drawn with, and what follows the line the state it had after it."""
    blocks = _blocks(instructions, texts)
    out: _Ops = []
    done = 0
    changed = False
    for line in _lines(blocks):
        order = sorted(line, key=lambda block: -block.x)
        if order == line or sum(b.rtl for b in line) <= sum(b.other for b in line):
            continue
        parts = {p for b in line for p in _PARTS if b.after[p] is not b.before[p]}
        if any(b.before[p] is None for b in line for p in parts):
            continue  # a part of the state never set before the line: left as drawn
        out.extend(instructions[done : line[0].start])
        for block in order:
            out.extend(op for p in _PARTS if p in parts and (op := block.before[p]) is not None)
            out.extend(instructions[block.start : block.end + 1])
        out.extend(op for p in _PARTS if p in parts and (op := line[-1].after[p]) is not None)
        done = line[-1].end + 1
        changed = True
    return [*out, *instructions[done:]] if changed else None


def _lines(blocks: list[_Block], least: int = 2) -> list[list[_Block]]:
    """Runs drawn one right after the other on one baseline, ``least`` or more of them."""
    lines: list[list[_Block]] = []
    for block in blocks:
        last = lines[-1][-1] if lines else None
        if last is not None and block.start == last.end + 1 and abs(block.y - last.y) < 1:
            lines[-1].append(block)
        else:
            lines.append([block])
    return [line for line in lines if len(line) >= least]


def _elsewhere(raised: _Ops, inner: _Ops, block: _Block) -> _Ops:
    """A run's raised glyphs to be drawn in the marked content of the last run of its line, so
    that all the line's words come first: in a text object of their own, with the run's colour
    and opacity, the graphics state saved and restored around them."""
    state = dict(block.before)
    for instruction in inner[: [str(getattr(i, "operator", "")) for i in inner].index("BT")]:
        _apply(instruction, state, [])
    colour = [op for part in _PARTS if (op := state[part]) is not None]
    begin, end = pikepdf.Operator("BT"), pikepdf.Operator("ET")
    return [
        pikepdf.ContentStreamInstruction([], pikepdf.Operator("q")),
        *colour,
        pikepdf.ContentStreamInstruction([], begin),
        *raised,
        pikepdf.ContentStreamInstruction([], end),
        pikepdf.ContentStreamInstruction([], pikepdf.Operator("Q")),
    ]


def _blocks(instructions: _Ops, texts: dict[int, str]) -> list[_Block]:
    """Each marked run of text that holds one text object and nothing else but its colour and
    opacity, with the graphics state it starts and ends in."""
    state: dict[str, pikepdf.ContentStreamInstruction | None] = dict.fromkeys(_PARTS)
    saved: list[dict[str, pikepdf.ContentStreamInstruction | None]] = []
    blocks: list[_Block] = []
    index = 0
    while index < len(instructions):
        instruction = instructions[index]
        mcid = _mcid(instruction)
        if mcid is not None:
            end = _end(instructions, index)
            before = dict(state)
            plain = _plain(instructions[index + 1 : end])
            for inner in instructions[index + 1 : end]:
                _apply(inner, state, saved)
            if plain is not None:
                y, x, glyphs = plain
                text = texts.get(mcid)
                rtl, other = (len(text), 0) if text is not None else (0, glyphs)
                blocks.append(_Block(index, end, y, x, before, dict(state), rtl, other))
            index = end + 1
            continue
        _apply(instruction, state, saved)
        index += 1
    return blocks


def _apply(
    instruction: pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage,
    state: dict[str, pikepdf.ContentStreamInstruction | None],
    saved: list[dict[str, pikepdf.ContentStreamInstruction | None]],
) -> None:
    if not isinstance(instruction, pikepdf.ContentStreamInstruction):
        return
    operator = str(instruction.operator)
    if operator == "q":
        saved.append(dict(state))
    elif operator == "Q" and saved:
        state.update(saved.pop())
    elif operator in _STATE_OPS:
        state[_STATE_OPS[operator]] = instruction


def _plain(inner: _Ops) -> tuple[float, float, int] | None:
    """A run's baseline, left edge and number of glyphs, when it holds one text object and no
    other operator than colour and opacity; else None."""
    operators = [str(i.operator) if isinstance(i, pikepdf.ContentStreamInstruction) else "" for i in inner]
    if operators.count("BT") != 1 or operators.count("ET") != 1 or "Tm" not in operators:
        return None
    begin, end = operators.index("BT"), operators.index("ET")
    outside = operators[:begin] + operators[end + 1 :]
    if not set(outside) <= set(_STATE_OPS) or not set(operators[begin + 1 : end]) <= _STATE | set(_STATE_OPS):
        return None
    matrix = inner[operators.index("Tm")]
    assert isinstance(matrix, pikepdf.ContentStreamInstruction)
    glyphs = sum(
        len(bytes(item)) // 2
        for i in inner[begin:end]
        if isinstance(i, pikepdf.ContentStreamInstruction) and str(i.operator) == "TJ"
        for item in i.operands[0]
        if isinstance(item, pikepdf.String)
    )
    return float(matrix.operands[5]), float(matrix.operands[4]), glyphs


def _mark_unmapped(font: pikepdf.Dictionary) -> None:
    """Map the glyphs the font's ToUnicode maps to nothing (WeasyPrint maps only the first glyph
    of a cluster: most of Nastaliq's) to U+200F RIGHT-TO-LEFT MARK, an invisible character of
    right-to-left class. PDFium takes an unmapped glyph's number for its character (mostly
    Latin letters), judges such a text object left to right, and then leaves its
    ``/ActualText`` unreversed."""
    cmap = font.ToUnicode.read_bytes()
    marked = _UNMAPPED.sub(rb"\1<200F>", cmap)
    if marked != cmap:
        font.ToUnicode.write(marked)


def _mcid(instruction: object) -> int | None:
    if not isinstance(instruction, pikepdf.ContentStreamInstruction) or str(instruction.operator) != "BDC":
        return None
    properties = instruction.operands[1] if len(instruction.operands) == 2 else None
    return (
        int(properties.MCID) if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties else None
    )


def _end(instructions: _Ops, start: int) -> int:
    """The index of the EMC that closes the marked sequence opened at ``start``."""
    depth = 0
    for index in range(start, len(instructions)):
        instruction = instructions[index]
        if not isinstance(instruction, pikepdf.ContentStreamInstruction):
            continue
        operator = str(instruction.operator)
        depth += operator in ("BDC", "BMC")
        depth -= operator == "EMC"
        if depth == 0:
            return index
    return len(instructions)


class _Redrawn(NamedTuple):
    head: _Ops  # the run's marked content up to its words, them included
    raised: _Ops  # its raised and lowered glyphs and its spaces (text operators), maybe none
    tail: _Ops  # the rest: the text state WeasyPrint left, ET and after


def _redraw(inner: _Ops, text: str, page: pikepdf.Page, fonts: dict[str, _Font | None]) -> _Redrawn | None:
    """``inner`` (a run's marked content) with its text object redrawn word by word, or None."""
    operators = [str(i.operator) if isinstance(i, pikepdf.ContentStreamInstruction) else "" for i in inner]
    if operators.count("BT") != 1 or operators.count("ET") != 1:
        return None
    begin, end = operators.index("BT"), operators.index("ET")
    body = inner[begin + 1 : end]
    if not body or str(body[0].operator) != "Tm" or not {str(i.operator) for i in body} <= _STATE:
        return None
    matrix = [float(value) for value in body[0].operands]
    glyphs = _glyphs(body[1:], page, fonts)
    if glyphs is None:
        return None
    groups = _groups(glyphs, fonts)
    words = text.split()
    drawn = [group for group in groups if not group[1]]
    if not words or len(drawn) != len(words):
        return None
    visual = _visual(words)  # logical index of each word, left to right
    placed = {logical: drawn[position][0] for position, logical in enumerate(visual)}
    head: _Ops = [*inner[: begin + 1]]
    rest: list[_Glyph] = [glyph for run, space in groups if space for glyph in run]
    for logical, word in enumerate(words):
        glyphs_of_word = placed[logical]
        base = glyphs_of_word[0].rise if all(g.rise for g in glyphs_of_word) else 0.0
        head.append(_marked(_visual_text(word) + " "))
        head.extend(_show([g for g in glyphs_of_word if g.rise == base], matrix))
        head.append(_EMC)
        rest.extend(g for g in glyphs_of_word if g.rise != base)
    raised: _Ops = []
    if rest:
        raised.append(_marked(_SKIP))
        for rise in dict.fromkeys(g.rise for g in rest):
            raised.extend(_show([g for g in sorted(rest, key=lambda g: g.x) if g.rise == rise], matrix))
        raised.append(_EMC)
    last = glyphs[-1]  # the text state WeasyPrint left, kept for what follows
    tail: _Ops = [
        pikepdf.ContentStreamInstruction([last.font, _number(last.size)], pikepdf.Operator("Tf")),
        _op("Ts", _final_rise(body)),
        *inner[end:],
    ]
    return _Redrawn(head, raised, tail)


def _final_rise(body: _Ops) -> float:
    rises = [
        float(i.operands[0])
        for i in body
        if isinstance(i, pikepdf.ContentStreamInstruction) and str(i.operator) == "Ts"
    ]
    return rises[-1] if rises else 0.0


def _glyphs(body: _Ops, page: pikepdf.Page, fonts: dict[str, _Font | None]) -> list[_Glyph] | None:
    """The glyphs a text object's ``Tf``, ``Ts`` and ``TJ`` operators draw, with their places."""
    font: pikepdf.Name | None = None
    size = rise = x = 0.0
    found: list[_Glyph] = []
    for instruction in body:
        if not isinstance(instruction, pikepdf.ContentStreamInstruction):
            return None
        operator, operands = str(instruction.operator), instruction.operands
        if operator == "Tf":
            font, size = pikepdf.Name(str(operands[0])), float(operands[1])
            if _font(page, str(font), fonts) is None:
                return None
        elif operator == "Ts":
            rise = float(operands[0])
        elif operator == "TJ":
            info = _font(page, str(font), fonts) if font is not None else None
            if info is None or font is None:
                return None
            for item in operands[0]:
                if isinstance(item, pikepdf.String):
                    data = bytes(item)
                    for start in range(0, len(data) - 1, 2):
                        gid = int.from_bytes(data[start : start + 2], "big")
                        advance = info.widths.get(gid, info.default) * size / 1000
                        found.append(_Glyph(gid, font, size, rise, x, advance))
                        x += advance
                else:
                    x -= float(item) * size / 1000
    return found


def _font(page: pikepdf.Page, name: str, fonts: dict[str, _Font | None]) -> _Font | None:
    """A Type0 Identity-H font's widths and white-space glyphs (None for any other font)."""
    if name not in fonts:
        fonts[name] = None
        resources = page.obj.get("/Resources")
        fonts_of_page = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) else None
        font = fonts_of_page.get(name) if isinstance(fonts_of_page, pikepdf.Dictionary) else None
        if (
            isinstance(font, pikepdf.Dictionary)
            and font.get("/Subtype") == "/Type0"
            and font.get("/Encoding") == "/Identity-H"
            and "/ToUnicode" in font
        ):
            descendant = font.DescendantFonts[0]
            widths = descendant.get("/W")
            fonts[name] = _Font(
                _widths(widths if isinstance(widths, pikepdf.Array) else pikepdf.Array()),
                float(descendant.get("/DW", 1000)),
                _spaces(font.ToUnicode.read_bytes()),
            )
    return fonts[name]


def _widths(array: pikepdf.Array) -> dict[int, float]:
    widths: dict[int, float] = {}
    index = 0
    while index + 1 < len(array):
        first, then = int(array[index]), array[index + 1]
        if isinstance(then, pikepdf.Array):
            widths.update({first + k: float(width) for k, width in enumerate(then)})
            index += 2
        else:
            widths.update(dict.fromkeys(range(first, int(then) + 1), float(array[index + 2])))
            index += 3
    return widths


def _spaces(cmap: bytes) -> frozenset[int]:
    spaces = set()
    for block in _CMAP_CHAR.findall(cmap):
        for source, target in _PAIR.findall(block):
            if target and bytes.fromhex(target.decode()).decode("utf-16-be", "replace").isspace():
                spaces.add(int(source, 16))
    for block in _CMAP_RANGE.findall(cmap):
        for first, last, target in _TRIPLE.findall(block):
            start = int.from_bytes(bytes.fromhex(target.decode()), "big")
            for gid in range(int(first, 16), int(last, 16) + 1):
                if chr(start + gid - int(first, 16)).isspace():
                    spaces.add(gid)
    return frozenset(spaces)


def _groups(glyphs: list[_Glyph], fonts: dict[str, _Font | None]) -> list[tuple[list[_Glyph], bool]]:
    """The glyphs in runs of words and of white space, left to right: (glyphs, is space)."""
    groups: list[tuple[list[_Glyph], bool]] = []
    for glyph in glyphs:
        info = fonts[str(glyph.font)]
        space = info is not None and glyph.gid in info.spaces
        if groups and groups[-1][1] == space:
            groups[-1][0].append(glyph)
        else:
            groups.append(([glyph], space))
    return groups


def _direction(word: str) -> str:
    """R for a word with a right-to-left letter, L for one with a left-to-right letter or a
    digit, else N (punctuation)."""
    classes = {unicodedata.bidirectional(c) for c in word}
    if classes & {"R", "AL"}:
        return "R"
    return "L" if classes & {"L", "EN", "AN"} else "N"


def _visual(words: list[str]) -> list[int]:
    """The logical index of each word, left to right, in a right-to-left paragraph (the
    bidirectional algorithm's levels 1 and 2): left-to-right words keep their order among
    themselves, punctuation between two of them goes with them."""
    directions = [_direction(word) for word in words]
    levels = []
    for index, direction in enumerate(directions):
        if direction == "N":
            before = next((d for d in reversed(directions[:index]) if d != "N"), "R")
            after = next((d for d in directions[index + 1 :] if d != "N"), "R")
            direction = "L" if before == after == "L" else "R"
        levels.append(2 if direction == "L" else 1)
    order = list(range(len(words)))[::-1]
    result: list[int] = []
    index = 0
    while index < len(order):
        if levels[order[index]] == 2:
            end = index
            while end < len(order) and levels[order[end]] == 2:
                end += 1
            result.extend(order[index:end][::-1])
            index = end
        else:
            result.append(order[index])
            index += 1
    return result


def _visual_text(word: str) -> str:
    """A word's ``/ActualText``: each run of right-to-left letters reversed in its place, the
    runs and what lies between them (marks, punctuation, digits) joined by U+200E LEFT-TO-RIGHT
    MARK. Both extractors reverse a run of right-to-left letters in place; PDFium stops a run at
    a mark (tanween, shadda) or punctuation, poppler only at a left-to-right character, so the
    invisible mark ends the run for both: "ma'an" (meem, ain, tanween, alef) is ain meem, mark,
    tanween, mark, alef. A word without a right-to-left letter is itself."""
    runs = ["".join(run) for _, run in itertools.groupby(word, key=_rtl)]
    if not any(_rtl(c) for c in word):
        return word
    return "\u200e".join(run[::-1] if _rtl(run[0]) else run for run in runs)


def _rtl(character: str) -> bool:
    return unicodedata.bidirectional(character) in ("R", "AL")


def _marked(text: str) -> pikepdf.ContentStreamInstruction:
    properties = pikepdf.Dictionary(ActualText=pikepdf.String(text))
    return pikepdf.ContentStreamInstruction([pikepdf.Name.Span, properties], pikepdf.Operator("BDC"))


def _number(value: float) -> Decimal:
    return Decimal(repr(round(value, 6))).normalize() if value else Decimal(0)


def _show(glyphs: list[_Glyph], matrix: list[float]) -> list[pikepdf.ContentStreamInstruction]:
    """Operators drawing ``glyphs`` (of one rise) where they were, in one ``TJ`` per font: the
    text matrix moved to the first, then each glyph put at its place by the adjustment before it."""
    a, b, c, d, e, f = matrix
    pen = glyphs[0].x
    drawn = [_op("Tm", a, b, c, d, e + a * pen, f + b * pen), _op("Ts", glyphs[0].rise)]
    font: tuple[pikepdf.Name, float] | None = None
    array = pikepdf.Array()
    for glyph in glyphs:
        if (glyph.font, glyph.size) != font:
            if len(array):
                drawn.append(pikepdf.ContentStreamInstruction([array], pikepdf.Operator("TJ")))
                array = pikepdf.Array()
            font = (glyph.font, glyph.size)
            drawn.append(
                pikepdf.ContentStreamInstruction([glyph.font, _number(glyph.size)], pikepdf.Operator("Tf"))
            )
        gap = glyph.x - pen
        if abs(gap) > 1e-6:
            array.append(_number(-gap * 1000 / glyph.size))
        array.append(pikepdf.String(glyph.gid.to_bytes(2, "big")))
        pen = glyph.x + glyph.advance
    drawn.append(pikepdf.ContentStreamInstruction([array], pikepdf.Operator("TJ")))
    return drawn


def _op(operator: str, *operands: float) -> pikepdf.ContentStreamInstruction:
    return pikepdf.ContentStreamInstruction([_number(v) for v in operands], pikepdf.Operator(operator))
