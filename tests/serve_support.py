"""Running ``agenda serve`` as a user does, in its own process, for the serve tests.

Readiness is read from its first line on stdout ("Serving … at http://127.0.0.1:PORT/"), and a
rebuild is waited for on its own /events stream (the version it sends), never by sleeping.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

#: Generous: a rebuild is about a second, but CI machines are shared and slow at times.
PATIENCE = 90.0
SERVING = re.compile(r"^Serving the .* at (http://\S+/) \(Ctrl-C to stop\)$")


@dataclass
class Served:
    """A running ``agenda serve``: its address and what it printed so far."""

    process: subprocess.Popen[str]
    url: str
    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)

    def get(self, path: str = "/", host: str | None = None) -> tuple[int, str]:
        """Status and body of a GET (``host``: another Host header)."""
        request = urllib.request.Request(self.url.rstrip("/") + path)
        if host is not None:
            request.add_header("Host", host)
        try:
            with urllib.request.urlopen(request, timeout=PATIENCE) as answer:
                return answer.status, answer.read().decode("utf-8")
        except urllib.error.HTTPError as refused:
            return refused.code, refused.read().decode("utf-8")

    def page_when(self, versions: Iterator[int], shows: str) -> str:
        """The page once a rebuild shows ``shows`` (a save may come as several changes: the
        file emptied, then written, each rebuilt and announced)."""
        for _version in versions:
            status, page = self.get()
            assert status == 200
            if shows in page:
                return page
        raise AssertionError(f"the server stopped before its page showed {shows!r}")

    @contextmanager
    def events(self) -> Iterator[Iterator[int]]:
        """The versions the server announces on /events, as they come (the current one first)."""
        with urllib.request.urlopen(self.url + "events", timeout=PATIENCE) as stream:

            def versions() -> Iterator[int]:
                deadline = time.monotonic() + PATIENCE
                for raw in stream:  # the server says something at least every 10 s
                    if time.monotonic() > deadline:
                        raise AssertionError(f"no rebuild announced in {PATIENCE:.0f} s")
                    line = raw.decode("utf-8").strip()
                    if line.startswith("data: "):
                        yield int(line.removeprefix("data: "))

            yield versions()


def _drain(stream, into: list[str]) -> None:
    for line in stream:
        into.append(line.rstrip("\n"))


@contextmanager
def serving(month: Path, *args: str, cwd: Path | None = None) -> Iterator[Served]:
    """Start ``agenda serve MONTH --port 0 …``, wait for its address, stop it with Ctrl-C."""
    command = [sys.executable, "-m", "agenda", "serve", str(month), "--port", "0", *args]
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    out: list[str] = []
    err: list[str] = []
    errors = threading.Thread(target=_drain, args=(process.stderr, err), daemon=True)
    errors.start()
    url = None
    assert process.stdout is not None
    for line in process.stdout:  # its first lines: any problems, then where it serves
        out.append(line.rstrip("\n"))
        found = SERVING.match(out[-1])
        if found:
            url = found.group(1)
            break
    if url is None:
        process.wait(timeout=PATIENCE)
        errors.join(timeout=PATIENCE)
        process.stdout.close()
        process.stderr.close()
        raise AssertionError(f"agenda serve did not start: {out} {err}")
    output = threading.Thread(target=_drain, args=(process.stdout, out), daemon=True)
    output.start()
    served = Served(process, url, out, err)
    try:
        yield served
    finally:
        stop(served)
        for reader in (output, errors):
            reader.join(timeout=PATIENCE)  # the rest of what it printed, to its end
        process.stdout.close()
        process.stderr.close()


def stop(served: Served) -> int:
    """Ctrl-C, as a user stops it; the exit code."""
    if served.process.poll() is None:
        served.process.send_signal(signal.SIGINT)
        try:
            served.process.wait(timeout=PATIENCE)
        except subprocess.TimeoutExpired:
            served.process.kill()
            served.process.wait()
            raise
    return served.process.returncode


def copy_sample(source: Path, target: Path) -> Path:
    """A private copy of a workspace (so a test may edit it); returns the copy."""
    shutil.copytree(source, target)
    return target
