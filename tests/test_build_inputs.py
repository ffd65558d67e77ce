"""`swtoolkit build` checks data/clean before rendering: a truncated or stale clean table stops it in one line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from swtoolkit import cli
from swtoolkit.cleaning import verify
from swtoolkit.errors import CleanDataError


@pytest.fixture
def project(tmp_path: Path, root: Path, monkeypatch) -> Path:
    """A project copy (data and notebooks) that the build reads through SWTOOLKIT_ROOT."""
    copy = tmp_path / "project"
    shutil.copytree(root / "data" / "raw", copy / "data" / "raw", ignore=shutil.ignore_patterns("_work"))
    shutil.copytree(root / "data" / "clean", copy / "data" / "clean")
    shutil.copytree(root / "notebooks", copy / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copy(root / "report.toml", copy / "report.toml")
    monkeypatch.setenv("SWTOOLKIT_ROOT", str(copy))
    monkeypatch.delenv("SWTOOLKIT_NOTEBOOKS", raising=False)
    monkeypatch.setenv("SWTOOLKIT_REPORTS_DIR", str(tmp_path / "reports"))
    return copy


def _build(capsys) -> tuple[int, str]:
    code = cli.main(["build", "--regions", "530100", "--formats", "html", "-q"])
    return code, capsys.readouterr().err


def test_a_truncated_clean_table_stops_the_build_in_one_line(project, fake_build, capsys):
    figures = project / "data" / "clean" / "figures.csv"
    data = figures.read_bytes()
    figures.write_bytes(data[: len(data) // 2])  # cut mid-row, as a full disk or a killed copy leaves it
    code, err = _build(capsys)
    assert code == cli.EXIT_DATA and err.count("\n") == 1 and "truncated" in err and "swtoolkit clean" in err
    assert fake_build == []


def test_a_clean_table_cut_at_a_row_end_is_found_by_its_checksum(project, fake_build, capsys):
    figures = project / "data" / "clean" / "figures.csv"
    lines = figures.read_text(encoding="utf-8").splitlines(keepends=True)
    figures.write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
    code, err = _build(capsys)
    assert code == cli.EXIT_DATA and "figures.csv is not what `swtoolkit clean` makes" in err
    assert fake_build == []


def test_a_stale_clean_table_stops_the_build(project, fake_build, capsys):
    raw = project / "data" / "raw" / "figures.csv"
    text = raw.read_text(encoding="utf-8")
    edited = text.replace(",全州; no certified station staff", ",全州; no certified station staff (edited)")
    assert edited != text
    raw.write_text(edited, encoding="utf-8")  # data/raw changed, `swtoolkit clean` not run again
    code, err = _build(capsys)
    assert code == cli.EXIT_DATA and "stale" in err and err.count("\n") == 1
    assert fake_build == []


def test_a_missing_clean_file_stops_the_build(project, fake_build, capsys):
    (project / "data" / "clean" / "figures.parquet").unlink()
    code, err = _build(capsys)
    assert code == cli.EXIT_DATA and "figures.parquet is missing" in err
    assert fake_build == []


def test_a_verified_set_is_not_cleaned_again(project, fake_build, monkeypatch, capsys, tmp_path):
    assert _build(capsys)[0] == cli.EXIT_OK and fake_build == [["530100"]]
    key = json.loads((tmp_path / "reports" / "manifest.json").read_text(encoding="utf-8"))["clean_verified"]
    assert key == verify.clean_key()
    verify._verified.clear()

    def no_second_run(**kwargs):
        raise AssertionError("cleaned again although nothing changed")

    monkeypatch.setattr("swtoolkit.cleaning.pipeline.clean", no_second_run)
    assert _build(capsys)[0] == cli.EXIT_OK


def test_verify_clean_names_the_problem(project):
    (project / "data" / "clean" / "checks.csv").write_text("check\n", encoding="utf-8")
    with pytest.raises(CleanDataError, match="checks.csv is not what"):
        verify.verify_clean()


def test_english_region_names_work_for_build_and_audit(fake_build, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("SWTOOLKIT_REPORTS_DIR", str(tmp_path / "reports"))
    assert cli.main(["build", "--regions", "Yunnan", "Kunming", "Dali Prefecture", "--formats", "html", "-q"]) == 0
    assert fake_build == [["530000", "530100", "532900"]]
    asked = []
    monkeypatch.setattr("swtoolkit.reports.audit.audit", lambda out, codes: asked.append(codes) or _no_claims())
    assert cli.main(["audit", "--regions", "Kunming", "yunnan", "--out", str(tmp_path / "audit")]) == 0
    assert asked == [["530100", "530000"]]
    assert cli.main(["audit", "--regions", "Xishan"]) == cli.EXIT_USAGE  # two places: the message says how to choose
    assert "Xishan, " in capsys.readouterr().err


def _no_claims():
    import pandas as pd

    return pd.DataFrame({"kind": [], "report": []})


def test_a_truncated_parquet_stops_the_build_in_one_line(project, fake_build, capsys):
    parquet = project / "data" / "clean" / "figures.parquet"
    parquet.write_bytes(parquet.read_bytes()[: parquet.stat().st_size * 2 // 3])  # pyarrow: ArrowInvalid
    code, err = _build(capsys)
    assert code == cli.EXIT_DATA and "figures.parquet cannot be read" in err and err.count("\n") == 1, err
    assert "Traceback" not in err and fake_build == []


@pytest.mark.parametrize("damage", [
    lambda p: p.unlink(),
    lambda p: p.write_text("publisher = [unclosed\n", encoding="utf-8"),
    lambda p: p.write_bytes(p.read_text(encoding="utf-8").encode("gb18030") + "出版者".encode("gb18030")),
], ids=["missing", "not-toml", "gbk"])
def test_a_broken_report_toml_stops_the_build_once_not_in_every_report(project, fake_build, capsys, damage):
    damage(project / "report.toml")
    code, err = _build(capsys)
    assert code == cli.EXIT_DATA and "report.toml" in err and err.count("\n") == 1, err
    assert fake_build == []


@pytest.mark.parametrize("command", [["regions"], ["audit", "--regions", "530100"], ["build", "--regions", "530100"]])
def test_every_command_says_the_same_of_a_missing_clean_table(project, fake_build, capsys, tmp_path, command):
    shutil.rmtree(project / "data" / "clean")
    extra = ["--out", str(tmp_path / "audit")] if command[0] == "audit" else []
    code = cli.main(command + extra)
    err = capsys.readouterr().err
    assert code == cli.EXIT_DATA and "figures.csv is missing: run `swtoolkit clean`" in err, err
