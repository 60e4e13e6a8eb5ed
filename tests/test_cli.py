"""The command line as a user meets it: help, documentation, docker-compose commands."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import typer.main
import yaml
from typer.testing import CliRunner

from etl.cli import app
from etl.config import DBT_PROJECT_DIR

REPO_ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def _command_paths(group=None, prefix=()) -> list[tuple[str, ...]]:
    """Every leaf command of the `cmw` app, e.g. ("db", "start")."""
    group = group or typer.main.get_command(app)
    paths = []
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            paths.extend(_command_paths(command, (*prefix, name)))
        else:
            paths.append((*prefix, name))
    return paths


def test_every_command_has_help_text_and_answers_help():
    commands = _command_paths()
    assert ("run",) in commands and (
        "db",
        "url",
    ) in commands
    for path in commands:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        output = "\n".join(line.strip() for line in result.output.strip().splitlines())
        usage, _, description = output.partition("\n\n")
        assert "Usage:" in usage
        assert description.strip(), f"cmw {' '.join(path)} has no help text"


def test_readme_documents_every_command():
    readme = (REPO_ROOT / "README.md").read_text()
    documented = set(re.findall(r"`cmw ([a-z]+(?: [a-z]+)?)", readme))
    for path in _command_paths():
        assert " ".join(path) in documented, f"README.md does not document `cmw {' '.join(path)}`"


def test_readme_quickstart_is_what_ci_runs():
    readme = (REPO_ROOT / "README.md").read_text()
    ci = (REPO_ROOT / ".ci" / "run").read_text()
    commands = re.findall(r"```bash\n(.+?)\n```", readme)
    install_and_build, _, install_and_test = commands[:3]
    assert install_and_build == 'pip install -e ".[dev]" && cmw run'
    assert install_and_test == 'pip install -e ".[dev]" && pytest'
    steps = [
        line
        for line in ci.splitlines()
        if line and not line.startswith(("#", "set ", "cd ", "export "))
    ]
    assert steps[-2:] == ['pip install -e ".[dev]"', "pytest"]


def test_unknown_option_is_a_usage_error():
    assert runner.invoke(app, ["run", "--no-such-option"]).exit_code == 2


def test_docker_compose_services_run_real_cmw_commands():
    compose = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"postgres", "etl", "docs"} <= services.keys()
    postgres = services["postgres"]
    assert postgres["healthcheck"]["test"] and postgres["volumes"]
    assert services["etl"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("etl", "docs"):
        command = services[name]["command"]
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0, (name, command, result.output)
        assert "CMW_DATABASE_URL" in services[name]["environment"]


def test_env_example_documents_every_variable_the_code_reads():
    env_example = (REPO_ROOT / ".env.example").read_text()
    used = set()
    for path in (REPO_ROOT / "etl").rglob("*.py"):
        used |= set(re.findall(r"os\.environ\.get\(\"(CMW_[A-Z_]+)\"", path.read_text()))
    used |= set(
        re.findall(r"env_var\('(CMW_[A-Z_]+)'", (DBT_PROJECT_DIR / "profiles.yml").read_text())
    )
    used -= {
        "CMW_DB_HOST",
        "CMW_DB_PORT",
        "CMW_DB_USER",
        "CMW_DB_NAME",
    }  # set by cmw itself from the URL
    assert used, "no variables found: the scan is broken"
    missing = sorted(v for v in used if v not in env_example)
    assert not missing, f".env.example does not document {missing}"


@pytest.mark.parametrize(
    "tool",
    [
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
        pytest.param(["mypy"], marks=pytest.mark.slow),
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_code_style(tool):
    import subprocess

    # The modules, not the console scripts: pip installs them beside this Python.
    command = [sys.executable, "-m", *tool]
    result = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
