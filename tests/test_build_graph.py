"""The build graph end to end: a report re-runs from its stored parameters alone, a no-change rebuild does no work,
and Dask (a two-worker LocalCluster) builds the same reports, with the same keys and the same failure handling."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from test_build_faults import faulty_notebooks  # noqa: F401  (the fixture, shared)

from swtoolkit import stages
from swtoolkit.reports import batch

STEM = "530100_kunming"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("graph")
    # One worker: 530100 runs in the kernel 530300 ran in (reset, kept warm); the re-run below uses a fresh one.
    summary = batch.build_all(regions=["530300", "530100"], formats=("html",), jobs=1, progress=False, out=out)
    assert summary.built == ["530300", "530100"], summary.describe()
    return out


def _outputs(notebook: nbformat.NotebookNode) -> list:
    """Every cell's outputs but the build record's (a build's warm kernel has imported more modules ahead)."""
    return [[{k: v for k, v in o.items() if k != "metadata"} for o in cell.get("outputs", [])]
            for cell in notebook.cells
            if cell.cell_type == "code" and "build-record" not in cell.metadata.get("tags", [])]


@pytest.mark.slow
def test_a_report_reruns_from_the_parameters_stored_in_its_notebook_alone_in_a_fresh_kernel(built, tmp_path, root):
    executed = nbformat.read(built / "notebooks" / f"{STEM}.ipynb", as_version=4)
    parameters = executed.metadata.papermill.parameters
    assert set(parameters) == {"region", "figures", "results", "config"}
    for name in ("figures", "results", "config"):
        assert Path(parameters[name]).is_absolute() and Path(parameters[name]).is_file(), name
    script = ("import json, sys, papermill\n"
              "papermill.execute_notebook(sys.argv[1], sys.argv[2], parameters=json.loads(sys.argv[3]),\n"
              "                           kernel_name='python3', progress_bar=False)\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SWTOOLKIT_")}  # nothing from the build
    again = tmp_path / "again.ipynb"
    subprocess.run([sys.executable, "-c", script, str(root / "notebooks" / "region_report.ipynb"), str(again),
                    json.dumps(parameters)], cwd=tmp_path, env=env, check=True, capture_output=True, timeout=600)
    rerun = nbformat.read(again, as_version=4)
    for i, (fresh, build) in enumerate(zip(_outputs(rerun), _outputs(executed), strict=True)):
        if fresh != build:
            a, b = json.dumps(fresh, ensure_ascii=False), json.dumps(build, ensure_ascii=False)
            at = next(j for j in range(min(len(a), len(b))) if a[j] != b[j]) if a[:len(b)] != b[:len(a)] else 0
            around = slice(max(0, at - 150), at + 150)
            pytest.fail(f"cell {i} differs: fresh …{a[around]}… build …{b[around]}…")
    assert set(stages.build_record(rerun)) <= set(stages.build_record(executed))


@pytest.mark.slow
def test_a_built_report_records_the_modules_it_ran_and_a_rebuild_does_no_work(built):
    entry = json.loads((built / "manifest.json").read_text(encoding="utf-8"))["reports"]["530100"]
    files = set(entry["code_files"])
    assert {"reports/content.py", "stages.py"} <= files
    assert not files & {"reports/batch.py", "reports/workers.py", "cleaning/pipeline.py", "models/fit.py", "cli.py"}
    again = batch.build_all(regions=["530300", "530100"], formats=("html",), jobs=1, progress=False, out=built)
    assert again.built == [] and again.cached == ["530300", "530100"]


@pytest.mark.slow
def test_dask_builds_the_same_report_under_the_same_key(built, tmp_path):
    out = tmp_path / "dask"
    summary = batch.build_all(regions=["530100"], formats=("html",), jobs=2, progress=False, out=out,
                              scheduler="dask")
    assert summary.built == ["530100"] and not summary.failed
    pool = json.loads((built / "manifest.json").read_text(encoding="utf-8"))["reports"]["530100"]
    dask = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["reports"]["530100"]
    assert dask["key"] == pool["key"] and dask["code_files"] == pool["code_files"]
    assert (out / f"{STEM}.html").read_bytes() == (built / f"{STEM}.html").read_bytes()


@pytest.mark.slow
def test_on_dask_a_killed_kernel_and_a_killed_worker_fail_only_their_regions(faulty_notebooks, tmp_path,  # noqa: F811
                                                                              process_marker):
    out = tmp_path / "reports"
    summary = batch.build_all(regions=["530100", "530300", "530400"], formats=("html",), jobs=2, progress=False,
                              out=out, cell_timeout=None, report_timeout=300, scheduler="dask")
    assert summary.built == ["530100"] and list(summary.failed) == ["530300", "530400"], summary.describe()
    assert "DeadKernelError" in summary.failed["530300"]
    assert "was lost" in summary.failed["530400"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["reports"]
    assert manifest["530100"]["status"] == "ok" and (out / f"{STEM}.html").exists()
    assert sorted(json.loads((out / "failures.json").read_text(encoding="utf-8"))) == ["530300", "530400"]
    assert process_marker() == []  # no worker or kernel outlives the build
