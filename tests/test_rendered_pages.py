"""Proved on rendered pages (issue 13): the deck and the Word pack, turned into PDF by
LibreOffice, keep every word on its page and no two words on top of each other.

Each month (the sample, and the stress months under ``tests/fixtures/stress/``) is built once,
both files are converted once (in parallel), and ``pdftotext -bbox`` gives every word's box.

The rules, in PDF points (1/72 in):

- **On the page.** No word box may reach more than ``OUTSIDE_TOLERANCE`` past an edge. Poppler
  drops characters that lie wholly outside the page, so each page is first given a margin of
  its own width and height all round (the same drawing, a larger media box): a word that ran
  right off the slide is then still read, where it was drawn.
- **Apart.** A word box spans the font's whole ascent and descent, so the boxes of consecutive
  lines may overlap a little, and words split at a change of font on one line may touch. Each box
  is first cut to its core: ``CORE_TRIM_Y`` of its height off the top and the bottom, and
  ``CORE_TRIM_X`` points (at most a quarter of its width) off each side. Two words overlap when
  their cores intersect by more than ``OVERLAP_MIN_AREA`` square points *and* by more than
  ``OVERLAP_MIN_SHARE`` of the smaller core. Ligatures and kerning stay inside one word.

A case that fails and cannot be fixed at once is listed in ``FAILING`` with what overflows: it
is then a strict xfail, which turns into an error the moment the layout is fixed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLE_MONTH
from pptx import Presentation
from pptx.util import Inches, Pt
from pypdf import PdfReader, PdfWriter
from pypdf.generic import RectangleObject

from agenda.cli import cli
from agenda.errors import RenderError
from packs.pdf import find_office, to_pdf

STRESS = ROOT / "tests" / "fixtures" / "stress"

#: Points a word box may reach past the page's edge.
OUTSIDE_TOLERANCE = 1.0
#: Share of a word box's height cut off its top and its bottom (the font's ascent and descent).
CORE_TRIM_Y = 0.2
#: Points cut off each side of a word box (at most a quarter of its width).
CORE_TRIM_X = 1.0
#: Two cores overlap when they share more than this many square points ...
OVERLAP_MIN_AREA = 1.0
#: ... and more than this share of the smaller core.
OVERLAP_MIN_SHARE = 0.1
#: Problems listed in one assertion message.
SHOWN = 25


MONTHS = (
    "sample",
    "long-words",
    "long-story",
    "many-slas",
    "cjk",
    "long-titles",
    "long-leads",
    "first-month-complaints",
)
#: Cases that fail today, by id ("cjk-deck"), with what overflows. Each becomes a strict xfail:
#: CI stays green, and the case turns into an error the moment the layout is fixed, when its
#: entry is removed. None fails since text is measured in its font (issue 13).
FAILING: dict[str, str] = {}
#: (month, file): "sample" is the sample month; any other name is a folder under STRESS.
CASES = [
    pytest.param(
        month,
        kind,
        id=f"{month}-{kind}",
        marks=[pytest.mark.xfail(strict=True, reason=f"issue 13: {FAILING[case]}")]
        if (case := f"{month}-{kind}") in FAILING
        else [],
    )
    for month in MONTHS
    for kind in ("deck", "pack")
]
STRESS_MONTHS = sorted({p.values[0] for p in CASES} - {"sample"})


def month_dir(month: str) -> Path:
    return SAMPLE_MONTH if month == "sample" else STRESS / month / "2026-11"


# --- reading word boxes ------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def where(self) -> str:
        return f"x {self.x0:.0f}–{self.x1:.0f}, y {self.y0:.0f}–{self.y1:.0f}"


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]

    @property
    def opening(self) -> str:
        """The page's first words, to say which slide or page it is."""
        text = " ".join(w.text for w in self.words[:12])
        return text if len(text) <= 70 else text[:69] + "…"


def read_pages(pdf: Path) -> list[Page]:
    """Every page's size and word boxes, in points from the page's top left corner.

    Words drawn beyond the page are kept: each page is given a margin of its own size all round
    before poppler reads it (poppler drops what lies wholly outside the page).
    """
    reader = PdfReader(pdf)
    writer = PdfWriter()
    sizes = []
    for page in reader.pages:
        box = page.cropbox
        left, bottom = float(box.left), float(box.bottom)
        width, height = float(box.width), float(box.height)
        grown = RectangleObject(
            [left - width, bottom - height, left + 2 * width, bottom + 2 * height]
        )
        page.mediabox = grown
        page.cropbox = grown
        writer.add_page(page)
        sizes.append((width, height))
    with tempfile.TemporaryDirectory(prefix="agenda-bbox-") as work:
        grown_pdf = Path(work) / "grown.pdf"
        with grown_pdf.open("wb") as handle:
            writer.write(handle)
        xhtml = subprocess.run(
            ["pdftotext", "-bbox", str(grown_pdf), "-"],
            check=True,
            capture_output=True,
            timeout=120,
        ).stdout
    ns = "{http://www.w3.org/1999/xhtml}"
    pages = []
    tree = ElementTree.fromstring(xhtml)
    for number, (element, (width, height)) in enumerate(
        zip(tree.iter(f"{ns}page"), sizes, strict=True), 1
    ):
        words = tuple(
            Word(
                word.text or "",
                float(word.get("xMin", 0)) - width,
                float(word.get("yMin", 0)) - height,
                float(word.get("xMax", 0)) - width,
                float(word.get("yMax", 0)) - height,
            )
            for word in element.iter(f"{ns}word")
        )
        pages.append(Page(number, width, height, words))
    return pages


