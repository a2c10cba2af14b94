"""What hostile QA of the briefing (issue 17) found: each case refused, warned or right."""

from __future__ import annotations

import pytest
from conftest import CUSTOMER, MEETING_LED, write_month

from agenda.errors import DataError
from agenda.pipeline import prepare

GUEST = (
    "guests:\n"
    "  - {name: Beatriz Lourenço, organisation: Associação de Doentes do Tejo,"
    " chatham_house: true}\n"
)
THEMES = (
    "themes:\n  - {name: Faturação, mentions: 40, owner: OWNER}\n  - {name: Espera, mentions: 9}\n"
)


def _refused(tmp_path, owner: str) -> str:
    customer = CUSTOMER + THEMES.replace("OWNER", owner)
    month = write_month(
        tmp_path / owner.replace(" ", "_").replace(".", ""),
        {"meeting.yaml": MEETING_LED + GUEST, "customer.yaml": customer},
    )
    try:
        prepare(month)
    except DataError as exc:
        return "\n".join(exc.lines())
    return ""


def test_a_theme_owner_named_by_a_title_and_the_guests_surname_is_refused(tmp_path):
    for owner in ("Dra. Lourenço", "Eng.ª Lourenço", "Dott.ssa Lourenço", "Doutora Lourenço"):
        message = _refused(tmp_path, owner)
        assert "customer.yaml:" in message and "protected guest" in message, owner
    # someone else with the same surname keeps their name
    assert _refused(tmp_path, "Rui Lourenço") == ""


def test_a_decision_with_an_action_not_in_the_log_is_never_counted_carried_out(tmp_path):
    actions_oct = (
        "actions:\n  - {id: C-3, title: Fix it, owner: Ann Lee, due: 2026-10-20, status: done,"
        " section: operations}\n"
    )
    outcomes = (
        "decisions:\n  - {title: Fix billing, section: operations, actions: [C-3, C-99]}\n"
        "  - {title: Only missing, section: operations, actions: [C-98]}\n"
    )
    write_month(
        tmp_path / "ws",
        {
            "meeting.yaml": MEETING_LED.replace("2026-11", "2026-10"),
            "customer.yaml": CUSTOMER,
            "actions.yaml": actions_oct,
            "outcomes.yaml": outcomes,
        },
        name="2026-10",
    )
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING_LED, "customer.yaml": CUSTOMER})
    pack = prepare(month)
    assert pack.actions is not None
    states = {r.title: r.state for r in pack.actions.taken}
    assert states == {"Fix billing": "untraced", "Only missing": "untraced"}
    assert pack.summary is not None
    assert "2 with an action not in the log" in pack.summary.since[0]
    assert "carried out" not in pack.summary.since[0]


@pytest.mark.parametrize(
    ("typed", "linked"),
    [("Faturacao", True), ("  FATURAÇÃO ", True), ("Fatura", False)],
)
def test_a_carried_action_links_to_its_theme_ignoring_accents_else_is_warned_at_its_file(
    tmp_path, typed, linked
):
    """Themes are matched as their keywords are, without case or accents: "Faturacao" typed
    without its accents is the "Faturação" theme; a theme there is none of is warned."""
    actions_oct = (
        "actions:\n  - {id: C-4, title: Refund duplicates, owner: Ann Lee, due: 2026-10-20,"
        f" status: open, section: finance, theme: '{typed}'}}\n"
    )
    write_month(
        tmp_path / "ws",
        {
            "meeting.yaml": MEETING_LED.replace("2026-11", "2026-10"),
            "customer.yaml": CUSTOMER,
            "actions.yaml": actions_oct,
        },
        name="2026-10",
    )
    customer = CUSTOMER + THEMES.replace(", owner: OWNER", "")
    month = write_month(tmp_path / "ws", {"meeting.yaml": MEETING_LED, "customer.yaml": customer})
    pack = prepare(month)
    warned = [w for w in pack.warnings if "C-4" in w.message]
    section = next(s for s in pack.sections if s.key == "customer")
    card = next(b for b in section.blocks if getattr(b, "name", "") == "Faturação")
    on_card = [line.text for part in card.parts for line in part.lines if "C-4" in line.text]
    if linked:
        assert not warned
        assert on_card and "Refund duplicates" in on_card[0]
    else:
        assert not on_card
        (warning,) = warned
        assert warning.line_for("warning").startswith("ws/2026-10/actions.yaml")
        assert "'Fatura'" in warning.message and "no theme card shows it" in warning.message


def test_a_next_step_for_a_theme_nobody_owns_is_shown_not_lost(tmp_path):
    themes = "themes:\n  - {name: CSAT follow-up, mentions: 40, next_step: Quem decide?}\n"
    month = write_month(
        tmp_path / "ws", {"meeting.yaml": MEETING_LED, "customer.yaml": CUSTOMER + themes}
    )
    section = next(s for s in prepare(month).sections if s.key == "customer")
    (card,) = [b for b in section.blocks if type(b).__name__ == "ThemeCard"]
    assert card.owner.text == (
        "No owner: nobody is named to own “CSAT follow-up” and see it fixed. "
        "Next step proposed: Quem decide?"
    )  # the name as typed, never lowercased


def test_lists_in_the_agendas_questions_read_as_prose(tmp_path):
    actions = (
        "actions:\n"
        "  - {id: A-1, title: One, owner: Ann Lee, due: 2026-10-01, status: open,"
        " section: operations}\n"
        "  - {id: A-2, title: Two, owner: Ann Lee, due: 2026-10-02, status: open,"
        " section: operations}\n"
        "  - {id: A-3, title: Three, owner: Ann Lee, due: 2026-12-02, status: blocked,"
        " section: operations}\n"
    )
    month = write_month(
        tmp_path / "ws",
        {"meeting.yaml": MEETING_LED, "customer.yaml": CUSTOMER, "actions.yaml": actions},
    )
    slots = {s.key: s for s in prepare(month).agenda}
    assert slots["actions"].focus == (
        "What would unblock A-1 (overdue), A-2 (overdue) and A-3 (blocked)?"
    )


def test_a_recommendation_that_names_no_option_is_warned_at_its_line(tmp_path):
    actions = (
        "decisions:\n"
        "  - title: Fix the queue\n"
        "    section: operations\n"
        "    options: [Hire a team, Pay overtime]\n"
        "    recommendation: Contract an agency instead\n"
        "  - title: Fund refunds\n"
        "    section: finance\n"
        "    options: [Fund now, Wait]\n"
        "    recommendation: 'Fund now: customers are waiting'\n"
    )
    month = write_month(
        tmp_path / "ws",
        {"meeting.yaml": MEETING_LED, "customer.yaml": CUSTOMER, "actions.yaml": actions},
    )
    warned = [w for w in prepare(month).warnings if "recommendation" in w.message]
    (only,) = warned  # the second names its option: no warning
    assert only.line_for("warning").startswith("ws/2026-11/actions.yaml:5:")
    assert "names none of its 2 options" in only.message and '"Hire a team: …"' in only.message
