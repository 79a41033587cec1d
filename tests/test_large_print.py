"""Large print (UKAAF G003): the handout's content reflowed at 16-24 pt, read back from the PDF."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from pathlib import Path

import pdfplumber
import pikepdf
import pypdfium2
import pytest
from conftest import MM, pdf_text
from pdfcheck import body_text, characters, check_accessible, check_structure, joined

from generator.project import builtin_dir

# (brand, --large-print-size): the default size and the largest, in two brands.
BUILDS = [("riverside-council", 18.0), ("partnership", 24.0)]


@pytest.fixture(scope="module")
def large_print(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, float], Path]:
    from conftest import run_charter

    folder = tmp_path_factory.mktemp("large-print")
    made = {}
    for brand, size in BUILDS:
        args = ["build", "--format", "large-print", "--brand", brand, "--large-print-size", f"{size:g}"]
        result = run_charter([*args, "--out", f"out-{size:g}"], folder)
        assert result.exit_code == 0, result.output
        made[brand, size] = folder / f"out-{size:g}" / brand / "appendix-a-large-print.pdf"
    return made


def lines(page: pdfplumber.page.Page) -> list[list[dict]]:
    """The page's visible characters grouped into lines (by their top), top to bottom."""
    rows: dict[int, list[dict]] = defaultdict(list)
    for ch in page.chars:
        if ch["text"].strip():
            rows[round(ch["top"])].append(ch)
    return [sorted(rows[top], key=lambda c: c["x0"]) for top in sorted(rows)]


def page_number_line(page: pdfplumber.page.Page) -> list[dict]:
    """The line that holds 'Page N of M' (the footer)."""
    (line,) = [row for row in lines(page) if re.search(r"Page\d+of\d+", "".join(c["text"] for c in row))]
    return line


@pytest.mark.slow
@pytest.mark.parametrize("build", BUILDS, ids=[f"{b}-{s:g}pt" for b, s in BUILDS])
def test_large_print_passes_the_pdf_checks_with_every_character_at_the_size(large_print, build) -> None:
    path = large_print[build]
    assert check_accessible(path) == []
    report = check_structure(path)
    assert report.lang == "en-GB" and report.title == "A trauma informed & responsive approach — Large print"
    assert {"H1", "H2", "L", "LI", "P"} <= set(report.tags)
    chars = characters(path)
    size = build[1]
    assert chars and min(c.size for c in chars) >= size - 0.01, "a character is below the chosen size"
    headings = [c for c in chars if c.size >= size * 1.25]
    assert headings and all("Bold" in c.font for c in headings)  # headings larger and bold
    assert not [c.font for c in chars if re.search("italic|oblique", c.font, re.IGNORECASE)]
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            box = [float(v) for v in page.mediabox]
            assert (round((box[2] - box[0]) / MM), round((box[3] - box[1]) / MM)) == (210, 297)
            for font in (page.Resources.get("/Font") or {}).values():
                font = font["/DescendantFonts"][0] if font.get("/Subtype") == "/Type0" else font
                assert float(font.FontDescriptor.get("/ItalicAngle", 0)) == 0


@pytest.mark.slow
@pytest.mark.parametrize("build", BUILDS, ids=[f"{b}-{s:g}pt" for b, s in BUILDS])
def test_large_print_is_one_left_aligned_column_with_no_text_over_tints(large_print, build) -> None:
    path = large_print[build]
    size = build[1]
    rendered = pypdfium2.PdfDocument(str(path))
    paper = {page.render(scale=1).to_pil().convert("RGB").getpixel((3, 3)) for page in rendered}
    rendered.close()
    assert len(paper) == 1
    over_tint = [c.text for c in characters(path) if c.background != next(iter(paper))]
    assert not over_tint, f"{len(over_tint)} characters sit on a tint: {''.join(over_tint[:40])}"
    numbers = []
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) >= 3
        for page in pdf.pages:
            footer = page_number_line(page)
            numbers.append((round(footer[-1]["x1"]), round(footer[0]["top"])))
            body = [row for row in lines(page) if row[0]["top"] < footer[0]["top"] - 1]
            left = min(row[0]["x0"] for row in body)
            assert 10 * MM <= left <= 25 * MM  # at least 10 mm from the paper's edge
            for row in body:
                # One column: every line starts at the left margin (or a list's indent) and has no
                # gutter in it; nothing sits beside the text.
                assert row[0]["x0"] - left < 3 * size, "".join(c["text"] for c in row)
                gaps = [b["x0"] - a["x1"] for a, b in itertools.pairwise(row)]
                assert max(gaps, default=0) < 1.5 * size, "".join(c["text"] for c in row)
            ends = [row[-1]["x1"] for row in body if len(row) > 30]
            if len(ends) > 4:  # left aligned, ragged right: justified lines would all end together
                assert max(ends) - min(ends) > 5 * MM
    assert len(set(numbers)) == 1, f"page numbers move: {numbers}"  # the same place on every page


@pytest.mark.slow
def test_large_print_has_the_handouts_content(large_print, handouts: Path) -> None:
    path = large_print["riverside-council", 18.0]
    text = body_text(path)
    body = (builtin_dir("content") / "charter" / "appendix-a.md").read_text().split("---", 2)[2]
    paragraphs = [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]
    for paragraph in paragraphs:
        assert paragraph in text
    handout = joined(pdf_text(handouts / "riverside-council" / "appendix-a-handout.pdf", footers=False))
    assert "Large print and braille versions of this document are available." in handout
    # Everything the handout says (up to its last paragraph) is in the large print, in order.
    start = handout.index("A trauma informed")
    end = handout.index(paragraphs[-1]) + len(paragraphs[-1])
    assert handout[start:end] in text
    assert "From the Co-production Charter, Appendix A, by Social Work Teaching Partnership" in text
    assert "Standard print and braille versions of this document are available." in text
    footers = pdf_text(path)
    assert "Riverside Page 1 of 4" in footers and "Page 4 of 4" in footers  # meta.name.short


@pytest.mark.parametrize("size", ["15", "24.5", "40"])
def test_a_size_out_of_range_is_one_clear_line(charter, size: str) -> None:
    result = charter("build", "--format", "large-print", "--large-print-size", size)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: --large-print-size {size} is out of range: use 16 to 24 (points)."
    ]


def test_landscape_large_print_is_made_in_portrait_and_strict_refuses_it(charter, tmp_path: Path) -> None:
    result = charter("build", "--format", "large-print", "--landscape", "--strict")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: the large-print format is made in portrait only, so --landscape is not used for it. "
        "(refused because of --strict)"
    ]
    assert not (tmp_path / "output").exists()
