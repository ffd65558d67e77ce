"""Referee 11 R11-5 and editor 11 E11-8: table headers in Chinese and English, no column empty throughout, and no
Chinese part words inside English text. Small synthetic inputs; each test fails if its fault returns."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd

from tests.test_semantics import _row

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u3400-\u9fff]")


def _station(fid: str, value: float, subset: str = "", region_code: str = "532500") -> dict:
    return _row(fid, value, "2022-06-30", indicator="township_stations", family="township_stations",
                unit="stations", unit_as_written="个", value_as_written=f"{value:g}个", subset=subset,
                region_code=region_code, region_name="红河哈尼族彝族自治州", source_id=fid[:4])


def _headers(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<th[^>]*>(.*?)</th>", html, re.S)]


# ---- R11-5: the sub-region table's headers, and a column no sub-region has a figure of -------------------------------
def test_sub_region_headers_are_bilingual_and_an_empty_indicator_is_dropped_with_a_note():
    from swtoolkit import regions
    from swtoolkit.codebook import codebook
    from swtoolkit.reports.content import RegionReport

    book = codebook()
    frame = pd.DataFrame([_station("S003-900001", 143), _station("S003-900002", 120, region_code="530100")])
    frame = frame.assign(province_code="530000", region_level="prefecture")
    report = RegionReport(regions.resolve("530000"), frame, draw_charts=False,
                          results=pd.DataFrame(columns=["region_code", "allowed", "model"]))
    body = report.subregion_table(indicators=["township_stations", "station_staff_certified"], ratios=[]).body
    heads = _headers(body.split("</table>")[0])
    assert heads, "the sub-region table is printed"
    for h in heads:  # every header: Chinese then English
        assert CJK.search(h) and re.search(r"[A-Za-z]{3}", h), h
    assert f"{book.loc['township_stations', 'name_zh']} {book.loc['township_stations', 'name_en']}" in heads
    empty_zh, empty_en = book.loc["station_staff_certified", ["name_zh", "name_en"]]
    assert not any(empty_zh in h for h in heads)  # no column of "—" throughout
    assert f"未列为一列：{empty_zh}" in body and empty_en in body  # the note says which indicator has no figures


def test_any_table_drops_a_column_empty_throughout_and_names_it():
    from swtoolkit.reports.blocks import table

    frame = pd.DataFrame({"地区 Region": ["甲 A", "乙 B"], "数值 Value": ["1", "2"], "区间 Range": ["—", "—"]})
    html = table(frame, "表 Table", "来源 Source.").body
    assert "区间 Range" not in _headers(html)
    assert "未列出 Columns with no entry in any row, not printed: 区间 Range" in html
    kept = table(frame.assign(**{"区间 Range": ["—", "1–2"]}), "表 Table", "").body
    assert "区间 Range" in _headers(kept)  # a column with one entry stays


# ---- E11-8: parts named in English in English text ---------------------------------------------------------------
def test_every_part_has_english_words_without_chinese():
    from swtoolkit.codebook import subset_label, subsets

    book = subsets()
    assert "name_en" in book.columns
    for key, en in book["name_en"].items():
        assert en and not CJK.search(en), key
    assert subset_label("乡镇 only", "en") == "townships only" and subset_label("街道 only", "en") == "streets only"


def test_a_part_cell_and_a_parts_sentence_keep_chinese_out_of_english():
    from swtoolkit.reports import phrasing

    assert phrasing.subset_note({"subset": "乡镇 only"}) == " ［仅乡镇 townships only］"
    rows = [_station("S003-900002", 131, "乡镇 only"), _station("S003-900003", 10, "街道 only")]
    zh, en = phrasing.parts_sentence("红河州", "Honghe", rows, whole=True)
    assert "乡镇131" in zh
    assert "townships only" in en and "streets only" in en and not CJK.search(en), en


def test_the_text_check_flags_chinese_words_inside_english_and_chinese_only_headers(tmp_path):
    page = ("<ul><li>红河州分部分记载 Honghe in parts: 131 stations (乡镇 only), 10 stations (街道 only).</li>"
            "<li>Holders of the junior (助理社会工作师) certificate; those the paper calls “社工站专业” staff.</li>"
            "</ul>"
            "<figure class='table'><figcaption>表 2 Table 2 各州（市）主要数据 Prefectures: latest figures (date)"
            "</figcaption><table><thead><tr><th>地区 Region</th><th>持证驻站社工</th><th>社工站 Stations</th></tr>"
            "</thead><tbody><tr><td>红河 Honghe</td><td>—</td><td>乡镇社工站 ［仅乡镇 乡镇 only］</td></tr>"
            "</tbody></table></figure>")
    path = tmp_path / "000000_china.html"
    path.write_text(page, encoding="utf-8")
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_report_text.py"), str(path)],
                         capture_output=True, text=True).stdout
    words = [line for line in out.splitlines() if "Chinese words in English text" in line]
    assert any("(乡镇 only)" in w for w in words) and any("乡镇 乡镇 only" in w for w in words)
    assert not any("助理社会工作师" in w or "社工站专业" in w for w in words)  # a gloss or a quote is the source's
    assert "header '持证驻站社工' not in Chinese and English" in out
    assert "column '持证驻站社工' has no entry in any row" in out
    assert "header '地区 Region'" not in out
