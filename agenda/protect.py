"""Chatham House: a protected guest's name and organisation never reach any output.

Guests marked ``chatham_house`` (the default) in this month's or an earlier month's meeting.yaml
are protected. Before anything is composed, every string of the month's data is scrubbed: the
full name, the surname (whole, particles included: "Ó Súilleabháin", "van der Berg"), each name
word alone, the organisation and its short forms and initialism, and the guest's ``aliases``,
however they are typed (see ``agenda.names``), become "a customer guest" / "a customer
organisation".

A guest who is also named as an attendee, lead, owner or frontline colleague is the same person:
the build refuses. A name part that someone else named in the data also carries (an attendee
Seán Ó Súilleabháin) leaves that person's full name as it is, and is replaced everywhere else;
each such replacement is counted as ambiguous (``--strict`` refuses them, the redaction report
lists them). The build reports how many replacements it made, never what it replaced.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from agenda import schema
from agenda.errors import DataError, Problem
from agenda.history import LastMeeting, MonthSignal
from agenda.names import (
    NAME_LIKE_TITLES,
    PARTICLES,
    TITLES,
    Finder,
    Term,
    fold,
    initialism,
    pieces,
    words,
)
from agenda.privacy import EMAIL, MASKS
from agenda.sources import Loc, YamlFile
from agenda.validate import MonthData

PERSON = "a customer guest"
EMAIL_GONE = MASKS["email"]
ORGANISATION = "a customer organisation"
LINK_GONE = "[link removed]"
#: A web link: with its scheme or www., or a domain followed by a path ("linkedin.com/in/x").
_LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>\"')\]]+|(?<![\w@.])[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/[^\s<>\"')\]]*"
)
#: Words that make a name an organisation's but say nothing about which one (folded): legal
#: forms, kinds of body, and small words, in the languages the packs have met.
_GENERIC = frozenset(
    """ltd limited plc llp lp inc incorporated corp corporation co company group holdings
    housing homes association trust council partnership services foundation society charity
    the and & of for gmbh ag kg ev e.v ug aps as asa ab oy oyj bv nv sa sas sarl srl spa sl
    sp z o.o. o.o zoo fondation fundacion fundacja stiftung stichting fondazione verein
    asociacion associazione cic cio""".split()  # noqa: SIM905
)
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
#: Small words that never make a short form on their own ("Bank of" is not "Bank of Ireland").
_STOP = frozenset(
    "the of and & for a an de la le du des der die das von van y i e et und".split()  # noqa: SIM905
)
_NOT_DISTINCTIVE = _GENERIC | _STOP
#: Words before a replaced organisation that would read twice ("the a customer organisation").
_ARTICLE = re.compile(r"(?<!\w)(?:the|a|an)\s+$", re.IGNORECASE)
#: Keys whose values are codes checked against fixed values, never prose.
#: (An attendee's ``email`` is an address, checked apart: see ``guest_addresses``.)
_CODES = frozenset(
    {"section", "status", "period", "start", "end", "nps_framing", "timezone", "email"}
)
#: Keys whose whole value says how to read a file (its name, sheet, column headers): read
#: before anything is scrubbed and never shown, so left as typed.
_READING = frozenset({"responses"})
#: Where a string is in its file: (path, line, column), each None when unknown.
Place = tuple[Path | None, int | None, int | None]
#: Where a string came from, by its location inside the file.
Where = Callable[[Loc], Place]


@dataclass(frozen=True)
class Redaction:
    """One replacement, for the assistant's redaction report (never for the pack)."""

    path: Path | None
    line: int | None
    column: int | None
    before: str  #: the words around it as typed
    after: str  #: the same words as the pack shows them
    ambiguous: bool = False  #: it may not mean the guest: shown flagged, refused by --strict

    def problem(self, message: str) -> Problem:
        return Problem(self.path, message, self.line, self.column)


