"""Personal data and protected guests that QA found leaking into what readers see: phone
numbers and bank accounts in action and decision titles, survey columns that hold people,
file names, a guest's nickname with her surname, doubled replacements, repeated verbatims.

Each test reads what a reader sees: the built files, or the Pack the writers lay out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CUSTOMER, MEETING, docx_items, write_month
from test_trust import _all_text

from agenda.pipeline import prepare

PHONES = ("93 812 34 56", "93.812.34.56", "612 34 56 78", "1-800-555-0199", "06 12 34 56 78")
IBANS = ("PT50 0002 0123 1234 5678 9015 4", "ES91 2100 0418 4502 0005 1332")
GONE = "[phone number removed]"

OCTOBER_ACTIONS = """\
actions:
  - id: A-1
    title: Ring Mr Puig on 93 812 34 56 about the refund
    owner: Ann Lee
    due: 2026-12-20
    status: open
    section: customer
"""
OCTOBER_OUTCOMES = """\
decisions:
  - title: Refund Sr. Puig (93.812.34.56) in full
    section: customer
    owner: Ann Lee
    actions: [A-1]
"""
NOVEMBER_ACTIONS = """\
actions:
  - id: A-2
    title: Call Sra. Fernández back on 612 34 56 78
    owner: Ben Ode
    due: 2026-12-01
    status: open
    section: customer
    source: She left 1-800-555-0199 on the complaint form
decisions:
  - title: Refund her to PT50 0002 0123 1234 5678 9015 4?
    section: customer
    owner: Ann Lee
    context: She asked twice, from 1-800-555-0199
"""
NOVEMBER_OUTCOMES = """\
decisions:
  - title: Pay back to ES91 2100 0418 4502 0005 1332
    section: customer
    owner: Ann Lee
    actions: [A-3]
actions:
  - id: A-3
    title: Ring 06 12 34 56 78 tomorrow
    owner: Ann Lee
    due: 2026-12-02
    status: open
    section: customer
notes:
  customer: Her number is 612 34 56 78.
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """October (an action and a decision taken) and November (actions, decisions asked,
    outcomes), each quoting a customer's phone number or bank account."""
    ws = tmp_path / "ws"
    october = MEETING.replace("2026-11-19", "2026-10-15").replace("2026-11", "2026-10")
    write_month(
        ws,
        {
            "meeting.yaml": october,
            "customer.yaml": CUSTOMER,
            "actions.yaml": OCTOBER_ACTIONS,
            "outcomes.yaml": OCTOBER_OUTCOMES,
        },
        name="2026-10",
    )
    write_month(
        ws,
        {
            "meeting.yaml": MEETING,
            "customer.yaml": CUSTOMER,
            "actions.yaml": NOVEMBER_ACTIONS,
            "outcomes.yaml": NOVEMBER_OUTCOMES,
        },
    )
    return ws


def _leaks(text: str) -> list[str]:
    return [n for n in (*PHONES, *IBANS) if n in text]


def test_action_and_decision_titles_are_masked_in_the_pack(workspace: Path, run_cli) -> None:
    pack = prepare(workspace / "2026-11")
    assert pack.actions is not None
    rows = {r.id: (r.title, r.source, r.carried_from) for r in pack.actions.rows}
    assert rows["A-2"] == (
        f"Call Sra. Fernández back on {GONE}",
        f"She left {GONE} on the complaint form",
        "",
    )
    assert rows["A-1"] == (f"Ring Mr Puig on {GONE} about the refund", "", "October 2026")
    (decision,) = pack.actions.decisions
    assert decision.title == "Refund her to [bank account removed]?"
    (paper,) = [b for s in pack.sections for b in s.blocks if type(b).__name__ == "DecisionPaper"]
    assert paper.context == f"She asked twice, from {GONE}"  # as its paper shows it
    assert [t.title for t in pack.actions.taken] == [f"Refund Sr. Puig ({GONE}) in full"]
    out = workspace.parent / "out"
    result = run_cli("build", workspace / "2026-11", "--out", out)
    assert result.exit_code == 0, result.output
    for path in out.iterdir():
        assert _leaks(_all_text(path)) == [], path.name
    shown = " ".join(i.text for i in docx_items(next(out.glob("*.docx"))))
    assert f"Call Sra. Fernández back on {GONE}" in shown


