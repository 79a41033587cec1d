"""Audio: a document read aloud by espeak-ng, as an MP3 with one chapter per section.

Following UKAAF's minimum standard for audio (MS01), the recording opens with the title, who it
is from and how long it is, and says how to move between sections; each section is a chapter
(ID3 CHAP frames under one CTOC, written with mutagen) whose heading is spoken first. Easy-read
pictures are described by their alt text ("Picture: two hands shaking."). Words listed under
``pronounce:`` in the front matter are spoken as written there (``NHS: N H S``). The voice is
the document's language's espeak-ng voice, at 175 words a minute; ffmpeg encodes the MP3 with
its bit-exact flags, so the same text gives the same bytes. The transcript is in the MP3 too
(an ID3 USLT frame). Beside the MP3, for players without chapters, each section is a track
(``<name>-tracks/01.mp3`` ...) and ``<name>.m3u`` plays them in order.
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import escape

from generator.errors import CharterError
from generator.languages import having, listed

if TYPE_CHECKING:
    from generator.content import Document
    from generator.easyread import EasyReadDocument
    from generator.renderers import Rendered
    from generator.run import Inputs, Item, Options
    from generator.strings import Strings

RATE_WPM = 175  # words a minute: espeak-ng's default pace, clear and even (formats-rules.md)
MAX_SPEED = 220  # the fastest espeak-ng rate used to make up for long words (see ``recording``)
CHAPTER_PAUSE_MS = 800  # at the end of each chapter
BITRATE = "64k"  # mono speech
MISSING = "audio needs espeak-ng and ffmpeg: apt-get install espeak-ng ffmpeg"


@dataclass(frozen=True)
class Chapter:
    """One navigable section: its title (the chapter's name) and the lines spoken, in order."""

    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Spoken:
    """A chapter as sound: 16-bit mono PCM at ``sample_rate``."""

    chapter: Chapter
    pcm: bytes
    sample_rate: int

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / self.sample_rate


# espeak-ng opens a PulseAudio client even to write a file or print its version, and that client
# writes ~/.config/pulse and leaves $TMPDIR/pulse-* behind (PULSE_SERVER=none would look up a
# host 'none'): pointing it at a socket that cannot exist keeps it from touching anything.
def _quiet() -> dict[str, str]:
    return {**os.environ, "PULSE_SERVER": "unix:/dev/null"}


def available() -> bool:
    return shutil.which("espeak-ng") is not None and shutil.which("ffmpeg") is not None


def missing() -> str | None:
    """Why a build of every format makes no audio here (espeak-ng or ffmpeg missing), or None."""
    return None if available() else f"no audio is made: {MISSING}."


def tool_versions() -> dict[str, str]:
    """The versions of espeak-ng and ffmpeg, which speak and encode the audio."""
    return {command: tool_version(command) for command in ("espeak-ng", "ffmpeg")}


@functools.cache
def tool_version(command: str) -> str:
    """The installed espeak-ng's or ffmpeg's version ('1.51'), for cache keys; 'none' when missing."""
    if shutil.which(command) is None:
        return "none"
    flag = "--version" if command == "espeak-ng" else "-version"
    result = subprocess.run([command, flag], capture_output=True, encoding="utf-8", check=False, env=_quiet())
    match = re.search(r"\d+(?:\.\d+)+\S*", result.stdout)
    return match.group(0) if match else "unknown"


@functools.cache
def voices() -> frozenset[str]:
    """The espeak-ng voices installed, by language name ('en-gb', 'cy', 'ur')."""
    result = _run(["espeak-ng", "--voices"], b"")
    lines = result.decode("utf-8", "replace").splitlines()[1:]
    return frozenset(line.split()[1].lower() for line in lines if len(line.split()) > 1)


def voice_for(language: str) -> str:
    """The espeak-ng voice for a BCP 47 tag: the whole tag's ('en-GB' -> 'en-gb'), else the one
    ``generator.languages`` gives its language ('ur-PK' -> 'ur'), else its language's own."""
    tag, entry, installed = language.lower(), listed(language), voices()
    for candidate in (tag, entry.voice if entry else "", tag.split("-")[0]):
        if candidate and candidate in installed:
            return candidate
    if entry and entry.voice:
        raise CharterError(
            f"espeak-ng's {entry.name} voice '{entry.voice}' is not installed, so no audio can be made. "
            "Install espeak-ng-data, or leave out the audio formats for this document."
        )
    raise CharterError(
        f"espeak-ng has no voice for the language '{language}', so no audio can be made (voices are "
        f"set up for {having('voice')}). Leave out the audio formats for this document."
    )


def _run(command: list[str], data: bytes) -> bytes:
    if shutil.which(command[0]) is None:
        raise CharterError(MISSING + ".")
    result = subprocess.run(command, input=data, capture_output=True, check=False, env=_quiet())
    if result.returncode != 0:
        reason = (result.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
        raise CharterError(f"{command[0]} failed: {reason}. {MISSING}.")
    return result.stdout


def pronounced(text: str, pronounce: dict[str, str]) -> str:
    """Text with each word of the pronunciation list replaced by how it is said (whole words,
    longest first, as written)."""
    for word in sorted(pronounce, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", pronounce[word], text)
    return text


def ssml(chapter: Chapter, pronounce: dict[str, str]) -> str:
    """The chapter as SSML for espeak-ng: each line a paragraph (espeak-ng pauses after each),
    then a longer pause."""
    lines = "".join(f"<p>{escape(pronounced(line, pronounce))}</p>" for line in chapter.lines)
    return f'<speak>{lines}<break time="{CHAPTER_PAUSE_MS}ms"/></speak>'


def speak(chapter: Chapter, voice: str, pronounce: dict[str, str], speed: int = RATE_WPM) -> Spoken:
    """A chapter read aloud by espeak-ng at ``speed`` (its words a minute)."""
    with tempfile.TemporaryDirectory(prefix="charter-audio-") as folder:
        wav = Path(folder) / "chapter.wav"
        _run(
            ["espeak-ng", "-m", "-v", voice, "-s", str(speed), "-w", str(wav)],
            ssml(chapter, pronounce).encode(),
        )
        with wave.open(str(wav)) as sound:
            if sound.getnchannels() != 1 or sound.getsampwidth() != 2:
                raise RuntimeError("espeak-ng wrote a WAV that is not 16-bit mono")
            return Spoken(chapter, sound.readframes(sound.getnframes()), sound.getframerate())


def encode_mp3(pcm: bytes, sample_rate: int) -> bytes:
    """16-bit mono PCM as a constant bit rate MP3, bit-exact (no encoder name or date in it)."""
    return _run(
        [
            "ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error",
            "-f", "s16le", "-ar", str(sample_rate), "-ac", "1", "-i", "pipe:0",
            "-codec:a", "libmp3lame", "-b:a", BITRATE,
            "-fflags", "+bitexact", "-flags:a", "+bitexact", "-map_metadata", "-1",
            "-id3v2_version", "0", "-write_xing", "0", "-f", "mp3", "pipe:1",
        ],
        pcm,
    )  # fmt: skip


@dataclass(frozen=True)
class Tags:
    title: str
    organisation: str
    album: str
    language: str  # BCP 47
    comment: str = ""  # the 'Checked by' line of a signed-off document (an ID3 COMM frame)


def tagged(mp3: bytes, spoken: list[Spoken], tags: Tags) -> bytes:
    """The MP3 with ID3v2.4 tags: title, organisation, language, the transcript, and a chapter
    (CHAP, under one ordered CTOC) for each section with its start and end in milliseconds."""
    from mutagen.id3 import CHAP, COMM, CTOC, ID3, TALB, TCON, TIT2, TLAN, TPE1, USLT, CTOCFlags

    language = _alpha3(tags.language)
    id3 = ID3()
    id3.add(TIT2(encoding=3, text=tags.title))
    id3.add(TPE1(encoding=3, text=tags.organisation))
    id3.add(TALB(encoding=3, text=tags.album))
    id3.add(TCON(encoding=3, text="Speech"))
    id3.add(TLAN(encoding=3, text=language))
    if tags.comment:
        id3.add(COMM(encoding=3, lang=language, desc="checked", text=tags.comment))
    transcript = "\n\n".join("\n".join(s.chapter.lines) for s in spoken)
    id3.add(USLT(encoding=3, lang=language, desc="transcript", text=transcript))
    ids = [f"chapter{n}" for n in range(1, len(spoken) + 1)]
    id3.add(
        CTOC(
            element_id="toc",
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=ids,
            sub_frames=[TIT2(encoding=3, text="Sections")],
        )
    )
    start = 0.0
    for element_id, part in zip(ids, spoken, strict=True):
        end = start + part.seconds
        id3.add(
            CHAP(
                element_id=element_id,
                start_time=round(start * 1000),
                end_time=round(end * 1000),
                sub_frames=[TIT2(encoding=3, text=part.chapter.title)],
            )
        )
        start = end
    out = io.BytesIO(mp3)
    id3.save(out, v2_version=4, padding=lambda info: 0)
    return out.getvalue()


def _alpha3(language: str) -> str:
    """The ISO 639-2 code ID3 wants ('eng', 'cym'), 'und' when there is none."""
    import langcodes

    try:
        return str(langcodes.Language.get(language).to_alpha3())
    except (LookupError, ValueError):
        return "und"


def minutes_text(seconds: float, s: Strings | None = None) -> str:
    """'about 4 minutes', 'about 1 minute', 'under a minute' (in ``s``'s language, else English)."""
    s = s or english()
    minutes = round(seconds / 60)
    if seconds < 45:
        return s("audio_under_a_minute")
    return s("audio_one_minute") if minutes == 1 else s("audio_minutes", minutes=minutes)


def english() -> Strings:
    """The built-in English catalog."""
    from generator.project import builtin_dir
    from generator.strings import REFERENCE, strings_for

    return strings_for((builtin_dir("templates"),), REFERENCE)


def _said(text: str) -> str:
    """A heading or title said as a sentence: a full stop after it when it ends in a letter."""
    return text + ("." if text[-1:].isalnum() else "")


def opening(
    title: str,
    organisation: str,
    credit: str,
    seconds: float,
    chapters: list[Chapter],
    tracks: bool = True,
    s: Strings | None = None,
) -> Chapter:
    """The first chapter: the title, who it is from, how long it is and how to move around."""
    s = s or english()
    names = "; ".join(chapter.title for chapter in chapters)
    lines = [
        _said(title),
        s("audio_from", org=organisation),
        *([credit] if credit else []),
        s("audio_lasts", length=minutes_text(seconds, s)),
        s("audio_sections", count=len(chapters) + 1, names=names),
        s("audio_move_tracks") if tracks else s("audio_move"),
    ]
    return Chapter(s("audio_introduction"), tuple(lines))


def document_chapters(doc: Document, about: list[str], s: Strings | None = None) -> list[Chapter]:
    """The full text's sections: key points, the text (a chapter from each heading), about."""
    from generator.braille import body_blocks

    s = s or english()
    chapters = []
    if doc.summary:
        chapters.append(Chapter(s("summary"), (_said(s("summary")), doc.summary)))
    if doc.key_points:
        chapters.append(Chapter(s("key_points"), (_said(s("key_points")), *doc.key_points)))
    title, lines = s("the_text"), [_said(s("the_text"))]
    for block in body_blocks(doc.body_html, s):
        if block.kind == "heading":
            if len(lines) > 1:
                chapters.append(Chapter(title, tuple(lines)))
            title, lines = block.text, [_said(block.text)]
        else:
            lines.append(block.text)
    if len(lines) > 1:
        chapters.append(Chapter(title, tuple(lines)))
    about_heading = s("about_heading")
    chapters.append(Chapter(about_heading, (_said(about_heading), *filter(None, about))))
    return chapters


def easy_read_chapters(doc: EasyReadDocument, about: list[str], s: Strings | None = None) -> list[Chapter]:
    """The easy read's sections: one per heading (each picture described, then its sentences),
    the words to know, about."""
    s = s or english()
    chapters = []
    for part in doc.parts:
        lines = [_said(part.heading)]
        for point in part.points:
            if point.alt:
                lines.append(_said(s("audio_picture", alt=point.alt)))
            lines.extend(sentence.text for sentence in point.sentences)
        chapters.append(Chapter(part.heading, tuple(lines)))
    if doc.glossary:
        words = [f"{entry.term}: {entry.meaning}" for entry in doc.glossary]
        chapters.append(Chapter(s("words_to_know"), (_said(s("words_to_know")), *words)))
    about_heading = s("about_heading")
    chapters.append(Chapter(about_heading, (_said(about_heading), *filter(None, about))))
    return chapters


@dataclass(frozen=True)
class OpeningOf:
    """The opening chapter for a given total length."""

    title: str
    organisation: str
    credit: str
    chapters: list[Chapter]
    tracks: bool = True  # the sections are tracks of a playlist beside the MP3 too
    s: Strings | None = None  # the catalog of the recording's language (English by default)

    def __call__(self, seconds: float) -> Chapter:
        return opening(
            self.title, self.organisation, self.credit, seconds, self.chapters, self.tracks, self.s
        )


def recording(
    chapters: list[Chapter], voice: str, pronounce: dict[str, str], opening_of: OpeningOf
) -> list[Spoken]:
    """Every chapter spoken, the opening first: it says the whole length, so it is spoken once with
    an estimate and again if its own length changed the minutes it says.

    The listener hears ``RATE_WPM`` words a minute: espeak-ng's own rate counts shorter words
    than a document's (the charter's long words and many commas come out at about 147 words a
    minute at its 175), so text that comes out more than 5% slow is spoken again, faster by the
    shortfall (at most ``MAX_SPEED``)."""
    spoken = [speak(chapter, voice, pronounce) for chapter in chapters]
    words = sum(len(line.split()) for chapter in chapters for line in chapter.lines)
    heard = words / max(sum(s.seconds for s in spoken), 1) * 60
    speed = RATE_WPM
    if heard < RATE_WPM * 0.95:
        speed = min(MAX_SPEED, round(RATE_WPM * RATE_WPM / heard))
        spoken = [speak(chapter, voice, pronounce, speed) for chapter in chapters]
    rest = sum(s.seconds for s in spoken)
    first = speak(opening_of(rest + 20), voice, pronounce, speed)
    if minutes_text(rest + first.seconds, opening_of.s) != minutes_text(rest + 20, opening_of.s):
        first = speak(opening_of(rest + first.seconds), voice, pronounce, speed)
    return [first, *spoken]


def render_mp3(inputs: Inputs, item: Item, options: Options) -> Rendered:
    """One item's MP3 (the renderer of ``mp3`` formats)."""
    from generator.renderers import Rendered
    from generator.sections import item_section
    from generator.strings import strings_for
    from generator.web import versions

    section = item_section(inputs, item, options)
    full, brand = inputs.full_text(item.doc_id, item.language), section.brand
    voice = voice_for(section.doc.language)
    s = strings_for(inputs.project.template_dirs, section.doc.language)
    labels = [label for label, _ in versions(item, inputs.run, s)]
    about = [
        s("audio_also_available", versions="; ".join(labels)) if labels else "",
        s("ask_for_copy", org=brand.name),
        section.checked_by,
    ]
    credit = s("written_by", credit=full.credit) if full.credit and full.credit != brand.name else ""
    pronounce = dict(full.pronounce)
    if section.fmt.easy_read:
        easy = inputs.easy_read(item.doc_id, item.language)
        pronounce.update(easy.pronounce)
        chapters = easy_read_chapters(easy, [s("about_easy_read", title=full.title), *about], s)
        title = s("title_easy_read", title=easy.title)
    else:
        chapters, title = document_chapters(full, about, s), full.title
    spoken = recording(
        chapters, voice, pronounce, OpeningOf(title, brand.name, credit, chapters, options.audio_tracks, s)
    )
    mp3 = encode_mp3(b"".join(s.pcm for s in spoken), spoken[0].sample_rate)
    album = ": ".join(p for p in (full.charter, full.heading) if p) or title
    tags = Tags(title, brand.name, album, full.language, section.checked_by)
    stem = item.file_name.removesuffix(".mp3")
    companions = tracks(stem, spoken, tags) if options.audio_tracks else ()
    return Rendered(tagged(mp3, spoken, tags), companions=companions)


def tracks(stem: str, spoken: list[Spoken], tags: Tags) -> tuple[tuple[str, bytes], ...]:
    """A track for each section, for players without chapters, in ``<stem>-tracks/``, and the
    playlist ``<stem>.m3u`` that plays them in order."""
    from mutagen.id3 import ID3, TALB, TIT2, TLAN, TPE1, TRCK

    files: list[tuple[str, bytes]] = []
    playlist = ["#EXTM3U", f"#PLAYLIST:{tags.title}"]
    for number, part in enumerate(spoken, 1):
        name = f"{stem}-tracks/{number:02d}.mp3"
        id3 = ID3()
        id3.add(TIT2(encoding=3, text=part.chapter.title))
        id3.add(TPE1(encoding=3, text=tags.organisation))
        id3.add(TALB(encoding=3, text=tags.title))
        id3.add(TRCK(encoding=3, text=f"{number}/{len(spoken)}"))
        id3.add(TLAN(encoding=3, text=_alpha3(tags.language)))
        out = io.BytesIO(encode_mp3(part.pcm, part.sample_rate))
        id3.save(out, v2_version=4, padding=lambda info: 0)
        files.append((name, out.getvalue()))
        playlist += [f"#EXTINF:{round(part.seconds)},{part.chapter.title}", name]
    files.append((f"{stem}.m3u", ("\n".join(playlist) + "\n").encode("utf-8")))
    return tuple(files)
