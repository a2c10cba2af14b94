"""Voice of the customer: honest NPS, trends with gaps, themes, framing and native charts."""

from __future__ import annotations

import math
import zipfile

import pytest
from conftest import CUSTOMER, MEETING, docx_items, section_items, write_month
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from agenda.model import Chart, Figures, Note, Table
from agenda.nps import Nps
from agenda.pipeline import prepare


def _counts(p: int, pa: int, d: int) -> str:
    return CUSTOMER.replace(
        "promoters: 50, passives: 30, detractors: 20",
        f"promoters: {p}, passives: {pa}, detractors: {d}",
    )


def _month(root, period: str, customer: str):
    meeting = MEETING.replace("2026-11", period)
    return write_month(root, {"meeting.yaml": meeting, "customer.yaml": customer}, name=period)


def _customer_blocks(pack):
    return next(s for s in pack.sections if s.key == "customer").blocks


def test_one_answer_is_plus_or_minus_100_with_a_small_sample_caution(tmp_path):
    assert Nps(1, 0, 0).score == 100.0 and Nps(0, 0, 1).score == -100.0
    month = _month(tmp_path / "ws", "2026-11", _counts(0, 0, 1))
    blocks = _customer_blocks(prepare(month))
    cautions = [b.text for b in blocks if isinstance(b, Note) and b.kind == "caution"]
    assert cautions == [
        "Small sample: only 1 answer (fewer than 30). Read the score as a pointer, not a verdict."
    ]


def test_a_survey_export_with_no_answers_builds_and_says_so(tmp_path, run_cli):
    customer = CUSTOMER.replace(
        "counts: {promoters: 50, passives: 30, detractors: 20}", "responses: responses.csv"
    )
    month = _month(tmp_path / "ws", "2026-11", customer)
    (month / "responses.csv").write_text("date,score\n2026-11-02,\n")
    out = tmp_path / "out"
    assert run_cli("build", month, "--out", out).exit_code == 0
    texts = [
        i.text for i in section_items(out / "acme-water-2026-11-leadership-pack.docx", "Customer")
    ]
    assert any("No answers" in t for t in texts)
    appendix = section_items(
        out / "acme-water-2026-11-leadership-pack.docx", "Appendix: sources and method"
    )
    assert "Blank scores skipped: 1" in [i.text for i in appendix]


def test_change_within_the_combined_margin_is_called_noise(tmp_path):
    # October +30 (n=100), November +26 (n=100): change −4; margins 15.31 and 15.09 → ±21.49
    _month(tmp_path / "ws", "2026-10", _counts(50, 30, 20))
    month = _month(tmp_path / "ws", "2026-11", _counts(46, 34, 20))
    blocks = _customer_blocks(prepare(month))
    figures = next(b for b in blocks if isinstance(b, Figures))
    expected = math.hypot(Nps(50, 30, 20).margin, Nps(46, 34, 20).margin)
    assert f"±{expected:.1f} for the change" in figures.speaker_notes[1]
    cautions = [b.text for b in blocks if isinstance(b, Note) and b.kind == "caution"]
    assert cautions == [
        "The change of −4 is within the margin of error (±21): it may be noise rather than a "
        "real shift."
    ]


def test_change_beyond_the_margin_is_not_called_noise(tmp_path):
    _month(tmp_path / "ws", "2026-10", _counts(600, 300, 100))  # +50, n=1000
    month = _month(tmp_path / "ws", "2026-11", _counts(400, 300, 300))  # +10, n=1000
    pack = prepare(month)
    blocks = _customer_blocks(pack)
    assert not [b for b in blocks if isinstance(b, Note) and b.kind == "caution"]
    nps = next(b for b in blocks if isinstance(b, Figures)).items[0]
    assert nps.value == "+10" and "−40 since October (beyond the margin of error) ·" in nps.detail


