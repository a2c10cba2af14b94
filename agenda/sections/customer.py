"""The Customer section: stories first, then NPS done honestly, trends, themes, complaints."""

from __future__ import annotations

from collections import defaultdict

from agenda import schema
from agenda.formatting import in_sentence, month_label, number, plural
from agenda.history import MonthSignal
from agenda.model import (
    Block,
    Bullets,
    Chart,
    Figure,
    Figures,
    Narrative,
    Note,
    Quote,
    Series,
    Table,
)
from agenda.nps import LOW_N, from_scores, signed
from agenda.order import TOP_THEMES
from agenda.sections._shared import storyteller
from agenda.signal import GUEST, CustomerSignal
from agenda.status import status
from agenda.text import phrase
from agenda.validate import MonthData

# --- quotes and stories ---------------------------------------------------------------------


def _attribution(*parts: str | None) -> str:
    return " · ".join(p for p in parts if p)


def tone(score: int | None) -> str:
    """Praise (9–10), complaint (0–6) or neutral, from a verbatim's score."""
    if score is None:
        return "neutral"
    return "praise" if score >= 9 else "complaint" if score <= 6 else "neutral"


def quote(v: schema.Verbatim) -> Quote:
    """A verbatim as a quote, attributed by channel and segment, never by name."""
    scored = f"scored {v.score}" if v.score is not None else None
    who = GUEST if v.guest else None
    return Quote(v.text, _attribution(who, v.channel, v.segment, scored), tone(v.score))


def balanced(verbatims: list[schema.Verbatim], limit: int = 4) -> list[schema.Verbatim]:
    """Pick quotes that alternate complaint and praise, so the room hears both."""
    pools = {k: [v for v in verbatims if tone(v.score) == k] for k in ("complaint", "praise")}
    rest = [v for v in verbatims if tone(v.score) == "neutral"]
    picked: list[schema.Verbatim] = []
    while len(picked) < limit and (pools["complaint"] or pools["praise"] or rest):
        took = False
        for key in ("complaint", "praise"):
            if pools[key] and len(picked) < limit:
                picked.append(pools[key].pop(0))
                took = True
        if not took and rest:
            picked.append(rest.pop(0))
    return picked


# --- the section ----------------------------------------------------------------------------


def build(
    customer: schema.Customer, month: MonthData, signal: CustomerSignal
) -> tuple[tuple[Block, ...], tuple[str, ...]]:
    """The Customer section's blocks, in reading order, and its questions for the room."""
    blocks: list[Block] = [
        Narrative(n.title, storyteller(n), n.story, _attribution(n.channel, n.segment), n.theme)
        for n in customer.narratives
    ]
    blocks += [quote(v) for v in balanced(list(customer.verbatims))]
    invited: list[str] = []
    if customer.frontline_invite is not None:
        guest = customer.frontline_invite
        topic = f", on {guest.topic}" if guest.topic else ""
        blocks.append(
            Bullets("Invited from the front line", (f"{guest.name}, {guest.role}{topic}",))
        )
        invited.append(f"{guest.name}, what do you hear from customers that our numbers miss?")
    blocks += _scores(customer, signal)
    blocks += _charts(signal)
    blocks += _left_out_of_trends(signal)
    if month.answers is not None and (month.answers.by_segment or month.answers.by_channel):
        blocks.append(_breakdown(month))
    theme_blocks, questions = _themes(customer, signal)
    questions = [*invited, *questions]
    blocks += theme_blocks
    blocks += _verbatims(customer)
    blocks += _complaints(customer, signal)
    return tuple(blocks), tuple(questions)


