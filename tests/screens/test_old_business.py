"""Old business on screen: a meeting opens with the action items its series decided before.

Against the fake Asana on 127.0.0.1: a stand-up decides two action items,
they are sent and the meeting ends; one is completed in Asana and synced;
the pod's next stand-up opens on its "Last meeting" step showing one done
(with when) and one open, and an item of the stand-up before, still open,
"carried from" its day. `d` on the open one offers a new due date or a
comment. The walkthrough shows the previous walkthrough's items on the
client's card.
"""

from __future__ import annotations

import asyncio
from functools import partial
from pathlib import Path

import pytest

from podview.cache import open_cache
from podview.decisions.common import one
from podview.decisions.meetings import GROWTH_REVIEW, POD_STANDUP, end_meeting, start_meeting
from podview.screens.context import ViewContext
from podview.screens.standup import StandupScreen
from podview.screens.walkthrough import WalkthroughScreen
from podview.sync.client import AsanaClient
from podview.sync.engine import SyncEngine
from tests.decisions.conftest import push
from tests.decisions.helpers import decide, state
from tests.screens.conftest import CONFIG, TODAY
from tests.screens.hosts import Host, drive, screen_text, settle, squash, started


def synced(fake, path: Path) -> Path:
    """The cache read from the fake Asana, as `podview sync` leaves it."""

    async def go():
        async with AsanaClient(fake.token, url=fake.base_url) as client:
            await SyncEngine(client, path, CONFIG, today=TODAY).run()

    asyncio.run(go())
    return path


def held(db, kind: str, day: str, pod: str | None, items: list[tuple[str, str, str | None]]) -> dict:
    """A meeting on `day` deciding action items (client gid, name, due); ended. Returns name → decision."""
    meeting = start_meeting(db, kind, pod=pod)
    db["meetings"].update(meeting.id, {"started_at": f"{day}T15:00:00Z"})
    decided = {name: decide(db, "action", meeting.id, client=client, name=name, due=due) for client, name, due in items}
    end_meeting(db, meeting.id)
    return decided


@pytest.fixture
def two_meetings_later(asana, tmp_path):
    """Two stand-ups of one pod and a walkthrough held and sent; one item completed in Asana since; synced."""
    path = tmp_path / "cache.db"
    open_cache(path).conn.close()
    synced(asana, path)
    db = open_cache(path)
    client = one(db, "SELECT c.gid, c.name, p.name AS pod FROM clients c JOIN pods p ON p.gid = c.pod_gid ORDER BY c.name LIMIT 1")
    gid, pod = client["gid"], client["pod"]
    held(db, POD_STANDUP, "2026-11-16", pod, [(gid, "Renew the domain", "2026-11-20")])
    last = held(db, POD_STANDUP, "2026-11-23", pod, [(gid, "Send the audit", "2026-11-24"), (gid, "Call the client", "2026-12-02")])
    held(db, GROWTH_REVIEW, "2026-11-20", None, [(gid, "Plan the Q1 budget", "2026-12-10")])
    assert len(push(db, asana).sent) == 4
    asana.complete_task(state(db, last["Send the audit"]).progress.done["create"], at="2026-11-24T16:30:00.000Z")
    db.conn.close()
    synced(asana, path)
    return ViewContext(cache_path=path, config=CONFIG, today=TODAY), client


def test_the_next_stand_up_opens_with_last_meetings_action_items_as_asana_has_them(two_meetings_later):
    context, client = two_meetings_later

    async def scenario(pilot):
        await started(pilot)
        await settle(pilot)
        screen = pilot.app.screen
        table = screen.query_one("#step-old-table")
        rows = [squash(" ".join(str(cell) for cell in table.get_row_at(i))) for i in range(table.row_count)]
        heading = str(screen.query_one("#step-old-heading").render())
        label = str(screen.query_one("#standup-agenda").get_tab("step-old").label)
        targets = []
        for _ in rows:
            targets.append(screen.selected_target())
            await pilot.press("down")
        return screen.step, rows, heading, label, targets, screen_text(pilot.app)

    step, rows, heading, label, targets, text = drive(Host(partial(StandupScreen, pod=client["pod"]), context), scenario)
    assert step == "step-old", "the stand-up opens with old business"
    assert heading == "Step 1 of 6 · From the stand-up of Mon 23 Nov · 1 done · 1 open · 1 overdue"
    assert label == "Last meeting (3)"
    assert rows[0].startswith("✔ done Tue 24 Nov Tue 24 Nov") and "Send the audit" in rows[0]
    assert rows[1].startswith("⚠ overdue Fri 20 Nov") and "Renew the domain" in rows[1]
    assert "carried from Mon 16 Nov" in rows[1]
    assert rows[2].startswith("◷ open Wed 2 Dec") and "Call the client" in rows[2]
    assert "Plan the Q1 budget" not in text, "a walkthrough's items belong to walkthroughs"
    assert [t.kind for t in targets] == ["task", "action_item", "action_item"]
    assert targets[2].label == "Call the client" and targets[2].kinds == ("postpone", "comment")


def test_the_walkthrough_shows_the_previous_walkthroughs_items_on_the_clients_card(two_meetings_later):
    context, client = two_meetings_later

    async def scenario(pilot):
        await started(pilot)
        await settle(pilot)
        panel = pilot.app.screen.query_one("#carried")
        return panel.display, str(panel.border_title), screen_text(pilot.app)

    shown, title, text = drive(Host(partial(WalkthroughScreen, client_gid=client["gid"]), context), scenario, size=(120, 40))
    assert shown and title == "Last walkthrough's action items (Fri 20 Nov)"
    assert "◷ open  Plan the Q1 budget · due Thu 10 Dec" in text
    assert "Send the audit" not in text, "a stand-up's items belong to the pod's stand-ups"


class DecidingHost(Host):
    """The host with the app's `d`: the real menu of decisions for what the screen says is selected."""

    def action_decide(self) -> None:
        from podview.tui.deciding import Deciding

        Deciding(self, lambda: self.context, lambda ids: None, lambda: None).start()


def test_d_in_the_walkthrough_decides_on_the_highlighted_action_item_and_on_the_client_elsewhere(two_meetings_later):
    from podview.screens.decide import DecideMenu

    context, client = two_meetings_later

    async def scenario(pilot):
        await started(pilot)
        await settle(pilot)
        seen = {"untouched": squash(screen_text(pilot.app))}
        await pilot.press("tab")
        seen["focused"] = squash(screen_text(pilot.app))
        for name in ("item", "client"):
            await pilot.press("d")
            await pilot.pause()
            menu = pilot.app.screen
            assert isinstance(menu, DecideMenu)
            seen[name] = (menu.target, squash(screen_text(pilot.app)))
            await pilot.press("escape", "shift+tab")
            await settle(pilot)
        return seen

    seen = drive(DecidingHost(partial(WalkthroughScreen, client_gid=client["gid"]), context), scenario, size=(120, 40))
    assert "tab: pick one · d: decide on it" in seen["untouched"]
    target, text = seen["item"]
    assert (target.kind, target.label) == ("action_item", "Plan the Q1 budget")
    assert "Decide on this action item" in text and "Postpone" in text and "Comment" in text
    target, text = seen["client"]
    assert (target.kind, target.gid) == ("client", client["gid"]), "away from the list, d is about the client again"
