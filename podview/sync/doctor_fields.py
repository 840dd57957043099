"""`podview doctor`'s check of each `[fields]` key against the custom fields the workspace really has.

For every key: is a field of that name there (on the client projects, or on
the training projects for `score`), its gid, its type against the type
podview needs, whether two fields share the name, and for the enum fields
each option podview looks for. What a screen lacks when a key is not met is
said the way a person meets it ("Tactics: no Confidence field: every decided
test counts at any confidence").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from podview.config import Config
from podview.sync.doctor import Check, q
from podview.sync.mapper import Mapper
from podview.sync.survey import Survey
from podview.sync.values import norm


@dataclass(frozen=True)
class Need:
    """What podview needs of one `[fields]` key: where the field sits, its types, its options, and what is lost without it."""

    key: str
    where: str
    """`task` (a client project's field settings), `project` (the client project's own fields) or `training`."""
    types: tuple[str, ...]
    lack: str
    """`Screen: what it lacks`; `{name}` is the configured name."""
    options: tuple[tuple[str, str], ...] = ()
    """(option key, `Screen: what it lacks`) for an enum field."""


NEEDS = (
    Need("type", "task", ("enum",), "Weekly goals: no {name} field: weekly goals and tactics are found only by their section", (
        ("weekly_goal", "Weekly goals: no {option} option: no weekly goal is found in projects with the {name} field"),
        ("tactic_option", "Tactics: no {option} option: no tactic is found in projects with the {name} field"),
        ("action_item", "Decisions: no {option} option: action items cannot be created"),
    )),
    Need("tactic", "task", ("enum", "text"), "Tactics: no {name} field: tactics are not told apart by kind"),
    Need("result", "task", ("enum",), "Tactics: no {name} field: every tactic counts as running, none won or lost", (
        ("win", "Tactics: no {option} option: no test counts as a win, and recording a win fails"),
        ("loss", "Tactics: no {option} option: no test counts as a loss, and recording a loss fails"),
        ("inconclusive", "Tactics: no {option} option: recording an inconclusive result fails"),
    )),
    Need("confidence", "task", ("number",), "Tactics: no {name} field: every decided test counts at any confidence"),
    Need("original_due", "task", ("date",), "Postponed: no {name} field: postponing cannot keep the first deadline, so it fails"),
    Need("postpone_reason", "task", ("text",), "Postponed: no {name} field: every later due date counts as a moved deadline, and postponing fails"),
    Need("mrr", "project", ("number",), "Risk radar: no {name} field: clients are ranked without their revenue"),
    Need("client_since", "project", ("date",), "Risk radar: no {name} field: the new-client signal never fires"),
    Need("monthly_budget", "project", ("number",), "Risk radar: no {name} field: the spend pacing signal never fires"),
    Need("spend_mtd", "project", ("number",), "Risk radar: no {name} field: the spend pacing signal never fires"),
    Need("cpa", "project", ("number",), "Risk radar: no {name} field: the CPA signal never fires"),
    Need("target_cpa", "project", ("number",), "Risk radar: no {name} field: the CPA signal never fires"),
    Need("score", "training", ("number",), "People: no {name} field: no training test scores"),
)
"""Every `[fields]` key that names a field, in config order."""

ARTICLE = {"enum": "a single-select (enum)", "text": "a text", "number": "a number", "date": "a date"}


@dataclass
class Seen:
    """One custom field (by gid) as the projects carry it."""

    gid: str
    name: str
    type: str | None
    options: dict[str, tuple[str, bool]] = field(default_factory=dict)
    """Normalised option name → (name, enabled)."""
    projects: list[str] = field(default_factory=list)


def check_fields(survey: Survey, config: Config) -> Check:
    """Each [fields] key: found or not, gid, type against podview's need, duplicates, and its options."""
    check = Check("fields", "Fields")
    mapper = Mapper(config)
    clients = [project for _, project in survey.clients(mapper)]
    if not clients:
        return Check("fields", "Fields", skipped="no projects to look in")
    scope = "client projects" if survey.pods else "projects (of every team: no pod was found)"
    found = {"task": task_fields(clients), "project": project_fields(clients), "training": training_fields(survey)}
    totals = {"task": len(clients), "project": len(clients), "training": len(survey.training or [])}
    for need in NEEDS:
        name = getattr(config.fields, need.key)
        if need.where == "training" and not survey.training:
            check.add(need.key, "note", f"{q(name)}: no training projects to look in", name=name, found=False)
            continue
        where = "training projects" if need.where == "training" else scope
        fields = list(found[need.where].get(norm(name), {}).values())
        if not fields:
            _absent(check, need, name, where, found[need.where])
            continue
        _present(check, need, name, fields, totals[need.where], where)
        for option_key, lack in need.options:
            _option(check, config, option_key, lack, name, fields)
    return check


