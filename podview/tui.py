"""Start the terminal UI: the entry point `podview` and `podview demo` call.

Textual is imported here, not by the command line module, so `podview report`
never pays for it.
"""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path
from typing import Any

from podview import home_early
from podview.config import Config


def run(
    cache_path: Path, config: Config, today: date, *, demo: bool = False, **driver: Any
) -> int:
    """Run the app on the cache at `cache_path`, counting figures on `today`; returns an exit code.

    With `demo`, the demo agency is (re)built at `cache_path` first, with a
    progress screen, and Home opens when it is ready. Without a cache (and
    without `demo`) the welcome screen offers the demo (built in the default
    demo file, never over `cache_path`) or explains how to log in to Asana.
    `driver` goes to `App.run` (the benchmark runs it headless).

    Starting up allocates a million objects and frees almost none, so the
    cyclic garbage collector only costs time (some 35 ms); it is paused
    until Home is painted. Home's figures are computed in a child process
    meanwhile, where that is safe (`podview.home_early`).
    """
    gc.disable()
    early = None if demo else home_early.start(Path(cache_path), config, today)
    from podview.app import make_app
    from podview.screens.context import ViewContext

    context = ViewContext(cache_path=Path(cache_path), config=config, today=today)
    app = make_app(
        context, demo_path=Path(cache_path) if demo else None, build_demo=demo, home_early=early
    )
    try:
        app.run(**driver)
    finally:
        gc.enable()
        if early is not None:
            early.discard()
    return app.return_code or 0
