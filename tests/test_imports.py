"""The import graph of generator/ (read from the source with ast): every import a module can run
is an edge, at its top or inside a function (a lazy import, made for ``charter --help``'s speed,
points downward like any other); there is no circle, and the build stages come in their order,
each importing only those below it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parent.parent / "generator"

# The stages of a build, lowest first: each imports only stages before it.
STAGES = [
    "generator.run",
    "generator.planning",
    "generator.layout",
    "generator.posterfit",
    "generator.sections",
    "generator.pdf",
    "generator.build",
]


def module_name(path: Path, root: Path = GENERATOR.parent) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, modules: set[str], root: Path = GENERATOR.parent) -> set[str]:
    """The generator modules ``path`` imports anywhere it runs, inside functions too; an
    ``if TYPE_CHECKING:`` import is for annotations only and never runs."""
    name, found = module_name(path, root), set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    base = ".".join(
                        [*package.split(".")[: len(package.split(".")) - child.level + 1], base]
                    ).strip(".")
                for alias in child.names:
                    found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
            elif isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names)
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return (found & modules) - {name}


def graph() -> dict[str, set[str]]:
    paths = sorted(GENERATOR.rglob("*.py"))
    modules = {module_name(p) for p in paths}
    return {module_name(p): imports(p, modules) for p in paths}


def circles(edges: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(component)

    for v in sorted(edges):
        if v not in index:
            strong(v)
    return found


def test_no_circle_among_all_the_imports_a_module_runs() -> None:
    assert circles(graph()) == []


def test_an_import_inside_a_function_is_an_edge_and_one_for_annotations_is_not(tmp_path: Path) -> None:
    source = tmp_path / "generator" / "a.py"
    source.parent.mkdir()
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "from generator import b\n"
        "if TYPE_CHECKING:\n    from generator.c import C\n"
        "def f():\n    from generator.d import g\n    from . import e\n",
        encoding="utf-8",
    )
    modules = {f"generator.{name}" for name in "abcde"}
    assert imports(source, modules, root=tmp_path) == {"generator.b", "generator.d", "generator.e"}


def test_the_build_stages_import_only_those_below_them() -> None:
    edges = graph()
    for n, stage in enumerate(STAGES):
        assert edges[stage] & set(STAGES) <= set(STAGES[:n]), stage
    below = {m for m in edges if m not in {*STAGES, "generator.cli", "generator.preview", "generator.needs"}}
    lower = [
        m for m in sorted(below) if not m.startswith("generator.pack") and edges[m] & {"generator.build"}
    ]
    assert lower == []  # only the command line, the preview, needs and packs run a whole build


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ({"a": {"b"}, "b": {"a"}, "c": {"a"}}, [{"a", "b"}]),
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"d"}}, [{"a", "b", "c"}]),
    ],
)
def test_the_circle_finder(source: dict[str, set[str]], expected: list[set[str]]) -> None:
    assert circles(source) == expected
