"""Hostile raw input: refused with file, row, column and value in one line, never cleaned into something else."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from swtoolkit import cli
from swtoolkit.cleaning.pipeline import clean, load, process
from swtoolkit.cleaning.tables import read_table
from swtoolkit.errors import RawDataError, RawDataErrors, UnknownRegionError


@pytest.fixture()
def raw_copy(tmp_path: Path, root: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(root / "data" / "raw", raw, ignore=shutil.ignore_patterns("_work"))
    return raw


def _figures(raw: Path) -> pd.DataFrame:
    return pd.read_csv(raw / "figures.csv", dtype=str, keep_default_na=False)


def _row_of(frame: pd.DataFrame, indicator: str, source: str | None = None) -> int:
    """The frame position of the first plain figure of an indicator (optionally of one source)."""
    pick = frame["indicator"].eq(indicator) & frame["kind"].eq("actual") & frame["qualifier_as_written"].eq("")
    if source:
        pick &= frame["source_id"].eq(source)
    return int(frame.index[pick][0])


def _one_row(root: Path, **cells: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One real raw row of certified_social_workers with some cells changed (locators not checked: texts={})."""
    figures, sources, _ = load(root / "data" / "raw")
    row = figures.loc[[_row_of(figures, "certified_social_workers")]].reset_index(drop=True)
    for column, value in cells.items():
        row.loc[0, column] = value
    return row, sources


def _refusal_of(root, written):
    """The error `process` raises for one real row with ``value_as_written`` = written, checked to name that
    column and value."""
    row, sources = _one_row(root, value_as_written=written)
    with pytest.raises(RawDataError) as info:
        process(row, sources, "figures.csv", texts={})
    assert info.value.column == "value_as_written" and info.value.value == written
    return info.value


# ---- units that contradict the indicator ------------------------------------------------------------------------
@pytest.mark.parametrize("written", ["3393万元", "3393元", "3393平方米", "3393个百分点", "3393(注)人"])
def test_a_unit_the_indicator_is_not_counted_in_is_refused(root, written):
    error = _refusal_of(root, written)
    assert "unit" in error.reason and "\n" not in str(error)


@pytest.mark.parametrize("written", ["3393人", "3393名", "3393 位"])
def test_persons_written_as_persons(root, written):
    row, sources = _one_row(root, value_as_written=written)
    result = process(row, sources, "figures.csv", texts={})
    assert result.figures.loc[0, "value"] == 3393
    assert result.figures.loc[0, "unit_as_written"] == written.replace("3393", "").strip()


@pytest.mark.parametrize("written", ["3393人次", "3393户", "3393次", "3393个", "3393节"])
def test_another_kind_of_count_under_a_persons_indicator_is_refused(root, written):
    """Households, person-times, acts and 个 are other counts than persons: never read as persons (issue 11 U1)."""
    error = _refusal_of(root, written)
    assert "unit mismatch" in error.reason and "never read it as another kind" in error.reason
    assert "\n" not in str(error) and error.row == 2


@pytest.mark.parametrize(("written", "indicator", "unit"), [
    ("735户", "assistance_enrolment_changes", "households"),
    ("735人", "assistance_enrolment_changes_persons", "persons"),
    ("2731人次", "assistance_recipient_times", "person-times"),
    ("158万余次", "assistance_service_acts", "service acts"),
    ("83节", "group_sessions", "sessions"), ("14.9万人", "service_recipient_persons", "persons")])
def test_a_figure_under_the_indicator_that_counts_its_kind_keeps_that_kind(root, written, indicator, unit):
    row, sources = _one_row(root, value_as_written=written, indicator=indicator, kind="increment")
    result = process(row, sources, "figures.csv", texts={})
    assert result.figures.loc[0, "unit"] == unit


@pytest.mark.parametrize(("written", "indicator"), [("735户", "assistance_enrolment_changes_persons"),
                                                    ("735人", "assistance_enrolment_changes"),
                                                    ("2731人", "assistance_recipient_times"),
                                                    ("158万余次", "assistance_screened"),
                                                    ("83节", "group_work"), ("175余次", "case_work"),
                                                    ("7746人次", "case_work"), ("14.9万人", "service_recipients")])
