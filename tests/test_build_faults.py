"""Fault injection on a real build: kernels and workers killed mid-build, a stuck cell, the build itself stopped.

The faults are injected from inside the report notebook (a copy, via SWTOOLKIT_NOTEBOOKS), so they hit at a known
point of a real build: the kernel kills itself, or kills the worker process that drives it. No assertion is about
time; waits only bound how long a broken build may hang the suite.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from swtoolkit.errors import ReportBuildError
from swtoolkit.reports import batch, folder, runner

FAULTS = """import os, signal, time
if region == "530300":
    os.kill(os.getpid(), signal.SIGKILL)  # the kernel dies mid-build
if region == "530400":
    os.kill(os.getppid(), signal.SIGKILL)  # the worker process driving this kernel dies mid-build
if region == "530500":
    time.sleep(3600)  # a stuck cell
"""


@pytest.fixture
def faulty_notebooks(tmp_path, monkeypatch, root) -> Path:
    """A copy of the report notebooks whose region notebook injects FAULTS right after its parameters."""
    notebooks = tmp_path / "notebooks"
    shutil.copytree(root / "notebooks", notebooks, ignore=shutil.ignore_patterns("teaching"))
    path = notebooks / runner.REGION_NOTEBOOK
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(1, nbformat.v4.new_code_cell(FAULTS))
    nbformat.write(nb, path)
    monkeypatch.setenv("SWTOOLKIT_NOTEBOOKS", str(notebooks))  # workers and kernels inherit it
    return notebooks


def _wait_for(condition, what: str, limit: float = 180.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.2)


def _manifest(out: Path) -> dict:
    path = out / "manifest.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"reports": {}}


@pytest.mark.slow
def test_a_killed_kernel_and_a_killed_worker_fail_only_their_regions(faulty_notebooks, tmp_path, process_marker):
    out = tmp_path / "reports"
    good = out / "notebooks" / "530300_qujing.ipynb"  # the notebook of an earlier good build
    good.parent.mkdir(parents=True)
    good.write_text("good", encoding="utf-8")
    # No cell timeout: the dead kernel must be noticed by itself; the report timeout only bounds a regression.
    summary = batch.build_all(regions=["530100", "530300", "530400"], formats=("html",), jobs=2, progress=False,
                              out=out, cell_timeout=None, report_timeout=300)
    assert summary.built == ["530100"] and list(summary.failed) == ["530300", "530400"]
    assert "DeadKernelError" in summary.failed["530300"]
    assert "was lost (killed by SIGKILL)" in summary.failed["530400"]
    manifest = _manifest(out)["reports"]
    assert manifest["530100"]["status"] == "ok" and (out / "530100_kunming.html").exists()
    assert {manifest[c]["status"] for c in ("530300", "530400")} == {"failed"}
    assert sorted(json.loads((out / "failures.json").read_text(encoding="utf-8"))) == ["530300", "530400"]
    assert good.read_text(encoding="utf-8") == "good"  # the partial notebook did not overwrite it
    assert manifest["530300"]["notebook"] == "notebooks/530300_qujing.failed.ipynb"
    assert (out / manifest["530400"]["notebook"]).exists()
    assert not list((out / "notebooks").glob("*.partial.ipynb"))
    assert process_marker() == []  # no worker or kernel outlives the build


KERNEL_FAULTS = """
import sys
from pathlib import Path
from swtoolkit.reports import runner
from swtoolkit.reports.kernels import KernelSupply

notebook, out = Path(sys.argv[1]), Path(sys.argv[2])
supply = KernelSupply(cwd=str(out))
supply.refill()
supply._next.shutdown_kernel(now=True)  # a pre-started kernel that died while waiting is replaced
# A dead kernel is noticed with no cell timeout at all; a stopped (stuck) one at the cell timeout.
for action, cell_timeout in (("die", None), ("stop", 3), ("fine", None)):
    output = out / f"{action}.ipynb"
    try:
        runner.execute(notebook, {"action": action}, output, kernels=supply,
                       cell_timeout=cell_timeout)
        result = "ok"
    except Exception as exc:
        result = type(exc).__name__
    kept = sorted(p.name for p in out.glob(f"{action}.*"))
    print(action, result, *kept, flush=True)
