"""People: one row per person, their coaching signals, and what the best of them do differently.

Leadership reads staff the way the Risk radar reads clients: the row says
how someone's weeks went (goals, hit rate, its 12-week trend, what was put
off or moved, whether goals were set by Monday), how their tests and
training go, and which coaching signals fire. Above it, the habits of the
top half by hit rate against the rest, in sentences a leader reads aloud.

The pod filter and name search are the shared `ScopeBar` (as on Risk);
filtering and sorting work on the rows already loaded, so neither touches
the cache. The habits follow the pod filter, as `report people --pod`
computes them over the rows shown. Enter opens the person's card.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Header, Static

from podview import words
from podview.figures.habits import habits
from podview.figures.people import PeopleReport, Person, people_report
from podview.screens.context import DataScreen, ViewContext
from podview.screens.people_rows import (
    COLUMNS,
    SORTS,
    habits_panel,
    header_label,
    row_cells,
    sorted_people,
)
from podview.screens.requests import OpenPerson
from podview.textual_compat import OwnStylesheet
from podview.widgets.fit_table import FitTable
from podview.widgets.key_footer import KeyFooter
from podview.widgets.note import Note
from podview.widgets.scope_bar import SEARCH_HELP, ScopeBar

SORT_KEYS = Binding.Group("Sort", compact=True)
"""< and > share one footer entry."""
SORT_HELP = "Sort by the next column (or click one)"


@dataclass(frozen=True)
class PeopleData:
    """The People report and the pods it can be filtered by."""

    report: PeopleReport
    pods: list[str]


class PeopleScreen(OwnStylesheet, DataScreen):
    """Every person's scorecard, sortable by any column; Enter opens their card."""

    CSS_PATH = "people.tcss"
    AUTO_FOCUS = "#people"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "cycle_pod", "Pod filter", id="people.pod"),
        Binding("slash", "search", "Search", id="people.search", tooltip=SEARCH_HELP),
        Binding(
            "greater_than_sign", "sort(1)", "Sort", id="people.sort", group=SORT_KEYS, tooltip=SORT_HELP
        ),
        Binding(
            "less_than_sign",
            "sort(-1)",
            "Sort back",
            id="people.sort_back",
            group=SORT_KEYS,
            tooltip="Sort by the previous column",
        ),
        Binding("r", "reverse", "Reverse", id="people.reverse", tooltip="Turn the order round"),
    ]

    def __init__(self, context: ViewContext, **kwargs) -> None:
        super().__init__(context, **kwargs)
        self.data: PeopleData | None = None
        self.sort_column = "name"
        """The column key the rows are sorted by."""
        self.reverse = False
        """Whether that column's order is turned round."""
        self._shown: dict[str, Person] = {}
        """The rows drawn, by user gid: the highlighted one is explained without sorting again."""
        self._cells: dict[str, list] = {}
        """Each person's row cells for the data shown."""
        self._explained: tuple[Person | None, PeopleData | None] | None = None
        """Whom the line under the table explains, and from which data: it is rewritten only when that changes."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield ScopeBar(table="#people", placeholder="Search people by name  /", id="filters")
        yield Static(id="habits")
        yield Note(id="sorted")
        yield FitTable(COLUMNS, id="people")
        yield Static(id="why")
        yield KeyFooter()

    def on_mount(self) -> None:
        """DataScreen's own on_mount starts the load.

        The table is not covered by a loading indicator while it loads: a
        covered table has no size, so it would be filled at no width, then
        again once shown, and painted twice (about 100 ms more on 120 people).
        """
        self.sub_title = "People"
        """The order the rows are in is said beside the filters, which repaints alone (widgets/note.py)."""
        self.query_one("#why", Static).update("Reading everyone's weeks, tests and training…")

    def load(self, conn: sqlite3.Connection) -> PeopleData:
        """Every person over the last 4 ended weeks; filters and sorting are applied on screen."""
        context = self.context
        report = people_report(
            conn, today=context.today, zone=context.zone, confidence=context.config.tactics.confidence
        )
        pods = sorted({pod for person in report.people for pod in person.pods}, key=str.casefold)
        return PeopleData(report, pods)

    def show(self, data: PeopleData) -> None:
        """Offer the pods in the filter and draw the rows that pass it."""
        self.data = data
        self._cells = {}
        self.query_one(ScopeBar).offer_pods(data.pods)
        self._draw_habits()
        self._fill()

    @property
    def pod_filter(self) -> str | None:
        """The pod whose people are shown; None for everyone."""
        return self.query_one(ScopeBar).pod

    def in_pod(self) -> list[Person]:
        """The people of the pod filter (everyone without one), in the report's order."""
        if self.data is None:
            return []
        pod = self.pod_filter
        return [person for person in self.data.report.people if pod is None or pod in person.pods]

    def visible(self) -> list[Person]:
        """The people that pass the pod filter and the search box, in the order chosen."""
        query = self.query_one(ScopeBar).search.strip().casefold()
        shown = [person for person in self.in_pod() if not query or query in person.name.casefold()]
        return sorted_people(shown, self.sort_column, self.reverse)

    def _fill(self) -> None:
        """Redraw the rows that pass the filters, in the order chosen (the habits follow the filters, not the order)."""
        table = self.query_one("#people", FitTable)
        table.columns_spec = [header_label(column, self.sort_column, self.reverse) for column in COLUMNS]
        turned = " (turned round)" if self.reverse else ""
        self.query_one("#sorted", Note).text = Text.assemble(
            "Sorted by ",
            (SORTS[self.sort_column].title, "bold"),
            turned,
            ("  ·  > and < sort by another column, r turns the order round", "dim"),
        )
        rows = self.visible()
        self._shown = {person.user_gid: person for person in rows}
        table.set_rows([(person.user_gid, self._cells_of(person)) for person in rows])
        self._explain(self._under_cursor())

    def _cells_of(self, person: Person) -> list:
        """A person's cells, made once per load: a sort only reorders them (and the table keeps them drawn)."""
        cells = self._cells.get(person.user_gid)
        if cells is None:
            cells = self._cells[person.user_gid] = row_cells(person)
        return cells

    def _draw_habits(self) -> None:
        if self.data is None:
            return
        people = self.in_pod()
        weeks = len(self.data.report.weeks)
        self.query_one("#habits", Static).update(habits_panel(people, habits(people, weeks), self.size.width))

    def _explain(self, person: Person | None) -> None:
        """The highlighted person's coaching signals in full words under the table."""
        if self._explained == (person, self.data):
            return
        self._explained = (person, self.data)
        why = self.query_one("#why", Static)
        if person is None:
            why.update("Nobody matches the filters." if self.data else "")
            return
        text = Text()
        text.append(person.name, style="bold")
        text.append(f" ({', '.join(person.pods) or 'no pod'}; {person.clients} clients): ")
        text.append(words.coaching_text(person.coach))
        text.append(" · Enter opens their card", style="dim")
        why.update(text)

    def on_resize(self) -> None:
        self._draw_habits()

    def on_scope_bar_changed(self, event: ScopeBar.Changed) -> None:
        self._draw_habits()
        self._fill()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Explain whoever the cursor is on now: a redraw posts one highlight per cursor move it makes."""
        self._explain(self._under_cursor())

    def _under_cursor(self) -> Person | None:
        table = self.query_one("#people", FitTable)
        shown = list(self._shown.values())
        return shown[table.cursor_row] if 0 <= table.cursor_row < len(shown) else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.post_message(OpenPerson(event.row_key.value))

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        """A click on a heading sorts by that column; on the sorted one, turns the order round."""
        key = event.column_key.value
        if key == self.sort_column:
            self.reverse = not self.reverse
        elif key in SORTS:
            self.sort_column, self.reverse = key, False
        self._fill()

    def action_sort(self, step: int) -> None:
        """Sort by the next (or previous) column among those shown, in its usual order."""
        table = self.query_one("#people", FitTable)
        shown = [column.key for column in COLUMNS if table.size.width >= column.min_table_width]
        index = shown.index(self.sort_column) if self.sort_column in shown else 0
        self.sort_column, self.reverse = shown[(index + step) % len(shown)], False
        self._fill()

    def action_reverse(self) -> None:
        """Turn the order round."""
        self.reverse = not self.reverse
        self._fill()

    def action_cycle_pod(self) -> None:
        """Next pod in the filter (after the last one: everyone)."""
        self.query_one(ScopeBar).next_pod()

    def action_search(self) -> None:
        """Type to filter people by name; Enter or Esc goes back to the list, search kept."""
        self.query_one(ScopeBar).start_search()
