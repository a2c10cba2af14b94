"""What a writer knows about a theme: its colours, fonts, logo and Office base files.

This is the writers' side of a look, so it lives with the writers: the slide layouts and Word
styles they rely on, how a theme's base.pptx and base.docx are opened, and how a template
missing one of them (or not an Office file at all) is refused in the user's terms. Where a
look comes from (agenda.yaml, theme folders, theme.yaml, the logo's checks) is the loader's
business, in ``agenda.look``, which builds a ``Look`` from these pieces; nothing here reads
settings, so a writer imports no YAML reader or validator.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from agenda.errors import TemplateProblem
from packs.text_metrics import MeasuredFace

if TYPE_CHECKING:  # the Office libraries load only when a writer opens a file
    from docx.document import Document as WordDocument
    from pptx.presentation import Presentation as PptxPresentation

#: What opening a template gives: python-pptx's Presentation or python-docx's Document.
Opened = TypeVar("Opened")

#: Slide layouts the deck uses, by name: a company master must have all four.
LAYOUTS = ("Title Slide", "Section Header", "Title and Content", "Title Only")
#: Paragraph styles the Word pack uses that every Word document has built in.
STYLES = (
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Quote",
    "List Bullet",
    "Caption",
)
#: The pack's own paragraph styles: added from Normal when a reference document lacks them.
OWN_STYLES = ("Story", "Attribution", "Callout", "Question", "Table Text")


#: Chart colours after the theme's accent, in every format: slate, sand, then lighter tones
#: (never red or green, which would judge the figures).
CHART_NEUTRALS = ("8A9BA8", "D9B98C", "4F8A95", "C7D3DA")


@dataclass(frozen=True)
class Palette:
    """Colours as hex RGB strings; defaults meet WCAG AA contrast on white and on ``panel``."""

    accent: str = "0F5E6B"
    ink: str = "1F2A33"
    muted: str = "5B6770"
    panel: str = "F2F6F7"
    warm: str = "A3521B"
    on_track: str = "2E6B30"
    at_risk: str = "8A5200"
    off_track: str = "B02424"
    on_accent: str = "FFFFFF"  #: text on an accent background

    def series_colours(self, targets: Sequence[bool]) -> list[str]:
        """Each chart series' colour, the same in every format: the accent, then the neutrals
        in turn; a target line in the warm colour."""
        cycle = (self.accent, *CHART_NEUTRALS)
        return [self.warm if target else cycle[n % len(cycle)] for n, target in enumerate(targets)]

    def status_colours(self) -> dict[str, str]:
        """Each computed status's text colour (the word itself always carries the meaning)."""
        return {"On track": self.on_track, "At risk": self.at_risk, "Off track": self.off_track}


@dataclass(frozen=True)
class Look:
    """Everything a writer needs to know about how the pack should look."""

    name: str
    pptx: Traversable
    docx: Traversable
    palette: Palette = Palette()
    heading_font: str | None = None
    body_font: str | None = None
    logo: Path | None = None
    #: the theme's own fonts, measured from the font files it names
    faces: tuple[MeasuredFace, ...] = ()
    #: The palette colours a theme.yaml or agenda.yaml set. Only these are painted over the
    #: template's own (titles, headings): a company master keeps its colours unless told.
    branded: frozenset[str] = frozenset()

    @property
    def brand_accent(self) -> str | None:
        """The accent to paint titles and headings with, when one was set; else None."""
        return self.palette.accent if "accent" in self.branded else None


def check_templates(look: Look) -> None:
    """Refuse templates that lack a layout or style the writers need; say what is there."""
    from docx import Document
    from pptx import Presentation

    check_slide_master(look, open_pptx(look, Presentation))
    check_reference_doc(look, open_docx(look, Document))


