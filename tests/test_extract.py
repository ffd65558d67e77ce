"""The extraction assistant on small texts written for these tests, plus one run on a real seed document."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from swtoolkit import cli
from swtoolkit.codebook import codebook
from swtoolkit.extract import CANDIDATE_COLUMNS, find_candidates, find_region_words, indicator_lexicon
from swtoolkit.paths import seeds_dir

SEED_003 = "003_523556141fbef295.txt"


def main_extract(argv: list[str]) -> int:
    """`swtoolkit extract …`: its exit code (one table for every command)."""
    return cli.main(["extract", *argv])


def _exact(text: str, frame: pd.DataFrame) -> bool:
    joined = text.replace("\n", "")
    return all(joined[loc:loc + len(v)] == v for loc, v in zip(frame["locator"], frame["value_as_written"],
                                                                strict=True))


def _row(frame: pd.DataFrame, written: str) -> pd.Series:
    rows = frame[frame["value_as_written"] == written]
    assert len(rows) == 1, f"{written!r} not found once in {list(frame['value_as_written'])}"
    return rows.iloc[0]


def test_locators_qualifiers_and_units() -> None:
    text = "甲县现有社工 120余人，其中持证社工超过 30名。全年投入资金1100多万元，服务对象约 800人次，培训 6 期以上。"
    frame = find_candidates(text, "T1")
    assert list(frame.columns) == CANDIDATE_COLUMNS
    assert _exact(text, frame)
    assert set(frame["source_id"]) == {"T1"}
    expected = {"120余人": (120, "more_than", "人"), "超过 30名": (30, "more_than", "名"),
                "1100多万元": (11_000_000, "more_than", "元"), "约 800人次": (800, "approx", "人次"),
                "6 期以上": (6, "at_least", "期")}
    for written, (value, qualifier, unit) in expected.items():
        row = _row(frame, written)
        assert (row["value"], row["qualifier"], row["unit_as_written"]) == (value, qualifier, unit)
        assert row["locator"] == text.index(written)


def test_wan_multiplication_and_percent() -> None:
    text = "志愿者达 2.5 万人，覆盖率为 87.5%，资金 3亿元，近 1.2万户受益。"
    frame = find_candidates(text)
    assert _row(frame, "2.5 万人")["value"] == 25_000
    assert _row(frame, "3亿元")["value"] == 300_000_000
    near = _row(frame, "近 1.2万户")
    assert (near["value"], near["qualifier"], near["high"]) == (12_000, "at_most", 12_000)
    pct = _row(frame, "87.5%")
    assert pct["value"] == 87.5 and pct["is_percent"] and pct["unit_as_written"] == "%"
    assert not frame["skip"].any()


def test_ranges() -> None:
    text = "每人每月补贴 300—800元，每站配备1-3名社工，另选 2 至 4 个示范点。"
    frame = find_candidates(text)
    assert _exact(text, frame)
    for written, low, high, unit in (("300—800元", 300, 800, "元"), ("1-3名", 1, 3, "名"), ("2 至 4 个", 2, 4, "个")):
        row = _row(frame, written)
        assert (row["low"], row["high"], row["qualifier"], row["unit_as_written"]) == (low, high, "range", unit)
        assert pd.isna(row["value"])


def test_chinese_numerals_need_a_unit() -> None:
    text = "一是建成五所学校社工站，举办两期培训，吸引三万人参与；二是统一标准。"
    frame = find_candidates(text)
    assert _exact(text, frame)
    assert _row(frame, "五所")["value"] == 5
    assert _row(frame, "两期")["value"] == 2
    assert _row(frame, "三万人")["value"] == 30_000
    assert not set(frame["value_as_written"]) & {"一", "二", "一是", "二是"}


def test_full_coverage_word() -> None:
    frame = find_candidates("本县乡镇社工站实现全覆盖。")
    row = _row(frame, "全覆盖")
    assert row["value"] == 100 and row["is_percent"]
    assert row["indicator_suggested"] == "township_station_coverage"


def test_dates_document_numbers_and_markers_are_flagged() -> None:
    text = ("截至2023年5月底，按照《办法》（某民发〔2023〕12号）要求，本市建成社工站 40个。- 17 -"
            "这是第3次会议，庆祝建会 20周年，落实“十五五”规划，3A 级机构。")
    frame = find_candidates(text)
    assert _exact(text, frame)
    flags = dict(zip(frame["value_as_written"], frame["flags"], strict=True))
    assert "year" in flags["2023年"]
    assert "date" in flags["5月"]
    assert "doc_number" in flags["12号"] and "doc_number" in flags["2023"]
    assert "page_marker" in flags["17"]
    assert "ordinal" in flags["3次"]
    assert "anniversary" in flags["20周年"]
    assert "plan_name" in flags["十五五"]
    assert "code" in flags["3"]
    stations = _row(frame, "40个")
    assert stations["flags"] == "" and not stations["skip"]
    assert frame.loc[frame["value_as_written"] == "2023年", "skip"].all()


def test_line_break_inside_a_number_is_joined() -> None:
    text = "全区共有社会工作者 12\n345人，\n其中持证 1\n.5万人。"
    frame = find_candidates(text)
    assert _exact(text, frame)
    joined = text.replace("\n", "")
    assert _row(frame, "12345人")["locator"] == joined.index("12345人")
    assert _row(frame, "1.5万人")["value"] == 15_000


def test_nearby_region_indicator_and_date_words() -> None:
    text = "截至2023年底，昆明市持证社工达 5000人，全省志愿者 9万人。"
    frame = find_candidates(text)
    certified = _row(frame, "5000人")
    assert certified["region_words"] == "昆明市"
    assert certified["indicator_suggested"] == "certified_social_workers"
    assert certified["date_phrase"] == "截至2023年底"
    volunteers = _row(frame, "9万人")
    assert volunteers["region_words"].split(";")[0] == "全省"
    assert volunteers["indicator_suggested"] == "volunteers"


def test_short_county_names_need_the_full_name_in_the_document() -> None:
    words = [w for _, _, w in find_region_words("整合资源，西山区民政局报告：西山建成社工站 9个，大理州 12个。")]
    assert words == ["西山区", "西山", "大理州"]  # 资源 (a county's short name) is a common word here


def test_indicator_keywords_are_codebook_keys() -> None:
    _, keys_of = indicator_lexicon()
    assert {key for keys in keys_of.values() for key in keys} <= set(codebook().index)
    assert "certified_social_workers" in keys_of["持证"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789.,万亿一二两三十百人名个余多超过近约以上左右%—-至元年月号〔〕第“”全覆盖 \n，。社工站"
                        "昆明市", max_size=80))
def test_locators_exact_on_any_text(text: str) -> None:
    assert _exact(text, find_candidates(text))


def test_a_long_document() -> None:
    block = "截至2023年6月底，甲市建成社工站 125个，持证社工 1\n830人，投入资金 2 400余万元，服务群众 5.6万人次。"
    text = block * (60_000 // len(block) + 1)
    frame = find_candidates(text)
    assert len(frame) > 1000 and _exact(text, frame)


def _lines_run(text: str) -> int:
    """Lines of swtoolkit/extract.py executed while finding the candidates of `text` (loops count every pass): a
    measure of work that does not depend on the machine's speed."""
    import sys

    from swtoolkit import extract

    count = 0

    def trace(frame, event, arg):
        nonlocal count
        if frame.f_code.co_filename != extract.__file__:
            return None
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        find_candidates(text)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("unit", ["[2022]1号", "云政办发〔2022〕12号，", "— 12 —2022年6月"])
def test_work_grows_linearly_with_text_full_of_document_numbers(unit: str) -> None:
    """Each candidate used to be checked against every document-number span: 240 KB took 49 s (quadratic)."""
    find_candidates(unit)  # the lexicons are built once, outside the count
    small = unit * 300
    ratio = _lines_run(small * 4) / _lines_run(small)
    assert ratio < 5, ratio  # linear: about 4; quadratic: about 16


