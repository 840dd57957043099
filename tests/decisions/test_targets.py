"""What the decision form reads about its target: each query against rows written by hand."""

from __future__ import annotations

import pytest

from podview.cache import open_cache
from podview.decisions.targets import (
    GoalFacts,
    TacticChoice,
    TaskFacts,
    assignee_emails,
    client_tactics,
    goal_facts,
    task_facts,
    user_email,
)
from tests.builders import AgencyBuilder


@pytest.fixture
def agency(tmp_path):
    """A builder on an empty cache (this folder's `db` is the synced demo agency)."""
    db = open_cache(tmp_path / "fresh.db")
    yield AgencyBuilder(db)
    db.conn.close()


def test_a_task_is_named_with_its_client_and_a_lost_one_is_none(agency):
    pod = agency.pod()
    acme = agency.client("Acme", pod)
    goal = agency.task(acme, "Landing page", due_on="2026-11-20")
    orphan = agency.task("no longer in the cache", "Loose end", kind="task")
    tactic = agency.task(acme, "Spring sale", kind="tactic", result="win", confidence=0.8)
    conn = agency.reader()
    assert task_facts(conn, goal) == TaskFacts(
        "Landing page", "weekly_goal", "2026-11-20", None, None, "Acme"
    )
    assert task_facts(conn, orphan).client is None
    assert task_facts(conn, tactic) == TaskFacts("Spring sale", "tactic", None, "win", 0.8, "Acme")
    assert task_facts(conn, "gone") is None


def test_a_goal_is_named_with_its_metric_and_a_lost_one_is_none(agency):
    acme = agency.client("Acme", agency.pod())
    goal = agency.goal(acme, "Leads", initial=0, current=120, target=400, status="yellow")
    conn = agency.reader()
    assert goal_facts(conn, goal) == GoalFacts("Leads", 120.0, 400.0, "yellow")
    assert goal_facts(conn, "gone") is None


def test_a_clients_tactics_come_running_first_then_open_before_completed(agency):
    pod = agency.pod()
    acme, birch = agency.client("Acme", pod), agency.client("Birch", pod)
    won = agency.task(acme, "banner test", kind="tactic", result="win")
    done = agency.task(acme, "Zebra ads", kind="tactic", completed_at="2026-11-10T09:00:00Z")
    running = agency.task(acme, "Email flow", kind="tactic", tactic="Email")
    unnamed = agency.task(acme, "", kind="tactic", tactic="SEO")
    agency.task(acme, "Weekly goal", kind="weekly_goal")
    agency.task(birch, "Birch's tactic", kind="tactic")
    assert client_tactics(agency.reader(), acme) == [
        TacticChoice(unnamed, "", "SEO", None),
        TacticChoice(running, "Email flow", "Email", None),
        TacticChoice(done, "Zebra ads", None, None),
        TacticChoice(won, "banner test", None, "win"),
    ]


def test_assignees_are_everyones_email_with_the_clients_pod_first(agency):
    alpha, beta = agency.pod("Pod Alpha"), agency.pod("Pod Beta")
    acme = agency.client("Acme", beta)
    agency.user("Ann", email="ann@agency.test", pod=alpha)
    agency.user("Zoe", email="zoe@agency.test", pod=beta)
    agency.user("Bob", email="bob@agency.test", pod=beta)
    agency.user("No mail", pod=beta)
    assert assignee_emails(agency.reader(), acme) == [
        "bob@agency.test",
        "zoe@agency.test",
        "ann@agency.test",
    ]


def test_user_email_or_none(agency):
    ann = agency.user("Ann", email="ann@agency.test")
    silent = agency.user("Sam")
    conn = agency.reader()
    assert user_email(conn, ann) == "ann@agency.test"
    assert user_email(conn, silent) is None
    assert user_email(conn, "gone") is None
