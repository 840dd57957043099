"""The podview app: screens by name, global keys, themes, the command palette, and worker outcomes.

Each top-level screen lives in its own Textual mode, so going back to a
screen finds it as it was left. Client cards are pushed on top of the mode
they were opened from. Client-safe mode swaps in two modes of its own (the
client's card and weekly progress) built on a context that names the client.

Two things run in the background from any screen: a sync (`s`), followed by
a progress line, after which every screen reloads; and decisions (`d` on the
selected item), committed to the outbox and then sent, whose state an outbox
badge keeps in view (`o` lists them). Both line up at the foot of each screen.
"""

from __future__ import annotations

import gc
import weakref
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.reactive import var
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from podview.app_background import BackgroundWork
from podview.app_launch import Launch
from podview.background import Sender, SyncFactory, asana_sync, send_decisions
from podview.cache import CacheError, cache_damaged
from podview.decisions.common import DecisionError
from podview.figures.common import ClientInfo, ScopeError
from podview.figures.outbox import OutboxCounts
from podview.notices import sync_failure
from podview.palette import ClientSafeChoices, PodviewCommands
from podview.screens.context import ViewContext
from podview.screens.registry import (
    CLIENT_SAFE,
    SCREENS,
    TOP_LEVEL,
    ScreenUnavailable,
    build_screen,
    screen_class,
)
from podview.textual_compat import wake_screen_when_batches_end
from podview.widgets.themes import NORMAL_THEME, PRESENTER_THEME

if TYPE_CHECKING:
    from podview.home_early import EarlyHome
    from podview.screens.welcome import WelcomeScreen

CARD = "client-card"
"""The name the one reusable client card is installed under."""

SAFE_MODES = {"client": "safe-client", "weekly": "safe-weekly"}
"""Client-safe mode's own modes, by the screen they show."""

SCREEN_KEYS = Binding.Group("Screens", compact=True)
"""The digit keys share one footer entry; `?` lists what each one opens."""

USER_ERRORS = (CacheError, ScopeError, OSError)
"""Failures whose own message says what happened (the demo's DemoError too, checked by its class)."""

FAILURES = {
    "load": (
        "Could not show {what}",
        "Check the cache with `podview report risk`; `podview sync` rebuilds it.",
    ),
    "demo": (
        "Could not build the demo agency",
        "Point PODVIEW_DB at a writable file and try again.",
    ),
    "export": ("Could not save the screenshot", "Check that {export_dir} exists and is writable."),
    "directory": (
        "Could not list pods and clients",
        "The palette still finds screens and actions; reopen podview.",
    ),
    "sync": ("Sync failed", "The cache is unchanged; press s to try again."),
    "send": (
        "Could not send the decision",
        "It is saved and stays pending in the outbox; press o, then s to send it again.",
    ),
    "decide": (
        "Could not save the decision",
        "Everything typed is still in the form; press ctrl+s to try again.",
    ),
    "outbox": ("Could not change the decision", "Nothing was lost; press o to look again."),
    "outbox-edit": ("Could not open the decision", "Nothing was changed; press e to try again."),
    "outbox-count": ("Could not count the outbox", "Press o to see the decisions themselves."),
}
"""Per worker group: the notification's title and what the user can do about it."""


def failure_message(
    group: str, error: BaseException | None, *, what: str, export_dir: Path
) -> tuple[str, str]:
    """Title and text of the notification for a failed worker: what happened, then what to do."""
    title, advice = FAILURES.get(
        group, ("Something went wrong", "Try again; if it keeps happening, report it.")
    )
    title = title.format(what=what)
    advice = advice.format(export_dir=export_dir)
    from podview.demo.build import DemoError

    if group == "sync" and error is not None and sync_failure(error):
        return title, sync_failure(error)
    if isinstance(error, (CacheError, DemoError, DecisionError)):
        return title, str(error)
    if isinstance(error, USER_ERRORS):
        return title, f"{error}. {advice}"
    return title, f"{type(error).__name__}: {error}. {advice}"


@dataclass
class Directory:
    """Pods and clients for the command palette, loaded once per cache."""

    pods: list[str] = field(default_factory=list)
    clients: list[ClientInfo] = field(default_factory=list)


