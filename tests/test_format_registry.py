"""Formats are declared in one place: no module of generator/ but formats.py, and no template,
asks which format or kind of file an item is (each reads the format's declaration instead), and
every shipped format declares a working renderer and, where it has them, its tools."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes

from generator.formats import FORMATS, Format, PageOptions, get_format, register, resolve

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# What a file's kind used to be called, and its suffixes: comparing a format with these is asking
# what kind of file it is.
KIND_WORDS = {"pdf", "html", "brf", "epub", "docx", "mp3", ".pdf", ".html", ".brf", ".epub", ".docx", ".mp3"}


def _mentions_format(node: ast.AST) -> bool:
    """Code about a format, or about a file's suffix (which names its kind)."""
    text = ast.unparse(node)
    return "fmt" in text or "format" in text.lower() or text.endswith("suffix")


def format_comparisons(source: str, name: str = "<source>") -> list[str]:
    """``file:line: code`` of each place ``source`` compares a format (or its name, kind or suffix)
    with a format name or kind, picks a format by a literal name or lists formats by name."""
    names = set(FORMATS) | KIND_WORDS
    found = []

    def literal(node: ast.AST) -> bool:
        if isinstance(node, ast.Constant):
            return node.value in names
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return any(literal(e) for e in node.elts)
        return False

    for node in ast.walk(ast.parse(source)):
        bad = False
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            bad = any(literal(s) for s in sides) and any(_mentions_format(s) for s in sides if not literal(s))
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("FORMATS"):
            bad = isinstance(node.slice, ast.Constant)
        elif isinstance(node, ast.Call) and ast.unparse(node.func).endswith("get_format"):
            bad = bool(node.args) and isinstance(node.args[0], ast.Constant)
        elif isinstance(node, ast.Attribute) and node.attr == "kind":
            bad = _mentions_format(node.value)
        elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):  # a choice of formats by their names
            bad = sum(isinstance(e, ast.Constant) and e.value in FORMATS for e in node.elts) > 1
        if bad:
            found.append(f"{name}:{getattr(node, 'lineno', 0)}: {ast.unparse(node)}")
    return found


def test_no_module_but_formats_compares_format_names_or_kinds() -> None:
    found = []
    for path in sorted(GENERATOR.rglob("*.py")):
        if path.name != "formats.py":
            found += format_comparisons(path.read_text(encoding="utf-8"), str(path.relative_to(GENERATOR)))
    assert found == []


def template_format_comparisons(source: str, name: str = "<template>") -> list[str]:
    """``file:line: code`` of each place a Jinja template compares a value with a format name or
    kind (``==``, ``in``, ``startswith``), or reads a ``kind``: a template reads what the format
    declares (``fmt.easy_read``, ``fmt.plain_face``), never which format it is."""
    names = set(FORMATS) | KIND_WORDS

    def literal(node: nodes.Node) -> bool:
        if isinstance(node, nodes.Const):
            return node.value in names
        if isinstance(node, (nodes.Tuple, nodes.List)):
            return any(literal(item) for item in node.items)
        return False

    found = []
    for node in jinja2.Environment().parse(source).find_all((nodes.Compare, nodes.Call, nodes.Getattr)):
        if isinstance(node, nodes.Compare):
            bad = any(literal(side) for side in [node.expr, *(op.expr for op in node.ops)])
        elif isinstance(node, nodes.Call):
            bad = any(literal(argument) for argument in node.args)
        else:
            bad = node.attr == "kind"
        if bad:
            found.append(f"{name}:{node.lineno}: {type(node).__name__}")
    return found


def test_no_template_compares_format_names_or_kinds() -> None:
    found = []
    for path in sorted(TEMPLATES.rglob("*.j2")):
        shown = str(path.relative_to(TEMPLATES))
        found += template_format_comparisons(path.read_text(encoding="utf-8"), shown)
    assert found == []


def foreign_format_classes(css: str, own: str, name: str = "<stylesheet>") -> list[str]:
    """``file:line: .class`` of each selector in ``css`` (a stylesheet, or a template's ``<style>``)
    naming the class of a format that neither is ``own`` nor builds on the stylesheet ``own``
    (``Format.shares``: css/poster.css may style the easy-read poster): a format's styles live in
    its own stylesheets, never in another format's or in the page shell."""
    css = re.sub(r"/\*.*?\*/|\{#.*?#\}", lambda m: "\n" * m.group().count("\n"), css, flags=re.S)
    classes = re.compile(r"\.(" + "|".join(map(re.escape, FORMATS)) + r")(?![\w-])")
    return [
        f"{name}:{css[: m.start()].count(chr(10)) + 1}: {m.group()}"
        for m in classes.finditer(css)
        if m.group(1) != own and own not in FORMATS[m.group(1)].shares
    ]


def test_no_stylesheet_or_page_shell_styles_another_formats_class() -> None:
    found = []
    for path in sorted((TEMPLATES / "css").glob("*.css")) + sorted(TEMPLATES.glob("*.css.j2")):
        own = path.name.split(".")[0]
        found += foreign_format_classes(path.read_text(encoding="utf-8"), own, path.name)
    for path in sorted(TEMPLATES.glob("*.html.j2")):
        text = path.read_text(encoding="utf-8")
        for style in re.finditer(r"<style>(.*?)</style>", text, flags=re.S):
            css = "\n" * text[: style.start(1)].count("\n") + style.group(1)
            found += foreign_format_classes(css, path.name.split(".")[0], path.name)
    assert found == []


