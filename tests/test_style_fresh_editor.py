"""The fresh editor's style kinds (review old26/fresh-editor.md, items 3, 6, 7, 9, 10, 15, 16), each from small
synthetic rows: a test fails if the kind returns."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from swtoolkit.reports import phrasing
from swtoolkit.reports.content import format_value, methods_items

ID = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9]*\d-\d+(?![0-9])")


def _row(fid: str, value: float, indicator: str = "township_stations", unit: str = "stations", **kw) -> dict:
    row = {"figure_id": fid, "indicator": indicator, "unit": unit, "value": float(value), "qualifier": "exact",
           "kind": "actual", "ref_date": "2023-03-31", "date_precision": "month", "date_basis": "stated",
           "date_as_written": "2023年3月底", "region_code": "210000", "source_id": fid.split("-")[0],
           "value_as_written": f"{value:g}", "unit_as_written": "", "scope": "", "subset": ""}
    row.update(kw)
    return row


# ---- item 6: English sentences are English -----------------------------------------------------------------------
def test_a_level_finding_in_english_has_a_verb_and_no_doubled_unit():
    _, en = phrasing.level_sentence("辽宁省", "Liaoning", _row("W1-01", 1002))
    assert en.startswith("Liaoning had 1,002 township (street) social-work stations")
    assert "stations 1,002 stations" not in en and not en.startswith("Liaoning:")
    _, en = phrasing.level_sentence("海南省", "Hainan", _row("W1-02", 2204, "certified_social_workers", "persons"))
    assert en.startswith("Hainan had 2,204 certified social workers") and "persons" not in en
    bound = _row("W1-03", 2000, "certified_social_workers", "persons", qualifier="less_than")
    assert "had fewer than 2,000 certified" in phrasing.level_sentence("河南省", "Henan", bound)[1]
    rate = _row("W1-04", 100, "township_station_coverage", "percent")
    assert phrasing.level_sentence("X", "X", rate)[1].startswith("In X, township station coverage was 100%")


def test_a_running_total_is_named_once():
    passes = _row("W2-01", 5731, "exam_passes_cumulative", "persons", kind="cumulative")
    zh, en = phrasing.level_sentence("河南省", "Henan", passes)
    assert "（累计数）" not in zh and "(cumulative count)" not in en and en.count("cumulative") == 1
    talent = _row("W2-02", 44000, "sw_talent_total", "persons", kind="cumulative", qualifier="approx")
    zh, en = phrasing.level_sentence("重庆市", "Chongqing", talent)
    assert "累计总量" in zh and "总量（累计数）" not in zh and "总量累计" not in zh
    assert "(cumulative total)" in en and "(total) (cumulative" not in en
    assert en.startswith("In Chongqing, social-work professional talent (cumulative total) numbered about 44,000")
    assert phrasing.cumulative_name("certified_social_workers", "cumulative", "en").endswith("(cumulative count)")
    assert phrasing.cumulative_name("certified_social_workers", "actual") == "持证社会工作者"


def test_no_fallback_line_reads_of_one_definition_read():
    source = Path(phrasing.__file__).with_name("content.py").read_text(encoding="utf-8")
    assert "read of one definition" not in source
    assert "so it is no point of a series" not in Path(phrasing.__file__).read_text(encoding="utf-8")


# ---- item 3: no figure ids in a reader's sentence --------------------------------------------------------------
def test_a_sentence_names_the_other_side_of_a_disagreement_by_value_not_by_id():
    mine = _row("W3-01", 929000, "certified_social_workers", "persons", qualifier="approx")
    other = _row("W3-02", 931000, "certified_social_workers", "persons", qualifier="approx")
    third = _row("W3-03", 500000, "certified_social_workers", "persons")
    said = ("截至2023年3月底，全国持证社会工作者约为92.9万人。", "China had about 929,000 certified social workers.")
    zh, en = phrasing.with_conflict_caveat(said, [mine], [other, third])
    assert not ID.search(zh) and not ID.search(en), (zh, en)
    assert "另两处记载" in zh and "two other statements" in en and "93.1万人" in zh and "931,000" in en
    # several groups: counted, pointed to checks.csv, no id list
    groups = [phrasing.disagreement([mine], [other]), phrasing.disagreement([third], [other])]
    zh, en = phrasing.with_conflicts_caveat(said, groups)
    assert not ID.search(zh) and not ID.search(en) and "2组" in zh and "data/checks.csv" in en
    # a table note keeps its locators
    assert "W3-01" in phrasing.conflict_clause([mine], [other])[0]


def test_a_total_below_its_parts_is_named_by_value_not_by_id():
    total = _row("W4-01", 135, date_basis="undated")
    zh, en = phrasing.total_below_parts(total, recorded=True)
    assert "W4-01" not in zh and "W4-01" not in en and "135个" in zh


def test_value_cards_say_what_their_id_is():
    from swtoolkit.reports.blocks import value_cards

    html = value_cards("图 1", [{"value": "2,766 人", "date": "2015年底", "figure_id": "W5-01"}], "").body
    assert "数据编号 Data item" in html and "W5-01" in html


# ---- item 7: Chinese style in the Chinese half ----------------------------------------------------------------
def test_a_large_table_value_is_written_with_wan_and_then_in_english_digits():
    assert format_value(75_750_000, "approx", "yuan") == "≈7575万元 ≈75,750,000 yuan"
    assert format_value(None, "range", "persons", 1_300_000, 1_400_000) == "130万—140万人 1,300,000–1,400,000 persons"
    assert format_value(2766, "exact", "persons") == "2,766 人"  # a small count: one form for both readers
    assert not re.search(r"\d,\d{3},\d{3} [人元]", format_value(1_409_670_000, "approx", "persons"))


def test_the_chinese_methods_text_writes_chinese_numbers():
    items = methods_items(dt.date(2026, 12, 1))
    zh = " ".join(i.partition("。 ")[0] for i in items[:3])  # the reading of numbers: Chinese halves
    assert not re.search(r"\d,\d{3}", zh), zh
    assert "4.4万→4.35万至4.45万" in zh


# ---- item 9: both languages say the same ------------------------------------------------------------------------
def test_a_foreign_quote_is_glossed_in_both_languages():
    refused = [{"figure": "over 10,000", "date": "By the end of 2017", "language": "en", "indicator": "x"}]
    assert "以英文书写" in phrasing.refused_quotes(refused, "zh")
    assert "written in English" in phrasing.refused_quotes(refused, "en")


def test_the_no_finding_sentence_says_not_run_in_both_languages():
    source = Path(phrasing.__file__).read_text(encoding="utf-8")
    assert "model run was refused for too few" not in source and "model runs were refused for too few" not in source
    assert "），见正文" not in source  # 见正文 beside 'see the tables'


# ---- item 10: no repeated text ----------------------------------------------------------------------------------
def test_two_refusals_of_one_non_constant_series_are_one_line():
    head_zh = "持证社会工作者各段的年均增速不一致（甲），中间有日期的数字与匀速增长不符，"
    head_en = "Certified social workers: the growth of its segments differs (a); the dated figures between the ends " \
              "do not fit constant growth, so "
    one = f"{head_zh}不作情景推算。 {head_en}no scenario is projected."
    two = f"{head_zh}不推算达到目标的年份。 {head_en}no year of reaching the target is projected."
    joined = phrasing.joined_not_constant(one, two)
    assert joined.count("各段的年均增速不一致") == 1 and joined.count("segments differs") == 1
    assert "不作情景推算，也不推算达到目标的年份。" in joined and ", and no year of reaching" in joined
    assert phrasing.joined_not_constant(one, one) == "" and phrasing.joined_not_constant(one, "其他。 Other.") == ""


# ---- item 15 and 16: the landing page and the PDF --------------------------------------------------------------
def test_the_index_names_no_parquet_digest_among_its_links_and_heads_its_table_once():
    template = (Path(phrasing.__file__).parents[1] / "templates" / "index.html").read_text(encoding="utf-8")
    front = template.split('<ul class="front">')[1].split("</ul>")[0]
    assert "data_version" not in front and "sha256" not in front.lower()
    assert "{% if loop.first %}<thead>" in template and "数据条数 Data items" in template


def test_a_heading_and_its_intro_line_keep_with_what_follows():
    css = (Path(phrasing.__file__).with_name("report.css")).read_text(encoding="utf-8")
    assert re.search(r"\.source-intro \{[^}]*break-after: avoid", css)
    assert re.search(r"table\.sources tr:first-child[^{]*\{ break-before: avoid", css)


def test_a_number_cell_in_both_styles_takes_two_lines_and_keeps_one_style():
    from swtoolkit.reports import visual
    from swtoolkit.reports.blocks import _two_lines

    assert _two_lines("≈7575万元 ≈75,750,000 yuan") == "≈7575万元\n≈75,750,000 yuan"
    assert _two_lines("2,766 人") == "2,766 人"
    assert visual.number_style("≈7575万元 ≈75,750,000 yuan") == visual.number_style("2,766 人") == "whole"
    css = (Path(phrasing.__file__).with_name("report.css")).read_text(encoding="utf-8")
    assert "td.num { white-space: pre; }" in css
