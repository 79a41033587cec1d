"""Posters: one page of the right size, accessible, legible type, a QR code that scans.

Each size is built once per module (through the CLI, as a user would) and every test reads
the PDF it wrote: page boxes with pikepdf, characters with pdfplumber, and a rendering with
pypdfium2 for the QR code (zxing-cpp) and the colours at the page edges.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pikepdf
import pypdfium2
import pytest
import yaml
import zxingcpp
from brands import POSIT_BRAND, SHIPPED, posit_brand
from conftest import REPO, matrix_charter, run_charter
from layout import Box, Line, collisions, figures, lone_last_words, nearest_edge_mm, read_pages
from pdfcheck import characters, check_accessible, check_structure
from pdftree import read_tree

URL = "https://www.example.org/charter/appendix-a?from=poster"
PRINTED = "www.example.org/charter/appendix-a?from=poster"  # the link as printed: the QR code's, no scheme
QR_MIN_MM = {"A4": 60, "A3": 80, "A2": 110}  # the QR symbol's side: scans from across a room
PICTURE_MIN_MM = {"A4": 25, "A3": 35, "A2": 50}  # easy-read poster pictures
PAPER_MM = {"A4": (210, 297), "A3": (297, 420), "A2": (420, 594)}
FLOOR_PT = {"A4": 18, "A3": 24, "A2": 32}  # from the issue: key points at least this size
EASY_FLOOR_PT = {"A4": 20, "A3": 28, "A2": 40}  # easy read: 28 pt on A3, scaled with the paper
MM = 72 / 25.4
SIZES = [(paper, landscape) for paper in PAPER_MM for landscape in (False, True)]
# Every shipped brand gets some of the sizes, so each logo and palette is laid out.
BRAND_FOR = {"A4": "partnership", "A3": "riverside-council", "A2": "oakfield-university"}


def size_id(size: tuple[str, bool]) -> str:
    return f"{size[0]}-{'landscape' if size[1] else 'portrait'}"


def front_matter(path: Path) -> dict:
    """A content file's front matter, read here apart from the generator."""
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def key_points(content: Path) -> list[str]:
    """The key points as the author wrote them."""
    return front_matter(content / "charter" / "appendix-a.md")["key_points"]


def easy_key_points(content: Path) -> list[dict]:
    """The easy-read key points: picture, alt and text each."""
    return front_matter(content / "charter" / "appendix-a.easy-read.md")["key_points"]


def build(folder: Path, *args: str, fmt: str = "poster") -> Path:
    """One poster, built as the size matrix's fixtures build them (coverage paused)."""
    result = matrix_charter(["build", "--format", fmt, "--doc", "appendix-a", "--quiet", *args], folder)
    assert result.exit_code == 0, result.output
    (pdf,) = (folder / "output").rglob("*.pdf")
    return pdf


def page_boxes(path: Path) -> tuple[int, dict[str, tuple[float, float]]]:
    """Number of pages and the first page's boxes as (width, height) in mm."""
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0].obj
        boxes = {}
        for name in ("/MediaBox", "/TrimBox", "/BleedBox"):
            if name in page:
                x0, y0, x1, y1 = (float(v) for v in page[name])
                boxes[name] = (round((x1 - x0) / MM, 1), round((y1 - y0) / MM, 1))
        return len(pdf.pages), boxes


def render(path: Path, dpi: float):
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return pdf[0].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        pdf.close()


def expected_mm(paper: str, landscape: bool) -> tuple[float, float]:
    width, height = PAPER_MM[paper]
    return (height, width) if landscape else (width, height)


@pytest.fixture(scope="module")
def posters(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, bool], Path]:
    """One screen poster per size, each with --url."""
    made = {}
    for paper, landscape in SIZES:
        folder = tmp_path_factory.mktemp(size_id((paper, landscape)))
        args = ["--paper", paper, "--brand", BRAND_FOR[paper], "--url", URL]
        made[paper, landscape] = build(folder, *args, *(["--landscape"] if landscape else []))
    return made


@pytest.fixture(scope="module")
def easy_posters(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, bool], Path]:
    """One easy-read poster per size, each with --url."""
    made = {}
    for paper, landscape in SIZES:
        folder = tmp_path_factory.mktemp(f"easy-{size_id((paper, landscape))}")
        args = ["--paper", paper, "--brand", BRAND_FOR[paper], "--url", URL]
        made[paper, landscape] = build(
            folder, *args, *(["--landscape"] if landscape else []), fmt="easy-read-poster"
        )
    return made