@dataclass
class Redactor:
    """Replace protected names in text, keeping a record of every replacement."""

    finder: Finder
    shared: frozenset[str] = frozenset()  #: term texts that someone else's name also holds
    #: name words the data also uses as ordinary lower-case words ("long", "may"): a capital
    #: may only mean the start of a sentence, so their replacements are flagged too
    ordinary: frozenset[str] = frozenset()
    redactions: list[Redaction] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.redactions)

    @property
    def ambiguous(self) -> list[Redaction]:
        return [r for r in self.redactions if r.ambiguous]

    @classmethod
    def for_guests(
        cls, guests: Iterable[schema.Guest], host: str, others: Iterable[str]
    ) -> Redactor:
        """Build the finder for every protected guest; ``others`` are people not protected."""
        guests = list(guests)
        terms: list[Term] = []
        for guest in guests:
            if guest.chatham_house:
                terms += guest_terms(guest, host)
        # "Siân ap Rhys from Llandrindod" as a story's customer is the guest, not someone else
        full = _full_names(g for g in guests if g.chatham_house)
        others = [bare_name(_person(name)) for name in others]
        others = [name for name in others if not any(not m.doubtful for m in full.find(name))]
        other_parts = {fold(w) for name in others for w in words(name)}
        guest_parts = _parts_of(terms)
        # a term is ambiguous when every word of it also belongs to someone else's name
        shared = frozenset(
            t.text
            for t in terms
            if t.replacement == PERSON and _proper(_folded_words_of(t.text)) <= other_parts
        )
        # someone else's full name stays whole, unless it is nothing but the shared part
        # (an attendee listed as plain "Zoë" cannot be told from the guest Zoë)
        keep = [
            name
            for name in others
            if _proper(_folded_words_of(name)) & guest_parts
            and _proper(_folded_words_of(name)) - guest_parts
        ]
        return cls(Finder(terms, keep=keep), shared)

    def note_ordinary_words(self, texts: Iterable[str]) -> None:
        """Flag name words that the data also writes in lower case, as ordinary words."""
        singles = {t.text for t in self.finder.terms if t.capitalised}
        forms = {f for t in singles for f in (t.lower(), fold(t))}
        if not forms:
            return
        pattern = re.compile(
            r"(?<![\w'’])(?:"
            + "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
            + r")(?![\w'’])"
        )
        found: set[str] = set()
        for text in texts:
            for match in pattern.finditer(text):
                # mid-sentence, after a lower-case word ("too long", "in may"): a name typed
                # in lower case at the start of a comment ("zoë rang") is still a name
                before = text[max(0, match.start() - 2) : match.start()]
                if (
                    len(before) == 2
                    and before[1] == " "
                    and (before[0].islower() or before[0] == ",")
                ):
                    found.add(fold(match.group(0)))
        self.ordinary = frozenset(found)

    @property
    def active(self) -> bool:
        return bool(self.finder)

    def text(self, value: str, where: Place = (None, None, None)) -> str:
        """Scrub one string; a replacement opening a sentence gets a capital letter."""
        value = self._addresses(value, where)
        matches = self.finder.find(value)
        if not matches:
            return value
        out = value
        for m in reversed(matches):
            start, replacement = m.start, m.term.replacement
            lead = out[:start]
            article = _ARTICLE.search(lead)
            if article and article.group(0).strip().lower() == "the":
                replacement = replacement.removeprefix("a ")  # "the PVI team": their article
            elif article:  # "an Öztürk depot": ours, whichever they typed
                lead = lead[: article.start()]
            before = lead.rstrip(" \t\"“'‘(_*")
            if not before or before[-1] in ".!?\n":
                replacement = replacement[0].upper() + replacement[1:]
            out = lead + replacement + out[m.end :]
            self.redactions.append(
                Redaction(
                    *where,
                    before=_context(value, m.start, m.end),
                    after=_context(out, len(lead), len(lead) + len(replacement)),
                    ambiguous=m.doubtful
                    or m.term.text in self.shared
                    or (m.term.capitalised and fold(m.term.text) in self.ordinary),
                )
            )
        return out

    def _addresses(self, value: str, where: Place) -> str:
        """An e-mail address or a web link that holds a protected name goes whole
        ("zoe.osullivan@pvi.ie", "https://www.pvi.ie/team/zoe"): replacing the name inside it
        would leave the rest of the address behind."""
        if "@" not in value and "." not in value:
            return value

        def swap(gone: str) -> Callable[[re.Match[str]], str]:
            def replace_whole(match: re.Match[str]) -> str:
                address = match.group(0)
                spaced = re.sub(r"[._@+/:?=&#-]+", " ", address)
                if not self.finder.find(spaced) and not self.finder.find(spaced.title()):
                    return address
                self.redactions.append(Redaction(*where, before=f"[{address}]", after=f"[{gone}]"))
                return gone

            return replace_whole

        value = EMAIL.sub(swap(EMAIL_GONE), value)
        return _LINK.sub(swap(LINK_GONE), value)

    def quietly(self, value: str) -> str:
        """Scrub text for the terminal (a warning's message): nothing recorded or counted."""
        before = len(self.redactions)
        out = self.text(value)
        del self.redactions[before:]
        return out

    def scrub(self, value: Any, where: Where | None = None, loc: Loc = ()) -> Any:
        """Scrub every string inside plain data (dicts, lists, tuples), noting where it was.

        Keys that hold codes rather than prose (a section key, a status, a time) are left as
        they are: they are checked against fixed values, and no name can hide in them.
        """
        if loc and loc[-1] in _CODES and not isinstance(value, dict | list):
            return value
        if loc and loc[-1] in _READING:
            return value
        if isinstance(value, str):
            return self.text(value, where(loc) if where else (None, None, None))
        if isinstance(value, dict):
            out: dict[Any, Any] = {}
            for k, v in value.items():
                key, scrubbed = self.scrub(k, where, (*loc, k)), self.scrub(v, where, (*loc, k))
                if key in out and isinstance(scrubbed, int) and isinstance(out[key], int):
                    out[key] += scrubbed  # two reasons that named guests now read the same
                else:
                    out[key] = scrubbed
            return out
        if isinstance(value, list | tuple):
            return type(value)(self.scrub(v, where, (*loc, i)) for i, v in enumerate(value))
        return value

    def model(self, model: BaseModel | None, where: Where | None = None) -> Any:
        """Scrub every string field of a validated model, re-validating the result."""
        if model is None or not self.active:
            return model
        try:
            return type(model).model_validate(self.scrub(model.model_dump(), where))
        except ValidationError as exc:
            path = where(())[0] if where else None
            raise DataError(
                [
                    Problem(
                        path,
                        "leaving out a protected guest's name here makes the file invalid "
                        f"({exc.errors()[0]['msg']}); rephrase it without the name",
                    )
                ]
            ) from None


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return (
        ("…" if start > width else "")
        + f"{left}[{text[start:end]}]{right}"
        + ("…" if end + width < len(text) else "")
    ).replace("\n", " ")


