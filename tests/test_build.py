"""`swtoolkit build`: cache, failure isolation, manifest and index; the HTML loads in headless Chromium."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from swtoolkit.reports import batch


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, batch.BuildSummary]:
    out = tmp_path_factory.mktemp("build")
    summary = batch.build_all(regions=["530100", "comparison"], formats=("html", "pdf"), jobs=2, progress=False,
                              out=out)
    return out, summary


@pytest.mark.slow
def test_build_writes_reports_manifest_and_index(built):
    out, summary = built
    assert sorted(summary.built) == ["530100", "comparison"] and not summary.failed
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["reports"]["530100"]
    assert entry["status"] == "ok" and len(entry["key"]) == 64
    assert {"html", "pdf", "notebook"} <= set(entry["outputs"])
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "530100_kunming.pdf" in index and "comparison.html" in index
    # the methods document the briefs refer to: rendered once per build, linked from the index
    assert manifest["methods"]["status"] == "ok" and {"html", "pdf"} == set(manifest["methods"]["outputs"])
    assert (out / "methods.pdf").is_file() and 'href="methods.html"' in index


@pytest.mark.slow
def test_the_audit_reads_the_claims_each_report_recorded_and_they_are_the_reports_own(built):
    """Each report's notebook records its claims (hidden claims-record cell); the build's audit reads them back
    instead of building the content again, and they are exactly what `swtoolkit audit` lists for the report."""
    import nbformat
    import pandas as pd

    from swtoolkit import stages
    from swtoolkit.reports import audit
    from swtoolkit.reports.inputs import read_checks

    out, _ = built
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["audit"]["status"] == "ok" and manifest["audit"]["audited"] == 0  # nothing built twice
    assert not any("audit_part" in e for e in manifest["reports"].values())
    clean = stages.read_figures()
    results = stages.read_results(out / manifest["results"])
    table = pd.read_csv(out / audit.AUDIT_CSV, dtype=str, keep_default_na=False)
    for code in ("530100", "comparison"):
        executed = nbformat.read(str(out / manifest["reports"][code]["outputs"]["notebook"]["path"]), as_version=4)
        recorded = audit.recorded_claims(executed)
        assert recorded is not None and len(recorded) > 20
        expected = audit.report_claims(code, clean, results, read_checks()).astype(str)
        pd.testing.assert_frame_equal(recorded.reset_index(drop=True), expected.reset_index(drop=True))
        assert len(table[table["report"].eq(code)]) == len(recorded)
    html = (out / "530100_kunming.html").read_text(encoding="utf-8")
    assert "claims_record" not in html and '"figure_ids"' not in html  # the record cell is left out of the report


@pytest.mark.slow
def test_rebuild_with_no_change_does_nothing(built):
    out, _ = built
    methods = (out / "methods.pdf").stat().st_mtime_ns
    again = batch.build_all(regions=["530100", "comparison"], jobs=2, progress=False, out=out)
    assert again.built == [] and sorted(again.cached) == ["530100", "comparison"]
    assert (out / "methods.pdf").stat().st_mtime_ns == methods  # unchanged: not rendered again


@pytest.mark.slow
def test_a_changed_output_is_rebuilt(built):
    out, _ = built
    (out / "530100_kunming.html").write_text("tampered", encoding="utf-8")
    again = batch.build_all(regions=["530100", "comparison"], formats=("html", "pdf"), jobs=2, progress=False,
                            out=out)
    assert again.built == ["530100"] and again.cached == ["comparison"]


@pytest.mark.slow
def test_a_failing_region_is_recorded_and_the_others_are_built(tmp_path, monkeypatch, root):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(root / "notebooks", notebooks, ignore=shutil.ignore_patterns("teaching"))
    broken = json.loads((notebooks / "region_report.ipynb").read_text(encoding="utf-8"))
    broken["cells"].append({"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                            "source": "assert region != '530300', 'deliberate failure for Qujing'"})
    (notebooks / "region_report.ipynb").write_text(json.dumps(broken), encoding="utf-8")
    monkeypatch.setenv("SWTOOLKIT_NOTEBOOKS", str(notebooks))  # worker processes inherit it
    out = tmp_path / "reports"
    summary = batch.build_all(regions=["530100", "530300"], formats=("html",), jobs=2, progress=False, out=out)
    assert summary.built == ["530100"] and list(summary.failed) == ["530300"]
    assert "deliberate failure" in summary.failed["530300"]
    failures = json.loads((out / "failures.json").read_text(encoding="utf-8"))
    assert list(failures) == ["530300"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["reports"]["530300"]["notebook"] == "notebooks/530300_qujing.failed.ipynb"
    assert (out / "notebooks" / "530300_qujing.failed.ipynb").exists()  # the partial notebook is kept
    assert not (out / "notebooks" / "530300_qujing.ipynb").exists()  # under its own name
    assert "failed" in (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_html_loads_in_headless_chromium_without_errors(built, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.fail("chromium is not installed: scripts/setup.sh installs it (apt-get install chromium)")
    out, _ = built
    shot = tmp_path / "page.png"
    page = (out / "530100_kunming.html").resolve().as_uri()
    done = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--host-resolver-rules=MAP * ~NOTFOUND",
         "--enable-logging=stderr", "--v=0", "--window-size=1200,1600", f"--screenshot={shot}", page],
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.exists() and shot.stat().st_size > 20_000  # a rendered page, not a blank one
    console = [line for line in done.stderr.splitlines() if "CONSOLE" in line]
    assert not console, console
    assert "net::ERR" not in done.stderr  # nothing was fetched from outside the file
