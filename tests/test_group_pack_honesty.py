"""An honest group pack (issue 11, point 9): small samples cautioned per unit, a failed unit
named in the pack itself, only money and counts added up, units by their names, real leads.

Every assertion reads what a person sees in the built .docx or .pptx."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import docx_items, section_items, slides, write_month
from docx import Document

from agenda import schema
from agenda.nps import LOW_N

GALWAY_MEETING = """\
organisation: Galway University Hospital
period: 2026-11
date: 2026-11-19
chair: Máire Walsh
leads: {customer: Aoife Byrne, finance: Piotr Nowak}
"""

MAYO_MEETING = """\
organisation: Mayo General Hospital
period: 2026-11
date: 2026-11-18
chair: Seán Daly
leads: {customer: Aoife Byrne, finance: Li Wei}
"""

ROSCOMMON_MEETING = """\
organisation: Roscommon Hospital
period: 2026-11
date: 2026-11-17
chair: Niamh Ó Súilleabháin
"""

CUSTOMER = """\
nps:
  counts: {{promoters: {p}, passives: {pa}, detractors: {d}}}
narratives:
  - {{title: {unit} story, customer: Mrs {unit}, story: Something happened in {unit}., channel: Phone}}
"""

#: A broken file whose error message may quote a protected guest's name.
BROKEN_CUSTOMER = """\
nps:
  counts: {promoters: Zoë Ní Bhriain, passives: 1, detractors: 1}
narratives:
  - {title: A story, customer: Mrs Kelly, story: It happened., channel: Phone}
"""

FINANCE = """\
currency: EUR
metrics:
  - {{name: Revenue, actual: {revenue}, budget: {revenue_budget}, higher_is_better: true}}
  - {{name: Cash days in hand, actual: {cash}, budget: {cash_budget}, unit: days, higher_is_better: true}}
  - {{name: Agency spend, actual: {agency}, budget: {agency_budget}, unit: "€k", higher_is_better: false}}
  - {{name: Beds open, actual: {beds}, unit: beds, additive: true}}
  - {{name: Capital grant, actual: {grant}, unit: "€k", additive: false}}
  - {{name: Cost per bed day, actual: {per_bed}, unit: "€", higher_is_better: false}}
  - {{name: Occupancy, actual: {occupancy}, unit: "%"}}
  - {{name: Maintenance spend, actual: {maintenance}, unit: "{maintenance_unit}"}}
  - {{name: Klanttevredenheidsindex, actual: {index}}}
