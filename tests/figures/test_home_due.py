"""Home's goals due: this week's weekly goals still open on or after their due date, longest overdue first."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from podview.config import Config
from podview.figures.home import home_data

TODAY = date(2026, 11, 25)  # Wednesday of 2026-W48


def test_open_goals_due_today_or_before_this_week_oldest_first(shop):
    agency = shop.agency
    agency.task(shop.birch, "Tuesday's post", due_on="2026-11-24", assignee=shop.ann)
    agency.task(shop.acme, "Monday's report", due_on="2026-11-23")
    agency.task(shop.cedar, "Today's call", due_on="2026-11-25", assignee=shop.bob)
    agency.task(shop.acme, "Done on time", due_on="2026-11-24", completed_at="2026-11-24T15:00:00.000Z")
    agency.task(shop.acme, "Friday's launch", due_on="2026-11-27")
    agency.task(shop.acme, "Last week's miss", due_on="2026-11-18")
    data = home_data(agency.reader(), today=TODAY, zone=ZoneInfo("UTC"), config=Config(timezone="UTC"))
    assert [(g.name, g.client, g.assignee, g.due_on.day) for g in data.due] == [
        ("Monday's report", "Acme", None, 23),
        ("Tuesday's post", "Birch", "Ann", 24),
        ("Today's call", "Cedar", "Bob", 25),
    ]
