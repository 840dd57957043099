"""SVG snapshots of Home, Risk radar, a client card and Welcome at 100×30 on the demo agency.

Everything shown is counted on the fixed TODAY and nothing reads the clock,
so the pictures only change when the screens do. Update them with
`pytest tests/screens/test_snapshots.py --snapshot-update` and look at the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from podview.app import make_app
from podview.screens.context import ViewContext
from tests.screens.conftest import CONFIG, SIZE, TODAY, settle

pytestmark = pytest.mark.usefixtures("forward_screen_workers")


def app_at(cache_path: Path, tmp_path: Path):
    return make_app(
        ViewContext(cache_path=cache_path, config=CONFIG, today=TODAY), export_dir=tmp_path
    )


def pressing(*keys: str):
    """A `run_before` that waits for the data, presses keys, and waits again."""

    async def run(pilot) -> None:
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)

    return run


def test_home(snap_compare, demo_cache, tmp_path):
    assert snap_compare(app_at(demo_cache, tmp_path), terminal_size=SIZE, run_before=pressing())


def test_risk_radar(snap_compare, demo_cache, tmp_path):
    assert snap_compare(app_at(demo_cache, tmp_path), terminal_size=SIZE, run_before=pressing("6"))


def test_client_card(snap_compare, demo_cache, tmp_path):
    assert snap_compare(
        app_at(demo_cache, tmp_path), terminal_size=SIZE, run_before=pressing("enter")
    )


def test_welcome(snap_compare, tmp_path):
    nowhere = Path("/nonexistent/podview/podview.db")
    assert snap_compare(app_at(nowhere, tmp_path), terminal_size=SIZE, run_before=pressing())
