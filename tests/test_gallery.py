"""The gallery: brands of every shape this project has not been written for, each built in
every print format and read back through the same layout, tag, contrast and text checks as the
shipped material.

tests/gallery/brands holds 8 brands: serif and sans; fonts bundled beside the brand file,
installed, and absent (Google, Bunny, a system font not installed); names of 10 to 120
characters; tall, wide and square logos and none; pale, vivid, dark, yellow, lime and orange
colours, written in hex, oklch(), lab(), hsl(), named colours and alpha. Each brand is built
once for the module, in one run of the CLI: handout, easy read and large print on A4, and both
posters on A3.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
import zxingcpp
from conftest import REPO, matrix_charter
from layout import collisions, nearest_edge_mm, read_pages, smallest_size
from pdfcheck import body_text, check_accessible, check_structure, joined

pytestmark = pytest.mark.slow

GALLERY = REPO / "tests" / "gallery" / "brands"
BRANDS = sorted(p.parent.name for p in GALLERY.glob("*/_brand.yml"))
FORMATS = ["handout", "easy-read", "large-print", "poster", "easy-read-poster"]
# What Markdown would leave behind if it were printed as it is written.
RAW_MARKDOWN = re.compile(r"\|\s*-{3}|\[\^|\*\*|^#{1,6} |\]\(", re.MULTILINE)


def brand_file(slug: str) -> dict:
    return yaml.safe_load((GALLERY / slug / "_brand.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def gallery(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every gallery brand in every print format, built in one run: the output folder."""
    folder = tmp_path_factory.mktemp("gallery")
    brands = [arg for slug in BRANDS for arg in ("--brand", str(GALLERY / slug / "_brand.yml"))]
    formats = [arg for fmt in FORMATS for arg in ("--format", fmt)]
    result = matrix_charter(["build", *formats, *brands, "--quiet"], folder)
    assert result.exit_code == 0, result.output
    return folder / "output"


def test_the_gallery_has_every_shape_of_brand() -> None:
    files = {slug: brand_file(slug) for slug in BRANDS}
    names = [
        (f["meta"]["name"] if isinstance(f["meta"]["name"], str) else f["meta"]["name"]["full"])
        for f in files.values()
    ]
    assert len(BRANDS) >= 8
    assert min(map(len, names)) <= 12 and max(map(len, names)) >= 110
    logos = [next(iter((GALLERY / slug).glob("logo.*")), None) for slug in BRANDS]
    assert None in logos and {p.suffix for p in logos if p} == {".png", ".svg"}
    sources = {
        font.get("source", "system") for f in files.values() for font in f["typography"].get("fonts", [])
    }
    assert {"file", "google", "bunny"} <= sources


@pytest.mark.parametrize("slug", BRANDS)
def test_every_print_format_builds_and_passes_the_checks(gallery: Path, slug: str) -> None:
    made = {fmt: gallery / slug / f"appendix-a-{fmt}.pdf" for fmt in FORMATS}
    for fmt, pdf in made.items():
        assert check_accessible(pdf) == [], fmt  # tagged PDF/UA, every character AA contrast
        pages = read_pages(pdf)
        assert collisions(pages) == [], fmt  # no text over text or over a picture
        # 10 mm on paper an office printer prints; 7 units on a poster (9.9 mm on A3).
        assert nearest_edge_mm(pages) >= (7 * 2**0.5 if "poster" in fmt else 10), fmt
        assert not RAW_MARKDOWN.search(body_text(pdf)), fmt
    assert smallest_size(made["handout"]) >= 12
    assert smallest_size(made["easy-read"]) >= 16
    assert smallest_size(made["large-print"]) >= 18
    for fmt in ("poster", "easy-read-poster"):
        pdf = made[fmt]
        assert len(read_pages(pdf)) == 1
        assert smallest_size(pdf) >= (14 if fmt == "easy-read-poster" else 12)
    key_points = yaml.safe_load((REPO / "content" / "charter" / "appendix-a.md").read_text().split("---")[1])
    handout_text = joined(body_text(made["handout"]))
    for point in key_points["key_points"]:
        assert " ".join(point.split()) in handout_text


