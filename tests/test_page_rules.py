"""Pages that read well (#19 item 7): a paragraph ending in a colon stays with what it
introduces; the last page never holds only the credits; each PDF's title names its format.

Built once: a document with fourteen "As one member of our panel said:" lead-ins, each before a
quote and after a paragraph a little longer than the last (so lead-ins fall at every height of
the page: without the rule two of them end a page), and the gallery's meeting-costs document
(whose credits, without the rule, stand alone on the last page of its handout)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, matrix_charter
from layout import Page, read_pages
from pdfcheck import check_structure

from generator.markdown import render_body

WORDS = "Co-production asks us to share power, listen with care and change what we do because of what we hear"
LEAD_IN = "As one member of our panel said:"


def lead_in_document() -> str:
    words = WORDS.split()
    blocks = []
    for n in range(14):
        filler = " ".join(words[i % len(words)] for i in range(40 + n * 9)) + "."
        blocks.append(
            f"{filler}\n\n{LEAD_IN}\n\n> We were listened to, and it changed what happened, number {n}.\n"
        )
    front = (
        "---\nid: lead-ins\ntitle: Keeping a lead-in with its quote\nlanguage: en-GB\n"
        "summary: Page breaks after a sentence that ends in a colon.\n"
        "key_points:\n  - A sentence ending in a colon stays with what it introduces.\n---\n\n"
    )
    return front + "\n".join(blocks)


def test_a_paragraph_ending_in_a_colon_is_marked_only_when_something_follows() -> None:
    html = render_body(
        "Before.\n\nShe said:\n\n> A quote.\n\nA time: 10:30 today.\n\n"
        "- a list item:\n  - under it\n\nLast:\n",
        Path("x.md"),
        1,
    )
    assert '<p class="lead-in">She said:</p>' in html
    assert "<p>Before.</p>" in html and "<p>A time: 10:30 today.</p>" in html
    assert "<p>Last:</p>" in html  # nothing follows it
    assert html.count("lead-in") == 1  # a tight list's item has no paragraph to mark


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("page-rules")
    shutil.copytree(REPO / "content", folder / "content")
    charter = folder / "content" / "charter"
    (charter / "lead-ins.md").write_text(lead_in_document())
    shutil.copy(REPO / "tests" / "gallery" / "documents" / "meeting-costs.md", charter)
    args = ["build", "--format", "handout", "--doc", "lead-ins", "--doc", "meeting-costs", "--quiet"]
    result = matrix_charter(args, folder)
    assert result.exit_code == 0, result.output
    return folder / "output" / "partnership"


def text_lines(page: Page) -> list[str]:
    """A page's lines without its page number (top 20 mm) and footer (bottom 35 mm)."""
    return [ln.text for ln in page.lines if 20 < ln.top < page.height - 35]


@pytest.mark.slow
def test_no_page_ends_with_a_lead_in(built: Path) -> None:
    pages = read_pages(built / "lead-ins-handout.pdf")
    assert len(pages) >= 5
    ends = [text_lines(page)[-1] for page in pages[:-1]]
    assert LEAD_IN not in ends, ends
    lead_ins = [ln for p in pages for ln in p.lines if ln.text == LEAD_IN]
    assert len(lead_ins) == 14


@pytest.mark.slow
def test_the_last_page_never_holds_only_the_credits(built: Path) -> None:
    for name in ("meeting-costs-handout.pdf", "lead-ins-handout.pdf"):
        last = text_lines(read_pages(built / name)[-1])
        assert not last[0].startswith("From the "), (name, last)


@pytest.mark.slow
def test_each_pdf_title_names_its_format(built: Path) -> None:
    assert check_structure(built / "lead-ins-handout.pdf").title == (
        "Keeping a lead-in with its quote \u2014 Handout"
    )