class PodviewApp(Launch, BackgroundWork, App[None]):
    """The meeting room's screen onto the cache."""

    CSS_PATH = "app.tcss"
    TITLE = "podview"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (140, "-wide")]
    COMMANDS = App.COMMANDS | {PodviewCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                str(number),
                f"go('{name}')",
                SCREENS[name].title,
                id=f"go.{name}",
                group=SCREEN_KEYS,
            )
            for number, name in enumerate(TOP_LEVEL, start=1)
        ),
        Binding("1", "go('client')", "Client card", id="go.client", group=SCREEN_KEYS),
        Binding("escape", "back", "Back", id="back", show=False),
        Binding("question_mark", "help", "Keys", id="help"),
        Binding(
            "ctrl+p", "command_palette", "Palette", id="command-palette", show=False, priority=True
        ),
        Binding("d", "decide", "Decide", id="decide"),
        Binding("s", "sync", "Sync", id="sync"),
        Binding("o", "outbox", "Outbox", id="outbox", show=False),
        Binding("ctrl+s", "export_svg", "Export SVG", id="export-svg", show=False),
        Binding("P", "toggle_presenter", "Presenter mode", id="presenter", show=False),
        Binding("C", "toggle_client_safe", "Client-safe mode", id="client-safe", show=False),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    presenter = var(False)
    """High contrast, more room, less chrome: for a projector at the back of a room."""

    sync_progress = var(None)
    """The running sync's latest `SyncProgress`; None while no sync runs."""

    outbox_state = var(OutboxCounts())
    """The outbox's pending, failed and conflicting decisions, as last counted."""

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
        home_early: EarlyHome | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        """What every screen reads; replaced when the demo is built or client-safe mode starts."""
        self.sync = sync or asana_sync
        """Builds a sync run for `s` (the real one needs a token; tests hand in a fake)."""
        self.outbox = outbox or send_decisions
        """Sends recorded decisions (the real one needs a token and Asana; tests hand in a fake)."""
        self.drafts: dict[tuple[str, str], dict[str, str | None]] = {}
        """Decision forms closed unsaved, by (kind, target gid), or ("edit", decision id) for edits: reopening one brings its text back."""
        self._screens: weakref.WeakSet[Screen] = weakref.WeakSet()
        """Every screen shown or built ahead so far that is still alive: a finished sync reloads them all."""
        self.demo_path = demo_path
        """Where the demo agency is built; None: the default demo file."""
        self.build_demo = build_demo
        """Build the demo first (`podview demo`), showing progress on the welcome screen."""
        self.export_dir = export_dir or Path.cwd()
        """Where ctrl+s saves SVG screenshots."""
        self.warm_screens = warm_screens
        """Build the other top-level screens in the background after Home is painted."""
        self.home_early = home_early
        """Home's figures being computed in a child process since before the app was built (or None)."""
        self.has_cache = context.cache_path.exists()
        """Whether there is anything to show; checked once here, and set when the demo is built."""
        self.directory = Directory()
        """Pods and clients for the palette, filled by a worker after start."""
        self._before_safe: tuple[ViewContext, str] | None = None
        self.cache_problem = ""
        """Why the cache cannot be read, once a load found it damaged (the welcome screen says it)."""
        self._closed_card: Any = None
        """The client card, kept when closed: opened again, it only loads and paints its next client."""
        wake_screen_when_batches_end(self)
        self.register_theme(NORMAL_THEME)
        self.register_theme(PRESENTER_THEME)
        if context.config.keys:
            self.set_keymap(context.config.keys)

    def on_mount(self) -> None:
        self.theme = NORMAL_THEME.name
        self.screen_change_signal.subscribe(self, self.take_in)
        for name in TOP_LEVEL:
            self.add_mode(name, partial(self._make_screen, name))
        self.add_mode("welcome", self._make_welcome)
        if self.has_cache and not self.build_demo:
            self.open_home_first()
            return
        gc.enable()
        self.switch_mode("welcome")
        if self.build_demo:
            self.start_demo()

    def mode_names(self) -> list[str]:
        """Every mode the app may have opened: the top-level screens, the welcome, client-safe mode's two."""
        return [*TOP_LEVEL, "welcome", *SAFE_MODES.values()]

    def stack_of(self, mode: str) -> list[Screen]:
        """A mode's screen stack; empty for a mode never entered (Textual raises KeyError for it)."""
        try:
            return self.get_screen_stack(mode)
        except KeyError:
            return []

    def _make_screen(self, name: str, *args: Any, **kwargs: Any) -> Screen:
        if name == "home" and not self.client_safe:
            kwargs |= self.home_arguments()
        screen = build_screen(name, self.context, *args, **kwargs)
        if name == "home":
            self.home_built(screen)
        return screen

    def _make_welcome(self) -> Screen:
        from podview.demo.build import default_demo_path
        from podview.screens.welcome import WelcomeScreen

        demo = self.demo_path or default_demo_path()
        return WelcomeScreen(
            None if self.build_demo else self.context.cache_path,
            demo_exists=demo.exists(),
            problem=self.cache_problem,
        )

    def cache_unreadable(self, error: BaseException) -> None:
        """The cache's pages are damaged: say so once, on the welcome screen, and stop every load.

        Every screen's load would fail the same way, so the first failure
        leaves the data screens for the welcome screen, which says what
        happened and offers the demo; later failures add nothing.
        """
        if self.cache_problem:
            return
        from podview.screens.welcome import WelcomeScreen

        self.cache_problem = str(error) if isinstance(error, CacheError) else (
            f"The cache at {self.context.cache_path} cannot be read: it is damaged ({error}). "
            "podview has not changed it. Move it away and run `podview sync` in a terminal to read "
            "Asana again (for the demo: `podview demo --reset`), or open the demo agency here."
        )
        self.has_cache = False
        for worker in self.workers:
            if worker.group != "demo":
                worker.cancel()
        self.switch_mode("welcome")
        if isinstance(self.screen, WelcomeScreen):
            self.screen.problem = self.cache_problem
        self.refresh_bindings()

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
            if self.client_safe:
                return name in CLIENT_SAFE
            return name != "client"
        if action in ("toggle_client_safe", "toggle_presenter", "export_svg"):
            return self.has_cache or action == "toggle_presenter"
        if action in ("decide", "outbox"):
            on_a_screen = self.has_cache and not isinstance(self.screen, ModalScreen)
            if not on_a_screen or self.client_safe:
                return False
            return action == "outbox" or hasattr(self.screen, "selected_target")
        return True

    def watch_presenter(self, presenter: bool) -> None:
        self.theme = PRESENTER_THEME.name if presenter else NORMAL_THEME.name
        self.set_class(presenter, "-presenter")

    async def action_go(self, name: str) -> None:
        """Show a top-level screen (or, in client-safe mode, the client's card or weekly progress)."""
        mode = SAFE_MODES.get(name) if self.client_safe else name
        if mode is None or (self.client_safe is None and name not in TOP_LEVEL):
            self.notify(
                "Hidden while a client is watching. Press C to leave client-safe mode.",
                title="Client-safe",
            )
            return
        try:
            screen_class(name)
        except ScreenUnavailable as error:
            self.notify(
                f"{error} Other screens still work.", title="Screen unavailable", severity="error"
            )
            return
        if self.current_mode == mode:
            while len(self.screen_stack) > 1:
                await self.pop_screen()
        else:
            await self.switch_mode(mode)

    def action_back(self) -> None:
        """Close the card (or other screen) opened on top of this one."""
        if len(self.screen_stack) > 1:
            self.pop_screen()

    def open_client(self, gid: str, ranking: list | None = None) -> None:
        """Show a client's card: reuse the card on screen, else push one; n/p follow `ranking`."""
        if self.client_safe:
            if gid == self.client_safe:
                self.call_later(self.action_go, "client")
            else:
                self.notify(
                    "Only the watching client's card can be shown in client-safe mode.",
                    title="Client-safe",
                )
            return
        card_class = screen_class("client")
        if isinstance(self.screen, card_class):
            if ranking is not None:
                self.screen.ranking = ranking
            self.screen.show_client(gid)
            return
        card = self._closed_card
        in_use = card is not None and any(card in self.stack_of(mode) for mode in self.mode_names())
        if card is not None and not in_use and card.context is self.context:
            card.reopen(gid, ranking)
            return
        new = self._make_screen("client", gid, ranking=ranking)
        if not in_use:  # a card left open under another screen key stays as it is
            if card is not None:
                self.uninstall_screen(card)
            self.install_screen(new, CARD)
            self._closed_card = new
        self.push_screen(new)

    def show_pod(self, pod: str) -> None:
        """The Risk radar filtered to one pod."""

        async def go() -> None:
            await self.action_go("risk")
            if hasattr(self.screen, "filter_pod"):
                self.screen.filter_pod(pod)

        self.call_later(go)

    def action_help(self) -> None:
        """List every key active here, with its binding id."""
        from podview.screens.help import HelpScreen, KeyHelp

        keys = []
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.system or not (binding.description or binding.id):
                continue
            if active.node is self.screen:
                order, scope = 0, self.screen.sub_title or "this screen"
            elif active.node is self:
                order, scope = 1, "everywhere"
            else:
                order, scope = 2, type(active.node).__name__
            description = binding.description or binding.action
            keys.append(
                (order, KeyHelp(self.get_key_display(binding), description, binding.id, scope))
            )
        keys.sort(key=lambda pair: (pair[0], pair[1].binding_id is None))
        keys = [item for _, item in keys]
        self.push_screen(HelpScreen(keys))

    def action_toggle_presenter(self) -> None:
        """Presenter mode on or off."""
        self.presenter = not self.presenter

    def action_toggle_client_safe(self) -> None:
        """Leave client-safe mode, or start it for the client on screen (else ask which client)."""
        if self.client_safe:
            self.call_later(self._leave_client_safe)
            return
        gid = getattr(self.screen, "client_gid", None)
        if gid:
            self.start_client_safe(gid)
        else:
            self.push_screen(
                CommandPalette(
                    providers=[ClientSafeChoices],
                    placeholder="Which client is watching? Type a name…",
                )
            )

    def start_client_safe(self, gid: str) -> None:
        """Show only this client's card and weekly progress until client-safe mode is left."""
        self.call_later(self._enter_client_safe, gid)

    async def _enter_client_safe(self, gid: str) -> None:
        self._before_safe = (self.context, self.current_mode)
        self.context = replace(self.context, client_safe=gid)
        self.add_mode(SAFE_MODES["client"], partial(self._make_screen, "client", gid))
        self.add_mode(SAFE_MODES["weekly"], partial(self._make_screen, "weekly"))
        await self.switch_mode(SAFE_MODES["client"])
        self.set_class(True, "-client-safe")
        self.refresh_bindings()
        self.notify(
            "Only this client's card and weekly progress are shown. Press C to leave.",
            title="Client-safe mode",
        )

    async def _leave_client_safe(self) -> None:
        context, mode = self._before_safe or (replace(self.context, client_safe=None), "home")
        self.context = context
        self._before_safe = None
        await self.switch_mode(mode)
        for safe_mode in SAFE_MODES.values():
            await self.remove_mode(safe_mode)
        self.set_class(False, "-client-safe")
        self.refresh_bindings()
        self.notify(
            "Client-safe mode is off: every client is shown again.", title="Client-safe mode"
        )

    def action_export_svg(self) -> None:
        """Save the screen as it looks now to an SVG file (written off the UI thread)."""
        name = (self.screen.sub_title or "screen").lower().replace(" ", "-")
        stamp = datetime.now().strftime("%H%M%S")
        path = self.export_dir / f"podview-{name}-{self.context.today.isoformat()}-{stamp}.svg"
        self._write_export(path, self.export_screenshot())

    @work(thread=True, group="export", exit_on_error=False)
    def _write_export(self, path: Path, svg: str) -> Path:
        from podview.files import write_private

        return write_private(path, svg, make_parents=True)

    def start_demo(self, reset: bool = False) -> None:
        """Open the demo agency (built in the background, or afresh with `reset`); Home opens when it is ready."""
        welcome = self.screen
        if hasattr(welcome, "building"):
            welcome.building = True
        self._build_demo(reset)

    def on_welcome_screen_demo_requested(self, message: WelcomeScreen.DemoRequested) -> None:
        """The welcome screen's demo and reset buttons."""
        self.start_demo(message.reset)

    @work(thread=True, group="demo", exclusive=True, exit_on_error=False)
    def _build_demo(self, reset: bool = False) -> Path:
        from podview.demo.build import default_demo_path, prepare_demo_cache

        path = self.demo_path or default_demo_path()
        prepare_demo_cache(path, today=self.context.today, config=self.context.config, reset=reset)
        return path

    @work(thread=True, group="directory", exclusive=True, exit_on_error=False)
    def _load_directory(self) -> Directory:
        from podview.figures.common import clients_in_scope

        conn = self.context.reader()
        try:
            clients = list(clients_in_scope(conn).values())
        finally:
            conn.close()
        pods = sorted({client.pod for client in clients if client.pod}, key=str.casefold)
        return Directory(pods, clients)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place where every worker's outcome reaches the user, by worker group.

        Screens forward their workers' state changes here, so a failed load
        reads the same wherever it happened.
        """
        worker = event.worker
        if event.state == WorkerState.ERROR and cache_damaged(worker.error):
            self.cache_unreadable(worker.error)
        elif worker.group == "home" and event.state in (WorkerState.SUCCESS, WorkerState.ERROR):
            self.home_worker_done(worker)
        elif event.state == WorkerState.ERROR:
            self._failed(worker)
        elif event.state == WorkerState.SUCCESS:
            if worker.group == "demo":
                self._demo_built(worker.result)
            elif worker.group == "directory":
                self.directory = worker.result
                self.refresh_outbox()
            elif worker.group == "export":
                self.notify(f"Saved this screen to {worker.result}", title="Exported SVG")
            elif worker.group == "sync":
                self._synced(worker.result)
            elif worker.group == "send":
                self._sent(*worker.result)
            elif worker.group == "outbox-count":
                self.outbox_state = worker.result

    def _failed(self, worker: Worker) -> None:
        if worker.group == "sync":
            self.sync_progress = None
        elif worker.group in ("send", "outbox"):
            self.refresh_outbox()
        node = worker.node
        what = getattr(node, "sub_title", "") or type(node).__name__
        title, message = failure_message(
            worker.group, worker.error, what=what, export_dir=self.export_dir
        )
        self.notify(message, title=title, severity="error", timeout=12)
        if worker.group == "demo" and hasattr(self.screen, "building"):
            self.screen.building = False

    def _demo_built(self, path: Path) -> None:
        self.cache_problem = ""
        self.context = replace(self.context, cache_path=path)
        self.has_cache = True
        self.refresh_bindings()
        if hasattr(self.screen, "building"):
            self.screen.building = False
        self.open_home_first()

    def get_system_commands(self, screen: Screen):
        """Textual's own commands, less its screenshot (ours saves where it says, off the UI thread)."""
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":
                yield command


def make_app(
    context: ViewContext,
    *,
    sync: SyncFactory | None = None,
    outbox: Sender | None = None,
    demo_path: Path | None = None,
    build_demo: bool = False,
    export_dir: Path | None = None,
    warm_screens: bool = True,
    home_early: EarlyHome | None = None,
) -> PodviewApp:
    """Build the app on a context; tests hand in a temporary cache, a fake sync and a fake sender.

    `sync(context, progress)` returns something with `async run(full=, audit=)`
    that calls `progress(SyncProgress)` as it goes (default: the Asana sync on
    the token of `resolve_token()`). `outbox(context, ids)` is a coroutine
    sending those decisions and returning a `PushResult` (default:
    `send_outbox` on the token). `build_demo` (re)builds the demo agency at
    `demo_path` first (`podview demo`); without a cache the welcome screen
    builds it there on request. `warm_screens` builds the other top-level
    screens, unseen, after Home is painted, so their first visit is quick.
    `home_early` is Home's figures on their way from a child process.
    """
    return PodviewApp(
        context,
        sync=sync,
        outbox=outbox,
        demo_path=demo_path,
        build_demo=build_demo,
        export_dir=export_dir,
        warm_screens=warm_screens,
        home_early=home_early,
    )
