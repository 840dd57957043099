"""`podview doctor`'s checks: pure functions from what was read (survey.py, the cache's health) to findings.

Each check is a titled list of findings, and each finding is one line a
person can act on: what was found, how bad it is, and what to do. Levels:
`ok`; `note` (works, worth knowing); `missing` (a screen lacks something,
the rest works); `error` (wrong, e.g. a text field where a number is
needed). A finding that leaves a screen short says so in `lacks`, which the
screens check gathers. `podview setup` will read the same Survey to propose
a config, so nothing here talks to Asana.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field

from podview.config import Config
from podview.sync.mapper import Mapper
from podview.sync.survey import Survey
from podview.sync.values import norm

LEVELS = ("ok", "note", "missing", "error")


def count(n: int, noun: str) -> str:
    """`1 project`, `4 projects`."""
    return f"{n} {noun}{'s' * (n != 1)}"


def q(name: object) -> str:
    """A name as the user wrote it, in double quotes (as in the config file)."""
    return f'"{name}"'


@dataclass
class Finding:
    """One line of a check."""

    item: str
    level: str
    says: str
    todo: str = ""
    lacks: list[str] = field(default_factory=list)
    """"Screen: what it will lack", for the screens check."""
    facts: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        data = asdict(self)
        return {**{k: data[k] for k in ("item", "level", "says")}, "todo": self.todo or None, **self.facts}


@dataclass
class Check:
    """A titled group of findings, keyed as in the JSON."""

    key: str
    title: str
    findings: list[Finding] = field(default_factory=list)
    skipped: str | None = None
    """Why the check did not run (Asana unreachable, the config wrong)."""

    @property
    def status(self) -> str:
        """The worst level of its findings, or `skipped`."""
        if self.skipped:
            return "skipped"
        return max((f.level for f in self.findings), key=LEVELS.index, default="ok")

    def add(self, item: str, level: str, says: str, todo: str = "", *, lacks: list[str] | None = None, **facts: object) -> Finding:
        finding = Finding(item, level, says, todo, lacks or [], dict(facts))
        self.findings.append(finding)
        return finding

    def as_json(self) -> dict:
        return {
            "status": self.status,
            "skipped": self.skipped,
            "findings": [f.as_json() for f in self.findings],
        }


def skipped(key: str, title: str, why: str) -> Check:
    """A check that could not run, saying why."""
    return Check(key, title, skipped=why)


# -- token -------------------------------------------------------------------------------


def check_token(source: str, me: dict) -> Check:
    """Where the token came from, whose it is, which workspaces it opens."""
    check = Check("token", "Token")
    who = f"{me.get('name') or 'someone'}" + (f" <{me['email']}>" if me.get("email") else "")
    spaces = [s.get("name") or s.get("gid") for s in me.get("workspaces") or []]
    check.add("token", "ok", f"from {source}; Asana accepts it: {who}", source=source, user=me.get("name"), email=me.get("email"))
    check.add("workspaces", "ok" if spaces else "missing", f"{len(spaces)} workspace{'s' * (len(spaces) != 1)}: {', '.join(spaces) or 'none'}",
              "" if spaces else "ask your Asana admin to invite this account to the agency's organization", workspaces=spaces)
    return check


def token_failed(source: str | None, level: str, why: str, todo: str) -> Check:
    """The token check when there is no token, or Asana refused it or could not be reached."""
    check = Check("token", "Token")
    check.add("token", level, why if source is None else f"from {source}: {why}", todo, source=source)
    return check


# -- config ------------------------------------------------------------------------------


def check_config(config: Config) -> Check:
    """The file read, and every name it maps (the defaults included), a line per table."""
    check = Check("config", "Config")
    source = config.source or "none: every name is podview's default"
    check.add("file", "ok", f"{source}", "" if config.source else "write one with the names your Asana uses (docs/configuration.md)", path=config.source)
    workspace = config.asana.workspace or "the token's only workspace"
    check.add("[asana]", "ok", f"workspace {workspace}; tasks completed in the last {config.asana.lookback_weeks} weeks", workspace=config.asana.workspace)
    pods = f"teams {', '.join(config.pods.teams)}" if config.pods.teams else f"teams matching {q(config.pods.pattern)}"
    check.add("[pods]", "ok", pods, teams=list(config.pods.teams), pattern=None if config.pods.teams else config.pods.pattern)
    names = _mapped(config.fields, keep=False)
    check.add("[fields]", "ok", _pairs(names), fields=names)
    options = _mapped(config.fields, keep=True)
    check.add("[fields] options", "ok", _pairs(options), options=options)
    sections = _mapped(config.sections, keep=False)
    check.add("[sections]", "ok", _pairs(sections), sections=sections)
    training = f"projects {', '.join(config.training.projects)}" if config.training.projects else f"projects matching {q(config.training.pattern)}"
    check.add("[training]", "ok", training, projects=list(config.training.projects), pattern=None if config.training.projects else config.training.pattern)
    return check


OPTION_KEYS = ("weekly_goal", "tactic_option", "action_item", "win", "loss", "inconclusive")


def _mapped(table: object, *, keep: bool) -> dict[str, str]:
    """Key → name of a config table: the option labels only (`keep`), or all but them."""
    return {key: value for key, value in vars(table).items() if (key in OPTION_KEYS) == keep}


def _pairs(names: dict[str, str]) -> str:
    return ", ".join(f"{key} = {q(value)}" for key, value in names.items())


def config_failed(message: str) -> Check:
    """The config check when the file is wrong: its own words, a line per mistake."""
    check = Check("config", "Config")
    for line in message.splitlines():
        check.add("file", "error", line)
    return check


# -- workspace ---------------------------------------------------------------------------


def check_workspace(survey: Survey, config: Config) -> Check:
    """The workspace, its pods (found how), their members and clients, and the training projects."""
    check = Check("workspace", "Workspace")
    if survey.workspace is None:
        check.add("workspace", "missing", survey.workspace_problem or "no workspace", lacks=["Every screen: no workspace, nothing to show"])
        return check
    space = survey.workspace
    check.add("workspace", "ok", f"{space.get('name')} ({space['gid']})", workspace=space.get("name"), gid=space["gid"])
    if survey.teams_problem:
        check.add("teams", "missing", survey.teams_problem, lacks=["Every screen: no pods, nothing to show"])
        return check
    _pods(check, survey, config)
    mapper = Mapper(config)
    for pod in survey.pods:
        _pod(check, survey, mapper, pod)
    _training(check, survey, config)
    return check


def _pods(check: Check, survey: Survey, config: Config) -> None:
    names = [t.get("name") or t["gid"] for t in survey.pods]
    how = "listed in [pods] teams" if config.pods.teams else f"matching [pods] pattern {q(config.pods.pattern)}"
    if survey.pods:
        check.add("pods", "ok", f"{len(names)} team{'s' * (len(names) != 1)} {how}: {', '.join(names)}", pods=names, rule="teams" if config.pods.teams else "pattern")
    else:
        everyone = ", ".join(f"{t.get('name')} ({count(len(survey.projects.get(str(t['gid'])) or []), 'project')})" for t in survey.teams) or "none"
        check.add("pods", "missing", f"no team {how}; the teams here: {everyone}", _pod_hint(survey),
                  lacks=["Every screen: no pods, nothing to show"], pods=[], rule="teams" if config.pods.teams else "pattern")
    wanted = {norm(name): name for name in config.pods.teams}
    for team in survey.pods:
        wanted.pop(norm(team.get("name")), None)
        wanted.pop(str(team["gid"]), None)
    for name in wanted.values():
        check.add(f"pod {name}", "missing", f"[pods] teams names {q(name)}, but no team here has that name or gid",
                  "fix the name in [pods] teams (names are matched case-insensitively)", lacks=[f"Every screen: no pod {name}"])


def _pod_hint(survey: Survey) -> str:
    """What to set in [pods]: a pattern when the teams with projects share a first word, else the list."""
    with_projects = [t.get("name") or "" for t in survey.teams if survey.projects.get(str(t["gid"]))]
    words = Counter(name.split()[0] for name in with_projects if name.split())
    word, count = words.most_common(1)[0] if words else ("", 0)
    if count >= 2:
        return f"if your pods are the {word} teams, set [pods] pattern = '^{re.escape(word)}\\b' (or list them: [pods] teams = [\"…\"])"
    return 'list your pod teams in the config: [pods] teams = ["…", "…"] (or run `podview setup`)'


def _pod(check: Check, survey: Survey, mapper: Mapper, pod: dict) -> None:
    gid, name = str(pod["gid"]), pod.get("name") or str(pod["gid"])
    if gid in survey.denied:
        check.add(name, "missing", f"cannot be read: {survey.denied[gid]}",
                  "ask an Asana admin to add this account to the team (or leave it out of [pods])",
                  lacks=[f"Every screen: {name} and its clients are left out"], pod=name, denied=True)
        return
    members = [m.get("name") or m.get("gid") for m in survey.members.get(gid) or []]
    clients = [p.get("name") for p in survey.projects.get(gid) or [] if mapper.is_client(p)]
    level = "ok" if clients and members else "note"
    todo = "" if clients else "a pod's client projects must be unarchived projects of its team, not starting with [internal]"
    check.add(name, level, f"{len(members)} members ({', '.join(members) or 'none'}); {len(clients)} client projects ({', '.join(clients) or 'none'})",
              todo, pod=name, members=members, clients=clients)


def _training(check: Check, survey: Survey, config: Config) -> None:
    how = "listed in [training] projects" if config.training.projects else f"matching [training] pattern {q(config.training.pattern)}"
    if survey.training is None:
        check.add("training", "note", "the workspace's projects cannot be listed, so no training project was looked for", training=None)
        return
    names = [p.get("name") or p["gid"] for p in survey.training]
    if names:
        check.add("training", "ok", f"{len(names)} project{'s' * (len(names) != 1)} {how}: {', '.join(names)}", training=names)
    else:
        check.add("training", "note", f"no project {how}", "if your agency keeps training modules in Asana, set [training] pattern or projects",
                  lacks=["People: no training projects: the training columns stay empty"], training=[])
    found = {norm(n) for n in names} | {str(p["gid"]) for p in survey.training}
    for name in config.training.projects:
        if norm(name) not in found and name not in found:
            check.add(f"training {name}", "missing", f"[training] projects names {q(name)}, but no project has that name or gid",
                      "fix the name in [training] projects", lacks=[f"People: no training from {name}"])


# -- sections ----------------------------------------------------------------------------


def check_sections(survey: Survey, config: Config) -> Check:
    """Each [sections] name on the client projects; goals and tactics need theirs only where a project has no Type field."""
    check = Check("sections", "Sections")
    mapper = Mapper(config)
    clients = [project for _, project in survey.clients(mapper)] if survey.pods else []
    if not clients:
        return skipped("sections", "Sections", "no client projects to look in")
    have = {str(p["gid"]): {norm(s.get("name")) for s in survey.sections.get(str(p["gid"])) or []} for p in clients}
    untyped = [p for p in clients if not mapper.project_context(p).has_type_field]
    s = config.sections
    for key, kind in (("weekly_goals", "weekly goals"), ("tactics", "tactics")):
        name = getattr(s, key)
        holding = [p for p in clients if norm(name) in have[str(p["gid"])]]
        lost = [p.get("name") for p in untyped if norm(name) not in have[str(p["gid"])]]
        if lost:
            check.add(key, "missing", f"{', '.join(lost)}: no {q(config.fields.type)} field and no {q(name)} section",
                      f"add the {q(config.fields.type)} field to these projects, or set [sections] {key} to the section their {kind} are in",
                      lacks=[f"{'Weekly goals' if key == 'weekly_goals' else 'Tactics'}: the {kind} of {', '.join(lost)} are not found"],
                      name=name, projects=len(holding))
        else:
            used = f"; used for the {len(untyped)} project(s) without the {q(config.fields.type)} field" if untyped else "; not needed: every client project has the Type field"
            check.add(key, "ok", f"{q(name)} in {len(holding)} of {len(clients)} client projects{used}", name=name, projects=len(holding))
    name = s.action_items
    holding = [p for p in clients if norm(name) in have[str(p["gid"])]]
    if len(holding) == len(clients):
        check.add("action_items", "ok", f"{q(name)} in every client project: action items are filed there", name=name, projects=len(holding))
    else:
        check.add("action_items", "note", f"{q(name)} in {len(holding)} of {len(clients)} client projects; elsewhere action items are added outside any section",
                  f"add a section named {q(name)}, or set [sections] action_items to the one you use", name=name, projects=len(holding))
    return check


# -- cache -------------------------------------------------------------------------------


def check_cache(health: dict) -> Check:
    """The cache file: schema, last sync, data problems (cache/health.py's facts)."""
    check = Check("cache", "Cache")
    path = health["path"]
    if not health["exists"]:
        check.add("file", "note", f"{path}: no cache yet", "run `podview sync` to read your workspace into it", **health)
        return check
    if health["problem"]:
        check.add("file", "error", f"{path} {health['problem']}", lacks=["Every screen: the cache cannot be read"], **health)
        return check
    what = "the demo agency" if health["demo"] else "your workspace"
    schema = f"schema {health['schema']}" + ("" if health["current"] else " (upgraded at the next sync)")
    check.add("file", "ok", f"{path}: {what}, {schema}", path=path, schema=health["schema"], demo=health["demo"])
    last = health["last_sync"]
    if last:
        check.add("last sync", "ok" if last["outcome"] == "ok" else "note", f"{last['finished_at'] or 'unfinished'} ({last['source']}, {last['mode']}, {last['outcome']})", **last)
    else:
        check.add("last sync", "note", "never synced", "run `podview sync`")
    count = health["problems"] or 0
    if count:
        examples = "; ".join(health["examples"])
        check.add("data problems", "note", f"{count} task{'s' * (count != 1)} with a problem, e.g. {examples}",
                  "fix them in Asana; `podview report postponed` lists them", problems=count, examples=health["examples"])
    else:
        check.add("data problems", "ok", "none", problems=0)
    return check


# -- screens and the verdict -------------------------------------------------------------


def check_screens(checks: list[Check]) -> Check:
    """What each screen will lack with this mapping, gathered from every finding that says so."""
    check = Check("screens", "Screens")
    if any(c.skipped for c in checks if c.key == "workspace"):
        return skipped("screens", "Screens", "the workspace was not checked")
    lacking: dict[str, str] = {}
    for finding in (f for c in checks for f in c.findings):
        for lack in finding.lacks:
            level = "note" if finding.level in ("ok", "note") else "missing"
            lacking[lack] = max(lacking.get(lack, level), level, key=LEVELS.index)
    for lack, level in lacking.items():
        screen, _, what = lack.partition(": ")
        check.add(screen, level, what)
    if not lacking:
        check.add("every screen", "ok", "has what it needs")
    return check


def exit_code(checks: list[Check]) -> int:
    """cli.md: 1 a config error, 2 Asana unreachable or refusing, 3 something a screen needs missing, else 0."""
    by_key = {c.key: c for c in checks}
    if "config" in by_key and by_key["config"].status == "error":
        return 1
    if "token" in by_key and by_key["token"].status == "error":
        return 2
    if any(c.status in ("missing", "error") for c in checks):
        return 3
    return 0
