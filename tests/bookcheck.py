"""Reading back e-books and Word files: epubcheck's verdict on an EPUB, and what every Word file
keeps (headings in order, the language on every run, alt text on every picture, no empty
paragraphs), shared by the tests of those formats."""

from __future__ import annotations

import itertools
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn

EPUBCHECK = Path("/usr/share/java/epubcheck.jar")
EPUBCHECK_MANY = Path(__file__).with_name("epubcheck_many.java")
W_DRAWING = qn("w:drawing")


def epubcheck(*books: Path) -> dict[Path, str]:
    """epubcheck's report on each book ('Messages: 0 fatals / 0 errors / ...'), all checked in one
    JVM (tests/epubcheck_many.java): starting Java and loading epubcheck's schemas is nearly all
    of a check's 3.5-4 s of CPU, and each further book costs a few hundredths of a second."""
    assert EPUBCHECK.is_file(), "the EPUB tests need epubcheck: apt-get install epubcheck"
    java = shutil.which("java")
    assert java, "epubcheck needs Java: apt-get install epubcheck"
    # The JVM's first compiler tier only and one garbage collector thread: half the CPU for a
    # run this short.
    command = [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", str(EPUBCHECK)]
    result = subprocess.run([*command, str(EPUBCHECK_MANY), *map(str, books)], capture_output=True, text=True)
    reports = dict(part.split("\n", 1) for part in result.stdout.split("\0")[1:])
    assert list(reports) == list(map(str, books)), result.stdout + result.stderr
    return {book: reports[str(book)] for book in books}


def languages(word: Any) -> set[str | None]:
    """The language of every run, in paragraphs and tables."""
    found = set()
    for run in word.element.body.iter(qn("w:r")):
        lang = run.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        found.add(None if lang is None else lang.get(qn("w:val")))
    return found


def alt_texts(word: Any) -> list[str | None]:
    return [pr.get("descr") for pr in word.element.body.iter(qn("wp:docPr"))]


def check_word(path: Path, language: str) -> Any:
    """What every Word file keeps: one Heading 1 first and headings never skipping a level, every
    run in the language, every picture described, no empty paragraph for spacing; the Document."""
    word = docx.Document(str(path))
    levels = [int(p.style.name.split()[-1]) for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    assert languages(word) == {language}
    assert alt_texts(word) and all(alt_texts(word))
    for paragraph in word.paragraphs:
        assert paragraph.text.strip() or paragraph._p.find(f".//{W_DRAWING}") is not None
    return word
