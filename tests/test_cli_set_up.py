"""Set-up: the README's commands work as written, without a production secret or debug mode;
serving still refuses the development secret; the first seed says what it created."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from registry.imports.common import ImportReport

PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLASK = [sys.executable, "-m", "flask", "--app", "wsgi"]


def plain_environment(database_url: str) -> dict[str, str]:
    """The environment of someone who has set nothing but the database."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("FLASK_") and k not in ("SECRET_KEY", "DATABASE_URL")}
    env["DATABASE_URL"] = database_url
    return env


def flask(env: dict[str, str], *args: str, stdin: str = "", timeout: int = 120):
    return subprocess.run([*FLASK, *args], cwd=PROJECT_ROOT, env=env, input=stdin, text=True,
                          capture_output=True, timeout=timeout)


@pytest.fixture
def local_env(tmp_path) -> dict[str, str]:
    return plain_environment(f"sqlite:///{tmp_path}/local.sqlite3")


def test_commands_that_serve_nothing_need_no_secret(local_env, tmp_path):
    """db upgrade, users create, export and import run without SECRET_KEY or FLASK_DEBUG."""
    upgrade = flask(local_env, "db", "upgrade")
    assert upgrade.returncode == 0, upgrade.stderr
    created = flask(local_env, "users", "create", "reviewer@example.org", "--role", "reviewer",
                    stdin="correct horse battery\n")
    assert created.returncode == 0, created.stderr
    assert "Created reviewer account reviewer@example.org" in created.stdout
    assert "Traceback" not in created.stderr and "SECRET_KEY" not in created.stderr
    exported = flask(local_env, "export", "--format", "csv", str(tmp_path / "out"))
    assert exported.returncode == 0, exported.stderr
    imported = flask(local_env, "import", "csv", str(tmp_path / "out" / "bodies.csv"))
    assert imported.returncode == 0, imported.stderr


def test_serving_still_refuses_the_development_secret(local_env):
    """`flask run` serves requests: without a real SECRET_KEY it stops before listening."""
    served = flask(local_env, "run", "--port", "0", timeout=60)
    assert served.returncode != 0
    assert "SECRET_KEY is missing" in served.stderr


def test_first_seed_says_what_it_created():
    """An empty registry's first seed reports created records, not "updated" ones."""
    report = ImportReport()
    report.counts.update({"bodies created": 3, "resolutions created": 2, "sources attached": 5,
                          "rows merged into new bodies": 4, "rows merged into new resolutions": 1,
                          "rows unchanged": 2})
    assert report.in_words() == ("created 3 bodies, 2 resolutions; attached 5 sources; "
                                 "5 more row(s) added detail to records created from earlier rows; "
                                 "2 row(s) repeated what was already there")
    assert ImportReport().in_words() == "nothing changed"


def test_seed_command_output_on_an_empty_registry(app, monkeypatch):
    from tests.test_seed import SEED_TODAY

    monkeypatch.setitem(app.config, "REGISTRY_TODAY", SEED_TODAY)
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("Seeded: created ") and "bodies" in first and "updated" not in first
