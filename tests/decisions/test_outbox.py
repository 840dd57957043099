"""The outbox under trouble: batching, refusals, conflicts, offline, lost answers, crashes mid-push."""

from __future__ import annotations

import asyncio
import math
import os
import random
import threading
import time

import pytest

from podview.decisions import outbox
from podview.decisions.common import DecisionError, ValidationError
from podview.decisions.outbox import DISCARDED, FAILED, PENDING, SENT
from podview.decisions.send import Sender
from podview.sync.client import AsanaClient
from tests.decisions.conftest import CONFIG, FAST_CLIENT, pick, push
from tests.decisions.helpers import decide, marked, state, writes
from tests.fake_asana import Faults

BRIGHTSMILE = "1208400000000060"
UNREACHABLE = "http://127.0.0.1:9/api/1.0"


def _gids(db, where: str, limit: int) -> list[str]:
    from podview.decisions.common import rows

    return [r["gid"] for r in rows(db, f"SELECT gid FROM tasks WHERE {where} ORDER BY gid LIMIT {limit}")]


def mixed(db, n: int, seed: int = 7) -> list:
    """`n` pending decisions of every kind, spread over the agency's tasks, clients and goals."""
    from podview.decisions.common import rows

    rng = random.Random(seed)
    goals = _gids(db, "kind = 'weekly_goal' AND completed = 0 AND due_on IS NOT NULL", 400)
    tactics = _gids(db, "kind = 'tactic' AND client_gid NOT IN ('1208400000001535')", 400)
    anything = _gids(db, "1 = 1", 1000)
    clients = [r["gid"] for r in rows(db, "SELECT gid FROM clients ORDER BY gid")]
    metric_goals = [r["gid"] for r in rows(db, "SELECT gid FROM goals WHERE has_metric = 1 ORDER BY gid")]
    made = []
    for i in range(n):
        kind = ("comment", "postpone", "action", "result", "status", "goal")[i % 6]
        if kind == "comment":
            made.append(decide(db, "comment", task=rng.choice(anything), text=f"Note {i}"))
        elif kind == "postpone":
            made.append(decide(db, "postpone", task=goals.pop(rng.randrange(len(goals))), to=f"2027-02-{1 + i % 28:02d}", reason=f"Reason {i}"))
        elif kind == "action":
            made.append(decide(db, "action", client=rng.choice(clients), name=f"Action {i}", notes=f"Notes {i}"))
        elif kind == "result":
            made.append(decide(db, "result", task=rng.choice(tactics), result=rng.choice(["win", "loss", "inconclusive"]), confidence=str(rng.randint(50, 99))))
        elif kind == "status":
            made.append(decide(db, "status", client=rng.choice(clients), status=rng.choice(["on_track", "at_risk", "off_track", "on_hold"]), title=f"T{i}", text=f"Status {i}"))
        else:
            made.append(decide(db, "goal", goal=rng.choice(metric_goals), current=str(i), status="on_track", text=f"Goal {i}"))
    return made


def assert_exactly_once(db, fake, decisions) -> None:
    """Every decision sent, and each text-bearing one present in Asana exactly once."""
    found = marked(fake)
    for decision in decisions:
        assert state(db, decision).state == SENT, (decision.kind, state(db, decision).error)
        if decision.kind == "result" or (decision.kind == "goal" and not decision.fields.get("status")):
            continue
        assert len(found.get(decision.id, [])) == 1, (decision.kind, found.get(decision.id))
    assert set(found) <= {d.id for d in decisions} | set(), "no marker of an unknown decision"


# -- batching ------------------------------------------------------------------------


def test_pending_decisions_go_out_in_batches_of_ten(db, fake):
    made = mixed(db, 30)
    result = push(db, fake)
    assert sorted(result.sent) == sorted(d.id for d in made)
    batch_calls = writes(fake).count(("POST", "/batch"))
    assert batch_calls == result.stats.batches and all(path == "/batch" for _, path in writes(fake))
    assert batch_calls <= math.ceil(result.stats.actions / 10) + result.stats.rounds
    assert result.stats.lookups == 0
    assert_exactly_once(db, fake, made)


