"""Count improvement themes in survey comments by their keywords, in one pass per month.

A theme may list ``keywords:`` (words or phrases). A comment mentions the theme when it holds
one of them as whole words, whatever the case and accents ("Café" is "cafe", "Direct-debit" is
"direct debit"; "bill" is not in "billing"). A keyword in a script written without spaces
between words (Chinese, Japanese, Thai…; and Korean, see ``_UNSPACED``) matches inside words
instead, in a second pass made only when a month has such keywords. One comment may mention
several themes, and counts once for each.

How one pass stays fast over a million comments (``bench/run.py``): a chunk of comments is
joined into one text, folded (accents through ``agenda.names.fold``, for the comments that have
any; case and punctuation by one byte table), and one compiled alternation of every keyword,
each padded by spaces, finds the keywords and the breaks between comments together. Each find
maps to its themes' marks, so each comment becomes a short string of marks (often empty), and
comments are counted by those strings: the work per comment is done in C, and Python touches
only the few distinct strings. Nothing is masked or scrubbed here: only counts leave, and the
few comments a pack quotes are masked and scrubbed like typed verbatims (``agenda.privacy``,
``agenda.protect``).
"""

from __future__ import annotations

import heapq
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain, compress, groupby
from typing import Any

from agenda.names import fold

#: Between comments in the joined text: a control character, which comments never keep.
BREAK = "\x1f"
_NOT_WORD = re.compile(r"[\W_]+")
#: ASCII letters to lower case, every other ASCII character but the break to a space; bytes of
#: other characters (already folded) are kept, so they stay inside their words.
_BYTES = bytes(
    (c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() or c == 0x1F or c >= 128 else 32)
    for c in range(256)
)


#: Scripts written without spaces between words (Han, Hiragana, Katakana, Thai, Lao, Khmer,
#: Myanmar) and Hangul, once folded: a keyword holding one of their letters matches anywhere
#: in a comment, not as whole words ("账单" in "账单错误"). Korean puts spaces between words,
#: but its particles are written onto the noun ("요금이", "요금을"), so whole-word matching
#: would miss nearly every mention; folding leaves Hangul as jamo, and a Hangul keyword must
#: end where a syllable ends (below). Characters beyond the first plane are parted from words
#: before matching, as elsewhere.
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1100-\u11ff\u1780-\u17ff\u19e0-\u19ff"
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3038-\u303b\u3040-\u30ff"
    "\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f"
    "\ua9e0-\ua9ff\uaa60-\uaa7f\uac00-\ud7ff\uf900-\ufaff\uff66-\uff9f]"
)
#: After a Hangul keyword: not a vowel or final consonant jamo (U+1160–U+11FF, U+D7B0–U+D7FF)
#: in UTF-8, so "요그" is not found in "요금" (the keyword would end inside a syllable).
_SYLLABLE_ENDS = (
    rb"(?!\xe1(?:\x85[\xa0-\xbf]|[\x86\x87][\x80-\xbf])|\xed(?:\x9e[\xb0-\xbf]|\x9f[\x80-\xbf]))"
)
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff]$")


def unspaced(keyword: str) -> bool:
    """Whether a keyword (as ``normal`` gives it) is written in a script without spaces
    between words, and so matches inside words."""
    return _UNSPACED.search(keyword) is not None


def theme_key(name: str) -> str:
    """A theme's name as themes are matched everywhere (tags, links, earlier months, units):
    without case, accents or extra spaces, as its keywords are ("Faturação" is "Faturacao",
    "Billing  Accuracy" is "billing accuracy")."""
    return " ".join(fold(name).split())


def normal(text: str) -> str:
    """Text as keywords are matched: folded, lower case, words one space apart."""
    return " ".join(_NOT_WORD.sub(" ", fold(text)).split())


_ASTRAL = re.compile("[^\u0000-\uffff]")
#: What is not a word, but the NUL between comments.
_APART = re.compile(r"[^\w\x00]+|_+")


def _folded(comments: Sequence[str], plain: Sequence[bool]) -> list[str]:
    """The comments with those that are not ASCII folded (accents away, case folded, what is
    not a word spaced out), all of them at once: one fold of their joined text. Characters
    beyond the first plane (emoji) part words: NFKD has already made mathematical letters
    plain ones."""
    out = list(comments)
    where = [n for n, ascii_only in enumerate(plain) if not ascii_only]
    joined = "\0".join(out[n].replace("\0", " ") for n in where)  # fold keeps NUL as it is
    text = fold(_ASTRAL.sub(" ", unicodedata.normalize("NFKD", joined)))
    for n, folded in zip(where, _APART.sub(" ", text).split("\0"), strict=True):
        out[n] = folded
    return out


class _Marks(dict[bytes, str]):
    """A found keyword (b" direct  debit", spaced as typed) → its themes' marks."""

    lead = b" "  #: what every find starts with

    def __missing__(self, key: bytes) -> str:
        found = self[self.lead + b" ".join(key.split())]  # a phrase typed with more spaces
        self[key] = found
        return found


