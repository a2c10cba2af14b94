"""``agenda serve``: what triggers a rebuild, the page it serves, and what it never does.

The server runs in its own process (tests/serve_support.py), as a user runs it; rebuilds are
waited for on its /events stream. The browser's view is tests/test_serve_browser.py.
"""

from __future__ import annotations

import re
import socket
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE
from serve_support import copy_sample, serving, stop
from watchfiles import Change

from agenda.cli import cli
from agenda.pipeline import prepare
from agenda.serve import (
    EMPTY,
    Attempt,
    Preview,
    Watched,
    attempt,
    problems_panel,
    served,
    watch_filter,
)
from packs.html_writer import html_document
from packs.theme import Look

# --- what triggers a rebuild ------------------------------------------------------------------


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """Three month folders and a non-month folder beside them, with agenda.yaml."""
    for name in ("2026-09", "2026-10", "2026-11", "2026-12", "out"):
        (tmp_path / "ws" / name).mkdir(parents=True)
    (tmp_path / "ws" / "agenda.yaml").write_text("theme: {template: harbour}\n", encoding="utf-8")
    return tmp_path / "ws"


def test_a_rebuild_follows_the_month_earlier_months_and_agenda_yaml(workspace: Path) -> None:
    watched = Watched.of(workspace / "2026-11")
    keep = watch_filter(watched)
    ws = workspace.resolve()
    assert watched.root == ws
    rebuilds = [
        ws / "2026-11" / "operations.yaml",
        ws / "2026-11" / "northwind-november-survey.csv",  # a survey export it reads
        ws / "2026-11" / "outcomes.yaml",  # a file created in the month
        ws / "2026-10" / "customer.yaml",  # last month: the change since
        ws / "2026-09" / "actions.yaml",  # an older month: the action log, trends
        ws / "2026-08",  # an earlier month folder made or removed
        ws / "agenda.yaml",  # the look
    ]
    for path in rebuilds:
        for change in (Change.added, Change.modified, Change.deleted):
            assert keep(change, str(path)), f"{path} ({change.name}) should rebuild"


def test_other_files_do_not_trigger_a_rebuild(workspace: Path, tmp_path: Path) -> None:
    keep = watch_filter(Watched.of(workspace / "2026-11"))
    ws = workspace.resolve()
    ignored = [
        ws / "2026-12" / "meeting.yaml",  # a later month: this pack never reads it
        ws / "out" / "northwind-utilities-2026-11-leadership-pack.docx",  # built files
        ws / "notes.txt",  # beside the months, not read
        ws / "2026-11" / ".operations.yaml.swp",  # vim's swap file
        ws / "2026-11" / "operations.yaml~",  # a backup copy
        ws / "2026-11" / ".#operations.yaml",  # Emacs' lock file
        ws / ".git" / "index",
        ws,  # the workspace folder itself
        ws.parent,
        tmp_path.resolve() / "elsewhere" / "agenda.yaml",  # outside the workspace
    ]
    for path in ignored:
        assert not keep(Change.modified, str(path)), f"{path} should not rebuild"


def test_a_workspace_of_units_is_watched_from_its_agenda_yaml(tmp_path: Path) -> None:
    """acme/agenda.yaml, acme/north/2026-11: the folder holding agenda.yaml is watched, and
    another unit's months are not this pack's."""
    (tmp_path / "acme" / "north" / "2026-11").mkdir(parents=True)
    (tmp_path / "acme" / "south" / "2026-10").mkdir(parents=True)
    (tmp_path / "acme" / "agenda.yaml").write_text("units: {}\n", encoding="utf-8")
    watched = Watched.of(tmp_path / "acme" / "north" / "2026-11")
    acme = (tmp_path / "acme").resolve()
    assert watched.root == acme
    assert watched.triggers(acme / "agenda.yaml")
    assert watched.triggers(acme / "north" / "agenda.yaml")  # would be read first, if made
    assert watched.triggers(acme / "north" / "2026-10" / "customer.yaml")
    assert not watched.triggers(acme / "south" / "2026-10" / "customer.yaml")


