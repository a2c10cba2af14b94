"""``agenda serve``: the HTML pack of a month, served from memory and rebuilt as its files change.

Three parts, each small:

- **What triggers a rebuild** (``Watched``): a file of the month folder, of an earlier month
  folder beside it, the workspace's ``agenda.yaml``, or the look's own files (the logo, a theme
  folder inside the workspace). The workspace folder is watched; everything else is filtered out.
- **The page** (``Preview``): the last good HTML document (``packs.html_writer``), with the
  located problems of the latest attempt above it, and a one-line script that reloads the page
  when the server says it was rebuilt. Only the served copy has the script: ``build`` writes the
  writer's document as it is.
- **HTTP** (``start_server``): the standard library's ``ThreadingHTTPServer`` on 127.0.0.1 by
  default. Three paths: ``/`` the page, ``/events`` Server-Sent Events (``event: rebuilt``, the
  page's version), ``/agenda-serve.js`` the script. Nothing is written to disk, ever.

watchfiles (the file watcher) is imported only when the command runs.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import socket
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import click

from agenda.errors import AgendaError, UsageProblem, shown_path
from agenda.look import CONFIG, find_config
from agenda.order import is_month

if TYPE_CHECKING:
    from watchfiles import Change

    from packs.theme import Look

#: How long an open /events stream waits before a keep-alive comment (seconds): browsers and
#: proxies drop a silent connection, and a stopped server's threads notice it within this time.
KEEP_ALIVE = 10.0
SCRIPT_PATH = "/agenda-serve.js"
#: Reloads the page when the server's version is not the one the page was served at. The
#: version is sent at once on (re)connecting, so a rebuild between page load and connection,
#: or a restarted server, is never missed.
SCRIPT = """(function () {
  var version = document.currentScript.getAttribute("data-version");
  var events = new EventSource("/events");
  events.addEventListener("rebuilt", function (event) {
    if (event.data !== version) { events.close(); window.location.reload(); }
  });
})();
"""
#: The page before any pack has built: only the problems panel.
EMPTY = (
    '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8"></head><body></body></html>'
)
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)
#: A document's own Content-Security-Policy would block the reload script: the served copy
#: drops it (the file ``build`` writes keeps it).
_CSP = re.compile(
    r"<meta\b[^>]*http-equiv\s*=\s*[\"']?content-security-policy[\"']?[^>]*>", re.IGNORECASE
)


# --- what triggers a rebuild -----------------------------------------------------------------


@dataclass(frozen=True)
class Watched:
    """The paths a month's pack is built from, and the folder to watch for them."""

    month: Path  #: the month folder, resolved
    root: Path  #: the folder watched: the workspace (the one holding agenda.yaml for units)
    configs: frozenset[Path]  #: where agenda.yaml is, or would be read from
    #: the look's own files and folders (the logo, a theme folder in the workspace)
    look_paths: frozenset[Path] = field(default=frozenset())

    @classmethod
    def of(cls, month_dir: Path) -> Watched:
        """What to watch for ``month_dir``: its workspace (the month's parent, or the folder
        above when a workspace of units keeps agenda.yaml there)."""
        month = month_dir.resolve()
        workspace = month.parent
        found = find_config(month)  # the workspace's agenda.yaml, or a level up for units
        root = found.parent if found is not None else workspace
        configs = frozenset({workspace / CONFIG, root / CONFIG})
        return cls(month, root, configs)

    def with_look(self, look: Look) -> Watched:
        """Also watch the look's logo and its theme folder, when they sit in the workspace."""
        found = set()
        if look.logo is not None:
            found.add(look.logo.resolve())
        if isinstance(look.pptx, Path):
            found.add(look.pptx.resolve().parent)
        inside = frozenset(p for p in found if p.is_relative_to(self.root))
        return Watched(self.month, self.root, self.configs, inside)

    def triggers(self, path: Path) -> bool:
        """True when a change to ``path`` can change the pack (``path`` absolute)."""
        if path in self.configs or path.is_relative_to(self.month):
            return True
        if any(path == p or path.is_relative_to(p) for p in self.look_paths):
            return True
        if path == self.month.parent or not path.is_relative_to(self.month.parent):
            return False
        folder = path.relative_to(self.month.parent).parts[0]
        return is_month(folder) and folder < self.month.name  # an earlier month, read for trends

    def fingerprint(self) -> frozenset[tuple[Path, int, int]]:
        """Each file a change to which would rebuild, with its size and modification time."""
        found = set()
        for folder, _dirs, files in os.walk(self.root):
            for name in files:
                path = Path(folder, name)
                if self.triggers(path):
                    try:
                        stat = path.stat()
                    except OSError:  # gone since listed
                        continue
                    found.add((path, stat.st_size, stat.st_mtime_ns))
        return frozenset(found)


