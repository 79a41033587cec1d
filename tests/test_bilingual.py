"""Welsh-first bilingual editions (``charter build --bilingual cy,en``), read back from the files:
names, Welsh block before its English block, /Lang on each English element under a Welsh
document, one picture per easy-read point with both sentences, posters with both, and the web
page as two pages linking to each other."""

from __future__ import annotations

import shutil
from pathlib import Path

import pdfplumber
import pytest
from conftest import run_charter
from lxml import html
from pdftree import Node, read_tree

from generator.errors import CharterError
from generator.pair import Pair
from generator.project import builtin_dir
from generator.strings import strings_for
from generator.typeset import keep_words

BRAND = "partnership"
FILES = Path(__file__).parent / "bilingual"  # leaflet.md, its Welsh translation, and their easy reads
FORMATS = ("handout", "easy-read", "poster", "html", "easy-read-html")
OUT = {
    "leaflet.cy+en-handout.pdf",
    "leaflet.cy+en-easy-read.pdf",
    "leaflet.cy+en-poster.pdf",
    "leaflet.cy+en-html.html",
    "leaflet.cy+en-html.en.html",
    "leaflet.cy+en-easy-read-html.html",
    "leaflet.cy+en-easy-read-html.en.html",
}
# Each Welsh block and its English block, in reading order (spaces removed, as read_tree gives text).
HANDOUT_PAIRS = [
    ("Gweithio gyda'n gilydd", "Working together"),
    ("Sut rydym yn gweithio gyda'n gilydd yn ein cymdogaeth.", "How we work together in our neighbourhood."),
    ("Pwyntiau allweddol", "Key points"),
    ("Rydym yn gwrando ar bobl yn gyntaf.", "We listen to people first."),
    ("Rydym yn rhannu pŵer a phenderfyniadau.", "We share power and decisions."),
    ("Pam", "Why"),
    (
        "Rydym yn gweithio gyda'n gilydd oherwydd ei fod yn helpu pawb i gael eu clywed.",
        "We work together because it helps everyone to be heard.",
    ),
    ("Gwrando yn gyntaf.", "Listen first."),
    ("Rhannu pŵer.", "Share power."),
    ("Sut", "How"),
    ("Rydym yn cwrdd bob mis yn y llyfrgell.", "We meet every month at the library."),
]


def squeezed(text: str) -> str:
    return "".join(text.split())


