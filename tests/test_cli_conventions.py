"""CLI conventions: --json for CI pipelines, --quiet, every command's help line whole, shell
completion, one version, and a benchmark that needs only the project's own files."""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import CUSTOMER, MEETING, SAMPLE, SAMPLE_MONTH, write_month

from agenda.cli import cli

ROOT = Path(__file__).resolve().parent.parent
PROBLEM_KEYS = {"file", "line", "column", "severity", "message"}


def agenda(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "agenda", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )


def parsed(done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    """The --json document: the whole of stdout, nothing on stderr."""
    assert done.stderr == "", done.stderr
    document = json.loads(done.stdout)
    assert document["exit_code"] == done.returncode
    for problem in document["problems"]:
        assert problem.keys() >= PROBLEM_KEYS, problem
        assert problem["severity"] in ("error", "warning", "todo")
    return document


def broken_month(root: Path) -> Path:
    return write_month(
        root,
        {
            "meeting.yaml": MEETING,
            "customer.yaml": CUSTOMER,
            "operations.yaml": "slas:\n  - {name: Calls, targt: 90, actual: 91}\n",
        },
    )


# --- --json ------------------------------------------------------------------------------------


def test_validate_json_locates_each_problem(tmp_path: Path) -> None:
    month = broken_month(tmp_path / "ws")
    done = agenda("validate", "--json", month)
    assert done.returncode == 65
    document = parsed(done)
    assert document["command"] == "validate" and document["ok"] is False
    errors = [p for p in document["problems"] if p["severity"] == "error"]
    typo = next(p for p in errors if "targt" in p["message"])
    assert typo["file"] == "ws/2026-11/operations.yaml"
    assert (typo["line"], typo["column"]) == (2, 19)
    assert "did you mean 'target'" in typo["message"]
    missing = next(p for p in errors if "missing required key 'target'" in p["message"])
    assert missing["line"] == 2


def test_validate_json_on_a_good_month_gives_its_summary_and_warnings() -> None:
    done = agenda("validate", "--json", SAMPLE_MONTH)
    assert done.returncode == 0
    document = parsed(done)
    assert document["ok"] is True
    assert document["summary"]["organisation"] == "Northwind Utilities"
    assert document["summary"]["period"] == "2026-11"
    assert all(p["severity"] == "warning" for p in document["problems"])


def test_validate_json_usage_error_keeps_its_exit_code(tmp_path: Path) -> None:
    done = agenda("validate", "--json", tmp_path / "nowhere")
    assert done.returncode == 2
    (problem,) = parsed(done)["problems"]
    assert problem["file"] is None and problem["message"].startswith("Usage error:")


def test_validate_todo_json_lists_what_is_left(tmp_path: Path) -> None:
    ws = tmp_path / "northwind"
    shutil.copytree(SAMPLE, ws)
    assert agenda("init", "-q", ws / "2026-12").returncode == 0
    done = agenda("validate", "--todo", "--json", ws / "2026-12")
    assert done.returncode == 1
    document = parsed(done)
    todos = document["problems"]
    assert todos and all(p["severity"] == "todo" and p["line"] for p in todos)
    assert any(p["message"].startswith("slas[0].actual") for p in todos)


def test_build_all_json_reports_each_pack_and_its_problems(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    broken_month(ws)
    done = agenda("build-all", "--json", ws, "--out", tmp_path / "out", "--jobs", "1")
    assert done.returncode == 1
    document = parsed(done)
    assert document["command"] == "build-all" and document["ok"] is False
    assert document["counts"] == {"built": 0, "skipped": 0, "failed": 1}
    (result,) = document["results"]
    assert result["result"] == "failed" and result["month"] == "2026-11"
    located = [p for p in result["problems"] if p["file"] and p["file"].endswith("operations.yaml")]
    assert located and located[0]["line"] == 2
    assert document["problems"][0]["month"] == "2026-11"


# --- --quiet -----------------------------------------------------------------------------------


def test_quiet_build_prints_nothing_and_writes_the_pack(tmp_path: Path) -> None:
    done = agenda("build", "--quiet", SAMPLE_MONTH, "--out", tmp_path / "out")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert len(list((tmp_path / "out").glob("*leadership-pack.*"))) == 2


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "-q", SAMPLE_MONTH),
        ("schema", "-q", "schemas"),
        ("templates", "-q", "theme"),
    ],
)
def test_quiet_commands_are_silent_on_success(args: tuple[Any, ...], tmp_path: Path) -> None:
    done = agenda(*args)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_quiet_init_and_build_all_are_silent(tmp_path: Path) -> None:
    ws = tmp_path / "northwind"
    shutil.copytree(SAMPLE, ws)
    done = agenda("init", "-q", ws / "2026-12")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    done = agenda("build-all", "-q", ws, "--month", "2026-11", "--out", tmp_path / "out")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_quiet_still_reports_errors_on_stderr(tmp_path: Path) -> None:
    month = broken_month(tmp_path / "ws")
    done = agenda("validate", "-q", month)
    assert done.returncode == 65 and done.stdout == ""
    assert "operations.yaml:2:19: error: slas[0]: unknown key 'targt'" in done.stderr
    done = agenda("build-all", "-q", tmp_path / "ws", "--out", tmp_path / "out", "--jobs", "1")
    assert done.returncode == 1 and done.stdout == ""
    assert "failed" in done.stderr and "2026-11" in done.stderr


