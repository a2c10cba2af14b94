"""Caps on slides, the rest in the Word pack (issue 13): the deck shows the top 5 improvement
themes, 6 verbatims and 8 complaint bars (the 7 largest reasons and one "Other" adding up the
rest), each saying how many more the Word pack has; the Word pack keeps everything.

Each test builds a month through the command line and reads the .pptx and .docx as a reader
would: the rows of each table, the categories and values of each chart, and the captions.
"""

from __future__ import annotations

import zipfile

import pytest
import yaml
from conftest import MEETING, docx_items, slides, write_month
from docx import Document
from lxml import etree
from pptx import Presentation

from agenda.model import Quote
from agenda.order import DECK_REASONS, DECK_THEMES, DECK_VERBATIMS
from agenda.pipeline import prepare

MORE = "more in the Word pack"
CHANNELS = ("Phone", "Email", "Web chat", "App")
#: Scores that cycle through complaints (0–6), praise (9–10) and neither (7–8).
SCORES = (2, 10, 4, 9, 1, 7, 3, 0, 10, 8)


def _customer(
    themes: int = 3,
    verbatims: int = 2,
    reasons: dict[str, int] | None = None,
    total: int | None = None,
    previous: int | None = None,
) -> str:
    data: dict[str, object] = {
        "nps": {"counts": {"promoters": 50, "passives": 30, "detractors": 20}},
        "narratives": [
            {
                "title": "Three weeks for a refund",
                "customer": "Mrs Jones",
                "story": "She waited.",
                "channel": "Phone",
            }
        ],
        "verbatims": [
            {
                "text": f"Verbatim {n:02d} about the account.",
                "score": SCORES[(n - 1) % len(SCORES)],
                "channel": CHANNELS[(n - 1) % len(CHANNELS)],
            }
            for n in range(1, verbatims + 1)
        ],
        "themes": [
            {"name": f"Theme {n:02d}", "mentions": 100 - 3 * n, "previous": 90 - 3 * n}
            for n in range(1, themes + 1)
        ],
    }
    if reasons is not None:
        complaints: dict[str, object] = {
            "total": total if total is not None else sum(reasons.values()),
            "reasons": reasons,
        }
        if previous is not None:
            complaints["previous"] = previous
        data["complaints"] = complaints
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def _reasons(count: int, start: int = 100, step: int = 7) -> dict[str, int]:
    """``count`` reasons, "Reason 01" the largest, each ``step`` fewer than the one before."""
    return {f"Reason {n:02d}": start - step * (n - 1) for n in range(1, count + 1)}


def _build(tmp_path, run_cli, customer: str, earlier: str | None = None):
    ws = tmp_path / "ws"
    if earlier is not None:
        write_month(
            ws,
            {"meeting.yaml": MEETING.replace("2026-11", "2026-10"), "customer.yaml": earlier},
            name="2026-10",
        )
    month = write_month(ws, {"meeting.yaml": MEETING, "customer.yaml": customer})
    out = tmp_path / "out"
    result = run_cli("build", month, "--out", out)
    assert result.exit_code == 0, result.output
    stem = out / "acme-water-2026-11-leadership-pack"
    return month, stem.with_suffix(".docx"), stem.with_suffix(".pptx")


# --- readers ---------------------------------------------------------------------------------


