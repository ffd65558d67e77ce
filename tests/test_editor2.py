"""Editor 2 (2026-12-02): what a publisher would not print, by kind, each with synthetic rows."""
import datetime as dt

import pandas as pd
import pytest

#: Project words a reader cannot follow: the cleaning's grammar, the codebook by its file name, a checks.csv column
#: value given as '检查类型 refused', and 'model runs'. 'set aside in data cleaning' / '在数据清理中被拒收' are plain.
JARGON = ("清洗语法", "语法", "grammar", "代码表", "codebook", "检查类型", "check 'refused'", "check 'conflict'",
          "清洗步骤", "清洗检查", "模型计算", "model run", "models was run")


def _jargon(text: str) -> list[str]:
    return [w for w in JARGON if w in text]


@pytest.mark.parametrize(("reason", "column", "value", "language"), [
    ("foreign_language", "value", "over 10,000", "en"),
    ("foreign_language", "date_as_written", "By the end of 2017", "en"),
    ("date", "date_as_written", "5年前", ""),
    ("date", "date_as_written", "2025", ""),
    ("value", "value", "兩三千人", ""),
    ("not_a_unit", "value", "100%覆盖", ""),
    ("indicator_key", "indicator", "exam_pass_rate", ""),
    ("scope_key", "scope", "brand_new_scope", ""),
    ("unit", "value", "63户", ""),
])
def test_a_refusal_line_says_why_in_plain_words(reason, column, value, language):
    from swtoolkit.reports.content import refusal_sentence

    row = {"figure_id": "X-01", "indicator": "" if reason == "indicator_key" else "certified_sw",
           "column": column, "reason": reason, "value": value, "language": language,
           "figure": "" if column == "value" else "63家", "kind": "actual", "date": "2018年"}
    said = refusal_sentence(pd.DataFrame([row]))
    assert not _jargon(said), (_jargon(said), said)
    assert "在数据清理中被拒收" in said and "set aside in data cleaning" in said  # both halves say the same
    assert "data/checks.csv" in said  # where the rows are listed stays


@pytest.mark.parametrize(("allowed", "refused"), [(0, 0), (0, 1), (0, 5), (2, 0)])
def test_a_no_findings_sentence_names_calculations_not_model_runs(allowed, refused):
    from swtoolkit.reports.phrasing import no_findings_sentence

    zh, en = no_findings_sentence("某省", "Someprovince", ("certified_sw",), allowed=allowed, refused=refused)
    assert not _jargon(zh + en), (zh, en)
    assert "模型" not in zh and " model" not in en


def test_an_unnamed_model_is_a_calculation():
    from swtoolkit.reports.phrasing import _model_words

    assert _model_words("") == ("计算", "calculation")


def test_the_read_and_refused_definition_has_no_grammar():
    from swtoolkit.reports.content import methods_items

    items = [i for i in methods_items(dt.date(2026, 12, 2)) if "“读入”" in i]
    assert items and not _jargon(items[0]), items


# -- a national context in which nothing is compared is one line, not a list of refusals ------------------------
def _comparison(what, refused, allowed=False):
    from swtoolkit.models.national import Comparison

    return Comparison(what=what, allowed=allowed, reason=f"{what} refused: {refused}",
                      province={"refused": refused, "dates": []})


def test_two_refusals_for_want_of_any_count_are_one_reason():
    from swtoolkit.reports.phrasing import national_refusals_sentence

    zh, en = national_refusals_sentence([_comparison("density", "no_count"), _comparison("growth", "no_point")],
                                        "某省", "Someprovince")
    assert zh.count("未与全国比较") == 1 and en.count("compared with the national") == 1
    assert zh.count("没有有日期") == 1 and "no dated region-wide count" in en
    assert "每万名常住人口" in zh and "per 10,000 residents" in en and "增速" in zh and "growth" in en


def test_two_refusals_for_different_reasons_give_each_once():
    from swtoolkit.reports.phrasing import national_refusals_sentence

    zh, en = national_refusals_sentence([_comparison("density", "population_far"), _comparison("growth", "one_point")],
                                        "某省", "Someprovince")
    assert zh.count("未与全国比较") == 1 and en.count("compared with the national") == 1
    assert "相隔过远" in zh and "only one dated figure" in en and "too far apart" in en
    assert "某省某省" not in zh


def test_a_comparison_made_keeps_its_own_sentences():
    from swtoolkit.reports.phrasing import national_refusals_sentence

    assert national_refusals_sentence([_comparison("density", "", allowed=True), _comparison("growth", "one_point")],
                                      "某省", "Someprovince") is None



