"""The JSON Schemas (agenda schema, agenda init): every data file the loader accepts passes its
schema with the jsonschema library, what the loader refuses for its form fails, and the
registry covers every file the tool reads."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agenda import figures, json_schema, schema
from agenda.errors import ToFill
from agenda.sources import YamlProblems, load_yaml, parse_yaml
from agenda.validate import KNOWN_FILES, check_model

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "northwind"
#: Every YAML data file the project ships or tests with: the sample's months, the golden and
#: stress fixtures, the shipped themes' theme.yaml and init's commented templates.
DATA_FILES = sorted(
    p
    for folder in (ROOT / "sample_data", ROOT / "tests", ROOT / "templates")
    for p in folder.rglob("*.y*ml")
)


def plain(value: Any) -> Any:
    """What an editor's YAML (1.2) support hands the schema: dates as the text typed."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def validator(stem: str) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(
        json_schema.json_schema(stem), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


def schema_errors(stem: str, data: Any) -> list[str]:
    found = [
        jsonschema.exceptions.best_match([e]) for e in validator(stem).iter_errors(plain(data))
    ]
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in found if e]


def loader_problems(stem: str, text: str) -> list[str]:
    """What the loader says of ``text`` as ``<stem>.yaml`` (values still TO FILL are not
    problems: they are to fill)."""
    try:
        file = parse_yaml(textwrap.dedent(text), Path(f"{stem}.yaml"))
    except YamlProblems as exc:
        return [str(p) for p in exc.problems]
    _, problems = check_model(file, json_schema.FILES[stem])
    return [str(p) for p in problems if not isinstance(p, ToFill)]


def both(stem: str, text: str) -> tuple[list[str], list[str]]:
    """(loader's problems, schema's errors) for the same text."""
    data = load_yaml_text(text)
    return loader_problems(stem, text), schema_errors(stem, data)


def load_yaml_text(text: str) -> Any:
    return parse_yaml(textwrap.dedent(text), Path("x.yaml")).data


# --- the registry ------------------------------------------------------------------------------


def test_the_registry_covers_every_file_the_tool_reads() -> None:
    assert tuple(schema.MONTH_FILES) == KNOWN_FILES
    assert set(json_schema.FILES) == {*KNOWN_FILES, "agenda", "theme"}
    stems = {p.stem for p in DATA_FILES}
    assert stems <= set(json_schema.FILES), stems - set(json_schema.FILES)
    for stem in json_schema.FILES:
        jsonschema.Draft7Validator.check_schema(json_schema.json_schema(stem))


def test_every_field_has_a_description() -> None:
    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for key, prop in (node.get("properties") or {}).items():
                assert prop.get("description"), f"{where}.{key} has no description"
            for key, value in node.items():
                walk(value, f"{where}.{key}" if key != "properties" else where)
        elif isinstance(node, list):
            for item in node:
                walk(item, where)

    for stem in json_schema.FILES:
        walk(json_schema.json_schema(stem), stem)


# --- every file the project holds --------------------------------------------------------------


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_file_reads_the_same_to_the_loader_and_its_schema(path: Path) -> None:
    """A file the loader accepts passes its schema (with its values still TO FILL); one it
    refuses (init's template for a customer.yaml, which is no month's) fails it."""
    file = load_yaml(path)
    _, problems = check_model(file, json_schema.FILES[path.stem])
    refused = [str(p) for p in problems if not isinstance(p, ToFill)]
    errors = schema_errors(path.stem, file.data)
    assert bool(refused) == bool(errors), (refused, errors)


def test_the_sample_months_are_all_there() -> None:
    months = {p.parent.name for p in DATA_FILES if p.parent.parent == SAMPLE}
    assert months == {"2026-09", "2026-10", "2026-11"}
    assert len(DATA_FILES) >= 70


# --- typos and what the loader refuses for its form --------------------------------------------


CUSTOMER = """
nps: {counts: {promoters: 141, passives: 150, detractors: 125}, target: 20}
narratives:
  - {title: Still not fixed, customer: Mrs Jones, story: The bill is wrong., channel: Phone}
"""


def test_a_misspelt_key_fails_at_the_top_and_deep_down() -> None:
    loader, errors = both("customer", CUSTOMER + "narative: []\n")
    assert loader and any("narative" in e and "not allowed" in e for e in errors), errors
    loader, errors = both(
        "operations", "slas:\n  - {name: Calls, targt: 90, target: 90, actual: 91}\n"
    )
    assert loader and errors and errors[0].startswith("slas/0"), errors


def test_a_clean_file_passes_both() -> None:
    assert both("customer", CUSTOMER) == ([], [])


