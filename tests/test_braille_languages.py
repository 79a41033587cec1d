"""Braille and audio in other languages: each language's liblouis table and espeak-ng voice from
generator/languages.py, braille read back to the source words (in logical order for right to
left scripts), clear errors for a language or a character with no braille."""

from __future__ import annotations

import difflib
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from conftest import run_charter

from generator.audio import voice_for
from generator.braille import NOTE_CLOSE, NOTE_OPEN, tables, translate
from generator.errors import CharterError
from generator.languages import LANGUAGES
from generator.project import builtin_dir

BRAND = "partnership"
# Standalone documents: the language comes from the front matter, as a translation's does.
DOCUMENTS = {
    name: (Path(__file__).parent / "languages" / f"{name}.md").read_text(encoding="utf-8")
    for name in ("urdu", "welsh", "punjabi")
}
SCRIPTS = {"urdu": "ARABIC", "welsh": "LATIN", "punjabi": "GURMUKHI"}
LANGUAGE = {"urdu": "ur", "welsh": "cy", "punjabi": "pa"}


def words(text: str, script: str) -> list[str]:
    """The words of ``text`` written in ``script`` (Unicode names start with it), lower case, NFC,
    punctuation left out. liblouis's Welsh table reads ŷ (4-13456) back as the yen sign: put back."""
    text = unicodedata.normalize("NFC", text.replace("¥", "ŷ")).lower()
    out = []
    for token in text.split():
        word = "".join(ch for ch in token if unicodedata.category(ch)[0] in "LM" or ch == "'")
        word = word.strip("'")
        if word and unicodedata.name(word[0], "").startswith(script):
            out.append(word)
    return out


def source_text(document: str) -> str:
    """A document's words as a reader gets them: the title, summary, key points and body."""
    _, front, body = document.split("---", 2)
    lines = front.splitlines()
    kept = [line.split(": ", 1)[1] for line in lines if line.startswith(("title: ", "summary: "))]
    kept += [line.removeprefix("  - ") for line in lines if line.startswith("  - ")]
    return " ".join([*kept, body])


def recovered(expected: list[str], got: list[str]) -> float:
    """The share of ``expected`` words found in ``got``, in order."""
    matcher = difflib.SequenceMatcher(None, expected, got, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(expected)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three documents built as braille for one brand: the output folder."""
    folder = tmp_path_factory.mktemp("braille-languages")
    charter = folder / "content" / "charter"
    charter.mkdir(parents=True)
    shutil.copytree(builtin_dir("content") / "brands" / BRAND, folder / "content" / "brands" / BRAND)
    for name, text in DOCUMENTS.items():
        (charter / f"{name}.md").write_text(text, encoding="utf-8")
    result = run_charter(["build", "--quiet", "--format", "braille", "--brand", BRAND], folder)
    assert result.exit_code == 0, result.output
    return folder / "output" / BRAND


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_braille_reads_back_to_the_source_words_in_order(built: Path, name: str) -> None:
    brf = (built / f"{name}-braille.brf").read_bytes().decode("ascii")
    assert all(ch in "\r\n\f" or 0x20 <= ord(ch) <= 0x5F for ch in brf)
    lines = [line for page in brf.split("\f") for line in page.split("\r\n")[1:]]  # no page numbers
    text = " ".join(lines).replace(NOTE_OPEN, " ").replace(NOTE_CLOSE, " ")
    back = translate([text], backward=True, language=LANGUAGE[name])[0]
    expected, got = words(source_text(DOCUMENTS[name]), SCRIPTS[name]), words(back, SCRIPTS[name])
    assert len(expected) > 40
    # Urdu: the letter heh doachashmee and the question mark are the same cells (236), and
    # liblouis reads them both back as a guillemet.
    assert recovered(expected, got) >= (0.95 if name == "urdu" else 0.98), (expected, got)
    # In logical order: the title's words come back first to last (a visual, reversed order fails).
    title = words(DOCUMENTS[name].split("title: ")[1].split("\n")[0], SCRIPTS[name])
    assert got[: len(title)] == title


def test_the_transcribers_note_is_in_the_documents_language(built: Path) -> None:
    brf = (built / "welsh-braille.brf").read_bytes().decode("ascii")
    back = translate([" ".join(brf.split())], backward=True, language="cy")[0]
    assert "Dyma fersiwn braille y daflen" in back and "gradd 1" in back
    assert "Unified English Braille" not in back


def test_each_shipped_language_has_a_braille_table_and_a_voice_that_are_installed() -> None:
    folder = Path("/usr/share/liblouis/tables")
    for tag, entry in LANGUAGES.items():
        assert entry.braille and entry.voice, tag
        for name in tables(tag).split(",")[1:]:
            assert Path(name).is_file() or (folder / name).is_file(), name
        assert voice_for(tag) == entry.voice
    assert voice_for("ur-PK") == "ur" and voice_for("en") == "en-gb" and voice_for("cy-GB") == "cy"


def test_charter_list_names_each_languages_braille_code_from_the_language_table(tmp_path: Path) -> None:
    """Not Unified English Braille for every language: each one's own code, under the format."""
    result = run_charter(["list"], tmp_path)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("  braille: "))
    assert "Unified English Braille" not in lines[start]
    listed = lines[start + 1 : start + 1 + len(LANGUAGES)]
    assert listed[0] == "    English (en): Unified English Braille, grade 2 (contracted)"
    for entry in LANGUAGES.values():
        assert entry.braille_code and f"    {entry.name} ({entry.tag}): {entry.braille_code}" in listed
    assert "    Welsh (cy): Welsh braille, grade 1 (uncontracted)" in listed
    assert not lines[start + 1 + len(LANGUAGES)].startswith("    ")  # the next format follows


