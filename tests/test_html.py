"""The HTML pack (``agenda build --format html``) and the formats table that ``write_all`` walks.

The page is read back with the standard library's HTML parser into a small tree, and checked
for what a reader, a screen reader and a browser meet: the pack's order (stories first), the
Word pack's headings, landmarks, table headers, chart titles and descriptions, the theme, and
nothing fetched from elsewhere, no script, no data text read as markup, no guest named.
"""

from __future__ import annotations

import itertools
import re
import textwrap
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CUSTOMER, MEETING, SAMPLE_MONTH, docx_items, write_month

from agenda.cli import cli
from agenda.model import Chart, Series

STEM = "northwind-utilities-2026-11-leadership-pack"
VOID = {"meta", "img", "br", "link", "hr", "input", "source", "wbr", "area", "base", "col"}


# --- a small reader: the page as a tree ---------------------------------------------------------


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        return [
            n
            for n in self.walk()
            if n.tag == tag and (cls is None or cls in n.attrs.get("class", "").split())
        ]

    def find(self, tag: str, cls: str | None = None) -> Node:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag}{f' class={cls}' if cls else ''}>"
        return found[0]

    def elements(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]


class TreeBuilder(HTMLParser):
    """The page as nodes; start and end tags must match (the writer closes what it opens)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.at = self.root
        self.doctype = ""

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.at)
        self.at.children.append(node)
        if tag not in VOID:
            self.at = node

    def handle_startendtag(self, tag, attrs):
        self.at.children.append(Node(tag, {k: v or "" for k, v in attrs}, parent=self.at))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.at.tag == tag, f"</{tag}> closes <{self.at.tag}>"
        assert self.at.parent is not None
        self.at = self.at.parent

    def handle_data(self, data):
        self.at.children.append(data)


def parse(html: str, *, document: bool = True) -> Node:
    """The page (or, with ``document`` False, a fragment of it) as a tree."""
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.at is builder.root, f"<{builder.at.tag}> is never closed"
    assert builder.doctype.lower() == ("doctype html" if document else "")
    return builder.root


def build(*args: str | Path) -> CliRunner:
    return CliRunner().invoke(cli, ["build", *map(str, args)], catch_exceptions=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The sample month built as the Word pack and the HTML page, in one build."""
    out = tmp_path_factory.mktemp("html")
    result = build(SAMPLE_MONTH, "--out", out, "--format", "docx,html")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def page(built) -> Node:
    return parse((built / f"{STEM}.html").read_text(encoding="utf-8"))


def section_titles(page: Node) -> list[str]:
    return [s.find("h2").text() for s in page.find("main").find_all("section")]


# --- what the build writes --------------------------------------------------------------------


def test_the_build_writes_exactly_the_formats_asked_for(built):
    assert sorted(p.name for p in built.iterdir()) == [f"{STEM}.docx", f"{STEM}.html"]


def test_without_format_the_build_writes_the_word_pack_and_the_deck_as_before(built_sample):
    written = sorted(p.name for p in built_sample.docx.parent.iterdir())
    assert written == [f"{STEM}.docx", f"{STEM}.pptx"]


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("pdf", "unknown format 'pdf'"),
        ("docx,htm", "did you mean 'html'?"),
        (",", "name at least one format"),
    ],
)
def test_an_unknown_format_is_a_usage_error_naming_the_formats(tmp_path, value, says):
    out = tmp_path / "out"
    result = build(SAMPLE_MONTH, "--out", out, "--format", value)
    assert result.exit_code == 2
    assert says in result.stderr
    assert "docx, pptx, html" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("option", "says"),
    [("--pdf", "none of the formats asked for (html)"), ("--notes-pdf", "add pptx to --format")],
)
def test_a_pdf_option_no_asked_format_can_give_is_refused_before_any_work(tmp_path, option, says):
    out = tmp_path / "out"
    result = build(SAMPLE_MONTH, "--out", out, "--format", "html", option)
    assert result.exit_code == 2, result.output
    assert says in result.stderr
    assert not out.exists()


