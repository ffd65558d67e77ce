"""`swtoolkit build` without notebooks: the folder lock, the manifest written as reports finish, a folder that
cannot be written, and names from the data that must not reach file paths or matplotlib's math parser.

The worker pool is replaced by a stand-in (`fake_run`), so these tests run in a second; the real build under
faults is in test_build_faults.py.
"""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from swtoolkit import charts, cli, regions
from swtoolkit.errors import (
    BuildInterrupted,
    BuildLockedError,
    ParameterError,
    ReportBuildError,
    ReportsFolderError,
)
from swtoolkit.reports import batch, folder, runner

HOSTILE_NAMES = ["../../../tmp/evil", "a/b", "..", "/etc/passwd", "$x$", "$\\frac{$", "a_b^c$", "..\\..\\x", ""]


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def _hold_lock(out: Path) -> subprocess.Popen:
    """Another process holding the reports folder, as a concurrent build would."""
    code = ("import sys; from pathlib import Path; from swtoolkit.reports import folder\n"
            f"with folder.exclusive(Path({str(out)!r})):\n    print('locked', flush=True); sys.stdin.read()")
    holder = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_a_second_build_into_a_locked_folder_fails_with_one_line(fake_build, tmp_path, monkeypatch, capsys):
    out = tmp_path / "reports"
    batch.build_all(regions=["530100"], formats=("html",), progress=False, out=out)
    before = (out / "manifest.json").read_bytes()
    holder = _hold_lock(out)
    try:
        with pytest.raises(BuildLockedError, match=rf"being written by another swtoolkit build \(pid {holder.pid} "):
            batch.build_all(regions=["530300"], formats=("html",), progress=False, out=out)
        monkeypatch.setenv("SWTOOLKIT_REPORTS_DIR", str(out))
        assert cli.main(["build", "--regions", "530300", "--formats", "html", "-q"]) == cli.EXIT_ENV
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "another swtoolkit build" in err and "Traceback" not in err
    finally:
        holder.communicate("")
    assert (out / "manifest.json").read_bytes() == before  # the refused builds wrote nothing
    assert fake_build == [["530100"]]


def test_builds_one_after_another_keep_each_others_entries(fake_build, tmp_path):
    out = tmp_path / "reports"
    batch.build_all(regions=["530100"], formats=("html",), progress=False, out=out)
    batch.build_all(regions=["530300", "comparison"], formats=("html",), progress=False, out=out)
    assert sorted(_manifest(out)["reports"]) == ["530100", "530300", "comparison"]
    with folder.exclusive(out):  # released after each build
        pass


def test_the_manifest_records_each_report_as_it_finishes_and_survives_an_interrupt(monkeypatch, tmp_path):
    out = tmp_path / "reports"
    seen_on_disk = []

    def interrupted_run(todo, formats, out_, jobs, cell_timeout, report_timeout, **kwargs):
        (code, key), *_ = todo
        yield code, key, {"status": "ok", "outputs": {}, "seconds": 0.0}
        seen_on_disk.extend(_manifest(out)["reports"])  # written before the next report finishes
        raise BuildInterrupted("SIGTERM")

    monkeypatch.setattr(batch, "write_model_results", lambda figures, out: None)
    monkeypatch.setattr(batch, "_run", interrupted_run)
    with pytest.raises(BuildInterrupted, match="SIGTERM; 1 finished report"):
        batch.build_all(regions=["530100", "530300"], formats=("html",), progress=False, out=out)
    assert seen_on_disk == ["530100"]
    assert list(_manifest(out)["reports"]) == ["530100"]
    with folder.exclusive(out):  # the lock went with the build
        pass


