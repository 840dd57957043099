"""Every signal and status podview shows, named in words: the one place they are spelled.

The figures, the cache and the JSON and CSV outputs speak in ids
(`weekly_hit_rate_low`, `off_track`, `conflict`); people read words. Report
tables, the screens, the minutes and the help all take their words from
here, so a signal reads the same wherever it is met. Icons and colours are
the screens' business (widgets/status.py); this module imports nothing from
podview, so every layer may use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

SIGNALS: dict[str, str] = {
    "goal_off_track": "a 90-day goal is off track or missed",
    "goal_at_risk": "a 90-day goal is at risk",
    "weekly_hit_rate_low": "weekly hit rate under 70% (4 wks)",
    "postponements": "3+ postponements (4 wks)",
    "deadline_moved": "a deadline was moved or a goal re-created",
    "loss_streak": "3+ tactic losses in a row",
    "new_client": "new client (≤ 90 days)",
    "status_red": "Asana status: off track",
    "status_yellow": "Asana status: at risk",
    "spend_pacing": "ad spend off pace (> 15%)",
    "cpa_high": "CPA over 120% of target",
    "period_ending": "a live goal ends within 21 days",
}
"""The at-risk signals (metrics.md "At-risk ranking") in words a founder reads aloud."""

SHORT_SIGNALS: dict[str, str] = {
    "goal_off_track": "goal off track",
    "goal_at_risk": "goal at risk",
    "weekly_hit_rate_low": "low hit rate",
    "postponements": "postponements",
    "deadline_moved": "deadline moved",
    "loss_streak": "loss streak",
    "new_client": "new client",
    "status_red": "Asana: off track",
    "status_yellow": "Asana: at risk",
    "spend_pacing": "spend off pace",
    "cpa_high": "CPA high",
    "period_ending": "period ending",
}
"""The same signals in a few words, for narrow columns; each is the start of its long form's meaning."""

NO_SIGNALS = "no warning signs"
"""Said of a client for which no signal fires."""

SIGNAL_SEPARATOR = "; "
"""Between signals listed on one line (some long forms read as clauses, so not a comma)."""

COACHING: dict[str, str] = {
    "hit_rate_low": "weekly hit rate under 70%",
    "deadline_moved": "moved a deadline or re-created a goal",
    "postpones_often": "3+ postponements",
    "plans_late": "under half the goals set by Monday",
    "losing_tests": "tests lose, and not by chance",
    "training_overdue": "training overdue",
    "training_score_low": "training score under 70",
}
"""People's coaching signals (metrics.md, People), in their order."""

SHORT_COACHING: dict[str, str] = {
    "hit_rate_low": "low hit rate",
    "deadline_moved": "moves deadlines",
    "postpones_often": "postpones often",
    "plans_late": "plans late",
    "losing_tests": "losing tests",
    "training_overdue": "training overdue",
    "training_score_low": "low training scores",
}
"""The same coaching signals in a few words: the People screen's column, Home's people line, the stand-up."""

NO_COACHING = "nothing to coach"
"""Said of a person for whom no coaching signal fires."""

NOBODY_TO_COACH = "Nobody needs coaching"
"""Home's people line when no coaching signal fires for anyone."""

HABITS: dict[str, str] = {
    "planned_by_monday": "set their goals by Monday",
    "postpone_rate": "goals postponed",
    "moved_rate": "deadlines moved or goals re-created",
    "goals_per_week": "goals a week",
    "training_completion": "training completed",
    "avg_score": "average training score",
}
"""The habits compared between the best account managers and the rest, as a leader reads them aloud."""

SHORT_HABITS: dict[str, str] = {
    "planned_by_monday": "goals set by Monday",
    "postpone_rate": "goals postponed",
    "moved_rate": "moved or re-created",
    "goals_per_week": "goals a week",
    "training_completion": "training done",
    "avg_score": "training score",
}
"""The same habits in a few words, for a narrow screen."""

WEEKLY = {
    "hit": "hit",
    "late": "late",
    "missed": "missed",
    "open": "open",
    "postponed": "postponed",
}
"""A weekly goal's status in a week (metrics.md "Weekly goal status")."""

POSTPONED_SCOPES = {
    "this_week": "this week",
    "last_4_weeks": "last 4 weeks",
    "last_and_this_week": "last and this week",
    "all": "all",
}
"""Which postponements a count covers (figures/postponed_scope.py); every count of them says one of these."""

SHORT_POSTPONED_SCOPES = {
    "this_week": "this wk",
    "last_4_weeks": "4 wks",
    "last_and_this_week": "last+this wk",
    "all": "all",
}
"""The same scopes for a narrow column heading."""

ROW_STATES = {
    "overdue": "overdue",
    "postponing": "postponing",
    "pending": "pending",
}
"""What a goal's row says besides its status: open past its due date, a postponement or another decision about it waiting in the outbox."""

