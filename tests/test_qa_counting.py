"""QA: silently wrong survey and data cases (issue 12), each read where the reader meets it.

Mentions counted two ways are not compared; keywords in scripts without spaces between words;
one segment or channel spelt several ways; tiny groups; complaint reasons across months;
currency codes; percentages over 100; an action named twice in a question.
"""

from __future__ import annotations

from pathlib import Path

from conftest import MEETING, write_month

from agenda.briefs import brief, briefed
from agenda.model import Table, ThemeCard
from agenda.pipeline import prepare

HEADER = "date,score,segment,channel,comment\n"


def _tables(pack, key: str) -> list[Table]:
    section = next(s for s in pack.sections if s.key == key)
    return [b for b in section.blocks if isinstance(b, Table)]


def _table(pack, key: str, title: str) -> Table:
    return next(t for t in _tables(pack, key) if t.title.startswith(title))


def _cards(pack) -> dict[str, ThemeCard]:
    section = next(s for s in pack.sections if s.key == "customer")
    return {b.name: b for b in section.blocks if isinstance(b, ThemeCard)}


# --- 1. mentions typed by hand in one month, counted from comments in the next -----------------

OCTOBER = """\
nps:
  counts: {promoters: 50, passives: 30, detractors: 20}
narratives:
  - {title: Late again, customer: Mrs Jones, story: The train was late., channel: Phone}
themes:
  - {name: Punctuality, mentions: 140}
  - {name: Accessibility, mentions: 95}
  - {name: Cleanliness, mentions: 20}
complaints: {total: 300, reasons: {Late running: 300}}
"""

NOVEMBER = """\
nps:
  responses: export.csv
narratives:
  - {title: Late again, customer: Mrs Jones, story: The train was late., channel: Phone}
themes:
  - name: Punctuality
    keywords: [retard, late, on time, puntual]
  - name: Accessibility
    keywords: [ramp, lift, step free]
  - {name: Cleanliness, mentions: 30}
complaints: {total: 340, reasons: {Late running: 340}}
"""

OPERATIONS = """\
slas:
  - {name: Trains on time, target: 90, actual: 95, unit: '%', theme: Punctuality}
"""


def _two_ways(tmp_path: Path) -> Path:
    rows = [
        f"2026-11-{1 + n % 27:02d},{n % 11},Household,Web,the train was late\n" for n in range(67)
    ]
    rows += [f"2026-11-{1 + n % 27:02d},5,Household,Web,no ramp at all\n" for n in range(8)]
    rows += [f"2026-11-{1 + n % 27:02d},9,Household,Web,fine\n" for n in range(67)]
    write_month(
        tmp_path / "ws",
        {"meeting.yaml": MEETING.replace("2026-11", "2026-10"), "customer.yaml": OCTOBER},
        "2026-10",
    )
    month = write_month(
        tmp_path / "ws",
        {"meeting.yaml": MEETING, "customer.yaml": NOVEMBER, "operations.yaml": OPERATIONS},
    )
    (month / "export.csv").write_text(HEADER + "".join(rows), encoding="utf-8")
    return month


def test_a_typed_count_and_a_counted_one_are_not_compared(tmp_path):
    pack = prepare(_two_ways(tmp_path))
    themes = _table(pack, "customer", "Top improvement themes")
    rows = {r[1]: (r[2], r[3]) for r in themes.rows}
    assert rows["Punctuality"] == ("67", "not comparable")
    assert rows["Accessibility"] == ("8", "not comparable")
    assert rows["Cleanliness"] == ("30", "+10")  # typed both months: a change
    assert (
        "Punctuality, Accessibility: not comparable with October: counted by hand then, "
        "from comments now." in themes.caption
    )
    # the ranking puts a typed count beside counted ones: said where the top theme is named
    assert "Cleanliness typed by hand" in themes.caption
    assert themes.finding.startswith(
        "Punctuality is the top theme: 67 mentions, not comparable with October"
    )
    assert "typed and counted themes ranked together" in themes.finding
    assert "down 73" not in themes.finding
    cards = _cards(pack)
    card = cards["Punctuality"]
    assert "not comparable with October: counted by hand then, from comments now" in card.finding
    assert "down" not in card.finding and "new this month" not in card.finding
    assert card.improved is None
    assert "October 140 (typed by hand, not comparable)" in card.trend
    # Operations: the linked theme's mentions carry no change, and no "grew" verdict
    beside = _table(pack, "operations", "Service levels beside")
    assert beside.rows[0][3].startswith("67 (not comparable with October")
    assert "grew" not in beside.finding
    # the brief never lists them as improved
    customer = next(s for s in briefed(pack) if s.key == "customer")
    memo = brief(pack, customer)
    headings = [g.heading for p in memo.parts for g in p.items if hasattr(g, "themes")]
    assert "What improved" not in headings


