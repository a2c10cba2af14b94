"""Customer-first reasoning across sections: every rule in one place, one sentence each.

A rule reads the month's validated data and the customer signal and returns insights: a
statement to show in a section (a caution) and/or a question for the room. To add a rule, write
a function below, give it a one-sentence docstring, and decorate it with ``@rule``. The composer
runs every rule once; writers only show what the rules found.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from agenda import schema
from agenda.keywords import CountedTheme, normal
from agenda.order import TOP_THEMES
from agenda.signal import CustomerSignal, Worse
from agenda.status import sla_status
from agenda.text import say
from agenda.validate import MonthData, find_theme


@dataclass(frozen=True)
class Insight:
    """What a rule found, for one section."""

    section: str  #: section key where it shows
    rule: str  #: the rule's name, for tests and the appendix
    caution: str = ""  #: a plain statement for the section and its slide
    question: str = ""  #: a question for the room (pack and speaker notes)
    #: the point in one short sentence with its figure, for the summary ("" when none)
    finding: str = ""
    #: the question the section's agenda slot answers this month, short enough for the agenda
    #: ("" when the rule has none; the first found in a section is its focus)
    focus: str = ""


@dataclass(frozen=True)
class Context:
    """What every rule may read."""

    month: MonthData
    signal: CustomerSignal

    def section(self, key: str) -> BaseModel | None:
        """The section's validated data, or None when its file is absent."""
        return self.month.sections.get(key)


Rule = Callable[[Context], Iterable[Insight]]
RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    """Register a rule; its docstring is its one-sentence description."""
    RULES.append(fn)
    return fn


def run_rules(month: MonthData, signal: CustomerSignal) -> list[Insight]:
    """Run every rule once, in registration order."""
    context = Context(month, signal)
    return [insight for fn in RULES for insight in fn(context)]


def describe() -> list[tuple[str, str]]:
    """Each rule's name and one-sentence description (for the appendix and README)."""
    return [(fn.__name__, (fn.__doc__ or "").strip()) for fn in RULES]


# --- the rules ------------------------------------------------------------------------------


@rule
def green_slas_unhappy_customers(ctx: Context) -> Iterable[Insight]:
    """When every SLA is on target but the customer signal is poor or worsening, say we may be measuring the wrong things and ask why customers tell us otherwise."""  # noqa: E501
    worse = green_while_worse(ctx.section("operations"), ctx.signal)
    if worse:
        yield Insight(
            "operations",
            "green_slas_unhappy_customers",
            caution=say("rules.green_slas_caution", worsening=[w.phrase for w in worse]),
            question=say("rules.green_slas_question"),
            finding=green_slas_finding(worse),
            focus=say(
                "rules.green_slas_focus",
                theme=top[0].name if (top := ctx.signal.ranked_themes()) else None,
            ),
        )
        yield Insight(
            "operations",
            "green_slas_unhappy_customers",
            question=say("rules.green_slas_why"),
        )


def green_while_worse(operations: BaseModel | None, signal: CustomerSignal) -> list[Worse]:
    """How the customer signal is poor or worsening while every service level is on target:
    empty when there are no service levels, one is not on track, or nothing worsened.

    The one test behind the green-SLA rule and the Operations finding that states it."""
    if not isinstance(operations, schema.Operations) or not operations.slas:
        return []
    if any(sla_status(s) != "On track" for s in operations.slas):
        return []
    return signal.worsened


#: Which worsening the green-SLA finding names, first found first.
_FINDING_ORDER = ("complaints_rose", "nps_fell", "nps_below_target", "theme_grew")


def green_slas_finding(worse: Sequence[Worse]) -> str:
    """The green-SLA rule's point as one short sentence: every service level is green while
    one thing worsened (complaints first, then NPS, then a theme)."""
    first = min(worse, key=lambda w: _FINDING_ORDER.index(w.kind))
    return say("sections.operations_green_finding", worse=first.short)


@rule
def growing_theme_without_sla(ctx: Context) -> Iterable[Insight]:
    """Name each growing top-two customer theme that no SLA is linked to, so nobody is watching it."""  # noqa: E501
    operations = ctx.section("operations")
    slas = operations.slas if isinstance(operations, schema.Operations) else []
    watched = {t.name for s in slas if (t := find_theme(s.theme, ctx.signal.themes))}
    for name, now, then in ctx.signal.growing_themes(top=TOP_THEMES):
        if name not in watched:
            caution = say("rules.growing_theme_caution", theme=name, then=then, now=now)
            yield Insight(
                "operations",
                "growing_theme_without_sla",
                caution=caution,
                question=say("rules.growing_theme_question", theme=name),
                finding=caution,  # one sentence with its figures already
                focus=say("rules.growing_theme_question", theme=name),
            )


@rule
def marketing_without_expected_reaction(ctx: Context) -> Iterable[Insight]:
    """Ask how customers will feel and react to each programme or event that does not say."""
    marketing = ctx.section("marketing")
    if not isinstance(marketing, schema.Marketing):
        return
    for item in (*marketing.programmes, *marketing.events):
        if item.expected_reaction is None:
            yield Insight(
                "marketing",
                "marketing_without_expected_reaction",
                question=say(
                    "rules.marketing_reaction_question", name=item.name, audience=item.audience
                ),
                focus=say("rules.marketing_reaction_focus", name=item.name),
            )


@rule
def sales_target_without_customer_feedback(ctx: Context) -> Iterable[Insight]:
    """Ask what other customers' feedback each sales target without any should take in."""
    sales = ctx.section("sales")
    if not isinstance(sales, schema.Sales):
        return
    themes = [t.name for t in ctx.signal.ranked_themes()[:TOP_THEMES]]
    for target in sales.targets:
        if target.feedback_to_use is None:
            yield Insight(
                "sales",
                "sales_target_without_customer_feedback",
                question=say(
                    "rules.sales_feedback_question", account=target.account, themes=themes
                ),
                focus=say("rules.sales_feedback_focus", account=target.account),
            )


@rule
def employee_challenge_matches_customer_theme(ctx: Context) -> Iterable[Insight]:
    """Link each employee challenge that matches a customer theme, and ask what fixing it would do for customers."""  # noqa: E501
    employees = ctx.section("employees")
    if not isinstance(employees, schema.Employees):
        return
    for challenge in employees.challenges:
        theme = challenge_theme(challenge, ctx.signal.themes)
        if theme is not None:
            yield Insight(
                "employees",
                "employee_challenge_matches_customer_theme",
                question=say(
                    "rules.employee_challenge_question",
                    challenge=_short(challenge.text),
                    theme=theme.name,
                    mentions=theme.mentions,
                ),
                focus=say("rules.employee_challenge_focus", theme=theme.name),
            )


def challenge_theme(
    challenge: schema.Challenge, themes: Iterable[CountedTheme]
) -> CountedTheme | None:
    """The customer theme an employee challenge links to, or None: the theme its ``theme:``
    names, else the first theme whose name appears in its text as words (both ignoring case
    and accents, as themes are matched everywhere).

    The one place that decides the link, for the Employees list and for the rule's question.
    A ``theme:`` that names no theme this month links to nothing (validate warns about it).
    """
    themes = tuple(themes)
    if challenge.theme:
        return find_theme(challenge.theme, themes)
    said = f" {normal(challenge.text)} "
    return next((t for t in themes if f" {normal(t.name)} " in said), None)


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
