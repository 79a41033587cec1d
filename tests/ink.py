"""Where the ink of one line of text touches the next: read from a PDF by drawing its lines apart.

A page's text objects are grouped into lines by their baselines (a Nastaliq word steps down as
it goes, so its glyphs' baselines differ by up to about a font size within a line). The page is
drawn three times: with no text, with only the even lines and with only the odd lines; a pixel
inked in both of the last two is where a line's marks reach into a neighbour's.
"""

from __future__ import annotations

from pathlib import Path

SCALE = 3  # pixels a point: a touch of a third of a point shows


def _lines(page, within: float) -> list[list]:
    """The page's text objects in lines, top first: a baseline within ``within`` times the font
    size of the previous object's is the same line."""
    import pypdfium2.raw as raw

    found = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT], max_depth=1):
        matrix = obj.get_matrix()
        found.append((matrix.f, obj.get_font_size() * matrix.d, obj))
    found.sort(key=lambda item: -item[0])
    lines: list[list] = []
    last = None
    for baseline, size, obj in found:
        if last is None or last - baseline >= within * size:
            lines.append([])
        lines[-1].append(obj)
        last = baseline
    return lines


def _drawn(path: Path, number: int, keep, within: float):
    import pypdfium2

    page = pypdfium2.PdfDocument(str(path))[number]
    lines = _lines(page, within)
    for index, line in enumerate(lines):
        if not keep(index):
            for obj in line:
                page.remove_obj(obj)
    page.gen_content()
    return page.render(scale=SCALE, grayscale=True).to_pil().convert("L"), len(lines)


def touching_lines(path: Path, within: float = 0.6) -> list[tuple[int, tuple[int, int, int, int]]]:
    """(page, box in points from the top left) for each page where two neighbouring lines' ink
    meets; an empty list when no mark of any line touches another line."""
    import pypdfium2
    from PIL import ImageChops

    found = []
    for number in range(len(pypdfium2.PdfDocument(str(path)))):
        blank, count = _drawn(path, number, lambda index: False, within)
        assert count > 1, f"page {number + 1} of {path.name} has no lines of text to compare"
        inks = [
            ImageChops.difference(
                _drawn(path, number, lambda i, odd=odd: i % 2 == odd, within)[0], blank
            ).point(lambda value: 255 if value > 64 else 0)
            for odd in (0, 1)
        ]
        box = ImageChops.multiply(*inks).getbbox()
        if box:
            found.append((number + 1, tuple(round(v / SCALE) for v in box)))
    return found
