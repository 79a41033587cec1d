"""What Python needs to know about each language it sets: one table (``LANGUAGES``), one row each.

A row is looked up by a document's BCP 47 ``language`` tag, most specific first (``ur-PK`` ->
``ur``); a language with no row is set as Latin text (``LATIN``). A tag itself is checked here
too (``language_problem``: is it BCP 47; ``same_language``: do two tags name one language),
below every reader of documents and translations. Interface strings and the writing direction
are not here: they are the catalogs in ``templates/strings/``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """One language's facts: its script and how that script is set, its braille and its voice."""

    tag: str  # the primary BCP 47 subtag: ``ur``
    name: str  # its name in English: ``Urdu``
    script: str  # ISO 15924 code of the script it is written in: ``Arab``
    # The Noto family (Debian fonts-noto-core) that sets the whole text when the brand's fonts
    # cannot draw all of it: the face its readers expect (Nastaliq for Urdu, Naskh for Arabic).
    noto_family: str
    # The line height (times the font size) every line of the text is set at so no mark is
    # clipped or touches the next line; None keeps each format's own (set for Latin text).
    line_height: float | None = None
    # liblouis tables, in order (names in /usr/share/liblouis/tables, or files in
    # templates/braille/); empty: no braille for the language.
    braille: tuple[str, ...] = ()
    braille_code: str = ""  # what those tables write, in English (``charter list``)
    voice: str = ""  # espeak-ng's voice (``espeak-ng --voices``); empty: no audio for the language
    own_name: str = ""  # the language's name in itself, for a link to a page in it ("Cymraeg")


# Braille: English is Unified English Braille grade 2; the other languages use the table
# liblouis 3.24 has for them, uncontracted where the contracted table does not read back to the
# same words (Welsh: cy.tbl's contractions read back wrong, "gyda'n" -> "g'n", "bobl" ->
# "boblwyddyn"; Urdu: ur-pk-g2.ctb reads "hain" back as two words). Bengali's table reads its
# vowel signs back as independent vowels (a limit of bn.tbl, Bharati braille grade 1), and
# Romanian has only a computer braille table (ro.tbl: capitals are not marked; romanian.cti writes
# its capitals with a diacritic, which it gives dot 7, as their small letters, and reads â back
# inside a word, where ro.tbl read its cell as "("). Tables for
# non-Latin scripts get ``latin.cti`` for English words, addresses and ASCII punctuation.


LATIN = Language(
    "en",
    "English",
    "Latn",
    "Noto Sans",
    braille=("en-ueb-g2.ctb",),
    braille_code="Unified English Braille, grade 2 (contracted)",
    voice="en-gb",
    own_name="English",
)

LANGUAGES: dict[str, Language] = {
    language.tag: language
    for language in (
        LATIN,
        Language(
            "cy",
            "Welsh",
            "Latn",
            "Noto Sans",
            braille=("cy-cy-g1.utb", "welsh.cti"),
            braille_code="Welsh braille, grade 1 (uncontracted)",
            voice="cy",
            own_name="Cymraeg",
        ),
        Language(
            "pl",
            "Polish",
            "Latn",
            "Noto Sans",
            braille=("pl.tbl",),
            braille_code="Polish braille, uncontracted",
            voice="pl",
            own_name="Polski",
        ),
        Language(
            "ro",
            "Romanian",
            "Latn",
            "Noto Sans",
            braille=("ro.tbl", "romanian.cti"),
            braille_code="Romanian computer braille (capitals not marked)",
            voice="ro",
            own_name="Română",
        ),
        # Nastaliq's words step down as they go and its marks reach far above and below: at 2.2
        # a gaf's stroke touches the line above (tests/test_scripts.py draws lines apart); 2.5 is
        # the font's own ascent plus descent. Naskh, Gurmukhi and Bengali clear at these.
        Language(
            "ur",
            "Urdu",
            "Arab",
            "Noto Nastaliq Urdu",
            line_height=2.5,
            braille=("ur-pk-g1.utb", "latin.cti"),
            braille_code="Urdu braille, grade 1 (uncontracted); English words in UEB letters, uncontracted",
            voice="ur",
            own_name="اردو",
        ),
        Language(
            "ar",
            "Arabic",
            "Arab",
            "Noto Naskh Arabic",
            line_height=1.9,
            braille=("ar.tbl", "latin.cti"),
            braille_code="Arabic braille, grade 1 (uncontracted); English words in UEB letters, uncontracted",
            voice="ar",
            own_name="العربية",
        ),
        Language(
            "pa",
            "Punjabi",
            "Guru",
            "Noto Sans Gurmukhi",
            line_height=1.8,
            braille=("pa.tbl",),
            braille_code="Bharati braille for Punjabi (Gurmukhi), uncontracted",
            voice="pa",
            own_name="ਪੰਜਾਬੀ",
        ),
        Language(
            "bn",
            "Bengali",
            "Beng",
            "Noto Sans Bengali",
            line_height=1.8,
            braille=("bn.tbl", "bengali.cti"),
            braille_code="Bharati braille for Bengali, grade 1 (uncontracted)",
            voice="bn",
            own_name="বাংলা",
        ),
    )
}


