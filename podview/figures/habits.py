"""What successful managers do (metrics.md, People: `habits`): the top half by hit rate against the rest.

Kept apart from the per-person figures because it is a figure about the
rows, not about anyone: it takes the people rows as reported (rounded), so
a reader can check it from the report itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from podview.figures.common import ratio

HABITS: dict[str, Callable[[Any, int], float | None]] = {
    "planned_by_monday": lambda person, weeks: person.weekly.planned_by_monday,
    "postpone_rate": lambda person, weeks: ratio(person.weekly.postponed, person.weekly.goals),
    "moved_rate": lambda person, weeks: ratio(
        person.weekly.deadline_moved + person.weekly.recreated, person.weekly.goals
    ),
    "goals_per_week": lambda person, weeks: ratio(person.weekly.goals, weeks),
    "training_completion": lambda person, weeks: person.training.completion,
    "avg_score": lambda person, weeks: person.training.avg_score,
}
"""Each measure, read from one person's row (and the window's number of weeks), in cli.md's order."""


def median(values: Sequence[float]) -> float:
    """The middle value, or the mean of the two middle ones."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def split_by_hit_rate(people: Sequence[Any]) -> tuple[list[Any], list[Any]]:
    """(top, rest): among people with a hit rate, those at or above the median, and those below it."""
    rated = [person for person in people if person.weekly.hit_rate is not None]
    if not rated:
        return [], []
    middle = median([person.weekly.hit_rate for person in rated])
    top = [person for person in rated if person.weekly.hit_rate >= middle]
    rest = [person for person in rated if person.weekly.hit_rate < middle]
    return top, rest


def habits(people: Sequence[Any], weeks: int) -> dict[str, dict[str, float | None]]:
    """For each measure, the mean of the non-null values of the top and of the rest (null for none)."""
    top, rest = split_by_hit_rate(people)
    return {
        measure: {"top": _mean(read, top, weeks), "rest": _mean(read, rest, weeks)}
        for measure, read in HABITS.items()
    }


def _mean(read: Callable[[Any, int], float | None], group: Sequence[Any], weeks: int) -> float | None:
    values = [value for person in group if (value := read(person, weeks)) is not None]
    return round(sum(values) / len(values), 4) if values else None
