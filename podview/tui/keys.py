"""The keys that work on every screen, each naming the app action it runs.

Each binding's action is `PodviewApp.action_<name>` (podview/tui/app.py);
each id is what `[keys]` in the config rebinds, and what `?` lists.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from podview.screens.registry import SCREENS, TOP_LEVEL

SCREEN_KEYS = Binding.Group("Screens", compact=True)
"""The digit keys share one footer entry; `?` lists what each one opens."""

APP_KEYS: list[BindingType] = [
    *(
        Binding(
            str(number), f"go('{name}')", SCREENS[name].title, id=f"go.{name}", group=SCREEN_KEYS
        )
        for number, name in enumerate(TOP_LEVEL, start=1)
    ),
    Binding("1", "go('client')", "Client card", id="go.client", group=SCREEN_KEYS),
    Binding("escape", "back", "Back", id="back", show=False),
    Binding("question_mark", "help", "Keys", id="help"),
    Binding(
        "ctrl+p", "command_palette", "Palette", id="command-palette", show=False, priority=True
    ),
    Binding("d", "decide", "Decide", id="decide"),
    Binding("s", "sync", "Sync", id="sync"),
    Binding("o", "outbox", "Outbox", id="outbox", show=False),
    Binding("ctrl+s", "export_svg", "Export SVG", id="export-svg", show=False),
    Binding("P", "toggle_presenter", "Presenter mode", id="presenter", show=False),
    Binding("C", "toggle_client_safe", "Client-safe mode", id="client-safe", show=False),
    Binding("q", "quit", "Quit", id="quit"),
]
"""In footer order. The `1` for the client card only works in client-safe mode (see `check_action`)."""