def test_the_formats_table_drives_write_all(tmp_path, monkeypatch):
    """A format added as a row of the table is written like the others, with no other change;
    the build writes exactly the formats asked for, in the table's order."""
    from agenda.pipeline import build as run_build
    from packs.formats import FORMATS, Format

    def plain(pack, path, look):
        path.write_text(pack.cover.title, encoding="utf-8")

    monkeypatch.setitem(FORMATS, "txt", Format("txt", ".txt", plain, default=False))
    for asked in (("txt", "html"), ("docx", "txt"), ("pptx",)):
        out = tmp_path / "-".join(asked)
        built = run_build(SAMPLE_MONTH, out, formats=asked)
        assert {p.suffix for p in built.paths} == {f".{name}" for name in asked}
        assert {p.name for p in out.iterdir()} == {p.name for p in built.paths}
        assert [p.suffix[1:] for p in built.paths] == [n for n in FORMATS if n in asked]
    assert (
        tmp_path / "txt-html" / f"{STEM}.txt"
    ).read_text() == "Leadership meeting — November 2026"
    result = build(SAMPLE_MONTH, "--out", tmp_path / "cli", "--format", "txt")
    assert result.exit_code == 0, result.output  # the CLI takes its names from the table
    assert [p.name for p in (tmp_path / "cli").iterdir()] == [f"{STEM}.txt"]


def test_a_failing_format_leaves_nothing_written(tmp_path, monkeypatch):
    from agenda.errors import RenderError
    from packs.formats import FORMATS

    def broken(pack, path, look):
        path.write_text("half a page")
        raise RenderError("the page writer failed")

    monkeypatch.setitem(FORMATS, "html", replace(FORMATS["html"], write=broken))
    out = tmp_path / "out"
    result = build(SAMPLE_MONTH, "--out", out, "--format", "docx,html")
    assert result.exit_code == 73
    assert "the page writer failed" in result.stderr
    assert not out.exists()


def test_the_same_input_gives_the_same_page(built, tmp_path):
    assert build(SAMPLE_MONTH, "--out", tmp_path, "--format", "html").exit_code == 0
    assert (tmp_path / f"{STEM}.html").read_bytes() == (built / f"{STEM}.html").read_bytes()


# --- the pack's order and headings ---------------------------------------------------------------


def test_sections_run_in_the_pack_order_customer_first(page):
    assert section_titles(page) == [
        "November 2026 in brief",
        "Agenda",
        "Customer",
        "Employees",
        "Operations",
        "Marketing",
        "Sales",
        "Finance",
        "Actions",
        "Appendix: sources and method",
    ]


def test_the_navigation_links_every_section_in_order(page):
    links = page.find("nav").find_all("a")
    sections = page.find("main").find_all("section")
    assert [a.attrs["href"] for a in links] == [f"#{s.attrs['id']}" for s in sections]
    assert [a.text() for a in links] == section_titles(page)


def test_the_first_story_comes_before_any_figure(page):
    customer = next(s for s in page.find_all("section") if s.attrs.get("id") == "customer")
    first = customer.elements()[3]  # after its heading, its slot and its question
    assert first.tag == "article" and first.attrs["class"] == "story"
    assert first.find("h3").text() == "Forty empty homes, forty estimated bills"
    order = list(page.find("main").walk())
    agenda = list(next(s for s in page.find_all("section") if s.attrs["id"] == "agenda").walk())
    figures = [
        n
        for n in order
        if n.tag in ("svg", "table") or (n.tag == "dl" and n.attrs.get("class") == "figures")
    ]
    figures = [n for n in figures if n not in agenda]
    assert figures, "the sample has figures"
    assert order.index(first) < min(order.index(n) for n in figures)


def test_headings_are_the_word_packs_one_level_down(built, page):
    """The Word pack's Title is the page's h1, its Heading 1 an h2, its Heading 2 an h3: the
    same headings, in the same order, and no level skipped."""
    level = {"Title": 1, "Heading 1": 2, "Heading 2": 3}
    word = [
        (level[i.style], i.text) for i in docx_items(built / f"{STEM}.docx") if i.style in level
    ]
    html = [(int(n.tag[1]), n.text()) for n in page.walk() if re.fullmatch(r"h[1-6]", n.tag)]
    assert html == word
    assert [lvl for lvl, _ in html].count(1) == 1
    assert all(b - a <= 1 for (a, _), (b, _) in itertools.pairwise(html))


def test_the_month_in_brief_and_the_agenda_say_what_the_word_pack_says(page):
    brief = page.find("section", "in-brief")
    assert "We open with “Forty empty homes, forty estimated bills”" in brief.text()
    assert [p.text() for p in brief.find_all("p", "lead")] == [
        "What the month says",
        "What we need from you",
        "Since last meeting",
    ]
    agenda = next(s for s in page.find_all("section") if s.attrs["id"] == "agenda")
    heads = [th.text() for th in agenda.find("thead").find_all("th")]
    assert heads == ["#", "Section", "Time", "Lead", "Purpose", "Focus question"]
    assert "For noting, taken together" in agenda.text()


