"""Textual's Footer, rebuilt only when its keys change, and fitted to narrow terminals.

A Footer throws away its key widgets and makes new ones whenever the
screen's bindings may have changed: on every focus change, on the screen
being shown or left, after a worker. Each rebuild mounts and styles some
twenty widgets, 20–40 ms on a two-core laptop, and a screen shown for the
first time asked for four of them while its data was loading and being
painted. Most would draw the very same keys: this footer compares what it
would show with what it shows, and keeps its widgets when nothing differs.

On an 80-column terminal a meeting's keys do not all fit, and a Footer
cuts off the last ones (Sync, Quit). This one closes up the spacing and
drops the screen numbers: everyone in the room knows 1–6, and `?` still
lists them.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Footer

from podview.textual_compat import FooterKey, FooterLabel

SCREEN_ACTIONS = ("go(", "app.go(")
"""How the keys that jump to another screen begin their action: the first to go when space runs short."""


class KeyFooter(Footer):
    """A Footer that skips rebuilding itself when nothing it shows changed, and hides the screen keys when short of room."""

    DEFAULT_CSS = """
    KeyFooter.-tight {
        .-screen-keys {
            display: none;
        }
        FooterKey .footer-key--description {
            padding: 0;
        }
        FooterKey.-command-palette .footer-key--description {
            padding: 0 0 0 1;
        }
    }
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._shown: Hashable | None = None
        self._full_width = 0

    def compose(self) -> ComposeResult:
        """Footer's keys, each already in the footer's compact style, so that none restyles itself once mounted.

        A FooterKey starts compact and takes the footer's style only after it
        is mounted, restyling itself (and, when that style is not compact,
        restyling itself back): some forty restyles per rebuild. The palette's
        key is not bound to the footer's style, and stays as it starts.
        """
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)  # the palette's key keeps its own
            yield widget

    def _keys(self) -> Hashable:
        """Everything `compose` reads: each shown binding with its state, the palette key, the options."""
        palette = self.app.COMMAND_PALETTE_BINDING
        bindings = tuple(
            (binding, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )
        return bindings, self.show_command_palette, self.combine_groups

    async def recompose(self) -> None:
        """Rebuild only when the keys to show differ from those on show, and only while they can be seen.

        A screen covered by another (a card, a meeting) is told its keys
        changed as it is covered; it rebuilds when it is shown again, and is
        told then too. Under a dialog it is seen, and says which keys wait.
        """
        if not self.is_attached or not self._seen():
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        self.remove_class("-tight", update=False)  # the keys it hid are about to go; new ones are styled as they come
        self._full_width = 0
        await super().recompose()
        self._mark_screen_keys()
        self.call_after_refresh(self._fit)

    def _seen(self) -> bool:
        """Whether this footer's screen is on show, or under dialogs only."""
        for screen in reversed(self.app.screen_stack):
            if screen is self.screen:
                return True
            if not isinstance(screen, ModalScreen):
                return False
        return False

    def _mark_screen_keys(self) -> None:
        """Tag the screen-number keys (their group and its label), so they can be hidden together.

        Without restyling them: the tags only matter while the footer is
        tight, and turning that on restyles the whole footer.
        """
        follows_screen_keys = False
        for child in self.children:
            keys = [child] if isinstance(child, FooterKey) else list(child.query(FooterKey))
            screen_keys = bool(keys) and all(key.action.startswith(SCREEN_ACTIONS) for key in keys)
            if screen_keys or (follows_screen_keys and isinstance(child, FooterLabel)):
                child.add_class("-screen-keys", update=False)
            follows_screen_keys = screen_keys

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Tighten the spacing and hide the screen keys when the full set is wider than the footer; undo it when it is not.

        The full set's width is measured while it is all shown (after each
        rebuild); a Resize does not follow a rebuild, so that measure waits
        for the paint after it.
        """
        if not self.has_class("-tight"):
            self._full_width = self.virtual_size.width
        self.set_class(self._full_width > self.size.width, "-tight")
