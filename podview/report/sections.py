"""What each report shows: its sections, and each section's columns and how a cell is read.

Every text format (table, Markdown, and the list chosen for CSV) is drawn
from these declarations, so the formats cannot drift apart. Statuses and
signals are shown in podview's words (podview/words.py); CSV and JSON keep
their ids.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from podview import words
from podview.figures.risk_row import RiskRow


@dataclass(frozen=True)
class Column:
    """One column: its header, how to read a cell from a row, and whether it may be shortened."""

    header: str
    read: Callable[[dict], Any]
    flexible: bool = False
    align: str = "<"
    wrap: bool = False
    """Continue a long cell on the next lines instead of cutting it with an ellipsis."""
    optional: bool = False
    """Left out (the rightmost first) when the terminal is too narrow for the table even with its text cut."""


@dataclass(frozen=True)
class Section:
    """A titled list of rows inside a report."""

    title: str
    rows: Callable[[dict], list[dict]]
    columns: tuple[Column, ...]
    empty: str = "none"
    heading: Callable[[list[dict]], str] | None = None
    """The line above the rows, from the rows; by default the title and how many rows there are."""

    def heading_for(self, rows: list[dict]) -> str:
        return self.heading(rows) if self.heading else f"{self.title} ({len(rows)})"


def key(name: str) -> Callable[[dict], Any]:
    return lambda row: row.get(name)


def percent(name: str) -> Callable[[dict], Any]:
    """A ratio shown as a percentage; — for null."""
    def read(row: dict) -> str:
        value = row.get(name)
        return "—" if value is None else f"{value * 100:.0f}%"
    return read


def interval(name: str) -> Callable[[dict], Any]:
    def read(row: dict) -> str:
        value = row.get(name)
        return "—" if value is None else f"{value[0] * 100:.0f}–{value[1] * 100:.0f}%"
    return read


def number(name: str) -> Callable[[dict], Any]:
    def read(row: dict) -> str:
        value = row.get(name)
        if value is None:
            return "—"
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.4g}"
    return read


def metric(name: str) -> Callable[[dict], Any]:
    """A goal's metric value in its unit: 2.8% for a percentage, $99.72 for US dollars."""
    plain = number(name)

    def read(row: dict) -> str:
        value = row.get(name)
        if value is None:
            return "—"
        if row.get("unit") == "percentage":
            return f"{value * 100:.3g}%"
        if row.get("unit") == "currency":
            return "$" + plain(row)
        return plain(row)
    return read


def num(header: str, name: str, reader: Callable[[str], Callable[[dict], Any]] | None = None) -> Column:
    return Column(header, (reader or key)(name), align=">")


def text(header: str, name: str, wrap: bool = False) -> Column:
    return Column(header, key(name), flexible=True, wrap=wrap)


def goal_status(row: dict) -> str:
    return words.weekly_status(row["status"], bool(row.get("carried_over")), bool(row.get("deadline_moved")))


def said(table: dict[str, str], name: str) -> Callable[[dict], Any]:
    """A status id shown as its word."""
    return lambda row: None if row.get(name) is None else words.word(table, row[name])


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def day_of(name: str) -> Callable[[dict], Any]:
    """An ISO date read as a date, which table and Markdown write in date_words' style."""
    return lambda row: _day(row.get(name))


def moment_of(name: str) -> Callable[[dict], Any]:
    """An ISO timestamp (local, with its offset) read as a datetime."""
    return lambda row: None if row.get(name) is None else datetime.fromisoformat(row[name])


def moved(row: dict) -> Any:
    """The fixed deadline F to the current due date D, a pair written `18 Nov → 25 Nov`."""
    fixed, due = _day(row.get("fixed_due_on")), _day(row.get("due_on"))
    return fixed or due if None in (fixed, due) else (fixed, due)


def due_dates(row: dict) -> Any:
    """The current due date D, or F → D when the goal was moved from its fixed deadline F."""
    due, fixed = _day(row.get("due_on")), _day(row.get("fixed_due_on"))
    if due is None:
        return fixed
    return due if fixed in (None, due) else (fixed, due)


