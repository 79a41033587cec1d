"""Sign-off tied to the words: block fingerprints, `charter signoff`, `build --final`, review states,
and "Checked by" in every format of a signed-off document (never a reviewer's own name unless asked)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pikepdf
import pytest
from conftest import break_file, pdf_text, run_charter, user_error

from generator.blocks import code_prefix, document_blocks, fingerprint
from generator.signoff import compare, load_signoff, review_state, signoff_path

CHARTER = "content/charter"
EASY = f"{CHARTER}/appendix-a.easy-read.md"


def sign(project: Path, *extra: str) -> None:
    result = run_charter(
        ["signoff", "appendix-a", "--by", "Speak Up group", "--date", "2026-12-06", *extra], project
    )
    assert result.exit_code == 0, result.output
    assert "checked by Speak Up group on 2026-12-06" in result.output


def blocks_of(project: Path) -> list:
    return document_blocks(project / CHARTER / "appendix-a.md")


def test_codes_are_short_and_name_each_block_once(project_copy: Path) -> None:
    blocks = blocks_of(project_copy)
    keys = [b.key for b in blocks]
    assert len(keys) == len(set(keys))
    codes = {b.code: b for b in blocks if b.kind == "point"}
    assert {"AA-1.1", "AA-1.2", "AA-K1", "AA-FK1"} <= set(codes)
    assert codes["AA-1.2"].text.startswith("Trauma is when something very bad")
    assert {b.kind for b in blocks} == {"heading", "paragraph", "point", "picture"}
    assert code_prefix("appendix-a") == "AA" and code_prefix("charter") == "CH"


def test_a_fingerprint_ignores_line_wrapping_only() -> None:
    assert fingerprint("point", "It can hurt\n  for a long time.") == fingerprint(
        "point", "It can hurt for a long time."
    )
    assert fingerprint("point", "It can hurt for a long time.") != fingerprint(
        "point", "It can hurt for a long time!"
    )
    assert fingerprint("point", "Same words.") != fingerprint("heading", "Same words.")


def test_a_one_word_edit_after_signoff_names_exactly_that_block_and_a_new_signoff_clears_it(
    project_copy: Path,
) -> None:
    sign(project_copy)
    assert review_state(project_copy / CHARTER / "appendix-a.md").label == "checked on 2026-12-06"
    break_file(project_copy, "charter/appendix-a.easy-read.md", "It can change how", "It can alter how")
    result = run_charter(["build", "--final", "--format", "handout"], project_copy)
    assert result.exit_code == 1
    line = next(n for n, t in enumerate((project_copy / EASY).read_text().splitlines(), 1) if "alter" in t)
    lines = result.output.strip().splitlines()
    assert lines[0] == f"{EASY}:{line - 2}: AA-1.2 (point) changed since checked", result.output
    assert len(lines) == 2 and lines[1].startswith("Error: --final refused: 1 problem above.")
    assert not (project_copy / "output").exists()
    listed = run_charter(["list"], project_copy).output
    assert "appendix-a (+ easy read): changed since checked on 2026-12-06" in listed
    sign(project_copy)
    assert review_state(project_copy / CHARTER / "appendix-a.md").findings == ()


def test_moved_inserted_removed_and_picture_changes(project_copy: Path) -> None:
    sign(project_copy)
    path = project_copy / CHARTER / "appendix-a.md"
    signoff = load_signoff(signoff_path(path))
    assert signoff is not None
    # A new point above others: only it is named (the others moved, but their words were checked).
    break_file(
        project_copy,
        "charter/appendix-a.easy-read.md",
        "- ![A rolled up paper",
        "- ![A star](openmoji:2B50)\n  This point is new.\n\n- ![A rolled up paper",
    )
    found = [(f.code, f.kind, f.state) for f in compare(document_blocks(path), signoff)]
    assert found == [
        ("AA-1.1", "point", "changed since checked"),
        ("AA-1.1", "picture", "changed since checked"),
    ]
    # A different picture for a point: only its picture choice.
    sign(project_copy)
    signoff = load_signoff(signoff_path(path))
    assert signoff is not None
    break_file(project_copy, "charter/appendix-a.easy-read.md", "(openmoji:2B50)", "(openmoji:2600)")
    assert [(f.code, f.kind) for f in compare(document_blocks(path), signoff)] == [("AA-1.1", "picture")]
    # A paragraph of the full text taken out.
    text = path.read_text()
    last = text.rstrip().rsplit("\n\n", 1)[0] + "\n"
    path.write_text(last)
    states = {f.state for f in compare(document_blocks(path), signoff)}
    assert "removed since checked" in states


def test_final_refuses_an_unsigned_document_and_passes_a_signed_one(project_copy: Path) -> None:
    from generator.project import Project
    from generator.signoff import final_faults

    project = Project.discover(project_copy)
    faults = final_faults(project, ["appendix-a"])
    assert len(faults) == 1 and "appendix-a is not signed off" in faults[0]
    assert "draft" in run_charter(["list"], project_copy).output
    (project_copy / CHARTER / "appendix-a.review.yml").write_text("answers: []\n")
    assert "appendix-a (+ easy read): in review" in run_charter(["list"], project_copy).output
    sign(project_copy)
    assert final_faults(project, ["appendix-a"]) == []


def test_a_pack_can_require_final(project_copy: Path) -> None:
    pack = project_copy / "content/packs/workshop.yml"
    pack.write_text(pack.read_text() + "final: true\n")
    result = run_charter(["pack", "workshop"], project_copy)
    assert result.exit_code == 1
    assert "appendix-a is not signed off" in result.output
    assert "workshop.yml (final: true) refused" in result.output
    pack.write_text(pack.read_text().replace("final: true", "final: yes please"))
    user_error(run_charter(["pack", "workshop"], project_copy), "'final' must be true")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "  ", "--date", "2026-12-06"], "--by needs the checking group's name"),
        (["--by", "Group", "--date", "2026-02-30"], "--date '2026-02-30' is not a real date"),
        (["--by", "Group", "--date", "6/12/2026"], "is not a real date"),
    ],
)
def test_bad_signoff_options_are_one_line(project_copy: Path, args: list[str], message: str) -> None:
    user_error(run_charter(["signoff", "appendix-a", *args], project_copy), message)
    assert not (project_copy / CHARTER / "appendix-a.signoff.yml").exists()


def test_a_broken_signoff_file_names_its_line(project_copy: Path) -> None:
    sign(project_copy)
    path = project_copy / CHARTER / "appendix-a.signoff.yml"
    path.write_text(path.read_text().replace("AA-1.2: {point:", "AA-1.2: {pointy:"))
    line = next(n for n, t in enumerate(path.read_text().splitlines(), 1) if "pointy" in t)
    user_error(run_charter(["list"], project_copy), f"appendix-a.signoff.yml:{line}: block AA-1.2 must be")


def test_signoff_file_is_the_same_for_the_same_words_and_keeps_names_private(project_copy: Path) -> None:
    sign(project_copy)
    first = (project_copy / CHARTER / "appendix-a.signoff.yml").read_bytes()
    sign(project_copy)
    assert (project_copy / CHARTER / "appendix-a.signoff.yml").read_bytes() == first
    assert b"people" not in first
    sign(project_copy, "--person", "Ann Example")
    signoff = load_signoff(project_copy / CHARTER / "appendix-a.signoff.yml")
    assert signoff is not None and signoff.people == ("Ann Example",)
    assert signoff.checked_by == "Checked by Speak Up group on 6 December 2026."
    sign(project_copy, "--person", "Ann Example", "--person", "Bo Test", "--print-names")
    signoff = load_signoff(project_copy / CHARTER / "appendix-a.signoff.yml")
    assert signoff is not None
    assert signoff.checked_by == "Checked by Speak Up group (Ann Example and Bo Test) on 6 December 2026."


@pytest.fixture(scope="module")
def signed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every format of the shipped document, signed off with a private name and review answers."""
    import shutil

    from generator.project import builtin_dir

    project = tmp_path_factory.mktemp("signed")
    shutil.copytree(builtin_dir("content"), project / "content")
    (project / CHARTER / "appendix-a.review.yml").write_text(
        "answers:\n- {code: AA-1.2, answer: change-picture, comment: Zebracorn secret comment}\n"
    )
    sign(project, "--person", "Ann Example")
    from generator.audio import Spoken

    with pytest.MonkeyPatch.context() as patch:
        # The sound stands in for espeak-ng and ffmpeg (tests/test_audio.py speaks for real): here
        # only the words and tags matter, and speaking both documents would take 15 s.
        patch.setattr(
            "generator.audio.speak", lambda chapter, *args, **kwargs: Spoken(chapter, bytes(3200), 16000)
        )
        patch.setattr("generator.audio.encode_mp3", lambda pcm, rate: b"")
        result = run_charter(["build", "--final", "--quiet"], project)
    assert result.exit_code == 0, result.output
    return project / "output" / "partnership"