# --- the rules ---------------------------------------------------------------------------------


def outside(page: Page) -> Iterator[Word]:
    """Words reaching past the page's edges by more than the tolerance."""
    tol = OUTSIDE_TOLERANCE
    for w in page.words:
        if w.x0 < -tol or w.y0 < -tol or w.x1 > page.width + tol or w.y1 > page.height + tol:
            yield w


def _core(w: Word) -> tuple[float, float, float, float]:
    trim_y = CORE_TRIM_Y * (w.y1 - w.y0)
    trim_x = min(CORE_TRIM_X, (w.x1 - w.x0) / 4)
    return (w.x0 + trim_x, w.y0 + trim_y, w.x1 - trim_x, w.y1 - trim_y)


def overlapping(words: tuple[Word, ...]) -> Iterator[tuple[Word, Word, float, float]]:
    """Pairs of words whose cores overlap: (first, second, area in pt², share of the smaller)."""
    cores = sorted(((_core(w), w) for w in words), key=lambda c: c[0][0])
    for i, ((ax0, ay0, ax1, ay1), a) in enumerate(cores):
        a_area = (ax1 - ax0) * (ay1 - ay0)
        for (bx0, by0, bx1, by1), b in cores[i + 1 :]:
            if bx0 >= ax1:
                break  # sorted by left edge: no later word reaches back into this one
            height = min(ay1, by1) - max(ay0, by0)
            if height <= 0:
                continue
            area = (min(ax1, bx1) - bx0) * height
            smaller = min(a_area, (bx1 - bx0) * (by1 - by0))
            if smaller > 0 and area > OVERLAP_MIN_AREA and area > OVERLAP_MIN_SHARE * smaller:
                yield a, b, area, area / smaller


def problems(pages: list[Page], unit: str) -> list[str]:
    """What breaks the rules, one line each, naming the slide or page and the words."""
    found = []
    for page in pages:
        where = f"{unit} {page.number} ({page.opening!r})"
        for w in outside(page):
            found.append(
                f"{where}: {w.text!r} is outside the {page.width:.0f} × {page.height:.0f} page "
                f"({w.where})"
            )
        for a, b, area, share in overlapping(page.words):
            found.append(
                f"{where}: {a.text!r} ({a.where}) and {b.text!r} ({b.where}) overlap by "
                f"{area:.0f} pt², {share:.0%} of the smaller"
            )
    return found


# --- building and converting, once per session -------------------------------------------------


def _office_or_skip() -> None:
    missing = []
    try:
        find_office()
    except RenderError:
        missing.append("LibreOffice (soffice)")
    if shutil.which("pdftotext") is None:
        missing.append("pdftotext (poppler-utils)")
    if missing:
        reason = f"{' and '.join(missing)} not installed here: the pages cannot be rendered"
        if os.environ.get("CI"):  # .ci/run installs both: a skip there would hide a failure
            pytest.fail(f"{reason}, and CI must render them (.ci/run installs both)")
        pytest.skip(reason)


def _font_note() -> str:
    """A hint when this machine lacks the fonts CI renders with (results then differ)."""
    try:
        families = subprocess.run(
            ["fc-list", ":", "family"], capture_output=True, text=True, timeout=30
        ).stdout
        cjk = subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
    lacking = [f for f in ("Carlito", "Caladea") if f not in families]
    lacking += [] if cjk.strip() else ["a Chinese/Japanese font"]
    if not lacking:
        return ""
    return (
        f"\n(This machine lacks {', '.join(lacking)}: LibreOffice draws with other fonts than "
        "CI does, so the pages may differ. .ci/run installs fonts-crosextra-carlito, "
        "fonts-crosextra-caladea and fonts-noto-cjk.)"
    )


def _convert(source: Path, target: Path) -> Path:
    to_pdf(source, target)
    return target


