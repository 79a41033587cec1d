"""The easy read rules in languages other than English: sentences split at the sentence ends of
each script, words counted in any script, the picture and length rules kept, and the rules built
on English named in a note instead of checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.checks import ENGLISH_ONLY, MAX_SENTENCES_PER_POINT, MAX_WORDS, check_easy_read, words
from generator.easyread import (
    EasyReadDocument,
    GlossaryEntry,
    Part,
    Point,
    Sentence,
    load_easy_read,
    split_sentences,
)

STOP, QUESTION = "\u06d4", "\u061f"  # the Urdu full stop and the Arabic question mark
PICTURE = Path("plaster.svg")


def document(
    language: str, lines: list[str], picture: Path | None = PICTURE, glossary: dict[str, str] | None = None
) -> EasyReadDocument:
    """One point whose lines are ``lines``, in ``language``."""
    sentences = tuple(Sentence(text, 10 + n) for n, text in enumerate(lines))
    return EasyReadDocument(
        id="leaflet",
        title="title",
        language=language,
        summary="summary",
        date=None,
        source=Path("leaflet.easy-read.md"),
        parts=(Part("heading", 8, (Point(picture, "alt", sentences, 9),)),),
        key_points=(),
        glossary=tuple(GlossaryEntry(t, m, 3) for t, m in (glossary or {}).items()),
    )


def rules(doc: EasyReadDocument, severity: str = "error") -> list[str]:
    return [f.rule for f in check_easy_read(doc, "leaflet.easy-read.md")[0] if f.severity == severity]


def urdu(count: int) -> str:
    """An Urdu sentence of ``count`` words."""
    return " ".join(["ہم"] * (count - 1) + [f"ہیں{STOP}"])


def welsh(count: int) -> str:
    """A Welsh sentence of ``count`` words, each with an apostrophe or a circumflex."""
    return " ".join((["gyda'n", "ŵyr"] * count)[:count]) + "."


def test_words_are_counted_in_every_script() -> None:
    assert len(words("ਕਿਵੇਂ ਹੱਦੋਂ ਵੱਧ ਚੌਕਸ।")) == 4  # vowel signs do not break a Gurmukhi word
    assert len(words(f"کو-پروڈکشن کا مطلب ہے{STOP}")) == 4
    assert len(words("পৃষ্ঠা ১ / ২")) == 3
    assert len(words("Rydym yn gweithio gyda'n gilydd; ŵyr")) == 6
    assert len(words("Don't stop co-production.")) == 3


@pytest.mark.parametrize("make", [urdu, welsh], ids=["ur", "cy"])
def test_a_sentence_of_at_most_15_words_passes_and_16_does_not(make) -> None:  # type: ignore[no-untyped-def]
    language = "ur" if make is urdu else "cy"
    assert "sentence-length" not in rules(document(language, [make(MAX_WORDS)]))
    assert "sentence-length" in rules(document(language, [make(MAX_WORDS + 1)]))


def urdu_file(folder: Path, line: str) -> EasyReadDocument:
    path = folder / "leaflet.easy-read.md"
    path.write_text(
        f"---\nid: leaflet\ntitle: t\nlanguage: ur\n---\n\n## h\n\n- ![alt](openmoji:shield)\n  {line}\n"
    )
    return load_easy_read(path)


def test_two_urdu_sentences_on_one_line_are_counted_apart(tmp_path: Path) -> None:
    # 20 words, but two sentences of 10, split at the Urdu full stop and the question mark
    line = urdu(10) + " " + urdu(10).removesuffix(STOP) + QUESTION
    assert len(urdu_file(tmp_path, line).points[0].sentences) == 2
    assert "sentence-length" not in rules(urdu_file(tmp_path, line))
    assert "sentence-length" in rules(urdu_file(tmp_path, line.replace(STOP, "", 1)))


def test_sentences_split_at_the_arabic_question_mark_and_full_stop() -> None:
    assert split_sentences(f"هل أنت بخير{QUESTION} نعم. شكرا") == [f"هل أنت بخير{QUESTION}", "نعم.", "شكرا"]
    assert split_sentences("ਅਸੀਂ ਸੁਣਦੇ ਹਾਂ। ਤੁਸੀਂ? ਹਾਂ॥ ਠੀਕ") == ["ਅਸੀਂ ਸੁਣਦੇ ਹਾਂ।", "ਤੁਸੀਂ?", "ਹਾਂ॥", "ਠੀਕ"]


@pytest.mark.parametrize("language", ["ur", "cy"])
def test_at_most_5_sentences_in_a_point_in_every_language(language: str) -> None:
    make = urdu if language == "ur" else welsh
    assert "point-length" not in rules(document(language, [make(3)] * MAX_SENTENCES_PER_POINT))
    assert "point-length" in rules(document(language, [make(3)] * (MAX_SENTENCES_PER_POINT + 1)))


@pytest.mark.parametrize("language", ["ur", "cy", "en"])
def test_a_point_without_a_picture_is_an_error_in_every_language(language: str) -> None:
    assert "picture" in rules(document(language, [welsh(3)], picture=None))
    assert "picture" not in rules(document(language, [welsh(3)]))


def test_the_english_rules_are_named_in_a_note_in_welsh_and_checked_in_english() -> None:
    text = ["Mae'r NHS yn helpu.", "We think about safeguarding with the NHS.", "You are helped by us three."]
    welsh_findings, welsh_figures = check_easy_read(document("cy", text), "x")
    assert [f.rule for f in welsh_findings if f.severity != "note"] == []
    notes = [f for f in welsh_findings if f.severity == "note"]
    assert [f.rule for f in notes] == list(ENGLISH_ONLY)  # each once, none checked
    assert all("not checked in 'cy'" in f.message for f in notes)
    assert welsh_figures is None  # no Flesch reading ease for Welsh
    english = rules(document("en-GB", text)) + rules(document("en-GB", text), "warning")
    assert {"acronym", "hard-word", "passive", "numbers"} <= set(english)
    assert rules(document("en-GB", text), "note") == []


def test_a_note_is_no_warning_of_the_build() -> None:
    from generator.run import easy_read_warnings

    assert easy_read_warnings(document("ur", [urdu(3)])) == []
    assert easy_read_warnings(document("ur", [urdu(16)])) != []


def test_a_glossary_word_ending_in_a_vowel_sign_is_bold_at_its_first_use() -> None:
    doc = document("pa", ["ਸਦਮਾ ਦੁੱਖ ਦੇ ਸਕਦਾ ਹੈ।", "ਸਦਮਾ ਲੰਮਾ ਹੈ।"], glossary={"ਸਦਮਾ": "ਬਹੁਤ ਮਾੜਾ।"})
    marked = doc.marked_sentences()
    assert marked[(0, 0)].startswith("<strong>ਸਦਮਾ</strong> ")
    assert "<strong>" not in marked[(0, 1)]
    inside = document("pa", ["ਸਦਮਾਵਾਂ ਹਨ।"], glossary={"ਸਦਮਾ": "ਬਹੁਤ ਮਾੜਾ।"})
    assert "<strong>" not in inside.marked_sentences()[(0, 0)]  # not inside a longer word