def watch_filter(watched: Watched) -> Callable[[Change, str], bool]:
    """The filter for ``watchfiles.watch``: its default (editor swap and backup files, ``.git``,
    caches) and then only the paths the pack is built from."""
    from watchfiles import DefaultFilter

    default = DefaultFilter()

    def keep(change: Change, path: str) -> bool:
        return default(change, path) and watched.triggers(Path(path))

    return keep


# --- the page --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attempt:
    """One build of the page: the document, or the problems that stopped it (as validate prints
    them), and the warnings."""

    document: str | None
    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    look: Look | None = None
    title: str = ""  #: the pack's period and organisation, for the terminal


def attempt(month_dir: Path) -> Attempt:
    """Validate and compose the month and lay it out as HTML, in memory."""
    from agenda.look import load_look
    from agenda.pipeline import prepare
    from packs.html_writer import html_document

    try:
        pack = prepare(month_dir)
        look = load_look(month_dir, check=False)
        document = html_document(pack, look)
    except AgendaError as exc:
        return Attempt(None, tuple(exc.lines()))
    warnings = tuple(w.line_for("warning") for w in pack.warnings)
    title = f"{pack.cover.period_label} pack for {pack.cover.organisation}"
    return Attempt(document, (), warnings, look, title)


def problems_panel(problems: Iterable[str], warnings: Iterable[str], *, stale: bool) -> str:
    """The problems above the pack, each line escaped (they quote the data)."""
    problems, warnings = tuple(problems), tuple(warnings)
    if not problems and not warnings:
        return ""
    if problems:
        heading = (
            "The data has problems: the pack below is the last one that built."
            if stale
            else "The data has problems: no pack has built yet."
        )
        lines = problems
    else:
        heading = f"{len(warnings)} warning(s): the pack is built."
        lines = warnings
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    colour = "#8a1c1c" if problems else "#6b4e00"
    place = "position:sticky;top:0;z-index:9;" if problems else ""
    # problems are kept in view while the pack scrolls (a reload keeps the reader's place, far
    # below), in their own styles so the pack's stylesheet cannot hide them; not a heading, so
    # the pack's outline is unchanged
    return (
        f'<div id="agenda-serve-problems" role="alert" style="{place}max-height:40vh;'
        f"overflow:auto;margin:0 0 1.5em;padding:0.8em 1.2em;"
        f"border:2px solid {colour};background:#fff8f0;color:#1d2433;"
        f'font:15px/1.45 system-ui,sans-serif">'
        f'<p style="margin:0 0 0.4em;font-weight:bold;font-size:1.1em;color:{colour}">'
        f"{escape(heading)}</p>"
        f'<ul style="margin:0;padding-left:1.2em;font-family:ui-monospace,monospace;'
        f'font-size:0.9em;white-space:pre-wrap;overflow-wrap:anywhere">{items}</ul></div>'
    )


def served(document: str | None, panel: str, version: int) -> str:
    """The document as served: its own CSP dropped, the panel first in the body, the reload
    script last."""
    if document is None:
        document = EMPTY
    document = _CSP.sub("", document)
    script = f'<script src="{SCRIPT_PATH}" data-version="{version}"></script>'
    opened = _BODY.search(document)
    if opened is None:
        document = panel + document
    elif panel:
        document = document[: opened.end()] + panel + document[opened.end() :]
    ends = list(_BODY_END.finditer(document))
    if not ends:
        return document + script
    end = ends[-1].start()
    return document[:end] + script + document[end:]


