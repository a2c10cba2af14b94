"""Draw the planned deck with python-pptx on a theme's real slide layouts.

Shapes are added in reading order (title, then content top to bottom, left to right) and text
sits inside its own panel, so a screen reader meets the slide as a sighted reader does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.shapes.autoshape import Shape
from pptx.shapes.graphfrm import GraphicFrame
from pptx.shapes.placeholder import SlidePlaceholder
from pptx.slide import Slide
from pptx.table import _Cell
from pptx.text.text import TextFrame, _Paragraph
from pptx.util import Emu, Inches, Length, Pt

from agenda.errors import RenderError
from agenda.model import Bullets, CardPart, Chart, Cover, Figures, Note, Pack
from packs._drawingml import (
    add_run,
    alt_text,
    fill_cell,
    left_aligned,
    read_after,
    remove_shape,
)
from packs._pptx_fixes import linear_part_names
from packs.charts import KINDS, chart_data, style
from packs.deck_plan import (
    ASIDE_GAP,
    ASIDE_PT,
    BODY_BOTTOM,
    BODY_TOP,
    CARD_BAND_GAP,
    CARD_BAND_PAD,
    CARD_COLUMN_GAP,
    CARD_GAP,
    CARD_LEFT_W,
    CARD_PTS,
    CARD_SPACE,
    CARDS_GAP,
    CHART_CAPTION_PT,
    CHART_HEADING_PT,
    CHART_NOTE_PT,
    DIVIDER_BOTTOM,
    DIVIDER_INSET,
    DIVIDER_PT,
    DIVIDER_TOP,
    FIGURE_H,
    FOCUS_H,
    FOCUS_TOP,
    KICKER_PT,
    LIST_GAP,
    LIST_INDENT,
    MARGIN,
    NOTE_GAP,
    OPENER_GAP,
    PAPER_COLUMN_GAP,
    PAPER_GAP,
    QUOTE_GAP,
    SLIDE_W,
    STACK_CAPTION_GAP,
    STACK_CAPTION_PT,
    STACK_GAP,
    STACK_HEADING_PT,
    STORY_BOTTOM,
    STORY_SPACING,
    STORY_TOP,
    TEXT_SIZES,
    TITLE_SIZES,
    CardSlide,
    DecisionSlide,
    Divider,
    FigureSlide,
    ListsSlide,
    QuoteSlide,
    SlidePlan,
    StackSlide,
    StoryPart,
    SummarySlide,
    TableSlide,
    TextSlide,
    aside_height,
    card_right_width,
    card_width,
    chart_width,
    fit_size,
    lists_height,
    paper_column_width,
    plan_deck,
    quote_layout,
    shorten,
    summary_width,
    table_column_widths,
)
from packs.properties import set_core_properties
from packs.text_metrics import lines_needed, register, text_width, theme_font
from packs.theme import Look, check_slide_master, open_pptx

#: Height of the section's name above a content slide's title, in inches.
KICKER_H = 0.26

#: Which layout each kind of slide uses (all four names are checked in packs.theme).
LAYOUT_FOR = {
    "title": "Title Slide",
    "divider": "Section Header",
    "bullets": "Title and Content",
    "text": "Title and Content",
}


def write_pptx(pack: Pack, path: Path, look: Look) -> None:
    """Write the deck for ``pack`` to ``path`` in the given look."""
    DeckWriter(look).write(pack, path)


class DeckWriter:
    """One deck in one look: colours, fonts and logo come from the theme, never constants."""

    def __init__(self, look: Look):
        self.look = look
        p = look.palette
        self.accent, self.ink, self.muted = _rgb(p.accent), _rgb(p.ink), _rgb(p.muted)
        self.panel, self.warm, self.on_accent = _rgb(p.panel), _rgb(p.warm), _rgb(p.on_accent)
        self.status = {k: _rgb(v) for k, v in p.status_colours().items()}

    def write(self, pack: Pack, path: Path) -> None:
        self.labels = pack.labels
        prs = open_pptx(self.look, Presentation)
        check_slide_master(self.look, prs)
        linear_part_names(prs)
        layouts = {layout.name: layout for layout in prs.slide_layouts}
        # Planned in the font the deck is drawn in: the look's, else the theme's body font.
        theme = next(
            (
                r.target_part.blob
                for r in prs.slide_master.part.rels.values()
                if r.reltype == RT.THEME
            ),
            b"",
        )
        register(self.look.faces)  # the theme's own fonts, measured from its font files
        self.font = self.look.body_font or theme_font(theme)
        self.heading_font = self.look.heading_font or theme_font(theme, "major")
        for plan in plan_deck(pack, font=self.font, heading_font=self.heading_font):
            slide = prs.slides.add_slide(layouts[LAYOUT_FOR.get(plan.kind, "Title Only")])
            self._draw(slide, plan)
            if plan.kicker:
                self._kicker(slide, plan.kicker, plan.opener)
            _prune_empty_placeholders(slide)
            _british(slide)  # placeholders' runs; the runs we make are marked as they are made
            slide.notes_slide.notes_text_frame.text = plan.notes
        set_core_properties(prs.core_properties, pack, "deck")
        prs.save(str(path))

    def _kicker(self, slide: Slide, text: str, opener: Sequence[str] = ()) -> None:
        """The section's name, small above the title: where the room is in the meeting, for
        the reader, screen readers (a shape named "Section", read right after the title) and
        tools; on a slide that opens its section, the slot and question beside it ("Slot")."""
        title = self._title_shape(slide)
        height = Inches(KICKER_H)
        top = max(Emu(int(Inches(0.02))), Emu(int(title.top) - int(height)))
        frame = self._box(slide, title.left, top, title.width, height)
        frame.margin_top = frame.margin_bottom = Emu(0)
        frame.vertical_anchor = MSO_ANCHOR.BOTTOM
        accent = self.look.brand_accent
        colour = _rgb(accent) if accent is not None else self.accent
        self._run(frame.paragraphs[0], text, size=KICKER_PT, bold=True, colour=colour)
        box = slide.shapes[-1]
        box.name = "Section"
        read_after(box, title)  # the title is read first, then which section it is in
        if not opener:
            return
        # where the name's text ends as drawn (inside the box's margin), then the gap
        left = Emu(
            int(title.left)
            + int(frame.margin_left)
            + int(Inches(text_width(text, self.font, KICKER_PT, bold=True) + OPENER_GAP))
        )
        slot = self._box(slide, left, top, Emu(int(title.left) + int(title.width) - left), height)
        slot.margin_top = slot.margin_bottom = Emu(0)
        slot.margin_left = slot.margin_right = Emu(0)
        slot.word_wrap = False  # planned to fit one line (deck_plan.opener_fits)
        slot.vertical_anchor = MSO_ANCHOR.BOTTOM
        line, *question = opener
        self._run(slot.paragraphs[0], line, size=KICKER_PT, colour=self.muted)
        for words in question:
            self._run(slot.paragraphs[0], f" · {words}", size=KICKER_PT, italic=True)
        slot_box = slide.shapes[-1]
        slot_box.name = "Slot"
        read_after(slot_box, box)

    def _draw(self, slide: Slide, plan: SlidePlan) -> None:
        """Draw the slide its content calls for (the agenda is drawn as any table)."""
        draw = _DRAWERS.get(type(plan.content))
        if draw is None:
            raise RenderError(f"the deck cannot draw a {type(plan.content).__name__} slide")
        draw(self, slide, plan.title, plan.content)

    # --- helpers --------------------------------------------------------------------------

    def _run(
        self,
        paragraph: _Paragraph,
        text: str,
        *,
        size: float,
        bold: bool = False,
        italic: bool = False,
        colour: RGBColor | None = None,
    ) -> None:
        add_run(
            paragraph,
            text,
            size_pt=size,
            colour=str(colour if colour is not None else self.ink),
            bold=bold,
            italic=italic,
            font=self.look.body_font,
        )

    def _title_shape(self, slide: Slide) -> Shape:
        """The slide's title placeholder; a layout without one cannot be used."""
        title = slide.shapes.title
        if title is None:
            raise RenderError(
                f"{self.look.pptx.name} of theme '{self.look.name}': slide layout "
                f"'{slide.slide_layout.name}' has no title placeholder; add one to it in "
                "PowerPoint's Slide Master view"
            )
        return title

    def _body(self, slide: Slide) -> SlidePlaceholder:
        """The layout's body or subtitle placeholder (idx 1); a layout without one cannot be
        used."""
        for placeholder in slide.placeholders:
            if placeholder.placeholder_format.idx == 1:
                return placeholder
        raise RenderError(
            f"{self.look.pptx.name} of theme '{self.look.name}': slide layout "
            f"'{slide.slide_layout.name}' has no body or subtitle placeholder; add one to it in "
            "PowerPoint's Slide Master view"
        )

    def _set_title(self, slide: Slide, text: str) -> None:
        """A content slide's title at the largest size whose lines fit the title box, measured
        in the heading font (bold, to be safe)."""
        title = self._title_shape(slide)
        width = Emu(int(title.width)).inches - 0.2  # inside the placeholder's insets
        size = next(
            (
                pt
                for pt, most in TITLE_SIZES
                if lines_needed(text, width, self.heading_font, pt, bold=True) <= most
            ),
            TITLE_SIZES[-1][0],
        )
        self._title_text(slide, text, size)

    def _title_text(self, slide: Slide, text: str, size: int | None = None) -> None:
        """Put ``text`` in the slide's title in the brand: the heading font and accent when the
        theme or agenda.yaml set them (light text on a dark layout), else the template's."""
        title = self._title_shape(slide)
        title.text = text
        title.text_frame.word_wrap = True
        accent = self.look.brand_accent
        colour = None
        if accent is not None:
            colour = self.on_accent if _dark(slide) else _rgb(accent)
        for para in title.text_frame.paragraphs:
            for run in para.runs:
                if size is not None:
                    run.font.size = Pt(size)
                if self.look.heading_font:
                    run.font.name = self.look.heading_font
                if colour is not None:
                    run.font.color.rgb = colour

    def _box(
        self,
        slide: Slide,
        left: Length,
        top: Length,
        width: Length,
        height: Length,
        *,
        fill: RGBColor | None = None,
        anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
        tight: bool = False,
    ) -> TextFrame:
        """A text container: a filled panel when ``fill`` is given, else a plain text box;
        ``tight``: no inner margins (text placed exactly where the plan measured it)."""
        if fill is None:
            shape = slide.shapes.add_textbox(left, top, width, height)
        else:
            shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width, height)
            shape.fill.solid()
            shape.fill.fore_color.rgb = fill
            shape.line.fill.background()
            shape.shadow.inherit = False
        frame = shape.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = anchor
        frame.margin_left = frame.margin_right = Inches(0.2)
        frame.margin_top = frame.margin_bottom = Inches(0.12)
        left_aligned(frame)  # shapes centre text unless told otherwise
        if tight:
            frame.margin_left = frame.margin_right = Emu(0)
            frame.margin_top = frame.margin_bottom = Emu(0)
        return frame

    def _bottom_box(self, slide: Slide, height: float) -> TextFrame:
        """A full-width text box sitting on the bottom of the body area."""
        return self._box(
            slide,
            Inches(MARGIN),
            Inches(BODY_BOTTOM - height),
            Inches(SLIDE_W - 2 * MARGIN),
            Inches(height),
        )

    def _caption(self, slide: Slide, text: str) -> None:
        frame = self._bottom_box(slide, 0.42)
        frame.margin_left = Emu(0)
        self._run(frame.paragraphs[0], text, size=12, italic=True, colour=self.muted)

    def _notes(
        self,
        frame: TextFrame,
        notes: Sequence[Note],
        width: float,
        height: float,
        sizes: tuple[int, ...],
        space_pt: int,
    ) -> None:
        """Write notes into ``frame`` at the largest of ``sizes`` that fits the box."""
        size = fit_size(" ".join(n.text for n in notes), width, height, sizes)
        for n, note in enumerate(notes):
            para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
            para.space_after = Pt(space_pt)
            self._note(para, note, size=size)

    def _note(self, paragraph: _Paragraph, note: Note, *, size: float, dark: bool = False) -> None:
        """A note, a caution with its label; light on a dark layout."""
        label = self.on_accent if dark else self.warm
        if note.kind == "caution":
            self._run(paragraph, self.labels.caution + " ", size=size, bold=True, colour=label)
        self._run(paragraph, note.text, size=size, colour=self.on_accent if dark else None)

    # --- slide kinds ----------------------------------------------------------------------

    def _title(self, slide: Slide, title: str, cover: Cover) -> None:
        self._title_text(slide, title)
        details = [cover.organisation, cover.date_label]
        if cover.location:
            details.append(cover.location)
        self._body(slide).text = " · ".join(details)
        frame = self._box(
            slide, Inches(MARGIN), Inches(6.5), Inches(SLIDE_W - 2 * MARGIN), Inches(0.7)
        )
        para = frame.paragraphs[0]
        para.alignment = PP_ALIGN.CENTER
        colour = self.on_accent if _dark(slide) else self.muted
        self._run(para, cover.confidentiality, size=11, colour=colour)
        if self.look.logo is not None:
            picture = slide.shapes.add_picture(
                str(self.look.logo),
                Inches(SLIDE_W - MARGIN - 2.0),
                Inches(0.35),
                height=Inches(0.8),
            )
            if picture.width > Inches(2.4):  # a wide logo: keep it in its corner
                scale = Inches(2.4) / picture.width
                picture.width = Emu(int(picture.width * scale))
                picture.height = Emu(int(picture.height * scale))
                picture.left = Emu(int(Inches(SLIDE_W - MARGIN) - picture.width))
            picture.name = "Logo"
            alt_text(picture, self.labels.logo.format(organisation=cover.organisation))

    def _divider(self, slide: Slide, title: str, divider: Divider) -> None:
        slot = divider.slot
        self._title_text(slide, f"{slot.number}. {title}")
        placeholder = self._body(slide)
        grown = divider.focus_h > FOCUS_H  # taller than the layout's box: as tall as measured
        if grown:
            placeholder.left, placeholder.top = Inches(DIVIDER_INSET), Inches(FOCUS_TOP)
            placeholder.width = Inches(SLIDE_W - 2 * DIVIDER_INSET)
            placeholder.height = Inches(divider.focus_h)
        body = placeholder.text_frame
        body.text = divider.focus or slot.focus
        body.vertical_anchor = MSO_ANCHOR.TOP
        body.word_wrap = True
        for para in body.paragraphs:
            if grown:
                para.space_before = Pt(0)  # its lines only, as measured
            for run in para.runs:
                run.font.size = Pt(divider.focus_pt)
        dark = _dark(slide)
        top = divider.top or DIVIDER_TOP  # below what the question takes
        frame = self._box(
            slide,
            Inches(DIVIDER_INSET),
            Inches(top),
            Inches(SLIDE_W - 2 * DIVIDER_INSET),
            Inches(DIVIDER_BOTTOM - top),
        )
        frame.margin_left = Emu(0)
        self._run(
            frame.paragraphs[0],
            divider.slot_line,
            size=DIVIDER_PT,
            bold=True,
            colour=self.on_accent if dark else self.accent,
        )
        extra = divider.empty or divider.intro
        if extra:
            para = frame.add_paragraph()
            para.space_before = Pt(10)
            colour = self.on_accent if dark else (self.warm if divider.empty else self.ink)
            self._run(para, extra, size=DIVIDER_PT, italic=bool(divider.empty), colour=colour)
        for n, note in enumerate(divider.notes):  # the section's opening notes and cautions
            para = frame.add_paragraph()
            para.space_before = Pt(10 if n == 0 else 4)
            self._note(para, note, size=divider.note_pt, dark=dark)

    def _narrative(self, slide: Slide, title: str, part: StoryPart) -> None:
        story = part.narrative
        self._set_title(slide, title)
        top, bottom = STORY_TOP, STORY_BOTTOM
        frame = self._box(
            slide,
            Inches(MARGIN),
            Inches(top),
            Inches(SLIDE_W - 2 * MARGIN),
            Inches(bottom - top),
            fill=self.panel,
        )
        self._run(frame.paragraphs[0], part.text, size=part.pt)
        frame.paragraphs[0].line_spacing = STORY_SPACING
        who = self._bottom_box(slide, 0.85)
        who.margin_left = Inches(0.2)
        name = shorten(story.customer, 160)
        size = fit_size(name, SLIDE_W - 2 * MARGIN - 0.4, 0.45, (18, 14, 12, 10))
        self._run(who.paragraphs[0], name, size=size, bold=True, colour=self.accent)
        detail = story.attribution + (
            " " + self.labels.theme.format(theme=story.theme) if story.theme else ""
        )
        self._run(who.add_paragraph(), shorten(detail, 160), size=min(14, size), colour=self.muted)

    def _quotes(self, slide: Slide, title: str, content: QuoteSlide) -> None:
        quotes = content.quotes
        self._set_title(slide, title)
        aside = content.aside
        room = aside_height(aside, self.font) if aside is not None else 0.0
        if content.figures is not None:
            self._cards(slide, content.figures, content.cards_h, 28)
        bottom = BODY_BOTTOM - (room + ASIDE_GAP if aside else 0.0)
        layout = quote_layout(quotes, bottom, content.top)
        for n, quote in enumerate(quotes):
            left = MARGIN + (n % layout.cols) * (layout.width + QUOTE_GAP)
            top = layout.top + (n // layout.cols) * (layout.height + QUOTE_GAP)
            frame = self._box(
                slide,
                Inches(left),
                Inches(top),
                Inches(layout.width),
                Inches(layout.height),
                fill=self.panel,
            )
            self._run(frame.paragraphs[0], f"“{quote.text}”", size=layout.size, italic=True)
            para = frame.add_paragraph()
            para.space_before = Pt(8)
            self._run(para, quote.attribution, size=12, colour=self.muted)
        if aside is not None:  # the short list that follows the quotes, beneath them
            top = layout.bottom(len(quotes)) + ASIDE_GAP
            frame = self._box(
                slide, Inches(MARGIN), Inches(top), Inches(SLIDE_W - 2 * MARGIN), Inches(room)
            )
            frame.margin_left = Emu(0)
            self._run(
                frame.paragraphs[0], aside.title, size=ASIDE_PT, bold=True, colour=self.accent
            )
            for item in aside.items:
                para = frame.add_paragraph()
                para.space_before = Pt(6)
                self._run(para, item, size=ASIDE_PT)

    def _figures(self, slide: Slide, title: str, content: FigureSlide) -> None:
        figures, notes = content.figures, content.notes
        self._set_title(slide, title)
        if content.charts:
            self._dashboard(slide, content)
            return
        height = FIGURE_H
        self._cards(slide, figures, height, 40)
        if notes:
            top = BODY_TOP + height + 0.35
            frame = self._box(
                slide,
                Inches(MARGIN),
                Inches(top),
                Inches(SLIDE_W - 2 * MARGIN),
                Inches(BODY_BOTTOM - top),
            )
            frame.margin_left = Emu(0)
            self._notes(frame, notes, SLIDE_W - 2 * MARGIN, BODY_BOTTOM - top, (16, 14, 12), 6)

    def _dashboard(self, slide: Slide, content: FigureSlide) -> None:
        """Compact figure cards, the charts side by side under their findings, the notes
        beneath."""
        self._cards(slide, content.figures, content.cards_h, 28)
        count = len(content.charts)
        width = chart_width(count)
        top = content.chart_top
        bottom = content.chart_bottom - content.caption_h
        lefts = [MARGIN + n * (width + STACK_GAP) for n in range(count)]
        chart_top = top + content.heading_h
        # row by row, left to right: the reading order a screen reader follows
        for left, spec in zip(lefts, content.charts, strict=True):
            frame = self._box(
                slide,
                Inches(left),
                Inches(top),
                Inches(width),
                Inches(content.heading_h),
                tight=True,
            )
            self._run(
                frame.paragraphs[0],
                spec.finding or spec.title,
                size=CHART_HEADING_PT,
                bold=True,
                colour=self.accent,
            )
        for left, spec in zip(lefts, content.charts, strict=True):
            self._chart_frame(slide, spec, left, chart_top, width, bottom - chart_top, 12)
        for left, spec in zip(lefts, content.charts, strict=True):
            if spec.caption:
                box = self._box(
                    slide, Inches(left), Inches(bottom), Inches(width), Inches(content.caption_h)
                )
                box.margin_left = box.margin_right = Emu(0)
                box.margin_top = Inches(0.05)
                box.margin_bottom = Emu(0)
                self._run(
                    box.paragraphs[0],
                    spec.caption,
                    size=CHART_CAPTION_PT,
                    italic=True,
                    colour=self.muted,
                )
        if content.notes:
            below = content.chart_bottom + NOTE_GAP
            self._shared_notes(slide, content.notes, below, content.notes_h, CHART_NOTE_PT)

    def _cards(self, slide: Slide, figures: Figures, height: float, big: int) -> None:
        """A row of figure cards at the body's top, ``height`` tall, values at ``big`` pt
        (compact cards, at the sizes their height was measured in, when ``big`` is theirs)."""
        width = card_width(len(figures.items))
        detail_pt = CARD_PTS[2] if big == CARD_PTS[1] else 12
        for n, figure in enumerate(figures.items):
            left = MARGIN + n * (width + CARD_GAP)
            frame = self._box(
                slide,
                Inches(left),
                Inches(BODY_TOP),
                Inches(width),
                Inches(height),
                fill=self.panel,
            )
            self._run(frame.paragraphs[0], figure.label, size=14, colour=self.muted)
            value_size = big if len(figure.value) <= 8 else 28
            self._run(
                frame.add_paragraph(), figure.value, size=value_size, bold=True, colour=self.accent
            )
            if figure.detail or figure.status:
                para = frame.add_paragraph()
                self._run(para, figure.detail, size=detail_pt)
                if figure.status:
                    self._run(
                        para,
                        f" · {figure.status}",
                        size=detail_pt,
                        bold=True,
                        colour=self.status.get(figure.status, self.ink),
                    )

    def _stack(self, slide: Slide, title: str, content: StackSlide) -> None:
        """Small tables one under another, below the figure cards if any."""
        self._set_title(slide, title)
        top = BODY_TOP
        if content.figures is not None:
            self._cards(slide, content.figures, content.cards_h, 28)
            top += content.cards_h + CARDS_GAP
        captions = content.caption_hs or tuple(0.0 for _ in content.tables)
        rows = zip(content.tables, content.headings, captions, strict=True)
        for n, (part, heading, caption_h) in enumerate(rows):
            if n:
                top += STACK_GAP
            if heading:
                frame = self._box(
                    slide,
                    Inches(MARGIN),
                    Inches(top),
                    Inches(SLIDE_W - 2 * MARGIN),
                    Inches(content.heading_h),
                    tight=True,
                )
                self._run(
                    frame.paragraphs[0],
                    heading,
                    size=STACK_HEADING_PT,
                    bold=True,
                    colour=self.accent,
                )
                top += content.heading_h
            self._grid(slide, part, top)
            top += sum(part.heights)
            if part.table.caption:  # right beneath its own table
                box = self._box(
                    slide,
                    Inches(MARGIN),
                    Inches(top + STACK_CAPTION_GAP),
                    Inches(SLIDE_W - 2 * MARGIN),
                    Inches(caption_h - STACK_CAPTION_GAP),
                    tight=True,
                )
                self._run(
                    box.paragraphs[0],
                    part.table.caption,
                    size=STACK_CAPTION_PT,
                    italic=True,
                    colour=self.muted,
                )
            top += caption_h

    def _table(self, slide: Slide, title: str, content: TableSlide) -> None:
        table = content.table
        self._set_title(slide, title)
        heights = content.heights or tuple(0.4 for _ in range(len(table.rows) + 1))
        top = BODY_TOP
        if content.before:  # the section's short notes, under the title and above the table
            self._shared_notes(slide, content.before, top, content.before_h, content.note_pt)
            top += content.before_h + NOTE_GAP
        self._grid(slide, content, top)
        if content.after:  # the notes that follow the table, beneath it
            below = top + sum(heights) + NOTE_GAP
            self._shared_notes(slide, content.after, below, content.after_h, content.note_pt)
        if content.lists:  # the short lists that follow the table, beneath it
            below = top + sum(heights) + NOTE_GAP
            self._list_box(slide, content.lists, content.lists_pt, below, content.lists_h)
        if table.caption:
            self._caption(slide, table.caption)

    def _grid(self, slide: Slide, content: TableSlide, top: float, left: float = MARGIN) -> None:
        """The table part ``content`` at ``top`` (and ``left``), as wide as its planned columns
        (the body's width unless planned narrower), in its planned sizes."""
        table, pt = content.table, content.pt
        widths = content.widths or table_column_widths(table, pt)
        heights = content.heights or tuple(0.4 for _ in range(len(table.rows) + 1))
        shape = slide.shapes.add_table(
            len(table.rows) + 1,
            len(table.columns),
            Inches(left),
            Inches(top),
            Inches(sum(widths)),
            Inches(sum(heights)),
        )
        shape.name = table.title
        grid = shape.table
        grid.first_row = True
        grid.horz_banding = True
        for i, width in enumerate(widths):
            grid.columns[i].width = Inches(width)
        for r, height in enumerate(heights):
            grid.rows[r].height = Inches(height)
        for c, name in enumerate(table.columns):
            self._cell(
                grid.cell(0, c),
                name,
                pt=pt,
                bold=True,
                colour=self.on_accent,
                fill=self.accent,
                right=c in table.numeric_columns,
            )
        for r, values in enumerate(table.rows, 1):
            for c, value in enumerate(values):
                is_status = c == table.status_column
                self._cell(
                    grid.cell(r, c),
                    value,
                    pt=pt,
                    bold=is_status,
                    colour=self.status.get(value, self.ink) if is_status else self.ink,
                    fill=self.panel if r % 2 == 0 else None,
                    right=c in table.numeric_columns,
                )

    def _shared_notes(
        self, slide: Slide, notes: Sequence[Note], top: float, height: float, size: int
    ) -> None:
        """Notes across the body at their planned size, in a box of their measured height."""
        frame = self._box(
            slide,
            Inches(MARGIN),
            Inches(top),
            Inches(SLIDE_W - 2 * MARGIN),
            Inches(height),
            tight=True,
        )
        for n, note in enumerate(notes):
            para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
            para.space_after = Pt(6)
            self._note(para, note, size=size)

    def _cell(
        self,
        cell: _Cell,
        text: str,
        *,
        pt: int,
        bold: bool,
        colour: RGBColor,
        fill: RGBColor | None,
        right: bool,
    ) -> None:
        fill_cell(
            cell,
            text,
            size_pt=pt,
            colour=str(colour),
            bold=bold,
            font=self.look.body_font,
            right=right,
            fill=str(fill) if fill is not None else None,
            side_emu=CELL_SIDE,
            end_emu=CELL_END,
        )

    def _bullets(self, slide: Slide, title: str, bullets: Bullets) -> None:
        self._set_title(slide, title)
        frame = self._body(slide).text_frame
        frame.word_wrap = True
        size = fit_size(
            " ".join(bullets.items),
            SLIDE_W - 2 * MARGIN - 0.5,
            BODY_BOTTOM - BODY_TOP,
            (18, 16, 14),
        )
        for n, item in enumerate(bullets.items):
            para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
            para.space_after = Pt(6)
            self._run(para, item, size=size)

    def _lists(self, slide: Slide, title: str, content: ListsSlide) -> None:
        """Lists one under another, each heading over its bulleted points."""
        self._set_title(slide, title)
        height = lists_height(content.lists, content.pt, self.font)
        self._list_box(slide, content.lists, content.pt, BODY_TOP, height)

    def _list_box(
        self, slide: Slide, lists: Sequence[Bullets], pt: int, top: float, height: float
    ) -> None:
        """Lists one under another at ``top``, each heading over its bulleted points."""
        frame = self._box(
            slide,
            Inches(MARGIN),
            Inches(top),
            Inches(SLIDE_W - 2 * MARGIN),
            Inches(height),
            tight=True,
        )
        self._write_lists(frame, lists, pt, first=True)

    def _write_lists(
        self, frame: TextFrame, lists: Sequence[Bullets], pt: int, *, first: bool
    ) -> None:
        """Lists into ``frame``, each heading over its bulleted points (``first``: the frame's
        empty first paragraph takes the first heading)."""
        for bullets in lists:
            para = frame.paragraphs[0] if first else frame.add_paragraph()
            if not first:
                para.space_before = Pt(LIST_GAP * 72)
            first = False
            para.space_after = Pt(4)
            self._run(para, bullets.title, size=pt, bold=True, colour=self.accent)
            for item in bullets.items:
                point = frame.add_paragraph()
                point.space_after = Pt(4)
                _bulleted(point, Inches(LIST_INDENT))
                self._run(point, item, size=pt)

    def _summary(self, slide: Slide, title: str, content: SummarySlide) -> None:
        """The month in brief on the left (the customer first, then its headed lists), the
        compact agenda on the right."""
        self._set_title(slide, title)
        width = summary_width(beside=content.agenda is not None)
        frame = self._box(
            slide,
            Inches(MARGIN),
            Inches(BODY_TOP),
            Inches(width),
            Inches(content.height),
            tight=True,
        )
        opening = frame.paragraphs[0]
        opening.space_after = Pt(8)
        self._run(opening, content.summary.customer, size=content.pt, bold=True)
        self._write_lists(frame, content.parts, content.pt, first=False)
        if content.agenda is not None:
            left = SLIDE_W - MARGIN - sum(content.agenda.widths)
            self._grid(slide, content.agenda, BODY_TOP, left)

    def _card(self, slide: Slide, title: str, content: CardSlide) -> None:
        """A theme card: the trend and the owner in a band (a theme nobody owns in the warning
        colour), what customers said on the left, the service levels, actions and colleagues'
        words on the right, each part's heading over its points."""
        self._set_title(slide, title)
        card, pt = content.card, content.pt
        band = self._box(
            slide,
            Inches(MARGIN),
            Inches(BODY_TOP),
            Inches(SLIDE_W - 2 * MARGIN),
            Inches(content.band_h),
            fill=self.panel,
        )
        band.margin_left = band.margin_right = Inches(CARD_BAND_PAD)
        self._run(band.paragraphs[0], card.trend, size=pt)
        owner = band.add_paragraph()
        owner.space_before = Pt(4)
        colour = self.warm if card.owner.alert else self.accent
        self._run(owner, card.owner.text, size=pt, bold=True, colour=colour)
        top = BODY_TOP + content.band_h + CARD_BAND_GAP
        columns = (
            (MARGIN, CARD_LEFT_W, content.left_h, content.left),
            (
                MARGIN + CARD_LEFT_W + CARD_COLUMN_GAP,
                card_right_width(),
                content.right_h,
                content.right,
            ),
        )
        for left, width, height, parts in columns:
            frame = self._box(
                slide, Inches(left), Inches(top), Inches(width), Inches(height), tight=True
            )
            for n, (part, more) in enumerate(parts):
                self._card_part(frame, part, more, pt, first=n == 0)

    def _card_part(
        self, frame: TextFrame, part: CardPart, more: int, pt: int, *, first: bool
    ) -> None:
        """One part of a theme card: its heading, then its lines (each status in bold, in its
        colour), its quotes (italic, attributed), or what it says when it has none; last, how
        many more the Word pack has."""
        para = frame.paragraphs[0] if first else frame.add_paragraph()
        if not first:
            para.space_before = Pt(LIST_GAP * 72)
        para.space_after = Pt(CARD_SPACE * 72)
        self._run(para, part.heading, size=pt, bold=True, colour=self.accent)

        def point() -> _Paragraph:
            item = frame.add_paragraph()
            item.space_after = Pt(CARD_SPACE * 72)
            _bulleted(item, Inches(LIST_INDENT))
            return item

        if not part.count and not more:
            self._run(point(), part.empty, size=pt, italic=True, colour=self.muted)
        for line in part.lines:
            item = point()
            self._run(item, line.text, size=pt)
            if line.status:
                colour = self.warm if line.alert else self.status.get(line.status, self.ink)
                self._run(item, f" · {line.status}", size=pt, bold=True, colour=colour)
        for quote in part.quotes:
            item = point()
            self._run(item, f"“{quote.text}”", size=pt, italic=True)
            self._run(item, f" ({quote.attribution})", size=pt, colour=self.muted)
        if more:
            text = self.labels.more.format(count=more)
            self._run(point(), text, size=pt, italic=True, colour=self.muted)

    def _decision(self, slide: Slide, title: str, content: DecisionSlide) -> None:
        """A decision's paper: the ask under the title, the context, then its parts in one
        or two columns, each part's label over its text (options as a list), all at the
        planned size and heights."""
        self._set_title(slide, title)
        paper, pt = content.paper, content.pt
        width = SLIDE_W - 2 * MARGIN
        top = BODY_TOP
        ask = self._box(
            slide, Inches(MARGIN), Inches(top), Inches(width), Inches(content.ask_h), tight=True
        )
        self._run(ask.paragraphs[0], paper.ask, size=pt, bold=True, colour=self.accent)
        top += content.ask_h + PAPER_GAP
        if paper.context or paper.bare:
            context = self._box(
                slide,
                Inches(MARGIN),
                Inches(top),
                Inches(width),
                Inches(content.context_h),
                tight=True,
            )
            if paper.context:
                self._run(context.paragraphs[0], paper.context, size=pt)
            else:
                self._run(
                    context.paragraphs[0], paper.bare, size=pt, italic=True, colour=self.muted
                )
        columns = [side for side in (content.left, content.right) if side]
        column = paper_column_width(len(columns)) if columns else width
        for n, parts in enumerate(columns):
            left = MARGIN + n * (column + PAPER_COLUMN_GAP)
            frame = self._box(
                slide,
                Inches(left),
                Inches(content.parts_top),
                Inches(column),
                Inches(content.parts_h),
                tight=True,
            )
            for k, part in enumerate(parts):
                head = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
                if k:
                    head.space_before = Pt(LIST_GAP * 72)
                head.space_after = Pt(4)
                self._run(head, part.title, size=pt, bold=True, colour=self.accent)
                for item in part.items:
                    point = frame.add_paragraph()
                    point.space_after = Pt(4)
                    if len(part.items) > 1:
                        _bulleted(point, Inches(LIST_INDENT))
                    self._run(point, item, size=pt)
        if content.shortened:
            self._caption(slide, self.labels.shortened)

    def _text(self, slide: Slide, title: str, content: TextSlide) -> None:
        notes = content.notes
        self._set_title(slide, title)
        frame = self._body(slide).text_frame
        frame.word_wrap = True
        width, height = SLIDE_W - 2 * MARGIN - 0.5, BODY_BOTTOM - BODY_TOP - 0.3
        self._notes(frame, notes, width, height, TEXT_SIZES, 10)

    def _chart(self, slide: Slide, title: str, spec: Chart) -> None:
        self._set_title(slide, title)
        bottom = BODY_BOTTOM - (0.45 if spec.caption else 0)
        width = SLIDE_W - 2 * MARGIN
        self._chart_frame(slide, spec, MARGIN, BODY_TOP, width, bottom - BODY_TOP, 14)
        if spec.caption:
            self._caption(slide, spec.caption)

    def _chart_frame(
        self,
        slide: Slide,
        spec: Chart,
        left: float,
        top: float,
        width: float,
        height: float,
        font_pt: int,
    ) -> None:
        """A native chart in the box given (in), named and described for screen readers."""
        # python-pptx 1.0.2 annotates add_chart as taking the deprecated ChartData and returning
        # a Chart; it takes any CategoryChartData and returns the GraphicFrame holding the chart
        # (as its own docstring says).
        frame: GraphicFrame = slide.shapes.add_chart(  # type: ignore[assignment]
            KINDS[spec.kind],
            Inches(left),
            Inches(top),
            Inches(width),
            Inches(height),
            chart_data(spec),  # type: ignore[arg-type]
        )
        frame.name = spec.title
        alt_text(frame, spec.alt_text)
        style(frame.chart, spec, self.look.palette, font_pt=font_pt)


CELL_SIDE = Inches(0.06)
CELL_END = Inches(0.03)


#: How each kind of planned slide is drawn, by the type of its content.
_DRAWERS: dict[type, Callable[[DeckWriter, Slide, str, Any], None]] = {
    Cover: DeckWriter._title,
    Divider: DeckWriter._divider,
    StoryPart: DeckWriter._narrative,
    QuoteSlide: DeckWriter._quotes,
    FigureSlide: DeckWriter._figures,
    TableSlide: DeckWriter._table,
    StackSlide: DeckWriter._stack,
    Bullets: DeckWriter._bullets,
    ListsSlide: DeckWriter._lists,
    TextSlide: DeckWriter._text,
    SummarySlide: DeckWriter._summary,
    CardSlide: DeckWriter._card,
    DecisionSlide: DeckWriter._decision,
    Chart: DeckWriter._chart,
}


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour)


