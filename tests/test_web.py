"""The web version: self-contained, semantic HTML pages from the same content as the PDFs."""

from __future__ import annotations

import difflib
import html.parser
import itertools
import json
import re
import shutil
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import break_file, run_charter, user_error
from webcheck import AXE_TAGS, OVERFLOW, WIDEST, opened

from generator.project import builtin_dir

BRANDS = ["partnership", "riverside-council", "oakfield-university"]
WEB = ["html", "easy-read-html"]
PDFS = ["handout", "easy-read"]
PDF_BRAND = "riverside-council"  # a PNG logo; the others have SVG logos


@pytest.fixture(scope="session")
def web(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once for the session: every brand's web pages, and for one brand (PDF_BRAND) the
    PDFs beside them too. Returns the output folder."""
    folder = tmp_path_factory.mktemp("web")
    runs = [([PDF_BRAND], [*WEB, *PDFS]), ([b for b in BRANDS if b != PDF_BRAND], WEB)]
    for brands, formats in runs:
        args = ["build", "--quiet"]
        for name in formats:
            args += ["--format", name]
        for brand in brands:
            args += ["--brand", brand]
        result = run_charter(args, folder)
        assert result.exit_code == 0, result.output
    return folder / "output"


class Outline(html.parser.HTMLParser):
    """What a parser reads in a page: elements, headings, pictures, links and external references."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[dict[str, str | None]] = []
        self.headings: list[tuple[int, str]] = []
        self.images: list[dict[str, str | None]] = []
        self.links: list[str] = []
        self._heading: int | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.append(dict(attrs))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._text = int(tag[1]), []
        if tag == "img":
            self.images.append(dict(attrs))
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag == f"h{self._heading}":
            self.headings.append((self._heading, " ".join("".join(self._text).split())))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._text.append(data)


def outline(path: Path) -> Outline:
    parser = Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.slow
@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("fmt", WEB)
def test_a_page_is_semantic_and_self_contained(web: Path, brand: str, fmt: str) -> None:
    path = web / brand / f"appendix-a-{fmt}.html"
    text = path.read_text(encoding="utf-8")
    page = outline(path)
    assert page.attrs[page.tags.index("html")]["lang"] == "en-GB"
    assert [level for level, _ in page.headings].count(1) == 1
    levels = [level for level, _ in page.headings]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), page.headings
    for landmark in ("header", "main", "footer"):
        assert page.tags.count(landmark) == 1, landmark
    assert page.links[0] == "#main" and page.attrs[page.tags.index("main")]["id"] == "main"
    # Nothing outside the file: every picture and font is a data: URI, every link a page or a PDF.
    assert page.images and all((img["src"] or "").startswith("data:image/") for img in page.images)
    assert all(img["alt"] for img in page.images)
    assert not re.search(r"(?:src|href)=\"(?:file:|//)|url\((?![\"']?data:)", text)
    assert text.count("data:font/woff2;base64,") >= 2
    for link in page.links:
        assert link.startswith(("#", "https://")) or (web / brand / link).is_file(), link


@pytest.mark.slow
def test_pages_link_the_other_versions_made_beside_them(web: Path) -> None:
    def files(brand: str, fmt: str) -> list[str]:
        return [link for link in outline(web / brand / f"appendix-a-{fmt}.html").links if ":" not in link[:8]]

    pdfs = ["appendix-a-handout.pdf", "appendix-a-easy-read.pdf"]
    assert files(PDF_BRAND, "html") == ["#main", "appendix-a-easy-read-html.html", *pdfs]
    assert files(PDF_BRAND, "easy-read-html") == ["#main", "appendix-a-html.html", *pdfs]
    assert files("partnership", "html") == ["#main", "appendix-a-easy-read-html.html"]


@pytest.mark.slow
def test_easy_read_points_are_a_list_with_each_pictures_alt(web: Path) -> None:
    from generator.easyread import load_easy_read

    doc = load_easy_read(builtin_dir("content") / "charter" / "appendix-a.easy-read.md")
    page = outline(web / "partnership" / "appendix-a-easy-read-html.html")
    points = [
        a for tag, a in zip(page.tags, page.attrs, strict=True) if tag == "li" and a.get("class") == "point"
    ]
    assert len(points) == len(doc.points)
    alts = [img["alt"] for img in page.images if img.get("class") != "logo"]
    assert alts == [point.alt for point in doc.points]
    assert [text for level, text in page.headings if level == 2][: len(doc.parts)] == [
        part.heading for part in doc.parts
    ]


