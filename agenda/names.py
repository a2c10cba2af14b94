"""Find people's and organisations' names in free text the way people really type them.

Matching ignores case, accents and diacritics (Zoë = Zoe, Súilleabháin = Suilleabhain, Łukasz =
Lukasz), apostrophe and hyphen variants (’ ' ‐ ‑ -), and non-breaking or repeated spaces. It
works on a *folded* copy of the text (every character mapped to its plain lower-case form) with
a map back to the original, so a replacement removes exactly what the user typed.

Most strings name nobody: one C-speed ``str.translate`` and one regular-expression search decide
that, and only a string with a match pays for the character-by-character map.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

#: Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = {
    "ł": "l",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "ħ": "h",
    "ı": "i",
    "ŀ": "l",
    "þ": "th",
    "æ": "ae",
    "œ": "oe",
    "ß": "ss",
    # Greek, as Greek names are written in Latin letters (Ιωάννης = Ioannis)
    **dict(zip("αβγδεζηικλμνξοπρσςτυφω", "avgdeziiklmnxoprsstufo", strict=True)),
    "θ": "th",
    "χ": "ch",
    "ψ": "ps",
}
#: Characters pasted text carries inside words that no reader sees: soft hyphen, zero-width
#: space and joiners, word joiner, byte-order mark.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_APOSTROPHES = "'’‘ʼ`´′ʻ"
_HYPHENS = "-‐‑‒–—−﹣－"
#: Courtesy titles that may stand before a name ("Ms O Suilleabhain", "Herr Weiß", "Mme
#: Aubigné", "Bà Nguyễn" are the guest too), folded; one-letter ones need their dot ("M.").
TITLES = (
    *("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lady", "lord", "cllr"),
    *("herr", "frau", "hr", "fr", "fru", "pan", "pani", "m", "mme", "mlle", "madame"),
    *("monsieur", "sr", "sra", "srta", "don", "dona", "sig", "signor", "signora", "dott"),
    *("dhr", "mevr", "mevrouw", "ba", "chi", "co", "ong", "anh"),
    # professional and academic titles used as courtesy titles in Portuguese, Spanish, Italian
    # and German ("Dra. Lourenço", "Eng.ª Sousa", "Dott.ssa Bianchi", "Ing. Novák")
    *("dra", "dr.a", "doutor", "doutora", "doctor", "doctora", "eng", "enga", "eng.a", "engo"),
    *("eng.o", "enf", "enfa", "enf.a", "enfo", "profa", "prof.a", "profe", "lic", "lda"),
    *("dottore", "dottoressa", "dott.ssa", "ing", "arch", "avv", "mag", "mgr"),
)
#: Titles that are also given names (Don Wilson, Anh Tran, Chi Wong): taken off a guest's
#: name only when two words or more remain.
NAME_LIKE_TITLES = frozenset(
    {"don", "dona", "anh", "chi", "co", "ong", "ba", "pan", "sig", "ing", "mag", "lic"}
)
#: Common English words that are also names (Mark, Long, Will, Green, May, Smith...): a guest
#: word among them, replaced alone, is flagged as possibly not meaning the guest.
COMMON_WORDS = frozenset(
    """will mark may june grace hope faith joy rose lily iris ivy holly summer dawn eve bill pat
    sue rob jack frank art max ray sandy drew chase hunter mason baker cook smith green brown
    white black gray grey young long short little king bishop knight hill wood woods field
    fields lane street rivers brook ford bush moss stone rock bell church hall house wall price
    rich cash sterling banks cross best good west north south east english french page
    marsh lee may august april guy victor sterling carpenter taylor miller fisher walker
    parker turner cooper ward wells""".split()  # noqa: SIM905
)
#: Surname particles: "Ó Súilleabháin", "Ní Chonaill", "van der Berg" are one surname.
PARTICLES = frozenset(
    [
        "o",
        "ó",
        "ui",
        "uí",
        "ni",
        "ní",
        "nic",
        "mac",
        "mc",
        "mag",
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "das",
        "du",
        "le",
        "la",
        "lo",
        "st",
        "ter",
        "ten",
        "y",
        "bin",
        "ibn",
        "al",
        "el",
        "ap",
    ]
)


def _fold_char(ch: str) -> str:
    if ch in INVISIBLE:
        return ""
    if ch.isspace():
        return " "
    if ch in _APOSTROPHES:
        return "'"
    if ch in _HYPHENS:
        return "-"
    if unicodedata.combining(ch):
        return ""
    plain = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    plain = plain.casefold()
    return "".join(_LETTERS.get(c, c) for c in plain)


class _Folds(dict[int, str]):
    """A Basic Multilingual Plane character's code → its folded form, worked out the first
    time the character is met: ``str.translate`` looks each character up here, and a build
    meets a few hundred distinct characters, not the 65,000 a full table would compute."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLDS = _Folds()