def test_two_decisions_on_one_task_apply_in_order(db, fake):
    tactic = pick(db, "SELECT gid FROM tasks WHERE kind = 'tactic' AND client_gid = ?", [BRIGHTSMILE])["gid"]
    decide(db, "result", task=tactic, result="win", confidence="90")
    decide(db, "result", task=tactic, result="loss", confidence="99")
    push(db, fake)
    assert pick(db, "SELECT result, confidence FROM tasks WHERE gid = ?", [tactic]) == {"result": "loss", "confidence": 99}


# -- refusals and conflicts -------------------------------------------------------------


def test_a_4xx_makes_the_decision_failed_with_asanas_message(db, fake):
    db["users"].insert({"gid": "777", "name": "Left the company", "email": None})
    bad = decide(db, "action", client=BRIGHTSMILE, name="Hand over", assignee="777")
    good = decide(db, "comment", task=pick(db, "SELECT gid FROM tasks")["gid"], text="fine")
    result = push(db, fake)
    assert result.failed == [bad.id] and result.sent == [good.id] and result.exit_code == 3
    failed = state(db, bad)
    assert failed.state == FAILED and "400" in failed.error and "Not a recognized user" in failed.error
    assert not failed.progress.unclear


def test_a_deleted_target_is_a_conflict(db, fake):
    task = pick(db, "SELECT gid FROM tasks WHERE kind = 'tactic'")["gid"]
    decision = decide(db, "result", task=task, result="win")
    fake.delete_task(task)
    result = push(db, fake)
    assert result.conflict == [decision.id] and result.exit_code == 3
    assert "404" in state(db, decision).error and "gone or out of reach" in state(db, decision).error


def test_a_target_gone_from_the_cache_or_moved_is_a_conflict_until_retried(db, fake):
    task = pick(db, "SELECT gid FROM tasks WHERE kind = 'weekly_goal' AND client_gid = ?", [BRIGHTSMILE])["gid"]
    gone = decide(db, "comment", task=task, text="about this")
    moved = decide(db, "comment", task=pick(db, "SELECT gid FROM tasks WHERE client_gid = ? AND gid != ?", [BRIGHTSMILE, task])["gid"], text="and that")
    db.execute("DELETE FROM tasks WHERE gid = ?", [task])
    db.execute("UPDATE tasks SET client_gid = '1208400000000168' WHERE gid = ?", [moved.target_gid])
    db.conn.commit()
    result = push(db, fake)
    assert sorted(result.conflict) == sorted([gone.id, moved.id])
    assert "no task" in state(db, gone).error and "moved from client Brightsmile Dental Group to Ledgerly" in state(db, moved).error
    assert not fake.store.task_stories.get(task) or not marked(fake)
    with pytest.raises(ValidationError, match="still not valid"):
        outbox.retry(db, gone.id)
    prefix = moved.id[: len(os.path.commonprefix([gone.id, moved.id])) + 1]  # the shortest naming it alone
    assert outbox.retry(db, prefix).state == PENDING
    assert push(db, fake).sent == [moved.id]


def test_several_problems_found_at_send_time_are_said_in_one_line(db, fake):
    import json

    goal = pick(db, "SELECT gid, due_on FROM tasks WHERE kind = 'weekly_goal' AND completed = 0 AND due_on IS NOT NULL")
    decision = decide(db, "postpone", task=goal["gid"], to="2027-03-01", reason="client away")
    payload = json.loads(db.execute("SELECT payload FROM decisions WHERE id = ?", [decision.id]).fetchone()[0])
    payload["reason"] = " "  # recorded by a podview that let a blank reason through
    db.execute("UPDATE decisions SET payload = ? WHERE id = ?", [json.dumps(payload), decision.id])
    db.execute("UPDATE tasks SET due_on = '2027-04-01' WHERE gid = ?", [goal["gid"]])
    db.conn.commit()
    assert push(db, fake).conflict == [decision.id]
    error = state(db, decision).error
    assert "\n" not in error and "problems:" not in error, "an outbox row's error is one line"
    assert "not later than the current due date" in error and "a postponement needs --reason" in error
    with pytest.raises(ValidationError) as caught:
        outbox.retry(db, decision.id)
    assert "\n" not in str(caught.value) and "not later than" in str(caught.value)