@pytest.mark.slow
def test_web_pages_are_byte_identical_from_run_to_run(tmp_path: Path) -> None:
    for out in ("one", "two"):
        args = ["build", "--quiet", "--format", "html", "--brand", "riverside-council", "--out", out]
        assert run_charter(args, tmp_path).exit_code == 0
    one = (tmp_path / "one" / "riverside-council" / "appendix-a-html.html").read_bytes()
    assert one == (tmp_path / "two" / "riverside-council" / "appendix-a-html.html").read_bytes()


# --- In a real browser: headless Chromium with axe-core ------------------------------------------

PAGES = [(brand, fmt) for brand in BRANDS for fmt in WEB]
# The words of headings that a line break cuts in two (a word's parts on different lines).
CUT_WORDS = """[...document.querySelectorAll('h1, h2, h3')].flatMap(h => {
  const cut = [], walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.data.matchAll(/[^\\s\\u00a0-]+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) cut.push(m[0]);
    }
  }
  return cut; })"""
# The hyphenated words that a line break cuts at the hyphen, in headings, key points and all of
# an easy read (a handout's running text may break there).
HYPHEN_ENDS = """[...document.querySelectorAll(
  'h1, h2, h3, .key-points li, .easy-read-html main :is(p, li, dt, dd)')].flatMap(e => {
  const cut = [], walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.data.matchAll(/\\w+(?:-\\w+)+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) cut.push(m[0]);
    }
  }
  return cut; })"""
MOTION = """[...document.querySelectorAll('*')].flatMap(e => {
  const s = getComputedStyle(e); return [s.transitionDuration, s.animationName, s.scrollBehavior]; })"""
FOCUSED = """(() => {
  const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return {tag: e.tagName, text: e.textContent, shown: r.top >= 0 && r.bottom <= innerHeight && r.width > 0,
          outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; })()"""


@pytest.mark.slow
@pytest.mark.parametrize(("brand", "fmt"), PAGES)
def test_axe_core_finds_no_wcag_22_aa_violations(browser: Any, web: Path, brand: str, fmt: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    with opened(browser, web / brand / f"appendix-a-{fmt}.html") as page:
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    assert results.response["testEngine"]["name"] == "axe-core"
    assert len(results.response["passes"]) >= 15  # the rules really ran against the page


@pytest.mark.slow
@pytest.mark.parametrize(("brand", "fmt"), PAGES)
def test_reflows_at_320_px_and_with_text_at_200_percent(
    browser: Any, web: Path, brand: str, fmt: str
) -> None:
    path = web / brand / f"appendix-a-{fmt}.html"
    with opened(browser, path, width=320) as page:
        scroll, viewport = page.evaluate(OVERFLOW)
        assert scroll <= viewport == 320
        assert page.evaluate(WIDEST) <= 320  # every picture, heading and line fits across the screen
        assert page.evaluate(CUT_WORDS) == []  # headings wrap between words, never inside one
        assert page.evaluate(HYPHEN_ENDS) == []  # and no line ends at a hyphenated word's hyphen
        page.evaluate("document.documentElement.style.fontSize = '200%'")  # a phone, text doubled
        assert page.evaluate(OVERFLOW) == [320, 320]  # a word wider than the line breaks at its hyphen
    with opened(browser, path, width=640) as page:  # 1280 px at 200% zoom, then the text doubled again
        before = page.evaluate("document.querySelector('h1').getBoundingClientRect().height")
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        scroll, viewport = page.evaluate(OVERFLOW)
        assert scroll <= viewport
        assert page.evaluate(WIDEST) <= viewport
        assert page.evaluate("document.querySelector('h1').getBoundingClientRect().height") > 1.5 * before


@pytest.mark.slow
@pytest.mark.parametrize("fmt", WEB)
def test_keyboard_skip_link_focus_styles_and_no_motion(browser: Any, web: Path, fmt: str) -> None:
    path = web / PDF_BRAND / f"appendix-a-{fmt}.html"
    with opened(browser, path, reduced_motion="reduce") as page:
        assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
        assert page.evaluate("document.getAnimations().length") == 0
        assert set(page.evaluate(MOTION)) <= {"0s", "none", "auto"}
        page.keyboard.press("Tab")
        skip = page.evaluate(FOCUSED)
        assert skip["text"] == "Skip to main content" and skip["shown"], skip
        assert skip["outline"] != "none" and skip["width"] >= 2, skip
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        links = page.evaluate("document.querySelectorAll('a[href]').length")
        assert links >= 3
        for _ in range(links - 1):  # every other link, in order, shows a visible focus ring
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED)
            assert focused["tag"] == "A" and focused["outline"] != "none" and focused["width"] >= 2, focused
    with opened(browser, path) as page:  # no motion either when the reader has not asked for less
        assert page.evaluate("document.getAnimations().length") == 0
        assert set(page.evaluate(MOTION)) <= {"0s", "none", "auto"}