def test_a_kind_the_indicator_does_not_count_is_refused(root, written, indicator):
    row, sources = _one_row(root, value_as_written=written, indicator=indicator, kind="increment")
    with pytest.raises(RawDataError) as info:
        process(row, sources, "figures.csv", texts={})
    assert info.value.column == "value_as_written" and "unit mismatch" in info.value.reason


@pytest.mark.parametrize(("written", "indicator"), [("3393", "certified_social_workers"), ("89", "exam_registrants"),
                                                    ("312,089", "certified_social_workers"), ("120", "funding_total")])
def test_a_figure_without_a_unit_is_refused_never_read_at_a_guessed_scale(root, written, indicator):
    row, sources = _one_row(root, value_as_written=written, indicator=indicator)
    with pytest.raises(RawDataError) as info:
        process(row, sources, "figures.csv", texts={})
    assert info.value.column == "value_as_written" and "no unit written" in info.value.reason


@pytest.mark.parametrize(("written", "notes", "expected"), [("89", "header_unit=万人; table head", 890_000),
                                                             ("3393", "header_unit=人; in words", 3393),
                                                             ("0", "", 0)])
def test_a_declared_unit_gives_the_scale_and_zero_needs_none(root, written, notes, expected):
    row, sources = _one_row(root, value_as_written=written, notes=notes)
    result = process(row, sources, "figures.csv", texts={})
    assert result.figures.loc[0, "value"] == expected


def test_units_table_names_every_written_unit_of_the_data(root):
    """Each unit word is listed for its codebook unit, and 元 is never a unit of persons."""
    from swtoolkit.codebook import units, written_units

    fits = written_units()
    assert set(fits) == set(units().index)
    clean_table = pd.read_csv(root / "data" / "clean" / "figures.csv", dtype=str, keep_default_na=False)
    for unit, word in set(zip(clean_table["unit"], clean_table["unit_as_written"], strict=True)):
        assert word in fits[unit], (unit, word)
    assert "元" not in fits["persons"] and "人" not in fits["yuan"]
    # each word counts one kind: the words of persons, households, person-times and acts never overlap
    for x, y in [("persons", "households"), ("persons", "person-times"), ("persons", "activities"),
                 ("households", "person-times"), ("cases", "visits"), ("groups", "sessions")]:
        assert not (fits[x] - {""}) & (fits[y] - {""}), (x, y)


# ---- the shape of the table -----------------------------------------------------------------------------------------
def _drop_last_field(raw: Path, row: int) -> None:
    lines = (raw / "figures.csv").read_text(encoding="utf-8").split("\n")
    lines[row - 1] = lines[row - 1].rsplit(",", 1)[0]  # the notes field (and its comma) are gone
    (raw / "figures.csv").write_text("\n".join(lines), encoding="utf-8")


def test_a_row_with_a_missing_field_is_refused_not_padded(raw_copy, tmp_path):
    _drop_last_field(raw_copy, 6)
    out = tmp_path / "out"
    with pytest.raises(RawDataError) as info:
        clean(raw=raw_copy, out=out)
    assert info.value.row == 6 and "field" in info.value.reason and "missing" in info.value.reason
    assert info.value.column == "notes"
    assert not out.exists()


def test_a_row_with_a_field_too_many_is_refused(raw_copy, tmp_path):
    lines = (raw_copy / "figures.csv").read_text(encoding="utf-8").split("\n")
    lines[2] += ",extra"
    (raw_copy / "figures.csv").write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(RawDataError, match="a field too many") as info:
        clean(raw=raw_copy, out=tmp_path / "out")
    assert info.value.row == 3


