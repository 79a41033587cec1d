"""Make docs/gallery.png, the README's picture of the gallery brands, from the current code.

    .venv/bin/python docs/gallery.py

Builds each brand in tests/gallery/brands with `charter build` into a temporary folder (the
handout's first page, the A3 poster and the A3 easy-read poster) and pastes them in one row per
two brands, every page scaled to the same height.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

DOCS = Path(__file__).resolve().parent
GALLERY = DOCS.parent / "tests" / "gallery" / "brands"
FORMATS = ["handout", "poster", "easy-read-poster"]
HEIGHT = 360  # pixels per page
GAP = 10
PER_ROW = 2  # brands a row


def main() -> None:
    brands = sorted(p.parent for p in GALLERY.glob("*/_brand.yml"))
    tiles: list[list[Image.Image]] = []
    with tempfile.TemporaryDirectory() as temp:
        command = [sys.executable, "-m", "generator", "build", "--doc", "appendix-a", "--quiet"]
        command += [arg for fmt in FORMATS for arg in ("--format", fmt)]
        command += [arg for brand in brands for arg in ("--brand", str(brand / "_brand.yml"))]
        subprocess.run([*command, "--out", temp], check=True, cwd=DOCS.parent)
        for brand in brands:
            pages = []
            for fmt in FORMATS:
                page = pdfium.PdfDocument(Path(temp) / brand.name / f"appendix-a-{fmt}.pdf")[0]
                image = page.render(scale=HEIGHT / page.get_height()).to_pil()
                pages.append(image.resize((round(image.width * HEIGHT / image.height), HEIGHT)))
            tiles.append(pages)
    starts = range(0, len(tiles), PER_ROW)
    rows = [[page for pages in tiles[i : i + PER_ROW] for page in pages] for i in starts]
    width = max(sum(p.width for p in row) + GAP * (len(row) + 1) + GAP * 2 for row in rows)
    sheet = Image.new("RGB", (width, len(rows) * (HEIGHT + GAP) + GAP), "#9a9a9a")
    for r, row in enumerate(rows):
        x = GAP
        for n, page in enumerate(row):
            if n and n % len(FORMATS) == 0:
                x += GAP * 2  # a wider gap between brands
            sheet.paste(page, (x, GAP + r * (HEIGHT + GAP)))
            x += page.width + GAP
    sheet.quantize(colors=128, dither=Image.Dither.NONE).save(DOCS / "gallery.png", optimize=True)


if __name__ == "__main__":
    main()
