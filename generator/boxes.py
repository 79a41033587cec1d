"""What a laid-out WeasyPrint document tells poster fitting, read from its box tree.

Four facts, none tied to a stylesheet's numbers: how tall the content is (also when it ran
onto more pages); at least how fast that height grows with the type size while every line
stays as it is (the text's line boxes, which scale with the type); a ``Shape`` that predicts
the height at another type size (paragraphs rewrap, rows take their tallest item); and whether
any text or picture runs past the page's right edge (a long word or link that does not wrap).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from generator import engine
from generator.rewrap import Wrap, em_edges, em_height, follows_type, paragraph_wrap

boxes = engine.box_types()

_EDGE_PX = 0.5  # tolerance for rounding in box positions


def content_bottom(page: Any) -> float:
    """Where the content of a laid-out page ends (CSS px from the top of the page): the lowest
    line, picture or empty block (a box split over pages is stretched to the page end)."""
    bottom = 0.0
    for box in engine.page_box(page).children[0].descendants():
        leaf = isinstance(box, boxes.LineBox | boxes.ReplacedBox) or (
            isinstance(box, boxes.BlockBox) and not box.children
        )
        if leaf:
            bottom = max(bottom, float(box.position_y + box.margin_height()))
    return bottom


def page_area(page: Any) -> tuple[float, float, float]:
    """The page area's top, bottom and right edge (CSS px): where flow content may go."""
    box = engine.page_box(page)
    top = box.content_box_y()
    return float(top), float(top + box.height), float(box.content_box_x() + box.width)


def line_growth(box: Any, type_px: float) -> float:
    """The height (px) of the line boxes that set ``box``'s height: a lower bound of how much
    of it grows in proportion to the type size (``type_px`` as laid out) when no line breaks
    differently.

    Block flow adds its children; a grid or flex row counts its tallest item; a box with a
    fixed height, a picture, a line holding one and a line whose font size does not follow
    the type (a link set in points) count nothing.
    """
    if isinstance(box, boxes.LineBox):
        atomic = any(isinstance(b, boxes.AtomicInlineLevelBox) for b in box.descendants())
        return 0.0 if atomic or not follows_type(box.style, type_px) else float(box.height)
    if not isinstance(box, boxes.ParentBox) or isinstance(box, boxes.ReplacedBox | boxes.TableBox):
        return 0.0
    if _fixed_height(box):
        return 0.0
    flow = [c for c in box.children if not (c.is_absolutely_positioned() or c.is_floated())]
    if isinstance(box, boxes.GridContainerBox | boxes.FlexContainerBox):
        rows = grid_rows(flow)
        return sum(line_growth(max(row, key=lambda c: c.margin_height()), type_px) for row in rows)
    return sum(line_growth(child, type_px) for child in flow)


def grid_rows(items: list[Any]) -> list[list[Any]]:
    """Grid or flex items grouped into rows: items whose margin boxes overlap vertically share
    a row (an item centred in its row starts lower than the row's tallest item)."""
    rows: list[list[Any]] = []
    bottom = -math.inf
    for item in sorted(items, key=lambda box: float(box.position_y)):
        top = float(item.position_y)
        if not rows or top >= bottom - _EDGE_PX:
            rows.append([])
            bottom = -math.inf
        rows[-1].append(item)
        bottom = max(bottom, top + float(item.margin_height()))
    return rows


def _fixed_height(box: Any) -> bool:
    """Whether the stylesheets give the box a height (a grid stretching an item sets its used
    height in its style, so the cascaded value is read)."""
    declared = getattr(box.style, "cascaded", {}).get("height")
    return declared is not None and declared[0] != "auto"


def overflows_sides(page: Any) -> bool:
    """Whether any text or picture on the page reaches past the page area's right edge, or its
    left edge (where a line too wide for a right-to-left page goes)."""
    right = page_area(page)[2] + _EDGE_PX
    left = engine.page_box(page).content_box_x() - _EDGE_PX
    for box in engine.page_box(page).descendants():
        if isinstance(box, boxes.TextBox | boxes.ReplacedBox) and (
            box.position_x + box.margin_width() > right or box.position_x < left
        ):
            return True
    return False


