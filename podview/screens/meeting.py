"""What the meeting screens share: starting and ending the meeting in workers, and the minutes modal.

A meeting screen (the pod stand-up, the Growth Team walkthrough) asks how to
start (length, attendees, a walkthrough's scope), then opens a meeting row,
so decisions recorded meanwhile belong to it; `e` asks, then ends it and
shows the minutes. Writes go through `open_cache` in a thread worker, like
every read. Leaving the screen without ending leaves the meeting open;
starting the same meeting again resumes it, as it was set up, without asking.
The app hears of both (`MeetingOpened`, `MeetingEnded`): while the meeting is
open, its data is refreshed from Asana every minute.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from rich.markdown import Markdown as RichMarkdown
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from podview.decisions.common import DecisionError, parse_stamp
from podview.decisions.meeting_plan import Plan
from podview.decisions.meetings import Meeting
from podview.figures.members import Member
from podview.files import write_new_private
from podview.screens.meeting_dialogs import EndMeetingScreen, MeetingSetupScreen, Setup
from podview.screens.requests import MeetingEnded, MeetingOpened
from podview.screens.threads import JobFailed, run_in_thread
from podview.textual_compat import OwnStylesheet

MEETING_GROUPS = ("meeting-setup", "meeting-start", "meeting-end")
"""Worker groups whose outcome the meeting screen reports itself (in words that fit a meeting)."""

END_BINDING = Binding("e", "end_meeting", "End meeting", id="meeting.end")
MINUTES_BINDING = Binding("m", "show_minutes", "Minutes", id="meeting.minutes")
DECIDE_BINDING = Binding("d", "app.decide", "Decide", id="meeting.decide")
"""The app's `d`, listed with the meeting's own keys: deciding is what a meeting is for, and
an 80-column footer cuts off the app's keys after the screen's."""


@dataclass(frozen=True)
class Started:
    """A meeting the screen runs: new, or resumed after the screen was left; `already` seconds have passed."""

    meeting: Meeting
    resumed: bool
    already: float


@dataclass(frozen=True)
class Opening:
    """What starting a meeting needs to know first: who may attend, and which meeting is open already."""

    members: list[Member]
    current: Meeting | None


READ_AHEAD = "read-ahead"
"""The job of what a screen reads behind a dialog the room is still reading (no key waits for it)."""


def read_opening(conn: Any, pod: str | None) -> Opening:
    """The pod's members (every pod's without one) and the open meeting (worker thread)."""
    from podview.decisions.meetings import open_meeting
    from podview.figures.members import pod_members

    return Opening(pod_members(conn, pod), open_meeting(conn))


@dataclass(frozen=True)
class Ended:
    """The ended meeting and its minutes as Markdown."""

    meeting: Meeting
    markdown: str


def next_length(minutes: int, lengths: tuple[int, ...]) -> int:
    """The length `b` moves to: the next longer one offered, after the longest the shortest."""
    return next((length for length in lengths if length > minutes), lengths[0])


def same_meeting(current: Meeting, kind: str, pod: str | None) -> bool:
    """Whether the open meeting is the one asked for (same kind, same pod by gid or name)."""
    if current.kind != kind:
        return False
    if pod is None:
        return True
    wanted = pod.strip().casefold()
    return pod.strip() == current.pod_gid or (current.pod or "").strip().casefold() == wanted


def open_or_resume(
    path: Path, kind: str, pod: str | None, attendees: list[str] | None = None, plan: Plan | None = None
) -> Started:
    """Start a meeting, or resume it when this very meeting is still open (worker thread).

    A resumed meeting keeps the attendees and plan it was started with.
    Another open meeting is an error whose message says to end it first.
    """
    from podview.cache import open_cache
    from podview.decisions.meetings import open_meeting, start_meeting

    db = open_cache(path)
    try:
        current = open_meeting(db)
        if current is not None and same_meeting(current, kind, pod):
            started = parse_stamp(current.started_at)
            already = (datetime.now(UTC) - started).total_seconds() if started else 0.0
            return Started(current, True, max(0.0, already))
        return Started(start_meeting(db, kind, pod=pod, attendees=attendees, plan=plan), False, 0.0)
    finally:
        db.conn.close()


def save_length(path: Path, meeting_id: str, minutes: int) -> Meeting:
    """Write the meeting's new length into its plan (worker thread)."""
    from podview.cache import open_cache
    from podview.decisions.meetings import set_length

    db = open_cache(path)
    try:
        return set_length(db, meeting_id, minutes)
    finally:
        db.conn.close()