def test_the_looks_logo_and_theme_folder_rebuild_too(workspace: Path) -> None:
    ws = workspace.resolve()
    look = Look(
        "brand", ws / "brand" / "base.pptx", ws / "brand" / "base.docx", logo=ws / "logo.png"
    )
    watched = Watched.of(workspace / "2026-11").with_look(look)
    assert watched.triggers(ws / "logo.png")
    assert watched.triggers(ws / "brand" / "theme.yaml")
    assert not watched.triggers(ws / "other.png")


# --- the page ----------------------------------------------------------------------------------


def _broken(month: Path, old: str, new: str) -> None:
    path = month / "operations.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_page_shows_validates_lines_escaped_above_the_last_good_pack(tmp_path: Path) -> None:
    ws = copy_sample(SAMPLE, tmp_path / "ws")
    month = ws / "2026-11"
    preview = Preview()
    preview.update(attempt(month))
    _broken(month, "    target: 80\n", '    target: 80\n    "<b onmouseover=alert(1)>x</b>": 1\n')
    preview.update(attempt(month))
    page = preview.page().decode("utf-8")
    panel, _, pack = page.partition("</ul></div>")
    assert "<b onmouseover" not in page and "&lt;b onmouseover=alert(1)&gt;x&lt;/b&gt;" in panel
    # validate's own line: the place, then the message
    assert "ws/2026-11/operations.yaml:4:5: error: slas[0]: unknown key" in panel
    assert "the last one that built" in panel
    assert re.search(r"<h[12][^>]*>Customer</h[12]>", pack)  # the last good pack, below


def test_before_any_pack_builds_the_page_says_so(tmp_path: Path) -> None:
    ws = copy_sample(SAMPLE, tmp_path / "ws")
    _broken(ws / "2026-11", "    target: 80\n", "    targt: 80\n")
    preview = Preview()
    preview.update(attempt(ws / "2026-11"))
    page = preview.page().decode("utf-8")
    assert "no pack has built yet" in page
    assert "unknown key &#x27;targt&#x27; (did you mean &#x27;target&#x27;?)" in page
    assert "<main" not in page


def test_only_the_served_copy_carries_the_reload_script() -> None:
    pack = prepare(SAMPLE / "2026-11")
    document = html_document(pack, Look("default", Path("base.pptx"), Path("base.docx")))
    assert "<script" not in document.lower()  # the file build writes: readable without JS
    page = served(document, "", 7)
    assert page.count("<script") == 1
    assert '<script src="/agenda-serve.js" data-version="7"></script></body>' in page
    assert page.replace('<script src="/agenda-serve.js" data-version="7"></script>', "") == document


def test_a_documents_own_security_policy_is_dropped_only_when_served() -> None:
    """A policy forbidding scripts (right for the file) would stop the page reloading."""
    document = (
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'\"></head><BODY class=pack><main>x</main></BODY></html>"
    )
    page = served(document, "<section>panel</section>", 1)
    assert "Content-Security-Policy" not in page
    assert "<BODY class=pack><section>panel</section><main>" in page
    assert page.endswith('data-version="1"></script></BODY></html>')


def test_warnings_are_shown_but_do_not_stop_the_pack() -> None:
    panel = problems_panel([], ["ws/2026-11/meeting.yaml:3:7: warning: a <date>"], stale=False)
    assert "1 warning(s): the pack is built." in panel and "a &lt;date&gt;" in panel
    assert problems_panel([], [], stale=True) == ""


def test_served_without_any_document_is_a_whole_page() -> None:
    page = served(None, problems_panel(["x: error: y"], [], stale=False), 1)
    assert page.startswith(EMPTY[: EMPTY.index("<body>")])
    assert "x: error: y" in page and page.rstrip().endswith("</html>")


