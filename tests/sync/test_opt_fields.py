"""Every field podview asks Asana for is one the operation allows (asana_oas.yaml)."""

from __future__ import annotations

import pytest

from podview.sync import dump
from tests.fake_asana import openapi


@pytest.fixture(scope="module")
def allowed():
    spec = openapi.spec()

    def fields(path: str) -> set[str]:
        for parameter in spec["paths"][path]["get"]["parameters"]:
            if isinstance(parameter, dict) and parameter.get("name") == "opt_fields":
                return set(parameter["schema"]["items"]["enum"])
        raise AssertionError(f"{path} takes no opt_fields")

    return fields


@pytest.mark.parametrize(
    "path, asked",
    [
        ("/workspaces/{workspace_gid}/teams", dump.TEAM_FIELDS),
        ("/teams/{team_gid}/users", dump.USER_FIELDS),
        ("/teams/{team_gid}/projects", dump.PROJECT_FIELDS),
        ("/projects/{project_gid}/tasks", dump.TASK_FIELDS),
        ("/tasks", dump.TASK_FIELDS),
        ("/tasks/{task_gid}", dump.TASK_FIELDS),
        ("/goals", dump.GOAL_FIELDS),
        ("/goals/{goal_gid}", dump.GOAL_FIELDS),
        ("/status_updates", dump.STATUS_UPDATE_FIELDS),
        ("/tasks/{task_gid}/stories", dump.STORY_FIELDS),
    ],
)
def test_requested_fields_are_allowed(allowed, path, asked):
    assert set(asked) - allowed(path) == set()
