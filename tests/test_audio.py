"""Audio: MP3s read back with mutagen: the opening, one chapter per section, the length at the
rate, pictures described, pronunciations, the same bytes from the same text."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from conftest import run_charter
from mutagen.mp3 import MP3

from generator.audio import RATE_WPM, Chapter, minutes_text, pronounced, ssml, voice_for
from generator.content import load_document
from generator.easyread import load_easy_read
from generator.errors import CharterError
from generator.project import builtin_dir

BRAND = "riverside-council"
CHARTER = builtin_dir("content") / "charter"


def chapters(mp3: Any) -> list[tuple[int, int, str]]:
    """(start ms, end ms, title) of each chapter, in the table of contents' order."""
    (toc,) = mp3.tags.getall("CTOC")
    frames = {frame.element_id: frame for frame in mp3.tags.getall("CHAP")}
    assert toc.flags == 3 and set(toc.child_element_ids) == set(frames)  # top level, ordered
    return [
        (frames[i].start_time, frames[i].end_time, frames[i].sub_frames.getall("TIT2")[0].text[0])
        for i in toc.child_element_ids
    ]


def transcript(mp3: Any) -> list[str]:
    return str(mp3.tags.getall("USLT")[0].text).split("\n")


def check_recording(path: Path, title: str, organisation: str) -> tuple[Any, list[str]]:
    """What every recording keeps: it opens with the title, the organisation and its length; its
    chapters run end to end over the whole file; its length is the word count at the rate."""
    mp3 = MP3(path)
    lines = transcript(mp3)
    assert lines[0].rstrip(".") == title and lines[1] == f"From {organisation}."
    assert f"This recording lasts {minutes_text(mp3.info.length)}." in lines[2:4]
    marks = chapters(mp3)
    assert marks[0][0] == 0 and marks[0][2] == "Introduction"
    assert all(a[1] == b[0] for a, b in itertools.pairwise(marks))
    assert abs(marks[-1][1] / 1000 - mp3.info.length) < 0.5
    words = sum(len(line.split()) for line in lines)
    assert 0.75 <= mp3.info.length / (words / RATE_WPM * 60) <= 1.25, (mp3.info.length, words)
    assert mp3.tags["TPE1"].text == [organisation] and mp3.tags["TLAN"].text == ["eng"]
    return mp3, lines


@pytest.fixture(scope="module")
def recordings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("audio")
    args = ["build", "--quiet", "--brand", BRAND, "--format", "audio", "--format", "easy-read-audio"]
    result = run_charter([*args, "--format", "epub"], folder)
    assert result.exit_code == 0, result.output
    return folder / "output" / BRAND


@pytest.mark.slow
def test_the_full_text_has_a_chapter_per_section(recordings: Path) -> None:
    doc = load_document(CHARTER / "appendix-a.md")
    mp3, lines = check_recording(recordings / "appendix-a-audio.mp3", doc.title, "Riverside Borough Council")
    titles = [title for *_, title in chapters(mp3)]
    assert titles == ["Introduction", "Summary", "Key points", "The text", "About this document"]
    assert (
        "It has 5 sections: this introduction; Summary; Key points; The text; About this document." in lines
    )
    assert doc.key_points[0] in lines
    # It names the other versions made beside it, and whom to ask.
    assert "This document is also available as: Easy read audio, MP3; E-book, EPUB 3." in lines
    assert lines[-1] == "Ask Riverside Borough Council for a copy."
    # Each section is also a track, in a playlist beside the MP3, for players without chapters.
    assert (
        "To move between sections, use your player's chapters, or play the tracks of the playlist." in lines
    )
    playlist = (recordings / "appendix-a-audio.m3u").read_text().splitlines()
    assert playlist[0] == "#EXTM3U" and playlist[3::2] == [
        f"appendix-a-audio-tracks/{n:02d}.mp3" for n in range(1, 6)
    ]
    for number, (start, end, title) in enumerate(chapters(mp3), 1):
        track = MP3(recordings / f"appendix-a-audio-tracks/{number:02d}.mp3")
        assert track.tags["TIT2"].text == [title] and track.tags["TRCK"].text == [f"{number}/5"]
        assert abs(track.info.length - (end - start) / 1000) < 0.2
        assert playlist[2 * number] == f"#EXTINF:{round((end - start) / 1000)},{title}"


