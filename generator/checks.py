"""Easy-read checks: the UK easy read rules (../shared/easy-read-rules.md) applied to content.

Each finding names file, line, rule and what to change. Errors break a rule; warnings are
heuristics (passive voice, numbers as words) for a person to judge.

The picture and length rules hold in every language, with sentences split at the sentence ends
of the document's script and words counted in any script. The rules built on English (its
hard-word list, capitals as acronyms, passive voice, number words, the Flesch reading ease) are
checked only when the document's language is English; in any other language each is named once
in a note (severity "note") saying it was not checked.
"""

from __future__ import annotations

import functools
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from generator.easyread import WORD, EasyReadDocument, split_sentences

MAX_WORDS = 15
MAX_SENTENCES_PER_POINT = 5
MIN_READING_EASE = 80.0
MAX_AVERAGE_WORDS = 12.0

# Words that need explaining in an easy-read text about social work and co-production.
HARD_WORDS = (
    "adversity",
    "advocacy",
    "advocate",
    "agency",
    "assessment",
    "attachment",
    "autonomy",
    "capacity",
    "collaborate",
    "collaboration",
    "collaborative",
    "confidential",
    "confidentiality",
    "consent",
    "co-produce",
    "co-produced",
    "co-production",
    "coproduction",
    "coping",
    "disclosure",
    "empower",
    "empowerment",
    "hypervigilance",
    "hypervigilant",
    "intervention",
    "lived experience",
    "maladaptive",
    "practitioner",
    "resilience",
    "retraumatise",
    "retraumatising",
    "safeguarding",
    "statutory",
    "trauma",
    "traumatic",
    "trauma informed",
    "trigger",
    "triggered",
    "triggering",
    "wellbeing",
)
_NUMBER_WORDS = (
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "thirty",
    "hundred",
    "thousand",
)
_IRREGULAR_PARTICIPLES = (
    "been",
    "born",
    "brought",
    "built",
    "caught",
    "chosen",
    "done",
    "drawn",
    "driven",
    "forgotten",
    "given",
    "gone",
    "heard",
    "held",
    "hidden",
    "hurt",
    "kept",
    "known",
    "left",
    "lost",
    "made",
    "meant",
    "met",
    "paid",
    "put",
    "said",
    "seen",
    "sent",
    "shown",
    "spoken",
    "taken",
    "taught",
    "told",
    "thought",
    "understood",
    "written",
)
_BE = r"(?:am|is|are|was|were|be|been|being)"
_PASSIVE = re.compile(
    rf"\b{_BE}\s+(?:(?:not|never|often|always|also|very)\s+)?"
    rf"(?:\w+ed|{'|'.join(_IRREGULAR_PARTICIPLES)})\b",
    re.IGNORECASE,
)
_CAPS = re.compile(r"\b[A-Z][A-Z0-9&]{1,}s?\b")
# Predicative adjectives ending in -ed that are not passives ("I am tired", "you are scared").
_NOT_PASSIVE = ("scared", "tired", "worried", "interested", "excited", "bored", "annoyed", "pleased")


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    rule: str
    severity: str  # "error", "warning", or "note" (a rule not checked in this language)
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.rule}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class Readability:
    sentences: int
    words: int
    syllables: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / max(1, self.sentences)

    @property
    def reading_ease(self) -> float:
        """Flesch reading ease: 206.835 - 1.015 words/sentence - 84.6 syllables/word."""
        return 206.835 - 1.015 * self.words_per_sentence - 84.6 * self.syllables / max(1, self.words)


def words(text: str) -> list[str]:
    """The words of a text in any script (see ``generator.easyread.WORD``)."""
    return WORD.findall(text)


# The rules that rest on English words or English syllables, and why each is not checked in
# another language.
ENGLISH_ONLY = {
    "hard-word": "the list of hard words is English",
    "acronym": "capitals as acronyms are an English rule",
    "passive": "the passive-voice pattern is English grammar",
    "numbers": "the number words are English",
    "readability": "the Flesch reading ease measures English syllables",
}


def is_english(language: str) -> bool:
    """A language tag of English ('en', 'en-GB'), or none given."""
    return language.split("-")[0].lower() in ("en", "")


@functools.cache
def _hyphenator():  # type: ignore[no-untyped-def]
    import pyphen

    return pyphen.Pyphen(lang="en_GB", left=1, right=1)


def syllables(word: str) -> int:
    """Syllables in a word, from pyphen's hyphenation points (no dictionary download)."""
    return sum(
        len(_hyphenator().positions(part)) + 1 for part in re.split(r"[-'\u2019]", word.lower()) if part
    )


def readability(sentences: list[str]) -> Readability:
    all_words = [w for s in sentences for w in words(s)]
    return Readability(len(sentences), len(all_words), sum(syllables(w) for w in all_words))