def test_a_month_recounted_by_the_same_keywords_is_still_compared(tmp_path):
    month = _two_ways(tmp_path)
    october = month.parent / "2026-10"
    (october / "customer.yaml").write_text(
        OCTOBER.replace(
            "  counts: {promoters: 50, passives: 30, detractors: 20}", "  responses: export.csv"
        ),
        encoding="utf-8",
    )
    earlier = [f"2026-10-{1 + n % 27:02d},3,Household,Web,late again\n" for n in range(70)]
    (october / "export.csv").write_text(HEADER + "".join(earlier), encoding="utf-8")
    pack = prepare(month)
    rows = {r[1]: r[3] for r in _table(pack, "customer", "Top improvement themes").rows}
    assert rows["Punctuality"] == "−3"  # 67 now, 70 comments in October by the same keywords
    assert rows["Accessibility"] == "+8"
    assert "down 3 since October" in _cards(pack)["Punctuality"].finding


# --- 2. keywords in scripts that do not put spaces between words ------------------------------

UNSPACED = """\
nps:
  responses: export.csv
narratives:
  - {title: Wrong bill, customer: Mrs Jones, story: The bill was wrong., channel: Phone}
themes:
  - name: Billing accuracy
    keywords: ["账单", "請求書", "요금", "ค่าบริการ", bill]
  - name: App
    keywords: [app, "요그"]
"""


def test_keywords_in_scripts_without_spaces_match_inside_words(tmp_path):
    comments = [
        "账单错误",  # Chinese: no space after the keyword
        "請求書が間違っています",  # Japanese
        "这个账单 错误",
        "요금이 너무 비싸요",  # Korean: the particle 이 written onto the noun
        "ค่าบริการแพงมาก",  # Thai
        "billing page",  # Latin stays whole-word: "bill" is not in "billing"
        "요금 app",  # both themes
        "의외로 좋음",  # neither
        "요금",  # "요그" ends inside the syllable 금: not App
    ]
    rows = "".join(f"2026-11-{n + 1:02d},5,Household,Web,{c}\n" for n, c in enumerate(comments))
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": UNSPACED})
    (month / "export.csv").write_text(HEADER + rows, encoding="utf-8")
    pack = prepare(month)
    rows_shown = {r[1]: r[2] for r in _table(pack, "customer", "Top improvement themes").rows}
    assert rows_shown == {"Billing accuracy": "7", "App": "1"}


# --- 3. one segment or channel, spelt several ways --------------------------------------------

PLAIN = """\
nps:
  responses: export.csv
narratives:
  - {title: Wrong bill, customer: Mrs Jones, story: The bill was wrong., channel: Phone}
"""


def _breakdown(pack) -> dict[tuple[str, str], tuple[str, ...]]:
    table = _table(pack, "customer", "NPS by segment")
    return {(r[0], r[1]): r[2:] for r in table.rows}


def test_one_segment_or_channel_spelt_several_ways_is_one_row(tmp_path):
    spellings = [
        ("Pequena empresa", "Loja", 20),
        ("Pequena\u00a0empresa", "loja", 5),  # a non-breaking space
        ("Pequena  empresa", "LOJA", 4),  # two spaces
        ("Pequena\u200b empresa\u200b", "Loja", 3),  # zero-width spaces
        ("PEQUEÑA EMPRESA", "Loja", 1),  # case and accent, as themes are matched
        ("Grande empresa", "Online", 40),
    ]
    rows = "".join(
        f"2026-11-{1 + n % 28:02d},{n % 11},{segment},{channel},\n"
        for segment, channel, count in spellings
        for n in range(count)
    )
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": PLAIN})
    (month / "export.csv").write_text(HEADER + rows, encoding="utf-8")
    shown = _breakdown(prepare(month))
    assert set(shown) == {
        ("Segment", "Pequena empresa"),
        ("Segment", "Grande empresa"),
        ("Channel", "Loja"),
        ("Channel", "Online"),
    }
    assert shown[("Segment", "Pequena empresa")][0] == "33"
    assert shown[("Channel", "Loja")][0] == "33"


# --- 4. groups too small for a margin ---------------------------------------------------------


def test_a_tiny_group_has_no_margin_and_no_comparison(tmp_path):
    rows = [f"2026-11-{1 + n % 28:02d},{9 + n % 2},Household,Phone,\n" for n in range(60)]
    rows += ["2026-11-03,0,Household,Email,\n", "2026-11-04,0,Household,Email,\n"]
    rows += ["2026-11-05,7,Household,Post,\n"]  # a single passive
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": PLAIN})
    (month / "export.csv").write_text(HEADER + "".join(rows), encoding="utf-8")
    pack = prepare(month)
    shown = _breakdown(pack)
    assert shown[("Channel", "Email (small sample)")] == ("2", "−100", "–", "too few to compare")
    assert shown[("Channel", "Post (small sample)")] == ("1", "0", "–", "too few to compare")
    assert shown[("Channel", "Phone")][2].startswith("±")  # 60 answers: a margin
    table = _table(pack, "customer", "NPS by segment")
    assert "no margin and no comparison" in table.caption


# --- 5. complaint reasons matched across months as themes are ----------------------------------

REASONS = """\
nps:
  counts: {promoters: 50, passives: 30, detractors: 20}
narratives:
  - {title: Late again, customer: Mrs Jones, story: The train was late., channel: Phone}
complaints:
  total: 500
  reasons:
"""