@pytest.mark.slow
@pytest.mark.parametrize("fmt", WEB)
def test_printing_gives_a_clean_handout(browser: Any, web: Path, fmt: str, tmp_path: Path) -> None:
    import pdfplumber

    with opened(browser, web / PDF_BRAND / f"appendix-a-{fmt}.html") as page:
        title = " ".join(page.inner_text("h1").split())
        page.emulate_media(media="print")
        page.pdf(path=str(tmp_path / "printed.pdf"), format="A4")
    with pdfplumber.open(tmp_path / "printed.pdf") as pdf:
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
        colours = {tuple(c["non_stroking_color"] or (0,)) for p in pdf.pages for c in p.chars}
        pictures = sum(len(p.images) for p in pdf.pages)
    assert title in text
    assert "Skip to main content" not in text and "Other versions" not in text
    assert colours <= {(0,), (0, 0, 0)}, colours  # black text on white paper
    assert pictures >= 1


def words(text: str) -> list[str]:
    """Words without punctuation (curly apostrophes made straight), for comparing texts."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'")
    return re.findall(r"[\w'&-]+", text)


def pdf_words(path: Path) -> list[str]:
    """The words a screen reader gets from a PDF: its tagged text, not the page furniture."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        pages = [page.filter(lambda obj: obj.get("tag") != "Artifact") for page in pdf.pages]
        text = " ".join(page.extract_text() or "" for page in pages)
    return words(text.replace("-\n", "-"))  # no automatic hyphens: a hyphen ending a line is the word's


@pytest.mark.slow
@pytest.mark.parametrize(("fmt", "pdf"), [("html", "handout"), ("easy-read-html", "easy-read")])
def test_the_page_has_the_words_of_the_pdf_in_order(browser: Any, web: Path, fmt: str, pdf: str) -> None:
    brand = PDF_BRAND
    # bypass_csp: the test's own style, which the page's policy would block.
    with opened(browser, web / brand / f"appendix-a-{fmt}.html", bypass_csp=True) as page:
        # What the page shows, less what only a web page has: its skip link and links to the other files.
        page.add_style_tag(content=".skip-link, .versions { display: none !important; }")
        page_words = words(page.inner_text("body"))
    printed = pdf_words(web / brand / f"appendix-a-{pdf}.pdf")
    blocks = difflib.SequenceMatcher(None, printed, page_words, autojunk=False).get_matching_blocks()
    matched = sum(block.size for block in blocks)
    assert matched / len(printed) >= 0.99, (matched, len(printed))
    assert matched / len(page_words) >= 0.99, (matched, len(page_words))


# --- Bad input: the same messages as the PDF formats --------------------------------------------