def _scores(customer: schema.Customer, signal: CustomerSignal) -> list[Block]:
    nps = signal.nps
    prev_label = month_label(signal.previous.period) if signal.previous else ""
    change = signal.nps_change
    figures: list[Figure] = []
    notes: list[str] = []
    blocks: list[Block] = []
    if nps.score is None:
        figures.append(Figure("Net Promoter Score", "No answers", "nobody answered this month"))
    else:
        detail = f"n = {nps.n:,}"
        if change is not None:
            detail += f" · {signed(change)} since {prev_label}"
        if nps.margin is not None:
            detail += f" · ±{number(round(nps.margin))} margin"
        judged = None
        if signal.framing == "target" and signal.target is not None:
            judged = status(signal.target, nps.score)
            detail += f" · target {signed(signal.target)}"
        figures.append(Figure("Net Promoter Score", signed(nps.score), detail, judged))
        margin = nps.margin or 0.0
        notes.append(
            f"NPS {signed(nps.score, 1)} from {plural(nps.n, 'answer')}; 95% margin of error "
            f"±{number(margin, 1)} points, so the true score is likely between "
            f"{signed(nps.score - margin, 1)} and {signed(nps.score + margin, 1)}."
        )
        if change is not None and signal.change_margin is not None:
            notes.append(
                f"Change since {prev_label}: {signed(change, 1)} points, against a margin of "
                f"±{number(signal.change_margin, 1)} for the change."
            )
    for label, score in (
        ("Customer satisfaction", customer.csat),
        ("Customer effort", customer.effort),
    ):
        if score is not None:
            value = number(score.score) + (f" / {number(score.scale)}" if score.scale else "")
            detail = (
                f"{signed(score.score - score.previous, 1)} since last month"
                if score.previous is not None
                else ""
            )
            figures.append(Figure(label, value, detail))
    if customer.complaints is not None:
        c = customer.complaints
        previous = signal.complaints_previous
        detail = (
            f"{signed(c.total - previous)} since {signal.complaints_since}"
            if previous is not None
            else ""
        )
        figures.append(Figure("Complaints", f"{c.total:,}", detail))
    blocks.append(Figures("How customers score us", tuple(figures), tuple(notes)))
    if nps.score is not None:
        blocks.append(
            Note(
                phrase(
                    "nps_headline.j2",
                    n=f"{nps.n:,}",
                    promoters=round(nps.share("promoters")),
                    passives=round(nps.share("passives")),
                    detractors=round(nps.share("detractors")),
                    score=signed(nps.score),
                    change=signed(change) if change is not None else None,
                    previous_label=prev_label,
                    previous_score=(
                        signed(signal.previous_nps.score)
                        if signal.previous_nps and signal.previous_nps.score is not None
                        else ""
                    ),
                )
            )
        )
        if nps.low_n:
            blocks.append(
                Note(
                    f"Small sample: only {plural(nps.n, 'answer')} (fewer than {LOW_N}). "
                    "Read the score as a pointer, not a verdict.",
                    "caution",
                )
            )
        if signal.change_is_noise:
            assert change is not None and signal.change_margin is not None
            blocks.append(
                Note(
                    f"The change of {signed(change)} is within the margin of error "
                    f"(±{number(round(signal.change_margin))}): it may be noise rather than a "
                    "real shift.",
                    "caution",
                )
            )
    return blocks


def _short_month(period: str) -> str:
    """``2026-11`` → ``Nov 2026``, short enough for a chart axis."""
    return f"{month_label(period)[:3]} {period[:4]}"


