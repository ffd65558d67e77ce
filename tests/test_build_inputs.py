"""`swtoolkit build` runs the clean stage first: a stale or damaged data/clean is rebuilt from data/raw, never rendered;
raw data that does not clean stops the build in one line."""

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


def _damage_truncated(project: Path) -> None:
    figures = project / "data" / "clean" / "figures.csv"
    data = figures.read_bytes()
    figures.write_bytes(data[: len(data) // 2])  # cut mid-row, as a full disk or a killed copy leaves it


def _damage_cut_at_row_end(project: Path) -> None:
    figures = project / "data" / "clean" / "figures.csv"
    lines = figures.read_text(encoding="utf-8").splitlines(keepends=True)
    figures.write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")


def _damage_stale(project: Path) -> None:
    raw = project / "data" / "raw" / "figures.csv"
    text = raw.read_text(encoding="utf-8")
    edited = text.replace(",全州; no certified station staff", ",全州; no certified station staff (edited)")
    assert edited != text
    raw.write_text(edited, encoding="utf-8")  # data/raw changed, `swtoolkit clean` not run again


def _damage_missing(project: Path) -> None:
    (project / "data" / "clean" / "figures.parquet").unlink()


@pytest.mark.parametrize("damage", [_damage_truncated, _damage_cut_at_row_end, _damage_stale, _damage_missing])
def test_a_stale_or_damaged_clean_set_is_rebuilt_by_the_build_never_rendered(project, fake_build, capsys, damage,
                                                                               tmp_path):
    damage(project)
    code = cli.main(["build", "--regions", "530100", "--formats", "html", "-q"])
    captured = capsys.readouterr()
    out = captured.out
    assert code == cli.EXIT_OK, captured.err
    assert "data/clean was stale: rebuilt from data/raw" in out
    assert fake_build == [["530100"]]
    fresh = tmp_path / "fresh"
    from swtoolkit.cleaning.pipeline import clean

    clean(raw=project / "data" / "raw", out=fresh)
    for name in ("figures.csv", "checks.csv", "codebook.csv"):
        assert (fresh / name).read_bytes() == (project / "data" / "clean" / name).read_bytes(), name
    verify.verify_clean()  # what is there now passes the plain check


def test_raw_data_that_does_not_clean_stops_the_build_in_one_line(project, fake_build, capsys):
    raw = project / "data" / "raw" / "figures.csv"
    lines = raw.read_text(encoding="utf-8").splitlines(keepends=True)
    raw.write_text("".join(lines[:3]) + lines[3].replace(",S0", ",X9", 1) + "".join(lines[4:]), encoding="utf-8")
    before = (project / "data" / "clean" / "figures.csv").read_bytes()
    code, err = _build(capsys)
    assert code == cli.EXIT_DATA and err.count("\n") == 1 and "does not clean" in err
    assert fake_build == [] and (project / "data" / "clean" / "figures.csv").read_bytes() == before


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