def progress_done(row: dict) -> str:
    """metrics.md's progress for a week still running: hit out of the goals not postponed."""
    return words.progress(row["hit"], row["total"], row["postponed"])


COUNT_COLUMNS = (
    text("Name", "name"),
    num("Total", "total"),
    num("Hit", "hit"),
    num("Late", "late"),
    num("Missed", "missed"),
    num("Open", "open"),
    num("Postp.", "postponed"),
)

ENDED_TOTALS = (*COUNT_COLUMNS, num("Hit rate", "hit_rate", percent))
"""An ended week is judged by its hit rate."""

RUNNING_TOTALS = (*COUNT_COLUMNS, Column("Progress", progress_done, align=">"))
"""A week not ended yet has open goals, so its hit rate says nothing yet: how much is done instead."""

TALLY_COLUMNS = (
    num("Running", "running"),
    num("Win", "win"),
    num("Loss", "loss"),
    num("Inconcl.", "inconclusive"),
    num("Win rate", "win_rate", percent),
    num("95% CI", "win_rate_ci", interval),
)


def _weekly(report: dict) -> tuple[Section, ...]:
    totals = ENDED_TOTALS if week_ended(report) else RUNNING_TOTALS
    return (
        Section(
            "Weekly goals",
            key("goals"),
            (
                text("Client", "client"),
                text("Assignee", "assignee"),
                text("Goal", "name"),
                Column("Due", due_dates),
                Column("Status", goal_status),
            ),
            "no weekly goals are due this week",
        ),
        Section("By pod", lambda r: r["totals"]["pod"], totals),
        Section("By client", lambda r: r["totals"]["client"], totals),
        Section("By assignee", lambda r: r["totals"]["assignee"], totals),
    )


def week_ended(report: dict) -> bool:
    """metrics.md: a week has ended when today is after its Sunday (ISO dates compare as text)."""
    return report["today"] > report["end"]


def _done(row: dict) -> str:
    return "yes" if row.get("completed") else "no"


SCORE_MAX = "score_max"
"""The key under which the command line hands a risk report printed as text the highest possible score.

Not part of cli.md's JSON (nor CSV's rows): the text formats show each score
on its scale, `65/130`.
"""


def _risk(report: dict) -> tuple[Section, ...]:
    """The ranking, titled with how many clients are at risk (the same words as Home)."""
    highest = report.get(SCORE_MAX)
    score = num("Score", "score") if highest is None else Column("Score", lambda r: f"{r['score']}/{highest}", align=">")
    return (
        Section(
            "Clients at risk",
            key("clients"),
            (
                num("#", "rank"),
                text("Client", "client"),
                text("Pod", "pod"),
                score,
                num("MRR", "mrr", number),
                Column("Reasons", lambda r: words.signals_text(r["reasons"]), flexible=True, wrap=True),
            ),
            heading=lambda rows: words.at_risk_count(sum(_at_risk(row) for row in rows), len(rows)),
        ),
    )


def _at_risk(row: dict) -> bool:
    return RiskRow(**row).at_risk


def person_rows(report: dict) -> list[dict]:
    """Each person as one flat row (their weekly, tactics and training figures side by side): what CSV lists."""
    return [
        {
            "user_gid": person["user_gid"],
            "name": person["name"],
            "pods": person["pods"],
            "clients": person["clients"],
            **person["weekly"],
            **person["tactics"],
            **person["training"],
            "coach": person["coach"],
        }
        for person in report["people"]
    ]


def _habit_value(group: str) -> Callable[[dict], Any]:
    """A habit as a leader reads it: a share as a percentage, goals a week and scores as numbers."""
    def read(row: dict) -> str:
        value = row[group]
        if value is None:
            return "—"
        return f"{value:.1f}" if row["measure"] in ("goals_per_week", "avg_score") else f"{value * 100:.0f}%"
    return read


def _habit_rows(report: dict) -> list[dict]:
    return [{"measure": measure, **groups} for measure, groups in report["habits"].items()]


