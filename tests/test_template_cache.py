"""Templates are compiled once per machine into jinja's bytecode cache; a cache that is
spoilt or cannot be written must never change a sentence or stop a build."""

from __future__ import annotations

import pytest

import agenda.text as text


@pytest.fixture
def fresh_env(monkeypatch):
    """The wording environment built anew with the cache this test sets up, then rebuilt."""
    text._env.cache_clear()
    yield monkeypatch
    text._env.cache_clear()


def _wording() -> tuple[str, ...]:
    """Sentences rendered through the environment: one line and one list."""
    return (text.say("agenda.focus_customer"), *text.say_lines("agenda.questions_customer"))


def test_a_spoilt_cache_file_is_passed_over(fresh_env, tmp_path):
    expected = _wording()
    text._env.cache_clear()
    fresh_env.setattr(text, "_compiled", lambda: text._Compiled(str(tmp_path)))
    text._env().get_template("words/agenda.j2")  # compiled and written to the cache
    files = list(tmp_path.glob("*.cache"))
    assert files, "the compiled template was cached"
    for file in files:  # cut short, as a full disk or a killed process could leave it
        file.write_bytes(file.read_bytes()[: file.stat().st_size // 2])
    text._env.cache_clear()
    assert _wording() == expected


def test_a_cache_that_cannot_be_written_is_passed_over(fresh_env, tmp_path):
    expected = _wording()
    text._env.cache_clear()
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("x")
    fresh_env.setattr(text, "_compiled", lambda: text._Compiled(str(blocked)))
    assert _wording() == expected


def test_the_sample_builds_the_same_with_a_warm_cache(run_cli, tmp_path):
    from conftest import SAMPLE_MONTH, docx_items

    said = []
    for run in ("cold", "warm"):
        text._env.cache_clear()
        out = tmp_path / run
        assert run_cli("build", SAMPLE_MONTH, "--out", out, "--format", "docx").exit_code == 0
        said.append([i.text for i in docx_items(next(out.glob("*.docx")))])
    assert said[0] == said[1]