@pytest.mark.parametrize(
    ("relative", "old", "new"),
    [
        ("charter/appendix-a.md", "title:", "title: [unclosed"),
        ("charter/appendix-a.easy-read.md", "openmoji:handshake", "openmoji:handshak"),
        ("brands/partnership/_brand.yml", "path: wordmark.svg", "path: gone.svg"),
        ("brands/partnership/_brand.yml", "path: wordmark.svg", "path: https://example.org/l.svg"),
    ],
)
def test_bad_input_gets_the_same_message_as_the_pdf_formats(
    project_copy: Path, relative: str, old: str, new: str
) -> None:
    break_file(project_copy, relative, old, new)
    pages = run_charter(["build", "--format", "html", "--format", "easy-read-html"], project_copy)
    pdfs = run_charter(["build", "--format", "handout", "--format", "easy-read"], project_copy)
    for result in (pages, pdfs):
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    errors = [result.output[result.output.index("Error: ") :] for result in (pages, pdfs)]
    assert relative.rsplit("/", 1)[-1] in errors[0] and errors[0] == errors[1]
    # What does not read the broken file is built all the same: the full text beside a broken easy read.
    output = project_copy / "output"
    built = sorted(path.name for path in output.rglob("*.*")) if output.exists() else []
    expected = ["appendix-a-handout.pdf", "appendix-a-html.html"] if "easy-read" in relative else []
    assert built == expected


@pytest.mark.slow
def test_a_template_that_loads_from_the_network_is_refused(project_copy: Path) -> None:
    (project_copy / "templates" / "css").mkdir(parents=True)
    (project_copy / "templates" / "css" / "web.css").write_text(
        '@import url("https://example.org/evil.css");\n'
        + (builtin_dir("templates") / "css" / "web.css").read_text()
    )
    result = run_charter(["build", "--format", "html"], project_copy)
    user_error(result, "https://example.org/evil.css", "remote resource")
    assert not (project_copy / "output").exists()


# --- In packs -------------------------------------------------------------------------------------

WEB_PACK = """\
title: Web pack
event:
  name: Test workshop
  date: 2025-05-06
brands: [riverside-council]
documents: [appendix-a]
formats:
  handout: A5
  html:
  easy-read-html:
"""


