"""Print-ready layout, read back from the PDFs: clear print handouts (type sizes, measure,
edges, the key points box), no single word alone on a last line, nothing colliding.

Every shipped brand and a real organisation's brand.yml (Posit's), on every handout paper,
built once for the session through the CLI.
"""

from __future__ import annotations

from pathlib import Path
from statistics import mean

import pytest
import yaml
from brands import SHIPPED, posit_brand
from conftest import run_charter
from layout import Page, blocks, collisions, lone_last_words, nearest_edge_mm, read_pages, smallest_size

pytestmark = pytest.mark.slow

HANDOUT_PAPERS = ["A4", "A5", "letter"]
BRANDS = [*SHIPPED, "posit"]


@pytest.fixture(scope="session")
def handout_set(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every brand's handout on every paper: {(brand, paper): pdf}."""
    folder = tmp_path_factory.mktemp("clear-print")
    brand_args = [arg for slug in SHIPPED for arg in ("--brand", slug)]
    brand_args += ["--brand", str(posit_brand(folder / "posit"))]
    made = {}
    for paper in HANDOUT_PAPERS:
        out = folder / paper
        result = run_charter(
            ["build", "--format", "handout", "--paper", paper, "--out", str(out), "--quiet", *brand_args],
            folder,
        )
        assert result.exit_code == 0, result.output
        for brand in BRANDS:
            made[brand, paper] = out / brand / "appendix-a-handout.pdf"
    return made


CASES = [(brand, paper) for brand in BRANDS for paper in HANDOUT_PAPERS]


def case_id(case: tuple[str, str]) -> str:
    return "-".join(case)


def key_points() -> list[str]:
    from generator.project import builtin_dir

    text = (builtin_dir("content") / "charter" / "appendix-a.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1])["key_points"]


def body_size(pages: list[Page]) -> float:
    """The type size most of the text is set in."""
    counts: dict[float, int] = {}
    for page in pages:
        for line in page.lines:
            counts[line.size] = counts.get(line.size, 0) + len(line.text)
    return max(counts, key=counts.__getitem__)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_handouts_meet_clear_print(handout_set: dict, case: tuple[str, str]) -> None:
    paper = case[1]
    path = handout_set[case]
    pages = read_pages(path)
    # No character below 12 pt anywhere: header, footer, page numbers and credits included.
    assert smallest_size(path) >= 12
    # Page numbers and the footer are the body size.
    body = body_size(pages)
    furniture = [ln for p in pages for ln in p.lines if "Page " in ln.text and " of " in ln.text]
    assert len(furniture) == len(pages)
    assert all(abs(ln.size - body) < 0.2 for ln in furniture)
    # All text keeps at least 10 mm from the paper's edge.
    assert nearest_edge_mm(pages) >= 10
    # Nothing collides: no line of text overlaps another line or a picture (the logo).
    assert collisions(pages) == []
    # A measure of 75 characters or fewer: the average full line of body text on A4 and letter.
    if paper != "A5":
        body_lines = [ln for p in pages for ln in p.lines if abs(ln.size - body) < 0.2]
        widest = max(ln.x1 - ln.x0 for ln in body_lines)
        full = [len(ln.text) for ln in body_lines if ln.x1 - ln.x0 > 0.85 * widest]
        assert len(full) > 20 and mean(full) <= 75


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_the_key_points_box_never_splits(handout_set: dict, case: tuple[str, str]) -> None:
    pages = read_pages(handout_set[case])
    with_box = [p for p in pages if any(ln.text == "Key points" for ln in p.lines)]
    assert len(with_box) == 1
    text = " ".join(" ".join(ln.text for ln in with_box[0].lines).split())
    for point in key_points():
        assert " ".join(point.split()) in text.replace("- ", "-")
    # On A5 it fits on the first page with the title: no half-empty first page.
    if case[1] == "A5":
        assert with_box[0].number == 1


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_no_single_word_alone_on_a_last_line(handout_set: dict, case: tuple[str, str]) -> None:
    """Titles, headings, key points, the credits at the end and the footers: every paragraph
    of these that takes two lines or more ends with at least two words."""
    pages = read_pages(handout_set[case])
    body = body_size(pages)
    body_text = {
        id(ln) for group in blocks([ln for p in pages for ln in p.lines]) for ln in group if len(group) > 3
    }
    # Running text paragraphs (four lines and more, the body size) may end as they fall.
    lines = [ln for p in pages for ln in p.lines if not (id(ln) in body_text and abs(ln.size - body) < 0.2)]
    assert lone_last_words(lines) == []
