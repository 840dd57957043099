"""Start the terminal UI: the entry point `podview` and `podview demo` call.

Textual is imported here, not by the command line module, so `podview report`
never pays for it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from podview.config import Config


def run(cache_path: Path, config: Config, today: date, *, demo: bool = False) -> int:
    """Run the app on the cache at `cache_path`, counting figures on `today`; returns an exit code.

    With `demo`, the demo agency is (re)built at `cache_path` first, with a
    progress screen, and Home opens when it is ready. Without a cache (and
    without `demo`) the welcome screen offers the demo (built in the default
    demo file, never over `cache_path`) or explains how to log in to Asana.
    """
    from podview.app import make_app
    from podview.screens.context import ViewContext

    context = ViewContext(cache_path=Path(cache_path), config=config, today=today)
    app = make_app(context, demo_path=Path(cache_path) if demo else None, build_demo=demo)
    app.run()
    return app.return_code or 0
