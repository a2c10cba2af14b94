"""What a non-editable install ships: every package and every wording template."""

from __future__ import annotations

from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+; the rest of the suite runs on 3.10

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_in_the_tree_is_installed():
    listed = set(CONFIG["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("agenda", "packs")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_every_template_is_in_the_package_data():
    patterns = CONFIG["tool"]["setuptools"]["package-data"]["agenda.templates"]
    shipped = {p for pattern in patterns for p in (ROOT / "templates").glob(pattern)}
    wording = set((ROOT / "templates").rglob("*.j2"))
    assert wording and wording <= shipped, sorted(str(p) for p in wording - shipped)


def _shipped() -> set[Path]:
    """Every file the package data patterns of every package take in, as setuptools reads
    them: globs relative to the package's folder (``package-dir``, else its dotted path)."""
    setuptools = CONFIG["tool"]["setuptools"]
    folders = setuptools.get("package-dir", {})
    found = set()
    for package, patterns in setuptools["package-data"].items():
        folder = ROOT / folders.get(package, package.replace(".", "/"))
        found |= {p for pattern in patterns for p in folder.glob(pattern) if p.is_file()}
    return found


def test_every_file_read_at_run_time_is_in_the_package_data():
    """Scaffolds, themes (each file, however deep), base files, the type markers and the HTML
    page's stylesheet; a file only an editable install can see would fail ``agenda init``, a
    theme, the HTML page or a type check."""
    templates = ROOT / "templates"
    needed = {
        "scaffolds": set(templates.glob("scaffold/*.yaml")),
        "themes": {p for p in (templates / "themes").rglob("*") if p.is_file()},
        "base files": {templates / "base.docx", templates / "base.pptx"},
        "type markers": {ROOT / "agenda" / "py.typed", ROOT / "packs" / "py.typed"},
        "the HTML page's styles": {ROOT / "packs" / "html_pack.css"},
    }
    for kind, files in needed.items():
        assert files and all(p.is_file() for p in files), f"no {kind} found: {sorted(files)}"
    shipped = _shipped()
    missing = sorted(str(p.relative_to(ROOT)) for files in needed.values() for p in files - shipped)
    assert not missing, f"add to [tool.setuptools.package-data]: {missing}"


def test_every_data_file_of_the_templates_is_shipped():
    """Anything else put in templates/ later (a logo, a new folder) is caught too."""
    templates = ROOT / "templates"
    data = {
        p
        for p in templates.rglob("*")
        if p.is_file()
        and p.suffix not in (".py", ".pyc")
        and "__pycache__" not in p.parts
        and not p.name.startswith(".")
    }
    missing = sorted(str(p.relative_to(ROOT)) for p in data - _shipped())
    assert not missing, f"add to [tool.setuptools.package-data]: {missing}"
