"""Textual's Footer, rebuilt only when the keys it shows change.

A Footer throws away its key widgets and makes new ones whenever the
screen's bindings may have changed: on every focus change, on the screen
being shown or left, after a worker. Each rebuild mounts and styles some
twenty widgets, 20–40 ms on a two-core laptop, and a screen shown for the
first time asked for four of them while its data was loading and being
painted. Most would draw the very same keys: this footer compares what it
would show with what it shows, and keeps its widgets when nothing differs.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.widgets import Footer


class KeyFooter(Footer):
    """A Footer that skips rebuilding itself when the keys, their state and its own options are unchanged."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._shown: Hashable | None = None

    def _keys(self) -> Hashable:
        """Everything `compose` reads: each shown binding with its state, the palette key, the options."""
        palette = self.app.COMMAND_PALETTE_BINDING
        bindings = tuple(
            (binding, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )
        return bindings, self.compact, self.show_command_palette, self.combine_groups

    async def recompose(self) -> None:
        """Rebuild only when the keys to show differ from those on show."""
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await super().recompose()