def test_trend_shows_a_missing_month_as_a_gap(tmp_path, run_cli):
    _month(tmp_path / "ws", "2026-08", _counts(60, 30, 10))  # +50
    _month(tmp_path / "ws", "2026-10", _counts(50, 30, 20))  # +30; September is missing
    month = _month(tmp_path / "ws", "2026-11", _counts(40, 30, 30))  # +10
    trend = next(b for b in _customer_blocks(prepare(month)) if isinstance(b, Chart))
    assert trend.categories == ("Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026")
    assert trend.series[0].values == (50.0, None, 30.0, 10.0)
    assert (
        trend.caption == "No usable survey data for September 2026: shown as a gap, not estimated."
    )

    out = tmp_path / "out"
    assert run_cli("build", month, "--out", out).exit_code == 0
    prs = Presentation(str(out / "acme-water-2026-11-leadership-pack.pptx"))
    chart = next(s.chart for slide in prs.slides for s in slide.shapes if s.has_chart)
    assert chart.chart_type in (XL_CHART_TYPE.LINE, XL_CHART_TYPE.LINE_MARKERS)
    assert tuple(chart.plots[0].categories) == trend.categories
    assert chart.plots[0].series[0].values == (50.0, None, 30.0, 10.0)
    assert 'dispBlanksAs val="gap"' in chart._chartSpace.xml


def test_trend_covers_at_most_twelve_months(tmp_path):
    for n in range(1, 13):
        _month(tmp_path / "ws", f"2025-{n:02d}", _counts(50, 30, 20))
    for n in range(1, 11):
        _month(tmp_path / "ws", f"2026-{n:02d}", _counts(50, 30, 20))
    month = _month(tmp_path / "ws", "2026-11", _counts(50, 30, 20))
    trend = next(b for b in _customer_blocks(prepare(month)) if isinstance(b, Chart))
    assert len(trend.categories) == 12
    assert trend.categories[0] == "Dec 2025" and trend.categories[-1] == "Nov 2026"


def test_themes_rank_by_mentions_then_name_with_change_from_last_month(tmp_path):
    earlier = _counts(50, 30, 20) + "themes:\n  - {name: Billing, mentions: 10}\n"
    _month(tmp_path / "ws", "2026-10", earlier)
    customer = _counts(50, 30, 20) + (
        "themes:\n"
        "  - {name: Waiting, mentions: 12, previous: 15}\n"
        "  - {name: Billing, mentions: 20}\n"
        "  - {name: App, mentions: 12}\n"
    )
    month = _month(tmp_path / "ws", "2026-11", customer)
    table = next(
        b
        for b in _customer_blocks(prepare(month))
        if isinstance(b, Table) and b.title == "Top improvement themes"
    )
    assert table.rows == (
        ("1", "Billing", "20", "+10"),  # change from October's file
        ("2", "App", "12", "new"),
        ("3", "Waiting", "12", "−3"),  # change from its own `previous`
    )


def test_nps_is_neutral_by_default_and_judged_against_target_on_request(tmp_path, run_cli):
    customer = _counts(30, 30, 40).replace("nps:\n", "nps:\n  target: 20\n")
    month = _month(tmp_path / "ws", "2026-11", customer)
    neutral = next(b for b in _customer_blocks(prepare(month)) if isinstance(b, Figures))
    assert neutral.items[0].status is None
    judged = next(
        b for b in _customer_blocks(prepare(month, nps_framing="target")) if isinstance(b, Figures)
    )
    assert judged.items[0].status == "Off track"

    out = tmp_path / "out"
    assert run_cli("build", month, "--out", out).exit_code == 0
    text = " ".join(
        i.text for i in section_items(out / "acme-water-2026-11-leadership-pack.docx", "Customer")
    )
    assert "Off track" not in text and "On track" not in text
    assert run_cli("build", month, "--out", out, "--nps-framing", "target").exit_code == 0
    text = " ".join(
        i.text for i in section_items(out / "acme-water-2026-11-leadership-pack.docx", "Customer")
    )
    assert "Off track" in text and "target +20" in text


def test_target_framing_in_meeting_file_without_a_target_warns_and_stays_neutral(tmp_path, run_cli):
    meeting = MEETING + "nps_framing: target\n"
    month = write_month(tmp_path / "ws", {"meeting.yaml": meeting, "customer.yaml": CUSTOMER})
    result = run_cli("build", month, "--out", tmp_path / "out")
    assert result.exit_code == 0
    assert (
        "customer.yaml:2:3: warning: nps_framing is 'target' but customer.yaml gives no nps.target"
        in result.stderr
    )


