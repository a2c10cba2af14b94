"""Layering: the writers in ``packs`` know the Pack and a theme, never the loader.

Each module of ``packs`` is imported alone in a fresh interpreter, and none of the loader's
modules (YAML, validation, composition, the look's resolution from settings) may come with it.
A failure names the module, what it pulled in, and the chain of imports that did it.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: What a writer must never load: the YAML reader, validation, the loader's own modules, and the
#: wording (templates are rendered while composing, never while laying out).
FORBIDDEN = (
    "yaml",
    "pydantic",
    "agenda.sources",
    "agenda.schema",
    "agenda.validate",
    "agenda.look",
    "agenda.compose",
    "agenda.pipeline",
    "agenda.text",
    "jinja2",
)

#: The only modules of ``agenda`` a writer may import: the Pack and the errors it raises.
#: (Wording, speaker notes included, is composed into the Pack: writers never phrase.)
ALLOWED = {"agenda.model", "agenda.errors"}

#: Imports one module and prints every module loaded, with who first imported each.
PROBE = """
import json, sys

importer = {}

class Witness:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name not in importer:
            frame = sys._getframe(1)
            while frame is not None:
                who = frame.f_globals.get("__name__", "")
                if not who.startswith(("importlib", "_frozen_importlib")) and who != __name__:
                    break
                frame = frame.f_back
            importer[name] = who if frame is not None else "?"
        return None

sys.meta_path.insert(0, Witness)
import %s
print(json.dumps({"loaded": sorted(sys.modules), "importer": importer}))
"""


def _modules() -> list[str]:
    spec = importlib.util.find_spec("packs")
    assert spec is not None and spec.submodule_search_locations
    found = pkgutil.iter_modules(spec.submodule_search_locations, "packs.")
    return ["packs", *sorted(info.name for info in found)]


def _chain(name: str, importer: dict[str, str], start: str) -> str:
    """``start → … → name``, following who first imported each module."""
    links = [name]
    while links[-1] != start and links[-1] in importer and len(links) < 30:
        parent = importer[links[-1]]
        if parent in ("?", "__main__", "") or parent in links:
            break
        links.append(parent)
    return " → ".join(reversed(links))


@pytest.mark.parametrize("module", _modules())
def test_pack_module_does_not_load_the_loader(module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE % module],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"importing {module} failed:\n{done.stderr}"
    report = json.loads(done.stdout.strip().splitlines()[-1])
    loaded = set(report["loaded"])
    pulled = [name for name in FORBIDDEN if name in loaded]
    chains = "\n".join(f"  {_chain(name, report['importer'], module)}" for name in pulled)
    assert not pulled, (
        f"importing {module} loads {', '.join(pulled)}; packs may import only agenda.model, "
        f"agenda.errors, packs.theme and the Office libraries. Imported through:\n{chains}"
    )


def _is_package(name: str) -> bool:
    return (ROOT.joinpath(*name.split(".")) / "__init__.py").is_file()


def _imports(source: str, module: str) -> set[str]:
    """Every module the source of ``module`` imports, at the top or inside a function.

    ``from agenda import x`` is read as ``agenda.x`` (``x`` may be a module: importing it runs
    it), ``from agenda.model import Pack`` as ``agenda.model``, and relative imports are resolved
    against ``module``'s package.
    """
    package = module if _is_package(module) else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                name = ".".join([*base, *([node.module] if node.module else [])])
            else:
                name = node.module or ""
            if _is_package(name):
                found |= {f"{name}.{alias.name}" for alias in node.names}
            else:
                found.add(name)
    return found


def _module_imports(path: Path) -> set[str]:
    """What the module at ``path`` (in this repository) imports; see ``_imports``."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
    return _imports(path.read_text("utf-8"), module)


def _agenda_imports(path: Path) -> set[str]:
    """Every ``agenda`` module ``path`` imports, at the top or inside a function."""
    return {name for name in _module_imports(path) if name.split(".")[0] == "agenda"}


