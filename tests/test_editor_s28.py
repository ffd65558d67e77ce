"""Editor s28: the reports read as a publisher's editor would; each kind tested on small synthetic rows.

S28-1: an undated figure read "undated (in a document of about July 2022)" / "日期未注明（见于约2022年7月的文件）",
       as if the figure were of that month; one wording now says the figure has no date and the document has one.
"""
from __future__ import annotations

import pytest

from tests.test_editor12_text import _check_module, _check_page
from tests.test_semantics import _row


def _undated(estimated: bool = True, **extra):
    row = dict(_row("S003-990700", 349, "2022-07-31", basis="undated", indicator="station_staff",
                    value_as_written="349名", unit_as_written="名", **extra))
    row["date_estimated"] = "True" if estimated else "False"
    return row


@pytest.mark.parametrize("estimated", [True, False])
def test_an_undated_figure_says_it_has_no_date_and_its_document_has_one(estimated):
    from swtoolkit.reports import phrasing

    row = _undated(estimated)
    zh, en = phrasing.figure_date(row), phrasing.figure_date(row, "en")
    assert zh.startswith("未注明日期，文件日期") and "见于" not in zh and "（" not in zh, zh
    assert en.startswith("undated, document dated ") and "in a document of" not in en and "(" not in en, en
    assert ("约为" in zh) == estimated and ("about" in en) == estimated, (zh, en)


def test_an_undated_level_sentence_reads_naturally_in_both_languages():
    from swtoolkit.reports import phrasing

    zh, en = phrasing.level_sentence("某市", "X", _undated())
    assert zh.endswith("（原文未注明日期；文件日期约为2022年7月）。"), zh
    assert en.endswith("(undated in the source; the document is dated about July 2022)."), en
    assert ", undated" not in en and "in a document of" not in en, en


def test_the_build_check_flags_the_old_undated_wording():
    page = _check_page("<ul><li>某市社工站工作人员为349名（日期未注明（见于约2022年7月的文件））。 "
                       "X had 349 station staff, undated (in a document of about July 2022).</li></ul>")
    found = [p for p in _check_module().problems(page) if ": undated:" in p]
    assert len(found) == 2, found


# ---- S28-2: methods bullets of 300+ Chinese and 1,000+ English characters: one rule per bullet ----------------------
def test_every_methods_bullet_is_short_enough_to_read():
    import datetime as dt

    from swtoolkit.reports.content import SHARED_LIMITS, methods_items

    check = _check_module()
    for item in [*methods_items(dt.date(2026, 12, 1)), *SHARED_LIMITS]:
        zh, en = check.bullet_halves(item)
        assert zh and en, item[:60]  # both languages, split where the check splits them
        assert len(zh) <= check.BULLET_ZH and len(en) <= check.BULLET_EN, (len(zh), len(en), item[:60])


def test_the_build_check_flags_a_long_methods_bullet(tmp_path):
    page = tmp_path / "methods.html"
    page.write_text("<h1>方法</h1><ul><li>" + "数值按原文转录。" * 30 + " Figures are transcribed as written."
                    "</li><li>短。 Short.</li></ul>", encoding="utf-8")
    found = [p for p in _check_module().problems(page) if ": long:" in p]
    assert len(found) == 1, found


# ---- S28-3: figures listed in a clause each read as one ------------------------------------------------------------
def test_an_interval_figure_in_a_list_is_not_read_as_two():
    from swtoolkit.reports import phrasing

    assert phrasing.listed_values(["超过7500家、不足7600家", "约1.9万家"]) == "超过7500家、不足7600家与约1.9万家"
    assert phrasing.listed_values(["约1.9万家", "3000名"]) == "约1.9万家、3000名"
    assert phrasing.listed_values(["more than 7,500 and below 7,600 organisations", "about 19,000"], "en") == \
        "more than 7,500 and below 7,600 organisations; about 19,000"


def test_a_secondary_source_clause_names_interval_figures_apart(monkeypatch):
    from swtoolkit.reports import phrasing

    monkeypatch.setattr(phrasing, "source_flag", lambda r, lang="zh": "据二手网页转述" if lang == "zh" else "restated")
    words = {"A": ("超过7500家、不足7600家", "more than 7,500 and below 7,600"), "B": ("约1.9万家", "about 19,000")}
    monkeypatch.setattr(phrasing, "figure_value", lambda r, lang="zh": words[r["figure_id"]][lang != "zh"])
    zh, en = phrasing._flag_clauses([{"figure_id": "A"}, {"figure_id": "B"}])
    assert zh == "超过7500家、不足7600家与约1.9万家：据二手网页转述", zh
    assert en == "more than 7,500 and below 7,600; about 19,000: restated", en


