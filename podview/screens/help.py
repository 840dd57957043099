"""Every key that works where the user was, with the id to rebind it by."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static


@dataclass(frozen=True)
class KeyHelp:
    """One binding as the help screen lists it."""

    key: str
    description: str
    binding_id: str | None
    scope: str
    """`everywhere` for the app's keys, else the screen or widget the key belongs to."""


class HelpScreen(ModalScreen[None]):
    """A list of the bindings active on the screen below; Escape or ? closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close", id="help.close"),
        Binding("question_mark", "dismiss", "Close", id="help.close-again", show=False),
    ]

    def __init__(self, keys: list[KeyHelp], **kwargs) -> None:
        super().__init__(**kwargs)
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static("Keys — rebind any of them by its id", id="help-title")
            yield Static(
                "Esc closes this list · ctrl+p finds screens, pods, clients and actions",
                id="help-hint",
            )
            yield DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "Does", "Where", "Id")
        for item in self.keys:
            table.add_row(item.key, item.description, item.scope, item.binding_id or "—")
        table.focus()


def keys_on(screen: Screen) -> list[KeyHelp]:
    """Every key active on `screen`: its own first, then the app's (everywhere), then its widgets'."""
    app = screen.app
    keys = []
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.system or not (binding.description or binding.id):
            continue
        if active.node is screen:
            order, scope = 0, screen.sub_title or "this screen"
        elif active.node is app:
            order, scope = 1, "everywhere"
        else:
            order, scope = 2, type(active.node).__name__
        description = binding.description or binding.action
        keys.append((order, KeyHelp(app.get_key_display(binding), description, binding.id, scope)))
    keys.sort(key=lambda pair: (pair[0], pair[1].binding_id is None))
    return [item for _, item in keys]