def _folded_words_of(name: str) -> set[str]:
    """A name's words and the pieces inside them ("MacDhòmhnaill": macdhomhnaill, mac, ...)."""
    return {fold(p) for w in words(name) for p in {w, *pieces(w)}}


def full_name_forms(guest: schema.Guest) -> list[str]:
    """A guest's whole name as it may be written: as listed, without its particles ("Siân
    Rhys"), the other way round ("Zsófia Kovács" for the Hungarian "Kovács Zsófia", "Rhys,
    Siân"), and as an initial with the surname ("S. ap Rhys")."""
    name = bare_name(guest.name)
    forms = [name]
    name_words = words(name)
    proper = [w for w in name_words if fold(w) not in PARTICLES]
    if len(proper) >= 2:
        forms.append(" ".join(proper))
        forms.append(" ".join(reversed(proper)))
        forms.append(f"{name_words[0][0]}. {' '.join(name_words[1:])}")
    forms += [f.translate(_UMLAUTS) for f in forms if f.translate(_UMLAUTS) != f]
    return list(dict.fromkeys(forms))


def _full_names(guests: Iterable[schema.Guest]) -> Finder:
    """A finder for guests' whole names, in every form they may be written."""
    return Finder([Term(form, PERSON, titled=True) for g in guests for form in full_name_forms(g)])


