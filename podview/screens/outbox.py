"""The outbox: every decision still to send or needing the user, and the latest ones sent.

A decision Asana refused (failed) or that no longer fits its target
(conflict) waits here until someone retries it (it becomes pending and is
sent again), edits it in the form it was made with (then it is sent again
too) or discards it (it stays in the table, never sent). Discarding takes a
second press, since it gives up something decided in a meeting.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import partial
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Static

from podview.date_words import moment
from podview.dates import parse_timestamp
from podview.decisions.common import DecisionError
from podview.decisions.minutes import summary
from podview.screens.context import DataScreen, ViewContext
from podview.screens.requests import Drafts, OutboxChanged, SendDecisions
from podview.screens.threads import run_in_thread
from podview.widgets.fit_table import Column, FitTable
from podview.widgets.key_footer import KeyFooter
from podview.widgets.status import DECISIONS as STATES
from podview.widgets.status import StatusLook, status_text, tone_styles
from podview.widgets.themes import palette
from podview.words import DECISION_KINDS, DECISION_STATES, word

ORDER = {"failed": 0, "conflict": 0, "pending": 1, "sent": 2, "discarded": 3}
RECENT = 30
"""Sent and discarded decisions shown, newest first: enough to see that the last ones went out."""
COLUMNS = (
    Column("State", "state", 12),
    Column("Recorded", "when", 16, min_table_width=90),
    Column("Kind", "kind", 13, min_table_width=110),
    Column("Decision", "what"),
)
"""The decision itself comes last and wraps: two decisions on one goal differ only in what they say."""


@dataclass(frozen=True)
class OutboxData:
    """The decisions the screen lists, those needing attention first."""

    decisions: list[Any]


def listed(decisions: list[Any]) -> list[Any]:
    """Failed and conflicting first, then pending (oldest first), then the latest sent or discarded."""
    open_ = [d for d in decisions if ORDER.get(d.state, 3) < 2]
    done = sorted((d for d in decisions if ORDER.get(d.state, 3) >= 2), key=lambda d: d.id)
    open_.sort(key=lambda d: (ORDER.get(d.state, 3), d.id))
    return open_ + done[::-1][:RECENT]


def not_editable(decision: Any) -> str | None:
    """Why a decision cannot be edited any more, in the user's words; None when it can."""
    if decision.state == "sent":
        return (
            f"This {word(DECISION_KINDS, decision.kind)} is already in Asana; change it there, "
            "or press d on its item for a new decision."
        )
    if decision.state == "discarded":
        return (
            f"This {word(DECISION_KINDS, decision.kind)} was discarded and will never be sent; "
            "press d on its item for a new one."
        )
    if decision.progress.started:
        return (
            f"Part of this {word(DECISION_KINDS, decision.kind)} already reached Asana, so it cannot be changed: "
            "r retries it as it is, x discards it."
        )
    return None


def about(decision: Any) -> Text:
    """Whose decision and what it says: `Brightsmile · Postpone “Launch…” from … to …: reason`."""
    text = Text()
    client = decision.fields.get("client_name")
    if client:
        text.append(client, style="bold")
        text.append(" · ")
    text.append(summary(decision))
    return text


