"""Lay a Pack out as one self-contained, accessible HTML page: the pack on an intranet or a phone.

The page follows the Word pack: the cover, the month in brief, the agenda, each section in the
fixed order (the Customer's stories first), the action log and the appendix, with the Word
pack's headings one level down (its Title is the page's ``<h1>``, its Heading 1 an ``<h2>``, its
Heading 2 an ``<h3>``). "For the room" is the deck's alone, as in the Word pack.

Self-contained: the styles, the theme's colours and fonts (as CSS variables) and the logo (a
``data:`` URI) are inside the page, the charts are inline SVG (``packs.svg_charts``), and nothing
is fetched from elsewhere; no script is needed, or present. Every text from the Pack is escaped,
so a link or markup typed into the data shows as typed and never becomes live.

``html_document`` returns the page as a string (``agenda serve`` serves it as it is); the file
``write_html`` writes is that string.
"""

from __future__ import annotations

import base64
import functools
import re
from importlib import resources
from pathlib import Path

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
    Narrative,
    Note,
    Pack,
    Quote,
    Section,
    Summary,
    Table,
    ThemeCard,
)
from packs._markup import esc, start, tag, void
from packs.svg_charts import chart_svg
from packs.text_metrics import DEFAULT_FONT, known_fonts
from packs.theme import Look, Palette

#: The page's language, as the Word pack and the deck declare it.
LANGUAGE = "en-GB"
#: The page's styles (after the theme's colours and fonts, set as CSS variables).
STYLESHEET = "html_pack.css"
#: Fonts (Office names and the open fonts with their metrics) that are serif or monospaced; the
#: rest fall back to sans-serif.
SERIF = frozenset({"caladea", "gelasio", "liberation serif", "georgia", "cambria"})
MONO = frozenset({"liberation mono", "courier new"})
#: A logo's type, by its first bytes (the loader has checked it is PNG, JPEG or GIF).
IMAGE_TYPES = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"))
_HEX = re.compile(r"[0-9A-Fa-f]{6}")
NL = "\n"


def html_document(pack: Pack, look: Look) -> str:
    """The whole HTML page of ``pack`` in ``look``, as a string."""
    return HtmlWriter(look).document(pack)


def write_html(pack: Pack, path: Path, look: Look) -> None:
    """Write the HTML page of ``pack`` to ``path`` (a temporary file the build renames)."""
    path.write_text(html_document(pack, look), encoding="utf-8", newline="\n")


def paragraphs(value: str, cls: str | None = None) -> str:
    """Text that may hold blank lines (paragraphs) and line breaks, as escaped paragraphs."""
    parts = [p for p in re.split(r"\n\s*\n", value.strip()) if p.strip()] or [""]
    return "".join(
        tag("p", void("br").join(esc(line) for line in part.splitlines()), class_=cls) + NL
        for part in parts
    )


def slug(value: str) -> str:
    """A status or kind as a class name ("On track" → "on-track")."""
    return re.sub(r"[^a-z0-9]+", "-", value.casefold()).strip("-")


@functools.cache
def stylesheet() -> str:
    """The page's styles, shipped beside this module."""
    return resources.files("packs").joinpath(STYLESHEET).read_text(encoding="utf-8")


