"""The nightly scheduler's cron handling and its run loop."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import typer.main

from etl.cli import app
from etl.schedule import next_run, run_on_schedule


def _default_cron() -> str:
    """The schedule `cmw schedule` runs on when given no --cron."""
    command = typer.main.get_command(app).commands["schedule"]
    return next(param.default for param in command.params if param.name == "cron")


def test_default_schedule_is_two_in_the_morning():
    after = datetime(2026, 3, 12, 14, 30, tzinfo=UTC)
    assert next_run(_default_cron(), after) == datetime(2026, 3, 13, 2, 0, tzinfo=UTC)
    assert next_run(_default_cron(), after.replace(hour=1)) == after.replace(hour=2, minute=0)


def test_invalid_cron_expression_is_refused():
    with pytest.raises(ValueError, match="not a valid cron expression"):
        next_run("at two", datetime.now(UTC))


def test_run_now_runs_the_command_in_a_subprocess_and_logs_its_exit_code():
    lines: list[str] = []
    run_on_schedule("0 2 * * *", ["--help"], run_now=True, log=lines.append, max_runs=1)
    assert lines[0].startswith("next run:") and "cmw --help" in lines[0]
    assert lines[1] == "cmw --help exited with 0"