def test_briefs_and_the_recap_show_them_masked(workspace: Path, run_cli) -> None:
    out = workspace.parent / "out"
    result = run_cli("brief", workspace / "2026-11", "--section", "customer", "--out", out)
    assert result.exit_code == 0, result.output
    result = run_cli("recap", workspace / "2026-11", "--out", out)
    assert result.exit_code == 0, result.output
    written = sorted(out.iterdir())
    assert len(written) >= 3, written
    for path in written:
        text = path.read_text("utf-8") if path.suffix == ".md" else _all_text(path)
        assert _leaks(text) == [], path.name
    recap = " ".join(i.text for i in docx_items(next(out.glob("*recap.docx"))))
    assert "Ring [phone number removed] tomorrow" in recap
    assert "Pay back to [bank account removed]" in recap


def test_init_carries_the_organisations_own_text_unmasked(workspace: Path, run_cli) -> None:
    """The next month's actions.yaml is the organisation's own record, not a pack: masking it
    would lose the number for good."""
    result = run_cli("init", workspace / "2026-12")
    assert result.exit_code == 0, result.output
    carried = (workspace / "2026-12" / "actions.yaml").read_text("utf-8")
    assert "Call Sra. Fernández back on 612 34 56 78" in carried
    assert "Ring 06 12 34 56 78 tomorrow" in carried
    assert "removed]" not in carried


# --- 6. the same words from two respondents are quoted once -----------------------------------


def test_identical_comments_from_different_respondents_are_picked_once(run_cli, tmp_path):
    """Two respondents wrote "bill" (and a third "  BILL "): the theme card quoted "bill",
    "bill". Distinct quotes, still the most recent first, still balanced with a promoter's."""
    from test_survey_comments import _build, _month, _said

    rows = [
        ["2026-11-02 09:00:00", "9", "Household", "Email", "Estimated bill, but sorted fast"],
        ["2026-11-03 09:00:00", "1", "Household", "Phone", "Estimated bill again"],
        ["2026-11-04 09:00:00", "2", "Business", "Phone", "  BILL "],
        ["2026-11-05 09:00:00", "0", "Household", "App", "bill"],
        ["2026-11-06 09:00:00", "1", "Household", "Web", "bill"],
    ]
    word, _ = _build(run_cli, _month(tmp_path, rows), tmp_path)
    mark = "picked from the survey"
    assert _said(word, "Billing accuracy") == [
        f"“bill” (Web · Household · scored 1 · {mark})",
        f"“Estimated bill again” (Phone · Household · scored 1 · {mark})",
        f"“Estimated bill, but sorted fast” (Email · Household · scored 9 · {mark})",
    ]


# --- 4 and 5. a guest's nickname with her surname; one mention, one replacement ---------------

GUEST = (
    "guests:\n"
    "  - name: Montserrat Vilaró i Casals\n"
    "    organisation: Autoritat Catalana de la Mobilitat\n"
    "    aliases: [Montse, ACM]\n"
)
STORY = CUSTOMER.replace(
    "She waited three weeks for a refund and called four times.",
    "Montserrat Vilaró rang twice. Later Sra. Vilaró-i-Casals wrote; Montse Vilaró agreed.",
)


