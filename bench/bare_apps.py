"""The bare Textual apps bench_launch.py starts beside podview: what Textual alone costs, no podview code.

Run as a script (`python bench/bare_apps.py home|static`) in a real
terminal; each shows its marker (`MARKER`) in the widget it fills last, so
the benchmark knows from the screen alone that it is painted with its data.
Both quit on q, as podview does.
"""

from __future__ import annotations

import sys

MARKER = "bare app painted"


def bare_home():
    """Home's shape: a Header, two 4-column DataTables of 10 and 30 rows, a status line, a Footer with Home's keys.

    Laid out as Home is: stacked below 140 columns, side by side from 140.
    The tables are filled on mount, as Home fills its tables from its data,
    and the status line last, with the marker.
    """
    from textual.app import App
    from textual.binding import Binding
    from textual.containers import Container
    from textual.widgets import DataTable, Footer, Header, Static

    screens = Binding.Group("Screens", compact=True)
    titles = ("Home", "Weekly", "Tactics", "Postponed", "Pacing", "Risk")

    class BareHome(App):
        CSS = """
        #body { layout: vertical; height: 1fr; }
        #pods { height: auto; }
        #at-risk { height: 1fr; }
        #status { height: auto; padding: 0 1; background: $panel; }
        .-wide #body { layout: horizontal; }
        .-wide #pods, .-wide #at-risk { width: 1fr; height: 1fr; }
        """
        HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (140, "-wide")]  # noqa: RUF012
        BINDINGS = [  # noqa: RUF012
            *(
                Binding(str(n), f"noop('{title}')", title, group=screens)
                for n, title in enumerate(titles, start=1)
            ),
            Binding("question_mark", "noop('keys')", "Keys"),
            Binding("d", "noop('decide')", "Decide"),
            Binding("s", "noop('sync')", "Sync"),
            Binding("q", "quit", "Quit"),
        ]

        def compose(self):
            yield Header()
            with Container(id="body"):
                yield DataTable(id="pods")
                yield DataTable(id="at-risk")
            yield Static(id="status")
            yield Footer()

        def on_mount(self) -> None:
            self.sub_title = "Home"
            pods = self.query_one("#pods", DataTable)
            pods.add_columns("Pod", "This week", "4-wk hit rate", "90-day goals")
            pods.add_rows(
                (f"Pod {i}", f"{i} of 16 done", "▁▃▆█ 72%", "✓3 on ▲1 risk ✗2 off")
                for i in range(10)
            )
            at_risk = self.query_one("#at-risk", DataTable)
            at_risk.add_columns("#", "Client", "Score", "Why")
            at_risk.add_rows(
                (str(i), f"Client {i}", str(120 - i), "goal off track; +3 more")
                for i in range(1, 31)
            )
            self.query_one("#status", Static).update(f"◇ {MARKER} — 40 rows")

        def action_noop(self, what: str) -> None:
            """Home's keys are only shown here, not used (one action each, or the footer merges them)."""

    return BareHome()


def bare_static():
    """The least a Textual app can show: one Static, with the marker."""
    from textual.app import App
    from textual.widgets import Static

    class BareStatic(App):
        BINDINGS = [("q", "quit", "Quit")]  # noqa: RUF012

        def compose(self):
            yield Static(MARKER)

    return BareStatic()


if __name__ == "__main__":
    {"home": bare_home, "static": bare_static}[sys.argv[1]]().run()