"""

GALWAY_FINANCE = dict(
    revenue=1000000,
    revenue_budget=900000,
    cash=40,
    cash_budget=45,
    agency=120,
    agency_budget=100,
    beds=300,
    grant=50,
    per_bed=900,
    occupancy=94,
    maintenance=30,
    maintenance_unit="k€",  # the scale before the sign, as European reports write it
    index=7,
)
MAYO_FINANCE = dict(
    revenue=500000,
    revenue_budget=500000,
    cash=20,
    cash_budget=30,
    agency=80,
    agency_budget=90,
    beds=150,
    grant=10,
    per_bed=700,
    occupancy=88,
    maintenance=12,
    maintenance_unit="€k",
    index=8,
)

AGENDA_YAML = """\
group: West Hospitals Group
units: {mayo: Mayo University Hospital}
"""


def _workspace(tmp_path: Path, *, agenda_yaml: str = AGENDA_YAML, broken: bool = True) -> Path:
    ws = tmp_path / "west"
    write_month(
        ws / "galway",
        {
            "meeting.yaml": GALWAY_MEETING,
            "customer.yaml": CUSTOMER.format(p=120, pa=50, d=30, unit="galway"),  # n = 200
            "finance.yaml": FINANCE.format(**GALWAY_FINANCE),
        },
    )
    write_month(
        ws / "mayo",
        {
            "meeting.yaml": MAYO_MEETING,
            "customer.yaml": CUSTOMER.format(p=15, pa=5, d=5, unit="mayo"),  # n = 25, small
            "finance.yaml": FINANCE.format(**MAYO_FINANCE),
        },
    )
    write_month(
        ws / "roscommon",
        {
            "meeting.yaml": ROSCOMMON_MEETING,
            "customer.yaml": (
                BROKEN_CUSTOMER if broken else CUSTOMER.format(p=50, pa=30, d=20, unit="ros")
            ),
        },
    )
    (ws / "agenda.yaml").write_text(agenda_yaml, encoding="utf-8")
    return ws


def _group_files(out: Path) -> tuple[Path, Path]:
    (docx,) = sorted((out / "group").glob("*.docx"))
    (pptx,) = sorted((out / "group").glob("*.pptx"))
    return docx, pptx


def _row(result, unit: str) -> list[str]:
    """The build-all summary line of ``unit``: unit, month, result, detail."""
    return next(
        r for r in (line.split(None, 3) for line in result.stdout.splitlines()) if r[0] == unit
    )


def _all_text(docx: Path) -> str:
    return "\n".join(i.text for i in docx_items(docx))


def _deck_text(pptx: Path) -> str:
    return "\n".join(t for s in slides(pptx) for t in [s.title, *s.texts, s.notes])


def _table(docx: Path, title: str) -> list[tuple[str, ...]]:
    """The rows (header first) of the table that follows the heading ``title``."""
    items = docx_items(docx)
    at = next(n for n, i in enumerate(items) if i.style.startswith("Heading") and i.text == title)
    table = next(i for i in items[at + 1 :] if i.kind == "table")
    position = [i for i in items if i.kind == "table"].index(table)
    doc_table = Document(str(docx)).tables[position]
    return [tuple(c.text for c in row.cells) for row in doc_table.rows]


def _agenda_leads(docx: Path) -> dict[str, str]:
    for table in Document(str(docx)).tables:
        header = [c.text for c in table.rows[0].cells]
        if "Lead" in header and "Section" in header:
            s, lead = header.index("Section"), header.index("Lead")
            return {row.cells[s].text: row.cells[lead].text for row in table.rows[1:]}
    raise AssertionError("no agenda table")


@pytest.fixture
def built(tmp_path, run_cli):
    ws = _workspace(tmp_path)
    out = tmp_path / "out"
    result = run_cli("build-all", ws, "--out", out)
    assert result.exit_code == 1, result.output  # roscommon failed
    return result, *_group_files(out)


# --- 1. the small-sample caution, per unit ---------------------------------------------------


def test_a_25_answer_unit_is_marked_and_cautioned_in_the_group_pack(built):
    _, docx, pptx = built
    assert 25 < LOW_N <= 200
    rows = _table(docx, "NPS by unit")
    by_unit = {r[0]: r for r in rows[1:]}
    assert by_unit["Mayo University Hospital"][1] == "25 (small sample)"
    assert by_unit["Galway University Hospital"][1] == "200"  # a large unit is not marked
    customer = section_items(docx, "Customer")
    cautions = [i.text for i in customer if i.text.startswith("Caution:")]
    small = [c for c in cautions if "pointer" in c]
    assert len(small) == 1, cautions
    assert "Mayo University Hospital" in small[0] and "25 answers" in small[0]
    assert f"fewer than {LOW_N}" in small[0] and "a pointer, not a verdict" in small[0]
    assert "Galway" not in small[0]
    deck = _deck_text(pptx)
    assert "25 (small sample)" in deck
    assert "pointer, not a verdict" in deck


def test_the_spread_of_unit_scores_says_it_leaves_small_units_out(tmp_path, run_cli):
    """Mayo's 25 answers are left out of the range of unit scores, and the finding says so,
    so it never reads as contradicting the table beside it."""
    ws = _workspace(tmp_path, broken=False)
    out = tmp_path / "out"
    assert run_cli("build-all", ws, "--out", out).exit_code == 0
    docx, _ = _group_files(out)
    customer = section_items(docx, "Customer")
    (spread,) = [i.text for i in customer if i.text.startswith("Unit NPS runs from")]
    assert spread.startswith("Unit NPS runs from +30 (")
    assert "to +45 (Galway" in spread
    assert spread.endswith(f"among units with {LOW_N} answers or more")


# --- 2. a failed unit is named in the pack itself ---------------------------------------------


def test_a_failed_unit_is_named_in_the_group_pack_without_quoting_its_data(built):
    result, docx, pptx = built
    assert _row(result, "group") == ["group", "2026-11", "built", "2 units (1 left out: failed)"]
    customer = " | ".join(i.text for i in section_items(docx, "Customer"))
    assert "Left out: roscommon — data error in customer.yaml" in customer
    assert "Left out: roscommon — data error in customer.yaml" in _deck_text(pptx)
    for text in (_all_text(docx), _deck_text(pptx)):
        assert "Zoë" not in text and "Bhriain" not in text  # the error quoted the data: not here
        assert "Roscommon Hospital" not in text  # nothing of the failed unit's data is shown


def test_a_unit_that_cannot_be_read_for_the_group_is_left_out_and_named(
    tmp_path, run_cli, monkeypatch
):
    import agenda.pipeline
    from agenda.errors import DataError, Problem

    ws = _workspace(tmp_path, broken=False)
    parent, real = os.getpid(), agenda.pipeline.load

    def load(month_dir):
        # only the group roll-up (in this process) fails to read mayo; its own build works
        if os.getpid() == parent and Path(month_dir).parent.name == "mayo":
            raise DataError([Problem(Path(month_dir) / "finance.yaml", "bad figure 'Zoë'", 3, 5)])
        return real(month_dir)

    monkeypatch.setattr(agenda.pipeline, "load", load)
    out = tmp_path / "out"
    result = run_cli("build-all", ws, "--out", out, "--jobs", "1")
    assert result.exit_code == 0, result.output  # every unit's own pack built
    assert _row(result, "group") == ["group", "2026-11", "built", "2 units (1 left out: failed)"]
    docx, _ = _group_files(out)
    text = _all_text(docx)
    assert "Left out: Mayo University Hospital (mayo) — data error in finance.yaml" in text
    assert "Zoë" not in text
    assert "Galway University Hospital" in text and "Roscommon Hospital" in text


def test_a_bad_additive_flag_is_a_located_error_and_the_unit_is_named(tmp_path, run_cli):
    ws = _workspace(tmp_path, broken=False)
    finance = ws / "galway" / "2026-11" / "finance.yaml"
    finance.write_text(
        finance.read_text().replace("additive: true", "additive: maybe"), encoding="utf-8"
    )
    check = run_cli("validate", ws / "galway" / "2026-11")
    assert check.exit_code == 65
    assert "finance.yaml:6:" in check.output and "additive" in check.output
    out = tmp_path / "out"
    result = run_cli("build-all", ws, "--out", out)
    assert result.exit_code == 1
    docx, _ = _group_files(out)
    text = _all_text(docx)
    assert "Left out: galway — data error in finance.yaml" in text
    assert "Galway University Hospital" not in text


# --- 3. only money and counts are added up ------------------------------------------------------


def test_only_additive_figures_are_summed_and_the_rest_shown_per_unit(built):
    _, docx, _ = built
    totals = {r[0]: r for r in _table(docx, "Group totals")[1:]}
    assert totals["Revenue"] == ("Revenue", "2", "€1,500,000", "€1,400,000", "On track")
    assert totals["Agency spend"][:4] == ("Agency spend", "2", "€200k", "€190k")
    assert totals["Beds open"][:3] == ("Beds open", "2", "450 beds")  # additive: true
    # "k€" and "€k" are one unit (QA: k€ was never money, so one unit's figure was the total)
    assert totals["Maintenance spend"][:3] == ("Maintenance spend", "2", "€42k")
    assert "Klanttevredenheidsindex" not in totals  # a Dutch compound index is not money
    for never in ("Cash days in hand", "Capital grant", "Cost per bed day", "Occupancy"):
        assert never not in totals
    apart = _table(docx, "Measures not added up")
    assert apart[0][:3] == ("Measure", "Unit", "Actual")
    shown = {(r[0], r[1]): r[2:] for r in apart[1:]}
    assert shown[("Cash days in hand", "Galway University Hospital")][:2] == ("40 days", "45 days")
    assert shown[("Cash days in hand", "Mayo University Hospital")][:2] == ("20 days", "30 days")
    assert shown[("Capital grant", "Galway University Hospital")][0] == "€50k"
    assert shown[("Cost per bed day", "Mayo University Hospital")][0] == "€700"
    assert shown[("Occupancy", "Galway University Hospital")][0] == "94%"
    # not money, so never shown as euros (QA: "€7" in the group pack, "€7.00" in the unit's)
    assert shown[("Klanttevredenheidsindex", "Galway University Hospital")][0] == "7"
    finance = " | ".join(i.text for i in section_items(docx, "Finance"))
    assert "60 days" not in finance  # cash days are never added up
    assert "days" in finance and "never added up" in finance  # the caption says the rule


@pytest.mark.parametrize(
    ("unit", "additive", "expected"),
    [
        (None, None, True),  # money in the file's currency
        ("£k", None, True),
        ("€", None, True),
        ("$m", None, True),
        ("EUR", None, True),
        ("EURm", None, True),
        ("days", None, False),
        ("%", None, False),
        ("x", None, False),
        ("pts", None, False),
        ("per 1,000", None, False),
        ("ratio", None, False),
        ("score", None, False),
        ("people", None, False),
        ("NPS", None, False),
        ("people", True, True),
        ("€k", False, False),
        ("days", True, True),
        # a scale before the currency, as European reports write it (QA: k€ was never money)
        ("k€", None, True),
        ("M€", None, True),
        ("EUR k", None, True),
        ("k EUR", None, True),
        ("zł", None, False),  # a sign written after the number: not summed, shown per unit
    ],
)
def test_which_finance_metrics_add_up(unit, additive, expected):
    from agenda.rollup import is_additive

    metric = schema.FinanceMetric(name="Measure", actual=1, unit=unit, additive=additive)
    assert is_additive(metric, "EUR") is expected


def test_k_euro_and_euro_k_add_up_together_and_names_in_other_languages_are_read():
    """QA (a Dutch and a Greek unit): "k€" and "€k" are one unit; a Dutch compound index and a
    Greek rate are not money; "Social media spend" is money ("media" is Italian for average
    only where it is not the media one buys)."""
    from agenda.rollup import _same_unit, is_additive

    assert _same_unit("k€", "EUR") == _same_unit("€k", "EUR") == _same_unit("EURk", "EUR")
    assert _same_unit("k€", "EUR") != _same_unit("€m", "EUR")

    def adds(name: str, unit: str | None = None) -> bool:
        return is_additive(schema.FinanceMetric(name=name, actual=1, unit=unit), "EUR")

    assert not adds("Klanttevredenheidsindex")
    assert not adds("Έσοδα ανά σύνδεση", "€")
    assert not adds("Spesa media per cliente", "€")
    assert adds("Social media spend", "€k")
    assert adds("Media buying costs", "€k")


def test_the_rate_guard_on_names_still_holds_unless_the_metric_says_otherwise():
    from agenda.rollup import is_additive

    assert not is_additive(schema.FinanceMetric(name="Cost per bed", actual=1, unit="€"), "EUR")
    assert not is_additive(schema.FinanceMetric(name="Average bill", actual=1), "EUR")
    # no unit reads as money, unless the name says days, a score, an index...
    assert not is_additive(schema.FinanceMetric(name="Cash days in hand", actual=40), "EUR")
    assert not is_additive(schema.FinanceMetric(name="Supplier score", actual=7), "EUR")
    assert is_additive(schema.FinanceMetric(name="Operating cost", actual=7), "EUR")
    # a currency unit with anything but a scale after it is a rate, not money
    assert not is_additive(schema.FinanceMetric(name="Spend", actual=1, unit="£/head"), "GBP")
    assert is_additive(
        schema.FinanceMetric(name="Cost per bed", actual=1, unit="€", additive=True), "EUR"
    )


# --- 4. units by name, leads from the meetings or the group's settings ------------------------


def test_units_appear_by_their_display_names(built):
    _, docx, pptx = built
    customer = section_items(docx, "Customer")
    stories = [i.text for i in customer if i.style == "Heading 2" and "story" in i.text]
    assert stories == [
        "Galway University Hospital: galway story",
        "Mayo University Hospital: mayo story",  # agenda.yaml's name beats the meeting's
    ]
    rows = _table(docx, "NPS by unit")
    assert [r[0] for r in rows[1:]] == ["Galway University Hospital", "Mayo University Hospital"]
    assert "Mayo General Hospital" not in _all_text(docx)
    deck = _deck_text(pptx)
    assert "Galway University Hospital" in deck and "Mayo University Hospital" in deck


def test_leads_come_from_the_units_meetings_never_an_invented_chair(built):
    _, docx, pptx = built
    leads = _agenda_leads(docx)
    assert leads["Customer"] == "Aoife Byrne"  # every unit names the same lead
    assert leads["Finance"] == "Piotr Nowak, Li Wei"  # different leads: each is named
    assert leads["Employees"] == "not named"  # no unit names one: said, never the chairs
    assert "Chair" not in leads.values()
    assert "led by Chair" not in _deck_text(pptx)


def test_leads_set_for_the_group_win(tmp_path, run_cli):
    ws = _workspace(
        tmp_path,
        agenda_yaml=AGENDA_YAML + "group_leads: {finance: Orla Keane, customer: Dara Ryan}\n",
    )
    out = tmp_path / "out"
    run_cli("build-all", ws, "--out", out)
    docx, _ = _group_files(out)
    leads = _agenda_leads(docx)
    assert leads["Finance"] == "Orla Keane" and leads["Customer"] == "Dara Ryan"
    assert leads["Operations"] == "not named"


def test_many_different_leads_read_as_unit_leads(tmp_path, run_cli):
    ws = tmp_path / "many"
    for n, name in enumerate(("alpha", "bravo", "charlie", "delta")):
        meeting = GALWAY_MEETING.replace("Galway", name.title()).replace(
            "finance: Piotr Nowak", f"finance: Piotr Nowak, operations: Pat {name.title()}"
        )
        write_month(
            ws / name,
            {
                "meeting.yaml": meeting,
                "customer.yaml": CUSTOMER.format(p=50 + n, pa=30, d=20, unit=name),
            },
        )
    out = tmp_path / "out"
    assert run_cli("build-all", ws, "--out", out).exit_code == 0
    docx, _ = _group_files(out)
    leads = _agenda_leads(docx)
    assert leads["Customer"] == "Aoife Byrne"
    assert leads["Operations"] == "Unit leads"  # four different leads named
    assert leads["Employees"] == "not named"  # none named: never the four chairs


def test_an_unknown_key_in_the_groups_settings_is_still_an_error(tmp_path, run_cli):
    ws = _workspace(tmp_path, agenda_yaml=AGENDA_YAML + "unit_names: {galway: G}\n")
    result = run_cli("build-all", ws, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "agenda.yaml" in result.output and "unit_names" in result.output


def test_units_of_the_same_name_are_told_apart_and_small_samples_listed(tmp_path, run_cli):
    ws = tmp_path / "acme"
    for name, promoters in (("north", 10), ("south", 6)):
        meeting = GALWAY_MEETING.replace("Galway University Hospital", "Acme Water")
        write_month(
            ws / name,
            {
                "meeting.yaml": meeting,
                "customer.yaml": CUSTOMER.format(p=promoters, pa=2, d=2, unit=name),
            },
        )
    out = tmp_path / "out"
    assert run_cli("build-all", ws, "--out", out).exit_code == 0
    docx, _ = _group_files(out)
    rows = _table(docx, "NPS by unit")
    assert [r[:2] for r in rows[1:]] == [
        ("Acme Water (north)", "14 (small sample)"),
        ("Acme Water (south)", "10 (small sample)"),
    ]
    cautions = [i.text for i in section_items(docx, "Customer") if i.text.startswith("Caution:")]
    assert (
        f"Small samples, fewer than {LOW_N} answers: only 14 at Acme Water (north) and 10 at "
        "Acme Water (south). Read their scores as pointers, not verdicts." in cautions[0]
    )
    assert "the group score rests on only 24 answers" in cautions[1]


def test_a_lead_with_another_units_protected_guests_name_is_warned_not_silently_replaced(
    tmp_path, run_cli
):
    """QA: Mayo's sales lead shares a name with Galway's protected guest; the group agenda
    read "A customer guest" for the lead with no word said. The pack cannot tell two people
    of one name apart, so it still replaces it, and says so at the lead's line."""
    ws = _workspace(tmp_path, broken=False)
    galway = ws / "galway" / "2026-11" / "meeting.yaml"
    galway.write_text(
        galway.read_text("utf-8")
        + "guests:\n  - {name: Ioannis Papadopoulos, organisation: Patients First, "
        "chatham_house: true}\n",
        "utf-8",
    )
    mayo = ws / "mayo" / "2026-11" / "meeting.yaml"
    mayo.write_text(
        mayo.read_text("utf-8").replace(
            "finance: Li Wei}", "finance: Li Wei, sales: Ioannis Papadopoulos}"
        ),
        "utf-8",
    )
    out = tmp_path / "out"
    result = run_cli("build-all", ws, "--out", out, "--json")
    assert result.exit_code == 0, result.output
    import json

    document = json.loads(result.stdout)
    (group,) = [r for r in document["results"] if r["unit"] == "group"]
    (warned,) = group["problems"]
    assert warned["severity"] == "warning" and warned["file"].endswith("mayo/2026-11/meeting.yaml")
    assert warned["line"] == 5  # leads:
    assert (
        "the sales lead of mayo has the name of another unit's protected guest"
        in (warned["message"])
    )
    assert "Papadopoulos" not in result.stdout  # the warning never names the guest
