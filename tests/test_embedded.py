"""The embedded PostgreSQL: always exercised, whatever CMW_DATABASE_URL says."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from conftest import free_port

from etl.embedded import EmbeddedPostgres, EmbeddedServerError


@pytest.fixture
def homes() -> Iterator[Path]:
    """A folder for embedded servers' homes, outside pytest's base temp folder: as root,
    the server runs as a service user that needs to traverse every parent, and any pytest
    session starting meanwhile takes that right back on /tmp/pytest-of-root."""
    folder = Path(tempfile.mkdtemp(prefix="cmw-embedded-test-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.embedded
def test_embedded_server_starts_serves_sql_over_tcp_and_stops(homes):
    server = EmbeddedPostgres(homes / "home", free_port())
    assert not server.status().running
    url = server.ensure_running()
    try:
        assert url == f"postgresql://postgres@127.0.0.1:{server.port}/cmw"
        with psycopg.connect(url) as conn:
            assert conn.execute("select current_database(), 6 * 7").fetchone() == ("cmw", 42)
        assert server.status().running
        assert server.ensure_running() == url  # idempotent: already running
    finally:
        assert server.stop()
    assert not server.status().running
    assert not server.stop()


@pytest.mark.embedded
def test_cmw_db_commands_manage_the_embedded_server(homes, cli):
    env = {"CMW_HOME": str(homes / "home"), "CMW_EMBEDDED_PORT": str(free_port())}
    status = cli("db", "status", database_url=None, extra_env=env)
    assert status.exit_code == 0 and "embedded server: stopped" in status.stdout, status.output
    started = cli("db", "start", database_url=None, extra_env=env)
    try:
        assert started.exit_code == 0, started.output
        url = cli("db", "url", database_url=None, extra_env=env).stdout.strip()
        assert url == started.stdout.strip()
        with psycopg.connect(url) as conn:
            assert conn.execute("select 1").fetchone() == (1,)
        running = cli("db", "status", database_url=None, extra_env=env)
        assert "embedded server: running" in running.stdout, running.output
    finally:
        stopped = cli("db", "stop", database_url=None, extra_env=env)
    assert stopped.exit_code == 0 and stopped.stdout.strip() == "stopped", stopped.output


@pytest.mark.embedded
@pytest.mark.slow
def test_a_port_held_by_another_warehouse_names_that_warehouse(homes):
    port = free_port()
    first = EmbeddedPostgres(homes / "first", port)
    first.ensure_running()
    try:
        with pytest.raises(EmbeddedServerError) as raised:
            EmbeddedPostgres(homes / "second", port).ensure_running()
        message = str(raised.value)
        assert str(homes / "first" / "pgdata") in message
        assert "CMW_HOME" in message and "separate, empty warehouse" in message
    finally:
        first.stop()
