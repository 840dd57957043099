"""Turn a report (the JSON-ready dict of cli.md) into table, CSV, Markdown or JSON text.

Each report kind declares its sections once (sections.py) — which list, which
columns — and every text format is drawn from that declaration, so the formats
cannot drift apart. Tables fit a 100-column terminal by shortening the widest
text columns. JSON and CSV keep cli.md's ids and values for machines.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
import unicodedata
from typing import Any

from podview.report.sections import Column, Section, sections_for

WIDTH = 100


def render(report: dict, fmt: str) -> str:
    """The report as text in `fmt` (`json`, `table`, `csv` or `md`)."""
    if fmt == "json":
        return json.dumps(report, ensure_ascii=False, indent=2)
    sections = sections_for(report)
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
        "people": lambda: f"People, {report['weeks'][0]} – {report['weeks'][-1]}, tests since {report['since']}",
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
        out += grid(section.columns, rows)
    return "\n".join(out)


def grid(columns: tuple[Column, ...], rows: list[dict]) -> list[str]:
    """One table's lines: the headers, a rule, then each row, fitted to WIDTH (the command line's lists use it too)."""
    headers = [c.header for c in columns]
    cells = [[_cell(c, row) for c in columns] for row in rows]
    widths = _fit(headers, cells, columns)
    return [_line(headers, widths, columns), "  ".join("─" * w for w in widths), *(_line(row, widths, columns) for row in cells)]


def _fit(headers: list[str], cells: list[list[str]], columns: tuple[Column, ...]) -> list[int]:
    """Column widths that fit WIDTH, taking space from the widest flexible columns first."""
    widths = [max([len(h), *(cell_width(row[i]) for row in cells)]) for i, h in enumerate(headers)]
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