supply.close()
"""


@pytest.mark.slow
def test_a_dead_kernel_fails_its_notebook_without_a_timeout_and_a_stuck_one_at_the_cell_timeout(tmp_path,
                                                                                               process_marker):
    notebook = tmp_path / "cells.ipynb"
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                           "language": "python"}})
    nb.cells = [nbformat.v4.new_code_cell("action = ''", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("import os, signal\n"
                                          "if action == 'die': os.kill(os.getpid(), signal.SIGKILL)\n"
                                          "if action == 'stop': os.kill(os.getpid(), signal.SIGSTOP)")]
    nbformat.write(nb, notebook)
    out = tmp_path / "out"
    out.mkdir()
    # In a process of its own, so that a kernel client that hangs (the bug) fails the test instead of the suite.
    done = subprocess.run([sys.executable, "-c", KERNEL_FAULTS, str(notebook), str(out)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.splitlines() == ["die DeadKernelError die.failed.ipynb",
                                        "stop CellTimeoutError stop.failed.ipynb",
                                        "fine ok fine.ipynb"]
    assert process_marker() == []


def _start_cli_build(out: Path, regions: list[str]) -> subprocess.Popen:
    env = os.environ | {"SWTOOLKIT_REPORTS_DIR": str(out)}
    return subprocess.Popen([sys.executable, "-m", "swtoolkit", "build", "--regions", *regions, "--formats", "html",
                             "--jobs", "2", "-q"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


@pytest.mark.slow
def test_stopping_the_build_stops_its_workers_and_keeps_what_it_finished(faulty_notebooks, tmp_path,
                                                                         process_marker):
    out = tmp_path / "reports"
    build = _start_cli_build(out, ["530100", "530500"])  # 530500 hangs in a cell
    try:
        _wait_for(lambda: "530100" in _manifest(out)["reports"], "530100 to be built")
        build.send_signal(signal.SIGTERM)
        _, err = build.communicate(timeout=120)
    finally:
        build.kill()
    assert build.returncode == 130
    # an unset contact, and a worker that did not stop within STOP_GRACE on a loaded machine (then killed: the
    # outcome checked below is the same either way, and how fast a worker stops is not what this test is about)
    said = [line for line in err.splitlines() if not line.startswith("WARNING report.toml")
            and not re.fullmatch(r"WARNING worker \d+ did not stop on SIGTERM; killing it", line)]
    assert said == ["swtoolkit: build stopped by SIGTERM; 1 finished report(s) recorded in manifest.json"]
    assert _manifest(out)["reports"]["530100"]["status"] == "ok" and "530500" not in _manifest(out)["reports"]
    assert process_marker() == []
    with folder.exclusive(out):  # the lock went with the build
        pass


@pytest.mark.slow
def test_killing_the_build_takes_its_workers_and_kernels_with_it(faulty_notebooks, tmp_path, process_marker):
    out = tmp_path / "reports"
    build = _start_cli_build(out, ["530500"])
    try:
        _wait_for(lambda: (out / "notebooks" / "530500_baoshan.partial.ipynb").exists(), "530500 to start")
        build.kill()  # SIGKILL: no clean-up code of the build runs
        build.communicate(timeout=60)
    finally:
        build.kill()
    assert process_marker() == []


def test_execute_wraps_papermill_errors_with_the_cell(tmp_path, monkeypatch):
    """A failing notebook is a ReportBuildError naming the cell (no kernel needed to check the wrapping)."""
    class CellError(Exception):
        cell_index, ename, evalue = 3, "ValueError", "bad"

    def fail(*args, **kwargs):
        raise CellError()

    monkeypatch.setattr(runner, "execute", fail)
    with pytest.raises(ReportBuildError, match=r"ValueError: bad \(cell 3\)"):
        runner.build_notebook(Path("unused.ipynb"), {}, "530100_kunming", "t", [], ("html",), tmp_path)
