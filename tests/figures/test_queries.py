"""The small queries screens call in their workers, each read back from a throw-away cache.

Screens hold no SQL (tests/test_layers.py); what they used to read themselves
is read here, and each function is checked against rows written by hand.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from podview.figures.goal_metrics import Metric, Snapshot, goal_metrics, metric_history
from podview.figures.outbox import OutboxCounts, outbox_counts
from podview.figures.postponed import Original, RecreatedGoal, originals

NEW_YORK = ZoneInfo("America/New_York")


def decision(db, id: str, state: str, target: str = "1", created_at: str = "2026-11-20T09:00:00Z", **row):
    db["decisions"].insert(
        {
            "id": id,
            "kind": "comment",
            "target_gid": target,
            "payload": '{"text": "hello"}',
            "state": state,
            "created_at": created_at,
            **row,
        },
        pk="id",
    )


def test_outbox_counts_only_what_waits_or_needs_the_user(agency):
    db = agency.db
    for number, state in enumerate(["pending", "pending", "failed", "conflict", "sent", "discarded"]):
        decision(db, f"0{number}", state)
    counts = outbox_counts(agency.reader())
    assert counts == OutboxCounts(pending=2, failed=1, conflict=1)
    assert not counts.empty


def test_an_outbox_with_only_sent_decisions_is_empty(agency):
    decision(agency.db, "01", "sent")
    assert outbox_counts(agency.reader()).empty


def test_goal_metrics_say_how_each_goal_writes_its_values(shop):
    agency = shop.agency
    revenue = agency.goal(shop.acme, "Revenue", initial=0, current=126, target=500, unit="currency")
    leads = agency.goal(shop.birch, "Leads", initial=0, current=14400, target=20000)
    agency.db["goals"].update(revenue, {"currency_code": "USD", "precision": 2})
    metrics = goal_metrics(agency.reader())
    assert metrics[revenue] == Metric("currency", "USD", 2)
    assert metrics[revenue].format(126) == "$126.00"
    assert metrics[leads].format(14400) == "14,400"


def test_metric_history_is_oldest_first_in_the_configured_zone(shop):
    agency = shop.agency
    goal = agency.goal(shop.acme, "Leads", initial=0, current=30, target=100)
    other = agency.goal(shop.birch, "Other", initial=0, current=1, target=2)
    for gid, taken_at, current in [
        (goal, "2026-11-23T03:30:00Z", 30.0),
        (goal, "2026-11-16T15:00:00Z", 20.0),
        (goal, "not a time", 25.0),
        (other, "2026-11-20T15:00:00Z", 1.0),
    ]:
        agency.db["goal_snapshots"].insert({"goal_gid": gid, "taken_at": taken_at, "current": current})
    history = metric_history(agency.reader(), goal, NEW_YORK)
    assert history == [
        Snapshot(datetime(2026, 11, 16, 10, 0, tzinfo=NEW_YORK), 20.0),
        Snapshot(datetime(2026, 11, 22, 22, 30, tzinfo=NEW_YORK), 30.0),
    ]
    assert history[1].taken_at.date() == date(2026, 11, 22), "03:30 UTC is the evening before in New York"
    assert metric_history(agency.reader(), "no such goal", NEW_YORK) == []


def test_originals_name_the_goals_re_created_ones_replace(shop):
    agency = shop.agency
    fixed = agency.task(shop.acme, "Launch page", due_on="2026-11-20", seen_due=("2026-11-13",))
    unfixed = agency.task(shop.acme, "Blog post", due_on=None)
    found = originals(
        agency.reader(),
        [recreated(fixed), recreated(fixed), recreated(unfixed), recreated("gone")],
    )
    assert found == {
        fixed: Original("Launch page", date(2026, 11, 13)),
        unfixed: Original("Blog post", None),
    }
    assert originals(agency.reader(), []) == {}


def recreated(original_gid: str) -> RecreatedGoal:
    return RecreatedGoal(
        task_gid="new",
        name="Launch page",
        client="Acme",
        pod="Pod Alpha",
        original_task_gid=original_gid,
        created_at=None,
    )
