"""Turn a report (the JSON-ready dict of cli.md) into table, CSV, Markdown or JSON text.

Each report kind declares its sections once — which list, which columns — and
every text format is drawn from that declaration, so the formats cannot drift
apart. Tables fit a 100-column terminal by shortening the widest text columns.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

WIDTH = 100


@dataclass(frozen=True)
class Column:
    """One column: its header, how to read a cell from a row, and whether it may be shortened."""

    header: str
    read: Callable[[dict], Any]
    flexible: bool = False
    align: str = "<"
    wrap: bool = False
    """Continue a long cell on the next lines instead of cutting it with an ellipsis."""


@dataclass(frozen=True)
class Section:
    """A titled list of rows inside a report."""

    title: str
    rows: Callable[[dict], list[dict]]
    columns: tuple[Column, ...]
    empty: str = "none"


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
    flags = [word for word, on in (("carried over", row.get("carried_over")), ("deadline moved", row.get("deadline_moved"))) if on]
    return row["status"] + (f" ({', '.join(flags)})" if flags else "")


TOTAL_COLUMNS = (
    text("Name", "name"),
    num("Total", "total"),
    num("Hit", "hit"),
    num("Late", "late"),
    num("Missed", "missed"),
    num("Open", "open"),
    num("Postp.", "postponed"),
    num("Hit rate", "hit_rate", percent),
    num("Progress", "progress", percent),
)

TALLY_COLUMNS = (
    num("Running", "running"),
    num("Win", "win"),
    num("Loss", "loss"),
    num("Inconcl.", "inconclusive"),
    num("Win rate", "win_rate", percent),
    num("95% CI", "win_rate_ci", interval),
)

SECTIONS: dict[str, tuple[Section, ...]] = {
    "weekly": (
        Section(
            "Weekly goals",
            key("goals"),
            (
                text("Client", "client"),
                text("Assignee", "assignee"),
                text("Goal", "name"),
                Column("Due", key("fixed_due_on")),
                Column("Status", goal_status),
            ),
            "no weekly goals are due this week",
        ),
        Section("By pod", lambda r: r["totals"]["pod"], TOTAL_COLUMNS),
        Section("By client", lambda r: r["totals"]["client"], TOTAL_COLUMNS),
        Section("By assignee", lambda r: r["totals"]["assignee"], TOTAL_COLUMNS),
    ),
    "tactics": (
        Section("Tactics by client and kind", key("rows"), (text("Client", "client"), text("Tactic", "tactic"), *TALLY_COLUMNS, num("Streak", "loss_streak"))),
        Section("By designer", key("by_designer"), (text("Designer", "name"), *TALLY_COLUMNS)),
        Section("By pod", key("by_pod"), (text("Pod", "name"), *TALLY_COLUMNS)),
    ),
    "postponed": (
        Section(
            "Postponed (sanctioned)",
            key("postponed"),
            (text("Client", "client"), text("Goal", "name"), Column("Fixed", key("fixed_due_on")), Column("Due", key("due_on")), text("Reason", "reason", wrap=True), Column("Done", lambda r: "yes" if r.get("completed") else "no")),
        ),
        Section(
            "Deadline moved (not sanctioned)",
            key("deadline_moved"),
            (text("Client", "client"), text("Goal", "name"), text("Assignee", "assignee"), Column("Fixed", key("fixed_due_on")), Column("Due", key("due_on")), Column("Done", lambda r: "yes" if r.get("completed") else "no")),
        ),
        Section("Re-created after the deadline", key("recreated"), (text("Client", "client"), text("Goal", "name"), Column("Original task", key("original_task_gid")), Column("Created", lambda r: (r.get("created_at") or "")[:10]))),
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
                num("Exp", "expected", percent),
                num("Pace", "pace", lambda n: lambda r: "—" if r.get(n) is None else f"{r[n]:.2f}"),
                num("Left", "days_left", lambda n: lambda r: "—" if r.get(n) is None else f"{r[n]}d"),
                Column("Status", key("status")),
                Column("Asana", key("asana_status")),
            ),
        ),
    ),
    "risk": (
        Section(
            "Clients at risk",
            key("clients"),
            (
                num("#", "rank"),
                text("Client", "client"),
                text("Pod", "pod"),
                num("Score", "score"),
                num("MRR", "mrr", number),
                Column("Reasons", lambda r: ", ".join(r["reasons"]) or "—", flexible=True, wrap=True),
            ),
        ),
    ),
}


def render(report: dict, fmt: str) -> str:
    """The report as text in `fmt` (`json`, `table`, `csv` or `md`)."""
    if fmt == "json":
        return json.dumps(report, ensure_ascii=False, indent=2)
    sections = SECTIONS[report["report"]]
    if fmt == "csv":
        return _csv(report, sections)
    if fmt == "md":
        return _markdown(report, sections)
    return _table(report, sections)


def headline(report: dict) -> str:
    """One line naming what the report covers."""
    kind = report["report"]
    parts = {
        "weekly": lambda: f"Week {report['week']} ({report['start']} – {report['end']})",
        "tactics": lambda: f"Tactics since {report['since']}, confidence ≥ {report['confidence']:g}%",
        "postponed": lambda: "Postponements and deadline moves",
        "pacing": lambda: "90-day goal pacing",
        "risk": lambda: "At-risk ranking",
    }
    return f"{parts[kind]()} · today {report['today']} · {report['timezone']}"


def _cell(column: Column, row: dict) -> str:
    value = column.read(row)
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _table(report: dict, sections: tuple[Section, ...]) -> str:
    out = [headline(report)]
    for section in sections:
        rows = section.rows(report)
        out += ["", f"{section.title} ({len(rows)})"]
        if not rows:
            out.append(f"  {section.empty}")
            continue
        cells = [[_cell(c, row) for c in section.columns] for row in rows]
        widths = _fit([c.header for c in section.columns], cells, section.columns)
        out.append(_line([c.header for c in section.columns], widths, section.columns))
        out.append("  ".join("─" * w for w in widths))
        out += [_line(row, widths, section.columns) for row in cells]
    return "\n".join(out)


def _fit(headers: list[str], cells: list[list[str]], columns: tuple[Column, ...]) -> list[int]:
    """Column widths that fit WIDTH, taking space from the widest flexible columns first."""
    widths = [max(len(h), *(cell_width(row[i]) for row in cells)) for i, h in enumerate(headers)]
    budget = WIDTH - 2 * (len(widths) - 1)
    while sum(widths) > budget:
        flexible = [i for i, c in enumerate(columns) if c.flexible and widths[i] > max(8, len(headers[i]))]
        if not flexible:
            break
        widest = max(flexible, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def _line(values: list[str], widths: list[int], columns: tuple[Column, ...]) -> str:
    """One row; wrapping cells continue on further lines, other long cells end in an ellipsis."""
    cells = []
    for value, width, column in zip(values, widths, columns):
        if column.wrap and cell_width(value) > width:
            cells.append(textwrap.wrap(value, width, break_long_words=True) or [""])
        else:
            cells.append([_cut(value, width)])
    lines = []
    for i in range(max(len(cell) for cell in cells)):
        parts = [_pad(cell[i] if i < len(cell) else "", w, c.align) for cell, w, c in zip(cells, widths, columns)]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def cell_width(value: str) -> int:
    """Terminal cells a string takes: wide characters (emoji, CJK) take two, combining marks none."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in value
    )


