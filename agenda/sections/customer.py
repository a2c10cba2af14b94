"""The Customer section: stories first, then NPS done honestly, trends, themes, complaints."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from agenda import schema
from agenda.formatting import in_sentence, month_label, number
from agenda.history import MonthSignal, month_range
from agenda.keywords import theme_key
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
    Tone,
)
from agenda.nps import LOW_N, from_scores, signed
from agenda.order import DECK_REASONS, DECK_THEMES, DECK_VERBATIMS, THEME_QUOTES, TOP_THEMES
from agenda.sections._shared import direction, leader_finding, storyteller
from agenda.signal import GUEST, CustomerSignal, month_name
from agenda.status import status
from agenda.text import say
from agenda.validate import MonthData

# --- quotes and stories ---------------------------------------------------------------------


def _attribution(*parts: str | None) -> str:
    return " · ".join(p for p in parts if p)


def tone(score: int | None) -> Tone:
    """Praise (9–10), complaint (0–6) or neutral, from a verbatim's score."""
    if score is None:
        return "neutral"
    return "praise" if score >= 9 else "complaint" if score <= 6 else "neutral"


def quote(v: schema.Verbatim) -> Quote:
    """A verbatim as a quote, attributed by channel and segment, never by name; one picked
    from the survey's comments says so."""
    scored = f"scored {v.score}" if v.score is not None else None
    who = GUEST if v.guest else None
    picked = say("customer.picked_mark") if isinstance(v, schema.SurveyVerbatim) else None
    return Quote(v.text, _attribution(who, v.channel, v.segment, scored, picked), tone(v.score))


def balanced(verbatims: Sequence[schema.Verbatim], limit: int = 4) -> list[schema.Verbatim]:
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
        Narrative(
            n.title,
            storyteller(n),
            n.story,
            _attribution(n.channel, n.segment),
            ", ".join(n.tags) or None,
        )
        for n in customer.narratives
    ]
    verbatims = list(signal.verbatims)  # typed first, then those picked from the survey
    quoted = balanced(verbatims)
    blocks += [quote(v) for v in quoted]
    invited: list[str] = []
    if customer.frontline_invite is not None:
        guest = customer.frontline_invite
        line = say("customer.frontline_guest", name=guest.name, role=guest.role, topic=guest.topic)
        blocks.append(Bullets(say("customer.frontline_heading"), (line,)))
        invited.append(say("customer.frontline_question", name=guest.name))
    blocks += _scores(customer, signal)
    blocks += _charts(signal)
    blocks += _left_out_of_trends(signal)
    if month.answers is not None and (month.answers.by_segment or month.answers.by_channel):
        blocks.append(_breakdown(month))
    theme_blocks, questions = _themes(customer, signal, month)
    questions = [*invited, *questions]
    blocks += theme_blocks
    blocks += _verbatims(verbatims, quoted)
    blocks += _complaints(customer, signal)
    return tuple(blocks), tuple(questions)