def test_cards_papers_and_the_action_log_are_there(page):
    cards = page.find_all("article", "card")
    assert [c.find("h3").text() for c in cards] == [
        "Theme card: Billing accuracy",
        "Theme card: Time to resolve complaints",
    ]
    assert cards[1].find("p", "owner").attrs["class"] == "owner alert"  # nobody owns it
    papers = page.find_all("article", "paper")
    assert [p.find("h3").text()[:30] for p in papers] == [
        'Decide: Add a "bill right firs',
        "Decide: Fund a dedicated billi",
    ]
    recommended = papers[1].find("td", "recommended").text()
    assert recommended.startswith("Dedicated correction team (recommended)")
    actions = next(s for s in page.find_all("section") if s.attrs["id"] == "actions")
    assert [h.text() for h in actions.find_all("h3")][:4] == [
        "Open actions",
        "Decisions taken at the October 2026 meeting",
        "Closed since last meeting",
        "Decisions needed",
    ]
    assert "For the room" not in page.text()  # the deck's alone, as in the Word pack


# --- accessibility -------------------------------------------------------------------------------


def test_the_page_declares_its_language_title_and_landmarks(page):
    html = page.find("html")
    assert html.attrs["lang"] == "en-GB"
    assert page.find("title").text() == "Leadership meeting — November 2026 — Northwind Utilities"
    body = page.find("body")
    landmarks = [n.tag for n in body.elements()]
    assert landmarks == ["a", "header", "nav", "main", "footer"]
    assert body.find("a").attrs["href"] == "#main" and page.find("main").attrs["id"] == "main"
    nav = page.find("nav")
    assert page.find("p", "nav-title").attrs["id"] == nav.attrs["aria-labelledby"]
    assert "Confidential · Northwind Utilities · November 2026" in page.find("footer").text()


def test_every_table_has_headers_with_a_scope(page):
    tables = page.find_all("table")
    assert len(tables) >= 15
    for table in tables:
        heads = table.find_all("th")
        assert heads, table.text()[:80]
        assert all(th.attrs.get("scope") in ("col", "row", "rowgroup") for th in heads)
        labelled = table.attrs.get("aria-labelledby")
        assert labelled and any(n.attrs.get("id") == labelled for n in page.walk())
    segments = next(t for t in tables if "Household" in t.text() and "Web chat" in t.text())
    # each row is named by its unique name, not by the "Segment" group it shares
    assert [th.text() for th in segments.find("tbody").find_all("th")][:2] == [
        "Household",
        "Housing association",
    ]


def test_every_chart_is_an_svg_with_a_title_and_description(page):
    charts = page.find_all("svg")
    assert len(charts) == 3
    for svg in charts:
        title, desc = svg.elements()[:2]
        assert (title.tag, desc.tag) == ("title", "desc")
        assert title.text() and len(desc.text()) > 40
        assert svg.attrs["role"] == "img"
        assert svg.attrs["aria-labelledby"] == f"{title.attrs['id']} {desc.attrs['id']}"
    assert [svg.find("title").text() for svg in charts] == [
        "NPS over the last 3 months",
        "Promoters, passives and detractors",
        "Complaints by reason",
    ]


def test_chart_numbers_are_the_packs_in_its_number_format(page):
    trend, share, bars = ([t.text() for t in svg.find_all("text")] for svg in page.find_all("svg"))
    assert {"+18", "+12", "+4"} <= set(trend)  # 18.0, 12.0 and 3.8 as +0;"−"0;0
    assert {"40%", "38%", "22%", "34%", "36%", "30%"} <= set(share)  # 0"%": a sign only
    assert {"117", "92", "66", "50"} <= set(bars)
    assert "Billing error or estimated bill" in " ".join(bars)


# --- self-contained, and nothing in the data becomes markup ------------------------------------


def test_nothing_is_fetched_and_no_script_is_needed(page, built):
    raw = (built / f"{STEM}.html").read_text(encoding="utf-8")
    for node in page.walk():
        assert node.tag not in ("script", "link", "iframe", "object", "embed")
        for name in ("src", "href", "srcset", "action", "data", "poster"):
            value = node.attrs.get(name)
            if value is not None:
                assert value.startswith(("#", "data:")), (node.tag, name, value)
        assert not any(a.startswith("on") for a in node.attrs), node.attrs
    style = page.find("style").text()
    assert "@import" not in style and not re.search(r"url\((?!\s*['\"]?data:)", style)
    assert "@media print" in style
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", raw)


