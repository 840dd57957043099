"""Rules of the codebase's shape that CI enforces, read from the source of every module.

- One module, one idea: no module of podview or of its benchmarks reaches
  400 lines (tests are exempt: a fake Asana server is one idea, and long).
- Textual only through its public API: outside podview/textual_compat.py
  (which holds each measured exception with a test of its own) no module
  imports a private Textual module or name, or reads a private attribute
  (`x._name`) of anything but itself.
- No probing of the app or a screen by attribute name (`hasattr(self.app, …)`,
  `getattr(self.screen, "…")`): screens and the app talk through messages
  and protocols (podview/screens/requests.py).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 400
COMPAT = ROOT / "podview" / "textual_compat.py"
PROBES = ("hasattr", "getattr", "setattr")


def sources(*folders: str) -> list[Path]:
    return sorted(path for folder in folders for path in (ROOT / folder).rglob("*.py"))


def name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_no_module_reaches_400_lines():
    long = [
        f"{name(path)}: {count} lines"
        for path in sources("podview", "bench")
        if (count := len(path.read_text().splitlines())) >= LIMIT
    ]
    assert not long, (
        f"Modules of {LIMIT} lines or more (split each by idea, with a docstring saying why "
        "each part exists):\n" + "\n".join(long)
    )


def private_uses(tree: ast.AST) -> list[tuple[int, str]]:
    """Private Textual imports, and private attributes read off anything but `self` or `cls`."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "textual":
            module_private = any(part.startswith("_") for part in node.module.split("."))
            names_private = [alias.name for alias in node.names if _private(alias.name)]
            if module_private or names_private:
                found.append((node.lineno, f"from {node.module} import …"))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("textual") and any(_private(p) for p in alias.name.split(".")):
                    found.append((node.lineno, f"import {alias.name}"))
        elif isinstance(node, ast.Attribute) and _private(node.attr):
            owner = node.value
            if not (isinstance(owner, ast.Name) and owner.id in ("self", "cls")):
                found.append((node.lineno, ast.unparse(node)))
        elif _probe(node) and _private(node.args[1].value):
            found.append((node.lineno, ast.unparse(node)))
    return found


def _private(text: str) -> bool:
    return text.startswith("_") and not text.startswith("__")


def _probe(node: ast.AST) -> bool:
    """`hasattr(x, "name")`, `getattr(x, "name"…)` or `setattr(x, "name", …)` with a literal name."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in PROBES
        and len(node.args) >= 2
        and isinstance(node.args[1], ast.Constant)
        and isinstance(node.args[1].value, str)
    )


def test_textual_internals_only_in_textual_compat():
    found = [
        f"{name(path)}:{line}: {text}"
        for path in sources("podview")
        if path != COMPAT
        for line, text in private_uses(ast.parse(path.read_text()))
    ]
    assert not found, (
        "Private API used outside podview/textual_compat.py (use Textual's public API, or "
        "move the hook there with a test that fails when Textual changes it):\n" + "\n".join(found)
    )


def test_no_module_probes_the_app_or_a_screen_by_attribute_name():
    found = []
    for path in sources("podview"):
        for node in ast.walk(ast.parse(path.read_text())):
            if _probe(node) and _app_or_screen(node.args[0]):
                found.append(f"{name(path)}:{node.lineno}: {ast.unparse(node)}")
    assert not found, (
        "Probes of the app or a screen (post a message from podview/screens/requests.py, or "
        "check a protocol there with isinstance):\n" + "\n".join(found)
    )


def _app_or_screen(node: ast.AST) -> bool:
    text = ast.unparse(node)
    return text in ("app", "screen", "self.app", "self.screen", "self.app.screen")


@pytest.mark.parametrize(
    "source, caught",
    [
        ("from textual.widgets._footer import FooterKey", True),
        ("from textual.app import _private", True),
        ("import textual._compositor", True),
        ("x = app._screen_stacks", True),
        ("x = getattr(app, '_batch_count')", True),
        ("x = self._own", False),
        ("from textual.app import App", False),
        ("x = widget.__class__", False),
    ],
)
def test_the_internals_check_sees_what_it_claims_to(source, caught):
    assert bool(private_uses(ast.parse(source))) == caught


@pytest.mark.parametrize(
    "source, caught",
    [
        ("hasattr(self.app, 'presenter')", True),
        ("getattr(self.screen, 'client_gid', None)", True),
        ("getattr(row, 'reason', None)", False),
        ("isinstance(self.screen, Selecting)", False),
    ],
)
def test_the_probe_check_sees_what_it_claims_to(source, caught):
    node = ast.parse(source).body[0].value
    assert (_probe(node) and _app_or_screen(node.args[0])) == caught