def _cut(value: str, width: int) -> str:
    if cell_width(value) <= width:
        return value
    while cell_width(value) > width - 1:
        value = value[:-1]
    return value + "…"


def _pad(value: str, width: int, align: str) -> str:
    gap = " " * max(0, width - cell_width(value))
    return gap + value if align == ">" else value + gap


def _csv(report: dict, sections: tuple[Section, ...]) -> str:
    """The report's rows as CSV; a report with several lists gets a `list` column naming each row's list."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    chosen = sections if report["report"] == "postponed" else sections[:1]
    if len(chosen) == 1:
        rows = chosen[0].rows(report)
        names = _csv_keys(rows)
        writer.writerow(names)
        writer.writerows([_csv_value(row.get(name)) for name in names] for row in rows)
        return buffer.getvalue()
    all_rows = [(section.title, row) for section in chosen for row in section.rows(report)]
    names = _csv_keys([row for _, row in all_rows])
    writer.writerow(["list", *names])
    writer.writerows([title, *(_csv_value(row.get(name)) for name in names)] for title, row in all_rows)
    return buffer.getvalue()


def _csv_keys(rows: list[dict]) -> list[str]:
    names: list[str] = []
    for row in rows:
        names += [name for name in row if name not in names]
    return names


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return value


def _markdown(report: dict, sections: tuple[Section, ...]) -> str:
    out = [f"# {headline(report)}"]
    for section in sections:
        rows = section.rows(report)
        out += ["", f"## {section.title} ({len(rows)})", ""]
        if not rows:
            out.append(f"_{section.empty}_")
            continue
        out.append("| " + " | ".join(c.header for c in section.columns) + " |")
        out.append("|" + "|".join("---:" if c.align == ">" else "---" for c in section.columns) + "|")
        for row in rows:
            out.append("| " + " | ".join(_cell(c, row).replace("|", "\\|") for c in section.columns) + " |")
    return "\n".join(out)