def names_guest(name: str, guest: schema.Guest, whole: Finder | None = None) -> bool:
    """Whether a person's name, as the data gives it in a role, is the guest's: the full name
    in any of its forms (reordered, without particles, initial and surname), an alias, or
    only words and initials of the guest's name ("Siân Rhys", "S. ap Rhys")."""
    bare = bare_name(_person(name))
    listed = bare_name(re.sub(r"\(.*?\)", " ", name))  # "Rhys, Siân (Trustee)"
    whole = whole or _full_names([guest])
    found = [*whole.find(bare), *whole.find(listed)]
    if any(not m.doubtful for m in found):  # "Lee Sam Khan" is someone else than Sam Lee
        return True
    if fold(bare) in {fold(a) for a in guest.aliases}:
        return True
    own = _folded_words_of(bare_name(guest.name))
    # a nickname is one of her names: "Montse Vilaró" for Montserrat Vilaró i Casals (Montse)
    own |= {
        w
        for alias in guest.aliases
        if not _names_organisation(alias, guest)
        for w in _folded_words_of(alias)
    }
    tokens = [fold(p) for w in words(bare) for p in pieces(w) if fold(p) not in PARTICLES]
    initials = {w[0] for w in own}
    named = [t for t in tokens if len(t) > 1]
    if len(named) == 1 == len(tokens) and named[0] in own:
        return True  # "Dra. Lourenço", "Mrs Pryce", "Lourenço": one of the guest's own names
    return (
        len(tokens) >= 2
        and bool(named)
        and all((t in own) if len(t) > 1 else (t in initials) for t in tokens)
    )


def _proper(folded_words: set[str]) -> set[str]:
    """Name words that identify someone: particles ("Ó", "van") and short words dropped."""
    return {w for w in folded_words if w not in PARTICLES and _long_enough(w)}


#: Scripts in which one character is a syllable or a word: two of them name someone as
#: surely as three Latin letters do (佐藤, 花子, 민준, 小明).
_DENSE = ("CJK UNIFIED", "CJK COMPATIBILITY IDEOGRAPH", "HIRAGANA", "KATAKANA", "HANGUL")


def _long_enough(word: str) -> bool:
    """Whether a name word identifies someone alone: three letters or more ("Ma", "Li" do
    not), or two characters of Chinese, Japanese or Korean (one, 王 or 김, does not)."""
    if len(word) >= 3:
        return True
    return len(word) == 2 and all(
        unicodedata.name(ch, "").removeprefix("HALFWIDTH ").startswith(_DENSE) for ch in word
    )


def _parts_of(terms: list[Term]) -> set[str]:
    """The identifying words of every name term."""
    return {w for t in terms if t.replacement == PERSON for w in _proper(_folded_words_of(t.text))}


def _person(name: str) -> str:
    """The person in "Mrs Alison Jones, Leeds" or "Jo Bloggs (Facilities)": the words before a
    comma or bracket."""
    return re.split(r"[,(;/]| - ", name, maxsplit=1)[0].strip()


#: Letters after a name ("Siân ap Rhys MBE"): honours, degrees, generations.
_POSTNOMINALS = frozenset(
    [
        "mbe",
        "obe",
        "cbe",
        "kbe",
        "dbe",
        "cvo",
        "frs",
        "frcp",
        "frcs",
        "mrcp",
        "phd",
        "dphil",
        "md",
        "mba",
        "msc",
        "bsc",
        "ba",
        "ma",
        "llb",
        "qc",
        "kc",
        "jp",
        "mp",
        "msp",
        "ms",
        "mla",
        "dl",
        "jr",
        "jnr",
        "sr",
        "snr",
        "ii",
        "iii",
        "iv",
        "esq",
    ]
)


def bare_name(name: str) -> str:
    """A name without courtesy titles or letters after it: "Dr Siân ap Rhys MBE, PhD" →
    "Siân ap Rhys"."""
    head, comma, tail = name.partition(",")
    parts = head.split()

    def letters_after(word: str) -> bool:  # "MBE", "M.A.", "Jr", but not the surname "Ma"
        plain = fold(word).replace(".", "")
        generation = plain in {"jr", "jnr", "sr", "snr", "ii", "iii", "iv"}
        return plain in _POSTNOMINALS and (word.isupper() or "." in word or generation)

    while len(parts) > 1 and letters_after(parts[-1]):
        parts.pop()
    while parts and fold(parts[0]).rstrip(".") in TITLES:
        if fold(parts[0]).rstrip(".") in NAME_LIKE_TITLES and len(parts) <= 2:
            break  # "Don Wilson": Don is his name
        parts.pop(0)
    rest = tail.split()
    if comma and not all(fold(w).replace(".", "") in _POSTNOMINALS for w in rest):
        parts += rest  # "Rhys, Siân" is a name written surname first, not letters after it
    return " ".join(parts)


