"""Print-ready layout, read back from the PDFs: clear print handouts (type sizes, measure,
edges, the key points box), no single word alone on a last line, nothing colliding.

Every shipped brand and a real organisation's brand.yml (Posit's), on every handout paper,
built once for the session through the CLI.
"""

from __future__ import annotations

import math
import re
from itertools import pairwise
from pathlib import Path
from statistics import mean

import pytest
import yaml
from brands import SHIPPED, posit_brand
from conftest import matrix_charter
from layout import (
    MM,
    Page,
    blocks,
    collisions,
    figures,
    lone_last_words,
    nearest_edge_mm,
    page_blocks,
    read_pages,
    smallest_size,
)
from pagebreaks import breaks, page_parts, text_areas

pytestmark = pytest.mark.slow

HANDOUT_PAPERS = ["A4", "A5", "letter"]
BRANDS = [*SHIPPED, "posit"]


@pytest.fixture(scope="session")
def handout_set(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every brand's handout on every paper: {(brand, paper): pdf}."""
    folder = tmp_path_factory.mktemp("clear-print")
    posit = str(posit_brand(folder / "posit"))
    made = {}
    for paper in HANDOUT_PAPERS + LANDSCAPE_PAPERS:
        out = folder / paper.replace(" ", "-")
        size, *landscape = paper.split()
        options = ["--paper", size, *(["--landscape"] if landscape else []), "--out", str(out), "--quiet"]
        brands = LANDSCAPE_BRANDS if landscape else BRANDS
        args = [arg for brand in brands for arg in ("--brand", posit if brand == "posit" else brand)]
        result = matrix_charter(["build", "--format", "handout", *options, *args], folder)
        assert result.exit_code == 0, result.output
        for brand in brands:
            made[brand, paper] = out / brand / "appendix-a-handout.pdf"
    return made


# Landscape handouts (the body in two columns) on two brands: the shipped partnership's and Posit's.
LANDSCAPE_PAPERS = ["A4 landscape", "letter landscape"]
LANDSCAPE_BRANDS = ["partnership", "posit"]
CASES = [(brand, paper) for brand in BRANDS for paper in HANDOUT_PAPERS]
CASES += [(brand, paper) for brand in LANDSCAPE_BRANDS for paper in LANDSCAPE_PAPERS]


def case_id(case: tuple[str, str]) -> str:
    return "-".join(case).replace(" ", "-")


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
    # A measure of 75 characters or fewer: the average full line of body text on A4 and letter
    # (in landscape, of each column: a full line is one at least 85% as wide as the widest line
    # that starts where it starts).
    if paper != "A5":
        body_lines = [ln for p in pages for ln in p.lines if abs(ln.size - body) < 0.2]
        widest: dict[int, float] = {}
        for ln in body_lines:
            widest[round(ln.x0)] = max(widest.get(round(ln.x0), 0), ln.x1 - ln.x0)
        full = [len(ln.text) for ln in body_lines if ln.x1 - ln.x0 > 0.85 * widest[round(ln.x0)]]
        assert len(full) > 20 and mean(full) <= 75


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_the_key_points_box_never_splits(handout_set: dict, case: tuple[str, str]) -> None:
    pages = read_pages(handout_set[case])
    with_box = [p for p in pages if any(ln.text == "Key points" for ln in p.lines)]
    assert len(with_box) == 1
    text = " ".join(" ".join(ln.text for ln in with_box[0].lines).split())
    for point in key_points():
        assert " ".join(point.split()) in text.replace("- ", "-")
    # On A5 and in landscape it fits on the first page with the title: no half-empty first page.
    if case[1] == "A5" or "landscape" in case[1]:
        assert with_box[0].number == 1


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_no_single_word_alone_on_a_last_line(handout_set: dict, case: tuple[str, str]) -> None:
    """Titles, headings, key points, the credits at the end and the footers: every paragraph
    of these that takes two lines or more ends with at least two words; and no word in a title,
    heading or key point is broken at its hyphen."""
    pages = read_pages(handout_set[case])
    body = body_size(pages)
    # Running text paragraphs (four lines and more, the body size) may end as they fall, and so
    # may the rest of one that a page break split (body-size lines that open a page).
    furniture = [ln for p in pages for ln in p.lines if "Page " in ln.text and " of " in ln.text]
    tops = {p.number: min(ln.top for ln in p.lines if ln not in furniture) for p in pages}
    body_text = {
        id(ln)
        for group in blocks([ln for p in pages for ln in p.lines])
        for ln in group
        if len(group) > 3 or (group[0].page > 1 and group[0].top <= tops[group[0].page] + 0.5)
    }
    lines = [ln for p in pages for ln in p.lines if not (id(ln) in body_text and abs(ln.size - body) < 0.2)]
    assert lone_last_words(lines) == []
    # No word of the title, a heading or a key point breaks at its hyphen ("co-/produced").
    points = [" ".join(point.split()) for point in key_points()]
    broken = [
        ln.text
        for p in pages
        for ln in p.lines
        if ln.text.endswith("-")
        and (ln.size > body + 0.2 or any(ln.text.lstrip("• ") in point for point in points))
    ]
    assert broken == []


# Large print (A4 only) is the handout reflowed at 16-24 pt: the same rules, each size on a brand.
LARGE_PRINT = [("partnership", 24), ("posit", 16), ("riverside-council", 20)]


@pytest.fixture(scope="session")
def large_print_set(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Large print at each size of LARGE_PRINT: {(brand, 'A4'): pdf}."""
    folder = tmp_path_factory.mktemp("large-print")
    made = {}
    for brand, pt in LARGE_PRINT:
        out = folder / f"{brand}-{pt}"
        arg = str(posit_brand(folder / "posit")) if brand == "posit" else brand
        options = ["--large-print-size", str(pt), "--out", str(out), "--quiet", "--brand", arg]
        result = matrix_charter(["build", "--format", "large-print", *options], folder)
        assert result.exit_code == 0, result.output
        made[brand, "A4"] = out / brand / "appendix-a-large-print.pdf"
    return made


@pytest.mark.parametrize("case", [(brand, "A4") for brand, _ in LARGE_PRINT], ids=case_id)
def test_large_print_meets_the_handout_rules(large_print_set: dict, case: tuple[str, str]) -> None:
    """Clear print, no word alone on a last line, the key points from page 1 (below)."""
    test_handouts_meet_clear_print(large_print_set, case)
    test_no_single_word_alone_on_a_last_line(large_print_set, case)
    large_print_key_points_open_on_page_1(large_print_set[case])


def large_print_key_points_open_on_page_1(path: Path) -> None:
    """The key points open on page 1 under the title, each point whole. The box is whole on page 1
    when it fits (16 pt); taller, it goes on to page 2 between points, the last two together, only
    once page 1 is full: the space left under page 1's last line is less than what went on."""
    pages = read_pages(path)
    texts = [plain(" ".join(ln.text for ln in page.lines)) for page in pages]
    assert "Key points" in texts[0]
    where = [next(i for i, text in enumerate(texts) if plain(point) in text) for point in key_points()]
    assert where == sorted(where) and set(where) <= {0, 1}, where
    if 1 not in where:
        return
    assert where.count(0) >= 1 and where.count(1) >= 2, where
    first_word = plain(key_points()[where.index(1)]).split()[0]
    body = [ln for ln in pages[1].lines if not re.search(r"Page \d+ of \d+", ln.text)]
    (start,) = [ln for ln in body if ln.text.lstrip("• ").startswith(first_word)][:1]
    moved_on = [ln for ln in body if ln.x0 > body[0].x0 - 1 and ln.top >= start.top]
    end = next(ln for ln in moved_on if plain(key_points()[-1]).endswith(plain(ln.text).split()[-1]))
    foot = max(ln.bottom for ln in body)  # page 2 is full text: its last line is at the foot
    page_1_last = max(ln.bottom for ln in pages[0].lines if not re.search(r"Page \d+ of \d+", ln.text))
    assert foot - page_1_last < end.bottom - start.top + start.size / MM, "page 1 ends early"


# --- Easy read paginates on purpose ------------------------------------------------------------

EASY_PAPERS = ["A4", "A5", "letter"]
# Larger type: 28 pt (the largest --easy-read-size) on every paper, and sizes between, on every
# brand; landscape too. At 28 pt an A5 page holds about one point: the document runs to 30
# pages, and the build warns that easy read should be 24 at most (test_easy_read).
LARGE = [
    ("partnership", "A4", 28),
    ("posit", "letter", 28),
    ("posit", "A5", 28),
    ("partnership", "A5 landscape", 28),
    ("oakfield-university", "letter landscape", 16),
    ("oakfield-university", "A5", 20),
    ("riverside-council", "A4", 24),
    ("partnership", "letter", 20),
]


@pytest.fixture(scope="session")
def easy_read_set(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, int], Path]:
    """Every brand's easy read on every paper at 16 pt, and three larger: {(brand, paper, pt): pdf}."""
    folder = tmp_path_factory.mktemp("easy-read-pages")
    posit = str(posit_brand(folder / "posit"))
    brand_args = [arg for slug in SHIPPED for arg in ("--brand", slug)] + ["--brand", posit]
    runs = [(paper, 16, brand_args, BRANDS) for paper in EASY_PAPERS]
    runs += [(paper, pt, ["--brand", posit if b == "posit" else b], [b]) for b, paper, pt in LARGE]
    made = {}
    for paper, pt, args, brands in runs:
        out = folder / f"{paper.replace(' ', '-')}-{pt}"
        size, *landscape = paper.split()
        options = ["--paper", size, *(["--landscape"] if landscape else []), "--easy-read-size", str(pt)]
        options += ["--out", str(out), "--quiet"]
        result = matrix_charter(["build", "--format", "easy-read", *options, *args], folder)
        assert result.exit_code == 0, result.output
        for brand in brands:
            made[brand, paper, pt] = out / brand / "appendix-a-easy-read.pdf"
    return made


EASY_CASES = [(brand, paper, 16) for brand in BRANDS for paper in EASY_PAPERS] + LARGE


def easy_id(case: tuple[str, str, int]) -> str:
    return f"{case[0]}-{case[1].replace(' ', '-')}-{case[2]}pt"


def plain(text: str) -> str:
    """Text as compared across line breaks: spaces normalised, a break after a hyphen closed."""
    return " ".join(text.split()).replace("- ", "-")


def easy_full_title() -> str:
    from generator.project import builtin_dir

    text = (builtin_dir("content") / "charter" / "appendix-a.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1])["title"]


def easy_source():
    from generator.easyread import load_easy_read
    from generator.project import builtin_dir

    return load_easy_read(builtin_dir("content") / "charter" / "appendix-a.easy-read.md")


@pytest.mark.parametrize("case", EASY_CASES, ids=easy_id)
def test_nothing_splits_across_pages(easy_read_set: dict, case: tuple[str, str, int]) -> None:
    """Every point, glossary entry and paragraph of "About this document" is whole on one page,
    and the heading "About this document" has its first paragraph under it."""
    pages = read_pages(easy_read_set[case])
    texts = [plain(" ".join(line.text for line in page.lines)) for page in pages]
    doc = easy_source()
    for part in doc.parts:
        for point in part.points:
            words = plain(" ".join(s.text for s in point.sentences))
            assert any(words in text for text in texts), words
    for entry in doc.glossary:
        words = plain(f"{entry.term} {entry.meaning}")
        assert any(words.lower() in text.lower() for text in texts), words
    (about,) = [text for text in texts if "About this document" in text]
    assert plain(f'About this document This is the easy read version of "{easy_full_title()}".') in about
    assert "Licence: Creative Commons Attribution-ShareAlike 4.0." in texts[-1]


@pytest.mark.parametrize("case", EASY_CASES, ids=easy_id)
def test_pages_break_on_purpose(easy_read_set: dict, case: tuple[str, str, int]) -> None:
    """Headings keep their first point; no page ends early; "About this document" is one block,
    whole on one page, so the last page never holds only its credits (taller than a page, it
    flows on from the glossary and its last three paragraphs stay together)."""
    layout = page_blocks(easy_read_set[case], float(case[2]))
    for number, blocks_ in enumerate(layout, 1):
        kinds = [b.kind for b in blocks_]
        assert "tail" not in kinds, f"page {number} opens with the rest of a point"
        assert kinds[-1] != "heading", f"page {number} ends with a heading"
    flat = [block for blocks_ in layout for block in blocks_]
    (about,) = [i for i, block in enumerate(flat) if block.text == "About this document"]
    about_blocks = flat[about:]
    floor = max(blocks_[-1].bottom for blocks_ in layout)
    area = floor - min(blocks_[0].top for blocks_ in layout[1:])  # a page's text area, in height
    whole = about_blocks[0].page == about_blocks[-1].page
    height = sum(
        max(b.bottom for b in about_blocks if b.page == page)
        - min(b.top for b in about_blocks if b.page == page)
        for page in {b.page for b in about_blocks}
    )
    # Read from the text, a block is shorter than its box by about a line (the leading above its
    # first and below its last line, the space at the page break, its top margin).
    line = 1.5 * case[2] / MM
    assert whole or height + 2 * line > area, f"About this document ({height:.0f} mm) splits but fits a page"
    chain = flat[-3:]  # the last three paragraphs
    assert whole or all(block.page == layout[-1][0].page for block in chain), "the credits are apart"
    # "About this document" (whole) or the last three paragraphs open a page only when they would
    # not fit at the foot of the one before (every other opening: the next test, to the mm).
    spacing = max(b.top - a.bottom for blocks_ in layout for a, b in pairwise(blocks_) if a.kind == b.kind)
    for number, (this, following) in enumerate(pairwise(layout), 1):
        first = flat.index(following[0])
        if first == about and whole:
            opening = about_blocks
        elif following[0] in chain:
            opening = chain[chain.index(following[0]) :]
        else:
            continue
        needed = opening[-1].bottom - opening[0].top
        left = floor - this[-1].bottom
        assert left < needed + spacing, f"page {number} ends {left:.0f} mm early ({needed:.0f} mm came next)"


@pytest.mark.parametrize("case", EASY_CASES, ids=easy_id)
def test_a_page_ends_only_when_what_comes_next_would_not_fit(
    easy_read_set: dict, case: tuple[str, str, int]
) -> None:
    """Measured from the PDF at every page break: the next point, glossary entry, or heading with
    its first point, would not have fitted in the space left (with the gap the layout puts above
    it); and every block on a page lies inside the text area (what does not fit moves on)."""
    path = easy_read_set[case]
    early = [b for b in breaks(path, float(case[2])) if b.fitted]
    assert early == [], [f"page {b.page}: {b.free} mm free, {b.opening} needs {b.needed}" for b in early]
    for parts, (_, _, _, foot) in zip(page_parts(path, float(case[2])), text_areas(path), strict=True):
        assert all(part.bottom <= foot + 0.5 for part in parts), [p.text for p in parts if p.bottom > foot]


@pytest.mark.parametrize("case", EASY_CASES, ids=easy_id)
def test_easy_read_keeps_its_type_and_edges(easy_read_set: dict, case: tuple[str, str, int]) -> None:
    path = easy_read_set[case]
    pages = read_pages(path)
    assert smallest_size(path) >= 16
    assert nearest_edge_mm(pages) >= 10
    assert collisions(pages) == []
    assert lone_last_words([ln for page in pages for ln in page.lines]) == []
    if not (case[1].startswith("A5") and case[2] == 28):
        assert len(pages) <= 24
    # No word is broken at its hyphen ("co-/production"): no line ends with one.
    assert [
        ln.text for page in pages for ln in page.lines if ln.text.endswith(("-", "\u2010", "\u2011"))
    ] == []


@pytest.mark.parametrize("case", [case for case in LARGE if case[2] > 16], ids=easy_id)
def test_easy_read_pictures_and_footers_grow_with_the_text(
    easy_read_set: dict, case: tuple[str, str, int]
) -> None:
    """Pictures 28 mm at 16 pt, by the square root of the size above it (37 mm at 28 pt), as far
    as the words beside them keep 20 characters a line (of the face's average width): so on A5
    (124 mm of text width) 31.5 mm at 20 pt and 29.5 at 28, A5 landscape 28; the footer and page numbers 6 pt
    under the text (22 pt at 28 pt), never over the text."""
    from generator.fonts import average_width_em, default_faces

    pt = case[2]
    path = easy_read_set[case]
    pages = read_pages(path)
    numbers = [ln for p in pages for ln in p.lines if re.search(r"Page \d+ of \d+", ln.text)]
    assert len(numbers) == len(pages)
    assert all(abs(ln.size - max(16, pt - 6)) < 0.2 for ln in numbers)
    pictures = [box for box in figures(path) if abs((box.x1 - box.x0) - (box.bottom - box.top)) < 0.5]
    sides = {round(box.x1 - box.x0, 1) for box in pictures}
    assert len(pictures) >= 10 and len(sides) == 1
    (side,) = sides
    grown = round(28 * math.sqrt(pt / 16) * 2) / 2
    x0, _, x1, _ = text_areas(path)[1]
    em = average_width_em(default_faces()[0].path)  # every brand in LARGE sets easy read in it
    words_mm = x1 - x0 - side - 8  # the picture's gap: css/easy-read.css
    chars = words_mm / (em * pt / MM)
    assert side >= 28 and chars >= 20 - 0.1
    if case[1] == "A5 landscape":  # 148 mm tall: 28 mm keeps a heading and its first point together
        assert side == 28
    else:  # smaller than grown only where a larger picture would leave the words under 20 characters
        assert side == pytest.approx(grown, abs=0.3) or chars < 20 + 0.5 / (em * pt / MM)
    if case[1] == "A5" and pt == 20:
        assert side == pytest.approx(31.5, abs=0.3)
    assert collisions(pages) == []