class HtmlWriter:
    """One HTML page in one look."""

    def __init__(self, look: Look):
        self.look = look
        self.palette = look.palette
        self.out: list[str] = []
        self.count = 0
        self.body_font = look.body_font or DEFAULT_FONT

    def document(self, pack: Pack) -> str:
        self.out, self.count = [], 0
        self.labels = pack.labels
        cover = pack.cover
        title = cover.document_title
        subject = pack.labels.subject.format(kind="pack", period=cover.period_label)
        head = [
            void("meta", charset="utf-8"),
            void("meta", name="viewport", content="width=device-width, initial-scale=1"),
            tag("title", esc(title)),
            void("meta", name="description", content=subject),
            tag("style", NL, self._css()),
        ]
        self._add(
            "<!DOCTYPE html>\n",
            start("html", lang=LANGUAGE) + NL,
            tag("head", NL, *(h + NL for h in head)),
            "\n<body>\n",
            tag("a", esc(pack.labels.skip), class_="skip", href="#main"),
            NL,
        )
        self._cover(pack)
        self._nav(pack)
        self._add(start("main", id="main", tabindex="-1"), NL)
        if pack.summary is not None:
            self._summary(pack.summary)
        self._agenda(pack)
        for section in pack.sections:
            self._section(section)
        if pack.actions is not None:
            self._actions(pack.actions)
        self._open("appendix", pack.labels.appendix)
        for block in pack.appendix:
            self._block(block)
        self._add("</section>\n</main>\n")
        footer = pack.labels.page_footer.format(
            organisation=cover.organisation, period=cover.period_label
        )
        self._add(tag("footer", tag("p", esc(footer))), "\n</body>\n</html>\n")
        return "".join(self.out)

    # --- helpers --------------------------------------------------------------------------

    def _add(self, *parts: str) -> None:
        self.out.extend(parts)

    def _id(self, prefix: str = "h") -> str:
        self.count += 1
        return f"{prefix}-{self.count}"

    def _heading(self, level: int, value: str, ident: str | None = None) -> str:
        """Add a heading; return its id (for what it labels)."""
        ident = ident or self._id()
        self._add(tag(f"h{level}", esc(value), id=ident), NL)
        return ident

    def _open(self, ident: str, title: str, cls: str = "part") -> None:
        """Open a part of the page: a section landmark named by its second-level heading."""
        self._add(start("section", id=ident, class_=cls, aria_labelledby=f"{ident}-h"), NL)
        self._heading(2, title, f"{ident}-h")

    def _p(self, value: str, cls: str | None = None) -> None:
        self._add(tag("p", esc(value), class_=cls), NL)

    def _list(self, items: tuple[str, ...]) -> None:
        self._add(tag("ul", NL, *(tag("li", esc(item)) + NL for item in items)), NL)

    # --- parts of the pack ----------------------------------------------------------------

    def _cover(self, pack: Pack) -> None:
        cover, labels = pack.cover, pack.labels
        inner = []
        logo = self._logo()
        if logo:
            alt = labels.logo.format(organisation=cover.organisation)
            inner.append(void("img", class_="logo", src=logo, alt=alt))
        inner += [
            tag("h1", esc(cover.title)),
            tag("p", esc(cover.subtitle), class_="subtitle"),
            tag("p", esc(cover.details), class_="details"),
        ]
        if cover.attendees:
            who = tag("strong", esc(labels.attending)) + " " + esc(", ".join(cover.attendees))
            inner.append(tag("p", who, class_="attending"))
        inner.append(tag("p", esc(cover.confidentiality), class_="confidential"))
        if cover.order_line:
            inner.append(tag("p", esc(cover.order_line), class_="order"))
        body = tag("div", NL, *(part + NL for part in inner), class_="wrap")
        self._add(tag("header", NL, body, NL, class_="cover"), NL)

    def _logo(self) -> str:
        """The look's logo as a data: URI, or ""."""
        if self.look.logo is None:
            return ""
        try:
            data = self.look.logo.read_bytes()
        except OSError as exc:
            raise RenderError(f"cannot read the logo {self.look.logo}: {exc.strerror}") from None
        kind = next((k for magic, k in IMAGE_TYPES if data.startswith(magic)), "image/gif")
        return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"

    def _nav(self, pack: Pack) -> None:
        entries = []
        if pack.summary is not None:
            entries.append(("in-brief", pack.summary.title, ""))
        entries.append(("agenda", pack.agenda_table.title, ""))
        for section in pack.sections:
            entries.append((section.key, section.title, section.slot.times))
        if pack.actions is not None:
            entries.append(("actions", pack.actions.slot.title, pack.actions.slot.times))
        entries.append(("appendix", pack.labels.appendix, ""))
        items = []
        for ident, title, times in entries:
            when = " " + tag("span", esc(times), class_="when") if times else ""
            items.append(tag("li", tag("a", esc(title), href=f"#{ident}"), when) + NL)
        name = tag("p", esc(pack.labels.contents), id="contents", class_="nav-title")
        body = tag("div", NL, name, NL, tag("ol", NL, *items), NL, class_="wrap")
        self._add(tag("nav", NL, body, NL, aria_labelledby="contents"), NL)

    def _summary(self, summary: Summary) -> None:
        self._open("in-brief", summary.title, "part in-brief")
        self._p(summary.customer, "customer-first")
        for part in summary.parts:
            self._p(part.title, "lead")
            self._list(part.items)
        self._add("</section>\n")

    def _agenda(self, pack: Pack) -> None:
        self._open("agenda", pack.agenda_table.title)
        self._table(pack.agenda_table, "agenda-h")
        if pack.consent:
            self._p(pack.consent, "consent")
        for warning in pack.agenda_warnings:
            self._p(pack.labels.timing.format(warning=warning.message), "callout")
        self._add("</section>\n")

    def _slot(self, sentence: str, focus: str) -> None:
        self._p(sentence, "slot")
        self._p(focus, "focus")

    def _section(self, section: Section) -> None:
        self._open(section.key, section.title, f"part section {slug(section.key)}")
        self._slot(section.cues.slot_sentence, section.slot.focus)
        for block in section.blocks:
            self._block(block)
        self._questions(section.questions)
        self._add("</section>\n")

    def _actions(self, log: ActionLog) -> None:
        self._open("actions", log.slot.title, "part section actions")
        self._slot(log.cues.slot_sentence, log.slot.focus)
        self._p(log.summary)
        for block in log.blocks:
            self._block(block)
        self._questions(log.questions)
        self._add("</section>\n")

    def _questions(self, questions: tuple[str, ...]) -> None:
        if not questions:
            return
        self._add(start("div", class_="questions"), NL)
        self._heading(3, self.labels.questions)
        self._list(questions)
        self._add("</div>\n")

    # --- blocks ---------------------------------------------------------------------------

    def _block(self, block: Block) -> None:
        if isinstance(block, Table | Chart) and not block.word:
            return  # a deck-only copy: the page, like the Word pack, shows the whole block
        match block:
            case Narrative():
                self._story(block)
            case Quote():
                words = tag("blockquote", tag("p", esc(f"“{block.text}”")))
                said = tag("figcaption", esc(f"— {block.attribution}"))
                self._add(tag("figure", words, said, class_=f"quote {slug(block.tone)}"), NL)
            case Figures():
                self._heading(3, block.title)
                self._finding(block.finding)
                self._figures(block)
            case Table():
                heading = self._heading(3, block.title)
                self._finding(block.finding)
                self._table(block, heading)
            case Bullets():
                if block.title:
                    self._heading(3, block.title)
                self._list(block.items)
            case Chart():
                self._heading(3, block.title)
                self._finding(block.finding)
                svg = chart_svg(block, self.palette, self._id("chart"), self.body_font)
                caption = tag("figcaption", esc(block.caption)) if block.caption else ""
                self._add(tag("figure", svg, caption, class_="chart-figure"), NL)
            case ThemeCard():
                self._card(block)
            case DecisionPaper():
                self._paper(block)
            case Note():
                if block.kind == "caution":
                    lead = tag("strong", esc(self.labels.caution))
                    self._add(tag("p", lead, " ", esc(block.text), class_="callout caution"), NL)
                elif block.kind == "empty":
                    self._add(paragraphs(block.text, "callout empty"))
                else:
                    self._add(paragraphs(block.text))
            case _:
                raise RenderError(f"the HTML writer cannot place a {type(block).__name__} block")

    def _finding(self, finding: str) -> None:
        if finding:
            self._p(finding, "finding")

    def _story(self, story: Narrative) -> None:
        ident = self._id()
        self._add(start("article", class_="story", aria_labelledby=ident), NL)
        self._heading(3, story.title, ident)
        theme = " " + self.labels.theme.format(theme=story.theme) if story.theme else ""
        who = tag("strong", esc(story.customer)) + esc(f" · {story.attribution}{theme}")
        self._add(tag("p", who, class_="who"), NL, paragraphs(story.story, "told"), "</article>\n")

    def _figures(self, block: Figures) -> None:
        cards = []
        for figure in block.items:
            status = ""
            if figure.status:
                word = tag("strong", esc(figure.status), class_=f"status {slug(figure.status)}")
                status = f" · {word}"
            detail = tag("dd", esc(figure.detail), status, class_="detail")
            cards.append(
                tag(
                    "div",
                    tag("dt", esc(figure.label)),
                    tag("dd", esc(figure.value), class_="value"),
                    detail if figure.detail or status else "",
                    class_="figure",
                )
                + NL
            )
        self._add(tag("dl", NL, *cards, class_="figures"), NL)

    def _table(self, block: Table, labelled_by: str) -> None:
        """A table under its heading: column headers, each row headed by its name (see
        ``_row_header``), numbers to the right, statuses as words in their colour, the caption
        under it. On a narrow screen a table of four columns or more keeps a readable width and
        scrolls sideways (its wrapper takes the keyboard's focus, to scroll it)."""
        numeric = set(block.numeric_columns)
        header = _row_header(block)
        statuses = set(self.palette.status_colours())
        heads = "".join(
            tag("th", esc(name), scope="col", class_="num" if i in numeric else None)
            for i, name in enumerate(block.columns)
        )
        rows = []
        for row in block.rows:
            cells = []
            for i, value in enumerate(row):
                classes = ["num"] if i in numeric else []
                if i == block.status_column and value in statuses:
                    classes += ["status", slug(value)]
                cls = " ".join(classes) or None
                if i == header:
                    cells.append(tag("th", esc(value), scope="row", class_=cls))
                else:
                    cells.append(tag("td", esc(value), class_=cls))
            rows.append(tag("tr", *cells) + NL)
        caption = tag("caption", esc(block.caption)) + NL if block.caption else ""
        table = tag(
            "table",
            NL,
            caption,
            tag("thead", tag("tr", heads)),
            NL,
            tag("tbody", NL, *rows),
            NL,
            class_="wide" if len(block.columns) > 3 else None,
            aria_labelledby=labelled_by,
        )
        wrap = tag(
            "div",
            NL,
            table,
            NL,
            class_="table-wrap",
            role="region",
            tabindex="0",
            aria_labelledby=labelled_by,
        )
        self._add(wrap, NL)

    def _card(self, card: ThemeCard) -> None:
        ident = self._id()
        self._add(start("article", class_="card", aria_labelledby=ident), NL)
        self._heading(3, card.title, ident)
        self._finding(card.finding)
        self._p(card.trend, "trend")
        owner = tag("strong", esc(card.owner.text))
        self._add(tag("p", owner, class_="owner alert" if card.owner.alert else "owner"), NL)
        for part in card.parts:
            self._card_part(part)
        self._add("</article>\n")

    def _card_part(self, part: CardPart) -> None:
        inner = [tag("p", esc(part.heading), class_="lead"), NL]
        if not part.count and part.empty:
            inner += [tag("p", esc(part.empty), class_="empty"), NL]
        if part.count:
            items = [tag("li", self._card_line(line)) + NL for line in part.lines]
            for quote in part.quotes:
                words = tag("span", esc(f"“{quote.text}”"), class_="words")
                by = tag("span", esc(f"({quote.attribution})"), class_="by")
                items.append(tag("li", words, " ", by, class_="said") + NL)
            inner += [tag("ul", NL, *items), NL]
        self._add(tag("div", NL, *inner, class_="card-part"), NL)

    def _card_line(self, line: CardLine) -> str:
        if not line.status:
            return esc(line.text)
        kind = "alert" if line.alert else slug(line.status)
        return esc(line.text) + " · " + tag("strong", esc(line.status), class_=f"status {kind}")

    def _paper(self, paper: DecisionPaper) -> None:
        """A decision as a short paper: heading, the ask, the context, then a table of its
        parts (each a row headed by its label; each option a row of its own, its cost and
        risk on lines of their own, the recommended one in bold)."""
        ident = self._id()
        cls = "paper passed" if paper.passed else "paper"
        self._add(start("article", class_=cls, aria_labelledby=ident), NL)
        self._heading(3, paper.title, ident)
        self._finding(paper.ask)
        if paper.context:
            self._add(paragraphs(paper.context))
        elif paper.bare:
            self._p(paper.bare, "callout")
        if paper.parts:
            groups = []
            for part in paper.parts:
                if part.lines:
                    rows = [
                        (n == part.recommended, void("br").join(esc(x) for x in lines))
                        for n, lines in enumerate(part.lines)
                    ]
                elif len(part.items) > 1:
                    rows = [(False, tag("ul", *(tag("li", esc(i)) for i in part.items)))]
                else:
                    rows = [(False, esc(part.items[0]) if part.items else "")]
                trs = []
                for n, (marked, cell) in enumerate(rows):
                    head = ""
                    if n == 0:
                        many = len(rows) > 1
                        head = tag(
                            "th",
                            esc(part.label),
                            scope="rowgroup" if many else "row",
                            rowspan=str(len(rows)) if many else None,
                        )
                    body = tag("td", cell, class_="recommended" if marked else None)
                    trs.append(tag("tr", head, body) + NL)
                groups.append(tag("tbody", NL, *trs) + NL)
            self._add(tag("table", NL, *groups, class_="paper-parts", aria_labelledby=ident), NL)
        self._add("</article>\n")

    # --- the look ---------------------------------------------------------------------------

    def _css(self) -> str:
        """The theme's colours and fonts as CSS variables, then the page's styles."""
        default = Palette()
        colours = {
            name: value if _HEX.fullmatch(value) else getattr(default, name)
            for name, value in vars(self.palette).items()
        }
        lines = [f"  --{name.replace('_', '-')}: #{value};" for name, value in colours.items()]
        heading = font_stack(self.look.heading_font or self.body_font)
        lines += [f"  --heading-font: {heading};", f"  --body-font: {font_stack(self.body_font)};"]
        return ":root {\n" + "\n".join(lines) + "\n}\n" + stylesheet()