def guest_terms(guest: schema.Guest, host: str) -> list[Term]:
    """Everything that names a guest or their organisation, with its replacement.

    The full name and every tail of it of two words or more ("Ó Súilleabháin", "Ann Mac Giolla
    Phádraig", "Mac Giolla Phádraig") match in any case; one word alone ("Zoë", "Weiß",
    "Müller") matches only with a capital, as names are typed, so that a guest called Long or
    May leaves "too long" and "in May" alone. Words under three letters never match alone,
    but for two characters of Chinese, Japanese or Korean ("佐藤さん"). Scripts without capitals
    (佐藤, محمد, สมชาย) cannot show a name by its case: their words match as typed.
    """
    name = bare_name(guest.name)
    terms = [Term(form, PERSON, titled=True) for form in full_name_forms(guest)]
    name_words = words(name)
    for start in range(1, len(name_words) - 1):  # tails of two words or more
        tail = name_words[start:]
        if _proper({fold(w) for w in tail}):
            terms.append(Term(" ".join(tail), PERSON, titled=True))
    if len(name_words) > 1:
        last = name_words[-1]
        if len(pieces(last)) > 1:  # "O'Neill" alone: "ONeill", "O Neill" too
            terms.append(Term(last, PERSON, titled=True, capitalised=True))
    for word in name_words:
        for part in dict.fromkeys([word, *pieces(word)]):
            if fold(part) not in PARTICLES and _long_enough(part):
                terms.append(Term(part, PERSON, titled=True, capitalised=True))
    # German umlauts are also written out: Müller is Mueller, Jürgen Juergen
    spelled = name.translate(_UMLAUTS)
    if spelled != name:
        terms += [
            replace(t, text=t.text.translate(_UMLAUTS)) for t in terms if t.replacement == PERSON
        ]
    if fold(guest.organisation) != fold(host):
        forms = organisation_forms(guest.organisation)
        # the name as registered matches in any case; a shorter form only with capitals, and
        # flagged: "West Yorkshire" may be the place, not "West Yorkshire Housing Group"
        terms.append(Term(forms[0], ORGANISATION, one_case=True))
        terms += [Term(form, ORGANISATION, proper_case=True) for form in forms[1:]]
        for form in forms:  # "PVI", and "BRC" for "Brecon & Radnor Care Ltd"
            short = initialism(form)
            if len(short) >= 3:
                terms.append(Term(short, ORGANISATION, upper_only=True))
    for alias in guest.aliases:
        kind = ORGANISATION if _names_organisation(alias, guest) else PERSON
        compact = alias.replace(".", "").replace(" ", "")
        terms.append(
            Term(
                alias,
                kind,
                titled=kind == PERSON,
                upper_only=compact.isupper() and len(words(alias)) == 1,  # "CAB", not "cab"
                capitalised=len(words(alias)) == 1 and not compact.isupper(),  # "Sunny"
            )
        )
    return terms


def _names_organisation(alias: str, guest: schema.Guest) -> bool:
    """An alias in capitals that is not the guest's own initials names the organisation."""
    compact = alias.replace(".", "").replace(" ", "")
    if compact.isupper() and compact != initialism(bare_name(guest.name)).upper():
        return True
    return fold(alias) in {fold(f) for f in organisation_forms(guest.organisation)}