# -- a cover's data-as-of line is a line, not a paragraph explaining the as-of rule -------------------------------
def test_the_cover_line_with_later_figures_stays_short():
    from swtoolkit.reports import phrasing

    stock = {"ref_date": "2013-04-30", "ref_date_precision": "month", "date_basis": "document",
             "date_as_written": "", "kind": "actual", "indicator": "certified_social_workers",
             "value": 300000.0, "qualifier": "over", "unit": "persons", "value_as_written": "超过30万人"}
    later = {"ref_date": "2018-06-30", "ref_date_precision": "month", "date_basis": "document",
             "date_as_written": "", "kind": "cumulative", "indicator": "service_recipients"}
    words = phrasing.as_of_words(stock, later)
    zh, en = words.split(" ", 1)
    assert "最晚" in zh and "latest" in en and "2018" in zh and "2018" in en
    assert len(zh) <= 110 and len(en) <= 230, (len(zh), len(en), words)


# -- a recorded conflict is never a third bracket stacked after a sentence's own brackets --------------------------
def test_a_conflict_after_a_bracket_is_its_own_sentence():
    from swtoolkit.reports.phrasing import Disagreement, with_conflicts_caveat

    found = [Disagreement(clause=("c", "c"), ids_zh="A与B", ids_en="A and B",
                          prose=("约92.9万人与另一处记载不能同时成立：来源不一致，记为冲突",
                                 "about 929,000 persons cannot hold with another account: a recorded conflict"))]
    zh, en = with_conflicts_caveat(("某省为3.67人（区间来自原文数字的取整）（据二手网页转述）。",
                                    "Someprovince 3.67 (a range) (restated by a secondary web page)."), found)
    assert zh.count("）（") == 1 and en.count(") (") == 1, (zh, en)  # the two given, no third
    assert zh.endswith("。约92.9万人与另一处记载不能同时成立：来源不一致，记为冲突。")
    assert en.endswith(". About 929,000 persons cannot hold with another account: a recorded conflict.")
    zh, en = with_conflicts_caveat(("某省为3.67人。", "Someprovince 3.67."), found)  # no bracket before: a bracket
    assert zh == "某省为3.67人（约92.9万人与另一处记载不能同时成立：来源不一致，记为冲突）。"
    assert en.startswith("Someprovince 3.67 (about")


# -- one sentence, one measure word for one unit -----------------------------------------------------------------
def test_a_growth_sentence_never_mixes_measure_words():
    from swtoolkit.reports.phrasing import figure_value, one_measure_word

    a = {"unit": "persons", "unit_as_written": "人", "value": 2766.0, "qualifier": "exact"}
    b = {"unit": "persons", "unit_as_written": "名", "value": 8408.0, "qualifier": "exact"}
    said = [figure_value(r) for r in one_measure_word([a, b])]
    assert said == ["2766人", "8408人"], said
    same = [figure_value(r) for r in one_measure_word([b, {**b, "value": 9000.0}])]
    assert same == ["8408名", "9000名"], same  # written alike: kept as written


def test_a_source_note_after_two_brackets_is_its_own_sentence():
    from swtoolkit.reports.phrasing import append_note

    zh, en = append_note(("全国为6.58人（2022年底）（区间来自取整）。", "6.58 (end-2022) (a range)."),
                         "约92.9万人：据二手网页转述，非官方发布",
                         "about 929,000 persons: restated by a secondary web page")
    assert zh == "全国为6.58人（2022年底）（区间来自取整）。约92.9万人：据二手网页转述，非官方发布。"
    assert en == "6.58 (end-2022) (a range). About 929,000 persons: restated by a secondary web page."
    zh, en = append_note(("全国为6.58人（2022年底）。", "6.58 (end-2022)."), "注", "note")  # a second bracket is fine
    assert zh == "全国为6.58人（2022年底）（注）。" and en == "6.58 (end-2022) (note)."


def test_no_model_is_named_by_a_bare_acronym():
    from swtoolkit import labels

    for key in labels.MODELS:
        en = labels.label("model", key).partition(" ")[2]
        assert not any(w.isupper() and len(w) > 2 for w in en.replace("(", " ").replace(")", " ").split()), en


def test_the_source_standing_column_has_a_width():
    from pathlib import Path

    import swtoolkit.reports.blocks as blocks
    from swtoolkit.reports.content import SOURCE_COLUMN

    assert blocks.STANDING_COLUMN == SOURCE_COLUMN
    frame = pd.DataFrame({"数据编号 Data item": ["X-01"], SOURCE_COLUMN: ["二手网页转述，非官方发布 restated"]})
    assert 'class="standing"' in blocks.table(frame, "cap", "note").body
    css = (Path(blocks.__file__).parent / "report.css").read_text(encoding="utf-8")
    rule = css.split("td.standing", 1)[1].split("}", 1)[0]
    # a width, never a minimum: a 30 mm minimum pushed long appendix tables past the page (CI's visual check)
    assert "td.standing" in css and "width" in rule and "min-width" not in rule
