"""A row of headline figures in large digits, for a room reading the screen from its back wall.

Presenter mode shows it; on a laptop the same figures sit in the panels' titles.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Digits, Label


@dataclass(frozen=True)
class Headline:
    """One figure: the value as digits can draw it (`63%`, `13`, `—`) and what it counts."""

    value: str
    label: str


class BigNumber(Vertical):
    """A value in three-line digits with its label underneath."""

    DEFAULT_CSS = """
    BigNumber {
        width: 1fr;
        height: auto;
    }
    BigNumber > Digits {
        width: 100%;
        text-align: center;
        text-style: bold;
        color: $accent;
    }
    BigNumber > Label {
        width: 100%;
        text-align: center;
        color: $text-muted;
    }
    """

    def __init__(self, headline: Headline) -> None:
        super().__init__()
        self.headline = headline

    def compose(self) -> ComposeResult:
        yield Digits(self.headline.value)
        yield Label(self.headline.label)


class BigNumbers(Horizontal):
    """Headline figures side by side; set `headlines` to redraw."""

    DEFAULT_CSS = """
    BigNumbers {
        height: auto;
        margin-bottom: 1;
    }
    """

    headlines: reactive[tuple[Headline, ...]] = reactive((), recompose=True)
    """The figures shown, left to right."""

    def compose(self) -> ComposeResult:
        for headline in self.headlines:
            yield BigNumber(headline)