def test_sample_deck_has_native_nps_trend_share_and_complaints_charts(built_sample):
    prs = Presentation(str(built_sample.pptx))
    charts = {}
    for slide in prs.slides:
        shapes = list(slide.shapes)
        drawn = [s for s in shapes if s.has_chart]
        for shape in drawn:
            # its point: the slide's title, or the heading right above it beside other charts
            heading = [
                s.text_frame.text
                for s in shapes
                if len(drawn) > 1
                and s.has_text_frame
                and s.left == shape.left
                and s.top + s.height == shape.top
            ]
            point = heading[0] if heading else slide.shapes.title.text
            charts[point] = (shape, slide)
    trend_title = "NPS fell from +18 to +4 over three months"
    share_title = "34% promoters and 30% detractors, from 37% and 25% in October"
    bars_title = (
        "Billing error or estimated bill is the top complaint reason: 117, up 25 since October"
    )
    assert set(charts) == {trend_title, share_title, bars_title}  # each title states its point
    trend, slide = charts[trend_title]
    assert trend.chart.chart_type in (XL_CHART_TYPE.LINE, XL_CHART_TYPE.LINE_MARKERS)
    assert [s.name for s in trend.chart.plots[0].series] == ["NPS", "Target"]
    assert trend.chart.plots[0].series[0].values == (18.0, 12.0, 3.8)
    assert "Line chart of NPS by month" in trend._element.nvGraphicFramePr.cNvPr.get("descr")
    assert "What the chart shows:" in slide.notes_slide.notes_text_frame.text
    share, _ = charts[share_title]
    assert share.chart.chart_type == XL_CHART_TYPE.BAR_STACKED
    assert [s.name for s in share.chart.plots[0].series] == ["Promoters", "Passives", "Detractors"]
    promoters = share.chart.plots[0].series[0]
    assert promoters.data_labels.show_value  # its own (white) labels must still show values
    assert share.chart.value_axis.maximum_scale == 100
    bars, _ = charts[bars_title]
    assert bars.chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    # legends name months one way: "November 2026" beside "October 2026", not "This month"
    assert [s.name for s in bars.chart.plots[0].series] == ["November 2026", "October 2026"]


def test_nps_slide_notes_give_the_margin_of_error(built_sample):
    prs = Presentation(str(built_sample.pptx))
    slide = next(
        s
        for s in prs.slides
        if s.shapes.title.text == "NPS +4, down 8 since October: within the margin of error"
    )
    notes = slide.notes_slide.notes_text_frame.text
    assert "95% margin of error ±" in notes
    assert "from 416 answers" in notes


def test_word_pack_embeds_native_editable_charts_with_alt_text(built_sample):
    with zipfile.ZipFile(built_sample.docx) as z:
        names = z.namelist()
        charts = sorted(n for n in names if n.startswith("word/charts/chart"))
        assert charts == [
            "word/charts/chart1.xml",
            "word/charts/chart2.xml",
            "word/charts/chart3.xml",
        ]
        assert len([n for n in names if n.startswith("word/embeddings/")]) == 3
        document = z.read("word/document.xml").decode()
        assert document.count("<c:chart ") == 3
        assert 'descr="Line chart of NPS by month: September 2026 +18' in document
        types = z.read("[Content_Types].xml").decode()
        assert "drawingml.chart+xml" in types
    headings = [i.text for i in docx_items(built_sample.docx) if i.style == "Heading 2"]
    assert headings.index("NPS over the last 3 months") > headings.index("How customers score us")


@pytest.mark.parametrize("framing", ["neutral"])
def test_no_red_or_green_on_nps_in_neutral_framing(built_sample, framing):
    prs = Presentation(str(built_sample.pptx))
    slide = next(
        s
        for s in prs.slides
        if s.shapes.title.text == "NPS +4, down 8 since October: within the margin of error"
    )
    text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert "On track" not in text and "Off track" not in text and "At risk" not in text


def test_trend_month_labels_sit_below_the_plot_even_when_nps_is_negative(tmp_path, run_cli):
    from pptx import Presentation
    from pptx.enum.chart import XL_TICK_LABEL_POSITION

    october = _month(tmp_path / "ws", "2026-10", _counts(20, 30, 50))
    _month(tmp_path / "ws", "2026-11", _counts(25, 30, 45))
    out = tmp_path / "out"
    assert run_cli("build", october.parent / "2026-11", "--out", out).exit_code == 0
    prs = Presentation(str(out / "acme-water-2026-11-leadership-pack.pptx"))
    charts = [s.chart for slide in prs.slides for s in slide.shapes if s.has_chart]
    trend = next(c for c in charts if c.chart_type is not None and "LINE" in str(c.chart_type))
    assert trend.category_axis.tick_label_position == XL_TICK_LABEL_POSITION.LOW
