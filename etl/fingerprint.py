"""What the marts are built from, as one SHA-256: equal fingerprints, equal marts.

A nightly that finds the fingerprint of the last successful build unchanged skips dbt.
The fingerprint covers the code side (the dbt project, the reference data it seeds, the
extractor version, the rule variables passed to dbt, dbt's own version) and the data
side (which documents are stored and by which run each was last extracted, which
changes on every load and every re-extraction).
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path

import psycopg

from etl import config
from etl.dbt import RULE_VARIABLES
from etl.extract import EXTRACTOR_VERSION

# Not inputs: dbt's working folders, should one sit in the project folder.
_SKIPPED_PARTS = {"target", "logs", "dbt_packages", "__pycache__"}


def marts_fingerprint(conn: psycopg.Connection) -> str:
    digest = hashlib.sha256()
    digest.update(code_fingerprint().encode())
    digest.update(stored_documents_state(conn).encode())
    return digest.hexdigest()


def code_fingerprint() -> str:
    digest = hashlib.sha256()
    settings = {
        "extractor_version": EXTRACTOR_VERSION,
        "rule_variables": RULE_VARIABLES,
        "dbt": version("dbt-core"),
    }
    digest.update(json.dumps(settings, sort_keys=True).encode())
    for root in (config.DBT_PROJECT_DIR, config.REFERENCE_DIR):
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
