"""The look of a pack: base templates, colours, fonts and logo, from a theme and the workspace.

Resolution, most specific last: the shipped default theme; the theme named or pointed to by the
workspace's ``agenda.yaml`` (``theme.template``) or by ``--template DIR``; that theme folder's
own ``theme.yaml``; then ``agenda.yaml``'s colours, fonts and logo. Templates are checked here,
before anything is written, so a company master missing a layout is a clear error, not a crash.
A logo is checked here too; what its bytes hold is read by ``agenda.images``.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, replace
from importlib.abc import Traversable
from pathlib import Path

from agenda import schema
from agenda.errors import DataError, Problem, TemplateProblem, UsageProblem
from agenda.images import (
    KIND_BY_SUFFIX,
    MAX_LOGO_BYTES,
    SUFFIX_BY_KIND,
    ImageProblem,
    image_info,
    writers_can_place,
)
from agenda.resources import templates
from agenda.sources import YamlProblems, load_yaml
from agenda.validate import check_model

CONFIG = "agenda.yaml"
THEME_FILE = "theme.yaml"
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


def shipped_themes() -> list[str]:
    """Names of the themes shipped with the tool."""
    folder = templates() / "themes"
    return ["default", *sorted(p.name for p in folder.iterdir() if p.is_dir())]


def _theme_folder(value: str, workspace: Path) -> tuple[str, Traversable]:
    if value == "default":
        return "default", templates()
    if re.fullmatch(r"[\w-]+", value) and (templates() / "themes" / value).is_dir():
        return value, templates() / "themes" / value
    folder = (workspace / value).expanduser()
    if folder.is_dir():
        return folder.name, folder
    raise TemplateProblem(
        f"theme '{value}' is neither a shipped theme ({', '.join(shipped_themes())}) "
        f"nor a folder (looked for {folder})"
    )


def _settings(path: Path, model):
    try:
        file = load_yaml(path)
    except YamlProblems as exc:
        raise DataError(exc.problems) from None
    result, problems = check_model(file, model)
    if result is None:
        raise DataError(problems)
    return result, file


def workspace_settings(month_dir: Path) -> tuple[schema.WorkspaceSettings, object | None]:
    """The workspace's ``agenda.yaml`` settings (defaults when there is none) and its file."""
    return settings_in(find_config(month_dir))


def settings_in(config_path: Path | None) -> tuple[schema.WorkspaceSettings, object | None]:
    """The settings in one ``agenda.yaml`` (defaults when there is none) and its file."""
    if config_path is None or not config_path.is_file():
        return schema.WorkspaceSettings(), None
    return _settings(config_path, schema.WorkspaceSettings)


def find_config(month_dir: Path) -> Path | None:
    """``agenda.yaml`` in the workspace (the month's parent) or, for units, one level up."""
    for folder in (month_dir.resolve().parent, month_dir.resolve().parent.parent):
        if (folder / CONFIG).is_file():
            return folder / CONFIG
    return None


def load_look(month_dir: Path, template: Path | None = None, *, check: bool = True) -> Look:
    """Resolve the look for ``month_dir`` (``template`` is ``--template DIR``).

    With ``check`` the templates are opened and checked now; a build leaves that to the
    writers, which open them anyway (and write nothing that lands if a check fails).
    """
    config, config_file = workspace_settings(month_dir)
    workspace = config_file.path.parent if config_file else month_dir.resolve().parent
    settings = config.theme
    chosen = str(template) if template is not None else (settings.template or "default")
    name, folder = _theme_folder(chosen, Path.cwd() if template is not None else workspace)
    look = Look(name, folder / "base.pptx", folder / "base.docx")
    if not look.pptx.is_file() or not look.docx.is_file():
        missing = [
            n for n, p in (("base.pptx", look.pptx), ("base.docx", look.docx)) if not p.is_file()
        ]
        raise TemplateProblem(
            f"theme '{name}' lacks {' and '.join(missing)}; a theme folder holds base.pptx and "
            "base.docx (write the defaults out with: agenda templates DIR)"
        )
    theme_file = folder / THEME_FILE
    if theme_file.is_file() and isinstance(theme_file, Path):
        own, _ = _settings(theme_file, schema.ThemeSettings)
        look = _apply(look, own, workspace, None)
    elif theme_file.is_file():  # a shipped theme inside the installed package
        own = schema.ThemeSettings.model_validate(_yaml_text(theme_file.read_text("utf-8")))
        look = _apply(look, own, workspace, None)
    look = _apply(look, settings, workspace, config_file)
    if check and name not in shipped_themes():  # shipped themes are checked by the test suite
        check_templates(look)
    return look


def _yaml_text(text: str):
    import yaml

    return yaml.safe_load(text) or {}


def _hex(value: str | None) -> str | None:
    return value.lstrip("#").upper() if value else None


