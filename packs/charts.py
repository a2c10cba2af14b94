"""Native, editable charts for both formats, built and styled once with python-pptx's chart API.

The deck adds them with ``shapes.add_chart``; the Word pack embeds the same chart XML (and its
workbook, so the data stays editable) as a chart part. NPS charts use a neutral palette: no red
or green, as the domain advice asks.
"""

from __future__ import annotations

from pptx.chart.chart import Chart as PptxChart
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
)
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.util import Pt

from agenda.model import Chart
from packs._drawingml import chart_part_xml, detached_chart
from packs.theme import Palette

KINDS = {
    "trend": XL_CHART_TYPE.LINE_MARKERS,
    "share": XL_CHART_TYPE.BAR_STACKED,  # shares already in per cent, so the axis reads 0–100
    "bars": XL_CHART_TYPE.BAR_CLUSTERED,
}


def chart_data(chart: Chart) -> CategoryChartData:
    """The chart's categories and series as python-pptx chart data (``None`` stays a gap)."""
    data = CategoryChartData(number_format=chart.number_format)
    data.categories = chart.categories
    for series in chart.series:
        data.add_series(series.name, series.values)
    return data


def style(chart: PptxChart, spec: Chart, palette: Palette, *, font_pt: int = 12) -> None:
    """Apply the pack's look: the theme's accent, neutral companions, a legend, readable labels."""
    colours = palette.series_colours([s.target for s in spec.series])
    chart.font.size = Pt(font_pt)
    chart.has_legend = len(spec.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    plot = chart.plots[0]
    for n, series in enumerate(plot.series):
        colour = RGBColor.from_string(colours[n])
        if spec.kind == "trend":
            series.format.line.color.rgb = colour
            series.format.line.width = Pt(1.5 if spec.series[n].target else 2.5)
            series.smooth = False
            if spec.series[n].target:
                series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
                series.marker.style = XL_MARKER_STYLE.NONE
            else:
                series.marker.format.fill.solid()
                series.marker.format.fill.fore_color.rgb = colour
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = colour
    if spec.kind == "trend":
        nps = plot.series[0]
        nps.data_labels.show_value = True
        nps.data_labels.number_format = spec.number_format
        nps.data_labels.number_format_is_linked = False
        nps.data_labels.position = XL_LABEL_POSITION.ABOVE
        # Month names at the foot of the plot, not on the zero line: with a negative NPS the
        # zero line crosses the data, and labels there sit on the points.
        chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    else:
        plot.gap_width = 60
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format = spec.number_format
        labels.number_format_is_linked = False
        labels.font.size = Pt(font_pt - 1)
        if spec.kind == "share":
            plot.overlap = 100
            labels.position = XL_LABEL_POSITION.CENTER
            first = plot.series[0].data_labels
            first.show_value = True  # a series' own labels start hidden
            first.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
            first.font.size = Pt(font_pt - 1)
            first.number_format = spec.number_format
            first.number_format_is_linked = False
            first.position = XL_LABEL_POSITION.CENTER
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = spec.kind == "trend"
    value_axis.tick_labels.number_format = spec.number_format
    value_axis.tick_labels.number_format_is_linked = False
    if spec.kind == "share":
        value_axis.minimum_scale = 0
        value_axis.maximum_scale = 100
    if spec.kind in ("bars", "share"):
        chart.category_axis.reverse_order = True  # first category at the top, reading down


def chart_xml(spec: Chart, palette: Palette) -> tuple[bytes, bytes]:
    """Styled chart XML and its embedded workbook, for formats without a chart API."""
    data = chart_data(spec)
    chart = detached_chart(data.xml_bytes(KINDS[spec.kind]))
    style(chart, spec, palette, font_pt=9)
    return chart_part_xml(chart), data.xlsx_blob
