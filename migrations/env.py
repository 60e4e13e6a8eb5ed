"""Alembic environment: migrations for the `staging` schema only.

dbt owns `intermediate` and `marts`; the filters below keep autogenerate and
`alembic check` from ever proposing to drop dbt's relations.
"""

from alembic import context
from sqlalchemy import create_engine, pool, text

from etl.config import sqlalchemy_url
from etl.schema import STAGING_SCHEMA, metadata


def include_name(name, type_, parent_names):
    if type_ == "schema":
        return name == STAGING_SCHEMA
    return True


def include_object(object_, name, type_, reflected, compare_to):
    # A table in staging that the MetaData does not define (none should exist) is
    # reported by `alembic check` rather than silently dropped by a migration.
    return not (type_ == "table" and reflected and compare_to is None and name == "alembic_version")


def run_migrations_online() -> None:
    url = context.config.attributes.get("database_url") or sqlalchemy_url()
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        connection.execute(text(f'create schema if not exists "{STAGING_SCHEMA}"'))
        connection.commit()
        context.configure(
            connection=connection,
            target_metadata=metadata,
            version_table_schema=STAGING_SCHEMA,
            include_schemas=True,
            include_name=include_name,
            include_object=include_object,
            compare_type=True,
            compare_server_default=True,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Offline SQL generation is not supported: run against a database.")
run_migrations_online()
