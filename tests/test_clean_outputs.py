"""`clean` replaces data/clean as one set: after an error, SIGTERM or SIGKILL readers find the old set whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from swtoolkit.cleaning import outputs
from swtoolkit.cleaning.pipeline import OUTPUTS, clean

OLD = {name: f"old {name}\n".encode() for name in OUTPUTS}


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    """A clean folder holding an old set (one marker line per file) and a file clean does not write."""
    folder = tmp_path / "data" / "clean"
    folder.mkdir(parents=True)
    for name, data in OLD.items():
        (folder / name).write_bytes(data)
    (folder / "README.md").write_text("kept\n", encoding="utf-8")
    return folder


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith("."))


def _old_set_intact(out: Path) -> bool:
    return all((out / name).read_bytes() == data for name, data in OLD.items())


def test_a_clean_replaces_the_whole_set_and_keeps_other_files(out: Path, root: Path):
    clean(out=out)
    for name in ("figures.csv", "checks.csv", "codebook.csv"):
        assert (out / name).read_bytes() == (root / "data" / "clean" / name).read_bytes()
    assert (out / "README.md").read_text(encoding="utf-8") == "kept\n"
    assert _leftovers(out) == []


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_an_error_while_writing_leaves_the_old_set_and_no_temporary_files(out, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(outputs, "_exchange", lambda a, b: False)

    def full_disk(self, path, *args, **kwargs):
        Path(path).write_bytes(b"PAR1 half")
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(pd.DataFrame, "to_parquet", full_disk)
    with pytest.raises(OSError, match="No space left"):
        clean(out=out)
    assert _old_set_intact(out) and _leftovers(out) == []


def test_without_an_atomic_exchange_two_renames_still_switch_whole_sets(out, monkeypatch, root):
    monkeypatch.setattr(outputs, "_exchange", lambda a, b: False)
    clean(out=out)
    assert (out / "figures.csv").read_bytes() == (root / "data" / "clean" / "figures.csv").read_bytes()
    assert _leftovers(out) == []


def test_a_set_moved_aside_by_a_run_killed_between_two_renames_is_put_back(out):
    aside = out.parent / ".clean.old-999999999-x"
    out.rename(aside)
    outputs.sweep(out)
    assert _old_set_intact(out) and _leftovers(out) == []


_STOPPED_WHILE_WRITING = """
import pathlib, sys, time
import pandas as pd
from swtoolkit.cleaning.pipeline import clean
ready = pathlib.Path(sys.argv[2])
write = pd.DataFrame.to_parquet
def slow(self, path, *args, **kwargs):
    write(self, path, *args, **kwargs)
    ready.write_text("writing")
    time.sleep(120)
pd.DataFrame.to_parquet = slow
clean(out=sys.argv[1])
"""


def _stop_while_writing(out: Path, sig: signal.Signals) -> int:
    ready = out.parent / "ready"
    child = subprocess.Popen([sys.executable, "-c", _STOPPED_WHILE_WRITING, str(out), str(ready)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            assert child.poll() is None, child.stderr.read().decode()
            if time.monotonic() > deadline:  # a guard against hanging, not a speed check
                pytest.fail("the child never started writing")
            time.sleep(0.05)
        ready.unlink()
        child.send_signal(sig)
        return child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


@pytest.mark.slow
def test_sigterm_while_writing_leaves_the_old_set_and_no_temporary_files(out):
    code = _stop_while_writing(out, signal.SIGTERM)
    assert code != 0
    assert _old_set_intact(out) and _leftovers(out) == []


@pytest.mark.slow
def test_sigkill_while_writing_leaves_the_old_set_and_the_next_run_removes_the_rest(out, root):
    assert _stop_while_writing(out, signal.SIGKILL) == -signal.SIGKILL
    assert _old_set_intact(out)
    left = _leftovers(out)
    assert len(left) == 1 and left[0].startswith(".clean.staging-")  # hidden, beside data/clean: never read
    assert not any(p.name.startswith(".") for p in out.iterdir())
    clean(out=out)
    assert _leftovers(out) == []
    assert (out / "figures.csv").read_bytes() == (root / "data" / "clean" / "figures.csv").read_bytes()


def test_the_staging_folder_of_a_running_clean_is_not_swept(out):
    mine = out.parent / f".clean.staging-{os.getppid()}-abc"  # a process that is running
    mine.mkdir()
    outputs.sweep(out)
    assert mine.exists()
