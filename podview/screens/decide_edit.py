"""Editing a decision that did not go out (`e` in the outbox), in the form it was made with.

The form is `DecideScreen`'s, filled with what the decision says; saving
changes the outbox row through `outbox.edit`, so the decision keeps its id and
meeting and is sent again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from podview.decisions.targets import user_email
from podview.decisions.validate import TARGET_KEY, inputs_of
from podview.screens.context import ViewContext
from podview.screens.decide import DecideScreen
from podview.screens.decide_about import About, Target, fields_for, load_about, title_for

EDIT_TARGETS = {
    "postpone": "weekly_goal",
    "result": "tactic",
    "comment": "task",
    "action": "client",
    "status": "client",
    "goal": "goal",
    "reminder": "training_module",
}
"""The kind of item each decision is about; a result names its tactic, so its form has no picker."""


@dataclass(frozen=True)
class Standing:
    """How an edited decision's form names its state."""

    icon: str
    adjective: str
    """In the title: `Edit this failed decision`."""
    label: str
    """Before the error, under the target."""
    fallback: str
    """Said when the decision has no error."""


STANDING = {
    "pending": Standing("…", "pending", "Pending", "not sent yet"),
    "failed": Standing("✖", "failed", "Failed", "Asana refused it"),
    "conflict": Standing("!", "conflicting", "In conflict", "its target changed since"),
}
"""The states a decision can be edited in."""


def edit_target(decision: Any) -> Target:
    """The item a recorded decision is about, as `d` would have named it."""
    key = TARGET_KEY[decision.kind]
    label = decision.fields.get(f"{key}_name") or decision.target_gid or ""
    return Target(EDIT_TARGETS[decision.kind], decision.target_gid or "", label)


def as_typed(value: Any) -> str | None:
    """A recorded value as it would have been typed: `97.0` as `97`, nothing as nothing."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def recorded_values(conn: sqlite3.Connection, decision: Any) -> dict[str, str | None]:
    """What a decision says, by its form's fields; the assignee by email, as it is typed.

    Runs in a worker thread: it reads the cache.
    """
    inputs = inputs_of(decision.kind, decision.fields)
    fields = fields_for(decision.kind, edit_target(decision))
    values = {f.key: as_typed(inputs.get(f.key)) for f in fields}
    if values.get("assignee"):
        values["assignee"] = user_email(conn, values["assignee"]) or values["assignee"]
    return values


def unchanged(typed: Mapping[str, str | None], recorded: Mapping[str, str | None]) -> bool:
    """Whether the form still says what the decision says (a blank field is no value)."""
    keys = set(typed) | set(recorded)
    return all((typed.get(key) or "") == (recorded.get(key) or "") for key in keys)


class EditDecisionScreen(DecideScreen):
    """A decision that did not go out, in the form it was made with, to fix and send again.

    Saving validates as a new decision does and changes the outbox row through
    `outbox.edit`: same id, same meeting, pending again. Dismissed with the
    changed `Decision`, with the typed values when closed with changes unsaved
    (a draft), or None when closed as it was.
    """

    NOTE = "* required · keeps its id and meeting, then is sent to Asana again"
    DEMO_NOTE = "* required · keeps its id and meeting; the demo agency never sends to Asana"

    def __init__(
        self,
        context: ViewContext,
        decision: Any,
        recorded: dict[str, str | None],
        draft: dict[str, str | None] | None = None,
    ) -> None:
        super().__init__(context, decision.kind, edit_target(decision), draft or recorded)
        self.decision = decision
        self.recorded = recorded
        """What the decision says now: closing the form on these changes nothing."""

    def heading(self) -> str:
        """Says which decision is being edited, and that it is one already made."""
        standing = self.standing_look()
        return f"Edit this {standing.adjective} decision · {title_for(self.kind, self.target)}"

    def read_about(self, conn: sqlite3.Connection) -> About:
        """The target as a new decision's form shows it, then why this one did not go out."""
        about = load_about(conn, self.kind, self.target, self.context.today, meeting=False)
        return replace(about, lines=[*about.lines, self.standing()])

    def standing(self) -> str:
        """The decision's state and Asana's answer, so the fix can be made where it is needed."""
        look = self.standing_look()
        return f"{look.icon} {look.label}: {self.decision.error or look.fallback}"

    def standing_look(self) -> Standing:
        """How the decision's state reads (a state no edit expects is still named)."""
        state = self.decision.state
        return STANDING.get(state, Standing("•", state, state.capitalize(), "not sent"))

    def commit(self, db: Any, inputs: dict[str, Any]) -> Any:
        """Change the decision and make it pending again, as `podview decisions edit` does.

        Runs in a worker thread: it writes the cache.
        """
        from podview.decisions.outbox import edit

        return edit(db, self.decision.id, inputs, today=self.context.today)

    def action_cancel(self) -> None:
        """Close, leaving the decision as it was; changes typed go back to the outbox as a draft."""
        values = self.form.values()
        self.dismiss(None if unchanged(values, self.recorded) else values)
