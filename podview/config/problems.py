"""Collecting every mistake of one config file, and saying each so it can be fixed in one edit.

Each line names the file, the key, the value as it was written and what is
allowed; an unknown key gets the closest valid name (a sibling first, else
the same name under another table) and the list of valid ones.
"""

from __future__ import annotations

from podview.config.schema import ALL_PATHS, AnyKeys, Invalid


class ConfigError(Exception):
    """The config file (or an environment override) is wrong; the message names file, key, and what is allowed."""


class Problems:
    """Collects every mistake of one file, so a user can fix them all in one edit.

    Per-key lines follow the file's order, checks between keys come after;
    each line names the file so it stands alone when printed after others.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.lines: list[str] = []
        self.bad_keys: set[str] = set()

    def invalid(self, key: str, value: object, bad: Invalid) -> None:
        """Record a refused value with what was found and what is allowed."""
        found = f" ({bad.found})" if bad.found else ""
        self.bad_keys.add(key)
        self.lines.append(
            f"{self.source}: {key} = {show(value)}{found} is not allowed: it must be {bad.allowed}"
        )

    def unknown(self, key: str, value: object, schema: dict) -> None:
        """Record an unknown key or table, with the closest valid name and all the valid ones."""
        if isinstance(value, dict):
            what = f"[{key}] is not a known table"
        else:
            what = f"{key} is not a known key"
        hint = _suggest(key.rsplit(".", 1)[-1], list(schema))
        scope = key.rpartition(".")[0]
        names = [_display(scope, name, rule) for name, rule in schema.items()]
        allowed = f"[{scope}] allows" if scope else "the top level allows"
        self.lines.append(f"{self.source}: {what}{hint} ({allowed}: {', '.join(names)})")

    def raise_if_any(self) -> None:
        """Raise all collected mistakes together, one per line."""
        if self.lines:
            raise ConfigError("\n".join(self.lines))


def _display(scope: str, name: str, rule: object) -> str:
    """How a schema entry is listed to the user: tables in brackets with their full name."""
    if not isinstance(rule, (dict, AnyKeys)):
        return name
    return f"[{scope}.{name}]" if scope else f"[{name}]"


def _suggest(name: str, known: list[str]) -> str:
    """`; did you mean `x`?` for a likely typo: a sibling key first, else the same name elsewhere.

    The second search catches a key put under the wrong table (or before any
    table header), which a plain typo check among siblings cannot; it only
    accepts near-exact names, since across ~40 keys a loose match is noise.
    """
    import difflib

    close = difflib.get_close_matches(name, known, n=1)
    if close:
        return f"; did you mean `{close[0]}`?"
    elsewhere = [path for path in ALL_PATHS if path.rsplit(".", 1)[-1] == name]
    if not elsewhere:
        tails = {path.rsplit(".", 1)[-1] for path in ALL_PATHS}
        guess = difflib.get_close_matches(name, sorted(tails), n=1, cutoff=0.85)
        elsewhere = [path for path in ALL_PATHS if guess and path.rsplit(".", 1)[-1] == guess[0]]
    if not elsewhere:
        return ""
    return "; did you mean " + " or ".join(f"`{path}`" for path in elsewhere) + "?"


def show(value: object) -> str:
    """A value as it would be written in TOML, kept to one short line for an error message."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = '"' + "".join(_escape(char) for char in value) + '"'
    elif isinstance(value, (list, tuple)):
        text = "[" + ", ".join(show(item) for item in value) + "]"
    elif isinstance(value, dict):
        text = "{ " + ", ".join(f"{key} = {show(item)}" for key, item in value.items()) + " }"
    elif hasattr(value, "isoformat"):
        text = value.isoformat()
    else:
        text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def _escape(char: str) -> str:
    """TOML's escape for one character, so control characters stay visible on one line."""
    if char in _ESCAPES:
        return _ESCAPES[char]
    return f"\\u{ord(char):04X}" if ord(char) < 0x20 or ord(char) == 0x7F else char
