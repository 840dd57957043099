"""Rich tables for the client card, one per section, built from the figures' dataclasses.

Each returns a renderable for a `TextPanel`; an empty section says so in
words rather than leaving a blank box.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from zoneinfo import ZoneInfo

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from podview import words
from podview.date_words import day, move, week_span
from podview.dates import parse_timestamp
from podview.figures.card import CardDecision, StatusUpdate
from podview.figures.pacing import GoalPacing
from podview.figures.postponed import PostponedReport
from podview.figures.row_marks import RowMarks
from podview.figures.tactics import TacticsReport, wilson_interval
from podview.figures.weekly import WeeklyReport
from podview.widgets.labels import (
    ASANA,
    DECISIONS,
    NONE,
    PACING,
    TONE_COLOURS,
    interval,
    metric,
    percent,
    progress_bar,
    status_text,
)
from podview.widgets.row_marks import card_status


def _table(*columns: str) -> Table:
    table = Table(expand=True, box=None, pad_edge=False, show_edge=False, header_style="bold")
    for column in columns:
        table.add_column(column)
    return table


def goals_table(goals: Sequence[GoalPacing], *, narrow: bool = False) -> RenderableType:
    """90-day goals: where the metric is, the bar against the time used, computed and Asana status.

    Narrow (an 80-column card) leaves out the bar, whose figures stay, and
    puts both statuses in one column, so the goal's name is not squeezed
    into a word per line. Asana's status is left out when no goal carries
    one (as when a client watches: `figures.client_view` withholds it).
    """
    if not goals:
        return Text("No 90-day goals support this client.", style="italic")
    asana_shown = any(goal.asana_status is not None for goal in goals)
    if narrow:
        table = _table(
            "Goal", "Now → target", "Done / time", "Pacing · Asana" if asana_shown else "Pacing"
        )
    else:
        table = _table(
            "Goal",
            "Now → target",
            "Done / time used",
            "Pacing",
            *(("Asana",) if asana_shown else ()),
        )
    table.columns[2].no_wrap = True
    for goal in goals:
        figures = f"{percent(goal.progress)} / {percent(goal.expected)}"
        pacing, asana = status_text(PACING, goal.status), status_text(ASANA, goal.asana_status)
        cells: list[RenderableType] = [
            Text(goal.name or NONE),
            f"{metric(goal.current, goal.unit)} → {metric(goal.target, goal.unit)}",
        ]
        if narrow:
            cells += [
                figures,
                Text.assemble(pacing, "\n", "Asana ", asana) if asana_shown else pacing,
            ]
        else:
            bar = progress_bar(goal.progress, goal.expected)
            bar.append(f" {figures}")
            cells += [bar, pacing, *((asana,) if asana_shown else ())]
        table.add_row(*cells)
    return table


def weekly_table(
    weeks: Sequence[WeeklyReport], marks: RowMarks, today: date, *, show_owner: bool = True
) -> RenderableType:
    """This week's and last week's weekly goals with their status (and flags in words).

    `marks` say which open goals are overdue and which wait on a decision in the outbox.
    """
    table = _table("Week", "Goal", *(("Owner",) if show_owner else ()), "Due", "Status")
    for report in weeks:
        days = week_span(report.week, report.week, today)
        if not report.goals:
            table.add_row(
                days,
                Text("no weekly goals", style="italic"),
                *([""] if show_owner else []),
                "",
                "",
            )
        for goal in report.goals:
            status = card_status(goal, marks, TONE_COLOURS)
            if goal.carried_over:
                status.append(" (carried over)")
            if goal.deadline_moved:
                status.append(" ⚑ moved", style="bold")
            owner = (goal.assignee or "unassigned",) if show_owner else ()
            table.add_row(days, goal.name or NONE, *owner, _day(goal.due_on, today), status)
    return table


def tactics_table(report: TacticsReport, today: date) -> RenderableType:
    """Wins and losses per tactic kind since the report's start, with a total row and the loss streak (unless withheld)."""
    if not report.rows:
        return Text(f"No tactics since {_day(report.since, today)}.", style="italic")
    table = _table("Tactic", "Win", "Loss", "Inconcl.", "Running", "Win rate", "95% range")
    for column in table.columns[1:]:
        column.justify = "right"
    for row in report.rows:
        table.add_row(
            row.tactic,
            str(row.win),
            str(row.loss),
            str(row.inconclusive),
            str(row.running),
            percent(row.win_rate),
            interval(row.win_rate_ci),
        )
    wins, losses = sum(r.win for r in report.rows), sum(r.loss for r in report.rows)
    decided = wins + losses
    table.add_row(
        Text("All tactics", style="bold"),
        str(wins),
        str(losses),
        str(sum(r.inconclusive for r in report.rows)),
        str(sum(r.running for r in report.rows)),
        percent(wins / decided if decided else None),
        interval(wilson_interval(wins, decided)),
        style="bold",
    )
    streak = report.rows[0].loss_streak
    if streak is None:
        return table
    note = Text(
        f"\nLoss streak: {streak} " + ("loss in a row" if streak == 1 else "losses in a row")
    )
    if streak >= 3:
        note.append("  ✗ 3 or more: a warning sign", style="bold red")
    return Group(table, note)


