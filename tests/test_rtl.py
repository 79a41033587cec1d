# ruff: noqa: RUF001 (Urdu full stops)
"""Right to left (issue 21 item 4): Urdu and Arabic documents mirror their layout, their
page-margin boxes (which WeasyPrint keeps on their physical side) and their list markers, and
keep embedded English names, numbers and web addresses in order. Positions are read back from
the PDFs."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pypdfium2
import pytest
from conftest import MM, run_charter
from pdfcheck import struct_elements
from webcheck import AXE_TAGS, OVERFLOW, opened

from generator.bidi import CLOSE, OPEN, isolate_runs
from generator.css import mirrored_page_rules, two_phrase_page_rules
from generator.project import builtin_dir

URDU = """---
id: wada
title: مل کر کام کرنے کا ہمارا وعدہ
charter: Co-production Charter
appendix: A
language: ur
summary: یہ دستاویز بتاتی ہے کہ Birmingham City Council آپ کے ساتھ کیسے کام کرے گی۔
key_points:
  - ہم آپ کے ساتھ برابری سے کام کرتے ہیں۔
  - مزید معلومات www.example.org/charter پر دیکھیں۔
credit: Social Work Teaching Partnership West Midlands
---

## ہم کیا کریں گے

ہم 2024 سے Birmingham میں کام کر رہے ہیں۔ مزید کے لیے 0121 496 0000 پر فون کریں۔

1. ہم آپ کی بات سنیں گے۔
2. ہم 10 دن میں جواب دیں گے۔
   1. خط کے ذریعے
   2. ای میل کے ذریعے
3. ہم مل کر فیصلے کریں گے۔
"""

URDU_EASY = """---
id: wada
title: ہمارا وعدہ
language: ur
summary: یہ آپ کے ساتھ کام کرنے کے بارے میں ہے۔
key_points:
  - picture: handshake
    alt: دو ہاتھ ملاتے ہوئے
    text: ہم مل کر کام کرتے ہیں۔
---

## یہ کس بارے میں ہے؟

- ![دو ہاتھ ملاتے ہوئے](openmoji:handshake)
  ہم آپ کے ساتھ کام کرتے ہیں۔

- ![ایک سرخ دل](openmoji:heavy-black-heart)
  ہم آپ کی بات سنیں گے۔
"""


ARABIC = """---
id: ahd
title: عهدنا للعمل معًا
language: ar
summary: تشرح هذه الوثيقة كيف سيعمل Birmingham City Council معك.
key_points:
  - نعمل معك على قدم المساواة.
credit: Social Work Teaching Partnership West Midlands
---

اتصلوا بالرقم 0121 496 0000 أو زوروا https://example.org/charter لمعرفة المزيد.
"""

ARABIC_EASY = """---
id: ahd
title: عهدنا
language: ar
summary: هذا عن العمل معك.
key_points:
  - picture: handshake
    alt: يدان تتصافحان
    text: نعمل معًا.
---

## عن ماذا يتحدث هذا؟

- ![يدان تتصافحان](openmoji:handshake)
  نعمل معك على قدم المساواة.

- ![قلب أحمر](openmoji:heavy-black-heart)
  سنستمع إليك.
"""

ENGLISH = """---
id: short
title: Working together
language: en-GB
summary: How we work with you.
key_points:
  - We work together as equals.
credit: Social Work Teaching Partnership West Midlands
---

We listen to you.
"""

ENGLISH_EASY = """---
id: short
title: Working together
language: en-GB
summary: This is about working with you.
key_points:
  - picture: handshake
    alt: 2 hands shaking
    text: We work together.
---

## What is this about?

- ![2 hands shaking](openmoji:handshake)
  We work together as equals.

- ![A red heart](openmoji:heavy-black-heart)
  We will listen to you.
"""

# Too long for one line of the A4 easy-read poster's words column: it breaks before a slash.
LINK = "https://www.example.org/riverside/co-production/charter-ur"

PACK = """title: Urdu workshop
brands: [riverside-council]
documents: [wada]
formats:
  handout: A4