def test_a_waiting_stream_is_released_when_the_server_stops() -> None:
    preview = Preview()
    assert preview.wait(None, timeout=0) == 0  # a new stream gets the version at once
    preview.stop()
    assert preview.wait(0, timeout=60) == 0  # returns at once, not after the minute


def test_an_internal_error_keeps_the_last_good_pack(tmp_path: Path) -> None:
    preview = Preview()
    preview.update(Attempt("<html><body><main>good</main></body></html>"))
    preview.update(Attempt(None, ("Internal error while building: KeyError: 'x'",)))
    page = preview.page().decode()
    assert "good" in page and "KeyError" in page


# --- the command --------------------------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under ``folder`` with its size and modification time."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
    }


@pytest.mark.skipif(sys.platform == "win32", reason="stopped with SIGINT (Ctrl-C)")
def test_serve_rebuilds_on_a_change_and_never_writes_into_the_data(tmp_path: Path) -> None:
    ws = copy_sample(SAMPLE, tmp_path / "ws")
    month = ws / "2026-11"
    with serving(month, cwd=tmp_path) as server:
        assert server.url.startswith("http://127.0.0.1:")
        status, page = server.get()
        assert (
            status == 200
            and re.search(r"<h[12][^>]*>Customer</h[12]>", page)
            and "agenda-serve-problems" not in page
        )
        with server.events() as versions:
            assert next(versions) == 1  # the version now, at once
            _broken(month, "    target: 80\n", "    targt: 80\n")
            before = _snapshot(ws)  # after our own edit
            # rebuilt and announced without asking
            page = server.page_when(versions, "unknown key")
        assert "ws/2026-11/operations.yaml:3:5: error: slas[0]: unknown key" in page
        assert "did you mean &#x27;target&#x27;?" in page
        assert re.search(r"<h[12][^>]*>Customer</h[12]>", page)  # the last good pack stays
        assert _snapshot(ws) == before  # nothing written into the month, or anywhere near it
        assert any("unknown key 'targt'" in line for line in server.err)  # and at the terminal
    assert server.process.returncode == 0
    assert server.out[-1] == "Stopped."
    assert not any("Traceback" in line for line in server.err)


@pytest.mark.skipif(not Path("/proc/net/tcp").is_file(), reason="reads Linux's socket table")
def test_serve_listens_on_127_0_0_1_unless_told(tmp_path: Path) -> None:
    option = next(p for p in cli.commands["serve"].params if p.name == "host")
    assert option.default == "127.0.0.1"
    with serving(SAMPLE / "2026-11", cwd=tmp_path) as server:
        port = int(server.url.rsplit(":", 1)[1].strip("/"))
        listening = [
            line.split()[1]
            for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
            if line.split()[3] == "0A"  # LISTEN
        ]
        assert f"0100007F:{port:04X}" in listening  # 127.0.0.1, little-endian
        assert f"00000000:{port:04X}" not in listening  # not every interface
        # a web page whose own name was pointed at 127.0.0.1 may not read the pack
        assert server.get(host="attacker.example:80")[0] == 403
        assert server.get(host=f"localhost:{port}")[0] == 200
        assert server.get("/nothing")[0] == 404


def test_a_port_in_use_is_a_clear_error(tmp_path: Path, run_cli) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", SAMPLE / "2026-11", "--port", str(port))
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"Usage error: port {port} on 127.0.0.1 is already in use (another agenda serve, or "
        "another server?); stop it, or choose another port with --port"
    )
    assert result.stdout == ""  # said before any work


def test_serve_refuses_what_is_not_a_month_folder(tmp_path: Path, run_cli) -> None:
    result = run_cli("serve", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "no such folder (expected a month folder like 2026-11/)" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="stopped with SIGINT (Ctrl-C)")
def test_ctrl_c_stops_it_while_a_page_is_listening(tmp_path: Path) -> None:
    with serving(SAMPLE / "2026-11", cwd=tmp_path) as server, server.events() as versions:
        assert next(versions) == 1
        assert stop(server) == 0
        assert list(versions) == []  # the stream ended with the server
    assert server.out[-1] == "Stopped."
