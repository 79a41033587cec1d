"""The EPUB book: epubcheck's verdict, and what a reading system reads back from the zip."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from bookcheck import epubcheck
from brands import SHIPPED
from conftest import run_charter
from lxml import etree

from generator.epub import CONFORMS_TO, Book, Metadata, accessibility, container, navigation
from generator.project import builtin_dir

NS = {"x": "http://www.w3.org/1999/xhtml", "opf": "http://www.idpf.org/2007/opf"}


def read(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every shipped brand's book, with the web page beside it: the output folder."""
    folder = tmp_path_factory.mktemp("epub")
    args = ["build", "--quiet", "--format", "epub", "--format", "html"]
    for brand in SHIPPED:
        args += ["--brand", brand]
    result = run_charter(args, folder)
    assert result.exit_code == 0, result.output
    return folder / "output"


@pytest.fixture(scope="module")
def welsh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user's Welsh document with headings and a picture of its own, as a book: the project."""
    project = tmp_path_factory.mktemp("welsh")
    shutil.copytree(builtin_dir("content"), project / "content")
    doc = project / "content" / "charter" / "appendix-a.md"
    text = doc.read_text().replace("language: en-GB", "language: cy")
    text += (
        "\n## Ein gwerthoedd\n\n![Dwy law yn ysgwyd](handshake)\n\n### Gyda'n gilydd\n\nGair.\n\n## Diwedd\n"
    )
    doc.write_text(text)
    result = run_charter(["build", "--quiet", "--format", "epub", "--brand", "oakfield-university"], project)
    assert result.exit_code == 0, result.output
    return project


@pytest.fixture(scope="module")
def reports(books: Path, welsh: Path) -> dict[str, str]:
    """epubcheck's report on every book of the module, by brand ('cy' for the Welsh one), from
    one run of epubcheck."""
    paths = {brand: books / brand / "appendix-a-epub.epub" for brand in SHIPPED}
    paths["cy"] = welsh / "output" / "oakfield-university" / "appendix-a-epub.epub"
    found = epubcheck(*paths.values())
    return {name: found[path] for name, path in paths.items()}


@pytest.mark.slow
@pytest.mark.parametrize("brand", SHIPPED)
def test_every_shipped_brand_passes_epubcheck(reports: dict[str, str], brand: str) -> None:
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in reports[brand], reports[brand]


@pytest.mark.slow
def test_the_book_reads_in_order_with_its_language_alt_text_and_metadata(books: Path) -> None:
    files = read(books / "riverside-council" / "appendix-a-epub.epub")
    names = list(files)
    assert names[0] == "mimetype" and files["mimetype"] == b"application/epub+zip"
    with zipfile.ZipFile(books / "riverside-council" / "appendix-a-epub.epub") as archive:
        assert archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
    opf = etree.fromstring(files["EPUB/content.opf"])
    meta = {m.get("property"): m.text for m in opf.iterfind(".//opf:meta", NS)}
    assert meta["dcterms:conformsTo"] == CONFORMS_TO == "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
    assert meta["schema:accessibilityHazard"] == "none" and meta["schema:accessibilitySummary"]
    features = [m.text for m in opf.iterfind(".//opf:meta[@property='schema:accessibilityFeature']", NS)]
    assert {"structuralNavigation", "tableOfContents", "alternativeText", "readingOrder"} <= set(features)
    assert opf.findtext(".//{http://purl.org/dc/elements/1.1/}language") == "en-GB"
    assert opf.findtext(".//{http://purl.org/dc/elements/1.1/}publisher") == "Riverside Borough Council"
    spine = [ref.get("idref") for ref in opf.iterfind(".//opf:itemref", NS)]
    hrefs = {item.get("id"): item.get("href") for item in opf.iterfind(".//opf:item", NS)}
    assert [hrefs[i] for i in spine] == ["text.xhtml", "nav.xhtml"]

    text = etree.fromstring(files["EPUB/text.xhtml"])
    assert text.get("lang") == text.get("{http://www.w3.org/XML/1998/namespace}lang") == "en-GB"
    headings = [h for h in text.iter() if isinstance(h.tag, str) and h.tag[-2:] in ("h1", "h2", "h3")]
    assert [h.text for h in headings][:2] == ["A trauma informed & responsive approach", "Key points"]
    assert len(text.findall(".//x:h1", NS)) == 1
    for image in text.iterfind(".//x:img", NS):
        assert image.get("alt") and "EPUB/" + image.get("src") in files
    words = " ".join(text.itertext())
    assert "Past adversity can keep affecting people" in words and "This charter will support" in words
    # It names the other version made beside it, and how to ask; the web page names the book.
    versions = [li.text for li in text.iterfind(".//x:section[@class='versions']//x:li", NS)]
    assert versions == ["Full text web page"] and "Ask Riverside Borough Council for a copy." in words
    page = (books / "riverside-council" / "appendix-a-html.html").read_text()
    assert 'href="appendix-a-epub.epub">E-book, EPUB 3</a>' in page

    nav = etree.fromstring(files["EPUB/nav.xhtml"])
    links = [(a.get("href"), a.text) for a in nav.iterfind(".//x:nav[@id='toc']//x:a", NS)]
    assert links == [(f"text.xhtml#{h.get('id')}", " ".join("".join(h.itertext()).split())) for h in headings]
    css = files["EPUB/style.css"].decode()
    assert "#" in css and "@font-face" in css and "font/woff2" in files["EPUB/content.opf"].decode()


