"""What a laid-out box becomes at another type size, read from WeasyPrint's box tree: how
many lines a paragraph wraps into (counted by Pango, as WeasyPrint sets text), and which of a
box's lengths follow the type (font sizes and edges in em of it) and which stay (paper units,
pictures, a link set in points).

Poster fitting uses these to predict the size that fills the page from one layout; a
prediction only chooses which size to lay out next, every answer is a real layout's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator import engine

boxes = engine.box_types()

_RELATIVE = ("em", "ex", "ch", "%")
_FONT_KEYS = (
    "font_family",
    "font_style",
    "font_stretch",
    "font_weight",
    "font_size",
    "font_variant_caps",
    "font_variation_settings",
)
_SPACES = re.compile(r" {2,}")


@dataclass(frozen=True)
class Wrap:
    """A paragraph's text as laid out, to count its lines at another type size.

    ``width`` is the width it wrapped in (px); with ``em_limit`` (px, at this size) that width
    is an em maximum, which follows the type up to ``room`` (the width with its margins: what
    its container gives it). ``scales``: its font size follows the type.
    """

    text: str
    style: Any = field(compare=False, repr=False)
    width: float
    count: int  # its lines as laid out
    em_limit: float | None = None
    room: float = 0.0
    scales: bool = True
    _counts: dict[float, int] = field(default_factory=dict, compare=False, repr=False)
    _layout: list[Any] = field(default_factory=list, compare=False, repr=False)  # made once

    def lines(self, scale: float) -> int:
        """Its lines with the type ``scale`` times this size: as laid out, plus the lines Pango
        adds or takes away between this size and that one."""
        if scale == 1.0:
            return self.count
        return max(1, self.count + self._pango(scale) - self._pango(1.0))

    def _pango(self, scale: float) -> int:
        if scale not in self._counts:
            font = {key: self.style[key] for key in _FONT_KEYS}
            if self.scales:
                font["font_size"] = self.style["font_size"] * scale
            width = self.width if self.em_limit is None else min(self.room, self.em_limit * scale)
            count = engine.pango_lines(self._layout, self.text, self.style, font, width)
            self._counts[scale] = count
        return self._counts[scale]


def paragraph_wrap(box: Any, lines: list[Any], type_px: float, room: float | None) -> Wrap | None:
    """The ``Wrap`` of a block whose children are the line boxes ``lines`` (None: no text);
    ``room`` is its containing block's width, when known (else it is its own width)."""
    texts = [[b for b in line.descendants() if isinstance(b, boxes.TextBox)] for line in lines]
    if not any(texts):
        return None
    text = _SPACES.sub(" ", " ".join("".join(b.text for b in line) for line in texts)).strip()
    style = next(b for line in texts for b in line).style
    limit = None
    if _unit(box.style, "max_width") == "em" and follows_type(box.style, type_px):
        limit = float(box.style["max_width"].value)
    room = float(box.width) if room is None else room - float(box.margin_width() - box.width)
    return Wrap(text, style, float(box.width), len(lines), limit, room, follows_type(style, type_px))


def follows_type(style: Any, type_px: float) -> bool:
    """Whether a style's font size follows the type size (``type_px``, set on an ancestor):
    every font size between them is relative (em, %), or unset."""
    while style is not None:
        unit = _unit(style, "font_size")
        if unit is not None and unit not in _RELATIVE:
            return abs(float(style["font_size"]) - type_px) < 0.01
        if unit is None and "font_size" in getattr(style, "cascaded", {}):
            return False  # a var() or a keyword: not known to follow it
        style = getattr(style, "parent_style", None)
    return False


def em_edges(box: Any, type_px: float) -> float:
    """The part of a box's vertical margins and padding (px) that is in em of a font size that
    follows the type (a margin collapsed to less counts as what it is)."""
    if not follows_type(box.style, type_px):
        return 0.0
    total = 0.0
    for side in ("margin_top", "margin_bottom", "padding_top", "padding_bottom"):
        if _unit(box.style, side) == "em":
            total += max(0.0, min(float(getattr(box, side) or 0.0), float(box.style[side].value)))
    return total


def em_height(box: Any, type_px: float) -> bool:
    """Whether a box's set height is in em of a font size that follows the type."""
    return _unit(box.style, "height") == "em" and follows_type(box.style, type_px)


def _unit(style: Any, key: str) -> str | None:
    """The unit of a property as the stylesheets give it (None: unset, a var() or a keyword)."""
    declared = getattr(style, "cascaded", {}).get(key)
    unit = getattr(declared[0], "unit", None) if declared is not None else None
    return unit if isinstance(unit, str) else None
