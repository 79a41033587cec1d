"""Review sheets (`charter review ID`): a tagged A4 PDF, at most two pages of how to use it, then
one easy-read point (or full-text paragraph) a page with its code, picture, tick boxes and space."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pytest
from conftest import run_charter, user_error
from pdfcheck import characters, check_structure

from generator.project import Project
from generator.review import PICTURE_MM, review_pack

MM = 72 / 25.4


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("review")
    for extra in ([], ["--full", "--brand", "riverside-council"]):  # the full text's in another brand
        result = run_charter(["review", "appendix-a", *extra], folder)
        assert result.exit_code == 0, result.output
    return folder / "output" / "review"


def page_texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [" ".join((page.extract_text() or "").split()) for page in pdf.pages]


@pytest.mark.slow
def test_easy_read_sheets_one_point_a_page_large_and_tagged(sheets: Path) -> None:
    path = sheets / "appendix-a-review.pdf"
    pack = review_pack(Project.discover(), "appendix-a")
    texts = page_texts(path)
    codes = [sheet.code for sheet in pack.sheets]
    assert len(codes) == 21
    instructions = len(texts) - len(codes)
    assert 1 <= instructions <= 2
    for text, sheet in zip(texts[instructions:], pack.sheets, strict=True):
        assert text.startswith(f"Point {sheet.code} "), text[:40]
        assert re.findall(r"Point AA-\d+\.\d+", text) == [f"Point {sheet.code}"]
        for words in (
            "I understand this",
            "I do not understand this",
            "Change the picture",
            f"Write or draw here about {sheet.code}",
        ):
            assert words in text
        assert " ".join(str(w) for w in sheet.words) in text
    assert "AA-1.1" in texts[0] + texts[1] and "Check these words with us" in texts[0]
    sizes = {c.size for c in characters(path)}
    assert min(sizes) >= 20, sorted(sizes)[:3]
    report = check_structure(path)
    assert report.problems == []
    alts = set(report.figures_alt)
    assert {sheet.alt for sheet in pack.sheets} <= alts
    assert {"A thumbs up", "A question mark", "A framed picture"} <= alts
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[instructions]
        assert (round(page.width / MM), round(page.height / MM)) == (210, 297)
        # The point's picture: a Form XObject drawn PICTURE_MM square, the tick boxes 16 mm square.
        boxes = [
            r for r in page.rects if abs(r["width"] / MM - 16) < 1.5 and abs(r["height"] / MM - 16) < 1.5
        ]
        assert len(boxes) == 3
    assert pytest.approx(36.8, abs=0.1) == PICTURE_MM


@pytest.mark.slow
def test_full_text_sheets_one_paragraph_each(sheets: Path) -> None:
    path = sheets / "appendix-a-full-review.pdf"
    pack = review_pack(Project.discover(), "appendix-a", full=True)
    texts = page_texts(path)
    starts = [n for n, text in enumerate(texts) if text.startswith("Paragraph AA-P")]
    assert [texts[n].split()[1] for n in starts] == [sheet.code for sheet in pack.sheets]
    assert starts[0] <= 2
    assert "Change the words" in texts[starts[0]] + texts[starts[0] + 1]
    for sheet in pack.sheets:  # a space that goes over to the next page still names its paragraph
        assert sum(f"Write or draw here about {sheet.code} " in text + " " for text in texts) == 1
    assert min(c.size for c in characters(path)) >= 20
    assert check_structure(path).problems == []
    # Made with --brand riverside-council: in that brand, the easy read's in the default one.
    with pikepdf.open(path) as pdf, pikepdf.open(sheets / "appendix-a-review.pdf") as default:
        assert str(pdf.docinfo["/Author"]) == "Riverside Borough Council"
        assert str(default.docinfo["/Author"]) == "Social Work Teaching Partnership West Midlands"


def test_a_document_without_an_easy_read_is_one_clear_line(project_copy: Path) -> None:
    (project_copy / "content/charter/appendix-a.easy-read.md").unlink()
    user_error(run_charter(["review", "appendix-a"], project_copy), "has no easy-read version to review")
    user_error(run_charter(["review", "appendix-z"], project_copy), "unknown document 'appendix-z'")
    assert not (project_copy / "output").exists()


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.mark.slow
def test_the_web_form_passes_axe_fills_in_by_keyboard_and_round_trips(
    sheets: Path, tmp_path: Path, browser: Any
) -> None:
    import shutil

    from axe_playwright_python.sync_playwright import Axe

    from generator.project import builtin_dir

    form = sheets / "appendix-a-review.html"
    from html import unescape

    html = unescape(form.read_text())
    assert "Content-Security-Policy" in html and "default-src 'none'" in html and "unsafe" not in html
    assert ' style="' not in html
    requested: list[str] = []
    context = browser.new_context(accept_downloads=True)
    try:
        context.on("request", lambda request: requested.append(request.url))
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text))
        page.goto(form.as_uri())
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        assert results.violations_count == 0, results.generate_report()
        assert len(results.response["passes"]) >= 15
        page.focus('input[name="AA-1.1"][value="understand"]')
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")  # past the other two boxes, into the comment
        page.keyboard.type("Zebracorn: the words are clear")
        page.check('input[name="AA-1.2"][value="change-picture"]')
        with page.expect_download() as download:
            page.click("button[type=submit]")
        saved = tmp_path / "answers.json"
        download.value.save_as(saved)
        assert "2 of 21 points answered" in (page.text_content("#status") or "")
        narrow = context.new_page()
        narrow.set_viewport_size({"width": 320, "height": 900})
        narrow.goto(form.as_uri())
        assert narrow.evaluate("document.documentElement.scrollWidth") <= 320  # reflows, no sideways scroll
    finally:
        context.close()
    assert errors == [] and set(requested) == {form.as_uri()}
    project = tmp_path / "project"
    shutil.copytree(builtin_dir("content"), project / "content")
    result = run_charter(["review", "import", str(saved)], project)
    assert result.exit_code == 0 and "2 answers added" in result.output, result.output
    status = run_charter(["review", "status", "appendix-a"], project).output
    assert "AA-1.1: understood 1\n    - Zebracorn: the words are clear" in status
    assert "AA-1.2: change the picture 1" in status
    assert "State: in review" in status


def test_a_csv_from_paper_is_imported_once_and_bad_rows_all_named(project_copy: Path) -> None:
    paper = project_copy / "paper.csv"
    paper.write_text(
        'code,answer,comment\nAA-1.3,not-understand,"What is it, please?"\nAA-P2,change-words,\n'
    )
    for added in ("2 answers added", "0 answers added"):  # the same file twice adds nothing more
        result = run_charter(["review", "import", "paper.csv"], project_copy)
        assert result.exit_code == 0 and added in result.output, result.output
    review = (project_copy / "content/charter/appendix-a.review.yml").read_text()
    assert review.count("code:") == 2 and "What is it, please?" in review
    status = run_charter(["review", "status", "appendix-a"], project_copy).output
    assert (
        "AA-1.3: not understood 1\n    - What is it, please?" in status
        and "AA-P2: change the words 1" in status
    )
    paper.write_text("AA-9.9,yes,\nAA-1.1,understand,fine\nAA-1.2,maybe,\n")
    result = run_charter(["review", "import", "paper.csv"], project_copy)
    assert result.exit_code == 1
    assert result.output.splitlines()[:3] == [
        "paper.csv:1: unknown point code 'AA-9.9' for appendix-a.",
        "paper.csv:1: unknown answer 'yes': use understand, not-understand, change-picture, change-words.",
        "paper.csv:3: unknown answer 'maybe': use understand, not-understand, change-picture, change-words.",
    ]
    assert (project_copy / "content/charter/appendix-a.review.yml").read_text() == review