def listed(tag: str) -> Language | None:
    """The row for a BCP 47 tag (``ur-PK`` -> Urdu); None for a language with none."""
    return LANGUAGES.get(tag.partition("+")[0].split("-")[0].lower())  # cy+en: its first language


def language(tag: str) -> Language:
    """The row for a BCP 47 tag (``ur-PK`` -> Urdu); Latin text for a language with none."""
    return listed(tag) or LATIN


def described(field: str) -> list[str]:
    """Each language's value of a describing ``field`` ('braille_code'), for ``charter list``:
    'English (en): Unified English Braille, grade 2 (contracted)', English first, then by name."""
    rows = sorted(LANGUAGES.values(), key=lambda row: (row is not LATIN, row.name))
    return [f"{row.name} ({row.tag}): {getattr(row, field)}" for row in rows if getattr(row, field)]


def having(field: str) -> str:
    """The languages with a value for ``field``, for messages: 'Arabic (ar), Bengali (bn), ...'."""
    named = sorted((row.name, row.tag) for row in LANGUAGES.values() if getattr(row, field))
    return ", ".join(f"{name} ({tag})" for name, tag in named)


# Tags langcodes finds valid, answered without loading it (its registry costs about 40 ms of a
# build's CPU): English, the languages of Britain and Ireland and the community languages
# translations ship in (tests check each one).
KNOWN_LANGUAGES = frozenset(
    {"en", "en-GB", "cy", "cy-GB", "gd", "gd-GB", "ga", "ga-IE", "kw", "gv"}
    | {"ur", "pa", "bn", "ar", "pl", "ro"}
)


MAX_TAG = 64  # characters of a language tag (RFC 5646 asks every reader to take 35 at least)


def language_problem(tag: str) -> str | None:
    """What is wrong with a language tag, in words (None: it is a valid BCP 47 tag such as
    ``en-GB``, ``cy`` or ``ur-PK``), checked offline with langcodes."""
    if tag in KNOWN_LANGUAGES:
        return None
    if len(tag) > MAX_TAG:  # it becomes part of file names
        return f"language '{tag[:20]}...' is {len(tag):,} characters long; a tag has at most {MAX_TAG}."
    import langcodes

    if "_" not in tag and langcodes.tag_is_valid(tag):
        return None
    fixed = tag.replace("_", "-")
    hint = f" Did you mean '{fixed}'?" if fixed != tag and langcodes.tag_is_valid(fixed) else ""
    return f"language '{tag}' is not a BCP 47 language tag.{hint} Write it like 'en-GB', 'cy' or 'ur'."


def same_language(a: str, b: str) -> bool:
    """Tags name the same language when equal but for case (``ur-PK`` and ``ur-pk``)."""
    return a.lower() == b.lower()