@pytest.mark.slow
def test_the_easy_read_describes_every_picture(recordings: Path) -> None:
    easy = load_easy_read(CHARTER / "appendix-a.easy-read.md")
    mp3, lines = check_recording(
        recordings / "appendix-a-easy-read-audio.mp3",
        f"{easy.title} (easy read)",
        "Riverside Borough Council",
    )
    titles = [title for *_, title in chapters(mp3)]
    assert titles == [
        "Introduction",
        *(p.heading for p in easy.parts),
        "Words to know",
        "About this document",
    ]
    for point in easy.points:
        assert f"Picture: {point.alt.rstrip('.')}." in lines
        assert point.sentences[0].text in lines


SHORT = """\
---
title: Short notes
language: {language}
credit: The Test Team
pronounce:
  NHS: N H S
---

The NHS helps people.

## Next steps

Talk to us.
"""


@pytest.mark.slow
def test_a_short_document_in_welsh_with_pronunciations(project_copy: Path) -> None:
    (project_copy / "content" / "charter" / "short.md").write_text(SHORT.format(language="cy"))
    build = ["build", "--quiet", "--doc", "short", "--format", "audio", "--brand", "partnership"]
    assert run_charter(build, project_copy).exit_code == 0
    path = project_copy / "output" / "partnership" / "short-audio.mp3"
    mp3 = MP3(path)
    assert mp3.tags["TLAN"].text == ["cym"]
    assert [title for *_, title in chapters(mp3)] == [  # the recording's own words are Welsh
        "Cyflwyniad",
        "Y testun",
        "Next steps",
        "Am y ddogfen hon",
    ]
    assert "The NHS helps people." in transcript(mp3)  # the transcript says it as written
    first = path.read_bytes()
    assert run_charter(build, project_copy).exit_code == 0
    assert path.read_bytes() == first  # the same text gives the same bytes
    # A pack holds the MP3 alone (one file per item), and its opening says so.
    manifest = project_copy / "content" / "packs" / "talk.yml"
    manifest.write_text("title: Talk\nbrands: [partnership]\ndocuments: [short]\nformats:\n  audio:\n")
    assert run_charter(["pack", "talk"], project_copy).exit_code == 0
    folder = project_copy / "output" / "talk" / "partnership"
    assert sorted(p.name for p in folder.iterdir()) == ["index.html", "manifest.json", "short-audio.mp3"]
    assert "I symud rhwng adrannau, defnyddiwch benodau eich chwaraewr." in transcript(
        MP3(folder / "short-audio.mp3")
    )


def test_pronunciations_are_whole_words_longest_first() -> None:
    said = {"NHS": "N H S", "NHS Trust": "N H S trust", "BSL": "B S L"}
    assert pronounced("The NHS Trust and NHS; not NHSX or BSLs.", said) == (
        "The N H S trust and N H S; not NHSX or BSLs."
    )
    speech = ssml(Chapter("T", ("Ask the NHS & us.",)), said)
    assert "<p>Ask the N H S &amp; us.</p>" in speech and speech.startswith("<speak>")


def test_the_length_is_said_in_whole_minutes() -> None:
    assert minutes_text(30) == "under a minute"
    assert minutes_text(60) == "about 1 minute" and minutes_text(89) == "about 1 minute"
    assert minutes_text(91) == "about 2 minutes"


def test_voices_follow_the_language_and_a_missing_one_is_a_clear_error() -> None:
    assert voice_for("en-GB") == "en-gb" and voice_for("cy-GB") == "cy" and voice_for("ur-PK") == "ur"
    with pytest.raises(CharterError, match="espeak-ng has no voice for the language 'tlh'"):
        voice_for("tlh")


def test_a_bad_pronunciation_list_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "short.md"
    path.write_text(SHORT.format(language="en-GB").replace("  NHS: N H S", "  - NHS"))
    with pytest.raises(CharterError) as error:
        load_document(path)
    assert "pronounce must be 'word: how to say it' lines" in str(error.value)
    assert ":5:" in str(error.value) or "line 5" in str(error.value)
