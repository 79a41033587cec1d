"""Interface strings: one catalog per language (templates/strings/<lang>.yml), checked against the
English one; the credit and series lines made from a document's metadata; lang and dir on every
document; stylesheets with logical properties, not left and right."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.errors import CharterError
from generator.project import Project, builtin_dir
from generator.strings import check_catalog, strings_for

BUILTIN = (builtin_dir("templates"),)


def catalog(folder: Path, lang: str, body: str, direction: str = "ltr") -> Path:
    path = folder / "strings" / f"{lang}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"direction: {direction}\nstrings:\n{body}", encoding="utf-8")
    return path


def english_body() -> str:
    english = strings_for(BUILTIN, "en")
    return "".join(f"  {key}: {json.dumps(text)}\n" for key, text in english.texts.items())


def test_english_is_the_reference_and_any_english_tag_uses_it() -> None:
    for tag in ("en", "en-GB", "en-US"):
        english = strings_for(BUILTIN, tag)
        assert (english.language, english.direction) == ("en", "ltr")
    assert strings_for(BUILTIN, "en")("page_of", page=1, pages=3) == "Page 1 of 3"


def test_a_language_without_a_catalog_is_written_with_the_english_words() -> None:
    assert strings_for(BUILTIN, "de")("key_points") == "Key points"


def test_a_catalog_with_the_same_keys_and_placeholders_is_used(tmp_path: Path) -> None:
    body = english_body().replace('"Key points"', '"Pwyntiau allweddol"')
    catalog(tmp_path, "cy", body)
    welsh = strings_for((tmp_path, *BUILTIN), "cy-GB")
    assert welsh("key_points") == "Pwyntiau allweddol"
    assert welsh("page_of", page=2, pages=5) == "Page 2 of 5"


def test_a_right_to_left_catalog_says_so(tmp_path: Path) -> None:
    catalog(tmp_path, "ur", english_body(), direction="rtl")
    assert strings_for((tmp_path, *BUILTIN), "ur-PK").direction == "rtl"


def test_every_difference_from_english_is_one_line_naming_the_file_and_line(tmp_path: Path) -> None:
    body = english_body()
    body = body.replace('  key_points: "Key points"\n', "")  # missing
    body = body.replace('"Page {page} of {pages}"', '"Tudalen {page} o {cyfanswm}"')  # placeholder renamed
    body += '  key_pionts: "Pwyntiau"\n'  # not an English key
    path = catalog(tmp_path, "cy", body)
    faults = check_catalog(path, builtin_dir("templates") / "strings" / "en.yml")
    assert len(faults) == 3, faults
    missing, wrong, unknown = sorted(faults, key=lambda f: ("missing" not in f, "placeholders" not in f))
    assert "'key_points' is missing" in missing and "en.yml:" in missing
    assert re.search(r"cy\.yml:\d+: 'page_of' must have the placeholders \{page\}, \{pages\}", wrong)
    assert re.search(r"cy\.yml:\d+: 'key_pionts' is not an English key", unknown)
    with pytest.raises(CharterError) as caught:
        strings_for((tmp_path, *BUILTIN), "cy")
    assert len(caught.value.format_message().splitlines()) == 3


def test_a_catalog_with_an_unknown_direction_is_refused(tmp_path: Path) -> None:
    catalog(tmp_path, "ar", english_body(), direction="right")
    with pytest.raises(CharterError, match=r"ar\.yml:1: direction 'right' must be 'ltr' or 'rtl'"):
        strings_for((tmp_path, *BUILTIN), "ar")


def test_page_words_split_around_the_numbers() -> None:
    english = strings_for(BUILTIN, "en")
    assert english.split("page_of", "page", "pages") == ["Page ", " of ", ""]


def test_the_credit_comes_from_the_metadata() -> None:
    s = strings_for(BUILTIN, "en")
    # A person is credited by name, never "by the <name>".
    assert s.credit("Co-production Charter", "A", "Ann Smith", "Riverside") == (
        "From the Co-production Charter, Appendix A, by Ann Smith. Shared by Riverside."
    )
    # No charter key: no "Charter" label, and the organisation that wrote it is not repeated.
    assert s.credit(None, None, "Riverside", "Riverside") == "By Riverside."
    assert s.credit("Charter", None, "Riverside", "Riverside") == "From the Charter, by Riverside."
    assert s.series("Co-production Charter", "A") == "Co-production Charter: Appendix A"
    assert s.series(None, "B") == "Appendix B" and s.series(None, None) == ""


def test_stylesheets_say_start_and_end_not_left_and_right() -> None:
    """Page rules (pages do not mirror) and margin-box names are the only physical sides."""
    found = []
    for path in sorted((builtin_dir("templates") / "css").glob("*.css")):
        text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        text = re.sub(r"@page[^{]*\{(?:[^{}]|\{[^{}]*\})*\}", "", text)  # page rules, margin boxes inside
        found += [
            f"{path.name}: {m[0]}"
            for m in re.finditer(
                r"[\w-]*\b(?:left|right)\b[\w-]*\s*:[^;]*|:\s*[^;{}]*\b(?:left|right)\b[^;{}]*", text
            )
        ]
    # object-position has no start/end: the landscape poster's logo says left, and right for
    # right-to-left sheets.
    assert found in (["poster.css: : left center", "poster.css: : right center"], []), found


def test_a_document_says_its_language_and_direction(project_copy: Path) -> None:
    from generator.compose import Composition, compose_html
    from generator.content import load_document

    project = Project.discover(project_copy)
    doc = load_document(project.charter_dir / "appendix-a.md")
    from generator.brand import default_brand, load_brand, resolve_brand

    brand = load_brand(resolve_brand(default_brand(project), project))
    html = compose_html(project, Composition((), doc.title, doc.language, brand))
    assert '<html lang="en-GB" dir="ltr">' in html


SHIPPED = {"cy": "ltr", "ur": "rtl", "pa": "ltr", "bn": "ltr", "ar": "rtl", "pl": "ltr", "ro": "ltr"}


def test_the_shipped_catalogs_are_english_and_the_languages_of_issue_21() -> None:
    found = {p.stem for p in (builtin_dir("templates") / "strings").glob("*.yml")}
    assert found == {"en", *SHIPPED}


@pytest.mark.parametrize("lang, direction", sorted(SHIPPED.items()))
def test_every_shipped_catalog_matches_english(lang: str, direction: str) -> None:
    strings = builtin_dir("templates") / "strings"
    assert "draft" in (strings / f"{lang}.yml").read_text(encoding="utf-8").splitlines()[0]
    assert check_catalog(strings / f"{lang}.yml", strings / "en.yml") == []
    catalog = strings_for(BUILTIN, lang)
    assert (catalog.language, catalog.direction) == (lang, direction)
    assert catalog("key_points") != strings_for(BUILTIN, "en")("key_points")


def test_sentences_split_at_the_sentence_ends_of_each_script() -> None:
    from generator.easyread import split_sentences

    stop = "\u06d4"  # the Urdu full stop
    urdu = f"ہم سنتے ہیں{stop} کیا آپ ٹھیک ہیں؟ ہاں"
    assert split_sentences(urdu) == [f"ہم سنتے ہیں{stop}", "کیا آپ ٹھیک ہیں؟", "ہاں"]
    assert split_sentences("ਅਸੀਂ ਸੁਣਦੇ ਹਾਂ। ਤੁਸੀਂ ਠੀਕ ਹੋ") == ["ਅਸੀਂ ਸੁਣਦੇ ਹਾਂ।", "ਤੁਸੀਂ ਠੀਕ ਹੋ"]
    assert split_sentences("Mr Jones, 3.5 miles") == ["Mr Jones, 3.5 miles"]  # no space after: no end


def test_a_bodys_notes_and_tables_speak_the_documents_language(tmp_path: Path) -> None:
    from generator.markdown import render_body

    body = "Text.[^1]\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n\n[^1]: A note.\n"
    welsh = render_body(body, tmp_path / "a.cy.md", 1, strings_for(BUILTIN, "cy"))
    assert '<h2 id="notes-heading">Nodiadau</h2>' in welsh
    assert 'aria-label="Tabl 1"' in welsh and 'title="Nodyn 1"' in welsh
    assert 'aria-label="1. Yn ôl i&#39;r testun"' in welsh
    english = render_body(body, tmp_path / "a.md", 1)  # English when no catalog is given
    assert '<h2 id="notes-heading">Notes</h2>' in english and 'aria-label="Table 1"' in english
    assert "Notes" not in welsh and "Table" not in welsh


def test_versions_are_named_in_the_pages_language_and_a_new_format_falls_back() -> None:
    from dataclasses import replace

    from generator.formats import PAPERS, PageOptions, get_format

    landscape = PageOptions(PAPERS["A3"], landscape=True)
    urdu, english = strings_for(BUILTIN, "ur"), strings_for(BUILTIN, "en")
    assert urdu.version_label(get_format("handout"), landscape) == "ہینڈ آؤٹ، PDF، A3 افقی کاغذ"
    assert urdu.version_label(get_format("braille"), PageOptions()) == "بریل، BRF فائل"
    for name in ("handout", "easy-read-poster", "braille", "easy-read-html", "audio"):
        fmt = get_format(name)
        assert english.version_label(fmt, landscape) == fmt.version_label(landscape)
    # a format registered at run time has no catalog words: its own label, in the PDF pattern
    new = replace(get_format("handout"), name="flyer")
    assert urdu.format_label(new) == "Flyer"
    assert urdu.version_label(new, PageOptions()) == "Flyer، PDF، A4 کاغذ"


def test_a_recording_and_a_braille_table_speak_the_documents_language() -> None:
    from generator.audio import minutes_text
    from generator.braille import body_blocks

    welsh = strings_for(BUILTIN, "cy")
    assert minutes_text(30, welsh) == "llai na munud" and minutes_text(200, welsh) == "tua 3 munud"
    assert minutes_text(200) == "about 3 minutes"
    table = '<table><tr><th scope="col">A</th></tr><tr><td>1</td></tr><tr><td>2</td></tr></table>'
    assert body_blocks(table, welsh)[0].text == "Tabl o 2 rhes, gyda'r colofnau A."
    assert body_blocks(table)[0].text == "Table of 2 rows, with columns A."


# Templates whose words are English by design: the review sheets and form (generator/review.py).
ENGLISH_TEMPLATES = {"review.html.j2", "review-form.html.j2"}


def test_no_template_prints_a_word_of_its_own() -> None:
    """Every word a reader sees in a page comes from a catalog or the content: with the Jinja
    tags, comments, styles and markup taken out, no letters are left, and no tag holds an
    English phrase in quotes."""
    found = []
    for path in sorted((builtin_dir("templates")).glob("*.html.j2")):
        if path.name in ENGLISH_TEMPLATES:
            continue
        source = path.read_text(encoding="utf-8")
        text = re.sub(r"\{#.*?#\}|<style.*?</style>|--[\w-]+:[^;\n]*;", "", source, flags=re.S)  # CSS too
        tags = re.findall(r"\{[{%](.*?)[}%]\}", text, flags=re.S)
        quoted = [q for tag in tags for q in re.findall(r'"([^"]*)"', tag) if re.search(r"[a-z] [a-z]", q)]
        labels = re.findall(r'(?:aria-label|alt|title|placeholder)="([^"{]*)"', text)
        words = re.sub(r"<[^>]*>", " ", re.sub(r"\{[{%].*?[}%]\}", " ", text, flags=re.S), flags=re.S)
        found += [f"{path.name}: {w}" for w in (*quoted, *labels, *re.findall(r"[A-Za-z]{2,}[^<\n]*", words))]
    assert found == []


def test_review_sheets_speak_the_documents_language() -> None:
    from generator.review import CHOICES_FULL, WORD_KEYS, _choices, review_words

    welsh, english = review_words("cy"), review_words("en-GB")
    assert set(welsh) == set(english) == set(WORD_KEYS)
    assert welsh["boxes"] == "Beth ydych chi'n ei feddwl?" and english["boxes"] == "What do you think?"
    choices = _choices(True, "ur")
    assert [c.value for c in choices] == [value for value, _ in CHOICES_FULL]
    assert choices[0].words == "یہ مجھے سمجھ آتا ہے" and choices[2].alt == "ایک پنسل"


def test_a_credit_keeps_the_marks_of_english_names_and_compares_their_words() -> None:
    """The source's credit and the brand's name, marked English in a Polish credit line, stay
    marked (escaped around them); equal words are one name (no 'Shared by') whether marked or not;
    unmarked names give plain text as before."""
    from markupsafe import Markup

    from generator.sections import differs, in_language

    s = strings_for((builtin_dir("templates"),), "pl")
    credit = in_language("Carers & Co", "en-GB", "pl")
    org = in_language("SWTP West Midlands", "en-GB", "pl")
    line = s.credit(None, None, credit, org)
    assert isinstance(line, Markup)
    assert '<span lang="en-GB">Carers &amp; Co</span>' in line
    assert '<span lang="en-GB">SWTP West Midlands</span>' in line
    alone = s("credit_by", credit=credit)
    assert s.credit(None, None, credit, in_language("Carers & Co", "en-GB", "pl")) == alone
    assert s.credit(None, None, credit, "Carers & Co") == alone
    plain = s.credit(None, None, "Carers & Co", "SWTP")
    assert not isinstance(plain, Markup) and "Carers & Co" in plain and "SWTP" in plain
    assert in_language("SWTP", "en-GB", "en") == "SWTP"  # English in English: as it is
    assert in_language("SWTP", "en-GB", "cy+en") == "SWTP"  # a bilingual edition marks its halves
    assert differs("en-GB", "pl") and not differs("en-GB", "en") and not differs("en", "EN-gb")


def test_a_wordmark_says_the_brands_name_in_its_language_when_given_it_marked() -> None:
    """A brand with no logo is its short name set as a wordmark: in a translation the name the
    section gives (marked English) is printed as it is; with none, the brand's plain name."""
    from types import SimpleNamespace

    from generator.compose import environment
    from generator.sections import in_language

    logo = environment((builtin_dir("templates"),)).get_template("macros.html.j2").module.logo
    brand = SimpleNamespace(logo=None, short_name="SWTP West Midlands")
    marked = str(logo(brand, name=in_language(brand.short_name, "en-GB", "pl")))
    assert '<span lang="en-GB">SWTP West\u00a0Midlands</span></p>' in marked
    assert ">SWTP West\u00a0Midlands</p>" in str(logo(brand))
    assert "lang=" not in str(logo(brand, name=in_language(brand.short_name, "en-GB", "en")))


def test_the_source_charters_name_is_marked_in_a_translations_series_and_credit() -> None:
    """A translation's charter name kept from the English is marked English in the masthead's
    series line and the credit; one it translated is left as it is."""
    from types import SimpleNamespace

    from generator.compose import environment
    from generator.sections import from_source

    macros = environment((builtin_dir("templates"),)).get_template("macros.html.j2").module
    kept = from_source("Co-production Charter", "Co-production Charter", "en-GB", "pl")
    doc = SimpleNamespace(language="pl", charter="Co-production Charter", appendix="A", credit="")
    section = SimpleNamespace(charter=kept, credit="", org_name="", brand=SimpleNamespace(name="X"))
    assert '<span lang="en-GB">Co-production Charter</span>' in str(macros.series(doc, section))
    assert '<span lang="en-GB">Co-production Charter</span>' in str(macros.credit(doc, section))
    assert (
        from_source("Karta Współtworzenia", "Co-production Charter", "en-GB", "pl") == "Karta Współtworzenia"
    )
    assert from_source(None, "Co-production Charter", "en-GB", "pl") == ""
    assert (
        from_source("Co-production Charter", "Co-production Charter", "en-GB", "en")
        == "Co-production Charter"
    )