def organisation_forms(name: str) -> list[str]:
    """An organisation's name and the shorter forms people write: "Pennine Vale Housing" is
    also "Pennine Vale"; "Fondation Saint-Éloi" is "Saint-Éloi";
    "Kowalczyk Transport Sp. z o.o." is "Kowalczyk Transport". A prefix keeps two words that
    are not small words: "Bank of Ireland" is never "Bank of". One word alone ("Kowalczyk") is
    too likely to be someone else's: the guest's ``aliases`` name it."""
    parts = name.split()
    forms = [name]

    def content(words_: list[str]) -> list[str]:
        return [w for w in words_ if fold(w).strip(".,") not in _STOP]

    for end in range(len(parts) - 1, 1, -1):  # prefixes of two content words or more
        prefix = parts[:end]
        if len(content(prefix)) >= 2 and fold(prefix[-1]).strip(".,") not in _STOP | _GENERIC:
            forms.append(" ".join(prefix))
    core = list(parts)
    while core and fold(core[-1]).strip(".,") in _NOT_DISTINCTIVE:
        core.pop()
    while core and fold(core[0]).strip(".,") in _NOT_DISTINCTIVE:
        core.pop(0)
    # one word alone is too likely someone else's ("the Pennine Way"), unless it is two joined
    # ("Saint-Éloi")
    if core != parts and (len(core) >= 2 or (core and len(pieces(core[0])) >= 2)):
        forms.append(" ".join(core))
    return list(dict.fromkeys(forms))


# --- who else the month names -----------------------------------------------------------------


def named_people(month: MonthData) -> Iterator[tuple[str, str, Loc, str]]:
    """Everyone the month names in a role: (file stem, role, location, name)."""
    meeting = month.meeting
    for n, a in enumerate(meeting.attendees):
        yield "meeting", "an attendee", ("attendees", n), a.name
    if meeting.chair:
        yield "meeting", "the chair", ("chair",), meeting.chair
    leads: BaseModel = meeting.leads  # a model made from the slot keys (schema._per_slot)
    for key, lead in leads.model_dump().items():
        if lead:
            yield "meeting", f"the {key} lead", ("leads", key), lead
    for n, g in enumerate(meeting.guests):
        if not g.chatham_house:
            yield "meeting", "a named guest", ("guests", n, "name"), g.name
    if month.customer.frontline_invite:
        invite = month.customer.frontline_invite
        yield "customer", "the frontline invite", ("frontline_invite", "name"), invite.name
    for n, theme in enumerate(month.customer.themes):
        if theme.owner:
            yield "customer", "a theme owner", ("themes", n, "owner"), theme.owner
    employees = month.sections.get("employees")
    if isinstance(employees, schema.Employees):
        for n, f in enumerate(employees.frontline):
            yield "employees", "a frontline colleague", ("frontline", n, "name"), f.name
    # the decisions asked (actions.yaml) and those the last meeting took (outcomes.yaml)
    logs: list[tuple[str, list[schema.Action], list[str | None]]] = []
    if month.actions:
        logs.append(("actions", month.actions.actions, [d.owner for d in month.actions.decisions]))
    if month.outcomes:
        logs.append(
            ("outcomes", month.outcomes.actions, [d.owner for d in month.outcomes.decisions])
        )
    for stem, actions, owners in logs:
        for n, action in enumerate(actions):
            yield stem, "an action owner", ("actions", n, "owner"), action.owner
        for n, owner in enumerate(owners):
            if owner:
                yield stem, "a decision owner", ("decisions", n, "owner"), owner


def people_named(month: MonthData) -> list[str]:
    """Everyone named in the month who is not a protected guest: they must stay readable."""
    names = [name for _, _, _, name in named_people(month)]
    names += [n.customer for n in month.customer.narratives if not n.guest]
    return names


def guests_named_elsewhere(month: MonthData, guests: Iterable[schema.Guest]) -> list[Problem]:
    """A protected guest also named in a role is the same person: refuse, saying how to fix.

    Each place is reported once, for the first guest it names: this meeting's guests come
    first, so a guest who is also on an earlier meeting's list is not reported twice."""
    problems = []
    reported: set[tuple[str, Loc]] = set()
    for guest in guests:
        if not guest.chatham_house:
            continue
        this_month = any(guest is g for g in month.meeting.guests)
        where = (
            "this meeting.yaml's guests"
            if this_month
            else "a guest of an earlier meeting, still protected: see that month's meeting.yaml"
        )
        fix = (
            "or set chatham_house: false on the guest if they agreed to be named"
            if this_month
            else "or, if they agreed to be named, set chatham_house: false on that earlier guest"
        )
        whole = _full_names([guest])
        for stem, role, loc, name in named_people(month):
            if (stem, loc) not in reported and names_guest(name, guest, whole):
                reported.add((stem, loc))
                problems.append(
                    month.problem(
                        stem,
                        loc,
                        f"'{name}' is {role} and also the protected guest '{guest.name}' "
                        f"({where}, under the Chatham House rule), so the pack would name "
                        "them: remove the name here (guests are listed as 'a customer "
                        f"guest'), {fix}",
                    )
                )
    return problems


