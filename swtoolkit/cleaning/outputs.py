"""data/clean replaced as one set: readers see the old four files or the new four, never a mix.

`clean` writes figures.csv, figures.parquet, checks.csv and codebook.csv into a staging folder beside the output
folder (``data/.clean.staging-<pid>-…``, on the same file system), then switches the two folders in one step: on
Linux an atomic exchange (renameat2 RENAME_EXCHANGE), elsewhere two renames (in the instant between them the folder
is missing, which a reader reports as a missing file, never as a mixed set). The old set is then deleted. An error
or SIGINT/SIGTERM while writing deletes the staging folder and leaves the old set as it was. A process killed
outright (SIGKILL, power loss) cannot clean up after itself: it leaves a hidden staging folder that no reader opens
and that the next `clean` deletes.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from swtoolkit.errors import Interrupted

log = logging.getLogger(__name__)

_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def _leftover_prefixes(out: Path) -> tuple[str, str]:
    return f".{out.name}.staging-", f".{out.name}.old-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep(out: Path) -> list[Path]:
    """Delete what a killed run left beside `out` (its staging folder), and put back a set that two renames had
    moved aside when the run died between them. Folders of a process still running are left alone."""
    out = Path(out)
    staging_prefix, old_prefix = _leftover_prefixes(out)
    removed = []
    if not out.parent.is_dir():
        return removed
    for entry in sorted(out.parent.iterdir()):
        for prefix in (staging_prefix, old_prefix):
            if not entry.name.startswith(prefix):
                continue
            pid = entry.name[len(prefix):].split("-", 1)[0]
            if pid.isdigit() and _alive(int(pid)) and int(pid) != os.getpid():
                continue
            if prefix == old_prefix and not out.exists():
                os.rename(entry, out)  # the run died between its two renames: the old set is the current one
                log.warning("restored %s from %s", out, entry.name)
                continue
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
            log.info("removed %s, left by a clean run that was killed", entry)
    return removed


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a C library without renameat2 (glibc < 2.28, some others)
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # a file system without exchange
        return False
    raise OSError(err, os.strerror(err), str(b))


def _switch(staging: Path, out: Path) -> None:
    """Put `staging` at `out`; afterwards `staging` holds the old set (or nothing)."""
    if not out.exists():
        os.rename(staging, out)
        return
    if not out.is_dir() or out.is_symlink():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder: clean writes a folder of files there", str(out))
    if _exchange(staging, out):
        return
    old = Path(tempfile.mkdtemp(prefix=f"{_leftover_prefixes(out)[1]}{os.getpid()}-", dir=out.parent))
    os.rmdir(old)
    os.rename(out, old)
    try:
        os.rename(staging, out)
    except BaseException:
        os.rename(old, out)
        raise
    os.rename(old, staging)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _carry_over(out: Path, staging: Path) -> None:
    """Files in `out` that clean does not write (a README, .gitkeep) are kept in the new set."""
    if not out.is_dir():
        return
    for entry in out.iterdir():
        target = staging / entry.name
        if target.exists() or target.is_symlink():
            continue
        if entry.is_symlink():
            os.symlink(os.readlink(entry), target)
        elif entry.is_dir():
            shutil.copytree(entry, target, symlinks=True)
        else:
            shutil.copy2(entry, target)


@contextmanager
def _terminate_raises() -> Iterator[None]:
    """While the set is written, SIGTERM raises Interrupted (so the staging folder is deleted) instead of killing
    the process at once. Only the main thread can receive signals."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise Interrupted(signal.Signals(signum).name)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def publish(out: Path, write: Callable[[Path], list[str]]) -> None:
    """Write a new set of files with ``write(folder) -> file names`` and put it at `out` in one step.

    Raises whatever `write` raises, OSError, or Interrupted (SIGTERM); in each case `out` keeps its old set and no
    staging folder is left.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    sweep(out)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f"{_leftover_prefixes(out)[0]}{os.getpid()}-", dir=out.parent))
    except OSError as exc:
        raise _writing_error(exc, out) from exc
    try:
        with _terminate_raises():
            try:
                for name in write(staging):
                    os.chmod(staging / name, 0o644)
                    _fsync(staging / name)
                _carry_over(out, staging)
                os.chmod(staging, 0o755)
            except OSError as exc:  # a full disk or a read-only folder: name the folder, not the staging copy
                raise _writing_error(exc, out) from exc
            _switch(staging, out)
            _fsync(out.parent)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _writing_error(exc: OSError, out: Path) -> OSError:
    """The OSError to report for a set that could not be written: `out` as its file name and the reason (pyarrow's
    errors carry neither errno nor file name: 'Error writing bytes to file. Detail: [errno 28] …')."""
    code = exc.errno
    if code is None:
        found = re.search(r"\[errno (\d+)\]", str(exc))
        code = int(found.group(1)) if found else None
    reason = os.strerror(code) if code else (exc.strerror or str(exc))
    return OSError(code, f"cannot write the new set ({reason}); the old set is kept", str(out))
