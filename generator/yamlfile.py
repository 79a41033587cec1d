"""Reading YAML and Markdown front matter: one loader that keeps the line of every key and item.

A :class:`YamlFile` is the parsed data plus the line of every value by its key path (e.g.
``("key_points", 2, "alt")``), in the lines of the file itself (front matter starts on line 2).
Loaders check their data with it and name the exact line of anything wrong; unknown keys are
refused with the closest valid one as a suggestion.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.errors import CharterError

Where = tuple[Any, ...]  # a key path: mapping keys and list indexes


class _Loader(yaml.SafeLoader):
    """A safe loader that keeps dates as text (checked by whoever reads them)."""


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    yaml.constructor.SafeConstructor.construct_yaml_str,  # type: ignore[type-var]
)


@dataclass(frozen=True)
class YamlFile:
    """Parsed YAML data and the line of every key and item in its file."""

    path: Path
    data: Any
    lines: dict[Where, int]

    def line(self, *where: Any) -> int | None:
        """The line of a key or item, else of the nearest enclosing one (None for the whole file)."""
        while where and where not in self.lines:
            where = where[:-1]
        return self.lines.get(where) if where else None

    def error(self, message: str, *where: Any) -> CharterError:
        """A CharterError naming this file and the line of ``where``."""
        return CharterError(message, self.path, self.line(*where))

    def get(self, *where: Any) -> Any:
        """The value at a key path, or None where there is none."""
        value = self.data
        for key in where:
            if isinstance(value, dict):
                value = value.get(key)
            elif isinstance(value, list) and isinstance(key, int) and key < len(value):
                value = value[key]
            else:
                return None
        return value

    def check_keys(self, allowed: Iterable[str], *where: Any, what: str = "key") -> None:
        """Refuse keys not in ``allowed`` in the mapping at ``where``, suggesting the nearest."""
        allowed = list(allowed)
        for key in self.get(*where) or {}:
            if key not in allowed:
                import difflib  # only for the suggestion

                close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
                hint = f"did you mean `{close[0]}`?" if close else f"valid {what}s: {', '.join(allowed)}."
                raise self.error(f"unknown {what} `{key}`: {hint}", *where, key)

    def text(self, *where: Any, required: bool = False) -> str | None:
        """Text at a key path (numbers are read as text); None when absent and not required."""
        value = self.get(*where)
        name = where[-1] if where and isinstance(where[-1], str) else "this entry"
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self.error(f"'{name}:' is missing or empty. Add it.", *where)
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.error(f"'{name}' must be text.", *where)
        return str(value).strip()


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


def parse_yaml(text: str, path: Path, first_line: int = 1) -> YamlFile:
    """Parse YAML text (``first_line`` is the file's line for line 1 of ``text``)."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        lines: dict[Where, int] = {}
        data = _construct(loader, root, (), lines, first_line, path) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, text, path, first_line) from None
    finally:
        loader.dispose()
    return YamlFile(path, data, lines)


def _yaml_error(exc: yaml.MarkedYAMLError, text: str, path: Path, first_line: int) -> CharterError:
    """A YAML syntax error on the line to fix: an unclosed quote or bracket is reported by the
    parser where it gave up (often the end of the file), not on the line it was opened on."""
    context, problem = exc.context or "", exc.problem or "invalid YAML"
    mark = exc.problem_mark or exc.context_mark
    bracket = _unclosed_bracket(text) if "end of stream" in problem or "stream end" in problem else None
    if context.startswith("while scanning a quoted") and exc.context_mark:
        mark, problem = exc.context_mark, "the quote that starts on this line is not closed"
    elif bracket:
        mark, problem = bracket, "the bracket opened on this line is not closed"
    elif context.startswith(("while parsing a flow sequence", "while parsing a flow mapping")):
        mark = exc.context_mark or mark
        problem = f"in the brackets opened on this line (is one not closed?), {problem}"
    elif context.startswith("while scanning") and exc.context_mark:
        mark = exc.context_mark
    line = mark.line + first_line if mark else None
    return CharterError(f"YAML error: {problem}. Check the indentation and quoting.", path, line)


def _unclosed_bracket(text: str) -> yaml.Mark | None:
    """Where the last ``[`` or ``{`` left open in the text starts (the parser only says where the
    text ended)."""
    opened: list[yaml.Mark] = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.FlowSequenceStartToken | yaml.FlowMappingStartToken):
                opened.append(token.start_mark)
            elif isinstance(token, yaml.FlowSequenceEndToken | yaml.FlowMappingEndToken) and opened:
                opened.pop()
    except yaml.YAMLError:
        pass
    return opened[-1] if opened else None


def _construct(
    loader: _Loader, node: yaml.Node, where: Where, lines: dict[Where, int], first: int, path: Path
) -> Any:
    """Plain data from a node, recording the line of every key and item; duplicate keys refused."""
    lines.setdefault(where, node.start_mark.line + first)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # YAML merge keys (<<)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            key_line = key_node.start_mark.line + first
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise CharterError("a key must be a plain word.", path, key_line)
            if key in out:
                raise CharterError(
                    f"'{key}' is given twice (first on line {lines[(*where, key)]}). Keep one.",
                    path,
                    key_line,
                )
            lines[(*where, key)] = key_line
            out[key] = _construct(loader, value_node, (*where, key), lines, first, path)
            lines[(*where, key)] = key_line  # the key's own line, not its value's
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(loader, item, (*where, i), lines, first, path) for i, item in enumerate(node.value)
        ]
    return loader.construct_object(node, deep=True)


def load_yaml(path: Path) -> YamlFile:
    """A whole YAML file, with its lines."""
    return parse_yaml(read_text(path), path)


def split_front_matter(path: Path) -> tuple[YamlFile, str, int]:
    """Markdown with ``---`` YAML front matter: (front matter, body, line number where body starts)."""
    text = read_text(path)
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise CharterError("must start with YAML front matter between '---' lines.", path, 1)
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            meta = parse_yaml("".join(lines[1:index]), path, first_line=2)
            if meta.data is None:
                meta = YamlFile(path, {}, {(): 2})
            if not isinstance(meta.data, dict):
                raise CharterError("front matter must be a mapping of 'key: value' lines.", path, 2)
            return meta, "".join(lines[index + 1 :]), index + 2
    raise CharterError("front matter is not closed: add a '---' line after it.", path, 1)