@dataclass(frozen=True)
class Shape:
    """A box's height as a function of the type size (``scale`` = new size / laid-out size).

    ``kind`` is "fixed" (a picture, a box with a set height), "lines" (a paragraph of
    ``count`` lines: ``wrap`` counts them at another size, else ``text`` is how many full lines
    its words fill and ``fill`` how full its wrapped lines are; ``line`` the mean line height,
    which follows the type when ``scales``), "stack" (block flow: children add up) or "row"
    (grid or flex rows: each row is as tall as its tallest item). ``extra`` is what the box
    adds around its children, and ``em`` the part of its height in em of the type.
    """

    kind: str
    extra: float = 0.0
    text: float = 0.0
    fill: float = 1.0
    line: float = 0.0
    count: int = 0
    wrap: Wrap | None = None
    em: float = 0.0
    scales: bool = True
    children: tuple[tuple[Shape, ...], ...] = ()  # stack: one child per group; row: items per row

    def height(self, scale: float) -> float:
        own = self.extra + self.em * scale
        if self.kind == "fixed":
            return own
        if self.kind == "lines":
            if self.wrap is not None:
                lines = float(self.wrap.lines(scale))
            else:  # on average, not rounded: where a line is gained depends on the words
                lines = max(1.0, self.count + self.text * (scale - 1) / self.fill)
            return own + lines * self.line * (scale if self.scales else 1.0)
        if self.kind == "row":
            return own + sum(max(item.height(scale) for item in row) for row in self.children)
        return own + sum(child.height(scale) for (child,) in self.children)


def shape(box: Any, type_px: float, room: float | None = None) -> Shape:
    """The ``Shape`` of a laid-out box's margin box; ``type_px`` is the type size it was laid
    out at (what follows it scales), ``room`` its containing block's width when known."""
    if not isinstance(box, boxes.ParentBox) or isinstance(box, boxes.ReplacedBox | boxes.TableBox):
        if isinstance(box, boxes.ReplacedBox) and em_height(box, type_px):
            return Shape("fixed", float(box.margin_height() - box.height), em=float(box.height))
        return Shape("fixed", float(box.margin_height()))
    if _fixed_height(box):
        if em_height(box, type_px):
            return Shape("fixed", float(box.margin_height() - box.height), em=float(box.height))
        return Shape("fixed", float(box.margin_height()))
    em = em_edges(box, type_px)
    edges = float(box.margin_height() - box.height) - em
    flow = [c for c in box.children if not (c.is_absolutely_positioned() or c.is_floated())]
    if flow and all(isinstance(c, boxes.LineBox) for c in flow):
        if any(isinstance(b, boxes.AtomicInlineLevelBox) for c in flow for b in c.descendants()):
            return Shape("fixed", float(box.margin_height()))
        width = max(float(box.width), 1.0)
        widths = [_line_width(line) / width for line in flow]
        fill = sum(widths[:-1]) / (len(widths) - 1) if len(widths) > 1 else 1.0
        line = sum(float(c.height) for c in flow) / len(flow)
        extra = edges + min(0.0, float(box.height) - line * len(flow))
        wrap = paragraph_wrap(box, flow, type_px, room)
        scales = wrap.scales if wrap is not None else True
        return Shape("lines", extra, sum(widths), max(fill, 0.5), line, len(flow), wrap, em, scales)
    if isinstance(box, boxes.GridContainerBox | boxes.FlexContainerBox):
        shaped = tuple(tuple(shape(item, type_px) for item in row) for row in grid_rows(flow))
        natural = sum(max(item.height(1.0) for item in row) for row in shaped)
        return Shape("row", edges + min(0.0, float(box.height) - natural), em=em, children=shaped)
    shaped = tuple((shape(child, type_px, float(box.width)),) for child in flow)
    natural = sum(child.height(1.0) for (child,) in shaped)
    # A box split over pages or stretched in a grid row is taller than its content: that part
    # does not stay when the content changes.
    return Shape("stack", edges + min(0.0, float(box.height) - natural), em=em, children=shaped)


