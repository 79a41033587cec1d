"""One validation layer: front matter and easy-read files are checked key by key, with the right line.

Every case here is a real file a user could write; the build must stop before rendering anything,
with one line naming the file, the line and what to do.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import break_file, user_error

DOC = "charter/appendix-a.md"
EASY = "charter/appendix-a.easy-read.md"
DOC_PATH = "content/charter/appendix-a.md"
EASY_PATH = "content/charter/appendix-a.easy-read.md"


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        (
            "summary:",
            "summery:",
            f"{DOC_PATH}:7:",
            "unknown front matter key `summery`: did you mean `summary`?",
        ),
        ("key_points:", "key_point:", f"{DOC_PATH}:8:", "`key_point`: did you mean `key_points`?"),
        (
            "language: en-GB",
            "language: en-GB\ndate: 2025-13-45",
            f"{DOC_PATH}:7:",
            "'2025-13-45' is not a real date",
        ),
        ("language: en-GB", "language: english", f"{DOC_PATH}:6:", "'english' is not a BCP 47 language tag"),
        ("language: en-GB", "language: en_GB", f"{DOC_PATH}:6:", "Did you mean 'en-GB'?"),
        ("title: A trauma", 'title: "A trauma', f"{DOC_PATH}:3:", "YAML error"),
        (
            "charter: Co-production Charter",
            "title: Again",
            f"{DOC_PATH}:5:",
            "'title' is given twice (first on line 3)",
        ),
        ("  - Co-production isn't", "  - 12\n  - Co-production isn't", f"{DOC_PATH}:10:", "each key point"),
    ],
)
def test_front_matter_mistakes_name_the_key_and_its_line(
    charter, project_copy: Path, old: str, new: str, where: str, message: str
) -> None:
    break_file(project_copy, DOC, old, new)
    user_error(charter("build", "--format", "handout", cwd=project_copy), where, message)
    assert not (project_copy / "output").exists()


def test_a_real_date_and_a_regional_language_are_accepted(charter, project_copy: Path) -> None:
    from generator.content import load_document

    path = break_file(project_copy, DOC, "language: en-GB", "language: cy-GB\ndate: 2024-02-29")
    document = load_document(path)
    assert (document.language, document.date) == ("cy-GB", "2024-02-29")


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        ("glossary:", "glossery:", f"{EASY_PATH}:22:", "`glossery`: did you mean `glossary`?"),
        (
            "    alt: 2 hands shaking",
            "    alt: 2 hands shaking\n    txt: x",
            f"{EASY_PATH}:12:",
            "`txt`: did you mean `text`?",
        ),
        # The third key point repeats the second's picture name and lacks its alt text: the error is
        # on the third point's line, not where the picture name is first used.
        (
            "  - picture: heart-hands\n    alt: 2 hands making a heart shape\n",
            "  - picture: handshake\n",
            f"{EASY_PATH}:13:",
            "key point 3 needs 'alt:'",
        ),
        (
            "  - picture: people-hugging",
            "  - picture: no-such-picture",
            f"{EASY_PATH}:16:",
            "unknown OpenMoji",
        ),
        (
            "  power: Power means",
            "  power:\n  power: Power means",
            f"{EASY_PATH}:28:",
            "'power' is given twice (first on line 27)",
        ),
        (
            "  wellbeing: Wellbeing",
            "  wellbeing: 12\n  well: Wellbeing",
            f"{EASY_PATH}:28:",
            "'wellbeing' needs an explanation",
        ),
    ],
)
def test_easy_read_mistakes_name_their_own_line(
    charter, project_copy: Path, old: str, new: str, where: str, message: str
) -> None:
    break_file(project_copy, EASY, old, new)
    user_error(charter("build", "--format", "easy-read", cwd=project_copy), where, message)
    assert not (project_copy / "output").exists()


def test_the_text_searching_line_finder_is_gone() -> None:
    import generator.easyread

    assert not hasattr(generator.easyread, "line_of")


@pytest.mark.parametrize(
    "link",
    ["[Click here](javascript:alert(1))", "[the file](file:///etc/passwd)", "<javascript:alert(1)>"],
)
def test_javascript_and_file_links_are_refused(charter, project_copy: Path, link: str) -> None:
    break_file(project_copy, DOC, "\nCo-production across", f"\nSee {link}.\n\nCo-production across")
    href = link[link.index("(") + 1 : -1] if "(" in link and "](" in link else link[1:-1]
    user_error(
        charter("build", "--format", "handout", cwd=project_copy),
        f"{DOC_PATH}:20: link '{href}' must be a full web address",
    )


def test_format_names_are_read_in_any_case() -> None:
    from generator.formats import get_format

    assert get_format("Easy-Read").name == get_format("EASY-READ").name == "easy-read"


def test_a_brand_folder_finds_its_one_named_brand_file(charter, tmp_path: Path) -> None:
    from generator.brand import brand_path, brand_slug
    from generator.project import Project

    folder = tmp_path / "brands"
    folder.mkdir()
    (folder / "_brand-northgate.yml").write_text("meta:\n  name: Northgate\n")
    found = brand_path(f"{folder}/", Project.discover())
    assert found == (folder / "_brand-northgate.yml").resolve()
    assert brand_slug(found) == "northgate"
    (folder / "_brand-southgate.yml").write_text("meta:\n  name: Southgate\n")
    user_error(
        charter("build", "--brand", f"{folder}/"),
        "brands: the folder has 2 brand files (_brand-northgate.yml, _brand-southgate.yml)",
    )


def test_a_colour_too_dark_for_a_dark_background_is_called_too_dark(tmp_path: Path) -> None:
    from generator.brand import load_brand, resolve_brand
    from generator.project import Project

    dark = tmp_path / "dark" / "_brand.yml"
    dark.parent.mkdir()
    dark.write_text('color:\n  background: "#101010"\n  foreground: "#282828"\n  primary: "#203040"\n')
    pale = tmp_path / "pale" / "_brand.yml"
    pale.parent.mkdir()
    pale.write_text('color:\n  foreground: "#f0e060"\n')
    (dark_warning,) = load_brand(resolve_brand(str(dark), Project.discover())).warnings
    (pale_warning,) = load_brand(resolve_brand(str(pale), Project.discover())).warnings
    assert "the foreground colour #282828 is too dark for text on #101010" in dark_warning
    assert "the foreground colour #f0e060 is too pale for text on #ffffff" in pale_warning


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('title: T\nsummary: "not closed\nlanguage: en-GB\n', 3, "the quote that starts on this"),
        ("title: T\nsummary: [not closed\nlanguage: en-GB\n", 3, "in the brackets opened on this line"),
        ("title: T\nkey_points:\n  - [a, b\n", 4, "the bracket opened on this line is not closed"),
        ("title: T\n summary: x\n", 3, "mapping values are not allowed here"),
    ],
)
def test_yaml_syntax_errors_name_the_line_to_fix(tmp_path: Path, text: str, line: int, message: str) -> None:
    from generator.errors import CharterError
    from generator.yamlfile import split_front_matter

    path = tmp_path / "doc.md"
    path.write_text(f"---\n{text}---\nBody.\n")
    with pytest.raises(CharterError) as caught:
        split_front_matter(path)
    assert caught.value.line == line and message in caught.value.detail, caught.value.message
