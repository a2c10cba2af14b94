"""Figures a hostile QA found plausibly wrong (second round): each is exactly right, or refused
or warned with a located message.

1. A stated ``complaints.previous`` that disagrees with last month's file is warned, and the
   pack uses the file's figure everywhere (the reasons it shows come from that file).
2. Themes are compared with the latest earlier month that has themes, names without case.
3. The group pack's top theme adds spellings that differ only in case.
4. "Top complaint reason" says so when most complaints have no reason.
"""

from __future__ import annotations

import re

from docx import Document
from test_reasoning_and_figures import (
    _build,
    _chart,
    _complaints,
    _month,
    _section_text,
    _warnings,
    _word_table,
)

# --- 1. complaints.previous beside last month's file ---------------------------------------------


def test_a_stated_previous_that_disagrees_with_last_months_file_is_warned(tmp_path, run_cli):
    _month(tmp_path, "2026-10", _complaints(200, {"Billing error": 120, "Delay": 80}))
    customer = _complaints(281, {"Billing error": 150, "Delay": 100}, previous=236)
    result, docx, pptx = _build(tmp_path, run_cli, {"customer.yaml": customer})
    warned = _warnings(result.stderr)
    assert len(warned) == 1, result.stderr
    assert re.search(
        r"ws/2026-11/customer\.yaml:\d+:\d+: warning: complaints\.previous is 236 but "
        r"2026-10/customer\.yaml gives 200",
        warned[0],
    ), warned[0]
    assert "uses 200" in warned[0]
    text = _section_text(docx, "Customer")
    assert "281 complaints this month, 200 last month." in text
    assert "236" not in text
    assert "up 81 since October" in text
    rows = _word_table(docx, "Reason")
    assert rows[1:] == [
        ["Billing error", "150", "53%", "+30"],
        ["Delay", "100", "36%", "+20"],
        ["Uncategorised", "31", "11%", "+31"],
    ]
    chart = _chart(pptx, "Billing error is the top complaint reason: ")
    assert chart.plots[0].series[1].values == (120.0, 80.0, 0.0)


def test_a_stated_previous_that_agrees_with_last_months_file_is_not_warned(tmp_path, run_cli):
    _month(tmp_path, "2026-10", _complaints(200, {"Billing error": 120, "Delay": 80}))
    customer = _complaints(281, {"Billing error": 150, "Delay": 100}, previous=200)
    result, docx, _ = _build(tmp_path, run_cli, {"customer.yaml": customer})
    assert _warnings(result.stderr) == []
    assert "281 complaints this month, 200 last month." in _section_text(docx, "Customer")


def test_a_stated_previous_with_no_file_last_month_is_used(tmp_path, run_cli):
    customer = _complaints(281, {"Billing error": 150, "Delay": 100}, previous=236)
    result, docx, _ = _build(tmp_path, run_cli, {"customer.yaml": customer})
    assert _warnings(result.stderr) == []
    assert "281 complaints this month, 236 last month." in _section_text(docx, "Customer")


# --- 2. themes compared with the latest earlier month that has themes ----------------------------

NPS_ONLY = """\
nps:
  counts: {promoters: 50, passives: 30, detractors: 20}
narratives:
  - {title: Three weeks for a refund, customer: Mrs Jones, story: She waited., channel: Phone}
verbatims:
  - {text: The bill was wrong again., score: 2, channel: Email}
"""


def _themes(**mentions: int) -> str:
    listed = "".join(
        f"  - {{name: {name.replace('_', ' ')}, mentions: {n}}}\n" for name, n in mentions.items()
    )
    return NPS_ONLY + "themes:\n" + listed


def _theme_table(docx) -> list[list[str]]:
    for table in Document(str(docx)).tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and rows[0][1:3] == ["Theme", "Mentions"]:
            return rows
    raise AssertionError("no themes table")


