"""One writing run at a time: a PostgreSQL advisory lock on a dedicated connection.

The lock lives as long as its connection, so a run that is killed releases it
with its session; nothing has to clean up after a crash.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum

import psycopg

from etl import db

APPLICATION_NAME_PREFIX = "cmw "


class LockId(IntEnum):
    # Any run that writes staging or marts: run, nightly, load, reprocess, build.
    WAREHOUSE_WRITE = 0x636D_7701


class RunInProgress(RuntimeError):
    """Another run holds the lock; the message says which."""


@contextmanager
def exclusive_run(url: str, description: str) -> Iterator[psycopg.Connection]:
    """Hold the warehouse write lock for the duration of the block, or raise RunInProgress.

    `description` names this run for whoever finds the lock taken (it becomes the
    lock connection's application_name, visible in pg_stat_activity).
    """
    try:
        conn = psycopg.connect(
            url,
            autocommit=True,
            application_name=(APPLICATION_NAME_PREFIX + description)[:63],
            connect_timeout=db.CONNECT_TIMEOUT_S,
        )
    except psycopg.OperationalError as exc:
        raise db.DatabaseUnavailable.of(url, exc) from exc
    try:
        (acquired,) = db.one_row(
            conn, "select pg_try_advisory_lock(%s)", (int(LockId.WAREHOUSE_WRITE),)
        )
        if not acquired:
            raise RunInProgress(_describe_holder(conn))
        try:
            yield conn
        finally:
            (released,) = db.one_row(
                conn, "select pg_advisory_unlock(%s)", (int(LockId.WAREHOUSE_WRITE),)
            )
            if not released:  # pragma: no cover - would mean the lock was lost mid-run
                raise RuntimeError("the warehouse lock was not held when the run ended")
    finally:
        conn.close()


def describe_run(conn: psycopg.Connection, description: str) -> None:
    """Rename the lock holder once its run id is known."""
    conn.execute(
        "select set_config('application_name', %s, false)",
        ((APPLICATION_NAME_PREFIX + description)[:63],),
    )


def _describe_holder(conn: psycopg.Connection) -> str:
    # An advisory lock on one bigint key shows classid = high 32 bits, objid = low 32 bits.
    row = conn.execute(
        """
        select a.application_name, a.pid, a.backend_start
        from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.granted and l.objid = %s and l.database =
            (select oid from pg_database where datname = current_database())
        """,
        (int(LockId.WAREHOUSE_WRITE) & 0xFFFFFFFF,),
    ).fetchone()
    if row is None:
        return "another cmw run holds the warehouse lock (it may just have finished: try again)"
    name, pid, since = row
    return f"another run holds the warehouse lock: '{name}' (server pid {pid}, since {since:%Y-%m-%d %H:%M:%S %Z})"
