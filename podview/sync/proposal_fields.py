"""`podview setup`'s guesses: which of the workspace's own fields, options and sections mean what podview reads.

No agency names things as conventions.md does, so each `[fields]`,
`[sections]` and option key is matched by what a person would go by: the
field's type first (a text field can never be the Confidence), then its
name ("Stat sig %" reads like confidence, "Signed on" like a start date),
then, for the enums, its options (the field with a weekly-looking option is
the Type; the one whose options read like win and loss is the Result). Each
guess keeps what it was made from, so the user can judge it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from podview.sync.doctor_fields import NEEDS, Seen
from podview.sync.values import norm

HIGH, MEDIUM, LOW, NONE = "high", "medium", "low", "none"


@dataclass(frozen=True)
class Rule:
    """How a `[fields]` key's field is recognised: its name, and (for some) its options."""

    key: str
    name: str
    options: str = ""


RULES = (
    Rule("type", r"\btype\b|\bkind\b|categor", r"week"),
    Rule("result", r"result|outcome|verdict|decision", r"\bwin|\bwon\b|success|positive"),
    Rule("tactic", r"tactic|test|area|lever|channel|experiment|idea", r"ad copy|landing|audience|bidding|offer|creative|seo"),
    Rule("confidence", r"confiden|stat\W*sig|significan|certaint|p.?value"),
    Rule("original_due", r"original|first|initial|baseline|planned|committed"),
    Rule("postpone_reason", r"postpone|delay|reason|why|slip|moved|push"),
    Rule("target_cpa", r"(target|goal|max|promised).*(cpa|cpl|cost per)|(cpa|cpl|cost per).*(target|goal)"),
    Rule("cpa", r"\bcpa\b|\bcpl\b|cost per"),
    Rule("monthly_budget", r"budget"),
    Rule("spend_mtd", r"spend|spent|\bmtd\b"),
    Rule("mrr", r"\bmrr\b|retainer|revenue|recurring|\bfee\b|\barr\b|contract value"),
    Rule("client_since", r"since|start|signed|onboard|joined|kick.?off|client from"),
    Rule("score", r"score|grade|quiz|mark|points|result"),
)
"""In the order keys are decided: a field taken by one key is not offered to the next."""

OPTION_RULES = {
    "weekly_goal": ("type", r"week"),
    "tactic_option": ("type", r"tactic|experiment|test|idea|initiative"),
    "action_item": ("type", r"action|follow|to.?do|next step|task"),
    "win": ("result", r"\bwin|\bwon\b|success|positive|\bpass"),
    "loss": ("result", r"\blos[st]\b|\blose\b|fail|negative"),
    "inconclusive": ("result", r"inconclusive|no call|neutral|flat|\btie\b|draw|unclear|no result|no winner|null"),
}
"""Option key → (the field it is an option of, what its label reads like)."""

SECTION_RULES = {
    "weekly_goals": r"week",
    "tactics": r"tactic|experiment|test|idea",
    "action_items": r"action|follow|to.?do|next step",
}

NEED = {need.key: need for need in NEEDS}


@dataclass
class Candidate:
    """One name the user may pick for a key, and what was seen of it."""

    name: str
    evidence: str
    score: int = 0


@dataclass
class Choice:
    """The name proposed for one config key (None: nothing fits, podview's default stays), with why."""

    key: str
    default: str
    value: str | None
    confidence: str
    evidence: str
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def name(self) -> str:
        """What goes into the config: the value, else podview's default."""
        return self.value if self.value is not None else self.default


def describe(seen: Seen, total: int) -> str:
    """`enum, on 14 of 16 projects; options Weekly target, Experiment, Rock (disabled)`."""
    options = [name if enabled else f"{name} (disabled)" for name, enabled in seen.options.values()]
    text = f"{seen.type or 'unknown type'}, on {min(len(seen.projects), total)} of {total} projects"
    return text + (f"; options {', '.join(options)}" if options else "")