def project(folder: Path) -> Path:
    shutil.copytree(builtin_dir("content") / "brands" / BRAND, folder / "content" / "brands" / BRAND)
    charter = folder / "content" / "charter"
    charter.mkdir(parents=True)
    for path in FILES.glob("*.md"):
        shutil.copy(path, charter / path.name)
    return folder


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One build of the Welsh-first edition in four formats: the output folder."""
    folder = project(tmp_path_factory.mktemp("bilingual"))
    args = ["build", "--quiet", "--bilingual", "cy,en", "--brand", BRAND]
    result = run_charter([*args, *(a for f in FORMATS for a in ("--format", f))], folder)
    assert result.exit_code == 0, result.output
    return folder / "output" / BRAND


@pytest.fixture(scope="module")
def handout(edition: Path) -> Node:
    return read_tree(edition / "leaflet.cy+en-handout.pdf")


@pytest.mark.slow
def test_an_edition_is_named_for_both_languages_first_language_first(edition: Path) -> None:
    assert {path.name for path in edition.iterdir()} == OUT


@pytest.mark.slow
def test_the_handout_reads_each_welsh_block_then_its_english_block(handout: Node) -> None:
    text = handout.all_text()
    cursor = 0
    for welsh, english in HANDOUT_PAIRS:
        at_welsh = text.index(squeezed(welsh), cursor)
        at_english = text.index(squeezed(english), at_welsh)
        cursor = at_english
    assert cursor > 0


@pytest.mark.slow
def test_each_english_block_carries_lang_in_a_welsh_document(edition: Path, handout: Node) -> None:
    import pikepdf

    with pikepdf.open(edition / "leaflet.cy+en-handout.pdf") as pdf:
        assert str(pdf.Root.Lang) == "cy"
    marked = [node for node in handout.walk() if node.lang]
    assert {node.lang for node in marked} == {"en-GB"}  # the Welsh blocks inherit cy
    english = "".join(node.all_text() for node in marked)
    for welsh, words in HANDOUT_PAIRS:
        assert squeezed(words) in english, words
        assert squeezed(welsh) not in english or squeezed(welsh) in squeezed(words), welsh


@pytest.mark.slow
def test_a_draft_says_so_in_both_languages_each_half_in_its_own(edition: Path, handout: Node) -> None:
    """The Welsh is a draft: the handout and the easy read say so under the title, Welsh then
    English, the English half marked as English."""
    welsh = squeezed("Cyfieithiad drafft: nid yw siaradwr Cymraeg wedi'i wirio eto.")
    english = squeezed("Draft translation: not yet checked by a speaker of the language.")
    for tree in (handout, read_tree(edition / "leaflet.cy+en-easy-read.pdf")):
        note = [node for node in tree.walk() if welsh in node.all_text() and english in node.all_text()][-1]
        assert note.all_text().index(welsh) < note.all_text().index(english)
        assert [n.lang for n in note.walk() if english in n.text] == ["en-GB"]
        assert not [n for n in note.walk() if welsh in n.text and n.lang]
    # The poster says it in two words a language, on one line of its masthead.
    poster = edition / "leaflet.cy+en-poster.pdf"
    assert [n.lang for n in read_tree(poster).walk() if n.text == "Drafttranslation"] == ["en-GB"]
    with pdfplumber.open(poster) as pdf:
        words = pdf.pages[0].extract_words()
    tops = {round(w["top"]) for w in words if w["text"] in ("drafft", "translation")}
    assert len(tops) == 1, tops


@pytest.mark.slow
def test_easy_read_sets_both_sentences_beside_one_picture(edition: Path) -> None:
    tree = read_tree(edition / "leaflet.cy+en-easy-read.pdf")
    figures = [node for node in tree.walk() if node.s == "/Figure" and node.alt and " / " in node.alt]
    assert [f.alt for f in figures] == ["2 law yn ysgwyd / 2 hands shaking", "Clust / An ear"]
    points = [node for node in tree.walk() if node.s == "/LI" and any(f in node.walk() for f in figures)]
    assert len(points) == 2
    first = points[0].all_text()  # (a bold word, an element of its own, is read after its sentence)
    welsh, english = squeezed("Rydym yn gweithio gyda'n gilydd."), squeezed("We work together.")
    assert first.index(welsh) < first.index(english) and squeezed("Rydym yn rhannu") in first
    assert [n.lang for n in points[1].walk() if n.lang] == ["en-GB"]


@pytest.mark.slow
def test_the_poster_has_every_key_point_in_both_languages_on_one_page(edition: Path) -> None:
    tree = read_tree(edition / "leaflet.cy+en-poster.pdf")
    text = tree.all_text()
    for welsh, english in HANDOUT_PAIRS[3:5]:
        assert text.index(squeezed(welsh)) < text.index(squeezed(english))
    assert {page for node in tree.walk() for page in node.pages} == {0}


@pytest.mark.slow
def test_the_web_page_is_two_pages_each_in_its_language_linking_to_the_other(edition: Path) -> None:
    welsh = html.fromstring((edition / "leaflet.cy+en-html.html").read_bytes())
    english = html.fromstring((edition / "leaflet.cy+en-html.en.html").read_bytes())
    assert welsh.get("lang") == "cy" and english.get("lang") == "en-GB"
    (to_english,) = welsh.xpath("//nav[@class='language-switch']/a")
    (to_welsh,) = english.xpath("//nav[@class='language-switch']/a")
    assert (to_english.get("href"), to_english.get("hreflang"), to_english.text) == (
        "leaflet.cy+en-html.en.html",
        "en",
        "English",
    )
    assert (to_welsh.get("href"), to_welsh.get("hreflang"), to_welsh.text) == (
        "leaflet.cy+en-html.html",
        "cy",
        "Cymraeg",
    )
    assert welsh.findtext(".//h1").strip() == "Gweithio gyda'n gilydd"
    assert english.findtext(".//h1").strip() == "Working together"
    # Both list the edition's other files: the bilingual PDFs, and the easy-read page in their own language.
    assert "leaflet.cy+en-handout.pdf" in [a.get("href") for a in english.xpath("//a")]
    assert "leaflet.cy+en-easy-read-html.en.html" in [a.get("href") for a in english.xpath("//a")]
    assert "leaflet.cy+en-easy-read-html.html" in [a.get("href") for a in welsh.xpath("//a")]


def test_interface_strings_come_from_both_catalogs_welsh_first() -> None:
    s = strings_for((builtin_dir("templates"),), "cy+en-GB")
    key_points = s("key_points")
    assert key_points == "Pwyntiau allweddol / Key points" and isinstance(key_points, Pair)
    assert s.split("page_of", "page", "pages") == ["Tudalen / Page ", " o / of ", ""]
    org = Pair("Partneriaid", "Partners", ("cy", "en-GB"))
    assert s("shared_by", org=org) == "Rhannwyd gan Partneriaid. / Shared by Partners."
    assert str(keep_words(key_points)) == (
        '<span class="half" lang="cy">Pwyntiau\xa0allweddol</span> '
        '<span class="half" lang="en-GB">Key\xa0points</span>'
    )
    assert str(keep_words("Key points")) == "Key\xa0points"  # one language: as before


def test_a_bilingual_edition_names_what_it_needs(tmp_path: Path) -> None:
    folder = project(tmp_path)
    result = run_charter(["build", "--bilingual", "cy", "--brand", BRAND], folder)
    assert result.exit_code == 1 and "--bilingual takes two different languages" in result.output
    result = run_charter(["build", "--bilingual", "cy,en", "--format", "braille", "--brand", BRAND], folder)
    assert result.exit_code == 1 and "not braille" in result.output and "--language" in result.output
    result = run_charter(["build", "--bilingual", "ur,en", "--brand", BRAND], folder)
    assert result.exit_code == 1 and "leaflet.ur.md" in result.output
    assert "Traceback" not in result.output and not (folder / "output").exists()


def test_a_translation_whose_blocks_do_not_match_cannot_be_set_beside_its_source(tmp_path: Path) -> None:
    from generator.bilingual import merge_documents
    from generator.content import load_document

    folder = project(tmp_path) / "content" / "charter"
    welsh = folder / "leaflet.cy.md"
    welsh.write_text(welsh.read_text(encoding="utf-8").replace("## Sut\n", ""), encoding="utf-8")
    with pytest.raises(CharterError, match="do not have the same headings, paragraphs and lists"):
        merge_documents(load_document(welsh, "cy"), load_document(folder / "leaflet.md"))


@pytest.mark.slow
def test_a_bilingual_poster_that_cannot_fit_is_refused_saying_why(tmp_path: Path) -> None:
    folder = project(tmp_path)
    for name, point in (
        ("leaflet.md", "We listen to people first and keep listening to everyone who comes to us, every day"),
        (
            "leaflet.cy.md",
            "Rydym yn gwrando ar bobl yn gyntaf ac yn dal i wrando ar bawb sy'n dod atom, bob dydd",
        ),
    ):
        path = folder / "content" / "charter" / name
        head, points, rest = path.read_text(encoding="utf-8").partition("key_points:\n")
        rest = rest.split("credit:", 1)[1]
        listed = "".join(f"  - {point} ({n}).\n" for n in range(1, 9))
        path.write_text(f"{head}{points}{listed}credit:{rest}", encoding="utf-8")
    args = ["build", "--bilingual", "cy,en", "--format", "poster", "--paper", "A4", "--brand", BRAND]
    result = run_charter(args, folder)
    assert result.exit_code == 1
    (line,) = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert "leaflet.cy.md: too much text for one A4 poster" in line
    assert "A bilingual poster holds every key point in both languages" in line
    assert "(--language cy, --language en-GB)" in line and not (folder / "output").exists()


def test_each_half_says_its_direction_only_where_the_two_differ() -> None:
    mixed = Pair("salaam", "hello", ("ur", "en"), ("rtl", "ltr"))
    assert str(keep_words(mixed)) == (
        '<span class="half" lang="ur" dir="rtl">salaam</span> '
        '<span class="half" lang="en" dir="ltr">hello</span>'
    )
    assert "dir=" not in str(keep_words(Pair("helo", "hello", ("cy", "en"))))
    s = strings_for((builtin_dir("templates"),), "ur+en")
    assert s("key_points").directions == ("rtl", "ltr") and s.direction == "rtl"


def test_the_two_bodies_keep_their_footnotes_apart(tmp_path: Path) -> None:
    import re

    from generator.bilingual import merge_documents
    from generator.content import load_document

    text = "---\ntitle: {t}\nlanguage: {lang}\n---\n\n## {h}\n\n{p}[^1].\n\n[^1]: {n}.\n"
    welsh, english = tmp_path / "notes.cy.md", tmp_path / "notes.md"
    welsh.write_text(
        text.format(t="Nodiadau", lang="cy", h="Arian", p="Bwyd", n="Cyfarfod"), encoding="utf-8"
    )
    english.write_text(
        text.format(t="Notes", lang="en-GB", h="Money", p="Food", n="Meeting"), encoding="utf-8"
    )
    body = merge_documents(load_document(welsh, "cy"), load_document(english)).body_html
    ids = re.findall(r'\bid="([^"]+)"', body)
    assert len(ids) == len(set(ids)) >= 6
    for target in re.findall(r'href="#([^"]+)"', body):
        assert target in ids
    assert body.index("Bwyd") < body.index("Food") < body.index("Cyfarfod") < body.index("Meeting")


def page_number_lines(path: Path) -> list[str]:
    """Each page's page-number line as drawn, its words left to right."""
    import pdfplumber

    lines = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            words = page.extract_words()
            mark = next(w for w in words if w["text"] == "Page")
            line = sorted((w for w in words if abs(w["bottom"] - mark["bottom"]) < 6), key=lambda w: w["x0"])
            lines.append(" ".join(w["text"] for w in line))
    return lines


@pytest.mark.slow
def test_an_edition_of_two_directions_says_each_page_number_in_its_own_direction(tmp_path: Path) -> None:
    """Urdu and English: "Page 1 of 3" reads left to right and "صفحہ 1 از 3" right to left, each
    phrase whole at the side its reader starts from (one phrase with both languages' words
    around one pair of numbers drew "3 of / از 1 Page / صفحہ"). English first is the same
    twin with the isolates the other way round (tests/test_rtl.py)."""
    from translated import translated_project

    translated_project(tmp_path)
    args = ["build", "--quiet", "--brand", BRAND, "--bilingual", "ur,en", "--format", "handout"]
    result = run_charter(args, tmp_path)
    assert result.exit_code == 0, result.output
    lines = page_number_lines(tmp_path / "output" / BRAND / "leaflet.ur+en-handout.pdf")
    pages = len(lines)
    assert pages > 1
    for number, line in enumerate(lines, 1):
        english, urdu = line.split(" / ")
        assert english == f"Page {number} of {pages}", line  # left to right
        digits = [word for word in urdu.split() if word.isdigit()]
        assert digits == [str(pages), str(number)], line  # drawn right to left: صفحہ 1 از 3
