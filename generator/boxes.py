"""What a laid-out WeasyPrint document tells poster fitting, read from its box tree.

Three facts, none tied to a stylesheet's numbers: how tall the content is (also when it ran
onto more pages), at least how fast that height grows with the type size while every line
stays as it is (the text's line boxes, which scale with the type), and whether any text or
picture runs past the page's right edge (a long word or link that does not wrap).
"""

from __future__ import annotations

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
