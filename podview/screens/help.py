"""Every key that works where the user was, with the id to rebind it by.

"Where" names the screen in the words of its screen key (Home, Weekly, Risk…),
or says Everywhere for the app's keys; the keys of the screen's table and
boxes are that screen's too, whatever widget class serves them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from podview.screens.registry import screen_name


@dataclass(frozen=True)
class KeyHelp:
    """One binding as the help screen lists it."""

    key: str
    description: str
    binding_id: str | None
    scope: str
    """`Everywhere` for the app's keys, else the name of the screen the key works on."""


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
    """Every key active on `screen`: its own first, then the app's (everywhere), then its widgets'.

    The words of podview's own keys (those with an id) are their binding's
    tooltip when it has one: the footer has room for a word or two, this
    list for the rest ("Search; Enter or Esc keeps it"). Textual's tooltips
    are sentences too long for the column.
    """
    app, name = screen.app, screen_name(screen)
    keys = []
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.system or not (binding.description or binding.id):
            continue
        if active.node is screen:
            order, scope = 0, name
        elif active.node is app:
            order, scope = 1, "Everywhere"
        else:
            order, scope = 2, name
        own_words = binding.tooltip if binding.id else ""
        description = own_words or binding.description or binding.action
        keys.append((order, KeyHelp(app.get_key_display(binding), description, binding.id, scope)))
    keys.sort(key=lambda pair: (pair[0], pair[1].binding_id is None))
    return [item for _, item in keys]