def test_one_mention_of_a_guest_is_one_replacement_in_the_pack_and_the_recap(
    tmp_path: Path, run_cli
) -> None:
    """ "Montserrat Vilaró" read "a customer guest a customer guest" (two of her names, each
    replaced), and "Sra. Vilaró-i-Casals" kept her first surname ("Sra. Vilaró-i-a customer
    guest")."""
    outcomes = "notes:\n  customer: Montserrat Vilaró asked for a call back.\n"
    month = write_month(
        tmp_path / "ws",
        {"meeting.yaml": MEETING + GUEST, "customer.yaml": STORY, "outcomes.yaml": outcomes},
    )
    out = tmp_path / "out"
    assert run_cli("build", month, "--out", out).exit_code == 0
    assert run_cli("recap", month, "--out", out).exit_code == 0
    story = "A customer guest rang twice. Later a customer guest wrote; a customer guest agreed."
    pack = " ".join(i.text for i in docx_items(next(out.glob("*leadership-pack.docx"))))
    assert story in pack
    recap = " ".join(i.text for i in docx_items(next(out.glob("*recap.docx"))))
    assert "A customer guest asked for a call back." in recap
    for path in out.iterdir():
        text = _all_text(path) if path.suffix != ".md" else path.read_text("utf-8")
        assert "a customer guest a customer guest" not in text.lower(), path.name
        assert "vilar" not in text.lower() and "casals" not in text.lower(), path.name


def test_a_picked_verbatim_names_the_guest_once(run_cli, tmp_path):
    from test_survey_comments import _build, _month, _said

    rows = [["2026-11-02 09:00:00", "2", "Household", "Phone", "Montserrat Vilaró says my bill"]]
    word, _ = _build(run_cli, _month(tmp_path, rows, meeting=MEETING + GUEST), tmp_path)
    assert _said(word, "Billing accuracy")[0] == (
        "“A customer guest says my bill” (Phone · Household · scored 2 · picked from the survey)"
    )


@pytest.mark.parametrize(
    ("stem", "text", "located"),
    [
        (
            "actions",
            "actions:\n  - {id: A-1, title: Ring back, owner: Montse Vilaró, due: 2026-12-01,"
            " status: open, section: customer}\n",
            "actions.yaml:2:",
        ),
        ("meeting", MEETING + GUEST + "leads: {marketing: Montse Vilaró}\n", "meeting.yaml:10:"),
    ],
)
def test_a_guests_nickname_with_her_surname_is_refused_in_a_role(
    tmp_path: Path, run_cli, stem: str, text: str, located: str
) -> None:
    """Montse, M. Vilaró, Vilaró and Sra. Vilaró were refused as an owner or lead; "Montse
    Vilaró" passed and the pack showed "A customer guest a customer guest"."""
    files = {"meeting.yaml": MEETING + GUEST, "customer.yaml": CUSTOMER, f"{stem}.yaml": text}
    month = write_month(tmp_path / "ws", files)
    result = run_cli("validate", month)
    assert result.exit_code == 65, result.output
    assert located in result.stderr
    assert "'Montse Vilaró' is" in result.stderr
    assert "also the protected guest 'Montserrat Vilaró i Casals'" in result.stderr
    result = run_cli("build", month, "--out", tmp_path / "out")
    assert result.exit_code == 65 and not (tmp_path / "out").exists()


# --- 3. a file name that names a protected guest ----------------------------------------------


def _sources(pack) -> tuple[str, ...]:
    from agenda.model import Bullets

    return next(b.items for b in pack.appendix if isinstance(b, Bullets) and "Sources" in b.title)


@pytest.mark.parametrize(
    "name",
    [
        "enquesta_montserrat_vilaro.csv",
        "enquesta-vilaro-acm.csv",
        "Enquesta.Vilaró.csv",
        "respostes_montse_nov.csv",
        "survey_autoritat_catalana_de_la_mobilitat.csv",
    ],
)
def test_a_survey_file_named_after_a_protected_guest_is_listed_without_its_name(
    tmp_path: Path, run_cli, name: str
) -> None:
    """Only capitalised names were scrubbed from the appendix's sources, and file names are
    nearly always lower case."""
    customer = CUSTOMER.replace(
        "counts: {promoters: 50, passives: 30, detractors: 20}", f"responses: {name}"
    )
    month = write_month(
        tmp_path / "ws", {"meeting.yaml": MEETING + GUEST, "customer.yaml": customer}
    )
    (month / name).write_text("date,score\n2026-11-02,9\n2026-11-03,3\n", encoding="utf-8")
    sources = _sources(prepare(month))
    assert "the survey export (file name withheld: it names a protected guest)" in sources
    assert "meeting.yaml (YAML)" in sources
    out = tmp_path / "out"
    assert run_cli("build", month, "--out", out).exit_code == 0
    stem = name.rsplit(".", 1)[0]
    for path in out.iterdir():
        assert stem not in _all_text(path), path.name


