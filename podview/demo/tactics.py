"""A client's tactics: experiments with a kind, a result and, for A/B tests, a confidence.

The tactics screen and the risk ranking's loss streak read only decided
tactics, in completion order, so results are not drawn freely: after the
tactics are made, the last decided ones are set so that only clients whose
plan asks for a loss streak end on one. Tactics placed by a special keep
their own result. Who ran each one is then the staff's habits (habits.py):
losses are the pod designer's, and a designer whose tests lose owns few wins.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from podview.demo.model import FIELDS, SECTIONS, Client
from podview.demo.wording import TACTIC_KINDS, TACTICS, TESTED_KINDS
from podview.demo.workspace import Workspace


class Tactics:
    """Adds tactics to client projects."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def for_client(self, client: Client) -> None:
        """10–24 tactics; results are then set so only planned clients end on a loss streak."""
        specs = list(client.fixed_tactics)
        specs += [self._spec(client) for _ in range(self.ws.rng.randint(10, 24))]
        done = sorted(
            (s for s in specs if s["completed"] and not s.get("fixed")),
            key=lambda s: (s["completed"], s["gid"]),
        )
        if client.plan.loss_streak and len(done) >= 5:
            for spec, result in zip(
                done[-5:], ("Win", "Loss", "Loss?", "Loss", "Loss"), strict=True
            ):
                self._decide(spec, result)
        elif done:
            self._decide(done[-1], "Win")
        for spec in sorted(specs, key=lambda s: s["gid"]):
            self._tactic(client, spec)

    def _spec(self, client: Client) -> dict[str, Any]:
        ws = self.ws
        rng = ws.rng
        kind = rng.choice(TACTIC_KINDS)
        first = ws.first.shift(client.start).monday
        running = rng.random() < 0.25
        span = max(0, (ws.today - first).days - (0 if running else 10))
        created = ws.at(
            first + timedelta(days=rng.randint(max(0, span - 21) if running else 0, span)),
            9 * 60,
            17 * 60,
        )
        completed = (
            None
            if running
            else ws.after(
                created + timedelta(days=4), created.date() + timedelta(days=rng.randint(6, 28))
            )
        )
        result = (
            None if running else rng.choice(("Win", "Win", "Loss", "Loss", "Inconclusive", None))
        )
        tested = kind in TESTED_KINDS and result is not None and rng.random() < 0.7
        return {
            "gid": ws.gid(),
            "kind": kind,
            "name": ws.fill(ws.words.choice(TACTICS[kind]), client.plan.industry, created.date()),
            "created": created,
            "completed": completed,
            "result": result,
            "confidence": round(rng.uniform(80, 99.9), 1) if tested else None,
            "assignee": client.pod.designer
            if rng.random() < 0.8
            else rng.choice(client.pod.managers),
        }

    def _decide(self, spec: dict[str, Any], result: str) -> None:
        """Set a result that counts at the default 95 % (`Loss?`: a loss below it, so inconclusive)."""
        spec["result"] = result.rstrip("?")
        if result.endswith("?"):
            spec["confidence"] = 88.0
        elif spec["kind"] in TESTED_KINDS:
            spec["confidence"] = round(self.ws.rng.uniform(95.5, 99.5), 1)
        else:
            spec["confidence"] = None

    def _tactic(self, client: Client, spec: dict[str, Any]) -> None:
        kind = spec["kind"]
        if kind is not None and client.plan.text_tactic and self.ws.rng.random() < 0.2:
            kind = f"{kind} "
        values = {
            FIELDS.tactic: kind,
            FIELDS.result: spec["result"],
            FIELDS.confidence: spec["confidence"],
        }
        self.ws.task(
            client,
            spec["name"],
            kind=FIELDS.tactic_option if client.plan.type_field else None,
            section=SECTIONS.tactics,
            assignee=self.ws.staff.tactic_owner(client.pod, spec["assignee"], spec["result"]),
            created=spec["created"],
            completed=spec["completed"],
            due=None,
            values=values,
            gid=spec["gid"],
        )
