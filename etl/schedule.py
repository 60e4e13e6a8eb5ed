"""A foreground cron loop for the docker-compose `scheduler` service."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime

from croniter import croniter


def next_run(cron: str, after: datetime) -> datetime:
    if not croniter.is_valid(cron):
        raise ValueError(f"not a valid cron expression: {cron!r}")
    return croniter(cron, after).get_next(datetime)


def run_on_schedule(
    cron: str,
    argv: list[str],
    *,
    run_now: bool = False,
    log: Callable[[str], None] = print,
    max_runs: int | None = None,
) -> None:
    """Run `cmw <argv>` at each time `cron` names (local time), forever or `max_runs` times."""
    runs = 0
    next_at = (
        datetime.now().astimezone() if run_now else next_run(cron, datetime.now().astimezone())
    )
    while max_runs is None or runs < max_runs:
        log(f"next run: {next_at:%Y-%m-%d %H:%M %Z} (cmw {' '.join(argv)})")
        time.sleep(max(0.0, (next_at - datetime.now().astimezone()).total_seconds()))
        completed = subprocess.run(
            [sys.executable, "-m", "etl.cli", *argv], stdin=subprocess.DEVNULL
        )
        log(f"cmw {' '.join(argv)} exited with {completed.returncode}")
        runs += 1
        next_at = next_run(cron, datetime.now().astimezone())