def _absent(check: Check, need: Need, name: str, where: str, fields: dict[str, dict[str, Seen]]) -> None:
    fits = sorted({seen.name for same in fields.values() for seen in same.values() if seen.type in need.types})
    hint = f"set [fields] {need.key} to one of the {' or '.join(need.types)} fields here: {', '.join(map(q, fits))}" if fits else \
        f"add {ARTICLE[need.types[0]]} field named {q(name)} in Asana, or set [fields] {need.key} to the name yours has"
    check.add(need.key, "missing", f"{q(name)}: no field of that name on the {where}", hint,
              lacks=[need.lack.format(name=name)], name=name, found=False, gid=None, type=None)


def _present(check: Check, need: Need, name: str, fields: list[Seen], total: int, where: str) -> None:
    wrong = [seen for seen in fields if seen.type not in need.types]
    described = ", ".join(f"gid {seen.gid}, {seen.type}" for seen in fields)
    facts = {"name": name, "found": True, "gid": fields[0].gid if len(fields) == 1 else [s.gid for s in fields],
             "type": fields[0].type if len(fields) == 1 else [s.type for s in fields], "projects": len({p for s in fields for p in s.projects})}
    needed = " or ".join(ARTICLE[t] for t in need.types)
    if len(fields) > 1:
        level = "error" if wrong else "note"
        todo = "rename or remove all but one in Asana: podview finds fields by name"
        says = f"{q(name)}: {len(fields)} fields share this name ({described})"
        if wrong:
            says += f"; podview needs {needed}"
        check.add(need.key, level, says, todo, lacks=[need.lack.format(name=name)] if wrong else [], **facts)
        return
    seen = fields[0]
    if wrong:
        check.add(need.key, "error", f"{q(name)} (gid {seen.gid}) is {ARTICLE.get(seen.type or '', seen.type or 'an unknown')} field; podview needs {needed}",
                  f"change the field in Asana, or set [fields] {need.key} to {ARTICLE[need.types[0]]} field", lacks=[need.lack.format(name=name)], **facts)
        return
    count = len(seen.projects)
    on = f"every one of the {total} {where}" if count >= total else f"{count} of {total} {where}"
    check.add(need.key, "ok" if count >= total or need.key != "type" else "note", f"{q(name)} (gid {seen.gid}, {seen.type}) on {on}",
              "" if count >= total or need.key != "type" else "where it is missing, tasks are sorted by their section ([sections])", **facts)


def _option(check: Check, config: Config, key: str, lack: str, field_name: str, fields: list[Seen]) -> None:
    label = getattr(config.fields, key)
    enums = [seen for seen in fields if seen.type == "enum"]
    if not enums:
        return
    options = {k: v for seen in enums for k, v in seen.options.items()}
    there = options.get(norm(label))
    facts = {"field": field_name, "option": label}
    if there is None:
        names = ", ".join(q(name) for name, enabled in options.values() if enabled) or "none"
        check.add(key, "missing", f"{q(field_name)} has no option {q(label)} (its options: {names})",
                  f"set [fields] {key} to the option you use, or add {q(label)} to the field in Asana",
                  lacks=[lack.format(option=q(label), name=q(field_name))], found=False, **facts)
    elif not there[1]:
        check.add(key, "note", f"{q(field_name)} option {q(label)} is disabled in Asana: podview reads it but cannot write it",
                  "enable the option in Asana", found=True, enabled=False, **facts)
    else:
        check.add(key, "ok", f"{q(field_name)} option {q(label)}", found=True, enabled=True, **facts)


def task_fields(projects: list[dict]) -> dict[str, dict[str, Seen]]:
    """Normalised name → gid → field, from the projects' custom field settings."""
    out: dict[str, dict[str, Seen]] = {}
    for project in projects:
        for setting in project.get("custom_field_settings") or []:
            _note(out, (setting or {}).get("custom_field"), project)
    return out


def project_fields(projects: list[dict]) -> dict[str, dict[str, Seen]]:
    """Normalised name → gid → field, from the projects' own custom fields (MRR and the like)."""
    out: dict[str, dict[str, Seen]] = {}
    for project in projects:
        for entry in project.get("custom_fields") or []:
            _note(out, entry, project)
    return out


def training_fields(survey: Survey) -> dict[str, dict[str, Seen]]:
    out: dict[str, dict[str, Seen]] = {}
    for project in survey.training or []:
        for setting in survey.training_settings.get(str(project["gid"])) or []:
            _note(out, (setting or {}).get("custom_field"), project)
    return out


def _note(out: dict[str, dict[str, Seen]], entry: object, project: dict) -> None:
    if not isinstance(entry, dict) or entry.get("gid") is None:
        return
    gid = str(entry["gid"])
    seen = out.setdefault(norm(entry.get("name")), {}).setdefault(
        gid, Seen(gid, entry.get("name") or "", entry.get("resource_subtype") or entry.get("type"))
    )
    for option in entry.get("enum_options") or []:
        if isinstance(option, dict) and option.get("name"):
            seen.options[norm(option["name"])] = (option["name"], option.get("enabled") is not False)
    if project.get("name") not in seen.projects:
        seen.projects.append(project.get("name"))
