"""Reading YAML and Markdown front matter: one loader that keeps the line of every key and item.

A :class:`YamlFile` is the parsed data plus the line of every value by its key path (e.g.
``("key_points", 2, "alt")``), in the lines of the file itself (front matter starts on line 2).
Loaders check their data with it and name the exact line of anything wrong; unknown keys are
refused with the closest valid one as a suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.errors import CharterError
from generator.limits import (
    MAX_TEXT,
    MAX_URL,
    MAX_WORD,
    MAX_YAML,
    MAX_YAML_DEPTH,
    MAX_YAML_VALUES,
    read_bytes,
)

Where = tuple[Any, ...]  # a key path: mapping keys and list indexes


class _TooBig(Exception):
    """A YAML limit reached: the message and the 0-based line in the text."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


class _Loader(yaml.SafeLoader):
    """A safe loader that keeps dates as text (checked by whoever reads them), refuses nesting
    deeper than MAX_YAML_DEPTH while composing (before Python's recursion limit)."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_YAML_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise _TooBig(f"nested more than {MAX_YAML_DEPTH} levels deep. Flatten it.", mark.line)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


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


def read_text(path: Path, limit: int = MAX_TEXT, what: str = "document") -> str:
    """A UTF-8 text file (a byte order mark is allowed) of at most ``limit`` bytes, with no control
    characters but tab and line ends, or a CharterError saying why not."""
    data = read_bytes(path, limit, what)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CharterError("is not UTF-8 text. Save it as UTF-8 and try again.", path, line) from None
    check_characters(text, path)
    check_words(text, path)
    return text.replace("\r\n", "\n")


_LONG_RUN = re.compile(rf"\S{{{MAX_WORD + 1},}}")
# What makes a long run of characters a link rather than a word: a scheme with '//' after it, or
# mailto: with an @, or tel: with digits ('x:aaaa...' is a word, held to MAX_WORD like any other).
# (Literal anchors only: a scheme pattern before '://' backtracked for minutes over a huge word.)
_LINK = re.compile(r"://|mailto:[^\s@]+@|tel:\+?\d", re.IGNORECASE)


def check_words(text: str, path: Path) -> None:
    """Refuse a word longer than MAX_WORD characters (a link, MAX_URL): no line can hold it, and
    laying it out takes minutes."""
    for found in _LONG_RUN.finditer(text):
        word = found.group()
        if _LINK.search(word) and len(word) <= MAX_URL + MAX_WORD:
            continue  # a link (with its Markdown brackets): check_length judges it
        before = text[: found.start()]
        raise CharterError(
            f"column {found.start() - before.rfind(chr(10))}: a word of {len(word):,} characters "
            f"('{word[:30]}...'), over the {MAX_WORD} a word may have. Break it up with spaces.",
            path,
            before.count("\n") + 1,
        )


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202d\u202e]")
# U+202D and U+202E (left-to-right and right-to-left override) reorder the letters after them:
# 'day' printed as 'yad'. The direction marks and isolates right-to-left text needs are kept.


def check_characters(text: str, path: Path, first_line: int = 1) -> None:
    """Refuse a control character (NUL, ESC, BEL, ...) or a lone surrogate, naming its line and
    column: it would print as a box, or reach a terminal or a page raw."""
    found = _CONTROL.search(text)
    if found:
        before = text[: found.start()]
        line = before.count("\n") + first_line
        column = found.start() - (before.rfind("\n") + 1) + 1
        char = found.group()
        if char in "\u202d\u202e":
            raise CharterError(
                f"column {column}: the direction override U+{ord(char):04X} would print the letters "
                "after it in reverse order. Delete it.",
                path,
                line,
            )
        raise CharterError(
            f"column {column}: the control character U+{ord(char):04X} cannot be printed. Delete it.",
            path,
            line,
        )


def parse_yaml(text: str, path: Path, first_line: int = 1) -> YamlFile:
    """Parse YAML text (``first_line`` is the file's line for line 1 of ``text``)."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        builder = _Builder(loader, path, first_line, text.splitlines())
        data = builder.build(root, ()) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, text, path, first_line) from None
    except _TooBig as exc:
        raise CharterError(f"YAML too large: {exc}", path, exc.line + first_line) from None
    except yaml.YAMLError as exc:
        raise CharterError(f"YAML error: {str(exc).splitlines()[0]}. Check the file.", path) from None
    finally:
        loader.dispose()
    return YamlFile(path, data, builder.lines if root is not None else {})


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


class _Builder:
    """Plain data from composed nodes, recording the line of every key and item; duplicate keys
    refused, and values reached through aliases (``*name``) counted, so an alias bomb stops at
    MAX_YAML_VALUES instead of filling memory."""

    def __init__(self, loader: _Loader, path: Path, first: int, text_lines: list[str]):
        self.loader, self.path, self.first, self.text_lines = loader, path, first, text_lines
        self.lines: dict[Where, int] = {}
        self.seen: set[int] = set()
        self.expanded = 0

    def build(self, node: yaml.Node, where: Where) -> Any:
        if id(node) in self.seen:
            self.expanded += 1
            if self.expanded > MAX_YAML_VALUES:
                raise _TooBig(
                    f"its aliases (*name) expand to more than {MAX_YAML_VALUES:,} values. "
                    "Write the values out.",
                    node.start_mark.line,
                )
        self.seen.add(id(node))
        self.lines.setdefault(where, node.start_mark.line + self.first)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, where)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*where, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, where: Where) -> dict[Any, Any]:
        self.loader.flatten_mapping(node)  # YAML merge keys (<<)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + self.first
            key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else []
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise CharterError("a key must be a plain word.", self.path, key_line)
            if key in out:
                raise CharterError(
                    f"'{key}' is given twice (first on line {self.lines[(*where, key)]}). Keep one.",
                    self.path,
                    key_line,
                )
            self.lines[(*where, key)] = key_line
            out[key] = self.build(value_node, (*where, key))
            self.lines[(*where, key)] = key_line  # the key's own line, not its value's
        return out

    def _scalar(self, node: yaml.Node) -> Any:
        value = self.loader.construct_object(node, deep=True)
        line = node.start_mark.line + self.first
        if isinstance(value, str):
            check_characters(value, self.path, line)  # escapes such as "\e" or "\ud800"
            plain = isinstance(node, yaml.ScalarNode) and node.style is None
            if plain and node.end_mark.line < len(self.text_lines):
                rest = self.text_lines[node.end_mark.line][node.end_mark.column :]
                if rest.startswith(" #"):
                    raise CharterError(
                        f"' #' starts a comment here, so the value is cut short to '{value}'. Put the "
                        "whole value in quotes (or two spaces before a comment).",
                        self.path,
                        node.end_mark.line + self.first,
                    )
        return value


def load_yaml(path: Path) -> YamlFile:
    """A whole YAML file, with its lines."""
    return parse_yaml(read_text(path, MAX_YAML, "YAML file"), path)


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