def test_an_undated_clause_after_its_figure_has_no_brackets_inside_brackets():
    from swtoolkit.reports import phrasing

    row = _undated(False)
    assert phrasing.joined_figures([row, row]).count("（") == 1
    page = _check_page(f"<ul><li>{phrasing.figure_date(row)}，某市社工站工作人员为349名。</li></ul>")
    assert [p for p in _check_module().problems(page) if ": opener:" in p]


# ---- S28-4: a growth sentence's secondary-source clause uses the measure word the sentence prints -----------------
def test_the_growth_caveat_names_its_figure_as_the_sentence_does(monkeypatch):
    from swtoolkit.reports import phrasing
    from tests.test_breaker_claims import row

    first = row("S9-01", "320000", "sw_organisations", 160, "2018-12-31", unit_as_written="家",
                value_as_written="160家", unit="organisations")
    last = row("S9-02", "320000", "sw_organisations", 230, "2021-04-30", unit_as_written="个",
               value_as_written="230个", unit="organisations")
    monkeypatch.setattr(phrasing, "source_flag", lambda r, lang="zh": (
        ("据二手网页转述" if lang == "zh" else "restated") if r["figure_id"] == "S9-02" else ""))
    result = {"model": "cagr", "statistic": "annual growth", "indicator": "sw_organisations",
              "region_name": "江苏省", "region_code": "320000", "unit": "organisations", "estimate": 0.1284,
              "band_low": 0.1284, "band_high": 0.1284, "figure_ids": "S9-01;S9-02"}
    zh, _ = phrasing.result_sentence(result, {"S9-01": first, "S9-02": last})
    words = {w for w in ("个", "家") if f"230{w}" in zh}
    assert len(words) == 1, zh  # the sentence and its clause print one measure word for the figure