def test_themes_skip_a_later_month_without_themes(tmp_path, run_cli):
    _month(tmp_path, "2026-09", _themes(Billing_accuracy=30, Delays=20))
    _month(tmp_path, "2026-10", NPS_ONLY)  # a signal, but no themes
    _, docx, _ = _build(tmp_path, run_cli, {"customer.yaml": _themes(Billing_accuracy=40)})
    rows = _theme_table(docx)
    assert rows[0][-1] == "Change since September 2026"
    assert rows[1] == ["1", "Billing accuracy", "40", "+10"]


def test_themes_match_last_month_whatever_their_case(tmp_path, run_cli):
    _month(tmp_path, "2026-10", _themes(Billing_Accuracy=30))
    _, docx, _ = _build(tmp_path, run_cli, {"customer.yaml": _themes(Billing_accuracy=40)})
    rows = _theme_table(docx)
    assert rows[0][-1] == "Change"
    assert rows[1] == ["1", "Billing accuracy", "40", "+10"]


# --- 3. the group pack's top theme, spellings added whatever their case ---------------------------


def test_the_group_adds_theme_spellings_that_differ_only_in_case(tmp_path, run_cli):
    from test_group_pack_honesty import _group_files, _workspace

    ws = _workspace(tmp_path, broken=False)
    themes = {
        "galway": "themes:\n  - {name: Billing accuracy, mentions: 60}\n",
        "mayo": "themes:\n  - {name: Billing Accuracy, mentions: 60}\n",
        "roscommon": (
            "themes:\n  - {name: Delays, mentions: 100}\n"
            "  - {name: billing accuracy, mentions: 10}\n"
        ),
    }
    for unit, extra in themes.items():
        (path,) = (ws / unit).glob("*/customer.yaml")
        path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build-all", ws, "--out", out)
    assert result.exit_code == 0, result.output
    docx, _ = _group_files(out)
    for table in Document(str(docx)).tables:
        rows = [[c.text for c in row.cells] for row in table.rows]
        if rows[0] == ["Theme", "Mentions", "Units"]:
            break
    else:
        raise AssertionError("no group themes table")
    assert rows[1][:2] == ["Billing accuracy", "130"]
    assert rows[2][:2] == ["Delays", "100"]
    assert len(rows) == 3


# --- 4. most complaints with no reason ------------------------------------------------------------


def test_a_larger_uncategorised_share_is_said_before_the_top_reason(tmp_path, run_cli):
    customer = _complaints(100, {"Billing": 20, "Other": 15})
    _, docx, pptx = _build(tmp_path, run_cli, {"customer.yaml": customer})
    finding = "Most complaints (65 of 100) have no reason; Billing leads the rest: 20"
    assert finding in _section_text(docx, "Customer")
    assert "top complaint reason" not in _section_text(docx, "Customer")
    _chart(pptx, finding)


def test_uncategorised_larger_than_any_reason_but_not_most(tmp_path, run_cli):
    customer = _complaints(100, {"Billing": 30, "Delay": 30})
    _, docx, _ = _build(tmp_path, run_cli, {"customer.yaml": customer})
    text = _section_text(docx, "Customer")
    assert (
        "More complaints have no reason (40 of 100) than any one reason; "
        "Billing and Delay lead the rest: 30 each"
    ) in text
    assert "Most complaints" not in text


def test_the_top_reason_still_leads_when_it_outnumbers_the_uncategorised(tmp_path, run_cli):
    customer = _complaints(100, {"Billing": 50, "Delay": 20})
    _, docx, _ = _build(tmp_path, run_cli, {"customer.yaml": customer})
    assert "Billing is the top complaint reason: 50" in _section_text(docx, "Customer")


# --- what customers said about a theme, tagged whatever the case ---------------------------------


def test_a_verbatim_tagged_with_other_capitals_is_said_under_its_theme(tmp_path, run_cli):
    customer = (
        NPS_ONLY.replace("channel: Email}", "channel: Email, theme: billing Accuracy}")
        + "themes:\n  - {name: Billing accuracy, mentions: 40}\n"
    )
    _, docx, _ = _build(tmp_path, run_cli, {"customer.yaml": customer})
    text = _section_text(docx, "Customer")
    at = text.index("Theme card: Billing accuracy")
    assert "The bill was wrong again." in text[at:]
    assert "No story or verbatim was tagged with this theme" not in text