# --- help, completion, version -----------------------------------------------------------------


def test_every_commands_help_line_is_whole_in_agenda_help() -> None:
    done = agenda("--help")
    assert done.returncode == 0
    listing = " ".join(done.stdout.split())
    for name, command in cli.commands.items():
        line = command.get_short_help_str(limit=10_000)
        assert line and not line.endswith("...") and line.endswith("."), (name, line)
        assert f"{name} {line}" in listing, (name, line)
        # the sentence ends where it should: no cut "(e.g." as in 0.2's init
        assert line.count("(") == line.count(")"), line


def test_shell_completion_is_there() -> None:
    script = Path(sys.executable).parent / "agenda"  # the installed command, as a shell runs it
    done = subprocess.run(
        [str(script)],
        capture_output=True,
        text=True,
        env={**os.environ, "_AGENDA_COMPLETE": "bash_source"},
    )
    assert done.returncode == 0, done.stderr
    assert "complete" in done.stdout and "_AGENDA_COMPLETE" in done.stdout


def test_version_is_the_package_metadata() -> None:
    done = agenda("--version")
    expected = importlib.metadata.version("customer-first-packs")
    assert done.stdout.strip() == f"agenda, version {expected}"


# --- the project stands alone -------------------------------------------------------------------


def test_the_benchmark_and_development_notes_use_only_the_projects_files() -> None:
    run = (ROOT / "bench" / "run.py").read_text("utf-8")
    assert 'FLOOR = ROOT / "bench" / "floor.py"' in run
    assert (ROOT / "bench" / "floor.py").is_file()
    assert "shared" not in run and "parent.parent.parent" not in run
    readme = (ROOT / "README.md").read_text("utf-8")
    development = readme.split("## Development", 1)[1].split("\n## ", 1)[0]
    assert not re.search(r"\.\./|/work/|~/", development), development
    for path in re.findall(r"(?:bench|scripts|tests)/[\w./-]+\.py", development):
        assert (ROOT / path).is_file(), path
    assert readme.count("## Project layout") == 1


def test_the_floor_script_writes_a_pack_of_the_asked_size(tmp_path: Path) -> None:
    from pptx import Presentation

    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "floor.py"), str(tmp_path), "--units", "1"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert len(Presentation(str(tmp_path / "floor.pptx")).slides) == 20
    assert (tmp_path / "floor.docx").stat().st_size > 10_000


def test_a_usage_error_click_finds_is_json_too_under_json(tmp_path: Path) -> None:
    done = agenda("build-all", "--json", "--jobs", "0", tmp_path)
    assert done.returncode == 2
    document = parsed(done)
    assert document["command"] == "build-all" and document["ok"] is False
    (problem,) = document["problems"]
    assert problem["message"].startswith("Usage error:") and "--jobs" in problem["message"]
    plain = agenda("validate", "--bogus", tmp_path)  # without --json: click's own message
    assert plain.returncode == 2 and "No such option" in plain.stderr and not plain.stdout
