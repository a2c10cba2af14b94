"""Regressions from a hostile QA pass: each case once broke (traceback, silent wrong figure,
or an unhelpful message) and must stay fixed."""

from __future__ import annotations

import pytest
from conftest import CUSTOMER, MEETING, section_items, write_month

from agenda.pipeline import prepare


def _month(tmp_path, **files: str):
    return write_month(
        tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": CUSTOMER, **files}
    )


def _err(run_cli, month, *args) -> tuple[int, str]:
    result = run_cli("validate", month, *args)
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def test_a_folder_where_a_file_belongs_is_a_located_error(tmp_path, run_cli):
    month = _month(tmp_path)
    (month / "operations.yaml").mkdir()
    assert _err(run_cli, month) == (
        65,
        "ws/2026-11/operations.yaml: error: is a folder, not a file\n",
    )


def test_a_folder_in_an_earlier_month_is_only_a_warning(tmp_path, run_cli):
    earlier = write_month(
        tmp_path / "ws", {"meeting.yaml": MEETING.replace("2026-11", "2026-10")}, name="2026-10"
    )
    (earlier / "customer.yaml").mkdir()
    month = _month(tmp_path)
    result = run_cli("build", month, "--out", tmp_path / "out")
    assert result.exit_code == 0
    assert (
        "ws/2026-10/customer.yaml: warning: is a folder, not a file (earlier month 2026-10: its customer figures are left out of trends)"
        in result.stderr
    )


@pytest.mark.parametrize(
    ("file", "text", "expected"),
    [
        (
            "operations.yaml",
            "slas:\n  - {name: X, target: yes, actual: 1}\n",
            "operations.yaml:2:23: error: slas[0].target: expected a number, got 'yes'",
        ),
        (
            "meeting.yaml",
            MEETING + "minutes: {marketing: true}\n",
            "meeting.yaml:6:22: error: minutes.marketing: expected a number, got true",
        ),
        (
            "finance.yaml",
            "metrics:\n  - {name: Revenue, actual: 1.0e400}\n",
            "finance.yaml:2:29: error: '1.0e400' is not a usable number",
        ),
        (
            "finance.yaml",
            "metrics:\n  - {name: Revenue, actual: '1e400'}\n",
            "finance.yaml:2:29: error: metrics[0].actual: '1e400' is not a number",
        ),
        (
            "customer.yaml",
            CUSTOMER + "csat: {score: 37, scale: 5}\n",
            "customer.yaml:13:7: error: csat: score 37 is outside the scale 0–5",
        ),
        (
            "meeting.yaml",
            MEETING.replace('"09:00"', "9.30"),
            'meeting.yaml:4:8: error: start: expected a time as HH:MM: put it in quotes, e.g. "09:30", got 9.3',
        ),
        (
            "meeting.yaml",
            MEETING + "location: true\n",
            "meeting.yaml:6:11: error: location: expected text, got true (put the text in quotes)",
        ),
        (
            "meeting.yaml",
            MEETING.replace("2026-11-19", "2026-11-31"),
            "meeting.yaml:3:7: error: date: expected a real date like 2026-11-19, got '2026-11-31'",
        ),
        (
            "meeting.yaml",
            MEETING + "minutes: {customer: 0}\n",
            "meeting.yaml:6:21: error: minutes.customer: must be at least 1, got 0",
        ),
    ],
)
def test_wrong_values_are_refused_with_plain_words(tmp_path, run_cli, file, text, expected):
    month = _month(tmp_path, **{file: text})
    code, stderr = _err(run_cli, month)
    assert code == 65
    assert expected in stderr, stderr


def test_a_verbatim_scored_true_is_refused(tmp_path, run_cli):
    month = _month(tmp_path, **{"customer.yaml": CUSTOMER.replace("score: 10", "score: true")})
    code, stderr = _err(run_cli, month)
    assert code == 65 and "verbatims[0].score: expected a number, got true" in stderr


def test_pasted_counts_with_thousands_separators_are_read(tmp_path):
    customer = CUSTOMER.replace("promoters: 50", 'promoters: "1,250"')
    pack = prepare(_month(tmp_path, **{"customer.yaml": customer}))
    figures = next(
        b for b in pack.sections[0].blocks if getattr(b, "title", "") == "How customers score us"
    )
    assert figures.items[0].detail.startswith("n = 1,300")


def test_plain_numbers_as_list_items_are_names(tmp_path):
    pack = prepare(
        _month(tmp_path, **{"meeting.yaml": MEETING + "attendees:\n  - 42\n  - Jo Smith\n"})
    )
    assert pack.cover.attendees == ("42", "Jo Smith")


def test_unclosed_quote_in_the_survey_export_is_an_error_not_lost_rows(tmp_path, run_cli):
    customer = CUSTOMER.replace(
        "counts: {promoters: 50, passives: 30, detractors: 20}", "responses: responses.csv"
    )
    month = _month(tmp_path, **{"customer.yaml": customer})
    (month / "responses.csv").write_text(
        'date,score,comment\n2026-11-01,9,"fine"\n2026-11-02,3,"Bill is wrong, again\n2026-11-03,10,ok\n2026-11-04,8,\n'
    )
    code, stderr = _err(run_cli, month)
    assert code == 65
    assert "responses.csv:3: error: a quote opened in this row is never closed" in stderr


