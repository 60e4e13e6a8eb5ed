"""Connections, migrations and the schema-version guard."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from psycopg import sql

from etl import config
from etl.schema import STAGING_SCHEMA


class DatabaseUnavailable(RuntimeError):
    """The server cannot be reached; the message says which and what to do."""


class SchemaNotCurrent(RuntimeError):
    """The staging schema is not at the Alembic head; the message says what to run."""


@contextmanager
def connect(url: str, *, autocommit: bool = True) -> Iterator[psycopg.Connection]:
    """A connection in autocommit mode: every `conn.transaction()` block is then a real
    transaction that commits at its end, never a savepoint inside an implicit one."""
    try:
        conn = psycopg.connect(url, autocommit=autocommit, connect_timeout=10)
    except psycopg.OperationalError as exc:
        raise DatabaseUnavailable(
            f"cannot connect to {redact(url)}: {str(exc).strip().splitlines()[0]}\n"
            "Check CMW_DATABASE_URL, or unset it to use the embedded server (cmw db start)."
        ) from exc
    with conn:
        yield conn


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def alembic_config(url: str) -> Config:
    cfg = Config(str(config.ALEMBIC_INI))
    cfg.attributes["database_url"] = config.sqlalchemy_url(url)
    return cfg


def migrate(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(url), revision)


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config("postgresql://unused")).get_current_head()


def current_revision(url: str) -> str | None:
    from sqlalchemy import create_engine, pool

    engine = create_engine(config.sqlalchemy_url(url), poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"version_table_schema": STAGING_SCHEMA}
            )
            return context.get_current_revision()
    finally:
        engine.dispose()


def require_current_schema(url: str) -> None:
    current, head = current_revision(url), head_revision()
    if current != head:
        raise SchemaNotCurrent(
            f"the staging schema is at revision {current or 'none'}, the code expects {head}. "
            "Run `cmw migrate` (or pass --migrate) first."
        )


def create_database(server_url: str, name: str) -> str:
    """Create database `name` on the server of `server_url`; return its URL."""
    with connect(config.with_database(server_url, "postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    return config.with_database(server_url, name)


def drop_database(server_url: str, name: str) -> None:
    with connect(config.with_database(server_url, "postgres"), autocommit=True) as conn:
        conn.execute(
            sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name))
        )
