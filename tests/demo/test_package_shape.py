"""The demo package stays readable: modules under 400 lines and no import cycle among them.

Imports are read from the source (every `import`, including those under
`if TYPE_CHECKING:` and inside functions), because a cycle hidden from the
interpreter still forces a reader to hold two modules in mind at once.
"""

from __future__ import annotations

import ast
from pathlib import Path

import podview.demo

PACKAGE = "podview.demo"
FOLDER = Path(podview.demo.__file__).parent
MAX_LINES = 400


def demo_imports(path: Path) -> set[str]:
    """The podview.demo modules that the module at `path` imports, anywhere in its source."""
    modules = {p.stem for p in FOLDER.glob("*.py")}
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 1:
            names = [f"{PACKAGE}.{node.module or alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            head, _, rest = name.partition(f"{PACKAGE}.")
            if head == "" and rest.split(".")[0] in modules:
                found.add(rest.split(".")[0])
    found.discard(path.stem)
    return found


def cycle_in(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path that returns to its start, or None when the graph has none."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str] | None:
        if node in path:
            return path[path.index(node) :] + [node]
        if node in done:
            return None
        for target in sorted(graph.get(node, ())):
            if cycle := visit(target, [*path, node]):
                return cycle
        done.add(node)
        return None

    for start in sorted(graph):
        if cycle := visit(start, []):
            return cycle
    return None


def test_no_demo_module_reaches_400_lines():
    lengths = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in FOLDER.glob("*.py")}
    assert {name: n for name, n in lengths.items() if n >= MAX_LINES} == {}


def test_demo_modules_import_each_other_without_a_cycle():
    graph = {p.stem: demo_imports(p) for p in FOLDER.glob("*.py")}
    assert cycle_in(graph) is None


def test_the_checks_see_a_cycle_hidden_under_type_checking(tmp_path):
    """The reader of imports is itself tested, so a passing check above means something."""
    hidden = tmp_path / "goals.py"
    hidden.write_text(
        "from typing import TYPE_CHECKING\n"
        "from podview.demo import records\n"
        "if TYPE_CHECKING:\n"
        "    from podview.demo.generator import Agency\n"
        "def later():\n"
        "    from . import specials\n"
    )
    assert demo_imports(hidden) == {"records", "generator", "specials"}
    graph = {"generator": {"goals"}, "goals": demo_imports(hidden), "records": set()}
    assert cycle_in(graph) == ["generator", "goals", "generator"]
    assert cycle_in({"generator": {"goals"}, "goals": {"records"}, "records": set()}) is None