def test_a_survey_file_that_names_nobody_is_listed_as_it_is(tmp_path: Path) -> None:
    customer = CUSTOMER.replace(
        "counts: {promoters: 50, passives: 30, detractors: 20}", "responses: enquesta_nov.csv"
    )
    month = write_month(
        tmp_path / "ws", {"meeting.yaml": MEETING + GUEST, "customer.yaml": customer}
    )
    (month / "enquesta_nov.csv").write_text("date,score\n2026-11-02,9\n", encoding="utf-8")
    assert "enquesta_nov.csv (survey export)" in _sources(prepare(month))


# --- 2. survey columns that hold people, not groups -------------------------------------------

FORMS = """\
nps:
  responses:
    file: forms.csv
    columns:
      date: Start time
      score: Score
      segment: {segment}
      channel: {channel}
narratives:
  - title: Three weeks for a refund
    customer: Mrs Jones
    story: She waited three weeks for a refund and called four times.
    channel: Phone
"""


def _forms(tmp_path: Path, rows: list[tuple[str, str]], segment: str, channel: str) -> Path:
    """A Microsoft Forms-like export: one (segment, channel) value pair per answer."""
    customer = FORMS.format(segment=segment, channel=channel)
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": customer})
    lines = [f"Start time,Score,{segment},{channel}"]
    lines += [f"2026-11-{1 + n % 28:02d},{n % 11},{s},{c}" for n, (s, c) in enumerate(rows)]
    (month / "forms.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return month


def test_a_name_and_an_e_mail_column_mapped_as_segment_and_channel_are_refused_at_their_keys(
    tmp_path: Path, run_cli
) -> None:
    """They put respondents' names and addresses in 'NPS by segment and channel', beside the
    picked quotes and in the deck."""
    people = [(f"Person {n}", f"person{n}@example.com") for n in range(12)]
    month = _forms(tmp_path, people, "Name", "Email")
    result = run_cli("build", month, "--out", tmp_path / "out")
    assert result.exit_code == 65, result.output
    assert not (tmp_path / "out").exists()
    err = result.stderr
    assert (
        "customer.yaml:7:7: error: nps.responses.columns.segment: the segment column 'Name'" in err
    )
    assert (
        "customer.yaml:8:7: error: nps.responses.columns.channel: the channel column 'Email' holds personal data (an e-mail address or phone number in 12 answers)"
        in err
    )
    assert "map segment to a column that groups answers (a plan, a region, a channel)" in err
    assert "example.com" not in err and "Person 3" not in err


@pytest.mark.parametrize(
    ("rows", "why"),
    [
        # a phone number among plans
        (
            [("Household", "Phone")] * 30 + [("ring 612 34 56 78", "Phone")],
            "holds personal data (an e-mail address or phone number in 1 answer)",
        ),
        # more than 50 values, more than half as many as the answers: one per customer
        (
            [(f"Customer {n // 2 if n < 40 else n}", "Phone") for n in range(100)],
            "has a value of its own for nearly every answer (80 distinct values in 100 answers)",
        ),
        # ten answers or more, no two alike
        (
            [(f"Client {n}", "Phone") for n in range(10)],
            "has a value of its own for nearly every answer (10 distinct values in 10 answers)",
        ),
    ],
)
def test_a_segment_column_that_says_who_answered_is_refused(tmp_path, run_cli, rows, why):
    month = _forms(tmp_path, rows, "Plan", "Channel")
    result = run_cli("validate", month)
    assert result.exit_code == 65, result.output
    assert (
        f"customer.yaml:7:7: error: nps.responses.columns.segment: the segment column 'Plan' {why}"
        in result.stderr
    )


#: Headers that say a column holds a person: a name or a way to reach them.
PERSON_HEADERS = [
    "Customer name",
    "Your name",
    "Name (optional)",
    "Contact e-mail",
    "Mobile number",
    "Client full name",
    "First Name",
    "Respondent",
    "Phone",
    "Telephone (daytime)",
    "E-Mail-Adresse",
    "Surname",
    "Contact name",
]
#: Headers of real groupings, "name" among them.
GROUP_HEADERS = ["Store name", "Branch name", "Product name", "Region", "Plan name", "Plan"]


@pytest.mark.parametrize("header", PERSON_HEADERS)
def test_a_segment_header_that_names_a_person_or_a_contact_is_refused(tmp_path, run_cli, header):
    """Only the exact "Name", "Full name"... were refused: "Customer name" of a few repeat
    customers went into 'NPS by segment and channel' as they were typed."""
    rows = [(("Ann Lee", "Ben Ode", "Cy Dee")[n % 3], "Phone") for n in range(30)]
    month = _forms(tmp_path, rows, header, "Channel")
    result = run_cli("validate", month)
    assert result.exit_code == 65, result.output
    assert (
        f"nps.responses.columns.segment: the segment column '{header}' holds who answered, "
        "not a group of answers" in result.stderr
    )


@pytest.mark.parametrize("header", GROUP_HEADERS)
def test_a_segment_header_that_names_a_group_is_accepted(tmp_path, run_cli, header):
    rows = [(("North", "South", "East")[n % 3], "Web") for n in range(30)]
    result = run_cli("validate", _forms(tmp_path, rows, header, "Channel"))
    assert result.exit_code == 0, result.output


def test_a_grouping_column_is_shown_by_group(tmp_path: Path) -> None:
    """Plans and channels that repeat are groups: the table shows them, as before. 50 values
    in 200 answers, and 9 answers all different, are groups too."""
    rows = [(f"Plan {n % 50}", ("Phone", "Email", "Web")[n % 3]) for n in range(200)]
    pack = prepare(_forms(tmp_path, rows, "Plan", "Channel"))
    from agenda.model import Table

    customer = next(s for s in pack.sections if s.key == "customer")
    table = next(
        b
        for b in customer.blocks
        if isinstance(b, Table) and b.title == "NPS by segment and channel"
    )
    shown = {row[1].removesuffix(" (small sample)") for row in table.rows}
    assert {f"Plan {n}" for n in range(50)} | {"Phone", "Email", "Web"} == shown
    few = [(f"Client {n}", "Phone") for n in range(9)]
    assert prepare(_forms(tmp_path / "few", few, "Segment", "Channel")) is not None


def test_an_export_named_by_its_file_alone_is_refused_at_responses(tmp_path, run_cli):
    customer = CUSTOMER.replace(
        "counts: {promoters: 50, passives: 30, detractors: 20}", "responses: plain.csv"
    )
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": customer})
    rows = "".join(f"2026-11-02,{n % 11},jo{n}@example.com\n" for n in range(3))
    (month / "plain.csv").write_text("date,score,segment\n" + rows, encoding="utf-8")
    result = run_cli("validate", month)
    assert result.exit_code == 65, result.output
    assert (
        "customer.yaml:2:14: error: nps.responses: the segment column 'segment' holds personal data"
        in result.stderr
    )


def test_a_slashed_phone_number_is_masked_and_an_amount_in_zloty_kept_in_the_pack(
    tmp_path: Path, run_cli
) -> None:
    """Second hostile QA round: "0171/1234567" was printed as typed, and "125 400 300 zł"
    printed as "[phone number removed] zł"."""
    customer = CUSTOMER.replace(
        "She waited three weeks for a refund and called four times.",
        "She waited three weeks for a refund of 125 400 300 zł and called four times.",
    ).replace("Quick and friendly.", "'Rufen Sie mich an: 0171/1234567'")
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": customer})
    out = tmp_path / "out"
    result = run_cli("build", month, "--out", out)
    assert result.exit_code == 0, result.output
    for path in out.iterdir():
        assert "1234567" not in _all_text(path), path.name
    shown = " ".join(i.text for i in docx_items(next(out.glob("*.docx"))))
    assert f"Rufen Sie mich an: {GONE}" in shown
    assert "a refund of 125 400 300 zł and called" in shown
