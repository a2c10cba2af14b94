"""Trust: protected guests never appear, personal data is masked, hostile input is refused
cleanly, templates are sandboxed, and output is atomic and reproducible."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from conftest import CUSTOMER, MEETING, section_items, write_month
from jinja2.exceptions import SecurityError

from agenda.errors import RenderError

GUEST_MEETING = (
    MEETING
    + """\
attendees:
  - {name: Mark Bennett, role: Billing Manager}
guests:
  - {name: Janet Pryce, organisation: Pennine Vale Housing, role: Facilities Director}
  - {name: Sam Open, organisation: Open Lettings, chatham_house: false}
"""
)

LEAKY_CUSTOMER = """\
nps:
  counts: {promoters: 50, passives: 30, detractors: 20}
narratives:
  - title: Janet's forty empty homes
    customer: A housing association customer
    story: Janet Pryce told us Pennine Vale Housing spends two days a month on bills. Mrs Pryce said "JANET wants it fixed".
    channel: Leadership meeting guest
    guest: true
  - title: Three weeks for a refund
    customer: Mrs Alison Jones
    story: She waited three weeks.
    channel: Phone
verbatims:
  - {text: "As Janet from pennine vale housing said, bills are wrong", score: 2, channel: Email}
themes:
  - {name: Pennine Vale Housing voids, mentions: 12}
complaints: {total: 10, reasons: {Raised by Pryce: 4, Billing: 6}}
"""

LEAKY_ACTIONS = """\
actions:
  - {id: A-1, title: Send Janet Pryce the void-billing fix, owner: Mark Bennett, due: 2026-12-01, status: open, section: customer}
