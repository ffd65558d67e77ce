"""The clean step: reproducible byte for byte, and bad input named by file, row, column and value."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from swtoolkit.cleaning.pipeline import clean, load, process
from swtoolkit.errors import RawDataError, RawDataErrors


@pytest.fixture()
def raw_copy(tmp_path: Path, root: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(root / "data" / "raw", raw, ignore=shutil.ignore_patterns("_work"))
    return raw


def test_clean_reproduces_committed_files_byte_for_byte(tmp_path: Path, root: Path):
    clean(out=tmp_path)
    for name in ("figures.csv", "checks.csv", "codebook.csv"):
        assert (tmp_path / name).read_bytes() == (root / "data" / "clean" / name).read_bytes(), name
    rebuilt = pd.read_parquet(tmp_path / "figures.parquet")
    committed = pd.read_parquet(root / "data" / "clean" / "figures.parquet")
    pd.testing.assert_frame_equal(rebuilt, committed)


def test_clean_contract_columns(root: Path):
    frame = pd.read_csv(root / "data" / "clean" / "figures.csv", dtype=str, keep_default_na=False)
    for column in ["figure_id", "source_id", "source_file", "locator", "region_code", "region_name", "region_name_en",
                   "region_level", "province_code", "indicator", "value", "value_low", "value_high", "qualifier",
                   "unit", "ref_date", "ref_date_precision", "kind", "target_year", "value_as_written"]:
        assert column in frame.columns
    assert frame["figure_id"].is_unique


def test_every_check_passes_or_is_explained(root: Path):
    checks = pd.read_csv(root / "data" / "clean" / "checks.csv", dtype=str, keep_default_na=False)
    assert not checks.empty
    assert set(checks["status"]) <= {"pass", "note", "explained"}, checks[checks["status"] == "fail"]


def _corrupt(raw: Path, row: int, column: str, value: str) -> None:
    frame = pd.read_csv(raw / "figures.csv", dtype=str, keep_default_na=False)
    frame.loc[row - 2, column] = value
    frame.to_csv(raw / "figures.csv", index=False, lineterminator="\n")


@pytest.mark.parametrize(("column", "value", "reason"), [
    ("value_as_written", "好多人", "cannot read"),
    ("region_as_written", "火星", "unknown region"),
    ("date_as_written", "下个世纪", "cannot read the date"),
])
def test_bad_row_names_file_row_column_value_and_writes_nothing(raw_copy, tmp_path, column, value, reason):
    _corrupt(raw_copy, 5, column, value)
    out = tmp_path / "out"
    with pytest.raises(RawDataError) as info:
        clean(raw=raw_copy, out=out)
    error = info.value
    assert (error.row, error.column, error.value) == (5, column, value)
    assert error.file.endswith("figures.csv") and reason in str(error)
    assert not out.exists()


def test_schema_errors_name_every_bad_cell(raw_copy, tmp_path):
    _corrupt(raw_copy, 3, "indicator", "no_such_key")
    frame = pd.read_csv(raw_copy / "figures.csv", dtype=str, keep_default_na=False)
    frame.loc[6, "figure_id"] = frame.loc[5, "figure_id"]  # duplicate id at row 8
    frame.to_csv(raw_copy / "figures.csv", index=False, lineterminator="\n")
    with pytest.raises(RawDataErrors) as info:
        clean(raw=raw_copy, out=tmp_path / "out")
    found = {(e.row, e.column) for e in info.value.errors}
    assert (3, "indicator") in found
    assert any(column == "figure_id" for _, column in found)


def test_keep_going_collects_every_error(raw_copy, tmp_path):
    _corrupt(raw_copy, 4, "value_as_written", "好多人")
    _corrupt(raw_copy, 9, "date_as_written", "下个世纪")
    figures, sources, path = load(raw_copy)
    with pytest.raises(RawDataErrors) as info:
        process(figures, sources, str(path), keep_going=True)
    assert [(e.row, e.column) for e in info.value.errors] == [(4, "value_as_written"), (9, "date_as_written")]


def test_qualifiers_give_honest_intervals(root: Path):
    frame = pd.read_csv(root / "data" / "clean" / "figures.csv", dtype=str, keep_default_na=False)
    more = frame[frame["qualifier"].isin(["more_than", "at_least"])]
    assert not more.empty and (more["value_high"] == "").all() and (more["value_low"] != "").all()
    targets = frame[frame["kind"] == "target"]
    assert (targets["target_year"] != "").all()