class _Within(_Marks):
    """A keyword found inside words (b"\xe8\xb4\xa6\xe5\x8d\x95", "账单") → its themes' marks."""

    lead = b""


def _trie(words: Sequence[str]) -> str:
    """One alternation of ``words`` as a tree of their shared beginnings ("bill(?:ed|s)?"):
    at each place the pattern tries, one letter rules most keywords out at once (a third faster
    than a flat list, measured on the sample's keywords). Spaces inside a phrase match any run
    of spaces, as punctuation between its words leaves."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [
            (" +" if ch == " " else re.escape(ch)) + pattern(rest)
            for ch, rest in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        if len(branches) == 1 and not ends:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if ends else "")

    return pattern(tree)


class Keywords:
    """Every keyword theme of a month, compiled once for every comment of its export."""

    def __init__(self, themes: Sequence[tuple[str, Sequence[str]]]):
        self.names = tuple(name for name, _ in themes)
        marks: dict[bytes, str] = {}
        within: dict[bytes, str] = {}  # keywords in scripts without spaces between words
        for n, (_, words) in enumerate(themes):
            mark = chr(0x100 + n)  # never the break, and as many as there are themes
            for word in words:
                plain = normal(word)
                into, key = (
                    (within, plain.encode()) if unspaced(plain) else (marks, b" " + plain.encode())
                )
                if mark not in into.get(key, ""):
                    into[key] = into.get(key, "") + mark
        self._marks = _Marks(marks)
        self._marks[b" " + BREAK.encode()] = BREAK
        body = _trie(sorted(k[1:].decode() for k in marks)).encode()
        # every find starts with a space: the engine skips to each space, not trying every byte
        words_found = rb"|(?:" + body + rb")(?= )" if marks else b""
        self._pattern = re.compile(rb" (?:\x1f" + words_found + rb")")
        #: the keywords matched inside words, in a second pass over the same text, made only
        #: when there are any: a month without them is read exactly as before
        self._within: re.Pattern[bytes] | None = None
        if within:
            self._within_marks = _Within(within)
            self._within_marks[BREAK.encode()] = BREAK
            alternation = [
                _trie([k.decode()]).encode()
                + (_SYLLABLE_ENDS if _HANGUL.search(k.decode()) else b"")
                for k in sorted(within, key=len, reverse=True)  # the longest first
            ]
            self._within = re.compile(rb"\x1f|" + b"|".join(alternation))
        self._mark_of = {chr(0x100 + n): name for n, name in enumerate(self.names)}

    def __bool__(self) -> bool:
        return bool(self.names)

    def marks(self, comments: Sequence[str]) -> list[str]:
        """For each comment, the marks of the themes it mentions (a string, often empty)."""
        if not comments:
            return []
        plain = list(map(str.isascii, comments))
        if not all(plain):
            comments = _folded(comments, plain)
        text = (" " + " \x1f ".join(comments) + " ").encode("utf-8", "replace").translate(_BYTES)
        found = self._pattern.findall(text)
        marks = "".join(map(self._marks.__getitem__, found)).split(BREAK)
        if self._within is None or all(plain):
            return marks
        inside = self._within.findall(text)  # every break is found here too: no keyword has one
        more = "".join(map(self._within_marks.__getitem__, inside)).split(BREAK)
        return list(map(operator.add, marks, more))

    def themes(self, marks: str) -> list[str]:
        """The names of the themes one comment's marks stand for, once each, in list order."""
        return [self._mark_of[m] for m in sorted(set(marks))]


@dataclass(frozen=True)
class CountedTheme:
    """A theme with its mentions known: typed in customer.yaml, or counted from the comments."""

    name: str
    mentions: int
    previous: int | None = None
    keywords: tuple[str, ...] = ()
    counted: bool = False  #: counted from the survey export's comments by its keywords


def ranked(themes: Sequence[CountedTheme]) -> list[CountedTheme]:
    """Themes by mentions, most first, ties by name: the order the pack ranks them in."""
    return sorted(themes, key=lambda t: (-t.mentions, t.name))


@dataclass(frozen=True)
class Said:
    """A comment kept as a possible verbatim: what a pack may quote, and how recent it is."""

    order: int  #: larger is more recent: the day, then the place in the export
    text: str
    score: object  #: the score cell as read (text or a spreadsheet number)
    segment: object
    channel: object
    day: object  #: the date cell (or its date part) as read
    line: int | None = None


_KIND = {True: "+", False: ""}
#: A tally's counts and kept comments, as one process sends them to another.
TallyState = tuple[Counter[tuple[str, object, object]], dict[str, Any], dict[str, Any]]


