"""A whole organisation in one command: parallel builds, up-to-date skipping, isolated failures,
and a group roll-up whose arithmetic pools answers rather than averaging scores."""

from __future__ import annotations

from conftest import MEETING, section_items, write_month

from agenda.nps import Nps

CUSTOMER = """\
nps:
  counts: {{promoters: {p}, passives: {pa}, detractors: {d}}}
narratives:
  - {{title: {unit} story, customer: Mrs {unit}, story: Something happened in {unit}., channel: Phone}}
themes:
  - {{name: Billing, mentions: {billing}}}
  - {{name: Waiting, mentions: 5}}
"""

FINANCE = """\
currency: GBP
metrics:
  - {{name: Revenue, actual: {revenue}, budget: 100, unit: "£k", higher_is_better: true}}
  - {{name: Cost per customer, actual: 90, budget: 80, unit: "£", higher_is_better: false}}
  - {{name: Gross margin, actual: 14, budget: 15, unit: "%"}}
"""


def _unit(root, name, p, pa, d, billing, revenue, month="2026-11"):
    meeting = MEETING.replace("Acme Water", f"Acme {name.title()}").replace("2026-11", month)
    return write_month(
        root / name,
        {
            "meeting.yaml": meeting,
            "customer.yaml": CUSTOMER.format(p=p, pa=pa, d=d, unit=name, billing=billing),
            "finance.yaml": FINANCE.format(revenue=revenue),
        },
        name=month,
    )


def _workspace(tmp_path):
    ws = tmp_path / "group"
    _unit(ws, "north", 90, 5, 5, billing=10, revenue=120)  # +85, n=100
    _unit(ws, "south", 100, 300, 600, billing=30, revenue=80)  # −50, n=1000
    _unit(ws, "east", 40, 40, 20, billing=7, revenue=100)  # +20, n=100
    (ws / "agenda.yaml").write_text("group: Acme Group\n")
    return ws


def _lines(result):
    return [line.split(None, 3) for line in result.stdout.splitlines()[1:-1]]


def test_three_units_build_in_parallel_with_a_group_pack(tmp_path, run_cli):
    ws = _workspace(tmp_path)
    out = tmp_path / "out"
    result = run_cli("build-all", ws, "--out", out, "--jobs", "2")
    assert result.exit_code == 0, result.output
    rows = _lines(result)
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("east", "2026-11", "built"),
        ("north", "2026-11", "built"),
        ("south", "2026-11", "built"),
        ("group", "2026-11", "built"),
    ]
    assert result.stdout.splitlines()[-1].startswith("Built 4, skipped 0 (up to date), failed 0")
    for unit in ("north", "south", "east"):
        names = sorted(p.name for p in (out / unit).iterdir() if not p.name.startswith("."))
        assert names == [
            f"acme-{unit}-2026-11-leadership-pack.docx",
            f"acme-{unit}-2026-11-leadership-pack.pptx",
        ]
    assert (out / "group" / "acme-group-2026-11-group-pack.docx").exists()


def test_group_nps_pools_answers_instead_of_averaging_scores(tmp_path, run_cli):
    ws = _workspace(tmp_path)
    out = tmp_path / "out"
    run_cli("build-all", ws, "--out", out)
    pooled = Nps(90 + 100 + 40, 5 + 300 + 40, 5 + 600 + 20)  # n = 1,200
    assert round(pooled.score) == -33  # (230 − 625) / 1,200; the mean of scores would be +18
    docx = out / "group" / "acme-group-2026-11-group-pack.docx"
    customer = [i for i in section_items(docx, "Customer")]
    assert customer[0].text.startswith("Slot 1: ")  # the slot and its question, then ...
    assert customer[2].text == "Acme East: east story"  # ... a story, by display name
    text = " | ".join(i.text for i in customer)
    assert "Group NPS (all answers pooled) | −33 | n = 1,200 across 3 units" in text
    assert "Acme North | 100 | 90% | 5% | +85" in text
    assert "Acme South | 1,000 | 10% | 60% | −50" in text
    assert "Billing | 47 | Acme East, Acme North, Acme South" in text  # mentions summed
    finance = " | ".join(i.text for i in section_items(docx, "Finance"))
    assert "Revenue | 3 | £300k | £300k | On track" in finance
    totals = next(i.text for i in section_items(docx, "Finance") if i.text.startswith("Measure"))
    assert "Cost per customer" not in totals and "Gross margin" not in totals  # not summable
    assert "Cost per customer | Acme East | £90 | £80" in finance  # shown per unit instead
    assert "Gross margin | Acme North | 14%" in finance


