"""A helper process that gets ready early and draws the deck while the Word pack is written.

On Linux with more than one core, `agenda build` forks a helper before it reads any data. The
helper imports python-pptx (a tenth of a second) while the parent validates and composes; it
then receives the composed pack, draws the deck, and reports back, while the parent writes the
Word pack. A user error in the helper (an AgendaError) is re-raised in the parent with the same
category and message, so errors, exit codes and the all-or-nothing output are exactly as they
are without it. Anywhere else, or with AGENDA_NO_FORK set, everything runs in one process.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import pickle
import sys
import traceback

from agenda import errors
from agenda.errors import AgendaError, RenderError


def can_fork() -> bool:
    """Forking is safe and useful: Linux, more than one core, not switched off."""
    return (
        sys.platform == "linux"
        and (os.cpu_count() or 1) > 1
        and not os.environ.get("AGENDA_NO_FORK")
    )


class Helper:
    """A forked child that imports ahead, then runs the one call it is sent."""

    def __init__(self, pid: int, jobs: int, reports: int):
        self.pid, self._jobs, self._reports = pid, jobs, reports
        self.busy = False
        self.finished = False

    @classmethod
    def start(cls, *preload: str) -> Helper | None:
        """Fork a helper that imports ``preload`` now; None where forking is not used."""
        if not can_fork():
            return None
        job_r, job_w = os.pipe()
        rep_r, rep_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(job_w)
            os.close(rep_r)
            _serve(job_r, rep_w, preload)  # never returns
        os.close(job_r)
        os.close(rep_w)
        return cls(pid, job_w, rep_r)

    def run(self, target: str, *args: object) -> None:
        """Send ``module:function`` and its arguments to the helper to run."""
        with os.fdopen(self._jobs, "wb") as pipe:
            pickle.dump((target, args), pipe)
        self.busy = True

    def wait(self) -> None:
        """Wait for the helper; re-raise its error, if any, as the same kind of error."""
        if self.finished:
            return
        self.finished = True
        with os.fdopen(self._reports, "rb") as pipe:
            report = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if not self.busy or code == 0:
            return
        if code == 1:
            data = json.loads(report)
            kind = getattr(errors, data["kind"], RenderError)
            if kind is errors.DataError:  # rebuild its located problems, one per line
                raise errors.DataError([errors.Problem(None, line) for line in data["lines"]])
            raise kind("\n".join(data["lines"]))
        raise RuntimeError(f"the deck helper process failed:\n{report.decode(errors='replace')}")

    def stop(self) -> None:
        """Tell an unused helper to leave, and wait for it."""
        if self.finished:
            return
        if not self.busy:
            with contextlib.suppress(OSError):
                os.close(self._jobs)  # end of file: the helper exits
        with contextlib.suppress(OSError):
            self.wait()


def _serve(job_r: int, rep_w: int, preload: tuple[str, ...]) -> None:
    code, report = 0, b""
    try:
        for module in preload:
            importlib.import_module(module)
        with os.fdopen(job_r, "rb") as pipe:
            data = pipe.read()
        if data:
            target, args = pickle.loads(data)
            module, function = target.split(":")
            getattr(importlib.import_module(module), function)(*args)
    except AgendaError as exc:
        code = 1
        lines = [str(p) for p in getattr(exc, "problems", [])] or [str(exc)]
        report = json.dumps({"kind": type(exc).__name__, "lines": lines}).encode()
    except BaseException:
        code = 2
        report = traceback.format_exc().encode()
    try:
        with os.fdopen(rep_w, "wb") as pipe:
            pipe.write(report)
    finally:
        os._exit(code)
