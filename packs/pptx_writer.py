"""Draw the planned deck with python-pptx on the base template's real slide layouts."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.slide import Slide
from pptx.util import Inches, Pt

from agenda.errors import RenderError
from agenda.model import Bullets, Chart, Cover, Figures, Narrative, Note, Pack, Quote
from agenda.resources import templates
from packs.charts import KINDS, chart_data, style
from packs.deck_plan import (
    BODY_BOTTOM,
    BODY_TOP,
    CHAR_IN_PER_PT,
    LINE_IN_PER_PT,
    MARGIN,
    SLIDE_W,
    Divider,
    SlidePlan,
    TableSlide,
    plan_deck,
    table_column_widths,
)
from packs.properties import set_core_properties
from packs.table_layout import lines_needed

#: Layout names the writer needs in a template's slide master.
LAYOUTS = {
    "title": "Title Slide",
    "divider": "Section Header",
    "bullets": "Title and Content",
    "text": "Title and Content",
    "other": "Title Only",
}
ACCENT = RGBColor(0x0F, 0x5E, 0x6B)
INK = RGBColor(0x1F, 0x2A, 0x33)
MUTED = RGBColor(0x5B, 0x67, 0x70)
PANEL = RGBColor(0xF2, 0xF6, 0xF7)
WARM = RGBColor(0xC8, 0x79, 0x3B)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
STATUS_COLOURS = {
    "On track": RGBColor(0x2E, 0x6B, 0x30),
    "At risk": RGBColor(0x9A, 0x5B, 0x00),
    "Off track": RGBColor(0xB0, 0x24, 0x24),
}


def write_pptx(pack: Pack, path: Path) -> None:
    """Write the deck for ``pack`` to ``path``."""
    with (templates() / "base.pptx").open("rb") as handle:
        prs = Presentation(io.BytesIO(handle.read()))
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    missing = sorted(set(LAYOUTS.values()) - set(layouts))
    if missing:
        raise RenderError(
            f"the slide template lacks layout(s) {', '.join(missing)}; it has: {', '.join(layouts)}"
        )
    for plan in plan_deck(pack):
        layout = layouts[LAYOUTS.get(plan.kind, LAYOUTS["other"])]
        slide = prs.slides.add_slide(layout)
        _DRAW[plan.kind](prs, slide, plan)
        _prune_empty_placeholders(slide)
        slide.notes_slide.notes_text_frame.text = plan.notes
    set_core_properties(prs.core_properties, pack, "deck")
    prs.save(str(path))


def _prune_empty_placeholders(slide: Slide) -> None:
    """Remove placeholders left empty, so no 'Click to add text' ever shows."""
    for shape in list(slide.placeholders):
        if shape.has_text_frame and not shape.text_frame.text.strip():
            shape._element.getparent().remove(shape._element)


def _set_title(slide: Slide, text: str) -> None:
    title = slide.shapes.title
    title.text = text
    size = 28 if len(text) <= 56 else 24 if len(text) <= 70 else 20
    for para in title.text_frame.paragraphs:
        for run in para.runs:
            run.font.size = Pt(size)
    title.text_frame.word_wrap = True


def _textbox(slide: Slide, left, top, width, height, *, anchor=MSO_ANCHOR.TOP):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    return frame


def _run(paragraph, text: str, *, size: float, bold=False, italic=False, colour=INK):
    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.color.rgb = colour
    return run


def _panel(slide: Slide, left, top, width, height, fill=PANEL):
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width, height)
    shape.fill.solid()
    shape.fill.fore_color.rgb = fill
    shape.line.fill.background()
    shape.shadow.inherit = False
    return shape


# --- slide kinds ----------------------------------------------------------------------------


def _title(prs, slide: Slide, plan: SlidePlan) -> None:
    cover: Cover = plan.content  # type: ignore[assignment]
    slide.shapes.title.text = cover.title
    details = [cover.organisation, cover.date_label]
    if cover.location:
        details.append(cover.location)
    slide.placeholders[1].text = " · ".join(details)
    frame = _textbox(slide, Inches(MARGIN), Inches(6.55), Inches(SLIDE_W - 2 * MARGIN), Inches(0.6))
    _run(frame.paragraphs[0], cover.confidentiality, size=11, colour=MUTED)
    frame.paragraphs[0].alignment = PP_ALIGN.CENTER


def _divider(prs, slide: Slide, plan: SlidePlan) -> None:
    divider: Divider = plan.content  # type: ignore[assignment]
    slot = divider.slot
    slide.shapes.title.text = f"{slot.number}. {plan.title}"
    body = slide.placeholders[1].text_frame
    body.text = slot.focus
    body.vertical_anchor = MSO_ANCHOR.TOP
    body.word_wrap = True
    for para in body.paragraphs:
        for run in para.runs:
            run.font.size = Pt(22)
    frame = _textbox(slide, Inches(0.8), Inches(4.75), Inches(SLIDE_W - 1.6), Inches(2.0))
    _run(
        frame.paragraphs[0],
        f"{slot.times} · {slot.minutes} min · led by {slot.lead}",
        size=16,
        bold=True,
        colour=ACCENT,
    )
    extra = divider.empty or divider.intro
    if extra:
        para = frame.add_paragraph()
        para.space_before = Pt(10)
        _run(
            para, extra, size=16, italic=bool(divider.empty), colour=WARM if divider.empty else INK
        )
    _panel(slide, Inches(0.8), Inches(2.0), Inches(1.2), Inches(0.08), fill=ACCENT)


def _narrative(prs, slide: Slide, plan: SlidePlan) -> None:
    story: Narrative = plan.content  # type: ignore[assignment]
    _set_title(slide, plan.title)
    top = Inches(BODY_TOP + 0.1)
    height = Inches(BODY_BOTTOM - BODY_TOP - 1.2)
    _panel(slide, Inches(MARGIN), top, Inches(0.09), height, fill=ACCENT)
    frame = _textbox(slide, Inches(MARGIN + 0.35), top, Inches(SLIDE_W - 2 * MARGIN - 0.5), height)
    size = 24 if len(story.story) < 320 else 20 if len(story.story) < 560 else 17
    _run(frame.paragraphs[0], story.story, size=size)
    frame.paragraphs[0].line_spacing = 1.15
    who = _textbox(
        slide,
        Inches(MARGIN + 0.35),
        Inches(BODY_BOTTOM - 0.95),
        Inches(SLIDE_W - 2 * MARGIN),
        Inches(0.8),
    )
    _run(who.paragraphs[0], story.customer, size=18, bold=True, colour=ACCENT)
    detail = story.attribution + (f" · theme: {story.theme}" if story.theme else "")
    _run(who.add_paragraph(), detail, size=14, colour=MUTED)


def _quotes(prs, slide: Slide, plan: SlidePlan) -> None:
    quotes: tuple[Quote, ...] = plan.content  # type: ignore[assignment]
    _set_title(slide, plan.title)
    cols = 2 if len(quotes) > 1 else 1
    rows = (len(quotes) + cols - 1) // cols
    gap = 0.3
    width = (SLIDE_W - 2 * MARGIN - gap * (cols - 1)) / cols
    longest = max(len(q.text) for q in quotes)
    size = 20 if longest < 140 else 17 if longest < 240 else 14
    per_line = (width - 0.5) / (CHAR_IN_PER_PT * size)
    needed = max(lines_needed(q.text, per_line) for q in quotes) * LINE_IN_PER_PT * size + 0.9
    height = min((BODY_BOTTOM - BODY_TOP - gap * (rows - 1)) / rows, max(needed, 1.6))
    for n, quote in enumerate(quotes):
        left = MARGIN + (n % cols) * (width + gap)
        top = BODY_TOP + (n // cols) * (height + gap)
        _panel(slide, Inches(left), Inches(top), Inches(width), Inches(height))
        frame = _textbox(
            slide, Inches(left + 0.25), Inches(top + 0.2), Inches(width - 0.5), Inches(height - 0.4)
        )
        _run(frame.paragraphs[0], f"“{quote.text}”", size=size, italic=True)
        para = frame.add_paragraph()
        para.space_before = Pt(8)
        _run(para, quote.attribution, size=12, colour=MUTED)


def _figures(prs, slide: Slide, plan: SlidePlan) -> None:
    figures, notes = plan.content  # type: ignore[misc]
    assert isinstance(figures, Figures)
    _set_title(slide, plan.title)
    count = len(figures.items)
    gap = 0.25
    width = min((SLIDE_W - 2 * MARGIN - gap * (count - 1)) / count, 4.2)
    height = 2.2
    for n, figure in enumerate(figures.items):
        left = MARGIN + n * (width + gap)
        _panel(slide, Inches(left), Inches(BODY_TOP), Inches(width), Inches(height))
        frame = _textbox(
            slide,
            Inches(left + 0.2),
            Inches(BODY_TOP + 0.15),
            Inches(width - 0.4),
            Inches(height - 0.3),
        )
        _run(frame.paragraphs[0], figure.label, size=14, colour=MUTED)
        value_size = 40 if len(figure.value) <= 8 else 28
        _run(frame.add_paragraph(), figure.value, size=value_size, bold=True, colour=ACCENT)
        if figure.detail or figure.status:
            text = figure.detail + (f" · {figure.status}" if figure.status else "")
            _run(frame.add_paragraph(), text, size=12, colour=INK)
    if notes:
        top = BODY_TOP + height + 0.35
        frame = _textbox(
            slide,
            Inches(MARGIN),
            Inches(top),
            Inches(SLIDE_W - 2 * MARGIN),
            Inches(BODY_BOTTOM - top),
        )
        for n, note in enumerate(notes):
            para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
            para.space_after = Pt(6)
            _note_run(para, note, size=16)


def _note_run(paragraph, note: Note, *, size: float) -> None:
    if note.kind == "caution":
        _run(paragraph, "Caution: ", size=size, bold=True, colour=WARM)
    _run(paragraph, note.text, size=size)


def _table(prs, slide: Slide, plan: SlidePlan) -> None:
    content: TableSlide = plan.content  # type: ignore[assignment]
    table, pt = content.table, content.pt
    _set_title(slide, plan.title)
    widths = table_column_widths(table, pt)
    rows = len(table.rows) + 1
    shape = slide.shapes.add_table(
        rows,
        len(table.columns),
        Inches(MARGIN),
        Inches(BODY_TOP),
        Inches(SLIDE_W - 2 * MARGIN),
        Inches(0.4 * rows),
    )
    grid = shape.table
    grid.first_row = True
    grid.horz_banding = True
    for i, width in enumerate(widths):
        grid.columns[i].width = Inches(width)
    for r in range(rows):
        grid.rows[r].height = Inches(0.36)
    for c, name in enumerate(table.columns):
        _cell(
            grid.cell(0, c),
            name,
            pt=pt,
            bold=True,
            colour=WHITE,
            fill=ACCENT,
            right=c in table.numeric_columns,
        )
    for r, values in enumerate(table.rows, 1):
        for c, value in enumerate(values):
            colour = STATUS_COLOURS.get(value, INK) if c == table.status_column else INK
            _cell(
                grid.cell(r, c),
                value,
                pt=pt,
                bold=c == table.status_column,
                colour=colour,
                fill=PANEL if r % 2 == 0 else WHITE,
                right=c in table.numeric_columns,
            )
    if table.caption:
        frame = _textbox(
            slide,
            Inches(MARGIN),
            Inches(BODY_BOTTOM - 0.4),
            Inches(SLIDE_W - 2 * MARGIN),
            Inches(0.4),
        )
        _run(frame.paragraphs[0], table.caption, size=12, italic=True, colour=MUTED)


def _cell(cell, text: str, *, pt: int, bold: bool, colour, fill, right: bool) -> None:
    cell.fill.solid()
    cell.fill.fore_color.rgb = fill
    cell.margin_left = cell.margin_right = Inches(0.06)
    cell.margin_top = cell.margin_bottom = Inches(0.03)
    frame = cell.text_frame
    frame.word_wrap = True
    para = frame.paragraphs[0]
    _run(para, text, size=pt, bold=bold, colour=colour)
    if right:
        para.alignment = PP_ALIGN.RIGHT


def _bullets(prs, slide: Slide, plan: SlidePlan) -> None:
    bullets: Bullets = plan.content  # type: ignore[assignment]
    _set_title(slide, plan.title)
    frame = slide.placeholders[1].text_frame
    for n, item in enumerate(bullets.items):
        para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        para.text = item
        para.space_after = Pt(6)
        for run in para.runs:
            run.font.size = Pt(18)


def _text(prs, slide: Slide, plan: SlidePlan) -> None:
    notes: tuple[Note, ...] = plan.content  # type: ignore[assignment]
    _set_title(slide, plan.title)
    frame = slide.placeholders[1].text_frame
    size = 20 if sum(len(n.text) for n in notes) < 500 else 17
    for n, note in enumerate(notes):
        para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        para.space_after = Pt(10)
        _note_run(para, note, size=size)


def _chart(prs, slide: Slide, plan: SlidePlan) -> None:
    spec: Chart = plan.content  # type: ignore[assignment]
    _set_title(slide, plan.title)
    bottom = BODY_BOTTOM - (0.45 if spec.caption else 0)
    frame = slide.shapes.add_chart(
        KINDS[spec.kind],
        Inches(MARGIN),
        Inches(BODY_TOP),
        Inches(SLIDE_W - 2 * MARGIN),
        Inches(bottom - BODY_TOP),
        chart_data(spec),
    )
    frame.name = spec.title
    frame._element.nvGraphicFramePr.cNvPr.set("descr", spec.alt_text)
    style(frame.chart, spec, font_pt=14)
    if spec.caption:
        box = _textbox(
            slide,
            Inches(MARGIN),
            Inches(BODY_BOTTOM - 0.4),
            Inches(SLIDE_W - 2 * MARGIN),
            Inches(0.4),
        )
        _run(box.paragraphs[0], spec.caption, size=12, italic=True, colour=MUTED)


def _agenda(prs, slide: Slide, plan: SlidePlan) -> None:
    _table(prs, slide, plan)


_DRAW = {
    "title": _title,
    "agenda": _agenda,
    "divider": _divider,
    "narrative": _narrative,
    "quotes": _quotes,
    "figures": _figures,
    "table": _table,
    "bullets": _bullets,
    "text": _text,
    "chart": _chart,
}
