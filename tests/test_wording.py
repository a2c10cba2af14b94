"""Every sentence a reader of the pack sees lives in ``templates/``; Python only computes.

The scan below fails on a string literal of four or more words in a module that composes or
lays out the pack, unless it is a docstring, a regular expression, or a message to the person
running the tool (an error or warning raised or built with ``problem``/``Problem``). Modules
that only talk to that person at the terminal (loading, checking, the CLI) are listed apart,
each with why.
"""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from pathlib import Path

import pytest

from agenda.errors import RenderError
from agenda.text import say, say_lines

ROOT = Path(__file__).resolve().parent.parent
#: Modules whose words are messages to the assistant at the terminal, never the pack's text.
TERMINAL = {
    "agenda/__init__.py": "package metadata",
    "agenda/__main__.py": "entry point",
    "agenda/cli.py": "the command line's help and messages",
    "agenda/errors.py": "error classes and how problems print",
    "agenda/batch.py": "build-all's progress and summary (a unit's reason is said from group.j2)",
    "agenda/carry.py": "the YAML with TO FILL that init writes for the assistant, never the pack",
    "agenda/figures.py": "refusals of pasted figures",
    "agenda/history.py": "warnings about earlier months",
    "agenda/images.py": "refusals of logo files",
    "agenda/json_schema.py": "the JSON Schemas' words for the data's authors in their editor, "
    "as schema.py's descriptions (never the pack)",
    "agenda/look.py": "refusals of theme settings, and the theme.yaml it writes for editing",
    "agenda/names.py": "name matching (word lists and patterns only)",
    "agenda/pipeline.py": "the build's notices on the terminal",
    "agenda/placeholders.py": "the values still TO FILL, listed for the assistant",
    "agenda/privacy.py": "masking patterns and the short masks put in customers' words",
    "agenda/protect.py": "Chatham House refusals, the redaction report, and the short replacements "
    "('a customer guest') it writes into the data before anything is composed",
    "agenda/responses.py": "refusals of survey exports",
    "agenda/serve.py": "agenda serve's terminal lines and the problems panel it shows the "
    "assistant above the preview (validate's lines); never part of a written pack",
    "agenda/scaffold.py": "init's messages and the commented YAML it writes for the assistant",
    "agenda/schema.py": "the data contract and its validation messages",
    "agenda/sources.py": "refusals of YAML files",
    "agenda/validate.py": "validation messages",
    "packs/pdf.py": "LibreOffice missing or failing",
    "packs/theme.py": "refusals of theme templates that cannot be used",
}
EXEMPT_CALL = re.compile(r"(Error|Problem|problem|compile|match|search|sub|split|fullmatch)$")
WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _words(text: str) -> int:
    return len(WORD.findall(text))


def literal_sentences(path: Path) -> list[tuple[int, str]]:
    """String literals of four or more words a reader could see, with their lines."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parent: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parent[child] = node
    docstrings = {
        node.body[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = " ".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if isinstance(parent.get(node), ast.JoinedStr) or node in docstrings:
                continue
            text = node.value
        else:
            continue
        if len(text.split()) < 4 or _words(text) < 4 or _exempt(node, parent):
            continue
        found.append((node.lineno, text))
    return found


def _exempt(node: ast.AST, parent: dict[ast.AST, ast.AST]) -> bool:
    """Inside a raise, or an argument of an error, a problem or a regular expression."""
    at = parent.get(node)
    while at is not None and not isinstance(at, ast.FunctionDef | ast.ClassDef):
        if isinstance(at, ast.Raise):
            return True
        if isinstance(at, ast.Call):
            func = at.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if EXEMPT_CALL.search(name):
                return True
        at = parent.get(at)
    return False


PACK_MODULES = sorted(
    str(p.relative_to(ROOT))
    for folder in ("agenda", "packs")
    for p in (ROOT / folder).rglob("*.py")
    if str(p.relative_to(ROOT)) not in TERMINAL
)


@pytest.mark.parametrize("module", PACK_MODULES)
def test_no_sentence_a_reader_sees_is_written_in_python(module):
    found = literal_sentences(ROOT / module)
    listed = "\n".join(f"  {module}:{line}: {text[:80]!r}" for line, text in found)
    assert not found, f"move these into templates/words/*.j2 and say() them:\n{listed}"


def test_the_scan_sees_a_sentence_and_spares_errors_and_docstrings(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""A module docstring of many words."""\n'
        'TITLE = "What customers told us this month"\n'
        "def f(x):\n"
        '    """A function docstring of many words."""\n'
        '    label = f"{x} customers answered the survey"\n'
        '    raise ValueError("this is an error message for the terminal")\n'
    )
    assert [line for line, _ in literal_sentences(sample)] == [2, 5]


def test_terminal_modules_exist():
    assert all((ROOT / name).is_file() for name in TERMINAL)


def test_say_renders_a_macro_and_refuses_what_is_missing(tmp_path):
    assert say("pack.order_line", titles=["A", "B"], last="C") == (
        "In this pack the customer comes first: A, B, then C."
    )
    with pytest.raises(RenderError, match="no wording named"):
        say("pack.no_such_wording")
    with pytest.raises(RenderError, match="order_line"):
        say("pack.order_line", titles=["A"])  # the value ``last`` is missing
    assert say_lines("agenda.questions_customer") == (
        "What in these stories surprised us, and who in this room owns the fix?",
        "Which of the top two themes do we commit to moving by next month?",
    )


def test_the_number_of_top_themes_is_said_from_agenda_order():
    from agenda import text

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text, "TOP_THEMES", 3)
        text._env.cache_clear()
        assert "top three themes" in " ".join(say_lines("agenda.questions_customer"))
        assert "the top three lead" in say("customer.themes_caption")
    text._env.cache_clear()  # the real number back, for every later test
    assert "top two themes" in " ".join(say_lines("agenda.questions_customer"))


def test_a_customer_named_a_something_is_not_lower_cased_in_the_notes():
    from conftest import SAMPLE_MONTH

    from agenda.facilitation import facilitate
    from agenda.model import Narrative, Section
    from agenda.pipeline import prepare

    pack = prepare(SAMPLE_MONTH)
    customer = pack.sections[0]
    named = Narrative("A story", "A Okafor", "It happened.", "Phone")
    guest = Narrative("A story", "A customer guest", "It happened.", "Phone")
    section = Section(customer.key, customer.title, customer.slot, (named, guest), ())
    notes = [b.notes[0] for b in facilitate(replace(pack, sections=(section,))).sections[0].blocks]
    assert notes == [
        "Read A Okafor's story aloud before showing any number.",
        "Read a customer guest's story aloud before showing any number.",
    ]
