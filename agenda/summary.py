"""The month in brief: what the room reads first, composed once from the composed sections.

Why: the month's conclusion (every service level green while customers grew less happy) used
to first appear pages into the pack. Board papers open with the answer: the customer first (the
first story and the customer signal with its significance), then at most three findings from
the rules, what the meeting is asked to decide and by whom, and what happened since the last
meeting. Every sentence is already in the pack; this only chooses and orders them.
"""

from __future__ import annotations

from collections.abc import Sequence

from agenda.actions import standing
from agenda.formatting import month_label
from agenda.model import ActionLog, Chart, Figures, Narrative, Section, Summary, Table
from agenda.nps import LOW_N
from agenda.protect import PERSON
from agenda.rules import Insight
from agenda.sections.customer import COMPLAINTS_TITLE, THEMES_TITLE
from agenda.signal import GUEST
from agenda.text import say

#: Findings and asks the summary gives at most (the action log lists every decision).
MOST_FINDINGS = 3
MOST_ASKS = 4


def summarise(
    period: str,
    sections: Sequence[Section],
    actions: ActionLog | None,
    insights: Sequence[Insight],
    small_sample: int | None = None,
) -> Summary:
    """The summary of a month whose ``sections`` are composed, in the pack's order;
    ``small_sample``: the number of answers when too few to read NPS alone (its caution goes
    with the signal, as in the body)."""
    customer = next(s for s in sections if s.key == "customer")
    story = next((b for b in customer.blocks if isinstance(b, Narrative)), None)
    signal = next((b.finding for b in customer.blocks if isinstance(b, Figures)), "")
    opening = say(
        "summary.customer",
        story=story.title if story else None,
        who=(PERSON if story.customer == GUEST else story.customer) if story else None,
        signal=signal or None,
        small=small_sample,
        low_n=LOW_N,
    )
    findings = list(dict.fromkeys(i.finding for i in insights if i.finding))
    for block in _headline_blocks(sections):  # fill up from the month's own findings
        if len(findings) >= MOST_FINDINGS:
            break
        if block.finding and block.finding not in findings and block.finding != signal:
            findings.append(block.finding)
    asks: list[str] = []
    since: list[str] = []
    if actions is not None:
        slots = {s.title: s for s in sections}
        asks = [
            say(
                "summary.decision",
                title=d.title,
                owner=d.owner or None,
                section=d.section,
                times=slots[d.section].slot.times if d.section in slots else None,
                by=d.decide_by or None,
                passed=d.passed,
            )
            for d in actions.decisions[:MOST_ASKS]
        ]
        if len(actions.decisions) > MOST_ASKS:
            asks.append(say("summary.more_decisions", count=len(actions.decisions) - MOST_ASKS))
        if not asks:
            asks = [say("summary.no_decisions")]
        now = standing(actions.rows, actions.closed)
        late = now.overdue[0] if now.overdue else None
        if actions.taken:  # what became of the last meeting's decisions comes first
            states = [r.state for r in actions.taken]
            since.append(
                say(
                    "summary.taken",
                    count=len(states),
                    period=actions.taken_at,
                    done=states.count("done"),
                    in_hand=states.count("in hand"),
                    behind=states.count("behind"),
                    untraced=states.count("untraced"),
                    unlinked=states.count("no action"),
                )
            )
        since += [
            say(
                "summary.since",
                closed=now.closed,
                open=now.open,
                blocked=len(now.blocked),
                overdue=len(now.overdue),
                most_overdue=f"{late.id} ({late.flag.lower()})" if late else None,
                first=actions.first,
            )
        ]
    return Summary(
        title=say("summary.title", period=month_label(period)),
        customer=opening,
        findings=tuple(findings[:MOST_FINDINGS]),
        asks=tuple(asks),
        since=tuple(since),
        headings=(
            say("summary.findings_heading"),
            say("summary.asks_heading"),
            say("summary.since_heading", first=actions is not None and actions.first),
        ),
    )


def _headline_blocks(sections: Sequence[Section]) -> list[Table | Chart | Figures]:
    """Blocks whose findings may fill the summary, most telling first: the customer's
    complaint reasons and top themes, then each other section's first finding, in order."""
    ranked: list[Table | Chart | Figures] = []
    for section in sections:
        found = [b for b in section.blocks if isinstance(b, Table | Chart | Figures) and b.finding]
        if section.key == "customer":
            for title in (COMPLAINTS_TITLE, THEMES_TITLE):
                ranked += [b for b in found if b.title == title and not isinstance(b, Figures)][:1]
        else:
            ranked += found[:1]
    return ranked
