"""`pip install .` gives a `cmw` that builds the warehouse from any directory.

The wheel is built from a copy of the source (pip builds inside the tree it is given),
then installed non-editable into a fresh virtual environment. That environment sees the
dependencies already installed here but not the project: the interpreter's
site-packages folders are added as plain path lines, so no `.pth` hook of a developer's
editable install runs there, and every module and file of `etl` comes from the wheel.
"""

from __future__ import annotations

import os
import re
import shutil
import site
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

# The tests share one installation (a module fixture): one process runs them all.
pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.xdist_group("packaging")]

REPO_ROOT = Path(__file__).resolve().parent.parent
# What dbt leaves in a project folder when run there by hand is never package data.
NOT_PACKAGED = shutil.ignore_patterns("__pycache__", "target", "logs", "dbt_packages")
# Top-level folders of the repository that the wheel ships inside the package, as
# pyproject.toml maps them.
PACKAGED_FOLDERS = tuple(
    tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-dir"
    ].values()
)


@dataclass(frozen=True)
class Installation:
    source: Path  # the copy of the repository the wheel was built from
    venv: Path
    package: Path  # etl/ in the environment's site-packages
    elsewhere: Path  # an unrelated working directory, where every command runs
    home: Path  # CMW_HOME

    def run(self, program: str, *args: str, database_url: str = "") -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CMW_", "PYTHON"))}
        env |= {"CMW_HOME": str(self.home), "CMW_DATABASE_URL": database_url}
        return subprocess.run(
            [str(self.venv / "bin" / program), *args],
            cwd=self.elsewhere,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            stdin=subprocess.DEVNULL,
        )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installation:
    root = tmp_path_factory.mktemp("packaging")
    source = root / "source"
    for folder in ("etl", *PACKAGED_FOLDERS):
        shutil.copytree(REPO_ROOT / folder, source / folder, ignore=NOT_PACKAGED)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO_ROOT / name, source / name)
    _check(sys.executable, "-m", "pip", "wheel", source, "--no-deps", "-w", root / "dist", "-q")
    (wheel,) = (root / "dist").glob("*.whl")

    venv = root / "venv"
    _check(sys.executable, "-m", "venv", "--without-pip", venv)
    (site_packages,) = (venv / "lib").glob("python3*/site-packages")
    (site_packages / "installed_dependencies.pth").write_text("\n".join(site.getsitepackages()))
    installation = Installation(
        source, venv, site_packages / "etl", root / "elsewhere", root / "home"
    )
    installation.elsewhere.mkdir()
    not_yet = installation.run("python", "-c", "import etl")
    assert not_yet.returncode != 0, "etl is importable before the wheel is installed"
    wheel_installed = installation.run(
        *("python", "-m", "pip", "install", "--quiet", "--no-deps", "--no-index"),
        # The project's metadata is visible on those paths too: install beside it, never
        # try to remove it.
        *("--ignore-installed", "--no-warn-script-location", str(wheel)),
    )
    assert wheel_installed.returncode == 0, wheel_installed.stdout + wheel_installed.stderr
    return installation


def _check(*command: str | Path) -> None:
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _contents(package: Path) -> set[str]:
    """Every file and folder (an empty folder dbt made counts), less Python's caches."""
    return {
        str(path.relative_to(package))
        for path in package.rglob("*")
        if "__pycache__" not in path.parts
    }


def test_the_wheel_installs_every_file_of_the_package(installed):
    expected = _contents(installed.source / "etl") | {
        folder
        for name in PACKAGED_FOLDERS
        for folder in (name, *(f"{name}/{path}" for path in _contents(installed.source / name)))
    }
    assert _contents(installed.package) == expected


def test_the_docker_image_builds_its_wheel_from_every_packaged_folder():
    """The Dockerfile's wheel stage copies what pyproject.toml packages, no less."""
    copied = re.findall(r"^COPY (\S+) ", (REPO_ROOT / "Dockerfile").read_text(), re.MULTILINE)
    assert {"etl", *PACKAGED_FOLDERS} <= set(copied), copied


def test_etl_is_imported_from_the_wheel_not_from_a_checkout(installed):
    result = installed.run("python", "-c", "import etl.cli, etl.config as c; print(c.PACKAGE_DIR)")
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()) == installed.package.resolve()


def test_an_installed_cmw_builds_the_warehouse_from_any_directory(installed, fresh_database):
    articles = installed.elsewhere / "articles"
    articles.mkdir()
    for seed in sorted((REPO_ROOT / "seeds").glob("*.txt"))[:2]:
        shutil.copy(seed, articles)
    shipped = _contents(installed.package)

    built = installed.run(
        "cmw", "run", "--source", "articles", "--no-docs", database_url=fresh_database
    )
    assert built.returncode == 0, built.stdout + built.stderr
    with psycopg.connect(fresh_database) as conn:
        documents, agreements, participants = conn.execute(
            "select (select count(*) from marts.dim_documents),"
            " (select count(*) from marts.fct_agreements),"
            " (select count(*) from marts.fct_agreement_participants)"
        ).fetchone()
    assert documents == 2
    assert agreements > 0 and participants > 0

    docs = installed.run("cmw", "docs", database_url=fresh_database)
    assert docs.returncode == 0, docs.stdout + docs.stderr
    page = Path(docs.stdout.split("docs site: ", 1)[1].split()[0])
    assert page.is_file() and page.is_relative_to(installed.home)
    # dbt's target, logs and partial-parse files all went under CMW_HOME: the installed
    # package could be read-only.
    assert _contents(installed.package) == shipped


@pytest.mark.parametrize(
    ("command", "asks_for"), [(("run",), "--source"), (("eval",), "gold file")]
)
def test_an_installed_cmw_asks_for_what_only_a_checkout_has(installed, command, asks_for):
    result = installed.run("cmw", *command)
    assert result.returncode == 2, result.stdout + result.stderr
    assert asks_for in result.stderr