@pytest.fixture(scope="module")
def web_pack(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A pack with a handout and both web pages, built once: (project folder, its output folder)."""
    folder = tmp_path_factory.mktemp("web-pack")
    shutil.copytree(builtin_dir("content"), folder / "content")
    (folder / "content" / "packs" / "web.yml").write_text(WEB_PACK)
    result = run_charter(["pack", "web", "--jobs", "1"], folder)
    assert result.exit_code == 0, result.output
    return folder, folder / "output" / "web" / "riverside-council"


@pytest.mark.slow
def test_a_pack_holds_the_web_pages_an_index_and_zips_them(web_pack: tuple[Path, Path]) -> None:
    _, folder = web_pack
    names = {p.name for p in folder.iterdir()}
    assert names == {
        "appendix-a-handout.pdf",
        "appendix-a-html.html",
        "appendix-a-easy-read-html.html",
        "web-riverside-council.pdf",  # the combined PDF: the handout only
        "manifest.json",
        "index.html",
    }
    with zipfile.ZipFile(folder.parent / "web-riverside-council.zip") as archive:
        assert {n.split("/", 1)[1] for n in archive.namelist()} == names
        assert archive.read("riverside-council/index.html") == (folder / "index.html").read_bytes()
    files = {entry["path"]: entry for entry in json.loads((folder / "manifest.json").read_text())["files"]}
    assert files["appendix-a-html.html"]["pages"] is None
    assert files["appendix-a-html.html"]["size"] == (folder / "appendix-a-html.html").stat().st_size
    index = outline(folder / "index.html")
    assert sorted(link for link in index.links if link != "#main") == sorted(
        names - {"manifest.json", "index.html"}
    )
    assert [text for level, text in index.headings if level == 1] == ["Web pack"]
    page = outline(folder / "appendix-a-html.html")
    assert [link for link in page.links if ":" not in link[:8]] == [
        "#main",
        "appendix-a-easy-read-html.html",
        "appendix-a-handout.pdf",
    ]


@pytest.mark.slow
def test_the_pack_index_passes_axe_and_reflows(browser: Any, web_pack: tuple[Path, Path]) -> None:
    from axe_playwright_python.sync_playwright import Axe

    path = web_pack[1] / "index.html"
    with opened(browser, path) as page:
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    with opened(browser, path, width=320) as page:
        scroll, viewport = page.evaluate(OVERFLOW)
        assert scroll <= viewport == 320


@pytest.mark.slow
def test_a_web_page_in_a_pack_is_remade_when_the_files_beside_it_change(
    web_pack: tuple[Path, Path], tmp_path: Path
) -> None:
    shutil.copytree(web_pack[0], tmp_path / "project")
    project = tmp_path / "project"
    folder = project / "output" / "web" / "riverside-council"
    again = run_charter(["pack", "web", "--jobs", "1"], project)
    assert again.exit_code == 0, again.output
    assert "4 files: 0 built, 4 unchanged" in again.output
    manifest = project / "content" / "packs" / "web.yml"
    manifest.write_text(manifest.read_text().replace("  easy-read-html:\n", ""))
    result = run_charter(["pack", "web", "--jobs", "1"], project)
    assert result.exit_code == 0, result.output
    assert re.search(r"appendix-a-html\.html .* built", result.output)
    assert re.search(r"appendix-a-handout\.pdf .* unchanged", result.output)
    assert not (folder / "appendix-a-easy-read-html.html").exists()
    assert "appendix-a-easy-read-html.html" not in outline(folder / "appendix-a-html.html").links
    assert "appendix-a-easy-read-html.html" not in outline(folder / "index.html").links


def test_a_web_format_in_a_pack_takes_no_paper(project_copy: Path) -> None:
    (project_copy / "content" / "packs" / "bad.yml").write_text(
        "title: P\nbrands: all\nformats:\n  handout: A4\n  html: A4\n"
    )
    user_error(run_charter(["pack", "bad"], project_copy), "bad.yml:5:", "the html format has no paper")


DARK_BRAND = """\
meta:
  name: Night Shelter Trust
color:
  foreground: "#f2f2f2"
  background: "#14181f"
  primary: "#3aa6b9"
  secondary: "#9aa5b1"
"""


@pytest.mark.slow
@pytest.mark.parametrize("fmt", WEB)
def test_a_dark_brand_keeps_its_colours_and_passes_axe(browser: Any, tmp_path: Path, fmt: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    (tmp_path / "night").mkdir()
    (tmp_path / "night" / "_brand.yml").write_text(DARK_BRAND)
    result = run_charter(["build", "--quiet", "--format", fmt, "--brand", "night/_brand.yml"], tmp_path)
    assert result.exit_code == 0, result.output
    with opened(browser, tmp_path / "output" / "night" / f"appendix-a-{fmt}.html") as page:
        background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
        assert background == "rgb(20, 24, 31)"  # the brand's own, dark
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def test_a_pages_font_subset_shapes_its_text_as_the_whole_font_does() -> None:
    """Noto Nastaliq Urdu joins, stacks and places its letters through its layout features; the
    web page's subset keeps them all, so a shaped Urdu phrase gives the same glyphs (their outline
    boxes), advances and offsets from the subset as from the whole font."""
    import io

    import uharfbuzz
    from fontTools.ttLib import TTFont

    from generator.fonts import installed_file
    from generator.web import font_woff2

    path = installed_file("Noto Nastaliq Urdu")
    assert path, "the tests need fonts-noto-core"
    phrase = "ہم مل کر کام کرتے ہیں\u06d4"  # ending in the Urdu full stop

    def shaped(data: bytes) -> list[tuple[object, ...]]:
        font = uharfbuzz.Font(uharfbuzz.Face(data))
        buffer = uharfbuzz.Buffer()
        buffer.add_str(phrase)
        buffer.guess_segment_properties()
        uharfbuzz.shape(font, buffer)
        return [
            (font.get_glyph_extents(info.codepoint), p.x_advance, p.x_offset, p.y_offset)
            for info, p in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True)
        ]

    with TTFont(io.BytesIO(font_woff2(path, "".join(sorted(set(phrase)))))) as font:
        font.flavor = None
        subset = io.BytesIO()
        font.save(subset)
    whole = shaped(path.read_bytes())
    assert len(whole) > len(set(phrase)) and shaped(subset.getvalue()) == whole
