"""The rules a decision must pass before it enters the outbox, checked against the cache.

Each kind has one function taking what the user typed and returning the
normalised fields (plus context the minutes and comments need: names, the
current due date). The same functions run again just before a decision is
first sent, so a target that changed meanwhile becomes a conflict rather
than a wrong write.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from podview.dates import DateError, parse_user_date, resolve_today
from podview.decisions.common import Problem, ValidationError, one, rows
from podview.decisions.reminder import check_reminder

KINDS = ("comment", "postpone", "action", "result", "status", "goal", "reminder")
PROJECT_STATUSES = ("on_track", "at_risk", "off_track", "on_hold")
"""cli.md's `status` choices (Asana also takes complete and dropped, which a meeting does not decide)."""
GOAL_STATUSES = ("on_track", "at_risk", "off_track", "achieved", "partial", "missed", "dropped")
RESULTS = ("win", "loss", "inconclusive")
TEXT_FIELD_LIMIT = 1024
"""Asana's limit on a text custom field value (the postpone reason is stored in one)."""

INPUTS: dict[str, tuple[str, ...]] = {
    "comment": ("task", "text"),
    "postpone": ("task", "to", "reason"),
    "action": ("client", "name", "assignee", "due", "notes"),
    "result": ("task", "result", "confidence"),
    "status": ("client", "status", "title", "text"),
    "goal": ("goal", "current", "status", "title", "text"),
    "reminder": ("module", "due", "notes"),
}
"""What the user decides for each kind; everything else in a decision's fields is derived context."""

TARGET_KEY = {"comment": "task", "postpone": "task", "action": "client", "result": "task", "status": "client", "goal": "goal", "reminder": "module"}


@dataclass(frozen=True)
class Draft:
    """A validated decision, ready to be recorded."""

    kind: str
    target_gid: str
    fields: dict[str, Any]


def validate(db: Any, kind: str, inputs: dict[str, Any], *, today: date | None = None) -> Draft:
    """Check `inputs` for a decision of `kind`; raises ValidationError naming every problem found.

    `today` is what `+3d` and a date without a year are read against: the
    app's or command line's today (`--today`, `PODVIEW_TODAY`); by default
    `resolve_today()`. A recorded date is kept as YYYY-MM-DD, so checking it
    again later never depends on the day.
    """
    check = _CHECKS.get(kind)
    if check is None:
        raise ValidationError(f"unknown decision kind {kind!r}; use one of {', '.join(KINDS)}")
    unknown = set(inputs) - set(INPUTS[kind])
    if unknown:
        raise ValidationError(f"a {kind} decision has no {', '.join(sorted(unknown))}")
    problems = Problems()
    fields = check(db, inputs, problems, today if today is not None else resolve_today())
    problems.raise_any()
    return Draft(kind, fields[TARGET_KEY[kind]], fields)