@pytest.mark.parametrize(
    ("stem", "text"),
    [
        ("operations", 'slas: [{name: Calls, target: "90%", actual: "97.5%"}]'),
        ("operations", 'slas: [{name: Calls, target: "1,250", actual: 1300.5}]'),
        ("operations", "slas: [{name: Calls, target: 97.5%, actual: 99.949%}]"),
        ("finance", 'metrics: [{name: Spend, actual: "£1,250", budget: "GBP 2,400,000.50"}]'),
        ("finance", 'metrics: [{name: Margin, actual: "4.5%", budget: "5%"}]'),
        ("finance", 'currency: EUR\nmetrics: [{name: Spend, actual: "12 000 €"}]'),
        ("sales", 'currency: EUR\npipeline: {value: "€2,400,000", previous: "-€5"}'),
        ("employees", 'engagement: {score: "4.125", previous: 4}\nenps: "-12"'),
        ("customer", CUSTOMER.replace("promoters: 141", 'promoters: "1,250"')),
        (
            "customer",
            CUSTOMER.replace(
                "{counts: {promoters: 141, passives: 150, detractors: 125}",
                "{responses: export.csv",
            ),
        ),
        (
            "meeting",
            "organisation: A\nperiod: 2026-11\ndate: 2026-11-19\nattendees: [Jo Chair, {name: Priya, email: p@x.org}]",
        ),
        (
            "meeting",
            "organisation: A\nperiod: 2026-11\ndate: 2026-11-19\nstart: '09:30'\nguests: [{name: Jan, organisation: PVH, chatham_house: no}]",
        ),
        (
            "actions",
            "decisions: [{title: T, section: sales, options: [Do it, 2027, {name: Wait, cost: 180000}]}]",
        ),
        ("employees", "challenges: [Short staffed, {text: Old kit, theme: Billing}]"),
        ("finance", "commentary: One paragraph only."),
        ("operations", "slas: [{name: Calls, target: 90, actual: TO FILL}]"),
        ("customer", CUSTOMER.replace("target: 20", "target: TO FILL")),
    ],
)
def test_what_the_loader_accepts_the_schema_accepts(stem: str, text: str) -> None:
    loader, errors = both(stem, text)
    assert loader == [] and errors == [], (loader, errors)


@pytest.mark.parametrize(
    ("stem", "text"),
    [
        ("operations", 'slas: [{name: Calls, target: 90, actual: "97,5%"}]'),  # decimal comma
        ("operations", 'slas: [{name: Calls, target: 90, actual: "1.250"}]'),  # 1.25 or 1,250?
        ("operations", 'slas: [{name: Calls, target: 90, actual: "2100 2000"}]'),  # two cells
        ("operations", 'slas: [{name: Calls, target: 90, actual: "96,500%"}]'),
        ("operations", 'slas: [{name: Calls, target: 90, actual: "£90"}]'),  # not money
        ("finance", 'metrics: [{name: Spend, actual: "€5,400 USD"}]'),  # two currencies
        ("finance", 'metrics: [{name: Spend, actual: "£5%"}]'),
        ("employees", 'engagement: {score: "68,500"}'),  # a score in thousands
        ("employees", 'engagement: {score: "68%"}'),  # % on a figure with no unit
        ("customer", CUSTOMER.replace("promoters: 141", 'promoters: "2.5"')),
        ("customer", CUSTOMER.replace("promoters: 141", "promoters: ten")),
        ("meeting", "organisation: A\nperiod: 2026-11\ndate: 2026-11-19\nnps_framing: targets"),
        ("meeting", "organisation: A\nperiod: 2026-11\ndate: not a date"),
        ("meeting", "organisation: A\nperiod: '2026-13'\ndate: 2026-11-19"),
        (
            "meeting",
            "organisation: A\nperiod: 2026-11\ndate: 2026-11-19\nattendees: [{name: Jo, email: jo at x}]",
        ),
        ("meeting", "organisation: A\nperiod: 2026-11\ndate: 2026-11-19\ntimezone: Europe/Londn"),
        ("meeting", "organisation: '   '\nperiod: 2026-11\ndate: 2026-11-19"),
        ("operations", "slas: [{name: Calls, target: 90, actual: TO FILL 84}]"),  # spoilt
        ("operations", "slas: [{name: TO_FILL, target: 90, actual: 91}]"),
        ("operations", "slas: [{name: Calls, target: 90, actual: 91, higher_is_better: maybe}]"),
        (
            "customer",
            "nps: {target: 20}\nnarratives: [{title: T, customer: C, story: S, channel: P}]",
        ),
        ("customer", "nps: {counts: {promoters: 1, passives: 1, detractors: 1}}\nnarratives: []"),
        (
            "actions",
            "actions: [{id: A-1, title: T, owner: O, due: 2026-12-01, status: closed, section: sales}]",
        ),
    ],
)
def test_what_the_loader_refuses_for_its_form_the_schema_refuses(stem: str, text: str) -> None:
    loader, errors = both(stem, text)
    assert loader and errors, (loader, errors)


# --- the pasted-figure grammar, the same in both ----------------------------------------------


def _loader_reads(check: Any, text: str) -> bool:
    try:
        return not isinstance(check(text), str)  # text without digits is left to fail later
    except ValueError:
        return False