def test_a_worker_that_cannot_write_stops_the_build_with_the_file_and_reason(monkeypatch, tmp_path):
    def full_disk_run(todo, formats, out, jobs, cell_timeout, report_timeout, **kwargs):
        code, key = todo[0]
        yield code, key, {"status": "failed", "error": "cannot write x.pdf: No space left on device",
                          "folder_error": [str(out / "x.pdf"), "No space left on device"], "seconds": 0.0}
        raise AssertionError("the build goes on after a full disk")

    monkeypatch.setattr(batch, "write_model_results", lambda figures, out: None)
    monkeypatch.setattr(batch, "_run", full_disk_run)
    out = tmp_path / "reports"
    with pytest.raises(ReportsFolderError, match=r"x\.pdf: No space left on device"):
        batch.build_all(regions=["530100", "530300"], formats=("html",), progress=False, out=out)
    assert _manifest(out)["reports"]["530100"]["status"] == "failed"


def test_a_reports_folder_that_cannot_be_made_is_one_line_and_exit_code(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ReportsFolderError, match="Not a directory"):
        batch.build_all(regions=["530100"], formats=("html",), progress=False, out=blocker / "reports")
    monkeypatch.setenv("SWTOOLKIT_REPORTS_DIR", str(blocker / "reports"))
    assert cli.main(["build", "--regions", "530100", "--formats", "html", "-q"]) == cli.EXIT_ENV
    err = capsys.readouterr().err
    assert err == f"swtoolkit: cannot write {blocker / 'reports'}: Not a directory\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_reports_folder_is_one_clear_error(tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    out.chmod(0o555)
    try:
        with pytest.raises(ReportsFolderError, match=r"\.build\.lock: Permission denied"):
            batch.build_all(regions=["530100"], formats=("html",), progress=False, out=out)
    finally:
        out.chmod(0o755)


def test_a_full_disk_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch):
    target = tmp_path / "manifest.json"
    target.write_text("old", encoding="utf-8")

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(folder.os, "fsync", full)
    with pytest.raises(ReportsFolderError, match="manifest.json: No space left on device"):
        folder.write_atomic_bytes(b"new", target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.json"]


def test_a_notebook_that_cannot_be_saved_is_a_folder_error_not_a_report_failure(tmp_path, monkeypatch):
    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / "notebooks" / "x.ipynb"))

    monkeypatch.setattr(runner, "execute", no_space)
    with pytest.raises(ReportsFolderError, match=r"x\.ipynb: No space left on device"):
        runner.build_notebook(Path("unused.ipynb"), {}, "530100_kunming", "t", [], ("html",), tmp_path)

    def unreadable(*args, **kwargs):  # outside the reports folder: that report's failure, not the folder's
        raise OSError(errno.EACCES, os.strerror(errno.EACCES), "/elsewhere/region_report.ipynb")

    monkeypatch.setattr(runner, "execute", unreadable)
    with pytest.raises(ReportBuildError, match="Permission denied"):
        runner.build_notebook(Path("unused.ipynb"), {}, "530100_kunming", "t", [], ("html",), tmp_path)


def test_build_rejects_non_positive_jobs_and_timeouts(tmp_path, capsys):
    for bad in ({"jobs": 0}, {"cell_timeout": 0}, {"report_timeout": -1}):
        with pytest.raises(ParameterError):
            batch.build_all(regions=["530100"], formats=("html",), progress=False, out=tmp_path, **bad)
    assert cli.main(["build", "--jobs", "0"]) == cli.EXIT_USAGE
    assert "--jobs: 0 is less than 1" in capsys.readouterr().err


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_report_file_names_come_from_the_code_and_a_plain_slug(name, tmp_path):
    stem = runner.report_stem("530100", name)
    assert re.fullmatch(r"530100(_[a-z0-9-]+)?", stem)
    for path in (tmp_path / f"{stem}.html", runner.notebook_path(tmp_path, stem)):
        assert path.resolve().is_relative_to(tmp_path.resolve())


def test_report_stems_of_the_real_regions_are_unchanged():
    assert runner.report_stem("530100", "Kunming") == "530100_kunming"
    assert runner.report_stem("532800", "Xishuangbanna") == "532800_xishuangbanna"
    assert runner.report_stem("530100", "Xi'an Shi") == "530100_xi-an-shi"