# --- the month --------------------------------------------------------------------------------


def _in(file: YamlFile | None, fallback: Path) -> Where:
    """Locate strings of one loaded file (or name the file alone)."""
    if file is None:
        return lambda loc: (fallback, None, None)

    def where(loc: Loc) -> tuple[Path | None, int | None, int | None]:
        found = file.marks.locate(loc)
        return (file.path, *found) if found else (file.path, None, None)

    return where


def protect(
    month: MonthData, history: list[MonthSignal], earlier_guests: Iterable[schema.Guest]
) -> tuple[MonthData, list[MonthSignal], Redactor]:
    """Return the month and its history with every protected name scrubbed from free text.

    Raises DataError when a protected guest is also named in a role (attendee, lead, owner...).
    """
    guests = [*month.meeting.guests, *earlier_guests]
    conflicts = guests_named_elsewhere(month, guests)
    if conflicts:
        raise DataError(conflicts)
    redactor = Redactor.for_guests(guests, month.meeting.organisation, people_named(month))
    if not redactor.active:
        return month, history, redactor
    addresses = guest_addresses(month, redactor)
    if addresses:
        raise DataError(addresses)
    redactor.note_ordinary_words(_texts(month))
    month, history = scrub_month(redactor, month, history)
    return month, history, redactor


def guest_addresses(month: MonthData, redactor: Redactor) -> list[Problem]:
    """An attendee's e-mail address that names a protected guest or their organisation: refuse.

    The address is kept as typed (the invite sends to it), so it is checked instead of
    scrubbed. Its part before the @ may hold the attendee's own name words ("jo.pryce" for the
    attendee Jo Pryce, though the guest Janet Pryce shares the surname); anything else the
    redactor would remove (the guest's name, their organisation's domain) is refused.
    """
    problems = []
    for n, attendee in enumerate(month.meeting.attendees):
        if not attendee.email:
            continue
        local, _, domain = attendee.email.rpartition("@")
        own = {fold(w) for w in words(attendee.name)}
        parts = [fold(p) for p in re.split(r"[._+'-]+", local) if p]
        names_guest = redactor.quietly(f"x@{domain}") != f"x@{domain}" or (
            redactor.quietly(f"{local}@example.invalid") != f"{local}@example.invalid"
            and not all(p in own for p in parts)
        )
        if names_guest:
            problems.append(
                month.problem(
                    "meeting",
                    ("attendees", n, "email"),
                    f"the e-mail address of '{attendee.name}' names a protected guest or their "
                    "organisation (under the Chatham House rule), and the meeting invite would "
                    "show it: give the attendee's own address, or leave email out",
                )
            )
    return problems


