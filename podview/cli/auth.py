"""`podview auth login | logout | status`: the Asana token, checked against Asana and kept in the keyring.

A token is only stored once GET /users/me accepts it, so a typo never ends
up in the keyring; the token itself is never printed. The client and httpx
are imported only when a command talks to Asana.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TextIO

from podview.cli.common import EXIT_ASANA, EXIT_OK, EXIT_USAGE, NO_TOKEN, command


def add_parser(commands: Any) -> None:
    """Register `podview auth` and its three actions."""
    auth = commands.add_parser("auth", help="log in to Asana with a personal access token", description="Manage the Asana token.")
    actions = auth.add_subparsers(dest="auth_command", metavar="ACTION", required=True)
    login = actions.add_parser("login", help="store a personal access token in the system keyring (asked without echo)")
    login.add_argument("--with-token", action="store_true", help="read the token from standard input (scripts, password managers)")
    login.set_defaults(handler=command(lambda args: run_login(with_token=args.with_token)))
    actions.add_parser("logout", help="remove the stored token").set_defaults(handler=command(lambda args: run_logout()))
    actions.add_parser("status", help="who the token belongs to, and where it comes from").set_defaults(handler=command(lambda args: run_status()))


def run_login(
    err: TextIO | None = None,
    out: TextIO | None = None,
    ask: Callable[[str], str] | None = None,
    *,
    with_token: bool = False,
    stdin: TextIO | None = None,
) -> int:
    """Check a personal access token with GET /users/me, then keep it in the keyring.

    The token is asked for without echo (`ask`, getpass by default), or with
    `with_token` read from standard input, all of it (as `gh auth login
    --with-token` does): no prompt, nothing printed but the outcome, for
    scripts and password managers.
    """
    from podview.sync.auth import TokenError, store_token
    from podview.sync.errors import AsanaError

    err, out = err or sys.stderr, out or sys.stdout
    if refused_url(err):
        return EXIT_USAGE
    if with_token:
        token = _token_from(stdin or sys.stdin, err)
        if not token:
            print("podview: no token on standard input; nothing stored. Pipe it in: podview auth login --with-token < token.txt", file=err)
            return EXIT_USAGE
    else:
        if ask is None:
            import getpass

            ask = getpass.getpass
        print("Create a personal access token in Asana: My settings → Apps → Developer apps.", file=out)
        try:
            token = ask("Asana personal access token: ").strip()
        except (EOFError, KeyboardInterrupt):
            print("\npodview: login cancelled; nothing stored.", file=err)
            return EXIT_USAGE
        if not token:
            print("podview: no token given; nothing stored.", file=err)
            return EXIT_USAGE
    if not (token.isascii() and token.isprintable()) or any(c.isspace() for c in token):
        print("podview: that is not one token (it has spaces, several lines or unusual characters); nothing stored.", file=err)
        return EXIT_USAGE
    try:
        me = _whoami(token)
    except AsanaError as error:
        print(f"podview: the token was not stored: {error}", file=err)
        return EXIT_ASANA
    try:
        where = store_token(token)
    except TokenError as error:
        print(f"podview: {error}", file=err)
        return EXIT_USAGE
    print(f"Logged in as {_who(me)}; the token is kept in {where}.", file=out)
    return EXIT_OK


def _token_from(stdin: TextIO | None, err: TextIO) -> str:
    """All of standard input, stripped ("" when there is none)."""
    if stdin is None:
        return ""
    if stdin.isatty():
        print("podview: reading the token from standard input; paste it, then press Ctrl-D.", file=err)
    return stdin.read().strip()


def run_logout(err: TextIO | None = None, out: TextIO | None = None) -> int:
    """Remove the stored token."""
    from podview.sync.auth import TokenError, forget_token, keyring_name

    err, out = err or sys.stderr, out or sys.stdout
    try:
        removed = forget_token()
        where = keyring_name()
    except TokenError as error:
        print(f"podview: {error}", file=err)
        return EXIT_USAGE
    print(f"Logged out: the token was removed from {where}." if removed else f"No token was stored in {where}.", file=out)
    return EXIT_OK


def run_status(err: TextIO | None = None, out: TextIO | None = None) -> int:
    """Who the token belongs to, their workspaces, and where the token comes from."""
    from podview.sync.auth import resolve_token
    from podview.sync.errors import AsanaError

    err, out = err or sys.stderr, out or sys.stdout
    if refused_url(err):
        return EXIT_USAGE
    token = resolve_token()
    if token is None:
        print(f"Not logged in. {NO_TOKEN}", file=out)
        return EXIT_USAGE
    try:
        me = _whoami(token.value)
    except AsanaError as error:
        print(f"podview: the token from {token.source} does not work: {error}", file=err)
        return EXIT_ASANA
    spaces = ", ".join(w.get("name") or w["gid"] for w in me.get("workspaces") or []) or "none"
    print(f"Logged in as {_who(me)}\nWorkspaces: {spaces}\nToken from: {token.source}", file=out)
    return EXIT_OK


def refused_url(err: TextIO) -> bool:
    """Say so when PODVIEW_ASANA_URL would carry the token in clear (checked before a token is asked for or sent)."""
    from podview.sync.errors import AsanaURLError
    from podview.sync.url import base_url

    try:
        base_url()
    except AsanaURLError as error:
        print(f"podview: {error}", file=err)
        return True
    return False


def _whoami(token: str) -> dict:
    """GET /users/me with `token`: the user's name, email and workspaces."""
    import asyncio

    from podview.sync.client import AsanaClient

    async def go() -> dict:
        async with AsanaClient(token, max_retries=2) as client:
            return await client.get("/users/me", fields=("name", "email", "workspaces.name")) or {}

    return asyncio.run(go())


def _who(me: dict) -> str:
    email = f" <{me['email']}>" if me.get("email") else ""
    return f"{me.get('name') or 'unknown user'}{email}"