def _line_width(line: Any) -> float:
    """How far a line's content reaches from the line's start."""
    ends = [child.position_x + child.margin_width() for child in line.children]
    return float(max(ends, default=line.position_x) - line.position_x)


class _Unsure(Exception):
    """The layout is not one whose pushed version is a plain shift (lay it out instead)."""


def push_down(document: Any, after_id: str, space: float) -> bool:
    """Insert ``space`` px of empty space under the element ``after_id`` on the first page, as
    a larger bottom padding on its container would: what lies below moves down, and the boxes
    around it (its ancestors, and grid items stretched beside them) grow. Returns False, with
    the document unchanged, when that is not certain to be what laying it out again would give:
    a stretched ancestor, something beside it that reaches below it, a background picture.
    """
    page = document.pages[0]
    root = engine.page_box(page).children[0]
    target = next((box for box in root.descendants() if _element_id(box) == after_id), None)
    if target is None:
        return False
    edge = float(target.position_y + target.margin_height())
    ancestors = _ancestors(root, target)
    plan: list[tuple[str, Any]] = []
    try:
        _plan_push(root, target, ancestors, edge, plan)
    except _Unsure:
        return False
    for action, box in plan:
        if action == "move":
            box.translate(0, space)
        else:
            box.height += space

    def no_pictures(**_: Any) -> Any:
        raise _Unsure

    try:
        engine.lay_out_backgrounds(engine.page_box(page), no_pictures)
    except _Unsure:  # pragma: no cover (no stylesheet here sets a background picture)
        for action, box in plan:
            if action == "move":
                box.translate(0, -space)
            else:
                box.height -= space
        engine.lay_out_backgrounds(engine.page_box(page), no_pictures)
        return False
    document.pages[0] = engine.page_of(engine.page_box(page))
    return True


_EPS = 0.01


def _plan_push(box: Any, target: Any, ancestors: set[int], edge: float, plan: list[tuple[str, Any]]) -> None:
    """Decide, for ``box`` and its children, which move down and which grow (see push_down)."""
    if box is target:
        return
    top = float(box.position_y)
    bottom = top + float(box.margin_height())
    if top >= edge - _EPS and id(box) not in ancestors:
        plan.append(("move", box))
        return
    if bottom < edge - _EPS:
        return
    if id(box) not in ancestors:
        # Beside the target and reaching its bottom: only an empty, stretched grid item may grow.
        if not (box.is_grid_item or box.is_flex_item) or not isinstance(box, boxes.ParentBox):
            raise _Unsure
        if any(float(c.position_y + c.margin_height()) > edge + _EPS for c in box.children):
            raise _Unsure
        plan.append(("grow", box))
        return
    if (box.is_grid_item or box.is_flex_item) and isinstance(box, boxes.ParentBox):
        content = sum(float(c.margin_height()) for c in box.children)
        if float(box.height) > content + _EPS:  # stretched: it would not simply grow
            raise _Unsure
    plan.append(("grow", box))
    if isinstance(box, boxes.ParentBox):
        for child in box.children:
            _plan_push(child, target, ancestors, edge, plan)


def _ancestors(root: Any, target: Any) -> set[int]:
    """The ids of the boxes that contain ``target`` (root included)."""
    path: list[Any] = []

    def walk(box: Any) -> bool:
        if box is target:
            return True
        path.append(box)
        if isinstance(box, boxes.ParentBox) and any(walk(child) for child in box.children):
            return True
        path.pop()
        return False

    walk(root)
    return {id(box) for box in path}


def _element_id(box: Any) -> str | None:
    element = getattr(box, "element", None)
    return element.get("id") if element is not None and getattr(box, "element_tag", None) else None
