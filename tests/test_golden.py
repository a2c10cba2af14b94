"""Golden files: a small month, and a small group of two units, built and compared part by part
with what was reviewed last.

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
#: Two units of one group (``agenda build-all``): one with an accented name and a small sample,
#: one whose money is in EUR; the group pack is the one compared.
GROUP_WORKSPACE = GOLDEN / "group"
EXPECTED_GROUP = GOLDEN / "expected-group"
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


def _office_files(folder: Path) -> dict[str, Path]:
    files = {p.suffix.lstrip("."): p for p in folder.iterdir() if p.suffix in (".docx", ".pptx")}
    assert sorted(files) == ["docx", "pptx"], sorted(p.name for p in folder.iterdir())
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """The unit pack of the golden month (``agenda build``)."""
    from click.testing import CliRunner

    from agenda.cli import cli

    work = tmp_path_factory.mktemp("golden")
    shutil.copytree(WORKSPACE, work / "workspace")
    out = work / "out"
    result = CliRunner().invoke(cli, ["build", str(work / "workspace" / "2026-11"), "--out", out])
    assert result.exit_code == 0, result.output
    return _office_files(out)


@pytest.fixture(scope="module")
def built_group(tmp_path_factory) -> dict[str, Path]:
    """The group pack of the golden group (``agenda build-all``)."""
    from click.testing import CliRunner

    from agenda.cli import cli

    work = tmp_path_factory.mktemp("golden-group")
    shutil.copytree(GROUP_WORKSPACE, work / "group")
    out = work / "out"
    result = CliRunner().invoke(cli, ["build-all", str(work / "group"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith("Built 3, skipped 0"), result.output
    return _office_files(out / "group")


def compare_with_golden(package: Path, kind: str, folder: Path) -> None:
    """Compare ``package`` part by part with the golden files in ``folder`` (or rewrite them
    when ``UPDATE_GOLDEN=1``); fail with the diff of the first part that differs."""
    actual = parts(package, TEMPLATES / f"base.{kind}")
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
        golden = folder.relative_to(GOLDEN)
        diff = "".join(
            difflib.unified_diff(
                expected.get(first, "").splitlines(keepends=True),
                actual.get(first, "").splitlines(keepends=True),
                f"golden/{golden}/{first}",
                f"built/{kind}/{first}",
                n=2,
            )
        )
        pytest.fail(
            f"{len(changed)} part(s) of the {kind} differ from the golden files in "
            f"golden/{golden}: {', '.join(changed[:8])}{' …' if len(changed) > 8 else ''}\n"
            f"If the change is intended, run UPDATE_GOLDEN=1 pytest tests/test_golden.py and "
            f"review the diff.\n{diff[:6000]}"
        )


@pytest.mark.parametrize("kind", ["docx", "pptx"])
def test_output_matches_the_reviewed_golden_files(built, kind):
    compare_with_golden(built[kind], kind, EXPECTED / kind)


@pytest.mark.parametrize("kind", ["docx", "pptx"])
def test_group_pack_matches_the_reviewed_golden_files(built_group, kind):
    compare_with_golden(built_group[kind], kind, EXPECTED_GROUP / kind)