_ASTRAL = re.compile("[^\u0000-\uffff]")


def fold(text: str) -> str:
    """The plain form of ``text`` used for matching (not aligned with the original)."""
    if _ASTRAL.search(text):  # rare: characters beyond the table (𝐙𝐨𝐞, emoji)
        return fold_aligned(text)[0]
    return text.translate(_FOLDS)


def fold_aligned(text: str) -> tuple[str, list[int]]:
    """The plain form of ``text`` and, for each of its characters, the original's index."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        folded = _FOLDS[ord(ch)] if ord(ch) < 0x10000 else _fold_char(ch)
        out.append(folded)
        index.extend([i] * len(folded))
    return "".join(out), index


def _is_mark(ch: str) -> bool:
    """An accent or a vowel sign: part of the letter before it, whether or not Unicode gives
    it a combining class (Thai ี and Devanagari ि have none)."""
    return unicodedata.category(ch).startswith("M")


@lru_cache(maxsize=1)
def _word_pattern() -> re.Pattern[str]:
    """A word: a letter, then letters, digits, marks, apostrophes and hyphens, ending on a
    letter, digit or mark. ``\\w`` holds no marks, so "ศรีสวัสดิ์" and "शर्मा" would break
    at every vowel sign; the marks of every plane that has them are added."""
    marks = [c for c in (*range(0x20000), *range(0xE0100, 0xE01F0)) if _is_mark(chr(c))]
    spans: list[list[int]] = []
    for code in marks:
        if spans and spans[-1][1] == code - 1:
            spans[-1][1] = code
        else:
            spans.append([code, code])
    mark = "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in spans)
    return re.compile(rf"[^\W\d_](?:[\w{mark}'’‘ʼ\-‐‑]*[\w{mark}])?")


def words(name: str) -> list[str]:
    """A name's words (letters, apostrophes and hyphens kept inside a word, and the vowel signs
    of scripts that write them apart), accents composed first so that a name pasted with
    separate accents ("He\u0301le\u0300ne") is one word."""
    return _word_pattern().findall(unicodedata.normalize("NFC", name))


def pieces(word: str) -> list[str]:
    """A word's parts between apostrophes and hyphens, and inside a joined surname:
    "Weiß-Müller" → Weiß, Müller; "MacDhòmhnaill" → Mac, Dhòmhnaill."""
    split = re.split(r"['’‘ʼ\-‐‑]|(?<=[^\W\d_])(?=[A-ZÀ-ÖØ-Þ][a-zß-ÿ])", word)
    return [p for p in split if p]


#: Between the words of a name: "O Suilleabhain", "O'Suilleabhain", "Weiß & Söhne",
#: "sian_ap_rhys", "Rhys, Siân", "Brecon and Radnor", "Vilaró-i-Casals" (a joining word is a
#: separator too, between spaces or hyphens).
#: Words that join a name's parts and may be typed either way ("&" or "and").
_JOINING = frozenset({"and", "und", "et", "en", "og", "och", "y", "e", "i"})
_JOIN = "(?:" + "|".join(sorted(_JOINING, key=len, reverse=True)) + ")"
_SEPARATOR = rf"(?:[ ,'\-.&+_/]*(?<=[ ,&+_/\-]){_JOIN}(?=[ ,&+_/\-]))?[ ,'\-.&+_/]*"
#: "St" and "Saint" (and their sisters) are the same word in a name.
_SAINT = frozenset({"st", "saint", "sainte", "ste", "sankt", "san", "santa"})


def _piece_pattern(piece: str) -> str:
    folded = fold(piece)
    if folded in _SAINT:
        return "(?:" + "|".join(sorted(_SAINT, key=len, reverse=True)) + ")"
    return re.escape(folded)


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def term_pattern(term: str, *, titled: bool) -> str | None:
    """A regular expression (over folded text) for one name or name part; None if empty."""
    # "Jean-Luc O'Neill" also reads "Jean Luc ONeill": pieces joined by optional separators
    parts = [_piece_pattern(p) for w in words(term) for p in pieces(w) if fold(p) not in _JOINING]
    in_words = sum(ch.isalnum() for w in words(term) for ch in w)
    if (not parts or in_words < sum(ch.isalnum() for ch in term)) and term.strip():
        parts = [re.escape(fold(term.strip()))]  # "3M", "张伟": matched as typed
    if not parts:
        return None
    body = _SEPARATOR.join(parts)
    folded = fold(term.strip())
    # Letters of alphabets written with spaces need a word edge, and the edge is a letter
    # ("_Siân_", "@SianApRhys1", "sian_ap_rhys" still name her); 张伟 inside Chinese needs none.
    start = r"(?<![^\W\d_])" if folded and _is_latin(folded[0]) else ""
    end = r"(?![^\W\d_])" if folded and _is_latin(folded[-1]) else ""
    titles = "|".join(re.escape(t) + (r"\." if len(t) == 1 else r"\.?") for t in TITLES)
    title = rf"(?:(?:{titles}) +)?" if titled and start else ""
    return f"{start}{title}{body}{end}"


@dataclass(frozen=True)
class Term:
    """One thing to find: a name or a part of it, and what replaces it."""

    text: str
    replacement: str
    titled: bool = False  #: a title ("Ms", "Dr") before it is part of the match
    upper_only: bool = False  #: an initialism: matches only when typed in capitals ("PVI")
    #: one word of a name ("Long", "May"): matches only when typed with a capital, as names
    #: are, so that "the wait was too long" keeps its word
    capitalised: bool = False
    #: an organisation's short form: every word typed with a capital ("care UK" is not "Care
    #: UK"), and flagged as possibly meaning something else ("West Yorkshire")
    proper_case: bool = False
    #: an organisation's full name: typed in one case ("pennine vale housing", "PENNINE VALE
    #: HOUSING") or with capitals, but not half ("Sheffield homes" is a phrase)
    one_case: bool = False


@dataclass(frozen=True)
class Match:
    """One occurrence in the original text."""

    start: int
    end: int
    term: Term
    #: the words around it make it doubtful: another capitalised name beside it ("Ann Smith",
    #: "Green SLAs"), or a common word that is also a name ("Mark my words")
    doubtful: bool = False


class Finder:
    """Finds every occurrence of a set of terms, longest first, never inside a kept span."""

    def __init__(self, terms: Iterable[Term], keep: Iterable[str] = ()):
        ordered = sorted(dict.fromkeys(terms), key=lambda t: -len(fold(t.text)))
        self.terms: list[Term] = []
        raw: list[str] = []
        for term in ordered:
            pattern = term_pattern(term.text, titled=term.titled)
            if pattern:
                self.terms.append(term)
                raw.append(pattern)
        named = (f"(?P<t{n}>{pattern})" for n, pattern in enumerate(raw))
        self._any = re.compile("|".join(named)) if raw else None
        self._each = [re.compile(pattern) for pattern in raw]
        # every match holds each piece of its term, literally: the longest piece of each term,
        # in one plain alternation, rules out most strings a hundred times faster than the
        # full pattern with its titles and word edges (bench/chatham_house.py)
        anchors = {_anchor(term.text) for term in self.terms}
        self._anchors = re.compile(
            "|".join(re.escape(a) for a in sorted(anchors, key=len, reverse=True))
        )
        kept = [p for p in (term_pattern(k, titled=True) for k in keep) if p]
        self._keep = re.compile("|".join(kept)) if kept else None

    def __bool__(self) -> bool:
        return self._any is not None

    def find(self, text: str) -> list[Match]:
        """Occurrences in ``text`` (original indexes), left to right, not overlapping."""
        if self._any is None:
            return []
        plain = fold(text)
        if not self._anchors.search(plain) or not self._any.search(plain):
            return []
        folded, index = fold_aligned(text)
        kept = [m.span() for m in self._keep.finditer(folded)] if self._keep else []
        found = []
        pos = 0
        while (m := self._any.search(folded, pos)) is not None:
            start = m.start()
            which = int(next(k for k, v in m.groupdict().items() if v)[1:])
            # the first term that matches here and passes its checks; a longer one refused
            # (a lower-case "al-Rahman") leaves the shorter ones to try ("Rahman")
            match = None
            for n in range(which, len(self.terms)):
                candidate = m if n == which else self._each[n].match(folded, start)
                if candidate is None:
                    continue
                end = candidate.end()
                if any(start < k_end and k_start < end for k_start, k_end in kept):
                    continue
                first, last = index[start], index[end - 1] + 1
                while last < len(text) and _is_mark(text[last]):
                    last += 1  # an accent or vowel sign typed apart belongs to the letter
                term = self.terms[n]
                if self._typed_as(term, text[first:last]) and not _compound(text, last):
                    match = Match(first, last, term, _doubtful(term, text, first, last))
                    break
            if match is None:
                pos = start + 1
                continue
            found.append(match)
            pos = end  # where the match just found ends in the folded text
        return _one_per_mention(found, text)

    @staticmethod
    def _typed_as(term: Term, typed: str) -> bool:
        """Whether the text is typed as the term asks: an organisation's short form with
        capitals, its full name in one case or with capitals ("Sheffield homes" is not
        "Sheffield Homes"); then as ``_capitalised_ok``. Words without case (東京住宅供給公社,
        서울주택도시공사, شركة) meet every case rule: nothing in them can say otherwise."""
        if _as_registered(term.text, typed):
            return True  # "Friends of the Earth" exactly as the guest's organisation is listed
        proper = all(
            _capital(w) or fold(w) in PARTICLES | _JOINING for w in re.findall(r"[^\W\d_]+", typed)
        )
        if term.proper_case:
            return proper
        if term.one_case:
            return proper or typed.islower() or typed.isupper()
        return Finder._capitalised_ok(term, typed)

    @staticmethod
    def _capitalised_ok(term: Term, typed: str) -> bool:
        """Initialisms in capitals; one name word with a capital on a word that is not a
        particle ("al-Rahman" is capitalised, "long" is not)."""
        if term.upper_only:
            return typed.isupper() or _caseless(typed)
        if term.capitalised:
            return any(
                _capital(w) for w in re.findall(r"[^\W\d_]+", typed) if fold(w) not in PARTICLES
            )
        return True


#: Between two matches that are one mention: spaces or a hyphen ("Montse Vilaró").
_WITHIN = re.compile(r"[ \t\u00a0\-‐‑]+")


def _one_per_mention(found: list[Match], text: str) -> list[Match]:
    """Matches side by side with the same replacement are one mention: "Montserrat Vilaró"
    (her first name and first surname, each a term of "Montserrat Vilaró i Casals") or "Montse
    Vilaró" (an alias and a surname) is one guest, replaced once, not "a customer guest a
    customer guest". A comma, a slash or a word between keeps them apart ("Zoë, Montse")."""
    merged: list[Match] = []
    for match in found:
        before = merged[-1] if merged else None
        if (
            before is None
            or before.term.replacement != match.term.replacement
            or not _WITHIN.fullmatch(text[before.end : match.start])
        ):
            merged.append(match)
            continue
        start, end = before.start, match.end
        if before.term.titled and match.term.titled:  # a person's name: doubtful by its sides
            term = Term(text[start:end], match.term.replacement, titled=True)
            doubtful = _doubtful(term, text, start, end)
        else:  # an organisation's forms: doubtful only if each was
            term = Term(text[start:end], match.term.replacement)
            doubtful = before.doubtful and match.doubtful
        merged[-1] = Match(start, end, term, doubtful)
    return merged


