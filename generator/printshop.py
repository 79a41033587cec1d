"""The print-shop version of a PDF (``--print``): crop marks outside the bleed.

WeasyPrint lays the page out with a 3 mm bleed (CSS ``bleed``): the trim box is the paper and
the media box is the bleed. Its own crop marks (CSS ``marks``) are short and drawn inside the
bleed, under the artwork. Here each such page's media box grows to 6 mm beyond the bleed, and
crop marks are drawn in that outer band only, on the lines of the trim box, as page artifacts
(PDF/UA: a screen reader never reads them).
"""

from __future__ import annotations

import io

MM = 72 / 25.4
BAND_MM = 6.0  # the media box beyond the bleed box, on each side
MARK_FROM_MM = 0.5  # where a mark starts, beyond the bleed box
MARK_TO_MM = 5.5  # where it ends: 0.5 mm inside the media box
MARK_WIDTH_PT = 0.25


def _marks(trim: list[float], bleed: list[float]) -> bytes:
    """The content stream of the eight crop marks for a page, as one page artifact."""
    x0, y0, x1, y1 = trim
    bx0, by0, bx1, by1 = bleed
    near, far = MARK_FROM_MM * MM, MARK_TO_MM * MM
    segments = []
    for x in (x0, x1):  # vertical marks below and above
        for y_from, y_to in ((by0 - near, by0 - far), (by1 + near, by1 + far)):
            segments.append((x, y_from, x, y_to))
    for y in (y0, y1):  # horizontal marks left and right
        for x_from, x_to in ((bx0 - near, bx0 - far), (bx1 + near, bx1 + far)):
            segments.append((x_from, y, x_to, y))
    path = "".join(f"{a:.3f} {b:.3f} m {c:.3f} {d:.3f} l S\n" for a, b, c, d in segments)
    return (f"q /Artifact <</Type /Page>> BDC\n0 G {MARK_WIDTH_PT} w 0 J [] 0 d\n{path}EMC Q\n").encode(
        "ascii"
    )


def with_crop_marks(data: bytes) -> bytes:
    """``data`` with crop marks outside the bleed on every page that has one."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            trim = [float(v) for v in page.trimbox]
            bleed = [float(v) for v in page.bleedbox]
            if bleed == trim:
                continue
            band = BAND_MM * MM
            media = [bleed[0] - band, bleed[1] - band, bleed[2] + band, bleed[3] + band]
            page.obj.MediaBox = pikepdf.Array(media)
            if "/CropBox" in page.obj:
                del page.obj.CropBox
            page.contents_coalesce()
            body = page.obj.Contents.read_bytes()
            page.obj.Contents.write(b"q\n" + body + b"\nQ\n" + _marks(trim, bleed))
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()
