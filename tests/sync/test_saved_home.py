"""A sync ends by saving Home's figures, so the next launch reads them instead of computing them."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from podview.cache import open_reader
from podview.figures.home import home_data
from podview.figures.home_store import saved_home
from tests.sync.conftest import CONFIG, TODAY, sync


def saved_and_fresh(path):
    conn = open_reader(path)
    try:
        fresh = home_data(conn, today=TODAY, zone=ZoneInfo(CONFIG.timezone), config=CONFIG)
        return saved_home(conn, today=TODAY, config=CONFIG), fresh
    finally:
        conn.close()


def test_full_then_incremental_sync_leave_home_saved_as_of_their_data(fake, tmp_path):
    path = tmp_path / "c.db"
    sync(fake, path, full=True)
    saved, fresh = saved_and_fresh(path)
    assert saved is not None and saved == fresh

    client = next(row for row in fresh.ranking if row.score == 0)
    fake.add_status_update(client.client_gid, "off_track", "Slipping")
    sync(fake, path)
    saved, fresh = saved_and_fresh(path)
    assert saved == fresh
    now = next(row for row in saved.ranking if row.client_gid == client.client_gid)
    assert now.score > 0, "the saved Home shows what the sync read"
