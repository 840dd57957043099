"""Launch: Home painted once, with its data, as soon as the data is there.

Painting an empty Home and then filling it costs a second layout of every
panel, and both paints compete with the query for the one interpreter. So
at launch the app gets Home's data first, while the terminal still shows
nothing, and opens Home with it: from the child process `podview.home_early`
forked before the UI loaded, or else by computing it in a worker. Only when that takes longer than
`HOME_WAIT` does Home open empty, with a loading indicator, to be filled
when the data arrives. Work the first paint does not need starts after it:
the palette's list of pods and clients, the check of configured keys, and
the other top-level screens, built unseen one at a time so that their first
visit is as quick as a return (`warm_screens`; tests turn it off to see only
the screens they open).
"""

from __future__ import annotations

import gc
import weakref
from typing import TYPE_CHECKING, Any

from textual import work
from textual.worker import Worker

from podview.screens.registry import TOP_LEVEL
from podview.textual_compat import start_mode_unseen

if TYPE_CHECKING:
    from podview.app import PodviewApp
    from podview.figures.home import HomeData
    from podview.screens.home import HomeScreen

    _Base = PodviewApp
else:
    _Base = object

HOME_WAIT = 0.4
"""Seconds the terminal may stay blank at launch before Home opens without its data."""

WARM_GAP = 0.2
"""Seconds between building one screen in the background and the next, so keys stay answered."""


class Launch(_Base):
    """Open Home at launch with its data already loaded."""

    _home_data: HomeData | None = None
    _home_from: str | None = None
    _home_loading = False
    _home_waiting: weakref.ReferenceType[HomeScreen] | None = None

    def open_home_first(self) -> None:
        """Load Home's data in a worker, then open Home (or open it empty after `HOME_WAIT`).

        Whatever is on screen meanwhile (nothing at launch, the welcome
        screen once the demo is built) stays until then, unless the user
        has gone elsewhere.
        """
        self._home_from = self.current_mode
        self._home_loading = True
        self._load_home()
        self.set_timer(HOME_WAIT, self._home_late)

    @work(thread=True, group="home", exclusive=True, exit_on_error=False)
    def _load_home(self) -> HomeData:
        from podview.figures.home import home_data

        early, self.home_early = self.home_early, None
        data = early.result() if early is not None else None
        if data is not None:
            return data
        context = self.context
        conn = context.reader()
        try:
            return home_data(conn, today=context.today, zone=context.zone, config=context.config)
        finally:
            conn.close()

    def home_arguments(self) -> dict[str, Any]:
        """What a new Home screen is built with: the launch's data, or a promise of it."""
        if self._home_data is not None:
            data, self._home_data = self._home_data, None
            return {"data": data}
        if self._home_loading:
            return {"awaiting": True}
        return {}

    def home_built(self, screen: HomeScreen) -> None:
        """Remember a Home opened before its data came, to hand the data to."""
        if getattr(screen, "awaiting", False) and screen.data is None:
            self._home_waiting = weakref.ref(screen)

    def _home_late(self) -> None:
        if self._home_loading and self.current_mode == self._home_from:
            self.switch_mode("home")

    def home_worker_done(self, worker: Worker) -> None:
        """Open Home with the data (or fill the Home already open); on failure, Home loads and reports itself."""
        self._home_loading = False
        waiting = self._home_waiting() if self._home_waiting else None
        self._home_waiting = None
        if worker.is_finished and worker.error is None:
            self.outbox_state = worker.result.outbox
            if waiting is not None:
                waiting.show(worker.result)
            else:
                self._home_data = worker.result
        elif waiting is not None:
            waiting.awaiting = False
            waiting.refresh_data()
        if waiting is None and self.current_mode == self._home_from:
            self.switch_mode("home")
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        gc.enable()
        self._load_directory()
        if self.warm_screens:
            self.set_timer(WARM_GAP, self._warm_next_screen)

    def _warm_next_screen(self) -> None:
        """Build the next top-level screen nobody has opened yet, unseen, with its data.

        A screen's first visit costs its build, its styles and its query
        (200–250 ms on a 160-client cache); built while Home is being read,
        its key later only switches to it, as fast as going back to a screen.
        Textual mounts a mode's screen without showing it when the mode is
        initialised; only the current screen is ever drawn. The screen gets
        its status strip now, and is remembered for reloads at once, so a
        sync that ends before its first visit still reaches it.
        """
        if self.client_safe:
            return
        for name in TOP_LEVEL:
            if not self.stack_of(name):
                start_mode_unseen(self, name)
                self.take_in(self.get_screen_stack(name)[0])
                self.set_timer(WARM_GAP, self._warm_next_screen)
                return
        self.set_timer(WARM_GAP, self._settle_memory)

    def _settle_memory(self) -> None:
        """Exempt what the app holds from now on from full garbage collections.

        The screens and their data (some 200,000 objects on a large agency)
        live as long as the app; a full collection walking them all takes
        35–120 ms, and it falls on whatever key was pressed. What is freed
        later by reference counting is still freed.
        """
        gc.collect()
        gc.freeze()
