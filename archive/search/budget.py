"""A time budget for one search, below the worker's timeout: past it, the engine stops and
the reader gets what was found so far, marked incomplete, instead of a 500 after 30 s.

Engine-agnostic: base.SearchBackend.search runs ``find`` inside ``running(Deadline(s))``,
and an engine calls ``check()`` at the points where it can stop cleanly (between segments,
terms, posting blocks). ``check()`` raises OutOfTime once the deadline has passed; with no
deadline running (a benchmark calling the engine directly) it does nothing.

    >>> ticks = iter([0.0, 0.5, 3.0])
    >>> deadline = Deadline(2.0, clock=lambda: next(ticks))
    >>> with running(deadline):
    ...     check()            # 0.5 s in: go on
    ...     try:
    ...         check()        # 3.0 s in: stop
    ...     except OutOfTime:
    ...         print("stopped", deadline.hit)
    stopped True

Django-free: the budget in seconds comes from the caller (settings.SEARCH_TIME_BUDGET).
"""

import contextvars
import time
from contextlib import contextmanager


class OutOfTime(Exception):
    """The search's deadline passed; what was found so far is all there will be."""


class Deadline:
    """``seconds`` from now on ``clock``; None or ≤ 0 seconds means no limit."""

    def __init__(self, seconds, *, clock=time.monotonic):
        self.seconds = seconds if seconds and seconds > 0 else None
        self.clock = clock
        self.start = clock()
        self.hit = False  # set once check() has stopped the search

    def expired(self):
        return self.seconds is not None and self.clock() - self.start > self.seconds

    def check(self):
        if self.expired():
            self.hit = True
            raise OutOfTime(f"search stopped after {self.seconds} s")


_current = contextvars.ContextVar("search_deadline", default=None)


@contextmanager
def running(deadline):
    """Make ``deadline`` the one ``check()`` consults for the duration of the block."""
    token = _current.set(deadline)
    try:
        yield deadline
    finally:
        _current.reset(token)


def check():
    """Raise OutOfTime if the running search's deadline has passed (no-op without one)."""
    deadline = _current.get()
    if deadline is not None:
        deadline.check()


def expired():
    """Whether the running search is past its deadline (without raising)."""
    deadline = _current.get()
    if deadline is not None and deadline.expired():
        deadline.hit = True
        return True
    return False


def incomplete_note(seconds):
    """The reader's note for a search stopped at its budget.

    >>> incomplete_note(8.0)
    '结果不完整：查询过于复杂，已在 8 秒内停止，只列出了已经找到的文章。'
    """
    return f"结果不完整：查询过于复杂，已在 {seconds:g} 秒内停止，只列出了已经找到的文章。"
