"""Configuration, read from environment variables only (see .env.example).

CMW_DATABASE_URL (or DATABASE_URL)  the PostgreSQL to use; when neither is set the
                                    project starts its own embedded server.
CMW_HOME                            where the embedded server keeps its data and the
                                    ETL its scratch files (default: ./.cmw).
CMW_EMBEDDED_PORT                   TCP port of the embedded server (default 54329).
CMW_MAX_DOCUMENT_BYTES              inputs larger than this are rejected (default 5 MB).
CMW_BATCH_SIZE                      documents per load transaction (default 250).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
ALEMBIC_INI = PROJECT_ROOT / "alembic.ini"
DEFAULT_SEEDS_DIR = PROJECT_ROOT / "seeds"

DEFAULT_EMBEDDED_PORT = 54329
DEFAULT_MAX_DOCUMENT_BYTES = 5_000_000
# Documents per load transaction: big enough for COPY to pay, small enough to redo.
DEFAULT_BATCH_SIZE = 250


def configured_database_url() -> str | None:
    """The URL the operator configured, or None when the embedded server should be used."""
    return os.environ.get("CMW_DATABASE_URL") or os.environ.get("DATABASE_URL") or None


def home_dir() -> Path:
    return Path(os.environ.get("CMW_HOME") or Path.cwd() / ".cmw").resolve()


def embedded_port() -> int:
    return int(os.environ.get("CMW_EMBEDDED_PORT") or DEFAULT_EMBEDDED_PORT)


def max_document_bytes() -> int:
    return int(os.environ.get("CMW_MAX_DOCUMENT_BYTES") or DEFAULT_MAX_DOCUMENT_BYTES)


def batch_size() -> int:
    return int(os.environ.get("CMW_BATCH_SIZE") or DEFAULT_BATCH_SIZE)


def database_url() -> str:
    """The libpq URL of the warehouse database, starting the embedded server if needed."""
    url = configured_database_url()
    if url:
        return to_libpq_url(url)
    from etl.embedded import EmbeddedPostgres  # imported late: only needed without a URL

    return EmbeddedPostgres.default().ensure_running()


def to_libpq_url(url: str) -> str:
    """Accept SQLAlchemy-style URLs too (postgresql+psycopg://...)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(scheme="postgresql"))


def sqlalchemy_url(url: str | None = None) -> str:
    parts = urlsplit(url or database_url())
    return urlunsplit(parts._replace(scheme="postgresql+psycopg"))


def with_database(url: str, dbname: str) -> str:
    """The same server, another database."""
    return urlunsplit(urlsplit(url)._replace(path="/" + dbname))
