"""A send whose answers change what Home shows saves Home again, so the next launch still reads it."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from podview.cache import open_reader
from podview.figures.home import home_data
from podview.figures.home_store import saved_home
from tests.decisions.conftest import CONFIG, TODAY, cli
from tests.decisions.helpers import decide


def saved_and_fresh(path):
    conn = open_reader(path)
    try:
        fresh = home_data(conn, today=TODAY, zone=ZoneInfo(CONFIG.timezone), config=CONFIG)
        return saved_home(conn, today=TODAY, config=CONFIG), fresh
    finally:
        conn.close()


def test_a_pushed_client_status_is_in_the_saved_home(env, db, cache_path):
    before, _ = saved_and_fresh(cache_path)
    assert before is not None, "the sync that made the cache saved Home"
    calm = next(row for row in before.ranking if "status_red" not in row.reasons)
    decide(
        db,
        "status",
        client=calm.client_gid,
        status="off_track",
        title="CPA too high",
        text="Two weeks above target.",
    )
    assert saved_and_fresh(cache_path)[0] is not None, "recording a decision changes no figure"

    code, out, err = cli("push")
    assert code == 0, err

    after, fresh = saved_and_fresh(cache_path)
    assert after == fresh and after != before
    row = next(row for row in after.ranking if row.client_gid == calm.client_gid)
    assert "status_red" in row.reasons and row.score > calm.score
