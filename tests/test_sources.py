"""The YAML reader: safe, located, and strict about what it accepts."""

from __future__ import annotations

import datetime as dt

import pytest

from agenda.sources import MAX_DEPTH, YamlProblems, load_yaml


def _load(tmp_path, text: str | bytes):
    path = tmp_path / "x.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return load_yaml(path)


def _problems(tmp_path, text) -> list[str]:
    with pytest.raises(YamlProblems) as caught:
        _load(tmp_path, text)
    return [str(p) for p in caught.value.problems]


def test_times_stay_text_not_base_60_numbers(tmp_path):
    data = _load(tmp_path, "start: 10:30\nother: 09:15\n").data
    assert data == {"start": "10:30", "other": "09:15"}


def test_dates_become_dates_and_marks_point_at_keys_and_values(tmp_path):
    file = _load(tmp_path, "meeting:\n  date: 2026-11-19\n")
    assert file.data["meeting"]["date"] == dt.date(2026, 11, 19)
    assert file.marks.keys[("meeting", "date")] == (2, 3)
    assert file.marks.values[("meeting", "date")] == (2, 9)


def test_every_duplicate_key_is_reported(tmp_path):
    assert _problems(tmp_path, "a: 1\nb: 2\na: 3\nb: 4\n") == [
        "x.yaml:3:1: duplicate key 'a' (first given on line 1); each key may appear once",
        "x.yaml:4:1: duplicate key 'b' (first given on line 2); each key may appear once",
    ]


def test_alias_bomb_is_stopped(tmp_path):
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for n in range(1, 9):
        prev = chr(ord("a") + n - 1)
        cur = chr(ord("a") + n)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 10) + "]")
    problems = _problems(tmp_path, "\n".join(lines) + "\n")
    assert len(problems) == 1
    assert "alias bomb" in problems[0]


def test_deep_nesting_is_refused(tmp_path):
    text = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    assert any("nested more than" in p for p in _problems(tmp_path, text))


def test_non_utf8_file_is_located(tmp_path):
    problems = _problems(tmp_path, "title: ok\nname: caf\xe9\n".encode("latin-1"))
    assert problems == ["x.yaml:2:10: file is not UTF-8 text; save it as UTF-8"]


def test_utf8_bom_is_accepted(tmp_path):
    assert _load(tmp_path, "\ufefftitle: ok\n").data == {"title": "ok"}


def test_merge_keys_are_refused(tmp_path):
    problems = _problems(tmp_path, "base: &b {x: 1}\nother:\n  <<: *b\n")
    assert problems == ["x.yaml:3:3: merge keys '<<' are not supported: write the keys out"]


def test_empty_file_loads_as_empty_mapping(tmp_path):
    assert _load(tmp_path, "# nothing yet\n").data == {}
