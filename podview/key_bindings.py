"""Every key binding podview's app declares, by id: where it applies and its default keys.

The config's `[keys]` table is checked against this list when the config is
read (an unknown id, or a key that would clash with another binding on the
same screen, is a config error like any other), so the check needs no
Textual and runs for every command. A test compares it with the bindings the
app, its screens and widgets really declare, so the two cannot drift apart.
"""

from __future__ import annotations

APP = "app"
"""Bindings of the app itself: they apply on every screen (a screen's own binding of the same key wins)."""

BINDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "go.home": (('app', '1'),),
    "go.weekly": (('app', '2'),),
    "go.tactics": (('app', '3'),),
    "go.postponed": (('app', '4'),),
    "go.pacing": (('app', '5'),),
    "go.risk": (('app', '6'),),
    "go.people": (('app', '7'),),
    "go.client": (('app', '1'),),
    "back": (('app', 'escape'),),
    "help": (('app', 'question_mark'),),
    "command-palette": (('app', 'ctrl+p'),),
    "decide": (('app', 'd'),),
    "sync": (('app', 's'),),
    "outbox": (('app', 'o'),),
    "export-svg": (('app', 'ctrl+s'),),
    "presenter": (('app', 'P'),),
    "client-safe": (('app', 'C'),),
    "quit": (('app', 'q'),),
    "card.next": (('ClientCardScreen', 'n'),),
    "card.previous": (('ClientCardScreen', 'p'),),
    "decide.cancel": (('DecideMenu', 'escape'), ('DecideScreen', 'escape')),
    "decide.save": (('DecideScreen', 'ctrl+s'),),
    "home.people": (('PeopleLine', 'enter'),),
    "help.close": (('HelpScreen', 'escape'),),
    "help.close-again": (('HelpScreen', 'question_mark'),),
    "minutes.save": (('MinutesScreen', 'w'),),
    "minutes.close": (('MinutesScreen', 'escape'),),
    "outbox.edit": (('OutboxScreen', 'e'),),
    "outbox.retry": (('OutboxScreen', 'r'),),
    "outbox.discard": (('OutboxScreen', 'x'),),
    "outbox.send": (('OutboxScreen', 's'),),
    "outbox.close": (('OutboxScreen', 'escape'),),
    "pacing.worst": (('PacingScreen', 'w'),),
    "people.pod": (('PeopleScreen', 'f'),),
    "people.search": (('PeopleScreen', 'slash'),),
    "people.sort": (('PeopleScreen', 'greater_than_sign'),),
    "people.sort_back": (('PeopleScreen', 'less_than_sign'),),
    "people.reverse": (('PeopleScreen', 'r'),),
    "postponed.next_section": (('PostponedScreen', 'n'),),
    "postponed.previous_section": (('PostponedScreen', 'N'),),
    "risk.pod": (('RiskScreen', 'f'),),
    "risk.search": (('RiskScreen', 'slash'),),
    "scope.done": (('ScopeBar', 'escape'),),
    "standup.next": (('StandupScreen', 'n'),),
    "standup.previous": (('StandupScreen', 'p'),),
    "standup.box": (('StandupScreen', 'b'),),
    "standup.all": (('StandupScreen', 'a'),),
    "meeting.end": (('StandupScreen', 'e'), ('WalkthroughScreen', 'e')),
    "meeting.minutes": (('StandupScreen', 'm'), ('WalkthroughScreen', 'm')),
    "meeting.decide": (('StandupScreen', 'd'), ('WalkthroughScreen', 'd')),
    "meeting.end-yes": (('EndMeetingScreen', 'y'),),
    "meeting.end-no": (('EndMeetingScreen', 'n,escape'),),
    "meeting-setup.cancel": (('MeetingSetupScreen', 'escape'),),
    "tactics.confidence": (('TacticsScreen', 'c'),),
    "tactics.previous_table": (('TacticsScreen', 'left_square_bracket'),),
    "tactics.next_table": (('TacticsScreen', 'right_square_bracket'),),
    "walkthrough.box": (('WalkthroughScreen', 'b'),),
    "weekly.previous": (('WeeklyScreen', 'left'),),
    "weekly.next": (('WeeklyScreen', 'right'),),
    "weekly.today": (('WeeklyScreen', 't'),),
    "weekly.pod": (('WeeklyScreen', 'f'),),
    "weekly.search": (('WeeklyScreen', 'slash'),),
    "welcome.demo": (('WelcomeScreen', 'd'),),
    "welcome.login": (('WelcomeScreen', 'l'),),
    "welcome.reset_demo": (('WelcomeScreen', 'r'),),
    "welcome.setup": (('WelcomeScreen', 'c'),),
    "setup.next": (('SetupScreen', 'n'),),
    "setup.back": (('SetupScreen', 'escape'),),
    "setup.pattern": (('SetupScreen', 'p'),),
    "setup.write": (('SetupScreen', 'w'),),
    "setup.leave": (('SetupScreen', 'q,ctrl+c'),),
}
"""Binding id → ((where it applies, default keys), …): `app`, or the screen or widget class that declares it."""


