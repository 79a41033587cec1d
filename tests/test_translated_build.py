"""A translation built end to end (issue #21): a tiny draft Polish translation of a tiny document,
accepted, built with --strict in the print formats, the web pages and braille; every output says
it is a draft and which version of the English it follows."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from conftest import pdf_text, run_charter
from markupsafe import Markup
from translated import DOCUMENT, EASY_READ, POLISH, POLISH_EASY_READ, translated_project

from generator.braille import available, translate
from generator.project import builtin_dir
from generator.strings import strings_for

pytestmark = pytest.mark.slow

FILES = {
    "leaflet.md": DOCUMENT,
    "leaflet.easy-read.md": EASY_READ,
    "leaflet.pl.md": POLISH,
    "leaflet.easy-read.pl.md": POLISH_EASY_READ,
}
PDFS = ("handout", "large-print", "easy-read", "poster")
STRINGS = strings_for((builtin_dir("templates"),), "pl")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("translated")
    translated_project(folder, FILES)
    accepted = run_charter(
        [
            "translations",
            "accept",
            "content/charter/leaflet.pl.md",
            "content/charter/leaflet.easy-read.pl.md",
        ],
        folder,
    )
    assert accepted.exit_code == 0, accepted.output
    args = ["build", "--language", "pl", "--brand", "partnership", "--strict", "--paper", "A4"]
    for fmt in (*PDFS, "html", "easy-read-html", "epub", *(("braille",) if available() else ())):
        args += ["--format", fmt]
    result = run_charter(args, folder)
    assert result.exit_code == 0, result.output  # a draft is no warning: --strict passes
    assert "warning" not in result.output
    return folder / "output" / "partnership"


def test_a_translation_is_built_under_its_own_names(built: Path) -> None:
    names = {p.name for p in built.iterdir()}
    assert {f"leaflet.pl-{fmt}.pdf" for fmt in PDFS} <= names
    assert {"leaflet.pl-html.html", "leaflet.pl-easy-read-html.html"} <= names
    assert not any(name.startswith("leaflet-") for name in names)  # the English is not built


@pytest.mark.parametrize("fmt", PDFS)
def test_every_page_one_says_it_is_a_draft_and_what_it_follows(built: Path, fmt: str) -> None:
    path = built / f"leaflet.pl-{fmt}.pdf"
    text = pdf_text(path)
    assert STRINGS("draft_short" if fmt == "poster" else "draft") in text  # a poster's is short
    assert "Pracujemy razem" in text
    with pikepdf.open(path) as pdf:
        assert pdf.Root.Lang == "pl"
        subject = str(pdf.docinfo.get("/Subject", ""))
    if fmt != "poster":  # the about text and the PDF's subject: the English version it follows
        dated = "2026-11-02, " if fmt != "easy-read" else ""  # the English easy read has no date:
        assert re.fullmatch(f"Przetłumaczono z tekstu oryginalnego, wersja {dated}[0-9a-f]{{12}}\\.", subject)
        assert subject in text


def test_web_pages_say_it_is_a_draft(built: Path) -> None:
    for name in ("leaflet.pl-html.html", "leaflet.pl-easy-read-html.html"):
        page = (built / name).read_text()
        assert '<html lang="pl"' in page
        assert f'<p class="draft-note" role="note">{STRINGS("draft")}</p>' in page
        # the other versions it links to are the Polish ones
        assert "leaflet-handout.pdf" not in page


@pytest.mark.skipif(not available(), reason="liblouis is not installed")
def test_braille_says_it_is_a_draft(built: Path) -> None:
    brf = (built / "leaflet.pl-braille.brf").read_bytes().decode("ascii")
    draft = translate([" ".join(STRINGS("draft").split()[:2])], language="pl")[0]  # 'Tłumaczenie robocze:'
    assert draft in brf.split("\f")[0]  # on the first page


def test_the_shipped_urdu_poster_fits_a3_with_its_version_line_beside_the_code(tmp_path: Path) -> None:
    """The line saying which English version a translation follows sits beside the QR code, where
    the words leave room under the link: under the credit it pushed the shipped Urdu poster 2-4 mm
    off A3 for the brands with a link (Nastaliq lines stand 2.5 high)."""
    import pdfplumber

    run = ["build", "--language", "ur", "--format", "poster", "--brand", "riverside-council"]
    result = run_charter([*run, "--strict", "--quiet", "--out", str(tmp_path)], builtin_dir("content").parent)
    assert result.exit_code == 0, result.output
    with pdfplumber.open(tmp_path / "riverside-council" / "appendix-a.ur-poster.pdf") as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        chars = page.chars
        text = "".join(char["text"] for char in chars)
        found = re.search(r"[0-9a-f]{8,}", text)  # the English version (a digit may be drawn apart)
        assert found, text
        credit = text.index("Social Work Teaching Partnership")  # the credit line, at the foot
        for char in chars[found.start() : found.end()]:
            assert char["bottom"] < chars[credit]["top"]  # above the credit: beside the code


def test_an_easy_read_translated_alone_names_the_english_full_text_in_english(tmp_path: Path) -> None:
    """A Polish easy read with no Polish full text builds (--strict, once accepted) in the
    easy-read formats: its About page says, in Polish, that it is the easy read of the English
    document, whose title is marked English in the tags, and that the full version is in
    English; its credit is the document's, and the brand's name is marked English too."""
    from pdftree import read_tree

    translated_project(tmp_path, {name: text for name, text in FILES.items() if name != "leaflet.pl.md"})
    accepted = run_charter(["translations", "accept", "content/charter/leaflet.easy-read.pl.md"], tmp_path)
    assert accepted.exit_code == 0, accepted.output
    args = ["build", "--language", "pl", "--brand", "partnership", "--strict", "--format", "easy-read"]
    result = run_charter(args, tmp_path)
    assert result.exit_code == 0, result.output
    path = tmp_path / "output" / "partnership" / "leaflet.pl-easy-read.pdf"
    about = STRINGS("about_easy_read", title="Working together")  # the English title
    text = " ".join(pdf_text(path).split())
    assert " ".join(about.split()) in text
    in_english = STRINGS("about_full_version_english", org="SWTP West Midlands")
    assert " ".join(in_english.split()) in text
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "pl"
    marked = [(node.lang, node.all_text()) for node in read_tree(path).walk() if node.lang]
    assert marked == [("en-GB", "Workingtogether"), ("en-GB", "SWTPWestMidlands")]


@pytest.mark.parametrize("fmt", ["handout", "easy-read"])
def test_the_brands_english_names_are_marked_english_and_nothing_else(built: Path, fmt: str) -> None:
    """In a Latin-script translation the brand's names (English) are tagged /Lang en-GB, the
    Polish around them is not; an easy read with its own Polish full text does not say the full
    version is in English."""
    from pdftree import read_tree

    path = built / f"leaflet.pl-{fmt}.pdf"
    marked = {(node.lang, node.all_text()) for node in read_tree(path).walk() if node.lang}
    assert marked == {("en-GB", "SWTPWestMidlands")}
    text = " ".join(pdf_text(path).split())
    assert " ".join(STRINGS("about_full_version_english", org="SWTP West Midlands").split()) not in text
    html = (built / f"leaflet.pl-{'html' if fmt == 'handout' else 'easy-read-html'}.html").read_text("utf-8")
    assert '<span lang="en-GB">SWTP West Midlands</span>' in html


def test_the_shipped_urdu_easy_read_poster_fits_a3_for_a_brand_with_a_code(tmp_path: Path) -> None:
    """A strip variant (generator.poster.strip_layouts): one A3 page, where the designed layout was
    51-92 mm too tall; every picture right of its key point, the credit on the page under them."""
    import pdfplumber
    from layout import figures

    run = ["build", "--language", "ur", "--format", "easy-read-poster", "--brand", "oakfield-university"]
    result = run_charter([*run, "--strict", "--quiet", "--out", str(tmp_path)], builtin_dir("content").parent)
    assert result.exit_code == 0, result.output
    path = tmp_path / "oakfield-university" / "appendix-a.ur-easy-read-poster.pdf"
    found = figures(path)
    code = next(f for f in found if f.alt.startswith("QR code"))
    pictures = [f for f in found if 60 < f.top < code.top]  # between the title band and the code
    mm = 72 / 25.4
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert (round(page.width / mm), round(page.height / mm)) == (297, 420)
        chars = [c for c in page.chars if c["text"].strip()]
    assert len(pictures) == 5  # the five key points'
    for picture in pictures:
        beside = [c for c in chars if picture.top <= (c["top"] + c["bottom"]) / 2 / mm <= picture.bottom]
        assert beside and max(c["x1"] for c in beside) / mm < picture.x0
    text = "".join(c["text"] for c in chars)
    assert chars[text.index("OpenMoji")]["top"] / mm > pictures[-1].bottom  # the credit


def test_the_book_asks_for_a_copy_from_the_brand_named_in_english(built: Path) -> None:
    """The EPUB's other-versions list ends 'ask <organisation> for a copy' in Polish, the
    brand's full name marked English (issue 21 item 5)."""
    import zipfile

    with zipfile.ZipFile(built / "leaflet.pl-epub.epub") as book:
        text = book.read("EPUB/text.xhtml").decode("utf-8")
    marked = '<span lang="en-GB">Social Work Teaching Partnership West Midlands</span>'
    assert str(STRINGS("ask_for_copy", org=Markup(marked))) in text