def open_pptx(look: Look, presentation: Callable[[io.BytesIO], Opened]) -> Opened:
    """Open the theme's slide master with ``presentation`` (``pptx.Presentation``, passed in so
    this module imports no Office library), or refuse with a template error."""
    data = _template_bytes(look.pptx)
    try:
        return presentation(io.BytesIO(data))
    except Exception:  # any unreadable file is the same user error
        why = _office_trouble(data, "PowerPoint")
        raise TemplateProblem(f"{look.pptx.name}: not a readable PowerPoint file ({why})") from None


def open_docx(look: Look, document: Callable[[io.BytesIO], Opened]) -> Opened:
    """Open the theme's reference document with ``document`` (``docx.Document``), or refuse
    with a template error."""
    data = _template_bytes(look.docx)
    try:
        return document(io.BytesIO(data))
    except Exception:
        why = _office_trouble(data, "Word")
        raise TemplateProblem(f"{look.docx.name}: not a readable Word file ({why})") from None


def _template_bytes(file: Traversable) -> bytes:
    try:
        return file.read_bytes()
    except OSError as exc:
        raise TemplateProblem(f"{file.name}: cannot be read ({exc.strerror or exc})") from None


#: What an Office package is, by its main part's content type, searched in this order.
_OFFICE_PACKAGES = (
    ("presentationml.template.main", "a PowerPoint template (.potx)"),
    ("presentationml.slideshow.main", "a PowerPoint show (.ppsx)"),
    ("presentationml.presentation.main", "PowerPoint"),
    ("presentation.macroEnabled.main", "PowerPoint"),
    ("wordprocessingml.template.main", "a Word template (.dotx)"),
    ("document.macroEnabled.main", "a macro-enabled Word document (.docm)"),
    ("wordprocessingml.document.main", "Word"),
    ("spreadsheetml.sheet.main", "an Excel workbook"),
)
_OFFICE_FILES = {
    "PowerPoint": "a PowerPoint presentation (.pptx)",
    "Word": "a Word document (.docx)",
}


def _office_trouble(data: bytes, application: str) -> str:
    """Why a template file that failed to open is not the ``application`` file it should be,
    in the user's terms (never a library's message)."""
    if not data:
        return "the file is empty"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            info = package.getinfo("[Content_Types].xml")
            types = package.read(info).decode("utf-8", "replace") if info.file_size < 2**20 else ""
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, RuntimeError, ValueError, zlib.error):
        return "it is damaged, or not an Office file at all"
    found = next((what for key, what in _OFFICE_PACKAGES if key in types), None)
    if found is None:
        return "it is damaged, or not an Office file at all"
    if found == application:
        return f"it is damaged: open it in {application} and save it again"
    return f"it is {_OFFICE_FILES.get(found, found)}, where {_OFFICE_FILES[application]} is needed"


def check_slide_master(look: Look, prs: PptxPresentation) -> None:
    """Refuse a slide master that lacks a layout the deck uses; say which it has."""
    have = [layout.name for layout in prs.slide_layouts]
    missing = [name for name in LAYOUTS if name not in have]
    if missing:
        raise TemplateProblem(
            f"{look.pptx.name} of theme '{look.name}' lacks slide layout(s) "
            f"{', '.join(repr(m) for m in missing)}; it has: {', '.join(repr(h) for h in have)}"
        )


def check_reference_doc(look: Look, doc: WordDocument) -> None:
    """Refuse a reference document that lacks a style the Word pack uses; say which it has."""
    names = [s.name for s in doc.styles]
    missing = [name for name in STYLES if name not in names]
    if missing:
        from docx.enum.style import WD_STYLE_TYPE

        paragraph_styles = [s.name for s in doc.styles if s.type == WD_STYLE_TYPE.PARAGRAPH]
        present = ", ".join(repr(n) for n in paragraph_styles)
        raise TemplateProblem(
            f"{look.docx.name} of theme '{look.name}' lacks style(s) "
            f"{', '.join(repr(m) for m in missing)}; it has: {present}"
        )