def _as_registered(registered: str, typed: str) -> bool:
    """Whether ``typed`` is written as ``registered`` is: the same words, each starting with a
    capital where the registered one does and lower case where it does ("Friends of the
    Earth", "Associação de Doentes do Tejo"); accents may differ, as everywhere else."""
    these = re.findall(r"[^\W\d_]+", typed)
    those = re.findall(r"[^\W\d_]+", registered)
    return len(these) == len(those) and all(
        fold(a) == fold(b) and _capital(a) == _capital(b) for a, b in zip(these, those, strict=True)
    )


def _cased(ch: str) -> bool:
    return ch.isupper() or ch.islower() or ch.istitle()


def _caseless(text: str) -> bool:
    """Text with no letter that has a case (Chinese, Japanese, Korean, Arabic, Hebrew, Thai,
    Devanagari...): it is in every case at once, so it meets any rule about case."""
    return not any(_cased(ch) for ch in text)


def _capital(word: str) -> bool:
    """Whether a word is written with a capital: its first letter that has a case is a capital
    ("Zoë", "ʻOhana", "東京Gas"), or none has one ("東京", "محمد")."""
    return next((ch.isupper() or ch.istitle() for ch in word if _cased(ch)), True)


def _compound(text: str, end: int) -> bool:
    """ "Long-standing", "Green-lit": a name word joined to a lower-case word is a word."""
    return bool(re.match(r"[-‐‑][a-zà-ÿ]", text[end : end + 2]))