@pytest.mark.parametrize(
    ("css", "own", "found"),
    [
        (".handout .checked { font-size: 0.7em; }", "poster", [".handout"]),
        (".handout:not(.landscape) .lead { max-width: 30em; }", "base", [".handout"]),
        (".poster .badge { margin: 0; }", "easy-read-poster", [".poster"]),
        (".easy-read-poster .checked { font-size: 0.7em; }", "poster", []),  # it builds on poster.css
        (".easy-read-poster .checked { font-size: 0.7em; }", "easy-read-poster", []),
        (".poster-sheet .points.pictured li { margin: 0; }", "easy-read-poster", []),
        ("/* as in .handout */ img { width: var(--picture); }", "base", []),
    ],
)
def test_the_stylesheet_check(css: str, own: str, found: list[str]) -> None:
    assert [f.rsplit(": ", 1)[1] for f in foreign_format_classes(css, own)] == found


@pytest.mark.parametrize(
    "code",
    [
        '{% set plain = page.kind.startswith("easy-read") %}',
        '{% if section.fmt.name == "easy-read" and section.text_pt > 16 %}x{% endif %}',
        '{{ "web" if fmt.name in ("html", "easy-read-html") }}',
        '{% if "poster" != section.fmt.name %}x{% endif %}',
        "{{ item.kind }}",
        '{% if fmt.suffix == ".pdf" %}x{% endif %}',
    ],
)
def test_the_template_check_finds_each_way_of_asking_which_format(code: str) -> None:
    assert len({found.split(": ")[0] for found in template_format_comparisons(code)}) == 1


@pytest.mark.parametrize(
    "code",
    [
        "{% if section.fmt.plain_face %} plain-face{% endif %}",
        '<section class="doc {{ section.fmt.name }}">',  # its name as the stylesheets' class
        '{% if block.tag == "h2" and point.picture %}x{% endif %}',
        '{{ strings(language)("page_of", page=1) }}',
        '<p data-kind="{{ label }}">kind: html</p>',
    ],
)
def test_the_template_check_leaves_other_comparisons_alone(code: str) -> None:
    assert template_format_comparisons(code) == []


@pytest.mark.parametrize(
    "code",
    [
        'if fmt.kind == "pdf": pass',
        'x = get_format(item.fmt).name != "poster"',
        'x = item.fmt in ("html", "easy-read-html")',
        'x = FORMATS["poster"].papers',
        'x = get_format("handout")',
        'x = get_format(item.fmt).suffix == ".brf" and fmt.easy_read',
        "x = section.fmt.kind",
        'EDITION = ("handout", "large-print", "html")',
        'x = name if suffix == "html" else other',
    ],
)
def test_the_check_finds_each_way_of_asking_which_format(code: str) -> None:
    assert len({found.split(": ")[0] for found in format_comparisons(code)}) == 1


@pytest.mark.parametrize(
    "code",
    [
        'if kind == "easy-read": pass',  # a kind of input file (generator/lint.py), not a format
        "x = i.fmt != item.fmt",
        "x = fmt.easy_read and fmt.landscape",
        'x = block.kind == "heading"',
        'x = path.suffix in (".yml", ".yaml")',
    ],
)
def test_the_check_leaves_other_comparisons_alone(code: str) -> None:
    assert format_comparisons(code) == []


@pytest.mark.parametrize("fmt", list(FORMATS.values()), ids=list(FORMATS))
def test_every_format_declares_what_it_is_made_with(fmt: Format) -> None:
    assert callable(resolve(fmt.renderer))
    assert fmt.suffix.startswith(".") and fmt.suffix == fmt.suffix.lower()
    if fmt.tools:
        versions = resolve(fmt.tools)()
        assert versions and all(isinstance(v, str) for v in versions.values())
    if fmt.requires:  # None where its tools are installed, else the warning of a build of everything
        message = resolve(fmt.requires)()
        assert message is None or (
            message.startswith(f"no {fmt.name.split('-')[-1]} is made: ") and "apt-get" in message
        )
    assert fmt.combined == (fmt.suffix == ".pdf")  # the combined pack PDF holds the PDFs alone
    assert fmt.default_paper in (fmt.papers or (fmt.default_paper,))


def test_version_labels_of_papers_and_of_files_without() -> None:
    landscape = PageOptions(landscape=True)
    assert get_format("handout").version_label(landscape) == "Handout, PDF, A4 landscape paper"
    assert get_format("easy-read-poster").version_label(PageOptions()) == "Easy read poster, PDF, A4 paper"
    assert (
        get_format("braille").version_label(landscape)
        == "Braille, BRF file (Unified English Braille, grade 2)"
    )


def test_a_format_name_is_registered_once() -> None:
    with pytest.raises(ValueError, match="already named 'handout'"):
        register(Format("handout", "a second handout", ()))
    with pytest.raises(ValueError, match="not lower case"):
        register(Format("Shout", "upper case", ()))
    assert "shout" not in FORMATS and "Shout" not in FORMATS
