"""Running dbt against the warehouse database.

dbt reads its connection from environment variables only (dbt_project/profiles.yml);
this module derives them from the database URL and always passes --project-dir and
--profiles-dir, so the result does not depend on the working directory.

dbt runs as a child process in `cmw`'s process group and dies with it: a TERM or INT
to `cmw` stops it (see `run_dbt`), and if `cmw` itself is killed, the kernel sends the
child a TERM (PR_SET_PDEATHSIG), so no build goes on writing after the lock is gone.
"""

from __future__ import annotations

import ctypes
import functools
import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from etl import config
from etl.extract import settings

_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class DbtResult:
    command: tuple[str, ...]
    succeeded: bool
    output: str
    failures: tuple[str, ...]  # "test not_null_fct_agreements_agreement_id: fail (2 rows)"

    def describe_failure(self) -> str:
        lines = list(self.failures) or self.output.strip().splitlines()[-20:]
        return f"dbt {' '.join(self.command)} failed:\n" + "\n".join(f"  {line}" for line in lines)


def dbt_environment(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    env = dict(os.environ)
    env.update(
        CMW_DB_HOST=parts.hostname or "127.0.0.1",
        CMW_DB_PORT=str(parts.port or 5432),
        CMW_DB_USER=unquote(parts.username or "postgres"),
        CMW_DB_NAME=unquote(parts.path.lstrip("/") or "postgres"),
        # A password kept out of the URL (libpq's PGPASSWORD) reaches dbt too.
        DBT_ENV_SECRET_CMW_DB_PASSWORD=unquote(parts.password or "")
        or os.environ.get("PGPASSWORD", ""),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    return env


def target_dir(url: str) -> Path:
    """One target directory per database, so builds of two databases never mix artifacts."""
    parts = urlsplit(url)
    name = f"{parts.hostname}-{parts.port or 5432}-{parts.path.lstrip('/')}".replace("/", "_")
    return config.dbt_target_root() / name


def docs_target_dir(url: str) -> Path:
    """Where `dbt docs generate` works, apart from the builds: a build names the shadow
    marts schema in its vars and the docs the live one, and dbt parses a project again
    from scratch when its vars change. Each keeps its own saved parse (5 s a command)."""
    return target_dir(url) / "docs"


# The extractor's thresholds the SQL applies too, passed so they live in one place.
RULE_VARIABLES = {"recalled_after_days": settings.RECALLED_AFTER_DAYS}


def run_dbt(
    url: str, *args: str, variables: dict[str, str] | None = None, target: Path | None = None
) -> DbtResult:
    """`dbt <args>` on the database at `url`, its artifacts in `target` (default: the
    database's build target directory)."""
    target = target or target_dir(url)
    command = (
        *args,
        "--project-dir",
        str(config.DBT_PROJECT_DIR),
        "--profiles-dir",
        str(config.DBT_PROJECT_DIR),
        "--target-path",
        str(target),
        "--log-path",
        str(target / "logs"),
        "--vars",
        json.dumps({**RULE_VARIABLES, **(variables or {})}),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "dbt.cli.main", *command],
        env=dbt_environment(url),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        preexec_fn=functools.partial(die_with_parent, os.getpid()),
    )
    try:
        output, _ = process.communicate()
    except BaseException:  # a signal to cmw (KeyboardInterrupt, Terminated): stop dbt too
        _stop(process)
        raise
    return DbtResult(
        command=tuple(args),
        succeeded=process.returncode == 0,
        output=output,
        failures=_failures(target / "run_results.json") if process.returncode else (),
    )


def die_with_parent(parent: int) -> None:
    """In a child process (dbt before exec, an extraction worker): receive SIGTERM when
    the parent (cmw, process `parent`) dies. A parent killed between the fork and this
    call is gone already and sends nothing: the child then stops at once."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _failures(run_results: Path) -> tuple[str, ...]:
    """The nodes that errored or failed, from dbt's run_results.json."""
    try:
        results = json.loads(run_results.read_text())["results"]
    except (OSError, ValueError, KeyError):
        return ()
    failed = []
    for result in results:
        if result.get("status") in ("error", "fail"):
            node = result.get("unique_id", "?").split(".", 2)
            kind, name = node[0], node[-1]
            detail = result.get("message") or ""
            failures = result.get("failures")
            if failures:
                detail = f"{failures} failing rows"
            failed.append(f"{kind} {name}: {result['status']} ({detail.strip()[:300]})")
    return tuple(failed)


def incremental_marts(url: str) -> list[str]:
    """The incremental models of the marts folder, from the last build's manifest.

    Empty when no build has written a manifest yet (then there is nothing to carry over).
    """
    try:
        manifest = json.loads((target_dir(url) / "manifest.json").read_text())
    except (OSError, ValueError):
        return []
    return sorted(
        node["alias"]
        for node in manifest.get("nodes", {}).values()
        if node.get("resource_type") == "model"
        and node.get("config", {}).get("materialized") == "incremental"
        and node.get("config", {}).get("schema") == "marts"
    )