def choose_fields(found: dict[str, dict[str, dict[str, Seen]]], totals: dict[str, int], defaults: object) -> dict[str, Choice]:
    """Every `[fields]` name key → its Choice; `found` is doctor_fields' where → name → gid → Seen."""
    taken: set[str] = set()
    out: dict[str, Choice] = {}
    for rule in RULES:
        need = NEED[rule.key]
        fitting = [seen for same in found[need.where].values() for seen in same.values() if seen.type in need.types]
        default = getattr(defaults, rule.key)
        scored = sorted(((_score(rule, seen, default), seen) for seen in fitting), key=lambda pair: (-pair[0], -len(pair[1].projects), pair[1].name))
        candidates = [Candidate(seen.name, describe(seen, totals[need.where]), score) for score, seen in scored if seen.gid not in taken]
        best = next(((score, seen) for score, seen in scored if seen.gid not in taken and score > 0), None)
        if best is None:
            why = "no " + " or ".join(need.types) + f" field here reads like {_plain(rule.key)}"
            out[rule.key] = Choice(rule.key, default, None, NONE, f"{why}; podview's default name is kept", candidates)
            continue
        score, seen = best
        taken.add(seen.gid)
        out[rule.key] = Choice(rule.key, default, seen.name, _level(score), describe(seen, totals[need.where]), candidates)
    return out


def _score(rule: Rule, seen: Seen, default: str) -> int:
    """3 for podview's own name, 2 for a name that reads right, 3 for options that read right."""
    score = 3 if norm(seen.name) == norm(default) else 2 if re.search(rule.name, seen.name, re.IGNORECASE) else 0
    if rule.options and any(re.search(rule.options, name, re.IGNORECASE) for name, _ in seen.options.values()):
        score += 3
    return score


def _level(score: int) -> str:
    return HIGH if score >= 5 or score == 3 else MEDIUM if score >= 2 else LOW


def _plain(key: str) -> str:
    return key.replace("_", " ").replace("mrr", "MRR").replace("cpa", "CPA")


def choose_options(key: str, seen: Seen | None, default: str, taken: set[str]) -> Choice:
    """The option of the chosen Type or Result field that reads like `key` (a label taken by another key is skipped)."""
    field_key, pattern = OPTION_RULES[key]
    if seen is None:
        return Choice(key, default, None, NONE, f"no {field_key} field chosen; podview's default label is kept")
    options = [(name, enabled) for name, enabled in seen.options.values() if norm(name) not in taken]
    candidates = [Candidate(name, f"option of {seen.name}" + ("" if enabled else " (disabled in Asana)"), int(enabled)) for name, enabled in options]
    ranked = sorted(options, key=lambda pair: (norm(pair[0]) != norm(default), not pair[1]))
    for name, enabled in ranked:
        if norm(name) == norm(default) or re.search(pattern, name, re.IGNORECASE):
            level = HIGH if enabled else LOW
            why = f"option {name!r} of {seen.name!r}" + ("" if enabled else ", disabled in Asana: podview cannot write it")
            return Choice(key, default, name, level, why, candidates)
    enabled = [name for name, on in options if on]
    if key == "inconclusive" and len(enabled) == 1:
        return Choice(key, default, enabled[0], LOW, f"the one option of {seen.name!r} left after win and loss", candidates)
    labels = ", ".join(name for name, _ in seen.options.values()) or "none"
    return Choice(key, default, None, NONE, f"no option of {seen.name!r} reads like {_plain(key)} (its options: {labels}); podview's default label is kept", candidates)


def choose_sections(sections: dict[str, list[dict]], clients: list[dict], defaults: object) -> dict[str, Choice]:
    """Each `[sections]` key → the section name that reads like it, most common first across the client projects."""
    counts: dict[str, tuple[str, int]] = {}
    for project in clients:
        names = {norm(s.get("name")): s.get("name") for s in sections.get(str(project["gid"])) or [] if s.get("name")}
        for key, name in names.items():
            counts[key] = (name, counts.get(key, ("", 0))[1] + 1)
    ranked = sorted(counts.values(), key=lambda pair: (-pair[1], pair[0]))
    total = len(clients)
    out: dict[str, Choice] = {}
    taken: set[str] = set()
    for key, pattern in SECTION_RULES.items():
        default = getattr(defaults, key)
        candidates = [Candidate(name, f"in {n} of {total} client projects") for name, n in ranked if norm(name) not in taken]
        fits = [(name, n) for name, n in ranked if norm(name) not in taken and (norm(name) == norm(default) or re.search(pattern, name, re.IGNORECASE))]
        if not fits:
            out[key] = Choice(key, default, None, NONE, f"no section reads like {_plain(key)}; podview's default name is kept", candidates)
            continue
        name, n = fits[0]
        taken.add(norm(name))
        level = HIGH if norm(name) == norm(default) or n * 2 >= total else MEDIUM
        out[key] = Choice(key, default, name, level, f"in {n} of {total} client projects", candidates)
    return out
