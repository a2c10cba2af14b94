"""The look of a pack: base templates, colours, fonts and logo, from a theme and the workspace.

Resolution, most specific last: the shipped default theme; the theme named or pointed to by the
workspace's ``agenda.yaml`` (``theme.template``) or by ``--template DIR``; that theme folder's
own ``theme.yaml``; then ``agenda.yaml``'s colours, fonts and logo. Templates are checked here,
before anything is written, so a company master missing a layout is a clear error, not a crash.
A logo is checked here too; what its bytes hold is read by ``agenda.images``.

This module only resolves the look from settings; what a look is to the writers (``Look``,
``Palette``, the layouts and styles they need, opening and checking the templates) is in
``packs.theme``, so the writers never import this loader.
"""

from __future__ import annotations

import re
from dataclasses import replace
from importlib.abc import Traversable
from pathlib import Path

from agenda import schema
from agenda.errors import DataError, Problem, TemplateProblem, UsageProblem
from agenda.fontfiles import FontFileProblem, read_face
from agenda.images import (
    KIND_BY_SUFFIX,
    MAX_LOGO_BYTES,
    SUFFIX_BY_KIND,
    ImageProblem,
    image_info,
    writers_can_place,
)
from agenda.resources import templates
from agenda.sources import YamlFile, parse_yaml
from agenda.validate import check_model, read_or_refuse
from packs.text_metrics import MeasuredFace
from packs.theme import Look, Palette, check_templates

CONFIG = "agenda.yaml"
THEME_FILE = "theme.yaml"


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


def workspace_settings(month_dir: Path) -> tuple[schema.WorkspaceSettings, YamlFile | None]:
    """The workspace's ``agenda.yaml`` settings (defaults when there is none) and its file."""
    return settings_in(find_config(month_dir))


def settings_in(config_path: Path | None) -> tuple[schema.WorkspaceSettings, YamlFile | None]:
    """The settings in one ``agenda.yaml`` (defaults when there is none) and its file."""
    if config_path is None or not config_path.is_file():
        return schema.WorkspaceSettings(), None
    return read_or_refuse(config_path, schema.WorkspaceSettings)


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
        own, own_file = read_or_refuse(theme_file, schema.ThemeSettings)
        look = _apply(look, own, workspace, None)
        look = _with_fonts(look, own.fonts.files, theme_file.parent, own_file)
    elif theme_file.is_file():  # a shipped theme inside the installed package
        shipped = parse_yaml(theme_file.read_text("utf-8"), Path("themes", name, THEME_FILE))
        found, problems = check_model(shipped, schema.ThemeSettings)
        if found is None:
            raise DataError(problems)
        look = _apply(look, found, workspace, None)
    look = _apply(look, settings, workspace, config_file)
    look = _with_fonts(look, settings.fonts.files, workspace, config_file)
    if check and name not in shipped_themes():  # shipped themes are checked by the test suite
        check_templates(look)
    return look


def _hex(value: str) -> str:
    return value.lstrip("#").upper()


def _apply(
    look: Look, settings: schema.ThemeSettings, workspace: Path, file: YamlFile | None
) -> Look:
    colours = {k: _hex(v) for k, v in settings.colours.model_dump().items() if v}
    palette = replace(look.palette, **colours)
    logo = look.logo
    if settings.logo:
        logo = _logo(settings.logo, workspace, file)
    return replace(
        look,
        palette=palette,
        branded=look.branded | colours.keys(),
        heading_font=settings.fonts.heading or look.heading_font,
        body_font=settings.fonts.body or look.body_font,
        logo=logo,
    )


def _with_fonts(look: Look, files: list[str], folder: Path, file: YamlFile | None) -> Look:
    """``look`` measured in the font files named (inside ``folder``, beside the file naming
    them); each must hold the heading or the body font, so a wrong file is refused, never a
    plausible but wrong measure."""
    if not files:
        return look

    def problem(n: int, message: str) -> DataError:
        if file is not None:
            return DataError([file.problem(("theme", "fonts", "files", n), message)])
        return DataError([Problem(None, message)])

    named = {f.casefold(): f for f in (look.heading_font, look.body_font) if f}
    faces = []
    for n, value in enumerate(files):
        where = f"theme.fonts.files[{n}]: '{value}'"
        candidate = Path(value)
        path = folder / candidate
        if candidate.is_absolute() or not path.resolve().is_relative_to(folder.resolve()):
            raise problem(n, f"{where} must be a file inside {folder}")
        if not path.is_file():
            raise problem(n, f"{where} not found in {folder}")
        try:
            family, style, entry = read_face(path)
        except FontFileProblem as exc:
            raise problem(n, f"{where} {exc}") from None
        if family.casefold() not in named:
            fonts = " or ".join(f"'{f}'" for f in named.values()) or "none (set fonts.body)"
            raise problem(
                n,
                f"{where} holds the font '{family}', which is not the theme's heading or body "
                f"font ({fonts}); name it in fonts.heading or fonts.body, or remove the file",
            )
        faces.append(MeasuredFace(named[family.casefold()], style, entry))
    return replace(look, faces=(*look.faces, *faces))


def _logo(value: str, workspace: Path, file: YamlFile | None) -> Path:
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