@pytest.fixture(scope="module")
def print_poster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("print"), "--paper", "A3", "--brand", "riverside-council", "--print")


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_one_page_of_the_paper_size(posters: dict, size: tuple[str, bool]) -> None:
    pages, boxes = page_boxes(posters[size])
    assert pages == 1
    assert boxes["/MediaBox"] == expected_mm(*size)
    assert boxes.get("/TrimBox", boxes["/MediaBox"]) == boxes["/MediaBox"]  # no bleed on screen


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_passes_the_accessibility_checks(posters: dict, size: tuple[str, bool]) -> None:
    assert check_accessible(posters[size]) == []
    report = check_structure(posters[size])
    assert report.title == "A trauma informed & responsive approach — Poster"  # names its format
    assert report.tags.count("H1") == 1
    assert f"QR code: {URL}" in report.figures_alt
    assert "L" in report.tags and report.tags.count("LI") == len(key_points(REPO / "content"))


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_qr_code_decodes_to_the_url_at_200_dpi(posters: dict, size: tuple[str, bool]) -> None:
    codes = zxingcpp.read_barcodes(render(posters[size], 200), formats=zxingcpp.BarcodeFormat.QRCode)
    assert [code.text for code in codes] == [URL]


def assert_text_at_least(chars: list, texts: list[str], floor: float) -> None:
    """Every character of each text is set at ``floor`` pt or more."""
    large = "".join(c.text for c in chars if c.size >= floor - 0.01)
    for text in texts:
        assert re.sub(r"\s", "", text) in large, f"below {floor} pt: {text}"


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_key_points_at_or_above_the_floor_and_link_printed(posters: dict, size: tuple[str, bool]) -> None:
    chars = characters(posters[size], scale=1)
    assert_text_at_least(chars, key_points(REPO / "content"), FLOOR_PT[size[0]])
    assert min(c.size for c in chars) >= 12  # credits included
    assert_link_printed(posters[size], PRINTED, 12)


@pytest.fixture(scope="module")
def posit_posters(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A4 portrait posters, both kinds, in another organisation's brand.yml (Posit's)."""
    folder = tmp_path_factory.mktemp("posit-posters")
    brand = str(posit_brand(folder / "posit"))
    made = []
    for fmt in ("poster", "easy-read-poster"):
        (folder / fmt).mkdir()
        made.append(build(folder / fmt, "--paper", "A4", "--brand", brand, "--url", URL, fmt=fmt))
    return made


@pytest.mark.slow
def test_posters_in_another_organisations_brand(posit_posters: list[Path]) -> None:
    poster, easy = posit_posters
    for pdf in posit_posters:
        assert page_boxes(pdf)[0] == 1 and check_accessible(pdf) == []
        text, side = qr_side_mm(pdf)
        assert text == URL and side >= QR_MIN_MM["A4"]
    assert_link_printed(poster, PRINTED, 12)
    assert_link_printed(easy, PRINTED, 14)
    assert min(c.size for c in characters(easy, scale=1)) >= 14
    points = {p["alt"] for p in easy_key_points(REPO / "content")}
    pictures = [f for f in figures(easy) if f.alt in points]
    assert len(pictures) == len(points)
    assert all(min(f.x1 - f.x0, f.bottom - f.top) >= PICTURE_MIN_MM["A4"] for f in pictures)


def test_a_short_links_code_takes_no_more_room_than_a_long_ones() -> None:
    """A short link's code has larger modules, and so a wider quiet zone: at its own smallest
    version its image would be 7% larger than a long link's, too tall for an A4 poster."""
    from generator.poster import QR_SYMBOL_U, qr_code

    short, long = qr_code("https://posit.co"), qr_code(URL)
    assert short.modules == long.modules == 33
    assert short.image_mm(QR_SYMBOL_U) == long.image_mm(QR_SYMBOL_U)


def test_a_wordmark_is_scaled_into_the_logos_space() -> None:
    """A brand with no logo: its name on one line, as large as the space allows (never over
    WORDMARK_U); a name that would fall under the floor wraps between words at the floor."""
    from generator.poster import WORDMARK_FLOOR_PT, WORDMARK_SPACE_U, WORDMARK_U, PosterLayout

    a3 = PosterLayout(26, 18, 2**0.5, 420, 0.0, None, None, "p", qr_mm=80.0)

    def size_mm(style: str) -> float:
        return float(re.search(r"font-size: ([\d.]+)mm", style)[1])

    short = a3.wordmark_style("Evening Circle", 0.5, landscape=False)
    assert "nowrap" in short and size_mm(short) == pytest.approx(WORDMARK_U * 2**0.5, abs=0.01)
    # The longest name that still sits on one line, and one character more.
    floor_mm = WORDMARK_FLOOR_PT * 2**0.5 * 25.4 / 72
    longest = int(WORDMARK_SPACE_U * 2**0.5 / (0.55 * floor_mm))
    one_line = a3.wordmark_style("x" * longest, 0.5, landscape=False)
    assert "nowrap" in one_line and size_mm(one_line) >= floor_mm
    wraps = a3.wordmark_style("x" * (longest + 1), 0.5, landscape=False)
    assert "nowrap" not in wraps and size_mm(wraps) == pytest.approx(floor_mm, abs=0.01)
    # Landscape: the masthead's column (the QR code's width and the gap), narrower than portrait's.
    landscape = a3.wordmark_style("Evening Circle Group", 0.5, landscape=True)
    assert size_mm(landscape) < size_mm(a3.wordmark_style("Evening Circle Group", 0.5, landscape=False))