FLAGS = {
    "carried_over": "carried over",
    "deadline_moved": "deadline moved",
    "recreated": "re-created",
    "data_problem": "data problem",
    "loss_streak": "loss streak",
    "done": "done",
    "not_done": "not done",
}
"""Marks beside a status: how a goal's deadline moved, a loss streak, whether a task is done."""

PACING = {
    "no metric": "no metric",
    "no dates": "no dates",
    "not started": "not started",
    "achieved": "achieved",
    "missed": "missed",
    "on track": "on track",
    "at risk": "at risk",
    "off track": "off track",
}
"""A 90-day goal's computed pacing status (metrics.md "90-day goal pacing"); the ids are words already."""

TALLIES = {
    "running": "running",
    "win": "win",
    "loss": "loss",
    "inconclusive": "inconclusive",
}
"""A tactic's tally (metrics.md "Tactic win/loss tallies")."""

ASANA = {
    "green": "on track",
    "yellow": "at risk",
    "red": "off track",
    "achieved": "achieved",
    "partial": "partial",
    "missed": "missed",
    "dropped": "dropped",
    "on_track": "on track",
    "at_risk": "at risk",
    "off_track": "off track",
    "on_hold": "on hold",
    "complete": "complete",
}
"""A project's or a goal's own Asana status, in the words Asana's own screens use for it."""

DECISION_KINDS = {
    "comment": "comment",
    "postpone": "postponement",
    "action": "action item",
    "result": "tactic result",
    "status": "client status",
    "goal": "goal update",
    "reminder": "training reminder",
}
"""What a decision does (cli.md `podview decide KIND`)."""

DECISION_STATES = {
    "pending": "pending",
    "sent": "sent",
    "failed": "failed",
    "conflict": "conflict",
    "discarded": "discarded",
}
"""Where a decision stands in the outbox."""

ACTION_ITEMS = {
    "done": "done",
    "open": "open",
    "overdue": "overdue",
    "unsent": "not sent yet",
    "gone": "not in Asana any more",
}
"""An earlier meeting's action item as a later meeting sees it (a done one adds when)."""


def word(table: Mapping[str, str], key: str | None) -> str:
    """The word for `key` in `table`; an id no table knows is still shown, with spaces for underscores."""
    if not key:
        return "—"
    return table.get(key) or key.replace("_", " ")


def signal(key: str, short: bool = False) -> str:
    """One at-risk signal in words."""
    return word(SHORT_SIGNALS if short else SIGNALS, key)


def signals_text(keys: Iterable[str], short: bool = False, limit: int | None = None) -> str:
    """The fired signals in words, in the ranking's order; past `limit`, how many more."""
    said = [signal(key, short) for key in keys]
    if not said:
        return NO_SIGNALS
    if limit is not None and len(said) > limit:
        return SIGNAL_SEPARATOR.join(said[:limit]) + f"{SIGNAL_SEPARATOR}+{len(said) - limit} more"
    return SIGNAL_SEPARATOR.join(said)


def at_risk_count(at_risk: int, ranked: int) -> str:
    """How many clients are at risk (a warning sign fired: score above 0) out of those ranked.

    Home's panel and `podview report risk` both title their list with it, so
    the same cache gives the same words and the same number everywhere.
    """
    return f"At risk — {at_risk} of {ranked} clients show warning signs"


def score_of(score: int, highest: int) -> str:
    """A risk score on its scale, in a sentence: `score 65 of 130`."""
    return f"score {score} of {highest}"


def coaching_text(keys: Iterable[str], short: bool = False) -> str:
    """A person's coaching signals in words, in metrics.md's order."""
    said = [word(SHORT_COACHING if short else COACHING, key) for key in keys]
    return SIGNAL_SEPARATOR.join(said) if said else NO_COACHING


def short_coaching(key: str) -> str:
    """One coaching signal in a few words."""
    return word(SHORT_COACHING, key)


def coaching_count(count: int) -> str:
    """`3 people need coaching`, `1 person needs coaching`."""
    return "1 person needs coaching" if count == 1 else f"{count} people need coaching"


def weekly_status(status: str, carried_over: bool = False, deadline_moved: bool = False) -> str:
    """A weekly goal's status with its marks: `postponed`, `late (deadline moved)`."""
    marks = [FLAGS[flag] for flag, on in (("carried_over", carried_over), ("deadline_moved", deadline_moved)) if on]
    return word(WEEKLY, status) + (f" ({', '.join(marks)})" if marks else "")


def progress(hit: int, total: int, postponed: int) -> str:
    """metrics.md's progress of a week still running, "x of y done": hits out of the goals not postponed."""
    return f"{hit} of {total - postponed} done"
