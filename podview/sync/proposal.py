"""`podview setup`'s proposal: a whole config guessed from one survey of the workspace, each choice with its evidence.

The survey (survey.py) is read with `SETUP` picking every team as a pod and
every training-like project as training, so that every team's projects,
members and sections and every candidate training project are at hand. From
that: the fields (proposal_fields.py), then the pods (the teams whose
projects use the chosen Type field, or the client fields), the sections of
the pods' clients, the option labels, the training projects and the time
zone. `Proposal.config()` is the Config the choices make; `preview` runs
doctor's checks on it, to say what each screen will show or lack. Nothing
here talks to Asana.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from podview.config import Config, PodsConfig, TrainingConfig
from podview.config.model import AsanaConfig, FieldsConfig, SectionsConfig
from podview.sync.doctor import Check, check_screens, check_sections, check_workspace, count
from podview.sync.doctor_fields import (
    Seen,
    check_fields,
    project_fields,
    task_fields,
    training_fields,
)
from podview.sync.mapper import Mapper
from podview.sync.proposal_fields import (
    HIGH,
    LOW,
    MEDIUM,
    NONE,
    OPTION_RULES,
    Choice,
    choose_fields,
    choose_options,
    choose_sections,
)
from podview.sync.survey import Survey, survey
from podview.sync.values import norm

TRAINING_LIKE = r"^(training|academy|onboarding|course|courses|learning|school|university|bootcamp|certification)\b|\btraining\b"
"""Project names a survey for setup reads as training candidates."""

POD_LIKE = r"^pod\b|\bpod \w|squad|\bcell\b|\bcrew\b"
"""Team names that read like a pod's."""


def setup_config(existing: Config | None) -> Config:
    """The config a survey for setup runs with: every team a pod, every training-like project training, the existing workspace."""
    asana = existing.asana if existing is not None else AsanaConfig()
    return Config(asana=asana, pods=PodsConfig(pattern=""), training=TrainingConfig(pattern=TRAINING_LIKE))


@dataclass
class Pick:
    """A team (or training project) that may be ticked, with what was seen of it."""

    gid: str
    name: str
    evidence: str
    ticked: bool


@dataclass
class Group:
    """The ticked teams (pods) or projects (training), and the pattern offered when their names share a first word."""

    key: str
    picks: list[Pick]
    default_pattern: str
    others: list[str] = field(default_factory=list)
    """Names that must not match the pattern (the teams or projects not ticked are added to these)."""
    use_pattern: bool = True
    evidence: str = ""
    confidence: str = MEDIUM

    @property
    def ticked(self) -> list[str]:
        return [pick.name for pick in self.picks if pick.ticked]

    @property
    def pattern(self) -> str | None:
        """`^Word\\b` when two or more ticked names share a first word no other name starts with."""
        return shared_pattern(self.ticked, [p.name for p in self.picks if not p.ticked] + self.others)

    def tick(self, names: list[str]) -> None:
        wanted = {norm(name) for name in names}
        for pick in self.picks:
            pick.ticked = norm(pick.name) in wanted

    def rule(self) -> tuple[tuple[str, ...], str]:
        """(names, pattern) for the config: the pattern when offered and chosen, else the names (none: the default)."""
        if self.use_pattern and self.pattern:
            return (), self.pattern
        return tuple(self.ticked), self.default_pattern


def shared_pattern(chosen: list[str], others: list[str]) -> str | None:
    words = {(re.match(r"\w+", name.strip()) or [None])[0] for name in chosen}
    if len(chosen) < 2 or len(words) != 1 or None in words:
        return None
    pattern = rf"^{re.escape(words.pop())}\b"
    if any(re.search(pattern, other.strip(), re.IGNORECASE) for other in others):
        return None
    return pattern


