"""Editor 9 (N-6, N-7, N-8, R8b-18): words a report prints must fit what it holds. Each kind from small synthetic
inputs: the audit's decision words promise nothing the report does not print; headings name the level of their rows
and say "ranked" only above a league table; a reference gives the original title and publisher first and marks an
estimated date in both languages; a unit cell and a unit noun agree with the rows and the indicator."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from swtoolkit import provenance, regions
from swtoolkit.errors import RawDataError
from swtoolkit.reports import audit, phrasing
from swtoolkit.reports.comparison import ComparisonReport
from swtoolkit.reports.content import RegionReport, definitions_table, promised_only, unit_cell
from tests.test_league_scopes import _pair
from tests.test_referee8_text import RESULT_COLUMNS, printed_text, report, result, row
from tests.test_semantics import _row

ROOT = Path(__file__).resolve().parents[1]
ONE_SIDED = ("refused: a figure with an open end (S900-000031: only one bound is known) has no central value; a fit "
             "through it would invent one; fallback: one-sided CAGR between the first and last points")


# ---- N-6: the audit's decision words are the words of the decision the report applies ----------------------------
def test_an_unkept_promise_is_replaced_by_the_fallback_applied_in_both_the_line_and_the_audit():
    said = promised_only(ONE_SIDED, ["sw_talent_total"], set())
    assert "one-sided CAGR" not in said and said.endswith("fallback: level as written")
    line_zh, _ = phrasing.model_refusal_words(said, ["sw_talent_total"], {}, "loglinear")
    gate_zh, gate_en = phrasing.gate_words(said)
    for words in (line_zh, gate_zh):
        assert "单侧增长率" not in words and "按原文列出" in words
    assert "one-sided" not in gate_en
    assert promised_only(ONE_SIDED, ["sw_talent_total"], {"sw_talent_total"}) == ONE_SIDED  # kept when printed


def test_a_report_whose_limitation_drops_the_promise_records_the_applied_decision_for_the_audit():
    rows = [row("S900-000031", "340000", "sw_talent_total", 120000, "2023-03-22", qualifier="more_than",
                value_high=float("inf"), value_as_written="超过12万人")]
    rep = report(rows, [result("340000", "sw_talent_total", "loglinear", False, ONE_SIDED, "S900-000031")],
                 region="340000")
    printed_text(rep)
    limits = [c for c in rep.claims if c.block == "limits" and c.kind == "refusal"]
    assert limits and all("one-sided CAGR" not in c.gates for c in limits)
    table = audit.with_words(pd.DataFrame([c.__dict__ for c in rep.claims]))
    assert audit.unkept_promises(table).empty
    assert not table["gates_zh"].str.contains("单侧增长率").any()


def test_unkept_promises_finds_a_decision_that_promises_a_rate_the_claim_does_not_print():
    claim = {"report": "340000", "block": "limits", "kind": "refusal", "figure_ids": "",
             "text": "该数字只给出一个界限；按原文列出。", "gates": ONE_SIDED}
    table = audit.with_words(pd.DataFrame([claim]))
    found = audit.unkept_promises(table)
    assert len(found) == 1 and "单侧增长率" in found.iloc[0]["promise"]
    cards = audit.with_words(pd.DataFrame([{**claim, "kind": "cards", "gates": "fewer than three comparable "
                                            "dated figures: no chart"}]))
    assert audit.unkept_promises(cards).empty  # cards list the figures they promise


def test_the_text_check_reads_the_audit_beside_the_reports(tmp_path):
    rows = [{"report": "340000", "block": "limits", "kind": "refusal", "text": "按原文列出。", "figure_ids": "",
             "gates": "x", "gates_zh": "该指标只给出一个界限；只计算首尾两点之间的单侧增长率。", "gates_en": "x"},
            {"report": "340000", "block": "series", "kind": "cards", "text": "图 1", "figure_ids": "", "gates": "x",
             "gates_zh": "不画图，只列出数字。", "gates_en": "x"}]
    pd.DataFrame(rows).to_csv(tmp_path / "audit.csv", index=False)
    (tmp_path / "audit.html").write_text("<html></html>", encoding="utf-8")
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_report_text.py"), str(tmp_path / "audit.html")],
                         capture_output=True, text=True)
    assert run.returncode == 1 and run.stdout.count("audit:") == 1 and "单侧增长率" in run.stdout


# ---- N-7: headings name the level of their rows and what the section holds ----------------------------------------
def _known(rows: list[dict]) -> list[dict]:
    """Rows re-keyed to a known source (S003), so the source notes under their tables can name it."""
    return [{**r, "figure_id": f"S003-9{i:05d}", "source_id": "S003",
             "region_name": regions.get(r["region_code"]).name_zh} for i, r in enumerate(rows)]


def _no_results() -> pd.DataFrame:
    return pd.DataFrame(columns=RESULT_COLUMNS).astype({"allowed": bool})


def _children(code: str) -> list[str]:
    table = regions.region_table()
    return list(table.loc[table["parent_code"] == code, "code"])


@pytest.mark.parametrize(("code", "zh", "en"), [("000000", "省份", "provinces"), ("530000", "州（市）", "prefectures"),
                                                ("510000", "市（州）", "prefectures"),
                                                ("530100", "县（市、区）", "counties and districts"),
                                                ("532600", "县（市）", "counties"), ("110000", "区", "districts")])
def test_a_set_of_regions_is_named_by_its_level_and_the_suffixes_of_its_names(code, zh, en):
    words = regions.level_words(_children(code))
    assert (words.zh, words.en) == (zh, en)


def test_a_set_of_mixed_levels_keeps_the_general_word():
    assert regions.level_words(["530100", "530102"]).zh == "下辖地区"


def test_a_prefecture_report_heads_its_counties_as_counties():
    rows = _pair("530102", 30, 10) + _pair("530103", 20, 10) + _pair("530111", 25, 10)
    rows = [{**r, "province_code": "530000", "region_level": "county"} for r in _known(rows)]
    rep = RegionReport(regions.get("530100"), pd.DataFrame(rows), draw_charts=False)
    html = rep.subregion_table().body
    assert "各县（市、区）主要数据 Counties and districts: latest figures" in html and "下辖地区主要数据" not in html
    heading = dict((k, (zh, en)) for k, zh, en in rep.sections())["subregions"]
    assert heading == ("各县（市、区）比较", "Counties and districts compared")
    assert "Sub-regions" not in rep.section("subregions").body


def test_the_comparison_says_ranked_only_above_a_league_table_and_calls_provinces_provinces():
    lone = [_row("S003-900001", 1581, region_code="530500", region_name="保山市", indicator="station_staff",
                 family="station_staff"),
            _row("S901-000001", 23000, "2022-09-30", region_code="340000", region_name="安徽省",
                 region_level="province", province_code="340000"),
            _row("S902-000001", 30000, "2022-09-30", region_code="320000", region_name="江苏省",
                 region_level="province", province_code="320000")]
    comparison = ComparisonReport.from_tables(pd.DataFrame(_known(lone)), _no_results(), draw_charts=False)
    heads = {k: (zh, en) for k, zh, en in comparison.sections()}
    assert heads["prefectures"] == ("州（市）比较", "Prefectures compared")
    assert "排名" not in comparison.toc().body and "league" not in comparison.toc().body
    provinces = comparison.provinces().body
    assert "各省份主要数据 Provinces: latest figures" in provinces and "下辖地区" not in provinces
    ranked = _pair("530700", 317, 66) + _pair("533100", 372, 56)
    ranked = _known(ranked)
    comparison = ComparisonReport.from_tables(pd.DataFrame(ranked), _no_results(), draw_charts=False)
    assert dict((k, zh) for k, zh, _ in comparison.sections())["prefectures"] == "州（市）比较与排名"


def test_the_text_check_flags_a_ranking_heading_without_a_league_table(tmp_path):
    page = ("<h2 id='prefectures'>州（市）比较与排名 <span class='en'>Prefectures compared and ranked</span></h2>"
            "<figure class='table'><figcaption>表 3 各州（市）主要数据 Prefectures: latest figures (date)</figcaption>"
            "<table><thead><tr><th>地区 Region</th></tr></thead><tbody><tr><td>保山</td></tr></tbody></table></figure>"
            "<h2 id='provinces'>省份比较 <span class='en'>Provinces</span></h2><figure class='table'><figcaption>"
            "表 2 下辖地区主要数据 Sub-regions: latest figures (date)</figcaption><table><tbody><tr><td>x</td></tr>"
            "</tbody></table></figure>")
    path = tmp_path / "comparison.html"
    path.write_text(page, encoding="utf-8")
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_report_text.py"), str(path)],
                         capture_output=True, text=True)
    assert "promises a league table" in run.stdout and "calls the provinces or prefectures sub-regions" in run.stdout


# ---- N-8: a reference in the original language first; estimates marked in both languages --------------------------
def _source(**kw) -> pd.Series:
    base = {"publisher": "Yunnan Provincial Department of Civil Affairs (meeting materials)", "title": "A meeting",
            "pub_date": "2022-07", "pub_date_note": "estimate: after 1 July", "release_type": "", "url": "",
            "accessed": "", "title_zh": "", "publisher_zh": "", "title_status": "not_recorded"}
    base.update(kw)
    return pd.Series(base)


def test_a_reference_gives_the_chinese_title_and_publisher_first_and_the_estimate_in_both_languages():
    src = _source(title_zh="乡镇（街道）社工站建设推进会讲话", publisher_zh="云南省民政厅", title_status="original")
    assert provenance.publisher_words(src).startswith("云南省民政厅 Yunnan")
    assert provenance.title_words(src) == "《乡镇（街道）社工站建设推进会讲话》；编者说明 our description: “A meeting”"
    assert provenance.date_words(src) == "2022-07（估计 est.）" and "(est.)" not in provenance.date_words(src)
    missing = provenance.title_words(_source())
    assert missing.startswith("原题名未记录 original title not recorded") and "《" not in missing
    parts = provenance.title_words(_source(title_zh="《甲》《乙》", title_status="parts"))
    assert parts.startswith("所收各篇 pieces: 《甲》《乙》")
    untitled = provenance.title_words(_source(title_status="untitled", found_in="chars 1–9"))
    assert untitled.startswith(provenance.TITLE_NONE) and "《" not in untitled


def _raw(tmp_path: Path, titles: list[list[str]]) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "source_titles.csv").write_text(
        "\n".join(",".join(r) for r in [provenance.TITLE_COLUMNS, *titles]) + "\n", encoding="utf-8")
    return raw


@pytest.mark.parametrize(("line", "column"), [
    (["S009", "《甲》", "", "original", ""], "source_id"),                 # not a known source
    (["S000", "《甲》", "", "translated", ""], "title_status"),            # no such status
    (["S000", "", "", "original", ""], "title_zh"),                        # recorded without a title
    (["S000", "《甲》", "", "not_recorded", ""], "title_zh"),              # not recorded, yet a title
    (["S000", "这是一句话。", "", "original", ""], "title_zh"),             # a sentence is not a title
    (["S000", "长" * 200, "", "original", ""], "title_zh"),               # too long for a title
    (["S000", "《甲》", "", "untitled", "chars 1–9"], "title_zh"),         # untitled, yet a headline copied
    (["S000", "", "", "untitled", "headlines of the items"], "found_in")])  # untitled without its offsets
def test_a_bad_title_row_stops_with_one_line_naming_file_row_column_and_value(tmp_path, line, column):
    with pytest.raises(RawDataError) as caught:
        provenance.original_titles(_raw(tmp_path, [line]), {"S000"})
    assert caught.value.column == column and caught.value.row == 2 and "\n" not in str(caught.value)


def test_every_source_has_a_title_row_and_no_reference_says_est_in_english_alone():
    table = provenance.sources()
    assert provenance.original_titles(known=set(table.index)).index.is_unique
    for sid in table.index:
        full = provenance.describe_source(sid)
        assert " (est.)" not in full and " (est.)" not in provenance.short_source(sid)
        if str(table.loc[sid, "pub_date_note"]).startswith("estimate"):
            assert "（估计 est.）" in full
    seeds = table[table["release_type"].eq("")]
    assert seeds["title_status"].ne("not_recorded").all() and seeds["publisher_zh"].ne("").all()


def test_the_seed_titles_are_read_in_the_seed_texts():
    """Each 《…》 of a seed's title row is printed in that seed (line breaks and spaces aside): titles are read,
    never made up."""
    folder = ROOT.parent / "shared" / "seeds"
    if not folder.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"seed folder missing: {folder}")
        pytest.skip("seed folder not present")
    table = provenance.sources()
    for sid, src in table[table["release_type"].eq("")].iterrows():
        raw_text = (folder / src["file"]).read_text(encoding="utf-8")
        if src["title_status"] == "untitled":
            # the items' headlines are located, not copied: each span is whole lines of the text (a headline
            # stands on lines of its own), short of a sentence end, and the spans do not overlap
            spans = sorted((int(a), int(b)) for a, b in re.findall(r"(\d+)–(\d+)", src["found_in"]))
            assert spans, sid
            for (a, b), nxt in zip(spans, [*spans[1:], (len(raw_text) + 1, 0)], strict=True):
                assert 0 < a < b <= len(raw_text) and b <= nxt[0], (sid, a, b)
                assert raw_text[a - 1] in "\n 》" and raw_text[b:b + 1] in ("\n", ""), (sid, a, b)
                assert "。" not in raw_text[a:b], (sid, a, b)
            continue
        text = re.sub(r"\s+", "", raw_text)
        titles = re.findall(r"《((?:[^《》]|〈[^〉]*〉)+)》", src["title_zh"])
        assert titles, sid
        for title in titles:
            written = re.sub(r"\s+", "", title).replace("〈", "《").replace("〉", "》")
            assert written in text, (sid, title)


# ---- R8b-18: a unit noun fits its indicator; a unit cell names the words the rows print ---------------------------
def test_a_unit_cell_names_the_words_the_rows_print():
    supervision = [row("S900-000041", "532600", "supervision_sessions", 80, unit="sessions", unit_as_written="次",
                       kind="cumulative")]
    cell = definitions_table({"supervision_sessions"}, set(), "t", pd.DataFrame(supervision)).body
    assert "次 sessions" in cell and "期 sessions" not in cell
    assert unit_cell("sessions", ["次", "场"]) == "次、场 sessions"
    assert unit_cell("sessions") == f"{phrasing.unit_zh('sessions')} sessions"  # no rows: the registry word
    assert phrasing.axis_unit("sessions", ["次"]) == "单位：次 Unit: sessions"


def test_follow_up_contacts_are_not_called_activities():
    follow = row("S900-000042", "532600", "case_followups", 175, unit="follow-up contacts", unit_as_written="次",
                 qualifier="more_than", value_high=float("inf"), kind="cumulative")
    assert "follow-up contacts" in phrasing.figure_value(follow, "en")
    assert phrasing.figure_value(follow).endswith("次")


#: Units that count events or acts: the noun must name what the indicator counts (its name or definition says it).
EVENT_UNITS = {"activities", "sessions", "visits", "meetings", "events", "follow-up contacts", "service acts"}


def test_every_event_unit_noun_fits_its_indicator():
    from swtoolkit.codebook import codebook

    book = codebook()
    for key, entry in book[book["unit"].isin(EVENT_UNITS)].iterrows():
        stem = entry["unit"].rstrip("s").split()[-1].lower()
        said = f"{entry['name_en']} {entry['definition']}".lower()
        assert stem in said, (key, entry["unit"], entry["name_en"])


def test_the_methods_document_names_each_unit_as_the_bundled_rows_write_it():
    from swtoolkit.codebook import codebook
    from swtoolkit.reports.inputs import load_clean

    clean, book = load_clean(), codebook()
    table = html.unescape(definitions_table(None, None, "t", clean).body)
    for key, group in clean.groupby("indicator"):
        words = phrasing.unit_words(group.to_dict("records"), group["unit"].iloc[0])
        if words:
            name = f"{book.loc[key, 'name_zh']} {book.loc[key, 'name_en']}"
            cell = re.search(">" + re.escape(name) + r"</td>\s*<td[^>]*>([^<]*)</td>", table)
            assert cell and all(w in cell.group(1) for w in words), (key, words, cell and cell.group(1))


def test_the_series_section_names_targets_only_when_it_shows_one():
    two = [row("S003-900051", "340000", "certified_social_workers", 20000, "2021-12-31"),
           row("S003-900052", "340000", "certified_social_workers", 23000, "2022-12-31")]
    rep = report(two, region="340000")
    printed_text(rep)
    assert dict((k, (zh, en)) for k, zh, en in rep.sections())["series"] == ("时间变化", "Over time")
    target = row("S003-900053", "340000", "certified_social_workers", 30000, "2025-12-31", kind="target",
                 target_type="level", value_as_written="3万人", date_as_written="到2025年")
    rep = report([*two, target], region="340000")
    printed_text(rep)
    assert dict((k, zh) for k, zh, _ in rep.sections())["series"] == "时间与目标"


def test_the_gaps_table_is_captioned_by_the_results_it_holds():
    from swtoolkit.reports.content import LEVEL_TABLE_PARTS

    assert set(LEVEL_TABLE_PARTS) == {m for m, f in phrasing.RESULT_FAMILIES.items() if f == "level"}
    reason = "allowed"
    rows = [row("S003-900061", "340000", "certified_social_workers", 20000, "2021-12-31"),
            row("S003-900062", "340000", "certified_social_workers", 23000, "2022-12-31")]
    projection = result("340000", "certified_social_workers", "projection", True, reason,
                        "S003-900061;S003-900062", statistic="projected level", estimate=26000.0, low=25000.0,
                        high=27000.0, start_date="2022-12-31", end_date="2027-12-31")
    html_ = report(rows, [projection], region="340000").growth_and_gaps().body
    caption = re.search(r"<figcaption>(.*?)</figcaption>", html_).group(1)
    assert caption.endswith("情景推算 Projections") and "目标差距" not in caption


def test_the_national_report_does_not_head_its_own_density_series_as_a_national_comparison():
    rep = report([row("S003-900071", "000000", "certified_social_workers", 929000)], region="000000")
    heads = dict((k, zh) for k, zh, _ in rep.sections())
    assert heads["national"] != "全国对照" and "每万名常住人口" in heads["national"]
    assert dict((k, zh) for k, zh, _ in report([row("S003-900072", "340000", "certified_social_workers", 23000)],
                                               region="340000").sections())["national"] == "全国对照"
