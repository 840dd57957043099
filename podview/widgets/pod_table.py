"""Every pod on one line each: this week's progress, the last weeks' hit rates, goals, postponements."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.app import ComposeResult
from textual.containers import Grid, Horizontal
from textual.reactive import reactive
from textual.widgets import Label, Sparkline

from podview.widgets.labels import percent


@dataclass(frozen=True)
class PodGlance:
    """What the God-view says about one pod."""

    name: str
    done: int
    """Weekly goals hit this week."""
    planned: int
    """Weekly goals this week, postponed ones left out ("x of y done")."""
    weekly_rates: list[float | None] = field(default_factory=list)
    """Hit rate of each of the last four ended weeks, oldest first (None: nothing decided)."""
    pooled_rate: float | None = None
    """Hit rate over the last four weeks together."""
    on_track: int = 0
    """90-day goals achieved or on track."""
    at_risk: int = 0
    off_track: int = 0
    """90-day goals off track or missed."""
    postponed: int = 0
    """Weekly goals of this week postponed to a later week."""


class PodTable(Grid):
    """A header row and one row per pod; set `pods` to redraw."""

    DEFAULT_CSS = """
    PodTable {
        grid-size: 5;
        grid-columns: 14 14 13 21 1fr;
        grid-rows: 1;
        grid-gutter: 0 1;
        height: auto;
    }
    PodTable > .pod-head {
        text-style: bold;
        color: $text-muted;
    }
    PodTable > .pod-rate {
        height: 1;
    }
    PodTable Sparkline {
        width: 4;
        margin-right: 1;
    }
    PodTable Sparkline > .sparkline--min-color {
        color: $primary 50%;
    }
    PodTable Sparkline > .sparkline--max-color {
        color: $primary;
    }
    PodTable > .pod-empty {
        column-span: 5;
        color: $text-muted;
    }
    .-presenter PodTable {
        grid-rows: 2;
    }
    """

    HEADINGS = ("Pod", "This week", "4-wk hit rate", "90-day goals", "Postponed")

    pods: reactive[list[PodGlance]] = reactive(list, recompose=True)
    """The pods shown, in display order."""

    def compose(self) -> ComposeResult:
        for heading in self.HEADINGS:
            yield Label(heading, classes="pod-head")
        if not self.pods:
            yield Label("No pods in the cache yet.", classes="pod-empty")
        for pod in self.pods:
            yield from self._row(pod)

    def _row(self, pod: PodGlance) -> ComposeResult:
        """One pod's cells; counts carry icons and words, never colour alone."""
        yield Label(pod.name, classes="pod-name")
        yield Label(f"{pod.done} of {pod.planned} done" if pod.planned else "no goals yet")
        rates = [rate for rate in pod.weekly_rates if rate is not None]
        with Horizontal(classes="pod-rate"):
            yield Sparkline(rates or [0.0], summary_function=max)
            yield Label(percent(pod.pooled_rate))
        yield Label(_goal_counts(pod))
        yield Label(f"→ {pod.postponed}")


def _goal_counts(pod: PodGlance) -> str:
    return f"✓{pod.on_track} on ▲{pod.at_risk} risk ✗{pod.off_track} off"