@dataclass
class Proposal:
    """Every choice setup makes, in the order its steps ask them."""

    workspace: str | None
    """The workspace's name, written only when the token opens several."""
    timezone: Choice
    pods: Group
    fields: dict[str, Choice]
    """`[fields]` names then option labels, by config key."""
    sections: dict[str, Choice]
    training: Group
    found: dict[str, dict[str, dict[str, Seen]]] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    problem: str | None = None
    """Why nothing could be proposed (no workspace, a personal one, no teams)."""

    def config(self) -> Config:
        """The Config these choices make."""
        pods, pod_pattern = self.pods.rule()
        projects, training_pattern = self.training.rule()
        return Config(
            timezone=self.timezone.name,
            asana=AsanaConfig(workspace=self.workspace),
            pods=PodsConfig(teams=pods, pattern=pod_pattern),
            fields=FieldsConfig(**{key: choice.name for key, choice in self.fields.items()}),
            sections=SectionsConfig(**{key: choice.name for key, choice in self.sections.items()}),
            training=TrainingConfig(projects=projects, pattern=training_pattern),
        )

    def is_default(self) -> bool:
        """Whether every name chosen is podview's default (the time zone aside)."""
        config, default = self.config(), Config(timezone=self.timezone.name)
        return (config.pods, config.fields, config.sections, config.training) == (default.pods, default.fields, default.sections, default.training)

    def seen(self, key: str, name: str) -> Seen | None:
        """The workspace's field of that name for a `[fields]` key (on the projects the key reads)."""
        from podview.sync.proposal_fields import NEED

        same = self.found.get(NEED[key].where, {}).get(norm(name)) or {}
        return next(iter(same.values()), None)

    def set_field(self, key: str, name: str | None) -> None:
        """Choose a field (None: keep podview's default); choosing the Type or Result field proposes its options anew."""
        choice = self.fields[key]
        choice.value, choice.confidence, choice.evidence = name, (HIGH if name else NONE), "chosen by you"
        if key in ("type", "result"):
            self.propose_options(key)

    def propose_options(self, field_key: str) -> None:
        """Propose the option labels of the chosen Type or Result field anew."""
        seen = self.seen(field_key, self.fields[field_key].name)
        taken: set[str] = set()
        for key, (owner, _) in OPTION_RULES.items():
            if owner == field_key:
                self.fields[key] = choose_options(key, seen, self.fields[key].default, taken)
                if self.fields[key].value:
                    taken.add(norm(self.fields[key].value))


async def read_and_propose(client: Any, existing: Config | None, timezone: str) -> tuple[Survey, Proposal]:
    """Survey the workspace for setup (a refused token or an unreachable Asana raises), and propose a config from it."""
    found = await survey(client, setup_config(existing))
    return found, propose(found, timezone)


def propose(survey: Survey, timezone: str) -> Proposal:
    """The proposal from a survey read with `setup_config`."""
    defaults = Config()
    mapper = Mapper(Config(pods=PodsConfig(pattern=""), training=TrainingConfig(pattern=TRAINING_LIKE)))
    several = len(survey.workspaces) > 1
    proposal = Proposal(
        workspace=(survey.workspace or {}).get("name") if several else None,
        timezone=Choice("timezone", "UTC", timezone, HIGH, "this machine's time zone"),
        pods=Group("pods", [], defaults.pods.pattern),
        fields={},
        sections={},
        training=Group("training", [], defaults.training.pattern),
        problem=survey.workspace_problem or survey.teams_problem,
    )
    clients = {str(team["gid"]): [p for p in survey.projects.get(str(team["gid"])) or [] if mapper.is_client(p)] for team in survey.teams}
    everything = [p for listing in clients.values() for p in listing]
    first = choose_fields(_found(everything, survey), _totals(everything, survey), defaults.fields)
    proposal.pods = _pods(survey, clients, first["type"].value, defaults.pods.pattern)
    pods = {pick.gid for pick in proposal.pods.picks if pick.ticked}
    in_pods = [p for gid, listing in clients.items() if gid in pods for p in listing] or everything
    proposal.found, proposal.totals = _found(in_pods, survey), _totals(in_pods, survey)
    proposal.fields = choose_fields(proposal.found, proposal.totals, defaults.fields)
    proposal.fields.update({key: Choice(key, getattr(defaults.fields, key), None, NONE, "") for key in OPTION_RULES})
    proposal.propose_options("type")
    proposal.propose_options("result")
    proposal.fields = {key: proposal.fields[key] for key in vars(defaults.fields)}
    proposal.sections = choose_sections(survey.sections, in_pods, defaults.sections)
    proposal.training = _training(survey, defaults.training.pattern)
    return proposal


