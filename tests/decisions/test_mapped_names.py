"""Every decision kind sent under a mapped config writes the agency's own field, option and section names.

The fake serves the two-pod demo agency under its own names
(tests/fake_asana/renamed.py); the cache was synced from it with the
hand-written MAPPED_CONFIG, and the sender runs with that config too.
"""

from __future__ import annotations

import asyncio
import shutil

import pytest

from podview.cache import open_cache
from podview.config import load_config
from podview.decisions.markers import marker_line
from podview.decisions.meetings import start_meeting
from podview.decisions.send import Sender
from podview.demo.generator import build_dump
from podview.figures.goals import POSTPONED, deadline_kind
from podview.sync.client import AsanaClient
from tests.decisions.conftest import FAST_CLIENT, pick
from tests.decisions.helpers import decide, field, state
from tests.fake_asana import FakeAsana
from tests.fake_asana.renamed import MAPPED_CONFIG, renamed
from tests.setup.conftest import sync_with
from tests.sync.conftest import TODAY


@pytest.fixture(scope="module")
def agency():
    return renamed(build_dump(TODAY, clients=8))


@pytest.fixture(scope="module")
def mapped(tmp_path_factory):
    path = tmp_path_factory.mktemp("mapped") / "config.toml"
    path.write_text(MAPPED_CONFIG)
    return load_config(path)


@pytest.fixture(scope="module")
def synced(agency, mapped, tmp_path_factory):
    path = tmp_path_factory.mktemp("mapped") / "synced.db"
    assert not sync_with(agency, path, mapped).partial
    return path


@pytest.fixture
def db(synced, tmp_path):
    shutil.copy(synced, tmp_path / "cache.db")
    database = open_cache(tmp_path / "cache.db")
    yield database
    database.conn.close()


@pytest.fixture
def fake(agency):
    with FakeAsana(agency) as server:
        yield server
    assert server.crashes == [], server.crashes[:1]


def push(db, fake, config):
    async def go():
        async with AsanaClient(fake.token, url=fake.base_url, **FAST_CLIENT) as client:
            return await Sender(db, client, config, pause=0.01, max_pause=0.02).push(None)

    return asyncio.run(go())


def client_gid(db) -> str:
    return pick(db, "SELECT gid FROM clients WHERE name = 'Brightsmile Dental Group'")["gid"]


def test_postpone_writes_why_postponed_and_first_due_date(db, fake, mapped):
    goal = pick(db, "SELECT gid, due_on, fixed_due_on FROM tasks WHERE kind = 'weekly_goal' AND completed = 0 "
                    "AND original_due IS NULL AND client_gid = ? ORDER BY due_on DESC", [client_gid(db)])
    decision = decide(db, "postpone", task=goal["gid"], to="2027-01-15", reason="Client paused the campaign")
    assert push(db, fake, mapped).sent == [decision.id]
    task = fake.task(goal["gid"])
    assert field(task, "First due date") == goal["fixed_due_on"] and field(task, "Why postponed") == "Client paused the campaign"
    assert not [e for e in task["custom_fields"] if e["name"] in ("Original due", "Postpone reason")]
    row = pick(db, "SELECT due_on, fixed_due_on, original_due, postpone_reason FROM tasks WHERE gid = ?", [goal["gid"]])
    assert deadline_kind(row["due_on"], row["fixed_due_on"], row["original_due"], row["postpone_reason"]) == POSTPONED


@pytest.mark.parametrize(("result", "label"), [("win", "Won"), ("loss", "Lost"), ("inconclusive", "No call")])
def test_result_writes_the_agencys_option_and_stat_sig(db, fake, mapped, result, label):
    tactic = pick(db, "SELECT gid FROM tasks WHERE kind = 'tactic' AND result IS NULL AND client_gid = ?", [client_gid(db)])["gid"]
    decision = decide(db, "result", task=tactic, result=result, confidence="96.5")
    assert push(db, fake, mapped).sent == [decision.id]
    task = fake.task(tactic)
    assert field(task, "Outcome") == label and field(task, "Stat sig %") == "96.5"
    assert pick(db, "SELECT result, confidence FROM tasks WHERE gid = ?", [tactic]) == {"result": result, "confidence": 96.5}


def test_action_item_gets_the_follow_up_option_in_the_follow_ups_section(db, fake, mapped):
    decision = decide(db, "action", client="Brightsmile Dental Group", name="Send the Q1 plan", due="2026-12-04")
    assert push(db, fake, mapped).sent == [decision.id]
    task = fake.task(state(db, decision).progress.done["create"])
    assert field(task, "Task type") == "Follow-up" and task["memberships"][0]["section"]["name"] == "Follow-ups"
    assert pick(db, "SELECT kind FROM tasks WHERE gid = ?", [task["gid"]])["kind"] == "action_item"


def test_comment_status_and_goal_name_the_agencys_pod(db, fake, mapped):
    meeting = start_meeting(db, "pod-standup", pod="Squad 1 · Atlas")
    client = client_gid(db)
    task = pick(db, "SELECT gid FROM tasks WHERE client_gid = ? ORDER BY gid", [client])["gid"]
    comment = decide(db, "comment", meeting.id, task=task, text="Ship the new ad copy first.")
    status = decide(db, "status", meeting.id, client=client, status="off_track", title="CPA too high", text="Two weeks above target.")
    goal_gid = pick(db, "SELECT g.gid FROM goals g JOIN goal_clients c ON c.goal_gid = g.gid WHERE g.has_metric = 1 ORDER BY g.gid")["gid"]
    goal = decide(db, "goal", meeting.id, goal=goal_gid, current="12", status="at_risk", text="Behind on leads.")
    assert sorted(push(db, fake, mapped).sent) == sorted([comment.id, status.id, goal.id])
    story = next(s for s in fake.store.stories.values() if comment.id in (s.get("text") or ""))
    assert "pod standup of Squad 1 · Atlas" in story["text"] and story["text"].endswith(marker_line(comment.id))
    update = fake.store.updates[fake.store.parent_updates[client][0]]
    assert update["status_type"] == "off_track" and "Squad 1 · Atlas" in update["text"]
    assert fake.store.goals[goal_gid]["metric"]["current_number_value"] == 12
