"""A meeting's minutes: who met, each client's figures on the meeting's day, and what was decided.

The figures are the report figures (weekly, pacing, risk) computed from the
cache as of the meeting's local date, for the meeting's scope (its pod, every
client for a growth review, or the clients its plan names: one pod's, those at
risk, the top few). Each decision is listed under its client
with its state and a link to what it changed in Asana; the action items of
earlier meetings of the series the meeting looked back at come first.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from podview import words
from podview.config import Config
from podview.date_words import dated
from podview.date_words import day as day_words
from podview.decisions.carried import carried_action_items
from podview.decisions.common import parse_stamp
from podview.decisions.meetings import POD_STANDUP, Meeting
from podview.decisions.outbox import Decision, list_decisions
from podview.decisions.requests import meeting_day

ASANA = "https://app.asana.com/0"


def minutes_file_name(meeting: Meeting, config: Config) -> str:
    """`2026-12-07 Pod Atlas stand-up.md`: the meeting's local day and what it was, as a person names the file."""
    from podview.files import readable_name

    if meeting.kind == POD_STANDUP:
        what = f"{meeting.pod or meeting.pod_gid or 'Pod'} stand-up"
    else:
        what = "Growth review"
    return readable_name(meeting_day(meeting, config), what) + ".md"


def minutes_data(conn: Any, meeting: Meeting, config: Config, as_of: date | None = None) -> dict[str, Any]:
    """The minutes as one JSON-ready object (the Markdown is rendered from it).

    The figures are those of the meeting's day, or of `as_of`: the day the
    app ran on (`--today`), so the minutes show the weeks the room saw.
    """
    zone = ZoneInfo(config.timezone)
    held = meeting_day(meeting, config)
    day = as_of or held
    plan = meeting.plan
    decisions = list_decisions(conn, meeting_id=meeting.id)
    figures = _figures(conn, meeting, config, day)
    by_client: dict[str | None, list[dict]] = defaultdict(list)
    for decision in decisions:
        by_client[decision.fields.get("client")].append(decision_entry(decision, day))
    clients = []
    for gid, row in figures.items():
        clients.append({**row, "decisions": by_client.pop(gid, [])})
    for gid in [g for g in by_client if g is not None]:
        name = by_client[gid][0].get("client_name") or gid
        clients.append({"client": name, "client_gid": gid, "pod": None, "weekly": None, "goals": [], "risk": None, "decisions": by_client.pop(gid)})
    return {
        "meeting": {
            "id": meeting.id,
            "kind": meeting.kind,
            "title": meeting.title,
            "pod": meeting.pod,
            "date": held.isoformat(),
            "started_at": _local(meeting.started_at, zone),
            "ended_at": _local(meeting.ended_at, zone),
            "attendees": meeting.attendees,
            "notes": meeting.notes,
            "scope": plan.scope if plan else None,
            "scope_clients": len(plan.clients) if plan and plan.clients is not None else None,
            "length_minutes": plan.minutes if plan else None,
        },
        "timezone": config.timezone,
        "week": _week_name(day),
        "clients": clients,
        "other_decisions": by_client.get(None, []),
        "counts": _counts(decisions),
        "carried": carried_entries(conn, meeting, zone, day),
    }


def carried_entries(conn: Any, meeting: Meeting, zone: ZoneInfo, day: Any) -> dict[str, Any]:
    """The old business the meeting opened with: earlier action items as the cache has them now, overdue as of its day."""
    carried = carried_action_items(conn, meeting.kind, meeting.pod_gid, before=meeting.id, today=day, zone=zone)
    previous = carried.previous
    return {
        "previous": {"id": previous.id, "date": previous.day.isoformat(), "day": carried.previous_text} if previous else None,
        "items": [
            {
                "decision_id": item.decision_id,
                "task_gid": item.task_gid,
                "name": item.name,
                "client": item.client,
                "assignee": item.assignee,
                "due_on": item.due_on.isoformat() if item.due_on else None,
                "state": item.state_text,
                "carried_from": day_words(item.meeting.day, day) if item.carried else None,
                "link": f"{ASANA}/{item.client_gid or 0}/{item.task_gid}" if item.task_gid else None,
            }
            for item in carried.items
        ],
    }


def decision_entry(decision: Decision, day: date | None = None) -> dict[str, Any]:
    """One decision as the minutes list it: what, its state (and why, if not sent), where in Asana."""
    return {
        "id": decision.id,
        "kind": decision.kind,
        "state": decision.state,
        "error": decision.error,
        "summary": summary(decision, day),
        "link": asana_link(decision),
        "client_name": decision.fields.get("client_name"),
    }


