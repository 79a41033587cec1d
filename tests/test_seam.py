"""generator.engine is the one module that touches WeasyPrint: no other module imports it or reads
one of its private names; the installed WeasyPrint is checked at first use (one line when it will
not do); and a canary for each internal charter patches or reads, run on a tiny document."""

from __future__ import annotations

import ast
import io
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from generator import engine
from generator.errors import CharterError

GENERATOR = Path(engine.__file__).resolve().parent


def _engine_private_names() -> set[str]:
    """The private names generator/engine.py reads of WeasyPrint's objects: ``page._page_box``,
    ``getattr(box, "_box", box)``."""
    read = set()
    for node in ast.walk(ast.parse((GENERATOR / "engine.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and ast.unparse(node.value) not in ("self", "cls"):
            read.add(node.attr)
        elif isinstance(node, ast.Call) and ast.unparse(node.func) == "getattr":
            read.update(str(a.value) for a in node.args[1:2] if isinstance(a, ast.Constant))
    return {name for name in read if name.startswith("_") and not name.startswith("__")}


# Names of WeasyPrint's internals charter reads; only generator/engine.py may say them (the
# internals' modules are out of reach elsewhere: no other module imports WeasyPrint).
PRIVATE = {"page_maker", "layout_document", "layout_context", "TAGS", *_engine_private_names()}

PAGED = """
<style>@page { size: 100mm 60mm; margin: 10mm;
  @bottom-center { content: counter(page) " of " counter(pages) } }</style>
<p>One</p><p style="break-before: page">Two</p>
"""
SVG = '<svg width="10" height="10" viewBox="0 0 10 10"><path d="M0 0 L10 0 L10 10 Z"/></svg>'


def render(html: str) -> Any:
    return engine.weasyprint().HTML(string=html).render(pdf_variant="pdf/ua-1")


def test_only_the_engine_imports_weasyprint_or_reads_its_private_names() -> None:
    offences = []
    for path in sorted(GENERATOR.rglob("*.py")):
        if path.name == "engine.py" and path.parent == GENERATOR:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules: list[str] = []
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            if any(m == "weasyprint" or m.startswith("weasyprint.") for m in modules):
                offences.append(f"{path.name}:{getattr(node, 'lineno', 0)} imports WeasyPrint")
            if isinstance(node, ast.Attribute) and node.attr in PRIVATE:
                offences.append(f"{path.name}:{node.lineno} reads .{node.attr}")
            elif isinstance(node, ast.Constant) and node.value in PRIVATE:  # getattr(box, "_box")
                offences.append(f"{path.name}:{node.lineno} says '{node.value}'")
    assert offences == []


def test_the_private_names_are_those_the_engine_reads() -> None:
    assert {"_page_box", "_build_box_tree", "_folder", "_box"} <= _engine_private_names()


def test_the_installed_weasyprint_has_every_internal_charter_uses() -> None:
    engine.weasyprint()
    assert engine.internals() and all(engine.internals().values())
    assert engine.mismatch() is None


def test_another_weasyprint_stops_the_build_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    package = engine.weasyprint()
    monkeypatch.setattr(package, "__version__", "71.0")
    monkeypatch.setattr(engine, "_checked", [])
    with pytest.raises(CharterError) as raised:
        engine.weasyprint()
    message = raised.value.format_message()
    assert "\n" not in message
    assert "WeasyPrint 71.0 is installed" in message and "70." in message


def test_a_missing_internal_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    engine.weasyprint()
    from weasyprint.pdf import tags

    monkeypatch.delattr(tags, "_build_box_tree")
    problem = engine.mismatch()
    assert problem is not None and "\n" not in problem
    assert "weasyprint.pdf.tags._build_box_tree" in problem


def test_canary_layout_document_keeps_the_context_and_page_maker_holds_the_counters() -> None:
    engine.keep_layout_context()
    document = render(PAGED)
    context = engine.page_box(document.pages[1]).layout_context
    assert context.page_maker[2][3][1]["page"] == [2]  # the counters after page 2
    copy = engine.renumbered(document.pages[1], 1, 7, 9)
    margins = [b for b in engine.page_box(copy).descendants() if getattr(b, "text", None)]
    assert "7 of 9" in "".join(b.text for b in margins)
    assert engine.page_box(document.pages[1]) is not engine.page_box(copy)


def test_canary_svg_paths_are_drawn_once_and_alike() -> None:
    engine.reuse_svg_paths()
    first = render(SVG).write_pdf()
    assert "M0 0 L10 0 L10 10 Z" in {d for d, _ in engine._SVG_PATHS}
    assert render(SVG).write_pdf() == first


def test_canary_the_tag_builder_sees_every_element() -> None:
    from generator.finish import install_hook

    install_hook()
    data = render("<h1>Title</h1><p>Words <a href='https://example.org'>a link</a></p>").write_pdf(
        pdf_variant="pdf/ua-1"
    )
    with pikepdf.open(io.BytesIO(data)) as pdf:
        stack, keyed = [pdf.Root.StructTreeRoot], []
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Dictionary):
                if "/CharterKey" in node:
                    keyed.append(str(node.S))
                kids = node.get("/K")
                stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else [])
    assert {"/H1", "/P", "/Link"} <= set(keyed)


def test_canary_pango_counts_lines_and_boxes_are_readable() -> None:
    document = render("<p style='width: 200px'>" + "word " * 40 + "</p>")
    boxes = engine.box_types()
    lines = [b for b in engine.page_box(document.pages[0]).descendants() if isinstance(b, boxes.LineBox)]
    text = next(b for line in lines for b in line.descendants() if isinstance(b, boxes.TextBox))
    keys = ("font_family", "font_style", "font_stretch", "font_weight", "font_size", "font_variant_caps")
    font = {key: text.style[key] for key in (*keys, "font_variation_settings")}
    layouts: list[Any] = []
    assert engine.pango_lines(layouts, "word " * 40, text.style, font, 200.0) == len(lines)
    assert engine.pango_lines(layouts, "word " * 40, text.style, font, 10000.0) == 1


def test_canary_font_configurations_keep_their_folder() -> None:
    engine.weasyprint()
    config = engine.new_font_config()
    assert hasattr(config, "_folder")
    assert engine.font_config_folder(config) is None  # no @font-face registered yet


def test_canary_text_runs_carry_their_actual_text() -> None:
    from generator.finish import install_hook

    install_hook()  # a run with a combining sign carries its characters, any other none
    data = render("<p>Cafe\u0301 <b>bold</b></p>").write_pdf(pdf_variant="pdf/ua-1")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        marked = [
            i.operands[1] for i in pikepdf.parse_content_stream(pdf.pages[0]) if str(i.operator) == "BDC"
        ]
    assert [(int(m.MCID), str(m.get("/ActualText"))) for m in marked] == [(0, "Cafe\u0301 "), (1, "None")]
