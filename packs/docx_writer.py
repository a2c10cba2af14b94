"""Lay a Pack out as the Word pack executives read: cover, agenda, sections, actions, appendix."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from agenda.errors import RenderError
from agenda.model import (
    ActionLog,
    Block,
    Bullets,
    Chart,
    Figures,
    Narrative,
    Note,
    Pack,
    Quote,
    Section,
    Table,
)
from agenda.resources import templates
from packs import _ooxml
from packs.charts import chart_xml
from packs.properties import set_core_properties
from packs.table_layout import fit_columns

HEADER_FILL = "0F5E6B"
HEADER_TEXT = RGBColor(0xFF, 0xFF, 0xFF)
BAND_FILL = "F2F6F7"
#: Average width of a 9 pt table character, and a cell's side margins plus slack, in EMU.
TABLE_CHAR_EMU = 62000
TABLE_PAD_EMU = 160000
STATUS_COLOURS = {
    "On track": RGBColor(0x2E, 0x6B, 0x30),
    "At risk": RGBColor(0x9A, 0x5B, 0x00),
    "Off track": RGBColor(0xB0, 0x24, 0x24),
}


def write_docx(pack: Pack, path: Path) -> None:
    """Write the Word pack for ``pack`` to ``path``."""
    with (templates() / "base.docx").open("rb") as handle:
        doc = Document(io.BytesIO(handle.read()))
    set_core_properties(doc.core_properties, pack, "pack")
    _footer(doc, pack)
    _cover(doc, pack)
    _agenda(doc, pack)
    for section in pack.sections:
        _section(doc, section)
    if pack.actions is not None:
        _actions(doc, pack.actions)
    doc.add_heading("Appendix: sources and method", 1)
    for block in pack.appendix:
        _block(doc, block)
    doc.save(str(path))


def _usable_width(doc: DocxDocument) -> int:
    section = doc.sections[0]
    return section.page_width - section.left_margin - section.right_margin


def _footer(doc: DocxDocument, pack: Pack) -> None:
    footer = doc.sections[0].footer.paragraphs[0]
    footer.text = f"Confidential · {pack.cover.organisation} · {pack.cover.period_label} · page "
    footer.style = doc.styles["Attribution"]
    footer.paragraph_format.left_indent = Cm(0)
    _ooxml.add_page_number(footer)


def _cover(doc: DocxDocument, pack: Pack) -> None:
    cover = pack.cover
    first = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    first.paragraph_format.space_before = Pt(120)
    first.paragraph_format.space_after = Pt(0)
    doc.add_paragraph(cover.title, style="Title")
    doc.add_paragraph(f"{cover.organisation} · {cover.period_label}", style="Subtitle")
    details = [cover.date_label]
    if cover.location:
        details.append(cover.location)
    if cover.chair:
        details.append(f"Chair: {cover.chair}")
    doc.add_paragraph(" · ".join(details))
    if cover.attendees:
        para = doc.add_paragraph()
        para.add_run("Attending: ").bold = True
        para.add_run(", ".join(cover.attendees))
    doc.add_paragraph(cover.confidentiality, style="Callout")
    doc.add_paragraph(
        "In this pack the customer comes first: Customer, Employees, Operations, Marketing, "
        "Sales, then Finance.",
        style="Attribution",
    ).paragraph_format.left_indent = Cm(0)


def _agenda(doc: DocxDocument, pack: Pack) -> None:
    doc.add_heading("Agenda", 1)
    rows = tuple((str(s.number), s.title, s.times, s.lead, s.focus) for s in pack.agenda)
    _table(doc, Table("Agenda", ("#", "Section", "Time", "Lead", "Focus question"), rows))
    for warning in pack.agenda_warnings:
        doc.add_paragraph(f"Timing: {warning}.", style="Callout")


def _section(doc: DocxDocument, section: Section) -> None:
    doc.add_heading(section.title, 1)
    for block in section.blocks:
        _block(doc, block)
    if section.questions:
        doc.add_heading("Questions for the room", 2)
        for question in section.questions:
            doc.add_paragraph(question, style="Question")
    slot = section.slot
    doc.add_paragraph(
        f"Slot {slot.number}: {slot.times} ({slot.minutes} min), led by {slot.lead}.",
        style="Attribution",
    ).paragraph_format.left_indent = Cm(0)


def _actions(doc: DocxDocument, log: ActionLog) -> None:
    doc.add_heading(log.slot.title, 1)
    doc.add_paragraph(log.summary)
    for block in log.blocks:
        _block(doc, block)
    doc.add_heading("Questions for the room", 2)
    for question in log.questions:
        doc.add_paragraph(question, style="Question")


def _block(doc: DocxDocument, block: Block) -> None:
    match block:
        case Narrative():
            doc.add_heading(block.title, 2)
            who = doc.add_paragraph(style="Attribution")
            who.paragraph_format.left_indent = Cm(0)
            who.paragraph_format.space_after = Pt(4)
            who.add_run(block.customer).bold = True
            who.add_run(f" · {block.attribution}")
            if block.theme:
                who.add_run(f" · theme: {block.theme}")
            doc.add_paragraph(block.story, style="Story")
        case Quote():
            doc.add_paragraph(f"“{block.text}”", style="Quote")
            doc.add_paragraph(f"— {block.attribution}", style="Attribution")
        case Figures():
            doc.add_heading(block.title, 2)
            _figures(doc, block)
        case Table():
            doc.add_heading(block.title, 2)
            _table(doc, block)
            if block.caption:
                doc.add_paragraph(block.caption, style="Caption")
        case Bullets():
            doc.add_heading(block.title, 2)
            for item in block.items:
                doc.add_paragraph(item, style="List Bullet")
        case Chart():
            doc.add_heading(block.title, 2)
            xml, workbook = chart_xml(block)
            width = _usable_width(doc)
            _ooxml.embed_chart(
                doc.add_paragraph(),
                xml,
                workbook,
                size=(width, int(width * 0.42)),
                name=block.title,
                description=block.alt_text,
            )
            if block.caption:
                doc.add_paragraph(block.caption, style="Caption")
        case Note():
            style = {"caution": "Callout", "empty": "Callout", "question": "Question"}.get(
                block.kind, "Normal"
            )
            doc.add_paragraph(block.text, style=style)
        case _:
            raise RenderError(f"the Word writer cannot place a {type(block).__name__} block")


def _figures(doc: DocxDocument, block: Figures) -> None:
    table = doc.add_table(rows=3, cols=len(block.items))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _ooxml.table_alt_text(
        table, block.title, "; ".join(f"{f.label}: {f.value} {f.detail}" for f in block.items)
    )
    width = _usable_width(doc) // len(block.items)
    for column in table.columns:
        column.width = width
    for col, figure in enumerate(block.items):
        label, value, detail = (table.cell(r, col) for r in range(3))
        for cell in (label, value, detail):
            cell.width = width
            _ooxml.shade_cell(cell, BAND_FILL)
        _cell_text(label, figure.label, size=9, colour=RGBColor(0x5B, 0x67, 0x70))
        _cell_text(value, figure.value, size=20, bold=True, colour=RGBColor(0x0F, 0x5E, 0x6B))
        text = figure.detail + (f" · {figure.status}" if figure.status else "")
        _cell_text(detail, text, size=8.5)
    _ooxml.repeat_header(table.rows[0])


def _cell_text(cell, text: str, *, size: float, bold: bool = False, colour=None) -> None:
    para = cell.paragraphs[0]
    para.style = "Table Text"
    run = para.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    if colour is not None:
        run.font.color.rgb = colour


def _table(doc: DocxDocument, block: Table, weights: tuple[float, ...] | None = None) -> None:
    table = doc.add_table(rows=1, cols=len(block.columns))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _ooxml.fixed_layout(table)
    _ooxml.table_alt_text(table, block.title, block.caption or f"{len(block.rows)} rows")
    if weights is None:
        widths = [
            int(w)
            for w in fit_columns(
                block.columns, block.rows, _usable_width(doc), TABLE_CHAR_EMU, TABLE_PAD_EMU
            )
        ]
    else:
        widths = [int(_usable_width(doc) * w / sum(weights)) for w in weights]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    header = table.rows[0]
    _ooxml.repeat_header(header)
    for i, (cell, name) in enumerate(zip(header.cells, block.columns, strict=True)):
        cell.width = widths[i]
        _ooxml.shade_cell(cell, HEADER_FILL)
        para = cell.paragraphs[0]
        para.style = "Table Text"
        run = para.add_run(name)
        run.bold = True
        run.font.color.rgb = HEADER_TEXT
        if i in block.numeric_columns:
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for r, values in enumerate(block.rows):
        row = table.add_row()
        _ooxml.keep_row_together(row)
        for i, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = widths[i]
            if r % 2 == 1:
                _ooxml.shade_cell(cell, BAND_FILL)
            para = cell.paragraphs[0]
            para.style = "Table Text"
            run = para.add_run(value)
            if i == block.status_column and value in STATUS_COLOURS:
                run.bold = True
                run.font.color.rgb = STATUS_COLOURS[value]
            if i in block.numeric_columns:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph().paragraph_format.space_after = Pt(2)
