"""Every table, JSON document and report the command line prints goes through here.

One emitter keeps the formats alike from command to command (a `decisions`
table looks like a report's; every JSON is indented the same way, non-ASCII
names kept as written) and ends quietly when the reader closes the pipe
(`podview decisions | head`). Tables are drawn by report/render.py's table
code, fitted to the terminal's width (`table_width`): a wide terminal shows
every name whole, and only a narrow one has long cells cut or wrapped.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any


def default_format(args: argparse.Namespace) -> str:
    """`--format` when given, else `table` on a terminal and `json` for a pipe or a file (cli.md)."""
    return args.format or ("table" if sys.stdout.isatty() else "json")


def emit(text: str) -> None:
    """Print `text` with one final newline, ending quietly when the reader (e.g. `head`) closes the pipe."""
    try:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_stdout()


def emit_json(value: Any) -> None:
    """Print `value` as JSON (see `to_json`)."""
    emit(to_json(value))


def to_json(value: Any) -> str:
    """`value` as indented JSON: cli.md's shapes, names as written (no \\u escapes)."""
    import json

    return json.dumps(value, ensure_ascii=False, indent=2)


def table_width() -> int:
    """The columns a table may fill: `$COLUMNS` when set, the terminal's width on a terminal, else 100.

    Read the way `ls` and Python's own help do, so `COLUMNS=200 podview report
    pacing | less` is as wide as asked; a file or a pipe gets 100 columns.
    """
    from podview.report.render import WIDTH

    given = os.environ.get("COLUMNS", "").strip()
    if given.isdigit() and int(given) > 0:
        return int(given)
    if sys.stdout.isatty():
        try:
            return os.get_terminal_size(sys.stdout.fileno()).columns or WIDTH
        except (OSError, ValueError):
            return WIDTH
    return WIDTH


def emit_report(report: dict, fmt: str, notes: dict | None = None) -> None:
    """A report (report/build.py) in `fmt`: json, table, csv or md; `notes` (build.text_notes) only reach the text formats."""
    if fmt == "json":
        emit_json(report)
        return
    from podview.report.render import render

    emit(render(report | (notes or {}), fmt, table_width()))


def emit_table(columns: Sequence[Any], rows: list[dict], today: date | None = None) -> None:
    """A header, a rule and a line per row; `columns` are report.sections.Column, read from each row.

    With `today`, cells read as dates or datetimes are written as people read them (`Wed 25 Nov 09:30`).
    """
    from podview.report.render import grid

    emit("\n".join(grid(tuple(columns), rows, table_width(), today)))


def quiet_stdout() -> None:
    """The reader (e.g. `head`) closed the pipe: what is left to print goes nowhere, without a traceback."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