def _charts(pack, key: str):
    from agenda.model import Chart

    section = next(s for s in pack.sections if s.key == key)
    return [b for b in section.blocks if isinstance(b, Chart)]


def test_a_reason_spelt_differently_last_month_is_the_same_reason(tmp_path):
    write_month(
        tmp_path / "ws",
        {
            "meeting.yaml": MEETING.replace("2026-11", "2026-10"),
            "customer.yaml": REASONS + "    Late running: 390\n    Dirty  carriages: 20\n",
        },
        "2026-10",
    )
    month = write_month(
        tmp_path / "ws",
        {
            "meeting.yaml": MEETING,
            "customer.yaml": REASONS + "    Late Running: 402\n    Dirty carriages: 25\n",
        },
    )
    pack = prepare(month)
    table = _table(pack, "customer", "Complaints by reason")
    rows = {r[0]: (r[1], r[3]) for r in table.rows}
    assert rows["Late Running"] == ("402", "+12")
    assert rows["Dirty carriages"] == ("25", "+5")
    assert "Late running" not in rows and "Dirty  carriages" not in rows
    (chart,) = [c for c in _charts(pack, "customer") if "Late Running" in c.categories]
    assert chart.categories[:2] == ("Late Running", "Dirty carriages")
    assert chart.series[1].values[:2] == (390.0, 20.0)


def test_one_reason_given_twice_in_a_month_is_refused_at_the_second(tmp_path):
    import pytest

    from agenda.errors import DataError

    customer = REASONS + "    Late running: 402\n    Billing: 3\n    late  running: 5\n"
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": customer})
    with pytest.raises(DataError) as caught:
        prepare(month)
    (problem,) = [p for p in caught.value.problems if "same reason" in p.message]
    assert problem.path.name == "customer.yaml"
    assert problem.line == customer.splitlines().index("    late  running: 5") + 1
    assert "'late  running' is the same reason as 'Late running'" in problem.message


# --- 6, 7. a currency that is not one; a percentage over 100 ----------------------------------

MONEY = """\
nps:
  counts: {promoters: 50, passives: 30, detractors: 20}
narratives:
  - {title: Late again, customer: Mrs Jones, story: The train was late., channel: Phone}
"""


def _refused(month: Path, stem: str) -> list:
    import pytest

    from agenda.errors import DataError

    with pytest.raises(DataError) as caught:
        prepare(month)
    return [p for p in caught.value.problems if p.path.stem == stem]


def test_a_currency_that_is_not_iso_4217_is_refused_with_a_suggestion(tmp_path):
    for typed in ("ERU", "EURO"):
        finance = (
            f"# finance\ncurrency: {typed}\nmetrics:\n  - {{name: Revenue, actual: 2380500.75}}\n"
        )
        month = write_month(
            tmp_path / typed,
            {"meeting.yaml": MEETING, "customer.yaml": MONEY, "finance.yaml": finance},
        )
        (problem,) = _refused(month, "finance")
        assert problem.line == 2
        assert f"'{typed}' is not an ISO 4217 currency code" in problem.message
        assert "did you mean 'EUR'?" in problem.message
    sales = "currency: chf\npipeline: {value: 1000}\n"  # a real code in any case: read as CHF
    month = write_month(
        tmp_path / "ok",
        {"meeting.yaml": MEETING, "customer.yaml": MONEY, "sales.yaml": sales},
    )
    section = next(s for s in prepare(month).sections if s.key == "sales")
    assert "1,000 CHF" in repr(section.blocks) and "chf" not in repr(section.blocks)


def test_an_sla_in_percent_over_100_is_refused_at_its_figure(tmp_path):
    operations = (
        "slas:\n"
        "  - name: Calls answered in 60 s\n"
        "    target: 90\n"
        "    actual: 928\n"
        "    unit: '%'\n"
        "  - {name: Bills right first time, target: '-5%', actual: '97.5%'}\n"
        "  - {name: Days to resolve, target: 5, actual: 928, unit: days}\n"  # not a percentage
    )
    month = write_month(
        tmp_path / "ws",
        {"meeting.yaml": MEETING, "customer.yaml": MONEY, "operations.yaml": operations},
    )
    problems = _refused(month, "operations")
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (4, "slas[0].actual"),
        (6, "slas[1].target"),
    ]
    assert "928% is not a percentage of cases (0–100)" in problems[0].message


# --- 8. an action both overdue and blocked, named once ----------------------------------------


def test_an_action_overdue_and_blocked_is_named_once_in_the_question(tmp_path):
    actions = (
        "actions:\n"
        "  - {id: A-1, title: One, owner: Ann Lee, due: 2026-10-02, status: open,"
        " section: operations}\n"
        "  - {id: A-3, title: Three, owner: Ann Lee, due: 2026-10-01, status: blocked,"
        " section: operations}\n"
    )
    month = write_month(
        tmp_path / "ws",
        {"meeting.yaml": MEETING, "customer.yaml": MONEY, "actions.yaml": actions},
    )
    slots = {s.key: s for s in prepare(month).agenda}
    assert slots["actions"].focus == "What would unblock A-3 (blocked, overdue) and A-1 (overdue)?"