"""


@pytest.fixture(scope="module")
def rtl_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once: an Urdu pack (its handout and combined PDF), easy read, large print and
    easy-read poster; Arabic web pages (Noto Naskh Arabic: embedding Noto Nastaliq Urdu in a
    web page costs about 12 s of CPU); a short English easy read to compare with."""
    folder = tmp_path_factory.mktemp("rtl")
    charter = folder / "content" / "charter"
    shutil.copytree(builtin_dir("content") / "brands", folder / "content" / "brands")
    charter.mkdir()
    (folder / "content" / "packs").mkdir()
    for name, text in {
        "wada.md": URDU,
        "wada.easy-read.md": URDU_EASY,
        "ahd.md": ARABIC,
        "ahd.easy-read.md": ARABIC_EASY,
        "short.md": ENGLISH,
        "short.easy-read.md": ENGLISH_EASY,
    }.items():
        (charter / name).write_text(text, encoding="utf-8")
    (folder / "content" / "packs" / "urdu.yml").write_text(PACK, encoding="utf-8")
    brand = ["--brand", "riverside-council", "--quiet"]
    urdu = [
        "--format",
        "easy-read",
        "--format",
        "large-print",
        "--format",
        "easy-read-poster",
        "--paper",
        "A4",
    ]
    for args in (
        ["build", *brand, *urdu, "--url", LINK, "--doc", "wada"],
        ["build", *brand, "--format", "html", "--format", "easy-read-html", "--doc", "ahd"],
        ["build", *brand, "--format", "easy-read", "--doc", "short"],
        ["pack", "content/packs/urdu.yml"],
    ):
        result = run_charter(args, folder)
        assert result.exit_code == 0, result.output
    shutil.copy(
        folder / "output" / "urdu" / "riverside-council" / "wada-handout.pdf",
        folder / "output" / "riverside-council",
    )
    return folder / "output" / "riverside-council"


def _line(chars: list[dict], top: float) -> list[dict]:
    """The characters on the line at ``top``, left to right."""
    return sorted((c for c in chars if abs(c["top"] - top) < 3), key=lambda c: c["x0"])


def _beside(chars: list[dict], char: dict) -> list[dict]:
    """The characters on ``char``'s line (Urdu glyphs stand taller than digits): whose middles are
    within half its height of its middle."""
    middle = (char["top"] + char["bottom"]) / 2
    reach = (char["bottom"] - char["top"]) / 2
    return [c for c in chars if abs((c["top"] + c["bottom"]) / 2 - middle) < reach]


def _digits_left_to_right(chars: list[dict], lo: float, hi: float) -> str:
    return "".join(
        c["text"]
        for c in sorted(chars, key=lambda c: c["x0"])
        if lo <= c["top"] <= hi and c["text"].isdigit()
    )


def test_page_rules_are_mirrored_for_right_to_left_pages() -> None:
    css = """@page handout-a4-portrait, easy-read:first {
      margin: 24mm 25mm 32mm 20mm; margin-left: 5mm;
      @bottom-left { content: string(org) " · " string(credit); width: 62%; text-align: left }
      @top-right { content: counter(page) }
    }
    @page { margin: 1mm; }
    @page :first { margin: 2mm; }
    p { margin-left: 3mm }"""
    mirrored = mirrored_page_rules(css)
    assert mirrored.startswith("@page handout-a4-portrait-rtl, easy-read-rtl:first {")
    assert "margin: 24mm 20mm 32mm 25mm;" in mirrored and "margin-right: 5mm;" in mirrored
    assert (
        '@bottom-right {content: "\\2067" string(org) "\\2069" " · " "\\2067" string(credit) "\\2069";'
        in mirrored
    )
    assert "width: 62%; text-align: right; direction: rtl; }" in mirrored
    assert "@top-left {content: counter(page); direction: rtl; }" in mirrored
    assert mirrored.count("@page") == 1  # rules naming no page apply to both directions; p is no page rule
    assert mirrored_page_rules("p { color: red }") == ""


