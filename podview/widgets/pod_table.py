"""Every pod on one line each: this week's progress, the last weeks' hit rates, goals, postponements."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from podview.figures.home import PodGlance
from podview.widgets.labels import percent
from podview.widgets.sparkline import sparkline_text


class PodTable(Static):
    """A header row and one row per pod, drawn as one table; set `pods` to redraw.

    One renderable rather than a widget per cell: Home is the first thing
    podview paints, and a few dozen pods would otherwise cost a few hundred
    widgets to lay out.
    """

    DEFAULT_CSS = """
    PodTable {
        height: auto;
    }
    """

    HEADINGS = ("Pod", "This week", "4-wk hit rate", "90-day goals", "Postponed")

    pods: reactive[list[PodGlance]] = reactive(list, init=False, always_update=True)
    """The pods shown, in display order."""

    def watch_pods(self, pods: list[PodGlance]) -> None:
        self.update(pod_table(pods) if pods else Text("No pods in the cache yet.", style="dim"))


def pod_table(pods: list[PodGlance]) -> Table:
    """The pods as rows; counts carry icons and words, never colour alone."""
    table = Table(box=None, expand=True, padding=(0, 1), pad_edge=False, show_edge=False)
    widths = (14, 14, 13, 21, None)
    for heading, width in zip(PodTable.HEADINGS, widths, strict=True):
        table.add_column(
            heading,
            width=width,
            ratio=None if width else 1,
            no_wrap=True,
            overflow="ellipsis",
            header_style="bold dim",
        )
    for pod in pods:
        table.add_row(
            pod.name,
            f"{pod.done} of {pod.planned} done" if pod.planned else "no goals yet",
            Text.assemble(
                (sparkline_text(pod.weekly_rates), "bold"),
                f" {percent(pod.pooled_rate)}",
            ),
            _goal_counts(pod),
            f"→ {pod.postponed}",
        )
    return table


def _goal_counts(pod: PodGlance) -> str:
    return f"✓{pod.on_track} on ▲{pod.at_risk} risk ✗{pod.off_track} off"
