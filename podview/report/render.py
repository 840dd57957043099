"""Turn a report (the JSON-ready dict of cli.md) into table, CSV, Markdown or JSON text.

Each report kind declares its sections once (sections.py) — which list, which
columns — and every text format is drawn from that declaration, so the formats
cannot drift apart. Tables fit the width they are given (the terminal's, see
cli/output.py) by shortening the widest text columns only when it is too
narrow. Table and Markdown write dates as people read them (date_words:
`Wed 2 Dec`, `18 Nov → 25 Nov`); JSON and CSV keep cli.md's ISO dates, ids and
values for machines.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
import unicodedata
from datetime import date, datetime
from typing import Any

from podview.date_words import dated, day, moment, move, period, week_span
from podview.report.sections import Column, Section, sections_for

WIDTH = 100
"""The width of a table when none is given (a file, a pipe, a test)."""


def render(report: dict, fmt: str, width: int = WIDTH) -> str:
    """The report as text in `fmt` (`json`, `table`, `csv` or `md`); a table fits `width` columns."""
    if fmt == "json":
        return json.dumps(report, ensure_ascii=False, indent=2)
    sections = sections_for(report)
    if fmt == "csv":
        return _csv(report, sections)
    if fmt == "md":
        return _markdown(report, sections)
    return _table(report, sections, width)


def headline(report: dict) -> str:
    """One line naming what the report covers."""
    kind, today = report["report"], date.fromisoformat(report["today"])

    def on(key: str) -> str:
        return day(date.fromisoformat(report[key]), today)

    parts = {
        "weekly": lambda: f"Week {report['week']} ({period(date.fromisoformat(report['start']), date.fromisoformat(report['end']), today)})",
        "tactics": lambda: f"Tactics since {on('since')}, confidence ≥ {report['confidence']:g}%",
        "postponed": lambda: "Postponements and deadline moves",
        "pacing": lambda: "90-day goal pacing",
        "risk": lambda: "At-risk ranking",
        "people": lambda: f"People, {week_span(report['weeks'][0], report['weeks'][-1], today)}, tests since {on('since')}",
    }
    return f"{parts[kind]()} · today {dated(today)} · {report['timezone']}"


def _cell(column: Column, row: dict, today: date | None = None) -> str:
    """A cell as text; dates (and a pair of dates, a move) in date_words' style when `today` is known."""
    value = column.read(row)
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if today is not None:
        return _dated(value, today)
    return str(value)


def _dated(value: Any, today: date) -> str:
    if isinstance(value, datetime):
        return moment(value, today)
    if isinstance(value, date):
        return day(value, today)
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, date) for v in value):
        return move(value[0], value[1], today)
    return str(value)


def _table(report: dict, sections: tuple[Section, ...], width: int) -> str:
    out, today = textwrap.wrap(headline(report), width, break_on_hyphens=False), date.fromisoformat(report["today"])
    for section in sections:
        rows = section.rows(report)
        out += ["", section.heading_for(rows)]
        if not rows:
            out.append(f"  {section.empty}")
            continue
        out += grid(section.columns, rows, width, today)
    return "\n".join(out)


def grid(columns: tuple[Column, ...], rows: list[dict], width: int = WIDTH, today: date | None = None) -> list[str]:
    """One table's lines: the headers, a rule, then each row, fitted to `width` (the command line's lists use it too)."""
    headers = [c.header for c in columns]
    cells = [[_cell(c, row, today) for c in columns] for row in rows]
    widths = _fit(headers, cells, columns, width)
    while sum(widths) + 2 * (len(widths) - 1) > width and any(c.optional for c in columns):
        drop = max(i for i, c in enumerate(columns) if c.optional)
        columns, headers = columns[:drop] + columns[drop + 1 :], headers[:drop] + headers[drop + 1 :]
        cells = [row[:drop] + row[drop + 1 :] for row in cells]
        widths = _fit(headers, cells, columns, width)
    return [_line(headers, widths, columns), "  ".join("─" * w for w in widths), *(_line(row, widths, columns) for row in cells)]


def _fit(headers: list[str], cells: list[list[str]], columns: tuple[Column, ...], width: int) -> list[int]:
    """Column widths that fit `width`, taking space from the widest flexible columns first, only when needed."""
    widths = [max([len(h), *(cell_width(row[i]) for row in cells)]) for i, h in enumerate(headers)]
    budget = width - 2 * (len(widths) - 1)
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
    """A value as a spreadsheet or script reads it: `18500` (not `18500.0`), `true`/`false`, empty for null."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return ";".join(str(_csv_value(v)) for v in value)
    return value


def _markdown(report: dict, sections: tuple[Section, ...]) -> str:
    out, today = [f"# {headline(report)}"], date.fromisoformat(report["today"])
    for section in sections:
        rows = section.rows(report)
        out += ["", f"## {section.heading_for(rows)}", ""]
        if not rows:
            out.append(f"_{section.empty}_")
            continue
        out.append("| " + " | ".join(c.header for c in section.columns) + " |")
        out.append("|" + "|".join("---:" if c.align == ">" else "---" for c in section.columns) + "|")
        for row in rows:
            out.append("| " + " | ".join(_cell(c, row, today).replace("|", "\\|") for c in section.columns) + " |")
    return "\n".join(out)