CHECKED = "Checked by Speak Up group on 6 December 2026."


@pytest.mark.slow
def test_every_format_says_who_checked_it_and_nothing_private(signed_build: Path) -> None:
    from generator.braille import NOTE_CLOSE, NOTE_OPEN, translate

    # The files themselves (an MP3's tracks and playlist beside it repeat its sections).
    files = sorted(f for f in signed_build.iterdir() if f.is_file() and f.suffix != ".m3u")
    assert {f.suffix for f in files} == {".pdf", ".html", ".brf", ".docx", ".epub", ".mp3"} and len(
        files
    ) == 12
    for path in files:
        if path.suffix == ".pdf":
            with pikepdf.open(path) as pdf:
                assert str(pdf.docinfo["/Subject"]) == CHECKED
                assert pdf.open_metadata().get("dc:description") == CHECKED
            text = pdf_text(path)
            assert CHECKED in text, path.name  # posters too: a small line at the foot
        elif path.suffix == ".html":
            text = path.read_text()
            assert f'<meta name="description" content="{CHECKED}">' in text
            assert f'<p class="checked">{CHECKED}</p>' in " ".join(text.split())
        elif path.suffix == ".mp3":
            from mutagen.id3 import ID3

            tags = ID3(path)
            assert [str(frame) for frame in tags.getall("COMM")] == [CHECKED]
            text = str(tags.getall("USLT")[0])
            assert CHECKED in text, path.name
        elif path.suffix in (".docx", ".epub"):
            with zipfile.ZipFile(path) as archive:
                parts = {name: archive.read(name).decode("utf-8", "replace") for name in archive.namelist()}
            text = " ".join(parts.values())
            metadata = parts["docProps/core.xml" if path.suffix == ".docx" else "EPUB/content.opf"]
            assert f"<dc:description>{CHECKED}</dc:description>" in metadata, path.name
            body = parts["word/document.xml" if path.suffix == ".docx" else "EPUB/text.xhtml"]
            assert CHECKED in " ".join(body.split()), path.name
        else:
            brf = path.read_text()
            text = translate([brf.replace(NOTE_OPEN, " ").replace(NOTE_CLOSE, " ")], backward=True)[0]
            assert "checked by speak up group on 6 december 2026" in " ".join(text.lower().split())
        for private in ("Ann Example", "Zebracorn", "change-picture"):
            assert private not in text, (path.name, private)


def test_the_pack_summary_lists_each_documents_review_state(
    project_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.project import Project
    from generator.signoff import print_review_states

    project = Project.discover(project_copy)
    print_review_states(project, ["appendix-a"])
    assert capsys.readouterr().out == "Review: appendix-a: draft\n"
    sign(project_copy)
    capsys.readouterr()
    print_review_states(project, ["appendix-a", "appendix-a"])  # once per document
    assert capsys.readouterr().out == "Review: appendix-a: checked on 2026-12-06\n"