def _charts(signal: CustomerSignal) -> list[Block]:
    months = signal.trend()
    months[-1] = (months[-1][0], MonthSignal(signal.period, signal.nps, signal.complaints, {}, {}))
    categories = tuple(_short_month(p) for p, _ in months)
    charts: list[Block] = []
    scores = tuple(
        round(s.nps.score, 1) if s and s.nps and s.nps.score is not None else None
        for _, s in months
    )
    known = sum(1 for v in scores if v is not None)
    if len(months) >= 2 and known >= 2:
        series = [Series("NPS", scores)]
        if signal.target is not None:
            series.append(Series("Target", tuple(float(signal.target) for _ in months)))
        words = ", ".join(
            f"{month_label(p)} {signed(v) if v is not None else 'no data'}"
            for (p, _), v in zip(months, scores, strict=True)
        )
        gaps = [month_label(p) for (p, _), v in zip(months, scores, strict=True) if v is None]
        charts.append(
            Chart(
                f"NPS over the last {plural(len(months), 'month')}",
                "trend",
                categories,
                tuple(series),
                f"Line chart of NPS by month: {words}"
                + (f"; target {signed(signal.target)}" if signal.target is not None else "")
                + ".",
                number_format='+0;"−"0;0',
                caption=(
                    f"No usable survey data for {', '.join(gaps)}: shown as a gap, not estimated."
                    if gaps
                    else ""
                ),
            )
        )
    shares = {"Promoters": [], "Passives": [], "Detractors": []}
    for _, s in months:
        result = s.nps if s and s.nps and s.nps.n else None
        for key, attr in (
            ("Promoters", "promoters"),
            ("Passives", "passives"),
            ("Detractors", "detractors"),
        ):
            shares[key].append(round(result.share(attr), 1) if result else None)
    if signal.nps.n:
        charts.append(
            Chart(
                "Promoters, passives and detractors",
                "share",
                categories,
                tuple(Series(k, tuple(v)) for k, v in shares.items()),
                "Stacked bars of the share of promoters, passives and detractors by month; "
                f"this month {round(signal.nps.share('promoters'))}% promoters, "
                f"{round(signal.nps.share('passives'))}% passives, "
                f"{round(signal.nps.share('detractors'))}% detractors.",
                number_format='0"%"',
            )
        )
    return charts


def _left_out_of_trends(signal: CustomerSignal) -> list[Block]:
    """Say in the pack itself which earlier months the trends lack, and why."""
    missing = [s for s in signal.history if s.left_out]
    if not missing:
        return []
    listed = "; ".join(f"{month_label(s.period)} ({s.left_out})" for s in missing)
    return [
        Note(
            f"Left out of the trends and the change since last month: {listed}. "
            "Fix the file and rebuild to include it.",
            "caution",
        )
    ]


def _breakdown(month: MonthData) -> Table:
    answers = month.answers
    assert answers is not None
    rows = []
    for kind, groups in (("Segment", answers.by_segment), ("Channel", answers.by_channel)):
        for name in sorted(groups):
            result = from_scores(groups[name])
            flag = " (small sample)" if result.low_n else ""
            score = signed(result.score) if result.score is not None else "–"
            rows.append((kind, name + flag, f"{result.n:,}", score))
    return Table(
        "NPS by segment and channel",
        ("Group", "Name", "Answers", "NPS"),
        tuple(rows),
        numeric_columns=(2, 3),
        caption=f"Groups with fewer than {LOW_N} answers are marked as small samples.",
    )


def _themes(customer: schema.Customer, signal: CustomerSignal) -> tuple[list[Block], list[str]]:
    if not customer.themes:
        return [], []
    ranked = signal.ranked_themes()
    since = signal.themes_since
    rows = []
    for rank, theme in enumerate(ranked, 1):
        previous = signal.theme_previous(theme)
        change = signed(theme.mentions - previous) if previous is not None else "new"
        if since != "last month" and theme.previous is not None:
            change += " (since last month)"  # its own `previous`, beside older months' files
        rows.append((str(rank), theme.name, f"{theme.mentions:,}", change))
    blocks: list[Block] = [
        Table(
            "Top improvement themes",
            (
                "#",
                "Theme",
                "Mentions",
                "Change" if since == "last month" else f"Change since {since}",
            ),
            tuple(rows),
            numeric_columns=(0, 2, 3),
            caption="Ranked by mentions this month; the top two lead the discussion.",
        )
    ]
    for theme in ranked[:TOP_THEMES]:
        said = [v for v in customer.verbatims if v.theme == theme.name]
        stories = [n for n in customer.narratives if n.theme == theme.name]
        items = [f"“{v.text}” ({quote(v).attribution})" for v in said[:3]]
        items += [f"Story: {n.title} ({storyteller(n)})" for n in stories[:1]]
        if not items:
            items = ["No verbatim was tagged with this theme this month."]
        blocks.append(Bullets(f"What customers said about {in_sentence(theme.name)}", tuple(items)))
    question = f"What will we do this month about {in_sentence(ranked[0].name)}"
    question += f" and {in_sentence(ranked[1].name)}?" if len(ranked) > 1 else "?"
    return blocks, [question]


