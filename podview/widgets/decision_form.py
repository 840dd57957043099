"""The fields of one kind of decision, with the rule it broke shown under the field it concerns.

The form only holds what the user types: the screen hosting it validates in
a worker (validation reads the cache) and hands every problem back at once
through `show_problems`, which puts each under the field it concerns (its
input, else the field its message names: `--reason`) and says it in the
form's own words ("Reason").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from podview.decisions.common import Problem
from podview.decisions.validate import GOAL_STATUSES, PROJECT_STATUSES, RESULTS
from podview.widgets.status import ASANA, TALLIES


@dataclass(frozen=True)
class Field:
    """One input of a decision: its key in `validate.INPUTS`, its label and how it is typed."""

    key: str
    label: str
    style: str
    """`line` (one line), `text` (several lines) or `choice` (a fixed list)."""
    hint: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    """(label, value) pairs of a choice."""
    optional: bool = False


def _choices(values: Iterable[str], looks) -> tuple[tuple[str, str], ...]:
    return tuple((looks[value].label if value in looks else value, value) for value in values)


FIELDS: dict[str, tuple[Field, ...]] = {
    "comment": (Field("text", "Comment", "text", "what was decided, posted as a comment"),),
    "postpone": (
        Field("to", "New due date", "line", "2026-12-04, Dec 4 or +1w; later than the current due date"),
        Field("reason", "Reason", "line", "why it moves (kept in Asana)"),
    ),
    "action": (
        Field("name", "Action item", "line", "what needs doing"),
        Field("assignee", "Assignee", "line", "a pod member's email (optional)", optional=True),
        Field("due", "Due", "line", "2026-12-04, Dec 4 or +3d (optional)", optional=True),
        Field("notes", "Notes", "text", "(optional)", optional=True),
    ),
    "result": (
        Field("result", "Result", "choice", choices=_choices(RESULTS, TALLIES)),
        Field("confidence", "Confidence %", "line", "0–100 (optional)", optional=True),
    ),
    "status": (
        Field("status", "Status", "choice", choices=_choices(PROJECT_STATUSES, ASANA)),
        Field("title", "Title", "line", "one line for the status update"),
        Field("text", "Update", "text", "what the client should know"),
    ),
    "goal": (
        Field(
            "current", "Current value", "line", "the metric's value now (optional)", optional=True
        ),
        Field(
            "status",
            "Status",
            "choice",
            choices=_choices(GOAL_STATUSES, ASANA),
            optional=True,
        ),
        Field("title", "Title", "line", "(optional)", optional=True),
        Field("text", "Update", "text", "needed with a status", optional=True),
    ),
    "reminder": (
        Field("due", "Finish by", "line", "2026-12-04, Dec 4 or +1w"),
        Field("notes", "Notes", "text", "(optional)", optional=True),
    ),
}
"""What the user types for each kind, besides the target (task, client or goal) chosen on screen."""

OPTION = re.compile(r"--(\w+)(?: [A-Z]+\b)?")
"""How validation messages name an input: `--to`, `--current NUMBER`."""


TASK_LABEL = re.compile(r"task \d+ \((?:'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|None)\)")
"""How validation messages name a task: `task 1208… ('Launch the ad set')`."""


def in_form_words(message: str, labels: Mapping[str, str]) -> str:
    """A validation message in the form's words: `--reason` → `“Reason”`, and the task as `this task`.

    The form already names its task above the fields; repeating its gid and
    name makes the message wrap over lines that hide the fields below.
    """
    said = OPTION.sub(
        lambda m: f"“{labels[m.group(1)]}”" if m.group(1) in labels else m.group(0), message
    )
    said = TASK_LABEL.sub("this task", said)
    return said[:1].upper() + said[1:]


def named_field(message: str, keys: Iterable[str]) -> str | None:
    """The first field of the form that a validation message names, if any."""
    wanted = set(keys)
    return next((m.group(1) for m in OPTION.finditer(message) if m.group(1) in wanted), None)


class DecisionForm(Vertical):
    """Labelled inputs for one kind of decision; `values()` reads them, `show_problems` marks them."""

    DEFAULT_CSS = """
    DecisionForm {
        height: auto;
    }
    DecisionForm .field-box {
        height: auto;
        margin-bottom: 1;
    }
    DecisionForm .field {
        height: auto;
    }
    DecisionForm .field-label {
        width: 15;
        padding: 0 1 0 0;
        text-align: right;
        color: $text-muted;
    }
    DecisionForm .field.-invalid .field-label {
        color: $error;
        text-style: bold;
    }
    DecisionForm Input, DecisionForm TextArea {
        width: 1fr;
        background: $panel;
    }
    DecisionForm Input:focus, DecisionForm TextArea:focus {
        background: $primary 25%;
    }
    DecisionForm Select {
        width: 1fr;
    }
    DecisionForm TextArea {
        height: 4;
    }
    DecisionForm .problem {
        display: none;
        height: auto;
        margin: 0 0 0 15;
        color: $error;
    }
    DecisionForm .problem.-shown {
        display: block;
    }
    """

    def __init__(
        self,
        fields: Iterable[Field],
        values: Mapping[str, str | None] | None = None,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.fields = tuple(fields)
        """The inputs, in order."""
        self._values = dict(values or {})
        self._offered = {f.key: {v for _, v in f.choices} for f in self.fields if f.choices}
        """Each choice's values: a Select refuses (raises on) any other value."""

    def compose(self) -> ComposeResult:
        for field in self.fields:
            with Vertical(classes="field-box"):
                with Horizontal(classes="field", id=f"field-{field.key}"):
                    suffix = "" if field.optional else " *"
                    yield Label(field.label + suffix, classes="field-label")
                    yield self._input(field)
                yield Static(classes="problem", id=f"problem-{field.key}")

    def _input(self, field: Field) -> Widget:
        """The widget a field is typed in, filled with its draft or prefilled value."""
        value = self._values.get(field.key)
        name = f"input-{field.key}"
        if field.style == "choice":
            return Select(
                field.choices,
                prompt=field.hint or "Choose…",
                value=value if self.offers(field.key, value) else Select.NULL,
                id=name,
                compact=True,
            )
        if field.style == "text":
            return TextArea(value or "", id=name, compact=True, placeholder=field.hint)
        return Input(value or "", placeholder=field.hint, id=name, compact=True)

    @property
    def labels(self) -> dict[str, str]:
        """Each field's label by key, for messages in the form's words."""
        return {field.key: field.label for field in self.fields}

    def widget(self, key: str) -> Widget:
        """The input widget of a field."""
        return self.query_one(f"#input-{key}")

    def values(self) -> dict[str, str | None]:
        """What is typed or chosen, by field key; a blank choice is None."""
        out: dict[str, str | None] = {}
        for field in self.fields:
            widget = self.widget(field.key)
            if isinstance(widget, Select):
                out[field.key] = None if widget.value == Select.NULL else str(widget.value)
            elif isinstance(widget, TextArea):
                out[field.key] = widget.text
            else:
                out[field.key] = widget.value
        return out

    def unchosen(self) -> tuple[str, ...]:
        """The required choices left blank (their lists of options say what is allowed)."""
        values = self.values()
        return tuple(
            f.key
            for f in self.fields
            if f.style == "choice" and not f.optional and not values[f.key]
        )

    def fill(self, values: Mapping[str, str | None]) -> None:
        """Put values into fields that are still blank (prefills arrive after the form is shown)."""
        for key, value in values.items():
            if key not in self.labels or value is None:
                continue
            widget = self.widget(key)
            if isinstance(widget, Select):
                if widget.value == Select.NULL and self.offers(key, value):
                    widget.value = value
            elif isinstance(widget, TextArea):
                if not widget.text:
                    widget.text = value
            elif not widget.value:
                widget.value = value

    def set_choices(self, key: str, choices: Iterable[tuple[str, str]]) -> None:
        """Offer the options of a choice known only once the cache is read (a client's tactics).

        The value chosen before (a draft's) stays chosen when it is still offered:
        reopening a form must not drop what was picked in it.
        """
        select = self.widget(key)
        if not isinstance(select, Select):
            return
        choices = list(choices)
        chosen = select.value if select.value != Select.NULL else self._values.get(key)
        self._offered[key] = {value for _, value in choices}
        select.set_options(choices)
        if self.offers(key, chosen):
            select.value = chosen

    def offers(self, key: str, value: object) -> bool:
        """Whether the choice `key` lists `value`."""
        return value is not None and value in self._offered.get(key, ())

    def suggest(self, key: str, words: Iterable[str]) -> None:
        """Complete a line field from a list (assignees' emails)."""
        widget = self.widget(key)
        if isinstance(widget, Input):
            widget.suggester = SuggestFromList(list(words), case_sensitive=False)

    def show_problems(self, problems: Iterable[Problem]) -> list[Problem]:
        """Show each problem under the field it concerns; returns those that concern none of the form's fields."""
        self.clear_problems()
        under: dict[str, list[str]] = {}
        elsewhere: list[Problem] = []
        for problem in problems:
            key = problem.key or named_field(problem.message, self.labels)
            if key in self.labels:
                under.setdefault(key, []).append(f"✖ {in_form_words(problem.message, self.labels)}")
            else:
                elsewhere.append(problem)
        for key, lines in under.items():
            problem = self.query_one(f"#problem-{key}", Static)
            problem.update("\n".join(lines))
            problem.set_class(True, "-shown")
            self.query_one(f"#field-{key}").set_class(True, "-invalid")
        return elsewhere

    @property
    def invalid(self) -> list[str]:
        """The fields showing a problem, in the form's order (the cursor goes to the first)."""
        return [
            f.key for f in self.fields if self.query_one(f"#field-{f.key}").has_class("-invalid")
        ]

    def clear_problems(self) -> None:
        """Hide every field's message (the input now passes, or is being checked again)."""
        for problem in self.query(".problem.-shown"):
            problem.set_class(False, "-shown")
        for field in self.query(".field.-invalid"):
            field.set_class(False, "-invalid")

    def focus_first(self, key: str | None = None) -> None:
        """Put the cursor in the field `key`, else the first field."""
        target = key or (self.fields[0].key if self.fields else None)
        if target is not None:
            self.widget(target).focus()
