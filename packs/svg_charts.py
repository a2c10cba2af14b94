"""Charts as inline SVG, for the HTML pack: a line over time, 100% stacked bars, plain bars.

Drawn here from the Pack's ``Chart`` (no chart library: three small kinds, and a page that
needs no script to read): the numbers are the Pack's, shown in its number format as the Office
charts show them, and a ``None`` stays a gap. Each chart carries its title and the Pack's
description of it (``<title>``, ``<desc>``) for screen readers. Colours follow the Office
charts: the theme's accent first, then neutral companions (never red or green), a target line
dashed in the warm colour.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from agenda.model import Chart, Series
from packs._markup import esc, start, tag, void
from packs.text_metrics import DEFAULT_FONT, text_em
from packs.theme import Palette

#: The drawing's width in its own units; it scales to the page's width.
WIDTH = 760
#: Text size in the drawing's units (about the page's body size at full width).
FONT = 14
LEGEND = 30  #: height of the legend row under a chart with more than one series

# --- numbers in the Pack's number format ------------------------------------------------------

_TOKEN = re.compile(r'"([^"]*)"|\\(.)|([0#?,.]+)|(.)')


def number_text(value: float, number_format: str = "General") -> str:
    """``value`` as an Office number format shows it: the formats the Pack uses (``#,##0``,
    ``+0;"−"0;0``, ``0"%"``, ``0.0``) and their like: up to three sections (positive;
    negative; zero), quoted and escaped literals, thousands commas, fixed decimals, a bare
    ``%`` (which, as in Office, shows the value times 100). Halves round away from zero."""
    sections = _sections(number_format)
    if not sections or sections[0].strip().lower() == "general":
        return _general(value)
    if value < 0 and len(sections) > 1:
        section, sign, magnitude = sections[1], "", -value
    elif value == 0 and len(sections) > 2:
        section, sign, magnitude = sections[2], "", 0.0
    else:
        section, sign, magnitude = sections[0], "-" if value < 0 else "", abs(value)
    before: list[str] = []
    after: list[str] = []
    pattern = ""
    for quoted, escaped, digits, other in _TOKEN.findall(section):
        if digits and not pattern:
            pattern = digits
            continue
        if other == "%":  # a bare per cent sign scales; a quoted one is only a sign
            magnitude *= 100
        (after if pattern else before).append(quoted or escaped or other or digits)
    if not pattern:  # a section of text alone ("-")
        return sign + "".join(before)
    return sign + "".join(before) + _digits(magnitude, pattern) + "".join(after)


def _sections(number_format: str) -> list[str]:
    """The format's sections, split at semicolons outside quotes."""
    parts, current, quoted = [], "", False
    for ch in number_format:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return parts


def _digits(magnitude: float, pattern: str) -> str:
    whole, _, fraction = pattern.partition(".")
    places = sum(1 for ch in fraction if ch in "0#?")
    step = Decimal(1).scaleb(-places)
    rounded = Decimal(repr(magnitude)).quantize(step, rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{places}f}" if "," in whole else f"{rounded:.{places}f}"
    if places and "0" not in fraction:  # "#" places: no trailing zeros
        text = text.rstrip("0").rstrip(".")
    if not whole.count("0") and text.startswith("0") and len(text) > 1 and text[1] == ".":
        text = text[1:]  # "#.0" shows .5, not 0.5
    return text


def _general(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.10g}"


# --- drawing ------------------------------------------------------------------------------------


def chart_svg(chart: Chart, palette: Palette, ident: str, font: str | None = None) -> str:
    """The chart as an ``<svg>`` element, its ids prefixed ``ident``; ``font`` is the body font
    its labels are measured in (the page sets them in it)."""
    draw = {"trend": _trend, "share": _share, "bars": _bars}[chart.kind]
    height, body = draw(chart, palette, font or DEFAULT_FONT)
    title, desc = f"{ident}-title", f"{ident}-desc"
    return tag(
        "svg",
        tag("title", esc(chart.title), id=title),
        tag("desc", esc(chart.alt_text), id=desc),
        body,
        class_=f"chart chart-{chart.kind}",
        viewBox=f"0 0 {WIDTH} {height}",
        role="img",
        aria_labelledby=f"{title} {desc}",
        font_size=str(FONT),
    )


def _colours(chart: Chart, palette: Palette) -> list[str]:
    """Each series' colour, as the Office charts give it."""
    return [f"#{c}" for c in palette.series_colours([s.target for s in chart.series])]


def _x_grid(
    ticks: Iterable[float],
    x: Callable[[float], float],
    top: float,
    plot_h: float,
    number_format: str,
    *,
    zero_line: bool = True,
) -> list[str]:
    """A horizontal bar chart's vertical grid lines with their labels at the foot (the zero
    line drawn apart when ``zero_line``)."""
    out = [start("g", class_="grid")]
    for tick in ticks:
        cls = "zero" if zero_line and tick == 0 else "line"
        out.append(_line(x(tick), top, x(tick), top + plot_h, class_=cls))
        label = number_text(tick, number_format)
        out.append(_text(x(tick), top + plot_h + 18, label, "tick", "middle"))
    out.append("</g>")
    return out


