"""The document gallery (tests/gallery/documents/: tables, footnotes, h2-h6, nested lists, quotes,
pictures, links) as e-books and Word files: epubcheck on every book, and every Word file read
back with python-docx."""

from __future__ import annotations

import zipfile
from pathlib import Path

import gallerydocs
import pytest
from bookcheck import check_word, epubcheck
from conftest import matrix_charter
from docx.oxml.ns import qn
from lxml import etree

DOCS = gallerydocs.document_ids()
BRAND = "riverside-council"
XHTML = {"x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = gallerydocs.project(tmp_path_factory.mktemp("gallery-books"))
    result = matrix_charter(
        ["build", "--quiet", "--brand", BRAND, "--format", "epub", "--format", "docx"], folder
    )
    assert result.exit_code == 0, result.output
    return folder / "output" / BRAND


@pytest.fixture(scope="module")
def reports(built: Path) -> dict[Path, str]:
    """epubcheck's report on every gallery book, from one run of epubcheck."""
    return epubcheck(*(built / f"{doc}-epub.epub" for doc in DOCS))


@pytest.mark.slow
@pytest.mark.parametrize("doc", DOCS)
def test_every_gallery_book_passes_epubcheck_with_its_tables_and_notes(
    built: Path, reports: dict[Path, str], doc: str
) -> None:
    book = built / f"{doc}-epub.epub"
    report = reports[book]
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report
    with zipfile.ZipFile(book) as archive:
        text = etree.fromstring(archive.read("EPUB/text.xhtml"))
    tables = text.findall(".//x:table", XHTML)
    assert [[th.text for th in t.findall(".//x:thead//x:th", XHTML)] for t in tables] == gallerydocs.tables(
        doc
    )
    notes = text.find(".//x:section[@class='footnotes']", XHTML)
    assert notes is not None and len(notes.findall("x:div", XHTML)) == len(gallerydocs.footnotes(doc))


@pytest.mark.slow
@pytest.mark.parametrize("doc", DOCS)
def test_every_gallery_word_file_keeps_its_structure(built: Path, doc: str) -> None:
    word = check_word(built / f"{doc}-docx.docx", "en-GB")
    assert [[c.text for c in t.rows[0].cells] for t in word.tables] == gallerydocs.tables(doc)
    for table in word.tables:
        header = [row._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for row in table.rows]
        assert header == [True] + [False] * (len(table.rows) - 1)
    styles = {p.style.name for p in word.paragraphs}
    assert {"Heading 6", "List Number", "List Bullet 2", "Quote"} <= styles or {
        "Heading 6",
        "List Bullet",
        "List Number 2",
        "Quote",
    } <= styles
    marks = [r.text for p in word.paragraphs for r in p.runs if r.font.superscript]
    assert len(marks) >= len(gallerydocs.footnotes(doc))  # each note's mark raised in the text
    text = "\n".join(p.text for p in word.paragraphs)
    assert not gallerydocs.RAW_MARKDOWN.search(text), gallerydocs.RAW_MARKDOWN.search(text)