@pytest.mark.slow
def test_portrait_posters_with_posits_own_short_link(tmp_path: Path) -> None:
    """Posit's brand.yml links to https://posit.co: its A4 posters, both kinds, fit one page
    with a code that scans to it (they did not fit while a short link made a larger code)."""
    brand = str(posit_brand(tmp_path / "posit"))
    args = ["build", "--doc", "appendix-a", "--paper", "A4", "--quiet", "--brand", brand]
    result = run_charter([*args, "--format", "poster", "--format", "easy-read-poster"], tmp_path)
    assert result.exit_code == 0, result.output
    for kind in KINDS:
        pdf = tmp_path / "output" / "posit" / f"appendix-a-{kind}.pdf"
        text, side = qr_side_mm(pdf)
        assert page_boxes(pdf)[0] == 1 and text.rstrip("/") == "https://posit.co" and side >= QR_MIN_MM["A4"]


def assert_link_printed(pdf: Path, printed: str, floor: float) -> None:
    """The link beside the code, for people who cannot scan: the code's address without its
    scheme (www. kept), left-
    aligned with the invitation above it, on one line, or, at its smallest size only, broken
    after a slash."""
    lines = read_pages(pdf)[0].lines
    link = [ln for ln in lines if ln.bold and len(ln.text) > 5 and ln.text.replace(" ", "") in printed]
    assert "".join(ln.text for ln in link).replace(" ", "") == printed
    assert "https://" not in " ".join(ln.text for ln in lines)
    above = [ln for ln in lines if ln.bottom <= link[0].top and abs(ln.x0 - link[0].x0) < 1]
    assert above, "the link is not aligned with the invitation above it"
    if len(link) > 1:
        # Broken only at its smallest size, which grows with the paper (``floor`` on A4).
        assert all(ln.size >= floor - 0.1 and abs(ln.size - link[0].size) < 0.1 for ln in link)
        assert all(ln.text.endswith("/") for ln in link[:-1])


@pytest.mark.slow
def test_a_130_character_link_fits_broken_inside_its_long_part(tmp_path: Path) -> None:
    """The address is not content: a link with a 110-character part (no slash to break at) still
    fits the poster, printed whole inside the page's margins, the QR code holding all of it."""
    url = "https://www.example.org/" + "a" * 106
    assert len(url) == 130
    pdf = build(tmp_path, "--paper", "A4", "--url", url)
    assert page_boxes(pdf)[0] == 1
    assert qr_side_mm(pdf)[0] == url
    lines = read_pages(pdf)[0].lines
    link = [ln for ln in lines if ln.bold and ln.text.replace(" ", "") in url.removeprefix("https://")]
    assert "".join(ln.text for ln in link).replace(" ", "") == url.removeprefix("https://")
    assert len(link) >= 2 and all(ln.size >= 12 - 0.1 for ln in link)
    assert all(ln.x0 >= 10 and ln.x1 <= 200 for ln in link)  # mm, on 210 mm paper


def qr_side_mm(pdf: Path) -> tuple[str, float]:
    """The one QR code on the page, decoded from a 100 dpi rendering: its text and its symbol's
    side in mm (from the corners the decoder finds)."""
    (code,) = zxingcpp.read_barcodes(render(pdf, 100), formats=zxingcpp.BarcodeFormat.QRCode)
    corners = code.position
    side_px = math.dist((corners.top_left.x, corners.top_left.y), (corners.top_right.x, corners.top_right.y))
    return code.text, side_px / 100 * 25.4


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_the_qr_code_scans_across_a_room(posters: dict, easy_posters: dict, size: tuple[str, bool]) -> None:
    """The QR symbol's side (read back by the decoder) is at least 60 mm on A4, 80 mm on A3 and
    110 mm on A2, portrait and landscape, easy-read posters too."""
    for pdf in (posters[size], easy_posters[size]):
        assert qr_side_mm(pdf)[1] >= QR_MIN_MM[size[0]]


