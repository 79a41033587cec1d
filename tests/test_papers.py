"""Papers come from one table (generator.formats.PAPERS): a paper added at run time is offered to
handouts and easy reads, and its pages take their design's page rules: page numbers, footer and
margins, read back from a built PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_charter
from layout import read_pages

from generator import formats
from generator.css import expand_page_rules
from generator.formats import PAPERS, Paper

B5 = Paper("B5", 176, 250, documents=True)


@pytest.fixture
def with_b5(monkeypatch: pytest.MonkeyPatch) -> Paper:
    monkeypatch.setitem(PAPERS, "B5", B5)
    return B5


def test_a_paper_in_the_table_is_offered_and_named_by_its_design_rules(with_b5: Paper) -> None:
    assert "B5" in formats.FORMATS["handout"].papers and "B5" in formats.FORMATS["easy-read"].papers
    assert "B5" not in formats.FORMATS["poster"].papers
    regular = expand_page_rules("@page handout-regular {")
    assert "handout-b5-portrait" in regular and "handout-b5-landscape" in regular
    assert "handout-a5" not in regular
    assert "handout-b5-landscape" in expand_page_rules("@page handout-regular-landscape {")
    assert "handout-b5-portrait" not in expand_page_rules("@page handout-regular-landscape {")
    assert "handout-b5" not in expand_page_rules("@page handout-compact {")


def test_an_unknown_design_is_left_as_written() -> None:
    assert expand_page_rules("@page poster-compact {") == "@page poster-compact {"


@pytest.mark.slow
def test_a_handout_on_a_paper_added_at_run_time_has_page_numbers_footer_and_margins(
    with_b5: Paper, tmp_path: Path
) -> None:
    result = run_charter(
        ["build", "--format", "handout", "--paper", "B5", "--quiet", "--out", "out"], tmp_path
    )
    assert result.exit_code == 0, result.output
    pdf = next((tmp_path / "out").glob("*/appendix-a-handout.pdf"))
    pages = read_pages(pdf)
    assert len(pages) > 1
    for page in pages:
        assert (round(page.width), round(page.height)) == (176, 250)
        texts = [line.text for line in page.lines]
        assert f"Page {page.number} of {len(pages)}" in texts
        footer = [line for line in page.lines if line.top > page.height - 32]
        assert footer, f"page {page.number} has no footer"
        body = [line for line in page.lines if 30 < line.top < page.height - 40]
        assert min(line.x0 for line in body) == pytest.approx(25, abs=0.5)  # the regular design's margin (mm)
