"""Every status of metrics.md as an icon, a word and a tone; the words themselves are podview/words.py's.

Status is never shown by colour alone (a printout, a colour-blind reader, a
monochrome terminal): each look carries an icon and a word, and the tone only
adds colour on top. Screens put `status_text` into table cells, or a
`StatusBadge` where a widget of its own fits better.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.reactive import reactive
from textual.widgets import Static

from podview import words

Tone = Literal["good", "warn", "bad", "info", "muted"]
TONES: tuple[Tone, ...] = ("good", "warn", "bad", "info", "muted")


@dataclass(frozen=True)
class StatusLook:
    """How one status is shown: an icon, a word, and the tone that colours both."""

    icon: str
    word: str
    tone: Tone

    @property
    def label(self) -> str:
        """Icon and word, e.g. `✔ hit`: readable without any colour."""
        return f"{self.icon} {self.word}".strip()


def _looks(words_of: Mapping[str, str], *rows: tuple[str, str, Tone]) -> dict[str, StatusLook]:
    """Looks for the ids of one vocabulary table: the word from podview/words.py, the icon and tone here."""
    return {key: StatusLook(icon, words_of[key], tone) for key, icon, tone in rows}


WEEKLY = _looks(
    words.WEEKLY,
    ("hit", "✔", "good"),
    ("late", "◔", "warn"),
    ("missed", "✖", "bad"),
    ("open", "◷", "info"),
    ("postponed", "↷", "muted"),
)
"""A weekly goal's status in a week (metrics.md "Weekly goal status")."""

ROW_STATES = _looks(
    words.ROW_STATES,
    ("overdue", "⚠", "warn"),
    ("postponing", "↷", "info"),
    ("pending", "✎", "info"),
)
"""A goal row's state beyond its status: open past its due date, or a decision about it waiting to be sent."""

FLAGS = _looks(
    words.FLAGS,
    ("carried_over", "↪", "info"),
    ("deadline_moved", "⚠", "bad"),
    ("recreated", "↻", "bad"),
    ("data_problem", "⚠", "warn"),
    ("loss_streak", "⚠", "bad"),
    ("done", "✔", "good"),
    ("not_done", "◷", "info"),
)
"""Marks beside a status: how a deadline moved, a loss streak, whether a task is done."""

PACING = _looks(
    words.PACING,
    ("no metric", "∅", "muted"),
    ("no dates", "?", "warn"),
    ("not started", "◌", "muted"),
    ("achieved", "★", "good"),
    ("missed", "✖", "bad"),
    ("on track", "✔", "good"),
    ("at risk", "▲", "warn"),
    ("off track", "✖", "bad"),
)
"""A 90-day goal's computed status (metrics.md "90-day goal pacing")."""

TALLIES = _looks(
    words.TALLIES,
    ("running", "◷", "info"),
    ("win", "✔", "good"),
    ("loss", "✖", "bad"),
    ("inconclusive", "≈", "muted"),
)
"""A tactic's tally column (metrics.md "Tactic win/loss tallies")."""

ASANA = _looks(
    words.ASANA,
    ("green", "●", "good"),
    ("yellow", "▲", "warn"),
    ("red", "✖", "bad"),
    ("achieved", "★", "good"),
    ("partial", "◐", "warn"),
    ("missed", "✖", "bad"),
    ("dropped", "⊘", "muted"),
    ("on_track", "●", "good"),
    ("at_risk", "▲", "warn"),
    ("off_track", "✖", "bad"),
    ("on_hold", "‖", "muted"),
    ("complete", "★", "good"),
)
"""A goal's or project's own Asana status, in the words Asana's UI uses for it."""

DECISIONS = _looks(
    words.DECISION_STATES,
    ("pending", "…", "info"),
    ("sent", "✔", "good"),
    ("failed", "✖", "bad"),
    ("conflict", "!", "bad"),
    ("discarded", "⊘", "muted"),
)
"""Where a decision stands in the outbox."""

ACTION_ITEMS = _looks(
    words.ACTION_ITEMS,
    ("done", "✔", "good"),
    ("open", "◷", "info"),
    ("overdue", "⚠", "bad"),
    ("unsent", "…", "warn"),
    ("gone", "⊘", "muted"),
)
"""An earlier meeting's action item, as the meeting that looks back at it shows it."""

NONE = StatusLook("", "—", "muted")
"""What an absent status looks like."""


def look(status: str | None, table: Mapping[str, StatusLook] | None = None) -> StatusLook:
    """The look of `status`, searched in `table` or else in every table above.

    An unknown word is still shown as itself (muted), so a new status in the
    data is visible rather than hidden.
    """
    if status is None or not status.strip():
        return NONE
    for source in (table,) if table is not None else (WEEKLY, PACING, TALLIES, FLAGS):
        if status in source:
            return source[status]
    return StatusLook("•", words.word({}, status), "muted")


def asana_look(status: str | None) -> StatusLook:
    """The look of a goal's Asana status (green, yellow, red, achieved, …)."""
    return look(status, ASANA)


_TONE_VARIABLES = {
    "good": "text-success",
    "warn": "text-warning",
    "bad": "text-error",
    "info": "text-primary",
    "muted": "foreground-muted",
}


def tone_styles(variables: Mapping[str, str]) -> dict[Tone, Style]:
    """Rich styles for each tone from an app's theme variables (`App.theme_variables`).

    Table cells are Rich text and cannot use CSS classes; reading the theme
    keeps them in step with the widgets. A variable missing from the theme
    leaves its tone uncoloured.
    """
    styles: dict[Tone, Style] = {}
    for tone in TONES:
        value = variables.get(_TONE_VARIABLES[tone])
        try:
            styles[tone] = Style(color=Color.parse(value).rich_color) if value else Style()
        except Exception:
            styles[tone] = Style()
    styles["bad"] += Style(bold=True)
    return styles


def status_text(
    status: str | StatusLook | None,
    styles: Mapping[Tone, Style] | None = None,
    table: Mapping[str, StatusLook] | None = None,
) -> Text:
    """Icon and word as Rich text for a table cell, coloured by tone when `styles` is given."""
    found = status if isinstance(status, StatusLook) else look(status, table)
    style = (styles or {}).get(found.tone, "")
    return Text(found.label, style=style, no_wrap=True, overflow="ellipsis")


class StatusBadge(Static):
    """One status as icon and word; its tone is a CSS class, so themes colour it."""

    DEFAULT_CSS = """
    StatusBadge { width: auto; height: 1; }
    StatusBadge.-good { color: $text-success; }
    StatusBadge.-warn { color: $text-warning; }
    StatusBadge.-bad { color: $text-error; text-style: bold; }
    StatusBadge.-info { color: $text-primary; }
    StatusBadge.-muted { color: $foreground-muted; }
    """

    look: reactive[StatusLook] = reactive(NONE)
    """The status shown."""

    def __init__(self, status: str | StatusLook | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.set_reactive(StatusBadge.look, _as_look(status))

    def on_mount(self) -> None:
        self.watch_look(self.look)

    def show_status(self, status: str | StatusLook | None) -> None:
        """Show another status (a word of any table, or a ready look)."""
        self.look = _as_look(status)

    def watch_look(self, value: StatusLook) -> None:
        """Swap the tone class and the text together."""
        for tone in TONES:
            self.set_class(tone == value.tone, f"-{tone}")
        self.update(value.label)


def _as_look(status: str | StatusLook | None) -> StatusLook:
    return status if isinstance(status, StatusLook) else look(status)
