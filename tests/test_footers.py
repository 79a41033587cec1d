"""Running footers and page numbers with a long organisation name (a real West Midlands NHS
trust's), on every paper in both orientations, read back from the PDFs: they keep 10 mm from
the paper's edge, collide with nothing, never break a word at its hyphen and say the whole name.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import matrix_charter
from layout import collisions, nearest_edge_mm, read_pages

pytestmark = pytest.mark.slow

LONG_NAME = "Birmingham and Solihull Mental Health NHS Foundation Trust"
PAPERS = ["A4", "A5", "letter"]
CASES = [
    (fmt, paper, landscape)
    for fmt in ("handout", "easy-read")
    for paper in PAPERS
    for landscape in (False, True)
]
CASES += [("large-print", "A4", False)]


def case_id(case: tuple[str, str, bool]) -> str:
    return f"{case[0]}-{case[1]}" + ("-landscape" if case[2] else "")


@pytest.fixture(scope="session")
def long_name_set(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, bool], Path]:
    """Each format, paper and orientation for a brand with a long name: {case: pdf}."""
    folder = tmp_path_factory.mktemp("long-name")
    brand = folder / "trust" / "_brand.yml"
    brand.parent.mkdir()
    brand.write_text(f'meta:\n  name: "{LONG_NAME}"\ncolor:\n  primary: "#005eb8"\n')
    made = {}
    for paper in PAPERS:
        for landscape in (False, True):
            out = folder / f"{paper}-{landscape}"
            options = ["--paper", paper, "--out", str(out), "--quiet", "--brand", str(brand)]
            options += ["--landscape"] if landscape else []
            args = ["build", "--format", "handout", "--format", "easy-read", *options]
            result = matrix_charter(args, folder)
            assert result.exit_code == 0, result.output
            for fmt in ("handout", "easy-read"):
                made[fmt, paper, landscape] = out / "trust" / f"appendix-a-{fmt}.pdf"
    out = folder / "large-print"
    result = matrix_charter(
        ["build", "--format", "large-print", "--brand", str(brand), "--out", str(out)], folder
    )
    assert result.exit_code == 0, result.output
    made["large-print", "A4", False] = out / "trust" / "appendix-a-large-print.pdf"
    return made


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_a_long_name_keeps_the_footer_clear_of_the_edge_and_the_text(
    long_name_set: dict, case: tuple[str, str, bool]
) -> None:
    pages = read_pages(long_name_set[case])
    assert nearest_edge_mm(pages) >= 10
    assert collisions(pages) == []
    for page in pages:
        footer = sorted(
            (
                line
                for line in page.lines
                if line.top > page.height - 40 and not line.text.startswith("Page ")
            ),
            key=lambda line: (line.top, line.x0),
        )
        assert LONG_NAME in " ".join(line.text for line in footer), page.number
        assert [line.text for line in footer if line.text.endswith("-")] == []
        assert f"Page {page.number} of {len(pages)}" in [line.text for line in page.lines]
