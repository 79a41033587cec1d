"""Limits before work: every hostile or oversized input is refused in one line, quickly, before
it is read in full (FIFOs, devices, sparse files, YAML alias bombs, deep nesting, huge words)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import break_file, user_error

from generator.errors import CharterError
from generator.limits import MAX_KEY_POINTS, MAX_NESTING, MAX_PICTURE, MAX_TEXT, MAX_WORD, MAX_YAML_DEPTH

DOC = "charter/appendix-a.md"
EASY = "charter/appendix-a.easy-read.md"
BRAND = "content/brands/riverside-council/_brand.yml"
BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(9)
)  # 10^10 values once expanded


def refused(run: Callable[[], object], *fragments: str) -> str:
    """The run ends in one user error holding ``fragments``, in under 5 seconds."""
    start = time.perf_counter()
    result = run()
    assert time.perf_counter() - start < 5
    user_error(result, *fragments)
    message = result.output.strip()  # type: ignore[attr-defined]
    assert "\n" not in message, message
    return message


def test_a_fifo_as_a_document_is_refused_at_once(charter, tmp_path: Path) -> None:
    fifo = tmp_path / "x.easy-read.md"
    os.mkfifo(fifo)
    result = charter("check", str(fifo))
    assert result.exit_code == 1 and "not a regular file" in result.output


def test_dev_zero_to_check_is_refused_at_once(charter, tmp_path: Path) -> None:
    zero = tmp_path / "zero.easy-read.md"
    zero.symlink_to("/dev/zero")
    result = charter("check", str(zero))
    assert result.exit_code == 1 and "not a regular file" in result.output


def test_a_fifo_as_a_font_or_a_brand_file_is_refused(charter, project_copy: Path) -> None:
    brand = project_copy / BRAND
    os.mkfifo(brand.parent / "font.ttf")
    brand.write_text(
        brand.read_text().replace(
            "typography:\n  base: Atkinson Hyperlegible",
            "typography:\n  fonts:\n    - family: Pipe\n      source: file\n"
            "      files:\n        - path: font.ttf\n  base: Pipe",
        )
    )
    refused(
        lambda: charter("build", "--brand", "riverside-council", "--format", "html", cwd=project_copy),
        "font file 'font.ttf'",
        "not a regular file",
    )
    os.mkfifo(project_copy / "pipe.yml")
    refused(lambda: charter("build", "--brand", "pipe.yml", cwd=project_copy), "pipe.yml")


def test_a_sparse_2_gb_picture_is_refused_before_it_is_read(charter, project_copy: Path) -> None:
    picture = project_copy / "content" / "charter" / "huge.png"
    with picture.open("wb") as out:
        out.truncate(2 * 1024**3)
    break_file(project_copy, DOC, "\n---\n", "\n---\n![A huge picture](huge.png)\n\n")
    message = refused(lambda: charter("build", "--format", "html", cwd=project_copy), "huge.png")
    assert f"over the {MAX_PICTURE // 1024**2} MB limit" in message


def test_a_picture_just_under_the_limit_is_not_refused_for_its_size(tmp_path: Path) -> None:
    from generator.errors import CharterError
    from generator.pictures import check_picture

    picture = tmp_path / "big.png"
    with picture.open("wb") as out:
        out.truncate(MAX_PICTURE)
    with pytest.raises(CharterError) as caught:
        check_picture(picture, tmp_path / "doc.md")
    assert "limit" not in caught.value.message  # refused for what it is (not a PNG), not its size


def test_a_document_over_the_size_limit_is_refused(charter, project_copy: Path) -> None:
    path = project_copy / "content" / DOC
    path.write_text(path.read_text() + ("word " * 10 + "\n") * (20 * 1024 * 1024 // 51))
    limit = f"over the {MAX_TEXT // 1024} kB limit"
    refused(lambda: charter("build", "--format", "html", cwd=project_copy), limit)
    path.write_text(path.read_text()[: MAX_TEXT - 100])  # under it, the rest of the checks run
    assert "limit" not in charter("build", "--format", "html", "--doc", "nope", cwd=project_copy).output


@pytest.mark.parametrize(
    ("relative", "old"),
    [
        (f"content/{DOC}", "title:"),
        (f"content/{EASY}", "title:"),
        (BRAND, "meta:"),
        ("content/packs/workshop.yml", "title:"),
    ],
)
def test_yaml_alias_bombs_stop_at_the_limit(charter, project_copy: Path, relative: str, old: str) -> None:
    path = project_copy / relative
    path.write_text(path.read_text().replace(old, BOMB.replace("\n", "\n") + old, 1))
    args = ["pack", "workshop"] if "packs" in relative else ["build", "--format", "html"]
    if "brands" in relative:
        args += ["--brand", "riverside-council"]
    if (
        "easy-read" in relative
    ):  # its own format alone: a build of several lists every failure after what it wrote
        args = ["build", "--format", "easy-read-html"]
    refused(lambda: charter(*args, cwd=project_copy), relative, "expand to more than 10,000 values")


def test_deep_yaml_nesting_is_refused_on_its_line(charter, project_copy: Path) -> None:
    deep = "deep: " + "[ " * 1000 + "] " * 1000 + "\n"
    break_file(project_copy, DOC, "title:", deep + "title:")
    refused(
        lambda: charter("build", "--format", "html", cwd=project_copy),
        "content/charter/appendix-a.md:3:",
        f"nested more than {MAX_YAML_DEPTH} levels",
    )


@pytest.mark.parametrize(
    ("new", "where", "fragment"),
    [
        ("title: A\x00trauma", ":3:", "column 9: the control character U+0000"),
        ("title: A\x1btrauma", ":3:", "U+001B"),
        ('title: "A\\etrauma', ":3:", "U+001B"),
        ('title: "A\\ud800 trauma', ":3:", "U+D800"),
        ("title: A\x07trauma", ":3:", "U+0007"),
    ],
)
def test_control_characters_and_lone_surrogates_are_refused_on_their_line(
    charter, project_copy: Path, new: str, where: str, fragment: str
) -> None:
    text = (project_copy / "content" / DOC).read_text()
    line = next(line for line in text.splitlines() if line.startswith("title: A trauma"))
    (project_copy / "content" / DOC).write_text(
        text.replace(line, new + line.removeprefix("title: A trauma") + ('"' if '"' in new else ""), 1)
    )
    message = refused(lambda: charter("build", "--format", "html", cwd=project_copy), where, fragment)
    assert "\x00" not in message and "\x1b" not in message


def test_a_control_character_in_the_body_names_line_and_column(charter, project_copy: Path) -> None:
    path = break_file(project_copy, DOC, "\n---\n", "\n---\n# Bell\x07 \n\n")
    line = (
        path.read_text().splitlines().index(next(x for x in path.read_text().splitlines() if "\x07" in x)) + 1
    )
    refused(
        lambda: charter("build", "--format", "html", cwd=project_copy), f"appendix-a.md:{line}: column 7:"
    )


def test_too_many_key_points_are_refused(charter, project_copy: Path) -> None:
    points = "".join(f"  - Point {i}.\n" for i in range(MAX_KEY_POINTS + 1))
    break_file(project_copy, DOC, "key_points:\n", "key_points:\n" + points)
    refused(lambda: charter("build", "--format", "html", cwd=project_copy), f"more than {MAX_KEY_POINTS}")


def test_a_huge_word_is_refused_and_a_long_link_is_not(charter, project_copy: Path) -> None:
    path = break_file(project_copy, DOC, "\n---\n", "\n---\n" + "x" * 100_000 + "\n\n")
    refused(lambda: charter("build", "--format", "html", cwd=project_copy), "a word of 100,000 characters")
    path.write_text(
        path.read_text().replace(
            "x" * 100_000, "y" * MAX_WORD + " [a](https://example.org/" + "z" * 1500 + ")"
        )
    )
    from generator.content import load_document

    assert "z" * 1500 in load_document(path).body_html


def test_deep_nesting_in_markdown_is_refused(charter, project_copy: Path) -> None:
    break_file(project_copy, DOC, "\n---\n", "\n---\n" + "> " * 10_000 + "deep\n\n")
    refused(
        lambda: charter("build", "--format", "html", cwd=project_copy), f"nested more than {MAX_NESTING} deep"
    )
    from generator.markdown import parse

    parse("> " * MAX_NESTING + "fine\n", {}, Path("x.md"), 1)


def test_a_link_too_long_for_a_qr_code_is_one_line(charter, project_copy: Path) -> None:
    url = "https://example.org/" + "a" * 3000
    refused(
        lambda: charter("build", "--format", "poster", "--url", url, cwd=project_copy),
        "3,020 characters long",
    )


def test_a_qr_code_overflow_is_one_line() -> None:
    from generator.errors import CharterError
    from generator.poster import qr_code

    with pytest.raises(CharterError, match="too long for a QR code"):
        qr_code("https://example.org/" + "\U0001f600" * 1900)  # within MAX_URL, but 7,620 bytes


def test_a_huge_organisation_name_is_refused(charter, project_copy: Path) -> None:
    brand = project_copy / BRAND
    brand.write_text(
        brand.read_text().replace(
            "full: Riverside Borough Council", "full: " + "Riverside" + " Riverside" * 9_999
        )
    )
    refused(
        lambda: charter("build", "--brand", "riverside-council", "--format", "html", cwd=project_copy),
        "meta.name is 99,999 characters long",
    )


@pytest.mark.parametrize("relative", [BRAND, "content/packs/workshop.yml"])
def test_an_unquoted_hash_that_cuts_a_value_is_refused(charter, project_copy: Path, relative: str) -> None:
    path = project_copy / relative
    old, new = (
        ("full: Riverside Borough Council", "full: Team #1 North")
        if "brands" in relative
        else ("title:", "title: Team #1 North\nx:")
    )
    text = path.read_text()
    if "packs" in relative:
        line = next(x for x in text.splitlines() if x.startswith("title:"))
        text = text.replace(line, "title: Team #1 North")
    else:
        text = text.replace(old, new)
    path.write_text(text)
    args = (
        ["pack", "workshop"]
        if "packs" in relative
        else ["build", "--brand", "riverside-council", "--format", "html"]
    )
    refused(lambda: charter(*args, cwd=project_copy), relative, "cut short to 'Team'")


def test_a_byte_order_mark_is_accepted(project_copy: Path) -> None:
    from generator.content import load_document

    path = project_copy / "content" / DOC
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_document(path).title.startswith("A trauma")


def test_a_long_token_is_a_word_unless_it_is_a_link(tmp_path: Path) -> None:
    """#25: 'x:aaaa...' once passed as a link (a colon in its first 8 characters) and reached
    the brand's colour parser whole; only a scheme with '//', mailto: with an @ or tel: with
    digits makes a long token a link, and a refused colour is quoted short."""
    from generator.brandfile import read_brand_file
    from generator.yamlfile import check_words

    long = "a" * 300
    for token in (f"x:{long}", f"#{long}", f"col:{long}"):
        with pytest.raises(CharterError, match="a word of 3"):
            check_words(f"name: {token}\n", tmp_path / "b.yml")
    for link in (
        f"https://{long}",
        f"mailto:{long}@example.org",
        f"tel:+44{'1' * 300}",
        f"[x](http://{long})",
    ):
        check_words(f"link: {link}\n", tmp_path / "b.yml")
    brand = tmp_path / "_brand.yml"
    brand.write_text(f'meta:\n  name: Test\ncolor:\n  primary: "x:{long}"\n')
    with pytest.raises(CharterError) as refused:
        read_brand_file(brand)
    assert "a word of 304 characters" in refused.value.message and "a" * 40 not in refused.value.message


def test_a_direction_override_is_refused_at_its_line_and_column(tmp_path: Path) -> None:
    """#25: U+202E in a pack manifest's title printed 'Workshop day' as 'Workshop yad'. The
    overrides are refused in every text input; the marks right-to-left text needs are kept."""
    from generator.yamlfile import check_characters

    for char in ("\u202d", "\u202e"):
        with pytest.raises(
            CharterError, match=rf"x.yml:2: column 10: the direction override U\+{ord(char):04X}"
        ):
            check_characters(f"brands: all\ntitle: Wo{char}rkshop day\n", tmp_path / "x.yml")
    check_characters("title: \u200fمل کر\u200e \u2067x\u2069 \u202bx\u202c\n", tmp_path / "x.yml")


def test_user_templates_are_held_to_the_limits_of_every_input(charter, tmp_path: Path) -> None:
    """#25: a project's own templates/ are inputs too: a FIFO there once hung the build for
    ever, and a stylesheet of any size was read whole."""
    templates = tmp_path / "templates"
    (templates / "css").mkdir(parents=True)
    os.mkfifo(templates / "handout.html.j2")
    start = time.perf_counter()
    user_error(charter("build", "--format", "handout"), "templates/handout.html.j2: is not a regular file")
    assert time.perf_counter() - start < 5
    (templates / "handout.html.j2").unlink()
    (templates / "css" / "handout.css").write_text("/*" + "x" * MAX_TEXT + "*/")
    user_error(
        charter("build", "--format", "handout"),
        f"templates/css/handout.css: is {MAX_TEXT // 1024} kB, over the {MAX_TEXT // 1024} kB",
    )
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_body_of_more_blocks_than_the_limit_is_refused_at_the_line_it_passes_it(tmp_path: Path) -> None:
    from generator.limits import MAX_BLOCKS
    from generator.markdown import parse

    path = tmp_path / "x.md"
    assert len(parse("Words.\n\n" * MAX_BLOCKS, {}, path, 5)) == 3 * MAX_BLOCKS
    with pytest.raises(CharterError, match=f"more than {MAX_BLOCKS:,} blocks") as error:
        parse("Words.\n\n" * (MAX_BLOCKS + 1), {}, path, 5)
    assert error.value.line == 5 + 2 * MAX_BLOCKS
    table = "| a | b |\n|---|---|\n" + "| x | y |\n" * (MAX_BLOCKS // 2)  # cells count, not rows
    with pytest.raises(CharterError, match="table cells"):
        parse(table, {}, path, 1)


def test_a_huge_table_is_refused_in_one_line(charter, project_copy: Path) -> None:
    """8,000 rows took over 40 s to lay out; one line now, before any layout."""
    break_file(project_copy, DOC, "\n---\n", "\n---\n| a | b |\n|---|---|\n" + "| x | y |\n" * 8000)
    refused(lambda: charter("build", "--format", "handout", cwd=project_copy), "appendix-a.md", "blocks")


def test_big_inputs_are_refused_in_one_line_within_500_mb(project_copy: Path) -> None:
    """The memory bound, proved: a real `charter` process under RLIMIT_AS = 500 MB (a MemoryError
    or a kill would fail it), given a 20 MB document, a 30,000-cell table and a 2 GB sparse logo,
    refuses each in one line within 5 s of CPU."""
    import resource
    import subprocess
    import sys

    limit = 500 * 1024 * 1024
    repo = Path(__file__).resolve().parent.parent

    def cpu() -> float:
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        return used.ru_utime + used.ru_stime

    def run(*args: str) -> str:
        start = cpu()
        result = subprocess.run(
            [sys.executable, "-m", "generator", *args],
            cwd=project_copy,
            env={**os.environ, "PYTHONPATH": str(repo)},
            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert cpu() - start < 5  # seconds of CPU: a busy machine's waiting is not counted
        lines = (result.stdout + result.stderr).strip().splitlines()
        assert result.returncode == 1 and len(lines) == 1 and lines[0].startswith("Error: "), lines
        return lines[0]

    charter_dir = project_copy / "content" / "charter"
    (charter_dir / "big.md").write_text("---\ntitle: Big\n---\n\n" + "word " * (4 * 1024 * 1024))
    assert f"over the {MAX_TEXT // 1024} kB limit" in run("build", "--doc", "big", "--format", "html")
    (charter_dir / "big.md").write_text("---\ntitle: Big\n---\n\n|a|b|\n|-|-|\n" + "|x|y|\n" * 15_000)
    assert "blocks" in run("build", "--doc", "big", "--format", "handout")
    (charter_dir / "big.md").unlink()
    brand = project_copy / BRAND
    with (brand.parent / "huge.png").open("wb") as out:
        out.truncate(2 * 1024**3)
    brand.write_text(brand.read_text().replace("path: logo.png", "path: huge.png"))
    assert "huge.png" in run("build", "--brand", "riverside-council", "--format", "html")