def test_a_brand_without_a_logo_has_its_wordmark_on_one_line_on_posters(gallery: Path) -> None:
    """Scaled into the logo's space like a logo: 'Evening Circle' wrapped over two lines."""
    slugs = [slug for slug in BRANDS if "logo" not in brand_file(slug)]
    assert slugs
    for slug in slugs:
        name = brand_file(slug)["meta"]["name"]
        short = name if isinstance(name, str) else name.get("short", name["full"])
        for fmt in ("poster", "easy-read-poster"):
            first = read_pages(gallery / slug / f"appendix-a-{fmt}.pdf")[0]
            top = [ln.text for ln in first.lines if ln.bold and ln.top < 40 and ln.text in short]
            assert top == [short], (slug, fmt, top)


def font_names(pdf: Path) -> set[str]:
    """The embedded fonts' names, less their subset prefix ('DejaVu-Serif')."""
    import pikepdf

    names = set()
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            fonts = page.obj.get("/Resources", {}).get("/Font", {})
            names |= {str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1] for font in fonts.values()}
    return names


@pytest.mark.parametrize("slug", BRANDS)
def test_easy_read_and_large_print_keep_a_sans_serif_face(gallery: Path, slug: str) -> None:
    """A serif brand's face is used where it is the brand's voice (the handout), never in easy
    read or large print (the accessible default stands in)."""
    serif = re.compile(r"(?<!Sans)-?Serif", re.IGNORECASE)
    handout = font_names(gallery / slug / "appendix-a-handout.pdf")
    for fmt in ("easy-read", "large-print", "easy-read-poster"):
        names = font_names(gallery / slug / f"appendix-a-{fmt}.pdf")
        assert not [name for name in names if serif.search(name)], (fmt, names)
    if slug in ("mere-trust", "bramble-arts"):  # the two serif brands keep their face in the handout
        assert [name for name in handout if serif.search(name)], handout


@pytest.mark.parametrize("slug", BRANDS)
def test_posters_scan_to_the_brands_link(gallery: Path, slug: str) -> None:
    meta = brand_file(slug)["meta"]
    link = meta.get("link")
    link = link.get("home") if isinstance(link, dict) else link
    import pypdfium2

    for fmt in ("poster", "easy-read-poster"):
        pdf = gallery / slug / f"appendix-a-{fmt}.pdf"
        image = pypdfium2.PdfDocument(str(pdf))[0].render(scale=100 / 72).to_pil()
        codes = [c.text for c in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]
        assert codes == ([link] if link else [])
        report = check_structure(pdf)
        assert report.figures_alt[-1 if link else 0] != ""


def test_a_lime_secondary_marks_every_format_and_the_band_stays_the_primary(gallery: Path) -> None:
    """Sunny Yard's lime secondary prints no text (too pale), so its bars and rules take it:
    the poster's points and rule and each masthead's rule; the poster's band stays the yellow."""
    import pdfplumber

    lime, sun = (0xA1, 0xE6, 0x33), (0xFD, 0xD5, 0x06)
    for fmt in FORMATS:
        with pdfplumber.open(gallery / "sunny-yard" / f"appendix-a-{fmt}.pdf") as pdf:
            page = pdf.pages[0]
            painted = [tuple(round(v * 255) for v in r["non_stroking_color"] or ()) for r in page.rects]
            inked = {tuple(round(v * 255) for v in c["non_stroking_color"] or ()) for c in page.chars}
        assert lime in painted and lime not in inked, (fmt, painted)
        if "poster" in fmt:
            assert sun in painted, fmt  # the band
        if fmt == "poster":  # a bar for each point besides the rule under them
            assert painted.count(lime) >= 3, painted