def test_edit_and_discard(db, fake):
    goal = pick(db, "SELECT gid, due_on FROM tasks WHERE kind = 'weekly_goal' AND completed = 0 AND due_on IS NOT NULL")
    decision = decide(db, "postpone", task=goal["gid"], to="2027-03-01", reason="first")
    fake.update_task(goal["gid"], due_on="2027-04-01")
    db.execute("UPDATE tasks SET due_on = '2027-04-01' WHERE gid = ?", [goal["gid"]])
    db.conn.commit()
    assert push(db, fake).conflict == [decision.id]
    with pytest.raises(ValidationError, match="not later than the current due date 2027-04-01"):
        outbox.edit(db, decision.id, {"to": "2027-03-15"})
    edited = outbox.edit(db, decision.id, {"to": "2027-05-01", "reason": "second"})
    assert edited.state == PENDING and edited.fields["from"] == "2027-04-01" and edited.fields["reason"] == "second"
    assert push(db, fake).sent == [decision.id] and fake.task(goal["gid"])["due_on"] == "2027-05-01"
    with pytest.raises(DecisionError, match="is sent"):
        outbox.discard(db, decision.id)
    other = decide(db, "comment", task=goal["gid"], text="never mind")
    assert outbox.discard(db, other.id).state == DISCARDED
    assert push(db, fake).sent == [] and other.id not in marked(fake)


# -- offline ----------------------------------------------------------------------------


def test_offline_decisions_stay_pending_untouched_then_go_out(db, fake):
    made = mixed(db, 12)
    before = [d.row() for d in outbox.list_decisions(db)]
    result = push(db, fake, url=UNREACHABLE)
    assert result.stopped and "Cannot reach Asana" in result.stopped and result.exit_code == 2
    assert [d.row() for d in outbox.list_decisions(db)] == before, "the outbox is untouched"
    fake.stop()
    fake.start()
    assert sorted(push(db, fake).sent) == sorted(d.id for d in made)


def test_a_refused_token_stops_the_push_untouched(db, fake):
    made = mixed(db, 3)
    before = [d.row() for d in outbox.list_decisions(db)]

    async def go():
        async with AsanaClient("wrong-token", url=fake.base_url, **FAST_CLIENT) as client:
            return await Sender(db, client, CONFIG).push()

    result = asyncio.run(go())
    assert result.exit_code == 2 and "401" in result.stopped
    assert [d.row() for d in outbox.list_decisions(db)] == before and len(made) == 3


# -- lost answers and crashes ----------------------------------------------------------------


def test_lost_responses_at_30_percent_still_give_exactly_once(db, fake):
    made = mixed(db, 200)
    fake.faults = Faults(lost_response=0.3)
    started = time.monotonic()
    # 30 % lost answers can hit one decision five times running; a real push would leave it
    # pending for the next one, here the push may try longer so that all 200 land in one go.
    result = push(db, fake, max_rounds=30, max_tries=30)
    assert sorted(result.sent) == sorted(d.id for d in made), (len(result.sent), result.pending)
    assert result.stats.unclear > 0 and result.stats.lookups > 0
    assert_exactly_once(db, fake, made)
    assert time.monotonic() - started < 30


def test_a_crash_after_a_batch_landed_loses_nothing_and_doubles_nothing(db, fake):
    made = mixed(db, 40)
    seen = []

    def crash(steps, answers):
        seen.append(len(steps))
        if len(seen) == 2:
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"):
        push(db, fake, after_batch=crash, parallel=1)
    unclear = [d for d in outbox.list_decisions(db) if d.progress.unclear]
    assert unclear, "the batch in flight is remembered as unclear"
    result = push(db, fake)
    assert result.exit_code == 0 and result.stats.lookups > 0
    assert_exactly_once(db, fake, made)