def test_imports_are_read_as_the_modules_they_load() -> None:
    """The reader the checks below rely on: ``from package import module`` names the module."""
    source = """
import agenda.order
from agenda import facilitation, schema as s
from agenda.model import Pack
from packs import write_all
from .sections import customer
from . import rules


def later():
    from agenda.sections._shared import storyteller
"""
    assert _imports(source, "agenda.figures") == {
        "agenda.order",
        "agenda.facilitation",
        "agenda.schema",
        "agenda.model",
        "packs.write_all",
        "agenda.sections.customer",
        "agenda.rules",
        "agenda.sections._shared",
    }


@pytest.mark.parametrize("path", sorted((ROOT / "packs").glob("*.py")), ids=lambda p: p.name)
def test_pack_module_imports_only_the_model_and_errors(path: Path) -> None:
    """Imports inside functions too, which importing the module alone does not run."""
    wrong = sorted(_agenda_imports(path) - ALLOWED)
    assert not wrong, f"packs/{path.name} imports {', '.join(wrong)}; allowed: {sorted(ALLOWED)}"


def test_every_pack_module_is_checked() -> None:
    """The discovery above finds the writers (so an empty list cannot pass silently)."""
    assert {"packs.docx_writer", "packs.pptx_writer", "packs.deck_plan"} <= set(_modules())


#: The loader: reads and checks the data. It never reaches up into composing or writing.
LOADER = (
    "errors",
    "order",
    "sources",
    "figures",
    "currencies",
    "responses",
    "keywords",
    "names",
    "schema",
    "validate",
)
COMPOSING = (
    "agenda.signal",
    "agenda.sections",
    "agenda.rules",
    "agenda.actions",
    "agenda.decisions",
    "agenda.compose",
    "agenda.rollup",
    "agenda.facilitation",
    "agenda.pipeline",
    "agenda.cli",
    "packs",
)


def _composes(name: str) -> bool:
    return any(name == part or name.startswith(f"{part}.") for part in COMPOSING)


@pytest.mark.parametrize("name", LOADER)
def test_the_loader_imports_nothing_that_composes_or_writes(name):
    """Imports inside functions too, and ``from agenda import facilitation`` as what it is."""
    path = ROOT / "agenda" / f"{name}.py"
    wrong = sorted(found for found in _module_imports(path) if _composes(found))
    assert not wrong, f"agenda/{name}.py imports {', '.join(wrong)}"


def test_the_deck_uses_exactly_the_layouts_a_theme_must_have():
    from packs.pptx_writer import LAYOUT_FOR
    from packs.theme import LAYOUTS

    assert set(LAYOUT_FOR.values()) | {"Title Only"} == set(LAYOUTS)


#: Readers a build pays for only when it reads such a file: loaded inside the function that needs
#: it, never by importing the command line or the loader.
#: (icalendar: only the invite command writes a calendar file; watchfiles: only agenda serve
#: watches files.)
LAZY = ("python_calamine", "openpyxl", "icalendar", "watchfiles")


def test_the_command_line_and_the_loader_do_not_load_the_workbook_reader():
    """A build from YAML or a CSV pays nothing at start-up for reading .xlsx exports, nor
    anything for the invite it does not write (even the invite's own modules wait to load
    icalendar until they write), nor for the preview's file watcher (agenda.serve loads
    watchfiles only when it starts watching)."""
    modules = (
        "agenda.cli, agenda.validate, agenda.pipeline, agenda.responses, agenda.invite, "
        "agenda.serve, packs, packs.ical, packs.html_writer"
    )
    done = subprocess.run(
        [sys.executable, "-c", PROBE % modules],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    pulled = [name for name in LAZY if name in report["loaded"]]
    chains = "\n".join(f"  {_chain(name, report['importer'], 'agenda.cli')}" for name in pulled)
    assert not pulled, f"importing the CLI loads {', '.join(pulled)}:\n{chains}"
