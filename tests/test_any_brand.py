"""Any name, any logo, any font (#19 item 5), on one brand the project was not written for: a
120-character name with no short name, no logo, and a narrow serif face bundled beside the brand
file (it sets about 82 characters on a handout's full line). Built once: the handout and large
print on A4, the easy read on A5."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from brands import narrow_serif_font
from conftest import REPO, matrix_charter
from layout import collisions, nearest_edge_mm, read_pages

from generator.brand import FOOTER_NAME_MAX, MEASURE_CHARS, footer_name
from generator.fonts import average_width_em, default_faces

NAME = (
    "The Evening Circle Peer Support Group for Carers, Survivors and Families Living with "
    "Trauma across Northern Dales Region"
)
CUT = "The Evening Circle Peer Support Group for Carers, Survivors and\u2026"
FAMILY = "Narrow Test Serif"
BRAMBLE = REPO / "tests" / "gallery" / "brands" / "bramble-arts" / "bramble-serif-regular.ttf"


def test_a_footer_name_is_cut_after_a_whole_word_past_its_limit() -> None:
    assert len(NAME) == 120 and FOOTER_NAME_MAX == 64
    exact = "Northfield and Southdale Community Wellbeing Partnership Trust U"  # 64: kept whole
    assert len(exact) == 64 and footer_name(exact) == exact
    assert footer_name(exact + "K") == "Northfield and Southdale Community Wellbeing Partnership Trust\u2026"
    assert footer_name(NAME) == CUT
    assert footer_name("x" * 70) == "x" * 64 + "\u2026"  # one word: cut inside it
    assert footer_name("Mere Trust") == "Mere Trust"


def test_the_measure_follows_the_faces_own_width(tmp_path: Path) -> None:
    narrow = narrow_serif_font(BRAMBLE, tmp_path / "narrow.ttf", FAMILY)
    wide, slim = average_width_em(BRAMBLE), average_width_em(narrow)
    assert wide and slim and abs(slim / wide - 0.78) < 0.01
    atkinson = average_width_em(default_faces()[0].path)
    assert atkinson and 0.40 < atkinson < 0.47
    assert average_width_em(tmp_path / "missing.ttf") is None
    assert MEASURE_CHARS == 72


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("any-brand")
    brand = folder / "evening" / "_brand.yml"
    brand.parent.mkdir()
    narrow_serif_font(BRAMBLE, brand.parent / "narrow-regular.ttf", FAMILY)
    brand.write_text(
        f"meta:\n  name: {NAME}\n"
        'color:\n  primary: "#1f4e79"\n'
        f"typography:\n  fonts:\n    - family: {FAMILY}\n      source: file\n"
        "      files:\n        - path: narrow-regular.ttf\n"
        f"  base: {FAMILY}\n  headings: {FAMILY}\n"
    )
    for fmt, paper in (("handout", "A4"), ("large-print", "A4"), ("easy-read", "A5")):
        result = matrix_charter(
            ["build", "--brand", str(brand), "--format", fmt, "--paper", paper, "--out", "out"], folder
        )
        assert result.exit_code == 0, result.output
        assert f"footers print '{CUT}'" in result.output
    return folder / "out" / "evening"


def fonts(pdf: Path) -> set[str]:
    with pikepdf.open(pdf) as document:
        return {
            str(font.get("/BaseFont", "")).split("+")[-1]
            for page in document.pages
            for font in page.obj.get("/Resources", {}).get("/Font", {}).values()
        }


@pytest.mark.slow
def test_a_narrow_serif_handout_keeps_its_measure(built: Path) -> None:
    """Lines are measured from the face's own width: with the page's full width this face set
    about 82 characters a line; the column narrows to hold 75 or fewer."""
    pages = read_pages(built / "appendix-a-handout.pdf")
    body = [ln for p in pages for ln in p.lines if abs(ln.size - 14) < 0.2 and ln.top < p.height - 30]
    assert len(body) > 40
    # pdfplumber reads a ligature's letters twice ('effffective'): count them once.
    assert max(len(re.sub(r"(ffi|ffl|ff|fi|fl)\1", r"\1", ln.text)) for ln in body) <= 75
    assert [name for name in fonts(built / "appendix-a-handout.pdf") if "Narrow" in name]


@pytest.mark.slow
def test_no_logo_sets_the_name_where_the_logo_would_be(built: Path) -> None:
    for fmt in ("handout", "easy-read"):
        first = read_pages(built / f"appendix-a-{fmt}.pdf")[0]
        top = " ".join(ln.text for ln in sorted(first.lines, key=lambda ln: ln.top) if ln.top < 60)
        assert " ".join(NAME.split()[:4]) in top, (fmt, top)
        wordmark = [ln for ln in first.lines if ln.bold and ln.top < 60 and ln.text in NAME]
        assert wordmark and min(ln.size for ln in wordmark) >= 14


@pytest.mark.slow
def test_a_long_name_without_a_short_one_never_overprints(built: Path) -> None:
    for fmt in ("handout", "large-print", "easy-read"):
        pdf = built / f"appendix-a-{fmt}.pdf"
        pages = read_pages(pdf)
        assert collisions(pages) == [], fmt
        assert nearest_edge_mm(pages) >= 10, fmt
        foot = " ".join(ln.text for p in pages[1:2] for ln in p.lines if ln.top > p.height - 40)
        assert "".join(CUT.split()) in "".join(foot.split()), (fmt, foot)
    # Easy read and large print keep a sans serif face: the default stands in for the serif.
    for fmt in ("large-print", "easy-read"):
        assert not [name for name in fonts(built / f"appendix-a-{fmt}.pdf") if "Narrow" in name], fmt
