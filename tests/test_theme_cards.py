"""Theme cards (issue 17): each of the top two themes with what the pack knows about it, joined,
read back from the Word pack and the deck as a reader meets them."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import MEETING_LED, SAMPLE_MONTH, docx_items, section_items, slides, write_month

from agenda.pipeline import prepare
from packs.deck_plan import BODY_BOTTOM, BODY_TOP, CardSlide, content_height, plan_deck

BILLING = "Billing accuracy"
RESOLVE = "Time to resolve complaints"
NO_OWNER_QUESTION = (
    "Who will own “Time to resolve complaints” until it is fixed, and what will they have done "
    "by the next meeting?"
)


def _card(docx: Path, name: str) -> list[str]:
    """The paragraphs of the Word pack's card for ``name``: its heading to the next heading 2."""
    items = [i for i in section_items(docx, "Customer") if i.kind == "p"]
    start = next(n for n, i in enumerate(items) if i.text == f"Theme card: {name}")
    assert items[start].style == "Heading 2"
    end = next(
        (n for n in range(start + 1, len(items)) if items[n].style.startswith("Heading")),
        len(items),
    )
    return [i.text for i in items[start + 1 : end]]


def _card_slide(pptx: Path, name: str):
    (view,) = [v for v in slides(pptx) if v.title.startswith(f"{name}: ")]
    return view


def _lines(view) -> list[str]:
    return [line for text in view.texts for line in text.splitlines()]


# --- the sample month, read back from both files ---------------------------------------------


def test_a_card_shows_its_service_levels_status_and_the_overdue_action_about_it(built_sample):
    """A-103 was last updated in October, tagged with its theme there: the carried log brings
    it, overdue, onto the card, beside the complaint SLAs and their computed status."""
    sla = "Complaints closed within 8 weeks: 96.5% against 95% · On track"
    action = (
        'A-103 Add a "resolved first time, not reopened" measure alongside the complaint '
        "acknowledgement SLA (Gareth Lloyd, due 13 Nov 2026) · Open · overdue by 6 days"
    )
    word = _card(built_sample.docx, RESOLVE)
    assert sla in word and action in word
    assert word.index("Service levels") < word.index(sla)
    assert word.index("Actions and decisions") < word.index(action)
    deck = _lines(_card_slide(built_sample.pptx, RESOLVE))
    assert sla in deck
    assert action in " ".join(deck)  # the slide wraps it in its column: one paragraph
    assert "Open · overdue by 6 days" in deck[deck.index("Actions and decisions") + 1]


def test_the_owner_shows_on_one_card_and_no_owner_with_its_question_on_the_other(built_sample):
    billing = _card(built_sample.docx, BILLING)
    assert billing[0] == (
        "Billing accuracy: 109 mentions, up 27 since October; owned by Gareth Lloyd"
    )
    owner = (
        "Owner: Gareth Lloyd (Operations Director). Next step: Bring the December meeting a "
        "plan to end repeat estimated bills, with how many customers had three or more this "
        "winter."
    )
    assert owner in billing
    assert not any("No owner" in t for t in billing)
    resolve = _card(built_sample.docx, RESOLVE)
    assert (
        resolve[0] == "Time to resolve complaints: 77 mentions, up 16 since October, and no owner"
    )
    assert (
        "No owner: nobody is named to own “Time to resolve complaints” and see it fixed." in resolve
    )
    # the question joins the Customer section's questions for the room
    customer = section_items(built_sample.docx, "Customer")
    at = next(n for n, i in enumerate(customer) if i.text == "Questions for the room")
    questions = [i.text for i in customer[at + 1 :] if i.style == "Question"]
    assert NO_OWNER_QUESTION in questions
    assert not any(q.startswith("Who will own “Billing accuracy”") for q in questions)
    # on the slides: the owner on one, "no owner" on the other, the question in its notes
    billing_slide = _card_slide(built_sample.pptx, BILLING)
    assert owner in _lines(billing_slide)
    resolve_slide = _card_slide(built_sample.pptx, RESOLVE)
    assert resolve_slide.title.endswith("and no owner") and resolve_slide.kicker == "Customer"
    assert any(line.startswith("No owner: nobody is named") for line in _lines(resolve_slide))
    assert NO_OWNER_QUESTION in resolve_slide.notes
    assert "Nobody owns this theme yet" in resolve_slide.notes
    assert "Nobody owns this theme yet" not in billing_slide.notes


