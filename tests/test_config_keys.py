"""`[keys]`: an unknown binding id or a key clash is a config error naming the file and the key."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

from podview.cli import main
from podview.config import load_config
from podview.key_bindings import APP, BINDINGS
from tests.test_config import error_of, problem_of, write


def test_an_unknown_binding_id_is_an_error_with_the_closest_id(tmp_path):
    problem = problem_of(tmp_path, '[keys]\n"go.rsk" = "r"\n')
    assert problem.startswith('keys."go.rsk" is not a key binding id; did you mean `go.risk`?')


def test_a_key_already_bound_on_the_same_screen_is_an_error(tmp_path):
    problem = problem_of(tmp_path, '[keys]\n"go.risk" = "1"\n')
    assert problem.startswith('keys."go.risk" = "1" is not allowed')
    assert "go.home" in problem


def test_a_key_given_to_two_bindings_of_one_screen_is_said_once(tmp_path):
    problem = problem_of(tmp_path, '[keys]\n"weekly.today" = "x"\n"weekly.pod" = "x"\n')
    assert problem.startswith(('keys."weekly.pod" = "x" is not allowed', 'keys."weekly.today" = "x"'))


def test_every_problem_of_the_table_is_listed(tmp_path):
    path = write(tmp_path, '[keys]\n"go.rsk" = "r"\n"weekly.today" = "left"\n')
    lines = error_of(path).splitlines()
    assert len(lines) == 2 and all(line.startswith(f"{path}: keys.") for line in lines)
    assert "weekly.previous" in lines[1]


@pytest.mark.parametrize(
    "toml",
    [
        '"go.risk" = "r"\n"sync" = "ctrl+r,f5"\n',  # the README's example: r is only the outbox's own retry
        '"go.risk" = "0"\n"go.pacing" = "6"\n',  # a key freed by one binding may go to another
        '"outbox.send" = "ctrl+s"\n',  # a screen's own key may take one the app uses elsewhere
    ],
)
def test_keymaps_without_clashes_load(tmp_path, toml):
    assert load_config(write(tmp_path, "[keys]\n" + toml)).keys


def test_the_command_line_refuses_a_bad_keys_table(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PODVIEW_CONFIG", str(write(tmp_path, '[keys]\n"go.rsk" = "r"\n')))
    assert main(["report", "risk", "--db", str(tmp_path / "none.db")]) == 1
    err = capsys.readouterr().err
    assert str(tmp_path / "config.toml") in err and 'keys."go.rsk"' in err


def declared_bindings() -> dict[str, set[tuple[str, str]]]:
    """Every binding with an id that the app, its screens and widgets declare, as Textual sees them."""
    import podview.screens
    import podview.widgets
    from podview.tui.app import PodviewApp

    found: dict[str, set[tuple[str, str]]] = {}

    def take(place: str, owner: type) -> None:
        for binding in owner.__dict__.get("BINDINGS", None) or []:
            if getattr(binding, "id", None):
                found.setdefault(binding.id, set()).add((place, binding.key))

    take(APP, PodviewApp)
    for package in (podview.screens, podview.widgets):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for value in vars(module).values():
                if isinstance(value, type) and value.__module__ == module.__name__:
                    take(value.__name__, value)
    return found


def test_the_catalogue_matches_what_the_app_declares():
    """A binding added, renamed or moved in the app must be added to podview/key_bindings.py too."""
    catalogue = {binding_id: set(places) for binding_id, places in BINDINGS.items()}
    assert catalogue == declared_bindings()
