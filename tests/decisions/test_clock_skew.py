"""A marker look-up after an unclear write goes by Asana's clock, not this machine's.

asana-api-facts.md §5: `created_since` is compared with Asana's clock. With
Asana's clock 17 days away from the laptop's and every answer to the
status-update writes lost, each decision must still reach Asana exactly once
(the issue saw 8 of 8 sent twice when the window came from the local clock).
"""

from __future__ import annotations

import asyncio
import email.utils
from datetime import UTC, datetime, timedelta

import pytest

from podview.dates import ServerClock
from podview.decisions.asana_clock import LOOK_BACK, look_since, write_stamp
from podview.decisions.common import parse_stamp, rows
from podview.decisions.outbox import SENT
from podview.decisions.send import Sender
from podview.sync.client import AsanaClient
from tests.decisions.conftest import CONFIG, FAST_CLIENT
from tests.decisions.helpers import decide, marked, state
from tests.fake_asana import FakeAsana, Faults

SKEW = timedelta(days=17)


def status_decisions(db, n: int = 8) -> list:
    """One client status decision on each of `n` clients."""
    clients = [r["gid"] for r in rows(db, "SELECT gid FROM clients ORDER BY gid LIMIT ?", [n])]
    assert len(clients) == n
    return [
        decide(db, "status", client=gid, status="at_risk", title=f"Week {i}", text=f"Status {i}")
        for i, gid in enumerate(clients)
    ]


def push(db, fake: FakeAsana, *, warm: bool = False):
    """One push; `warm` makes a read first, so the writes are stamped with Asana's time."""

    async def go():
        async with AsanaClient(fake.token, url=fake.base_url, **FAST_CLIENT) as client:
            if warm:
                await client.get("/users/me", fields=("name",))
            return await Sender(db, client, CONFIG, pause=0.01, max_pause=0.02).push()

    return asyncio.run(go())


def updates_by_marker(fake: FakeAsana) -> dict[str, int]:
    """Decision id → how many status updates in the fake carry its marker."""
    return {
        marker: sum(kind == "status" for kind, _ in places)
        for marker, places in marked(fake).items()
    }


@pytest.fixture(params=[SKEW, -SKEW], ids=["asana-17-days-ahead", "asana-17-days-behind"])
def skewed(request, demo_dump):
    with FakeAsana(demo_dump, clock_skew=request.param) as server:
        yield server
    assert server.crashes == []


@pytest.mark.parametrize("warm", [False, True], ids=["first-request-is-the-write", "after-a-read"])
def test_lost_status_answers_with_a_skewed_asana_send_each_decision_once(db, skewed, warm):
    made = status_decisions(db)
    skewed.faults = Faults(lost_response=1.0)
    result = push(db, skewed, warm=warm)
    assert sorted(result.sent) == sorted(d.id for d in made)
    assert result.stats.unclear_creates == 8 and result.stats.lookups == 8
    assert {d.id: updates_by_marker(skewed).get(d.id) for d in made} == {d.id: 1 for d in made}
    assert all(state(db, d).state == SENT for d in made)


def test_without_a_date_header_the_local_clock_is_used(db, fake):
    made = status_decisions(db, 3)
    fake.date_header = False
    fake.faults = Faults(lost_response=1.0)
    result = push(db, fake)
    assert sorted(result.sent) == sorted(d.id for d in made)
    assert {d.id: updates_by_marker(fake).get(d.id) for d in made} == {d.id: 1 for d in made}


def test_the_fake_tells_its_skewed_clock_in_date_and_created_at(demo_dump):
    with FakeAsana(demo_dump, clock_skew=-SKEW) as fake:
        with fake.client() as http:
            answer = http.get("/users/me")
        told = ServerClock()
        told.note(answer.headers["Date"])
        expected = datetime.now(UTC) - SKEW
        assert abs(told.now() - expected) < timedelta(seconds=5)
        project = next(iter(fake.store.parent_updates))
        update = fake.add_status_update(project, "on_track", "skewed")
        assert abs(parse_stamp(update["created_at"]) - expected) < timedelta(seconds=5)
        fake.date_header = False
        with fake.client() as http:
            assert "Date" not in http.get("/users/me").headers


# -- the window itself, by hand --------------------------------------------------------------


class _Client:
    """Stands in for AsanaClient: only its `clock` is read."""

    def __init__(self, date_header: str | None = None) -> None:
        self.clock = ServerClock()
        self.clock.note(date_header)


def _http_date(moment: datetime) -> str:
    return email.utils.format_datetime(moment, usegmt=True)


def test_a_write_is_stamped_with_asanas_time_once_known_else_the_local_time():
    asana_now = datetime.now(UTC) + SKEW
    stamped = parse_stamp(write_stamp(_Client(_http_date(asana_now))))
    assert abs(stamped - asana_now) < timedelta(seconds=2)
    local = parse_stamp(write_stamp(_Client(None)))
    assert abs(local - datetime.now(UTC)) < timedelta(seconds=2)


@pytest.mark.parametrize("skew", [SKEW, -SKEW, timedelta(hours=-3)])
def test_the_window_starts_before_the_write_on_either_clock(skew):
    """A write stamped on either clock falls inside the window searched on Asana's clock."""
    local_now = datetime.now(UTC).replace(microsecond=0)
    asana_now = local_now + skew
    client = _Client(_http_date(asana_now))
    for stamped in (local_now, asana_now):
        since = parse_stamp(look_since(stamped.isoformat().replace("+00:00", "Z"), client))
        assert since <= asana_now - LOOK_BACK + timedelta(seconds=1)
        # searched at most the clocks' difference further back than needed
        assert since >= asana_now - abs(skew) - LOOK_BACK - timedelta(seconds=1)


def test_with_no_date_header_yet_the_window_is_a_day_before_the_stamp():
    since = look_since("2026-11-25T10:00:00.000Z", _Client(None))
    assert since == "2026-11-24T10:00:00.000Z"
