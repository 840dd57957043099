"""Deciding in a meeting: `d` on the selected item, a menu of the decisions that apply, then a form.

The form's input is validated against the cache and committed to the outbox
in a thread worker, joined to the open meeting if there is one; the app
then sends it in the background. Until the outbox row is committed the form
stays open with everything typed, so a refusal or a locked cache never loses
a word; a form closed unsaved hands its text back to the app as a draft.

A decision that did not go out (`e` in the outbox) opens in the same form,
filled with what it says; saving changes it through `outbox.edit`, so it
keeps its id and meeting and is sent again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from podview.cache import holds_demo
from podview.decisions.common import DecisionError, Problem
from podview.decisions.validate import INPUTS, TARGET_KEY, inputs_of
from podview.screens.context import ViewContext
from podview.widgets.decision_form import FIELDS, DecisionForm, Field, in_form_words

KINDS_FOR: dict[str, tuple[str, ...]] = {
    "weekly_goal": ("postpone", "comment"),
    "tactic": ("result", "comment"),
    "task": ("comment",),
    "client": ("status", "action", "result"),
    "goal": ("goal",),
}
"""The decisions a selected item can take, most usual first (a client's result picks one of its tactics)."""

TITLES = {
    "postpone": "Postpone this weekly goal",
    "comment": "Comment on this {what}",
    "result": "Record a tactic's result",
    "status": "Post a client status update",
    "action": "Add an action item for the client",
    "goal": "Update this 90-day goal",
}
WHAT = {
    "weekly_goal": "weekly goal",
    "tactic": "tactic",
    "task": "task",
    "client": "client",
    "goal": "90-day goal",
}
RECHECK_DELAY = 0.4
"""Seconds of quiet typing before a form that failed validation is checked again."""


def title_for(kind: str, target: Target) -> str:
    """The form's title, naming what the selected item is (a comment goes on any task)."""
    return TITLES[kind].format(what=WHAT.get(target.kind, "task"))


@dataclass(frozen=True)
class Target:
    """The item a decision is about, as a screen's `selected_target()` names it."""

    kind: str
    """`weekly_goal`, `tactic`, `task`, `client` or `goal`."""
    gid: str
    label: str

    @property
    def kinds(self) -> tuple[str, ...]:
        """The decisions that apply to it."""
        return KINDS_FOR.get(self.kind, ())


@dataclass(frozen=True)
class About:
    """What the form says about its target and meeting, and what it can prefill or offer."""

    lines: list[str]
    prefill: dict[str, str] = field(default_factory=dict)
    choices: list[tuple[str, str]] = field(default_factory=list)
    """The tactics to pick from, when a result is recorded from a client."""
    people: list[str] = field(default_factory=list)
    demo: bool = False
    """The cache is the demo agency's: saved decisions stay in the outbox."""


@dataclass(frozen=True)
class Invalid:
    """Validation refused the input; each problem names its field and the fix."""

    problems: tuple[Problem, ...]

    @classmethod
    def of(cls, error: DecisionError) -> Invalid:
        """Every problem a refusal names (a refusal that is not validation's is one problem)."""
        return cls(getattr(error, "problems", None) or (Problem(None, str(error)),))


def fields_for(kind: str, target: Target) -> tuple[Field, ...]:
    """The form's fields: the kind's own, plus a tactic picker when a result starts from a client."""
    fields = FIELDS[kind]
    if TARGET_KEY[kind] == "task" and target.kind == "client":
        picker = Field("task", "Tactic", "choice", "Choose one of the client's tactics…")
        return (picker, *fields)
    return fields


def inputs_for(kind: str, target: Target, values: dict[str, str | None]) -> dict[str, Any]:
    """`validate.INPUTS[kind]` from the form's values and the target (unless the form picked it)."""
    inputs = {key: values.get(key) for key in INPUTS[kind] if key in values}
    inputs.setdefault(TARGET_KEY[kind], target.gid)
    return inputs


def load_about(
    conn: sqlite3.Connection, kind: str, target: Target, *, meeting: bool = True
) -> About:
    """Describe the target and the open meeting, and find prefills and choices (worker thread).

    `meeting=False` leaves the open meeting out: an edited decision keeps the one it was made in.
    """
    lines, prefill, choices, people = [], {}, [], []
    if target.kind in ("weekly_goal", "tactic", "task"):
        lines.append(_task_line(conn, target, prefill))
    elif target.kind == "goal":
        lines.append(_goal_line(conn, target))
    else:
        lines.append(f"Client {target.label}")
        if kind == "result":
            choices = _tactics(conn, target.gid)
        if kind == "action":
            people = [row[0] for row in conn.execute(_PEOPLE, [target.gid])]
    if meeting:
        lines.append(_meeting_line(conn))
    if kind == "postpone" and "due" in prefill:
        prefill = {"to": (date.fromisoformat(prefill["due"]) + timedelta(days=7)).isoformat()}
    return About(
        lines, prefill if kind in ("postpone", "result") else {}, choices, people, holds_demo(conn)
    )


def _meeting_line(conn: sqlite3.Connection) -> str:
    from podview.decisions.meetings import open_meeting

    meeting = open_meeting(conn)
    if meeting is None:
        return "No meeting is open: it is recorded on its own."
    return f"Joins the open meeting: {meeting.title}"


def _task_line(conn: sqlite3.Connection, target: Target, prefill: dict[str, str]) -> str:
    row = conn.execute(
        "SELECT t.name, t.kind, t.due_on, t.result, t.confidence, c.name AS client FROM tasks t "
        "LEFT JOIN clients c ON c.gid = t.client_gid WHERE t.gid = ?",
        [target.gid],
    ).fetchone()
    if row is None:
        return f"Task {target.gid} is no longer in the cache."
    what = WHAT.get(row["kind"], "task").capitalize()
    due = f" · due {date.fromisoformat(row['due_on']):%a %d %b}" if row["due_on"] else ""
    if row["due_on"]:
        prefill["due"] = row["due_on"]
    if row["result"]:
        prefill["result"] = row["result"]
    return f"{what} “{row['name']}” · {row['client'] or 'no client'}{due}"


def _goal_line(conn: sqlite3.Connection, target: Target) -> str:
    row = conn.execute(
        "SELECT name, current, target, status FROM goals WHERE gid = ?", [target.gid]
    ).fetchone()
    if row is None:
        return f"Goal {target.gid} is no longer in the cache."
    now = "no metric" if row["current"] is None else f"now {row['current']:,g}"
    goal = "" if row["target"] is None else f" of {row['target']:,g}"
    return f"90-day goal “{row['name']}” · {now}{goal}"


def _tactics(conn: sqlite3.Connection, client_gid: str) -> list[tuple[str, str]]:
    """The client's tactics, those still without a result first."""
    rows = conn.execute(
        "SELECT gid, name, tactic, result FROM tasks WHERE client_gid = ? AND kind = 'tactic' "
        "ORDER BY result IS NOT NULL, completed, name COLLATE NOCASE",
        [client_gid],
    )
    return [
        (f"{row['name'] or row['tactic'] or 'tactic'} · {row['result'] or 'running'}", row["gid"])
        for row in rows
    ]


_PEOPLE = (
    "SELECT u.email FROM users u WHERE u.email IS NOT NULL ORDER BY "
    "u.gid NOT IN (SELECT m.user_gid FROM pod_members m JOIN clients c ON c.pod_gid = m.pod_gid "
    "WHERE c.gid = ?), u.email"
)
"""Everyone's email, the client's pod first (the assignee is typed as an email)."""


class DecideMenu(ModalScreen[str | None]):
    """The decisions that apply to the selected item; Enter picks one."""

    CSS_PATH = "decide.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_menu", "Cancel", id="decide.cancel"),
    ]

    def __init__(self, target: Target) -> None:
        super().__init__()
        self.target = target

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="menu"):
            what = WHAT.get(self.target.kind, "item")
            yield Static(f"Decide on this {what}", classes="dialog-title")
            yield Static(self.target.label, classes="dialog-about")
            yield OptionList(
                *(Option(title_for(kind, self.target), id=kind) for kind in self.target.kinds),
                id="kinds",
            )
            yield Static("Enter picks · Esc cancels", classes="dialog-keys")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_menu(self) -> None:
        """Close without deciding."""
        self.dismiss(None)


