"""Never silently wrong: pasted figures read exactly or refused, ids kept as typed, YAML 1.2
booleans, history that never drops actions, dates that make sense, located problems."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import (
    CUSTOMER,
    docx_items,
    section_items,
    write_month,
)
from conftest import MEETING_LED as MEETING  # leads named: warnings are counted

FINANCE_EUR = "currency: EUR\nmetrics:\n  - {{name: Revenue, actual: {actual}, budget: 2000000, higher_is_better: true}}\n"


def _month(tmp_path, **files: str):
    return write_month(
        tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": CUSTOMER, **files}
    )


def _build(run_cli, month, tmp_path, *args):
    out = tmp_path / "out"
    result = run_cli("build", month, "--out", out, *args)
    assert "Traceback" not in result.output
    return result, out


@pytest.mark.parametrize(
    ("pasted", "says"),
    [
        ('"97,5%"', "has a decimal comma, which reads two ways; type 97.5"),
        ('"1.250,50"', "uses dots between thousands, which reads two ways; type 1250.50"),
        ('"1,5"', "has a decimal comma, which reads two ways; type 1.5"),
        ('"2.480"', "reads two ways: 2480 with a thousands dot, or 2.48 with a decimal point"),
        ('"£2,400,000"', "is in GBP, but this file's currency is EUR"),
        ('"12.5 k"', "is not a number"),
    ],
)
def test_european_and_foreign_figures_are_refused_with_what_to_type(
    tmp_path, run_cli, pasted, says
):
    month = _month(tmp_path, **{"finance.yaml": FINANCE_EUR.format(actual=pasted)})
    result, out = _build(run_cli, month, tmp_path)
    assert result.exit_code == 65
    assert f"ws/2026-11/finance.yaml:3:29: error: metrics[0].actual: {pasted[1:-1]!r}" in (
        result.stderr
    )
    assert says in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("pasted", "shown"),
    [('"€2,400,000"', "€2,400,000"), ('"EUR 2,400,000"', "€2,400,000"), ("2400000", "€2,400,000")],
)
def test_money_in_the_files_own_currency_is_read_exactly(tmp_path, run_cli, pasted, shown):
    month = _month(tmp_path, **{"finance.yaml": FINANCE_EUR.format(actual=pasted)})
    result, out = _build(run_cli, month, tmp_path)
    assert result.exit_code == 0, result.output
    finance = " | ".join(i.text for i in section_items(next(out.glob("*.docx")), "Finance"))
    assert f"Revenue | {shown} | €2,000,000 | +€400,000" in finance


def test_a_percent_sign_keeps_its_meaning_or_is_refused(tmp_path, run_cli):
    operations = 'slas:\n  - {name: Calls answered, target: "95%", actual: "97.5%"}\n'
    month = _month(tmp_path, **{"operations.yaml": operations})
    result, out = _build(run_cli, month, tmp_path)
    assert result.exit_code == 0, result.output
    ops = " | ".join(i.text for i in section_items(next(out.glob("*.docx")), "Operations"))
    assert "Calls answered | 95% | 97.5%" in ops  # the % is kept as the unit, not dropped
    clash = 'slas:\n  - {name: Days to fix, target: 5, actual: "4%", unit: days}\n'
    (month / "operations.yaml").write_text(clash)
    result, _ = _build(run_cli, month, tmp_path)
    assert result.exit_code == 65
    assert "has a % sign but the unit is 'days'" in result.stderr
    engagement = 'engagement: {score: "64%"}\n'
    (month / "operations.yaml").unlink()
    (month / "employees.yaml").write_text(engagement)
    result, _ = _build(run_cli, month, tmp_path)
    assert result.exit_code == 65
    assert "employees.yaml:1:21: error: engagement.score: '64%' has a % sign" in result.stderr


def test_yaml_12_booleans_no_is_norway(tmp_path, run_cli):
    customer = CUSTOMER + "  - {text: Fast delivery to Oslo., channel: Email, segment: NO}\n"
    month = _month(tmp_path, **{"customer.yaml": customer})
    result, out = _build(run_cli, month, tmp_path)
    assert result.exit_code == 0, result.output
    text = " | ".join(i.text for i in docx_items(next(out.glob("*.docx"))))
    assert "Email | Fast delivery to Oslo. | – | NO" in text


ACTIONS = """\
actions:
  - {id: 1.1, title: Fix the refund letters, owner: Jo Chair, due: 2026-10-01, status: done, section: customer}
  - {id: 1.10, title: Call back every detractor, owner: Jo Chair, due: 2026-10-20, status: open, section: customer}