def problems_of(keymap: dict[str, str]) -> list[tuple[str, str]]:
    """(binding id, what is wrong and what is allowed) for each unknown id and each clash a `[keys]` table holds."""
    import difflib

    found = []
    for binding_id in keymap:
        if binding_id not in BINDINGS:
            close = difflib.get_close_matches(binding_id, list(BINDINGS), n=1, cutoff=0.6)
            hint = f"; did you mean `{close[0]}`?" if close else ""
            text = f'keys."{binding_id}" is not a key binding id{hint} (press ? in the app: the list shows each key\'s id)'
            found.append((binding_id, text))
    known = {binding_id: keys for binding_id, keys in keymap.items() if binding_id in BINDINGS}
    others: dict[tuple[str, str], list[str]] = {}
    for binding_id, key, other in clashes(known):
        if (other, key) not in others:
            others.setdefault((binding_id, key), []).append(other)
    for (binding_id, key), taken_by in others.items():
        text = (
            f'keys."{binding_id}" = "{keymap[binding_id]}" is not allowed: it must be a key no other binding '
            f'on the same screen has: "{key}" already belongs to {", ".join(taken_by)}'
        )
        found.append((binding_id, text))
    return found


def keys_of(value: str) -> set[str]:
    """`"ctrl+r, f5"` → {"ctrl+r", "f5"}."""
    return {key.strip() for key in value.split(",") if key.strip()}


def clashes(keymap: dict[str, str]) -> list[tuple[str, str, str]]:
    """(configured id, key, other id) for each key the config gives a binding that another in the same place has.

    Two bindings are in the same place when the same screen (or the app)
    declares both: one key could only ever reach one of them. A screen's own
    binding may take a key the app uses elsewhere (the outbox's `s` sends,
    everywhere else it syncs), so those are not clashes. Pairs that share a key
    by default (Home's `1` and the card's `1` in client-safe mode, never
    active together) are left as they are.
    """
    found = []
    for configured, value in keymap.items():
        if configured not in BINDINGS:
            continue
        for key in sorted(keys_of(value)):
            for other in BINDINGS:
                if other == configured or not _same_place(configured, other):
                    continue
                if key in _effective(other, keymap) and key not in _defaults(configured) & _defaults(other):
                    found.append((configured, key, other))
    return found


def _effective(binding_id: str, keymap: dict[str, str]) -> set[str]:
    return keys_of(keymap[binding_id]) if binding_id in keymap else _defaults(binding_id)


def _defaults(binding_id: str) -> set[str]:
    return set().union(*(keys_of(keys) for _, keys in BINDINGS[binding_id]))


def _same_place(one: str, other: str) -> bool:
    return bool({place for place, _ in BINDINGS[one]} & {place for place, _ in BINDINGS[other]})