def test_the_readmes_language_table_says_what_the_language_table_says() -> None:
    """One row a language: its face, line height, braille code, and no hyphenation."""
    readme = (Path(__file__).parents[1] / "README.md").read_text("utf-8")
    rows = {m[1]: m[0] for m in re.finditer(r"^\| \w+ \(`([\w-]+)`\) \|.*\|$", readme, re.MULTILINE)}
    assert set(rows) == set(LANGUAGES)
    for tag, entry in LANGUAGES.items():
        height = str(entry.line_height) if entry.line_height else "the format's"
        cells = [cell.strip() for cell in rows[tag].strip("|").split("|")]
        assert cells[2:] == [entry.noto_family, height, entry.braille_code, "none"], tag


def test_a_language_without_braille_is_one_clear_error_naming_those_with_it() -> None:
    with pytest.raises(CharterError) as error:
        tables("so")
    assert str(error.value) == (
        "there is no braille table for the language 'so'. Braille can be made in Arabic (ar), "
        "Bengali (bn), English (en), Polish (pl), Punjabi (pa), Romanian (ro), Urdu (ur), Welsh (cy); "
        "leave out the braille format for this document."
    )
    assert tables("ur-PK") == tables("ur")


def test_a_build_in_a_language_without_braille_names_the_file_and_writes_nothing(tmp_path: Path) -> None:
    charter = tmp_path / "content" / "charter"
    charter.mkdir(parents=True)
    shutil.copytree(builtin_dir("content") / "brands" / BRAND, tmp_path / "content" / "brands" / BRAND)
    (charter / "somali.md").write_text("---\nid: somali\ntitle: Qoraal\nlanguage: so\n---\n\nQoraal.\n")
    result = run_charter(["build", "--format", "braille", "--brand", BRAND], tmp_path)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 1 and "somali.md" in lines[0]
    assert "no braille table for the language 'so'" in lines[0]
    assert "Welsh (cy)" in lines[0] and "Traceback" not in result.output
    assert not list(tmp_path.glob("output/**/*.brf"))


def test_a_character_a_table_has_no_braille_for_is_named() -> None:
    with pytest.raises(CharterError) as error:
        translate(["Ŵyr a ẁ ẃ."], language="cy")
    assert str(error.value) == (
        "liblouis's Welsh braille has no braille for 'ẁ' (U+1E81 LATIN SMALL LETTER W WITH GRAVE), "
        "'ẃ' (U+1E83 LATIN SMALL LETTER W WITH ACUTE): write the text without them, or leave out the "
        "braille format."
    )


def test_letters_with_a_nukta_are_brailled_as_one_letter_either_way_they_are_written() -> None:
    decomposed, composed = "ਇੱਜ\u0a3cਤ ਫ\u0a3cੈਸਲਾ", "ਇੱ\u0a5bਤ \u0a5eੈਸਲਾ"
    assert translate([decomposed], language="pa") == translate([composed], language="pa")
    assert translate(["ন\u09c7ও\u09af\u09bc\u09be\u09b0।"], language="bn")  # য় and the danda


@pytest.mark.parametrize("tag", ["cy", "ur", "pa"])
def test_the_shipped_translations_braille_reads_back_to_at_least_95_percent_of_their_words(tag: str) -> None:
    from generator.braille import PageSize, document_blocks, to_brf
    from generator.translations import load_text_translation

    path = builtin_dir("content") / "charter" / f"appendix-a.{tag}.md"
    doc = load_text_translation(path)
    size = PageSize()
    data, _ = to_brf(document_blocks(doc, "Riverside Borough Council", size, True), size, doc.language)
    lines = [line for page in data.decode("ascii").split("\f") for line in page.split("\r\n")[1:]]
    back = translate([" ".join(lines).replace(NOTE_OPEN, " ").replace(NOTE_CLOSE, " ")], True, tag)[0]
    script = {"cy": "LATIN", "ur": "ARABIC", "pa": "GURMUKHI"}[tag]
    expected = words(source_text(path.read_text(encoding="utf-8")), script)
    assert len(expected) > 500 and recovered(expected, words(back, script)) >= 0.95


def test_romanian_capitals_with_a_diacritic_are_brailled_as_their_small_letters() -> None:
    # ro.tbl gives capitals dot 7, which braille ASCII cannot show: 'În' and 'Și' start
    # sentences, and stopped a Romanian build (capitals are not marked in Romanian braille here).
    capitals, small = "Ana Â Î Ă Ș Ț Ş Ţ", "ana â î ă ș ț ş ţ"
    assert translate([capitals], language="ro") == translate([small], language="ro") == ["ANA < % * : [ : ["]
    brf = translate(["Și în țara lor."], language="ro")
    assert translate(brf, backward=True, language="ro") == ["şi în ţara lor."]  # ro.tbl's cedillas


def test_romanian_a_circumflex_reads_back_as_itself_inside_a_word_and_a_parenthesis_before_one() -> None:
    """ro.tbl gives â and "(" one cell (126) and read it back as "(" ("c(nd", "rom(n": 16% of a
    Romanian text's words lost); inside or ending a word it is â, starting one a parenthesis."""
    brf = translate(["Când vine românul (o dată pe lună), rămâne."], language="ro")
    assert translate(brf, backward=True, language="ro") == ["când vine românul (o dată pe lună), rămâne."]
