"""Labels: the risk reasons fit their column on one line."""

from __future__ import annotations

from podview.widgets.labels import reasons_fitting

REASONS = ["goal_off_track", "weekly_hit_rate_low", "postponements", "status_red"]


def test_every_reason_when_the_column_is_wide():
    assert reasons_fitting(REASONS)(80) == "goal off track; low hit rate; postponements; Asana: off track"


def test_as_many_reasons_as_fit_then_how_many_more():
    text = reasons_fitting(REASONS)(45)
    assert text == "goal off track; low hit rate; +2 more"
    assert len(text) <= 45


def test_the_first_reason_even_when_nothing_fits():
    assert reasons_fitting(REASONS)(5) == "goal off track; +3 more"

