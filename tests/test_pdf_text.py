# ruff: noqa: RUF001  (Urdu and Arabic words spelled as drawn)
"""Text a screen reader can read, in every script, and the language of each part in the tags.

One small project, built once for the module: handouts in Urdu and English, each with words in
the other language marked ``[words]{lang=..}``. The structure tree must carry ``/Lang`` on exactly
the elements whose language differs from the one around them.
"""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import pikepdf
import pytest
import yaml
from conftest import run_charter
from pdfcheck import check_structure
from pdftext import in_order, pdfium_text, poppler_text, tagged_text
from pdftree import Node, read_tree

from generator.errors import CharterError
from generator.markdown import render_body
from generator.project import builtin_dir

# Real short texts (tests/languages/<language>-notice.md), each with a name in another language
# marked in the Markdown: the name and its language.
LANGUAGES = Path(__file__).parent / "languages"
MARKED = {
    "ur": ("Social Work Teaching Partnership", "en"),
    "ar": ("Social Work Teaching Partnership", "en"),
    "pa": ("Social Work Teaching Partnership", "en"),
    "en-GB": ("Croeso", "cy"),
}
EASY_READ = ("ur", "pa", "en-GB")
EVERY_PDF = [(language, False) for language in MARKED] + [(language, True) for language in EASY_READ]


def _path(language: str, easy_read: bool = False) -> Path:
    return LANGUAGES / f"{language.lower()}-notice{'.easy-read' if easy_read else ''}.md"


def source_text(language: str, easy_read: bool = False) -> str:
    """What a reader should get from the document: its title, summary, key points (a handout's)
    and body, Markdown syntax and pictures aside."""
    _, front, body = _path(language, easy_read).read_text().split("---\n", 2)
    meta = yaml.safe_load(front)
    body = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", body)
    body = re.sub(r"\[([^\]]+)\]\{[^}]*\}", r"\1", body)
    body = re.sub(r"^\s*(#+|-) ", "", body, flags=re.MULTILINE)
    return "\n".join((meta["title"], meta["summary"], *([] if easy_read else meta["key_points"]), body))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("languages")
    shutil.copytree(builtin_dir("content") / "brands" / "partnership", project / "content/brands/partnership")
    charter_dir = project / "content/charter"
    charter_dir.mkdir(parents=True)
    args = ["build", "--format", "handout", "--brand", "partnership", "--quiet"]
    easy = ["build", "--format", "easy-read", "--brand", "partnership", "--quiet"]
    for language in MARKED:
        shutil.copy(_path(language), charter_dir)
        args += ["--doc", f"{language.lower()}-notice"]
        if language in EASY_READ:
            shutil.copy(_path(language, True), charter_dir)
            easy += ["--doc", f"{language.lower()}-notice"]
    for run in (args, easy):
        result = run_charter(run, project)
        assert result.exit_code == 0, result.output
    return project / "output/partnership"


def _unmarked_latin(node: Node, inherited: str) -> list[str]:
    """The text in Latin letters of the elements that are not in English (nor under one that is)."""
    own = node.lang or inherited
    found = [node.text] if own.split("-")[0] != "en" and re.search("[A-Za-z]", node.text) else []
    return found + [text for kid in node.kids for text in _unmarked_latin(kid, own)]


@pytest.mark.parametrize(("language", "easy_read"), EVERY_PDF)
def test_lang_on_exactly_the_words_in_another_language(built: Path, language: str, easy_read: bool) -> None:
    """The words an author marked carry their language; in a document in another script, so do
    the English names and credits in Latin letters (the organisation, the picture credit), and
    nothing else does."""
    path = built / f"{language.lower()}-notice-{'easy-read' if easy_read else 'handout'}.pdf"
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == language
    tree = read_tree(path)
    marked = [(node.s, node.lang, node.all_text()) for node in tree.walk() if node.lang]
    if language == "en-GB":
        assert marked == [("/Span", "cy", "Croeso")]
        return
    assert {(s, lang) for s, lang, _ in marked} == {("/Span", "en")}
    assert all(re.fullmatch(r"[A-Za-z0-9.,:'\-\u2013]+", text) for _, _, text in marked), marked
    assert _unmarked_latin(tree, language) == []
    if not easy_read:
        assert "".join(MARKED[language][0].split()) in [text for _, _, text in marked]


@pytest.mark.parametrize(
    ("language", "easy_read", "share"),
    [
        ("en-GB", False, 1.0),
        ("en-GB", True, 1.0),
        ("pa", False, 0.95),
        ("pa", True, 0.95),
        ("ur", False, 0.95),
        ("ur", True, 0.95),
        ("ar", False, 0.95),
    ],
)
def test_text_extracts_in_logical_order(built: Path, language: str, easy_read: bool, share: float) -> None:
    """Gurmukhi and Bengali draw vowel signs before their consonant and conjuncts as one glyph:
    their runs' /ActualText gives the words back as written (the glyphs alone gave 25-75%).
    Urdu and Arabic runs redrawn word by word in reading order (generator.finish.rtl): content
    order gave 3-10% of Nastaliq Urdu's words, 89% (PDFium) and 15% (poppler) of Arabic's. Easy
    read: a heading after a section's points comes after them (the points are positioned boxes,
    which WeasyPrint paints after the page's other blocks unless those are positioned too)."""
    path = built / f"{language.lower()}-notice-{'easy-read' if easy_read else 'handout'}.pdf"
    source = source_text(language, easy_read)
    assert in_order(source, pdfium_text(path)) >= share
    poppler = poppler_text(path)
    if poppler is not None:
        assert in_order(source, poppler) >= share


