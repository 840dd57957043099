"""The demo workspace's custom fields, made once and shared by every project that carries them.

A real workspace defines each custom field once and projects add it; tasks
then show an entry per field of their project. Making them here, named as
podview's defaults expect (podview.config), gives every project the same field
gids, and gives the traps (a disabled `Rock` option, a text `Tactic` field
where an enum is expected) one place to live.
"""

from __future__ import annotations

from podview.demo import records
from podview.demo.model import FIELDS, ClientPlan
from podview.demo.wording import TACTIC_KINDS


class WorkspaceFields:
    """Every custom field of the demo workspace, with gids drawn in a fixed order."""

    def __init__(self, gids: records.Gids) -> None:
        self.type_field = records.enum_field(
            gids,
            FIELDS.type,
            (FIELDS.weekly_goal, FIELDS.tactic_option, FIELDS.action_item, "Rock"),
            disabled=("Rock",),
        )
        self.tactic_field = records.enum_field(
            gids, FIELDS.tactic, (*TACTIC_KINDS, "SEO"), disabled=("SEO",)
        )
        self.tactic_text = records.Field(gids(), FIELDS.tactic, "text")
        self.result_field = records.enum_field(
            gids, FIELDS.result, (FIELDS.win, FIELDS.loss, FIELDS.inconclusive)
        )
        self.confidence_field = records.Field(gids(), FIELDS.confidence, "number", precision=1)
        self.original_due = records.Field(gids(), FIELDS.original_due, "date")
        self.postpone_reason = records.Field(gids(), FIELDS.postpone_reason, "text")
        self.project_fields = (
            records.Field(gids(), FIELDS.mrr, "number"),
            records.Field(gids(), FIELDS.client_since, "date"),
            records.Field(gids(), FIELDS.monthly_budget, "number"),
            records.Field(gids(), FIELDS.spend_mtd, "number", precision=2),
            records.Field(gids(), FIELDS.cpa, "number", precision=2),
            records.Field(gids(), FIELDS.target_cpa, "number", precision=2),
        )
        """The client facts, in the order `Projects.facts` fills them."""

    def for_client(self, plan: ClientPlan) -> tuple[records.Field, ...]:
        """Task fields of a client project; one client lacks `Type`, one has a text `Tactic`."""
        tactic = self.tactic_text if plan.text_tactic else self.tactic_field
        fields = (
            self.type_field,
            tactic,
            self.result_field,
            self.confidence_field,
            self.original_due,
            self.postpone_reason,
        )
        return fields if plan.type_field else fields[1:]
