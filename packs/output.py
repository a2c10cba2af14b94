"""Write a set of files so that either all of them land complete, or none is touched."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from agenda.errors import RenderError


def _umask() -> int:
    """Read the process umask (only settable, so set it back at once)."""
    current = os.umask(0)
    os.umask(current)
    return current


@contextlib.contextmanager
def atomic_outputs(targets: list[Path]) -> Iterator[list[Path]]:
    """Yield temporary paths beside ``targets``; rename them into place only if all succeed."""
    if not targets:
        yield []
        return
    folder = targets[0].parent
    if folder.exists() and not folder.is_dir():
        raise RenderError(f"cannot write into {folder}: it is a file, not a folder")
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RenderError(f"cannot create output folder {folder}: {exc.strerror}") from None
    temporary: list[Path] = []
    landed = False
    try:
        for target in targets:
            fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix, dir=folder)
            os.close(fd)
            temporary.append(Path(name))
        yield temporary
        mode = 0o666 & ~_umask()  # mkstemp makes 0600 files; a pack is meant to be shared
        for tmp, target in zip(temporary, targets, strict=True):
            tmp.chmod(mode)
            os.replace(tmp, target)
        landed = True
    except OSError as exc:
        raise RenderError(f"cannot write the pack into {folder}: {exc.strerror or exc}") from None
    finally:
        for tmp in temporary:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        if created and not landed:  # leave no trace of a failed build
            with contextlib.suppress(OSError):
                folder.rmdir()