@pytest.mark.parametrize(("language", "easy_read"), EVERY_PDF)
def test_the_tags_give_the_text_in_reading_order(built: Path, language: str, easy_read: bool) -> None:
    """What a screen reader reading the structure tree gets, in every script: right-to-left runs
    spelled out on their Span (the glyphs of Nastaliq Urdu gave back 3-10% of the words)."""
    path = built / f"{language.lower()}-notice-{'easy-read' if easy_read else 'handout'}.pdf"
    assert in_order(source_text(language, easy_read), tagged_text(path)) >= (
        1.0 if language == "en-GB" else 0.95
    )


@pytest.mark.slow
def test_actual_text_on_the_runs_that_need_it(built: Path) -> None:
    """Complex left-to-right runs carry /ActualText on their marked content; a right-to-left run
    carries its text in reading order on its structure element, and on its marked content only
    word by word, each spelled as drawn (PDFium and poppler reverse a right-to-left /ActualText
    as they reverse glyphs); English carries none."""
    runs: dict[str, list[str]] = {}
    spans: dict[str, list[str]] = {}
    for language in ("ur", "pa", "en-GB"):
        with pikepdf.open(built / f"{language.lower()}-notice-handout.pdf") as pdf:
            runs[language] = [
                str(instruction.operands[1].ActualText)
                for page in pdf.pages
                for instruction in pikepdf.parse_content_stream(page, "BDC")
                if isinstance(instruction.operands[1], pikepdf.Dictionary)
                and "/ActualText" in instruction.operands[1]
            ]
            spans[language] = [
                str(o.ActualText)
                for o in pdf.objects
                if isinstance(o, pikepdf.Dictionary) and "/S" in o and "/ActualText" in o
            ]
            assert all("/CharterTexts" not in page.obj for page in pdf.pages)
    assert runs["en-GB"] == spans["pa"] == spans["en-GB"] == []
    assert "ਪਿਛਲੀਆਂ" in " ".join(runs["pa"])
    title = yaml.safe_load(_path("ur").read_text().split("---\n")[1])["title"]
    # Urdu: each word's /ActualText spelled as drawn (generator.finish.rtl), never a run's whole text.
    assert title.split()[0][::-1] + " " in runs["ur"]
    assert all(len(text.split()) <= 1 for text in runs["ur"])
    assert title.replace(" ", "\xa0") in [span.replace(" ", "\xa0") for span in spans["ur"]]


@pytest.mark.slow
def test_lang_where_the_language_changes_at_any_depth(tmp_path: Path) -> None:
    """Any element with a ``lang`` unlike the one it inherits gets /Lang, whatever its kind (a
    bilingual document's halves, a name inside one); the same language again gets none."""
    from generator.render import pdf_bytes, render_document

    html = (
        '<html lang="cy"><body><div><p>Croeso i bawb</p></div>'
        '<div lang="en"><p>Welcome to <span lang="cy">Cymru</span> everyone</p><p lang="en">Hello</p></div>'
        '<p lang="CY">Diolch</p></body></html>'
    )
    path = tmp_path / "both.pdf"
    path.write_bytes(pdf_bytes(render_document(html, [], (tmp_path,), tmp_path, ())))
    marked = [(node.s, node.lang, node.all_text()) for node in read_tree(path).walk() if node.lang]
    assert marked == [("/Div", "en", "WelcometoeveryoneCymruHello"), ("/Span", "cy", "Cymru")]


def test_markdown_marks_words_in_another_language(tmp_path: Path) -> None:
    html = render_body(
        "We say [Croeso]{lang=cy} at [the door](https://example.org){lang=en}.", tmp_path / "a.md", 7
    )
    assert '<span lang="cy">Croeso</span>' in html
    assert re.search(r'<a [^>]*lang="en"[^>]*>the door</a>', html)
    assert (
        render_body("[Plain]{.note}", tmp_path / "a.md", 7) == "<p><span>Plain</span></p>\n"
    )  # lang alone is kept


def test_markdown_refuses_a_language_that_is_no_tag(tmp_path: Path) -> None:
    with pytest.raises(CharterError) as raised:
        render_body("Line\n\nWe say [Croeso]{lang=welsh} and [Hi]{lang=en_GB}.", tmp_path / "a.md", 7)
    message = str(raised.value)
    assert f"{tmp_path / 'a.md'}:9: language 'welsh' is not a BCP 47 language tag" in message
    assert "language 'en_GB' is not a BCP 47 language tag. Did you mean 'en-GB'?" in message