def _width(text: str, font: str, size: float = FONT, bold: bool = False) -> float:
    """How wide ``text`` is in the drawing's units, with a little room for the browser's font."""
    return text_em(text, font, bold) * size * 1.08


def _n(value: float) -> str:
    """A coordinate, to a tenth of a unit."""
    return f"{value:.1f}"


def _text(x: float, y: float, text: str, cls: str, anchor: str | None = None) -> str:
    return tag("text", esc(text), x=_n(x), y=_n(y), text_anchor=anchor, class_=cls)


def _line(x1: float, y1: float, x2: float, y2: float, **attrs: object) -> str:
    return void("line", x1=_n(x1), y1=_n(y1), x2=_n(x2), y2=_n(y2), **attrs)


def _rect(x: float, y: float, width: float, height: float, colour: str) -> str:
    return void("rect", x=_n(x), y=_n(y), width=_n(width), height=_n(height), fill=colour)


def _legend(series: Sequence[Series], colours: Sequence[str], font: str, y: float) -> str:
    """One row of keys, centred: a swatch (a dashed line for a target) and the series' name."""
    keys = [
        (s, c, 18 + 6 + _width(s.name, font) + 18) for s, c in zip(series, colours, strict=True)
    ]
    x = (WIDTH - sum(w for _, _, w in keys) + 18) / 2
    out = [start("g", class_="legend")]
    for s, colour, width in keys:
        if s.target:
            out.append(
                _line(
                    x, y - 4, x + 18, y - 4, stroke=colour, stroke_width="2", stroke_dasharray="5 3"
                )
            )
        else:
            out.append(_rect(x, y - 10, 12, 12, colour))
        out.append(_text(x + 24, y, s.name, "key"))
        x += width
    out.append("</g>")
    return "".join(out)