@pytest.mark.slow
def test_print_version_has_bleed_trim_box_and_crop_marks(print_poster: Path) -> None:
    """For a print shop: the trim box is the paper, the bleed box 3 mm beyond it, the media box
    at least 5 mm beyond the bleed, and crop marks only in that outer band, on the trim lines."""
    assert page_boxes(print_poster)[0] == 1
    with pikepdf.open(print_poster) as pdf:
        page = pdf.pages[0]
        trim, bleed, media = (
            [float(v) / MM for v in box] for box in (page.trimbox, page.bleedbox, page.mediabox)
        )
    assert [round(v - trim[0], 1) for v in trim] == [0, 0, 297, 420]
    assert [round(b - t, 1) for b, t in zip(bleed, trim, strict=True)] == [-3, -3, 3, 3]
    assert all(abs(m - b) >= 5 for m, b in zip(media, bleed, strict=True))
    assert check_accessible(print_poster) == []
    with pdfplumber.open(print_poster) as pdf:  # x from the user space origin, y from the media's foot
        lines = [
            (ln["x0"] / MM, ln["y0"] / MM + media[1], ln["x1"] / MM, ln["y1"] / MM + media[1])
            for ln in pdf.pages[0].lines
        ]
    marks = [m for m in lines if m[2] < bleed[0] or m[0] > bleed[2] or m[3] < bleed[1] or m[1] > bleed[3]]
    assert len(marks) == 8  # two at each corner
    trim_lines = {round(t, 1) for t in trim}
    for x0, y0, x1, y1 in marks:  # in the outer band, on the lines of the trim box
        assert media[0] < x0 and x1 < media[2] and media[1] < y0 and y1 < media[3]
        assert (x0 == x1 and round(x0, 1) in trim_lines) or (y0 == y1 and round(y0, 1) in trim_lines)
    # Every other line drawn (the QR code's modules) is inside the trim: nothing in the bleed.
    others = [m for m in lines if m not in marks]
    assert others and all(
        trim[0] <= m[0] and m[2] <= trim[2] and trim[1] <= m[1] and m[3] <= trim[3] for m in others
    )
    image = render(print_poster, 150)
    px = 150 / 25.4  # pixels per mm
    # The title band's colour runs into the bleed, on both sides; past the bleed the sheet is white.
    band_y = int((75 + 9) * px)  # the band lies well within 50-100 mm from the top on A3
    inside = int(7 * px)  # 7 mm in from the media edge: 1 mm into the bleed
    left, right = image.getpixel((inside, band_y)), image.getpixel((image.width - inside, band_y))
    assert left == right and left != (255, 255, 255)
    assert image.getpixel((int(2 * px), band_y)) == (255, 255, 255)


@pytest.mark.slow
def test_screen_version_has_no_crop_marks(posters: dict) -> None:
    image = render(posters["A3", False], 150).convert("L")
    assert image.crop((0, 0, 20, 20)).getextrema()[0] > 200


@pytest.mark.slow
def test_no_link_means_no_qr_code(tmp_path: Path) -> None:
    # The partnership brand has no home link and the document has no url.
    pdf = build(tmp_path, "--paper", "A4", "--brand", "partnership")
    report = check_structure(pdf)
    assert not any(alt and alt.startswith("QR code") for alt in report.figures_alt)
    assert zxingcpp.read_barcodes(render(pdf, 150)) == []
    assert page_boxes(pdf)[0] == 1


@pytest.mark.slow
def test_link_comes_from_the_document_then_the_brand(project_copy: Path) -> None:
    brand_pdf = build(project_copy, "--paper", "A4", "--brand", "oakfield-university")
    assert "QR code: https://www.example.org/oakfield/social-work" in check_structure(brand_pdf).figures_alt
    document = project_copy / "content" / "charter" / "appendix-a.md"
    text = document.read_text(encoding="utf-8")
    document.write_text(text.replace("credit:", "url: https://www.example.org/charter\ncredit:", 1))
    (project_copy / "output").rename(project_copy / "first")
    doc_pdf = build(project_copy, "--paper", "A4", "--brand", "oakfield-university")
    assert "QR code: https://www.example.org/charter" in check_structure(doc_pdf).figures_alt


@pytest.mark.slow
def test_long_key_points_step_the_type_down_but_not_below_the_floor(project_copy: Path) -> None:
    document = project_copy / "content" / "charter" / "appendix-a.md"
    points = key_points(project_copy / "content")
    longer = [*points, "We will keep to this charter together, and check how we are doing."]
    set_key_points(document, longer)
    pdf = build(project_copy, "--paper", "A4", "--landscape", "--url", URL)
    assert page_boxes(pdf)[0] == 1
    assert_text_at_least(characters(pdf, scale=1), longer, FLOOR_PT["A4"])


def set_key_points(document: Path, points: list[str]) -> None:
    text = document.read_text(encoding="utf-8")
    lines = "".join(
        f"  - {yaml.safe_dump(p, width=1000).strip().removesuffix('...').strip()}\n" for p in points
    )
    block = "key_points:\n" + lines if points else ""
    document.write_text(re.sub(r"key_points:\n(?:  - .*\n)+", block, text, count=1), encoding="utf-8")


def assert_refused(result, folder: Path, *expected: str) -> None:
    """Exit code 1, one readable message naming what to fix, no traceback, nothing written."""
    assert result.exit_code == 1, result.output
    message = result.output.strip()
    assert message.startswith("Error: ") and "\n" not in message, message
    assert "Traceback" not in result.output
    for part in expected:
        assert part in message, message
    assert not list(folder.rglob("*.pdf"))


def test_url_that_is_not_http_is_refused(tmp_path: Path) -> None:
    result = run_charter(["build", "--format", "poster", "--url", "ftp://x"], tmp_path)
    assert_refused(result, tmp_path, "--url 'ftp://x'", "http")


