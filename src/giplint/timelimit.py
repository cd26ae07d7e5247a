"""A per-file time limit inside one process, by the interval timer (``SIGALRM``).

This stops Python code (a rule's loop, the parser). A regular expression stuck inside the C matcher
is not interruptible this way; worker processes are also watched from the parent, which kills a
worker that overruns (:mod:`giplint.runner`), and every pattern that runs on free text is tested
for linear behaviour.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class TimeLimitExceeded(BaseException):
    """Raised inside the linted file's code when its time is up.

    A BaseException, so that the ``except Exception`` that turns a failing rule into GIP099 lets it
    through to the runner, which reports GIP014 for the file.
    """


def _expire(signum: int, frame: object) -> None:
    raise TimeLimitExceeded


def available() -> bool:
    """Only the main thread of a POSIX process can take ``SIGALRM``."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    if not seconds or not available():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    start = time.monotonic()
    outer = (0.0, 0.0)
    try:
        outer = signal.setitimer(signal.ITIMER_REAL, seconds)
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer[0]:
            # Someone else's timer (a test runner's timeout) was running: put back what is left.
            left = max(outer[0] - (time.monotonic() - start), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, outer[1])