def test_three_months_of_mentions_make_a_trend(built_sample):
    trend = "Mentions by month: September 64 · October 82 · November 109."
    assert trend in _card(built_sample.docx, BILLING)
    assert trend in _lines(_card_slide(built_sample.pptx, BILLING))


def test_the_cards_replace_the_lists_of_what_customers_said_and_keep_the_themes_table(
    built_sample,
):
    texts = [i.text for i in docx_items(built_sample.docx)]
    assert not any(t.startswith("What customers said about") for t in texts)
    table = texts.index("Top improvement themes")
    assert table < texts.index(f"Theme card: {BILLING}") < texts.index(f"Theme card: {RESOLVE}")
    views = slides(built_sample.pptx)
    titles = [v.title for v in views]
    at = next(n for n, t in enumerate(titles) if t.startswith("Billing accuracy is the top theme"))
    assert titles[at + 1].startswith(f"{BILLING}: ") and titles[at + 2].startswith(f"{RESOLVE}: ")
    assert not any(t == "What customers said about the top themes" for t in titles)


def test_the_sample_cards_fit_their_slides_without_leaving_anything_out():
    pack = prepare(SAMPLE_MONTH)
    cards = [p for p in plan_deck(pack) if isinstance(p.content, CardSlide)]
    assert [p.content.card.name for p in cards] == [BILLING, RESOLVE]
    for plan in cards:
        assert content_height(plan, pack.labels) <= BODY_BOTTOM - BODY_TOP
        assert not any(plan.content.more), plan.title
        assert plan.content.pt >= 12


def test_a_guests_story_on_a_card_names_no_guest(built_sample):
    """The sample's first story is a Chatham House guest's, tagged Billing accuracy."""
    word = _card(built_sample.docx, BILLING)
    deck = _lines(_card_slide(built_sample.pptx, BILLING))
    story = "Story: Forty empty homes, forty estimated bills (A customer guest)"
    assert story in word and story in deck
    for text in (*word, *deck, _card_slide(built_sample.pptx, BILLING).notes):
        assert "Janet" not in text and "Pryce" not in text and "Pennine" not in text


# --- small months --------------------------------------------------------------------------

CUSTOMER = """\
nps:
  counts: {promoters: 50, passives: 30, detractors: 20}
narratives:
  - title: Janet Pryce on forty void bills
    customer: Janet Pryce, Pennine Vale Housing
    story: Janet Pryce of Pennine Vale Housing told us every void bill is estimated.
    channel: Meeting
    guest: true
    theme: Billing accuracy
  - title: Three weeks for a refund
    customer: Mrs Jones
    story: She waited three weeks for a refund and called four times.
    channel: Phone
verbatims:
  - text: "The refund took a month and the bill was wrong again."
    score: 2
    channel: Email
    themes: [Billing accuracy, Refund speed]
  - text: Quick and friendly.
    score: 10
    channel: Phone
themes:
  - {name: Billing accuracy, mentions: 40, previous: 30}
  - {name: Refund speed, mentions: 20, previous: 25}
"""

GUEST = """\
guests:
  - {name: Janet Pryce, organisation: Pennine Vale Housing}
"""


def _build(tmp_path: Path, run_cli, files: dict[str, str], earlier: dict[str, str] | None = None):
    ws = tmp_path / "ws"
    if earlier is not None:
        write_month(ws, earlier, "2026-10")
    month = write_month(ws, {"meeting.yaml": MEETING_LED + GUEST, **files})
    out = tmp_path / "out"
    result = run_cli("build", month, "--out", out)
    return result, next(out.glob("*.docx"), None), next(out.glob("*.pptx"), None)


def test_a_verbatim_tagged_with_two_themes_shows_on_both_cards(tmp_path, run_cli):
    result, docx, pptx = _build(tmp_path, run_cli, {"customer.yaml": CUSTOMER})
    assert result.exit_code == 0, result.output
    quote = "“The refund took a month and the bill was wrong again.” (Email · scored 2)"
    for name in (BILLING, "Refund speed"):
        assert quote in _card(docx, name)
        assert quote in _lines(_card_slide(pptx, name))


def test_a_chatham_house_story_tagged_with_a_theme_names_no_guest_on_its_card(tmp_path, run_cli):
    result, docx, pptx = _build(tmp_path, run_cli, {"customer.yaml": CUSTOMER})
    assert result.exit_code == 0, result.output
    word = _card(docx, BILLING)
    deck = _card_slide(pptx, BILLING)
    said = [t for t in word if t.startswith("Story: ")]
    assert said == ["Story: A customer guest on forty void bills (A customer guest)"]
    for text in (*word, *_lines(deck), deck.notes, deck.title):
        assert not re.search(r"Janet|Pryce|Pennine", text), text