@pytest.mark.slow
def test_too_much_text_for_the_floor_is_refused_naming_the_longest_points(project_copy: Path) -> None:
    long_point = "Warm, genuine and authentic connection with people who use services supports healing"
    points = [f"{long_point}, number {n}, every day." for n in range(16)]
    points[5] = long_point + ", which is the longest key point of all of them, by far, on purpose."
    set_key_points(project_copy / "content" / "charter" / "appendix-a.md", points)
    # The handout is fine, the poster cannot fit: the handout is written (the build keeps going),
    # the poster is not, and the failure is named with the key points to shorten; exit 1.
    result = run_charter(["build", "--format", "handout", "--format", "poster"], project_copy)
    assert result.exit_code == 1 and "Traceback" not in result.output
    whose = "appendix-a.md: too much text for one A3 poster (--brand partnership)"  # a build of many brands
    for part in (whose, "24 pt", "Warm, genuine and authentic", "--paper A2"):
        assert part in result.output, result.output
    assert [p.name for p in project_copy.rglob("*.pdf")] == ["appendix-a-handout.pdf"]


@pytest.mark.slow
def test_paper_a3_for_every_format_keeps_handouts_on_their_own_paper(tmp_path: Path) -> None:
    # A run of a format that takes A3 and one that does not (every format by default: the same rule).
    args = ["build", "--paper", "A3", "--doc", "appendix-a", "--format", "handout", "--format", "poster"]
    result = run_charter(args, tmp_path)
    assert result.exit_code == 0, result.output
    assert "--paper A3 is not available for the handout format" in result.output
    sizes = {p.name: page_boxes(p)[1]["/MediaBox"] for p in (tmp_path / "output").rglob("*.pdf")}
    assert sizes["appendix-a-handout.pdf"] == (210, 297)
    assert sizes["appendix-a-poster.pdf"] == (297, 420)
    strict = run_charter(["build", "--paper", "A3", "--strict", "--out", "strict"], tmp_path)
    assert strict.exit_code == 1 and "--strict" in strict.output
    only_handout = run_charter(["build", "--paper", "A3", "--format", "handout", "--out", "h"], tmp_path)
    assert only_handout.exit_code == 1 and "A5, A4, letter" in only_handout.output


@pytest.mark.slow
def test_output_is_byte_identical_across_runs(posters: dict, tmp_path: Path) -> None:
    """A second run, in a fresh process, writes the same bytes."""
    args = ["--paper", "A4", "--brand", "partnership", "--url", URL]
    command = [sys.executable, "-m", "generator", "build", "--format", "poster", "--quiet", *args]
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": "12345"}
    subprocess.run(command, cwd=tmp_path, env=env, check=True, capture_output=True)
    again = tmp_path / "output" / "partnership" / "appendix-a-poster.pdf"
    digest = hashlib.sha256(again.read_bytes()).hexdigest()
    assert digest == hashlib.sha256(posters["A4", False].read_bytes()).hexdigest()


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_easy_read_poster_one_page_accessible_and_scannable(
    easy_posters: dict, size: tuple[str, bool]
) -> None:
    pdf = easy_posters[size]
    pages, boxes = page_boxes(pdf)
    assert pages == 1 and boxes["/MediaBox"] == expected_mm(*size)
    assert check_accessible(pdf) == []
    codes = zxingcpp.read_barcodes(render(pdf, 200), formats=zxingcpp.BarcodeFormat.QRCode)
    assert [code.text for code in codes] == [URL]


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_easy_read_poster_pictures_and_large_text(easy_posters: dict, size: tuple[str, bool]) -> None:
    points = easy_key_points(REPO / "content")
    alts = check_structure(easy_posters[size]).figures_alt
    # The logo, then each key point's picture in order, then the QR code.
    assert alts[1:] == [p["alt"] for p in points] + [f"QR code: {URL}"]
    chars = characters(easy_posters[size], scale=1)
    assert_text_at_least(chars, [p["text"] for p in points], EASY_FLOOR_PT[size[0]])
    assert min(c.size for c in chars) >= 14  # every character, credits and the link included
    assert_link_printed(easy_posters[size], PRINTED, 14)
    # Pictures at least 25 mm (A4), 35 mm (A3), 50 mm (A2), either way up.
    pictures = [f for f in figures(easy_posters[size]) if f.alt in {p["alt"] for p in points}]
    assert len(pictures) == len(points)
    assert all(min(f.x1 - f.x0, f.bottom - f.top) >= PICTURE_MIN_MM[size[0]] for f in pictures)


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_lines_keep_their_last_words_and_clear_the_edges(
    posters: dict, easy_posters: dict, size: tuple[str, bool]
) -> None:
    """Either way up: no single word alone on the last line of a title, key point, invitation or
    credit (the link may break at a slash), and no word broken at its hyphen ("co- / produced");
    text at least 7 units (7 mm on A4) from the paper's edges and clear of other text."""
    unit = math.sqrt(2) ** ["A4", "A3", "A2"].index(size[0])
    for pdf in (posters[size], easy_posters[size]):
        page = read_pages(pdf)[0]
        assert lone_last_words([ln for ln in page.lines if ln.text.replace(" ", "") not in PRINTED]) == []
        assert [ln.text for ln in page.lines if ln.text.endswith("-")] == []
        assert nearest_edge_mm([page]) >= 7 * unit and collisions([page]) == []