def test_an_edition_of_two_directions_gets_a_twin_of_each_named_page_saying_the_number_twice() -> None:
    """Each phrase whole in one isolate, the page's direction first; the mirrored rule's
    isolates around each string left out (nested, they turned the numbers round again)."""
    number = "string(page-before) counter(page) string(page-between) counter(pages) string(page-after)"
    css = f"@page handout-a4 {{ margin: 1mm; @top-right {{ content: {number}; color: red }} }}"
    css += " @page { margin: 2mm }"
    twins = two_phrase_page_rules(css + mirrored_page_rules(css))
    second = number.replace("(page-", "(page2-")
    left, right = f'"\\2066" {number} "\\2069"', f'"\\2067" {second} "\\2069"'
    assert twins.splitlines() == [
        f'@page handout-a4-two {{margin: 1mm; @top-right {{content: {left} " / " {right}; color: red;}}}}',
        "@page handout-a4-rtl-two {margin: 1mm; @top-left {content: "
        f'"\\2067" {number} "\\2069" " / " "\\2066" {second} "\\2069"; color: red; direction: rtl;}}}}',
    ]
    assert two_phrase_page_rules("p { color: red }") == ""


def test_left_to_right_runs_are_isolated_in_right_to_left_text_only() -> None:
    text = (
        'ہم 2024 سے Birmingham اور John Smith، 0121 496 0000 پر <a href="https://example.org/a b">'
        "https://example.org/charter/</a> (help@example.org) AT&amp;T<style>a { margin: 1px 2px }</style>"
    )
    isolated = str(isolate_runs(text, "rtl"))
    assert f"{OPEN}0121 496 0000{CLOSE} پر" in isolated
    assert f">{OPEN}https://example.org/charter/{CLOSE}</a>" in isolated  # the closing slash stays inside
    assert f"({OPEN}help@example.org{CLOSE})" in isolated
    # Plain words, names and lone numbers are ordered right already; tags and styles are left alone.
    assert "ہم 2024 سے Birmingham اور John Smith،" in isolated and "AT&amp;T<style>" in isolated
    assert 'href="https://example.org/a b"' in isolated and "margin: 1px 2px" in isolated
    assert str(isolate_runs(text, "ltr")) == text


@pytest.mark.slow
def test_handout_page_number_top_left_and_footer_bottom_right(rtl_built: Path) -> None:
    with pdfplumber.open(rtl_built / "wada-handout.pdf") as pdf:
        page = pdf.pages[0]
        chars, width = page.chars, float(page.width)
        header = [c for c in chars if c["top"] < 20 * MM]
        footer = [c for c in chars if c["top"] > page.height - 30 * MM]
    # "صفحہ 1 از 1" at the top left (25 mm margin): the page word is right of the numbers.
    assert header and max(c["x1"] for c in header) < width / 2
    assert min(c["x0"] for c in header) == pytest.approx(25 * MM, abs=1)
    word = [c for c in header if not c["text"].isdigit() and c["text"].strip()]
    digits = [c for c in header if c["text"].isdigit()]
    assert min(c["x0"] for c in word) > min(c["x0"] for c in digits)  # (whatever the drawing order)
    # The organisation ends the footer's first line at the right margin; the credit is to its left.
    org = sorted(_beside(footer, max(footer, key=lambda c: c["x1"])), key=lambda c: c["x0"])
    text = "".join(c["text"] for c in org)
    assert text.endswith("Riverside") and org[-1]["x1"] == pytest.approx(width - 25 * MM, abs=1)
    assert text.index("Co-production") < text.index("Riverside")


@pytest.mark.slow
def test_numbered_lists_count_down_the_right_side(rtl_built: Path) -> None:
    with pdfplumber.open(rtl_built / "wada-handout.pdf") as pdf:
        pdf_width = float(pdf.pages[0].width)
        chars = [
            {**c, "top": c["top"] + n * 1000, "bottom": c["bottom"] + n * 1000}
            for n, page in enumerate(pdf.pages)
            for c in page.chars
        ]
    dots = [c for c in chars if c["text"] == "."]
    markers = [  # a number with a full stop right against its left side
        c
        for c in chars
        if c["text"].isdigit()
        and any(abs(d["x1"] - c["x0"]) < 1 and abs(d["top"] - c["top"]) < 1 for d in dots)
    ]
    tops = sorted({round(c["top"]) for c in markers})
    assert ["".join(c["text"] for c in _line(markers, t)) for t in tops] == ["1", "2", "1", "2", "3"]
    assert min(c["x0"] for c in markers) > pdf_width / 2
    for marker in markers:
        line = _beside(chars, marker)
        words = [c for c in line if c is not marker and c["text"].strip() and c["text"] != "."]
        dot = next(c for c in line if c["text"] == "." and abs(c["x1"] - marker["x0"]) < 1)
        assert dot["x0"] < marker["x0"]  # "1." reads from the right: the dot on the number's left
        assert max(c["x1"] for c in words) < dot["x0"]  # the marker at the line's inline start (right)
    outer = [m for m in markers if m["x0"] > max(n["x0"] for n in markers) - 2]
    assert len(outer) == 3 and all(m["x0"] > n["x0"] + 10 for m in outer for n in markers if n not in outer)


