"""Every table, JSON document and report the command line prints goes through here.

One emitter keeps the formats alike from command to command (a `decisions`
table looks like a report's; every JSON is indented the same way, non-ASCII
names kept as written) and ends quietly when the reader closes the pipe
(`podview decisions | head`). Tables are drawn by report/render.py's table
code, fitted to a 100-column terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
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


def emit_report(report: dict, fmt: str, notes: dict | None = None) -> None:
    """A report (report/build.py) in `fmt`: json, table, csv or md; `notes` (build.text_notes) only reach the text formats."""
    if fmt == "json":
        emit_json(report)
        return
    from podview.report.render import render

    emit(render(report | (notes or {}), fmt))


def emit_table(columns: Sequence[Any], rows: list[dict]) -> None:
    """A header, a rule and a line per row; `columns` are report.sections.Column, read from each row."""
    from podview.report.render import grid

    emit("\n".join(grid(tuple(columns), rows)))


def quiet_stdout() -> None:
    """The reader (e.g. `head`) closed the pipe: what is left to print goes nowhere, without a traceback."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
