"""Connections, migrations and the schema-version guard."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import psycopg
from psycopg import sql

from etl import config
from etl.schema import STAGING_SCHEMA

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic is imported where it is used: it costs every `cmw` start a noticeable part of
# a second, and most commands never migrate.


class DatabaseUnavailable(RuntimeError):
    """The server cannot be reached; the message says which and what to do."""

    @classmethod
    def of(cls, url: str, error: BaseException) -> DatabaseUnavailable:
        said = " ".join(str(error).split()) or type(error).__name__
        return cls(
            f"cannot use the database at {redact(url)}. The server said: {said} -- check that"
            " the server is running and reachable on that host and port, that the database"
            " exists and that the role may log in (CMW_DATABASE_URL; unset it to use the"
            " embedded server)."
        )


class SchemaNotCurrent(RuntimeError):
    """The staging schema is not at the Alembic head; the message says what to run."""


@contextmanager
def connect(url: str, *, autocommit: bool = True) -> Iterator[psycopg.Connection]:
    """A connection in autocommit mode: every `conn.transaction()` block is then a real
    transaction that commits at its end, never a savepoint inside an implicit one."""
    try:
        conn = psycopg.connect(url, autocommit=autocommit, connect_timeout=CONNECT_TIMEOUT_S)
    except psycopg.OperationalError as exc:
        raise DatabaseUnavailable.of(url, exc) from exc
    with conn:
        yield conn


CONNECT_TIMEOUT_S = 10


def check_reachable(url: str) -> None:
    """Connect once, so a wrong URL fails before any work starts (DatabaseUnavailable)."""
    with connect(url):
        pass


def one_row(conn: psycopg.Connection, query: str, params: tuple = ()) -> tuple:
    """The one row a query always returns (an aggregate, a function call, `show`)."""
    row = conn.execute(query, params).fetchone()
    if row is None:  # pragma: no cover - such a query always returns a row
        raise RuntimeError(f"no row from: {query}")
    return row


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    # Alembic's default `stdout` is the sys.stdout of the moment alembic.config was first
    # imported, which may be closed by now (a test's capture, a redirected stream).
    # Built here rather than read from alembic.ini, which a wheel does not ship: the code
    # needs only where the migrations are (tests/test_migrations.py checks the two agree).
    cfg = Config(stdout=sys.stdout)
    cfg.set_main_option("script_location", str(config.MIGRATIONS_DIR))
    cfg.attributes["database_url"] = config.sqlalchemy_url(url)
    return cfg


def migrate(url: str, revision: str = "head") -> None:
    _refuse_unknown_revision(url)
    from alembic import command

    if current_revision(url) != head_revision():
        _drop_views_over_staging(url)
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str = "base") -> None:
    from alembic import command

    _drop_views_over_staging(url)
    command.downgrade(alembic_config(url), revision)


def _drop_views_over_staging(url: str) -> None:
    """PostgreSQL refuses to drop or retype a column that a view reads, so migrations run
    without dbt's views over `staging` (the stg_etl__ views); the next `dbt build`
    recreates them."""
    with connect(url) as conn:
        views = conn.execute(
            """
            select distinct dependent_schema.nspname, dependent.relname
            from pg_depend as dependency
            inner join pg_rewrite as rule on dependency.objid = rule.oid
            inner join pg_class as dependent on rule.ev_class = dependent.oid
            inner join pg_namespace as dependent_schema on dependent.relnamespace = dependent_schema.oid
            inner join pg_class as read_table on dependency.refobjid = read_table.oid
            inner join pg_namespace as read_schema on read_table.relnamespace = read_schema.oid
            where read_schema.nspname = %(staging)s
                and dependent_schema.nspname <> %(staging)s
                and dependent.relkind = 'v'
            """,
            {"staging": STAGING_SCHEMA},
        ).fetchall()
        for schema, name in views:
            conn.execute(sql.SQL("drop view if exists {}").format(sql.Identifier(schema, name)))


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config("postgresql://unused")).get_current_head()
    if head is None:  # pragma: no cover - the package always ships its migrations
        raise RuntimeError("no Alembic migrations found")
    return head


def current_revision(url: str) -> str | None:
    from alembic.runtime.migration import MigrationContext
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
    _refuse_unknown_revision(url)
    current, head = current_revision(url), head_revision()
    if current != head:
        raise SchemaNotCurrent(
            f"the staging schema is at revision {current or 'none'}, the code expects {head}. "
            "Run `cmw migrate` (or pass --migrate) first."
        )


def _refuse_unknown_revision(url: str) -> None:
    """A schema migrated by a newer cmw: neither migrating nor loading can help."""
    current = current_revision(url)
    if current is None:
        return
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config(url))
    if current not in {script.revision for script in scripts.walk_revisions()}:
        raise SchemaNotCurrent(
            f"the staging schema is at revision {current}, which this cmw does not know"
            f" (its latest is {scripts.get_current_head()}): the database was migrated by a"
            " newer version of cmw. Upgrade cmw, or point CMW_DATABASE_URL at another database."
        )


def create_database(server_url: str, name: str, *, template: str | None = None) -> str:
    """Create database `name` on the server of `server_url` (a copy of `template` when
    given: it must have no other session); return its URL."""
    statement = sql.SQL("create database {}").format(sql.Identifier(name))
    if template:
        statement += sql.SQL(" template {}").format(sql.Identifier(template))
    with connect(config.with_database(server_url, "postgres"), autocommit=True) as conn:
        conn.execute(statement)
    return config.with_database(server_url, name)


def drop_database(server_url: str, name: str) -> None:
    with connect(config.with_database(server_url, "postgres"), autocommit=True) as conn:
        conn.execute(
            sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name))
        )


# --- publishing the marts ----------------------------------------------------------

LIVE_MARTS = "marts"
SHADOW_MARTS = "marts__next"
_RETIRED_MARTS = "marts__previous"


def prepare_shadow_marts(url: str, incremental: list[str]) -> None:
    """An empty shadow schema for the next build, holding a copy of each incremental mart.

    A failed earlier build's shadow is dropped first. Incremental marts carry their rows
    over (they are only appended to), so the shadow build adds what is new to a copy.
    """
    with connect(url) as conn, conn.transaction():
        conn.execute(sql.SQL("drop schema if exists {} cascade").format(_ident(SHADOW_MARTS)))
        conn.execute(sql.SQL("create schema {}").format(_ident(SHADOW_MARTS)))
        live = {
            name
            for (name,) in conn.execute(
                "select table_name from information_schema.tables where table_schema = %s",
                (LIVE_MARTS,),
            )
        }
        for name in incremental:
            if name not in live:
                continue
            copy, original = sql.Identifier(SHADOW_MARTS, name), sql.Identifier(LIVE_MARTS, name)
            conn.execute(sql.SQL("create table {} (like {} including all)").format(copy, original))
            conn.execute(sql.SQL("insert into {} select * from {}").format(copy, original))


def publish_shadow_marts(url: str) -> None:
    """Swap the tested shadow schema in as `marts`, in one transaction.

    BI sessions see the old marts or the new ones, never a mix; the grants were given on
    the shadow schema by the build and go with it.
    """
    _analyze_schema(url, SHADOW_MARTS)
    with connect(url) as conn, conn.transaction():
        conn.execute(sql.SQL("drop schema if exists {} cascade").format(_ident(_RETIRED_MARTS)))
        exists = conn.execute(
            "select 1 from pg_namespace where nspname = %s", (LIVE_MARTS,)
        ).fetchone()
        if exists:
            conn.execute(
                sql.SQL("alter schema {} rename to {}").format(
                    _ident(LIVE_MARTS), _ident(_RETIRED_MARTS)
                )
            )
        conn.execute(
            sql.SQL("alter schema {} rename to {}").format(_ident(SHADOW_MARTS), _ident(LIVE_MARTS))
        )
        conn.execute(sql.SQL("drop schema if exists {} cascade").format(_ident(_RETIRED_MARTS)))


def _analyze_schema(url: str, schema: str) -> None:
    """Statistics for every table of `schema`. Tables dbt just created have none, and
    the planner then guesses one row each: BI joins become nested loops that grow with
    the square of the marts (`cmw bench run`: the example analyses took 8 s at 3,000
    documents, 68 s at 10,000), until autovacuum happens to analyze them."""
    with connect(url) as conn:
        tables = conn.execute(
            "select table_name from information_schema.tables"
            " where table_schema = %s and table_type = 'BASE TABLE'",
            (schema,),
        ).fetchall()
        for (table,) in tables:
            conn.execute(sql.SQL("analyze {}").format(sql.Identifier(schema, table)))


def analyze_stale_staging(url: str) -> list[str]:
    """ANALYZE the staging tables never analyzed or whose statistics autovacuum would
    refresh (more rows changed since their last analysis than a tenth of the table), now
    rather than whenever it gets to them, or never where it is off. A build right after a
    large load otherwise plans on guesses: at 100,000 documents the merge models paired
    every report with every other (66 s instead of 2). Returns the tables analyzed."""
    with connect(url) as conn:
        stale = [
            table
            for (table,) in conn.execute(
                "select c.relname from pg_class as c"
                " join pg_namespace as n on n.oid = c.relnamespace"
                " left join pg_stat_user_tables as s on s.relid = c.oid"
                " where n.nspname = %s and c.relkind = 'r' and (c.reltuples < 0"
                " or s.n_mod_since_analyze >= greatest(1, 0.1 * s.n_live_tup))"
                " order by c.relname",
                (STAGING_SCHEMA,),
            )
        ]
        for table in stale:
            conn.execute(sql.SQL("analyze {}").format(sql.Identifier(STAGING_SCHEMA, table)))
    return stale


def _ident(name: str) -> sql.Identifier:
    return sql.Identifier(name)


# --- analysts' logins --------------------------------------------------------------

BI_READER_ROLE = "bi_reader"


class BiReaderMissing(RuntimeError):
    """The bi_reader role does not exist yet: the warehouse was never built here."""


def grant_bi_login(url: str, login: str, password: str) -> bool:
    """A login role for an analyst's BI tool, member of bi_reader (reads marts only).

    Creates the login, or resets its password and membership. True when created.
    """
    with connect(url) as conn, conn.transaction():
        if not _role_exists(conn, BI_READER_ROLE):
            raise BiReaderMissing(
                "the bi_reader role does not exist yet: build the warehouse first (cmw run)"
            )
        created = not _role_exists(conn, login)
        verb = "create" if created else "alter"
        conn.execute(
            sql.SQL("{} role {} with login password {}").format(
                sql.SQL(verb), sql.Identifier(login), sql.Literal(password)
            )
        )
        conn.execute(
            sql.SQL("grant {} to {}").format(sql.Identifier(BI_READER_ROLE), sql.Identifier(login))
        )
    return created


def revoke_bi_login(url: str, login: str) -> bool:
    """Remove an analyst's login role. False when there was none."""
    with connect(url) as conn, conn.transaction():
        if not _role_exists(conn, login):
            return False
        conn.execute(sql.SQL("drop role {}").format(sql.Identifier(login)))
    return True


def _role_exists(conn: psycopg.Connection, name: str) -> bool:
    return conn.execute("select 1 from pg_roles where rolname = %s", (name,)).fetchone() is not None
