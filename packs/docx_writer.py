"""Lay a Pack out as the Word pack executives read: cover, agenda, sections, actions, appendix.

Built on a theme's reference document (its styles decide the typography); the palette, fonts
and logo of the look fill in what styles cannot say (table headers, figure cards, statuses).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Inches, Length, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from agenda.errors import RenderError
from agenda.model import (
    ActionLog,
    Block,
    Bullets,
    CardLine,
    CardPart,
    Chart,
    DecisionPaper,
    Figures,
    Labels,
    Narrative,
    Note,
    Pack,
    Quote,
    Section,
    Summary,
    Table,
    ThemeCard,
)
from packs import _ooxml
from packs.charts import chart_xml
from packs.properties import set_core_properties
from packs.table_layout import fit_columns
from packs.text_metrics import register
from packs.theme import OWN_STYLES, Look, check_reference_doc, open_docx

#: Average width of a 9 pt table character, and a cell's side margins plus slack, in EMU.
TABLE_CHAR_EMU = 62000
TABLE_PAD_EMU = 160000


def write_docx(pack: Pack, path: Path, look: Look) -> None:
    """Write the Word pack for ``pack`` to ``path`` in the given look."""
    WordWriter(look).write(pack, path)


class WordWriter:
    """One Word pack in one look."""

    def __init__(self, look: Look):
        self.look = look
        p = look.palette
        self.palette = p
        self.status = {k: RGBColor.from_string(v) for k, v in p.status_colours().items()}

    def write(self, pack: Pack, path: Path) -> None:
        doc = self._open(pack.labels)
        set_core_properties(doc.core_properties, pack, "pack")
        self._footer(pack.cover.organisation, pack.cover.period_label)
        self._cover(pack)
        if pack.summary is not None:
            self._summary(pack.summary)
        self._agenda(pack)
        for section in pack.sections:
            self._section(section)
        if pack.actions is not None:
            self._actions(pack.actions)
        self._heading(pack.labels.appendix, 1)
        for block in pack.appendix:
            self._block(block)
        doc.save(str(path))

    # --- styles and page ------------------------------------------------------------------

    def _open(self, labels: Labels) -> DocxDocument:
        """Open the theme's reference document, checked, with the pack's styles ready."""
        doc = open_docx(self.look, Document)
        check_reference_doc(self.look, doc)
        register(self.look.faces)  # tables measured in the theme's own fonts, if it names any
        self.doc = doc
        self.labels = labels
        self._prepare_styles()
        self.style_ids = {s.name: s.style_id for s in doc.styles}
        return doc

    def _para(self, text: str = "", style: str | None = None) -> Paragraph:
        """Add a paragraph with a style, setting the style id directly: python-docx looks a
        style up by name by scanning every style, which dominated the build time."""
        para = self.doc.add_paragraph(text)
        if style is not None:
            self._set_style(para, style)
        return para

    def _set_style(self, para: Paragraph, style: str) -> None:
        _ooxml.set_style(para, self.style_ids[style])

    def _heading(self, text: str, level: int) -> Paragraph:
        return self._para(text, f"Heading {level}")

    def _prepare_styles(self) -> None:
        """Add the pack's own styles a reference document lacks; apply configured fonts; set
        the document language."""
        styles = self.doc.styles
        names = {s.name for s in styles}
        for name in OWN_STYLES:
            if name not in names:
                style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
                style.base_style = styles["List Bullet" if name == "Question" else "Normal"]
                if name in ("Attribution", "Table Text"):
                    style.font.size = Pt(9)
        if self.look.body_font:
            for name in ("Normal", *OWN_STYLES):
                _ooxml.style_font(styles[name], self.look.body_font)
        present = {s.name for s in styles}
        headings = [
            n for n in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3") if n in present
        ]
        for name in headings:
            if self.look.heading_font:
                _ooxml.style_font(styles[name], self.look.heading_font)
            if self.look.brand_accent is not None and name != "Subtitle":
                styles[name].font.color.rgb = RGBColor.from_string(self.look.brand_accent)
        _ooxml.document_language(styles, "en-GB")

    def _usable_width(self) -> int:
        section = self.doc.sections[0]
        page, left, right = section.page_width, section.left_margin, section.right_margin
        if page is None or left is None or right is None:
            raise RenderError(
                f"{self.look.docx.name} of theme '{self.look.name}' does not say its page width "
                "and margins; open it in Word, check Page Setup, and save it again"
            )
        return page - left - right

    def _footer(self, organisation: str, period: str) -> None:
        footer = self.doc.sections[0].footer.paragraphs[0]
        footer.text = self.labels.footer.format(organisation=organisation, period=period) + " "
        self._set_style(footer, "Attribution")
        footer.paragraph_format.left_indent = Cm(0)
        _ooxml.add_page_number(footer)

    # --- parts of the pack ----------------------------------------------------------------

    def _cover(self, pack: Pack) -> None:
        doc, cover = self.doc, pack.cover
        # room above the title, less when the month in brief shares the first page
        top = 60 if self.look.logo else 120
        self._top(cover.organisation, Pt(top // 3 if pack.summary else top), Inches(0.9), Pt(48))
        self._para(cover.title, "Title")
        self._para(cover.subtitle, "Subtitle")
        doc.add_paragraph(cover.details)
        if cover.attendees:
            para = doc.add_paragraph()
            para.add_run(self.labels.attending + " ").bold = True
            para.add_run(", ".join(cover.attendees))
        self._para(cover.confidentiality, "Callout")
        if cover.order_line:
            self._para(cover.order_line, "Attribution").paragraph_format.left_indent = Cm(0)

    def _top(self, organisation: str, space: Length, logo_height: Length, gap: Length) -> None:
        """The document's first paragraph: ``space`` above, and the look's logo in it (at
        ``logo_height``, ``gap`` below it), when it has one."""
        doc = self.doc
        first = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
        first.paragraph_format.space_before = space
        first.paragraph_format.space_after = Pt(0)
        if self.look.logo is not None:
            logo = first.add_run().add_picture(str(self.look.logo), height=logo_height)
            _ooxml.picture_alt_text(logo, self.labels.logo.format(organisation=organisation))
            first.paragraph_format.space_after = gap

    def _summary(self, summary: Summary) -> None:
        """The month in brief under the cover, on the first page: the customer first, then
        the findings, the asks and what happened since the last meeting, each under a bold
        lead-in."""
        # a first-level heading (the navigation pane lists it), on the cover's page
        title = self._heading(summary.title, 1)
        title.paragraph_format.page_break_before = False
        title.paragraph_format.space_before = Pt(18)
        self._para(summary.customer).runs[0].bold = True
        for part in summary.parts:
            self._lead_in(part.title)
            items = part.items
            for n, item in enumerate(items, 1):
                point = self._para(item, "List Bullet")
                point.paragraph_format.keep_with_next = n < len(items)

    def _agenda(self, pack: Pack) -> None:
        self._heading(pack.agenda_table.title, 1)
        self._table(pack.agenda_table)
        if pack.consent:
            self._para(pack.consent)
        for warning in pack.agenda_warnings:
            self._para(pack.labels.timing.format(warning=warning.message), "Callout")

    def _section(self, section: Section) -> None:
        self._heading(section.title, 1)
        self._slot(section.cues.slot_sentence, section.slot.focus)
        for block in section.blocks:
            self._block(block)
        self._questions(section.questions)

    def _questions(self, questions: tuple[str, ...]) -> None:
        """The questions for the room, kept together with their heading on one page: a page
        never holds the last one or two of them alone."""
        if not questions:
            return
        self._heading(self.labels.questions, 2).paragraph_format.keep_with_next = True
        for n, question in enumerate(questions, 1):
            para = self._para(question, "Question")
            para.paragraph_format.keep_together = True
            para.paragraph_format.keep_with_next = n < len(questions)

    def _slot(self, sentence: str, focus: str) -> None:
        """A section opens with its slot (time, length, lead) and the question it answers, so
        no page ends on a lone slot line and the reader knows the ask before the detail."""
        line = self._para(sentence, "Attribution")
        line.paragraph_format.left_indent = Cm(0)
        line.paragraph_format.keep_with_next = True
        question = self._para()
        question.add_run(focus).italic = True
        question.paragraph_format.keep_with_next = True

    def _actions(self, log: ActionLog) -> None:
        doc = self.doc
        self._heading(log.slot.title, 1)
        self._slot(log.cues.slot_sentence, log.slot.focus)
        doc.add_paragraph(log.summary)
        for block in log.blocks:
            self._block(block)
        self._questions(log.questions)

    def _block(self, block: Block) -> None:
        doc = self.doc
        if isinstance(block, Table | Chart) and not block.word:
            return  # a deck-only copy: this pack shows the whole block beside it
        match block:
            case Narrative():
                self._heading(block.title, 2)
                who = self._para(style="Attribution")
                who.paragraph_format.left_indent = Cm(0)
                who.paragraph_format.space_after = Pt(4)
                who.add_run(block.customer).bold = True
                who.add_run(f" · {block.attribution}")
                if block.theme:
                    who.add_run(" " + self.labels.theme.format(theme=block.theme))
                self._para(block.story, "Story")
            case Quote():
                self._para(f"“{block.text}”", "Quote")
                self._para(f"— {block.attribution}", "Attribution")
            case Figures():
                self._heading(block.title, 2)
                self._finding(block.finding)
                self._figures(block)
            case Table():
                self._heading(block.title, 2)
                self._finding(block.finding)
                self._table(block, keep_next=bool(block.caption))
                if block.caption:
                    self._para(block.caption, "Caption")
            case Bullets():
                if block.title:  # a memo's list may stand under its part's heading alone
                    self._heading(block.title, 2)
                for item in block.items:
                    self._para(item, "List Bullet")
            case Chart():
                self._heading(block.title, 2)
                self._finding(block.finding)
                xml, workbook = chart_xml(block, self.palette)
                width = self._usable_width()
                _ooxml.embed_chart(
                    doc.add_paragraph(),
                    xml,
                    workbook,
                    size=(width, int(width * 0.42)),
                    name=block.title,
                    description=block.alt_text,
                )
                if block.caption:
                    self._para(block.caption, "Caption")
            case ThemeCard():
                self._card(block)
            case DecisionPaper():
                self._paper(block)
            case Note():
                style = {"caution": "Callout", "empty": "Callout"}.get(block.kind, "Normal")
                para = self._para(style=style)
                if block.kind == "caution":
                    para.add_run(self.labels.caution + " ").bold = True
                para.add_run(block.text)
            case _:
                raise RenderError(f"the Word writer cannot place a {type(block).__name__} block")

    def _card(self, card: ThemeCard) -> None:
        """A theme card as a subsection: its point, the trend and the owner (a theme nobody
        owns as a callout), then each part under a bold lead-in, its lines and quotes as
        points, each status as a word after its line."""
        self._heading(card.title, 2)
        self._finding(card.finding)
        self._para(card.trend).paragraph_format.keep_with_next = True
        owner = self._para(style="Callout" if card.owner.alert else None)
        owner.add_run(card.owner.text).bold = True
        owner.paragraph_format.keep_with_next = True  # the card's head stays with its first part
        for part in card.parts:
            self._card_part(part)

    def _lead_in(self, text: str) -> None:
        """A bold lead-in in the accent colour, kept with the points that follow it."""
        lead = self._para()
        lead.paragraph_format.space_before = Pt(6)
        lead.paragraph_format.space_after = Pt(2)
        lead.paragraph_format.keep_with_next = True
        run = lead.add_run(text)
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(self.palette.accent)

    def _card_part(self, part: CardPart) -> None:
        """A card's part: its heading as a bold lead-in in the accent colour, kept with what
        follows; its lines and quotes as points, or what it says when it has neither."""
        self._lead_in(part.heading)
        if not part.count and part.empty:
            self._para(part.empty).runs[0].italic = True
        muted = RGBColor.from_string(self.palette.muted)
        for line in part.lines:
            self._card_line(self._para(style="List Bullet"), line)
        for quote in part.quotes:
            point = self._para(style="List Bullet")
            point.add_run(f"“{quote.text}”").italic = True
            said = point.add_run(f" ({quote.attribution})")
            said.font.color.rgb = muted

    def _card_line(self, para: Paragraph, line: CardLine) -> None:
        """A card's line, then its status in bold: in the status colour, or the warning colour
        when it calls for attention."""
        para.add_run(line.text)
        if not line.status:
            return
        run = para.add_run(f" · {line.status}")
        run.bold = True
        warm = RGBColor.from_string(self.palette.warm)
        colour = warm if line.alert else self.status.get(line.status)
        if colour is not None:
            run.font.color.rgb = colour

    def _paper(self, paper: DecisionPaper) -> None:
        """A decision as a short paper: its heading, the ask in bold, the context, then a
        compact table of its parts (label | text), each option a row of its own with its cost
        and risk on lines of their own, the recommended one bold. Only the heading and the ask
        keep with what follows (the context's first lines, or the table's first row): a long
        paper flows across pages row by row rather than leaving a half-empty page."""
        self._heading(paper.title, 2).paragraph_format.keep_with_next = True
        self._finding(paper.ask)
        if paper.context or paper.bare:
            para = self._para(paper.context or paper.bare, None if paper.context else "Callout")
            para.paragraph_format.keep_with_next = False  # a long context flows on
        if not paper.parts:
            return
        p = self.palette
        table = self.doc.add_table(rows=0, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _ooxml.fixed_layout(table)
        _ooxml.table_alt_text(table, paper.title, paper.ask)
        width = self._usable_width()
        widths = [int(Cm(3.2)), width - int(Cm(3.2))]
        for column, w in zip(table.columns, widths, strict=True):
            column.width = w
        style = self.style_ids["Table Text"]
        listed = False  # the part before was a list of options: the next stands apart
        for part in paper.parts:
            if part.lines:  # the options: a row each, its lines apart
                rows = [(n == part.recommended, lines) for n, lines in enumerate(part.lines)]
            else:
                many = len(part.items) > 1
                rows = [(False, tuple(f"• {item}" if many else item for item in part.items))]
            for n, (marked, lines) in enumerate(rows):
                _ooxml.add_table_row(
                    table,
                    [
                        (part.label if n == 0 else "", widths[0], p.panel, p.accent, True, False),
                        (lines[0], widths[1], None, None, marked, False),
                    ],
                    style_id=style,
                )
                cells = table.rows[-1].cells
                for line in lines[1:]:
                    _ooxml.set_style(cells[1].add_paragraph(line), style)
                for cell in cells:
                    for k, para in enumerate(cell.paragraphs):
                        # an option's lines hold together, the options stand apart
                        apart = k == 0 and ((bool(part.lines) and n > 0) or (n == 0 and listed))
                        para.paragraph_format.space_before = Pt(6 if apart else 2)
                        para.paragraph_format.space_after = Pt(0 if part.lines else 2)
            listed = bool(part.lines)
        spacer = self._para()
        spacer.paragraph_format.space_after = Pt(6)

    def _finding(self, finding: str) -> None:
        """What the block shows, its first sentence under the topic heading, kept with it."""
        if not finding:
            return
        para = self._para()
        para.add_run(finding).bold = True
        para.paragraph_format.keep_with_next = True

    def _figures(self, block: Figures) -> None:
        table = self.doc.add_table(rows=3, cols=len(block.items))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _ooxml.table_alt_text(
            table, block.title, "; ".join(f"{f.label}: {f.value} {f.detail}" for f in block.items)
        )
        width = self._usable_width() // len(block.items)
        for column in table.columns:
            column.width = width
        p = self.palette
        for col, figure in enumerate(block.items):
            label, value, detail = (table.cell(r, col) for r in range(3))
            for cell in (label, value, detail):
                cell.width = width
                _ooxml.shade_cell(cell, p.panel)
            self._cell_text(label, figure.label, size=9, colour=RGBColor.from_string(p.muted))
            self._cell_text(
                value, figure.value, size=20, bold=True, colour=RGBColor.from_string(p.accent)
            )
            self._cell_text(detail, figure.detail, size=8.5)
            if figure.status:
                run = detail.paragraphs[0].add_run(f" · {figure.status}")
                run.bold = True
                run.font.size = Pt(8.5)
                run.font.color.rgb = self.status.get(figure.status, RGBColor.from_string(p.ink))
        for row in table.rows:  # a figure's label, value and detail each stay on one page
            _ooxml.keep_row_together(row)
        _ooxml.repeat_header(table.rows[0])

    def _cell_text(
        self,
        cell: _Cell,
        text: str,
        *,
        size: float,
        bold: bool = False,
        colour: RGBColor | None = None,
    ) -> None:
        para = cell.paragraphs[0]
        self._set_style(para, "Table Text")
        run = para.add_run(text)
        run.font.size = Pt(size)
        run.bold = bold
        if colour is not None:
            run.font.color.rgb = colour

    def _table(self, block: Table, *, keep_next: bool = False) -> None:
        doc, p = self.doc, self.palette
        table = doc.add_table(rows=0, cols=len(block.columns))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _ooxml.fixed_layout(table)
        _ooxml.table_alt_text(
            table, block.title, block.caption or self.labels.rows.format(n=len(block.rows))
        )
        widths = [
            int(w)
            for w in fit_columns(
                block.columns, block.rows, self._usable_width(), TABLE_CHAR_EMU, TABLE_PAD_EMU
            )
        ]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        style = self.style_ids["Table Text"]
        numeric = set(block.numeric_columns)
        _ooxml.add_table_row(
            table,
            [
                (name, widths[i], p.accent, p.on_accent, True, i in numeric)
                for i, name in enumerate(block.columns)
            ],
            style_id=style,
            header=True,
        )
        status_hex = p.status_colours()
        for r, values in enumerate(block.rows):
            band = p.panel if r % 2 == 1 else None
            cells = []
            for i, value in enumerate(values):
                is_status = i == block.status_column and value in status_hex
                colour = status_hex[value] if is_status else None
                cells.append((value, widths[i], band, colour, is_status, i in numeric))
            _ooxml.add_table_row(table, cells, style_id=style)
        if keep_next and table.rows:  # the caption that follows stays on the table's page
            for cell in table.rows[-1].cells:
                for para in cell.paragraphs:
                    para.paragraph_format.keep_with_next = True
        spacer = self._para()
        spacer.paragraph_format.space_after = Pt(2)
        spacer.paragraph_format.keep_with_next = keep_next