def test_every_row_having_a_field_too_many_is_not_read_as_an_index(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text("a,b\n1,2,3\n4,5,6\n", encoding="utf-8")
    frame, problems = read_table(table)
    assert [p.row for p in problems] == [2, 3] and frame.empty


@pytest.mark.parametrize(("text", "words"), [
    ('a,b\n1,"x\n', "quote left open"), ('a,b\n1,"x"y\n', "after a closing quote"), ("a,b\n1,x\0y\n", "NUL"),
    ("a,b\n1," + "x" * 200_000 + "\n", "a cell longer than"),  # csv's field limit: not called a quote problem
])
def test_malformed_csv_is_refused_not_guessed(tmp_path, text, words):
    table = tmp_path / "t.csv"
    table.write_text(text, encoding="utf-8")
    with pytest.raises(RawDataError, match=words) as info:
        read_table(table)
    assert info.value.row == 2


def test_keep_going_lists_every_error_of_every_row_in_one_pass(raw_copy, tmp_path):
    """Contract failures, unreadable rows and parse failures together, not the first kind only."""
    frame = _figures(raw_copy)
    plain = frame.index[frame["kind"].eq("actual") & frame["target_type"].eq("") & frame["same_fact_as"].eq("")]
    rows = [int(i) + 2 for i in plain[:6]]
    edits = [("indicator", "no_such_key"),  # the raw contract
             ("value_as_written", "12 34人"),  # a value (and so its locator)
             ("date_as_written", "下个世纪"), ("region_as_written", "火星"),
             ("kind", "guess"),  # the raw contract
             ]
    for row, (column, value) in zip(rows, edits, strict=False):
        frame.loc[row - 2, column] = value
    frame.to_csv(raw_copy / "figures.csv", index=False, lineterminator="\n")
    _drop_last_field(raw_copy, rows[5])  # a field missing
    with pytest.raises(RawDataErrors) as info:
        clean(raw=raw_copy, out=tmp_path / "out", keep_going=True)
    found = [(e.row, e.column) for e in info.value.errors]
    assert found == [(rows[0], "indicator"), (rows[1], "value_as_written"), (rows[1], "locator"),
                     (rows[2], "date_as_written"), (rows[3], "region_as_written"), (rows[4], "kind"),
                     (rows[5], "notes")]
    assert not (tmp_path / "out").exists()
    assert all("\n" not in str(e) for e in info.value.errors)


# ---- files that cannot be read as a table -----------------------------------------------------------------------
def _cli_clean(raw: Path, monkeypatch, capsys) -> tuple[int, str]:
    from swtoolkit.paths import seeds_dir

    monkeypatch.setenv("SWTOOLKIT_SEEDS", str(seeds_dir()))
    monkeypatch.setenv("SWTOOLKIT_ROOT", str(raw.parent.parent))
    code = cli.main(["clean"])
    err = capsys.readouterr().err
    return code, err


@pytest.fixture()
def project(tmp_path: Path, raw_copy: Path) -> Path:
    """A project folder holding only data/raw; returns data/raw."""
    (tmp_path / "project" / "data").mkdir(parents=True)
    shutil.move(str(raw_copy), tmp_path / "project" / "data" / "raw")
    return tmp_path / "project" / "data" / "raw"


@pytest.mark.parametrize(("damage", "code", "words"), [
    (lambda f: f.write_bytes(f.read_text(encoding="utf-8").encode("gb18030")), cli.EXIT_DATA, "GB18030"),
    (lambda f: f.write_bytes(b""), cli.EXIT_DATA, "empty"),
    (lambda f: f.write_text(f.read_text(encoding="utf-8").split("\n")[0] + "\n", encoding="utf-8"), cli.EXIT_DATA,
     "no rows"),
    (lambda f: f.unlink(), cli.EXIT_ENV, "No such file"),
    (lambda f: (f.unlink(), f.mkdir()), cli.EXIT_ENV, "directory"),
    (lambda f: (f.unlink(), os.mkfifo(f)), cli.EXIT_ENV, "not a regular file"),  # nobody writes: must not block
    (lambda f: (f.unlink(), f.symlink_to("/dev/zero")), cli.EXIT_ENV, "not a regular file"),  # never ends
])
def test_unreadable_raw_table_is_one_clear_line(project, monkeypatch, capsys, damage, code, words):
    damage(project / "figures.csv")
    got, err = _cli_clean(project, monkeypatch, capsys)
    assert got == code and err.count("\n") == 1 and words in err and "figures.csv" in err, err
    assert "Traceback" not in err
    assert not (project.parent / "clean").exists()


def test_a_utf8_byte_order_mark_is_read(raw_copy, tmp_path):
    path = raw_copy / "figures.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = clean(raw=raw_copy, out=tmp_path / "out")
    assert result.figures["source_id"].str.startswith("S").sum() == len(_figures(raw_copy))


@pytest.mark.parametrize("column", ["value_as_written", "date_as_written", "region_as_written"])
def test_a_huge_cell_is_refused_and_named_briefly(root, column):
    row, sources = _one_row(root, **{column: "年一" * 15_000})
    with pytest.raises(RawDataError) as info:
        process(row, sources, "figures.csv", texts={})
    assert info.value.column == column and "too long" in str(info.value)
    assert len(str(info.value)) < 400 and "30000 characters" in str(info.value)


# ---- locators ---------------------------------------------------------------------------------------------------
def test_a_locator_that_does_not_point_at_the_value_is_refused(raw_copy, tmp_path, seeds):
    frame = _figures(raw_copy)
    frame.loc[3, "locator"] = str(int(frame.loc[3, "locator"]) + 1)
    frame.to_csv(raw_copy / "figures.csv", index=False, lineterminator="\n")
    with pytest.raises(RawDataError) as info:
        clean(raw=raw_copy, out=tmp_path / "out")
    assert (info.value.row, info.value.column) == (5, "locator")
    assert "does not hold" in info.value.reason


def test_missing_source_texts_fail_under_ci(raw_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("SWTOOLKIT_SEEDS", str(tmp_path / "no-seeds"))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(RawDataError, match="source text not found") as info:
        clean(raw=raw_copy, out=tmp_path / "out")
    assert info.value.column == "file"
    monkeypatch.setenv("CI", "")  # elsewhere the check is skipped with a warning
    clean(raw=raw_copy, out=tmp_path / "out")


def test_a_source_text_with_another_checksum_is_refused(raw_copy, tmp_path, monkeypatch, seeds):
    copy = tmp_path / "seeds"
    shutil.copytree(seeds, copy)
    first = sorted(copy.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "。", encoding="utf-8")
    monkeypatch.setenv("SWTOOLKIT_SEEDS", str(copy))
    with pytest.raises(RawDataError, match="SHA-256"):
        clean(raw=raw_copy, out=tmp_path / "out")


# ---- regions given with a province ------------------------------------------------------------------------------
@pytest.mark.parametrize(("written", "source", "code"), [
    ("云南省西山区", "S000", "530112"), ("云南西山区", "S000", "530112"), ("吉林省朝阳区", "S000", "220104"),
    ("北京市朝阳区", "S000", "110105"), ("西山区", "S003", "530112"), ("云南省大理", "S000", "532900"),
    ("峨山县", "S003", "530426"), ("Kunming", "S000", "530100"), ("Xishan, Yunnan", "S000", "530112"),
])
def test_a_region_with_its_province_resolves_inside_it(root, written, source, code):
    figures, sources, _ = load(root / "data" / "raw")
    row = figures.loc[[_row_of(figures, "certified_social_workers", source)
                       if (figures["source_id"].eq(source) & figures["indicator"].eq("certified_social_workers")).any()
                       else int(figures.index[figures["source_id"].eq(source)][0])]].reset_index(drop=True)
    row.loc[0, "region_as_written"] = written
    result = process(row, sources, "figures.csv", texts={})
    assert result.figures.loc[0, "region_code"] == code


@pytest.mark.parametrize(("written", "source"), [
    ("黑龙江省西山区", "S000"),  # there is no 西山区 in Heilongjiang: never Kunming's
    ("云南省海淀区", "S000"),
    ("海淀区", "S003"),          # a document about Yunnan: a county elsewhere is not guessed
    ("江苏省鼓楼区", "S000"),     # two in Jiangsu: ambiguous, not the first
])
def test_a_region_with_its_province_never_resolves_elsewhere(root, written, source):
    figures, sources, _ = load(root / "data" / "raw")
    row = figures.loc[[int(figures.index[figures["source_id"].eq(source)][0])]].reset_index(drop=True)
    row.loc[0, "region_as_written"] = written
    with pytest.raises(RawDataError) as info:
        process(row, sources, "figures.csv", texts={})
    assert info.value.column == "region_as_written" and "unknown region" in info.value.reason


def test_the_province_hint_is_never_widened():
    from swtoolkit import regions

    assert regions.resolve("西山区", within="530000").code == "530112"
    with pytest.raises(UnknownRegionError, match="not in 黑龙江省"):
        regions.resolve("西山区", within="230000")
    assert regions.resolve("上海", within="530000").code == "310000"  # another province may be named
    assert regions.resolve("全国", within="530000").code == "000000"
