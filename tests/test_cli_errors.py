"""Bad input: a located, one-line-per-problem error, a non-zero exit, and nothing written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import CUSTOMER, MEETING, write_month

OPERATIONS_TYPO = """\
slas:
  - name: Calls answered in 60s
    target: 80
    actual: 84
    unit: "%"
  - name: Bills on time
    targt: 98
    actual: 99
"""


def _assert_refused(result, out: Path, *expected: str) -> list[str]:
    assert result.exit_code == 65, result.output
    lines = result.stderr.strip().splitlines()
    for text in expected:
        assert any(text in line for line in lines), (text, lines)
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir()), "nothing may be written on bad input"
    return lines


def test_build_writes_both_files_and_says_where(run_cli, minimal_month, tmp_path):
    out = tmp_path / "out"
    result = run_cli("build", minimal_month, "--out", out)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "acme-water-2026-11-leadership-pack.docx",
        "acme-water-2026-11-leadership-pack.pptx",
    ]
    for name in names:
        assert str(out / name) in result.stdout
        assert (out / name).stat().st_mode & 0o777 == 0o666 & ~_umask()
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "no temporary files left"


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def test_missing_customer_file_is_refused(run_cli, tmp_path):
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING})
    out = tmp_path / "out"
    result = run_cli("build", month, "--out", out)
    lines = _assert_refused(result, out, "customer.yaml: error: required file is missing")
    assert "customer's voice" in lines[0]


def test_customer_without_a_narrative_is_refused(run_cli, tmp_path):
    customer = CUSTOMER.split("narratives:")[0] + "narratives: []\n"
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": customer})
    out = tmp_path / "out"
    result = run_cli("build", month, "--out", out)
    _assert_refused(result, out, "customer.yaml:3:13: error: narratives: needs at least 1 item")


def test_unknown_key_names_file_line_column_and_suggests(run_cli, tmp_path):
    month = write_month(
        tmp_path / "ws",
        {"meeting.yaml": MEETING, "customer.yaml": CUSTOMER, "operations.yaml": OPERATIONS_TYPO},
    )
    out = tmp_path / "out"
    result = run_cli("build", month, "--out", out)
    lines = _assert_refused(result, out)
    assert (
        "ws/2026-11/operations.yaml:7:5: error: slas[1]: unknown key 'targt' "
        "(did you mean 'target'?)" in lines
    )
    assert "ws/2026-11/operations.yaml:6:5: error: slas[1]: missing required key 'target'" in lines


def test_wrong_type_is_located_and_says_what_was_expected(run_cli, tmp_path):
    operations = "slas:\n  - name: Bills on time\n    target: high\n    actual: 99\n"
    month = write_month(
        tmp_path / "ws",
        {"meeting.yaml": MEETING, "customer.yaml": CUSTOMER, "operations.yaml": operations},
    )
    out = tmp_path / "out"
    result = run_cli("build", month, "--out", out)
    _assert_refused(
        result, out, "operations.yaml:3:13: error: slas[0].target: expected a number, got 'high'"
    )


def test_duplicate_key_is_an_error_naming_both_lines(run_cli, tmp_path):
    meeting = MEETING + "chair: Someone Else\n"
    month = write_month(tmp_path / "ws", {"meeting.yaml": meeting, "customer.yaml": CUSTOMER})
    out = tmp_path / "out"
    result = run_cli("build", month, "--out", out)
    _assert_refused(
        result, out, "meeting.yaml:6:1: error: duplicate key 'chair' (first given on line 5)"
    )


def test_validate_reports_every_problem_across_files_at_once(run_cli, tmp_path):
    customer = CUSTOMER.replace("channel: Phone", "chanel: Phone")
    finance = "currency: GBP\nmetrics:\n  - name: Revenue\n    actual: lots\n"
    month = write_month(
        tmp_path / "ws",
        {
            "meeting.yaml": MEETING.replace("2026-11-19", "19/11/2026"),
            "customer.yaml": customer,
            "operations.yaml": OPERATIONS_TYPO,
            "finance.yaml": finance,
        },
    )
    result = run_cli("validate", month)
    assert result.exit_code == 65
    text = result.stderr
    assert (
        "meeting.yaml:3:7: error: date: expected a date like 2026-11-19, got '19/11/2026'" in text
    )
    assert (
        "customer.yaml:7:5: error: narratives[0]: unknown key 'chanel' (did you mean 'channel'?)"
        in text
    )
    assert "operations.yaml:7:5" in text
    assert "finance.yaml:4:13: error: metrics[0].actual: expected a number, got 'lots'" in text
    assert len(text.strip().splitlines()) >= 5


def test_yaml_syntax_error_is_located(run_cli, tmp_path):
    month = write_month(
        tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": "nps: [1, 2\nnarratives:\n"}
    )
    result = run_cli("validate", month)
    assert result.exit_code == 65
    assert "customer.yaml:2:" in result.stderr and "YAML syntax" in result.stderr


def test_python_tags_are_refused_not_executed(run_cli, tmp_path):
    customer = CUSTOMER + "complaints: !!python/object/apply:os.system ['echo pwned']\n"
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": customer})
    result = run_cli("validate", month)
    assert result.exit_code == 65
    assert (
        "customer.yaml:13:13: error: '!!python/object/apply:os.system': Python tags are not allowed"
        in result.stderr
    )


def test_period_must_match_folder(run_cli, tmp_path):
    month = write_month(
        tmp_path / "ws",
        {"meeting.yaml": MEETING.replace("2026-11", "2026-10", 1), "customer.yaml": CUSTOMER},
    )
    result = run_cli("validate", month)
    assert result.exit_code == 65
    assert "meeting.yaml:2:9: error: period is 2026-10 but the folder is 2026-11" in result.stderr


def test_customer_slot_may_not_be_the_shortest(run_cli, tmp_path):
    meeting = MEETING + "minutes:\n  customer: 5\n  finance: 10\n"
    month = write_month(tmp_path / "ws", {"meeting.yaml": meeting, "customer.yaml": CUSTOMER})
    result = run_cli("validate", month)
    assert result.exit_code == 65
    assert "meeting.yaml:7:13: error: minutes.customer: the customer slot (5 min)" in result.stderr


def test_unknown_section_in_minutes_suggests_the_right_one(run_cli, tmp_path):
    meeting = MEETING + "minutes:\n  custmer: 40\n"
    month = write_month(tmp_path / "ws", {"meeting.yaml": meeting, "customer.yaml": CUSTOMER})
    result = run_cli("validate", month)
    assert "meeting.yaml:7:3: error: minutes: unknown key 'custmer' (did you mean 'customer'?)" in (
        result.stderr
    )


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_month_folder_that_is_not_a_folder_is_a_usage_error(run_cli, tmp_path, kind):
    target = tmp_path / "2026-11"
    if kind == "file":
        target.write_text("not a folder")
    result = run_cli("build", target, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "Usage error:" in result.stderr
    assert not (tmp_path / "out").exists()


def test_failed_build_leaves_an_earlier_pack_untouched(run_cli, minimal_month, tmp_path):
    out = tmp_path / "out"
    assert run_cli("build", minimal_month, "--out", out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (minimal_month / "customer.yaml").write_text("nps: {counts: {promoters: x}}\n")
    result = run_cli("build", minimal_month, "--out", out)
    assert result.exit_code == 65
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_validate_writes_nothing_and_reports_ok(run_cli, minimal_month, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", minimal_month)
    assert result.exit_code == 0
    assert "OK" in result.stdout and "1 of 6 sections has data" in result.stdout
    assert list(tmp_path.iterdir()) == [tmp_path / "ws"]


def test_help_explains_the_commands(run_cli):
    result = run_cli("--help")
    assert result.exit_code == 0
    for text in ("build", "validate", "Customer, Employees, Operations", "customer.yaml"):
        assert text in result.output
    build_help = run_cli("build", "--help").output
    assert "--out" in build_help and "nothing is written" in build_help


def test_version_is_the_installed_package_version(run_cli):
    from importlib.metadata import version

    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"agenda, version {version('customer-first-packs')}\n"
