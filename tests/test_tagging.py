"""The structure a screen reader walks: one logical tree whatever the paper, usable links,
leader dots and page furniture as artifacts, and pack bookmarks. Read back from the PDFs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from conftest import matrix_charter, run_charter
from pdfcheck import check_structure
from pdftree import Node, link_annotations, outline, read_tree, serialise

from generator.project import builtin_dir

BRANDS = ["partnership", "riverside-council", "oakfield-university"]
PAPERS = ["A4", "A5", "letter"]
TITLE = "A trauma informed & responsive approach"
EASY_TITLE = "Working together in a safe and kind way"
URL = "https://www.example.org/co-production/charter/appendix-a"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Handout and easy read for every shipped brand on each paper: {paper: output folder}."""
    folder = tmp_path_factory.mktemp("papers")
    outputs = {}
    for paper in PAPERS:
        args = ["build", "--format", "handout", "--format", "easy-read", "--paper", paper, "--quiet"]
        args += ["--out", f"out-{paper}"]
        for brand in BRANDS:
            args += ["--brand", brand]
        result = matrix_charter(args, folder)
        assert result.exit_code == 0, result.output
        outputs[paper] = folder / f"out-{paper}"
    return outputs


def pages(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("name", ["appendix-a-handout.pdf", "appendix-a-easy-read.pdf"])
def test_the_same_tree_on_every_paper(papers: dict[str, Path], name: str) -> None:
    for brand in BRANDS:
        paths = [papers[paper] / brand / name for paper in PAPERS]
        assert len({pages(p) for p in paths}) > 1  # the papers do paginate differently
        trees = [read_tree(p) for p in paths]
        assert serialise(trees[0]) == serialise(trees[1]) == serialise(trees[2])
        for path in paths:
            assert check_structure(path).problems == []
        # elements broken by a page are single elements holding content on both pages
        assert any(
            len(node.pages) > 1 or len(pages_under(node)) > 1
            for node in trees[1].walk()
            if node.s in ("/P", "/L")
        )


def pages_under(node: Node) -> set[int]:
    return set().union(*(n.pages for n in node.walk()))


def test_handout_reads_as_one_document(papers: dict[str, Path]) -> None:
    tree = read_tree(papers["A5"] / "riverside-council" / "appendix-a-handout.pdf")
    document = tree.kids[0]
    assert [n.s for n in tree.kids] == ["/Document"]
    sects = [n for n in document.kids if n.s == "/Sect"]
    assert len(sects) == 1  # one section for the document, not one per page
    lists = [n for n in tree.walk() if n.s == "/L"]
    assert len(lists) == 1 and len(lists[0].kids) == 6  # six key points, one list across pages
    key_points = next(n for n in tree.walk() if n.s == "/Sect" and n.kids[0].s == "/H2")
    assert [n.s for n in key_points.kids] == ["/H2", "/L"] and key_points.kids[0].text == "Keypoints"
    assert any(len(n.pages) == 2 for n in tree.walk() if n.s == "/P")  # a paragraph crosses a page
    assert not [n for n in tree.walk() if n.s == "/Span"]  # no element per line of text
    # the seed's text is all there, in reading order
    body = (builtin_dir("content") / "charter" / "appendix-a.md").read_text().split("---", 2)[2]
    paragraphs = [squeeze(p) for p in body.split("\n\n") if p.strip()]
    text = tree.all_text()
    positions = [text.index(p) for p in paragraphs]
    assert positions == sorted(positions)
    paras = [n.text for n in tree.walk() if n.s == "/P"]
    assert all(p in paras for p in paragraphs)  # each paragraph is one P, even across a page
    assert "Pageof" not in text and "Page1" not in text  # footers are not in the reading order


def test_easy_read_reads_as_lists(papers: dict[str, Path]) -> None:
    path = papers["A4"] / "partnership" / "appendix-a-easy-read.pdf"
    tree = read_tree(path)
    headings = re.findall(
        r"^## (.+)$", (builtin_dir("content") / "charter" / "appendix-a.easy-read.md").read_text(), re.M
    )
    sections = [n for n in tree.walk() if n.s == "/Sect" and n.kids and n.kids[0].s == "/H2"]
    by_heading = {n.kids[0].text: n for n in sections}
    for heading in headings:
        section = by_heading[squeeze(heading)]
        assert [k.s for k in section.kids] == ["/H2", "/L"]
        for item in section.kids[1].kids:
            assert [k.s for k in item.kids] == ["/LBody"]
            body = item.kids[0]
            assert body.kids[0].s == "/Figure" and body.kids[0].alt
            assert {k.s for k in body.kids[1:]} == {"/P"} and len(body.kids) >= 2
    glossary = by_heading["Wordstoknow"]
    assert [k.s for k in glossary.kids] == ["/H2", "/L"]
    assert all(len(item.kids[0].kids) == 2 for item in glossary.kids[1].kids)  # term, meaning
    assert check_structure(path).problems == []


def test_a_poster_link_is_one_link_that_says_where_it_goes(tmp_path: Path) -> None:
    result = run_charter(["build", "--format", "poster", "--url", URL, "--quiet"], tmp_path)
    assert result.exit_code == 0, result.output
    path = tmp_path / "output" / "partnership" / "appendix-a-poster.pdf"
    tree = read_tree(path)
    links = [n for n in tree.walk() if n.s == "/Link"]
    assert len(links) == 1
    assert not [n for n in links[0].walk()[1:] if n.s == "/Link"]
    annotations = link_annotations(path)
    assert annotations and len(annotations) == len(links[0].annotations or [])
    for annotation in annotations:
        assert annotation.area > 0
        assert annotation.parent == "/Link"
        assert annotation.contents == URL
    assert check_structure(path).problems == []


SMALL_PACK = """\
title: Tagging check
event:
  name: A workshop
  date: 2025-03-12
brands: [oakfield-university]
documents: all
formats:
  handout: A4
  easy-read: A4
  poster: A3
"""


def test_a_combined_pack_has_nested_bookmarks_and_described_contents_links(tmp_path: Path) -> None:
    shutil.copytree(builtin_dir("content"), tmp_path / "content")
    (tmp_path / "content" / "packs" / "tags.yml").write_text(SMALL_PACK)
    result = run_charter(["pack", "content/packs/tags.yml", "--jobs", "1"], tmp_path)
    assert result.exit_code == 0, result.output
    path = next((tmp_path / "output").rglob("*-oakfield-university.pdf"))
    with pikepdf.open(path) as pdf:
        assert pdf.Root.PageMode == "/UseOutlines"
    marks = outline(path)
    easy_headings = re.findall(
        r"^## (.+)$", (builtin_dir("content") / "charter" / "appendix-a.easy-read.md").read_text(), re.M
    )
    assert marks[:3] == [(0, "Cover"), (0, "Contents"), (0, f"Handout: {TITLE}")]
    assert (1, "Key points") in marks
    easy = marks.index((0, f"Easy read: {EASY_TITLE}"))
    sections = [(depth, " ".join(title.split())) for depth, title in marks[easy + 1 :] if depth == 1]
    assert sections[: len(easy_headings)] == [(1, h) for h in easy_headings]
    assert marks[-1][0] == 0 and marks[-1][1].startswith("Poster")
    tree = read_tree(path)
    links = [n for n in tree.walk() if n.s == "/Link"]
    assert len(links) == 4  # one per contents entry, and the poster's web address
    assert not [n for link in links for n in link.walk()[1:] if n.s == "/Link"]
    annotations = link_annotations(path)
    assert len(annotations) == sum(len(link.annotations or []) for link in links)
    assert all(a.area > 0 and a.parent == "/Link" for a in annotations)
    starts = bookmark_pages(path)
    contents = sorted({a.contents for a in annotations if a.page == starts["Contents"]})
    assert contents == sorted(
        f"{title} ({kind}, {paper}), page {starts[f'{kind}: {title}'] + 1}"
        for kind, paper, title in (
            ("Handout", "A4", TITLE),
            ("Easy read", "A4", EASY_TITLE),
            ("Poster", "A4", TITLE),  # the combined PDF is all A4: its poster is an A4 version
        )
    )
    assert len([a for a in annotations if a.page == starts["Contents"]]) == 3  # one area per entry
    text = tree.all_text()
    assert "....." not in text  # the leader dots are decoration
    assert check_structure(path).problems == []


def bookmark_pages(path: Path) -> dict[str, int]:
    with pikepdf.open(path) as pdf, pdf.open_outline() as tree:
        pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        found = {}
        for item in tree.root:
            dest = item.destination
            if isinstance(dest, pikepdf.Array):
                found[item.title] = pages[dest[0].objgen]
        return found
