"""Deciding in a meeting: `d` on the selected item, a menu of the decisions that apply, then a form.

The form's input is validated against the cache and committed to the outbox
in a thread worker, joined to the open meeting if there is one; the app
then sends it in the background. Until the outbox row is committed the form
stays open with everything typed, so a refusal or a locked cache never loses
a word; a form closed unsaved hands its text back to the app as a draft.

What the form is about (its target, fields and the lines above them) is in
`podview.screens.decide_about`; editing a decision that did not go out (`e`
in the outbox) is `EditDecisionScreen` in `podview.screens.decide_edit`.
"""

from __future__ import annotations

import sqlite3
from functools import partial
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from podview.decisions.common import DecisionError, Problem
from podview.screens.context import ViewContext
from podview.screens.decide_about import (
    WHAT,
    About,
    Invalid,
    Target,
    fields_for,
    inputs_for,
    load_about,
    title_for,
)
from podview.screens.threads import JobFailed, run_in_thread
from podview.textual_compat import OwnStylesheet
from podview.widgets.decision_form import DecisionForm, in_form_words

RECHECK_DELAY = 0.4
"""Seconds of quiet typing before a form that failed validation is checked again."""


class DecideMenu(OwnStylesheet, ModalScreen[str | None]):
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


class DecideScreen(OwnStylesheet, ModalScreen[Any]):
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
        run_in_thread(self, self._load_about, self._show_about, job="decide-about", what="the decision form")

    def heading(self) -> str:
        """The form's title."""
        return title_for(self.kind, self.target)

    @property
    def form(self) -> DecisionForm:
        """The form's fields."""
        return self.query_one("#form", DecisionForm)

    def _load_about(self) -> About:
        conn = self.context.reader()
        try:
            return self.read_about(conn)
        finally:
            conn.close()

    def read_about(self, conn: sqlite3.Connection) -> About:
        """What the form says above its fields, and its prefills and choices (worker thread)."""
        return load_about(conn, self.kind, self.target, self.context.today)

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
        run_in_thread(self, partial(self._record, inputs), self._recorded, job="decide")

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

    def _check(self, inputs: dict[str, Any]) -> None:
        """Validate in the background; `_show_check` shows what is wrong (a newer check cancels an older one)."""
        run_in_thread(self, partial(self._validate, inputs), self._show_check, job="decide-check")

    def _validate(self, inputs: dict[str, Any]) -> Invalid | None:
        from podview.decisions.validate import validate

        conn = self.context.reader()
        try:
            validate(conn, self.kind, inputs, today=self.context.today)
        except DecisionError as error:
            return Invalid.of(error)
        finally:
            conn.close()
        return None

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

    def on_job_failed(self, message: JobFailed) -> None:
        """A save that failed leaves the form as it was, saying so; the app's notification follows."""
        if message.job == "decide":
            self._saving(False)
            self._focus_problem = False
            self._general(
                f"✖ Not saved: {message.error}. Everything typed is still here; ctrl+s tries again."
            )

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
