"""Issue 13: what real pages contain (traditional characters, numbers in words, web noise), read by the one grammar
that `extract` and `clean` share; draft rows and add-source. Every example is invented."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import cn2an
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from swtoolkit import cli, regions
from swtoolkit.cleaning.dates import parse_date
from swtoolkit.cleaning.numbers import parse_value, parse_values, rounding_of
from swtoolkit.cleaning.pipeline import load, process
from swtoolkit.drafts import draft_rows, guess_region
from swtoolkit.errors import AmbiguousValueError, RawDataError, ValueParseError
from swtoolkit.extract import find_candidates, ranked
from swtoolkit.paths import seeds_dir
from swtoolkit.script import to_simplified


def _row(frame: pd.DataFrame, written: str) -> pd.Series:
    rows = frame[frame["value_as_written"] == written]
    assert len(rows) == 1, f"{written!r} not found once in {list(frame['value_as_written'])}"
    return rows.iloc[0]


def _exact(text: str, frame: pd.DataFrame) -> bool:
    joined = text.replace("\n", "")
    return all(joined[loc:loc + len(v)] == v for loc, v in zip(frame["locator"], frame["value_as_written"],
                                                                strict=True))


# ---- the grammar ------------------------------------------------------------------------------------------------
READ = [  # written, value, qualifier, is_percent, unit
    ("2.6萬人", 26000, "exact", False, "人"), ("約1.2萬名", 12000, "approx", False, "名"),
    ("不少於300個", 300, "at_least", False, "个"), ("300餘人", 300, "more_than", False, "人"),
    ("1.5億元", 150_000_000, "exact", False, "元"), ("全覆蓋", 100, "exact", True, ""),
    ("百分之八十", 80, "exact", True, ""), ("百分之八十點一", 80.1, "exact", True, ""),
    ("八成以上", 80, "at_least", True, ""), ("千分之五", 0.5, "exact", True, ""), ("5‰", 0.5, "exact", True, ""),
    ("1万3千人", 13000, "exact", False, "人"), ("1萬0088件", 10088, "exact", False, "件"),
    ("4万5418人", 45418, "exact", False, "人"), ("九十五人", 95, "exact", False, "人"),
    ("一三六人", 136, "exact", False, "人"), ("10万+", 100_000, "at_least", False, ""),
    ("近百万", 1_000_000, "at_most", False, ""), ("突破百万", 1_000_000, "more_than", False, ""),
    ("八十．一％", 80.1, "exact", True, ""), ("二三五萬人", 2_350_000, "exact", False, "人"),
    ("一萬〇〇八八件", 10088, "exact", False, "件"), ("四萬五四一八件", 45418, "exact", False, "件"),
    ("1萬489件", 10489, "exact", False, "件"), ("低於75%", 75, "less_than", True, ""),
    ("四百○一件", 401, "exact", False, "件"), ("逾千人", 1000, "more_than", False, "人"),
    ("近百人", 100, "at_most", False, "人"), ("最少3名", 3, "at_least", False, "名"),
    ("基本全覆蓋", 100, "approx", True, ""), ("基本实现全覆盖", 100, "approx", True, ""),
    ("兩成", 20, "exact", True, ""), ("两成以上", 20, "at_least", True, ""), ("一半以上", 50, "at_least", True, ""),
    ("过半", 50, "more_than", True, ""), ("3億204萬6千元", 302_046_000, "exact", False, "元"),
    ("1億2050萬人", 120_500_000, "exact", False, "人"),
    # a qualifier with a linking verb between it and the number, read alike by extract and clean
    ("至少達到4萬人", 40000, "at_least", False, "人"), ("超過了7000人", 7000, "more_than", False, "人"),
    ("至少配备2名", 2, "at_least", False, "名"), ("约为1,250人", 1250, "approx", False, "人"),
    ("約佔總數的58%", 58, "approx", True, ""), ("约占全省的一半", 50, "approx", True, ""),
]


@pytest.mark.parametrize(("written", "value", "qualifier", "percent", "unit"), READ)
def test_forms_of_real_pages_are_read(written, value, qualifier, percent, unit):
    parsed = parse_value(written)
    assert (parsed.value, parsed.qualifier, parsed.is_percent, parsed.unit_as_written) == (
        pytest.approx(value), qualifier, percent, unit)


def test_the_column_wise_reader_agrees_on_every_form():
    table = parse_values(pd.Series([w for w, *_ in READ], dtype="str"))
    assert table["error"].isna().all()
    assert list(table["value"]) == pytest.approx([v for _, v, *_ in READ])
    assert list(table["qualifier"]) == [q for _, _, q, *_ in READ]


@pytest.mark.parametrize("written", ["十三五", "十四五", "3,210①人", "3210¹人", "超过10万+", "1万3人", "八成多人",
                                     "9成至87%", "5‰-8‰", "3人至5个", "百分之三十至百分之五十"])
def test_forms_not_fully_understood_are_refused(written):
    with pytest.raises(ValueParseError):
        parse_value(written)


def test_mixed_digits_and_wan_keep_their_rounding():
    assert rounding_of("1万3千人").unit == 1000 and rounding_of("4万5418人").unit == 1


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=99_999_999))
def test_a_number_in_digits_and_in_words_parses_the_same(n):
    words = cn2an.an2cn(n)
    assert parse_value(f"{n}人").value == parse_value(f"{words}人").value == n


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=99), st.sampled_from(["百分之", "%"]))
def test_a_percentage_in_digits_and_in_words_parses_the_same(n, form):
    written = f"百分之{cn2an.an2cn(n)}" if form == "百分之" else f"{n}%"
    parsed = parse_value(written)
    assert parsed.value == n and parsed.is_percent


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("持證社工達萬人約於餘個覆蓋雲南省區縣○二〇一2.6,，。①abc 語")),
               max_size=60))
def test_conversion_keeps_every_offset(text):
    assert len(to_simplified(text)) == len(text)


@pytest.mark.parametrize(("phrase", "expected", "precision"), [
    ("二〇二三年", date(2023, 12, 31), "year"), ("截至二〇二三年六月底", date(2023, 6, 30), "month"),
    ("截至二○二三年六月底", date(2023, 6, 30), "month"), ("截至2023年6月底", date(2023, 6, 30), "month"),
    ("於二〇二二年十二月三十一日", date(2022, 12, 31), "day")])
def test_chinese_numeral_dates(phrase, expected, precision):
    parsed = parse_date(phrase, date(2024, 3, 1))
    assert (parsed.ref_date, parsed.precision) == (expected, precision)


# ---- candidates -------------------------------------------------------------------------------------------------
TRADITIONAL = ("截至二〇二三年六月底，雲南省持證社工達2.6萬人，全省建成社工站,52個鄉鎮，覆蓋率百分之八十點一。"
               "西山區配備社工不少於300名，3,210①人參加培訓。新增社工1萬3千人，九十五人獲獎。")


def test_traditional_text_is_read_with_offsets_into_the_original():
    frame = find_candidates(TRADITIONAL, "X1")
    assert _exact(TRADITIONAL, frame)
    row = _row(frame, "2.6萬人")
    assert (row["value"], row["unit_as_written"], row["indicator_suggested"]) == (26000, "人",
                                                                                  "certified_social_workers")
    assert row["region_words"].startswith("雲南省") and row["date_phrase"] == "截至二〇二三年六月底"
    assert _row(frame, "52個")["value"] == 52  # a digit right after an ASCII comma
    assert _row(frame, "百分之八十點一")["value"] == pytest.approx(80.1)
    assert _row(frame, "不少於300名")["qualifier"] == "at_least"
    footnote = _row(frame, "3,210")  # the marker is not a digit: never 32,101
    assert footnote["value"] == 3210 and footnote["unit_as_written"] == "人" and "footnote_marker" in footnote["flags"]
    assert _row(frame, "1萬3千人")["value"] == 13000
    assert _row(frame, "九十五人")["value"] == 95 and "plan_name" not in _row(frame, "九十五人")["flags"]


@pytest.mark.parametrize(("text", "written", "flag"), [
    ("更新时间:2023-05-09 10:41 来源：网", "10", "timestamp"),
    ("发布于 2023-05-09。持证社工 30人", "2023-05", "timestamp"),
    ("浏览34 收藏13", "34", "view_counter"), ("阅读量 10万+", "10万+", "view_counter"),
    ("咨询电话：0871-65551234", "0871-65551234", "phone"), ("QQ群：123456789", "123456789", "phone"),
    ("联系人手机13812345678", "13812345678", "phone"), ("地址：民政大楼5楼", "5", "floor_or_page"),
    ("第12页", "12", "floor_or_page"), ("云民发〔2023〕12号", "12号", "doc_number"),
    ("“十四五”期间", "十四五", "plan_name"), ("网址 http://x.cn/a/2023/0509/123.html", "123", "url"),
    ("已阅读5页,还剩14页未读", "14", "floor_or_page"), ("爱心码9595995", "9595995", "code"),
    ("更新日期: 2014/3/24 ", "24", "timestamp"), ("【1】.【社会工作】", "1", "list_number"),
    ("背景\n1.1政策背景", "1.1", "list_number"), ("背景\n1.4区域发展", "1.4", "list_number"),
    ("评论：你至少需要输入 5 个字", "5 个", "text_length"), ("摘要300字以内", "300", "text_length"),
    ("社工是一个重要的职业", "一个", "article"), ("進行的一次重要調整", "一次", "article"),
    ("這一次改革", "一次", "article"), ("每一名社工都要参加", "一名", "article"),
    ("社工短缺 P- ~1 ]7 B8 Q3 k 薪酬", "7", "code"), ("2019/03/07 09:15(03/07 11:20 更新)", "11", "timestamp"),
    ("他来到城东一所中学任社工", "一所", "article")])
def test_noise_is_flagged_with_a_reason_and_left_out_by_default(text, written, flag):
    frame = find_candidates(text)
    row = _row(frame, written)
    assert flag in row["flags"].split(";") and row["skip"] and row["reasons"]
    assert written not in list(ranked(frame)["value_as_written"])
    assert written in list(ranked(frame, keep_flagged=True)["value_as_written"])


def test_a_count_of_one_in_words_is_kept_where_it_is_a_count():
    frame = find_candidates("每个社工站配备一名持证社工，至少一篇论文。若再加一人，总数为三人。全县建成一个社工总站。")
    for written in ("一名", "一人", "一个"):
        assert not _row(frame, written)["skip"] and "article" not in _row(frame, written)["flags"]
    assert _row(frame, "至少一篇")["qualifier"] == "at_least"


def test_worded_shares_and_mixed_yi_wan_numbers_are_read_whole():
    frame = find_candidates("编列经费3億204萬6千元，再增兩成人手，其中一半以上为持证社工。另一半不计。")
    row = _row(frame, "3億204萬6千元")
    assert (row["value"], row["unit_as_written"]) == (302_046_000, "元")  # never 3億204 = 300,000,204
    assert (_row(frame, "兩成")["value"], _row(frame, "兩成")["is_percent"]) == (20, True)
    assert _row(frame, "一半以上")["qualifier"] == "at_least" and not _row(frame, "一半以上")["skip"]
    assert "一半" not in list(frame["value_as_written"])  # 另一半 (the other half) is no figure


def test_a_latin_word_after_the_unit_is_a_noun_not_a_code():
    row = _row(find_candidates("驻校社工每年要做满84个case"), "84个")
    assert "code" not in row["flags"] and not row["skip"]


def test_bare_numbers_in_a_table_are_not_taken_for_scrambled_characters():
    frame = find_candidates("2022 | 1385 | 45 社工站")
    assert "code" not in _row(frame, "1385")["flags"]


SEPARATE = ("局长表示約需增聘120名学校社工及30名督导，全年開支約為1.5億元，社工系毕业生約為2,040人。"
            "委员会最少有4名委员，至少配备2名社工。节约200元。最近有35名社工离职。全省约有6000人。")


def test_a_qualifier_before_the_number_with_a_verb_between_is_the_figures_qualifier():
    frame = find_candidates(SEPARATE)
    expected = {"120名": ("approx", "約"), "30名": ("exact", ""), "1.5億元": ("approx", "約"),
                "2,040人": ("approx", "約"), "4名": ("at_least", "最少"), "2名": ("at_least", "至少"),
                "200元": ("exact", ""), "35名": ("exact", ""), "6000人": ("approx", "约")}
    for written, (qualifier, word) in expected.items():
        row = _row(frame, written)
        assert (row["qualifier"], row["qualifier_as_written"]) == (qualifier, word), written
        assert ("qualifier_apart" in row["flags"]) == bool(word) and not row["skip"]
    assert _row(frame, "120名")["value"] == 120  # the value is the number's; the word only sets the bounds


def test_a_separate_qualifier_in_traditional_characters_is_read_by_clean():
    from swtoolkit.cleaning.numbers import apply_separate_qualifier

    assert apply_separate_qualifier(parse_value("370名"), "約").qualifier == "approx"
    assert apply_separate_qualifier(parse_value("3名"), "不少於").qualifier == "at_least"
    drafts = draft_rows(ranked(find_candidates(SEPARATE, "S901")).sort_values("locator"), SEPARATE)
    assert drafts[drafts["value_as_written"] == "120名"].iloc[0]["qualifier_as_written"] == "約"


def test_money_after_a_currency_sign_is_never_a_count_of_persons():
    frame = find_candidates("全年開支$3億，新增社工400人；投入新台幣2.5億元；人民币3000万元建设社工站。")
    for written in ("3億", "2.5億元"):
        row = _row(frame, written)
        assert "currency" in row["flags"] and row["indicator_suggested"] == "" and not row["skip"]
    assert _row(frame, "400人")["indicator_suggested"] != ""
    assert "currency" not in _row(frame, "3000万元")["flags"]  # renminbi: a yuan indicator may fit


def test_a_range_whose_ends_have_different_units_is_two_figures():
    frame = find_candidates("进用率2023年破9成至87%")
    assert _row(frame, "9成")["value"] == 90 and _row(frame, "87%")["value"] == 87


def test_a_list_closed_by_a_unit_gives_the_unit_to_every_item():
    frame = find_candidates("配置社工人数分别为3、2、1人。")
    assert [_row(frame, w)["unit_as_written"] for w in ("3", "2")] == ["人", "人"]
    assert "unit_from_list" in _row(frame, "3")["flags"] and not _row(frame, "3")["skip"]


def test_a_bare_magnitude_is_not_a_figure():
    row = _row(find_candidates("每万人拥有持证社工数达87人"), "万人")
    assert "bare_magnitude" in row["flags"] and row["skip"]


def test_a_fullwidth_comma_between_digits_is_flagged_not_guessed():
    frame = find_candidates("持证社工３，２１０人")
    assert all("fullwidth_comma" in flags for flags in frame["flags"])


def test_ten_wan_plus_outside_a_counter_is_a_lower_bound():
    row = _row(find_candidates("全市服务群众10万+人次"), "10万+")
    assert (row["value"], row["qualifier"], row["skip"]) == (100000, "at_least", False)


def test_ranked_view_sorts_by_score_and_honours_min_score():
    frame = find_candidates("全省持证社工 2.6万人。其中三个方面。")
    view = ranked(frame, min_score=-99)
    assert list(view["score"]) == sorted(view["score"], reverse=True)
    assert list(ranked(frame, min_score=100)["value_as_written"]) == []
    assert "三个" not in list(ranked(frame)["value_as_written"])  # a small number in words scores low


def test_header_unit_reads_bare_numbers_at_the_declared_scale():
    row = _row(find_candidates("持证社工｜2.6", header_unit="万人"), "2.6")
    assert row["value"] == 26000 and "header_unit" in row["flags"]


# ---- regions ----------------------------------------------------------------------------------------------------
def test_region_hints():
    assert regions.resolve("雲南省西山區").code == "530112"
    assert regions.resolve("峨山縣").code == regions.resolve("峨山县").code == "530426"  # 峨山彝族自治县
    assert guess_region("我国;云南省").code == "000000"
    assert guess_region("西山区;全省;云南省").code == "530112"
    elsewhere = guess_region("西山区;北京市")  # checked against the province: never 北京市 instead, never Yunnan's
    assert elsewhere.code == "" and "北京" in elsewhere.note
    assert guess_region("全省", context_code="530000").code == "530000"
    assert guess_region("", context_code="530000").code == "530000"  # no word nearby: the document's region
    assert guess_region("").code == ""
    summed = guess_region("淄川区;淄博市;市南区;青岛市;山东省", summed=True)  # 甲区、乙区等100个: the province's figure
    assert summed.code == "370000" and "sums" in summed.note


# ---- draft rows, add-source and clean ---------------------------------------------------------------------------
def test_draft_rows_are_in_the_raw_format():
    frame = ranked(find_candidates(TRADITIONAL, "S900"))
    drafts = draft_rows(frame.sort_values("locator"), TRADITIONAL)
    first = drafts.iloc[0]
    assert first["figure_id"] == f"S900-{int(first['locator']):06d}"
    row = drafts[drafts["value_as_written"] == "2.6萬人"].iloc[0]
    assert (row["region_as_written"], row["indicator"], row["kind"]) == ("530000", "certified_social_workers",
                                                                          "actual")
    assert row["date_as_written"] == "截至二〇二三年六月底" and row["notes"].startswith("draft:")
    assert drafts[drafts["value_as_written"] == "1萬3千人"].iloc[0]["kind"] == "increment"
    footnote = drafts[drafts["value_as_written"] == "3,210"].iloc[0]  # 3,210①人: clean reads it with its unit
    assert footnote["notes"].startswith("header_unit=人;")


def test_add_source_then_draft_then_clean(tmp_path: Path, root: Path, monkeypatch, capsys):
    import shutil

    raw = tmp_path / "data" / "raw"
    shutil.copytree(root / "data" / "raw", raw)
    texts = tmp_path / "texts"
    if seeds_dir().is_dir():  # clean checks every source's locators where it finds the texts (required under CI)
        shutil.copytree(seeds_dir(), texts)
    page = tmp_path / "page.txt"
    page.write_text(TRADITIONAL, encoding="utf-8")
    argv = ["add-source", str(page), "--title", "Invented bulletin", "--outlet", "An invented outlet", "--date",
            "2023-07-15", "--url", "https://example.org/p", "--sources", str(raw / "sources.csv"),
            "--texts", str(texts), "--region", "云南省"]
    assert cli.main(argv) == 0
    sources = pd.read_csv(raw / "sources.csv", dtype=str, keep_default_na=False)
    new = sources.iloc[-1]
    assert new["sha256"] == hashlib.sha256(page.read_bytes()).hexdigest() and new["region_context"] == "530000"
    assert (texts / new["file"]).read_bytes() == page.read_bytes()
    assert cli.main(argv) == cli.EXIT_DATA  # the same text twice is refused
    assert "already registered" in capsys.readouterr().err
    for option, bad in (("--date", "2023-13"), ("--date", "2023-02-30"), ("--url", "ftp://x"), ("--title", " ")):
        wrong = list(argv)
        wrong[wrong.index(option) + 1] = bad
        assert cli.main(wrong) == cli.EXIT_USAGE
        assert capsys.readouterr().err.count("\n") == 1

    monkeypatch.setenv("SWTOOLKIT_SEEDS", str(texts))
    out = tmp_path / "drafts.csv"
    assert cli.main(["extract", "--draft-rows", "--sources", str(raw / "sources.csv"), "--out", str(out),
                     str(texts / new["file"])]) == 0
    drafts = pd.read_csv(out, dtype=str, keep_default_na=False)
    keep = drafts[drafts["value_as_written"] == "2.6萬人"]
    figures, table, _ = load(raw)
    result = process(pd.concat([figures, keep], ignore_index=True), table, str(raw / "figures.csv"))
    clean = result.figures[result.figures["figure_id"] == keep["figure_id"].iloc[0]].iloc[0]
    assert clean["value"] == 26000 and clean["region_code"] == "530000" and clean["ref_date"] == "2023-06-30"


def _one_row(root: Path, **cells: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    figures, sources, _ = load(root / "data" / "raw")
    pick = figures["qualifier_as_written"].eq("") & figures["indicator"].eq(cells["indicator"])
    row = figures.loc[[figures.index[pick][0]]].reset_index(drop=True)
    for column, value in cells.items():
        row.loc[0, column] = value
    return row, sources


@pytest.mark.parametrize("written", ["3393", "3,393"])
def test_clean_refuses_a_sum_of_money_without_a_unit(root, written):
    row, sources = _one_row(root, indicator="funding_lottery", value_as_written=written)
    with pytest.raises(RawDataError) as info:
        process(row, sources, "figures.csv", texts={})
    assert info.value.column == "value_as_written" and "no unit" in info.value.reason


def test_clean_reads_traditional_and_header_units_at_their_scale(root):
    row, sources = _one_row(root, indicator="certified_social_workers", value_as_written="2.6萬人")
    assert process(row, sources, "figures.csv", texts={}).figures.loc[0, "value"] == 26000
    row, sources = _one_row(root, indicator="certified_social_workers", value_as_written="2.6",
                            notes="header_unit=万人; from a table")
    assert process(row, sources, "figures.csv", texts={}).figures.loc[0, "value"] == 26000


def test_extract_help_exits_zero_and_options_go_anywhere(tmp_path: Path, capsys):
    assert cli.main(["extract", "--help"]) == 0
    assert "--min-score" in capsys.readouterr().out
    doc = tmp_path / "d.txt"
    doc.write_text("全省持证社工 2.6万人，浏览 34。", encoding="utf-8")
    out = tmp_path / "o.csv"
    assert cli.main(["extract", "--keep-flagged", "--out", str(out), "--min-score", "0", str(doc),
                     "--source-id", "X"]) == 0
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert table["value_as_written"].iloc[0] == "2.6万人" and "34" in list(table["value_as_written"])


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=2, max_value=9_999_999), st.booleans())
def test_extract_reads_a_figure_in_digits_and_in_words_alike(n, traditional):
    words = cn2an.an2cn(n)
    found = []
    for written in (f"{n}", words):
        text = f"全省持證社工達{written}人。" if traditional else f"全省持证社工达{written}人。"
        row = _row(find_candidates(text), f"{written}人")
        found.append((row["value"], row["qualifier"], row["skip"]))
    assert found[0] == found[1] == (n, "exact", False)


def test_the_column_conversion_agrees_with_the_one_string_conversion():
    from swtoolkit.script import to_simplified_many

    texts = pd.Series(["2.6萬人", "二○二三年", "3393人", "约1.2万名", "不少於300個", "OK", ""], dtype="str")
    assert list(to_simplified_many(texts)) == [to_simplified(t) for t in texts]


# ---- fourth pass: ranges with a word on an end, two readings, tables, chains ---------------------------------------
@pytest.mark.parametrize(("written", "low", "high", "percent"), [
    ("40%至近60%", 40, 60, True), ("6至不足9人", 6, 9, False), ("12至不到20名", 12, 20, False)])
def test_a_word_on_the_high_end_of_a_range_bounds_that_end(written, low, high, percent):
    parsed = parse_value(written)
    assert (parsed.value, parsed.low, parsed.high, parsed.qualifier, parsed.is_percent) == (
        None, low, high, "range", percent)


@pytest.mark.parametrize(("written", "proposal"), [
    ("約6至9人", (None, 6, 9, "range")), ("6至9人左右", (None, 6, 9, "range")),
    ("6至9人以上", (None, 6, 9, "range")), ("不少於6-9人", (None, 6, 9, "range")),
    ("4萬2", (42000, 42000, 42000, "exact")), ("超過4萬2", (42000, 42000, None, "more_than")),
    ("3億5元", (350_000_000, 350_000_000, 350_000_000, "exact"))])
def test_a_figure_with_two_readings_is_refused_with_the_likelier_as_proposal(written, proposal):
    with pytest.raises(AmbiguousValueError) as info:
        parse_value(written)
    p = info.value.proposal
    assert (p.value, p.low, p.high, p.qualifier) == proposal
    assert parse_values(pd.Series([written], dtype="str"))["error"].notna().all()  # clean refuses it too


def test_extract_shows_the_proposal_flagged_and_reads_a_worded_range_end():
    text = "助理社工起薪超過4萬2，每年待補人力約6至9人，流失率由25%至近40%不等。"
    frame = find_candidates(text, "X")
    pay = _row(frame, "超過4萬2")
    assert (pay["value"], pay["qualifier"], "ambiguous" in pay["flags"], pay["parse_error"] != "") == (
        42000, "more_than", True, True)
    gap = _row(frame, "約6至9人")
    assert (gap["qualifier"], gap["low"], gap["high"], "ambiguous" in gap["flags"]) == ("range", 6, 9, True)
    rate = _row(frame, "25%至近40%")
    assert (rate["qualifier"], rate["low"], rate["high"], rate["is_percent"], rate["flags"]) == (
        "range", 25, 40, True, "")
    view = ranked(frame)
    assert {"超過4萬2", "約6至9人", "25%至近40%"} <= set(view["value_as_written"])


def test_a_qualifier_with_a_verb_between_is_read_by_extract_as_by_clean():
    frame = find_candidates("今年全市報名人數超過了7000人，學校社工約佔總數的58%。", "X")
    row = _row(frame, "7000人")
    assert (row["qualifier"], row["qualifier_as_written"]) == ("more_than", "超過")
    row = _row(frame, "58%")
    assert (row["qualifier"], row["qualifier_as_written"]) == ("approx", "約")


TABLE = ("學歷 | 人數 | 百分比 |\n學位 | 1200 | 60.5 |\n文憑 | 784 | 39.5% |\n"
         "職級 | 起薪點 | 月薪(HK$) |\n社工主任 | 27 | $52,310 |\n")


def test_a_table_column_takes_its_header_unit_or_is_an_index():
    frame = find_candidates(TABLE, "X")
    count, share = _row(frame, "1200"), _row(frame, "60.5")
    assert (count["value"], count["unit_as_written"], "header_unit" in count["flags"]) == (1200, "人", True)
    assert (share["value"], share["is_percent"]) == (60.5, True)
    assert "table_index" in _row(frame, "27")["flags"] and _row(frame, "27")["skip"]
    pay = _row(frame, "52,310")
    assert (pay["unit_as_written"], "currency" in pay["flags"], pay["indicator_suggested"]) == ("元", True, "")
    assert {"1200", "60.5", "784"} <= set(ranked(frame)["value_as_written"])


def test_a_header_one_cell_short_names_the_cells_after_the_row_label():
    frame = find_candidates("起薪點 | 月薪 |\n社工主任 | 27 | 52310 |\n", "X")
    assert _row(frame, "27")["skip"] and _row(frame, "52310")["unit_as_written"] == "元"


def test_bare_numbers_in_a_change_or_a_fractional_sum_share_an_unstated_unit():
    frame = find_candidates("新學年每校社工人手由1.5變3，即1+0.5+1.5。", "X")
    assert all("unit_shared" in f and "no_unit" not in f for f in frame["flags"])
    assert list(ranked(frame).sort_values("locator")["value"]) == [1.5, 3, 1, 0.5, 1.5]
    # whole numbers joined by + name a policy package (“1+6”文件): no shared unit
    names = find_candidates("深圳另有“1+6”文件。", "X")
    assert not names["flags"].str.contains("unit_shared").any()


def test_a_count_with_its_share_in_brackets_is_listed_without_a_unit():
    frame = find_candidates("及格人數分別為人412(20.5%)、1,020人(33.1%)。", "X")
    row = _row(frame, "412")
    assert (row["value"], row["unit_as_written"], row["flags"]) == (412, "", "share_follows")
    assert "412" in set(ranked(frame)["value_as_written"])


def test_an_outline_of_aspects_is_no_count():
    row = _row(find_candidates("本文從四個方面分析社工流失，共訪談社工86人。", "X"), "四個")
    assert "enumeration" in row["flags"] and row["skip"]


def test_clean_reads_a_qualifier_with_a_verb_and_refuses_two_readings(root):
    row, sources = _one_row(root, indicator="certified_social_workers", value_as_written="至少達到3萬人")
    clean = process(row, sources, "figures.csv", texts={}).figures
    assert (clean.loc[0, "value"], clean.loc[0, "qualifier"]) == (30000, "at_least")
    row, sources = _one_row(root, indicator="certified_social_workers", value_as_written="3萬1")
    with pytest.raises(RawDataError) as info:
        process(row, sources, "figures.csv", texts={})
    assert info.value.column == "value_as_written" and "one digit after" in info.value.reason


def test_a_draft_row_says_a_proposal_is_no_reading():
    text = "每年待補人力約6至9人，起薪超過4萬2。"
    drafts = draft_rows(find_candidates(text, "S900"), text)
    notes = dict(zip(drafts["value_as_written"], drafts["notes"], strict=True))
    assert "proposed (two readings" in notes["約6至9人"] and "6–9 range" in notes["約6至9人"]
    assert "proposed (two readings" in notes["超過4萬2"]


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=5000), st.integers(min_value=1, max_value=5000),
       st.sampled_from(["约", "約", "大约"]))
def test_a_hedged_range_is_never_read_with_bounds(a, b, hedge):
    low, high = min(a, b), max(a, b)
    worded = parse_value(f"{low}至近{high}人")
    assert (worded.low, worded.high, worded.qualifier) == (low, high, "range")
    with pytest.raises(AmbiguousValueError) as info:
        parse_value(f"{hedge}{low}至{high}人")
    assert (info.value.proposal.low, info.value.proposal.high) == (low, high)