class _Currency:
    """The validation context of a file whose currency is the one the text names."""

    def __init__(self, text: str):
        pasted = None
        with contextlib.suppress(figures.FigureError):
            pasted = figures.read(text) if re.search(r"\d", text) else None
        currency = pasted.currency if pasted and pasted.currency else "GBP"
        # a sign several currencies write (¥, kr) stands for the first of them
        self.context = {"currency": figures.SHARED_SIGNS.get(currency, (currency,))[0]}


def _percent(check: Any) -> Any:
    """A figure of a measure: a percentage is read by the model first (``_percent_unit``)."""

    def read(text: str) -> Any:
        pasted = figures.read(text) if re.search(r"\d", text) else None
        return pasted.value if pasted and pasted.percent and not pasted.currency else check(text)

    return read


KINDS = {
    "FigureText": schema._number,
    "PercentText": _percent(schema._number),
    "ScoreText": schema._score,
    "WholeText": schema._whole,
    "MoneyText": lambda t: schema._money(t, _Currency(t)),  # type: ignore[arg-type]
    "MoneyOrPercentText": _percent(lambda t: schema._money(t, _Currency(t))),  # type: ignore[arg-type]
}
PASTE = st.lists(
    st.sampled_from(
        [
            *"0123456789" * 3,
            *",. %-+€£$¥₴",
            *("EUR", "USD", "JPY", "PLN", "zł", "kr", "Kč", "lei", "Ft"),
            *("\u2212", "\u00a0", "x", "\t"),
        ]
    ),
    min_size=1,
    max_size=10,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(PASTE)
def test_the_pasted_figure_patterns_read_what_the_loader_reads(text: str) -> None:
    for name, check in KINDS.items():
        pattern = json_schema.FIGURES[name][0]
        assert (re.search(pattern, text) is not None) == _loader_reads(check, text), (name, text)


@pytest.mark.parametrize(
    "value",
    ["true", "False", "YES", "no", "On", "off", "t", "N", "1", "0", 1, 0, "maybe", 2, "", " yes"],
)
def test_true_and_false_as_the_loader_reads_them(value: Any) -> None:
    text = f"slas: [{{name: Calls, target: 90, actual: 91, higher_is_better: {json.dumps(value)}}}]"
    loader, errors = both("operations", text)
    assert bool(loader) == bool(errors), (value, loader, errors)


# --- the command and init ----------------------------------------------------------------------


def agenda(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "agenda", *args], capture_output=True, text=True, cwd=cwd
    )


def test_agenda_schema_writes_one_schema_per_file(tmp_path: Path) -> None:
    done = agenda("schema", str(tmp_path / "schemas"))
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert written == sorted(f"{stem}.schema.json" for stem in json_schema.FILES)
    meeting = json.loads((tmp_path / "schemas" / "meeting.schema.json").read_text("utf-8"))
    assert meeting["title"] == "meeting.yaml" and meeting["additionalProperties"] is False
    assert "Europe/London" in meeting["properties"]["timezone"]["anyOf"][0]["enum"]
    again = agenda("schema", str(tmp_path / "schemas"))
    assert again.returncode == 0 and "up to date" in again.stdout


def test_agenda_schema_refuses_a_file_for_a_folder(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    done = agenda("schema", str(tmp_path / "f"))
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert done.stderr.strip()


def test_init_points_each_new_file_at_its_schema(tmp_path: Path) -> None:
    ws = tmp_path / "northwind"
    shutil.copytree(SAMPLE, ws)
    done = agenda("init", str(ws / "2026-12"))
    assert done.returncode == 0, done.stderr
    created = sorted((ws / "2026-12").glob("*.yaml"))
    assert {p.stem for p in created} == set(KNOWN_FILES)
    for path in created:
        first = path.read_text("utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../.schemas/{path.stem}.schema.json"
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file(), target
        # a fresh month, TO FILL and all, is clean in the editor
        data = load_yaml(path).data
        assert schema_errors(path.stem, data) == [], path.name
    assert (ws / ".schemas" / "agenda.schema.json").is_file()
    # and the month still reads as before: the first line is a comment
    todo = agenda("validate", "--todo", str(ws / "2026-12"))
    assert todo.returncode == 1 and "to fill" in todo.stdout


def test_an_empty_or_all_comment_file_passes_where_the_loader_takes_it_as_empty():
    """init leaves outcomes.yaml as comments only: an editor must not flag it."""
    import jsonschema
    import yaml

    from agenda.json_schema import json_schema

    template = (ROOT / "templates" / "scaffold" / "outcomes.yaml").read_text("utf-8")
    assert yaml.safe_load(template) is None
    jsonschema.validate(None, json_schema("outcomes"))
    jsonschema.validate(None, json_schema("operations"))
    with pytest.raises(jsonschema.ValidationError):  # customer.yaml needs its stories
        jsonschema.validate(None, json_schema("customer"))