@pytest.mark.slow
def test_numbers_and_addresses_keep_their_order(rtl_built: Path) -> None:
    with pdfplumber.open(rtl_built / "wada-handout.pdf") as pdf:
        chars = pdf.pages[0].chars
    lines = [_digits_left_to_right(chars, c["top"] - 1, c["top"] + 1) for c in chars if c["text"] == "4"]
    assert any("01214960000" in line for line in lines), lines
    w = next(c for c in chars if c["text"] == "w")
    address = "".join(
        c["text"] for c in sorted(_beside(chars, w), key=lambda c: c["x0"]) if c["text"].isascii()
    )
    assert "www.example.org/charter" in address.replace(" ", "")


@pytest.mark.slow
def test_handout_key_points_bar_is_on_the_right(rtl_built: Path) -> None:
    """The key points panel's 4 pt bar in the accent colour is at its right edge."""
    pdf = pypdfium2.PdfDocument(rtl_built / "wada-handout.pdf")
    image = pdf[0].render(scale=1).to_pil().convert("RGB")  # a pixel a point
    pdf.close()
    with pdfplumber.open(rtl_built / "wada-handout.pdf") as plumber:
        tinted = [r for r in plumber.pages[0].rects if r["non_stroking_color"] != (1.0, 1.0, 1.0)]
        panel = max(tinted, key=lambda r: r["bottom"] - r["top"])
    middle = int((panel["top"] + panel["bottom"]) / 2)
    right, left = (
        image.getpixel((int(panel["x1"]) - 2, middle)),
        image.getpixel((int(panel["x0"]) + 2, middle)),
    )
    assert right == (0, 105, 78) and left != right  # riverside-council's accent, the soft tint


def _figures(path: Path) -> list[tuple[int, str, float, float, float, float]]:
    """Each tagged figure (a picture, the logo, a QR code): its page, alt text and box (x0, top,
    x1, bottom in points from the top left), from the structure tree's bounding boxes."""
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
        height = float(pdf.pages[0].mediabox[3])
        found = []
        for element in struct_elements(pdf):
            if element["/S"] == "/Figure":
                x0, y0, x1, y1 = (float(v) for v in element["/A"]["/BBox"])
                page = pages[element["/Pg"].objgen] if "/Pg" in element else 0
                found.append((page, str(element.get("/Alt", "")), x0, height - y1, x1, height - y0))
        return found


def _text_beside(chars: list[dict], top: float, bottom: float) -> list[dict]:
    return [c for c in chars if c["text"].strip() and top - 2 <= (c["top"] + c["bottom"]) / 2 <= bottom + 2]


@pytest.mark.slow
@pytest.mark.parametrize("name, rtl", [("wada-easy-read.pdf", True), ("short-easy-read.pdf", False)])
def test_easy_read_pictures_beside_their_sentences(rtl_built: Path, name: str, rtl: bool) -> None:
    """Right to left, every picture is right of its sentences; left to right, left of them; the
    page number is on the side the words end."""
    pictures = [f for f in _figures(rtl_built / name) if "logo" not in f[1]]
    assert len(pictures) >= 2
    with pdfplumber.open(rtl_built / name) as pdf:
        for page_index, _, x0, top, x1, bottom in pictures:
            beside = _text_beside(pdf.pages[page_index].chars, top, bottom)
            assert beside, name
            if rtl:
                assert x0 > max(c["x1"] for c in beside)
            else:
                assert x1 < min(c["x0"] for c in beside)
        for page in pdf.pages:
            footer = [c for c in page.chars if c["top"] > page.height - 30 * MM and c["text"].isdigit()]
            assert footer and (max(c["x1"] for c in footer) < page.width / 2) == rtl