@dataclass
class Tally:
    """What one export's comments say about the keyword themes: counts and recent quotes.

    ``keep`` is how many of the most recent comments are kept for each theme, and as many of
    the most recent from promoters and passives (scored 7 or more), so the verbatims picked from
    them can be balanced; the rest are counted and let go.
    """

    keywords: Keywords
    keep: int
    #: (marks, score cell, date cell) → comments: counted only where the score is read, and
    #: only in the month the export is read for
    counts: Counter[tuple[str, object, object]] = field(default_factory=Counter)
    _recent: dict[str, list[tuple[int, Said]]] = field(default_factory=dict)
    _positive: dict[str, list[tuple[int, Said]]] = field(default_factory=dict)

    def add(
        self,
        comments: Sequence[str],
        scores: Sequence[object],
        segments: Sequence[object],
        channels: Sequence[object],
        days: Sequence[object],
        order: Sequence[int],
        positive: Sequence[bool],
        lines: Sequence[int] | None = None,
    ) -> None:
        """Count a chunk of rows' comments (blank ones count for nothing).

        Each row's score, segment, channel and date cells; ``order``, how recent each row is
        (its day, then its place in the export); ``positive``, whether its score is 7 or more.
        """
        rest = (segments, channels, days)
        rows = list(compress(range(len(comments)), comments))
        if not rows:
            return
        texts = [comments[i] for i in rows]
        marks = self.keywords.marks(texts)
        dates = [days[i] for i in rows]
        self.counts.update(zip(marks, [scores[i] for i in rows], dates, strict=True))
        hit = list(compress(range(len(marks)), marks))  # the comments that mention a theme
        if not hit:
            return
        # grouped by their marks and whether a promoter or passive wrote them, in C: each key
        # is the marks, then "+" for 7 or more; sorting keeps each group in the export's order
        good = map(positive.__getitem__, map(rows.__getitem__, hit))
        keys = list(map(operator.add, map(marks.__getitem__, hit), map(_KIND.__getitem__, good)))
        found: dict[tuple[str, bool], list[int]] = {}
        for key, group in groupby(sorted(range(len(hit)), key=keys.__getitem__), keys.__getitem__):
            found[(key.rstrip("+"), key.endswith("+"))] = list(map(hit.__getitem__, group))
        rest = (segments, channels, days)
        for n, name in enumerate(self.keywords.names):
            mark = chr(0x100 + n)
            groups = [(good, js) for (m, good), js in found.items() if mark in m]
            if not groups:
                continue
            hits = sorted(chain.from_iterable(js for _, js in groups))
            self._keep(self._recent, name, hits, rows, texts, scores, rest, order, lines)
            kind = sorted(chain.from_iterable(js for good, js in groups if good))
            if kind:
                self._keep(self._positive, name, kind, rows, texts, scores, rest, order, lines)

    def _keep(
        self,
        into: dict[str, list[tuple[int, Said]]],
        name: str,
        hits: list[int],
        rows: list[int],
        texts: list[str],
        scores: Sequence[object],
        rest: tuple[Sequence[object], Sequence[object], Sequence[object]],
        order: Sequence[int],
        lines: Sequence[int] | None,
    ) -> None:
        """Keep the most recent of ``hits`` (comments of this chunk, in the export's order)."""
        at = [rows[j] for j in hits]
        keys = list(map(order.__getitem__, at))
        kept = into.setdefault(name, [])
        if len(kept) == self.keep and max(keys) <= kept[0][0]:
            return  # nothing here is more recent than what is kept
        if keys == sorted(keys):  # in date order, as exports usually are: the last ones
            last = range(len(keys) - 1, max(len(keys) - 1 - self.keep, -1), -1)
            best = [(keys[n], hits[n], at[n]) for n in last]
        else:
            best = heapq.nlargest(self.keep, zip(keys, hits, at, strict=True))
        for _, j, i in best:
            segment, channel, day = (column[i] for column in rest)
            said = Said(
                order[i], texts[j], scores[i], segment, channel, day, lines[i] if lines else None
            )
            item = (said.order, said)
            if len(kept) < self.keep:
                heapq.heappush(kept, item)
            elif item > kept[0]:
                heapq.heapreplace(kept, item)

    def state(self) -> TallyState:
        """What this tally holds, to send from another process."""
        return self.counts, self._recent, self._positive

    def merge(self, state: TallyState) -> None:
        """Add another tally of the same keywords (another part of the same export)."""
        counts, recent, positive = state
        self.counts.update(counts)
        for mine, theirs in ((self._recent, recent), (self._positive, positive)):
            for name, items in theirs.items():
                kept = mine.setdefault(name, [])
                for item in items:
                    if len(kept) < self.keep:
                        heapq.heappush(kept, item)
                    elif item > kept[0]:
                        heapq.heapreplace(kept, item)

    def said(self, name: str) -> list[Said]:
        """A theme's kept comments, most recent first: the most recent, then promoters' and
        passives' most recent, each once."""
        out: dict[int, Said] = {}
        for pool in (self._recent, self._positive):
            for order, said in pool.get(name, []):
                out.setdefault(order, said)  # a row's order is its own: one comment, once
        return [out[order] for order in sorted(out, reverse=True)]
