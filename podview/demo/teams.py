"""The demo agency's people and teams: pods, and the teams that are not pods.

podview finds pods by team name (`^Pod\\b`), so besides the pods the
workspace holds a near miss (Podcast Studio) and a team with projects of its
own (Leadership) that must not count. Users get unique `first.last@`
addresses as a real workspace has. The first four pods' people are fixed
(names.POD_PEOPLE) so tests can name them; later pods are drawn at random.
"""

from __future__ import annotations

import unicodedata

from podview.demo.model import FIELDS, Pod
from podview.demo.names import (
    DOMAIN,
    FIRST_NAMES,
    LAST_NAMES,
    LEADERSHIP,
    ME,
    POD_NAMES,
    POD_PEOPLE,
    PODCAST_PEOPLE,
)
from podview.demo.projects import Projects
from podview.demo.workspace import Workspace
from podview.sync.dump import Record


class Teams:
    """Adds users and teams to the workspace, remembering the addresses already given out."""

    def __init__(self, ws: Workspace, projects: Projects) -> None:
        self.ws = ws
        self.projects = projects
        self.emails: set[str] = set()

    def user(self, name: str) -> Record:
        """A user with a `first.last@` address, ASCII-folded as mail systems do."""
        first, _, last = name.partition(" ")
        local = f"{_ascii(first)}.{_ascii(last)}"
        email = f"{local}@{DOMAIN}"
        suffix = 2
        while email in self.emails:
            email = f"{local}{suffix}@{DOMAIN}"
            suffix += 1
        self.emails.add(email)
        return {"gid": self.ws.gid(), "name": name, "email": email}

    def random_person(self) -> str:
        rng = self.ws.rng
        return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"

    def team(self, name: str, people: list[Record]) -> Record:
        dump = self.ws.dump
        team = {"gid": self.ws.gid(), "name": name}
        dump["teams"].append(team)
        dump["team_users"][team["gid"]] = people
        dump["team_projects"][team["gid"]] = []
        return team

    def pod(self, index: int) -> Pod:
        """Pod teams are named `Pod <word>` so the default pattern `^Pod\\b` finds them."""
        rounds, word = divmod(index, len(POD_NAMES))
        name = f"Pod {POD_NAMES[word]}" + (f" {rounds + 1}" if rounds else "")
        names = (
            POD_PEOPLE[index]
            if index < len(POD_PEOPLE)
            else tuple(self.random_person() for _ in range(3))
        )
        people = [self.user(person) for person in names]
        pod = Pod(self.team(name, people), (people[0], people[1]), people[2])
        self.ws.staff.join(pod)
        return pod

    def other_teams(self) -> None:
        """Teams that are not pods: Leadership, and Podcast Studio, which `^Pod\\b` must not match."""
        projects = self.projects
        people = [self.user(name) for name in LEADERSHIP]
        self.ws.dump["me"] = dict(people[LEADERSHIP.index(ME)])
        leadership = Pod(self.team("Leadership", people), (people[0], people[1]), people[0])
        host = self.user(PODCAST_PEOPLE[0])
        podcast = Pod(self.team("Podcast Studio", [host]), (host, host), host)
        scorecard = projects.side_project(
            leadership,
            "Agency scorecard",
            (self.ws.fields.type_field,),
            ("Weekly goals", "Hiring"),
        )
        projects.side_task(
            scorecard, "Close two new retainers", "Weekly goals", people[1], FIELDS.weekly_goal, 0
        )
        projects.side_task(
            scorecard,
            "Review pod hit rates with leads",
            "Weekly goals",
            people[0],
            FIELDS.weekly_goal,
            -1,
        )
        projects.side_task(
            scorecard, "Post the senior designer role", "Hiring", people[0], None, -3
        )
        episodes = projects.side_project(podcast, "Season 3 episodes", (), ("Episodes",))
        projects.side_task(
            episodes, "Record episode 12 with a client founder", "Episodes", host, None, -2
        )


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum() or ch == "-")