def test_tab_separated_export_and_unquoted_commas_in_a_last_comment(tmp_path):
    customer = CUSTOMER.replace(
        "counts: {promoters: 50, passives: 30, detractors: 20}", "responses: responses.csv"
    )
    month = _month(tmp_path, **{"customer.yaml": customer})
    (month / "responses.csv").write_text(
        "date\tscore\tcomment\n2026-11-01\t9\tok\n2026-11-02\t3\tslow\n"
    )
    assert prepare(month).sections[0].blocks  # tabs are read
    (month / "responses.csv").write_text("date,score,comment\n2026-11-01,2,late, wrong, and rude\n")
    from agenda.keywords import Keywords
    from agenda.responses import read_responses
    from agenda.sources import load_yaml

    said = Keywords([("Manners", ["rude"])])
    answers = read_responses(month, "responses.csv", load_yaml(month / "customer.yaml"), said)
    assert answers.said["Manners"][0].text == "late, wrong, and rude"


def test_answers_dated_outside_the_month_are_not_counted_and_the_pack_says_so(tmp_path, run_cli):
    """QA: answers dated in October, or in a typo year (2062), were counted in November's NPS
    and their comments picked as "the most recent" quotes; only the console said so."""
    from conftest import docx_items

    customer = (
        CUSTOMER.replace(
            "counts: {promoters: 50, passives: 30, detractors: 20}", "responses: responses.csv"
        )
        + "themes:\n  - {name: Billing, keywords: [bill]}\n"
    )
    month = _month(tmp_path, **{"customer.yaml": customer})
    (month / "responses.csv").write_text(
        "date,score,comment\n2026-10-02,10,bill fine in October\n2026-11-02,3,bill wrong\n"
        "2026-11-03,9,bill ok\n2062-11-05,0,bill typo year\n"
    )
    result = run_cli("build", month, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert (
        "ws/2026-11/responses.csv: warning: 2 survey answers are dated outside November 2026 "
        "(2 Oct 2026 to 5 Nov 2062): not counted" in result.stderr
    )
    said = [i.text for i in docx_items(next((tmp_path / "out").glob("*.docx")))]
    assert "NPS answers used: 2" in said
    assert "Answers dated outside November 2026, not counted: 2 (2 Oct 2026 to 5 Nov 2062)" in said
    quoted = " ".join(t for t in said if "“" in t)
    assert "bill wrong" in quoted and "typo year" not in quoted and "in October" not in quoted


def test_workspace_or_oddly_named_folder_is_not_a_month(tmp_path, run_cli):
    month = _month(tmp_path)
    code, stderr = _err(run_cli, month.parent)
    assert code == 2 and "this is a workspace of 1 month folder(s); pass one of them" in stderr
    odd = month.parent / "November"
    month.rename(odd)
    code, stderr = _err(run_cli, odd)
    assert code == 2 and "a month folder is named YYYY-MM" in stderr


def test_validate_dot_checks_the_period_against_the_real_folder_name(
    tmp_path, run_cli, monkeypatch
):
    month = _month(
        tmp_path, **{"meeting.yaml": MEETING.replace("period: 2026-11", "period: 2026-10")}
    )
    monkeypatch.chdir(month)
    code, stderr = _err(run_cli, ".")
    assert code == 65 and "period is 2026-10 but the folder is 2026-11" in stderr


def test_a_very_long_organisation_name_still_gives_a_usable_file_name(tmp_path, run_cli):
    meeting = MEETING.replace("Acme Water", "Northwind Utilities Holdings Group " * 9)
    month = _month(tmp_path, **{"meeting.yaml": meeting})
    result = run_cli("build", month, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert all(len(p.name) < 100 for p in (tmp_path / "out").iterdir())


def test_duplicate_action_ids_are_located(tmp_path, run_cli):
    actions = (
        "actions:\n"
        "  - {id: A-1, title: One, owner: Ann, due: 2026-12-01, status: open, section: sales}\n"
        "  - {id: A-1, title: Two, owner: Bob, due: 2026-12-01, status: open, section: sales}\n"
    )
    code, stderr = _err(run_cli, _month(tmp_path, **{"actions.yaml": actions}))
    assert (
        code == 65
        and "actions.yaml:3:10: error: actions[1].id: 'A-1' is already used by actions[0]" in stderr
    )


def test_agenda_past_midnight_and_misnamed_files_are_warned(tmp_path, run_cli):
    month = _month(
        tmp_path,
        **{"meeting.yaml": MEETING.replace('"09:00"', '"23:00"'), "operation.yaml": "slas: []\n"},
    )
    (month / "customer.yml").write_text("nps: {}\n")
    result = run_cli("build", month, "--out", tmp_path / "out")
    assert result.exit_code == 0
    assert (
        "ws/2026-11/meeting.yaml:4:8: warning: the agenda starts at 23:00 and runs past midnight"
        in result.stderr
    )
    assert (
        "ws/2026-11/operation.yaml: warning: not read (did you mean 'operations.yaml'?)"
        in result.stderr
    )
    assert (
        "ws/2026-11/customer.yml: warning: ignored because customer.yaml is also there"
        in result.stderr
    )


def test_a_shortened_guest_organisation_and_sentence_start_are_handled(tmp_path, run_cli):
    meeting = MEETING + "guests:\n  - {name: Janet Pryce, organisation: Pennine Vale Housing}\n"
    customer = CUSTOMER.replace(
        "She waited three weeks for a refund and called four times.",
        "Ms Pryce manages homes. Pennine Vale has 3,000 of them.",
    )
    month = _month(tmp_path, **{"meeting.yaml": meeting, "customer.yaml": customer})
    run_cli("build", month, "--out", tmp_path / "out")
    story = " ".join(
        i.text
        for i in section_items(
            tmp_path / "out" / "acme-water-2026-11-leadership-pack.docx", "Customer"
        )
    )
    assert "A customer guest manages homes. A customer organisation has 3,000 of them." in story


def test_out_pointing_at_a_file_is_a_render_error(tmp_path, run_cli):
    month = _month(tmp_path)
    target = tmp_path / "taken"
    target.write_text("x")
    result = run_cli("build", month, "--out", target)
    assert result.exit_code == 73 and "it is a file, not a folder" in result.stderr


# --- from the code review ----------------------------------------------------------------------


def test_an_action_closed_months_ago_is_not_listed_as_closed_again(tmp_path):
    from conftest import CUSTOMER as C

    one = (
        "{id: A-1, title: Fix bills, owner: Ann, due: 2026-09-30, section: operations, status: %s}"
    )
    two = "{id: A-2, title: Other, owner: Bob, due: 2026-12-30, section: sales, status: open}"
    for month, actions in (
        ("2026-09", f"actions:\n  - {one % 'open'}\n"),
        ("2026-10", f"actions:\n  - {one % 'done'}\n"),
        ("2026-11", f"actions:\n  - {two}\n"),  # A-1 not repeated
    ):
        write_month(
            tmp_path / "ws",
            {
                "meeting.yaml": MEETING.replace("2026-11", month),
                "customer.yaml": C,
                "actions.yaml": actions,
            },
            name=month,
        )
    december = write_month(
        tmp_path / "ws",
        {
            "meeting.yaml": MEETING.replace("2026-11", "2026-12").replace(
                "2026-12-19", "2026-12-17"
            ),
            "customer.yaml": C,
        },
        name="2026-12",
    )
    log = prepare(december).actions
    assert [r.id for r in log.closed] == []
    assert [r.id for r in log.rows] == ["A-2"]


def test_complaints_rising_by_their_own_previous_count_feeds_the_green_sla_rule(tmp_path):
    from conftest import CUSTOMER as C

    customer = C + "complaints: {total: 300, previous: 200}\n"
    operations = "slas:\n  - {name: Calls, target: 80, actual: 90}\n"
    pack = prepare(_month(tmp_path, **{"customer.yaml": customer, "operations.yaml": operations}))
    notes = [b.text for b in pack.sections[2].blocks if getattr(b, "kind", "") == "caution"]
    assert any("complaints rose from 200 to 300" in text for text in notes)


def test_group_finance_never_adds_up_different_currencies(tmp_path, run_cli):
    from conftest import CUSTOMER as C

    for unit, currency in (("north", "GBP"), ("south", "EUR")):
        write_month(
            tmp_path / "ws" / unit,
            {
                "meeting.yaml": MEETING,
                "customer.yaml": C,
                "finance.yaml": f"currency: {currency}\nmetrics:\n  - {{name: Revenue, actual: 100}}\n",
            },
        )
    run_cli("build-all", tmp_path / "ws", "--out", tmp_path / "out")
    docx = next((tmp_path / "out" / "group").glob("*.docx"))
    finance = " | ".join(i.text for i in section_items(docx, "Finance"))
    assert "Revenue | 1 | £100" in finance and "Revenue | 1 | €100" in finance


def test_a_table_keeps_its_column_widths_on_every_continuation_slide():
    from agenda.facilitation import labels
    from agenda.model import Table
    from packs.deck_plan import table_slides

    rows = tuple((f"Channel {n}", "words " * (3 if n < 12 else 30), "3") for n in range(24))
    parts = table_slides(Table("Verbatims", ("Channel", "What was said", "Score"), rows), labels())
    assert len(parts) > 1
    assert len({part.widths for part, _ in parts}) == 1


def test_a_broken_group_rollup_is_reported_not_a_traceback(tmp_path, run_cli, monkeypatch):
    from conftest import CUSTOMER as C

    import agenda.rollup

    for unit in ("north", "south"):
        write_month(tmp_path / "ws" / unit, {"meeting.yaml": MEETING, "customer.yaml": C})

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(agenda.rollup, "compose_group", broken)
    result = run_cli("build-all", tmp_path / "ws", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "group  2026-11  failed   internal error: RuntimeError: boom" in result.stdout
    assert "north  2026-11  built" in result.stdout
