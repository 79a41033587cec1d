"""charter check's easy read findings in full, each rule either side of its bound (mutation testing,
docs/testing.md): file, line, rule, severity and message of every finding, the summary line and
the JSON figures, a file that cannot be read, and the glossary's explanation of a hard word."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import checks
from generator.checks import _short, check_files, easy_read_files, syllables

DOCUMENT = """\
---
id: t
title: A test
language: en-GB
summary: A test of the rules.
key_points:
  - picture: handshake
    alt: 2 hands shaking
    text: We work together as equals.
glossary:
  gp: A GP is a doctor you see near your home.
  adverse: Adverse means bad.
---

## First

- ![A scroll](openmoji:scroll)
  We go to the park and we see a big tree and we sit down.
  We go to the park and we see a big tree and we sit down now.
  Your GPs can help and the NHS can help.
  We were told and I am tired.
  We know about adversity and we have two cats.
- We meet 3 times now.
- ![A scroll](openmoji:scroll)
  A. B. C. D. E. F.
"""
NAME = "content/charter/t.easy-read.md"


@pytest.fixture
def document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / NAME
    path.parent.mkdir(parents=True)
    path.write_text(DOCUMENT)
    return path


def test_every_finding_in_full_and_the_summary(document: Path) -> None:
    (report,) = check_files([document])
    assert report.lines() == [
        f"{NAME}:23: picture: this point has no picture. Add one: ![what it shows](openmoji:name).",
        f"{NAME}:24: point-length: 6 sentences in one point (at most 5). Split it.",
        # 15 words pass, 16 do not.
        f'{NAME}:19: sentence-length: 16 words (at most 15): "We go to the park and we see a big tree and '
        'we sit down now.". Split it.',
        # GPs is explained by 'gp' (a plural 's' dropped); NHS is not explained.
        f"{NAME}:20: acronym: 'NHS' is in capitals. Write the words out, or explain it in the glossary.",
        # 'were told' is passive, 'am tired' is not.
        f"{NAME}:21: passive: 'were told' may be passive. Say who does it: 'we will phone you'.",
        # 'adversity' is explained by 'adverse', which shares its first six letters.
        f"{NAME}:22: numbers: write 'two' as digits.",
        f"{NAME}: readability: Flesch reading ease 98.9, 5.6 words a sentence, 6 finding(s)",
    ]
    assert [f.severity for f in report.findings] == ["error"] * 4 + ["warning"] * 2
    assert report.failed
    figures = report.as_dict()
    assert figures.pop("findings")[0] == {  # type: ignore[index]
        "path": NAME,
        "line": 23,
        "rule": "picture",
        "severity": "error",
        "message": "this point has no picture. Add one: ![what it shows](openmoji:name).",
    }
    assert figures == {"file": NAME, "reading_ease": 98.9, "words_per_sentence": 5.6, "sentences": 12}


def test_only_warnings_do_not_fail(document: Path) -> None:
    document.write_text(
        DOCUMENT.replace("- We meet 3 times now.\n", "").replace("  A. B. C. D. E. F.\n", "  A.\n")
    )
    document.write_text(
        document.read_text()
        .replace("  We go to the park and we see a big tree and we sit down now.\n", "")
        .replace(" and the NHS can help", "")
    )
    (report,) = check_files([document])
    assert [f.rule for f in report.findings] == ["passive", "numbers"] and not report.failed


def test_readability_either_side_of_its_bounds(document: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (report,) = check_files([document])
    assert report.figures is not None
    ease, average = report.figures.reading_ease, report.figures.words_per_sentence
    monkeypatch.setattr(checks, "MIN_READING_EASE", ease)  # exactly at the bound: passes
    monkeypatch.setattr(checks, "MAX_AVERAGE_WORDS", average)
    assert "readability" not in [f.rule for f in check_files([document])[0].findings]
    monkeypatch.setattr(checks, "MAX_AVERAGE_WORDS", average - 0.01)
    (finding,) = [f for f in check_files([document])[0].findings if f.rule == "readability"]
    assert (finding.line, finding.severity) == (1, "error")
    assert finding.message == (
        "Flesch reading ease 99 (aim for 99+) and 5.6 words a sentence (aim for 6 or fewer). "
        "Use shorter sentences and shorter words."
    )
    monkeypatch.setattr(checks, "MAX_AVERAGE_WORDS", average)
    monkeypatch.setattr(checks, "MIN_READING_EASE", ease + 0.01)
    assert [f.rule for f in check_files([document])[0].findings].count("readability") == 1


def test_a_file_that_cannot_be_read_is_one_finding_and_the_rest_are_checked(document: Path) -> None:
    missing = document.parent / "gone.easy-read.md"
    reports = check_files([missing, document])
    assert [r.display for r in reports] == [f"content/charter/{missing.name}", NAME]
    (finding,) = reports[0].findings
    assert (finding.path, finding.line, finding.rule, finding.severity) == (
        reports[0].display,
        1,
        "invalid",
        "error",
    )
    assert finding.message and reports[0].figures is None and reports[1].figures is not None
    assert reports[0].lines()[-1] == f"content/charter/{missing.name}: 1 finding(s)"


def test_easy_read_files_in_folders_and_named(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    for folder in (one, two):
        folder.mkdir()
        (folder / "a.easy-read.md").write_text("")
        (folder / "a.md").write_text("")
    named = tmp_path / "named.easy-read.md"
    assert easy_read_files([one, two, named], tmp_path) == [
        one / "a.easy-read.md",
        two / "a.easy-read.md",
        named,
    ]
    assert easy_read_files([], one) == [one / "a.easy-read.md"]


def test_a_quoted_sentence_is_cut_at_sixty_characters() -> None:
    assert _short("x" * 60) == "x" * 60
    assert _short("x" * 61) == "x" * 59 + "…"


def test_syllables_are_counted_on_each_side_of_an_apostrophe_or_hyphen() -> None:
    assert syllables("don't") == 2 and syllables("well-being") == 3


def test_in_another_language_the_english_rules_are_each_one_note(document: Path) -> None:
    document.write_text(DOCUMENT.replace("language: en-GB", "language: cy"))
    (report,) = check_files([document])
    notes = [f for f in report.findings if f.severity == "note"]
    assert [(f.line, f.rule) for f in notes] == [(1, rule) for rule in checks.ENGLISH_ONLY]
    assert notes[0].message == (
        "not checked in 'cy': the list of hard words is English. Ask a speaker to check it."
    )
    assert report.figures is None and [f for f in report.findings if f.severity == "warning"] == []
    assert checks.is_english("") and checks.is_english("en-GB") and not checks.is_english("enm")


def test_a_hard_word_and_a_passive_with_a_word_between(document: Path) -> None:
    document.write_text(
        DOCUMENT.replace("We were told and I am tired.", "We were often tired and talk about consent.")
    )
    (report,) = check_files([document])
    assert [str(f) for f in report.findings if f.rule in ("hard-word", "passive")] == [
        f"{NAME}:21: hard-word: 'consent' is a hard word. Explain it in the glossary."
    ]