def check_easy_read(doc: EasyReadDocument, display: str) -> tuple[list[Finding], Readability | None]:
    """Every finding for one easy-read document, and its readability figures (English only)."""
    findings: list[Finding] = []
    glossary = [g.term.lower() for g in doc.glossary]

    def add(line: int, rule: str, message: str, severity: str = "error") -> None:
        findings.append(Finding(display, line, rule, severity, message))

    texts: list[tuple[str, int]] = []
    for point in doc.points:
        if point.picture is None:
            add(point.line, "picture", "this point has no picture. Add one: ![what it shows](openmoji:name).")
        if len(point.sentences) > MAX_SENTENCES_PER_POINT:
            add(
                point.line,
                "point-length",
                f"{len(point.sentences)} sentences in one point "
                f"(at most {MAX_SENTENCES_PER_POINT}). Split it.",
            )
        texts += [(s.text, s.line) for s in point.sentences]
    texts += [(part, k.line) for k in doc.key_points for part in split_sentences(k.text)]
    texts += [(part, g.line) for g in doc.glossary for part in split_sentences(g.meaning)]

    for text, line in texts:
        count = len(words(text))
        if count > MAX_WORDS:
            add(line, "sentence-length", f'{count} words (at most {MAX_WORDS}): "{_short(text)}". Split it.')
    if not is_english(doc.language):
        for rule, why in ENGLISH_ONLY.items():
            add(1, rule, f"not checked in '{doc.language}': {why}. Ask a speaker to check it.", "note")
        return findings, None
    for text, line in texts:
        for caps in dict.fromkeys(_CAPS.findall(text)):
            if caps.lower().rstrip("s") not in glossary and caps.lower() not in glossary:
                add(
                    line,
                    "acronym",
                    f"'{caps}' is in capitals. Write the words out, or explain it in the glossary.",
                )
        lowered = text.lower()
        for hard in HARD_WORDS:
            if re.search(rf"\b{re.escape(hard)}", lowered) and not _explained(hard, glossary):
                add(line, "hard-word", f"'{hard}' is a hard word. Explain it in the glossary.")
        for match in _PASSIVE.finditer(text):
            if match.group().split()[-1].lower() not in _NOT_PASSIVE:
                add(
                    line,
                    "passive",
                    f"'{match.group()}' may be passive. Say who does it: 'we will phone you'.",
                    "warning",
                )
        for number in _NUMBER_WORDS:
            if re.search(rf"\b{number}\b", lowered):
                add(line, "numbers", f"write '{number}' as digits.", "warning")

    figures = readability([s.text for p in doc.points for s in p.sentences])
    if figures.reading_ease < MIN_READING_EASE or figures.words_per_sentence > MAX_AVERAGE_WORDS:
        add(
            1,
            "readability",
            f"Flesch reading ease {figures.reading_ease:.0f} (aim for {MIN_READING_EASE:.0f}+) and "
            f"{figures.words_per_sentence:.1f} words a sentence (aim for {MAX_AVERAGE_WORDS:.0f} or fewer). "
            "Use shorter sentences and shorter words.",
        )
    return findings, figures


@dataclass(frozen=True)
class FileReport:
    """What ``charter check`` says of one file: its findings and readability (if it loaded)."""

    display: str
    findings: list[Finding]
    figures: Readability | None

    @property
    def failed(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def lines(self) -> list[str]:
        summary = f"{self.display}: {len(self.findings)} finding(s)"
        if self.figures:
            summary = (
                f"{self.display}: readability: Flesch reading ease {self.figures.reading_ease:.1f}, "
                f"{self.figures.words_per_sentence:.1f} words a sentence, {len(self.findings)} finding(s)"
            )
        return [*(str(f) for f in self.findings), summary]

    def as_dict(self) -> dict[str, object]:
        figures = self.figures
        return {
            "file": self.display,
            "reading_ease": round(figures.reading_ease, 1) if figures else None,
            "words_per_sentence": round(figures.words_per_sentence, 1) if figures else None,
            "sentences": figures.sentences if figures else None,
            "findings": [f.as_dict() for f in self.findings],
        }


def check_files(paths: list[Path]) -> list[FileReport]:
    """Check each easy-read file; one that cannot be read is a finding, and the rest go on."""
    from generator.easyread import load_easy_read
    from generator.errors import CharterError, display_path

    reports = []
    for path in paths:
        display = display_path(path)
        try:
            doc = load_easy_read(path)
        except CharterError as exc:
            reports.append(
                FileReport(display, [Finding(display, exc.line or 1, "invalid", "error", exc.detail)], None)
            )
            continue
        findings, figures = check_easy_read(doc, display)
        reports.append(FileReport(display, findings, figures))
    return reports


def _explained(hard: str, glossary: list[str]) -> bool:
    stem = hard.split()[0][:6]
    return any(term == hard or term.startswith(stem) or hard.startswith(term) for term in glossary)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def easy_read_files(paths: list[Path], charter_dir: Path) -> list[Path]:
    """The easy-read files named (folders are searched); all of content/charter by default."""
    from generator.filenames import EASY_READ_SUFFIX

    found: list[Path] = []
    for path in paths or [charter_dir]:
        if path.is_dir():
            found += sorted(path.rglob(f"*{EASY_READ_SUFFIX}"))
        else:
            found.append(path)
    return found
