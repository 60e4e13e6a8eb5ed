"""Shared fixtures and helpers: a real PostgreSQL for every database test.

The server is the one at CMW_DATABASE_URL when set, else the project's embedded
server. Each test that needs a database gets a uniquely named one, dropped after.

dbt is the slow part (a build of the seeds takes 15-20 s, the docs about 8 s), so the
suite builds as little as it can:
- the seeds' warehouse is built once per session, by the README's quickstart: the real
  `cmw run` from a clean database, started in the background as soon as the tests are
  collected, so that it builds while the tests that need no warehouse run (they run
  first) (`seeds_quickstart`); pytest-xdist's workers share that one build. Tests that only query it share it read-only
  (`seeds_warehouse`); tests that change it get a copy, cloned with
  PostgreSQL's CREATE DATABASE ... TEMPLATE in about a second (`seeds_warehouse_copy`,
  or `copy_of` for a fixture of wider scope);
- its docs site is generated and served once, by the real `cmw docs --serve` (`docs_site`).

Two ways to run the command line: `cmw` runs it in a subprocess, as a user does, where
the process itself is under test (a traceback on stderr, signals, two runs at once, the
quickstart, the nightly); `cli` runs the same Typer app in-process everywhere else, where
a process would add a second of start-up and nothing else.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

import psycopg
import pytest
from click.testing import Result
from typer.testing import CliRunner

from etl import config, db
from etl.cli import app
from etl.dbt import target_dir

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS = REPO_ROOT / "seeds"


# Two reports, in two languages, of one offtake between two companies: the seeds hold no
# company deal (test_commitment_marts.py loads them; test_nightly.py's first night too).
TWO_REPORTS_OF_ONE_DEAL = {
    "aurelia_en.txt": (
        "date 2025-06-24\n\n"
        "Perth-based Aurelia Battery Metals said on Tuesday it had signed a binding five-year "
        "offtake agreement with South Korean cathode maker Hanseong Materials for 3,000 tonnes"
        " per year of cobalt sulphate from its planned refinery in Western Australia.\n"
    ),
    "aurelia_fr.txt": (
        "date 2025-06-25\n\n"
        "Le groupe minier Aurelia Battery Metals a signé un contrat d'enlèvement (offtake) de"
        " cinq ans avec le fabricant sud-coréen Hanseong Materials pour 3 000 tonnes par an de"
        " sulfate de cobalt.\n"
    ),
}


# --- databases ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def server_url() -> str:
    """URL of the server tests create their databases on."""
    return _server_url()


def _server_url() -> str:
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


@contextmanager
def copy_of(server_url: str, url: str) -> Iterator[str]:
    """A copy of the database at `url` (no session may be open on it), dropped after."""
    with _unique_database(server_url, template=urlsplit(url).path[1:]) as copy:
        yield copy


@contextmanager
def empty_database(server_url: str) -> Iterator[str]:
    """An empty database of its own, dropped after (a test that compares two loads)."""
    with _unique_database(server_url) as url:
        yield url


@pytest.fixture
def fresh_database(server_url: str) -> Iterator[str]:
    """An empty database of its own, dropped after the test."""
    with empty_database(server_url) as url:
        yield url


@pytest.fixture
def migrated_database(fresh_database: str) -> str:
    """A database of its own with the staging schema at the Alembic head, and no data."""
    db.migrate(fresh_database)
    return fresh_database


class Quickstart:
    """The README's quickstart, `cmw run` (seeds/ by default) from a clean database, in a
    process that builds while other tests run.

    One per test session: the first test process that needs it (one of pytest-xdist's
    workers, or the only process) starts it, in a process group of its own; the others
    read where it builds from `folder`, shared by the whole session. The session's main
    process stops it, if it still runs, and drops its database when every test is done.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def start(cls, folder: Path, server_url: str) -> None:
        name = f"cmw_test_{uuid.uuid4().hex[:12]}"
        (folder / "database").write_text(name)  # first: the cleanup drops it in any case
        url = db.create_database(server_url, name)
        # The exit status lands in a file, for whichever process waits for it.
        status = folder / "returncode"
        with (folder / "stdout").open("w") as stdout, (folder / "stderr").open("w") as stderr:
            process = subprocess.Popen(
                [sys.executable, "-c", _RECORD_EXIT_STATUS, str(status)]
                + [sys.executable, "-m", "etl.cli", "run"],
                cwd=REPO_ROOT,
                env=_environment(url, None),
                stdout=stdout,
                stderr=stderr,
                text=True,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        _STARTED.append(process)  # kept: it may outlive the test process that started it
        (folder / "pgid").write_text(str(process.pid))
        (folder / "url").write_text(url)  # last: the others wait for it

    @cached_property
    def url(self) -> str:
        def started() -> str | None:
            if (self.folder / "error").exists():
                raise AssertionError((self.folder / "error").read_text())
            path = self.folder / "url"
            return path.read_text() if path.exists() else None

        return wait_until(started, timeout=120)

    @cached_property
    def result(self) -> subprocess.CompletedProcess:
        """What `cmw run` said, once it has finished."""
        self.url  # noqa: B018 (started, or failed to)
        wait_until(lambda: (self.folder / "returncode").exists(), timeout=900)
        return subprocess.CompletedProcess(
            ["cmw", "run"],
            int((self.folder / "returncode").read_text()),
            (self.folder / "stdout").read_text(),
            (self.folder / "stderr").read_text(),
        )

    @staticmethod
    def close(folder: Path) -> None:
        """Stop the build if it still runs (the session ended first), drop its database."""
        # (A finished build's group is gone: its number may be another's by now.)
        if (folder / "pgid").exists() and not (folder / "returncode").exists():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(int((folder / "pgid").read_text()), signal.SIGKILL)
        if (folder / "database").exists():
            name = (folder / "database").read_text()
            server_url = _server_url()
            db.drop_database(server_url, name)
            shutil.rmtree(target_dir(config.with_database(server_url, name)), ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)


_STARTED: list[subprocess.Popen] = []

# Run a command, then write its exit status to the file named first (atomically).
_RECORD_EXIT_STATUS = (
    "import os, subprocess, sys\n"
    "status = subprocess.call(sys.argv[2:])\n"
    "with open(sys.argv[1] + '.partial', 'w') as f: f.write(str(status))\n"
    "os.replace(sys.argv[1] + '.partial', sys.argv[1])\n"
)

# Where the session's quickstart is told about: made by the main process, handed to each
# pytest-xdist worker.
_QUICKSTART_DIR = pytest.StashKey[Path]()


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def _quickstart_dir(config: pytest.Config) -> Path:
    if _is_worker(config):
        return Path(config.workerinput["cmw_quickstart_dir"])
    return config.stash[_QUICKSTART_DIR]


def pytest_configure(config: pytest.Config) -> None:
    if not _is_worker(config):
        config.stash[_QUICKSTART_DIR] = Path(tempfile.mkdtemp(prefix="cmw-quickstart-"))


def pytest_configure_node(node) -> None:
    """pytest-xdist, in the main process: tell a worker where the quickstart is."""
    node.workerinput["cmw_quickstart_dir"] = str(node.config.stash[_QUICKSTART_DIR])


def _needs_quickstart(item: pytest.Item) -> bool:
    return "seeds_quickstart" in getattr(item, "fixturenames", ())


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests start first, so that no process is left with one at the end; then
    the tests that need the seeds' warehouse run last, in their usual order: the
    quickstart builds it while the others run."""
    # stable: each group keeps its order
    items.sort(key=lambda item: (item.get_closest_marker("slow") is None, _needs_quickstart(item)))


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the quickstart as soon as a collected test needs it: its build (half a minute)
    then overlaps the tests that run before the first of those. Only the first process
    of the session to get here starts it."""
    needed = any(_needs_quickstart(item) for item in session.items)
    if needed and not session.config.option.collectonly:
        folder = _quickstart_dir(session.config)
        try:
            os.close(os.open(folder / "claimed", os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            return  # another worker started it
        try:
            Quickstart.start(folder, _server_url())
        except Exception as exc:  # no server: the tests that need one fail, the others run
            (folder / "error").write_text(f"the quickstart did not start: {exc!r}")


def pytest_unconfigure(config: pytest.Config) -> None:
    if not _is_worker(config):
        Quickstart.close(config.stash[_QUICKSTART_DIR])
    for process in _STARTED:  # reaped here if it has finished (or was just stopped)
        if _is_worker(config):
            process.poll()  # one still running is the main process's to stop
        else:
            process.wait()


@pytest.fixture(scope="session")
def seeds_quickstart(request: pytest.FixtureRequest) -> Quickstart:
    """The session's quickstart, once it has built the seeds' warehouse."""
    quickstart = Quickstart(_quickstart_dir(request.config))
    result = quickstart.result
    assert result.returncode == 0, result.stdout + result.stderr
    return quickstart


@pytest.fixture(scope="session")
def seeds_warehouse(seeds_quickstart: Quickstart) -> str:
    """The warehouse the quickstart built from seeds/: migrated, loaded, dbt build, docs.

    Shared by every test that only reads it: do not change it (use seeds_warehouse_copy).
    """
    return seeds_quickstart.url


@pytest.fixture
def seeds_warehouse_copy(server_url: str, seeds_warehouse: str) -> Iterator[str]:
    """A copy of the seeds' warehouse of the test's own, dropped after."""
    with copy_of(server_url, seeds_warehouse) as url:
        yield url


def query(url: str, statement: str, params: tuple | None = None) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(statement, params).fetchall()


def marts_snapshot(url: str) -> dict[str, list[tuple]]:
    """Every row of every table in `marts`, without load times (a re-run may reload)."""
    tables = [t for (t,) in query(url, _MARTS_TABLES)]
    snapshot = {}
    for table in tables:
        columns = [c for (c,) in query(url, _COLUMNS, (table,))]
        listed = ", ".join(columns)
        snapshot[table] = query(url, f"select {listed} from marts.{table} order by {listed}")
    return snapshot


# The intermediate models that record which reports merged into one fact: incremental,
# so an incremental build must leave them as a full refresh would.
MERGE_MODELS = ("int_agreement_merges", "int_commitment_merges", "int_company_deal_merges")


def warehouse_state(url: str) -> dict[str, list[tuple]]:
    """Every mart's rows, and every merge the marts are made from."""
    state = marts_snapshot(url)
    for table in MERGE_MODELS:
        state[table] = query(
            url,
            f"select extraction_id, document_id, anchor_extraction_id, merge_reason, load_id"
            f" from intermediate.{table} order by extraction_id",
        )
    return state


_MARTS_TABLES = (
    "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
)
_COLUMNS = (
    "select column_name from information_schema.columns where table_schema = 'marts'"
    " and table_name = %s and column_name <> 'loaded_at' order by ordinal_position"
)


# --- the command line ---------------------------------------------------------------


def _environment(database_url: str | None, extra_env: dict | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CMW_DATABASE_URL", "DATABASE_URL")}
    if database_url:
        env["CMW_DATABASE_URL"] = database_url
    return {**env, **(extra_env or {})}


def run_cmw(
    *args: str,
    database_url: str | None,
    cwd: Path = REPO_ROOT,
    timeout: int = 600,
    extra_env: dict | None = None,
) -> subprocess.CompletedProcess:
    """Run the real `cmw` command line in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "etl.cli", *args],
        cwd=cwd,
        env=_environment(database_url, extra_env),
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def start_cmw(
    *args: str,
    database_url: str,
    extra_env: dict | None = None,
    stdout: int | IO = subprocess.PIPE,
    stderr: int | IO = subprocess.PIPE,
) -> subprocess.Popen:
    """Start the real `cmw` in a subprocess and return at once (to signal or serve).

    Ctrl+C is restored to its default first: a test run started in the background by a
    non-interactive shell ignores SIGINT, and `cmw` would inherit that, not answer it."""
    return subprocess.Popen(
        [sys.executable, "-m", "etl.cli", *args],
        cwd=REPO_ROOT,
        env=_environment(database_url, extra_env),
        stdout=stdout,
        stderr=stderr,
        text=True,
        stdin=subprocess.DEVNULL,
        preexec_fn=_default_sigint,
    )


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture(scope="session")
def cmw() -> Callable[..., subprocess.CompletedProcess]:
    """The `cmw` command line, run in a subprocess: cmw("run", database_url=...)."""
    return run_cmw


@pytest.fixture(scope="session")
def cli() -> Callable[..., Result]:
    """The `cmw` command line in-process: cli("load", str(SEEDS), database_url=...).

    The result has exit_code, stdout and stderr.
    """
    runner = CliRunner()

    def invoke(*args: str, database_url: str | None, extra_env: dict | None = None) -> Result:
        env = {"CMW_DATABASE_URL": database_url, "DATABASE_URL": None, **(extra_env or {})}
        return runner.invoke(app, list(args), env=env)

    return invoke


# --- the docs site ----------------------------------------------------------------------


@dataclass(frozen=True)
class DocsSite:
    url: str  # where `cmw docs --serve` serves it
    page: Path  # the page `cmw docs` said it wrote


@pytest.fixture(scope="session")
def docs_site(seeds_warehouse: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DocsSite]:
    """The seeds' docs site, generated and served by the real `cmw docs --serve`."""
    logs = tmp_path_factory.mktemp("docs-server")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with (logs / "stdout").open("w") as stdout, (logs / "stderr").open("w") as stderr:
        server = start_cmw(
            "docs",
            "--serve",
            "--port",
            str(port),
            database_url=seeds_warehouse,
            extra_env={"PYTHONUNBUFFERED": "1"},  # its lines reach the file as printed
            stdout=stdout,
            stderr=stderr,
        )

    def served() -> bytes | None:
        if server.poll() is not None:
            output = (logs / "stdout").read_text() + (logs / "stderr").read_text()
            raise AssertionError(f"cmw docs --serve stopped:\n{output}")
        return http_get(url)

    try:
        wait_until(served, timeout=180)
        said = (logs / "stdout").read_text().split("docs site: ", 1)[1].split()[0]
        yield DocsSite(url, Path(said))
    finally:
        server.terminate()
        server.wait(timeout=30)


def http_get(url: str) -> bytes | None:
    """The body at `url`, or None when there is none (refused, 404)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except (urllib.error.URLError, ConnectionError):
        return None


# --- waiting ----------------------------------------------------------------------------


def process_gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0]
    except OSError:
        return True
    return state == "Z"  # a zombie has stopped running; only its exit status is left


def wait_until(condition: Callable, timeout: float = 120.0):
    """Poll `condition` until it returns something true, and return that."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)
    return value


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