def _apply(look: Look, settings: schema.ThemeSettings, workspace: Path, file) -> Look:
    colours = {k: _hex(v) for k, v in settings.colours.model_dump().items() if v}
    palette = replace(look.palette, **colours)
    logo = look.logo
    if settings.logo:
        logo = _logo(settings.logo, workspace, file)
    return replace(
        look,
        palette=palette,
        heading_font=settings.fonts.heading or look.heading_font,
        body_font=settings.fonts.body or look.body_font,
        logo=logo,
    )


def _logo(value: str, workspace: Path, file) -> Path:
    def problem(message: str) -> DataError:
        if file is not None:
            return DataError([file.problem(("theme", "logo"), message)])
        return DataError([Problem(None, message)])

    candidate = Path(value)
    if candidate.is_absolute() or ".." in candidate.parts:
        raise problem(f"theme.logo: '{value}' must be a file inside the workspace")
    path = workspace / candidate
    if not path.resolve().is_relative_to(workspace.resolve()):
        raise problem(f"theme.logo: '{value}' points outside the workspace")
    if not path.is_file():
        raise problem(f"theme.logo: file '{value}' not found in {workspace}")
    if path.suffix.lower() not in KIND_BY_SUFFIX:
        raise problem(f"theme.logo: '{value}' should be a PNG, JPEG or GIF image")
    if path.stat().st_size > MAX_LOGO_BYTES:
        raise problem(f"theme.logo: '{value}' is larger than {MAX_LOGO_BYTES // 2**20} MB")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise problem(f"theme.logo: '{value}' cannot be read ({exc.strerror or exc})") from None
    try:
        image = image_info(data)
    except ImageProblem as exc:
        raise problem(f"theme.logo: '{value}' {exc}") from None
    named = KIND_BY_SUFFIX[path.suffix.lower()]
    if image.kind != named:
        right = f"{path.stem}{SUFFIX_BY_KIND[image.kind]}"
        raise problem(
            f"theme.logo: '{value}' holds a {image.kind} image but is named as a {named}; "
            f"rename it to {right} and point theme.logo at that name"
        )
    if not writers_can_place(data, path.name):
        raise problem(
            f"theme.logo: '{value}' cannot be placed in the Word pack or the deck (their image "
            "readers refuse it); export the logo again as a plain PNG"
        )
    return path


def check_templates(look: Look) -> None:
    """Refuse templates that lack a layout or style the writers need; say what is there."""
    from docx import Document
    from pptx import Presentation

    check_slide_master(look, open_pptx(look, Presentation))
    check_reference_doc(look, open_docx(look, Document))


def open_pptx(look: Look, presentation):
    """Open the theme's slide master, or refuse with a template error."""
    data = _template_bytes(look.pptx)
    try:
        return presentation(io.BytesIO(data))
    except Exception:  # any unreadable file is the same user error
        why = _office_trouble(data, "PowerPoint")
        raise TemplateProblem(f"{look.pptx.name}: not a readable PowerPoint file ({why})") from None


def open_docx(look: Look, document):
    """Open the theme's reference document, or refuse with a template error."""
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


def check_slide_master(look: Look, prs) -> None:
    """Refuse a slide master that lacks a layout the deck uses; say which it has."""
    have = [layout.name for layout in prs.slide_layouts]
    missing = [name for name in LAYOUTS if name not in have]
    if missing:
        raise TemplateProblem(
            f"{look.pptx.name} of theme '{look.name}' lacks slide layout(s) "
            f"{', '.join(repr(m) for m in missing)}; it has: {', '.join(repr(h) for h in have)}"
        )


def check_reference_doc(look: Look, doc) -> None:
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


def export_theme(theme: str, out_dir: Path) -> tuple[list[Path], list[Path]]:
    """Copy a shipped theme's files into ``out_dir`` for editing; never overwrite."""
    import yaml

    if theme not in shipped_themes():
        raise UsageProblem(
            f"no shipped theme '{theme}'; choose one of {', '.join(shipped_themes())}"
        )
    folder = templates() if theme == "default" else templates() / "themes" / theme
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {name: (folder / name).read_bytes() for name in ("base.pptx", "base.docx")}
    own = folder / "theme.yaml"
    if own.is_file():
        files["theme.yaml"] = own.read_bytes()
    else:
        colours = {
            k: v
            for k, v in vars(Palette()).items()
            if k in ("accent", "ink", "muted", "panel", "warm")
        }
        files["theme.yaml"] = (
            "# Colours and fonts of this theme (hex RGB); agenda.yaml can override them.\n"
            + yaml.safe_dump(
                {"colours": colours, "fonts": {"heading": "Calibri", "body": "Calibri"}},
                sort_keys=False,
            )
        ).encode()
    written, kept = [], []
    for name, data in files.items():
        path = out_dir / name
        try:
            with path.open("xb") as handle:
                handle.write(data)
            written.append(path)
        except FileExistsError:
            kept.append(path)
    return written, kept