def moves_table(report: PostponedReport, today: date) -> RenderableType:
    """Sanctioned postponements, silent deadline moves and re-created goals of this client."""
    table = _table("What", "Goal", "Deadline", "Why / note")
    for item in report.postponed:
        table.add_row(
            Text(f"→ {words.WEEKLY['postponed']}"),
            item.name or NONE,
            move(item.fixed_due_on, item.due_on, today),
            item.reason,
        )
    for item in report.deadline_moved:
        table.add_row(
            Text(f"⚑ {words.FLAGS['deadline_moved']}", style="bold"),
            item.name or NONE,
            move(item.fixed_due_on, item.due_on, today),
            "no postpone reason: still counted in its first week",
        )
    for item in report.recreated:
        created = item.created_at.date() if item.created_at else None
        table.add_row(
            Text(f"↻ {words.FLAGS['recreated']}", style="bold"),
            item.name or NONE,
            f"new on {_day(created, today)}",
            "an earlier goal of this name was missed",
        )
    if not table.row_count:
        return Text("No postponed, moved or re-created goals.", style="italic")
    return table


def _day(when: date | None, today: date) -> str:
    return NONE if when is None else day(when, today)


def status_history_table(
    rows: Sequence[StatusUpdate], zone: ZoneInfo, today: date
) -> RenderableType:
    """The project's status updates, newest first, as written in Asana."""
    if not rows:
        return Text("No status updates in Asana yet.", style="italic")
    table = _table("Date", "Status", "Update")
    for row in rows:
        update = Text(row.title or "", style="bold")
        if row.text:
            update.append(f"\n{row.text}", style="not bold")
        table.add_row(
            _day(_local_day(row.created_at, zone), today),
            status_text(ASANA, row.status_type),
            update,
        )
    return table


def decisions_table(
    rows: Sequence[CardDecision], zone: ZoneInfo, today: date
) -> RenderableType:
    """Decisions recorded about this client (and its tasks and goals), newest first."""
    if not rows:
        return Text("No decisions recorded for this client yet.", style="italic")
    table = _table("Date", "Decision", "State", "Detail")
    for row in rows:
        state = status_text(DECISIONS, row.state)
        detail = _payload_summary(row.payload)
        if row.error:
            detail += f" — {row.error}"
        table.add_row(
            _day(_local_day(row.created_at, zone), today),
            words.word(words.DECISION_KINDS, row.kind),
            state,
            detail,
        )
    return table


def _local_day(stamp: str | None, zone: ZoneInfo) -> date | None:
    moment = parse_timestamp(stamp)
    return moment.astimezone(zone).date() if moment else None


def _payload_summary(payload: str | None) -> str:
    """The one field of a decision's payload that says what was decided."""
    try:
        data = json.loads(payload or "{}")
    except ValueError:
        return payload or ""
    if not isinstance(data, dict):
        return str(data)
    for key in ("text", "reason", "name", "title", "result", "status", "to", "current"):
        if data.get(key) not in (None, ""):
            return words.word(words.ASANA, data[key]) if key == "status" else str(data[key])
    return ""
