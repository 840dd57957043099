"""The figures' invariants on generated agencies (hypothesis), through the real figure functions.

Each example builds a throw-away cache with AgencyBuilder: weekly goals with a
random fixed deadline F, a due date D at or after it, `Original due`,
`Postpone reason`, completion, assignee and client; or tactics with random
results and confidences. What must hold whatever the data (metrics.md):

- a goal is counted once in F's week, again only in D's week and only when
  postponed (sanctioned) into a later week, and nowhere without a due date;
- in every week and every breakdown, hit + late + missed + open + postponed = total;
- hit_rate and progress are in [0, 1], or null exactly when nothing divides;
- an ended week has no open goal, a running week no missed one;
- a Wilson interval lies in [0, 1] and contains the win rate it is given with.
"""

from __future__ import annotations

import itertools
import shutil
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podview.cache import open_cache
from podview.dates import Week
from podview.figures.tactics import tactics_report, wilson_interval
from podview.figures.weekly import weekly_report
from tests.builders import AgencyBuilder

START = date(2026, 10, 5)  # Monday of 2026-W41
SPAN_DAYS = 56  # F falls in W41 .. W48
WEEKS = [Week.of(START).shift(n) for n in range(-1, 13)]  # every week a goal of these can count in
ZONES = [ZoneInfo("UTC"), ZoneInfo("America/New_York"), ZoneInfo("Asia/Tokyo")]
FAST = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

goals = st.lists(
    st.fixed_dictionaries(
        {
            "client": st.integers(0, 2),
            "assignee": st.sampled_from([None, 0, 1]),
            "fixed": st.integers(0, SPAN_DAYS - 1),
            "slip": st.sampled_from([0, 0, 0, 1, 3, 6, 7, 10, 21]),
            "no_due": st.integers(0, 9).map(lambda n: n == 0),
            "original": st.sampled_from(["none", "none", "F", "D", "between", "earlier"]),
            "reason": st.sampled_from([None, None, "", "   ", "Client away"]),
            "done_hours": st.none() | st.integers(-72, 24 * 21),
        }
    ),
    min_size=1,
    max_size=25,
)


@pytest.fixture(scope="module")
def blank_cache(tmp_path_factory):
    """An empty, migrated cache to copy: one migration for every example."""
    path = tmp_path_factory.mktemp("template") / "blank.db"
    open_cache(path).conn.close()
    return path


@pytest.fixture(scope="module")
def fresh(blank_cache, tmp_path_factory):
    """Makes a new AgencyBuilder on its own copy of the blank cache, per example."""
    folder = tmp_path_factory.mktemp("examples")
    numbers = itertools.count()
    opened = []

    def make() -> AgencyBuilder:
        path = folder / f"{next(numbers)}.db"
        shutil.copy(blank_cache, path)
        db = open_cache(path)
        opened.append(db)
        return AgencyBuilder(db)

    yield make
    for db in opened:
        db.conn.close()


