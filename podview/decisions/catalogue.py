"""The custom fields, enum options and sections of client projects, as writes need them.

Writing `Result = Win` or `Type = Action item` takes the gids of the field
and of the option, and filing an action item in `Action items` takes the
section's gid. A sync keeps each client's field settings and the sections its
tasks sit in; what the cache lacks is read from Asana once per project per
sender (two GETs at most) and kept in memory.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

from podview.decisions.common import DecisionError
from podview.sync.dump import CUSTOM_FIELD_SETTING_FIELDS, SECTION_FIELDS
from podview.sync.mapper import norm


class CatalogueError(DecisionError):
    """The project lacks a field or option a decision writes; the message names it and the config key."""


@dataclass(frozen=True)
class FieldInfo:
    """One custom field of a project: its gid, type, and enabled options by normalised name."""

    gid: str
    name: str
    type: str
    options: dict[str, str] = field(default_factory=dict)


@dataclass
class ProjectCatalogue:
    """What one project offers to write into."""

    project_gid: str
    fields: dict[str, FieldInfo]
    sections: dict[str, str] | None = None
    """Section gid → name; None until asked for."""

    def field(self, name: str) -> FieldInfo | None:
        """The field named `name` (case and surrounding spaces ignored)."""
        return self.fields.get(norm(name))

    def require(self, name: str, config_key: str) -> FieldInfo:
        """The field named `name`, or CatalogueError saying how to fix its absence."""
        info = self.field(name)
        if info is None:
            raise CatalogueError(
                f"project {self.project_gid} has no custom field {name!r}; add it to the project in Asana, "
                f"or set [fields] {config_key} in the config to the field's name"
            )
        return info

    def option(self, name: str, config_key: str, option: str, option_key: str) -> tuple[str, str]:
        """(field gid, option gid) of an enum option, or CatalogueError."""
        info = self.require(name, config_key)
        gid = info.options.get(norm(option))
        if gid is None:
            raise CatalogueError(
                f"the {name!r} field of project {self.project_gid} has no enabled option {option!r}; "
                f"add it in Asana, or set [fields] {option_key} to the option's name"
            )
        return info.gid, gid

    def section(self, name: str) -> str | None:
        """The gid of the section named `name`, if the project has one."""
        for gid, section_name in (self.sections or {}).items():
            if norm(section_name) == norm(name):
                return gid
        return None


class Catalogue:
    """Project catalogues read through one AsanaClient, each at most once."""

    def __init__(self, client: Any, db: Any = None, action_items_section: str | None = None) -> None:
        self.client = client
        self.db = db
        self._sections_wanted = action_items_section
        """The section name writes look for; cached sections count only if they hold it."""
        self.requests = 0
        self._projects: dict[str, ProjectCatalogue] = {}

    def get(self, project_gid: str) -> ProjectCatalogue | None:
        """A catalogue read earlier, if any."""
        return self._projects.get(project_gid)

    async def load(self, needs: dict[str, bool]) -> dict[str, Exception]:
        """Read the projects in `needs` (gid → whether sections are needed too) not read yet.

        Returns the projects Asana refused to list (deleted, out of reach, a
        paid feature…) with its error; AuthError and AsanaUnreachable propagate.
        """
        from podview.sync.errors import AsanaError, AsanaUnreachable, AuthError

        for gid, sections in needs.items():
            self._from_cache(gid, sections)
        todo = {gid: sections for gid, sections in needs.items() if self._missing(gid, sections)}
        outcomes = await asyncio.gather(*(self._read(gid, sections) for gid, sections in todo.items()), return_exceptions=True)
        problems: dict[str, Exception] = {}
        for gid, outcome in zip(todo, outcomes):
            if isinstance(outcome, AsanaError) and not isinstance(outcome, (AsanaUnreachable, AuthError)):
                problems[gid] = outcome
            elif isinstance(outcome, BaseException):
                raise outcome
        return problems

    def _missing(self, gid: str, sections: bool) -> bool:
        known = self._projects.get(gid)
        return known is None or (sections and known.sections is None)

    def _from_cache(self, gid: str, sections: bool) -> None:
        """What the last sync kept: field settings always, sections when some task showed them."""
        if self.db is None or gid in self._projects:
            return
        row = self.db.execute("SELECT field_settings FROM clients WHERE gid = ?", [gid]).fetchone()
        if not row or not row[0]:
            return
        known = self._projects[gid] = ProjectCatalogue(gid, _fields(json.loads(row[0])))
        listed = self.db.execute("SELECT gid, name FROM sections WHERE client_gid = ?", [gid]).fetchall()
        wanted = norm(self._sections_wanted) if self._sections_wanted else None
        if listed and (wanted is None or any(norm(name) == wanted for _, name in listed)):
            known.sections = {str(section_gid): name or "" for section_gid, name in listed}

    async def _read(self, gid: str, sections: bool) -> None:
        self._from_cache(gid, sections)
        known = self._projects.get(gid)
        if known is None:
            settings = await self.client.get_all(f"/projects/{gid}/custom_field_settings", fields=CUSTOM_FIELD_SETTING_FIELDS)
            self.requests += 1
            known = self._projects[gid] = ProjectCatalogue(gid, _fields(settings))
        if sections and known.sections is None:
            listed = await self.client.get_all(f"/projects/{gid}/sections", fields=SECTION_FIELDS)
            self.requests += 1
            known.sections = {str(s["gid"]): s.get("name") or "" for s in listed if s.get("gid")}


def _fields(settings: list[dict]) -> dict[str, FieldInfo]:
    """Fields by normalised name; the first of two same-named fields wins, disabled options are left out."""
    out: dict[str, FieldInfo] = {}
    for setting in settings:
        custom = setting.get("custom_field") if isinstance(setting, dict) else None
        if not isinstance(custom, dict) or custom.get("gid") is None:
            continue
        key = norm(custom.get("name"))
        if key in out:
            continue
        options = {
            norm(option.get("name")): str(option["gid"])
            for option in custom.get("enum_options") or []
            if isinstance(option, dict) and option.get("gid") and option.get("enabled", True) is not False
        }
        out[key] = FieldInfo(str(custom["gid"]), custom.get("name") or "", custom.get("resource_subtype") or custom.get("type") or "", options)
    return out