def scrub_month(
    redactor: Redactor, month: MonthData, history: list[MonthSignal]
) -> tuple[MonthData, list[MonthSignal]]:
    """Every string of a month and its history with the redactor's names replaced (the group
    pack runs every unit through the guests of all units)."""

    def where(stem: str) -> Where:
        return _in(month.sources.get(stem), month.folder / f"{stem}.yaml")

    meeting = month.meeting
    scrubbed_meeting = redactor.model(meeting.model_copy(update={"guests": []}), where("meeting"))
    scrubbed_meeting = scrubbed_meeting.model_copy(
        update={"guests": meeting.guests, "organisation": meeting.organisation}
    )
    sections = {key: redactor.model(value, where(key)) for key, value in month.sections.items()}
    answers = month.answers
    if answers is not None:
        for groups in (answers.by_segment, answers.by_channel):
            _scrub_groups(redactor, groups, answers.path)
    picked = month.picked
    if answers is not None:  # only the survey comments the pack quotes: the rest are counted

        def at(line: int | None) -> Where:
            assert answers is not None
            return lambda loc: (answers.path, line, None)

        picked = [(redactor.model(v, at(line)), line) for v, line in month.picked]
    customer_at = where("customer")
    themes = [
        replace(
            t,
            name=redactor.text(t.name, customer_at(("themes", n, "name"))),
            keywords=tuple(
                redactor.text(k, customer_at(("themes", n, "keywords"))) for k in t.keywords
            ),
        )
        for n, t in enumerate(month.themes)
    ]
    scrubbed = replace(
        month,
        withheld=frozenset(path for path in month.files if names_a_guest(redactor, path)),
        warnings=[replace(w, message=redactor.quietly(w.message)) for w in month.warnings],
        meeting=scrubbed_meeting,
        customer=sections["customer"],
        sections=sections,
        actions=redactor.model(month.actions, where("actions")),
        outcomes=redactor.model(month.outcomes, where("outcomes")),
        themes=themes,
        picked=picked,
    )
    workspace = month.folder.parent
    history = [
        replace(
            signal,
            themes=redactor.scrub(signal.themes, _in(None, workspace / signal.period)),
            counted=frozenset(map(redactor.quietly, signal.counted)),  # named as its themes
            reasons=redactor.scrub(signal.reasons, _in(None, workspace / signal.period)),
            actions=tuple(
                redactor.model(a, _in(None, workspace / signal.period / "actions.yaml"))
                for a in signal.actions
            )
            if signal.actions is not None
            else None,
        )
        for signal in history
    ]
    return scrubbed, history


def scrub_last(redactor: Redactor, last: LastMeeting | None) -> LastMeeting | None:
    """The last meeting's outcomes with the redactor's names replaced: the pack lists its
    decisions."""
    if last is None or not redactor.active:
        return last
    return replace(last, outcomes=redactor.model(last.outcomes, _in(last.file, last.file.path)))


def _texts(month: MonthData) -> Iterator[str]:
    """Every string of the month's data, for the words it uses."""

    def walk(value: Any) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                yield from walk(item)

    for model in (month.meeting, *month.sections.values(), month.actions):
        if model is not None:
            yield from walk(model.model_dump())
    yield from (v.text for v, _ in month.picked)


def _scrub_groups(redactor: Redactor, groups: dict[str, Counter[int]], path: Path) -> None:
    """Survey segments and channels are typed by people too ("Siân ap Rhys line"); groups
    that read the same once scrubbed are counted together."""
    for name in list(groups):
        scrubbed = redactor.text(name, (path, None, None))
        if scrubbed != name:
            tally = groups.pop(name)
            if scrubbed in groups:
                groups[scrubbed] = groups[scrubbed] + tally
            else:
                groups[scrubbed] = tally


def names_a_guest(redactor: Redactor, path: Path) -> bool:
    """Whether a file's name holds a protected guest's name, surname or alias, or their
    organisation: file names are written in lower case ("enquesta_montserrat_vilaro.csv",
    "enquesta-vilaro-acm.csv"), where a name's capital cannot tell it from a word, so its
    words are read in capitals, separators (_ - .) as spaces. Such a name is withheld whole:
    scrubbing half of it would leave the rest to read."""
    spaced = re.sub(r"[\s_.\-]+", " ", path.name).strip()
    found = redactor.finder.find(spaced.upper()) or redactor.finder.find(spaced)
    if found:
        redactor.redactions.append(Redaction(path, None, None, f"[{path.name}]", "[withheld]"))
    return bool(found)


def write_report(redactor: Redactor, path: Path) -> None:
    """Write every replacement, located, for the assistant to check before sending the pack."""
    lines = [
        "# Chatham House redaction report: for the assistant's eyes only. It quotes the names",
        "# the pack leaves out; do not send it with the pack.",
        f"# {redactor.count} replacement(s); "
        f"{len(redactor.ambiguous)} that may not mean the guest (marked: check these).",
    ]
    for r in redactor.redactions:
        where = Problem(r.path, "", r.line, r.column).where() or "(unknown file)"
        flag = "  [may not mean the guest: check]" if r.ambiguous else ""
        lines.append(f"{where}: {r.before}  →  {r.after}{flag}")
    tmp = path.with_name(f".{path.name}.tmp")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)
