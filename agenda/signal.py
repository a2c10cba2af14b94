"""This month's customer signal beside earlier months, computed once for the whole pack.

Every section reads it (the Customer section to show it; Operations, Sales and the rules to ask,
for example, whether green SLAs sit beside a worsening customer signal), so it lives apart
from any one section.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from agenda.errors import Problem
from agenda.formatting import month_label, number, plural
from agenda.history import MonthSignal, month_range, months_before, window_start
from agenda.keywords import CountedTheme, ranked, theme_key
from agenda.nps import Nps, from_scores, signed
from agenda.order import TOP_THEMES
from agenda.protect import PERSON
from agenda.text import say
from agenda.validate import MonthData

#: A protected guest where a name would stand, as protect writes it into free text.
GUEST = PERSON[0].upper() + PERSON[1:]


def month_name(period: str, now: str) -> str:
    """An earlier month as a finding names it: "October" in the same year as ``now``, else
    "December 2025"."""
    label = month_label(period)
    return label.split()[0] if period[:4] == now[:4] else label


def _percent_rise(before: int, now: int) -> str | None:
    """A rise as a percentage a reader can trust: whole percent, one decimal below 1%, and
    None (say the counts instead) when there is no base or it would read as 0%."""
    if not before:
        return None
    rise = 100 * (now - before) / before
    if round(rise) >= 1:
        return number(round(rise))
    return number(rise, 1) if round(rise, 1) > 0 else None


@dataclass(frozen=True)
class Worse:
    """One way the customer signal is poor or getting worse: the phrase a caution joins into
    its sentence, and the same point short enough for a finding ("complaints rose 19%")."""

    kind: Literal["nps_below_target", "nps_fell", "complaints_rose", "theme_grew"]
    phrase: str
    short: str


class CustomerSignal:
    """This month's customer signal beside earlier months, computed once for every section."""

    def __init__(
        self, month: MonthData, history: Sequence[MonthSignal], framing: str | None = None
    ) -> None:
        nps_in = month.customer.nps
        if nps_in.counts is not None:
            c = nps_in.counts
            self.nps = Nps(c.promoters, c.passives, c.detractors)
        else:
            assert month.answers is not None
            self.nps = from_scores(month.answers.scores)
        self.period = month.meeting.period
        self.last_month = months_before(self.period, 1)  #: the month before this one
        self.target = nps_in.target
        self.framing = framing or month.meeting.nps_framing
        self.warnings: list[Problem] = []
        if self.framing == "target" and self.target is None:
            self.warnings.append(
                month.problem(
                    "customer",
                    ("nps",),
                    "nps_framing is 'target' but customer.yaml gives no nps.target: "
                    "NPS is shown neutrally",
                )
            )
            self.framing = "neutral"
        answers = month.answers
        if answers is not None and answers.outside:
            span = answers.outside_span
            self.warnings.append(
                Problem(
                    answers.path,
                    f"{plural(answers.outside, 'survey answer')} "
                    f"{'is' if answers.outside == 1 else 'are'} dated outside "
                    f"{month_label(self.period)} ({span}): not counted in this month's NPS, "
                    "themes or quotes (the appendix says so); check the export's dates",
                )
            )
        self.history = history
        with_signal = [s for s in history if s.nps or s.complaints is not None or s.themes]
        self.previous = with_signal[-1] if with_signal else None
        self.previous_nps = self.previous.nps if self.previous else None
        customer = month.customer
        self.complaints = customer.complaints.total if customer.complaints else None
        self._complaints_previous = customer.complaints.previous if customer.complaints else None
        self.themes = tuple(month.themes)
        #: typed verbatims, then those picked from the survey's comments
        self.verbatims = (*customer.verbatims, *(v for v, _ in month.picked))
        self._warn_previous_complaints(month)

    def _warn_previous_complaints(self, month: MonthData) -> None:
        """A stated ``complaints.previous`` that last month's own file contradicts: warned,
        located at ``previous``; the file's figure is used throughout, since the reasons the
        table and chart compare with come from that file."""
        stated, on_file = self._complaints_previous, self._last_month_file
        if stated is None or on_file is None or on_file.complaints == stated:
            return
        self.warnings.append(
            month.problem(
                "customer",
                ("complaints", "previous"),
                f"complaints.previous is {stated:,} but {on_file.period}/customer.yaml gives "
                f"{on_file.complaints:,} complaints for {month_label(on_file.period)}: the pack "
                f"uses {on_file.complaints:,} from that file (its reasons are compared too)",
            )
        )

    @property
    def _last_month_file(self) -> MonthSignal | None:
        """Last month's own file, when it gives complaints."""
        return next(
            (s for s in self.history if s.period == self.last_month and s.complaints is not None),
            None,
        )

    @property
    def nps_change(self) -> float | None:
        """Change in NPS points since the previous month with a score."""
        if self.nps.score is None or self.previous_nps is None or self.previous_nps.score is None:
            return None
        return self.nps.score - self.previous_nps.score

    @property
    def nps_change_shown(self) -> int | None:
        """The change as a reader can check it: the difference of the two scores as the pack
        shows them (whole points), so "up 1" never stands beside "+4" and "+4"."""
        if self.nps.score is None or self.previous_nps is None or self.previous_nps.score is None:
            return None
        return round(self.nps.score) - round(self.previous_nps.score)

    @property
    def change_margin(self) -> float | None:
        """95% margin of error of the month-on-month change (both months' errors combined)."""
        if self.nps.margin is None or self.previous_nps is None or self.previous_nps.margin is None:
            return None
        return math.hypot(self.nps.margin, self.previous_nps.margin)

    @property
    def change_is_noise(self) -> bool:
        """True when the change is within its margin of error."""
        change, margin = self.nps_change, self.change_margin
        return change is not None and margin is not None and abs(change) <= margin

    @property
    def worsening(self) -> list[str]:
        """Plain statements of how the customer signal is poor or getting worse."""
        return [w.phrase for w in self.worsened]

    @property
    def worsened(self) -> list[Worse]:
        """How the customer signal is poor or getting worse, each with its short form."""
        found = []
        score = self.nps.score
        if score is not None and self.target is not None and score < self.target:
            values = {"score": signed(score), "target": signed(self.target)}
            found.append(
                Worse(
                    "nps_below_target",
                    say("customer.worse_nps_below_target", **values),
                    say("customer.worse_nps_below_target_short", **values),
                )
            )
        shown = self.nps_change_shown
        if shown is not None and shown < 0 and not self.change_is_noise:
            points = number(abs(shown))
            since = month_name(self.previous.period, self.period) if self.previous else None
            found.append(
                Worse(
                    "nps_fell",
                    say("customer.worse_nps_fell", points=points, since=since),
                    say("customer.worse_nps_fell_short", points=points),
                )
            )
        before = self.complaints_previous
        if before is not None and self.complaints is not None and self.complaints > before:
            rise = _percent_rise(before, self.complaints)
            found.append(
                Worse(
                    "complaints_rose",
                    say(
                        "customer.worse_complaints_rose",
                        before=f"{before:,}",
                        now=f"{self.complaints:,}",
                    ),
                    say(
                        "customer.worse_complaints_rose_short",
                        percent=rise,
                        before=f"{before:,}",
                        now=f"{self.complaints:,}",
                    ),
                )
            )
        for name, now, then in self.growing_themes(top=TOP_THEMES):
            grew = _percent_rise(then, now)
            found.append(
                Worse(
                    "theme_grew",
                    say("customer.worse_theme_grew", theme=name, before=then, now=now),
                    say(
                        "customer.worse_theme_grew_short",
                        theme=name,
                        before=then,
                        now=now,
                        percent=grew,
                    ),
                )
            )
        return found

    @property
    def complaints_compared(self) -> MonthSignal | None:
        """The earlier month on file that complaints (and their reasons) are compared with.

        With customer.yaml's ``complaints.previous`` that is the month before this one (what
        "previous" means), so its reasons are never taken from another month; otherwise the
        latest earlier month with complaints.
        """
        if self._complaints_previous is not None:
            return self._last_month_file
        return next((s for s in reversed(self.history) if s.complaints is not None), None)

    @property
    def complaints_previous(self) -> int | None:
        """Last month's complaints: last month's own file when it gives them (a stated
        ``previous`` that differs is warned), else customer.yaml's ``previous``, else the latest
        earlier month's file."""
        compared = self.complaints_compared
        if compared is not None:
            return compared.complaints
        return self._complaints_previous

    @property
    def complaints_compared_period(self) -> str | None:
        """The month (YYYY-MM) complaints are compared with, or None when there is none: last
        month when customer.yaml gives ``previous``, else the earlier file's month."""
        if self.complaints_previous is None:
            return None
        compared = self.complaints_compared
        if self._complaints_previous is not None or compared is None:
            return self.last_month
        return compared.period

    @property
    def complaints_since(self) -> str:
        """What complaints are compared with, in words: "last month", or the month by name when
        the latest earlier month with complaints is not the one before this one."""
        period = self.complaints_compared_period
        if period is None or period == self.last_month:
            return "last month"
        return month_label(period)

    @property
    def themes_compared(self) -> MonthSignal | None:
        """The latest earlier month on file with themes: what themes are compared with (a later
        month with NPS or complaints but no themes says nothing about them)."""
        return next((s for s in reversed(self.history) if s.themes), None)

    def _theme_in_file(self, theme: CountedTheme) -> tuple[int, bool] | None:
        """A theme's mentions in the compared month's file, its name matched as themes are,
        and whether that month counted them from its comments (else they were typed)."""
        earlier = self.themes_compared
        if earlier is None:
            return None
        wanted = theme_key(theme.name)
        found = [name for name in earlier.themes if theme_key(name) == wanted]
        if not found:
            return None
        return sum(earlier.themes[n] for n in found), any(n in earlier.counted for n in found)

    def _theme_on_file(self, theme: CountedTheme) -> int | None:
        """A theme's mentions in the compared month's file, when counted the way they are
        this month (typed both times, or counted from comments both times)."""
        found = self._theme_in_file(theme)
        if found is None or found[1] != theme.counted:
            return None
        return found[0]

    def theme_not_comparable(self, theme: CountedTheme) -> str | None:
        """The earlier month (YYYY-MM) a theme's mentions cannot be compared with, because they
        were counted another way there (typed by hand, or counted from comments), or None.

        A typed figure and a keyword count measure different things: their difference is not
        a change. A theme's own ``previous`` is the reader's stated figure and wins, as always.
        """
        if theme.previous is not None:
            return None
        found = self._theme_in_file(theme)
        if found is None or found[1] == theme.counted:
            return None
        assert self.themes_compared is not None
        return self.themes_compared.period

    def theme_previous(self, theme: CountedTheme) -> int | None:
        """A theme's mentions last month: its own ``previous``, else the earlier month's file
        (None when that file counted them another way: see ``theme_not_comparable``)."""
        if theme.previous is not None:
            return theme.previous
        return self._theme_on_file(theme)

    def theme_compared_period(self, theme: CountedTheme) -> str | None:
        """The month (YYYY-MM) a theme's mentions are compared with, or None when there is
        none: last month for its own ``previous``, else the earlier file's month."""
        if theme.previous is not None:
            return self.last_month
        if self._theme_on_file(theme) is not None:
            assert self.themes_compared is not None
            return self.themes_compared.period
        return None

    def not_comparable_said(self, theme: CountedTheme) -> str | None:
        """Why a theme's change is not given, in words ("not comparable with October: counted
        by hand then, from comments now"), or None when it is comparable or new."""
        period = self.theme_not_comparable(theme)
        if period is None:
            return None
        return say(
            "customer.theme_not_comparable",
            since=month_name(period, self.period),
            counted_now=theme.counted,
        )

    @property
    def ranking_mixed(self) -> bool:
        """Whether this month's themes were counted two ways: some typed, some from comments."""
        return len({t.counted for t in self.themes}) > 1

    @property
    def themes_since(self) -> str:
        """What theme mentions are compared with, in words: "last month", or the earlier
        month by name when a theme's change comes from a file older than last month."""
        earlier = self.themes_compared
        if earlier is None or earlier.period == self.last_month:
            return "last month"
        if any(t.previous is None and self._theme_on_file(t) is not None for t in self.themes):
            return month_label(earlier.period)
        return "last month"

    def ranked_themes(self) -> list[CountedTheme]:
        """Themes by mentions (most first), ties by name."""
        return ranked(self.themes)

    def growing_themes(self, *, top: int | None = None) -> list[tuple[str, int, int]]:
        """(name, now, last month) for themes mentioned more than last month, among the top N."""
        ranked = self.ranked_themes()[:top] if top else self.ranked_themes()
        grown = []
        for theme in ranked:
            then = self.theme_previous(theme)
            if then is not None and theme.mentions > then:
                grown.append((theme.name, theme.mentions, then))
        return grown

    def trend(self) -> list[tuple[str, MonthSignal | None]]:
        """Months from the oldest remembered (at most 12 back) to now; missing months are None."""
        by_period = {s.period: s for s in self.history}
        oldest = min([*by_period, self.period])
        oldest = max(oldest, window_start(self.period))
        return [(p, by_period.get(p)) for p in month_range(oldest, self.period)]