class Preview:
    """The page being served, its version, and the streams waiting for the next one."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self.version = 0
        self.good: str | None = None  #: the last document that built
        self.latest = Attempt(None)
        self.stopping = False

    def update(self, made: Attempt) -> None:
        """Take a new attempt: keep its document if it built, and wake every stream."""
        with self._changed:
            if made.document is not None:
                self.good = made.document
            self.latest = made
            self.version += 1
            self._changed.notify_all()

    def page(self) -> bytes:
        """The page as it is now, encoded."""
        with self._changed:
            made, good, version = self.latest, self.good, self.version
        panel = problems_panel(made.problems, made.warnings, stale=good is not None)
        return served(good, panel, version).encode("utf-8")

    def wait(self, seen: int | None, timeout: float) -> int:
        """The version once it differs from ``seen`` (at once if it does), or after ``timeout``."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != seen or self.stopping, timeout=timeout)
            return self.version

    def stop(self) -> None:
        """Release every waiting stream."""
        with self._changed:
            self.stopping = True
            self._changed.notify_all()


# --- HTTP ------------------------------------------------------------------------------------


class PreviewServer(ThreadingHTTPServer):
    """One thread per connection (an open /events stream holds one); daemon threads, so that
    stopping never waits for a browser to hang up."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], preview: Preview, hosts: frozenset[str]):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.preview = preview
        #: the Host headers answered (loopback only), or empty for any (``--host`` given)
        self.hosts = hosts
        super().__init__(address, Handler)


class Handler(BaseHTTPRequestHandler):
    """GET /, /events and the script; nothing else, and nothing is ever written."""

    server: PreviewServer
    server_version = "agenda-serve"

    def do_GET(self) -> None:
        if self.server.hosts and self.headers.get("Host", "") not in self.server.hosts:
            # a web page whose name was pointed at 127.0.0.1 (DNS rebinding) may not read the pack
            self._send(HTTPStatus.FORBIDDEN, b"Forbidden host\n", "text/plain")
            return
        path = self.path.split("?", 1)[0]
        if path in ("/", "/index.html"):
            self._send(HTTPStatus.OK, self.server.preview.page(), "text/html; charset=utf-8")
        elif path == SCRIPT_PATH:
            self._send(HTTPStatus.OK, SCRIPT.encode(), "text/javascript; charset=utf-8")
        elif path == "/events":
            self._events()
        else:
            self._send(HTTPStatus.NOT_FOUND, b"Not found\n", "text/plain")

    def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        """The version now, then each new one, until the browser leaves or the server stops."""
        preview = self.server.preview
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True
        seen: int | None = None
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while not preview.stopping:
                version = preview.wait(seen, KEEP_ALIVE)
                if preview.stopping:
                    break
                if version != seen:
                    self.wfile.write(f"event: rebuilt\ndata: {version}\n\n".encode())
                    seen = version
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page went away (reloaded or closed)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal shows the rebuilds, not every request."""


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def start_server(preview: Preview, host: str, port: int) -> PreviewServer:
    """Listen on ``host:port`` (0: a free port), or refuse with a usage error that says why."""
    hosts: frozenset[str] = frozenset()
    try:
        server = PreviewServer((host, port), preview, hosts)
    except socket.gaierror as exc:
        raise UsageProblem(
            f"--host {host}: not an address of this computer ({exc.strerror})"
        ) from None
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UsageProblem(
                f"port {port} on {host} is already in use (another agenda serve, or another "
                f"server?); stop it, or choose another port with --port"
            ) from None
        if exc.errno == errno.EACCES:
            raise UsageProblem(
                f"port {port} on {host}: permission denied (ports below 1024 need an "
                f"administrator); choose another with --port, e.g. --port 8000"
            ) from None
        raise UsageProblem(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    if host in LOOPBACK:
        bound = server.server_address[1]
        server.hosts = frozenset(f"{name}:{bound}" for name in ("127.0.0.1", "localhost", "[::1]"))
    return server


def url_of(server: PreviewServer, host: str) -> str:
    """The address to open in a browser."""
    port = server.server_address[1]
    # listening on every address: the browser here reaches it through loopback
    shown = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    return f"http://[{shown}]:{port}/" if ":" in shown else f"http://{shown}:{port}/"


# --- the command -----------------------------------------------------------------------------


def serve(
    month_dir: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    open_browser: bool = False,
) -> None:
    """Serve the month's HTML pack until interrupted, rebuilding it as its files change.

    Refuses (UsageProblem) a path that is not a month folder, and a port it cannot listen on;
    a month whose data has problems is served with them, and rebuilt as they are fixed."""
    from agenda.validate import check_month_folder

    check_month_folder(month_dir)
    watched = Watched.of(month_dir)
    preview = Preview()
    server = start_server(preview, host, port)  # a port in use is said before any work
    thread = threading.Thread(target=server.serve_forever, name="agenda-serve", daemon=True)

    def ready() -> None:
        """Once the watcher is listening: say where the page is (the line tests wait for)."""
        url = url_of(server, host)
        what = preview.latest.title or f"pack of {month_dir}"
        click.echo(f"Serving the {what} at {url} (Ctrl-C to stop)")
        if host not in LOOPBACK:
            click.echo(
                f"warning: listening on {host}: anyone who can reach this computer can read "
                "the pack at this address",
                err=True,
            )
        click.echo(
            f"Watching {shown_path(watched.root)} for changes to the month, earlier months "
            f"and {CONFIG}."
        )
        if open_browser:
            import webbrowser

            webbrowser.open(url)

    try:
        read = watched.fingerprint()
        made = _rebuild(preview, month_dir, first=True)
        if made.look is not None:
            watched = watched.with_look(made.look)
        thread.start()
        _watch(watched, preview, month_dir, read, ready)
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop()  # open /events streams end
        if thread.is_alive():
            server.shutdown()
        server.server_close()
    click.echo("Stopped.")


def _watch(
    watched: Watched,
    preview: Preview,
    month_dir: Path,
    read: frozenset[tuple[Path, int, int]],
    ready: Callable[[], None],
) -> None:
    """Rebuild on each change until interrupted. watchfiles gives no sign that it listens
    except its first answer, so it answers every half second even with nothing changed: the
    first answer calls ``ready``, after anything saved while starting is rebuilt."""
    from watchfiles import watch

    waiting, stale = True, False
    while True:
        for changes in watch(
            watched.root,
            watch_filter=watch_filter(watched),
            yield_on_timeout=True,
            rust_timeout=500,
        ):
            if waiting:
                waiting = False
                stale = watched.fingerprint() != read  # saved between the first build and now
                ready()
            if not changes and not stale:
                continue
            stale = False
            made = _rebuild(preview, month_dir)
            if made.look is not None:
                fresh = watched.with_look(made.look)
                if fresh != watched:  # agenda.yaml now names another logo or theme folder
                    watched = fresh
                    break  # watch again with the new filter
        else:
            return


def _rebuild(preview: Preview, month_dir: Path, *, first: bool = False) -> Attempt:
    """Build the page once, serve it, and say at the terminal how it went."""
    try:
        made = attempt(month_dir)
    except Exception as exc:  # a bug must not stop the preview: say it, keep the last good pack
        made = Attempt(None, (f"Internal error while building: {type(exc).__name__}: {exc}",))
    preview.update(made)
    now = dt.datetime.now().strftime("%H:%M:%S")
    for line in (*made.problems, *made.warnings):
        click.echo(line, err=True)
    if made.problems:
        click.echo(
            f"{now} {len(made.problems)} problem line(s): the page shows them above the last "
            "good pack."
        )
    elif not first:
        click.echo(f"{now} rebuilt.")
    return made