def test_a_device_or_pipe_is_refused_not_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main_extract(["/dev/zero"]) == cli.EXIT_ENV
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a regular file" in err
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert main_extract([str(fifo)]) == cli.EXIT_ENV  # refused without waiting for a writer
    assert "not a regular file" in capsys.readouterr().err


def test_a_file_larger_than_the_limit_is_refused(tmp_path: Path) -> None:
    from swtoolkit.extract import SourceTextError, read_source_text

    big = tmp_path / "big.txt"
    big.write_text("建成社工站 25个。" * 100, encoding="utf-8")
    with pytest.raises(SourceTextError, match="larger than"):
        read_source_text(big, limit=1024)
    assert read_source_text(big).startswith("建成社工站")


def test_options_in_any_order_and_help(tiny_project: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    out = tiny_project["dir"] / "candidates.csv"
    assert cli.main(["extract", "--against", str(tiny_project["figures"]), "--sources", str(tiny_project["sources"]),
                     "--out", str(out), str(tiny_project["doc"])]) == 0
    assert list(pd.read_csv(out, dtype=str, keep_default_na=False)["value_as_written"]) == ["4期"]
    assert cli.main(["extract", "--help"]) == 0
    assert "--against" in capsys.readouterr().out
    assert cli.main(["extract", "--bogus", str(tiny_project["doc"])]) == cli.EXIT_USAGE
    assert "usage: swtoolkit extract" in capsys.readouterr().err


# --- the command -------------------------------------------------------------------------------------------------
@pytest.fixture()
def tiny_project(tmp_path: Path) -> dict[str, Path]:
    passage = "说明：甲市建成社工站 25个，持证社工 310人，\n乙县投入资金 80万元，用于站点运行和人员培训。"
    text = passage + "另开展培训 4期。" + passage  # a passage printed twice is one set of figures
    doc = tmp_path / "doc.txt"
    doc.write_text(text, encoding="utf-8")
    joined = text.replace("\n", "")
    sources = tmp_path / "sources.csv"
    sources.write_text("source_id,file\nX001,doc.txt\n", encoding="utf-8")
    figures = tmp_path / "figures.csv"
    rows = [("X001-a", "X001", joined.index("25个"), "25个"), ("X001-b", "X001", joined.index("310人"), "310人"),
            ("X001-c", "X001", joined.index("80万元"), "80万元"), ("X001-d", "X001", 0, "四期")]
    pd.DataFrame(rows, columns=["figure_id", "source_id", "locator", "value_as_written"]).to_csv(figures, index=False)
    return {"doc": doc, "sources": sources, "figures": figures, "dir": tmp_path}


def test_against_hides_covered_candidates(tiny_project: dict[str, Path]) -> None:
    out = tiny_project["dir"] / "candidates.csv"
    code = main_extract([str(tiny_project["doc"]), "--against", str(tiny_project["figures"]),
                         "--sources", str(tiny_project["sources"]), "--out", str(out)])
    assert code == 0
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(table["value_as_written"]) == ["4期"]  # the repeated passage is recorded once, so it is hidden
    assert set(table["source_id"]) == {"X001"}
    assert list(table["same_value_in_raw"]) == ["X001-d"]  # a hint: 四期 elsewhere in the raw table is also 4

    code = main_extract([str(tiny_project["doc"]), "--source-id", "X001", "--against", str(tiny_project["figures"]),
                         "--keep-flagged", "--out", str(out)])
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    repeats = table[table["repeat_of"] != ""]
    assert code == 0 and list(repeats["value_as_written"]) == ["25个", "310人", "80万元"]
    assert list(repeats["repeat_of"]) == ["X001-a", "X001-b", "X001-c"]
    assert table["flags"].str.contains("repeat").sum() == 3


def test_against_needs_a_source_id(tiny_project: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    other = tiny_project["dir"] / "other.txt"
    other.write_text("建成社工站 3个。", encoding="utf-8")
    code = main_extract([str(other), "--against", str(tiny_project["figures"]),
                         "--sources", str(tiny_project["sources"])])
    err = capsys.readouterr().err
    assert code == 3 and "other.txt" in err and "--source-id" in err and err.count("\n") == 1


def test_writes_to_stdout_without_out(tiny_project: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main_extract([str(tiny_project["doc"]), "--source-id", "X001"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(",".join(CANDIDATE_COLUMNS)) and "310人" in out


def test_missing_file_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.txt"
    assert main_extract([str(missing)]) == 4
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nowhere.txt" in err and "not found" in err


def test_wrong_encoding_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    legacy = tmp_path / "gbk.txt"
    legacy.write_bytes("建成社工站 25个".encode("gbk"))
    assert main_extract([str(legacy)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "gbk.txt" in err and "UTF-8" in err


# --- a real document ---------------------------------------------------------------------------------------------
def test_real_seed_document() -> None:
    path = seeds_dir() / SEED_003
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"seed document missing in CI: {path}")
        pytest.skip(f"seed document not available: {path}")
    text = path.read_text(encoding="utf-8")
    frame = find_candidates(text, "S003")
    assert _exact(text, frame)
    written = set(frame["value_as_written"])
    assert {"19442人", "全覆盖"} <= written
    row = frame[frame["value_as_written"] == "19442人"].iloc[0]
    assert row["value"] == 19442 and row["unit_as_written"] == "人" and not row["skip"]
