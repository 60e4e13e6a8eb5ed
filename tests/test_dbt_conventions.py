"""The dbt project's conventions, checked by linters from PyPI as CI runs them: dbt-bouncer
(dbt-bouncer.yml) on the manifest and catalog of a real build, sqlfluff ([tool.sqlfluff]
in pyproject.toml) on the SQL."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

from etl.dbt import docs_target_dir

REPO_ROOT = Path(__file__).resolve().parent.parent


def _require(module: str) -> None:
    """CI installs the dev extras and must run the linters; elsewhere they may be absent."""
    if importlib.util.find_spec(module) is None:
        message = f"{module} is not installed (pip install -e '.[dev]')"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _bouncer(artifacts: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    """dbt-bouncer with the repository's config, on the artifacts in `artifacts`."""
    _require("dbt_bouncer")
    config = yaml.safe_load((REPO_ROOT / "dbt-bouncer.yml").read_text())
    config["dbt_artifacts_dir"] = str(artifacts)
    config["custom_checks_dir"] = str(REPO_ROOT / config["custom_checks_dir"])
    config_file = tmp_path / "dbt-bouncer.yml"
    config_file.write_text(yaml.safe_dump(config))
    return subprocess.run(
        [Path(sysconfig.get_path("scripts")) / "dbt-bouncer", "run", "--config-file", config_file]
        + ["--show-all-failures"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
    )


@pytest.mark.slow
def test_sqlfluff_passes_on_the_dbt_project():
    _require("sqlfluff")
    result = subprocess.run(
        [sys.executable, "-m", "sqlfluff", "lint", "dbt_project/"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.postgres
def test_dbt_bouncer_passes_on_the_seeds_warehouse_build(seeds_warehouse, tmp_path):
    result = _bouncer(docs_target_dir(seeds_warehouse), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed" in result.stdout


@pytest.mark.postgres
def test_dbt_bouncer_fails_a_mart_reading_a_source_or_a_key_without_not_null(
    seeds_warehouse, tmp_path
):
    artifacts = tmp_path / "artifacts"
    shutil.copytree(docs_target_dir(seeds_warehouse), artifacts)
    manifest = json.loads((artifacts / "manifest.json").read_text())
    project = "critical_minerals_warehouse"
    manifest["nodes"][f"model.{project}.fct_agreements"]["depends_on"]["nodes"].append(
        f"source.{project}.etl.documents"
    )
    # dim_persons' key loses the primary_key constraint that keeps it from being null
    # (marts are contracted, so the constraint stands for a not_null test)
    manifest["nodes"][f"model.{project}.dim_persons"]["columns"]["person_id"]["constraints"] = []
    (artifacts / "manifest.json").write_text(json.dumps(manifest))

    result = _bouncer(artifacts, tmp_path)
    assert result.returncode != 0
    assert "check_lineage_source_cannot_be_used" in result.stdout
    assert "check_model_primary_key_is_tested" in result.stdout