# ---- S28-5: a blank "date as written" cell read as a broken table --------------------------------------------------
def test_a_figure_with_no_written_date_says_so_in_its_date_as_written_cell():
    import re

    from swtoolkit.reports import phrasing
    from tests.test_editor12_text import _lincang_like, _report

    report = _report(_lincang_like(), "530100")
    html = report.data_appendix().body + (report.key_figures().body if report.kind == "brief" else "")
    seen = 0
    for table in re.findall(r"<table.*?</table>", html, re.S):
        heads = [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<th[^>]*>(.*?)</th>", table, re.S)]
        if "日期原文 Date as written" not in heads:
            continue
        at = heads.index("日期原文 Date as written")
        cells = [re.findall(r"<td[^>]*>(.*?)</td>", r, re.S) for r in re.findall(r"<tr>(.*?)</tr>", table, re.S)]
        written = [re.sub(r"<[^>]+>", "", c[at]).strip() for c in cells if len(c) > at]
        assert written and all(written), written
        assert phrasing.NO_DATE_WRITTEN in written
        seen += 1
    assert seen


# ---- S28-6: a target's origin, bracketed after the target, has no bracket of its own --------------------------------
def test_a_targets_origin_has_no_bracket_inside_its_bracket(monkeypatch):
    from swtoolkit.reports import phrasing

    monkeypatch.setattr(phrasing, "_published", lambda sid, lang="zh": "2012年7月" if lang == "zh" else "July 2012")
    zh, en = phrasing.target_origin({"source_id": "WN034"}), phrasing.target_origin({"source_id": "WN034"}, "en")
    assert zh == "目标出自2012年7月发布的来源WN034" and "（" not in zh, zh
    assert en == "target from source WN034, published July 2012" and "(" not in en, en


# ---- S28-7: a chart's span says a shared year once ---------------------------------------------------------------
def test_a_chart_span_within_one_year_says_the_year_once():
    from swtoolkit.reports.content import chart_span

    june = _row("S900-000001", 10, "2022-06-30")
    june["date_estimated"] = False
    sept = {**june, "figure_id": "S900-000002", "ref_date": "2022-09-30", "ref_date_low": "2022-09-30",
            "ref_date_high": "2022-09-30"}
    march = {**june, "figure_id": "S900-000003", "ref_date": "2023-03-31", "ref_date_low": "2023-03-31",
             "ref_date_high": "2023-03-31"}
    assert chart_span([june, sept]) == "2022年6月至9月"
    assert chart_span([june, sept], "en") == "June to September 2022"
    assert chart_span([sept, march]) == "2022年9月至2023年3月"
    assert chart_span([sept, march], "en") == "September 2022 to March 2023"


# ---- S28-8: a chart's not-drawn note does not say "undated" twice --------------------------------------------------
def test_an_undated_figure_left_out_of_a_chart_is_not_said_undated_twice():
    from swtoolkit.reports import phrasing

    row = _undated()
    zh, en = phrasing.not_drawn_why(row, differs=False, restates=set(), dated=False)
    said_zh = f"{phrasing.figure_date(row)}，{zh}"
    said_en = f"{phrasing.figure_date(row, 'en')}, {en}"
    assert said_zh.count("日期") <= 2 and "没有日期" not in said_zh, said_zh  # 未注明日期，文件日期…
    assert "no date" not in said_en and said_en.count("undated") == 1, said_en
    bound = {**row, "date_basis": "before"}
    assert "上界" in phrasing.not_drawn_why(bound, differs=False, restates=set(), dated=False)[0]


# ---- S28-9: one rule on undated figures said once in the limitations, each indicator's figures listed -------------
def _undated_line(name: str, value: str, cap: str, value_en: str) -> str:
    return (f"{name}的数字（{value}）未注明日期，只知在所在文件的日期之前，"
            "不作为时间序列的点，不计算增长或差距，按原文列出。 "
            f"{cap}: the figure ({value_en}) states no date and lies somewhere before its document's date, so it is "
            "not a point of any series and no growth or gap is computed; it is listed as written.")


def test_undated_limitation_lines_are_merged_into_one():
    from swtoolkit.reports import phrasing

    a = _undated_line("社会工作政策文件", "18个", "Social-work policy documents", "18 documents")
    b = _undated_line("开设社会工作专业的高校", "14所", "Universities offering a social-work major", "14 institutions")
    out, merged = phrasing.merged_undated([a, "其他。 Other.", b])
    assert len(out) == 2 and out[1] == "其他。 Other." and set(merged) == {a, b}, out
    assert out[0].count("只知在所在文件的日期之前") == 1 and "社会工作政策文件（18个）" in out[0]
    assert "universities offering a social-work major (14 institutions)" in out[0]
    assert phrasing.merged_undated([a])[0] == [a]  # one line stays as it is


def test_the_build_check_flags_the_undated_rule_said_twice():
    a = _undated_line("社会工作政策文件", "18个", "Social-work policy documents", "18 documents")
    b = _undated_line("开设社会工作专业的高校", "14所", "Universities offering a social-work major", "14 institutions")
    page = _check_page(f"<ul><li>{a}</li><li>{b}</li></ul>")
    assert [p for p in _check_module().problems(page) if ": repeat:" in p]


# ---- S28-10: English methods text writes its dates in English style, never ISO ----------------------------------
def test_the_methods_english_halves_write_no_iso_date():
    import datetime as dt
    import re

    from swtoolkit.reports.content import methods_items

    check = _check_module()
    for item in methods_items(dt.date(2026, 11, 30)):
        assert not re.search(r"\d{4}-\d{2}-\d{2}", check.bullet_halves(item)[1]), item[:60]
    assert any("30 November 2026" in i for i in methods_items(dt.date(2026, 11, 30)))


# ---- S28-11: a span under a year is said in months, never a fraction of a year -----------------------------------
def test_a_short_span_is_said_in_months():
    from swtoolkit.reports import phrasing

    zh, en = phrasing._condition_words("growth is annualised only over ≥ 1 year of data; these points span 0.65 "
                                       "years", "cagr")
    assert "约8个月" in zh and "0.65" not in zh, zh
    assert "about 8 months" in en and "0.65" not in en, en
    assert phrasing.span_words(1.5) == ("1.5年", "1.5 years")


def _scenario_line(name: str, end: str, cap: str, end_en: str) -> str:
    return (f"{name}的情景推算止于{end}，不晚于本版报告的日期（2026年11月）：推算不代替资料本应给出的数字，"
            f"只列出增长率和最新数字。 {cap}: the scenario ends {end_en}, on or before this edition's date (November "
            "2026); a projection does not stand in for a figure the sources could have given, so only the growth "
            "rate and the latest figure are listed.")


def test_scenario_end_lines_are_merged_into_one():
    from swtoolkit.reports import phrasing

    a = _scenario_line("社会工作服务机构", "2023年6月", "Social-work service organisations", "June 2023")
    b = _scenario_line("社会工作专业人才总量", "2024年底", "Social-work professional talent (total)", "end-2024")
    out, merged = phrasing.merged_scenarios([a, b, "其他。 Other."])
    assert len(out) == 2 and set(merged) == {a, b}, out
    assert out[0].count("推算不代替") == 1 and "社会工作服务机构（止于2023年6月）" in out[0], out[0]
    assert "social-work professional talent (total) (to end-2024)" in out[0], out[0]
    assert phrasing.merged_scenarios([a])[0] == [a]
