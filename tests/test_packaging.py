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