"""


def test_ids_are_text_exactly_as_typed(tmp_path, run_cli):
    month = _month(tmp_path, **{"actions.yaml": ACTIONS})
    result, out = _build(run_cli, month, tmp_path)
    assert result.exit_code == 0, result.output
    log = " | ".join(i.text for i in section_items(next(out.glob("*.docx")), "Actions"))
    assert "1.10 | Call back every detractor" in log
    assert "overdue by 30 days" in log
    assert "1.1 | Fix the refund letters" in log  # closed: a different action from 1.10
    twice = (
        ACTIONS
        + "  - {id: 1.10, title: Again, owner: Jo, due: 2026-12-01, status: open, section: sales}\n"
    )
    (month / "actions.yaml").write_text(twice)
    result, _ = _build(run_cli, month, tmp_path)
    assert result.exit_code == 65
    assert "actions[2].id: '1.10' is already used by actions[1]" in result.stderr


EARLIER_ACTIONS = """\
actions:
  - {id: A-7, title: Clear the refund backlog, owner: Ann Ward, due: 2026-10-30, status: blocked, section: operations}
  - {id: A-8, title: Publish waiting times, owner: Ann Ward, due: 2026-10-15, status: open, section: customer}
"""


def test_a_broken_earlier_actions_file_is_an_error_not_dropped_actions(tmp_path, run_cli):
    write_month(
        tmp_path / "ws",
        {
            "meeting.yaml": MEETING.replace("2026-11", "2026-10"),
            "customer.yaml": CUSTOMER,
            "actions.yaml": EARLIER_ACTIONS.replace("status: open", "status: opne"),
        },
        name="2026-10",
    )
    month = _month(tmp_path)
    for command in ("build", "validate"):
        result = (
            run_cli(command, month, "--out", tmp_path / "out")
            if command == "build"
            else run_cli(command, month)
        )
        assert result.exit_code == 65
        assert "ws/2026-10/actions.yaml:3:" in result.stderr
        assert "its open actions carry over into later months" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_broken_earlier_customer_file_is_named_in_the_pack_and_actions_still_carry(
    tmp_path, run_cli
):
    write_month(
        tmp_path / "ws",
        {
            "meeting.yaml": MEETING.replace("2026-11", "2026-10"),
            "customer.yaml": "nps: [\n",
            "actions.yaml": EARLIER_ACTIONS,
        },
        name="2026-10",
    )
    month = _month(tmp_path)
    result, out = _build(run_cli, month, tmp_path)
    assert result.exit_code == 0, result.output
    # where libyaml stops is libyaml's business: the file and our words are ours
    assert re.search(r"ws/2026-10/customer\.yaml:\d+:\d+: warning: YAML syntax", result.stderr)
    docx = next(out.glob("*.docx"))
    customer = " ".join(i.text for i in section_items(docx, "Customer"))
    assert (
        "Left out of the trends and the change since last month: October 2026 "
        "(2026-10/customer.yaml (line" in customer
    )
    log = " | ".join(i.text for i in section_items(docx, "Actions"))
    assert "A-7 | Clear the refund backlog" in log and "Blocked" in log
    assert "A-8 | Publish waiting times" in log and "overdue by 35 days" in log
    assert "1 open, 1 blocked" in log


def test_an_unreadable_earlier_guest_list_is_an_error(tmp_path, run_cli):
    earlier = MEETING.replace("2026-11", "2026-10") + "guests:\n  - {name: Olga Earlier}\n"
    write_month(
        tmp_path / "ws", {"meeting.yaml": earlier, "customer.yaml": CUSTOMER}, name="2026-10"
    )
    result, out = _build(run_cli, _month(tmp_path), tmp_path)
    assert result.exit_code == 65
    assert (
        "ws/2026-10/meeting.yaml:8:5: error: guests[0]: missing required key 'organisation'"
        in result.stderr
    )
    assert "must be readable to keep them out of this pack" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("date", "says"),
    [
        ("2026-10-28", "date 2026-10-28 is before the period it reviews starts (2026-11)"),
        (
            "2027-02-03",
            "date 2027-02-03 is more than two months after the period it reviews (2026-11) ends",
        ),
    ],
)
def test_a_meeting_date_that_makes_no_sense_warns_and_strict_refuses(tmp_path, run_cli, date, says):
    month = write_month(
        tmp_path / "ws",
        {"meeting.yaml": MEETING.replace("2026-11-19", date), "customer.yaml": CUSTOMER},
    )
    result, _ = _build(run_cli, month, tmp_path)
    assert result.exit_code == 0
    assert f"ws/2026-11/meeting.yaml:3:7: warning: {says}" in result.stderr
    strict = run_cli("validate", month, "--strict")
    assert strict.exit_code == 65
    assert f"ws/2026-11/meeting.yaml:3:7: error: {says}" in strict.stderr


def test_a_date_within_the_period_or_soon_after_is_quiet(tmp_path, run_cli):
    for date in ("2026-11-01", "2026-12-10", "2027-01-31"):
        month = write_month(
            tmp_path / date,
            {"meeting.yaml": MEETING.replace("2026-11-19", date), "customer.yaml": CUSTOMER},
        )
        result = run_cli("validate", month, "--strict")
        assert result.exit_code == 0, (date, result.output)
        assert "warning" not in result.stderr


def test_problems_are_clickable_paths_relative_to_where_the_user_stands(
    tmp_path, run_cli, monkeypatch
):
    month = _month(tmp_path, **{"operations.yaml": "slas:\n  - {name: X, target: 1, actul: 2}\n"})
    monkeypatch.chdir(month)
    result = run_cli("validate", ".")
    assert result.exit_code == 65
    assert "\noperations.yaml:2:26: error: slas[0]: unknown key 'actul'" in result.stderr


@pytest.mark.parametrize("typed", ["1.200", "1.450", "-2.500"])
def test_an_unquoted_number_with_a_dot_and_three_decimals_is_refused_like_a_quoted_one(
    tmp_path, run_cli, typed
):
    operations = f"slas:\n  - {{name: Beds, target: 1.5, actual: {typed}, unit: beds}}\n"
    month = _month(tmp_path, **{"operations.yaml": operations})
    result = run_cli("validate", month)
    assert result.exit_code == 65
    assert f"slas[0].actual: {typed!r} reads two ways" in result.stderr


def test_exactly_five_percent_off_target_is_at_risk_whatever_the_size():
    from agenda.status import status

    assert status(2, 2.1, higher_is_better=False) == "At risk"
    assert status(20, 21, higher_is_better=False) == "At risk"
    assert status(0.3, 0.285) == "At risk"
    assert status(2, 2.11, higher_is_better=False) == "Off track"


@pytest.mark.parametrize("key", ['""', "~", '" "'])
def test_a_complaint_reason_needs_a_name(tmp_path, run_cli, key):
    customer = CUSTOMER + f"complaints: {{total: 10, reasons: {{{key}: 4, Billing: 6}}}}\n"
    result = run_cli("validate", _month(tmp_path, **{"customer.yaml": customer}))
    assert result.exit_code == 65
    assert "complaints.reasons: a reason needs a name" in result.stderr


def test_theme_changes_against_an_older_month_say_which_month(tmp_path, run_cli):
    themes = "themes:\n  - {name: Billing, mentions: 30}\n"
    write_month(
        tmp_path / "ws",
        {
            "meeting.yaml": MEETING.replace("2026-11", "2026-09"),
            "customer.yaml": CUSTOMER + "themes:\n  - {name: Billing, mentions: 10}\n",
        },
        name="2026-09",
    )
    month = _month(tmp_path, **{"customer.yaml": CUSTOMER + themes})
    result, out = _build(run_cli, month, tmp_path)
    assert result.exit_code == 0, result.output
    customer = " | ".join(i.text for i in section_items(next(out.glob("*.docx")), "Customer"))
    assert "# | Theme | Mentions | Change since September 2026 | 1 | Billing | 30 | +20" in customer


@pytest.mark.parametrize(
    "title", ["Vorstandssitzung März 2026", "Réunion de mars 2026", "Posiedzenie — listopad 2026"]
)
def test_init_does_not_copy_a_title_naming_a_month_in_another_language(tmp_path, run_cli, title):
    write_month(
        tmp_path / "ws",
        {"meeting.yaml": MEETING + f'title: "{title}"\n', "customer.yaml": CUSTOMER},
    )
    result = run_cli("init", tmp_path / "ws" / "2026-12")
    assert result.exit_code == 0, result.output
    settings = yaml.safe_load((tmp_path / "ws" / "2026-12" / "meeting.yaml").read_text())
    assert "title" not in settings
    assert "warning:" in result.stderr


def test_build_all_says_how_many_warnings_each_pack_has(tmp_path, run_cli):
    write_month(
        tmp_path / "ws",
        {"meeting.yaml": MEETING.replace("2026-11-19", "2026-10-28"), "customer.yaml": CUSTOMER},
    )
    result = run_cli("build-all", tmp_path / "ws", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "built    2 files, 1 warning (agenda validate" in result.stdout


def test_a_survey_export_with_two_score_columns_is_refused(tmp_path, run_cli):
    customer = CUSTOMER.replace(
        "counts: {promoters: 50, passives: 30, detractors: 20}", "responses: responses.csv"
    )
    month = _month(tmp_path, **{"customer.yaml": customer})
    (month / "responses.csv").write_text("date,score,Score\n2026-11-02,9,3\n")
    result = run_cli("validate", month)
    assert result.exit_code == 65
    assert "ws/2026-11/responses.csv:1: error: the header row has column 'score' 2 times" in (
        result.stderr
    )


# --- found by a second hostile trial (a Spanish-Portuguese water utility, a Swiss unit) -------


def test_an_open_action_older_than_the_trend_window_still_carries(tmp_path, run_cli):
    old = "actions:\n  - {id: OLD-1, title: Replace the Elvas main, owner: Rui Costa, due: 2026-02-01, status: blocked, section: operations}\n"
    write_month(
        tmp_path / "ws",
        {
            "meeting.yaml": MEETING.replace("2026-11", "2025-09"),
            "customer.yaml": CUSTOMER,
            "actions.yaml": old,
        },
        name="2025-09",
    )
    result, out = _build(run_cli, _month(tmp_path), tmp_path)
    assert result.exit_code == 0, result.output
    docx = next(out.glob("*.docx"))
    log = " | ".join(i.text for i in section_items(docx, "Actions"))
    assert "OLD-1 | Replace the Elvas main" in log and "0 open, 1 blocked" in log
    appendix = " ".join(i.text for i in docx_items(docx))
    assert "September 2025" not in appendix.split("Earlier months read for comparison")[-1][:80]


@pytest.mark.parametrize(
    ("field", "typed", "says"),
    [
        ("promoters", "2.000", "reads two ways: 2000 with a thousands dot"),
        ("promoters", "1.5", "expected a whole number, got '1.5'"),
        ("target", '"68,500"', "reads two ways for a score"),
    ],
)
def test_whole_numbers_and_scores_are_never_read_two_ways(tmp_path, run_cli, field, typed, says):
    customer = CUSTOMER.replace(
        "promoters: 50", f"promoters: {typed}" if field == "promoters" else "promoters: 50"
    )
    if field == "target":
        customer = customer.replace("detractors: 20}", f"detractors: 20}}\n  target: {typed}")
    result = run_cli("validate", _month(tmp_path, **{"customer.yaml": customer}))
    assert result.exit_code == 65, result.output
    assert says in result.stderr


@pytest.mark.parametrize(
    ("pasted", "says"),
    [
        ('"€5,400 USD"', "names two currencies (EUR, USD)"),
        ('"2100 2000"', "has spaces inside that are not thousands groups"),
        ('"96 KPI"', "is not a number"),
    ],
)
def test_pasted_cells_and_second_currencies_are_refused(tmp_path, run_cli, pasted, says):
    month = _month(tmp_path, **{"finance.yaml": FINANCE_EUR.format(actual=pasted)})
    result = run_cli("validate", month)
    assert result.exit_code == 65
    assert says in result.stderr


def test_a_percentage_with_a_thousands_comma_is_refused(tmp_path, run_cli):
    operations = 'slas:\n  - {name: Water quality, target: "95,000%", actual: "96,500%"}\n'
    result = run_cli("validate", _month(tmp_path, **{"operations.yaml": operations}))
    assert result.exit_code == 65
    assert "'95,000%' reads two ways" in result.stderr


def test_leading_zeros_are_decimal_as_in_yaml_12_and_ids_keep_them(tmp_path, run_cli):
    operations = "slas:\n  - {name: Low pressure calls, target: 050, actual: 012, unit: calls, higher_is_better: false}\n"
    actions = "actions:\n  - {id: 010, title: Fix pressure, owner: Rui, due: 2026-12-01, status: open, section: operations}\n"
    result, out = _build(
        run_cli,
        _month(tmp_path, **{"operations.yaml": operations, "actions.yaml": actions}),
        tmp_path,
    )
    assert result.exit_code == 0, result.output
    docx = next(out.glob("*.docx"))
    assert "Low pressure calls | 50 calls | 12 calls" in " | ".join(
        i.text for i in section_items(docx, "Operations")
    )
    assert "010 | Fix pressure" in " | ".join(i.text for i in section_items(docx, "Actions"))


def test_an_id_reused_for_a_different_action_warns(tmp_path, run_cli):
    december = "actions:\n  - {id: 1, title: Call back every detractor, owner: Ana, due: 2026-10-01, status: open, section: customer}\n"
    write_month(
        tmp_path / "ws",
        {
            "meeting.yaml": MEETING.replace("2026-11", "2026-10"),
            "customer.yaml": CUSTOMER,
            "actions.yaml": december,
        },
        name="2026-10",
    )
    january = "actions:\n  - {id: 1, title: Renegotiate the loan, owner: Rui, due: 2026-12-01, status: open, section: finance}\n"
    result = run_cli("validate", _month(tmp_path, **{"actions.yaml": january}))
    assert result.exit_code == 0
    assert (
        "ws/2026-11/actions.yaml:2:10: warning: actions[0].id: '1' was 'Call back every detractor' "
        "in customer (October 2026)" in result.stderr
    )


def test_the_same_theme_twice_is_refused(tmp_path, run_cli):
    customer = (
        CUSTOMER
        + "themes:\n  - {name: Facturación, mentions: 4}\n  - {name: facturacion, mentions: 3}\n"
    )
    result = run_cli("validate", _month(tmp_path, **{"customer.yaml": customer}))
    assert result.exit_code == 65
    assert "themes[1].name: 'facturacion' is the same theme as themes[0]" in result.stderr


def test_text_typed_as_a_number_is_quoted_as_typed(tmp_path, run_cli):
    customer = CUSTOMER + "themes:\n  - {name: 1.10, mentions: 4}\n"
    result = run_cli("validate", _month(tmp_path, **{"customer.yaml": customer}))
    assert result.exit_code == 65
    assert 'themes[0].name: expected text, got 1.10 (put it in quotes: "1.10")' in result.stderr


def test_three_decimals_that_cannot_be_thousands_are_read(tmp_path, run_cli):
    operations = 'slas:\n  - {name: Uptime, target: "99.999%", actual: 99.949, unit: "%"}\n'
    customer = CUSTOMER + "csat: {score: 4.125, scale: 5}\n"
    result, out = _build(
        run_cli,
        _month(tmp_path, **{"operations.yaml": operations, "customer.yaml": customer}),
        tmp_path,
    )
    assert result.exit_code == 0, result.output
    docx = next(out.glob("*.docx"))
    assert "Uptime | 99.999% | 99.949%" in " | ".join(
        i.text for i in section_items(docx, "Operations")
    )
    assert "4.125 / 5" in " | ".join(i.text for i in section_items(docx, "Customer"))


def test_figures_keep_the_decimals_that_tell_them_apart_and_money_keeps_its_pence(
    tmp_path, run_cli
):
    finance = "currency: GBP\nmetrics:\n  - {name: Cost per call, actual: 0.124, budget: 0.12, higher_is_better: false}\n  - {name: Refund, actual: 90.2, budget: 100, higher_is_better: false}\n"
    result, out = _build(run_cli, _month(tmp_path, **{"finance.yaml": finance}), tmp_path)
    assert result.exit_code == 0, result.output
    finance_text = " | ".join(i.text for i in section_items(next(out.glob("*.docx")), "Finance"))
    assert "Cost per call | £0.124 | £0.12 | +£0.004" in finance_text
    assert "Refund | £90.20 | £100" in finance_text


@pytest.mark.parametrize("currency", ["JPY", "CNY"])
def test_a_yen_or_yuan_sign_is_read_in_a_file_of_that_currency(tmp_path, run_cli, currency):
    """¥ is written by both the yen and the yuan: read as the file's currency when it is one
    of them, refused in any other (as € is refused in a GBP file)."""
    finance = FINANCE_EUR.replace("currency: EUR", f"currency: {currency}").format(
        actual='"¥2,400,000"'
    )
    month = _month(tmp_path, **{"finance.yaml": finance})
    result, out = _build(run_cli, month, tmp_path)
    assert result.exit_code == 0, result.output
    finance_text = " | ".join(i.text for i in section_items(next(out.glob("*.docx")), "Finance"))
    assert "Revenue | " in finance_text and "2,400,000" in finance_text, finance_text
    gbp = FINANCE_EUR.replace("currency: EUR", "currency: GBP").format(actual='"¥2,400,000"')
    (month / "finance.yaml").write_text(gbp)
    result, _ = _build(run_cli, month, tmp_path / "again")
    assert result.exit_code == 65
    assert "'¥2,400,000' is in JPY or CNY, but this file's currency is GBP" in result.stderr