PEOPLE_SECTIONS = (
    Section(
        "People: weekly goals",
        person_rows,
        (
            text("Name", "name"),
            Column("Pods", lambda r: ", ".join(r["pods"]) or "—", flexible=True),
            num("Clients", "clients"),
            num("Goals", "goals"),
            num("Hit rate", "hit_rate", percent),
            num("Postp.", "postponed"),
            num("Moved", "deadline_moved"),
            num("Re-cr.", "recreated"),
            num("By Mon.", "planned_by_monday", percent),
        ),
        "no pod members and no assignees in this window",
    ),
    Section(
        "People: tests, training and coaching",
        person_rows,
        (
            text("Name", "name"),
            num("Win", "win"),
            num("Loss", "loss"),
            num("95% CI", "win_rate_ci", interval),
            num("Modules", "assigned"),
            num("Done", "completed"),
            num("Overdue", "overdue"),
            num("Score", "avg_score", number),
            Column("Coaching", lambda r: words.coaching_text(r["coach"]), flexible=True, wrap=True),
        ),
        "no pod members and no assignees in this window",
    ),
    Section(
        "What successful managers do (top half by hit rate vs the rest)",
        _habit_rows,
        (
            Column("The best account managers…", lambda r: words.word(words.HABITS, r["measure"]), flexible=True),
            Column("Top", _habit_value("top"), align=">"),
            Column("Rest", _habit_value("rest"), align=">"),
        ),
    ),
)
"""People: the weekly side, the tests and training side with the coaching signals, then the habits."""


SECTIONS: dict[str, tuple[Section, ...] | Callable[[dict], tuple[Section, ...]]] = {
    "weekly": _weekly,
    "tactics": (
        Section("Tactics by client and kind", key("rows"), (text("Client", "client"), text("Tactic", "tactic"), *TALLY_COLUMNS, Column("Streak", key("loss_streak"), align=">", optional=True))),
        Section("By assignee", key("by_designer"), (text("Assignee", "name"), *TALLY_COLUMNS)),
        Section("By pod", key("by_pod"), (text("Pod", "name"), *TALLY_COLUMNS)),
    ),
    "postponed": (
        Section(
            "Postponed (sanctioned)",
            key("postponed"),
            (text("Client", "client"), text("Goal", "name"), Column("Fixed → due", moved), text("Reason", "reason", wrap=True), Column("Done", _done)),
        ),
        Section(
            "Deadline moved (not sanctioned)",
            key("deadline_moved"),
            (text("Client", "client"), text("Goal", "name"), text("Assignee", "assignee"), Column("Fixed → due", moved), Column("Done", _done)),
        ),
        Section("Re-created after the deadline", key("recreated"), (text("Client", "client"), text("Goal", "name"), Column("Original task", key("original_task_gid")), Column("Created", moment_of("created_at")))),
        Section("Data problems", key("problems"), (text("Client", "client"), text("Task", "name"), Column("Task gid", key("task_gid")), text("Problem", "problem", wrap=True))),
    ),
    "pacing": (
        Section(
            "90-day goals",
            key("goals"),
            (
                text("Client", "client"),
                text("Goal", "name"),
                num("Now", "current", metric),
                num("Target", "target", metric),
                num("Prog", "progress", percent),
                Column("Exp", percent("expected"), align=">", optional=True),
                num("Pace", "pace", lambda n: lambda r: "—" if r.get(n) is None else f"{r[n]:.2f}"),
                num("Left", "days_left", lambda n: lambda r: "—" if r.get(n) is None else f"{r[n]}d"),
                Column("Status", said(words.PACING, "status")),
                Column("Asana", said(words.ASANA, "asana_status"), optional=True),
            ),
        ),
    ),
    "risk": _risk,
    "people": PEOPLE_SECTIONS,
}


def sections_for(report: dict) -> tuple[Section, ...]:
    """The sections of this report (the weekly report's totals depend on whether its week has ended)."""
    chosen = SECTIONS[report["report"]]
    return chosen(report) if callable(chosen) else chosen
