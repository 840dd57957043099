"""Client-safe mode walked as a client call would go: every screen, key, week and export, looked at for what must stay inside.

`figures/client_view.py` decides what a watching client may see. This test
does not trust that decision's wiring: it reads what the terminal shows on
every screen reachable in client-safe mode and fails on the first internal
item found, by name.
"""

from __future__ import annotations

import re
import sqlite3

import pytest

from podview.figures.client_view import HIDDEN_FROM_CLIENTS
from podview.screens.client_card import ClientCardScreen
from podview.tui.palette import app_commands
from podview.words import SHORT_SIGNALS, SIGNALS
from tests.screens.conftest import screen_text, settle

pytestmark = pytest.mark.anyio

WIDE = (200, 60)

STAFF_AND_INTERNAL = (
    "MRR",
    "Risk #",
    "score",
    "Loss streak",
    "losses in a row",
    "warning sign",
    "⚑",
    "moved",
    "re-created",
    "no postpone reason",
    "Postponed and moved deadlines",
    "Asana status",
    "Asana",
    "Decisions",
    "Hit rate,",
    "latest ",
    "People",
    "coaching",
)
"""Words that only appear where an internal figure is shown (each one of HIDDEN_FROM_CLIENTS)."""


def forbidden_for(cache, watched: str) -> dict[str, str]:
    """Every string that must not show, with what it gives away: other clients' names, the client's MRR, every risk reason."""
    conn = sqlite3.connect(cache)
    clients = conn.execute("SELECT gid, name, mrr FROM clients").fetchall()
    conn.close()
    found = {word: "an internal figure" for word in STAFF_AND_INTERNAL}
    for gid, name, mrr in clients:
        if gid != watched:
            found[name] = "another client's name"
        elif mrr:
            found[f"${mrr:,.0f}"] = "the client's MRR"
    for reason in (*SIGNALS.values(), *SHORT_SIGNALS.values()):
        found[reason] = "a risk reason"
    return found


def leaks(text: str, forbidden: dict[str, str]) -> list[str]:
    return [f"{word!r} ({why})" for word, why in forbidden.items() if word in text]


async def test_client_safe_mode_shows_nothing_internal_on_any_screen(app_on, demo_cache, tmp_path):
    app = app_on(demo_cache)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        card = app.screen
        assert isinstance(card, ClientCardScreen)
        watched, name = card.client_gid, card.data.info.name
        before = screen_text(app)
        for internal in ("MRR", "Risk #", "Loss streak", "⚑", "Asana status", "Decisions"):
            assert internal in before, (
                f"the demo's top client should show {internal!r} outside client-safe mode"
            )

        forbidden = forbidden_for(demo_cache, watched)
        seen: dict[str, str] = {}

        async def look(where: str) -> None:
            await settle(pilot)
            seen[where] = screen_text(app)

        await pilot.press("C")
        await look("client card")
        assert app.client_safe == watched and name in seen["client card"]
        await pilot.press("n", "p")
        await look("client card after n and p")
        await pilot.press("2")
        await look("weekly, this week")
        for back in range(1, 9):
            await pilot.press("left")
            await look(f"weekly, {back} weeks back")
        await pilot.press("t", "enter")
        await look("enter on a weekly goal")
        for key in "13456789":
            await pilot.press(key)
            await look(f"after key {key}")
        await pilot.press("question_mark")
        await look("help")
        await pilot.press("escape")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await app.workers.wait_for_complete()
        exports = sorted(tmp_path.rglob("*.svg"))
        assert exports, "ctrl+s saved no screenshot"
        for path in exports:
            svg = path.read_text()
            seen[f"export {path.name}"] = "".join(re.findall(r"<text [^>]*>(.*?)</text>", svg))
        seen["palette"] = "\n".join(item.text for item in app_commands(app))

    found = {where: items for where, text in seen.items() if (items := leaks(text, forbidden))}
    assert not found, (
        f"In client-safe mode ({', '.join(HIDDEN_FROM_CLIENTS)} stay hidden), these showed:\n"
        + "\n".join(f"- {where}: {', '.join(items)}" for where, items in found.items())
    )
    assert seen["weekly, this week"] != seen["weekly, 1 weeks back"], "← moved to the week before"
    assert all(name in seen[where] for where in ("client card", "weekly, this week")), (
        "the watching client's own name is shown"
    )
