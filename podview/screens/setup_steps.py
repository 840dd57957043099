"""The steps of the setup screens, one decision each, in the order they are asked: what to ask, what to offer, what was seen.

Pure: the screen (setup.py) shows a step and hands the answer back here,
where it changes the Proposal. A pick step offers the workspace's fields
(or options, or sections) that could fill one config key, each with its
type, options and where it was seen; a ticks step offers the teams (pods)
or projects (training) to tick, and the pattern when their names share a
first word; the last step is the preview of what each screen will show.
"""

from __future__ import annotations

from dataclasses import dataclass

from podview.config import FieldsConfig
from podview.sync.doctor import Check
from podview.sync.proposal import Group, Proposal
from podview.sync.proposal_fields import NEED, NONE, OPTION_RULES, Candidate, Choice, describe

QUESTIONS = {
    "type": "Which field says whether a task is a weekly goal, a tactic or an action item?",
    "tactic": "Which field holds a tactic's kind (ad copy, landing page, audience…)?",
    "result": "Which field holds a test's outcome (win, loss, inconclusive)?",
    "confidence": "Which number field holds a test result's statistical confidence (0–100)?",
    "original_due": "Which date field keeps a postponed goal's first deadline?",
    "postpone_reason": "Which text field says why a goal was postponed?",
    "mrr": "Which project number field is the client's monthly revenue (MRR, retainer)?",
    "client_since": "Which project date field says since when the client is with you?",
    "monthly_budget": "Which project number field is the client's monthly ad budget?",
    "spend_mtd": "Which project number field is the ad spend so far this month?",
    "cpa": "Which project number field is the current cost per acquisition (or lead)?",
    "target_cpa": "Which project number field is the cost per acquisition promised to the client?",
    "score": "Which number field of a training module holds the test score?",
    "weekly_goal": "Which option of the Type field marks a weekly goal?",
    "tactic_option": "Which option of the Type field marks a tactic?",
    "action_item": "Which option of the Type field marks an action item (podview sets it on those it creates)?",
    "win": "Which option of the Result field is a win?",
    "loss": "Which option of the Result field is a loss?",
    "inconclusive": "Which option of the Result field is an inconclusive result?",
    "weekly_goals": "Which section holds weekly goals (used where a project has no Type field)?",
    "tactics": "Which section holds tactics (used where a project has no Type field)?",
    "action_items": "Which section do action items go in?",
    "timezone": "Which time zone are weeks and deadlines counted in?",
    "pods": "Which teams are pods? Tick them (space); each one's clients are its unarchived projects.",
    "training": "Which projects hold training modules? Tick them (space); they are never clients.",
    "preview": "With these choices, each screen will show:",
}


@dataclass(frozen=True)
class Step:
    """One decision: `pick` one name for a key, `ticks` for a group, or the `preview`."""

    kind: str
    key: str
    table: str

    @property
    def question(self) -> str:
        return QUESTIONS[self.key]

    @property
    def title(self) -> str:
        return {"pick": f"[{self.table}] {self.key}", "ticks": f"[{self.key}]", "preview": "Ready to write"}[self.kind] if self.table else self.key


def steps() -> list[Step]:
    """Every step, in order: pods, fields, options, sections, time zone, training, preview."""
    names = [key for key in vars(FieldsConfig()) if key not in OPTION_RULES]
    return [
        Step("ticks", "pods", "pods"),
        *(Step("pick", key, "fields") for key in names),
        *(Step("pick", key, "fields") for key in OPTION_RULES),
        *(Step("pick", key, "sections") for key in ("weekly_goals", "tactics", "action_items")),
        Step("pick", "timezone", ""),
        Step("ticks", "training", "training"),
        Step("preview", "preview", "preview"),
    ]


def choice_of(proposal: Proposal, step: Step) -> Choice:
    if step.key == "timezone":
        return proposal.timezone
    return (proposal.sections if step.table == "sections" else proposal.fields)[step.key]


def group_of(proposal: Proposal, step: Step) -> Group:
    return proposal.pods if step.key == "pods" else proposal.training


def offered(proposal: Proposal, step: Step) -> list[Candidate]:
    """What a pick step offers: the names that could fill the key, each with what was seen, then podview's default when it is not among them."""
    choice = choice_of(proposal, step)
    if step.key in OPTION_RULES:
        owner = OPTION_RULES[step.key][0]
        seen = proposal.seen(owner, proposal.fields[owner].name)
        found = [Candidate(name, f"option of {seen.name!r}" + ("" if on else " (disabled in Asana)")) for name, on in seen.options.values()] if seen else []
    elif step.key in NEED:
        need = NEED[step.key]
        total = proposal.totals.get(need.where, 0)
        found = [Candidate(seen.name, describe(seen, total)) for same in proposal.found.get(need.where, {}).values()
                 for seen in same.values() if seen.type in need.types]
    else:
        found = list(choice.candidates)
    names = {candidate.name.casefold() for candidate in found}
    if step.key == "timezone":
        return found or [Candidate(choice.name, "this machine's time zone")]
    if choice.default.casefold() not in names:
        found.append(Candidate(choice.default, "podview's default name: not found in this workspace"))
    return found


def proposed_line(proposal: Proposal, step: Step) -> str:
    """`Proposed: "Outcome" (high confidence): enum, on 8 of 8 projects; …`, or why nothing was proposed."""
    if step.kind == "ticks":
        group = group_of(proposal, step)
        return f"Proposed: {', '.join(group.ticked) or 'none'} ({group.confidence} confidence): {group.evidence}"
    choice = choice_of(proposal, step)
    if choice.confidence == NONE:
        return f"Nothing here fits: {choice.evidence}."
    return f"Proposed: {choice.name!r} ({choice.confidence} confidence): {choice.evidence}"


def pattern_line(group: Group) -> str:
    """What the config will say for a group: the pattern (when offered and chosen) or the list."""
    names, pattern = group.rule()
    if names:
        offer = f"; p: use the pattern {pattern_text(group)} instead" if group.pattern else ""
        return f"The config will list them by name{offer}."
    if group.ticked:
        return f"The config will take every name matching {pattern} (a new one is picked up by itself); p: list them by name instead."
    return f"None ticked: podview's default pattern {pattern} stays."


def pattern_text(group: Group) -> str:
    return group.pattern or ""


def choose(proposal: Proposal, step: Step, name: str) -> None:
    """The user's answer to a pick step."""
    if step.table == "fields" and step.key not in OPTION_RULES:
        proposal.set_field(step.key, name)
        return
    choice = choice_of(proposal, step)
    choice.value, choice.confidence, choice.evidence = name, "high", "chosen by you"


def preview_lines(checks: list[Check]) -> list[str]:
    """The preview: what each screen will lack (doctor's screens check), and what else is worth knowing."""
    lines = []
    screens = checks[-1]
    for finding in screens.findings:
        mark = "✓" if finding.level == "ok" else "!"
        lines.append(f"{mark} {finding.item}: {finding.says}")
    for check in checks[:-1]:
        for finding in check.findings:
            if finding.level in ("missing", "error", "note"):
                lines.append(f"• {check.title} {finding.item}: {finding.says}")
    return lines