def test_two_months_of_mentions_are_no_trend_yet_and_three_are_a_trend(tmp_path, run_cli):
    october = {
        "meeting.yaml": MEETING_LED.replace("2026-11", "2026-10").replace("19", "15"),
        "customer.yaml": CUSTOMER,
    }
    _, docx, pptx = _build(tmp_path, run_cli, {"customer.yaml": CUSTOMER}, earlier=october)
    no_trend = (
        "No trend yet: mentions for 2 months only (October 30, November 40); a trend needs three."
    )
    assert no_trend in _card(docx, BILLING)
    assert no_trend in _lines(_card_slide(pptx, BILLING))
    september = dict(october, **{"meeting.yaml": october["meeting.yaml"].replace("10", "09")})
    write_month(tmp_path / "ws", september, "2026-09")
    out = tmp_path / "out3"
    assert run_cli("build", tmp_path / "ws" / "2026-11", "--out", out).exit_code == 0
    # September's file says 40, October's own `previous` (30) wins for October, as in the table
    trend = "Mentions by month: September 40 · October 30 · November 40."
    assert trend in _card(next(out.glob("*.docx")), BILLING)


def test_an_action_and_a_decision_tagged_with_a_theme_show_on_its_card(tmp_path, run_cli):
    actions = """\
    actions:
      - {id: A-1, title: Fix the refund queue, owner: Ann Lee, due: 2026-11-01, status: open,
         section: customer, theme: refund speed}
      - {id: A-2, title: Unrelated, owner: Ann Lee, due: 2026-12-01, status: open,
         section: customer}
    decisions:
      - {title: Fund a refund team, section: finance, owner: Flo Wu, theme: Refund speed}
    """
    _, docx, _ = _build(tmp_path, run_cli, {"customer.yaml": CUSTOMER, "actions.yaml": actions})
    card = _card(docx, "Refund speed")
    assert "A-1 Fix the refund queue (Ann Lee, due 1 Nov 2026) · Open · overdue by 18 days" in card
    assert "Fund a refund team (Flo Wu) · Decision needed" in card
    assert not any("Unrelated" in t for t in card)
    assert "No action or decision is linked to it." in _card(docx, BILLING)


def test_a_card_with_more_than_its_slide_holds_says_how_many_more_the_word_pack_has(
    tmp_path, run_cli
):
    rows = "\n".join(
        f"  - {{id: A-{n}, title: Call back every customer whose refund is late in region {n}"
        f" and tell them when it will land, owner: Ann Lee, due: 2026-12-01, status: open,"
        f" section: customer, theme: Refund speed}}"
        for n in range(1, 25)
    )
    _, docx, pptx = _build(
        tmp_path, run_cli, {"customer.yaml": CUSTOMER, "actions.yaml": f"actions:\n{rows}\n"}
    )
    word = _card(docx, "Refund speed")
    assert sum(t.startswith("A-") for t in word) == 24  # Word: all
    # no earlier folder: last month's figure is the theme's own `previous`, as the title says
    assert word[0] == "Refund speed: 20 mentions, down 5 since October, and no owner"
    assert "No trend yet: mentions for 2 months only (October 25, November 20); " in " ".join(word)
    deck = _lines(_card_slide(pptx, "Refund speed"))
    shown = sum(line.startswith("A-") for line in deck)
    more = [line for line in deck if line.endswith("more in the Word pack.")]
    assert more == [f"{24 - shown} more in the Word pack."], deck
    plan = next(
        p for p in plan_deck(prepare(tmp_path / "ws" / "2026-11")) if p.title.startswith("Refund")
    )
    assert content_height(plan, prepare(tmp_path / "ws" / "2026-11").labels) <= (
        BODY_BOTTOM - BODY_TOP
    )


# --- bad input -------------------------------------------------------------------------------


