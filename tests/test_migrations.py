"""Alembic owns `staging`: upgrade, check for drift, downgrade, upgrade again."""

from __future__ import annotations

import subprocess
import sys

import psycopg
import pytest
from alembic import command
from alembic.config import Config

from etl import config, db


def test_developers_alembic_ini_and_cmw_use_the_same_migrations():
    """`alembic ...` from the repository root reads alembic.ini; `cmw migrate` builds its
    own configuration (a wheel ships no ini file): both must find one history."""
    ini = config.SOURCE_CHECKOUT / "alembic.ini"
    assert Config(str(ini)).get_main_option("script_location") == str(config.MIGRATIONS_DIR)
    heads = subprocess.run(
        [sys.executable, "-m", "alembic", "heads"],
        cwd=config.SOURCE_CHECKOUT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert heads.stdout.split()[0] == db.head_revision()


def _foreign_keys(url: str) -> int:
    with psycopg.connect(url) as conn:
        (count,) = conn.execute(
            "select count(*) from pg_constraint"
            " where contype = 'f' and connamespace = 'staging'::regnamespace"
        ).fetchone()
    return count


def _staging_tables(url: str) -> set[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "select table_name from information_schema.tables where table_schema = 'staging'"
        ).fetchall()
    return {name for (name,) in rows}


@pytest.mark.postgres
def test_upgrade_check_downgrade_upgrade(fresh_database):
    db.migrate(fresh_database)
    assert db.current_revision(fresh_database) == db.head_revision()
    assert {
        "documents",
        "mentions",
        "extracted_agreements",
        "etl_runs",
        "rejected_inputs",
    } <= _staging_tables(fresh_database)
    command.check(
        db.alembic_config(fresh_database)
    )  # raises when the MetaData and migrations drift
    assert _foreign_keys(fresh_database) == 0  # staging keeps no foreign keys (0007)

    db.downgrade(fresh_database, "0006")  # 0007's downgrade puts back what 0001-0006 made
    assert _foreign_keys(fresh_database) == 19
    db.downgrade(fresh_database, "base")
    assert _staging_tables(fresh_database) == {"alembic_version"}
    assert db.current_revision(fresh_database) is None

    db.migrate(fresh_database)
    assert db.current_revision(fresh_database) == db.head_revision()


@pytest.mark.postgres
def test_etl_refuses_a_schema_that_is_not_at_head(fresh_database):
    with pytest.raises(db.SchemaNotCurrent, match="cmw migrate"):
        db.require_current_schema(fresh_database)
    db.migrate(fresh_database)
    db.require_current_schema(fresh_database)


@pytest.mark.postgres
def test_a_built_warehouse_migrates_down_and_up_again(seeds_warehouse_copy):
    """dbt's stg_etl__ views read the staging tables; migrations drop them to change a column."""
    db.downgrade(seeds_warehouse_copy, "-1")  # drops columns stg_etl__documents reads
    db.migrate(seeds_warehouse_copy)
    assert db.current_revision(seeds_warehouse_copy) == db.head_revision()
