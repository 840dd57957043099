"""The layer contract, read from the source of every module of podview.

Data flows one way, Asana → sync → cache → figures → screens, and each layer
imports only the layers below it (or its own):

1. Bottom: `podview` itself, `podview.cache`, `podview.dates`, `podview.date_words`,
   `podview.config`, `podview.files`, `podview.key_bindings`, `podview.words`.
2. Sources: `podview.sync`, `podview.figures`, `podview.demo`.
3. Domain: `podview.decisions`, `podview.report`.
4. Top, the user interfaces: `podview.cli`, `podview.tui` (the app),
   `podview.textual_compat`, `podview.screens`, `podview.widgets`, `podview.__main__`.

Rules, each a test below:

- Every module belongs to exactly one layer (a new top-level module or package
  is added to LAYERS here, at the level of what it imports).
- No module imports a podview module of a higher layer.
- No module below the top imports `textual` or `rich`.
- Widgets never import screens: a widget is told what to show.
- Screens hold no SQL: no string literal in `podview.screens` starts with
  SELECT, INSERT, UPDATE, DELETE or WITH, and nothing there calls `.execute(`;
  they call query functions of the layers below, in their workers.
- No import cycle between podview modules at all.

Every `import` and `from … import` counts, wherever it is: at the top of the
module, inside a function, under `if TYPE_CHECKING:`. Imports by name at run
time (`importlib.import_module`, as the screen registry does) are not seen;
tests/test_import_hygiene.py checks what a lower layer loads when it runs.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "podview"


def family(name: str) -> tuple[str, ...]:
    """Patterns for a module and everything under it (it may be a module or a package)."""
    return (name, f"{name}.*")


LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "bottom",
        (
            "podview",
            *family("podview.cache"),
            *family("podview.dates"),
            *family("podview.date_words"),
            *family("podview.config"),
            *family("podview.files"),
            *family("podview.key_bindings"),
            *family("podview.words"),
        ),
    ),
    ("sources", (*family("podview.sync"), *family("podview.figures"), *family("podview.demo"))),
    ("domain", (*family("podview.decisions"), *family("podview.report"))),
    (
        "top",
        (
            "podview.__main__",
            *family("podview.cli"),
            *family("podview.tui"),
            *family("podview.textual_compat"),
            *family("podview.screens"),
            *family("podview.widgets"),
        ),
    ),
)
"""Layer name → the modules in it (fnmatch patterns), lowest first."""

UI_LIBRARIES = ("textual", "rich")
"""Third-party packages only the top layer may import."""

SQL_STARTS = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")
SQL_CALLS = ("execute", "executemany", "executescript")

@dataclass(frozen=True)
class Import:
    """One import statement's target, as written in a module."""

    importer: str
    target: str
    """The module imported; for `from a import b`, `a.b` when that is a module, else `a`."""
    line: int
    path: Path

    def where(self) -> str:
        return f"{self.path.relative_to(PACKAGE.parent)}:{self.line}"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES: dict[str, Path] = {
    module_name(path): path
    for path in sorted(PACKAGE.rglob("*.py"))
    if "__pycache__" not in path.parts
}
"""Every module of podview, by dotted name."""


def trees() -> Iterator[tuple[str, Path, ast.Module]]:
    for name, path in MODULES.items():
        yield name, path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


TREES = list(trees())


def _base(importer: str, path: Path, node: ast.ImportFrom) -> str:
    """The absolute module a `from … import` reads from (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    package = importer.split(".") if path.name == "__init__.py" else importer.split(".")[:-1]
    package = package[: len(package) - node.level + 1]
    return ".".join([*package, *([node.module] if node.module else [])])


def imports_of(importer: str, path: Path, tree: ast.Module) -> Iterator[Import]:
    """Every import in the module, at any depth (functions, classes, `if TYPE_CHECKING:`)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(importer, alias.name, node.lineno, path)
        elif isinstance(node, ast.ImportFrom):
            base = _base(importer, path, node)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                target = submodule if submodule in MODULES else base
                yield Import(importer, target, node.lineno, path)


IMPORTS = list(
    dict.fromkeys(found for name, path, tree in TREES for found in imports_of(name, path, tree))
)
"""Every import of every module, once per target and line."""


def is_podview(module: str) -> bool:
    return module == "podview" or module.startswith("podview.")


def layer_of(module: str) -> int | None:
    """The index in LAYERS of the layer holding `module`; None when no layer names it."""
    found = [
        index
        for index, (_, patterns) in enumerate(LAYERS)
        if any(fnmatchcase(module, pattern) for pattern in patterns)
    ]
    assert len(found) <= 1, f"{module} matches several layers in LAYERS: {found}"
    return found[0] if found else None


def in_family(module: str, name: str) -> bool:
    return module == name or module.startswith(f"{name}.")


def test_every_module_is_in_a_layer():
    assert len(MODULES) > 50, f"expected every podview module, found {len(MODULES)} under {PACKAGE}"
    lost = [name for name in MODULES if layer_of(name) is None]
    assert not lost, (
        f"{', '.join(lost)}: in no layer. Add each to LAYERS in tests/test_layers.py, at the "
        "lowest layer whose modules are all it imports (and say so in the module docstring)."
    )


