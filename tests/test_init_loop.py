"""``agenda init`` carries the month's structure forward, with ``TO FILL`` where this month's
values go, and the loop closes: what the meeting decided (outcomes.yaml) reaches the next
month's action log and pack without retyping (issue 14).

Every test works on a copy of the sample workspace: November 2026 is the month init starts from.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import SAMPLE, docx_items, section_items, slides

from agenda import carry
from agenda.errors import PLACEHOLDER, DataError, ToFill
from agenda.pipeline import prepare
from agenda.scaffold import init_month
from agenda.validate import load_month, month_todos

SURVEY = "northwind-november-survey.csv"
#: What the November meeting decided, as its secretary would write it down afterwards. The
#: source of A-111 names the protected guest: init must never write her name.
OUTCOMES = """\
decisions:
  - title: Fund a dedicated billing-correction team through the winter peak
    section: finance
    owner: Rachel Adeyemi
    actions: [A-111]
  - title: Add a "bill right first time" measure to the operations SLAs from January
    section: operations
    owner: Gareth Lloyd
    actions: [A-112]
actions:
  - {id: A-111, title: Recruit six billing specialists for the correction team,
     owner: Rachel Adeyemi, due: 2026-12-12, status: open, section: finance,
     source: Janet Pryce of Pennine Vale Housing at the November meeting}
  - {id: A-112, title: Baseline bill right first time, owner: Gareth Lloyd, due: 2026-12-10,
     status: open, section: operations}
  - {id: A-109, title: Brief the sales team on the void-property billing feedback before the
       Calder Homes presentation, owner: Daniel Whitaker, due: 2026-12-01, status: done,
     section: sales}
  - {id: A-110, title: Cost the full cost of failure for the December meeting,
     owner: Rachel Adeyemi, due: 2026-12-14, status: open, section: finance}
notes:
  customer: The room asked for a named owner for refund speed.