def _scores(customer: schema.Customer, signal: CustomerSignal) -> list[Block]:
    nps = signal.nps
    prev_label = month_label(signal.previous.period) if signal.previous else ""
    change = signal.nps_change  # for the margin note, to one decimal
    shown = signal.nps_change_shown  # as the reader can check it from the two scores
    figures: list[Figure] = []
    notes: list[str] = []
    blocks: list[Block] = []
    if nps.score is None:
        detail = say("customer.nps_no_answers_detail")
        figures.append(Figure("Net Promoter Score", "No answers", detail))
    else:
        # the target sits on the card whenever it is set; it is judged (a status) only under
        # target framing: neutral framing states the number, never good or bad
        judged = None
        target = signed(signal.target) if signal.target is not None else None
        if signal.framing == "target" and signal.target is not None:
            judged = status(signal.target, nps.score)
        detail = say(
            "customer.nps_figure_detail",
            n=f"{nps.n:,}",
            change=signed(shown) if shown is not None else None,
            since=month_name(signal.previous.period, signal.period) if signal.previous else "",
            margin=margin_shown(nps.margin) if nps.margin is not None else None,
            noise=signal.change_is_noise if signal.change_margin is not None else None,
            target=target,
        )
        figures.append(Figure("Net Promoter Score", signed(nps.score), detail, judged))
        margin = nps.margin or 0.0
        notes.append(
            say(
                "customer.nps_margin_note",
                score=signed(nps.score, 1),
                n=nps.n,
                margin=number(margin, 1),
                low=signed(nps.score - margin, 1),
                high=signed(nps.score + margin, 1),
            )
        )
        if change is not None and signal.change_margin is not None:
            notes.append(
                say(
                    "customer.nps_change_margin_note",
                    since=prev_label,
                    change=signed(change, 1),
                    margin=number(signal.change_margin, 1),
                )
            )
    for label, score in (
        ("Customer satisfaction", customer.csat),
        ("Customer effort", customer.effort),
    ):
        if score is not None:
            value = number(score.score) + (f" / {number(score.scale)}" if score.scale else "")
            detail = (
                say(
                    "customer.change_since",
                    change=signed(score.score - score.previous, 1),
                    since=month_name(signal.last_month, signal.period),
                )
                if score.previous is not None
                else ""
            )
            figures.append(Figure(label, value, detail))
    if customer.complaints is not None:
        c = customer.complaints
        previous = signal.complaints_previous
        detail = (
            say(
                "customer.change_since",
                change=signed(c.total - previous),
                since=month_name(compared, signal.period)
                if (compared := signal.complaints_compared_period)
                else signal.complaints_since,
            )
            if previous is not None
            else ""
        )
        figures.append(Figure("Complaints", f"{c.total:,}", detail))
    blocks.append(
        Figures(
            say("customer.scores_heading"),
            tuple(figures),
            tuple(notes),
            finding=_nps_finding(signal),
        )
    )
    if nps.score is not None:
        blocks.append(
            Note(
                say(
                    "customer.nps_headline",
                    n=f"{nps.n:,}",
                    promoters=round(nps.share("promoters")),
                    passives=round(nps.share("passives")),
                    detractors=round(nps.share("detractors")),
                    score=signed(nps.score),
                    change=signed(shown) if shown is not None else None,
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
            blocks.append(Note(say("customer.nps_small_sample", n=nps.n, low_n=LOW_N), "caution"))
        if signal.change_is_noise:
            assert change is not None and signal.change_margin is not None
            blocks.append(
                Note(
                    say(
                        "customer.nps_change_is_noise",
                        change=signed(shown if shown is not None else change),
                        margin=number(round(signal.change_margin)),
                    ),
                    "caution",
                )
            )
    return blocks


def _nps_finding(signal: CustomerSignal) -> str:
    """The score, and its change beside the change's margin of error; the target only under
    target framing."""
    nps = signal.nps
    if nps.score is None:
        return say("customer.nps_finding_no_answers")
    change = signal.nps_change_shown
    target = signal.target if signal.framing == "target" else None
    since = None
    if change is not None and signal.previous is not None:
        since = month_name(signal.previous.period, signal.period)
    return say(
        "customer.nps_finding",
        score=signed(nps.score),
        answers=f"{nps.n:,}",
        one=nps.n == 1,
        target=signed(target) if target is not None else None,
        direction=direction(change) if since is not None and change is not None else None,
        change=number(abs(change)) if change is not None else None,
        since=since,
        noise=signal.change_is_noise,
    )


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
            series.append(
                Series("Target", tuple(float(signal.target) for _ in months), target=True)
            )
        points = [
            f"{month_label(p)} {signed(v) if v is not None else 'no data'}"
            for (p, _), v in zip(months, scores, strict=True)
        ]
        gaps = [month_label(p) for (p, _), v in zip(months, scores, strict=True) if v is None]
        target = signed(signal.target) if signal.target is not None else None
        scored = [(p, v) for (p, _), v in zip(months, scores, strict=True) if v is not None]
        (first_month, first), (last_month, last) = scored[0], scored[-1]
        charts.append(
            Chart(
                say("customer.nps_trend_title", months=len(months)),
                "trend",
                categories,
                tuple(series),
                say("customer.nps_trend_alt", points=points, target=target),
                number_format='+0;"−"0;0',
                caption=say("customer.nps_trend_gaps", months=gaps) if gaps else "",
                finding=say(
                    "customer.nps_trend_finding",
                    direction=direction(round(last) - round(first)),
                    first=signed(first),
                    last=signed(last),
                    months=len(month_range(first_month, last_month)),
                ),
            )
        )
    shares: dict[str, list[float | None]] = {"Promoters": [], "Passives": [], "Detractors": []}
    for _, s in months:
        result = s.nps if s and s.nps and s.nps.n else None
        for key, attr in (
            ("Promoters", "promoters"),
            ("Passives", "passives"),
            ("Detractors", "detractors"),
        ):
            shares[key].append(round(result.share(attr), 1) if result else None)
    if signal.nps.n:
        now = {k: round(signal.nps.share(k)) for k in ("promoters", "passives", "detractors")}
        then = signal.previous_nps if signal.previous_nps and signal.previous_nps.n else None
        charts.append(
            Chart(
                say("customer.nps_shares_title"),
                "share",
                categories,
                tuple(Series(k, tuple(v)) for k, v in shares.items()),
                say("customer.nps_shares_alt", **now),
                number_format='0"%"',
                finding=say(
                    "customer.nps_shares_finding",
                    **now,
                    since=(
                        month_name(signal.previous.period, signal.period)
                        if then is not None and signal.previous is not None
                        else None
                    ),
                    promoters_then=round(then.share("promoters")) if then else None,
                    detractors_then=round(then.share("detractors")) if then else None,
                ),
            )
        )
    return charts


def _left_out_of_trends(signal: CustomerSignal) -> list[Block]:
    """Say in the pack itself which earlier months the trends lack, and why."""
    missing = [s for s in signal.history if s.left_out]
    if not missing:
        return []
    listed = [
        say("customer.left_out_month", month=month_label(s.period), why=s.left_out)
        for s in missing
        if s.left_out is not None
    ]
    return [Note(say("customer.left_out_of_trends", months=listed), "caution")]


def _breakdown(month: MonthData) -> Table:
    """NPS by segment and channel, each with its margin of error, and marked higher or lower
    than all answers only when the difference is beyond the margin of the difference (the
    two margins combined: a cautious test, since a group is part of the whole). A group of
    fewer than ``LOW_N`` answers gets neither margin nor comparison."""
    answers = month.answers
    assert answers is not None
    whole = from_scores(answers.scores)
    rows = []
    read: list[tuple[str, float]] = []  # groups large enough to read on their own
    small = False  # a group with a score left out of the range for too few answers
    for kind, groups in (("Segment", answers.by_segment), ("Channel", answers.by_channel)):
        for name in sorted(groups):
            result = from_scores(groups[name])
            flag = " (small sample)" if result.low_n else ""
            score = signed(result.score) if result.score is not None else "–"
            margin = f"±{margin_shown(result.margin)}" if result.margin is not None else "–"
            direction = ""
            if result.low_n and result.score is not None:
                # a margin from so few answers is not precision (two zeros have no variance):
                # neither it nor a comparison is given
                rows.append(
                    (kind, name + flag, f"{result.n:,}", score, "–", say("customer.too_few"))
                )
                small = True
                continue
            if (
                result.score is not None
                and whole.score is not None
                and result.margin is not None
                and whole.margin is not None
                and abs(result.score - whole.score) > math.hypot(result.margin, whole.margin)
            ):
                direction = "higher" if result.score > whole.score else "lower"
            against = say("customer.breakdown_against", direction=direction) or "–"
            rows.append((kind, name + flag, f"{result.n:,}", score, margin, against))
            if result.score is not None and not result.low_n:
                read.append((name, result.score))
            small = small or (result.score is not None and result.low_n)
    finding = ""
    if len(read) >= 2:
        low = min(read, key=lambda g: g[1])
        high = max(read, key=lambda g: g[1])
        if round(low[1]) != round(high[1]):
            finding = say(
                "customer.breakdown_finding",
                low=signed(low[1]),
                low_name=low[0],
                high=signed(high[1]),
                high_name=high[0],
                low_n=LOW_N if small else None,
            )
    return Table(
        say("customer.breakdown_title"),
        ("Group", "Name", "Answers", "NPS", "Margin", "Against all"),
        tuple(rows),
        numeric_columns=(2, 3, 4),
        caption=say("customer.breakdown_caption", low_n=LOW_N),
        finding=finding,
    )


def _themes(
    customer: schema.Customer, signal: CustomerSignal, month: MonthData
) -> tuple[list[Block], list[str]]:
    if not signal.themes:
        return [], []
    ranked = signal.ranked_themes()
    since = signal.themes_since
    rows = []
    for rank, theme in enumerate(ranked, 1):
        previous = signal.theme_previous(theme)
        change = signed(theme.mentions - previous) if previous is not None else "new"
        if signal.theme_not_comparable(theme) is not None:
            change = say("customer.theme_change_not_comparable")  # counted another way then
        elif since != "last month" and theme.previous is not None:
            change += " (since last month)"  # its own `previous`, beside older months' files
        rows.append((str(rank), theme.name, f"{theme.mentions:,}", change))
    apart: dict[str, list[str]] = {}  # why not comparable → the themes it holds for
    for theme in ranked:
        if (why := signal.not_comparable_said(theme)) is not None:
            apart.setdefault(why, []).append(theme.name)
    notes = [say("customer.themes_not_comparable", names=n, why=w) for w, n in apart.items()]
    if len(ranked) > TOP_THEMES and ranked[TOP_THEMES].mentions == ranked[TOP_THEMES - 1].mentions:
        cut = ranked[TOP_THEMES - 1].mentions  # a tie across the top's edge: ranked by name
        tied = [t.name for t in ranked if t.mentions == cut]
        notes.append(
            say(
                "customer.themes_tie",
                names=tied,
                mentions=f"{cut:,}",
                leading=[t.name for t in ranked[:TOP_THEMES] if t.mentions == cut],
            )
        )
    if signal.ranking_mixed:
        notes.append(
            say(
                "customer.themes_mixed",
                typed=[t.name for t in ranked if not t.counted],
                counted=[t.name for t in ranked if t.counted],
            )
        )
    blocks: list[Block] = on_slides(
        Table(
            THEMES_TITLE,
            (
                "#",
                "Theme",
                "Mentions",
                _change_header(since),
            ),
            tuple(rows),
            numeric_columns=(0, 2, 3),
            caption=" ".join(
                filter(None, (say("customer.themes_caption"), _unmatched(month), *notes))
            ),
            finding=leader_finding(
                "customer.themes_finding",
                [
                    (t.name, t.mentions, signal.theme_previous(t), signal.theme_compared_period(t))
                    for t in ranked
                ],
                signal.period,
                not_comparable=signal.not_comparable_said(ranked[0]),
                mixed=signal.ranking_mixed,
            ),
        ),
        tuple(rows[:DECK_THEMES]),
    )
    # each top theme's card, with what customers said about it, follows this table (composed
    # in agenda/theme_cards.py, which joins what other sections know about the theme)
    question = say(
        "customer.themes_question",
        first=in_sentence(ranked[0].name),
        second=in_sentence(ranked[1].name) if len(ranked) > 1 else None,
    )
    return blocks, [question]


def _unmatched(month: MonthData) -> str:
    """The share of comments that matched no theme, when themes were counted from them."""
    a = month.answers
    if a is None or not a.commented or not any(t.counted for t in month.themes):
        return ""
    share = round(100 * a.unmatched / a.commented)
    return say("customer.themes_unmatched", share=share, commented=f"{a.commented:,}")


def _verbatims(
    verbatims: Sequence[schema.Verbatim], quoted: Sequence[schema.Verbatim] = ()
) -> list[Block]:
    """Every verbatim by channel in the Word pack; on slides, ``DECK_VERBATIMS`` of them chosen
    by ``deck_sample`` (``quoted``: those the quote slides show already). Those picked from the
    survey's comments are marked."""
    if not verbatims:
        return []
    by_channel: dict[str, list[int]] = defaultdict(list)
    for n, v in enumerate(verbatims):
        by_channel[v.channel].append(n)
    order = [n for channel in sorted(by_channel) for n in by_channel[channel]]  # the table's
    tones = [tone(v.score) for v in verbatims]

    mark = say("customer.picked_mark")

    def row(v: schema.Verbatim) -> tuple[str, ...]:
        score = str(v.score) if v.score is not None else "–"
        who = GUEST if v.guest else (v.segment or "–")
        text = f"{v.text} ({mark})" if isinstance(v, schema.SurveyVerbatim) else v.text
        return (v.channel, text, score, who)

    picked = {n for n, v in enumerate(verbatims) if isinstance(v, schema.SurveyVerbatim)}
    rows = [row(verbatims[n]) for n in order]
    sample = set(deck_sample(verbatims, DECK_VERBATIMS, quoted))
    blocks = on_slides(
        Table(
            VERBATIMS_TITLE,
            ("Channel", say("customer.verbatims_said_header"), "Score", "Segment"),
            tuple(rows),
            numeric_columns=(2,),
            finding=say(
                "customer.verbatims_finding",
                count=len(tones),
                complaints=tones.count("complaint"),
                praise=tones.count("praise"),
            ),
        ),
        tuple(row(verbatims[n]) for n in order if n in sample),
    )
    marked = {True: len(picked), False: len(picked & sample)}  # the Word pack's, the deck's
    out: list[Block] = []
    for block in blocks:
        assert isinstance(block, Table)
        count = marked[block.word]
        said = (
            say("customer.verbatims_picked_caption", count=count, quotes=THEME_QUOTES)
            if count
            else ""
        )
        out.append(replace(block, caption=" ".join(filter(None, (said, block.caption)))))
    return out


def deck_sample(
    verbatims: Sequence[schema.Verbatim], limit: int, quoted: Sequence[schema.Verbatim] = ()
) -> list[int]:
    """Which verbatims (their places in ``verbatims``) a slide shows when there are more than
    ``limit``; all of them otherwise.

    The slide is a sample of the month, under a title that describes every verbatim ("20
    verbatims: 12 from detractors, 5 from promoters"), so it should read like the month:
    complaints, praise and the rest get seats in proportion to how many the month has (largest
    remainder, a tie going to the kind with fewer seats), and each kind the month has gets at
    least one, so the room hears both sides even in a month of nearly all complaints. Within a
    kind, verbatims the quote slides do not show already (``quoted``) come first, so the table
    adds voices rather than repeating the quotes; then the order of the file. The chosen are
    shown in the table's own order."""
    if len(verbatims) <= limit:
        return list(range(len(verbatims)))
    shown = {id(v) for v in quoted}
    kinds: dict[Tone, list[int]] = {"complaint": [], "praise": [], "neutral": []}
    for n, v in enumerate(verbatims):
        kinds[tone(v.score)].append(n)
    present = [k for k in kinds if kinds[k]]
    exact = {k: limit * len(kinds[k]) / len(verbatims) for k in present}
    seats = {k: int(exact[k]) for k in present}
    # the largest remainders first; on a tie, the kind with fewer seats (both sides heard)
    by_remainder = sorted(present, key=lambda k: (exact[k] - seats[k], -seats[k]), reverse=True)
    for k in by_remainder[: limit - sum(seats.values())]:
        seats[k] += 1
    for k in present:  # every kind heard: the kind with the most seats gives one up
        if seats[k] == 0:
            seats[max(present, key=lambda d: seats[d])] -= 1
            seats[k] = 1
    chosen: list[int] = []
    for k in present:
        fresh = [n for n in kinds[k] if id(verbatims[n]) not in shown]
        again = [n for n in kinds[k] if id(verbatims[n]) in shown]
        chosen += (fresh + again)[: seats[k]]
    return sorted(chosen)


def on_slides(table: Table, rows: tuple[tuple[str, ...], ...]) -> list[Block]:
    """``table`` for both packs when the deck shows all of it; else whole for the Word pack
    only and, for the deck only, with just ``rows`` and a caption saying how many more the Word
    pack has. Never both copies when nothing is cut, so no list is counted twice."""
    if len(rows) == len(table.rows):
        return [table]
    more = say("customer.more_in_word_pack", count=len(table.rows) - len(rows))
    return [
        replace(table, deck=False),
        replace(table, rows=rows, caption=f"{table.caption} {more}".strip(), word=False),
    ]


#: The titles of the blocks whose findings the summary may quote (agenda/summary.py).
THEMES_TITLE = "Top improvement themes"
VERBATIMS_TITLE = "Verbatims by channel"
COMPLAINTS_TITLE = "Complaints by reason"

#: The row for complaints counted in the total but given no reason.
UNCATEGORISED = "Uncategorised"


def _as_named(earlier: dict[str, int], now: dict[str, int]) -> dict[str, int]:
    """An earlier month's reasons under this month's spelling, matched as themes are (without
    case, accents or extra spaces: "Late running" then is "Late Running" now); one reason
    typed two ways in that month is added up."""
    named = {theme_key(reason): reason for reason in now}
    named.setdefault(theme_key(UNCATEGORISED), UNCATEGORISED)
    out: dict[str, int] = {}
    for reason, count in earlier.items():
        shown = named.setdefault(theme_key(reason), reason)
        out[shown] = out.get(shown, 0) + count
    return out


def _complaints(customer: schema.Customer, signal: CustomerSignal) -> list[Block]:
    """Complaints by reason: shares of the whole total (the rest is "Uncategorised"), each
    reason beside the month the caption compares with, a reason gone since then shown as 0."""
    if customer.complaints is None or not customer.complaints.reasons:
        return []
    c = customer.complaints
    compared = signal.complaints_compared
    now = {reason: count for reason, count in c.reasons.items()}
    before = _as_named(compared.reasons, now) if compared is not None else {}
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
        # a reason not given in the month compared is new (as a theme is); "–" with no month
        change = signed(count - before[reason]) if reason in before else "new" if before else "–"
        share = round(100 * count / c.total) if c.total else 0
        rows.append((reason, f"{count:,}", f"{share}%", change))
    previous_total = signal.complaints_previous
    caption = say(
        "customer.complaints_caption",
        total=f"{c.total:,}",
        previous=f"{previous_total:,}" if previous_total is not None else None,
        since_month=None if since == "last month" else since,
        rest=f"{rest_now:,}" if rest_now else None,
        uncategorised=UNCATEGORISED,
    )
    named = [(r, n) for r, n in ordered if r != UNCATEGORISED]
    leaders = sorted(named, key=lambda kv: (-kv[1], kv[0]))
    reasons_finding = leader_finding(
        "customer.complaints_finding",
        [
            (r, n, before.get(r), compared.period if compared is not None else None)
            for r, n in leaders
        ],
        signal.period,
    )
    top = leaders[0][1] if leaders else 0
    if rest_now > top:  # more have no reason than the top reason has: say that first
        reasons_finding = say(
            "customer.complaints_unreasoned_finding",
            rest=f"{rest_now:,}",
            total=f"{c.total:,}",
            most=2 * rest_now > c.total,
            names=[r for r, n in leaders if n == top] if top else [],
            count=f"{top:,}",
        )
    compared_period = signal.complaints_compared_period
    total_finding = say(
        "customer.complaints_total_finding",
        total=f"{c.total:,}",
        one=c.total == 1,
        direction=(
            direction(c.total - previous_total)
            if previous_total is not None and compared_period is not None
            else None
        ),
        change=number(abs(c.total - previous_total)) if previous_total is not None else None,
        since=month_name(compared_period, signal.period) if compared_period else None,
    )
    blocks: list[Block] = []
    series = [Series(month_label(signal.period), tuple(float(n) for _, n in ordered))]
    if before:
        assert compared is not None
        series.append(
            Series(
                month_label(compared.period),
                tuple(float(before[r]) if r in before else None for r, _ in ordered),
            )
        )
    chart = Chart(
        COMPLAINTS_TITLE,
        "bars",
        tuple(r for r, _ in ordered),
        tuple(series),
        say("customer.complaints_alt", reasons=[f"{r} {n}" for r, n in ordered]),
        number_format="#,##0",
        caption=caption,
        finding=reasons_finding,
    )
    blocks += capped_chart(chart, DECK_REASONS)
    blocks.append(
        Table(
            say("customer.complaints_table_title"),
            (
                "Reason",
                "Complaints",
                "Share",
                _change_header(since),
            ),
            tuple(rows),
            numeric_columns=(1, 2, 3),
            caption=caption,
            finding=total_finding,
            deck=False,  # the chart above shows the same figures
        )
    )
    return blocks


def margin_shown(margin: float) -> str:
    """A margin of error as a card shows it: whole points rounded half up, one decimal below
    one point (never "±0" for a margin of 0.5)."""
    if margin < 1:
        return number(max(margin, 0.1), 1)
    return number(float(int(margin + 0.5)))


def capped_chart(chart: Chart, limit: int) -> list[Block]:
    """The complaints chart for both packs when it has at most ``limit`` bars; else, in both
    packs, its ``limit - 1`` largest bars (this month's counts) and one "Other" bar last that
    adds up the rest, series by series (the Word pack's table beneath lists every reason).

    Uncategorised (complaints with no reason) keeps its own bar whenever it is among the
    largest, so "Other" never hides it; when it is summed, the caption names it. A reason the
    month calls "Other" itself is a reason like any other (the finding may name it: "Other is
    the top complaint reason: 200"), so the summed bar is then called "All other reasons"; only
    a reason of that name too is summed into it. A month with no figure for a summed reason
    adds nothing for it; a series with no figure for any summed reason has a gap, never a zero.
    The bars keep the Word pack's order (largest first, Uncategorised after the named
    reasons)."""
    if len(chart.categories) <= limit:
        return [chart]
    other = say("customer.complaints_other_bar")
    if any(r.strip().casefold() == other.casefold() for r in chart.categories):
        other = say("customer.complaints_all_other_bar")  # the month has its own "Other"
    now = chart.series[0].values
    own = [n for n, r in enumerate(chart.categories) if r.strip().casefold() == other.casefold()]
    candidates = [n for n in range(len(chart.categories)) if n not in own]
    largest = sorted(candidates, key=lambda n: (-(now[n] or 0), n))[: limit - 1]
    kept = sorted(largest)
    summed = [n for n in range(len(chart.categories)) if n not in kept]

    def total(values: tuple[float | None, ...]) -> float | None:
        known = [values[n] for n in summed if values[n] is not None]
        return float(sum(v for v in known if v is not None)) if known else None

    series = tuple(
        replace(s, values=(*(s.values[n] for n in kept), total(s.values))) for s in chart.series
    )
    categories = (*(chart.categories[n] for n in kept), other)
    in_other = total(now) or 0.0
    names = {chart.categories[n] for n in summed}

    def caption(where: str) -> str:
        return say(
            "customer.complaints_other_caption",
            other=other,
            more=len(summed) - len(own) - (UNCATEGORISED in names),
            own_other=bool(own),
            uncategorised=UNCATEGORISED if UNCATEGORISED in names else None,
            complaints=f"{in_other:,.0f}",
            one=in_other == 1,
            where=where,
        )

    shown = zip(categories, series[0].values, strict=True)
    capped = replace(
        chart,
        categories=categories,
        series=series,
        alt_text=say(
            "customer.complaints_alt", reasons=[f"{r} {number(v or 0)}" for r, v in shown]
        ),
    )
    # the same bars in both packs (a chart of every reason is unreadable); each says where
    # every reason is: the table beneath it in the Word pack, the Word pack on a slide
    return [
        replace(capped, caption=f"{chart.caption} {caption('table')}".strip(), deck=False),
        replace(capped, caption=f"{chart.caption} {caption('pack')}".strip(), word=False),
    ]


def _change_header(since: str) -> str:
    """The change column's header: "Change" against last month, else since which month."""
    return "Change" if since == "last month" else f"Change since {since}"
