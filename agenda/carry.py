"""What ``agenda init`` carries into next month's section files: the structure, with
``TO FILL`` wherever a value must be typed again.

Carried as it was: SLAs (name, target, unit, direction, theme), finance metrics (name, unit,
direction, additive, budget), the currencies, customer themes (name, keywords, owner, next
step), the NPS source settings and target, programmes and events that have not ended,
customer objectives. Each ``previous`` is this month's figure (a theme's the mentions the pack
counted, never a re-count). Typed afresh each month, so ``TO FILL``: actuals, this month's
stories, scores, counts, the pipeline's value, the complaints total and reasons, the survey
export's file name. Optional monthly lists (verbatims, challenges, improvements, commentary...)
are left as commented examples.

Everything here comes from the month as the pipeline loaded it: protected guests already
replaced, personal data masked. It writes YAML for the assistant, never the pack.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

import yaml
from pydantic import BaseModel

from agenda import schema
from agenda.errors import PLACEHOLDER
from agenda.formatting import month_label
from agenda.history import months_before
from agenda.order import SECTION_KEYS
from agenda.validate import MonthData

_HOW = (
    f"# Every {PLACEHOLDER} is this month's to type: agenda validate --todo lists what is left,\n"
    "# file by file (the pack is not built while one is left).\n"
)


class _Dumper(yaml.SafeDumper):
    """Numbers as a person types them: 80 not 80.0; never three decimals alone, which the
    tool refuses for money as ambiguous (1.125 is written 1.1250). Lists indented under
    their key; a list of short words on one line (``keywords: [bill, bills]``)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _prev(month: MonthData, target: str, value: Any) -> dict[str, Any]:
    """``previous`` for a figure of ``month``, when ``target`` is the month right after it: a
    typed ``previous`` is read as last month's, so after a skipped month it is left out and
    the pack compares with the earlier month's file, naming that month."""
    return {"previous": value} if months_before(target, 1) == month.meeting.period else {}


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
    words = all(isinstance(v, str) and len(v) <= 40 for v in value)
    return dumper.represent_sequence(
        "tag:yaml.org,2002:seq", value, flow_style=bool(value) and words
    )


def _float(dumper: yaml.SafeDumper, value: float) -> yaml.Node:
    if value.is_integer():
        return dumper.represent_int(int(value))
    text = repr(value)
    if "e" in text or "E" in text:
        text = f"{value:.10f}".rstrip("0")
    if re.fullmatch(r"-?\d+\.\d{3}", text):
        text += "0"
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


_Dumper.add_representer(float, _float)
_Dumper.add_representer(list, _list)


def number(value: float) -> str:
    """A figure as the files write it: ``9`` not ``9.0``."""
    return dump(value).removesuffix("\n...\n").strip()


def _plain(value: Any) -> Any:
    """Plain Python values (the loader's typed numbers and pydantic's models undone)."""
    if isinstance(value, BaseModel):
        return _plain(value.model_dump(exclude_none=True))
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dt.date):
        return value
    return str(value)