def test_an_action_about_a_theme_there_is_none_of_is_a_located_error(tmp_path, run_cli):
    actions = """\
    actions:
      - id: A-1
        title: Fix the refund queue
        owner: Ann Lee
        due: 2026-12-01
        status: open
        section: customer
        theme: Refund sped
    """
    result, docx, pptx = _build(
        tmp_path, run_cli, {"customer.yaml": CUSTOMER, "actions.yaml": actions}
    )
    assert result.exit_code == 65, result.output
    assert docx is None and pptx is None
    assert re.search(
        r"ws/2026-11/actions\.yaml:8:\d+: error: actions\[0\]\.theme: no customer theme "
        r"'Refund sped' this month \(did you mean 'Refund speed'\?\)",
        result.stderr,
    ), result.stderr
    assert "Traceback" not in result.output


def test_themes_that_are_not_a_list_are_a_located_error(tmp_path, run_cli):
    customer = CUSTOMER.replace(
        "themes: [Billing accuracy, Refund speed]", "themes: Billing accuracy"
    )
    result, docx, _ = _build(tmp_path, run_cli, {"customer.yaml": customer})
    assert result.exit_code == 65, result.output
    assert docx is None
    assert re.search(
        r"ws/2026-11/customer\.yaml:\d+:\d+: error: verbatims\[0\]\.themes: expected a list",
        result.stderr,
    ), result.stderr


def test_a_story_tagged_with_a_theme_there_is_none_of_is_warned_where_it_is(tmp_path, run_cli):
    customer = CUSTOMER.replace("themes: [Billing accuracy, Refund speed]", "themes: [Refunds]")
    result = run_cli(
        "validate",
        write_month(tmp_path / "ws", {"meeting.yaml": MEETING_LED, "customer.yaml": customer}),
    )
    assert result.exit_code == 0, result.output
    assert re.search(
        r"customer\.yaml:\d+:\d+: warning: verbatims\[0\]\.themes\[0\]: no customer theme "
        r"'Refunds' this month, so this verbatim is not linked to one",
        result.stderr,
    ), result.stderr


def test_a_card_with_a_very_long_next_step_still_fits_its_slide(tmp_path, run_cli):
    step = " ".join(["Write to every customer on an estimated bill and call them back."] * 40)
    customer = CUSTOMER.replace(
        "  - {name: Billing accuracy, mentions: 40, previous: 30}",
        f"  - {{name: Billing accuracy, mentions: 40, previous: 30, owner: Ann Lee, "
        f'next_step: "{step}"}}',
    )
    result, docx, pptx = _build(tmp_path, run_cli, {"customer.yaml": customer})
    assert result.exit_code == 0, result.output
    assert any(t.endswith(step) for t in _card(docx, BILLING))  # Word: in full
    pack = prepare(tmp_path / "ws" / "2026-11")
    (plan,) = [p for p in plan_deck(pack) if p.title.startswith(f"{BILLING}: ")]
    assert content_height(plan, pack.labels) <= BODY_BOTTOM - BODY_TOP
    owner = next(line for line in _lines(_card_slide(pptx, BILLING)) if line.startswith("Owner"))
    assert owner.endswith("…") and len(owner) < len(step)


def test_a_tie_across_the_top_themes_edge_is_said_not_cut_silently(tmp_path, run_cli):
    """Three themes on 30 mentions for two places: ranked by name, and the room is told."""
    from conftest import CUSTOMER

    themes = (
        "themes:\n  - {name: Waiting times, mentions: 50}\n  - {name: Billing, mentions: 30}\n"
        "  - {name: Meters, mentions: 30}\n  - {name: App, mentions: 30}\n"
        "  - {name: Letters, mentions: 5}\n"
    )
    month = write_month(
        tmp_path / "ws", {"meeting.yaml": MEETING_LED, "customer.yaml": CUSTOMER + themes}
    )
    out = tmp_path / "out"
    assert run_cli("build", month, "--out", out).exit_code == 0
    said = " ".join(i.text for i in docx_items(next(out.glob("*.docx"))))
    assert (
        "“App”, “Billing” and “Meters” tie on 30 mentions; ties are ranked by name, so only "
        "“App” leads the discussion." in said
    )
    # no tie at the edge, nothing said
    month = write_month(
        tmp_path / "b",
        {
            "meeting.yaml": MEETING_LED,
            "customer.yaml": CUSTOMER + themes.replace("App, mentions: 30", "App, mentions: 29"),
        },
    )
    assert run_cli("build", month, "--out", tmp_path / "o2").exit_code == 0
    said = " ".join(i.text for i in docx_items(next((tmp_path / "o2").glob("*.docx"))))
    assert "“Billing” and “Meters” tie on 30 mentions" in said and "only “Billing” leads" in said