def _verbatims(customer: schema.Customer) -> list[Block]:
    if not customer.verbatims:
        return []
    by_channel: dict[str, list[schema.Verbatim]] = defaultdict(list)
    for v in customer.verbatims:
        by_channel[v.channel].append(v)
    rows = []
    for channel in sorted(by_channel):
        for v in by_channel[channel]:
            score = str(v.score) if v.score is not None else "–"
            who = GUEST if v.guest else (v.segment or "–")
            rows.append((channel, v.text, score, who))
    return [
        Table(
            "Verbatims by channel",
            ("Channel", "What the customer said", "Score", "Segment"),
            tuple(rows),
            numeric_columns=(2,),
        )
    ]


#: The row for complaints counted in the total but given no reason.
UNCATEGORISED = "Uncategorised"


def _complaints(customer: schema.Customer, signal: CustomerSignal) -> list[Block]:
    """Complaints by reason: shares of the whole total (the rest is "Uncategorised"), each
    reason beside the month the caption compares with, a reason gone since then shown as 0."""
    if customer.complaints is None or not customer.complaints.reasons:
        return []
    c = customer.complaints
    compared = signal.complaints_compared
    before = dict(compared.reasons) if compared is not None else {}
    now = {reason: count for reason, count in c.reasons.items()}
    for reason in before:
        now.setdefault(reason, 0)  # gone this month: 0, with its change
    rest_now = c.total - sum(c.reasons.values()) + now.pop(UNCATEGORISED, 0)
    ordered = sorted(now.items(), key=lambda kv: (-kv[1], kv[0]))
    if before:
        assert compared is not None and compared.complaints is not None
        rest_then = max(compared.complaints - sum(before.values()), 0)
        rest_then += before.pop(UNCATEGORISED, 0)
        if rest_now or rest_then:
            before[UNCATEGORISED] = rest_then
    if rest_now or UNCATEGORISED in before:
        ordered.append((UNCATEGORISED, rest_now))
    since = signal.complaints_since
    rows = []
    for reason, count in ordered:
        change = signed(count - before[reason]) if reason in before else "–"
        share = round(100 * count / c.total) if c.total else 0
        rows.append((reason, f"{count:,}", f"{share}%", change))
    caption = f"{c.total:,} complaints this month"
    previous_total = signal.complaints_previous
    if previous_total is not None:
        caption += f", {previous_total:,} " + (since if since == "last month" else f"in {since}")
    caption += "."
    if rest_now:
        caption += (
            f" Shares are of all {c.total:,}; {rest_now:,} were given no reason ({UNCATEGORISED})."
        )
    blocks: list[Block] = []
    series = [Series("This month", tuple(float(n) for _, n in ordered))]
    if before:
        assert compared is not None
        series.append(
            Series(
                month_label(compared.period),
                tuple(float(before[r]) if r in before else None for r, _ in ordered),
            )
        )
    blocks.append(
        Chart(
            "Complaints by reason",
            "bars",
            tuple(r for r, _ in ordered),
            tuple(series),
            "Bar chart of complaints by reason: " + ", ".join(f"{r} {n}" for r, n in ordered) + ".",
            number_format="#,##0",
            caption=caption,
        )
    )
    blocks.append(
        Table(
            "Complaints by reason, with change",
            (
                "Reason",
                "Complaints",
                "Share",
                "Change" if since == "last month" else f"Change since {since}",
            ),
            tuple(rows),
            numeric_columns=(1, 2, 3),
            caption=caption,
        )
    )
    return blocks