def summary(decision: Decision, today: date | None = None) -> str:
    """A one-line description of what was decided; with `today`, its dates in the one on-screen style (`Fri 27 Nov`)."""
    f = decision.fields

    def on(key: str) -> Any:
        value = f.get(key)
        if today is None or not isinstance(value, str):
            return value
        try:
            return day_words(date.fromisoformat(value), today)
        except ValueError:
            return value

    task = f"“{f.get('task_name') or f.get('task')}”"
    if decision.kind == "comment":
        return f"Comment on {task}: {_short(f.get('text'))}"
    if decision.kind == "postpone":
        return f"Postpone {task} from {on('from')} to {on('to')}: {_short(f.get('reason'))}"
    if decision.kind == "result":
        confidence = f" at {f['confidence']:g} % confidence" if f.get("confidence") is not None else ""
        return f"Result of {task}: {str(f.get('result')).capitalize()}{confidence}"
    if decision.kind == "action":
        who = f.get("assignee_name") or "unassigned"
        due = f", due {on('due')}" if f.get("due") else ""
        return f"Action item “{f.get('name')}” for {who}{due}"
    if decision.kind == "reminder":
        return f"Training reminder: {f.get('assignee_name') or 'the assignee'} to finish “{f.get('module_name')}” by {on('due')}"
    if decision.kind == "status":
        return f"Client status {words.word(words.ASANA, f.get('status'))}: {f.get('title')}"
    parts = []
    if f.get("current") is not None:
        was = f"{f['was']:g} → " if f.get("was") is not None else ""
        parts.append(f"current value {was}{f['current']:g}")
    if f.get("status"):
        parts.append(f"status {words.word(words.ASANA, f['status'])}: {_short(f.get('text'))}")
    return f"Goal “{f.get('goal_name') or f.get('goal')}”: " + "; ".join(parts)


def asana_link(decision: Decision) -> str | None:
    """Where the decision shows in Asana: the task (or created task), the client project, or the goal."""
    f, done = decision.fields, decision.progress.done
    if decision.kind in ("comment", "postpone", "result"):
        return f"{ASANA}/{f.get('client') or 0}/{f['task']}"
    if decision.kind == "action":
        return f"{ASANA}/{f['client']}/{done['create']}" if done.get("create") else None
    if decision.kind == "status":
        return f"{ASANA}/{f['client']}/{f['client']}"
    if decision.kind == "reminder":
        return f"{ASANA}/{f['project']}/{done['create']}" if done.get("create") else None
    return f"{ASANA}/goals/{f['goal']}"


def render_markdown(data: dict[str, Any]) -> str:
    """The minutes as Markdown: heading, attendees and notes, then one section per client."""
    meeting = data["meeting"]
    counts = data["counts"]
    held = date.fromisoformat(meeting["date"])
    lines = [f"# {meeting['title']}, {held:%a} {dated(held)}", ""]
    end = meeting["ended_at"][11:16] if meeting["ended_at"] else "still open"
    lines.append(f"- **When:** {held:%a} {dated(held)}, {meeting['started_at'][11:16]}–{end} ({data['timezone']})")
    lines.append(f"- **Attendees:** {', '.join(meeting['attendees']) or '—'}")
    if meeting.get("scope"):
        count = meeting.get("scope_clients")
        lines.append(f"- **Scope:** {meeting['scope']}" + (f" ({_clients_text(count)})" if count is not None else ""))
    if meeting.get("length_minutes"):
        lines.append(f"- **Time box:** {meeting['length_minutes']} min")
    lines.append(f"- **Decisions:** {_count_text(counts)}")
    lines.append(f"- **Meeting id:** `{meeting['id']}`")
    if meeting["notes"]:
        lines += ["", "## Notes", "", meeting["notes"].strip()]
    if data.get("carried", {}).get("previous"):
        lines += ["", *_carried_section(data["carried"], meeting["kind"], date.fromisoformat(meeting["date"]))]
    for client in data["clients"]:
        lines += ["", *_client_section(client, data["week"])]
    if data["other_decisions"]:
        lines += ["", "## Other decisions", "", *_decision_table(data["other_decisions"])]
    return "\n".join(lines) + "\n"


# -- figures ---------------------------------------------------------------------------


def _figures(conn: Any, meeting: Meeting, config: Config, day: Any) -> dict[str, dict[str, Any]]:
    """Client gid → name, pod, weekly totals, goal pacing and risk, for the meeting's scope on its day."""
    from podview.dates import Week
    from podview.figures.common import ScopeError
    from podview.figures.pacing import pacing_report
    from podview.figures.risk import risk_report
    from podview.figures.weekly import summarize, weekly_report

    zone = ZoneInfo(config.timezone)
    pod = meeting.pod_gid
    try:
        risk = risk_report(conn, today=day, zone=zone, config=config, pod=pod)
        weekly = weekly_report(conn, week=Week.of(day), today=day, zone=zone, pod=pod)
        pacing = pacing_report(conn, today=day, on_track=config.pacing.on_track, at_risk=config.pacing.at_risk, pod=pod)
    except ScopeError:
        return {}
    goals_by_client: dict[str, list] = defaultdict(list)
    for goal in weekly.goals:
        goals_by_client[goal.client_gid].append(goal)
    pacing_by_client: dict[str, list] = defaultdict(list)
    for row in pacing.goals:
        pacing_by_client[row.client_gid].append(
            {"goal_gid": row.goal_gid, "name": row.name, "status": row.status, "asana_status": row.asana_status,
             "progress": row.progress, "expected": row.expected}
        )
    walked = set(meeting.plan.clients) if meeting.plan and meeting.plan.clients is not None else None
    out = {}
    for row in sorted(risk.clients, key=lambda r: (r.pod or "", r.client.casefold())):
        if walked is not None and row.client_gid not in walked:
            continue
        totals = summarize(row.client, goals_by_client.get(row.client_gid, []))
        out[row.client_gid] = {
            "client": row.client,
            "client_gid": row.client_gid,
            "pod": row.pod,
            "weekly": {k: getattr(totals, k) for k in ("total", "hit", "late", "missed", "open", "postponed", "hit_rate", "progress")},
            "goals": pacing_by_client.get(row.client_gid, []),
            "risk": {"rank": row.rank, "of": len(risk.clients), "score": row.score, "reasons": row.reasons},
        }
    return out


