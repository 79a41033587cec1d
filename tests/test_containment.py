"""Nothing reaches outside output/: names that become file names are checked by one function,
and state read back from output/ (manifest.json) is untrusted."""

from __future__ import annotations

import contextlib
import json
import logging
import signal
import unicodedata
from pathlib import Path

import pytest
from conftest import user_error

from generator.errors import CharterError, visible
from generator.names import MAX_NAME, check_file_name, distinct, safe_name
from generator.pack.output import read_manifest


@pytest.mark.parametrize(
    "name",
    [
        "..",
        "../x",
        "a/b",
        "a\\b",
        "",
        "  ",
        "nul\0x",
        "esc\x1bx",
        "bell\x07",
        "x" * (MAX_NAME + 1),
        "..hidden",
    ],
)
def test_a_name_that_could_leave_its_folder_is_refused(name: str) -> None:
    with pytest.raises(CharterError) as caught:
        safe_name(name, "pack", Path("packs/x.yml"))
    message = caught.value.message
    assert message.startswith("packs/x.yml: the pack name") and "\n" not in message
    assert "\x1b" not in message and "\0" not in message


def test_names_are_nfc_and_the_longest_allowed_passes() -> None:
    assert safe_name(unicodedata.normalize("NFD", "café"), "brand") == "café"
    assert safe_name("x" * MAX_NAME, "brand") == "x" * MAX_NAME
    assert safe_name("Team #1 (North)", "pack") == "Team #1 (North)"


def test_two_inputs_with_one_name_are_refused_naming_both() -> None:
    distinct([("a", "one.yml"), ("b", "two.yml")], "output folder")
    for first, second in [("café", unicodedata.normalize("NFD", "café")), ("Team", "team")]:
        with pytest.raises(CharterError) as caught:
            distinct([(first, "one.yml"), (second, "two.yml")], "output folder")
        assert "one.yml and two.yml" in caught.value.message


def test_a_final_file_name_is_judged_by_its_own_length() -> None:
    check_file_name("x" * 251 + ".pdf", "document id")
    with pytest.raises(CharterError, match="256 bytes long"):
        check_file_name("x" * 252 + ".pdf", "document id")


def test_visible_escapes_terminal_control_sequences() -> None:
    assert visible("a\x1b[31mb\x07") == "a\\x1b[31mb\\x07"
    assert visible("Urdu اردو") == "Urdu اردو"


