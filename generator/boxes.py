"""What a laid-out WeasyPrint document tells poster fitting, read from its box tree.

Four facts, none tied to a stylesheet's numbers: how tall the content is (also when it ran
onto more pages); at least how fast that height grows with the type size while every line
stays as it is (the text's line boxes, which scale with the type); a ``Shape`` that predicts
the height at another type size (paragraphs rewrap, rows take their tallest item); and whether
any text or picture runs past the page's right edge (a long word or link that does not wrap).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from weasyprint.formatting_structure import boxes

_EDGE_PX = 0.5  # tolerance for rounding in box positions


def content_bottom(page: Any) -> float:
    """Where the content of a laid-out page ends (CSS px from the top of the page): the lowest
    line, picture or empty block (a box split over pages is stretched to the page end)."""
    bottom = 0.0
    for box in page._page_box.children[0].descendants():
        leaf = isinstance(box, boxes.LineBox | boxes.ReplacedBox) or (
            isinstance(box, boxes.BlockBox) and not box.children
        )
        if leaf:
            bottom = max(bottom, float(box.position_y + box.margin_height()))
    return bottom


def page_area(page: Any) -> tuple[float, float, float]:
    """The page area's top, bottom and right edge (CSS px): where flow content may go."""
    box = page._page_box
    top = box.content_box_y()
    return float(top), float(top + box.height), float(box.content_box_x() + box.width)


def line_growth(box: Any) -> float:
    """The height (px) of the line boxes that set ``box``'s height: a lower bound of how much
    of it grows in proportion to the type size when no line breaks differently.

    Block flow adds its children; a grid or flex row counts its tallest item; a box with a
    fixed height, a picture or a line holding one counts nothing.
    """
    if isinstance(box, boxes.LineBox):
        atomic = any(isinstance(b, boxes.AtomicInlineLevelBox) for b in box.descendants())
        return 0.0 if atomic else float(box.height)
    if not isinstance(box, boxes.ParentBox) or isinstance(box, boxes.ReplacedBox | boxes.TableBox):
        return 0.0
    if _fixed_height(box):
        return 0.0
    flow = [c for c in box.children if not (c.is_absolutely_positioned() or c.is_floated())]
    if isinstance(box, boxes.GridContainerBox | boxes.FlexContainerBox):
        rows: dict[int, Any] = {}
        for child in flow:
            row = round(child.position_y)
            if row not in rows or child.margin_height() > rows[row].margin_height():
                rows[row] = child
        return sum(line_growth(child) for child in rows.values())
    return sum(line_growth(child) for child in flow)


def _fixed_height(box: Any) -> bool:
    """Whether the stylesheets give the box a height (a grid stretching an item sets its used
    height in its style, so the cascaded value is read)."""
    declared = getattr(box.style, "cascaded", {}).get("height")
    return declared is not None and declared[0] != "auto"


def overflows_right(page: Any) -> bool:
    """Whether any text or picture on the page reaches past the page area's right edge."""
    right = page_area(page)[2] + _EDGE_PX
    for box in page._page_box.descendants():
        if isinstance(box, boxes.TextBox | boxes.ReplacedBox) and box.position_x + box.margin_width() > right:
            return True
    return False


@dataclass(frozen=True)
class Shape:
    """A box's height as a function of the type size (``scale`` = new size / laid-out size).

    ``kind`` is "fixed" (a picture, a box with a set height), "lines" (a paragraph of
    ``count`` lines: ``text`` is how many full lines its words fill, ``fill`` how full its
    wrapped lines are, ``line`` the mean line height), "stack" (block flow: children add up)
    or "row" (grid or flex rows: each row is as tall as its tallest item). ``extra`` is what
    the box adds around its children.
    """

    kind: str
    extra: float = 0.0
    text: float = 0.0
    fill: float = 1.0
    line: float = 0.0
    count: int = 0
    children: tuple[tuple[Shape, ...], ...] = ()  # stack: one child per group; row: items per row

    def height(self, scale: float) -> float:
        if self.kind == "fixed":
            return self.extra
        if self.kind == "lines":
            # More or fewer lines as the words take more or less room: on average, not rounded,
            # as where a paragraph gains a line depends on where its words break.
            lines = max(1.0, self.count + self.text * (scale - 1) / self.fill)
            return self.extra + lines * self.line * scale
        if self.kind == "row":
            return self.extra + sum(max(item.height(scale) for item in row) for row in self.children)
        return self.extra + sum(child.height(scale) for (child,) in self.children)


def shape(box: Any) -> Shape:
    """The ``Shape`` of a laid-out box's margin box."""
    edges = float(box.margin_height() - box.height) if hasattr(box, "height") else 0.0
    if not isinstance(box, boxes.ParentBox) or isinstance(box, boxes.ReplacedBox | boxes.TableBox):
        return Shape("fixed", float(box.margin_height()))
    if _fixed_height(box):
        return Shape("fixed", float(box.margin_height()))
    flow = [c for c in box.children if not (c.is_absolutely_positioned() or c.is_floated())]
    if flow and all(isinstance(c, boxes.LineBox) for c in flow):
        if any(isinstance(b, boxes.AtomicInlineLevelBox) for c in flow for b in c.descendants()):
            return Shape("fixed", float(box.margin_height()))
        width = max(float(box.width), 1.0)
        widths = [_line_width(line) / width for line in flow]
        fill = sum(widths[:-1]) / (len(widths) - 1) if len(widths) > 1 else 1.0
        line = sum(float(c.height) for c in flow) / len(flow)
        extra = edges + min(0.0, float(box.height) - line * len(flow))
        return Shape("lines", extra, sum(widths), max(fill, 0.5), line, len(flow))
    if isinstance(box, boxes.GridContainerBox | boxes.FlexContainerBox):
        rows: dict[int, list[Any]] = {}
        for child in flow:
            rows.setdefault(round(child.position_y), []).append(child)
        shaped = tuple(tuple(shape(item) for item in row) for row in rows.values())
        natural = sum(max(item.height(1.0) for item in row) for row in shaped)
        return Shape("row", edges + min(0.0, float(box.height) - natural), children=shaped)
    shaped = tuple((shape(child),) for child in flow)
    natural = sum(child.height(1.0) for (child,) in shaped)
    # A box split over pages or stretched in a grid row is taller than its content: that part
    # does not stay when the content changes.
    return Shape("stack", edges + min(0.0, float(box.height) - natural), children=shaped)


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
    from weasyprint.document import Page
    from weasyprint.layout.background import layout_backgrounds

    page = document.pages[0]
    root = page._page_box.children[0]
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
        layout_backgrounds(page._page_box, no_pictures)
    except _Unsure:  # pragma: no cover (no stylesheet here sets a background picture)
        for action, box in plan:
            if action == "move":
                box.translate(0, -space)
            else:
                box.height -= space
        layout_backgrounds(page._page_box, no_pictures)
        return False
    document.pages[0] = Page(page._page_box)
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
