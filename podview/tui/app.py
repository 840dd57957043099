"""The podview app: screens by name, the keys that work everywhere, and what background work says.

Each top-level screen lives in its own Textual mode (going back finds it as
left); client cards are pushed on the mode they were opened from. Every key's
action is a method here (`action_<name>`; `d`, `C`, `s` hand over to
`Deciding`, `ClientSafe`, `Syncing`); background work's outcomes arrive as
typed messages, handled by the `on_<message>` methods at the end.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import BindingType
from textual.command import CommandPalette
from textual.reactive import var
from textual.screen import ModalScreen, Screen

from podview.cache import cache_damaged
from podview.figures.home_model import HomeData
from podview.figures.home_store import saved_home_in
from podview.figures.outbox import OutboxCounts
from podview.files import readable_name
from podview.screens.context import ViewContext
from podview.screens.registry import CLIENT_SAFE, TOP_LEVEL, build_screen, export_title
from podview.screens.requests import OpenClient, OutboxChanged, SendDecisions, ShowingClient
from podview.screens.threads import JobFailed
from podview.textual_compat import roomy_css_cache, wake_screen_when_batches_end
from podview.tui import jobs
from podview.tui.backends import Sender, SyncFactory, asana_sync, send_decisions
from podview.tui.client_safe import ClientSafe
from podview.tui.deciding import Deciding
from podview.tui.jobs import OutboxJobs
from podview.tui.keys import APP_KEYS
from podview.tui.messages import Directory
from podview.tui.navigation import Navigation
from podview.tui.notices import damaged_cache, describe_send, failure_message
from podview.tui.palette import ClientSafeChoices, PodviewCommands
from podview.tui.strips import StatusStrips
from podview.tui.syncing import REFRESH_SECONDS, Syncing
from podview.tui.warming import Warming
from podview.tui.welcome import Welcome
from podview.widgets import themes
from podview.widgets.presenter_css import presenter_css
from podview.widgets.sync_bar import SyncBar
from podview.widgets.themes import NORMAL_THEME, PRESENTER_CLASS, PRESENTER_THEME, presenter_changed

if TYPE_CHECKING:
    from podview.screens.requests import MeetingEnded, MeetingOpened, OpenPerson
    from podview.screens.welcome import WelcomeScreen
    from podview.tui import messages


class PodviewApp(App[None]):
    """The meeting room's screen onto the cache."""

    CSS_PATH = "app.tcss"
    CSS = presenter_css(PRESENTER_THEME)
    TITLE = "podview"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (140, "-wide")]
    COMMANDS = App.COMMANDS | {PodviewCommands}
    BINDINGS: ClassVar[list[BindingType]] = APP_KEYS

    presenter = var(False)
    """High contrast, more room, less chrome: for a projector at the back of a room."""

    sync_progress = var(None)
    """The running sync's latest `SyncProgress`; None while no sync runs."""

    outbox_state = var(OutboxCounts())
    """The outbox's pending, failed and conflicting decisions, as last counted."""

    live_state = var(None)
    """How fresh an open meeting's data is (a `LiveState`, podview.tui.syncing); None before any."""

    def __init__(
        self,
        context: ViewContext,
        *,
        sync: SyncFactory | None = None,
        outbox: Sender | None = None,
        demo_path: Path | None = None,
        build_demo: bool = False,
        export_dir: Path | None = None,
        warm_screens: bool = True,
        live_every: float = REFRESH_SECONDS,
    ) -> None:
        has_cache = context.cache_path.exists()
        self.DEFAULT_MODE = "home" if has_cache and not build_demo else "welcome"
        """The mode Textual composes first: the app opens straight on Home (or the welcome screen), with no switch."""
        super().__init__()
        if export_dir is not None:
            context = replace(context, config=replace(context.config, exports_dir=export_dir))
        self.context = context
        """What every screen reads; replaced when the demo is built or client-safe mode starts."""
        self.home: HomeData | None = None
        """Home's figures as saved in the cache, read just before Home opens: it is painted once, with them."""
        self.has_cache = has_cache
        """Whether there is anything to show; checked once here, and set when the demo is built."""
        self.directory = Directory()
        """Pods and clients for the palette, filled in the background after start."""
        self.cache_problem = ""
        """Why the cache cannot be read, once a load found it damaged (the welcome screen says it)."""
        self.syncing = Syncing(self, lambda: self.context, sync or asana_sync, live_every)
        self.outbox = OutboxJobs(self, lambda: self.context, outbox or send_decisions)
        self.deciding = Deciding(self, lambda: self.context, self.outbox.send, self.outbox.count)
        self.client_safe_mode = ClientSafe(
            self, lambda: self.context, partial(setattr, self, "context"), self.make_screen
        )
        self.strips = StatusStrips(self)
        self.welcome = Welcome(self, demo_path, build_demo)
        self.warming = Warming(self, lambda: self.context)
        self.warm_screens = warm_screens
        """Build the other top-level screens after Home is painted (tests turn it off to see only what they open)."""
        self.navigation = Navigation(self, lambda: self.context, self.make_screen)
        wake_screen_when_batches_end(self)
        roomy_css_cache(self)
        self.register_theme(NORMAL_THEME)
        self.theme = NORMAL_THEME.name
        self.stylesheet.set_variables(self.get_css_variables())
        for name in TOP_LEVEL:
            self.add_mode(name, partial(self.make_screen, name))
        self.add_mode(
            "welcome", lambda: self.welcome.make_screen(self.context.cache_path, self.cache_problem)
        )
        if context.config.keys:
            self.set_keymap(context.config.keys)
        if self.DEFAULT_MODE == "home":
            self.read_saved_home()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            themes.note_input(self)  # hidden screens' colour catch-up waits for quiet
        await super().on_event(event)

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(self, self.strips.take_in)
        self.strips.take_in(self.screen)
        if self.DEFAULT_MODE == "home":
            self.call_after_refresh(self._after_first_paint)
        elif self.welcome.build_first:
            self.start_demo()

    def read_saved_home(self) -> None:
        """Home's figures as saved in the cache (None when stale or missing: Home then computes them)."""
        context = self.context
        self.home = saved_home_in(context.cache_path, today=context.today, config=context.config)

    def open_home(self) -> None:
        """Show Home with the figures saved in the cache (else it computes them), then load what the palette offers."""
        self.read_saved_home()
        self.switch_mode("home")
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        jobs.load_directory(self, self.context)
        if self.warm_screens:
            self.warming.start()

    # -- screens --------------------------------------------------------------------

    def make_screen(self, name: str, *args: Any, **kwargs: Any) -> Screen:
        """A screen by its registry name, on the app's context; Home takes the launch's figures once."""
        if name == "home" and self.home is not None and not self.client_safe:
            kwargs["data"], self.home = self.home, None
        return build_screen(name, self.context, *args, **kwargs)

    @property
    def export_dir(self) -> Path:
        """Where ctrl+s saves screenshots and `w` saves minutes: the config's `exports_dir`, or its default."""
        return self.context.config.exports_folder()

    @export_dir.setter
    def export_dir(self, folder: Path) -> None:
        self.context = replace(self.context, config=replace(self.context.config, exports_dir=folder))

    @property
    def client_safe(self) -> str | None:
        """The gid of the client watching, or None."""
        return self.context.client_safe

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Without a cache nothing can be shown; while a client watches, only its card and weekly progress."""
        if action == "go":
            (name,) = parameters
            if not self.has_cache:
                return False
            return name in CLIENT_SAFE if self.client_safe else name != "client"
        if action in ("toggle_client_safe", "toggle_presenter", "export_svg"):
            return self.has_cache or action == "toggle_presenter"
        if action in ("decide", "outbox"):
            if not self.has_cache or isinstance(self.screen, ModalScreen) or self.client_safe:
                return False
            return action == "outbox" or Deciding.possible(self.screen)
        return True

    def cache_unreadable(self, error: BaseException) -> None:
        """The cache's pages are damaged: say so once, on the welcome screen, and stop every load."""
        if self.cache_problem:
            return
        self.cache_problem = damaged_cache(self.context.cache_path, error)
        self.has_cache = False
        for worker in self.workers:
            if worker.group != "demo":
                worker.cancel()
        self.switch_mode("welcome")
        self.welcome.show_problem(self.cache_problem)
        self.refresh_bindings()

    # -- keys -----------------------------------------------------------------------

    async def action_go(self, name: str) -> None:
        """Show a top-level screen (or, in client-safe mode, the client's card or weekly progress)."""
        await self.navigation.go(name)

    def action_back(self) -> None:
        """Close the card (or other screen) opened on top of this one."""
        if len(self.screen_stack) > 1:
            self.pop_screen()

    def action_help(self) -> None:
        """List every key active here, with its binding id."""
        from podview.screens.help import HelpScreen, keys_on

        self.push_screen(HelpScreen(keys_on(self.screen)))

    def action_decide(self) -> None:
        """Offer the decisions that apply to the selected item."""
        self.deciding.start()

    def action_sync(self) -> None:
        """Read Asana into the cache in the background; the line at the foot follows it."""
        self.syncing.start()

    def action_outbox(self) -> None:
        """List the decisions with their state and error, to retry, discard or send them."""
        from podview.screens.outbox import OutboxScreen

        if not isinstance(self.screen, OutboxScreen):
            self.push_screen(OutboxScreen(self.context, self.deciding.drafts))

    def action_toggle_presenter(self) -> None:
        """Presenter mode on or off."""
        self.presenter = not self.presenter

    def watch_presenter(self, presenter: bool) -> None:
        """A class, not a theme: only the screen on show is restyled, no stylesheet is read again."""
        self.set_class(presenter, PRESENTER_CLASS)
        presenter_changed(self).publish(presenter)

    def action_toggle_client_safe(self) -> None:
        """Leave client-safe mode, or start it for the client on screen (else ask which client)."""
        if self.client_safe:
            self.call_later(self.client_safe_mode.leave)
        elif isinstance(self.screen, ShowingClient):
            self.start_client_safe(self.screen.client_gid)
        else:
            self.push_screen(
                CommandPalette(
                    providers=[ClientSafeChoices],
                    placeholder="Which client is watching? Type a name…",
                )
            )

    def start_client_safe(self, gid: str) -> None:
        """Show only this client's card and weekly progress until client-safe mode is left."""
        self.call_later(self.client_safe_mode.enter, gid)

    def action_export_svg(self) -> None:
        """Save the screen as it looks now to `<day> <what is on screen>.svg` in the exports folder (off the UI thread)."""
        name = readable_name(self.context.today, export_title(self.screen))
        jobs.save_screenshot(self, self.export_dir, name, self.export_screenshot())

    def get_system_commands(self, screen: Screen):
        """Textual's own commands, less its screenshot (ours saves where it says, off the UI thread)."""
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":
                yield command

    # -- what screens and the palette ask for -----------------------------------------

    def open_client(self, gid: str, ranking: list | None = None) -> None:
        """Show a client's card (in client-safe mode, only the watching client's); n/p follow `ranking`."""
        self.navigation.open_client(gid, ranking)

    def show_pod(self, pod: str) -> None:
        """The Risk radar filtered to one pod."""
        self.call_later(self.navigation.show_pod, pod)

    def start_demo(self, reset: bool = False) -> None:
        """Open the demo agency (built in the background, or afresh with `reset`); Home opens when it is ready."""
        self.welcome.build_demo(self.context, reset)

    def on_open_client(self, message: OpenClient) -> None:
        self.open_client(message.gid, message.ranking)

    def on_open_person(self, message: OpenPerson) -> None:
        self.navigation.open_person(message.user_gid)

    def on_send_decisions(self, message: SendDecisions) -> None:
        self.outbox.send(message.ids)

    def on_outbox_changed(self, message: OutboxChanged) -> None:
        self.outbox.count()

    def on_welcome_screen_set_up(self, message: WelcomeScreen.SetUp) -> None:
        self.welcome.set_up(message.config)

    def on_welcome_screen_demo_requested(self, message: WelcomeScreen.DemoRequested) -> None:
        """The welcome screen's demo and reset buttons."""
        self.start_demo(message.reset)

    # -- what background work says when it ends ---------------------------------------

    def on_sync_bar_progressed(self, message: SyncBar.Progressed) -> None:
        """The newest progress of the running sync (older ones were replaced on the way)."""
        self.syncing.progressed(message.progress)

    def on_meeting_opened(self, message: MeetingOpened) -> None:
        self.syncing.meeting_opened(message.meeting_id)

    def on_meeting_ended(self, message: MeetingEnded) -> None:
        self.syncing.meeting_ended(message.meeting_id)

    def on_synced(self, message: messages.Synced) -> None:
        """Say what the sync did (a meeting's live refresh: only in the strip), then reload what shows the cache."""
        self.syncing.ended(message)
        if not self.has_cache:
            self.has_cache = True
            self.refresh_bindings()
            self.switch_mode("home")
        self.strips.reload_all()
        jobs.load_directory(self, self.context)
        self.outbox.count()

    def on_sent(self, message: messages.Sent) -> None:
        title, text, severity = describe_send(message.result, message.decisions)
        self.notify(text, title=title, severity=severity, timeout=10)
        self.outbox.count()
        self.strips.reload_all()

    def on_outbox_counted(self, message: messages.OutboxCounted) -> None:
        self.outbox_state = message.counts

    def on_directory_loaded(self, message: messages.DirectoryLoaded) -> None:
        self.directory = message.directory
        self.outbox.count()

    def on_exported(self, message: messages.Exported) -> None:
        self.notify(f"Saved this screen to {message.path}", title="Exported SVG")

    def on_demo_built(self, message: messages.DemoBuilt) -> None:
        self.cache_problem = ""
        self.context = replace(self.context, cache_path=message.path)
        self.has_cache = True
        self.refresh_bindings()
        self.welcome.demo_done()
        self.open_home()

    def on_job_failed(self, message: JobFailed) -> None:
        """The one place where failed work reaches the user, worded by the job that failed."""
        if message.job == "sync" and self.syncing.failed(message.error):
            return
        if cache_damaged(message.error):
            self.cache_unreadable(message.error)
            return
        if message.job in ("send", "outbox"):
            self.outbox.count()
        elif message.job == "demo":
            self.welcome.demo_done()
        title, text = failure_message(
            message.job,
            message.error,
            what=message.what or "this screen",
            export_dir=self.export_dir,
            config_file=self.context.config.source,
        )
        self.notify(text, title=title, severity="error", timeout=12)


def make_app(context: ViewContext, **options: Any) -> PodviewApp:
    """Build the app on a context; tests hand in a temporary cache, a fake sync and a fake sender.

    `sync(context, progress)` returns something with `async run(full=, audit=)`
    that calls `progress(SyncProgress)` as it goes (default: the Asana sync on
    the token of `resolve_token()`). `outbox(context, ids)` is a coroutine
    sending those decisions and returning a `PushResult` (default:
    `send_outbox` on the token). `build_demo` (re)builds the demo agency at
    `demo_path` first (`podview demo`); without a cache the welcome screen
    builds it there on request.
    """
    return PodviewApp(context, **options)