class DecideScreen(ModalScreen[Any]):
    """A decision's form over the screen it was made on.

    Dismissed with the recorded `Decision`, with the typed values (a draft)
    when closed unsaved, or None when nothing was typed.
    """

    CSS_PATH = "decide.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="decide.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="decide.cancel"),
    ]
    NOTE = "* required · saved to the outbox at once, then sent to Asana"
    """The form's last line: what saving does."""
    DEMO_NOTE = "* required · saved to the outbox; the demo agency never sends to Asana"
    """The last line on the demo agency, where nothing is sent."""

    def __init__(
        self,
        context: ViewContext,
        kind: str,
        target: Target,
        draft: dict[str, str | None] | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self.kind = kind
        self.target = target
        self.draft = draft
        """Values typed earlier and left unsaved: they come back first."""
        self.checking = False
        """Set after a refused save: from then on every edit is checked again."""
        self._recheck = None
        self._focus_problem = False
        """Set by a save: its refusal puts the cursor in the first field with a problem."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.heading(), classes="dialog-title")
            yield Static("Reading the cache…", id="about", classes="dialog-about")
            yield DecisionForm(fields_for(self.kind, self.target), self.draft, id="form")
            yield Static(id="general", classes="problem")
            with Horizontal(id="buttons"):
                yield Button("Save  ctrl+s", id="save", variant="primary", compact=True)
                yield Button("Cancel  esc", id="cancel", compact=True)
            yield Static(self.NOTE, id="note", classes="dialog-keys")

    def on_mount(self) -> None:
        self.form.focus_first()
        self._load_about()

    def heading(self) -> str:
        """The form's title."""
        return title_for(self.kind, self.target)

    @property
    def form(self) -> DecisionForm:
        """The form's fields."""
        return self.query_one("#form", DecisionForm)

    @work(thread=True, exclusive=True, exit_on_error=False, group="decide-about")
    def _load_about(self) -> About:
        conn = self.context.reader()
        try:
            return self.read_about(conn)
        finally:
            conn.close()

    def read_about(self, conn: sqlite3.Connection) -> About:
        """What the form says above its fields, and its prefills and choices (worker thread)."""
        return load_about(conn, self.kind, self.target)

    def _show_about(self, about: About) -> None:
        self.query_one("#about", Static).update("\n".join(about.lines))
        if about.demo:
            self.query_one("#note", Static).update(self.DEMO_NOTE)
        if about.choices:
            self.form.set_choices("task", about.choices)
        if about.people:
            self.form.suggest("assignee", about.people)
        if not self.draft:
            self.form.fill(about.prefill)

    def action_save(self) -> None:
        """Validate and record in the background; the form stays until the row is committed.

        A required choice left blank cannot be recorded, but is still checked
        with the rest, so every problem shows at once.
        """
        inputs = inputs_for(self.kind, self.target, self.form.values())
        self._focus_problem = True
        if self.form.unchosen():
            self.checking = True
            self._check(inputs)
            return
        self._saving(True)
        self._record(inputs)

    def action_cancel(self) -> None:
        """Close; anything typed goes back to the app as a draft for next time."""
        values = self.form.values()
        typed = any((value or "").strip() for value in values.values())
        self.dismiss(values if typed else None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter goes to the next field, and saves from the last one."""
        keys = [f.key for f in self.form.fields]
        key = (event.input.id or "").removeprefix("input-")
        if key in keys and keys.index(key) + 1 < len(keys):
            self.form.focus_first(keys[keys.index(key) + 1])
        else:
            self.action_save()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._edited()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._edited()

    def on_select_changed(self, event: Select.Changed) -> None:
        self._edited()

    def _edited(self) -> None:
        """After a refusal, check again once typing pauses, so the message goes when the fix is in."""
        if not self.checking:
            return
        if self._recheck is not None:
            self._recheck.stop()
        self._recheck = self.set_timer(RECHECK_DELAY, self._check_now)

    def _check_now(self) -> None:
        self._check(inputs_for(self.kind, self.target, self.form.values()))

    def _with_unchosen(self, problems: tuple[Problem, ...]) -> list[Problem]:
        """A blank required choice said as such, not as validation's "None is not valid"."""
        unchosen = self.form.unchosen()
        said = [
            Problem(key, f"--{key} is not chosen yet: pick one from its list") for key in unchosen
        ]
        return [*said, *(problem for problem in problems if problem.key not in unchosen)]

    @work(thread=True, exclusive=True, exit_on_error=False, group="decide-check")
    def _check(self, inputs: dict[str, Any]) -> Invalid | None:
        from podview.decisions.validate import validate

        conn = self.context.reader()
        try:
            validate(conn, self.kind, inputs, today=self.context.today)
        except DecisionError as error:
            return Invalid.of(error)
        finally:
            conn.close()
        return None

    @work(thread=True, exclusive=True, exit_on_error=False, group="decide")
    def _record(self, inputs: dict[str, Any]) -> Any:
        """Commit on a writable cache; a refusal comes back as `Invalid` for the form (worker thread)."""
        from podview.cache import open_cache

        db = open_cache(self.context.cache_path)
        try:
            return self.commit(db, inputs)
        except DecisionError as error:
            return Invalid.of(error)
        finally:
            db.conn.close()

    def commit(self, db: Any, inputs: dict[str, Any]) -> Any:
        """Validate and record the decision as pending, joined to the open meeting (worker thread)."""
        from podview.decisions.meetings import open_meeting
        from podview.decisions.outbox import record
        from podview.decisions.validate import validate

        draft = validate(db, self.kind, inputs, today=self.context.today)
        meeting = open_meeting(db)
        return record(db, draft, meeting_id=meeting.id if meeting else None)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Route each worker's outcome: the form's own on success, the app's notification on failure."""
        worker, state = event.worker, event.state
        if state == WorkerState.SUCCESS:
            if worker.group == "decide-about":
                self._show_about(worker.result)
            elif worker.group == "decide-check":
                self._show_check(worker.result)
            elif worker.group == "decide":
                self._recorded(worker.result)
        elif state == WorkerState.ERROR:
            if worker.group == "decide":
                self._saving(False)
                self._focus_problem = False
                self._general(
                    f"✖ Not saved: {worker.error}. Everything typed is still here; ctrl+s tries again."
                )
            self.app.post_message(Worker.StateChanged(worker, state))

    def _recorded(self, result: Any) -> None:
        self._saving(False)
        if isinstance(result, Invalid):
            self.checking = True
            self._show_check(result)
        else:
            self.dismiss(result)

    def _show_check(self, result: Invalid | None) -> None:
        """Show every rule the input breaks, each under its field (and clear those now fixed)."""
        problems = self._with_unchosen(result.problems if result else ())
        elsewhere = self.form.show_problems(problems)
        labels = self.form.labels
        self._general("\n".join(f"✖ {in_form_words(p.message, labels)}" for p in elsewhere))
        invalid = self.form.invalid
        if self._focus_problem and invalid:
            self.form.focus_first(invalid[0])
        self._focus_problem = False

    def _general(self, message: str) -> None:
        general = self.query_one("#general", Static)
        general.update(message)
        general.set_class(bool(message), "-shown")

    def _saving(self, busy: bool) -> None:
        button = self.query_one("#save", Button)
        button.disabled = busy
        button.label = "Saving…" if busy else "Save  ctrl+s"


# -- editing a decision that did not go out (`e` in the outbox) -------------------------------

EDIT_TARGETS = {
    "postpone": "weekly_goal",
    "result": "tactic",
    "comment": "task",
    "action": "client",
    "status": "client",
    "goal": "goal",
}
"""The kind of item each decision is about; a result names its tactic, so its form has no picker."""


@dataclass(frozen=True)
class Standing:
    """How an edited decision's form names its state."""

    icon: str
    adjective: str
    """In the title: `Edit this failed decision`."""
    label: str
    """Before the error, under the target."""
    fallback: str
    """Said when the decision has no error."""


STANDING = {
    "pending": Standing("…", "pending", "Pending", "not sent yet"),
    "failed": Standing("✖", "failed", "Failed", "Asana refused it"),
    "conflict": Standing("!", "conflicting", "In conflict", "its target changed since"),
}
"""The states a decision can be edited in."""


def edit_target(decision: Any) -> Target:
    """The item a recorded decision is about, as `d` would have named it."""
    key = TARGET_KEY[decision.kind]
    label = decision.fields.get(f"{key}_name") or decision.target_gid or ""
    return Target(EDIT_TARGETS[decision.kind], decision.target_gid or "", label)


def as_typed(value: Any) -> str | None:
    """A recorded value as it would have been typed: `97.0` as `97`, nothing as nothing."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def recorded_values(conn: sqlite3.Connection, decision: Any) -> dict[str, str | None]:
    """What a decision says, by its form's fields; the assignee by email, as it is typed.

    Runs in a worker thread: it reads the cache.
    """
    inputs = inputs_of(decision.kind, decision.fields)
    fields = fields_for(decision.kind, edit_target(decision))
    values = {f.key: as_typed(inputs.get(f.key)) for f in fields}
    if values.get("assignee"):
        row = conn.execute("SELECT email FROM users WHERE gid = ?", [values["assignee"]]).fetchone()
        if row is not None and row[0]:
            values["assignee"] = row[0]
    return values


def unchanged(typed: Mapping[str, str | None], recorded: Mapping[str, str | None]) -> bool:
    """Whether the form still says what the decision says (a blank field is no value)."""
    keys = set(typed) | set(recorded)
    return all((typed.get(key) or "") == (recorded.get(key) or "") for key in keys)


class EditDecisionScreen(DecideScreen):
    """A decision that did not go out, in the form it was made with, to fix and send again.

    Saving validates as a new decision does and changes the outbox row through
    `outbox.edit`: same id, same meeting, pending again. Dismissed with the
    changed `Decision`, with the typed values when closed with changes unsaved
    (a draft), or None when closed as it was.
    """

    NOTE = "* required · keeps its id and meeting, then is sent to Asana again"
    DEMO_NOTE = "* required · keeps its id and meeting; the demo agency never sends to Asana"

    def __init__(
        self,
        context: ViewContext,
        decision: Any,
        recorded: dict[str, str | None],
        draft: dict[str, str | None] | None = None,
    ) -> None:
        super().__init__(context, decision.kind, edit_target(decision), draft or recorded)
        self.decision = decision
        self.recorded = recorded
        """What the decision says now: closing the form on these changes nothing."""

    def heading(self) -> str:
        """Says which decision is being edited, and that it is one already made."""
        standing = self.standing_look()
        return f"Edit this {standing.adjective} decision · {title_for(self.kind, self.target)}"

    def read_about(self, conn: sqlite3.Connection) -> About:
        """The target as a new decision's form shows it, then why this one did not go out."""
        about = load_about(conn, self.kind, self.target, meeting=False)
        return replace(about, lines=[*about.lines, self.standing()])

    def standing(self) -> str:
        """The decision's state and Asana's answer, so the fix can be made where it is needed."""
        look = self.standing_look()
        return f"{look.icon} {look.label}: {self.decision.error or look.fallback}"

    def standing_look(self) -> Standing:
        """How the decision's state reads (a state no edit expects is still named)."""
        state = self.decision.state
        return STANDING.get(state, Standing("•", state, state.capitalize(), "not sent"))

    def commit(self, db: Any, inputs: dict[str, Any]) -> Any:
        """Change the decision and make it pending again, as `podview decisions edit` does.

        Runs in a worker thread: it writes the cache.
        """
        from podview.decisions.outbox import edit

        return edit(db, self.decision.id, inputs, today=self.context.today)

    def action_cancel(self) -> None:
        """Close, leaving the decision as it was; changes typed go back to the outbox as a draft."""
        values = self.form.values()
        self.dismiss(None if unchanged(values, self.recorded) else values)
