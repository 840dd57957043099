"""Work off the UI thread, with its outcome handed back typed: the one way screens and the app run it.

A thread worker's result would otherwise come back as a `Worker.StateChanged`
event, to be told apart by its group name and its result cast from `Any`.
Here the caller says, when it starts the work, which method receives the
result on the UI thread; a failure is posted as `JobFailed`, which bubbles
up to the app, where every failure is reported the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.dom import DOMNode
from textual.message import Message
from textual.worker import Worker, get_current_worker

T = TypeVar("T")


class JobFailed(Message):
    """Work in the background raised: the app tells the user what failed and what to do."""

    def __init__(self, job: str, error: BaseException, what: str = "") -> None:
        super().__init__()
        self.job = job
        """Which work it was (`load`, `sync`, `send`, `decide`…): the app words its notification by it."""
        self.error = error
        self.what = what
        """What was being shown or done, for the notification (a screen's title)."""


def run_in_thread(
    node: DOMNode,
    work: Callable[[], T],
    then: Callable[[T], object],
    *,
    job: str,
    what: str = "",
    exclusive: bool = True,
) -> Worker[None]:
    """Run `work` in a thread worker of `node`, then `then(result)` on the UI thread.

    With `exclusive`, starting the same job again cancels the one running,
    whose result is then dropped: only the newest request is shown. A
    failure becomes `JobFailed`, posted from `node`.
    """

    def body() -> None:
        try:
            result = work()
        except Exception as error:
            if not get_current_worker().is_cancelled:
                node.post_message(JobFailed(job, error, what))
            return
        if not get_current_worker().is_cancelled:
            node.app.call_from_thread(then, result)

    return node.run_worker(body, thread=True, group=job, exclusive=exclusive, exit_on_error=False)
