"""The build's stages: typed artefacts with contracts, report slices that hold all a report reads, exact keys."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pytest

from swtoolkit import regions, stages
from swtoolkit.errors import CleanDataError
from swtoolkit.reports import batch


@pytest.fixture(scope="module")
def tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    from swtoolkit.models import fit_all

    clean = stages.read_figures()
    return clean, fit_all(clean)


def test_results_keep_their_types_through_the_file(tables, tmp_path):
    _, results = tables
    path = stages.write_results(results, tmp_path / "results.parquet")
    back = stages.read_results(path)
    assert back["allowed"].dtype == bool and back["n_points"].dtype == np.int64
    assert back["estimate"].dtype == np.float64
    pd.testing.assert_frame_equal(back, results.reset_index(drop=True), check_dtype=True)


def test_a_results_table_that_breaks_its_contract_is_refused_in_one_line(tables, tmp_path):
    _, results = tables
    bad = results.copy()
    bad.loc[bad.index[3], "region_code"] = "53xx00"
    with pytest.raises(CleanDataError) as caught:
        stages.write_results(bad, tmp_path / "results.parquet")
    message = str(caught.value)
    assert "\n" not in message and "region_code" in message and "53xx00" in message
    assert not (tmp_path / "results.parquet").exists()
    bad.drop(columns=["notes"]).to_parquet(tmp_path / "other.parquet")  # written by something else
    with pytest.raises(CleanDataError, match="other.parquet"):
        stages.read_results(tmp_path / "other.parquet")


def test_figures_are_checked_when_read(tmp_path):
    figures = stages.read_figures()
    figures.loc[0, "qualifier"] = "roughly"
    figures.to_parquet(tmp_path / "figures.parquet")
    with pytest.raises(CleanDataError, match="qualifier.*roughly"):
        stages.read_figures(tmp_path / "figures.parquet")


def test_a_checked_table_is_reused_by_content_and_never_shared(tmp_path):
    """A kept kernel reads the same files for many reports: checked once per content, each caller its own copy."""
    path = tmp_path / "figures.parquet"
    stages.read_figures().to_parquet(path, index=False)
    first = stages.read_figures(path)
    first.loc[0, "qualifier"] = "roughly"  # one report's change stays its own
    assert stages.read_figures(path).loc[0, "qualifier"] != "roughly"
    first.to_parquet(path, index=False)  # the same path, new content: read and checked again
    with pytest.raises(CleanDataError, match="qualifier.*roughly"):
        stages.read_figures(path)


def test_the_contracts_ship_as_yaml_that_loads_back():
    for name, text in stages.schemas_yaml().items():
        schema = pa.DataFrameSchema.from_yaml(text)
        assert schema.columns, name
    figures = pa.DataFrameSchema.from_yaml(stages.schemas_yaml()["figures.schema.yaml"])
    assert len(figures.checks) == 2  # the frame-wide checks are named, so they survive to_yaml


def test_each_report_needs_nothing_outside_its_slice(tables):
    """Every claim of every report is the same when the report is handed only its slice (what its key covers)."""
    from swtoolkit.reports.audit import region_claims

    clean, results = tables
    for code in batch.report_regions(clean):
        figures, own = stages.report_slice(code, clean, results)
        whole = region_claims(code, clean, results)
        sliced = region_claims(code, figures.reset_index(drop=True), own.reset_index(drop=True))
        assert [(c.block, c.kind, c.text, c.figure_ids) for c in whole] == \
               [(c.block, c.kind, c.text, c.figure_ids) for c in sliced], code


def _one_prefecture_changed(clean: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    whole = clean[clean["region_level"].eq("prefecture") & clean["place"].eq("") & clean["value"].notna()]
    row = whole.index[0]
    changed = clean.copy()
    changed.loc[row, "value"] = changed.loc[row, "value"] + 1
    return changed, str(clean.loc[row, "region_code"])


def test_one_prefecture_figure_changes_only_its_report_its_province_and_the_comparison(tables):
    from swtoolkit.models import fit_all

    clean, results = tables
    codes = batch.report_regions(clean) + ["comparison"]
    before = batch.report_keys(codes, ("html",), clean, results)
    changed, prefecture = _one_prefecture_changed(clean)
    after = batch.report_keys(codes, ("html",), changed, fit_all(changed))
    rebuilt = {c for c in codes if before[c] != after[c]}
    assert rebuilt == {prefecture, regions.get(prefecture).parent_code, "comparison"}
    assert batch.report_keys(codes, ("html",), clean, results) == before  # nothing changed: every key the same


def test_the_key_covers_notebook_code_and_formats(tables, monkeypatch):
    clean, results = tables
    key = batch.report_keys(["530100"], ("html",), clean, results)["530100"]
    assert batch.report_keys(["530100"], ("html", "pdf"), clean, results)["530100"] != key
    monkeypatch.setattr(stages, "report_code_digest", lambda files=None: "other code")
    assert batch.report_keys(["530100"], ("html",), clean, results)["530100"] != key


def test_a_built_report_is_keyed_on_the_modules_it_recorded(tables):
    clean, results = tables
    recorded = {"530100": ["__init__.py", "reports/content.py"]}
    key = batch.report_keys(["530100"], ("html",), clean, results, code_files=recorded)["530100"]
    assert key != batch.report_keys(["530100"], ("html",), clean, results)["530100"]
    assert key == batch.report_keys(["530100"], ("html",), clean, results, code_files=dict(recorded))["530100"]


def test_the_code_a_report_runs_before_its_first_build_is_its_import_closure():
    files = {p.relative_to(stages.PACKAGE_DIR).as_posix() for p in stages.code_closure()}
    assert {"reports/content.py", "reports/comparison.py", "charts.py", "regions.py", "__init__.py"} <= files
    assert "cli.py" not in files and "release.py" not in files


def test_a_report_kernel_does_not_import_the_model_libraries():
    """The kernel's warm imports stay light (lazy package exports): statsmodels, scipy and cn2an add ≈ 2.8 s of CPU
    to every kernel start (benchmarks/report_cost.md) and a report that reads a results table never needs them."""
    import subprocess
    import sys

    from swtoolkit.reports.kernels import WARM_IMPORTS

    heavy = ('statsmodels', 'scipy', 'cn2an')
    code = f"{WARM_IMPORTS}; import sys; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
    assert done.stdout.strip() == "[]"
