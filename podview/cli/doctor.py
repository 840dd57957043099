"""`podview doctor`: checks the token, the config, how the config maps onto the Asana workspace, and the cache.

The checks themselves are pure functions (sync/doctor.py, sync/doctor_fields.py)
over what one survey of the workspace read (sync/survey.py); this module
reads, runs them in order, and prints them as a table or as one JSON object.
Exit codes follow cli.md: 0 everything the screens need is there, 1 a config
error (or no token), 2 Asana unreachable or refusing, 3 something a screen
needs is missing (the rest still works).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from podview.cli.common import EXIT_USAGE, NO_TOKEN, cache_path, command

MARKS = {"ok": "✓", "note": "•", "missing": "!", "error": "✗", "skipped": "–"}


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `podview doctor`."""
    doctor = commands.add_parser(
        "doctor",
        parents=[common],
        help="check the token, the config, how it maps onto your Asana workspace, and the cache",
        description=(
            "Check, in order: the token (where from, whose, which workspaces); the config (file, every mapped name); "
            "the workspace (pods and how they are found, members, client projects, training projects); each [fields] "
            "key (found, gid, type, options); the sections; what each screen will lack; the cache. Exit 0 when "
            "everything the screens need is there, 3 when something is missing, 2 when Asana is unreachable or "
            "refuses the token, 1 on a config error."
        ),
    )
    doctor.add_argument("--format", choices=("table", "json"), help="table (on a terminal) or json (otherwise)")
    doctor.set_defaults(handler=command(run))


def run(args: argparse.Namespace) -> int:
    """Run every check, print them, and return the exit code."""
    from podview.cli.output import default_format, emit, emit_json, table_width
    from podview.sync.doctor import exit_code

    checks, forced = diagnose(cache_path(args))
    code = forced if forced is not None else exit_code(checks)
    if default_format(args) == "json":
        emit_json({**{check.key: check.as_json() for check in checks}, "exit": code})
    else:
        emit(render(checks, code, table_width()))
    return code


def diagnose(cache: Path) -> tuple[list[Any], int | None]:
    """The checks in cli.md's order, and an exit code that overrides theirs (no token: 1)."""
    from podview.cache.health import cache_health
    from podview.config import ConfigError, load_config
    from podview.sync.auth import TokenError, resolve_token
    from podview.sync.doctor import check_cache, check_config, config_failed, skipped, token_failed

    config, config_check = None, None
    try:
        config = load_config()
        config_check = check_config(config)
    except ConfigError as error:
        config_check = config_failed(str(error))
    forced = None
    try:
        token = resolve_token()
    except TokenError as error:
        token, forced = None, EXIT_USAGE
        asana = [token_failed(None, "error", str(error), "")]
    else:
        if token is None:
            forced = EXIT_USAGE
            asana = [token_failed(None, "error", "no token", NO_TOKEN)]
        else:
            asana = _asana(token, config)
    checks = [asana[0], config_check, *asana[1:]]
    if len(asana) == 1:
        why = "fix the config first" if config is None else "Asana could not be asked"
        checks += [skipped(key, title, why) for key, title in (("workspace", "Workspace"), ("fields", "Fields"), ("sections", "Sections"))]
    from podview.sync.doctor import check_screens

    checks.append(check_screens(checks))
    checks.append(check_cache(cache_health(cache)))
    return checks, forced


def _asana(token: Any, config: Any) -> list[Any]:
    """The token check, then (with a config) the workspace, fields and sections checks, from one survey."""
    import asyncio

    from podview.config import ConfigError
    from podview.sync.client import AsanaClient
    from podview.sync.doctor import check_sections, check_token, check_workspace, token_failed
    from podview.sync.doctor_fields import check_fields
    from podview.sync.errors import AsanaError, AuthError
    from podview.sync.survey import ME_FIELDS, survey

    async def go() -> tuple[dict, Any]:
        async with AsanaClient(token.value, max_retries=2, timeout=20) as client:
            me = await client.get("/users/me", fields=ME_FIELDS) or {}
            return me, (await survey(client, config, me=me) if config is not None else None)

    try:
        me, found = asyncio.run(go())
    except ConfigError as error:
        return [token_failed(token.source, "error", str(error), "fix PODVIEW_ASANA_URL")]
    except AuthError as error:
        return [token_failed(token.source, "error", str(error), "run `podview auth login` with a new personal access token")]
    except AsanaError as error:
        return [token_failed(token.source, "error", f"Asana could not be asked: {error}", "check the network, then run `podview doctor` again")]
    if found is None:
        return [check_token(token.source, me)]
    return [check_token(token.source, me), check_workspace(found, config), check_fields(found, config), check_sections(found, config)]


def render(checks: list[Any], code: int, width: int) -> str:
    """Every check as a heading and a table of its findings, fitted to `width`, then the verdict."""
    from podview.report.render import grid
    from podview.report.sections import Column

    columns = (
        Column("", lambda row: row["mark"]),
        Column("check", lambda row: row["item"], flexible=True),
        Column("found", lambda row: row["says"], flexible=True, wrap=True),
        Column("to do", lambda row: row["todo"], flexible=True, wrap=True),
    )
    out: list[str] = []
    for check in checks:
        out += ["", f"{MARKS[check.status]} {check.title}"]
        if check.skipped:
            out.append(f"  not checked: {check.skipped}")
            continue
        rows = [{"mark": MARKS[f.level], "item": f.item, "says": f.says, "todo": f.todo or ""} for f in check.findings]
        out += ["  " + line for row in grid(columns, rows, width - 2)[2:] for line in row.split("\n")]
    import textwrap

    out += ["", *textwrap.wrap(VERDICTS[code], width)]
    return "\n".join(out[1:])


VERDICTS = {
    0: "Everything the screens need is there.",
    1: "The config or the token needs fixing first (exit 1).",
    2: "Asana could not be reached or refused the token (exit 2); the checks of the workspace did not run.",
    3: "Something a screen needs is missing (exit 3): see the ! and ✗ lines; the rest works.",
}
