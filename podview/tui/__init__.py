"""The terminal UI: the entry point `podview` and `podview demo` call, and the app behind it.

Where to look:
- `app.py`: `PodviewApp`, its keys and what each one does, the screens by name;
- `jobs.py`: the work the app runs in the background (sync, send, outbox
  counts, the demo build, the palette's directory, screenshots), each
  posting a typed message from `messages.py` when it ends;
- `strips.py`: the sync progress and outbox badge at the foot of each screen;
- `deciding.py`: `d`, from the selected item to the decision sent;
- `client_safe.py`: `C`, one client's view while the client watches;
- `palette.py`: what ctrl+p offers; `notices.py`: every word a notification says;
- `backends.py`: the real sync and sender (tests hand the app fakes).
Each screen's data is in its `load` (podview/screens), computed by podview/figures.

Textual is imported only when the app runs, so `podview report` never pays for it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from podview.config import Config


def run(cache_path: Path, config: Config, today: date, *, demo: bool = False, **driver: Any) -> int:
    """Run the app on the cache at `cache_path`, counting figures on `today`; returns an exit code.

    With `demo`, the demo agency is (re)built at `cache_path` first, with a
    progress screen, and Home opens when it is ready. Without a cache (and
    without `demo`) the welcome screen offers the demo (built in the default
    demo file, never over `cache_path`) or explains how to log in to Asana.
    `driver` goes to `App.run` (the benchmark runs it headless).

    Home's figures were saved in the cache by whoever wrote it last, so the
    app reads them before its first paint, and Home is painted once, with them.
    """
    cache_path = Path(cache_path)
    from podview.screens.context import ViewContext
    from podview.tui.app import make_app

    context = ViewContext(cache_path=cache_path, config=config, today=today)
    app = make_app(context, demo_path=cache_path if demo else None, build_demo=demo)
    app.run(**driver)
    return app.return_code or 0