def test_unchanged_packs_are_skipped_and_a_change_rebuilds_only_what_it_touches(tmp_path, run_cli):
    ws = _workspace(tmp_path)
    out = tmp_path / "out"
    run_cli("build-all", ws, "--out", out)
    again = run_cli("build-all", ws, "--out", out)
    assert [r[2] for r in _lines(again)] == ["skipped"] * 4
    (ws / "north" / "2026-11" / "customer.yaml").write_text(
        CUSTOMER.format(p=80, pa=10, d=10, unit="north", billing=12)
    )
    third = run_cli("build-all", ws, "--out", out)
    assert [(r[0], r[2]) for r in _lines(third)] == [
        ("east", "skipped"),
        ("north", "built"),
        ("south", "skipped"),
        ("group", "built"),
    ]
    forced = run_cli("build-all", ws, "--out", out, "--force")
    assert [r[2] for r in _lines(forced)] == ["built"] * 4


def test_a_failing_unit_never_stops_the_others(tmp_path, run_cli):
    ws = _workspace(tmp_path)
    (ws / "east" / "2026-11" / "customer.yaml").write_text("nps: {counts: {promoters: many}}\n")
    out = tmp_path / "out"
    result = run_cli("build-all", ws, "--out", out)
    assert result.exit_code == 1
    rows = {r[0]: r for r in _lines(result)}
    assert rows["east"][2] == "failed"
    assert "east/2026-11/customer.yaml:1:1: error: " in rows["east"][3]
    assert rows["north"][2] == rows["south"][2] == "built"
    assert rows["group"][3] == "2 units (1 left out: failed)"
    assert not (out / "east").exists() or not [
        p for p in (out / "east").iterdir() if p.suffix in (".docx", ".pptx")
    ]


def test_a_one_organisation_workspace_builds_every_month_and_no_group(tmp_path, run_cli):
    ws = tmp_path / "solo"
    for month in ("2026-09", "2026-10", "2026-11"):
        write_month(
            ws,
            {
                "meeting.yaml": MEETING.replace("2026-11", month),
                "customer.yaml": CUSTOMER.format(p=5, pa=3, d=2, unit="solo", billing=1),
            },
            name=month,
        )
    result = run_cli("build-all", ws, "--out", tmp_path / "out", "--month", "2026-10")
    assert result.exit_code == 0
    assert [(r[0], r[1]) for r in _lines(result)] == [("-", "2026-10")]
    assert not (tmp_path / "out" / "group").exists()


def test_the_deck_helper_process_changes_nothing_in_the_output(tmp_path, run_cli, monkeypatch):
    from conftest import SAMPLE_MONTH

    from packs.parallel import can_fork

    run_cli("build", SAMPLE_MONTH, "--out", tmp_path / "helper")
    monkeypatch.setenv("AGENDA_NO_FORK", "1")
    assert not can_fork()
    run_cli("build", SAMPLE_MONTH, "--out", tmp_path / "single")
    for path in (tmp_path / "single").iterdir():
        assert (tmp_path / "helper" / path.name).read_bytes() == path.read_bytes(), path.name


def test_build_all_writes_the_formats_asked_for_for_every_pack_and_the_group(tmp_path, run_cli):
    """--format as for one build: each unit's pack and the group pack in those formats only;
    a choice no format can give is refused before any work; another choice rebuilds."""
    ws = _workspace(tmp_path)
    out = tmp_path / "out"
    result = run_cli("build-all", ws, "--out", out, "--format", "html,docx", "--jobs", "2")
    assert result.exit_code == 0, result.output
    for unit in ("north", "south", "east"):
        names = sorted(p.name for p in (out / unit).iterdir() if not p.name.startswith("."))
        assert names == [
            f"acme-{unit}-2026-11-leadership-pack.docx",
            f"acme-{unit}-2026-11-leadership-pack.html",
        ]
    group = sorted(p.name for p in (out / "group").iterdir() if not p.name.startswith("."))
    assert group == ["acme-group-2026-11-group-pack.docx", "acme-group-2026-11-group-pack.html"]
    html = (out / "group" / "acme-group-2026-11-group-pack.html").read_text("utf-8")
    assert "Acme Group" in html and "<h1" in html
    # the same choice again: up to date; another: rebuilt, in its own formats
    again = run_cli("build-all", ws, "--out", out, "--format", "html,docx")
    assert again.stdout.splitlines()[-1].startswith("Built 0, skipped 4")
    deck = run_cli("build-all", ws, "--out", out, "--format", "pptx")
    assert deck.stdout.splitlines()[-1].startswith("Built 4, skipped 0")
    assert (out / "north" / "acme-north-2026-11-leadership-pack.pptx").exists()
    refused = run_cli("build-all", ws, "--out", tmp_path / "o2", "--format", "html", "--pdf")
    assert refused.exit_code == 2 and "--pdf" in refused.stderr
    assert not (tmp_path / "o2").exists()