def inputs_of(kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """The user's part of a recorded decision's fields (what `edit` changes and re-validates)."""
    return {key: fields.get(key) for key in INPUTS[kind]}


class Problems:
    """What is wrong with each input, gathered so the user hears of every problem at once.

    A check of one input runs through `of`: its ValidationError is kept under
    that input and it yields None, so a later check that needs it (a date
    compared with a task's due date) can see it failed and not pile on a
    second message about the same mistake.
    """

    def __init__(self) -> None:
        self.found: list[Problem] = []

    def of(self, key: str, check: Callable[..., Any], *args: Any) -> Any:
        """`check(*args)`, or None once its problem is kept under `key`."""
        try:
            return check(*args)
        except ValidationError as error:
            self.found.extend(replace(problem, key=key) for problem in error.problems)
            return None

    def raise_any(self) -> None:
        """Refuse the decision when anything was found."""
        if self.found:
            raise ValidationError(problems=self.found)


# -- the kinds --------------------------------------------------------------


def check_comment(db: Any, inputs: dict[str, Any], problems: Problems, today: date) -> dict[str, Any]:
    """A comment goes on any task the cache knows (a training module too), and says something."""
    task = problems.of("task", _task, db, inputs.get("task"))
    text = problems.of("text", _required_text, inputs.get("text"), "--text", "the comment")
    return {**_task_context(task), "text": text}


def check_postpone(db: Any, inputs: dict[str, Any], problems: Problems, today: date) -> dict[str, Any]:
    """Only an open weekly goal or action item, only later than its current due date, only with a reason."""
    task = problems.of("task", _postponable, db, inputs.get("task"))
    to = problems.of("to", _date, inputs.get("to"), "--to", today)
    if task is not None and to is not None:
        problems.of("to", _later, to, task)
    reason = problems.of("reason", _required_text, inputs.get("reason"), "--reason", "a postponement", TEXT_FIELD_LIMIT)
    return {
        **_task_context(task),
        "to": to.isoformat() if to else None,
        "reason": reason,
        "from": task and task["due_on"],
        "fixed": task and min(filter(None, (task["fixed_due_on"], task["due_on"]))),
    }


def _postponable(db: Any, gid: Any) -> dict[str, Any]:
    """The task, if it is an open weekly goal (or action item, re-decided in a later meeting) with a due date to move."""
    task = _task(db, gid)
    if task["kind"] not in ("weekly_goal", "action_item"):
        raise ValidationError(
            f"only weekly goals and action items can be postponed; {_task_label(task)} is {_KIND_NAMES.get(task['kind'], task['kind'])}"
        )
    if task["completed"]:
        raise ValidationError(f"{_task_label(task)} is already completed; there is nothing to postpone")
    if not task["due_on"]:
        raise ValidationError(f"{_task_label(task)} has no due date to postpone; set one in Asana first")
    return task


def _later(to: date, task: dict[str, Any]) -> None:
    """A postponement moves the deadline later, never to the same day or earlier."""
    if to <= date.fromisoformat(task["due_on"]):
        raise ValidationError(
            f"--to {to.isoformat()} is not later than the current due date {task['due_on']} of {_task_label(task)}; "
            "a postponement moves the deadline later"
        )


def check_action(db: Any, inputs: dict[str, Any], problems: Problems, today: date) -> dict[str, Any]:
    """An action item needs a name; its assignee must be someone the cache knows (email or gid)."""
    client = problems.of("client", _client, db, inputs.get("client")) or {}
    name = problems.of("name", _required_text, inputs.get("name"), "--name", "an action item")
    user = problems.of("assignee", _user, db, inputs.get("assignee")) if _given(inputs.get("assignee")) else None
    due = problems.of("due", _date, inputs.get("due"), "--due", today) if _given(inputs.get("due")) else None
    notes = inputs.get("notes")
    return {
        "client": client.get("gid"),
        "client_name": client.get("name"),
        "name": name,
        "assignee": user["gid"] if user else None,
        "assignee_name": (user["name"] or user["email"]) if user else None,
        "due": due.isoformat() if due else None,
        "notes": notes.strip() if isinstance(notes, str) and notes.strip() else None,
    }


def check_result(db: Any, inputs: dict[str, Any], problems: Problems, today: date) -> dict[str, Any]:
    """A result goes on a tactic only: win, loss or inconclusive, with a confidence of 0–100 if any."""
    task = problems.of("task", _tactic, db, inputs.get("task"))
    result = problems.of("result", _result, inputs.get("result"))
    confidence = None
    if _given(inputs.get("confidence")):
        confidence = problems.of("confidence", _confidence, inputs.get("confidence"))
    return {**_task_context(task), "result": result, "confidence": confidence}


def _tactic(db: Any, gid: Any) -> dict[str, Any]:
    """The task, if it is a tactic (only a tactic has a result)."""
    task = _task(db, gid)
    if task["kind"] != "tactic":
        raise ValidationError(
            f"a result can only be recorded on a tactic; {_task_label(task)} is {_KIND_NAMES.get(task['kind'], task['kind'])}"
        )
    return task


def _result(value: Any) -> str:
    result = str(value or "").strip().casefold()
    if result not in RESULTS:
        raise ValidationError(f"--result {value!r} is not one of {', '.join(RESULTS)}")
    return result


def _confidence(value: Any) -> float:
    """A percentage: a number, and within 0–100."""
    confidence = _number(value, "--confidence")
    if not 0 <= confidence <= 100:
        raise ValidationError(f"--confidence {confidence:g} is outside 0–100 (it is a percentage)")
    return confidence


def check_status(db: Any, inputs: dict[str, Any], problems: Problems, today: date) -> dict[str, Any]:
    """A client status update: a status type Asana accepts for a project, a title and a text."""
    client = problems.of("client", _client, db, inputs.get("client")) or {}
    status = problems.of("status", _choice, inputs.get("status"), PROJECT_STATUSES, "--status", "a client status")
    return {
        "client": client.get("gid"),
        "client_name": client.get("name"),
        "status": status,
        "title": problems.of("title", _required_text, inputs.get("title"), "--title", "a status update"),
        "text": problems.of("text", _required_text, inputs.get("text"), "--text", "a status update"),
    }


def check_goal(db: Any, inputs: dict[str, Any], problems: Problems, today: date) -> dict[str, Any]:
    """A goal update sets the metric's current value, posts a goal status, or both."""
    goal = problems.of("goal", _goal, db, inputs.get("goal"))
    given = {key: _given(inputs.get(key)) for key in ("current", "status", "text")}
    current = problems.of("current", _number, inputs.get("current"), "--current") if given["current"] else None
    status = None
    if given["status"]:
        status = problems.of("status", _choice, inputs.get("status"), GOAL_STATUSES, "--status", "a goal status")
    if not (given["current"] or given["status"]):
        problems.of("current", _fail, "a goal update needs --current NUMBER, --status STATUS, or both")
    if goal is not None and current is not None:
        problems.of("current", _metric, goal)
    text = inputs.get("text")
    if given["status"]:
        text = problems.of("text", _required_text, text, "--text", "a goal status update")
    elif given["text"]:
        problems.of("text", _fail, "--text goes with --status (it is the text of the goal's status update)")
    title = inputs.get("title")
    client = goal and one(db, "SELECT client_gid FROM goal_clients WHERE goal_gid = ? ORDER BY client_gid LIMIT 1", [goal["gid"]])
    return {
        "goal": goal and goal["gid"],
        "goal_name": goal and goal["name"],
        "client": client["client_gid"] if client else None,
        "current": current,
        "status": status,
        "title": title.strip() if isinstance(title, str) and title.strip() else None,
        "text": text if status is not None else None,
        "was": goal and goal["current"],
    }


def _goal(db: Any, gid: Any) -> dict[str, Any]:
    goal = one(db, "SELECT * FROM goals WHERE gid = ?", [_gid(gid, "--goal")])
    if goal is None:
        raise ValidationError(f"no goal {gid} in the cache; `podview report pacing` lists the goals")
    return goal


def _metric(goal: dict[str, Any]) -> None:
    """Only a goal with a metric in Asana has a current value to set."""
    if not (goal["has_metric"] or goal["current"] is not None):
        raise ValidationError(f"goal {goal['name']!r} has no metric in Asana, so --current cannot be set; add a metric first")


def _fail(message: str) -> None:
    """A rule about which inputs go together, kept like any other input's problem."""
    raise ValidationError(message)


_CHECKS: dict[str, Callable[[Any, dict[str, Any], Problems, date], dict[str, Any]]] = {
    "comment": check_comment,
    "postpone": check_postpone,
    "action": check_action,
    "result": check_result,
    "status": check_status,
    "goal": check_goal,
    "reminder": check_reminder,
}

_KIND_NAMES = {"weekly_goal": "a weekly goal", "tactic": "a tactic", "action_item": "an action item", "other": "neither a weekly goal nor a tactic"}


# -- lookups in the cache ---------------------------------------------------


def _task(db: Any, gid: Any) -> dict[str, Any]:
    task = one(
        db,
        "SELECT t.gid, t.name, t.kind, t.client_gid, c.name AS client_name, t.due_on, t.fixed_due_on, "
        "t.original_due, t.completed FROM tasks t LEFT JOIN clients c ON c.gid = t.client_gid WHERE t.gid = ?",
        [_gid(gid, "--task")],
    )
    if task is None:
        task = one(db, "SELECT gid, name, 'training_module' AS kind, NULL AS client_gid, NULL AS client_name, due_on, "
                   "NULL AS fixed_due_on, NULL AS original_due, completed FROM training_modules WHERE gid = ?", [str(gid).strip()])
    if task is None:
        raise ValidationError(
            f"no task {str(gid).strip()} in the cache (deleted, moved out of the client projects, or not synced yet); "
            "check the gid or run `podview sync`"
        )
    return task


def _task_context(task: dict[str, Any] | None) -> dict[str, Any]:
    """What every task decision keeps: the task, its name and the client it was in when decided."""
    if task is None:
        return {}
    return {"task": task["gid"], "task_name": task["name"], "client": task["client_gid"], "client_name": task["client_name"]}


def _task_label(task: dict[str, Any]) -> str:
    return f"task {task['gid']} ({task['name']!r})"


def _client(db: Any, ref: Any) -> dict[str, Any]:
    text = str(ref or "").strip()
    if not text:
        raise ValidationError("--client is required (a client's name or project gid)")
    found = rows(db, "SELECT gid, name, pod_gid FROM clients WHERE gid = ?", [text])
    if not found:
        found = [row for row in rows(db, "SELECT gid, name, pod_gid FROM clients") if (row["name"] or "").strip().casefold() == text.casefold()]
    if not found:
        raise ValidationError(f"no client named {text!r} in the cache; `podview report risk` lists every client")
    if len(found) > 1:
        raise ValidationError(f"several clients are named {text!r} ({', '.join(r['gid'] for r in found)}); give the project gid")
    return found[0]


def _user(db: Any, ref: Any) -> dict[str, Any]:
    """A user of the workspace by gid or email (case-insensitive), as the cache knows them."""
    text = str(ref).strip()
    found = one(db, "SELECT gid, name, email FROM users WHERE gid = ? OR lower(email) = lower(?)", [text, text])
    if found is None:
        hint = "an email the cache knows" if "@" in text else "a user gid"
        raise ValidationError(
            f"--assignee {text!r} is not a pod member or workspace user in the cache ({hint} is needed); "
            "check it, or run `podview sync`"
        )
    return found


def _gid(value: Any, option: str) -> str:
    text = str(value or "").strip()
    if not text:
        raise ValidationError(f"{option} is required")
    if not text.isdigit():
        raise ValidationError(f"{option} {text!r} is not an Asana gid (a number such as 1208400000000072)")
    return text


def _given(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _required_text(value: Any, option: str, what: str, limit: int | None = None) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise ValidationError(f"{what} needs {option} with some text (it is blank)")
    if limit is not None and len(text) > limit:
        raise ValidationError(f"{option} is {len(text)} characters; Asana keeps at most {limit}")
    return text


def _date(value: Any, option: str, today: date) -> date:
    """A typed date in any form `dates.parse_user_date` reads (`2026-12-04`, `Dec 4`, `+1w` …)."""
    try:
        return parse_user_date(str(value or ""), today)
    except DateError as error:
        raise ValidationError(f"{option} {error}") from None


def _number(value: Any, option: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(f"{option} {value!r} is not a number") from None
    if not math.isfinite(number):
        raise ValidationError(f"{option} {value!r} is not a finite number")
    return number


def _choice(value: Any, choices: tuple[str, ...], option: str, what: str) -> str:
    text = str(value or "").strip().casefold().replace("-", "_").replace(" ", "_")
    if text not in choices:
        raise ValidationError(f"{option} {value!r} is not a valid status for {what}; use one of {', '.join(choices)}")
    return text
