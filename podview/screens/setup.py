"""`podview setup`'s screens: the proposed config, one decision per step, each with what it was made from; written only when confirmed.

The workspace is read in a worker (sync/setup_read.py); the steps and what
they change are in setup_steps.py. Enter (or n) takes the highlighted
choice and goes on, space ticks on the pods and training steps, p switches
between a pattern and a list of names, Esc goes back a step, q leaves
without writing. The last step shows what each screen will show with these
choices (doctor's checks), and w writes the file: over an existing one only
when w is pressed again, the old one kept as `config.toml.bak`. The screen
dismisses with the path written, or None.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from podview.config import Config
from podview.screens import setup_steps as steps
from podview.widgets.key_footer import KeyFooter

Reader = Callable[[Config | None, str], Awaitable[tuple[Any, Any]]]


class SetupScreen(Screen[Path | None]):
    """Steps through the proposal; dismisses with the config file written, or None when left."""

    CSS_PATH = "setup.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next", "Next", id="setup.next"),
        Binding("escape", "back", "Back", id="setup.back"),
        Binding("p", "pattern", "Pattern or list", id="setup.pattern"),
        Binding("w", "write", "Write the config", id="setup.write"),
        Binding("q,ctrl+c", "leave", "Leave, write nothing", id="setup.leave"),
    ]

    def __init__(self, config_path: Path, existing: Config | None, *, reader: Reader | None = None, timezone: str | None = None) -> None:
        super().__init__()
        self.config_path = Path(config_path)
        self.existing = existing
        self.reader = reader
        self.timezone = timezone
        self.survey: Any = None
        self.proposal: Any = None
        self.steps = steps.steps()
        self.at = 0
        self.confirming = False
        self.offered: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="setup"):
            yield Static("Reading your Asana workspace…", id="setup-step", markup=False)
            yield Static("", id="setup-question", markup=False)
            yield Static("", id="setup-proposed", markup=False)
            yield OptionList(id="setup-pick")
            yield SelectionList(id="setup-ticks")
            yield Static("", id="setup-pattern", markup=False)
            yield Static("", id="setup-preview", markup=False)
            yield Static("", id="setup-status", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Setup"
        self.set_class(True, "-reading")
        self.run_worker(self._read(), exclusive=True, exit_on_error=False, name="setup-read")

    async def _read(self) -> None:
        from podview.dates import local_zone_name
        from podview.sync.setup_read import SetupReadError, read_for_setup

        reader = self.reader or read_for_setup
        try:
            self.survey, self.proposal = await reader(self.existing, self.timezone or local_zone_name())
        except SetupReadError as error:
            self.query_one("#setup-step", Static).update("Setup could not read your workspace")
            self._status(f"{error}\nq: leave")
            return
        self.set_class(False, "-reading")
        if self.proposal.problem:
            self._status(f"{self.proposal.problem}\nEvery choice below keeps podview's defaults until this is fixed.")
        self.show(0)

    # -- showing a step ---------------------------------------------------------------

    @property
    def step(self) -> steps.Step:
        return self.steps[self.at]

    def show(self, at: int) -> None:
        """Show step `at`: its question, what was proposed and why, and what it offers."""
        self.at, self.confirming = max(0, min(at, len(self.steps) - 1)), False
        step = self.step
        for kind in ("pick", "ticks", "preview"):
            self.set_class(step.kind == kind, f"-{kind}")
        self.query_one("#setup-step", Static).update(f"Step {self.at + 1} of {len(self.steps)} · {step.title}")
        self.query_one("#setup-question", Static).update(step.question)
        self.query_one("#setup-proposed", Static).update("" if step.kind == "preview" else steps.proposed_line(self.proposal, step))
        self.query_one("#setup-pattern", Static).update("")
        if step.kind == "pick":
            self._pick(step)
        elif step.kind == "ticks":
            self._ticks(step)
        else:
            self._preview()
        self.refresh_bindings()

    def _pick(self, step: steps.Step) -> None:
        offered = steps.offered(self.proposal, step)
        listing = self.query_one("#setup-pick", OptionList)
        listing.clear_options()
        listing.add_options([Option(Text(f"{c.name}  ·  {c.evidence}"), id=str(i)) for i, c in enumerate(offered)])
        current = steps.choice_of(self.proposal, step).name.casefold()
        listing.highlighted = next((i for i, c in enumerate(offered) if c.name.casefold() == current), 0)
        listing.focus()
        self.offered = offered
        self._status("Enter or n: take the highlighted one and go on · Esc: back · q: leave without writing")

    def _ticks(self, step: steps.Step) -> None:
        group = steps.group_of(self.proposal, step)
        ticks = self.query_one("#setup-ticks", SelectionList)
        ticks.clear_options()
        ticks.add_options([(Text(f"{pick.name}  ·  {pick.evidence}"), pick.name, pick.ticked) for pick in group.picks])
        ticks.focus()
        self._pattern()
        self._status("Space: tick · n: go on · p: pattern or list · Esc: back · q: leave without writing")

    def _pattern(self) -> None:
        group = steps.group_of(self.proposal, self.step)
        self.query_one("#setup-pattern", Static).update(steps.pattern_line(group))

    def _preview(self) -> None:
        from podview.sync.proposal import preview

        config = self.proposal.config()
        lines = steps.preview_lines(preview(self.survey, config))
        pods = ", ".join(self.proposal.pods.ticked) or "none"
        lines = [f"Pods: {pods}", "", *lines]
        self.query_one("#setup-preview", Static).update("\n".join(lines))
        there = " (it exists: w asks before replacing it)" if self.config_path.exists() else ""
        self._status(f"w: write {self.config_path}{there} · Esc: back · q: leave without writing")

    def _status(self, text: str) -> None:
        self.query_one("#setup-status", Static).update(text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Next, back, pattern and write are offered only where they do something."""
        if self.proposal is None:
            return action == "leave"
        kind = self.step.kind
        if action == "pattern":
            return kind == "ticks"
        if action == "write":
            return kind == "preview"
        if action == "next":
            return kind != "preview"
        return True

    # -- answers ----------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_next()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        if self.proposal is None or self.step.kind != "ticks":
            return
        steps.group_of(self.proposal, self.step).tick(list(event.selection_list.selected))
        self._pattern()

    def action_next(self) -> None:
        """Take the highlighted choice (pick steps) and go on."""
        if self.proposal is None or self.step.kind == "preview":
            return
        if self.step.kind == "pick":
            listing = self.query_one("#setup-pick", OptionList)
            if listing.highlighted is not None and self.offered:
                steps.choose(self.proposal, self.step, self.offered[listing.highlighted].name)
        self.show(self.at + 1)

    def action_back(self) -> None:
        """Back a step (or, when asked to replace the file, not replace it)."""
        if self.proposal is None:
            return
        if self.confirming:
            self.show(self.at)
            return
        self.show(self.at - 1)

    def action_pattern(self) -> None:
        group = steps.group_of(self.proposal, self.step)
        group.use_pattern = not group.use_pattern
        self._pattern()

    def action_leave(self) -> None:
        """Leave without writing anything."""
        self.dismiss(None)

    def action_write(self) -> None:
        """Write the config; over an existing file only when asked twice, the old one kept as `.bak`."""
        from podview.config import ConfigError
        from podview.config.write import backup_path, existing_document, write_config
        from podview.sync.proposal_toml import to_toml

        exists = self.config_path.exists()
        if exists and not self.confirming:
            self.confirming = True
            self._status(f"{self.config_path} exists. w again: replace it (the old one is kept as {backup_path(self.config_path).name}) · Esc: keep it")
            return
        text = to_toml(self.proposal, existing_document(self.config_path))
        try:
            write_config(self.config_path, text, replace=exists)
        except (ConfigError, OSError) as error:
            self.confirming = False
            self._status(f"Nothing was written: {error}")
            return
        self.dismiss(self.config_path)
