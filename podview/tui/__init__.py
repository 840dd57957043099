"""The terminal UI: the entry point `podview` and `podview demo` call, and the app behind it.

Where to look:
- `app.py`: `PodviewApp`: every key's action (`action_<name>`; the keys
  themselves, with their ids, are in `keys.py`) and every message handled;
- `navigation.py`: the screen keys, Escape, and the one reusable client card;
- `warming.py`: the other screens built unseen after Home, so first visits are quick;
- `jobs.py`: work in the background (sync, send, outbox counts, the demo
  build, the palette's directory, screenshots), each posting a typed
  message from `messages.py` when it ends;
- `syncing.py`: `s`, and the live refresh every minute while a meeting is open;
- `strips.py`: sync progress, live state and outbox badge at the foot of each screen;
- `deciding.py`: `d`, from the selected item to the decision sent;
- `client_safe.py`: `C`, one client's view while the client watches;
- `welcome.py`: no cache yet, a damaged one, and the demo built from there;
- `setup_app.py`: `podview setup` on its own (the setup screens, then exit);
- `palette.py`: what ctrl+p offers; `notices.py`: every word a notification says;
- `backends.py`: the real sync and sender (tests hand the app fakes).
Each screen's data is its `load` (podview/screens), computed by podview/figures;
Home's is saved in the cache by whoever wrote it last (figures/home_store.py).

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


def run_setup(config_path: Path, existing: Config | None) -> int:
    """`podview setup`: the setup screens; says what was written (or that nothing was) once they close."""
    from podview.tui.setup_app import SetupApp

    app = SetupApp(Path(config_path), existing)
    written = app.run()
    if written is None:
        print("podview: setup left; nothing was written.")
        return 0
    kept = Path(str(written) + ".bak")
    old = f" (the old one is kept as {kept})" if kept.exists() else ""
    print(f"podview: wrote {written}{old}. Next: `podview doctor` to check it, then `podview sync`.")
    return 0
