"""What the setup screens and the welcome screen ask of Asana, with the user's token: a proposal, or whether any pod is found.

Both run in workers of the screens; every way they can fail is turned into
one SetupReadError saying what happened and what to do, so a screen shows a
message and never a traceback.
"""

from __future__ import annotations

from podview.config import Config, ConfigError
from podview.sync.auth import TokenError, resolve_token
from podview.sync.client import AsanaClient
from podview.sync.errors import AsanaError, AuthError
from podview.sync.mapper import Mapper
from podview.sync.proposal import Proposal, read_and_propose
from podview.sync.survey import Survey, choose_workspace

NO_TOKEN = "No Asana token: run `podview auth login` in a terminal, then open setup again."


class SetupReadError(Exception):
    """Asana could not be read for setup; the message says why and what to do."""


async def read_for_setup(existing: Config | None, timezone: str) -> tuple[Survey, Proposal]:
    """Survey the workspace with the user's token and propose a config from it."""
    async with _client() as client:
        return await _asked(read_and_propose(client, existing, timezone))


async def pods_found(config: Config) -> int | None:
    """How many teams the config's `[pods]` picks in the workspace; None when there is no token or no workspace to ask."""
    try:
        token = resolve_token()
    except TokenError:
        return None
    if token is None:
        return None
    try:
        async with AsanaClient(token.value, max_retries=1, timeout=15) as client:
            spaces = await client.get_all("/workspaces", fields=("name", "is_organization"))
            space, _ = choose_workspace([s for s in spaces if s.get("gid")], config.asana.workspace)
            if space is None or space.get("is_organization") is False:
                return 0
            teams = await client.get_all(f"/workspaces/{space['gid']}/teams", fields=("name",))
    except (AsanaError, ConfigError):
        return None
    mapper = Mapper(config)
    return sum(1 for team in teams if mapper.is_pod(team))


def _client() -> AsanaClient:
    try:
        token = resolve_token()
    except TokenError as error:
        raise SetupReadError(str(error)) from None
    if token is None:
        raise SetupReadError(NO_TOKEN)
    try:
        return AsanaClient(token.value, max_retries=2, timeout=20)
    except ConfigError as error:
        raise SetupReadError(f"{error}; fix PODVIEW_ASANA_URL") from None


async def _asked(awaitable):
    try:
        return await awaitable
    except AuthError as error:
        raise SetupReadError(f"Asana refused the token: {error}. Run `podview auth login` with a new personal access token.") from None
    except AsanaError as error:
        raise SetupReadError(f"Asana could not be asked: {error}. Check the network, then try again.") from None
