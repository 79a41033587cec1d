"""What Python needs to know about each language it sets: one table (``LANGUAGES``), one row each.

A row is looked up by a document's BCP 47 ``language`` tag, most specific first (``ur-PK`` ->
``ur``); a language with no row is set as Latin text (``LATIN``). Interface strings and the
writing direction are not here: they are the catalogs in ``templates/strings/``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """One language's facts: its script and how that script is set."""

    tag: str  # the primary BCP 47 subtag: ``ur``
    name: str  # its name in English: ``Urdu``
    script: str  # ISO 15924 code of the script it is written in: ``Arab``
    # The Noto family (Debian fonts-noto-core) that sets the whole text when the brand's fonts
    # cannot draw all of it: the face its readers expect (Nastaliq for Urdu, Naskh for Arabic).
    noto_family: str
    # The line height (times the font size) every line of the text is set at so no mark is
    # clipped or touches the next line; None keeps each format's own (set for Latin text).
    line_height: float | None = None


LATIN = Language("en", "English", "Latn", "Noto Sans")

LANGUAGES: dict[str, Language] = {
    language.tag: language
    for language in (
        LATIN,
        Language("cy", "Welsh", "Latn", "Noto Sans"),
        Language("pl", "Polish", "Latn", "Noto Sans"),
        Language("ro", "Romanian", "Latn", "Noto Sans"),
        # Nastaliq's marks reach far above and below the line: about 2.2 clears them.
        Language("ur", "Urdu", "Arab", "Noto Nastaliq Urdu", line_height=2.2),
        Language("ar", "Arabic", "Arab", "Noto Naskh Arabic", line_height=1.9),
        Language("pa", "Punjabi", "Guru", "Noto Sans Gurmukhi", line_height=1.8),
        Language("bn", "Bengali", "Beng", "Noto Sans Bengali", line_height=1.8),
    )
}


def language(tag: str) -> Language:
    """The row for a BCP 47 tag (``ur-PK`` -> Urdu); Latin text for a language with none."""
    return LANGUAGES.get(tag.split("-")[0].lower(), LATIN)