def build_goals(agency: AgencyBuilder, specs: list[dict]) -> dict[str, dict]:
    """Write the goals; returns task gid → what decides its weeks, worked out from the spec."""
    pods = [agency.pod("Pod Alpha"), agency.pod("Pod Beta")]
    clients = [agency.client(name, pods[i % 2]) for i, name in enumerate(("Acme", "Birch", "Cedar"))]
    users = [agency.user("Ann", pod=pods[0]), agency.user("Bob", pod=pods[1])]
    expected = {}
    for i, spec in enumerate(specs):
        fixed = START + timedelta(days=spec["fixed"])
        due = None if spec["no_due"] else fixed + timedelta(days=spec["slip"])
        original = {
            "none": None,
            "F": fixed,
            "D": due,
            "between": fixed + timedelta(days=max(1, spec["slip"] // 2)),
            "earlier": fixed - timedelta(days=3),
        }[spec["original"]]
        completed = None
        if spec["done_hours"] is not None:
            completed = datetime.combine(fixed, time(12)) + timedelta(hours=spec["done_hours"])
        gid = agency.task(
            clients[spec["client"]],
            f"Goal {i}",
            due_on=due and due.isoformat(),
            seen_due=(fixed.isoformat(),) if due else (),
            original_due=original and original.isoformat(),
            postpone_reason=spec["reason"],
            completed_at=completed and completed.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            created_at=f"{fixed - timedelta(days=4)}T09:00:00.000Z",
            assignee=None if spec["assignee"] is None else users[spec["assignee"]],
        )
        # conventions.md: F is the earliest of Original due and every due date seen
        f = min(day for day in (fixed, due, original) if day is not None)
        sanctioned = (
            due is not None
            and due > f
            and bool((spec["reason"] or "").strip())
            and original in (None, f)
        )
        expected[gid] = {"F": f, "D": due, "carried": sanctioned and Week.of(due) > Week.of(f)}
    return expected


@FAST
@given(specs=goals, today_offset=st.integers(-7, SPAN_DAYS + 28), zone=st.sampled_from(ZONES))
def test_weekly_goals_are_counted_in_the_right_weeks_and_every_total_adds_up(fresh, specs, today_offset, zone):
    agency = fresh()
    expected = build_goals(agency, specs)
    today = START + timedelta(days=today_offset)
    conn = agency.reader()
    seen: dict[str, list[tuple[Week, bool]]] = {gid: [] for gid in expected}
    try:
        for week in WEEKS:
            report = weekly_report(conn, week=week, today=today, zone=zone)
            for goal in report.goals:
                seen[goal.task_gid].append((week, goal.carried_over))
                if week.has_ended(today):
                    assert goal.status != "open"
                else:
                    assert goal.status != "missed"
                assert goal.carried_over is False or goal.status != "postponed"
            for breakdown, rows in report.totals.items():
                assert sum(row.total for row in rows) == len(report.goals), breakdown
                for row in rows:
                    assert row.hit + row.late + row.missed + row.open + row.postponed == row.total
                    decided = row.hit + row.late + row.missed
                    assert (row.hit_rate is None) == (decided == 0)
                    assert (row.progress is None) == (row.total - row.postponed == 0)
                    for rate in (row.hit_rate, row.progress):
                        assert rate is None or 0 <= rate <= 1
    finally:
        conn.close()
    for gid, facts in expected.items():
        if facts["D"] is None:
            assert seen[gid] == [], "a goal without a due date counts in no week"
            continue
        weeks = [(Week.of(facts["F"]), False)]
        if facts["carried"]:
            weeks.append((Week.of(facts["D"]), True))
        assert seen[gid] == weeks


tactics = st.lists(
    st.tuples(
        st.integers(0, 2),  # client
        st.sampled_from(["Ad copy", "Landing page", None]),
        st.sampled_from([None, "Win", "Loss", "Inconclusive"]),
        st.none() | st.floats(0, 100, allow_nan=False),
        st.sampled_from([None, 0, 1]),  # designer
    ),
    min_size=1,
    max_size=40,
)


@FAST
@given(rows=tactics, threshold=st.sampled_from([0, 80, 95, 100]))
def test_tactic_tallies_add_up_and_wilson_bounds_contain_the_win_rate(fresh, rows, threshold):
    agency = fresh()
    pods = [agency.pod("Pod Alpha"), agency.pod("Pod Beta")]
    clients = [agency.client(name, pods[i % 2]) for i, name in enumerate(("Acme", "Birch", "Cedar"))]
    designers = [agency.user("Dee", pod=pods[0]), agency.user("Eve", pod=pods[1])]
    for i, (client, kind, result, confidence, designer) in enumerate(rows):
        agency.task(
            clients[client],
            f"Test {i}",
            kind="tactic",
            tactic=kind,
            result=result,
            confidence=confidence,
            completed_at=None if result is None else f"2026-11-{1 + i % 20:02d}T10:00:00.000Z",
            created_at="2026-10-20T09:00:00.000Z",
            assignee=None if designer is None else designers[designer],
        )
    conn = agency.reader()
    try:
        report = tactics_report(
            conn, since=date(2026, 9, 1), confidence=threshold, today=date(2026, 11, 25), zone=ZoneInfo("UTC")
        )
    finally:
        conn.close()
    for breakdown in (report.rows, report.by_designer, report.by_pod):
        assert sum(r.running + r.win + r.loss + r.inconclusive for r in breakdown) == len(rows)
        for row in breakdown:
            _check_rate_and_interval(row.win, row.win + row.loss, row.win_rate, row.win_rate_ci)


@settings(max_examples=200, deadline=None)
@given(n=st.integers(0, 2000), data=st.data())
def test_a_wilson_interval_lies_in_0_1_and_contains_the_rate(n, data):
    wins = data.draw(st.integers(0, n))
    rate = round(wins / n, 4) if n else None
    _check_rate_and_interval(wins, n, rate, wilson_interval(wins, n))


def _check_rate_and_interval(wins: int, n: int, rate: float | None, interval: list[float] | None) -> None:
    if n == 0:
        assert rate is None and interval is None
        return
    assert rate == round(wins / n, 4)
    low, high = interval
    assert 0 <= low <= rate <= high <= 1
    assert low < high, "never a sure thing, not even 2 of 2"
