"""Where the package's files live, and settings read from environment variables only
(see .env.example).

CMW_DATABASE_URL (or DATABASE_URL)  the PostgreSQL to use; when neither is set the
                                    project starts its own embedded server.
CMW_HOME                            where the embedded server keeps its data, and dbt its
                                    build artifacts and the docs site (default:
                                    $XDG_DATA_HOME/critical-minerals-warehouse, i.e.
                                    ~/.local/share/critical-minerals-warehouse).
CMW_EMBEDDED_PORT                   TCP port of the embedded server (default 54329).
CMW_MAX_DOCUMENT_BYTES              inputs larger than this are rejected (default 5 MB).
CMW_BATCH_SIZE                      documents per load transaction (default 250).
CMW_WORKERS                         processes extracting documents side by side (default:
                                    one per core; 1 extracts in the cmw process itself).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

PACKAGE_DIR = Path(__file__).resolve().parent


def _source_checkout() -> Path | None:
    """The repository `etl` runs from (an editable install, or `python -m` in a clone);
    None for an installed package, which ships no repository around it."""
    root = PACKAGE_DIR.parent
    return root if (root / "pyproject.toml").is_file() else None


SOURCE_CHECKOUT = _source_checkout()
# The files the code reads besides its modules: the repository's top-level folders in a
# checkout; a wheel ships the same folders inside the package (pyproject.toml maps them
# there). Plain paths, not importlib.resources traversables: dbt and Alembic are handed
# directories, and pip installs wheels unpacked.
_DATA_ROOT = SOURCE_CHECKOUT or PACKAGE_DIR
DBT_PROJECT_DIR = _DATA_ROOT / "dbt_project"
MIGRATIONS_DIR = _DATA_ROOT / "migrations"
REFERENCE_DIR = _DATA_ROOT / "reference"

# Development material, not package data, so found only in a checkout: the example
# documents `cmw run` reads without --source (an installed cmw asks for a --source, so a
# server never loads the examples into its marts by mistake), and the gold set `cmw eval`
# scores without an argument.
DEFAULT_SEEDS_DIR = SOURCE_CHECKOUT / "seeds" if SOURCE_CHECKOUT else None
DEFAULT_GOLD_FILE = (
    SOURCE_CHECKOUT / "tests" / "gold" / "annotations.yaml" if SOURCE_CHECKOUT else None
)

DEFAULT_EMBEDDED_PORT = 54329
DEFAULT_MAX_DOCUMENT_BYTES = 5_000_000
# Documents per load transaction: big enough for COPY to pay, small enough to redo.
DEFAULT_BATCH_SIZE = 250
DEFAULT_DBT_THREADS = 2


class ConfigError(ValueError):
    """An environment variable holds a value the warehouse cannot use; says which."""


def configured_database_url() -> str | None:
    """The URL the operator configured, or None when the embedded server should be used."""
    return os.environ.get("CMW_DATABASE_URL") or os.environ.get("DATABASE_URL") or None


def home_dir() -> Path:
    """One place per user, whatever the current directory: `cmw` run from anywhere
    finds the same embedded warehouse."""
    configured = os.environ.get("CMW_HOME")
    if configured:
        return Path(configured).expanduser().resolve()
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return (Path(data_home) / "critical-minerals-warehouse").resolve()


def dbt_target_root() -> Path:
    """dbt's artifacts (manifest, logs, the docs site), one folder per database."""
    return home_dir() / "dbt-target"


def embedded_port() -> int:
    return _positive_int("CMW_EMBEDDED_PORT", DEFAULT_EMBEDDED_PORT, maximum=65535)


def max_document_bytes() -> int:
    return _positive_int("CMW_MAX_DOCUMENT_BYTES", DEFAULT_MAX_DOCUMENT_BYTES)


def batch_size() -> int:
    return _positive_int("CMW_BATCH_SIZE", DEFAULT_BATCH_SIZE)


def dbt_threads() -> int:
    return _positive_int("CMW_DBT_THREADS", DEFAULT_DBT_THREADS, maximum=64)


def workers() -> int:
    return _positive_int("CMW_WORKERS", os.cpu_count() or 1, maximum=256)


def check() -> None:
    """Read every numeric setting once, so a bad value stops a command before it starts."""
    embedded_port()
    max_document_bytes()
    batch_size()
    dbt_threads()
    workers()


def _positive_int(name: str, default: int, *, maximum: int | None = None) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from None
    if value < 1 or (maximum is not None and value > maximum):
        upper = f" and at most {maximum}" if maximum is not None else ""
        raise ConfigError(f"{name}={value} must be at least 1{upper}")
    return value


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
