"""The agency at a glance: what Home shows, computed in one pass over the cache.

Every pod's week, hit rates and 90-day goals, the goals off pace, the risk
ranking, this week's goals due or overdue, the latest sync and the outbox. It knows nothing of the screen, so
whoever writes the cache computes it and saves it there (`home_store`), and
the app only reads it at launch.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, tzinfo

from podview.config import Config
from podview.dates import Week, parse_timestamp
from podview.figures.home_model import CoachNeed, DueGoal, HomeData, PodGlance, SyncState
from podview.figures.outbox import outbox_counts
from podview.figures.pacing import GoalPacing, pacing_report
from podview.figures.people import Person, people_report
from podview.figures.postponed import PostponedGoal, moved_goals
from podview.figures.postponed_scope import LAST_4_WEEKS, scope_span
from podview.figures.risk import last_four_weeks, risk_report
from podview.figures.weekly import WeeklyGoal, goals_by_week, summarize

ON = ("on track", "achieved")
OFF = ("off track", "missed")


def home_data(conn: sqlite3.Connection, *, today: date, zone: tzinfo, config: Config) -> HomeData:
    """Everything Home shows, as of `today` (computed at launch, before Home exists).

    The weekly goals of this week and the last four are placed once and
    shared by the pods' glances and the risk ranking. Postponements are
    counted in the scope `last_4_weeks`, the window the risk score reads.
    """
    week = Week.of(today)
    weeks = [*last_four_weeks(today), week]
    by_week = goals_by_week(conn, weeks, today=today, zone=zone)
    pacing = pacing_report(
        conn,
        today=today,
        on_track=config.pacing.on_track,
        at_risk=config.pacing.at_risk,
    ).goals
    recent, _ = moved_goals(conn, fixed_span=scope_span(LAST_4_WEEKS, today))
    return HomeData(
        week=week,
        pods=pod_glances(_pod_names(conn), by_week, week, pacing, recent),
        off_pace=off_pace(pacing),
        ranking=risk_report(conn, today=today, zone=zone, config=config, weekly_goals=by_week).clients,
        sync=last_sync(conn, zone),
        outbox=outbox_counts(conn),
        postponed_4_weeks=len(recent),
        due=due_goals(by_week[week], today),
        coaching=coaching_needs(
            people_report(
                conn, today=today, zone=zone, confidence=config.tactics.confidence, trend=False
            ).people
        ),
    )


def pod_glances(
    names: list[str],
    by_week: Mapping[Week, list[WeeklyGoal]],
    week: Week,
    pacing: list[GoalPacing],
    postponed: Sequence[PostponedGoal] = (),
) -> list[PodGlance]:
    """One glance per pod: `week`'s goals, the hit rates of the weeks before it, its 90-day goals' pacing.

    `postponed` are the postponements to count, already in their scope.
    """
    this_week = _by_pod(by_week[week])
    ended = [other for other in sorted(by_week) if other < week]
    rates, pooled = _hit_rates(names, [_by_pod(by_week[other]) for other in ended])
    counts = _pacing_counts(pacing)
    postponements = Counter(goal.pod for goal in postponed)
    glances = []
    for name in names:
        totals = summarize(name, this_week.get(name, []))
        glances.append(
            PodGlance(
                name=name,
                done=totals.hit,
                planned=totals.total - totals.postponed,
                weekly_rates=rates[name],
                pooled_rate=pooled[name],
                on_track=counts[name]["on"],
                at_risk=counts[name]["at risk"],
                off_track=counts[name]["off"],
                postponed_4_weeks=postponements[name],
            )
        )
    return glances


def _by_pod(goals: list[WeeklyGoal]) -> dict[str | None, list[WeeklyGoal]]:
    grouped: dict[str | None, list[WeeklyGoal]] = defaultdict(list)
    for goal in goals:
        grouped[goal.pod].append(goal)
    return grouped


def _pod_names(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM pods WHERE name IS NOT NULL ORDER BY name COLLATE NOCASE, gid"
    )
    return [row[0] for row in rows]


def _hit_rates(
    names: list[str], weeks: list[dict[str | None, list[WeeklyGoal]]]
) -> tuple[dict[str, list[float | None]], dict[str, float | None]]:
    """Each pod's hit rate in each of the ended weeks, and pooled over them (as the risk score pools)."""
    rates: dict[str, list[float | None]] = {name: [] for name in names}
    hits, decided = Counter(), Counter()
    for grouped in weeks:
        for name in names:
            totals = summarize(name, grouped.get(name, []))
            rates[name].append(totals.hit_rate)
            hits[name] += totals.hit
            decided[name] += totals.hit + totals.late + totals.missed
    pooled = {
        name: round(hits[name] / decided[name], 4) if decided[name] else None for name in names
    }
    return rates, pooled


def due_goals(goals: list[WeeklyGoal], today: date) -> list[DueGoal]:
    """The week's goals still open and due today or earlier: the longest overdue first, then by client and name."""
    late = [goal for goal in goals if goal.status == "open" and goal.due_on is not None and goal.due_on <= today]
    late.sort(key=lambda g: (g.due_on, (g.client or "").casefold(), (g.name or "").casefold(), g.task_gid))
    return [
        DueGoal(
            task_gid=goal.task_gid,
            client_gid=goal.client_gid,
            client=goal.client,
            name=goal.name,
            assignee=goal.assignee,
            due_on=goal.due_on,
        )
        for goal in late
    ]


def coaching_needs(people: list[Person]) -> list[CoachNeed]:
    """The people a coaching signal fires for (People's default 4 weeks): most signals first, then by name."""
    needs = [CoachNeed(person.user_gid, person.name, list(person.coach)) for person in people if person.coach]
    return sorted(needs, key=lambda need: (-len(need.signals), need.name.casefold(), need.user_gid))


def off_pace(pacing: list[GoalPacing]) -> list[GoalPacing]:
    """Goals off track or missed, then at risk; within each, the slowest pace first."""
    rank = {"off track": 0, "missed": 0, "at risk": 1}
    flagged = [goal for goal in pacing if goal.status in rank]
    return sorted(
        flagged,
        key=lambda g: (rank[g.status], g.pace if g.pace is not None else 0.0, g.client.casefold()),
    )


def _pacing_counts(pacing: list[GoalPacing]) -> dict[str | None, Counter]:
    """Each pod's 90-day goals as on / at risk / off; a goal two clients share counts once per pod."""
    counts: dict[str | None, Counter] = defaultdict(Counter)
    seen = set()
    for goal in pacing:
        if (goal.goal_gid, goal.pod) in seen:
            continue
        seen.add((goal.goal_gid, goal.pod))
        if goal.status in ON:
            counts[goal.pod]["on"] += 1
        elif goal.status in OFF:
            counts[goal.pod]["off"] += 1
        elif goal.status == "at risk":
            counts[goal.pod]["at risk"] += 1
    return counts


def last_sync(conn: sqlite3.Connection, zone) -> SyncState | None:
    """The latest sync (or demo build) recorded in the cache; None when it was never synced."""
    row = conn.execute(
        "SELECT source, mode, started_at, finished_at, outcome, detail FROM syncs ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    stamp = parse_timestamp(row["finished_at"] or row["started_at"])
    local = stamp.astimezone(zone) if stamp else None
    return SyncState(
        source=row["source"],
        mode=row["mode"],
        finished_day=local.date() if local else None,
        finished_time=f"{local:%H:%M}" if local else None,
        outcome=row["outcome"],
        detail=row["detail"],
    )


