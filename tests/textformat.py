"""A format defined outside generator/, as a plugin would: the document's key points as plain
text, from its own template. ``tests/test_plugin_format.py`` registers it at run time and builds
it through ``charter build`` and ``charter pack``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import jinja2

from generator.formats import Format
from generator.renderers import Rendered

if TYPE_CHECKING:
    from generator.run import Inputs, Item, Options

PLAIN_TEXT = Format(
    "plain-text",
    "the key points as plain text",
    (),
    suffix=".txt",
    renderer="textformat:render_text",
    tools="textformat:tool_versions",
    version="Plain text",
    lists_versions=True,
    combined=False,
    cost=1,
    preview="",
)
TEMPLATE = """\
{{ title }}
From {{ brand }}
{% for point in points %}
- {{ point }}
{% endfor %}
Also available: {{ versions | join("; ") }}
"""
TOOL_VERSION = "plain-text-tool 1.0"


def tool_versions() -> dict[str, str]:
    return {"plain-text-tool": TOOL_VERSION}


def render_text(inputs: Inputs, item: Item, options: Options) -> Rendered:
    """The renderer: its template (``plain-text.txt.j2``, in the project's templates/) filled in."""
    from generator.strings import strings_for
    from generator.web import versions

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in inputs.project.template_dirs]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        keep_trailing_newline=True,
    )
    doc = inputs.document(item.doc_id)
    text = env.get_template("plain-text.txt.j2").render(
        title=doc.title,
        brand=inputs.brand(item.brand).name,
        points=doc.key_points,
        versions=[
            f"{label} ({file})"
            for label, file in versions(
                item, inputs.run, strings_for(inputs.project.template_dirs, doc.language)
            )
        ],
    )
    return Rendered(text.encode())
