"""Golden files: a small month built and compared part by part with what was reviewed last.

Every change to the output then shows in review as a diff of readable XML. The parts are
canonicalised (C14N 2.0, then indented), so only a change in content or structure counts.
After an intended change, regenerate and review the diff before committing:

    UPDATE_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import difflib
import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

GOLDEN = Path(__file__).parent / "golden"
WORKSPACE = GOLDEN / "workspace"
EXPECTED = GOLDEN / "expected"
TEMPLATES = Path(__file__).parent.parent / "templates"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
#: Parts written by other programs' code (the chart workbooks python-pptx embeds); the chart
#: XML beside them holds the same figures and is compared.
BINARY = (".xlsx", ".png", ".jpeg", ".jpg", ".gif", ".emf", ".wmf", ".bin")


def canonical(data: bytes) -> str:
    """One XML part as indented canonical XML: stable attribute order, no insignificant space."""
    c14n = etree.tostring(
        etree.fromstring(data, etree.XMLParser(remove_blank_text=True)), method="c14n2"
    )
    tree = etree.fromstring(c14n, etree.XMLParser(remove_blank_text=True))
    etree.indent(tree, space=" ")
    return etree.tostring(tree, encoding="unicode") + "\n"


def parts(package: Path, template: Path) -> dict[str, str]:
    """Every part of an Office file as text: XML canonicalised, other parts by name only.

    Parts copied unchanged from the theme's base file are listed in the manifest, not stored:
    the template is in the repository already, and the diff shows what the writers did.
    """
    with zipfile.ZipFile(template) as base:
        untouched = {name: base.read(name) for name in base.namelist()}
    with zipfile.ZipFile(io.BytesIO(package.read_bytes())) as archive:
        names = sorted(archive.namelist())
        manifest = []
        out = {}
        for name in names:
            data = archive.read(name)
            if untouched.get(name) == data:
                manifest.append(f"{name}  (as in the template)")
            elif name.lower().endswith(BINARY):
                manifest.append(f"{name}  (binary)")
            else:
                manifest.append(name)
                out[name] = canonical(data)
    return {"MANIFEST.txt": "\n".join(manifest) + "\n", **out}


@pytest.fixture(scope="module")
def built(tmp_path_factory, request) -> dict[str, Path]:
    from click.testing import CliRunner

    from agenda.cli import cli

    work = tmp_path_factory.mktemp("golden")
    shutil.copytree(WORKSPACE, work / "workspace")
    out = work / "out"
    result = CliRunner().invoke(cli, ["build", str(work / "workspace" / "2026-11"), "--out", out])
    assert result.exit_code == 0, result.output
    return {p.suffix.lstrip("."): p for p in out.iterdir()}


@pytest.mark.parametrize("kind", ["docx", "pptx"])
def test_output_matches_the_reviewed_golden_files(built, kind):
    actual = parts(built[kind], TEMPLATES / f"base.{kind}")
    folder = EXPECTED / kind
    if UPDATE:
        shutil.rmtree(folder, ignore_errors=True)
        for name, text in actual.items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    expected = {
        str(p.relative_to(folder)): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
    assert expected, f"no golden files in {folder}: run UPDATE_GOLDEN=1 pytest {__file__}"
    changed = [
        name
        for name in sorted(set(actual) | set(expected))
        if actual.get(name) != expected.get(name)
    ]
    if changed:
        first = changed[0]
        diff = "".join(
            difflib.unified_diff(
                expected.get(first, "").splitlines(keepends=True),
                actual.get(first, "").splitlines(keepends=True),
                f"golden/{kind}/{first}",
                f"built/{kind}/{first}",
                n=2,
            )
        )
        pytest.fail(
            f"{len(changed)} part(s) of the {kind} differ from the golden files: "
            f"{', '.join(changed[:8])}{' …' if len(changed) > 8 else ''}\n"
            f"If the change is intended, run UPDATE_GOLDEN=1 pytest tests/test_golden.py and "
            f"review the diff.\n{diff[:6000]}"
        )
