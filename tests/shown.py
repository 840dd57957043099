"""What a Textual app's terminal shows, line by line, read from its public screenshot export.

`App.export_screenshot` draws the screen as an SVG with one `<text>` per run
of characters, each clipped to its line and placed at its column; spaces
between runs are not drawn, so they are put back from the columns. Wide
characters take two columns and stay one character, as on a terminal.
"""

from __future__ import annotations

import html
import re

from rich.cells import cell_len
from textual.app import App

_RUN = re.compile(
    r'<text [^>]*x="([\d.]+)"[^>]*textLength="([\d.]+)"[^>]*-line-(\d+)\)"[^>]*>(.*?)</text>'
)


def screen_lines(app: App) -> list[str]:
    """Every line of the terminal, padded to its width."""
    width, height = app.size
    runs: dict[int, list[tuple[int, str]]] = {}
    for x, length, line, escaped in _RUN.findall(app.export_screenshot()):
        text = html.unescape(escaped).replace("\xa0", " ")
        column = round(float(x) / (float(length) / len(text)))
        runs.setdefault(int(line), []).append((column, text))
    lines = []
    for number in range(height):
        line, at = "", 0
        for column, text in sorted(runs.get(number, [])):
            line += " " * (column - at) + text
            at = column + cell_len(text)
        lines.append(line + " " * (width - at))
    return lines