# --- Landscape: every brand, with and without a link -------------------------------------------

POSTER_BRANDS = [*SHIPPED, "posit"]
KINDS = ["poster", "easy-read-poster"]


def brand_posters(folder: Path, *args: str) -> dict[tuple[str, str], Path]:
    """A4 posters, both kinds, in every shipped brand and Posit's brand.yml, each with its
    brand's own link (the partnership has none): {(brand, kind): pdf}. A4 is the tightest
    sheet (the same design scales by the paper's unit on A3 and A2, checked above)."""
    brand_args = [arg for slug in SHIPPED for arg in ("--brand", slug)]
    brand_args += ["--brand", str(posit_brand(folder / "posit"))]
    formats = [arg for kind in KINDS for arg in ("--format", kind)]
    result = matrix_charter(
        ["build", "--doc", "appendix-a", "--paper", "A4", "--quiet", *args, *formats, *brand_args], folder
    )
    assert result.exit_code == 0, result.output
    return {
        (brand, kind): folder / "output" / brand / f"appendix-a-{kind}.pdf"
        for brand in POSTER_BRANDS
        for kind in KINDS
    }


@pytest.fixture(scope="module")
def landscape_posters(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    return brand_posters(tmp_path_factory.mktemp("landscape-brands"), "--landscape")


@pytest.fixture(scope="module")
def portrait_posters(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    return brand_posters(tmp_path_factory.mktemp("portrait-brands"))


def brand_link(brand: str) -> str | None:
    """A brand's home link, read from its file apart from the generator."""
    if brand == "posit":
        return yaml.safe_load(POSIT_BRAND)["meta"]["link"]["home"]
    raw = yaml.safe_load((REPO / "content" / "brands" / brand / "_brand.yml").read_text(encoding="utf-8"))
    return ((raw.get("meta") or {}).get("link") or {}).get("home")


def as_typed(url: str) -> str:
    """A link as printed: the QR code's address without its scheme or a trailing slash."""
    return re.sub(r"^https?://", "", url).rstrip("/")


def tinted_panels(pdf: Path) -> list[tuple[Box, list[Line]]]:
    """Every filled rectangle narrower than the page and wider than 20 mm (the title band,
    panels, badges) with the text lines inside it."""
    lines = read_pages(pdf)[0].lines
    found = []
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        for rect in page.rects:
            if not rect.get("fill") or not 20 * MM < rect["width"] < 0.9 * page.width:
                continue
            box = Box(1, rect["x0"] / MM, rect["top"] / MM, rect["x1"] / MM, rect["bottom"] / MM)
            found.append((box, [ln for ln in lines if within(ln, box)]))
    return found


def within(line: Line, box: Box, slack: float = 0.5) -> bool:
    """Whether a text line lies inside a box (to ``slack`` mm)."""
    return (
        box.x0 - slack <= line.x0
        and line.x1 <= box.x1 + slack
        and box.top - slack <= line.top
        and line.bottom <= box.bottom + slack
    )


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("brand", POSTER_BRANDS)
def test_landscape_posters_in_every_brand(landscape_posters: dict, brand: str, kind: str) -> None:
    """One page; the code scans across a room and its link is printed as typed, left-aligned
    with the invitation; easy-read pictures and type large enough; no single word alone on a
    last line; text clear of the edges and of each other; read in order; and with no link, no
    empty panel (the invitation fills most of the one it sits in)."""
    pdf = landscape_posters[brand, kind]
    easy = kind == "easy-read-poster"
    pages, boxes = page_boxes(pdf)
    assert pages == 1 and boxes["/MediaBox"] == expected_mm("A4", True)
    assert check_accessible(pdf) == []
    link = brand_link(brand)
    page = read_pages(pdf)[0]
    if link:
        text, side = qr_side_mm(pdf)
        assert text.rstrip("/") == link.rstrip("/") and side >= QR_MIN_MM["A4"]  # a bare host gains a /
        assert_link_printed(pdf, as_typed(link), 14 if easy else 12)
    else:
        assert zxingcpp.read_barcodes(render(pdf, 100)) == []
        for box, inside in tinted_panels(pdf):
            assert inside and (inside[-1].bottom - inside[0].top) / (box.bottom - box.top) > 0.5, box
    assert page.smallest >= (14 if easy else 12)
    link_lines = {ln.text for ln in page.lines if link and ln.text.replace(" ", "") in as_typed(link)}
    assert lone_last_words([ln for ln in page.lines if ln.text not in link_lines]) == []
    assert nearest_edge_mm([page]) >= 7 and collisions([page]) == []
    # Reading order: the logo, the series or badge, the title, the key points, then the
    # invitation, the link and the code, and the credit last.
    nodes = [n for n in read_tree(pdf).walk() if n.alt or n.text]
    order = [n.alt or n.text for n in nodes]
    title_at = order.index(squash(doc_title(easy)))
    texts = [p["text"] for p in easy_key_points(REPO / "content")] if easy else key_points(REPO / "content")
    points_at = [order.index(squash(text)) for text in texts]
    assert nodes[0].s == "/Figure" and title_at <= 2 and title_at < points_at[0]
    assert points_at == sorted(points_at)
    tail = order[points_at[-1] + 1 :]  # the link may come in parts (one per line it may take)
    assert tail[0].startswith(("Scan", "Want", "To")) and tail[-1].startswith(("From", "SocialWork"))
    assert tail[-2] == f"QR code: {text}" if link else len(tail) == 2
    if easy:
        points = easy_key_points(REPO / "content")
        pictures = [f for f in figures(pdf) if f.alt in {p["alt"] for p in points}]
        assert len(pictures) == len(points)
        assert all(min(f.x1 - f.x0, f.bottom - f.top) >= PICTURE_MIN_MM["A4"] for f in pictures)
        assert_text_at_least(characters(pdf, scale=1), [p["text"] for p in points], EASY_FLOOR_PT["A4"])
    else:
        assert_text_at_least(characters(pdf, scale=1), key_points(REPO / "content"), FLOOR_PT["A4"])


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("brand", POSTER_BRANDS)
def test_portrait_posters_in_every_brand(portrait_posters: dict, brand: str, kind: str) -> None:
    """One page; no single word alone on the last line of the title, a key point, the
    invitation (or the ask, with no link) or the credit (the link may break at a slash); no word
    broken at its hyphen; text clear of the edges and of each other."""
    pdf = portrait_posters[brand, kind]
    pages = read_pages(pdf)
    assert len(pages) == 1
    link = brand_link(brand)
    link_lines = {ln.text for ln in pages[0].lines if link and ln.text.replace(" ", "") in as_typed(link)}
    assert lone_last_words([ln for ln in pages[0].lines if ln.text not in link_lines]) == []
    assert [ln.text for ln in pages[0].lines if ln.text.endswith("-")] == []
    assert nearest_edge_mm(pages) >= 7 and collisions(pages) == []


def doc_title(easy: bool) -> str:
    name = "appendix-a.easy-read.md" if easy else "appendix-a.md"
    return front_matter(REPO / "content" / "charter" / name)["title"]


def squash(text: str) -> str:
    """Text as the structure tree reader gives it: no whitespace."""
    return "".join(text.split())


@pytest.mark.slow
def test_a_pack_reuses_the_fitted_poster_sections() -> None:
    """Sections from item_section (as a workshop pack takes them) lay out as one page each."""
    from generator.compose import Composition
    from generator.layout import layout_sections
    from generator.planning import plan
    from generator.project import Project
    from generator.render import pdf_bytes
    from generator.run import Inputs, Options
    from generator.sections import item_section

    project = Project.discover(REPO)
    sections = []
    inputs = Inputs(project)
    for paper, landscape in (("A4", False), ("A2", True)):
        options = Options(paper=paper, landscape=landscape, url=URL)
        (item,) = plan(project, ["appendix-a"], ["riverside-council"], ["poster"], options)
        section = item_section(inputs, item, options)
        assert item_section(inputs, item, options) is section  # fitted once per build
        sections.append(section)
    _, document = layout_sections(inputs, Composition(tuple(sections), "Pack", "en-GB", sections[0].brand))
    data = pdf_bytes(document)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        sizes = [tuple(round(float(v) / MM) for v in page.mediabox[2:]) for page in pdf.pages]
    assert sizes == [(210, 297), (594, 420)]


def test_fitting_takes_the_largest_size_that_fits_and_never_trusts_a_lossy_layout() -> None:
    """generator.poster.fit against a stand-in layout engine (no rendering)."""
    from generator.formats import PAPERS
    from generator.poster import Measure, fit, poster_layout, type_steps

    assert type_steps(26, 18)[:3] == [26, 25.5, 25] and type_steps(26, 18)[-1] == 18
    designed = poster_layout(PAPERS["A3"], 420, False, None, "test")
    tried = []

    def measure(layout):  # fits from 29 pt down; at 30.5 pt a key point goes missing
        tried.append(layout.type_pt)
        if layout.type_pt == 30.5:
            return Measure(1, 400 * 96 / 25.4, complete=False)
        return Measure(1 if layout.type_pt <= 29 else 2, 400 * 96 / 25.4 if layout.type_pt <= 29 else None)

    fitted = fit(designed, measure, lambda layout, measured: AssertionError("should fit"))
    assert fitted.type_pt == 29 and fitted.push_mm == 19.9  # 20 mm left, less 0.1 mm to be safe
    assert len(tried) <= 8  # bisection, not a walk down every half point

    def never(layout):
        return Measure(2, None)

    with pytest.raises(ValueError):
        fit(designed, never, lambda layout, measured: ValueError(f"floor {layout.type_pt}"))


def test_the_strip_variants_are_tried_last_and_set_the_code_and_fine_print_at_their_a4_sizes() -> None:
    """generator.poster.fit tries the strip variants, in order, only when the designed and compact
    layouts cannot fit even at the floor, and its error tells of the closest; strip_layouts keeps the
    paper's type and sets the code, the link and the fine print as on A4 (on A4 itself only the
    arrangement changes), the credit under the code only in a portrait easy-read poster's second."""
    from dataclasses import replace

    from generator.formats import PAPERS
    from generator.poster import EASY_FINE_PT, FINE_PT, Measure, fit, poster_layout, strip_layouts

    a4 = poster_layout(PAPERS["A4"], 297, False, URL, "t", easy_read=True)
    a3 = poster_layout(PAPERS["A3"], 420, False, URL, "t", easy_read=True)
    (a4_beside, _), (a3_beside, a3_below) = (
        strip_layouts(a4, 210, True, False),
        strip_layouts(a3, 297, True, False),
    )
    assert (a4_beside.qr_mm, a4_beside.link_pt) == (a4.qr_mm, a4.link_pt)
    assert a4_beside.link_chars > a4.link_chars  # the link stands closer to the code
    assert a3_beside.qr_mm == a4.qr_mm < a3.qr_mm and a3_beside.link_pt <= a3.link_pt
    assert (a3_beside.type_pt, a3_beside.floor_pt, a3_beside.unit_mm) == (a3.type_pt, a3.floor_pt, a3.unit_mm)
    assert a3_beside.compact and a3_beside.strip and a3_beside.fine_pt == EASY_FINE_PT
    assert not a3_beside.credit_below and a3_below == replace(a3_beside, credit_below=True)
    assert "--fine: 14pt" in a3_beside.style and "--fine" not in a3.style
    full = poster_layout(PAPERS["A3"], 420, False, URL, "t")
    (full_strip,) = strip_layouts(full, 297, False, False)  # its credit is under the code anyway
    assert full_strip.fine_pt == FINE_PT
    assert len(strip_layouts(a3, 420, True, True)) == 1  # landscape: beside the key points
    no_code = poster_layout(PAPERS["A3"], 420, False, None, "t", easy_read=True)
    assert len(strip_layouts(no_code, 297, True, False)) == 1

    tried: list[tuple[bool, bool, bool]] = []

    def only_below(layout):  # only the last variant fits, at its floor
        tried.append((layout.compact, layout.strip, layout.credit_below))
        fits = layout.credit_below and layout.type_pt == layout.floor_pt
        return Measure(1 if fits else 2, 300 * 96 / 25.4 if fits else None)

    variants = [a3_beside, a3_below]
    fitted = fit(a3, only_below, lambda layout, measured: AssertionError("should fit"), variants=variants)
    assert fitted.credit_below and fitted.type_pt == a3.floor_pt
    # Each at its floor first: the designed, the compact, the strip beside the code, then below it.
    assert tried[:4] == [(False, False, False), (True, False, False), (True, True, False), (True, True, True)]
    tried.clear()

    def always(layout):
        tried.append((layout.compact, layout.strip, layout.credit_below))
        return Measure(1, 300 * 96 / 25.4)

    assert not fit(a3, always, lambda layout, measured: AssertionError("should fit"), variants=variants).strip
    assert tried and not any(strip for _, strip, _ in tried)  # one that fits as designed never tries them

    def never(layout):
        return Measure(2, None)

    def error(layout, measured):
        return ValueError(f"below {layout.credit_below} strip {layout.strip}")

    with pytest.raises(ValueError, match="below True"):  # of equal overflows, the last
        fit(a3, never, error, variants=variants)

    def strip_closest(layout):  # 10 mm over, but the strip variants 4 mm and the last 6 mm
        over = 6 if layout.credit_below else 4 if layout.strip else 10
        return Measure(2, None, height_px=(300 + over) * 96 / 25.4, bottom_px=300 * 96 / 25.4)

    with pytest.raises(ValueError, match="below False strip True"):
        fit(a3, strip_closest, error, variants=variants)
    with pytest.raises(ValueError, match="strip False"):  # no variants given: the compact one's error
        fit(a3, never, error)
    assert replace(a3, link="https://www.example.org/x").link_latin
    assert not replace(a3, link="https://example.org/اردو").link_latin


def test_a_bilingual_poster_may_step_down_to_the_floor_of_half_its_sheet() -> None:
    """Every key point twice: each language has half the sheet (A3's half is A4), so its floor is
    that paper's; on A4, the smallest poster paper, A4's own. A poster in one language keeps its."""
    from generator.formats import PAPERS
    from generator.poster import poster_layout, type_floor

    for easy_read, floors in ((False, (18, 24, 32)), (True, (20, 28, 40))):
        a4, a3, a2 = floors
        assert [type_floor(PAPERS[p], easy_read, False) for p in ("A4", "A3", "A2")] == [a4, a3, a2]
        assert [type_floor(PAPERS[p], easy_read, True) for p in ("A4", "A3", "A2")] == [a4, a4, a3]
    layout = poster_layout(PAPERS["A3"], 420, False, None, "t", bilingual=True)
    assert (layout.type_pt, layout.floor_pt) == (36, 18)  # it starts at A3's designed size
