"""Property-based tests: whatever text a user pastes, the tool builds or refuses cleanly.

Bounded so CI stays quick: a few hundred loader cases, a few dozen whole builds.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from agenda.cli import cli
from agenda.sources import YamlProblems, load_yaml

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BUILDS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.one_of(st.text(max_size=300), st.binary(max_size=300)))
def test_yaml_loader_returns_data_or_located_problems(content):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.yaml"
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", errors="surrogatepass")
        else:
            path.write_bytes(content)
        try:
            load_yaml(path)
        except YamlProblems as exc:
            assert exc.problems and all(p.path == path for p in exc.problems)


YAML_SPECIALS = st.sampled_from(
    [
        "",
        " ",
        "- x",
        ": :",
        "{",
        "]",
        "&a",
        "*a",
        "!!python/object",
        "%",
        "@",
        "`",
        "'",
        '"',
        "# not a comment",
        "null",
        "~",
        "yes",
        "10:30",
        "1e400",
        ".nan",
        "\u202e",
        "\ufeff",
    ]
)
PRINTABLE = st.text(
    st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=80
).filter(str.strip)
# Mostly printable text of any script (which must build), some raw text and YAML specials
# (which must build or be refused cleanly).
TEXT = st.one_of(PRINTABLE, PRINTABLE, PRINTABLE, PRINTABLE, st.text(max_size=80), YAML_SPECIALS)


@BUILDS
@given(
    organisation=TEXT,
    title=TEXT,
    customer=TEXT,
    story=TEXT,
    channel=TEXT,
    verbatim=TEXT,
    theme=TEXT,
    sla=TEXT,
    action=TEXT,
    guest=TEXT,
)
def test_any_text_in_string_fields_builds_or_fails_cleanly(
    organisation, title, customer, story, channel, verbatim, theme, sla, action, guest
):
    files = {
        "meeting.yaml": {
            "organisation": organisation,
            "period": "2026-11",
            "date": "2026-11-19",
            "guests": [{"name": guest, "organisation": guest + " Ltd"}],
        },
        "customer.yaml": {
            "nps": {"counts": {"promoters": 5, "passives": 3, "detractors": 2}},
            "narratives": [
                {"title": title, "customer": customer, "story": story, "channel": channel}
            ],
            "verbatims": [{"text": verbatim, "score": 3, "channel": channel, "theme": theme}],
            "themes": [{"name": theme, "mentions": 4}],
        },
        "operations.yaml": {"slas": [{"name": sla, "target": 1, "actual": 2, "theme": theme}]},
        "actions.yaml": {
            "actions": [
                {
                    "id": action,
                    "title": action,
                    "owner": customer,
                    "due": "2026-12-01",
                    "status": "open",
                    "section": "customer",
                }
            ]
        },
    }
    with tempfile.TemporaryDirectory() as tmp:
        month = Path(tmp) / "2026-11"
        month.mkdir()
        for name, data in files.items():
            (month / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        result = CliRunner().invoke(
            cli, ["build", str(month), "--out", str(Path(tmp) / "out")], catch_exceptions=False
        )
        assert result.exit_code in (0, 65), result.output
        event("built" if result.exit_code == 0 else "refused")
        written = list((Path(tmp) / "out").glob("*")) if (Path(tmp) / "out").exists() else []
        if result.exit_code == 0:
            assert len(written) == 2
        else:
            assert written == [] and ": error: " in result.stderr
