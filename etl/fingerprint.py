"""What the marts are built from, in two parts: the code and the data.

A nightly whose code and data fingerprints both equal those of the last successful
build skips dbt. The code part covers the dbt project, the reference data it seeds, the
extractor version, the rule variables passed to dbt, dbt's own version and the staging
schema's migrations (a migration drops the stg_etl__ views: a build makes them again).
When it changes, any merge may change, so the build is a full refresh, and the docs
site (which describes the code, not the rows) is generated again. The data part says
which documents are stored and by which run each was last extracted: a load adds to
it, a re-extraction changes it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import psycopg

from etl import config
from etl.dbt import RULE_VARIABLES
from etl.extract import EXTRACTOR_VERSION

# Not inputs: dbt's working folders, should one sit in the project folder.
_SKIPPED_PARTS = {"target", "logs", "dbt_packages", "__pycache__"}


@dataclass(frozen=True)
class Fingerprint:
    code: str
    data: str


def marts_fingerprint(conn: psycopg.Connection) -> Fingerprint:
    return Fingerprint(code=code_fingerprint(), data=stored_documents_state(conn))


def code_fingerprint() -> str:
    digest = hashlib.sha256()
    settings = {
        "extractor_version": EXTRACTOR_VERSION,
        "rule_variables": RULE_VARIABLES,
        "dbt": version("dbt-core"),
    }
    digest.update(json.dumps(settings, sort_keys=True).encode())
    for root in (config.DBT_PROJECT_DIR, config.REFERENCE_DIR, config.MIGRATIONS_DIR):
        for path in _files(root):
            digest.update(str(path.relative_to(root.parent)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _files(root: Path) -> list[Path]:
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file()
        and not any(
            part in _SKIPPED_PARTS or part.startswith(".") for part in path.relative_to(root).parts
        )
    )


def stored_documents_state(conn: psycopg.Connection) -> str:
    """How many documents are stored, and an order-free sum of (document, load) hashes:
    a load adds a term and a re-extraction changes one, at the cost of one scan."""
    count, total = conn.execute(
        "select count(*), coalesce(sum(('x' || left(md5(document_id || ':' || load_id), 15))"
        "::bit(60)::bigint), 0) from staging.documents"
    ).fetchone() or (0, 0)
    return f"{count}:{total}"