@pytest.fixture(scope="session")
def rendered(request, tmp_path_factory) -> Iterator[Callable[[str, str], Path]]:
    """``rendered(month, file)``: the PDF of that month's deck or Word pack.

    On first use, every month this session's tests ask for is built (in-process, through the
    CLI) and all its files are converted in parallel, one LibreOffice run each.
    """
    _office_or_skip()
    root = tmp_path_factory.mktemp("rendered")
    wanted = {
        item.callspec.params["month"]
        for item in request.session.items
        if getattr(item, "module", None) is not None
        and item.module.__name__ == __name__
        and "month" in getattr(getattr(item, "callspec", None), "params", {})
    }
    futures: dict[tuple[str, str], Future[Path]] = {}
    pool = ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2)))

    def start(month: str) -> None:
        out = root / month
        result = CliRunner().invoke(cli, ["build", str(month_dir(month)), "--out", str(out)])
        assert result.exit_code == 0, f"{month}: {result.output}"
        for kind, suffix in (("deck", ".pptx"), ("pack", ".docx")):
            (source,) = out.glob(f"*{suffix}")
            target = out / f"{month}-{kind}.pdf"
            futures[month, kind] = pool.submit(_convert, source, target)

    for month in sorted(wanted):
        start(month)

    def get(month: str, kind: str) -> Path:
        if (month, kind) not in futures:
            start(month)
        return futures[month, kind].result()

    yield get
    pool.shutdown(wait=True)


@pytest.mark.parametrize(("month", "kind"), CASES)
def test_every_word_stays_on_its_page_and_clear_of_the_others(rendered, month, kind):
    pdf = rendered(month, kind)
    unit = "slide" if kind == "deck" else "page"
    found = problems(read_pages(pdf), unit)
    if found:
        shown = "\n  ".join(found[:SHOWN])
        more = f"\n  … and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
        pytest.fail(
            f"{month} {kind} ({pdf.name}): {len(found)} word(s) off the page or overlapping\n"
            f"  {shown}{more}{_font_note()}",
            pytrace=False,
        )


# --- the stress months are what they say ---------------------------------------------------------


def test_every_stress_month_is_rendered_and_valid(run_cli):
    on_disk = sorted(p.name for p in STRESS.iterdir() if p.is_dir())
    assert on_disk == STRESS_MONTHS, "each stress workspace needs its name in MONTHS"
    assert set(FAILING) <= {p.id for p in CASES}, "FAILING names a case that does not exist"
    for month in STRESS_MONTHS:
        result = run_cli("validate", month_dir(month))
        assert result.exit_code == 0, f"{month}: {result.output}"


# --- the rules, on boxes made up here ------------------------------------------------------------


def _page(*words: Word, width: float = 960.0, height: float = 540.0) -> Page:
    return Page(1, width, height, words)


def test_words_of_one_line_and_of_tight_lines_are_not_overlaps():
    line = [Word("Forty", 79.2, 209.1, 140.0, 248.1), Word("empty", 147.0, 209.1, 214.6, 248.1)]
    # Split at a change of font: the boxes touch, or overlap by a fraction of a point (kerning).
    touching = [Word("On", 300.0, 209.1, 318.5, 248.1), Word("track", 318.2, 209.1, 360.0, 248.1)]
    # Lines set at 0.9: the ascent of one overlaps the descent of the line above by 10%.
    below = [Word("homes", 79.2, 244.2, 150.0, 283.2)]
    page = _page(*line, *touching, *below)
    assert list(overlapping(page.words)) == []
    assert list(outside(page)) == []


def test_a_word_drawn_over_another_and_a_word_off_the_edge_are_found():
    story = Word("https://portal.example/a/very/long/path", 40.0, 300.0, 420.0, 320.0)
    attribution = Word("Mr Kerr", 380.0, 304.0, 450.0, 322.0)
    off = Word("session", 940.0, 100.0, 990.0, 118.0)
    page = _page(story, attribution, off)
    assert [(a.text, b.text) for a, b, _, _ in overlapping(page.words)] == [
        (story.text, attribution.text)
    ]
    assert list(outside(page)) == [off]
    found = problems([page], "slide")
    assert len(found) == 2
    assert (
        found[0].startswith("slide 1 (") and "'session' is outside the 960 × 540 page" in found[0]
    )
    assert "'Mr Kerr'" in found[1] and "overlap by" in found[1]


def test_the_check_finds_overflow_in_a_deck_rendered_by_libreoffice(tmp_path):
    """The whole path (LibreOffice, the grown page, pdftotext) sees what a person would see: text
    drawn on top of other text, and a word running off the slide, even past the edge entirely."""
    _office_or_skip()
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    for text in ("Billing accuracy first", "Complaints rose eleven"):
        box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1))
        box.text_frame.text = text
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(28)
    beyond = slide.shapes.add_textbox(Inches(12.5), Inches(5), Inches(3), Inches(1))
    beyond.text_frame.word_wrap = False
    beyond.text_frame.text = "offslide beyondtheedge"
    beyond.text_frame.paragraphs[0].runs[0].font.size = Pt(28)
    deck = tmp_path / "overflow.pptx"
    prs.save(str(deck))
    pdf = tmp_path / "overflow.pdf"
    to_pdf(deck, pdf)
    (page,) = read_pages(pdf)
    # "beyondtheedge" lies wholly past the right edge: poppler alone would not report it.
    assert "beyondtheedge" in {w.text for w in outside(page)}
    pairs = {frozenset((a.text, b.text)) for a, b, _, _ in overlapping(page.words)}
    assert frozenset(("Billing", "Complaints")) in pairs
    assert frozenset(("accuracy", "rose")) in pairs
