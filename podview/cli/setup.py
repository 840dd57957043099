"""`podview setup`: read the workspace, propose a config that maps it, and (in the TUI) let the user confirm it step by step.

`--print` prints the proposed TOML for scripts and writes nothing; without
it the setup screens open (podview/screens/setup.py), which read the
workspace in a worker themselves. Exit codes follow cli.md: 0 proposed, 1 no
token or a usage error, 2 Asana unreachable or refusing the token, 3 a
proposal that finds no pod (printed all the same, with what to do).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from podview.cli.common import EXIT_ASANA, EXIT_OK, EXIT_PARTIAL, NO_TOKEN, UserError, command


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `podview setup`."""
    setup = commands.add_parser(
        "setup",
        parents=[common],
        help="read your Asana workspace and propose a config that maps its names; confirm each choice, then write it",
        description=(
            "Read the workspace and propose a config: the pod teams, each field and option mapped to the workspace's "
            "own names (by name, type and option labels), the sections, the training projects, the time zone. "
            "The setup screens show each choice with what it was made from; the config is written only when you "
            "confirm, never over an existing file without asking (the old one is kept as config.toml.bak). "
            "--print only prints the proposed TOML."
        ),
    )
    setup.add_argument("--print", action="store_true", dest="print_only", help="print the proposed config (TOML) and write nothing")
    setup.set_defaults(handler=command(run))


def run(args: argparse.Namespace) -> int:
    """`--print`: the proposal as TOML; else the setup screens."""
    from podview.config import default_config_path

    if not args.print_only:
        if not sys.stdout.isatty():
            raise UserError("the setup screens need a terminal; for scripts use `podview setup --print > config.toml`")
        from podview.tui import run_setup

        return run_setup(default_config_path(), existing_config())
    from podview.config.write import existing_document
    from podview.dates import local_zone_name
    from podview.sync.proposal_toml import to_toml

    found = propose_now(existing_config(), local_zone_name())
    if isinstance(found, int):
        return found
    proposal = found
    print(to_toml(proposal, existing_document(default_config_path())), end="")
    if proposal.problem or not proposal.pods.ticked:
        why = proposal.problem or "no team holds projects that look like clients"
        print(f"podview: no pod proposed: {why}. Edit [pods] in the file (teams = [\"…\"]), or run `podview setup` to tick them.", file=sys.stderr)
        return EXIT_PARTIAL
    return EXIT_OK


def existing_config() -> Any:
    """The config as it is now (its workspace choice is kept); None when it cannot be read, which setup is here to fix."""
    from podview.config import ConfigError, load_config

    try:
        return load_config()
    except ConfigError as error:
        print(f"podview: the current config is not used: {error}", file=sys.stderr)
        return None


def propose_now(existing: Any, timezone: str) -> Any:
    """The Proposal read from Asana with the user's token, or an exit code after saying why not."""
    import asyncio

    from podview.config import ConfigError
    from podview.sync.auth import resolve_token
    from podview.sync.client import AsanaClient
    from podview.sync.errors import AsanaError, AuthError
    from podview.sync.proposal import read_and_propose

    token = resolve_token()
    if token is None:
        raise UserError(NO_TOKEN)

    async def go() -> Any:
        async with AsanaClient(token.value, max_retries=2, timeout=20) as client:
            return (await read_and_propose(client, existing, timezone))[1]

    try:
        return asyncio.run(go())
    except ConfigError as error:
        raise UserError(f"{error}; fix PODVIEW_ASANA_URL") from None
    except AuthError as error:
        print(f"podview: Asana refused the token ({token.source}): {error}. Run `podview auth login` with a new personal access token.", file=sys.stderr)
    except AsanaError as error:
        print(f"podview: Asana could not be asked: {error}. Check the network, then run `podview setup` again.", file=sys.stderr)
    return EXIT_ASANA