def test_no_module_imports_a_higher_layer():
    upward = []
    for found in IMPORTS:
        if not is_podview(found.target):
            continue
        mine, theirs = layer_of(found.importer), layer_of(found.target)
        if mine is not None and theirs is not None and theirs > mine:
            upward.append(
                f"{found.where()}: {found.importer} ({LAYERS[mine][0]}) imports {found.target} "
                f"({LAYERS[theirs][0]})"
            )
    assert not upward, (
        "Imports point up the layers:\n  "
        + "\n  ".join(upward)
        + "\nMove what the lower module needs down (a dataclass or query into cache/, figures/ or "
        "decisions/), or pass it in as an argument; the higher module then imports it from there."
    )


def test_no_module_below_the_top_imports_textual_or_rich():
    top = len(LAYERS) - 1
    leaks = [
        f"{found.where()}: {found.importer} imports {found.target}"
        for found in IMPORTS
        if layer_of(found.importer) != top
        and any(in_family(found.target, ui) for ui in UI_LIBRARIES)
    ]
    assert not leaks, (
        "The data layers must run without a terminal UI:\n  "
        + "\n  ".join(leaks)
        + "\nReturn plain data (strings, dataclasses) and let a widget or screen style it."
    )


def test_widgets_never_import_screens():
    reaching = [
        f"{found.where()}: {found.importer} imports {found.target}"
        for found in IMPORTS
        if in_family(found.importer, "podview.widgets")
        and in_family(found.target, "podview.screens")
    ]
    assert not reaching, (
        "Widgets reach up into screens:\n  "
        + "\n  ".join(reaching)
        + "\nPass the widget what it needs (arguments, reactives, a message it posts); shared "
        "plain data belongs in a module below both."
    )


def _sql_start(node: ast.AST) -> str | None:
    """The text a string literal starts with, when that is SQL; f-strings by their first part."""
    if isinstance(node, ast.JoinedStr) and node.values:
        node = node.values[0]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        words = node.value.split(None, 1)
        if words and words[0] in SQL_STARTS:
            return node.value
    return None


def test_screens_hold_no_sql():
    found = []
    for name, path, tree in TREES:
        if not in_family(name, "podview.screens"):
            continue
        where = path.relative_to(PACKAGE.parent)
        for node in ast.walk(tree):
            text = _sql_start(node)
            if text is not None:
                found.append(f"{where}:{node.lineno}: SQL {text[:50]!r}…")
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in SQL_CALLS
            ):
                found.append(f"{where}:{node.lineno}: calls .{node.func.attr}(")
    found.sort(key=lambda said: (said.split(":")[0], int(said.split(":")[1])))
    assert not found, (
        "Screens query the cache themselves:\n  "
        + "\n  ".join(found)
        + "\nMove the query into a function `(conn, …) -> dataclass` in podview/figures/ (or "
        "cache/, decisions/) with a test on a throw-away cache, and call it from the screen's worker."
    )


def import_graph() -> dict[str, dict[str, Import]]:
    """podview module → the podview modules it imports (with the first line that does), """
    graph: dict[str, dict[str, Import]] = {name: {} for name in MODULES}
    for found in IMPORTS:
        target = found.target
        while target not in MODULES and "." in target:
            target = target.rsplit(".", 1)[0]
        if target in MODULES and target != found.importer:
            graph[found.importer].setdefault(target, found)
    return graph


def cycles(graph: dict[str, dict[str, Import]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for root, imported in graph.items():
        if root in index:
            continue
        work = [(root, iter(sorted(imported)))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def test_no_import_cycles():
    graph = import_graph()
    found = cycles(graph)
    said = []
    for group in found:
        members = set(group)
        edges = [
            f"    {edge.where()}: {importer} imports {target}"
            for importer in group
            for target, edge in sorted(graph[importer].items())
            if target in members
        ]
        said.append(f"  {' ↔ '.join(group)}:\n" + "\n".join(edges))
    assert not found, (
        "Import cycles (TYPE_CHECKING and function-level imports count):\n"
        + "\n".join(said)
        + "\nMove what both sides share (types, dataclasses) into a module of its own that "
        "imports neither, as demo/model.py would for the demo's types."
    )


def test_the_checks_see_what_they_claim_to(tmp_path):
    """The walker finds imports in functions and under TYPE_CHECKING, and relative ones."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from podview.screens.context import ViewContext\n"
        "def later():\n    import textual.app\n    from . import outbox\n"
        "QUERY = 'SELECT 1'\n"
    )
    path = PACKAGE / "decisions" / "example.py"
    found = sorted(
        (item.line, item.target)
        for item in imports_of("podview.decisions.example", path, ast.parse(source))
    )
    assert found == [
        (1, "typing"),
        (3, "podview.screens.context"),
        (5, "textual.app"),
        (6, "podview.decisions.outbox"),
    ]
    assert _sql_start(ast.parse(source).body[-1].value) == "SELECT 1"
    assert _sql_start(ast.parse("'With a docstring'").body[0].value) is None
    assert layer_of("podview.cli.report") == layer_of("podview.cli") == 3
    assert layer_of("podview.tui.app") == 3 and layer_of("podview.figures.home") == 1
    graph = {"a": {"b": None}, "b": {"c": None}, "c": {"a": None}, "d": {"a": None}}
    assert cycles(graph) == [["a", "b", "c"]]
