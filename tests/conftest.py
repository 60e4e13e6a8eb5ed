"""Shared fixtures: a real PostgreSQL for every database test.

The server is the one at CMW_DATABASE_URL when set, else the project's embedded
server. Each test that needs a database gets a uniquely named one, dropped after.

Building the warehouse (dbt) is the slow part, so the seeds' warehouse is built once
per session: tests that only query it share it read-only (`seeds_warehouse`); tests
that change it get their own copy, cloned from it with PostgreSQL's CREATE DATABASE
... TEMPLATE in about a second (`seeds_warehouse_copy`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest

from etl import config, db
from etl.dbt import target_dir

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS = REPO_ROOT / "seeds"


@pytest.fixture(scope="session")
def server_url() -> str:
    """URL of the server tests create their databases on."""
    configured = config.configured_database_url()
    if configured:
        return config.to_libpq_url(configured)
    from etl.embedded import EmbeddedPostgres

    return EmbeddedPostgres.default().ensure_running()


@contextmanager
def _unique_database(server_url: str, template: str | None = None) -> Iterator[str]:
    name = f"cmw_test_{uuid.uuid4().hex[:12]}"
    url = db.create_database(server_url, name, template=template)
    if template:  # dbt's artifacts too: the manifest tells which marts are incremental
        shutil.copytree(target_dir(config.with_database(server_url, template)), target_dir(url))
    try:
        yield url
    finally:
        db.drop_database(server_url, name)
        shutil.rmtree(target_dir(url), ignore_errors=True)


@pytest.fixture
def fresh_database(server_url: str) -> Iterator[str]:
    """An empty database of its own, dropped after the test."""
    with _unique_database(server_url) as url:
        yield url


@pytest.fixture(scope="module")
def module_database(server_url: str) -> Iterator[str]:
    """An empty database shared by one test module (for expensive builds)."""
    with _unique_database(server_url) as url:
        yield url


@pytest.fixture(scope="session")
def seeds_warehouse(server_url: str) -> Iterator[str]:
    """The warehouse built from seeds/ (migrate, load, dbt build, docs), once per session.

    Shared by every test that only reads it: do not change it (use seeds_warehouse_copy).
    """
    from etl import pipeline

    with _unique_database(server_url) as url:
        pipeline.run_pipeline(url, "run", [SEEDS])
        yield url


@pytest.fixture
def seeds_warehouse_copy(server_url: str, seeds_warehouse: str) -> Iterator[str]:
    """A copy of the seeds' warehouse of the test's own, dropped after."""
    with _unique_database(server_url, template=urlsplit(seeds_warehouse).path[1:]) as url:
        yield url


def query(url: str, statement: str, params: tuple | None = None) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(statement, params).fetchall()


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
