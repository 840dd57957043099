"""How the People screen reads: a person's row, the orders it can be sorted in, the habits in words.

Kept apart from the screen so the screen only wires keys and data: every
cell here is worded from the People figures as they are, never recounted.
Each sort first puts forward who most needs a look (the lowest hit rate,
the most postponements); `r` turns it round. A person without a figure
(no decided goal, no test) sorts last either way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from podview import words
from podview.figures.habits import split_by_hit_rate
from podview.figures.people import Person
from podview.widgets.fit_table import Cell, Column
from podview.widgets.labels import NONE, interval, percent
from podview.widgets.sparkline import sparkline_text
from podview.widgets.widths import as_many_as_fit

COLUMNS = [
    Column("Name", "name", 16, fit=True),
    Column("Pods", "pods", 12, min_table_width=150, fit=True),
    Column("Goals", "goals", 6),
    Column("Hit", "hit_rate", 5),
    Column("Trend 12 wks", "trend", 13, min_table_width=110),
    Column("Post·Mov·Re", "moves", 12),
    Column("By Mon", "planned", 7),
    Column("Tests W–L · CI", "tests", 15, min_table_width=120),
    Column("Training", "training", 9, min_table_width=100),
    Column("Coaching", "coach"),
]
"""Name to coaching; the trend, tests, training and pods only where the terminal has room for them."""


@dataclass(frozen=True)
class SortBy:
    """A column's order: the value compared (None: the person has none) and whether more comes first."""

    title: str
    value: Callable[[Person], Any]
    most_first: bool = False


def _known_mean(values: Sequence[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return sum(known) / len(known) if known else None


def _win_rate_high(person: Person) -> float | None:
    return person.tactics.win_rate_ci[1] if person.tactics.win_rate_ci else None


SORTS: dict[str, SortBy] = {
    "name": SortBy("name", lambda p: (p.name.casefold(), p.user_gid)),
    "pods": SortBy("pods", lambda p: ", ".join(p.pods).casefold() or None),
    "goals": SortBy("goals", lambda p: p.weekly.goals, most_first=True),
    "hit_rate": SortBy("hit rate", lambda p: p.weekly.hit_rate),
    "trend": SortBy("12-week hit rate", lambda p: _known_mean(p.weekly.trend)),
    "moves": SortBy(
        "postponed, moved and re-created",
        lambda p: p.weekly.postponed + p.weekly.deadline_moved + p.weekly.recreated,
        most_first=True,
    ),
    "planned": SortBy("goals set by Monday", lambda p: p.weekly.planned_by_monday),
    "tests": SortBy("tests (the interval's high end)", _win_rate_high),
    "training": SortBy("training completed", lambda p: p.training.completion),
    "coach": SortBy("coaching signals", lambda p: len(p.coach), most_first=True),
}
"""Each column's order, by column key, in the columns' order."""


def sorted_people(people: Sequence[Person], column: str, reverse: bool = False) -> list[Person]:
    """`people` in the column's order (turned round with `reverse`); ties keep the order given, those without a value last."""
    sort = SORTS[column]
    known = [person for person in people if sort.value(person) is not None]
    missing = [person for person in people if sort.value(person) is None]
    known.sort(key=sort.value, reverse=sort.most_first != reverse)
    return known + missing


def header_label(column: Column, sorted_by: str, reverse: bool) -> Column:
    """The column with an arrow after its heading when the rows are sorted by it (▼ more first, ▲ less first)."""
    if column.key != sorted_by:
        return column
    arrow = "▼" if SORTS[column.key].most_first != reverse else "▲"
    return Column(f"{column.label}{arrow}", column.key, column.width, column.min_table_width, column.fit)


def tests_label(person: Person) -> str:
    """`3–5 · 18–62%`: tests won and lost, and the Wilson interval of the win rate; — with none decided."""
    tactics = person.tactics
    if tactics.win + tactics.loss == 0:
        return NONE
    return f"{tactics.win}–{tactics.loss} · {interval(tactics.win_rate_ci)}"


def training_label(person: Person) -> str:
    """`4/5 · 85`: modules passed of those assigned, and the average score; — without modules."""
    training = person.training
    if not training.assigned:
        return NONE
    score = NONE if training.avg_score is None else f"{training.avg_score:.0f}"
    return f"{training.completed}/{training.assigned} · {score}"


def coaching_fitting(person: Person) -> Callable[[int], Text]:
    """The coaching cell: as many short signals as fit the column on one line, then how many more."""
    said = [words.word(words.SHORT_COACHING, key) for key in person.coach]

    def fit(width: int) -> Text:
        fitting = as_many_as_fit(said, width, words.SIGNAL_SEPARATOR, terse=True)
        return Text(fitting or (said[0] if said else words.NO_COACHING), no_wrap=True, overflow="ellipsis")

    return fit


def row_cells(person: Person) -> list[Cell]:
    """One cell per column of COLUMNS."""
    weekly = person.weekly
    trend = Text(sparkline_text(weekly.trend, low=0.0, high=1.0), style="cyan", no_wrap=True)
    moves = f"{weekly.postponed} · {weekly.deadline_moved} · {weekly.recreated}"
    return [
        Text(person.name, no_wrap=True, overflow="ellipsis"),
        Text(", ".join(person.pods) or NONE, no_wrap=True, overflow="ellipsis"),
        Text(str(weekly.goals), justify="right"),
        Text(percent(weekly.hit_rate), justify="right"),
        trend,
        Text(moves, justify="center"),
        Text(percent(weekly.planned_by_monday), justify="right"),
        Text(tests_label(person), justify="right"),
        Text(training_label(person), justify="right"),
        coaching_fitting(person),
    ]


def habit_value(measure: str, value: float | None) -> str:
    """A habit's value as a leader reads it: shares as percentages, goals a week and scores as numbers."""
    if value is None:
        return NONE
    if measure == "goals_per_week":
        return f"{value:.1f}"
    if measure == "avg_score":
        return f"{value:.0f}"
    return percent(value)


def habit_lines(habits: dict[str, dict[str, float | None]], short: bool = False) -> list[str]:
    """Each habit as a sentence: `Set their goals by Monday: 92% vs 41%` (the top first, then the rest)."""
    lines = []
    for measure, groups in habits.items():
        said = words.word(words.SHORT_HABITS if short else words.HABITS, measure)
        lines.append(
            f"{said[:1].upper()}{said[1:]}: {habit_value(measure, groups['top'])} vs {habit_value(measure, groups['rest'])}"
        )
    return lines


def habits_panel(people: Sequence[Person], habits: dict[str, dict[str, float | None]], width: int) -> RenderableType:
    """'What successful managers do' over the people shown, the habits side by side in as many columns as fit."""
    top, rest = split_by_hit_rate(people)
    title = Text("What successful managers do", style="bold")
    if not top or not rest:
        title.append(" — too few people with a hit rate to compare a top half with the rest.")
        return title
    title.append(f" — the top half by hit rate ({len(top)}) vs the rest ({len(rest)}):")
    across = max(1, min(3, width // 44))
    lines = habit_lines(habits, short=across < 3)
    across = max(across, min(2, width // 38))
    grid = Table.grid(expand=True, padding=(0, 2))
    for _ in range(across):
        grid.add_column(ratio=1)
    for start in range(0, len(lines), across):
        cells = lines[start : start + across]
        grid.add_row(*cells, *[""] * (across - len(cells)))
    table = Table.grid(expand=True)
    table.add_row(title)
    table.add_row(grid)
    return table