@pytest.mark.slow
def test_running_footers_in_complex_scripts_extract_as_written(built: Path) -> None:
    """A page number or footer re-marked as decoration keeps its run's /ActualText."""
    path = built / "pa-notice-easy-read.pdf"
    with pikepdf.open(path) as pdf:
        artifacts = [
            str(instruction.operands[1].ActualText)
            for page in pdf.pages
            for instruction in pikepdf.parse_content_stream(page, "BDC")
            if instruction.operands[0] == pikepdf.Name.Artifact
        ]
    text = pdfium_text(path)
    assert artifacts and all(artifact.strip() in text for artifact in artifacts)


@pytest.mark.parametrize(("language", "easy_read"), EVERY_PDF)
def test_every_pdf_keeps_its_tags_whole(built: Path, language: str, easy_read: bool) -> None:
    """The Spans, /ActualText and /Lang added keep each PDF's tags whole (tests/pdfcheck.py)."""
    path = built / f"{language.lower()}-notice-{'easy-read' if easy_read else 'handout'}.pdf"
    assert check_structure(path).problems == []


def test_easy_read_marks_words_in_another_language(tmp_path: Path) -> None:
    """An easy-read point keeps the words marked [words]{lang=..}, and a tag that is no language
    is refused at its line."""
    from generator.easyread import load_easy_read

    text = _path("en-GB", True).read_text()
    document = load_easy_read(_path("en-GB", True))
    assert document.points[0].languages == (("Croeso", "cy"),)
    assert '<span lang="cy">Croeso</span>' in "".join(document.marked_sentences().values())
    broken = tmp_path / "en-gb-notice.easy-read.md"
    broken.write_text(text.replace("{lang=cy}", "{lang=welsh}"))
    with pytest.raises(CharterError) as raised:
        load_easy_read(broken)
    line = text.splitlines().index("  Partners in Wales say [Croeso]{lang=cy} to you.") + 1
    assert f"{broken}:{line}: language 'welsh' is not a BCP 47 language tag" in str(raised.value)


def test_a_right_to_left_word_is_spelled_as_drawn() -> None:
    """Each run of right-to-left letters reversed in its place, marks and punctuation kept
    apart by U+200E (PDFium ends a run there, poppler only at a left-to-right character)."""
    from generator.finish.rtl import _visual, _visual_text

    assert _visual_text("نکات") == "تاکن"
    assert _visual_text("معًا") == "عم\u200e\u064b\u200eا"
    assert _visual_text("الناس.") == "سانلا\u200e."
    assert _visual_text("2024") == "2024" and _visual_text("Social") == "Social"
    # Left to right: the last Urdu word first, English names in their own order among themselves.
    assert _visual(["یہ", "Social", "Work", "نے", "لکھا"]) == [4, 3, 1, 2, 0]
    assert _visual(["ایک", "2", "،", "3"]) == [1, 2, 3, 0]


def _content(data: bytes) -> list[pikepdf.ContentStreamInstruction]:
    pdf = pikepdf.new()
    return list(pikepdf.parse_content_stream(pdf.make_stream(data)))


def _run(mcid: int, x: int, colour: bytes = b"") -> bytes:
    return b"/Span <</MCID %d>> BDC %s BT 1 0 0 -1 %d 100 Tm /F1 10 Tf [<0001>] TJ ET EMC\n" % (
        mcid,
        colour,
        x,
    )


def test_a_lines_runs_are_put_in_reading_order_with_their_colours() -> None:
    """A line's runs drawn left to right come right to left, each with the colour it was drawn
    in, and what follows gets the colour the line left; a line mostly in Latin letters, or runs
    not drawn one right after the other, stay as drawn."""
    from generator.finish.rtl import _lines_in_reading_order

    texts = {0: "ایک", 1: "دو", 2: "تین"}
    line = b"0 g\n" + _run(0, 10, b"0 0 1 rg") + _run(1, 50, b"1 0 0 rg") + _run(2, 90)
    out = _lines_in_reading_order(_content(line), texts)
    assert out is not None
    order = [int(i.operands[1].MCID) for i in out if str(i.operator) == "BDC"]
    assert order == [2, 1, 0]
    fills = [
        (int(nxt.operands[1].MCID), [float(v) for v in op.operands])
        for op, nxt in itertools.pairwise(out)
        if str(op.operator) in ("rg", "g") and str(nxt.operator) == "BDC"
    ]
    assert fills == [(2, [1, 0, 0]), (1, [0, 0, 1]), (0, [0])]  # each as drawn at first
    assert str(out[-1].operator) == "rg" and [float(v) for v in out[-1].operands] == [1, 0, 0]
    english = b"0 g\n" + _run(0, 10) + _run(1, 50) + _run(2, 90)
    assert _lines_in_reading_order(_content(english), {1: "دو"}) is None
    apart = b"0 g\n" + _run(0, 10) + b"0 0 m 1 1 l S\n" + _run(1, 50)
    assert _lines_in_reading_order(_content(apart), texts) is None
