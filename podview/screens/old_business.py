"""Old business on screen: the action items earlier meetings decided, as a meeting opens with them.

The stand-up's first step lists the previous stand-up's items (done, then
open and overdue) and older ones still open, "carried from" their day; the
walkthrough shows the previous walkthrough's items of the client on show in
a panel of its card, where `d` decides on the one highlighted. The figures come from `podview.decisions.carried`; this
module only words and draws them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.widgets import OptionList

from podview.decisions.carried import (
    DONE,
    GONE,
    OPEN,
    OVERDUE,
    UNSENT,
    Carried,
    CarriedItem,
)
from podview.screens.requests import Target
from podview.screens.standup_rows import Keys, Row
from podview.widgets.fit_table import Column
from podview.widgets.status import ACTION_ITEMS, StatusLook, status_text

OLD_COLUMNS = (
    Column("State", "state", 17),
    Column("Due", "due", 10),
    Column("Client", "client", 24, min_table_width=90),
    Column("Action item / assignee", "item"),
)


def old_business_step(carried: Carried, what: str, styles: Mapping) -> tuple[str, list[Row], str]:
    """The stand-up step's heading, rows and the sentence it shows when it has none."""
    return old_business_heading(carried, what), old_business_rows(carried.items, styles), old_business_empty(carried, what)


def old_business_heading(carried: Carried, what: str) -> str:
    """`From the stand-up of Mon 23 Nov · 1 done · 2 open · 1 overdue`; `what` names the meeting."""
    if carried.previous is None:
        return f"No earlier {what} to look back at"
    counts = [
        f"{len([i for i in carried.items if i.state == state])} {word}"
        for state, word in ((DONE, "done"), (OPEN, "open"), (OVERDUE, "overdue"), (UNSENT, "not sent yet"))
    ]
    shown = [part for part in counts if not part.startswith("0 ")] or ["no action items"]
    return " · ".join([f"From the {what} of {carried.previous_text}", *shown])


def old_business_empty(carried: Carried, what: str) -> str:
    """What the step says when there is nothing to look back at."""
    if carried.previous is None:
        return f"This is the first {what} podview has recorded here: no action items to look back at."
    return (
        f"No action items were decided at the {what} of {carried.previous_text}, "
        "and none is still open from earlier ones."
    )


def old_business_rows(items: Sequence[CarriedItem], styles: Mapping) -> list[Row]:
    """Each item: its state (done and when), due date, client, name and assignee, and where it was carried from.

    `d` re-decides an open item (a new due date or a comment on the task
    Asana created); a done one takes a comment; one not sent yet is edited
    in the outbox instead.
    """
    rows, keys = [], Keys()
    for item in items:
        target = None
        if item.task_gid and item.state in (OPEN, OVERDUE):
            target = Target("action_item", item.task_gid, item.name)
        elif item.task_gid and item.state == DONE:
            target = Target("task", item.task_gid, item.name)
        cells = [
            state_cell(item, styles),
            item.due_text,
            item.client or "—",
            _item_text(item),
        ]
        rows.append(Row(keys.new(f"action:{item.decision_id}"), cells, item.client_gid, target))
    return rows


def carried_line(item: CarriedItem, styles: Mapping) -> Text:
    """The walkthrough panel's line for one item: state first, then name, due date, assignee, origin."""
    text = Text()
    text.append_text(state_cell(item, styles))
    due = f" · due {item.due_text}" if item.due_on else ""
    text.append(f"  {item.name}{due}")
    if item.assignee:
        text.append(f" · {item.assignee}", style="dim")
    if item.carried:
        text.append(f" · {item.origin_text}", style="italic")
    return text


class CarriedList(OptionList):
    """The walkthrough's old business for the client on show, one line per item.

    Tab reaches it; while it has the focus, the highlighted item is what `d`
    decides on (a new due date or a comment, as in the stand-up), and without
    it `d` is about the client. The highlight shows only while focused, so
    the room can see which of the two `d` means.
    """

    DEFAULT_CSS = """
    CarriedList {
        max-height: 10;
        background: transparent;
    }
    CarriedList:blur > .option-list--option-highlighted {
        color: $foreground;
        background: transparent;
        text-style: none;
    }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id, compact=True)
        self.targets: list[Target | None] = []
        """What each line's item can take a decision as (None: not sent yet, or gone from Asana)."""

    def show_items(self, items: Sequence[CarriedItem], styles: Mapping) -> None:
        """Replace the lines, keeping the highlight's place when there still is one."""
        self.targets = [row.target for row in old_business_rows(items, styles)]
        place = self.highlighted
        self.set_options([carried_line(item, styles) for item in items])
        if place is not None and items:
            self.highlighted = min(place, len(items) - 1)

    def on_focus(self) -> None:
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def selected(self) -> Target | None:
        """The highlighted item's target (None when it takes no decision)."""
        index = self.highlighted
        return self.targets[index] if index is not None and index < len(self.targets) else None


def state_cell(item: CarriedItem, styles: Mapping) -> Text:
    """`✔ done Tue 24 Nov`, `◷ open`, `⚠ overdue`, `… not sent yet`: never colour alone."""
    look = ACTION_ITEMS[item.state if item.state in ACTION_ITEMS else GONE]
    return status_text(StatusLook(look.icon, item.state_text, look.tone), styles)


def _item_text(item: CarriedItem) -> Text:
    text = Text(" ".join(item.name.split()) or "(unnamed)")
    if item.assignee:
        text.append(f" · {item.assignee}", style="dim")
    if item.carried:
        text.append(f"\n↳ {item.origin_text}", style="italic")
    return text