def test_a_push_cancelled_midway_resumes_without_doubles(db, fake):
    made = mixed(db, 60)
    arrived, answer = threading.Event(), threading.Event()

    def hold_the_answer(method: str, path: str) -> None:
        fake.before_answer = None
        arrived.set()
        answer.wait(10)

    async def cancel_during_third_batch():
        async with AsanaClient(fake.token, url=fake.base_url, **FAST_CLIENT) as client:
            real_batch, calls = client.batch, []

            async def cut_once_asana_has_it() -> None:
                assert await asyncio.to_thread(arrived.wait, 10), "the third batch never reached the fake"
                task.cancel()

            async def batch(actions):
                calls.append(len(actions))
                if len(calls) == 3:
                    fake.before_answer = hold_the_answer
                    cutting.append(asyncio.create_task(cut_once_asana_has_it()))
                return await real_batch(actions)

            client.batch, cutting = batch, []
            task = asyncio.create_task(Sender(db, client, CONFIG, parallel=1).push())
            with pytest.raises(asyncio.CancelledError):
                await task
            await cutting[0]

    try:
        asyncio.run(cancel_during_third_batch())
    finally:
        answer.set()
    left = outbox.list_decisions(db, states=(PENDING,))
    assert left and any(d.progress.unclear for d in left), "cancelled with a batch in flight"
    assert fake.wait_idle(10), "the batch cut off still runs in the fake"
    assert push(db, fake).exit_code == 0
    assert_exactly_once(db, fake, made)


def test_unclear_5xx_answers_are_retried_and_checked(db, fake):
    made = mixed(db, 24)
    fake.faults = Faults(error_5xx=0.3, drop=0.1)
    sent: set[str] = set()
    for _ in range(3):  # now and then a push ends with one decision unclear; `podview push` is run again, as the CLI says
        sent |= set(push(db, fake, max_rounds=20, retries=5).sent)
        if sent == {d.id for d in made}:
            break
    assert sorted(sent) == sorted(d.id for d in made), [state(db, d).error for d in made if d.id not in sent]
    assert_exactly_once(db, fake, made)


def test_a_second_sender_waits_its_turn(db, fake):
    from podview.decisions.common import BusyError
    from podview.decisions.outbox import sending_lock

    decide(db, "comment", task=pick(db, "SELECT gid FROM tasks")["gid"], text="hi")
    with sending_lock(db), pytest.raises(BusyError, match="another podview is sending"):
        push(db, fake)
    assert len(push(db, fake).sent) == 1


def test_every_request_follows_the_openapi_description(db, demo_dump):
    """All requests of a push with lost answers, look-ups included, checked against asana_oas.yaml.

    The one tolerated deviation is `memberships` on POST /tasks, which the
    file marks read-only while describing exactly this use (asana-api-facts.md §5).
    """
    from tests.fake_asana import FakeAsana

    with FakeAsana(demo_dump, record_bodies=True) as fake:
        made = mixed(db, 30)
        fake.faults = Faults(lost_response=0.5)
        assert sorted(push(db, fake).sent) == sorted(d.id for d in made)
        problems = []
        for exchange in fake.exchanges:
            try:
                exchange.check()
            except AssertionError as error:
                problems.append(str(error))
    assert [p for p in problems if "data/memberships/0/" not in p] == []


def test_sending_one_decision_takes_older_ones_on_its_target_first(db, fake):
    tactic = pick(db, "SELECT gid FROM tasks WHERE kind = 'tactic' AND client_gid = ?", [BRIGHTSMILE])["gid"]
    older = decide(db, "result", task=tactic, result="win")
    unrelated = decide(db, "comment", task=pick(db, "SELECT gid FROM tasks WHERE gid != ?", [tactic])["gid"], text="later")
    newer = decide(db, "result", task=tactic, result="inconclusive")
    result = push(db, fake, ids=[newer.id])
    assert sorted(result.sent) == sorted([older.id, newer.id]) and state(db, unrelated).state == PENDING
    assert pick(db, "SELECT result FROM tasks WHERE gid = ?", [tactic])["result"] == "inconclusive"


def test_a_background_worker_waits_out_the_backoff(db, fake):
    from podview.decisions.common import utc_now

    decision = decide(db, "comment", task=pick(db, "SELECT gid FROM tasks")["gid"], text="later")
    db.execute("UPDATE decisions SET next_attempt_at = ? WHERE id = ?", [outbox.later(3), decision.id])
    db.conn.commit()
    assert outbox.due(db, now=utc_now()) == [] and len(outbox.due(db)) == 1
    assert outbox.backoff(1).total_seconds() == 30 and outbox.backoff(20).total_seconds() == 3600


def test_the_latest_decisions_are_the_newest_few_still_in_the_order_recorded(db, fake):
    made = mixed(db, 12)
    newest = outbox.list_decisions(db, latest=8)
    assert [d.id for d in newest] == [d.id for d in made][-8:]
    assert [d.id for d in outbox.list_decisions(db, latest=50)] == [d.id for d in made]