def test_the_theme_colours_and_fonts_are_css_variables(tmp_path):
    ws = tmp_path / "ws"
    month = write_month(ws, {"meeting.yaml": MEETING, "customer.yaml": CUSTOMER})
    from test_logo_safety import png

    (ws / "logo.png").write_bytes(png(40, 10))
    (ws / "agenda.yaml").write_text(
        textwrap.dedent(
            """\
            theme:
              template: harbour
              colours: {accent: "7A1F5C"}
              fonts: {heading: Georgia, body: Calibri}
              logo: logo.png
            """
        )
    )
    assert build(month, "--out", tmp_path / "out", "--format", "html").exit_code == 0
    (page_file,) = (tmp_path / "out").iterdir()
    page = parse(page_file.read_text(encoding="utf-8"))
    style = page.find("style").text()
    assert "--accent: #7A1F5C;" in style
    assert "--ink: #1D2433;" in style  # the harbour theme's own, where agenda.yaml says none
    assert '--heading-font: "Georgia", "Gelasio", serif;' in style
    assert '--body-font: "Calibri", "Carlito", sans-serif;' in style
    logo = page.find("header").find("img")
    assert logo.attrs["src"].startswith("data:image/png;base64,")
    assert logo.attrs["alt"] == "Acme Water logo"


HOSTILE = """\
nps:
  counts: {promoters: 50, passives: 30, detractors: 20}
narratives:
  - title: "<script>alert('story')</script> Three weeks"
    customer: Mrs Jones
    story: "See https://evil.example/x and <a href=\\"https://evil.example\\">click</a> & <img src=x onerror=alert(1)>"
    channel: Phone
    segment: Household
verbatims:
  - text: "<script>alert(1)</script> www.evil.example <b>bold</b>"
    score: 10
    channel: "Email\\" onmouseover=\\"alert(2)"
"""


def test_data_text_is_escaped_never_markup(tmp_path):
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": HOSTILE})
    result = build(month, "--out", tmp_path / "out", "--format", "html")
    assert result.exit_code == 0, result.output
    (page_file,) = (tmp_path / "out").iterdir()
    raw = page_file.read_text(encoding="utf-8")
    page = parse(raw)
    tags = {n.tag for n in page.walk()}
    assert not tags & {"script", "b", "img"}
    assert [a.attrs["href"] for a in page.find_all("a")] == [
        a.attrs["href"] for a in page.find_all("a") if a.attrs["href"].startswith("#")
    ]
    assert not any(a.startswith("on") for n in page.walk() for a in n.attrs)
    story = page.find("article", "story")
    assert story.find("h3").text() == "<script>alert('story')</script> Three weeks"
    told = story.find("p", "told").text()
    assert told == (
        'See https://evil.example/x and <a href="https://evil.example">click</a> & '
        "<img src=x onerror=alert(1)>"
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    assert "<script" not in raw.lower()


def test_a_chatham_house_guest_is_never_named(built, page):
    raw = (built / f"{STEM}.html").read_text(encoding="utf-8").casefold()
    for name in ("janet pryce", "pryce", "pennine vale"):
        assert name not in raw
    assert "a customer guest (Chatham House rule)" in page.find("header").text()


# --- the chart drawing, alone --------------------------------------------------------------------


def test_a_month_without_data_is_a_gap_in_the_line():
    from packs.svg_charts import chart_svg
    from packs.theme import Palette

    chart = Chart(
        "NPS",
        "trend",
        ("Jul", "Aug", "Sep", "Oct"),
        (Series("NPS", (10.0, None, -12.4, 14.0)), Series("Target", (20.0,) * 4, target=True)),
        "NPS by month",
        number_format='+0;"−"0;0',
    )
    svg = parse(chart_svg(chart, Palette(), "c1"), document=False)
    line, target = svg.find_all("path")
    assert line.attrs["d"].count("M") == 2  # the line stops at August and starts again
    assert target.attrs["d"].count("M") == 1 and "stroke-dasharray" in target.attrs
    assert len(svg.find_all("circle")) == 3
    values = [t.text() for t in svg.find_all("text") if "value" in t.attrs.get("class", "")]
    assert values == ["+10", "−12", "+14"]


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (3.8, '+0;"−"0;0', "+4"),
        (-8.2, '+0;"−"0;0', "−8"),
        (0.0, '+0;"−"0;0', "0"),
        (40.2, '0"%"', "40%"),
        (0.25, "0%", "25%"),
        (2400000.5, "#,##0", "2,400,001"),
        (2.5, "0", "3"),
        (-3.0, "0.0", "-3.0"),
        (7.25, "General", "7.25"),
        (12.0, "General", "12"),
    ],
)
def test_numbers_are_shown_in_the_packs_number_format(value, number_format, shown):
    from packs.svg_charts import number_text

    assert number_text(value, number_format) == shown
