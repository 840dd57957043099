"""A weekly goal's status cell and note as a meeting should read them: overdue, postponing, pending.

Weekly, the stand-up and the client card show the same goal the same way:
an open goal past its due date says `⚠ overdue`, a goal whose postponement
waits in the outbox says `↷ postponing → Fri 11 Dec`, and another decision
about it waiting (a comment) adds `✎ pending`. The figures stay metrics.md's:
these are looks of a row, read from `figures.row_marks.RowMarks`.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style
from rich.text import Text

from podview.date_words import day
from podview.figures.row_marks import POSTPONING, WAITING, RowMarks
from podview.figures.weekly import WeeklyGoal
from podview.widgets.status import ROW_STATES, WEEKLY, StatusLook, Tone, status_text

LOOKS: dict[str, StatusLook] = {**WEEKLY, **ROW_STATES}
"""Every state a goal row can show, metrics.md's statuses and the row's own."""


def status_look(goal: WeeklyGoal, marks: RowMarks) -> StatusLook:
    """The look of the state the row shows (`⚠ overdue`, `↷ postponing`, or the goal's status)."""
    state = marks.status(goal)
    return LOOKS.get(state) or StatusLook("•", state, "muted")


def status_cell(goal: WeeklyGoal, marks: RowMarks, styles: Mapping[Tone, Style]) -> Text:
    """The Status cell of a table row, coloured by tone."""
    return status_text(status_look(goal, marks), styles)


def note_cell(
    goal: WeeklyGoal, marks: RowMarks, styles: Mapping[Tone, Style], note: Text | str
) -> Text | str:
    """The Note cell: where a waiting postponement goes (in place of `note`), and `✎` for a waiting comment."""
    to = marks.postponing_to(goal)
    if to is not None:
        note = Text(f"→ {day(to, marks.today)}", style=styles.get(LOOKS[POSTPONING].tone, ""))
    if not marks.other_waiting(goal):
        return note
    pending = status_text(LOOKS[WAITING], styles)
    if not note:
        return pending
    joined = note.copy() if isinstance(note, Text) else Text(note)
    joined.append(" ")
    joined.append(LOOKS[WAITING].icon, style=pending.style)
    return joined


def card_status(goal: WeeklyGoal, marks: RowMarks, colours: Mapping[str, str]) -> Text:
    """The card's Status cell: the row's state in full, `↷ postponing → Fri 11 Dec`, `✎ pending` after it.

    `colours` maps a tone to the Rich colour the card uses for it.
    """
    look = status_look(goal, marks)
    text = Text(look.label, style=colours.get(look.tone, ""))
    to = marks.postponing_to(goal)
    if to is not None:
        text.append(f" → {day(to, marks.today)}")
    if marks.other_waiting(goal):
        pending = LOOKS[WAITING]
        text.append(f" {pending.label}", style=colours.get(pending.tone, ""))
    return text
