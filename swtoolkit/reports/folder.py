"""The reports folder: files appear whole or not at all, one build at a time, and a folder that cannot be written
is one clear error (file and reason) instead of a traceback."""

from __future__ import annotations

import errno
import json
import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from swtoolkit.errors import BuildLockedError, ReportsFolderError

log = logging.getLogger(__name__)

LOCK_FILE = ".build.lock"
SUBFOLDERS = ("notebooks", "logs")  # executed notebooks and worker logs, inside the reports folder
# Errors that are about the folder (permissions, space, mount), not about one report.
FOLDER_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG, errno.ENOTDIR}


def folder_error(exc: BaseException, out: Path, path: object = None) -> ReportsFolderError | None:
    """The ReportsFolderError an OSError stands for, or None when it is not about writing into `out`."""
    if isinstance(exc, ReportsFolderError):
        return exc
    if not isinstance(exc, OSError) or exc.errno not in FOLDER_ERRNOS:
        return None
    where = os.fsdecode(exc.filename) if isinstance(exc.filename, str | bytes) else None
    if where is not None and not Path(os.path.abspath(where)).is_relative_to(os.path.abspath(out)):
        return None  # e.g. a notebook that cannot be read: that report's failure
    return ReportsFolderError(where or path, exc.strerror or str(exc))


def write_atomic_bytes(data: bytes, path: Path) -> None:
    """Write through a temporary file in the same folder and rename it over `path`: readers (and a build killed
    half-way) see the old file or the new one, never a part."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise ReportsFolderError(exc.filename or path, exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        raise ReportsFolderError(path, exc.strerror or str(exc)) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def prepare(out: Path) -> Path:
    """Create the reports folder (and its parents); one clear error when that is impossible."""
    if out.exists() and not out.is_dir():
        raise ReportsFolderError(out, "not a folder (a file of that name exists)")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportsFolderError(exc.filename or out, exc.strerror or str(exc)) from None
    if not out.is_dir():
        raise ReportsFolderError(out, "not a folder")
    for sub in SUBFOLDERS:  # made by each worker: a file of that name would fail every report, not the build
        if (out / sub).exists() and not (out / sub).is_dir():
            raise ReportsFolderError(out / sub, "not a folder (a file of that name exists)")
    return out


@contextmanager
def exclusive(out: Path) -> Iterator[None]:
    """Hold the reports folder for one build (an exclusive `flock` on `out/.build.lock`).

    A second build into the same folder fails at once with BuildLockedError naming the holder; the lock is
    released when the build ends, however it ends (the operating system drops it if the process dies).
    """
    import fcntl

    path = out / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise ReportsFolderError(path, exc.strerror or str(exc)) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLockedError(out, _holder(fd)) from None
        _write_holder(fd)
        yield
    finally:
        os.close(fd)  # releases the lock


def _write_holder(fd: int) -> None:
    """Say who holds the lock (for the other build's message); a full disk must not stop the build here."""
    info = json.dumps({"pid": os.getpid(), "since": datetime.now(UTC).isoformat(timespec="seconds")})
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, info.encode(), 0)
    except OSError as exc:
        log.debug("lock holder not written: %s", exc)


def _holder(fd: int) -> str:
    try:
        info = json.loads(os.pread(fd, 200, 0) or b"{}")
        return f"pid {int(info['pid'])} since {info['since']}"
    except (OSError, ValueError, KeyError, TypeError):
        return ""