def test_manifest_entries_outside_their_folder_are_ignored_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "out" / "pack" / "org"
    folder.mkdir(parents=True)
    outside = tmp_path / "secret.txt"
    outside.write_text("x")
    (folder / "link.pdf").symlink_to(outside)
    (folder / "ok.pdf").write_bytes(b"%PDF")
    good = {"path": "ok.pdf", "sha256": "0" * 64, "size": 4, "pages": 1}
    bad = [str(outside), "../../../secret.txt", "link.pdf", "a/../ok.pdf", "..", 7, None, "nul\0.pdf"]
    entries = [good, *({**good, "path": p} for p in bad), {**good, "path": "x.pdf", "size": "4"}, "junk"]
    (folder / "manifest.json").write_text(json.dumps({"files": entries}))
    with caplog.at_level(logging.WARNING, logger="charter"):
        kept = read_manifest(folder)
    assert list(kept) == ["ok.pdf"]
    assert len(caplog.records) == len(entries) - 1
    assert all("ignored the entry" in r.getMessage() and "\0" not in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("text", ["[]", '{"files": {"a": 1}}', "not json", '{"files": [' * 5000])
def test_a_manifest_json_of_any_shape_describes_nothing(tmp_path: Path, text: str) -> None:
    (tmp_path / "manifest.json").write_text(text)
    assert read_manifest(tmp_path) == {}


def test_a_pack_manifest_named_dot_dot_is_refused(project_copy: Path, charter) -> None:
    (project_copy / "content" / "packs" / "...yml").write_text("title: x\nbrands: all\nformats: [html]\n")
    result = charter("pack", "content/packs/...yml", cwd=project_copy)
    user_error(result, "the pack name '..'")
    assert not (project_copy / "output").exists() and not (project_copy / "content" / "x").exists()


def test_two_brands_that_would_share_a_folder_are_refused_naming_both(project_copy: Path, charter) -> None:
    brands = project_copy / "content" / "brands"
    for name in ("Team A", "team-a"):
        (brands / name).mkdir()
        (brands / name / "_brand.yml").write_text("meta:\n  name: Team A\n")
    result = charter(
        "build", "--brand", str(brands / "Team A"), "--brand", str(brands / "team-a"), cwd=project_copy
    )
    user_error(result, "Team A/_brand.yml and", "team-a/_brand.yml", "output folder 'team-a'")


def test_document_ids_that_differ_only_in_normal_form_are_refused(project_copy: Path, charter) -> None:
    folder = project_copy / "content" / "charter"
    for form in ("NFC", "NFD"):
        (folder / unicodedata.normalize(form, "café.md")).write_text("---\ntitle: x\n---\n")
    result = charter("build", "--format", "html", cwd=project_copy)
    user_error(result, "would both be written as the document 'café'")


def test_a_document_id_with_a_control_character_is_refused(project_copy: Path, charter) -> None:
    (project_copy / "content" / "charter" / "bad\x1b[31m.md").write_text("---\ntitle: x\n---\n")
    result = charter("build", "--format", "html", cwd=project_copy)
    user_error(result, "holds a control character", "bad\\x1b[31m.md")
    assert "\x1b" not in result.output


def test_a_brand_with_a_nul_is_one_line(project_copy: Path, charter) -> None:
    result = charter("build", "--brand", "x\0y", "--format", "html", cwd=project_copy)
    user_error(result, "holds a control character")


def test_a_file_with_the_longest_name_is_written_through_its_part_file(tmp_path: Path) -> None:
    from generator.render import write_atomic

    path = tmp_path / ("é" * 125 + ".html")  # 255 bytes
    write_atomic(path, b"x")
    assert path.read_bytes() == b"x" and [p.name for p in tmp_path.iterdir()] == [path.name]


@pytest.mark.parametrize(("signum", "rendering"), [(signal.SIGTERM, True), (signal.SIGHUP, False)])
def test_sigterm_prints_one_line_exits_143_and_leaves_no_font_folders(
    project_copy: Path, tmp_path: Path, signum: int, rendering: bool
) -> None:
    """A real `charter build`, sent SIGTERM mid-render (once WeasyPrint has made its font folder
    in a private $TMPDIR, not after a fixed time), or SIGHUP (its terminal closed) once it has
    installed its handler: one line, no traceback, no `.part` file in output/ and no font folder."""
    import os
    import subprocess
    import sys

    temp = tmp_path / "tmp"
    temp.mkdir()
    repo = Path(__file__).resolve().parent.parent
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--format", "handout", "--brand", "riverside-council"],
        cwd=project_copy,
        env={**os.environ, "PYTHONPATH": str(repo), "TMPDIR": str(temp)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    status = Path(f"/proc/{process.pid}/status")
    while process.poll() is None:
        caught = next(line for line in status.read_text().splitlines() if line.startswith("SigCgt:"))
        if int(caught.split()[1], 16) & (1 << (signum - 1)):
            break
    while rendering and process.poll() is None and not list(temp.glob("weasyprint-*")):
        with contextlib.suppress(subprocess.TimeoutExpired):  # until it is rendering: WeasyPrint
            process.wait(timeout=0.01)  # has made its font folder (or the build has ended)
    assert process.poll() is None, "the build ended before it was signalled"
    process.send_signal(signum)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 128 + signum, err
    assert err.strip().splitlines()[-1] == "terminated; nothing half-written; run again to finish"
    assert "Traceback" not in err
    assert not list(temp.glob("weasyprint-*"))
    assert not list(project_copy.rglob("*.part"))


def test_pack_progress_gives_pages_only_for_files_that_have_them() -> None:
    import io
    from types import SimpleNamespace

    from generator.pack.workers import TaskResult
    from generator.progress import LineProgress

    stream = io.StringIO()
    progress = LineProgress(stream)
    task = SimpleNamespace(label="org/x-html.html")
    progress.start([task, task])  # type: ignore[list-item]
    progress.end(task, TaskResult("built", None, 10, 0.5))  # type: ignore[arg-type]
    progress.end(task, TaskResult("built", 2, 10, 0.5))  # type: ignore[arg-type]
    assert stream.getvalue().splitlines() == [
        "[1/2] org/x-html.html (0.5 s)",
        "[2/2] org/x-html.html (2 pages, 0.5 s)",
    ]


@pytest.mark.slow
def test_a_build_removes_the_part_files_of_dead_runs(charter, project_copy: Path) -> None:
    import subprocess

    dead = subprocess.Popen(["true"])
    dead.wait()
    folder = project_copy / "output" / "partnership"
    folder.mkdir(parents=True)
    stale = folder / f".appendix-a-html.html.run{dead.pid}.x1y2.part"
    stale.write_text("half")
    result = charter("build", "--format", "html", "--quiet", cwd=project_copy)
    assert result.exit_code == 0, result.output
    assert not stale.exists() and (folder / "appendix-a-html.html").is_file()


def test_a_logo_that_is_a_symlink_loop_is_one_line(project_copy: Path, charter) -> None:
    folder = project_copy / "content" / "brands" / "riverside-council"
    (folder / "loop.png").symlink_to("loop.png")
    brand = folder / "_brand.yml"
    brand.write_text(brand.read_text().replace("path: logo.png", "path: loop.png"))
    result = charter("build", "--brand", "riverside-council", "--format", "html", cwd=project_copy)
    user_error(result, "loop.png", "symbolic link that loops")
    assert len(result.output.strip().splitlines()) == 1


def test_espeak_ng_writes_nothing_outside_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """espeak-ng's PulseAudio client would write ~/.config/pulse and leave $TMPDIR/pulse-*, even
    to print its voices or version."""
    import shutil

    from generator import audio

    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.delenv("PULSE_SERVER", raising=False)
    assert audio.voices.__wrapped__()  # type: ignore[attr-defined]
    assert audio.tool_version.__wrapped__("espeak-ng") != "unknown"  # type: ignore[attr-defined]
    assert list(home.iterdir()) == [] and list(temp.iterdir()) == []


def _outside(tmp_path: Path) -> Path:
    """A folder outside the project, with a file nothing may touch."""
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("keep")
    return outside


def test_companions_are_not_written_or_pruned_through_a_link_out(tmp_path: Path) -> None:
    """An audio build's tracks folder that someone made a link out of output/: before, the build
    wrote the tracks there and deleted every other file in that folder."""
    from generator.renderers import Rendered, write_rendered

    outside = _outside(tmp_path)
    folder = tmp_path / "output" / "org"
    folder.mkdir(parents=True)
    (folder / "doc-audio-tracks").symlink_to(outside)
    with pytest.raises(CharterError, match=r"symbolic link .* leading out of") as error:
        write_rendered(folder / "doc-audio.mp3", Rendered(b"mp3", None, (("doc-audio-tracks/01.mp3", b"t"),)))
    assert "doc-audio-tracks" in error.value.message
    assert [p.name for p in outside.iterdir()] == ["precious.txt"]
    assert not (folder / "doc-audio.mp3").exists()
    write_rendered(folder / "x.mp3", Rendered(b"mp3", None, (("x-tracks/01.mp3", b"t"),)))  # a real folder
    assert (folder / "x-tracks" / "01.mp3").read_bytes() == b"t"


def test_refuse_link_out_allows_a_linked_output_folder_and_refuses_links_below_it(tmp_path: Path) -> None:
    from generator.names import refuse_link_out

    outside = _outside(tmp_path)
    out = tmp_path / "output"
    out.symlink_to(outside)  # the user's own choice of output folder
    refuse_link_out(out / "org", out)
    (outside / "org").symlink_to(tmp_path)
    with pytest.raises(CharterError, match="Remove the link"):
        refuse_link_out(out / "org", out)
    (outside / "loop").symlink_to("loop")
    with pytest.raises(CharterError, match="Remove the link"):
        refuse_link_out(out / "loop" / "x", out)


def test_a_brand_or_pack_folder_linked_out_of_output_is_refused(project_copy: Path, charter) -> None:
    outside = _outside(project_copy)
    (project_copy / "output").mkdir()
    (project_copy / "output" / "riverside-council").symlink_to(outside)
    result = charter("build", "--brand", "riverside-council", "--format", "html", cwd=project_copy)
    user_error(result, "output/riverside-council", "Remove the link")
    (project_copy / "content" / "packs" / "one.yml").write_text(
        "title: One\nevent:\n  name: Test\nbrands: [riverside-council]\n"
        "documents: [appendix-a]\nformats:\n  html:\n"
    )
    (project_copy / "output" / "one").mkdir()
    (project_copy / "output" / "one" / "riverside-council").symlink_to(outside)
    result = charter("pack", "content/packs/one.yml", "-j", "1", cwd=project_copy)
    user_error(result, "output/one/riverside-council", "Remove the link")
    assert [p.name for p in outside.iterdir()] == ["precious.txt"]


def test_two_translations_that_differ_only_in_case_are_refused_naming_both(tmp_path: Path) -> None:
    """appendix-a.UR.md and appendix-a.ur.md were built as two languages, whose outputs are one
    file where case is ignored (macOS, Windows)."""
    from generator.filenames import languages_of

    source = tmp_path / "appendix-a.md"
    for name in ("appendix-a.md", "appendix-a.ur.md", "appendix-a.easy-read.ur.md", "appendix-a.cy.md"):
        (tmp_path / name).write_text("---\ntitle: x\n---\n")
    assert languages_of(source) == ["cy", "ur"]
    (tmp_path / "appendix-a.UR.md").write_text("---\ntitle: x\n---\n")
    with pytest.raises(CharterError, match=r"a\.UR\.md and .*a\.ur\.md would both be written"):
        languages_of(source)


def test_a_signal_a_library_turned_into_its_own_error_is_still_one_line() -> None:
    """pydantic-core, interrupted while it builds a validator, raises a SchemaError saying
    'KeyboardInterrupt': Ctrl-C at that moment printed its traceback."""
    import os

    import click
    from click.testing import CliRunner

    from generator.cli import INTERRUPTED, _Commands

    @click.group(cls=_Commands)
    def group() -> None:
        """A command group as charter's."""

    @group.command()
    def work() -> None:
        try:
            os.kill(os.getpid(), signal.SIGINT)
            signal.pthread_sigmask(signal.SIG_BLOCK, [])  # the handler has run by now
        except KeyboardInterrupt:
            raise RuntimeError("SchemaError: KeyboardInterrupt") from None

    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        result = CliRunner().invoke(group, ["work"])
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)
    assert result.exit_code == 130 and result.output.strip() == INTERRUPTED, result.output
