"""The shared ranking is the risk report's, and follows the cache as soon as it changes."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from podview.config import Config
from podview.figures.risk import risk_report
from podview.figures.risk_ranking import whole_ranking

TODAY = date(2026, 11, 25)
UTC = ZoneInfo("UTC")


def test_the_shared_ranking_is_the_reports_and_sees_a_new_client_at_once(agency):
    pod = agency.pod("Pod Atlas")
    agency.client("Calm Co", pod, mrr=1000)
    conn = agency.reader()
    first = whole_ranking(conn, today=TODAY, zone=UTC, config=Config())
    assert first == risk_report(conn, today=TODAY, zone=UTC, config=Config()).clients
    assert whole_ranking(conn, today=TODAY, zone=UTC, config=Config()) == first
    late = agency.client("Late Co", pod, mrr=500)
    agency.goal(late, "Leads", start_on="2026-10-01", due_on="2026-12-15", initial=0, current=20, target=100)
    again = whole_ranking(agency.reader(), today=TODAY, zone=UTC, config=Config())
    assert [row.client for row in again] == ["Late Co", "Calm Co"]
    weights = Config(risk_weights={**Config().risk_weights, "goal_off_track": 0})
    assert whole_ranking(agency.reader(), today=TODAY, zone=UTC, config=weights)[0].score < again[0].score
