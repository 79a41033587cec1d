"""Shapes of brand and document found by building material the project had never seen (#19's
independent check), each pinned at its boundary without rendering: logo sizes, poster links,
which formats a run plans for a document that lacks an easy read or key points."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from generator.braille import body_blocks
from generator.brand import (
    LOGO_HEIGHT_MM,
    LOGO_SHORT_SIDE_MM,
    POSTER_LOGO_MAX_GROW,
    BrandRef,
    Logo,
    load_brand,
)
from generator.content import load_document
from generator.easyread import load_easy_read
from generator.errors import CharterError
from generator.formats import PAPERS
from generator.markdown import render_body
from generator.planning import plan
from generator.poster import poster_layout, printed_link
from generator.posterfit import poster_points
from generator.project import Project
from generator.run import Options
from generator.typeset import fit_tables

HANDOUT_TEXT_WIDTH_MM = 160.0  # A4 less the handout's 25 mm margins


def handout_logo_mm(aspect: float) -> tuple[float, float]:
    """The logo's width and height on an A4 handout (css/handout.css: 15 mm times --grow, no
    wider than the text)."""
    height = LOGO_HEIGHT_MM * Logo(Path("logo.png"), "", aspect).grow
    width = min(height * aspect, HANDOUT_TEXT_WIDTH_MM)
    return width, width / aspect


@pytest.mark.parametrize("aspect", [0.1, 0.125, 150 / 720, 0.3, 0.5, 0.8, 1.0, 2.5, 5, 15])
def test_every_logo_is_readable_on_an_a4_handout(aspect: float) -> None:
    width, height = handout_logo_mm(aspect)
    assert min(width, height) >= LOGO_SHORT_SIDE_MM - 0.01
    assert width * height >= 200


def test_a_logo_no_taller_than_wide_keeps_its_designed_height() -> None:
    assert Logo(Path("logo.png"), "", 1.0).grow == Logo(Path("logo.png"), "", 3.0).grow == 1.0
    assert Logo(Path("logo.png"), "", 0.99).grow > 1.0


def test_a_long_poster_link_breaks_after_a_hyphen_before_inside_a_word() -> None:
    url = "https://narrowlane.example.org/repairs/timetable-and-promises-for-every-tenant-2027"
    layout = replace(poster_layout(PAPERS["A3"], 420, False, url, "p"), link_one_line=False, link_chars=30)
    html = str(layout.link_text)
    assert "<wbr>/" in html and "timetable-</span><wbr>" in html
    assert '<span class="part">narrowlane.example.org</span>' in html
    assert 'class="part long"' not in html  # every piece is shorter than a line
    assert re.sub(r"<[^>]+>", "", html) == printed_link(url)
    one_piece = replace(layout, link="https://example.org/" + "x" * 40).link_text
    assert 'class="part long">' + "x" * 40 in str(one_piece)  # only a piece no break fits breaks inside
    short = replace(layout, link="https://example.org/charter/appendix-a?from=poster").link_text
    assert '<span class="part">appendix-a?from=poster</span>' in str(short)  # a part a line holds stays whole


def write_document(folder: Path, doc_id: str, easy_read: bool) -> None:
    front = f"---\nid: {doc_id}\ntitle: T {doc_id}\nlanguage: en-GB\nsummary: About {doc_id}.\n---\n"
    (folder / f"{doc_id}.md").write_text(front + "\nWords.\n", encoding="utf-8")
    if easy_read:
        point = "- ![A pencil](openmoji:pencil)\n  We write.\n"
        (folder / f"{doc_id}.easy-read.md").write_text(front + "\n## Us\n\n" + point, encoding="utf-8")


@pytest.fixture
def two_documents(tmp_path: Path) -> Project:
    """A project of two documents, only one with an easy read."""
    (tmp_path / "content" / "charter").mkdir(parents=True)
    write_document(tmp_path / "content" / "charter", "with-easy-read", True)
    write_document(tmp_path / "content" / "charter", "text-only", False)
    return Project.discover(tmp_path)


def test_asking_for_easy_read_makes_it_for_the_documents_that_have_one(two_documents: Project) -> None:
    made = {(i.doc_id, i.fmt) for i in plan(two_documents, [], [], ["easy-read", "handout"], Options())}
    assert made == {("with-easy-read", "easy-read"), ("with-easy-read", "handout"), ("text-only", "handout")}


def test_a_named_document_without_an_easy_read_is_still_planned_to_be_refused(two_documents: Project) -> None:
    made = {(i.doc_id, i.fmt) for i in plan(two_documents, ["text-only"], [], ["easy-read"], Options())}
    assert made == {("text-only", "easy-read")}  # the build says which file to write
    (two_documents.charter_dir / "with-easy-read.easy-read.md").unlink()
    made = {(i.doc_id, i.fmt) for i in plan(two_documents, [], [], ["easy-read"], Options())}
    assert made == {("text-only", "easy-read"), ("with-easy-read", "easy-read")}  # none has one


def test_a_document_without_key_points_has_its_summary_on_its_poster(two_documents: Project) -> None:
    doc = load_document(two_documents.charter_dir / "text-only.md")
    assert doc.key_points == () and poster_points(doc).key_points == ("About text-only.",)
    easy = load_easy_read(two_documents.charter_dir / "with-easy-read.easy-read.md")
    (point,) = poster_points(easy).key_points
    assert (point.alt, point.text, point.picture) == ("A pencil", "We write.", easy.points[0].picture)


def test_an_easy_read_with_no_key_points_and_no_pictures_cannot_make_a_poster(two_documents: Project) -> None:
    path = two_documents.charter_dir / "with-easy-read.easy-read.md"
    path.write_text(path.read_text(encoding="utf-8").replace("![A pencil](openmoji:pencil)\n  ", ""), "utf-8")
    with pytest.raises(CharterError, match="key_points") as refused:
        poster_points(load_easy_read(path))
    assert refused.value.path == path


def test_a_tables_narrowest_width_is_its_longest_words_and_the_gaps_between_cells() -> None:
    body = "| Word | Meaning |\n| --- | --- |\n| Co-production | Working **together** |\n"
    html = render_body(body, Path("doc.md"), 1)
    # Column 1: 'Co-production' (13) beats the bold header 'Word' (4 x 1.1); column 2: the header
    # 'Meaning' (7 x 1.1) beats 'together' (8 less its ** marks is 8 > 7.7); two gaps of 1.2.
    assert '<table class="table wide" data-chars="24">' in html  # wide: its row runs past 30 characters


@pytest.mark.parametrize(
    ("narrowest", "line", "text_pt", "added"),
    [
        (60, 60, 14, ""),
        (61, 60, 14, " small"),
        (70, 60, 14, " small"),
        (71, 60, 14, " stacked"),
        (61, 60, 12, " stacked"),
        (99, 0, 14, ""),
    ],
)
def test_a_table_wider_than_the_line_is_set_smaller_or_stacked(
    narrowest: int, line: float, text_pt: float, added: str
) -> None:
    table = f'<table class="table wide" data-chars="{narrowest}">'
    assert (
        str(fit_tables(f"<p>x</p>{table}<tr>", line, text_pt))
        == f'<p>x</p><table class="table wide{added}" data-chars="{narrowest}"><tr>'
    )


def test_a_footnote_reference_is_joined_to_the_word_before_it() -> None:
    html = render_body("A break for a few hours or days.[^1]\n\n[^1]: Respite.\n", Path("doc.md"), 1)
    assert 'days.\u2060<sup class="footnote-ref">' in html  # never alone at the start of a line
    assert body_blocks(html)[0].text == "A break for a few hours or days. (note 1)"  # braille skips it


@pytest.mark.slow
def test_lettering_inside_a_logo_is_not_judged_as_text_but_pale_text_is(tmp_path: Path) -> None:
    """A partner's SVG logo with white lettering on yellow: ``charter verify`` leaves the
    picture's lettering to its alt text (WCAG 1.4.3 exempts logotypes) and still fails the same
    pale colour set as text."""
    import weasyprint

    from generator.verify.pdf import verify_pdf

    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40"><rect width="300" height="40" '
        'fill="#facc15"/><text x="10" y="30" font-family="DejaVu Sans" font-size="24" fill="#ffffff">'
        "BUTTERCUP</text></svg>",
        encoding="utf-8",
    )
    page = '<html lang="en"><title>T</title><p style="background: #facc15; color: {}">Words</p>'
    page += '<img src="logo.svg" alt="Buttercup">'
    for colour, faint in (("#000000", False), ("#ffffff", True)):
        pdf = tmp_path / "page.pdf"
        weasyprint.HTML(string=page.format(colour), base_url=str(tmp_path)).write_pdf(
            pdf, pdf_variant="pdf/ua-1"
        )
        (contrast,) = [check for check in verify_pdf(pdf).checks if check.id == "contrast"]
        assert contrast.passed != faint, contrast


def test_a_brand_naming_only_a_base_face_sets_its_headings_in_it(tmp_path: Path) -> None:
    brand_file = tmp_path / "_brand.yml"
    brand_file.write_text("meta:\n  name: Plain Co\ntypography:\n  base: DejaVu Sans\n", encoding="utf-8")
    brand = load_brand(BrandRef(brand_file, "plain-co"))
    assert (brand.body_family, brand.heading_family) == ("DejaVu Sans", "DejaVu Sans")
    brand_file.write_text(brand_file.read_text(encoding="utf-8") + "  headings: DejaVu Serif\n", "utf-8")
    assert load_brand(BrandRef(brand_file, "plain-co")).heading_family == "DejaVu Serif"


def test_a_posters_logo_grows_no_more_than_its_title_band_holds() -> None:
    tall, squarish = Logo(Path("logo.png"), "", 0.1), Logo(Path("logo.png"), "", 0.5)
    assert (tall.grow, tall.poster_grow) == (4.0, POSTER_LOGO_MAX_GROW)
    assert squarish.poster_grow == squarish.grow < POSTER_LOGO_MAX_GROW