def _deck_table(pptx, header: tuple[str, ...]) -> tuple[list[list[str]], str]:
    """The body rows of the deck's table headed ``header`` (across every slide it takes),
    and all the other text of those slides (title, captions)."""
    rows: list[list[str]] = []
    said: list[str] = []
    for slide in Presentation(str(pptx)).slides:
        for shape in slide.shapes:
            if not shape.has_table:
                continue
            cells = [[c.text for c in row.cells] for row in shape.table.rows]
            if tuple(cells[0][: len(header)]) == header:
                rows += cells[1:]
                said += [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    assert rows, f"no deck table headed {header}"
    return rows, "\n".join(said)


def _word_table(docx, header: tuple[str, ...]) -> list[list[str]]:
    """The body rows of every Word table headed ``header`` (one, checked)."""
    found = [
        [[c.text for c in row.cells] for row in t.rows]
        for t in Document(str(docx)).tables
        if tuple(c.text for c in t.rows[0].cells[: len(header)]) == header
    ]
    assert len(found) == 1, f"{len(found)} Word tables headed {header}"
    return found[0][1:]


def _deck_chart(pptx, first: str):
    """The deck's bar chart whose first category is ``first``, and its slide's text."""
    found = []
    for slide in Presentation(str(pptx)).slides:
        for shape in slide.shapes:
            if shape.has_chart and shape.chart.plots[0].categories[0] == first:
                texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
                found.append((shape.chart, "\n".join(texts)))
    assert len(found) == 1, f"{len(found)} deck charts start with {first!r}"
    return found[0]


C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def _word_charts(docx) -> list[tuple[list[str], dict[str, list[float | None]]]]:
    """Every chart of the Word pack: its categories and each series' values by name."""
    charts = []
    with zipfile.ZipFile(docx) as z:
        for name in sorted(n for n in z.namelist() if n.startswith("word/charts/chart")):
            root = etree.fromstring(z.read(name))
            series = root.findall(f".//{C}ser")
            categories = [v.text for v in series[0].find(f"{C}cat").iter(f"{C}v")]
            values: dict[str, list[float | None]] = {}
            for ser in series:
                title = "".join(v.text for v in ser.find(f"{C}tx").iter(f"{C}v"))
                points = {
                    int(pt.get("idx")): float(pt.find(f"{C}v").text)
                    for pt in ser.find(f"{C}val").iter(f"{C}pt")
                }
                values[title] = [points.get(i) for i in range(len(categories))]
            charts.append((categories, values))
    return charts


def _word_complaints_chart(docx, first: str):
    found = [c for c in _word_charts(docx) if c[0][0] == first]
    assert len(found) == 1, f"{len(found)} Word charts start with {first!r}"
    return found[0]


def _deck_text(pptx) -> str:
    return "\n".join(" ".join(v.texts) for v in slides(pptx))


def _word_text(docx) -> str:
    return "\n".join(i.text for i in docx_items(docx))


# --- themes ----------------------------------------------------------------------------------

THEMES = ("#", "Theme", "Mentions")


def test_twelve_themes_show_five_on_the_slide_and_twelve_in_the_word_pack(tmp_path, run_cli):
    _, docx, pptx = _build(tmp_path, run_cli, _customer(themes=12))
    rows, said = _deck_table(pptx, THEMES)
    assert [r[1] for r in rows] == [f"Theme {n:02d}" for n in range(1, 6)]
    assert "7 more in the Word pack." in said
    word = _word_table(docx, THEMES)
    assert [r[1] for r in word] == [f"Theme {n:02d}" for n in range(1, 13)]
    assert MORE not in _word_text(docx)


@pytest.mark.parametrize(
    ("themes", "shown", "more"),
    [(DECK_THEMES - 1, 4, None), (DECK_THEMES, 5, None), (DECK_THEMES + 1, 5, "1 more")],
)
def test_themes_at_and_around_the_cap(tmp_path, run_cli, themes, shown, more):
    _, docx, pptx = _build(tmp_path, run_cli, _customer(themes=themes))
    rows, said = _deck_table(pptx, THEMES)
    assert len(rows) == shown
    assert len(_word_table(docx, THEMES)) == themes
    if more is None:
        assert MORE not in _deck_text(pptx)
    else:
        assert f"{more} in the Word pack." in said
        assert "1 more in the Word pack." in said  # singular reads right: no "1 mores"


def test_the_capped_themes_slide_keeps_the_word_packs_finding(tmp_path, run_cli):
    _, docx, pptx = _build(tmp_path, run_cli, _customer(themes=12))
    items = docx_items(docx)
    at = next(n for n, i in enumerate(items) if i.text == "Top improvement themes")
    finding = items[at + 1].text
    assert finding.startswith("Theme 01 is the top theme: 97 mentions")
    assert any(v.title == finding and v.has_table for v in slides(pptx))


# --- verbatims -------------------------------------------------------------------------------

VERBATIMS = ("Channel", "What the customer said", "Score")


def test_twenty_verbatims_show_six_on_the_slide_and_twenty_in_the_word_pack(tmp_path, run_cli):
    _, docx, pptx = _build(tmp_path, run_cli, _customer(verbatims=20))
    rows, said = _deck_table(pptx, VERBATIMS)
    assert len(rows) == DECK_VERBATIMS
    assert "14 more in the Word pack." in said
    word = _word_table(docx, VERBATIMS)
    assert len(word) == 20
    # the slide's rows are rows of the Word table, in its order (by channel)
    assert [r for r in word if r in rows] == rows
    # the slide's title is the Word pack's finding, true of all twenty
    finding = "20 verbatims: 10 from detractors, 6 from promoters"
    assert finding in _word_text(docx)
    assert any(v.title == finding and v.has_table for v in slides(pptx))


def test_the_six_verbatims_are_in_proportion_and_add_to_the_quotes(tmp_path, run_cli):
    month, _, pptx = _build(tmp_path, run_cli, _customer(verbatims=20))
    rows, _ = _deck_table(pptx, VERBATIMS)
    scores = [int(r[2]) for r in rows]
    # 10 complaints, 6 praise, 4 neither of 20: seats 3, 2 and 1 of 6
    assert sum(s <= 6 for s in scores) == 3
    assert sum(s >= 9 for s in scores) == 2
    assert sum(s in (7, 8) for s in scores) == 1
    quoted = {b.text for b in prepare(month).sections[0].blocks if isinstance(b, Quote)}
    assert quoted and not quoted & {r[1] for r in rows}  # voices the quotes do not repeat


def test_a_month_of_nearly_all_complaints_still_shows_its_praise(tmp_path, run_cli):
    customer = yaml.safe_load(_customer(verbatims=0))
    customer["verbatims"] = [
        {"text": f"Complaint {n:02d}.", "score": 1, "channel": "Email"} for n in range(1, 19)
    ] + [{"text": "Praise, the only one.", "score": 10, "channel": "Phone"}]
    _, _, pptx = _build(tmp_path, run_cli, yaml.safe_dump(customer))
    rows, said = _deck_table(pptx, VERBATIMS)
    assert len(rows) == 6
    assert [r[1] for r in rows].count("Praise, the only one.") == 1
    assert "13 more in the Word pack." in said


@pytest.mark.parametrize(
    ("count", "shown", "more"),
    [(DECK_VERBATIMS, 6, None), (DECK_VERBATIMS + 1, 6, "1 more")],
)
def test_verbatims_at_and_around_the_cap(tmp_path, run_cli, count, shown, more):
    _, docx, pptx = _build(tmp_path, run_cli, _customer(verbatims=count))
    rows, said = _deck_table(pptx, VERBATIMS)
    assert len(rows) == shown
    assert len(_word_table(docx, VERBATIMS)) == count
    if more is None:
        assert MORE not in _deck_text(pptx)
    else:
        assert f"{more} in the Word pack." in said


# --- complaint reasons -----------------------------------------------------------------------


def test_twelve_reasons_make_seven_bars_and_other_on_the_slide(tmp_path, run_cli):
    reasons = _reasons(12)  # 100, 93, … 23
    earlier = _customer(reasons={**_reasons(12, start=90, step=6)})
    _, docx, pptx = _build(tmp_path, run_cli, _customer(reasons=reasons), earlier)
    chart, said = _deck_chart(pptx, "Reason 01")
    plot = chart.plots[0]
    assert len(plot.categories) == DECK_REASONS
    assert list(plot.categories) == [*(f"Reason {n:02d}" for n in range(1, 8)), "Other"]
    now = {s.name: s.values for s in plot.series}["November 2026"]
    then = {s.name: s.values for s in plot.series}["October 2026"]
    assert now[-1] == sum(list(reasons.values())[7:]) == 23 + 30 + 37 + 44 + 51
    assert then[-1] == sum(list(_reasons(12, start=90, step=6).values())[7:])
    assert "“Other” adds up 5 more reasons (185 complaints); the Word pack shows each." in said
    # the Word pack: the same bars (a chart of every reason is unreadable), every reason in
    # the table beneath it, which its caption points to
    categories, values = _word_complaints_chart(docx, "Reason 01")
    assert categories == list(plot.categories)
    assert values["November 2026"] == list(now)
    assert [r[0] for r in _word_table(docx, ("Reason", "Complaints"))] == list(reasons)
    word = _word_text(docx)
    assert "“Other” adds up 5 more reasons (185 complaints); the table below shows each." in word
    assert MORE not in word and "the Word pack shows each" not in word


def test_the_other_bar_adds_up_to_the_bars_it_replaces_in_every_series(tmp_path, run_cli):
    reasons = _reasons(11, start=60, step=5)
    earlier = {"Reason 01": 40, "Reason 09": 12, "Reason 11": 3, "Gone since": 9}
    _, docx, pptx = _build(
        tmp_path,
        run_cli,
        _customer(reasons=reasons, total=sum(reasons.values()) + 4),
        _customer(reasons=earlier, total=70),
    )
    full_categories, full = _word_complaints_chart(docx, "Reason 01")
    chart, _ = _deck_chart(pptx, "Reason 01")
    categories = list(chart.plots[0].categories)
    assert categories[-1] == "Other" and len(categories) == DECK_REASONS
    replaced = [c for c in full_categories if c not in categories[:-1]]
    for series in chart.plots[0].series:
        values = dict(zip(full_categories, full[series.name], strict=True))
        kept = [values[c] for c in categories[:-1]]
        assert list(series.values[:-1]) == kept
        known = [values[c] for c in replaced if values[c] is not None]
        assert series.values[-1] == (sum(known) if known else None), series.name
        # every complaint drawn in the Word pack is drawn on the slide, none twice
        assert sum(v or 0 for v in series.values) == sum(v or 0 for v in values.values())


def test_uncategorised_keeps_its_own_bar_when_among_the_largest(tmp_path, run_cli):
    reasons = _reasons(10, start=50, step=4)  # 50 … 14
    _, docx, pptx = _build(
        tmp_path, run_cli, _customer(reasons=reasons, total=sum(reasons.values()) + 45)
    )
    chart, said = _deck_chart(pptx, "Reason 01")
    categories = list(chart.plots[0].categories)
    assert categories == [*(f"Reason {n:02d}" for n in range(1, 7)), "Uncategorised", "Other"]
    now = chart.plots[0].series[0].values
    assert now[-2] == 45 and now[-1] == 26 + 22 + 18 + 14
    assert "“Other” adds up 4 more reasons (80 complaints)" in said
    assert _word_complaints_chart(docx, "Reason 01")[0] == categories
    assert len(_word_table(docx, ("Reason", "Complaints"))) == 11  # 10 and Uncategorised


def test_uncategorised_summed_into_other_is_named_under_the_chart(tmp_path, run_cli):
    reasons = _reasons(10, start=50, step=4)
    _, _, pptx = _build(
        tmp_path, run_cli, _customer(reasons=reasons, total=sum(reasons.values()) + 2)
    )
    chart, said = _deck_chart(pptx, "Reason 01")
    assert "Uncategorised" not in chart.plots[0].categories
    assert chart.plots[0].series[0].values[-1] == 22 + 18 + 14 + 2
    assert "“Other” adds up 3 more reasons and Uncategorised (56 complaints)" in said
    assert "2 were given no reason (Uncategorised)" in said


def test_a_reason_named_other_keeps_its_own_bar_beside_all_other_reasons(tmp_path, run_cli):
    """A month's own "Other" is a reason like any other: never summed with the rest, so a
    finding naming it ("Other is the top complaint reason: 200") matches its bar."""
    reasons = {**_reasons(9, start=90, step=8), "Other": 60}
    _, docx, pptx = _build(tmp_path, run_cli, _customer(reasons=reasons))
    chart, said = _deck_chart(pptx, "Reason 01")
    categories = list(chart.plots[0].categories)
    assert categories[-1] == "All other reasons" and len(categories) == DECK_REASONS
    # 90, 82, 74, 66, Other 60, 58, 50 kept in the Word pack's order; 42 + 34 + 26 summed
    expected = ["Reason 01", "Reason 02", "Reason 03", "Reason 04", "Other"]
    assert categories[:-1] == [*expected, "Reason 05", "Reason 06"]
    assert chart.plots[0].series[0].values[-1] == 42 + 34 + 26
    assert "“All other reasons” adds up 3 more reasons (102 complaints)" in said
    assert "Other" in _word_complaints_chart(docx, "Reason 01")[0]
    top = {"Other": 200, **_reasons(9, start=90, step=8)}
    _, _, pptx = _build(tmp_path / "top", run_cli, _customer(reasons=top))
    chart, said = _deck_chart(pptx, "Other")
    assert "Other is the top complaint reason: 200" in said
    values = dict(zip(chart.plots[0].categories, chart.plots[0].series[0].values, strict=True))
    assert values["Other"] == 200 and values["All other reasons"] == 42 + 34 + 26


@pytest.mark.parametrize(
    ("count", "bars", "other"),
    [(DECK_REASONS, DECK_REASONS, None), (DECK_REASONS + 1, DECK_REASONS, 51 + 44)],
)
def test_reasons_at_and_around_the_cap(tmp_path, run_cli, count, bars, other):
    reasons = _reasons(count)
    _, docx, pptx = _build(tmp_path, run_cli, _customer(reasons=reasons))
    chart, said = _deck_chart(pptx, "Reason 01")
    categories = list(chart.plots[0].categories)
    assert len(categories) == bars
    assert _word_complaints_chart(docx, "Reason 01")[0] == categories  # the same bars
    assert len(_word_table(docx, ("Reason", "Complaints"))) == count  # every reason
    if other is None:
        assert categories == list(reasons)
        assert "Word pack" not in said
    else:
        assert categories[-1] == "Other"
        assert chart.plots[0].series[0].values[-1] == other
        assert "“Other” adds up 2 more reasons (95 complaints)" in said


# --- under the caps nothing changes ----------------------------------------------------------


def test_under_every_cap_each_block_is_shared_and_nothing_says_more(tmp_path, run_cli):
    customer = _customer(themes=DECK_THEMES, verbatims=DECK_VERBATIMS, reasons=_reasons(8))
    month, docx, pptx = _build(tmp_path, run_cli, customer)
    blocks = prepare(month).sections[0].blocks
    assert all(getattr(b, "word", True) for b in blocks)  # no deck-only copy
    off_deck = [b.title for b in blocks if not getattr(b, "deck", True)]
    assert off_deck == ["Complaints by reason, with change"]  # as before: the chart shows it
    assert MORE not in _deck_text(pptx) and MORE not in _word_text(docx)


def test_over_every_cap_each_list_is_once_in_each_file(tmp_path, run_cli):
    customer = _customer(themes=12, verbatims=20, reasons=_reasons(12))
    month, docx, pptx = _build(tmp_path, run_cli, customer)
    blocks = prepare(month).sections[0].blocks
    titles = ["Top improvement themes", "Verbatims by channel", "Complaints by reason"]
    for title in titles:
        copies = [b for b in blocks if getattr(b, "title", "") == title]
        assert [(b.deck, b.word) for b in copies] == [(False, True), (True, False)], title
    headings = [i.text for i in docx_items(docx) if i.style == "Heading 2"]
    assert all(headings.count(t) == 1 for t in titles), headings
    deck = slides(pptx)
    assert sum(v.has_chart and "Reason 01" in v.title for v in deck) == 1
    assert sum(" ".join(v.texts).count(MORE) for v in deck) == 2  # themes and verbatims
    assert _deck_text(pptx).count("the Word pack shows each") == 1  # the complaints chart


def test_the_sample_deck_caps_themes_and_verbatims_and_keeps_the_word_pack(built_sample):
    rows, said = _deck_table(built_sample.pptx, THEMES)
    assert len(rows) == 5 and "1 more in the Word pack." in said
    assert len(_word_table(built_sample.docx, THEMES)) == 6
    rows, said = _deck_table(built_sample.pptx, VERBATIMS)
    assert len(rows) == 6 and "6 more in the Word pack." in said
    assert len(_word_table(built_sample.docx, VERBATIMS)) == 12
    # seven reasons: under the cap, the deck's chart is the Word pack's
    chart, said = _deck_chart(built_sample.pptx, "Billing error or estimated bill")
    assert len(chart.plots[0].categories) == 7 and "Word pack" not in said
