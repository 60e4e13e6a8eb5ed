"""Shared fixtures: a real PostgreSQL for every database test.

The server is the one at CMW_DATABASE_URL when set, else the project's embedded
server. Each test that needs a database gets a uniquely named one, dropped after.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from etl import config, db
from etl.dbt import target_dir

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def server_url() -> str:
    """URL of the server tests create their databases on."""
    configured = config.configured_database_url()
    if configured:
        return config.to_libpq_url(configured)
    from etl.embedded import EmbeddedPostgres

    return EmbeddedPostgres.default().ensure_running()


def _unique_database(server_url: str) -> Iterator[str]:
    name = f"cmw_test_{uuid.uuid4().hex[:12]}"
    url = db.create_database(server_url, name)
    try:
        yield url
    finally:
        db.drop_database(server_url, name)
        shutil.rmtree(target_dir(url), ignore_errors=True)


@pytest.fixture
def fresh_database(server_url: str) -> Iterator[str]:
    """An empty database of its own, dropped after the test."""
    yield from _unique_database(server_url)


@pytest.fixture(scope="module")
def module_database(server_url: str) -> Iterator[str]:
    """An empty database shared by one test module (for expensive builds)."""
    yield from _unique_database(server_url)


def run_cmw(
    *args: str,
    database_url: str | None,
    cwd: Path = REPO_ROOT,
    timeout: int = 600,
    extra_env: dict | None = None,
) -> subprocess.CompletedProcess:
    """Run the real `cmw` command line in a subprocess, as a user would."""
    env = {k: v for k, v in os.environ.items() if k not in ("CMW_DATABASE_URL", "DATABASE_URL")}
    if database_url:
        env["CMW_DATABASE_URL"] = database_url
    env.update(extra_env or {})
    return subprocess.run(
        [sys.executable, "-m", "etl.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="session")
def cmw():
    """The `cmw` command line, run in a subprocess: cmw("run", database_url=...)."""
    return run_cmw
