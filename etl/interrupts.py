"""Ctrl+C and SIGTERM stop a run, even when Python loses the exception they raise.

A signal handler's exception is raised wherever the main thread happens to be. When
that is a finalizer (a generator or object collected by the garbage collector, a
`__del__`), Python prints "Exception ignored" and carries on, and a run told to stop
would finish instead. So the request is also remembered, and the pipeline asks again
between batches and before each build step (`stop_if_requested`): a run told to stop
always stops, and its exit code says so.
"""

from __future__ import annotations

import signal


class Terminated(BaseException):
    """SIGTERM, raised in the main thread like KeyboardInterrupt is for SIGINT, so every
    `finally` and `except BaseException` runs: dbt is stopped, the run marked failed."""


_requested: type[BaseException] | None = None


def _on_signal(signum: int, frame: object) -> None:
    global _requested
    _requested = Terminated if signum == signal.SIGTERM else KeyboardInterrupt
    raise _requested()


def install() -> None:
    """Answer SIGTERM and SIGINT in this process (the `cmw` entry point calls it)."""
    global _requested
    _requested = None
    signal.signal(signal.SIGTERM, _on_signal)
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:  # a background job ignores it
        signal.signal(signal.SIGINT, _on_signal)


def stop_if_requested() -> None:
    """Raise the interruption a signal asked for, in case its first raise was lost."""
    if _requested is not None:
        raise _requested()
