"""Running dbt against the warehouse database.

dbt reads its connection from environment variables only (dbt_project/profiles.yml);
this module derives them from the database URL and always passes --project-dir and
--profiles-dir, so the result does not depend on the working directory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from etl import config


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
        DBT_ENV_SECRET_CMW_DB_PASSWORD=unquote(parts.password or ""),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    return env


def target_dir(url: str) -> Path:
    """One target directory per database, so builds of two databases never mix artifacts."""
    parts = urlsplit(url)
    name = f"{parts.hostname}-{parts.port or 5432}-{parts.path.lstrip('/')}".replace("/", "_")
    return config.DBT_PROJECT_DIR / "target" / name


def run_dbt(url: str, *args: str) -> DbtResult:
    target = target_dir(url)
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
    )
    completed = subprocess.run(
        [sys.executable, "-m", "dbt.cli.main", *command],
        env=dbt_environment(url),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    output = completed.stdout + completed.stderr
    return DbtResult(
        command=tuple(args),
        succeeded=completed.returncode == 0,
        output=output,
        failures=_failures(target / "run_results.json") if completed.returncode else (),
    )


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
