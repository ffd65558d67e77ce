"""Cases of the adversarial table of issue 12 that no other test file held: hostile raw values through the real
clean path, a full or read-only disk under `clean`, source texts too large to read, a damaged reports folder, and
a worker and a kernel killed from outside a real build (slow).

Each case is a small synthetic input that fails if its fault comes back. No assertion is about time.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from swtoolkit import cli
from swtoolkit.cleaning import outputs
from swtoolkit.cleaning.pipeline import clean, load, process
from swtoolkit.cleaning.texts import MAX_TEXT_BYTES, source_texts
from swtoolkit.errors import RawDataError, ReportsFolderError
from swtoolkit.reports import batch, folder

# ---- values that must never become a number --------------------------------------------------------------------
HOSTILE_VALUES = [
    "𝟑𝟑𝟗𝟑人",  # mathematical bold digits: int() reads them
    "1_000人",  # Python's digit separator: int() and float() read it
    "0x10人", "1E5人", "-3393人", "+3393人", "nan人", "inf人", "∞人",
    "3393\u200b人",  # a zero-width space before the unit
    "3393.5.1人", "3,39,3人", "99999999999999人", "3393人人", "约约3393人", "3393人;3394人", "3393 万 万人", "人", "",
]


@pytest.fixture(scope="module")
def one_row(root: Path):
    """One real raw row of certified_social_workers (locators not checked: texts={})."""
    figures, sources, _ = load(root / "data" / "raw")
    pick = figures["indicator"].eq("certified_social_workers") & figures["kind"].eq("actual")
    return figures.loc[[figures.index[pick][0]]].reset_index(drop=True), sources


@pytest.mark.parametrize("written", HOSTILE_VALUES)
def test_a_hostile_value_is_refused_with_its_column_and_value(one_row, written):
    row, sources = one_row
    row = row.copy()
    row.loc[0, "value_as_written"] = written
    with pytest.raises(RawDataError) as info:
        process(row, sources, "figures.csv", texts={})
    assert info.value.column == "value_as_written" and info.value.value == written
    assert "\n" not in str(info.value)


# ---- clean: a full or read-only disk names data/clean and keeps the old set --------------------------------------
@pytest.fixture()
def out(tmp_path: Path) -> Path:
    folder_ = tmp_path / "data" / "clean"
    folder_.mkdir(parents=True)
    (folder_ / "figures.csv").write_text("old\n", encoding="utf-8")
    return folder_


def test_a_full_disk_reported_without_errno_or_file_names_data_clean(out, monkeypatch, capsys, tmp_path):
    def full_disk(self, path, *args, **kwargs):  # what pyarrow raises: no errno, no file name
        raise OSError("Error writing bytes to file. Detail: [errno 28] No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", full_disk)
    with pytest.raises(OSError) as info:
        clean(out=out)
    assert info.value.filename == str(out) and info.value.errno == 28
    assert (out / "figures.csv").read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in out.parent.iterdir()] == ["clean"]
    assert cli._one_line(info.value) == (f"{out}: cannot write the new set (No space left on device); "
                                         "the old set is kept")


def test_a_read_only_data_folder_names_data_clean(out, monkeypatch):
    def read_only(*args, **kwargs):
        raise OSError(30, "Read-only file system", str(out.parent / ".clean.staging-1-x"))

    monkeypatch.setattr(outputs.tempfile, "mkdtemp", read_only)
    with pytest.raises(OSError) as info:
        clean(out=out)
    assert info.value.filename == str(out) and "Read-only file system" in info.value.strerror


# ---- source texts are bounded -----------------------------------------------------------------------------------
def test_a_source_text_larger_than_the_limit_is_refused_unread(tmp_path):
    text = tmp_path / "huge.txt"
    with open(text, "wb") as handle:
        handle.truncate(MAX_TEXT_BYTES + 1)  # sparse: nothing is written
    sources = pd.DataFrame({"file": ["huge.txt"], "sha256": ["0" * 64]}, index=["S009"])
    with pytest.raises(RawDataError, match="larger than 16 MiB"):
        source_texts(sources, folder=tmp_path, required=True)


# ---- a damaged reports folder -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["[]", '{"reports": []}', '{"reports": {"530100": 1}}', "null", '{"reports'])
def test_a_manifest_of_the_wrong_shape_is_rebuilt_not_a_traceback(tmp_path, text):
    (tmp_path / "manifest.json").write_text(text, encoding="utf-8")
    assert batch._read_manifest(tmp_path) == {"reports": {}}


def test_a_manifest_in_another_encoding_is_rebuilt(tmp_path):
    (tmp_path / "manifest.json").write_bytes('{"reports": {"云南": {}}}'.encode("gb18030"))
    assert batch._read_manifest(tmp_path) == {"reports": {}}


@pytest.mark.parametrize("name", folder.SUBFOLDERS)
def test_a_file_where_the_reports_folder_keeps_a_subfolder_is_a_folder_error(tmp_path, name):
    (tmp_path / name).write_text("x", encoding="utf-8")
    with pytest.raises(ReportsFolderError, match=f"{name}: not a folder"):
        folder.prepare(tmp_path)


def test_a_reports_path_that_is_a_file_says_so(tmp_path):
    path = tmp_path / "reports"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(ReportsFolderError, match="not a folder"):
        folder.prepare(path)


# ---- faults injected from outside a real build (slow) -----------------------------------------------------------
def _children(pid: int) -> list[int]:
    """Every descendant of `pid` (Linux /proc)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [], [pid]
    while frontier:
        kids = [p for p, parent in parents.items() if parent in frontier]
        found += kids
        frontier = kids
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _wait_for(condition, what: str, limit: float = 300.0):
    deadline = time.monotonic() + limit
    while not (found := condition()):
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)
    return found