"""


def _all_text(path: Path) -> str:
    """Every part of an OOXML file, decompressed, nested workbooks included."""
    chunks = [path.name]

    def walk(blob: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(blob)) as z:
            for name in z.namelist():
                data = z.read(name)
                chunks.append(name)
                if name.endswith((".xlsx", ".xlsm")):
                    walk(data)
                else:
                    chunks.append(data.decode("utf-8", errors="replace"))

    walk(path.read_bytes())
    return "\n".join(chunks)


def test_protected_guest_appears_in_no_part_of_either_file(tmp_path, run_cli):
    earlier_meeting = MEETING.replace("2026-11", "2026-10") + (
        "guests:\n  - {name: Olga Earlier, organisation: Brightside Homes}\n"
    )
    write_month(
        tmp_path / "ws",
        {
            "meeting.yaml": earlier_meeting,
            "customer.yaml": CUSTOMER,
            "actions.yaml": "actions:\n  - {id: A-0, title: Ask Olga Earlier at Brightside Homes about voids, owner: Ann, due: 2026-12-01, status: open, section: customer}\n",
        },
        name="2026-10",
    )
    month = write_month(
        tmp_path / "ws",
        {
            "meeting.yaml": GUEST_MEETING,
            "customer.yaml": LEAKY_CUSTOMER,
            "actions.yaml": LEAKY_ACTIONS,
        },
    )
    out = tmp_path / "out"
    result = run_cli("build", month, "--out", out)
    assert result.exit_code == 0, result.output
    files = sorted(out.iterdir())
    assert len(files) == 2
    for path in files:
        text = _all_text(path).lower()
        for secret in ("janet", "pryce", "pennine vale", "olga", "brightside"):
            assert secret not in text, (path.name, secret)
        assert "a customer guest" in text
    cover = _all_text(out / "acme-water-2026-11-leadership-pack.docx").lower()
    assert "mark bennett" in cover  # an attendee sharing nothing with the guest stays
    assert "sam open" in cover  # a guest not under the Chatham House rule is named
    # the build reports how many, never what
    assert (
        "Chatham House:" in result.stdout
        and "mentions of protected guests replaced" in result.stdout
    )
    assert "Janet" not in result.output and "Pennine" not in result.output
    story = " ".join(i.text for i in section_items(out / files[0].name, "Customer"))
    assert "A customer guest told us a customer organisation spends two days" in story


def test_a_name_part_shared_with_an_attendee_is_kept_and_flagged(tmp_path, run_cli):
    meeting = GUEST_MEETING.replace("Janet Pryce", "Mark Pryce")
    customer = LEAKY_CUSTOMER.replace("Janet", "Mark").replace("JANET", "MARK")
    month = write_month(tmp_path / "ws", {"meeting.yaml": meeting, "customer.yaml": customer})
    result = run_cli("build", month, "--out", tmp_path / "out")
    assert result.exit_code == 0
    assert "may not mean the guest: a name part someone else named in the data" in result.stdout
    docx = next((tmp_path / "out").glob("*.docx"))
    text = _all_text(docx).lower()
    assert "pryce" not in text and "mark bennett" in text


def test_personal_data_in_customers_words_is_masked_by_default(tmp_path, run_cli):
    customer = CUSTOMER.replace(
        "text: Quick and friendly.",
        'text: "Call me on 07700 900461 or mail jo@example.com; card 4111 1111 1111 1111"',
    )
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": customer})
    result = run_cli("build", month, "--out", tmp_path / "out")
    assert "Personal data: 3 items" in result.stdout
    for path in (tmp_path / "out").iterdir():
        text = _all_text(path)
        assert "07700" not in text and "jo@example.com" not in text and "4111" not in text
    docx = next((tmp_path / "out").glob("*.docx"))
    words = " ".join(i.text for i in section_items(docx, "Customer"))
    assert "[phone number removed]" in words and "[e-mail removed]" in words


def test_masking_can_be_switched_off_per_file(tmp_path, run_cli):
    customer = CUSTOMER.replace("text: Quick and friendly.", "text: Ring 07700 900461") + (
        "mask_personal_data: false\n"
    )
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": customer})
    result = run_cli("build", month, "--out", tmp_path / "out")
    assert "Personal data" not in result.stdout
    assert "07700 900461" in _all_text(next((tmp_path / "out").glob("*.docx")))


# --- hostile and broken input ---------------------------------------------------------------


def _refused(run_cli, month, tmp_path, *expected: str, code: int = 65) -> str:
    out = tmp_path / "out"
    result = run_cli("build", month, "--out", out)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    for text in expected:
        assert text in result.stderr, result.stderr
    assert not out.exists() or not list(out.iterdir())
    return result.stderr


def test_control_characters_in_yaml_text_are_refused_with_a_location(tmp_path, run_cli):
    customer = CUSTOMER.replace("Quick and friendly.", '"Quick\\u0007 and \\uFFFE friendly."')
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": customer})
    _refused(
        run_cli,
        month,
        tmp_path,
        "customer.yaml:10:11: error: text contains the control character U+0007",
    )


def test_control_characters_in_survey_comments_are_cleaned(tmp_path, run_cli):
    customer = CUSTOMER.replace(
        "counts: {promoters: 50, passives: 30, detractors: 20}", "responses: responses.csv"
    )
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": customer})
    (month / "responses.csv").write_text("date,score,comment\n2026-11-02,9,line one\x0bline two\n")
    result = run_cli("build", month, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output


def test_oversized_yaml_is_refused(tmp_path, run_cli):
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": CUSTOMER})
    (month / "finance.yaml").write_text("commentary:\n" + "  - filler text\n" * 200_000)
    _refused(
        run_cli,
        month,
        tmp_path,
        "ws/2026-11/finance.yaml: error: file is",
        "the limit is 2,097,152 bytes",
    )


def test_alias_bomb_and_deep_nesting_are_refused(tmp_path, run_cli):
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 9):
        bomb.append(
            f"{'abcdefghij'[n]}: &{'abcdefghij'[n]} ["
            + ",".join([f"*{'abcdefghij'[n - 1]}"] * 9)
            + "]"
        )
    month = write_month(
        tmp_path / "ws",
        {
            "meeting.yaml": MEETING,
            "customer.yaml": CUSTOMER,
            "finance.yaml": "\n".join(bomb) + "\n",
        },
    )
    _refused(run_cli, month, tmp_path, "finance.yaml", "alias bomb")
    # 50 levels reach our own check; 5,000 are stopped by the parser (libyaml's limit is 1,000
    # since PyYAML 6.0.4): either way the user reads the project's message, located.
    for depth in (50, 5000):
        (month / "finance.yaml").write_text("a: " + "[" * depth + "]" * depth + "\n")
        stderr = _refused(run_cli, month, tmp_path, "finance.yaml")
        assert "finance.yaml:1:" in stderr
        assert "nested more than 40 levels deep" in stderr


def test_responses_symlink_pointing_out_of_the_month_is_refused(tmp_path, run_cli):
    secret = tmp_path / "secret.csv"
    secret.write_text("date,score\n2026-11-01,9\n")
    customer = CUSTOMER.replace(
        "counts: {promoters: 50, passives: 30, detractors: 20}", "responses: responses.csv"
    )
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": customer})
    os.symlink(secret, month / "responses.csv")
    _refused(
        run_cli, month, tmp_path, "nps.responses: 'responses.csv' points outside the month folder"
    )


def test_templates_are_sandboxed_and_strict():
    from agenda.text import _env, say

    with pytest.raises(SecurityError):
        _env().from_string("{{ ''.__class__.__mro__[1].__subclasses__() }}").render()
    with pytest.raises(RenderError, match=r"nps_headline.*promoters"):
        say("customer.nps_headline", n=1)  # the macro's other values are missing


# --- atomic and reproducible output ---------------------------------------------------------


def test_a_build_failing_part_way_leaves_the_earlier_pack_and_no_temporary_files(
    tmp_path, run_cli, monkeypatch
):
    from dataclasses import replace

    from packs.formats import FORMATS

    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING, "customer.yaml": CUSTOMER})
    out = tmp_path / "out"
    assert run_cli("build", month, "--out", out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(pack, path, look):
        path.write_bytes(b"half a deck")
        raise RenderError("the deck writer failed")

    monkeypatch.setitem(FORMATS, "pptx", replace(FORMATS["pptx"], write=broken))
    (month / "customer.yaml").write_text(CUSTOMER.replace("Mrs Jones", "Mr Smith"))
    result = run_cli("build", month, "--out", out)
    assert result.exit_code == 73
    assert "Render error: the deck writer failed" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # docx not replaced either


def test_same_input_gives_byte_identical_files(tmp_path, run_cli, built_sample):
    from conftest import SAMPLE_MONTH

    out = tmp_path / "again"
    assert run_cli("build", SAMPLE_MONTH, "--out", out).exit_code == 0
    for first in (built_sample.docx, built_sample.pptx):
        assert (out / first.name).read_bytes() == first.read_bytes(), first.name
        with zipfile.ZipFile(first) as z:
            assert {i.date_time for i in z.infolist()} == {(2026, 11, 19, 0, 0, 0)}
            core = z.read("docProps/core.xml").decode()
            assert "2026-11-19T00:00:00Z" in core