def dump(data: Any) -> str:
    """YAML the way the sample files are written: keys in order, no line longer than 100."""
    return yaml.dump(_plain(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def _listing(key: str, items: Sequence[tuple[dict[str, Any], str]]) -> str:
    """``key:`` and its items, each after its own comment (when it has one)."""
    out = [f"{key}:"]
    for item, comment in items:
        out += [f"  # {line}" for line in comment.splitlines()]
        out += ["  " + line for line in dump([item]).rstrip("\n").splitlines()]
    return "\n".join(out) + "\n"


def _header(stem: str, target: str, source: str, what: str, previous: str = "") -> str:
    """The file's opening comment: what was carried, and what its ``previous`` figures hold
    (a sentence, when it has any), or, after a skipped month, that none is written (``_prev``)."""
    if previous and months_before(target, 1) != source:
        previous = (
            f"Months after {source} were skipped, so no previous is written: the pack "
            f"compares with {source}'s files and names that month."
        )
    return (
        f"# {stem}.yaml for {month_label(target)}, carried from {source} by agenda init:\n"
        f"# {what}\n" + (f"# {previous}\n" if previous else "") + _HOW
    )


# --- customer.yaml ----------------------------------------------------------------------------


def customer(month: MonthData, target: str) -> str:
    """The NPS source and target, this month's story to tell, the themes with last month's
    mentions as ``previous``, and the complaints, CSAT and effort with theirs."""
    c = month.customer
    source = month.meeting.period
    nps: dict[str, Any] = {}
    if c.nps.responses is not None:
        settings = c.nps.responses.model_dump(exclude_defaults=True, exclude_none=True)
        settings.pop("file", None)
        nps["responses"] = {"file": PLACEHOLDER, **settings} if settings else PLACEHOLDER
    elif c.nps.counts is not None:
        nps["counts"] = dict.fromkeys(("promoters", "passives", "detractors"), PLACEHOLDER)
    if c.nps.target is not None:
        nps["target"] = c.nps.target
    story = dict.fromkeys(("title", "customer", "story", "channel"), PLACEHOLDER)
    parts = [
        _header(
            "customer",
            target,
            source,
            "the NPS source and target and the themes as they were.",
            f"Each previous is {month_label(source)}'s figure.",
        ),
        dump({"nps": nps}),
        "\n# At least one story, in the customer's terms (optional: segment, theme or themes,"
        "\n# guest: true for a meeting guest's words, never named under Chatham House).\n",
        dump({"narratives": [story]}),
        "# verbatims:   # this month's, optional\n"
        '#   - {text: "What the customer said", score: 3, channel: Email, theme: ...}\n',
    ]
    themes = []
    counted = {t.name: t for t in month.themes}
    for theme in c.themes:
        found = counted.get(theme.name)
        item: dict[str, Any] = {"name": theme.name}
        if theme.mentions is not None or found is None or not found.counted:
            item["mentions"] = PLACEHOLDER  # typed last month: typed again
        if found is not None:
            item.update(_prev(month, target, found.mentions))
        if theme.keywords:
            item["keywords"] = list(theme.keywords)
        if theme.owner:
            item["owner"] = theme.owner
        if theme.next_step:
            item["next_step"] = theme.next_step
        themes.append(item)
    if themes:
        parts.append(
            "\n# Themes with keywords and no mentions are counted again from this month's export.\n"
        )
        parts.append(dump({"themes": themes}))
    rest: dict[str, Any] = {}
    if c.complaints is not None:
        rest["complaints"] = {
            "total": PLACEHOLDER,
            **_prev(month, target, c.complaints.total),
            **(
                {"reasons": dict.fromkeys(c.complaints.reasons, PLACEHOLDER)}
                if c.complaints.reasons
                else {}
            ),
        }
    for key in ("csat", "effort"):
        score = getattr(c, key)
        if score is not None:
            rest[key] = {"score": PLACEHOLDER, **_prev(month, target, score.score)}
            if score.scale is not None:
                rest[key]["scale"] = score.scale
    if not c.mask_personal_data:
        rest["mask_personal_data"] = False
    if rest:
        parts.append("\n" + dump(rest))
    parts.append(
        "# frontline_invite: {name: ..., role: ..., topic: ...}   # this month's, optional\n"
    )
    return "".join(parts)


# --- employees.yaml ---------------------------------------------------------------------------


def employees(month: MonthData, target: str) -> str | None:
    found = month.sections.get("employees")
    if not isinstance(found, schema.Employees):
        return None
    source = month.meeting.period
    data: dict[str, Any] = {}
    if found.engagement is not None:
        data["engagement"] = {
            "score": PLACEHOLDER,
            **_prev(month, target, found.engagement.score),
        }
    if found.customer_objectives:
        data["customer_objectives"] = found.customer_objectives
    enps = (
        f"# enps: ...   # {month_label(source)}: {number(found.enps)}\n"
        if found.enps is not None
        else "# enps: ...\n"
    )
    return (
        _header(
            "employees",
            target,
            source,
            "engagement and the customer objectives.",
            "Engagement's previous is its score then.",
        )
        + (dump(data) if data else "")
        + enps
        + "# challenges:   # this month's, optional: text, or {text, theme}\n"
        "#   - What gets in the way of serving customers well\n"
        "# frontline:    # this month's, optional\n"
        '#   - {name: A colleague, role: Their role, quote: "What they told us"}\n'
    )


# --- operations.yaml --------------------------------------------------------------------------


def operations(month: MonthData, target: str) -> str | None:
    found = month.sections.get("operations")
    if not isinstance(found, schema.Operations):
        return None
    slas = []
    for sla in found.slas:
        item: dict[str, Any] = {"name": sla.name, "target": sla.target, "actual": PLACEHOLDER}
        if sla.unit:
            item["unit"] = sla.unit
        item["higher_is_better"] = sla.higher_is_better
        if sla.theme:
            item["theme"] = sla.theme
        slas.append(item)
    return (
        _header(
            "operations",
            target,
            month.meeting.period,
            "each SLA's name, target, unit, direction and theme; type this month's actual.",
        )
        + (dump({"slas": slas}) if slas else "")
        + "# improvements:   # this month's, optional\n"
        "#   - What we are changing, and for which customers\n"
    )


# --- marketing.yaml ---------------------------------------------------------------------------

_MONTHS = {
    name.lower(): n
    for n in range(1, 13)
    for name in (calendar.month_name[n], calendar.month_abbr[n])
} | {"sept": 9}
_MONTH_WORD = re.compile(
    r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?", re.IGNORECASE
)
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_ISO_MONTH = re.compile(r"\b(\d{4})-(0[1-9]|1[0-2])\b")


def ended(when: str | dt.date | None, first: dt.date) -> bool | None:
    """Whether a programme or event dated ``when`` ended before ``first`` (the new month's
    first day): True, False, or None when its ``when`` does not say clearly.

    A date is compared as it is. Text is read for its last month ("October to December
    2026" ends in December 2026; "w/c 23 November 2026" in November), which counts only with
    a year after it; a year alone ends with the year. Anything else is unclear.
    """
    if when is None:
        return None
    if isinstance(when, dt.date):
        return when < first
    text = str(when)
    days = list(_ISO_DAY.finditer(text))
    if days:
        try:
            return dt.date(*(int(g) for g in days[-1].groups())) < first
        except ValueError:
            return None
    months = [
        (m.start(), int(m.group(1)), int(m.group(2))) for m in _ISO_MONTH.finditer(text)
    ]  # (where, year, month)
    for m in _MONTH_WORD.finditer(text):
        after = next((y for y in _YEAR.finditer(text) if y.start() >= m.end()), None)
        if after is None:
            continue  # "from March": which March?
        months.append((m.start(), int(after.group(0)), _MONTHS[m.group(1).lower()]))
    if _MONTH_WORD.search(text) and not months:
        return None
    if months:
        _, year, month = max(months)
        return (year, month) < (first.year, first.month)
    years = [int(y.group(0)) for y in _YEAR.finditer(text)]
    if years:
        return max(years) < first.year
    return None


def marketing(month: MonthData, target: str) -> str | None:
    found = month.sections.get("marketing")
    if not isinstance(found, schema.Marketing):
        return None
    year, number = (int(p) for p in target.split("-"))
    first = dt.date(year, number, 1)
    label = month_label(target)
    parts = [
        _header(
            "marketing",
            target,
            month.meeting.period,
            f"the programmes and events that go on into {label}; check each goal and when.",
        )
    ]
    dropped: list[str] = []
    for key in ("programmes", "events"):
        kept: list[tuple[dict[str, Any], str]] = []
        for item in getattr(found, key):
            over = ended(item.when, first)
            if over:
                dropped.append(f"{item.name} (when: {_plain(item.when)})")
                continue
            comment = ""
            if over is None:
                said = f'its when ("{_plain(item.when)}")' if item.when is not None else "no when"
                comment = (
                    f"Carried, but check it: {said} does not say clearly whether it has "
                    "ended. Delete it if it has."
                )
            kept.append((item.model_dump(exclude_none=True), comment))
        if kept:
            parts.append(_listing(key, kept))
    if dropped:
        said = f"Not carried, ended before {label}: " + "; ".join(dropped) + "."
        parts.append("".join(f"# {line}\n" for line in textwrap.wrap(said, 96)))
    return "".join(parts)


# --- sales.yaml -------------------------------------------------------------------------------


def sales(month: MonthData, target: str) -> str | None:
    found = month.sections.get("sales")
    if not isinstance(found, schema.Sales):
        return None
    source = month.meeting.period
    data: dict[str, Any] = {}
    if found.currency:
        data["currency"] = found.currency
    if found.pipeline is not None:
        data["pipeline"] = {"value": PLACEHOLDER, **_prev(month, target, found.pipeline.value)}
    targets = (
        f"# targets:   # {len(found.targets)} in {source}/sales.yaml: copy those still open,\n"
        "#             # with this month's stage and value\n"
        if found.targets
        else "# targets:\n"
    )
    return (
        _header(
            "sales",
            target,
            source,
            "the currency, and the pipeline.",
            "The pipeline's previous is its value then.",
        )
        + (dump(data) if data else "")
        + targets
        + "#   - {account: ..., segment: ..., stage: ..., value: ..., feedback_to_use: ...}\n"
    )


# --- finance.yaml -----------------------------------------------------------------------------


def finance(month: MonthData, target: str) -> str | None:
    found = month.sections.get("finance")
    if not isinstance(found, schema.Finance):
        return None
    metrics = []
    for metric in found.metrics:
        item: dict[str, Any] = {"name": metric.name, "actual": PLACEHOLDER}
        if metric.budget is not None:
            item["budget"] = metric.budget
        item.update(_prev(month, target, metric.actual))
        for key in ("unit", "higher_is_better", "additive"):
            value = getattr(metric, key)
            if value is not None:
                item[key] = value
        metrics.append(item)
    data: dict[str, Any] = {"currency": found.currency}
    if metrics:
        data["metrics"] = metrics
    return (
        _header(
            "finance",
            target,
            month.meeting.period,
            "each measure's name, unit, direction and budget (check each budget: it is last "
            "month's).",
            "Each measure's previous is its actual then.",
        )
        + dump(data)
        + "# commentary:   # this month's, optional\n"
        "#   - A short paragraph on what the numbers say, now that we know how customers feel.\n"
    )


#: Each optional section file's writer, by stem: the function named as the section's key
#: (customer.yaml, required, has its own: ``customer``).
WRITERS: dict[str, Callable[[MonthData, str], str | None]] = {
    key: globals()[key] for key in SECTION_KEYS[1:]
}