def close_and_minute(path: Path, meeting_id: str, reader: Any, config: Any, today: Any = None) -> Ended:
    """End the meeting (unless something else already did) and render its minutes (worker thread)."""
    from podview.cache import open_cache
    from podview.decisions.meetings import end_meeting, get_meeting
    from podview.decisions.minutes import minutes_data, render_markdown

    db = open_cache(path)
    try:
        meeting = get_meeting(db, meeting_id)
        if meeting.is_open:
            meeting = end_meeting(db, meeting.id)
    finally:
        db.conn.close()
    conn = reader()
    try:
        markdown = render_markdown(minutes_data(conn, meeting, config, as_of=today))
    finally:
        conn.close()
    return Ended(meeting, markdown)


class MeetingMixin:
    """For a DataScreen that runs a meeting: `prepare_meeting` asks how, `e` ends it, `m` shows the minutes again.

    Subclasses build the start dialog in `setup_screen(members)`, start with
    `begin_meeting` from `meeting_set_up(setup)`, react in `meeting_started`
    and `meeting_ended` (all on the UI thread) and set MEETING_KIND.
    """

    MEETING_KIND: ClassVar[str] = ""
    meeting: Meeting | None = None
    ended: Ended | None = None

    def prepare_meeting(self, pod: str | None = None) -> None:
        """Read who may attend and what is open, then ask how to start (or resume without asking)."""
        run_in_thread(
            self,
            lambda: self.context.read(lambda conn: read_opening(conn, pod)),
            lambda opening: self._opened(opening, pod),
            job="meeting-setup",
        )

    def _opened(self, opening: Opening, pod: str | None) -> None:
        """An open meeting is resumed (or, if another, refused) at once; else the start dialog asks."""
        if opening.current is not None:
            self.begin_meeting(pod)
            return
        self.app.push_screen(self.setup_screen(opening.members), self._set_up)
        self.call_after_refresh(self.meeting_asked)

    def meeting_asked(self) -> None:
        """The start dialog is up (UI thread): a screen may read ahead what it shows once the meeting opens."""

    def _set_up(self, setup: Setup | None) -> None:
        if setup is None:
            self.meeting_cancelled()
        else:
            self.meeting_set_up(setup)

    def meeting_cancelled(self) -> None:
        """The start dialog was cancelled: no meeting, so the meeting screen goes too (UI thread)."""
        if self.app.screen is self:
            self.app.pop_screen()

    def begin_meeting(
        self, pod: str | None = None, attendees: list[str] | None = None, plan: Plan | None = None
    ) -> None:
        """Open (or resume) the meeting in the background."""
        path, kind = self.context.cache_path, self.MEETING_KIND
        run_in_thread(
            self,
            lambda: open_or_resume(path, kind, pod, attendees, plan),
            self._started,
            job="meeting-start",
        )

    def keep_length(self, minutes: int) -> None:
        """A length changed during the meeting (`b`) is saved with it: resuming it keeps the new length."""
        if self.meeting is None or not self.meeting.is_open:
            return
        path, meeting_id = self.context.cache_path, self.meeting.id
        run_in_thread(
            self,
            lambda: save_length(path, meeting_id, minutes),
            self._length_kept,
            job="meeting-length",
            what="the meeting's new length",
        )

    def _length_kept(self, meeting: Meeting) -> None:
        self.meeting = meeting

    def setup_screen(self, members: list[Member]) -> MeetingSetupScreen:
        """The start dialog for this meeting."""
        raise NotImplementedError

    def meeting_set_up(self, setup: Setup) -> None:
        """The start dialog was answered: apply it and `begin_meeting` (UI thread)."""
        raise NotImplementedError

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`e` only while a meeting is open, `m` only once it has ended (hidden otherwise)."""
        if action == "end_meeting":
            return self.meeting is not None and self.meeting.is_open
        if action == "show_minutes":
            return self.ended is not None
        return super().check_action(action, parameters)

    def action_end_meeting(self) -> None:
        """Ask "End the meeting? (y/n)" first; `y` ends it and offers its minutes."""
        if self.meeting is not None and self.meeting.is_open:
            self.app.push_screen(EndMeetingScreen(), self._end_answered)

    def _end_answered(self, end: bool | None) -> None:
        if end and self.meeting is not None and self.meeting.is_open:
            context, meeting_id = self.context, self.meeting.id
            run_in_thread(
                self,
                lambda: close_and_minute(context.cache_path, meeting_id, context.reader, context.config, context.today),
                self._ended,
                job="meeting-end",
            )

    def action_show_minutes(self) -> None:
        """Show the minutes of the ended meeting again (to save them after closing)."""
        if self.ended is not None:
            folder, name = self.minutes_file()
            config_file = self.context.config.source
            self.app.push_screen(MinutesScreen(self.ended, folder, name, config_file=config_file))

    def minutes_file(self) -> tuple[Path, str]:
        """Where `w` saves the minutes: the exports folder, as `2026-12-07 Pod Atlas stand-up.md`."""
        from podview.decisions.minutes import minutes_file_name

        config = self.context.config
        return config.exports_folder(), minutes_file_name(self.ended.meeting, config)

    def _started(self, started: Started) -> None:
        self.meeting = started.meeting
        self.refresh_bindings()
        self.post_message(MeetingOpened(started.meeting.id))
        self.meeting_started(started)

    def _ended(self, ended: Ended) -> None:
        self.meeting, self.ended = ended.meeting, ended
        self.refresh_bindings()
        self.post_message(MeetingEnded(ended.meeting.id))
        self.meeting_ended(ended)
        self.action_show_minutes()

    def on_job_failed(self, message: JobFailed) -> None:
        """A meeting that could not start or end is told here, with what to do; other failures go on to the app."""
        if message.job not in MEETING_GROUPS:
            return
        message.stop()
        error, starting = message.error, message.job != "meeting-end"
        title = "Could not start the meeting" if starting else "Could not end the meeting"
        if isinstance(error, DecisionError):
            text = str(error)
            if starting and "still open" in text:
                text += ". Or start that meeting again from ctrl+p (it carries on) and press e."
        else:
            text = f"{error}. Check that the cache is writable; `podview meeting list` shows meetings."
        self.notify(text, title=title, severity="error", timeout=12)
        self.meeting_failed(starting, text)

    def meeting_started(self, started: Started) -> None:
        """The meeting is open (UI thread)."""

    def meeting_ended(self, ended: Ended) -> None:
        """The meeting has ended (UI thread)."""

    def meeting_failed(self, starting: bool, message: str) -> None:
        """Starting or ending failed; the user has been told (UI thread)."""


class MinutesScreen(OwnStylesheet, ModalScreen[None]):
    """The minutes of an ended meeting as Markdown, with Save to file and Close."""

    CSS_PATH = "meeting.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "save", "Save to file", id="minutes.save"),
        Binding("escape", "close", "Close", id="minutes.close"),
    ]

    def __init__(
        self, ended: Ended, folder: Path, file_name: str, config_file: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.config_file = config_file
        """The config file that may set `exports_dir` (None: defaults, no file yet)."""
        self.ended = ended
        self.folder = folder
        """The exports folder (created when missing)."""
        self.file_name = file_name
        """`2026-12-07 Pod Atlas stand-up.md`; a second save is `… 2.md`, never over the first."""
        self.saved: Path | None = None

    @property
    def markdown(self) -> str:
        """The minutes as saved; shown through Rich, which renders a 160-client review in well
        under a second where Textual's Markdown widget takes several."""
        return self.ended.markdown

    def compose(self) -> ComposeResult:
        with Vertical(id="minutes"):
            yield Static(f"Minutes — {self.ended.meeting.title}", id="minutes-title")
            yield Static("w saves to a file · Esc closes (m shows them again)", id="minutes-hint")
            with VerticalScroll(id="minutes-body"):
                yield Static(RichMarkdown(self.markdown), id="minutes-text")
            with Horizontal(id="minutes-buttons"):
                yield Button("Save to file  w", id="minutes-save", variant="primary", compact=True)
                yield Button("Close  esc", id="minutes-close", compact=True)

    def on_mount(self) -> None:
        """Arrows and Page Down scroll the minutes; `w` saves, Tab reaches the buttons."""
        self.query_one("#minutes-body").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "minutes-save":
            self.action_save()
        else:
            self.action_close()

    def action_close(self) -> None:
        """Back to the meeting screen (the minutes stay available on `m`)."""
        self.dismiss(None)

    def action_save(self) -> None:
        """Write the Markdown into the exports folder off the UI thread."""
        run_in_thread(self, self._save, self._saved, job="minutes-save")

    def _save(self) -> Path:
        name = Path(self.file_name)
        try:
            return write_new_private(self.folder, name.stem, name.suffix, self.markdown).resolve()
        except OSError as error:
            raise OSError(f"{self.folder}: {error.strerror or error}") from error

    def _saved(self, path: Path) -> None:
        self.saved = path
        self.notify(f"Saved to {path}", title="Minutes saved")

    def on_job_failed(self, message: JobFailed) -> None:
        """Why the file could not be written, and what to do."""
        message.stop()
        self.notify(
            f"{message.error}. Make that folder writable, or set exports_dir in "
            f"{self.config_file or 'your config file'} to one you can write to; then press w again.",
            title="Could not save the minutes",
            severity="error",
            timeout=12,
        )