def _found(projects: list[dict], survey: Survey) -> dict[str, dict[str, dict[str, Seen]]]:
    return {"task": task_fields(projects), "project": project_fields(projects), "training": training_fields(survey)}


def _totals(projects: list[dict], survey: Survey) -> dict[str, int]:
    return {"task": len(projects), "project": len(projects), "training": len(survey.training or [])}


def _pods(survey: Survey, clients: dict[str, list[dict]], type_name: str | None, default: str) -> Group:
    """Teams whose projects use the Type field with client fields, or two projects with it, or a pod-like name."""
    picks = []
    for team in survey.teams:
        gid, name = str(team["gid"]), team.get("name") or str(team["gid"])
        projects = clients.get(gid) or []
        typed = [p for p in projects if type_name and _has(p.get("custom_field_settings"), type_name)]
        client_like = [p for p in typed if [f for f in p.get("custom_fields") or [] if isinstance(f, dict) and f.get("name")]]
        members = survey.members.get(gid)
        said = [count(len(projects), "project")]
        if type_name:
            said.append(f"{len(typed)} with {type_name!r}")
        if client_like:
            said.append(f"{len(client_like)} with client fields")
        said.append("members unreadable" if gid in survey.denied else count(len(members or []), "member"))
        ticked = bool(client_like) or len(typed) >= 2 or bool(projects and re.search(POD_LIKE, name, re.IGNORECASE))
        picks.append(Pick(gid, name, ", ".join(said), ticked and gid not in survey.denied))
    group = Group("pods", picks, default)
    chosen = group.ticked
    group.confidence = HIGH if chosen and type_name else MEDIUM if chosen else NONE
    group.evidence = (f"{count(len(chosen), 'team')} of {len(picks)} hold client projects" + (f" using {type_name!r}" if type_name else "")) if chosen \
        else "no team holds projects that look like clients; tick your pods"
    return group


def _has(settings: object, name: str) -> bool:
    return any(norm(((s or {}).get("custom_field") or {}).get("name")) == norm(name) for s in settings or [] if isinstance(s, dict))


def _training(survey: Survey, default: str) -> Group:
    """The training-like projects of the workspace, all ticked; the other projects must not match a pattern offered."""
    found = survey.training or []
    names = {norm(p.get("name")) for p in found}
    others = [p.get("name") or "" for listing in survey.projects.values() for p in listing if norm(p.get("name")) not in names]
    picks = []
    for project in found:
        settings = survey.training_settings.get(str(project["gid"])) or []
        fields = ", ".join(((s or {}).get("custom_field") or {}).get("name") or "?" for s in settings) or "no fields"
        team = (project.get("team") or {}).get("name")
        picks.append(Pick(str(project["gid"]), project.get("name") or "", f"team {team or 'none'}; {fields}", True))
    group = Group("training", picks, default, others=others)
    group.confidence = MEDIUM if picks else NONE
    group.evidence = f"{count(len(picks), 'project')} named like training" if picks else \
        "no project is named like training (Training, Academy, Onboarding…); podview's default pattern is kept"
    if survey.training is None:
        group.evidence, group.confidence = "the workspace's projects could not be listed", LOW
    return group


def preview(survey: Survey, config: Config) -> list[Check]:
    """doctor's workspace, fields, sections and screens checks of `config`, on a survey read with `setup_config`."""
    mapper = Mapper(config)
    pods = [team for team in survey.teams if mapper.is_pod(team)]
    training = None if survey.training is None else [p for p in survey.training if mapper.is_training(p)]
    narrowed = replace(survey, pods=pods, scope=pods, training=training)
    checks = [check_workspace(narrowed, config), check_fields(narrowed, config), check_sections(narrowed, config)]
    return [*checks, check_screens(checks)]


__all__ = ["HIGH", "LOW", "MEDIUM", "NONE", "Choice", "Group", "Pick", "Proposal", "preview", "propose", "read_and_propose", "setup_config"]
