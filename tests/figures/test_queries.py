"""The small queries screens call in their workers, each read back from a throw-away cache.

Screens hold no SQL (tests/test_layers.py); what they used to read themselves
is read here, and each function is checked against rows written by hand.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from podview.config import Config
from podview.figures.card import (
    CardDecision,
    ClientFacts,
    StatusUpdate,
    client_card,
    client_decisions,
    client_facts,
    status_history,
)
from podview.figures.goal_metrics import Metric, Snapshot, goal_metrics, metric_history
from podview.figures.members import Member, pod_members
from podview.figures.outbox import OutboxCounts, outbox_counts
from podview.figures.postponed import Original, RecreatedGoal, originals

NEW_YORK = ZoneInfo("America/New_York")


def decision(
    db, id: str, state: str, target: str = "1", created_at: str = "2026-11-20T09:00:00Z", **row
):
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
    for number, state in enumerate(
        ["pending", "pending", "failed", "conflict", "sent", "discarded"]
    ):
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
        agency.db["goal_snapshots"].insert(
            {"goal_gid": gid, "taken_at": taken_at, "current": current}
        )
    history = metric_history(agency.reader(), goal, NEW_YORK)
    assert history == [
        Snapshot(datetime(2026, 11, 16, 10, 0, tzinfo=NEW_YORK), 20.0),
        Snapshot(datetime(2026, 11, 22, 22, 30, tzinfo=NEW_YORK), 30.0),
    ]
    assert history[1].taken_at.date() == date(2026, 11, 22), (
        "03:30 UTC is the evening before in New York"
    )
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


def test_client_facts_and_none_for_a_client_the_cache_lacks(shop):
    agency = shop.agency
    agency.db["clients"].update(shop.acme, {"mrr": 4200.0, "client_since": "2025-03-01"})
    agency.status_update(shop.acme, "at_risk", "2026-11-20T09:00:00Z", title="Slow month")
    facts = client_facts(agency.reader(), shop.acme)
    assert facts == ClientFacts(
        4200.0, "2025-03-01", "at_risk", "Slow month", "2026-11-20T09:00:00Z"
    )
    assert client_facts(agency.reader(), "nobody") == ClientFacts()


def test_status_history_is_the_newest_few_of_this_client(shop):
    agency = shop.agency
    for day in range(1, 9):
        agency.status_update(
            shop.acme, "on_track", f"2026-11-0{day}T09:00:00Z", title=f"Week {day}"
        )
    agency.status_update(shop.birch, "off_track", "2026-11-09T09:00:00Z", title="Birch's")
    history = status_history(agency.reader(), shop.acme)
    assert [update.title for update in history] == [f"Week {day}" for day in (8, 7, 6, 5, 4, 3)]
    assert history[0] == StatusUpdate("on_track", "Week 8", "", "2026-11-08T09:00:00Z")


def test_client_decisions_cover_the_client_its_tasks_and_its_goals_newest_first(shop):
    agency = shop.agency
    task = agency.task(shop.acme, "Landing page", due_on="2026-11-20")
    goal = agency.goal([shop.acme, shop.birch], "Leads", initial=0, current=1, target=2)
    elsewhere = agency.task(shop.birch, "Birch's page", due_on="2026-11-20")
    decision(agency.db, "01", "sent", shop.acme, "2026-11-18T09:00:00Z")
    decision(agency.db, "02", "failed", task, "2026-11-19T09:00:00Z", error="400 Bad Request")
    decision(agency.db, "03", "pending", goal, "2026-11-20T09:00:00Z")
    decision(agency.db, "04", "pending", elsewhere, "2026-11-21T09:00:00Z")
    found = client_decisions(agency.reader(), shop.acme)
    assert [(d.state, d.created_at[:10]) for d in found] == [
        ("pending", "2026-11-20"),
        ("failed", "2026-11-19"),
        ("sent", "2026-11-18"),
    ]
    assert found[1] == CardDecision(
        "comment", "failed", '{"text": "hello"}', "400 Bad Request", "2026-11-19T09:00:00Z"
    )
    assert len(client_decisions(agency.reader(), shop.acme, limit=2)) == 2


def test_a_client_safe_card_reads_neither_history_nor_decisions_nor_the_ranking(shop):
    agency = shop.agency
    agency.status_update(shop.acme, "on_track", "2026-11-20T09:00:00Z")
    decision(agency.db, "01", "sent", shop.acme)
    options = {"today": date(2026, 11, 25), "zone": NEW_YORK, "config": Config()}
    full = client_card(agency.reader(), shop.acme, **options)
    assert full.info.name == "Acme" and len(full.statuses) == 1 and len(full.decisions) == 1
    assert [row.client for row in full.ranking] == ["Acme", "Birch", "Cedar"]
    safe = client_card(agency.reader(), shop.acme, client_safe=True, **options)
    assert (
        safe.statuses == [] and safe.decisions == [] and safe.ranking is None and safe.risk is None
    )


def test_pod_members_of_one_pod_or_every_pod_each_once_by_name(shop):
    agency = shop.agency
    zoe = agency.user("  ", email="zoe@agency.test", pod=shop.alpha)
    agency.db["pod_members"].insert({"pod_gid": shop.beta, "user_gid": shop.ann})
    alpha = pod_members(agency.reader(), " pod alpha ")
    assert alpha == [Member(shop.ann, "Ann", ("Pod Alpha",)), Member(zoe, "zoe@agency.test", ("Pod Alpha",))]
    assert pod_members(agency.reader(), shop.beta) == [
        Member(shop.ann, "Ann", ("Pod Beta",)),
        Member(shop.bob, "Bob", ("Pod Beta",)),
    ]
    every = pod_members(agency.reader())
    assert [(m.name, m.pods) for m in every] == [
        ("Ann", ("Pod Alpha", "Pod Beta")),
        ("Bob", ("Pod Beta",)),
        ("zoe@agency.test", ("Pod Alpha",)),
    ]
    assert pod_members(agency.reader(), "Pod Gamma") == []
