"""Decisions as short papers, met in their own section's slot, and what became of the
decisions the last meeting took.

Why: a decision used to come last, one row of a table with no options, cost, risk or date,
after the discussion it belonged to was over; and what the last meeting decided appeared
nowhere. Board-paper practice puts each decision in its own slot with its ask, options and
recommendation, and reports back on decisions taken: here both are composed once, for every
writer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from agenda import schema
from agenda.errors import Problem
from agenda.formatting import day_label, month_label
from agenda.history import LastMeeting
from agenda.model import DecisionPaper, DecisionTakenRow, PaperPart, Result, Slot
from agenda.names import fold
from agenda.order import SECTIONS
from agenda.text import say
from agenda.validate import MonthData

_TITLES = {spec.key: spec.title for spec in SECTIONS}


def papers(
    decisions: Sequence[schema.Decision], meeting: dt.date, slots: Mapping[str, Slot]
) -> dict[str, tuple[DecisionPaper, ...]]:
    """Each decision as a short paper, by the key of the section it is taken in, in the
    order the file gives them."""
    found: dict[str, list[DecisionPaper]] = {}
    for decision in decisions:
        slot = slots.get(decision.section)
        found.setdefault(decision.section, []).append(paper(decision, meeting, slot))
    return {key: tuple(items) for key, items in found.items()}


def paper(decision: schema.Decision, meeting: dt.date, slot: Slot | None = None) -> DecisionPaper:
    """One decision as a paper: the ask (who asks, and by when: the decide-by date is said
    there, not again), its context, then only the parts the data gives."""
    by = decision.decide_by
    passed = by is not None and by < meeting
    ask = say(
        "decisions.ask",
        owner=decision.owner,
        by=day_label(by) if by is not None else None,
        passed=passed,
        times=slot.times if slot is not None else None,
    )
    recommended = named_option(decision)
    parts: list[PaperPart] = []
    if decision.options:
        parts.append(
            PaperPart(
                say("decisions.options_label"),
                tuple(
                    say(
                        "decisions.option",
                        name=o.name,
                        cost=o.cost,
                        risk=o.risk,
                        recommended=o is recommended,
                    )
                    for o in decision.options
                ),
                tuple(
                    (
                        say("decisions.option_name", name=o.name, recommended=o is recommended),
                        *([say("decisions.option_cost", cost=o.cost)] if o.cost else []),
                        *([say("decisions.option_risk", risk=o.risk)] if o.risk else []),
                    )
                    for o in decision.options
                ),
                next((n for n, o in enumerate(decision.options) if o is recommended), None),
            )
        )
    if decision.recommendation:
        parts.append(PaperPart(say("decisions.recommendation_label"), (decision.recommendation,)))
    elif decision.options:  # options and no recommendation: said, never guessed
        parts.append(
            PaperPart(say("decisions.recommendation_label"), (say("decisions.no_recommendation"),))
        )
    if decision.cost:
        parts.append(PaperPart(say("decisions.cost_label"), (decision.cost,)))
    if decision.risk:
        parts.append(PaperPart(say("decisions.risk_label"), (decision.risk,)))
    return DecisionPaper(
        title=say("decisions.heading", title=decision.title),
        ask=ask,
        context=decision.context or "",
        parts=tuple(parts),
        passed=passed,
        bare="" if decision.context or parts else say("decisions.bare"),
        # what the facilitator reads over its slide: the ask, the context, each part whole
        notes=(
            ask,
            *([decision.context] if decision.context else []),
            *(say("decisions.part_note", label=p.label, items=list(p.items)) for p in parts),
            say("decisions.facilitate", options=len(decision.options)),
        ),
    )


#: What may follow an option's name at the start of a recommendation that names it.
_AFTER_NAME = re.compile(r"\s*(?:$|[:,;.—–(]|-\s)")


def named_option(decision: schema.Decision) -> schema.DecisionOption | None:
    """The option the recommendation names: it is that option's name, or starts with it
    followed by punctuation ("Dedicated team: it corrects bills now"), ignoring case and
    accents. None when it names none, or several: never guessed from its words."""
    if not decision.recommendation:
        return None
    text = fold(decision.recommendation)
    named = [
        o
        for o in decision.options
        if text.startswith(fold(o.name)) and _AFTER_NAME.match(text, len(fold(o.name)))
    ]
    return named[0] if len(named) == 1 else None


def _short(name: str, limit: int = 40) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def recommendation_problems(month: MonthData) -> list[Problem]:
    """A recommendation beside options that names none of them (or several): the paper marks
    no option recommended, which its writer may not expect; never guessed from its words."""
    decisions = month.actions.decisions if month.actions else []
    return [
        month.problem(
            "actions",
            ("decisions", n, "recommendation"),
            f"decisions[{n}].recommendation names none of its {len(d.options)} options by its "
            "name, so the paper marks no option as recommended; start it with the option's "
            'name ("' + d.options[0].name + ': …") if it recommends one',
        )
        for n, d in enumerate(decisions)
        if d.options and d.recommendation and named_option(d) is None
    ]


def taken(
    last: LastMeeting | None,
    latest: Mapping[str, schema.Action],
    today: dt.date,
    period: str,
) -> tuple[tuple[DecisionTakenRow, ...], tuple[Problem, ...]]:
    """The decisions the last meeting took, each with its result: the status in this month's
    action log (``latest``: each action's latest record by id) of the actions linked to it.
    A linked id the log does not hold is said in the result and warned about, at its place
    in that month's outcomes.yaml."""
    if last is None:
        return (), ()
    rows: list[DecisionTakenRow] = []
    warnings: list[Problem] = []
    order = {spec.key: i for i, spec in enumerate(SECTIONS)}
    for n, decision in sorted(
        enumerate(last.outcomes.decisions), key=lambda item: order[item[1].section]
    ):
        said: list[str] = []
        states: list[str] = []
        for k, action_id in enumerate(decision.actions):
            action = latest.get(action_id)
            if action is None:
                said.append(say("actions.link_missing", id=action_id))
                warnings.append(
                    last.file.problem(
                        ("decisions", n, "actions", k),
                        f"decisions[{n}].actions[{k}]: '{action_id}' is not in the action log "
                        f"of {month_label(period)} (no actions.yaml up to {period} has it), so "
                        "the pack cannot say what became of it: add it to "
                        f"{period}/actions.yaml, or correct the id",
                    )
                )
                states.append("untraced")
                continue
            overdue = (today - action.due).days if action.status != "done" else 0
            said.append(
                say(
                    "actions.link_status",
                    id=action.id,
                    status=action.status,
                    overdue=overdue if overdue > 0 else None,
                )
            )
            states.append("behind" if action.status == "blocked" or overdue > 0 else action.status)
        state: Result
        if not states:
            state = "no action"
        elif all(s == "done" for s in states):
            state = "done"
        elif "behind" in states:
            state = "behind"
        elif "untraced" in states:  # never "carried out" while an action cannot be traced
            state = "untraced"
        else:
            state = "in hand"
        result = "; ".join(said) if said else say("actions.no_action")
        rows.append(
            DecisionTakenRow(
                decision.title, _TITLES[decision.section], decision.owner or "", result, state
            )
        )
    return tuple(rows), tuple(warnings)
