"""English words in Latin letters inside text of another script are marked lang="en"."""

from __future__ import annotations

import pytest

from generator.latinwords import mark_latin_words


def test_a_latin_run_in_urdu_is_english() -> None:
    html = (
        '<html lang="ur"><body><p>یہ چارٹر Social Work Teaching Partnership نے لکھا\u06d4</p></body></html>'
    )
    assert '<p>یہ چارٹر <span lang="en">Social Work Teaching Partnership</span> نے لکھا\u06d4</p>' in (
        mark_latin_words(html, "ur")
    )


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        # an English sentence is one run, its punctuation inside and its full stop outside
        (
            "By OpenMoji \u2013 the project, openmoji.org. Licence: CC BY-SA 4.0.",
            '<span lang="en">By OpenMoji \u2013 the project, openmoji.org. Licence: CC BY-SA 4.0</span>.',
        ),
        ("2024 میں", "2024 میں"),  # digits alone are read in the document's language
        ("A&amp;B", '<span lang="en">A</span>&amp;<span lang="en">B</span>'),  # never inside an entity
        ("don't", '<span lang="en">don\'t</span>'),
        ("ŵyr", '<span lang="en">ŵyr</span>'),
    ],
)
def test_runs(text: str, marked: str) -> None:
    assert mark_latin_words(f"<p>{text}</p>", "pa") == f"<p>{marked}</p>"


def test_what_is_not_reading_text_is_left_alone() -> None:
    html = (
        '<!DOCTYPE html><!-- a > b --><html lang="ar"><head><title>Title</title><style>p { color: red }'
        '</style></head><body><img alt="A plaster"><svg><text>Logo</text></svg>'
        '<span lang="fr">Le Nom</span><br>fin</body></html>'
    )
    assert mark_latin_words(html, "ar") == html.replace("<br>fin", '<br><span lang="en">fin</span>')


def test_the_language_in_force_decides() -> None:
    html = '<p>English and <span lang="ur">اردو with Latin</span> and <em lang="cy">Croeso</em></p>'
    assert mark_latin_words(html, "en-GB") == html.replace("with Latin", '<span lang="en">with Latin</span>')


def test_latin_script_documents_are_unchanged() -> None:
    for language in ("en-GB", "cy", "pl", "ro", "xx"):
        html = "<!DOCTYPE html><html><body><p>Croeso &amp; welcome</p></body></html>"
        assert mark_latin_words(html, language) is html
