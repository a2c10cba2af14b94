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
