"""Which moves a count means: each scope defined once, so one label names one set on every screen.

Home, the stand-up and the Postponed screen all count postponements, and
they used to count different sets under the same word ("Postponed" was this
week on Home, every week in the stand-up). A scope is a span of days: a
postponed or moved goal is in it when its fixed deadline F is (metrics.md
counts a goal in F's week), a re-created goal when its creation (local
date) is, as the at-risk score counts them. Each scope's label is
`words.POSTPONED_SCOPES`.

Every scope filters the `postponed` report's lists, so a count shown under a
label is the length of that report filtered the same way. Same-week
postponements are in them, as in the ledger and the at-risk score; the
Weekly screen's `postponed` status counts only goals moved into a later
week, and is labelled by its week instead.
"""

from __future__ import annotations

from datetime import date

from podview.dates import Week
from podview.figures.postponed import PostponedReport

THIS_WEEK = "this_week"
"""F in today's week."""
LAST_4_WEEKS = "last_4_weeks"
"""F in the four ended weeks before today's week: the at-risk `postponements` signal's window."""
LAST_AND_THIS_WEEK = "last_and_this_week"
"""F in last week or today's week: what a pod's stand-up goes through."""
ALL = "all"
"""Every move in the cache, whatever its week: the whole ledger."""

SCOPES = (THIS_WEEK, LAST_4_WEEKS, LAST_AND_THIS_WEEK, ALL)

Span = tuple[date, date]
"""First and last day, both included."""


def scope_span(scope: str, today: date) -> Span | None:
    """The days `scope` covers as of `today`; None for every day (`all`)."""
    week = Week.of(today)
    if scope == THIS_WEEK:
        return week.monday, week.sunday
    if scope == LAST_4_WEEKS:
        return week.shift(-4).monday, week.shift(-1).sunday
    if scope == LAST_AND_THIS_WEEK:
        return week.shift(-1).monday, week.sunday
    if scope == ALL:
        return None
    raise ValueError(f"no postponement scope named {scope!r}; the scopes are {', '.join(SCOPES)}")


def within(day: date | None, span: Span | None) -> bool:
    """Whether `day` is in `span`; every day is in no span (None), no day (None) in any other."""
    if span is None:
        return True
    return day is not None and span[0] <= day <= span[1]


def scoped(report: PostponedReport, scope: str, today: date) -> PostponedReport:
    """The report's moves in `scope`: postponed and moved goals by F, re-created ones by creation day.

    Data problems belong to no week and are kept as they are.
    """
    span = scope_span(scope, today)
    if span is None:
        return report
    return PostponedReport(
        postponed=[row for row in report.postponed if within(row.fixed_due_on, span)],
        deadline_moved=[row for row in report.deadline_moved if within(row.fixed_due_on, span)],
        recreated=[
            row
            for row in report.recreated
            if within(row.created_at.date() if row.created_at else None, span)
        ],
        problems=report.problems,
    )
