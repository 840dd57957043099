"""podview's two themes: everyday, and presenter (a projector at the back of a room).

Status colours are only ever a second sign beside an icon and a word, so the
presenter theme can push contrast without losing meaning.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from time import monotonic
from weakref import WeakKeyDictionary

from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen
from textual.signal import Signal
from textual.theme import Theme

from podview.widgets.presenter_css import theme_variables

NORMAL_THEME = Theme(
    name="podview",
    primary="#5B9BF8",
    secondary="#8AB4F8",
    accent="#F5A524",
    success="#3FB950",
    warning="#E3B341",
    error="#F85149",
    foreground="#E6EDF3",
    background="#0F1419",
    surface="#151B23",
    panel="#1E2631",
    dark=True,
)
"""Calm dark colours for a laptop or a stand-up screen."""

PRESENTER_THEME = Theme(
    name="podview-presenter",
    primary="#FFD400",
    secondary="#00E5FF",
    accent="#FFD400",
    success="#00FF7F",
    warning="#FFD400",
    error="#FF5C5C",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#262626",
    dark=True,
    variables={"text-muted": "#DDDDDD", "footer-key-foreground": "#FFD400"},
)
"""White on black with saturated signal colours: readable from across a room."""


PRESENTER_CLASS = "-presenter"
"""The app's CSS class while presenter mode is on: the presenter theme's colours as rules (widgets/presenter_css.py)."""

PRESENTER_VARIABLES = theme_variables(PRESENTER_THEME)
"""The presenter theme's colours by CSS variable name, for what CSS cannot colour (Rich text in table cells)."""

_presenter_signals: WeakKeyDictionary[App, Signal[bool]] = WeakKeyDictionary()


def presenter_changed(app: App) -> Signal[bool]:
    """The signal an app publishes (with the new state) when presenter mode is turned on or off.

    Any app has one, so a widget can follow presenter mode with no attribute
    to probe; only an app with a presenter mode ever publishes it.
    """
    if app not in _presenter_signals:
        _presenter_signals[app] = Signal(app, "presenter-changed")
    return _presenter_signals[app]


def presenting(node: DOMNode) -> bool:
    """Whether the app is in presenter mode (False in any app without one, such as a test host)."""
    return node.app.has_class(PRESENTER_CLASS)


def palette(node: DOMNode) -> Mapping[str, str]:
    """The colours by CSS variable name that `node` is drawn in now: the presenter's, or the app's theme."""
    return PRESENTER_VARIABLES if presenting(node) else node.app.theme_variables


def follow_presenter(node: DOMNode, callback: Callable[[bool], object]) -> None:
    """Call `callback(presenting)` each time presenter mode is turned on or off, while `node` lives."""
    presenter_changed(node.app).subscribe(node, callback)


LATER = 0.3
"""Seconds between two hidden screens redrawn after a theme change: keys pressed meanwhile wait at most one."""

_queues: WeakKeyDictionary[App, list[Callable[[], object]]] = WeakKeyDictionary()
"""Per app, the hidden screens' redraws still to do, oldest first."""


def redraw_on_theme(screen: Screen, draw: Callable[[], object]) -> None:
    """Call `draw()` when the colours change (a theme, presenter mode: table cells carry them): at once if `screen` is seen.

    Presenter mode changes the colours of every screen the app has built;
    redrawing the hidden ones' thousand rows with the key held its repaint
    for a second. A hidden screen is redrawn when it is shown, or before,
    one screen per LATER seconds while nobody presses a key, whichever comes first.
    """
    app = screen.app
    stale = False

    def catch_up() -> None:
        nonlocal stale
        if stale and screen.is_attached:
            stale = False
            draw()

    def changed(_change: object) -> None:
        nonlocal stale
        if screen in app.screen_stack:  # on show, or under a modal that lets it be seen
            stale = False
            draw()
            return
        stale = True
        queue = _queues.setdefault(app, [])
        queue.append(catch_up)
        if len(queue) == 1:
            app.set_timer(LATER, partial(_next, app))

    app.screen_change_signal.subscribe(screen, lambda shown: catch_up() if shown is screen else None)
    app.theme_changed_signal.subscribe(screen, changed)
    presenter_changed(app).subscribe(screen, changed)


_last_input: WeakKeyDictionary[App, float] = WeakKeyDictionary()
"""Per app, when someone last pressed a key or clicked (monotonic seconds)."""


def note_input(app: App) -> None:
    """A key or a click: hidden screens wait for LATER seconds of quiet before they are redrawn."""
    _last_input[app] = monotonic()


def _next(app: App) -> None:
    """Redraw the oldest hidden screen still waiting, then the next one LATER seconds on.

    Never while someone is pressing keys: a hidden screen's redraw (0.2 s
    for Tactics' thousand rows) would hold up the key pressed next.
    """
    quiet = monotonic() - _last_input.get(app, float("-inf"))
    if quiet < LATER:
        app.set_timer(LATER - quiet, partial(_next, app))
        return
    queue = _queues.get(app, [])
    if queue:
        queue.pop(0)()
    if queue:
        app.set_timer(LATER, partial(_next, app))