_CAPITALISED_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]*")


def _doubtful(term: Term, text: str, first: int, last: int) -> bool:
    """Whether a match may not mean the guest: an organisation's short form; one name word
    that is also a common word; or one beside another capitalised word, which may make it
    someone else's name ("Ann Smith", "Smith Street", "Green SLAs")."""
    if term.proper_case:
        return True
    if not (term.capitalised or term.titled):
        return False
    if term.capitalised and fold(term.text) in COMMON_WORDS:
        return True
    before = re.search(r"([\w'’-]+)[ \t]+$", text[:first])
    if before and _CAPITALISED_WORD.fullmatch(before.group(1)):
        return True
    after = re.match(r"[ \t]+([\w'’-]+)", text[last:])
    return bool(after and _CAPITALISED_WORD.fullmatch(after.group(1)))


def _anchor(term: str) -> str:
    """The longest folded piece of a term that every match holds literally (not "saint",
    which may be typed "St", nor a joining "and", which may be "&")."""
    found = [fold(p) for w in words(term) for p in pieces(w)] or [fold(term.strip())]
    literal = [p for p in found if p not in _SAINT | _JOINING]
    return max(literal or [""], key=len)


def initialism(name: str) -> str:
    """``Patient Voice Ireland`` → ``PVI`` (letters of the capitalised words)."""
    return "".join(w[0] for w in words(name) if w[0].isupper())