# -- Markdown pieces ----------------------------------------------------------------------


def _client_section(client: dict[str, Any], week: str) -> list[str]:
    lines = [f"## {client['client']}"]
    risk = client.get("risk")
    if risk is not None:
        reasons = words.signals_text(risk["reasons"])
        lines += ["", f"*{client['pod'] or 'No pod'} · risk rank {risk['rank']} of {risk['of']} (score {risk['score']}): {reasons}*"]
    weekly = client.get("weekly")
    facts = []
    if weekly is not None:
        if weekly["total"]:
            counts = ", ".join(f"{weekly[status]} {words.WEEKLY[status]}" for status in ("hit", "late", "missed", "open", "postponed"))
            done = words.progress(weekly["hit"], weekly["total"], weekly["postponed"])
            facts.append(f"- Weekly goals {week}: {counts} of {weekly['total']} — {done}")
        else:
            facts.append(f"- Weekly goals {week}: none")
    for goal in client.get("goals") or []:
        asana = f" (Asana: {words.word(words.ASANA, goal['asana_status'])})" if goal.get("asana_status") else ""
        facts.append(
            f"- 90-day goal “{goal['name']}”: {words.word(words.PACING, goal['status'])}{asana}, progress {_percent(goal['progress'])} "
            f"vs {_percent(goal['expected'])} expected"
        )
    if facts:
        lines += ["", *facts]
    lines += ["", *(_decision_table(client["decisions"]) if client["decisions"] else ["No decisions."])]
    return lines


def _carried_section(carried: dict[str, Any], kind: str, today: date) -> list[str]:
    """Last meeting's action items: what became of each, and those carried from older meetings (dates as of `today`)."""
    what = "stand-up" if kind == POD_STANDUP else "walkthrough"
    lines = ["## Last meeting's action items", "", f"From the {what} of {carried['previous']['day']}."]
    if not carried["items"]:
        return [*lines, "", "No action items were decided, and none is still open from earlier meetings."]
    lines += ["", "| Action item | Client | Assignee | Due | State | Asana |", "|---|---|---|---|---|---|"]
    for item in carried["items"]:
        due = day_words(date.fromisoformat(item["due_on"]), today) if item["due_on"] else "—"
        state = item["state"] + (f" (carried from {item['carried_from']})" if item["carried_from"] else "")
        link = f"[open]({item['link']})" if item["link"] else "—"
        cells = (item["name"], item["client"] or "—", item["assignee"] or "—", due, state)
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + f" | {link} |")
    return lines


def _decision_table(entries: list[dict[str, Any]]) -> list[str]:
    lines = ["| Decision | State | Asana |", "|---|---|---|"]
    for entry in entries:
        state = words.word(words.DECISION_STATES, entry["state"]) + (f": {_cell(entry['error'])}" if entry["error"] and entry["state"] != "sent" else "")
        link = f"[open]({entry['link']})" if entry["link"] else "—"
        lines.append(f"| {_cell(entry['summary'])} | {state} | {link} |")
    return lines


def _counts(decisions: list[Decision]) -> dict[str, int]:
    counts: dict[str, int] = {"total": len(decisions)}
    for decision in decisions:
        counts[decision.state] = counts.get(decision.state, 0) + 1
    return counts


def _count_text(counts: dict[str, int]) -> str:
    parts = [f"{counts[state]} {words.DECISION_STATES[state]}" for state in ("sent", "pending", "failed", "conflict", "discarded") if counts.get(state)]
    return f"{counts['total']}" + (f" ({', '.join(parts)})" if parts else "")


def _clients_text(count: int) -> str:
    return "1 client" if count == 1 else f"{count} clients"


def _cell(text: Any) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _short(text: Any, limit: int = 120) -> str:
    flat = " ".join(str(text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f} %"


def _local(stamp: str | None, zone: ZoneInfo) -> str | None:
    moment = parse_stamp(stamp)
    return moment.astimezone(zone).isoformat(timespec="seconds") if moment else None


def _week_name(day: Any) -> str:
    from podview.dates import Week

    return Week.of(day).name