def _row_header(block: Table) -> int:
    """The column that names each row, read as the row's header: the first column of text
    (not a number, not a bare count such as the agenda's "#") whose values are all different
    (a "Group" column saying "Segment" on three rows names none of them); else the first
    column of text; else the first."""
    numeric = set(block.numeric_columns)
    text_columns = [
        i
        for i in range(len(block.columns))
        if i not in numeric and not all(row[i].strip().isdigit() for row in block.rows)
    ]
    for i in text_columns:
        values = [row[i] for row in block.rows]
        if len(set(values)) == len(values):
            return i
    return text_columns[0] if text_columns else 0


def font_stack(name: str) -> str:
    """A CSS font list for a theme's font: its name, the open font with its metrics (the one
    the Office packs are measured in), then a generic family. The name is the theme's data:
    every character but letters, digits, spaces and hyphens is escaped for CSS."""
    family = known_fonts().get(name.casefold(), "")
    names = [name] + ([family] if family and family.casefold() != name.casefold() else [])
    generic = "sans-serif"
    if any(n.casefold() in SERIF for n in names):
        generic = "serif"
    elif any(n.casefold() in MONO for n in names):
        generic = "monospace"
    return ", ".join([*(f'"{_css_string(n)}"' for n in names), generic])


def _css_string(value: str) -> str:
    return "".join(ch if ch.isalnum() or ch in " -" else f"\\{ord(ch):x} " for ch in value)
