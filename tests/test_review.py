"""Review sheets (`charter review ID`): a tagged A4 PDF, at most two pages of how to use it, then
one easy-read point (or full-text paragraph) a page with its code, picture, tick boxes and space."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from conftest import run_charter, user_error
from pdfcheck import characters, check_structure

from generator.project import Project
from generator.review import PICTURE_MM, review_pack

MM = 72 / 25.4


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("review")
    for extra in ([], ["--full"]):
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
            "Write or draw here",
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
    assert min(c.size for c in characters(path)) >= 20
    assert check_structure(path).problems == []


def test_a_document_without_an_easy_read_is_one_clear_line(project_copy: Path) -> None:
    (project_copy / "content/charter/appendix-a.easy-read.md").unlink()
    user_error(run_charter(["review", "appendix-a"], project_copy), "has no easy-read version to review")
    user_error(run_charter(["review", "appendix-z"], project_copy), "unknown document 'appendix-z'")
    assert not (project_copy / "output").exists()