"""


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """A private copy of the sample workspace, run from its parent (paths print relative)."""
    shutil.copytree(SAMPLE, tmp_path / "northwind")
    return Path("northwind")


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


def _value(todo: ToFill) -> str:
    """What a department would type for each placeholder (whatever it is, a real value)."""
    key = todo.key
    if key.endswith(".file"):
        return SURVEY
    if key == "complaints.total":
        return "300"
    if key in ("csat.score", "effort.score"):
        return "3.8"
    if key == "engagement.score":
        return "70"
    if key == "pipeline.value":
        return "6100000"
    if key.startswith("narratives[0]."):
        return {
            "title": "One bill, put right at last",
            "customer": "Mr Sam Patel, Halifax",
            "story": "His bill was estimated for five months; a field visit fixed the meter.",
            "channel": "Phone",
        }[key.rsplit(".", 1)[1]]
    if todo.expected == "a whole number":
        return "20"
    if todo.expected == "a number in %":
        return "96.5"
    assert todo.expected.startswith("a number"), todo
    return "90"


def fill(month: Path, *, leave: tuple[str, ...] = ()) -> list[ToFill]:
    """Type a value over every placeholder, as a department would (bar the keys in
    ``leave``); the survey export is put in the folder. Returns what was filled."""
    todos = [t for t in month_todos(month) if t.key not in leave]
    for path in {t.path for t in todos}:
        assert path is not None
        lines = path.read_text("utf-8").splitlines(keepends=True)
        # right to left on each line, so earlier columns stay where they are
        for todo in sorted((t for t in todos if t.path == path), key=lambda t: -(t.column or 0)):
            assert todo.line is not None and todo.column is not None
            line, start = lines[todo.line - 1], todo.column - 1
            assert line[start : start + len(PLACEHOLDER)] == PLACEHOLDER, (line, todo)
            value = _value(todo)
            lines[todo.line - 1] = line[:start] + value + line[start + len(PLACEHOLDER) :]
        path.write_text("".join(lines), "utf-8")
    if any(t.key.endswith(".file") for t in todos):
        _export_for(month, month.parent / "2026-11" / SURVEY, month / SURVEY)
    return todos


def _export_for(month: Path, source: Path, target: Path) -> None:
    """November's export as this month's: the same answers, dated in ``month`` (answers
    dated in another month are not counted)."""
    year, number = (int(part) for part in month.name.split("-"))
    text = source.read_text("utf-8")
    # SurveyMonkey's dates: MM/DD/YYYY; days past the 28th move to it, which every month has
    text = re.sub(
        r"\b11/(\d{2})/2026\b",
        lambda m: f"{number:02d}/{min(int(m.group(1)), 28):02d}/{year}",
        text,
    )
    target.write_text(text, "utf-8")


def _texts(docx: Path) -> str:
    return "\n".join(i.text for i in docx_items(docx))


# --- init carries November's structure into December -----------------------------------------


def test_init_carries_novembers_structure_with_placeholders_where_values_go(ws, run_cli):
    result = run_cli("init", ws / "2026-12")
    assert result.exit_code == 0, result.output
    assert "agenda validate --todo northwind/2026-12" in result.stdout
    nov, dec = ws / "2026-11", ws / "2026-12"

    slas = _load(dec / "operations.yaml")["slas"]
    before = _load(nov / "operations.yaml")["slas"]
    assert [(s["name"], s["target"], s.get("unit"), s.get("theme")) for s in slas] == [
        (s["name"], s["target"], s.get("unit"), s.get("theme")) for s in before
    ]
    assert [s["higher_is_better"] for s in slas] == [
        s.get("higher_is_better", True) for s in before
    ]
    assert {s["actual"] for s in slas} == {PLACEHOLDER}

    counted = {t.name: t.mentions for t in load_month(nov).themes}  # counted from comments
    themes = _load(dec / "customer.yaml")["themes"]
    assert {t["name"]: t["previous"] for t in themes} == counted
    assert counted["Billing accuracy"] == 109  # the pack's own count, not a re-count
    assert all("mentions" not in t and t["keywords"] for t in themes)  # counted again
    assert themes[0]["owner"] == "Gareth Lloyd" and "next_step" in themes[0]

    customer = _load(dec / "customer.yaml")
    november = _load(nov / "customer.yaml")
    assert customer["nps"]["target"] == 20
    assert customer["nps"]["responses"]["file"] == PLACEHOLDER
    assert customer["nps"]["responses"]["columns"] == november["nps"]["responses"]["columns"]
    assert customer["narratives"] == [
        dict.fromkeys(("title", "customer", "story", "channel"), PLACEHOLDER)
    ]
    assert customer["complaints"]["total"] == PLACEHOLDER
    assert customer["complaints"]["previous"] == 281
    assert set(customer["complaints"]["reasons"]) == set(november["complaints"]["reasons"])
    assert customer["csat"] == {"score": PLACEHOLDER, "previous": 3.7, "scale": 5}
    assert "verbatims" not in customer  # this month's own, left as a commented example

    finance = _load(dec / "finance.yaml")
    assert finance["currency"] == "GBP"
    was = _load(nov / "finance.yaml")["metrics"]
    assert [(m["name"], m["budget"], m["previous"], m["unit"]) for m in finance["metrics"]] == [
        (m["name"], m["budget"], m["actual"], m["unit"]) for m in was
    ]
    assert {m["actual"] for m in finance["metrics"]} == {PLACEHOLDER}
    assert "commentary" not in finance

    employees = _load(dec / "employees.yaml")
    assert employees["engagement"] == {"score": PLACEHOLDER, "previous": 71}
    assert employees["customer_objectives"] == _load(nov / "employees.yaml")["customer_objectives"]
    assert "challenges" not in employees

    sales = _load(dec / "sales.yaml")
    assert sales == {"currency": "GBP", "pipeline": {"value": PLACEHOLDER, "previous": 6380000}}

    marketing = _load(dec / "marketing.yaml")
    # "October to December 2026" goes on; "September to November 2026", "w/c 23 November
    # 2026" and an event on 5 November ended before December; an event on 3 December is to come
    assert [p["name"] for p in marketing["programmes"]] == ["Winter Ready"]
    assert [e["name"] for e in marketing["events"]] == ["Landlord and letting agent breakfast"]
    assert (
        "Not carried, ended before December 2026: Fix & Save"
        in (dec / "marketing.yaml").read_text()
    )

    meeting = _load(dec / "meeting.yaml")
    settings = _load(nov / "meeting.yaml")
    for key in ("leads", "minutes", "purposes", "start", "end", "chair"):
        assert meeting[key] == settings[key]


def test_an_outreach_whose_end_is_unclear_is_carried_with_a_comment(ws):
    text = (ws / "2026-11" / "marketing.yaml").read_text()
    text = text.replace("when: w/c 23 November 2026", "when: through the winter")
    (ws / "2026-11" / "marketing.yaml").write_text(text)
    init_month(ws / "2026-12")
    written = (ws / "2026-12" / "marketing.yaml").read_text()
    names = [p["name"] for p in yaml.safe_load(written)["programmes"]]
    assert names == ["Winter Ready", "Fix & Save 2027 tariff launch"]
    assert re.search(
        r'# Carried, but check it: its when \("through the winter"\) does not say clearly '
        r"whether it has ended\. Delete it if it has\.\n"
        r"\s+- name: Fix & Save 2027 tariff launch",
        written,
    )


@pytest.mark.parametrize(
    ("when", "over"),
    [
        ("October to December 2026", False),
        ("September to November 2026", True),
        ("w/c 23 November 2026", True),
        ("Nov 2026 to Feb 2027", False),
        ("2026-11-30", True),
        ("launch 2026-12-01", False),
        ("2026-11", True),
        ("2025", True),
        ("2026", False),
        ("from March", None),  # which March?
        ("ongoing", None),
        (None, None),
    ],
)
def test_when_an_outreach_ended(when, over):
    import datetime as dt

    assert carry.ended(when, dt.date(2026, 12, 1)) is over


def test_a_figure_is_written_as_the_tool_reads_it():
    assert carry.dump({"a": 80.0, "b": 1.125, "c": 99.5, "d": ["x", "y"]}) == (
        "a: 80\nb: 1.1250\nc: 99.5\nd: [x, y]\n"
    )


# --- what is left to fill: validate, validate --todo, build ----------------------------------


def test_placeholders_validate_as_to_fill_grouped_by_file(ws, run_cli):
    dec = ws / "2026-12"
    run_cli("init", dec)
    result = run_cli("validate", dec)
    assert result.exit_code == 1, result.output
    assert "error:" not in result.stderr and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    groups = [line for line in lines if re.fullmatch(r"\S+\.yaml: \d+ to fill", line)]
    assert groups == [
        "northwind/2026-12/customer.yaml: 15 to fill",
        "northwind/2026-12/employees.yaml: 1 to fill",
        "northwind/2026-12/finance.yaml: 7 to fill",
        "northwind/2026-12/operations.yaml: 12 to fill",
        "northwind/2026-12/sales.yaml: 1 to fill",
    ]
    assert lines[-1] == "Total: 36 values to fill in 5 files."
    # each entry points at the placeholder itself, names the item and says what to type
    entry = next(line for line in lines if "slas[5].actual" in line)
    match = re.fullmatch(r"  northwind/2026-12/operations\.yaml:(\d+):(\d+): to fill: (.*)", entry)
    assert match, entry
    assert match.group(3) == "slas[5].actual (Bills issued on time): a number in %"
    row, col = int(match.group(1)), int(match.group(2))
    text = (dec / "operations.yaml").read_text().splitlines()[row - 1]
    assert text[col - 1 :] == PLACEHOLDER and text.strip() == f"actual: {PLACEHOLDER}"
    assert "to fill: narratives[0].story: text" in result.stderr
    assert "to fill: metrics[0].actual (Revenue): a number in £k" in result.stderr


def test_validate_todo_prints_only_the_list_and_exits_by_what_is_left(ws, run_cli):
    dec = ws / "2026-12"
    run_cli("init", dec)
    listed = run_cli("validate", dec, "--todo")
    assert listed.exit_code == 1
    assert listed.stderr == ""
    out = listed.stdout.splitlines()
    assert out[0] == "northwind/2026-12/customer.yaml: 15 to fill"
    assert out[-1] == "Total: 36 values to fill in 5 files."
    assert all(line.startswith("  northwind/2026-12/") for line in out[1:16])
    assert len(out) == 36 + 5 + 1
    filled = fill(dec)
    assert len(filled) == 36
    done = run_cli("validate", dec, "--todo")
    assert done.exit_code == 0 and done.stdout == "northwind/2026-12: nothing left to fill.\n"


def test_build_is_refused_while_placeholders_remain_and_builds_once_filled(ws, tmp_path, run_cli):
    dec, out = ws / "2026-12", tmp_path / "out"
    run_cli("init", dec)
    refused = run_cli("build", dec, "--out", out)
    assert refused.exit_code == 1
    assert not out.exists()
    assert "36 values are still TO FILL" in refused.stderr
    assert "northwind/2026-12/operations.yaml: 12 to fill" in refused.stderr
    fill(dec)
    check = run_cli("validate", dec)
    assert check.exit_code == 0, check.stderr
    built = run_cli("build", dec, "--out", out)
    assert built.exit_code == 0, built.stderr
    docx = out / "northwind-utilities-2026-12-leadership-pack.docx"
    text = _texts(docx)
    assert PLACEHOLDER not in text
    assert "One bill, put right at last" in text
    operations = " ".join(i.text for i in section_items(docx, "Operations"))
    assert "Bills issued on time" in operations and "96.5%" in operations
    deck = out / "northwind-utilities-2026-12-leadership-pack.pptx"
    assert not any(PLACEHOLDER in t for v in slides(deck) for t in [v.title, *v.texts, v.notes])


def test_a_placeholder_never_reads_as_zero_nor_as_text(ws, tmp_path, run_cli):
    dec = ws / "2026-12"
    init_month(dec)
    fill(dec, leave=("slas[0].actual", "narratives[0].story"))
    with pytest.raises(DataError) as caught:
        load_month(dec)
    assert [p.__class__ for p in caught.value.problems] == [ToFill, ToFill]
    assert caught.value.exit_code == 1
    with pytest.raises(DataError):  # no pack composed: no status for an SLA with no actual
        prepare(dec)
    result = run_cli("build", dec, "--out", tmp_path / "out")
    assert result.exit_code == 1 and not (tmp_path / "out").exists()
    assert "to fill: narratives[0].story: text" in result.stderr
    assert "to fill: slas[0].actual (Calls answered within 60 seconds): a number in %" in (
        result.stderr
    )
    assert "expected a number" not in result.stderr  # said as to fill, once


# --- the loop closes: outcomes.yaml into next month's action log -----------------------------


def test_outcomes_actions_are_carried_into_decembers_actions(ws, run_cli):
    (ws / "2026-11" / "outcomes.yaml").write_text(OUTCOMES)
    result = run_cli("init", ws / "2026-12")
    assert result.exit_code == 0, result.output
    assert "From 2026-11/outcomes.yaml: 2 new, 1 changed and 1 closed action(s)" in result.stdout
    written = (ws / "2026-12" / "actions.yaml").read_text()
    log = {a["id"]: a for a in yaml.safe_load(written)["actions"]}
    assert list(log) == ["A-103", "A-106", "A-108", "A-109", "A-110", "A-111", "A-112"]
    assert log["A-111"]["status"] == "open" and log["A-112"]["status"] == "open"
    assert str(log["A-110"]["due"]) == "2026-12-14"  # the room's record wins
    assert log["A-110"]["title"] == "Cost the full cost of failure for the December meeting"
    assert log["A-109"]["status"] == "done"  # closed in the room: carried once, as done
    assert "A-104" not in log and "A-107" not in log  # done in November's own file
    assert "decisions" not in yaml.safe_load(written)  # taken decisions are not asked again
    said = " ".join(line.lstrip("# ") for line in written.splitlines() if line.startswith("#"))
    assert "The 2 decisions taken there are not asked again" in said
    # the protected guest named in an outcome is never named in what init writes
    for path in (ws / "2026-12").iterdir():
        text = path.read_text()
        assert "Janet" not in text and "Pryce" not in text and "Pennine" not in text, path
    assert log["A-111"]["source"].startswith("A customer guest of a customer organisation")


def test_a_decision_asked_and_not_recorded_as_taken_is_named_for_the_assistant(ws):
    (ws / "2026-11" / "outcomes.yaml").write_text(OUTCOMES.split("  - title: Add a")[0])
    init_month(ws / "2026-12")
    written = (ws / "2026-12" / "actions.yaml").read_text()
    said = " ".join(line.lstrip("# ") for line in written.splitlines() if line.startswith("#"))
    assert "not recorded there as taken" in said
    assert 'Add a "bill right first time" measure' in said
    assert "Fund a dedicated billing-correction team" not in said.split("not recorded")[1]


def test_the_three_month_loop(ws, tmp_path, run_cli):
    """November built; its outcomes written; December started by init, filled and built: it
    shows November's decisions, the new actions open and the one closed once; January,
    started from December, no longer carries the closed one."""
    out = tmp_path / "out"
    built = run_cli("build", ws / "2026-11", "--out", out)
    assert built.exit_code == 0, built.stderr
    # before the meeting: each department's brief; after it: the recap and next month's invite
    briefed = run_cli("brief", ws / "2026-11", "--all", "--out", out)
    assert briefed.exit_code == 0, briefed.stderr
    operations = out / "northwind-utilities-2026-11-operations-brief.docx"
    assert 'Add a "bill right first time" measure' in _texts(operations)
    (ws / "2026-11" / "outcomes.yaml").write_text(OUTCOMES)
    recapped = run_cli("recap", ws / "2026-11", "--out", out)
    assert recapped.exit_code == 0, recapped.stderr
    recap_md = (out / "northwind-utilities-2026-11-recap.md").read_text("utf-8")
    assert "A-111" in recap_md and "Recruit six billing specialists" in recap_md
    assert "Janet" not in recap_md and "Pennine" not in recap_md
    assert "Janet" not in _texts(out / "northwind-utilities-2026-11-recap.docx")
    assert run_cli("init", ws / "2026-12").exit_code == 0
    fill(ws / "2026-12")
    invited = run_cli("invite", ws / "2026-12", "--out", out)
    assert invited.exit_code == 0, invited.stderr
    import icalendar

    ics = (out / "northwind-utilities-2026-12-meeting.ics").read_bytes()
    (event,) = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    start = event.decoded("DTSTART")
    assert (start.date().isoformat(), f"{start:%H:%M}") == ("2026-12-17", "09:30")
    assert str(start.tzinfo) == "Europe/London"
    assert b"Janet" not in ics and b"Pennine" not in ics
    built = run_cli("build", ws / "2026-12", "--out", out)
    assert built.exit_code == 0, built.stderr
    docx = out / "northwind-utilities-2026-12-leadership-pack.docx"
    tables = [i.text for i in section_items(docx, "Actions") if i.kind == "table"]
    taken = next(t for t in tables if "Result" in t)
    assert "Fund a dedicated billing-correction team through the winter peak" in taken
    assert "A-111 open" in taken and "A-112 open" in taken
    (opened,) = [t for t in tables if t.startswith("Section | ID | Action | Owner | Due")]
    assert "A-111" in opened and "A-112" in opened and "A-109" not in opened
    (closed,) = [
        t for t in tables if t.startswith("Section | ID | Action | Owner |") and "A-109" in t
    ]
    assert closed != opened
    headings = [i.text for i in section_items(docx, "Actions")]
    assert "Closed since last meeting" in headings
    assert "Decisions taken at the November 2026 meeting" in headings
    text = _texts(docx)
    assert "Janet" not in text and "Pennine" not in text

    # January: A-109 was closed once, in December's pack; it is not carried again
    assert run_cli("init", ws / "2027-01").exit_code == 0
    january = yaml.safe_load((ws / "2027-01" / "actions.yaml").read_text())["actions"]
    assert "A-109" not in {a["id"] for a in january}
    assert {"A-111", "A-112"} <= {a["id"] for a in january}
    fill(ws / "2027-01")
    built = run_cli("build", ws / "2027-01", "--out", out)
    assert built.exit_code == 0, built.stderr
    docx = out / "northwind-utilities-2027-01-leadership-pack.docx"
    items = section_items(docx, "Actions")
    assert not any("A-109" in i.text for i in items if i.kind == "table")
    assert "Decisions taken" not in " ".join(i.text for i in items)  # December recorded none


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["TO FILL 84", "84 TO FILL", "to fill", "TO_FILL", "<TO FILL>"])
def test_a_spoilt_placeholder_is_a_located_error(ws, run_cli, typed):
    dec = ws / "2026-12"
    init_month(dec)
    fill(dec)
    path = dec / "operations.yaml"
    text = path.read_text()
    path.write_text(text.replace("actual: 96.5", f'actual: "{typed}"', 1))
    row = next(n for n, line in enumerate(path.read_text().splitlines(), 1) if typed in line)
    for args in ((), ("--todo",)):
        result = run_cli("validate", dec, *args)
        assert result.exit_code == 65, result.output
        assert f"northwind/2026-12/operations.yaml:{row}:13: error: slas[0].actual: " in (
            result.stderr
        )
        assert "looks like the placeholder TO FILL" in result.stderr
        assert "Traceback" not in result.stderr


def test_ordinary_words_that_hold_to_fill_are_not_placeholders(ws, run_cli):
    dec = ws / "2026-12"
    init_month(dec)
    fill(dec)
    path = dec / "customer.yaml"
    path.write_text(
        path.read_text().replace(
            "a field visit fixed the meter.", "the form was too long to fill in on a phone."
        )
    )
    result = run_cli("validate", dec)
    assert result.exit_code == 0, result.stderr


def test_init_into_an_existing_folder_keeps_what_is_there(ws, run_cli):
    dec = ws / "2026-12"
    dec.mkdir()
    (dec / "operations.yaml").write_text("slas: []   # ours, half done\n")
    result = run_cli("init", dec)
    assert result.exit_code == 0, result.output
    assert (dec / "operations.yaml").read_text() == "slas: []   # ours, half done\n"
    assert "kept    northwind/2026-12/operations.yaml (already there, not overwritten)" in (
        result.stdout
    )
    assert "created northwind/2026-12/finance.yaml" in result.stdout
    assert _load(dec / "finance.yaml")["metrics"][0]["actual"] == PLACEHOLDER


@pytest.mark.parametrize(
    ("outcomes", "where", "message"),
    [
        (
            "decisions:\n  - {title: Fund it, section: finanse}\n",
            "2:31",
            "'finanse' is not allowed",
        ),
        ("actions:\n  - {id: A-1, title: X\n", "3:1", "YAML syntax"),
    ],
)
def test_a_broken_outcomes_file_stops_init_before_anything_is_written(
    ws, run_cli, outcomes, where, message
):
    (ws / "2026-11" / "outcomes.yaml").write_text(outcomes)
    result = run_cli("init", ws / "2026-12")
    assert result.exit_code == 65
    assert f"northwind/2026-11/outcomes.yaml:{where}: error: " in result.stderr
    assert message in result.stderr
    assert "nothing was written" in result.stderr
    assert not (ws / "2026-12").exists()
    assert "Traceback" not in result.stderr


def test_init_from_a_month_still_to_fill_is_refused_with_its_list(ws, run_cli):
    init_month(ws / "2026-12")
    result = run_cli("init", ws / "2027-01")
    assert result.exit_code == 1
    assert "northwind/2026-12/operations.yaml: 12 to fill" in result.stderr
    assert not (ws / "2027-01").exists()


def test_the_to_fill_list_names_items_by_their_measure_never_by_free_text(ws, run_cli):
    """The list goes round departments: a story's title (which may name a protected guest)
    is never used to name the item, an SLA's or a measure's name is."""
    dec = ws / "2026-12"
    init_month(dec)
    fill(dec, leave=("narratives[0].story", "metrics[0].actual"))
    path = dec / "customer.yaml"
    path.write_text(path.read_text().replace("One bill, put right at last", "Janet Pryce's visit"))
    result = run_cli("validate", dec, "--todo")
    assert result.exit_code == 1
    assert "  northwind/2026-12/customer.yaml:" in result.stdout
    assert "to fill: narratives[0].story: text" in result.stdout
    assert "to fill: metrics[0].actual (Revenue): a number in £k" in result.stdout
    assert "Janet" not in result.stdout
