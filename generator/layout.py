"""Laying out composed sections with WeasyPrint: a layout's key (its HTML and stylesheets) and
the laid-out document, a poster's fitted layout used once rather than made again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.compose import Composition, compose_html, stylesheet_paths
from generator.render import allowed_roots, render_document
from generator.run import Inputs


def layout_key(inputs: Inputs, composition: Composition) -> tuple[str, tuple[Path, ...]]:
    """What a layout is made from: the composed HTML and the stylesheets."""
    html = compose_html(inputs.project, composition)
    stylesheets = stylesheet_paths(inputs.project, [s.fmt for s in composition.sections], composition.styles)
    return html, tuple(stylesheets)


def layout_sections(inputs: Inputs, composition: Composition) -> tuple[tuple[str, tuple[Path, ...]], Any]:
    """Compose and lay out: a key for the layout (its HTML and stylesheets) and the WeasyPrint
    Document, whose pages can be counted before writing. A layout made while fitting a poster is
    used once, not made again."""
    sections, brand = composition.sections, composition.brand
    key = layout_key(inputs, composition)
    if key in inputs.layouts:
        return key, inputs.layouts.pop(key)
    html, stylesheets = key
    folders = {s.brand.folder for s in sections} | {brand.folder}
    fonts = {face.path.parent for face in composition.faces}
    roots = allowed_roots(*inputs.project.template_dirs, inputs.project.content_dir, *sorted(folders | fonts))
    return key, render_document(html, list(stylesheets), roots, brand.folder, composition.faces)
