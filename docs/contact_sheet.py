"""Make docs/print-layout.png, the README's picture of rendered pages, from the current code.

    .venv/bin/python docs/contact_sheet.py

Builds each PDF with `charter build` into a temporary folder, renders the chosen pages with
pypdfium2 and pastes them in rows (five portrait pages, then three landscape ones), each row
scaled to the width of the widest.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent / "tests"))
from brands import posit_brand  # noqa: E402  (the real organisation's brand.yml the tests use)

HEIGHT = 400  # pixels per page
GAP = 12

# (brand, format, more options, pages (1-based; -1 is the last)), in reading order. "posit" is
# Posit's own brand.yml, as the tests use it.
TILES = [
    ("riverside-council", "handout", [], [1, 2]),
    ("partnership", "handout", ["--paper", "A5"], [1]),
    ("oakfield-university", "easy-read", [], [1, 2, -1]),
    ("posit", "easy-read", ["--paper", "A5", "--easy-read-size", "28"], [12]),
    ("riverside-council", "poster", [], [1]),
    ("oakfield-university", "easy-read-poster", [], [1]),
    ("partnership", "poster", ["--paper", "A4", "--print", "--url", "https://example.org/charter"], [1]),
    ("riverside-council", "handout", ["--landscape"], [1, 2]),
    ("partnership", "easy-read", ["--paper", "A5", "--landscape", "--easy-read-size", "28"], [12]),
]
ROWS = [5, 5, 3]  # pages a row


def main() -> None:
    pages: list[Image.Image] = []
    with tempfile.TemporaryDirectory() as temp:
        posit = str(posit_brand(Path(temp) / "posit"))
        for n, (brand, fmt, options, numbers) in enumerate(TILES):
            out = Path(temp) / f"out{n}"
            command = [sys.executable, "-m", "generator", "build", "--doc", "appendix-a", "--format", fmt]
            command += ["--brand", posit if brand == "posit" else brand, *options]
            subprocess.run([*command, "--out", str(out), "--quiet"], check=True)
            pdf = pdfium.PdfDocument(out / brand / f"appendix-a-{fmt}.pdf")
            for number in numbers:
                page = pdf[number - 1 if number > 0 else len(pdf) + number]
                image = page.render(scale=HEIGHT / page.get_height()).to_pil()
                pages.append(image.resize((round(image.width * HEIGHT / image.height), HEIGHT)))
    rows, start = [], 0
    for count in ROWS:
        rows.append(pages[start : start + count])
        start += count
    width = max(sum(p.width for p in row) + GAP * (len(row) + 1) for row in rows[:2])
    for r, row in enumerate(rows):  # a row wider than the portrait rows is scaled down to them
        scale = min(1.0, (width - GAP * (len(row) + 1)) / sum(p.width for p in row))
        rows[r] = [p.resize((round(p.width * scale), round(p.height * scale))) for p in row]
    sheet = Image.new("RGB", (width, sum(row[0].height + GAP for row in rows) + GAP), (214, 214, 214))
    y = GAP
    for row in rows:
        x = GAP
        for page in row:
            sheet.paste(page, (x, y))
            x += page.width + GAP
        y += row[0].height + GAP
    sheet.save(DOCS / "print-layout.png", optimize=True)
    print(f"{DOCS / 'print-layout.png'}: {len(pages)} pages")


if __name__ == "__main__":
    main()
