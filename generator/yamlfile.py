"""Reading YAML and Markdown front matter, with file:line in every error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.errors import CharterError


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that refuses duplicate keys and keeps dates as text."""


def _mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"'{key}' is given twice (first on line {seen[key]})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_StrictLoader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    yaml.constructor.SafeConstructor.construct_yaml_str,  # type: ignore[type-var]
)


def read_text(path: Path) -> str:
    """A UTF-8 text file, or a CharterError saying why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CharterError("file not found.", path) from None
    except UnicodeDecodeError:
        raise CharterError("is not UTF-8 text. Save it as UTF-8 and try again.", path) from None
    except OSError as exc:
        raise CharterError(f"cannot be read ({exc.strerror}).", path) from None


def parse_yaml(text: str, path: Path, first_line: int = 1) -> Any:
    """Parse YAML text; errors carry the line in the file (``first_line`` is line 1 of text)."""
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else None
        problem = exc.problem or "invalid YAML"
        raise CharterError(f"YAML error: {problem}. Check the indentation and quoting.", path, line) from None


def split_front_matter(path: Path) -> tuple[dict[str, Any], str, int]:
    """Markdown with ``---`` YAML front matter: (metadata, body, line number where body starts)."""
    text = read_text(path)
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise CharterError("must start with YAML front matter between '---' lines.", path, 1)
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            meta = parse_yaml("".join(lines[1:index]), path, first_line=2) or {}
            if not isinstance(meta, dict):
                raise CharterError("front matter must be a mapping of 'key: value' lines.", path, 2)
            return meta, "".join(lines[index + 1 :]), index + 2
    raise CharterError("front matter is not closed: add a '---' line after it.", path, 1)


def load_yaml_with_lines(path: Path) -> tuple[Any, dict[tuple[Any, ...], int]]:
    """A whole YAML file, and the line of every value by its key path (e.g. ``("formats", "poster")``).

    Lets a loader validate plain data yet still name the line a bad value is on.
    """
    text = read_text(path)
    data = parse_yaml(text, path)
    lines: dict[tuple[Any, ...], int] = {}

    def walk(node: yaml.Node, where: tuple[Any, ...]) -> None:
        lines[where] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                walk(value_node, (*where, key_node.value))
                lines[(*where, key_node.value)] = key_node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*where, index))

    root = yaml.compose(text, Loader=_StrictLoader)
    if root is not None:
        walk(root, ())
    return data, lines
