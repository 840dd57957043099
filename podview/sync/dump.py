"""A whole workspace as Asana's API returns it, gathered in one JSON object.

The demo generator writes this shape, the loader maps it into the cache with
the same mapper a live sync uses, and the test server serves it. Every record
is exactly what the named endpoint returns under `data` when asked for the
`opt_fields` below (see Asana's OpenAPI description, asana_oas.yaml).
"""

from __future__ import annotations

from typing import Any, TypedDict

Record = dict[str, Any]

USER_FIELDS = ("name", "email")
TEAM_FIELDS = ("name",)
PROJECT_FIELDS = (
    "name",
    "archived",
    "modified_at",
    "team.name",
    "custom_fields.name",
    "custom_fields.type",
    "custom_fields.enum_value.name",
    "custom_fields.number_value",
    "custom_fields.text_value",
    "custom_fields.date_value",
    "custom_fields.display_value",
    "current_status_update.title",
    "custom_field_settings.custom_field.name",
    "custom_field_settings.custom_field.type",
    "custom_field_settings.custom_field.enum_options.name",
    "custom_field_settings.custom_field.enum_options.enabled",
)
TRAINING_PROJECT_FIELDS = ("name", "archived", "modified_at", "team.name")
CUSTOM_FIELD_SETTING_FIELDS = (
    "custom_field.name",
    "custom_field.type",
    "custom_field.resource_subtype",
    "custom_field.enum_options.name",
    "custom_field.enum_options.enabled",
)
SECTION_FIELDS = ("name",)
TASK_FIELDS = (
    "name",
    "resource_subtype",
    "assignee.name",
    "completed",
    "completed_at",
    "created_at",
    "modified_at",
    "due_on",
    "due_at",
    "parent",
    "memberships.project.name",
    "memberships.section.name",
    "custom_fields.name",
    "custom_fields.type",
    "custom_fields.resource_subtype",
    "custom_fields.enum_value.name",
    "custom_fields.number_value",
    "custom_fields.text_value",
    "custom_fields.date_value",
    "custom_fields.display_value",
)
GOAL_FIELDS = (
    "name",
    "owner.name",
    "start_on",
    "due_on",
    "status",
    "time_period.start_on",
    "time_period.end_on",
    "time_period.period",
    "time_period.display_name",
    "metric.resource_subtype",
    "metric.unit",
    "metric.currency_code",
    "metric.precision",
    "metric.initial_number_value",
    "metric.current_number_value",
    "metric.target_number_value",
)
STATUS_UPDATE_FIELDS = (
    "status_type",
    "title",
    "text",
    "created_at",
    "author.name",
    "parent.name",
    "resource_subtype",
)
STORY_FIELDS = ("created_at", "resource_subtype", "type", "old_dates.due_on", "new_dates.due_on")


class AsanaDump(TypedDict):
    """One workspace, keyed the way a sync walks it.

    - `workspace`: GET /workspaces/{gid} (`name`, `is_organization`).
    - `me`: GET /users/me.
    - `teams`: GET /workspaces/{gid}/teams (TEAM_FIELDS).
    - `team_users`: team gid → GET /teams/{gid}/users (USER_FIELDS).
    - `team_projects`: team gid → GET /teams/{gid}/projects?archived=false (PROJECT_FIELDS); every
      team's projects, together GET /workspaces/{gid}/projects (where training projects are found).
    - `custom_field_settings`: project gid → GET /projects/{gid}/custom_field_settings.
    - `sections`: project gid → GET /projects/{gid}/sections.
    - `tasks`: project gid → GET /projects/{gid}/tasks (TASK_FIELDS); a multi-homed task appears under each of its projects.
    - `goals`: project gid → GET /goals?project= then GET /goals/{gid} (GOAL_FIELDS).
    - `status_updates`: parent gid (project or goal) → GET /status_updates?parent= (newest first);
      a project's newest one is its health, since the project listing cannot return `status_type`.
    - `stories`: task gid → GET /tasks/{gid}/stories (STORY_FIELDS), only `due_date_changed` ones matter.
    """

    workspace: Record
    me: Record
    teams: list[Record]
    team_users: dict[str, list[Record]]
    team_projects: dict[str, list[Record]]
    custom_field_settings: dict[str, list[Record]]
    sections: dict[str, list[Record]]
    tasks: dict[str, list[Record]]
    goals: dict[str, list[Record]]
    status_updates: dict[str, list[Record]]
    stories: dict[str, list[Record]]
