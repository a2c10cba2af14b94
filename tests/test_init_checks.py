"""``agenda init`` says when it skips months, and never copies a title naming another month.

Warnings go to stderr as ``path:line:col: warning: message`` (or ``path: warning: message``
when no line applies), are returned in ``Scaffolded.warnings``, and never stop the scaffold.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import CUSTOMER, MEETING, write_month

from agenda.scaffold import init_month


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    """Run where the workspace is, as a user would: paths print relative to here."""
    monkeypatch.chdir(tmp_path)


def _workspace(tmp_path, meeting: str = MEETING, period: str = "2026-11"):
    write_month(tmp_path / "ws", {"meeting.yaml": meeting, "customer.yaml": CUSTOMER}, period)
    return Path("ws")


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "warning:" in line]


# --- skipped months ------------------------------------------------------------------------------


def test_the_next_month_is_no_skip(tmp_path, run_cli):
    ws = _workspace(tmp_path)
    result = run_cli("init", ws / "2026-12")
    assert result.exit_code == 0, result.output
    assert _warnings(result.stderr) == []
    # from 2026-12 once it is filled in (init carries its figures, so it must check clean)
    december = MEETING.replace("2026-11-19", "2026-12-17").replace("2026-11", "2026-12")
    for name in ("meeting.yaml", "customer.yaml"):
        (ws / "2026-12" / name).unlink()
    write_month(ws, {"meeting.yaml": december, "customer.yaml": CUSTOMER}, "2026-12")
    assert init_month(ws / "2027-01").warnings == ()


def test_skipping_months_is_a_warning_naming_each_month_skipped(tmp_path, run_cli):
    ws = _workspace(tmp_path)
    target = ws / "2027-02"
    result = run_cli("init", target)
    assert result.exit_code == 0, result.output
    assert (target / "meeting.yaml").is_file()  # the scaffold is still made
    [line] = _warnings(result.stderr)
    assert line.startswith("ws/2027-02: warning: ")
    assert "2026-11" in line  # where it started from
    assert "2026-12 and 2027-01" in line
    assert "agenda init ws/2026-12" in line  # how to fill the gap instead
    assert "warning" not in result.stdout


def test_one_skipped_month_across_a_year_end(tmp_path):
    ws = _workspace(tmp_path, MEETING.replace("2026-11", "2026-12"), "2026-12")
    done = init_month(ws / "2027-02")
    [warning] = done.warnings
    assert "skips 1 month, 2027-01;" in warning
    assert "if it had a meeting" in warning


def test_a_long_gap_is_summed_up_not_listed(tmp_path):
    ws = _workspace(tmp_path)
    [warning] = init_month(ws / "2028-03").warnings
    assert "15 months" in warning and "2026-12 to 2028-02" in warning


def test_a_month_folder_without_meeting_yaml_is_named_as_skipped_and_why(tmp_path, run_cli):
    ws = _workspace(tmp_path)
    (ws / "2026-12").mkdir()
    (ws / "2026-12" / "customer.yaml").write_text("# started, no meeting.yaml yet\n")
    result = run_cli("init", ws / "2027-01")
    assert result.exit_code == 0, result.output
    [line] = _warnings(result.stderr)
    assert "2026-12" in line and "no meeting.yaml" in line


def test_the_skip_warning_names_the_folder_relative_to_here(tmp_path, run_cli):
    _workspace(tmp_path)
    result = run_cli("init", tmp_path / "ws" / "2027-01")  # typed in full
    assert result.exit_code == 0, result.output
    [line] = _warnings(result.stderr)
    assert line.startswith("ws/2027-01: warning: ")


# --- a title naming a month -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Leadership meeting — November 2026",
        "Nov 2026 board",
        "2026-11",
        "Board pack 11/2026",
        "NOVEMBER review",
        "Leadership meeting, 19 Nov",
        "Leadership meeting — October 2026",  # a stale title, naming neither month
        "Sept. catch-up",
    ],
)
def test_a_title_naming_a_month_is_not_copied_and_init_says_so(tmp_path, run_cli, title):
    ws = _workspace(tmp_path, MEETING + f'title: "{title}"\n')
    target = ws / "2026-12"
    result = run_cli("init", target)
    assert result.exit_code == 0, result.output
    settings = yaml.safe_load((target / "meeting.yaml").read_text())
    assert "title" not in settings
    lines = (target / "meeting.yaml").read_text().splitlines()
    assert not [x for x in lines if title in x and not x.startswith("#")]
    [line] = _warnings(result.stderr)
    assert re.match(r"ws/2026-11/meeting\.yaml:6:\d+: warning: ", line), line
    assert title in line and "not copied" in line
    assert "Leadership meeting — December 2026" in line  # what the pack will be called


@pytest.mark.parametrize(
    "title",
    [
        "Leadership meeting",
        "Customer-first leadership review",
        "What we may change next",  # "may" the verb, not May the month
        "Marching orders",
        "Decisions day",
        "2026 strategy",
        "Q4 review",
        "Octopus Energy joint session",
    ],
)
def test_a_title_naming_no_month_is_copied_without_a_warning(tmp_path, run_cli, title):
    ws = _workspace(tmp_path, MEETING + f'title: "{title}"\n')
    target = ws / "2026-12"
    result = run_cli("init", target)
    assert result.exit_code == 0, result.output
    assert yaml.safe_load((target / "meeting.yaml").read_text())["title"] == title
    assert _warnings(result.stderr) == []


@pytest.mark.parametrize(
    ("title", "named"),
    [
        ("Reunió de direcció de novembre", "novembre"),  # Catalan, in lower case
        ("Reunió de direcció d’octubre", "octubre"),
        ("Reunión de dirección de noviembre", "noviembre"),  # Spanish
        ("Reunião de direção de março", "março"),  # Portuguese
        ("Réunion de direction de mai", "mai"),  # French
        ("Riunione di direzione di novembre", "novembre"),  # Italian
        ("vorstandssitzung november", "november"),  # German, typed in lower case
        ("Directievergadering november", "november"),  # Dutch
        ("Styrelsemöte i mars", "mars"),  # Swedish
        ("Posiedzenie zarządu – listopad", "listopad"),  # Polish: nominative
        ("Posiedzenie zarządu 19 listopada", "listopada"),  # genitive
        ("Posiedzenie zarządu w listopadzie", "listopadzie"),  # locative
        ("POSIEDZENIE ZARZĄDU – PAŹDZIERNIK", "PAŹDZIERNIK"),  # any case
        ("Porada vedení – listopad", "listopad"),  # Czech: nominative
        ("Porada vedení 19. listopadu", "listopadu"),  # genitive
        ("Porada vedení v říjnu", "říjnu"),  # locative
        ("Porada vedení – leden", "leden"),
        ("leadership meeting – november", "november"),  # English in lower case
    ],
)
def test_a_title_naming_a_month_in_any_language_or_case_is_not_copied(
    tmp_path, run_cli, title, named
):
    """Months in the common European languages, as they write them (in lower case, inflected)."""
    ws = _workspace(tmp_path, MEETING + f'title: "{title}"\n')
    target = ws / "2026-12"
    result = run_cli("init", target)
    assert result.exit_code == 0, result.output
    assert "title" not in yaml.safe_load((target / "meeting.yaml").read_text())
    [line] = _warnings(result.stderr)
    assert re.match(r"ws/2026-11/meeting\.yaml:6:\d+: warning: ", line), line
    assert f"names a month ({named})" in line
    assert "Leadership meeting — December 2026" in line


@pytest.mark.parametrize(
    "title",
    [
        "Reunión de marca",  # Spanish "brand", also Polish "of March"
        "Reunião do marco zero",  # Portuguese "landmark"
        "Vergadering van de leden",  # Dutch "members", also Czech "January"
        "Què no farem mai",  # Catalan "never", also French "May"
        "What mars our service",
    ],
)
def test_a_month_word_that_is_also_an_ordinary_word_needs_a_sign_it_is_a_month(
    tmp_path, run_cli, title
):
    ws = _workspace(tmp_path, MEETING + f'title: "{title}"\n')
    target = ws / "2026-12"
    result = run_cli("init", target)
    assert result.exit_code == 0, result.output
    assert yaml.safe_load((target / "meeting.yaml").read_text())["title"] == title
    assert _warnings(result.stderr) == []


def test_both_warnings_at_once_and_in_the_result(tmp_path):
    ws = _workspace(tmp_path, MEETING + "title: Nov 2026 board\n")
    done = init_month(ws / "2027-03")
    assert len(done.warnings) == 2
    assert all(isinstance(w, str) and ": warning: " in w for w in done.warnings)
    assert any("2026-12, 2027-01 and 2027-02" in w for w in done.warnings)
    assert any("Nov 2026 board" in w for w in done.warnings)


def test_a_kept_meeting_yaml_gets_no_title_warning(tmp_path):
    """The new month's meeting.yaml is the user's own and is not touched: nothing to warn about."""
    ws = _workspace(tmp_path, MEETING + "title: Nov 2026 board\n")
    (ws / "2026-12").mkdir()
    (ws / "2026-12" / "meeting.yaml").write_text("# mine\n")
    done = init_month(ws / "2026-12")
    assert done.warnings == ()
    assert (ws / "2026-12" / "meeting.yaml").read_text() == "# mine\n"
