"""Hidden screens are redrawn in new colours only while nobody presses keys (widgets/themes.py).

After presenter mode or a theme change, each hidden screen is redrawn one
every LATER seconds; a redraw (0.2 s for Tactics' thousand rows) that ran
between two keys held up the second one. The clock is a fake, so nothing
here waits.
"""

from __future__ import annotations

from podview.widgets import themes


class FakeApp:
    """Just what `_next` uses of an app: a timer it can be asked to set."""

    def __init__(self) -> None:
        self.timers: list[float] = []

    def set_timer(self, delay: float, callback) -> None:
        self.timers.append(round(delay, 3))


def test_a_hidden_screen_waits_for_quiet_then_is_redrawn(monkeypatch):
    app, drawn = FakeApp(), []
    now = [100.0]
    monkeypatch.setattr(themes, "monotonic", lambda: now[0])
    themes._queues[app] = [lambda: drawn.append("tactics"), lambda: drawn.append("weekly")]

    themes.note_input(app)
    now[0] += 0.1
    themes._next(app)
    assert drawn == [], "a key was pressed 0.1 s ago: no redraw yet"
    assert app.timers == [round(themes.LATER - 0.1, 3)], "asked again once LATER seconds have passed since the key"

    now[0] += themes.LATER
    themes._next(app)
    assert drawn == ["tactics"], "quiet: the oldest hidden screen is redrawn"
    assert app.timers[-1] == themes.LATER, "and the next one LATER seconds on"


def test_without_any_key_pressed_the_redraws_go_at_once():
    app, drawn = FakeApp(), []
    themes._queues[app] = [lambda: drawn.append("pacing")]
    themes._next(app)
    assert drawn == ["pacing"]