def _nice_step(span: float, ticks: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about ``ticks`` intervals."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    for mult in (1, 2, 2.5, 5, 10):
        if raw <= mult * power:
            return mult * power
    return 10 * power


def _scale(values: Sequence[float], *, zero: bool = True) -> tuple[float, float, float]:
    """Axis bounds and step around ``values`` (zero included when ``zero``)."""
    lo, hi = min(values), max(values)
    if zero:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    step = _nice_step(hi - lo)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step, step


def _ticks(lo: float, hi: float, step: float) -> list[float]:
    count = round((hi - lo) / step)
    return [lo + n * step for n in range(count + 1)]


def _trend(chart: Chart, palette: Palette, font: str) -> tuple[int, str]:
    """A line per series over the categories (months); a gap where a value is None. The first
    data series is labelled with its values; a target is a dashed line without markers."""
    colours = _colours(chart, palette)
    values = [v for s in chart.series for v in s.values if v is not None]
    lo, hi, step = _scale(values or [0.0])
    ticks = _ticks(lo, hi, step)
    tick_labels = [number_text(t, chart.number_format) for t in ticks]
    left = 16 + max(_width(label, font) for label in tick_labels)
    right, top, plot_h = 24, 30, 220
    legend = LEGEND if len(chart.series) > 1 else 0
    height = int(top + plot_h + 34 + legend)
    plot_w = WIDTH - left - right
    n = max(len(chart.categories), 1)

    def x(i: int) -> float:
        return left + (i + 0.5) * plot_w / n

    def y(v: float) -> float:
        return top + (hi - v) / (hi - lo) * plot_h

    out = [start("g", class_="grid")]
    for tick, label in zip(ticks, tick_labels, strict=True):
        cls = "zero" if tick == 0 else "line"
        out.append(_line(left, y(tick), WIDTH - right, y(tick), class_=cls))
        out.append(_text(left - 8, y(tick) + 4, label, "tick", "end"))
    out.append("</g>")
    for i, category in enumerate(chart.categories):  # at the foot, never on the zero line
        out.append(_text(x(i), top + plot_h + 22, category, "tick", "middle"))
    labelled = next((k for k, s in enumerate(chart.series) if not s.target), None)
    for k, (series, colour) in enumerate(zip(chart.series, colours, strict=True)):
        path, pen_down = [], False
        for i, value in enumerate(series.values):
            if value is None:
                pen_down = False  # a month with no data: the line stops, never estimated
                continue
            path.append(f"{'L' if pen_down else 'M'}{x(i):.1f} {y(value):.1f}")
            pen_down = True
        out.append(
            void(
                "path",
                class_="series",
                d=" ".join(path),
                fill="none",
                stroke=colour,
                stroke_width="1.5" if series.target else "2.5",
                stroke_dasharray="7 4" if series.target else None,
            )
        )
        if series.target:
            continue
        for i, value in enumerate(series.values):
            if value is None:
                continue
            out.append(void("circle", cx=_n(x(i)), cy=_n(y(value)), r="4.5", fill=colour))
            if k == labelled:
                label = number_text(value, chart.number_format)
                out.append(_text(x(i), y(value) - 11, label, "value", "middle"))
    if legend:
        out.append(_legend(chart.series, colours, font, top + plot_h + 34 + 22))
    return height, "".join(out)


def _label_column(categories: Sequence[str], font: str) -> tuple[float, list[list[str]]]:
    """The width of the category labels' column (at most 38% of the chart) and each label's
    lines, wrapped at spaces to fit it."""
    most = WIDTH * 0.38
    width = min(most, max((_width(c, font) for c in categories), default=0.0))
    wrapped = []
    for category in categories:
        lines: list[str] = []
        for word in category.split():
            if lines and _width(f"{lines[-1]} {word}", font) <= width:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        wrapped.append(lines or [""])
    return width, wrapped


def _category_label(x: float, middle: float, lines: Sequence[str]) -> str:
    """A category's label, right-aligned at ``x`` and centred on ``middle``."""
    first = middle + 4 - (len(lines) - 1) * (FONT + 2) / 2
    return "".join(
        _text(x, first + n * (FONT + 2), line, "tick", "end") for n, line in enumerate(lines)
    )


def _share(chart: Chart, palette: Palette, font: str) -> tuple[int, str]:
    """One bar per category (first at the top), its series stacked in proportion on a 0–100
    axis, each part labelled in the middle when it has room."""
    colours = _colours(chart, palette)
    label_w, wrapped = _label_column(chart.categories, font)
    left, right, top = label_w + 20, 24, 10
    rows = max(len(chart.categories), 1)
    bar = max(30, max((len(lines) for lines in wrapped), default=1) * (FONT + 2) + 10)
    gap = 14
    plot_w = WIDTH - left - right
    plot_h = rows * (bar + gap)
    legend = LEGEND if len(chart.series) > 1 else 0
    height = int(top + plot_h + 26 + legend + 6)

    def x(v: float) -> float:
        return left + max(0.0, min(v, 100.0)) / 100 * plot_w

    out = _x_grid(range(0, 101, 20), x, top, plot_h, chart.number_format, zero_line=False)
    for i, lines in enumerate(wrapped):
        y0 = top + i * (bar + gap) + gap / 2
        out.append(_category_label(left - 10, y0 + bar / 2, lines))
        stacked = 0.0
        for k, (series, colour) in enumerate(zip(chart.series, colours, strict=True)):
            value = series.values[i] if i < len(series.values) else None
            if value is None:
                continue
            x0, x1 = x(stacked), x(stacked + value)
            out.append(_rect(x0, y0, max(x1 - x0, 0), bar, colour))
            label = number_text(value, chart.number_format)
            if x1 - x0 >= _width(label, font) + 6:
                ink = "on-accent" if k == 0 else "on-neutral"
                out.append(_text((x0 + x1) / 2, y0 + bar / 2 + 4, label, ink, "middle"))
            stacked += value
    if legend:
        out.append(_legend(chart.series, colours, font, top + plot_h + 26 + 22))
    return height, "".join(out)


def _bars(chart: Chart, palette: Palette, font: str) -> tuple[int, str]:
    """Horizontal bars, the first category at the top, each series a bar in its group, with
    its value at the bar's end."""
    colours = _colours(chart, palette)
    label_w, wrapped = _label_column(chart.categories, font)
    values = [v for s in chart.series for v in s.values if v is not None]
    lo, hi, step = _scale(values or [0.0])
    ticks = _ticks(lo, hi, step)
    widest = max((_width(number_text(v, chart.number_format), font) for v in values), default=0)
    left, right, top = label_w + 20, 14 + widest, 10
    series_n = max(len(chart.series), 1)
    thick, inner, gap = 16, 3, 14
    group = max(series_n * thick + (series_n - 1) * inner, len(max(wrapped, key=len)) * 15)
    rows = max(len(chart.categories), 1)
    plot_w = WIDTH - left - right
    plot_h = rows * (group + gap)
    legend = LEGEND if len(chart.series) > 1 else 0
    height = int(top + plot_h + 26 + legend + 6)

    def x(v: float) -> float:
        return left + (v - lo) / (hi - lo) * plot_w

    out = _x_grid(ticks, x, top, plot_h, chart.number_format)
    for i, lines in enumerate(wrapped):
        y0 = top + i * (group + gap) + gap / 2
        out.append(_category_label(left - 10, y0 + group / 2, lines))
        bars_h = series_n * thick + (series_n - 1) * inner
        first = y0 + (group - bars_h) / 2
        for k, (series, colour) in enumerate(zip(chart.series, colours, strict=True)):
            value = series.values[i] if i < len(series.values) else None
            if value is None:
                continue
            y = first + k * (thick + inner)
            x0, x1 = sorted((x(0.0), x(value)))
            out.append(_rect(x0, y, x1 - x0, thick, colour))
            label = number_text(value, chart.number_format)
            out.append(_text(x1 + 5, y + thick / 2 + 4.5, label, "value"))
    if legend:
        out.append(_legend(chart.series, colours, font, top + plot_h + 26 + 22))
    return height, "".join(out)