def _bulleted(paragraph: _Paragraph, indent: Length) -> None:
    """Mark ``paragraph`` as a bulleted point, hanging ``indent`` from the text's left."""
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.set("marL", str(int(indent)))
    p_pr.set("indent", str(-int(indent)))
    p_pr.append(p_pr.makeelement(qn("a:buChar"), {"char": "•"}))


def _dark(slide: Slide) -> bool:
    """True when the slide's layout paints a solid dark background (text goes light)."""
    fill = slide.slide_layout.background.fill
    try:
        colour = fill.fore_color.rgb
    except (AttributeError, TypeError):
        return False
    r, g, b = colour[0], colour[1], colour[2]
    return (0.299 * r + 0.587 * g + 0.114 * b) < 128


def _british(slide: Slide) -> None:
    """Mark the placeholders' runs as British English (spelling and screen readers)."""
    for shape in slide.placeholders:
        frames = [shape.text_frame] if shape.has_text_frame else []
        for frame in frames:
            for para in frame.paragraphs:
                for run in para.runs:
                    run.font.language_id = MSO_LANGUAGE_ID.ENGLISH_UK


def _prune_empty_placeholders(slide: Slide) -> None:
    """Remove placeholders left empty, so no 'Click to add text' ever shows."""
    for shape in list(slide.placeholders):
        if shape.has_text_frame and not shape.text_frame.text.strip():
            remove_shape(shape)