@pytest.mark.slow
def test_a_users_document_headings_pictures_and_language(welsh: Path, reports: dict[str, str]) -> None:
    book = welsh / "output" / "oakfield-university" / "appendix-a-epub.epub"
    assert "0 errors / 0 warnings" in reports["cy"], reports["cy"]
    files = read(book)
    nav = etree.fromstring(files["EPUB/nav.xhtml"])
    assert nav.get("lang") == "cy"
    toc = nav.find(".//x:nav[@id='toc']/x:ol", NS)
    outline = [(len(a.xpath("ancestor::x:ol", namespaces=NS)), a.text) for a in toc.iterfind(".//x:a", NS)]
    assert outline[-3:] == [(2, "Ein gwerthoedd"), (3, "Gyda'n gilydd"), (2, "Diwedd")]
    page = etree.fromstring(files["EPUB/text.xhtml"])
    assert [i.get("alt") for i in page.iterfind(".//x:img", NS)][-1] == "Dwy law yn ysgwyd"
    # The same inputs give the same bytes.
    first = book.read_bytes()
    again = run_charter(["build", "--quiet", "--format", "epub", "--brand", "oakfield-university"], welsh)
    assert again.exit_code == 0 and book.read_bytes() == first


def test_the_contents_nest_by_heading_level() -> None:
    nav = navigation(
        "T", "en-GB", [(1, "a", "A"), (2, "b", "B"), (3, "c", "C"), (2, "d", "D"), (3, "e", "E")]
    )
    root = etree.fromstring(nav.encode())
    top = root.find(".//x:nav[@id='toc']/x:ol", NS)
    assert [a.text for a in top.findall("x:li/x:a", NS)] == ["A"]
    assert [a.text for a in top.findall("x:li/x:ol/x:li/x:a", NS)] == ["B", "D"]
    assert [a.text for a in top.findall("x:li/x:ol/x:li/x:ol/x:li/x:a", NS)] == ["C", "E"]


def test_accessibility_metadata_says_pictures_only_when_there_are_some() -> None:
    plain = Metadata("urn:x", "T", "en-GB", "C", "P", None, pictures=False)
    modes = [value for name, value in accessibility(plain) if name == "schema:accessMode"]
    assert modes == ["textual"]
    assert ("schema:accessibilityFeature", "alternativeText") not in accessibility(plain)
    pictured = Metadata("urn:x", "T", "en-GB", "C", "P", None, pictures=True)
    assert [v for n, v in accessibility(pictured) if n == "schema:accessMode"] == ["textual", "visual"]
    assert ("schema:accessibilityFeature", "alternativeText") in accessibility(pictured)


def test_the_zip_is_the_same_bytes_for_the_same_book() -> None:
    book = Book({"text.xhtml": (b"<html/>", "application/xhtml+xml"), "a.css": (b"", "text/css")})
    first = container(book, "<package/>")
    assert first == container(Book(dict(reversed(book.files.items()))), "<package/>")
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.namelist()[:3] == ["mimetype", "META-INF/container.xml", "EPUB/content.opf"]
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
