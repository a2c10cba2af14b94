"""Chatham House in scripts without letter case: Japanese, Chinese, Korean, Arabic, Hebrew,
Thai, Devanagari.

The case rules that tell a name from an ordinary word in Latin script ("Sheffield homes" is not
"Sheffield Homes", "too long" is not Mr Long) cannot apply to text that has no capitals: such
text meets every case requirement, so a guest's organisation, name words and aliases written
in these scripts are replaced like any other, inside running text without spaces too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MEETING, write_month
from hypothesis import given, settings
from hypothesis import strategies as st
from test_trust import _all_text

from agenda import schema
from agenda.names import Finder, Term, words
from agenda.protect import Redactor


def _scrub(text: str, name: str, organisation: str, aliases: tuple[str, ...] = ()) -> str:
    guest = schema.Guest(name=name, organisation=organisation, aliases=list(aliases))
    return Redactor.for_guests([guest], "Acme Water", []).text(text)


@pytest.mark.parametrize(
    ("organisation", "typed", "shown"),
    [
        ("東京住宅供給公社", "東京住宅供給公社", "A customer organisation"),
        ("東京住宅供給公社", "東京住宅供給公社の空室が多い", "A customer organisationの空室が多い"),
        ("東京住宅供給公社", "昨年、東京住宅供給公社の空室", "昨年、a customer organisationの空室"),
        ("東京都", "東京都", "A customer organisation"),
        ("東京都", "今年の東京都の住宅", "今年のa customer organisationの住宅"),
        ("서울주택도시공사", "서울주택도시공사", "A customer organisation"),
        ("서울주택도시공사", "서울주택도시공사의 답변", "A customer organisation의 답변"),
        ("北京住房公司", "他说北京住房公司很慢", "他说a customer organisation很慢"),
        ("شركة الإسكان الوطنية", "شركة الإسكان الوطنية", "A customer organisation"),
        # a shorter form (the name without its last word), as for "Pennine Vale"
        ("شركة الإسكان الوطنية", "قالت شركة الإسكان ذلك", "قالت a customer organisation ذلك"),
        ("עמידר החברה הלאומית לשיכון", "עמידר החברה הלאומית לשיכון", "A customer organisation"),
        ("การเคหะแห่งชาติ", "ติดต่อการเคหะแห่งชาติแล้ว", "ติดต่อa customer organisationแล้ว"),
        # mixed scripts: the Latin letters keep their case rule, the rest has none
        ("JR東日本", "jr東日本の駅", "A customer organisationの駅"),
    ],
)
def test_an_organisation_in_a_caseless_script_is_replaced(organisation, typed, shown):
    assert _scrub(typed, "Anna Nowak", organisation) == shown


@pytest.mark.parametrize(
    ("name", "typed", "shown"),
    [
        # each word of the name alone, as a Latin "Zoë" or "Smith" alone
        ("محمد الأحمد", "قال محمد ذلك", "قال a customer guest ذلك"),
        ("محمد الأحمد", "الأحمد", "A customer guest"),
        ("דוד כהן", "אמר דוד", "אמר a customer guest"),
        ("דוד כהן", "כהן", "A customer guest"),
        ("สมชาย ศรีสวัสดิ์", "สมชายบอกว่า", "A customer guestบอกว่า"),
        # Thai and Devanagari vowel signs belong to the word: nothing of it is left behind
        ("สมชาย ศรีสวัสดิ์", "สมชาย ศรีสวัสดิ์ มาแล้ว", "A customer guest มาแล้ว"),
        ("สมชาย ศรีสวัสดิ์", "คุณศรีสวัสดิ์บอก", "คุณa customer guestบอก"),
        ("प्रिया शर्मा", "प्रिया शर्मा ने कहा", "A customer guest ने कहा"),
        ("प्रिया शर्मा", "शर्मा जी ने कहा", "A customer guest जी ने कहा"),
        # two characters of Chinese, Japanese or Korean say as much as a Latin surname
        ("佐藤 花子", "佐藤さんによると", "A customer guestさんによると"),
        ("佐藤 花子", "花子さんが来た", "A customer guestさんが来た"),
        ("김 민준", "민준 씨가 말했다", "A customer guest 씨가 말했다"),
        ("王 小明", "他说小明很忙", "他说a customer guest很忙"),
    ],
)
def test_a_guests_name_words_in_a_caseless_script_are_replaced(name, typed, shown):
    assert _scrub(typed, name, "Anywhere Ltd") == shown


@pytest.mark.parametrize(
    ("alias", "typed", "shown"),
    [
        ("小张", "小张说", "A customer guest说"),
        ("北住", "我们问了北住的人", "我们问了a customer guest的人"),
        ("أبو أحمد", "قال أبو أحمد", "قال a customer guest"),
        # an alias that is a form of the organisation's name stands for the organisation
        ("北京住房公司", "北京住房公司的人", "A customer organisation的人"),
    ],
)
def test_aliases_in_a_caseless_script_are_replaced(alias, typed, shown):
    assert _scrub(typed, "张伟", "北京住房公司", (alias,)) == shown


def test_one_character_of_a_chinese_or_korean_name_is_not_a_name():
    """A one-character surname (王, 김) is in too many words to stand for the guest alone."""
    assert _scrub("王府井很远", "王 小明", "Anywhere Ltd") == "王府井很远"
    assert _scrub("김치가 맛있다", "김 민준", "Anywhere Ltd") == "김치가 맛있다"


def test_a_caseless_name_is_flagged_only_when_someone_else_shares_it():
    """Two characters identify someone: the guest's own name is not "may mean someone else"
    (which ``--strict`` refuses), unless another person named in the data carries it."""
    guests = [schema.Guest(name="佐藤 花子", organisation="東京住宅供給公社")]
    alone = Redactor.for_guests(guests, "Acme Water", [])
    assert alone.text("佐藤 花子さんと张さん") == "A customer guestさんと张さん"
    assert alone.redactions and not alone.ambiguous
    chinese = Redactor.for_guests([schema.Guest(name="张伟", organisation="X Y")], "Acme", [])
    chinese.text("张伟说")
    assert chinese.redactions and not chinese.ambiguous
    shared = Redactor.for_guests(guests, "Acme Water", ["佐藤 一郎"])
    assert shared.text("佐藤 一郎と佐藤さん") == "佐藤 一郎とa customer guestさん"
    assert len(shared.redactions) == 1 and shared.ambiguous


def test_the_case_rule_holds_for_latin_letters_beside_caseless_ones():
    """Caseless letters meet any case rule; cased letters beside them still follow theirs."""
    finder = Finder(
        [Term("Ｔａｎａｋａ", "x", capitalised=True), Term("東京Gas", "y", proper_case=True)]
    )
    assert [m.term.replacement for m in finder.find("Ｔａｎａｋａ and 東京Gas")] == ["x", "y"]
    assert finder.find("ｔａｎａｋａ and 東京gas") == []


def test_a_word_keeps_its_vowel_signs():
    assert words("สมชาย ศรีสวัสดิ์") == ["สมชาย", "ศรีสวัสดิ์"]
    assert words("प्रिया शर्मा") == ["प्रिया", "शर्मा"]


_ORGANISATIONS = ["東京住宅供給公社", "서울주택도시공사", "北京住房公司", "การเคหะแห่งชาติ"]
_AROUND = st.text(alphabet="のはが、。空室多い의는답변很慢的แล้วบอก 0123", max_size=8)


@settings(max_examples=100, deadline=None)
@given(organisation=st.sampled_from(_ORGANISATIONS), before=_AROUND, after=_AROUND)
def test_a_caseless_organisation_never_survives_inside_any_text(organisation, before, after):
    scrubbed = _scrub(f"{before}{organisation}{after}", "Anna Nowak", organisation)
    assert organisation not in scrubbed


def test_the_build_leaves_a_caseless_guest_and_organisation_out_of_every_file(tmp_path, run_cli):
    meeting = MEETING + "guests: [{name: 佐藤 花子, organisation: 東京住宅供給公社}]\n"
    customer = """\
nps:
  counts: {promoters: 50, passives: 30, detractors: 20}
themes: [{name: 東京住宅供給公社, mentions: 5}]
narratives:
  - title: 東京住宅供給公社の空室
    customer: Mrs Jones
    story: 佐藤さんによると、東京住宅供給公社の空室が多い。佐藤 花子さんも同意した。
    channel: Phone
verbatims:
  - {text: 東京住宅供給公社は遅い, channel: Email}
"""
    month = write_month(tmp_path / "ws", {"meeting.yaml": meeting, "customer.yaml": customer})
    out = tmp_path / "out"
    result = run_cli("build", month, "--out", out)
    assert result.exit_code == 0, result.output
    assert "Chatham House: 0 mentions" not in result.output
    paths = list(out.iterdir())
    assert {p.suffix for p in paths} == {".docx", ".pptx"}
    for path in paths:
        text = _all_text(Path(path))
        for secret in ("東京住宅供給公社", "佐藤", "花子"):
            assert secret not in text, (path.name, secret)
    assert "東京" not in result.output and "佐藤" not in result.output