def _running(out: Path) -> str | None:
    """The code of the region whose notebook is executing (its partial notebook exists)."""
    parts = sorted((out / "notebooks").glob("*.partial.ipynb")) if (out / "notebooks").is_dir() else []
    return parts[0].name.split("_")[0] if parts else None


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds the workers and kernels in /proc")
def test_a_kernel_and_a_worker_killed_from_outside_fail_only_their_regions(tmp_path, process_marker):
    """One worker builds three small regions in turn: its kernel is SIGKILLed during the first, the worker itself
    during the second; the third is built, both failures are recorded, the good notebooks of an earlier build are
    kept, and nothing is left running."""
    out = tmp_path / "reports"
    regions = {"310000": "310000_shanghai", "620000": "620000_gansu", "330000": "330000_zhejiang"}
    (out / "notebooks").mkdir(parents=True)
    for stem in regions.values():
        (out / "notebooks" / f"{stem}.ipynb").write_text("good", encoding="utf-8")
    env = os.environ | {"SWTOOLKIT_REPORTS_DIR": str(out)}
    build = subprocess.Popen([sys.executable, "-m", "swtoolkit", "build", "--regions", *regions, "--formats", "html",
                              "--jobs", "1", "--cell-timeout", "0", "-q"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        killed = []
        for fault in ("kernel", "worker"):
            code = _wait_for(lambda: (c := _running(out)) not in (None, *killed) and c, f"a region to run ({fault})")
            workers = [p for p in _children(build.pid) if "ipykernel" not in _cmdline(p)
                       and any("ipykernel" in _cmdline(k) for k in _children(p))]
            assert len(workers) == 1, workers
            kernels = sorted((k for k in _children(workers[0]) if "ipykernel" in _cmdline(k)),
                             key=lambda k: int(Path(f"/proc/{k}/stat").read_text().rsplit(")", 1)[1].split()[19]))
            os.kill(kernels[0] if fault == "kernel" else workers[0], signal.SIGKILL)  # the oldest kernel is busy
            killed.append(code)
        _, err = build.communicate(timeout=600)
    finally:
        build.kill()
    assert build.returncode == cli.EXIT_FAILED and "Traceback" not in err, err
    failures = json.loads((out / "failures.json").read_text(encoding="utf-8"))
    assert sorted(failures) == sorted(killed)
    assert "DeadKernelError" in failures[killed[0]]["error"] and "SIGKILL" in failures[killed[1]]["error"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["reports"]
    (left,) = set(regions) - set(killed)
    assert manifest[left]["status"] == "ok" and (out / f"{regions[left]}.html").exists()
    for code in killed:
        assert (out / "notebooks" / f"{regions[code]}.ipynb").read_text(encoding="utf-8") == "good"
    assert not list((out / "notebooks").glob("*.partial.ipynb"))
    assert process_marker() == []