@pytest.mark.slow
def test_easy_read_poster_is_mirrored(rtl_built: Path) -> None:
    """The logo at the top right and the badge at the top left; each picture right of its key
    point; the QR code left of the invitation and the link; nothing off the page."""
    path = rtl_built / "wada-easy-read-poster.pdf"
    figures = _figures(path)
    logo = next(f for f in figures if "logo" in f[1])
    code = next(f for f in figures if f[1].startswith("QR code"))
    pictures = [f for f in figures if f not in (logo, code)]
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        chars, width = page.chars, float(page.width)
    assert logo[4] > width - 20 * MM and logo[2] > width / 2
    badge = [c for c in chars if c["bottom"] < logo[5] + 2]
    assert badge and max(c["x1"] for c in badge) < width / 2
    assert len(pictures) == 1  # the one key point's
    for _, _, x0, top, _, bottom in pictures:
        assert x0 > max(c["x1"] for c in _text_beside(chars, top, bottom))
    link = [c for c in chars if c["text"] == "/" and code[3] < c["top"] < code[5]]
    assert link and code[4] < min(c["x0"] for c in link)
    assert min(c["x0"] for c in chars) > 0 and max(c["x1"] for c in chars) < width
    # The link's lines, top to bottom, each read left to right: its parts in order.
    lines = sorted({round(c["top"]) for c in link})
    assert len(lines) >= 2  # it wraps
    address = "".join(
        "".join(
            c["text"] for c in sorted(_beside(chars, first), key=lambda c: c["x0"]) if c["text"].isascii()
        )
        for first in (next(c for c in link if round(c["top"]) == top) for top in lines)
    )
    assert address.startswith(LINK.removeprefix("https://"))


@pytest.mark.slow
def test_large_print_page_numbers_bottom_left(rtl_built: Path) -> None:
    with pdfplumber.open(rtl_built / "wada-large-print.pdf") as pdf:
        for page in pdf.pages:
            footer = [c for c in page.chars if c["top"] > page.height - 30 * MM]
            digits = [c for c in footer if c["text"].isdigit()]
            org = [c for c in footer if c["text"].isascii() and c["text"].isalpha()]
            assert digits and max(c["x1"] for c in digits) < page.width / 2
            assert org and min(c["x0"] for c in org) > page.width / 2


PICTURES_AND_WORDS = """[...document.querySelectorAll('.point')].map(p => {
  const picture = p.querySelector('.picture').getBoundingClientRect();
  const words = p.querySelector('.words').getBoundingClientRect();
  return [picture.left, picture.right, words.left, words.right]; })"""


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["html", "easy-read-html"])
def test_web_pages_say_arabic_right_to_left_and_pass_axe(browser: Any, rtl_built: Path, fmt: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    path = rtl_built / f"ahd-{fmt}.html"
    html = path.read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in html
    with opened(browser, path) as page:
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        assert results.violations_count == 0, results.generate_report()
        if fmt == "easy-read-html":
            points = page.evaluate(PICTURES_AND_WORDS)
            assert points and all(picture_left >= words_right for picture_left, _, _, words_right in points)
        else:
            assert '<span dir="ltr">0121 496 0000</span>' in html
    with opened(browser, path, width=320) as page:
        scroll, viewport = page.evaluate(OVERFLOW)
        assert scroll <= viewport == 320
        if fmt == "easy-read-html":
            assert all(left >= words_right for left, _, _, words_right in page.evaluate(PICTURES_AND_WORDS))


@pytest.mark.slow
def test_pack_contents_page_is_mirrored(rtl_built: Path) -> None:
    """A pack of Urdu documents: its cover and contents are right to left, and the contents
    page's number is at the bottom left, the organisation at the bottom right."""
    combined = rtl_built.parent / "urdu" / "riverside-council" / "urdu-riverside-council.pdf"
    with pdfplumber.open(combined) as pdf:
        page = pdf.pages[1]
        footer = [c for c in page.chars if c["top"] > page.height - 25 * MM and c["text"].strip()]
        width = float(page.width)
    digits = [c for c in footer if c["text"].isdigit()]
    org = [c for c in footer if c["text"].isascii() and c["text"].isalpha()]
    assert digits and max(c["x1"] for c in digits) < width / 2
    assert org and min(c["x0"] for c in org) > width / 2