def test_a_bad_code_or_file_name_never_becomes_a_path(tmp_path):
    for code in ("../530100", "53010", "530100/..", "５３０１００"):
        with pytest.raises(ParameterError):
            runner.report_stem(code, "Kunming")
    with pytest.raises(ParameterError, match="not a plain name"):
        runner.build_notebook(Path("unused.ipynb"), {}, "../../evil", "t", [], ("html",), tmp_path)


def test_a_hostile_english_name_in_the_region_table_stays_inside_reports(monkeypatch):
    real = regions.get("530100")
    monkeypatch.setattr(regions, "get", lambda code: dataclasses.replace(real, name_en="../../../$x$/evil"))
    assert runner.region_stem("530100") == "530100_x-evil"
    assert runner.region_stem("comparison") == "comparison"


def test_chart_text_is_drawn_literally(tmp_path):
    table = pd.DataFrame({"region_code": ["a", "b", "c"], "ratio": [1.0, 2.0, 3.0], "bound": ["", "≥", ""]})
    names = pd.Series({"a": "$\\frac{$", "b": "$x$", "c": "a_b^c"})
    fig = charts.ratio_bars(table, names, xlabel="$\\frac{$ per station")
    fig.canvas.draw()  # mathtext would raise on "$\frac{$"
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["a_b^c", "$x$", "$\\frac{$"]
    assert charts.to_png_base64(fig)
    points = pd.DataFrame({"ref_date": ["2021-12-31", "2022-06-30"], "value": [1.0, 2.0],
                           "qualifier": ["exact", "at_least"]})
    fig = charts.series(points, points.iloc[0:0], ylabel="$x_1$ 人")
    assert charts.to_png_base64(fig)


def test_the_parent_keeps_per_report_work_flat_index_once_and_inputs_read_once(fake_build, tmp_path, monkeypatch):
    """The parent's work per finished report must not grow with the build (benchmarks/report_cost.md, fourth pass):
    index.html is written when the build ends (not after every report), failures.json only when the failures
    change, and the inputs every key shares (the source descriptions) are read once per build, not per report."""
    from swtoolkit import provenance

    indexes, reads, written = [], [], []
    index_html, sources, write = batch.index_html, provenance.sources, batch.write_atomic_bytes
    monkeypatch.setattr(batch, "index_html", lambda manifest, out=None: indexes.append(1) or index_html(manifest, out))
    monkeypatch.setattr(provenance, "sources", lambda raw=None: reads.append(1) or sources(raw))
    monkeypatch.setattr(batch, "write_atomic_bytes", lambda data, path: written.append(path.name) or write(data, path))
    out = tmp_path / "reports"
    batch.build_all(regions=["530100", "530300", "530400", "comparison"], formats=("html",), progress=False, out=out)
    assert len(indexes) == 1 and len(reads) == 1
    assert written.count("manifest.json") == 5  # each report as it finished, and the end of the build
    assert written.count("failures.json") == 1  # no failure came or went: written once, at the end
    assert sorted(_manifest(out)["reports"]) == ["530100", "530300", "530400", "comparison"]
    assert regions.get("530400").name_zh in (out / "index.html").read_text(encoding="utf-8")


def test_a_failure_is_in_failures_json_at_once_and_a_stopped_build_leaves_an_index(monkeypatch, tmp_path):
    out = tmp_path / "reports"
    on_disk = {}

    def run(todo, formats, out_, jobs, cell_timeout, report_timeout, **kwargs):
        (first, k1), (second, k2), *_ = todo
        yield first, k1, {"status": "failed", "error": "boom", "seconds": 0.0}
        on_disk["failures"] = json.loads((out / "failures.json").read_text(encoding="utf-8"))
        yield second, k2, {"status": "ok", "outputs": {}, "seconds": 0.0}
        raise BuildInterrupted("SIGINT")

    monkeypatch.setattr(batch, "write_model_results", lambda figures, out: None)
    monkeypatch.setattr(batch, "_run", run)
    with pytest.raises(BuildInterrupted):
        batch.build_all(regions=["530100", "530300", "530400"], formats=("html",), progress=False, out=out)
    assert list(on_disk["failures"]) == ["530100"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "boom" in index and regions.get("530300").name_zh in index
