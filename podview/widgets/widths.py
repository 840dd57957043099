"""How table columns share a terminal's width: names whole while there is room, cut only when there is not.

A column of names (clients, owners, goals) is given the width of its longest
name when the terminal has it, rather than a width chosen for 100 columns:
at 200 columns nothing should end in `…` beside empty space. When the room
is short, every column keeps its least and they grow together, so a short
column (a client name) is whole before a long one (a goal) takes the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.text import Text


def natural(cells: Iterable[object]) -> int:
    """The widest line among `cells` (strings or rich Text; anything else counts as nothing), in terminal cells."""
    widest = 0
    for cell in cells:
        plain = cell.plain if isinstance(cell, Text) else cell if isinstance(cell, str) else ""
        for line in plain.split("\n"):
            widest = max(widest, cell_len(line))
    return widest


def share(
    room: int, wants: Sequence[tuple[int, int]], first: Sequence[int] | None = None
) -> list[int]:
    """Widths for columns that share `room` cells, each wanting `(least, most)`.

    Each column gets its least (even when that is more than the room: the
    table then scrolls), then they grow one cell at a time, together, each
    up to its most, until the room is used. What is left over stays empty.
    With `first`, the columns grow up to those widths before any grows past
    them: on a narrow screen a sentence gets its room before a name does.
    """
    if first is not None:
        caps = [(least, max(least, min(most, cap))) for (least, most), cap in zip(wants, first)]
        early = share(room, caps)
        wants = [(width, most) for width, (_, most) in zip(early, wants)]
    widths = [least for least, _ in wants]
    spare = room - sum(widths)
    while spare > 0:
        growing = [i for i, (_, most) in enumerate(wants) if widths[i] < most]
        if not growing:
            break
        step = max(1, spare // len(growing))
        for i in growing:
            grant = min(step, wants[i][1] - widths[i], spare)
            widths[i] += grant
            spare -= grant
            if not spare:
                break
    return widths


def as_many_as_fit(said: Sequence[str], width: int, separator: str, *, terse: bool = False) -> str | None:
    """The most of `said`, in order, that fit `width` on one line, then "+N more" for the rest (`+N` when `terse`
    and the words do not fit); None when not even the first fits. Lists put what weighs most first."""
    for count in range(len(said), 0, -1):
        rest = len(said) - count
        shown = separator.join(said[:count])
        tails = [""] if not rest else [f"{separator}+{rest} more", *([f" +{rest}"] if terse else [])]
        for tail in tails:
            if cell_len(shown + tail) <= width:
                return shown + tail
    return None
