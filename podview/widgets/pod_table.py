"""Every pod on one line each: this week's progress, the last weeks' hit rates, goals, postponements."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from podview.figures.home_model import PodGlance
from podview.figures.postponed_scope import LAST_4_WEEKS
from podview.widgets.labels import percent
from podview.widgets.sparkline import sparkline_text
from podview.words import SHORT_POSTPONED_SCOPES

HEADINGS = (
    "Pod",
    "This week",
    "4-wk hit rate",
    "90-day goals",
    f"Postponed · {SHORT_POSTPONED_SCOPES[LAST_4_WEEKS]}",
)
"""The last heading says its scope: a pod's postponements whose fixed deadline is in the last 4 weeks."""
SHORT_LAST = f"→{SHORT_POSTPONED_SCOPES[LAST_4_WEEKS]}"
"""The last heading where its column is too narrow for it (80 columns): the cells' arrow, and the scope."""
WIDTHS = (14, 14, 13, 21)
"""The fixed columns' widths; the last column takes what is left."""
GAP = "  "
NARROW = sum(WIDTHS) + len(GAP) * len(WIDTHS) + 1
"""Below this width every column must give up some room: a rich Table shares the squeeze."""


class PodTable(Widget):
    """A header row and one row per pod, laid out by hand as lines of text; set `pods` to redraw.

    Home is the first thing podview paints. A widget per cell would cost a
    few hundred widgets to lay out, and a rich Table is measured and drawn
    cell by cell on each layout (some 30 ms for forty pods); every column
    but the last has a fixed width, so the lines are simply padded strings.
    """

    DEFAULT_CSS = """
    PodTable {
        height: auto;
    }
    """

    HEADINGS = HEADINGS

    pods: reactive[list[PodGlance] | None] = reactive(None, init=False, always_update=True, layout=True)
    """The pods shown, in display order; None until told (the table is blank)."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        pods = self.pods
        if pods is None:
            return 0
        return 1 + len(pods) if pods else 1

    def render(self) -> RenderableType:
        pods = self.pods
        if pods is None:
            return Text()
        if not pods:
            return Text("No pods in the cache yet.", style="dim")
        width = self.size.width
        return pod_lines(pods, width) if width >= NARROW else squeezed_pod_table(pods)


def pod_lines(pods: list[PodGlance], width: int) -> Text:
    """The header and the pods as lines `width` cells wide; counts carry icons and words, never colour alone."""
    rows = [_cells(pod) for pod in pods]
    widths = _widths(rows, width)
    headings = [*HEADINGS[:-1], HEADINGS[-1] if len(HEADINGS[-1]) <= widths[-1] else SHORT_LAST]
    header = _line([Text(heading) for heading in headings], widths)
    header.stylize("bold dim")
    lines = [header]
    lines.extend(_line(cells, widths) for cells in rows)
    return Text("\n", no_wrap=True).join(lines)


def _widths(rows: list[list[Text]], width: int) -> tuple[int, ...]:
    """The fixed widths, unless the last heading would be cut: then the columns give up the room their text leaves.

    Kept fixed otherwise so the table does not shift from week to week; a
    column never shrinks below its heading or its widest cell.
    """
    gaps = len(GAP) * len(WIDTHS)
    last = width - sum(WIDTHS) - gaps
    if last >= len(HEADINGS[-1]):
        return (*WIDTHS, last)
    needed = tuple(
        min(fixed, max([len(heading), *(cells[index].cell_len for cells in rows)]))
        for index, (heading, fixed) in enumerate(zip(HEADINGS, WIDTHS, strict=False))
    )
    fitted = width - sum(needed) - gaps
    if fitted >= len(HEADINGS[-1]):
        return (*needed, fitted)
    return (*WIDTHS, max(last, 1))


def _line(cells: list[Text], widths: tuple[int, ...]) -> Text:
    for cell, width in zip(cells, widths, strict=True):
        cell.truncate(width, overflow="ellipsis", pad=True)
    return Text(GAP).join(cells)


def squeezed_pod_table(pods: list[PodGlance]) -> Table:
    """The same table for a narrow pane, where rich shrinks every column in proportion to its width."""
    table = Table(box=None, expand=True, padding=(0, 1), pad_edge=False, show_edge=False)
    for heading, width in zip((*HEADINGS[:-1], SHORT_LAST), (*WIDTHS, None), strict=True):
        table.add_column(
            heading, width=width, ratio=None if width else 1, no_wrap=True, overflow="ellipsis", header_style="bold dim"
        )
    for pod in pods:
        table.add_row(*_cells(pod))
    return table


def _cells(pod: PodGlance) -> list[Text]:
    return [
        Text(pod.name),
        Text(f"{pod.done} of {pod.planned} done" if pod.planned else "no goals yet"),
        Text.assemble((sparkline_text(pod.weekly_rates), "bold"), f" {percent(pod.pooled_rate)}"),
        Text(f"✓{pod.on_track} on ▲{pod.at_risk} risk ✗{pod.off_track} off"),
        Text(f"→ {pod.postponed_4_weeks}"),
    ]