class OutboxScreen(DataScreen):
    """Decisions with their state and error; e edits, r retries, x discards, s sends the pending ones."""

    CSS_PATH = "outbox.tcss"
    AUTO_FOCUS = "#decisions"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit", id="outbox.edit"),
        Binding("r", "retry", "Retry", id="outbox.retry"),
        Binding("x", "discard", "Discard", id="outbox.discard"),
        Binding("s", "send", "Send pending", id="outbox.send"),
        Binding("escape", "close", "Close", id="outbox.close"),
    ]

    def __init__(self, context: ViewContext, drafts: Drafts | None = None, **kwargs: Any) -> None:
        super().__init__(context, **kwargs)
        self.drafts: Drafts = {} if drafts is None else drafts
        """Edits closed unsaved, by ("edit", decision id): the app's, so they outlive this screen."""
        self.data: OutboxData | None = None
        self._armed: str | None = None
        """The decision a first `x` asked to discard; a second `x` on it does."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="outbox-body"):
            yield Static("Outbox · loading…", id="outbox-heading")
            yield FitTable(COLUMNS, id="decisions")
            yield Static(id="outbox-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Textual then runs DataScreen's on_mount too, which starts the load."""
        self.sub_title = "Outbox"

    def load(self, conn: sqlite3.Connection) -> OutboxData:
        """Every decision, in the order the screen lists them (worker thread)."""
        from podview.decisions.outbox import list_decisions

        return OutboxData(listed(list_decisions(conn)))

    def show(self, data: OutboxData) -> None:
        """Fill the table, keeping the cursor on its row."""
        self.data = data
        counts = {state: sum(d.state == state for d in data.decisions) for state in STATES}
        waiting = counts["pending"] + counts["failed"] + counts["conflict"]
        self.query_one("#outbox-heading", Static).update(
            f"Outbox · {waiting} waiting: {counts['pending']} pending, {counts['failed']} failed, "
            f"{counts['conflict']} in conflict · latest sent below"
        )
        styles = tone_styles(palette(self))
        zone = self.context.zone
        rows = []
        for decision in data.decisions:
            stamp = parse_timestamp(decision.created_at)
            when = moment(stamp.astimezone(zone), self.context.today) if stamp else "—"
            look = STATES.get(decision.state, StatusLook("•", word(DECISION_STATES, decision.state), "muted"))
            cells = [status_text(look, styles), when, word(DECISION_KINDS, decision.kind), about(decision)]
            rows.append((decision.id, cells))
        self.query_one("#decisions", FitTable).set_rows(rows)
        self._explain()

    def selected(self) -> Any | None:
        """The decision under the cursor."""
        table = self.query_one("#decisions", DataTable)
        if self.data is None or not self.data.decisions:
            return None
        return self.data.decisions[min(table.cursor_row, len(self.data.decisions) - 1)]

    def _explain(self) -> None:
        """The highlighted decision's id, meeting and error in full under the table."""
        decision = self.selected()
        detail = self.query_one("#outbox-detail", Static)
        if decision is None:
            detail.update("No decisions yet: press d on a weekly goal, tactic, client or goal.")
            return
        meeting = f" · meeting {decision.meeting_id}" if decision.meeting_id else ""
        line = f"{word(DECISION_KINDS, decision.kind)} {decision.id}{meeting}"
        if decision.error:
            line += f"\n✖ {decision.error}"
        if decision.state in ("failed", "conflict"):
            line += "\ne edits it, r sends it again as it is, x discards it"
        elif decision.state == "pending":
            line += "\n… waiting to be sent: s sends every pending decision now, e edits this one"
        detail.update(line)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._armed = None
        self._explain()

    def action_close(self) -> None:
        """Back to the screen the outbox was opened from."""
        self.dismiss()

    def action_edit(self) -> None:
        """Open the decision in the form it was made with, to fix what Asana refused."""
        decision = self.selected()
        if decision is None:
            self.notify("There is no decision to edit.", title="Outbox")
            return
        why = not_editable(decision)
        if why:
            self.notify(why, title="Nothing to edit")
            return
        run_in_thread(self, partial(self._read_for_edit, decision.id), self._open_edit, job="outbox-edit")

    def _read_for_edit(self, decision_id: str) -> Any:
        """The decision as the cache has it now (a send may have moved it on) and its form's values.

        Runs in a worker thread: it reads the cache.
        """
        from podview.decisions.outbox import get_decision
        from podview.screens.decide_edit import recorded_values

        conn = self.context.reader()
        try:
            decision = get_decision(conn, decision_id)
            return decision, recorded_values(conn, decision)
        except DecisionError as error:
            return error
        finally:
            conn.close()

    def _open_edit(self, outcome: Any) -> None:
        """Show the form over the outbox, with any changes left unsaved there last time."""
        from podview.screens.decide_edit import EditDecisionScreen

        if isinstance(outcome, DecisionError):
            self.notify(str(outcome), title="Nothing to edit", severity="error")
            return
        decision, recorded = outcome
        why = not_editable(decision)
        if why or not self.is_current:
            if why:
                self.notify(why, title="Nothing to edit")
            self.refresh_data()
            return
        draft = self.drafts.pop(("edit", decision.id), None)
        form = EditDecisionScreen(self.context, decision, recorded, draft)
        self.app.push_screen(form, partial(self._edited, decision.id))

    def _edited(self, decision_id: str, outcome: Any) -> None:
        """A changed decision is sent at once, as after a retry; unsaved changes are kept as a draft."""
        if outcome is None:
            return
        if isinstance(outcome, dict):
            self.drafts[("edit", decision_id)] = outcome
            self.notify(
                "The decision is unchanged. What you typed is kept: press e on it again to go on.",
                title="Draft kept",
            )
            return
        self.notify(f"Changed {word(DECISION_KINDS, outcome.kind)}; sending it to Asana…", title="Decision changed")
        self.post_message(SendDecisions([outcome.id]))
        self.refresh_data()
        self.post_message(OutboxChanged())

    def action_retry(self) -> None:
        """Make a failed or conflicting decision pending again and send it."""
        decision = self.selected()
        if decision is not None:
            self._change("retry", decision.id)

    def action_discard(self) -> None:
        """Give up a decision (it stays listed as discarded); the first press only asks."""
        decision = self.selected()
        if decision is None:
            return
        if self._armed != decision.id:
            self._armed = decision.id
            self.notify(
                f"Press x again to discard this {word(DECISION_KINDS, decision.kind)}; it will never be sent.",
                title="Discard?",
            )
            return
        self._armed = None
        self._change("discard", decision.id)

    def action_send(self) -> None:
        """Send every pending decision now."""
        pending = [d.id for d in self.data.decisions if d.state == "pending"] if self.data else []
        if not pending:
            self.notify("Nothing is pending.", title="Outbox")
            return
        self.notify(f"Sending {len(pending)} pending decisions…", title="Outbox")
        self.post_message(SendDecisions(pending))

    def _change(self, how: str, decision_id: str) -> None:
        """Retry or discard in the background; `_changed` says how it went."""
        run_in_thread(self, partial(self._change_now, how, decision_id), self._changed, job="outbox")

    def _change_now(self, how: str, decision_id: str) -> tuple[str, Any]:
        """Retry or discard on a writable cache, under the outbox's lock (worker thread)."""
        from podview.cache import open_cache
        from podview.decisions import outbox

        db = open_cache(self.context.cache_path)
        try:
            return how, (outbox.retry if how == "retry" else outbox.discard)(db, decision_id)
        except DecisionError as error:
            return how, error
        finally:
            db.conn.close()

    def _changed(self, result: tuple[str, Any]) -> None:
        """A retried decision is sent at once; a refusal says why; the list and the badge follow."""
        how, outcome = result
        if isinstance(outcome, DecisionError):
            self.notify(str(outcome), title=f"Could not {how}", severity="error", timeout=12)
        elif how == "retry":
            self.post_message(SendDecisions([outcome.id]))
        else:
            self.notify(f"Discarded {word(DECISION_KINDS, outcome.kind)} {outcome.id}.", title="Outbox")
        self.refresh_data()
        self.post_message(OutboxChanged())
