"""Columns share a width: names whole while there is room, every column at its least when there is not."""

from __future__ import annotations

from rich.text import Text

from podview.widgets.widths import as_many_as_fit, natural, share


def test_natural_is_the_widest_line_in_terminal_cells():
    assert natural(["Acme", Text("Kettle & Crumb 🍪"), "a\nlonger line", None]) == 17


def test_with_room_every_column_gets_its_most_and_the_rest_stays_empty():
    assert share(200, [(20, 28), (16, 60)]) == [28, 60]


def test_short_of_room_the_short_column_is_whole_before_the_long_one_grows():
    assert share(70, [(12, 28), (16, 60)]) == [28, 42]


def test_shorter_still_they_grow_together_from_their_least():
    assert share(40, [(12, 28), (16, 60)]) == [18, 22]


def test_below_the_least_each_keeps_its_least():
    assert share(10, [(12, 28), (16, 60)]) == [12, 16]


def test_first_lets_a_sentence_grow_before_a_name_does():
    assert share(43, [(16, 28), (16, 60)], first=[0, 60]) == [16, 27]
    assert share(100, [(16, 28), (16, 60)], first=[0, 60]) == [28, 60]
    assert share(80, [(16, 28), (16, 60)], first=[0, 60]) == [20, 60]


def test_as_many_words_as_fit_then_how_many_more():
    said = ["low hit rate", "moves deadlines", "plans late"]
    assert as_many_as_fit(said, 80, "; ") == "low hit rate; moves deadlines; plans late"
    assert as_many_as_fit(said, 40, "; ") == "low hit rate; moves deadlines; +1 more"
    assert as_many_as_fit(said, 25, "; ") == "low hit rate; +2 more"
    assert as_many_as_fit(said, 16, "; ", terse=True) == "low hit rate +2"
    assert as_many_as_fit(said, 16, "; ") is None, "not even the first with its count fits"
    assert as_many_as_fit([], 80, "; ") is None
