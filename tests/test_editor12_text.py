"""Editor 12, each fault tested by kind on small synthetic rows (no real figures).

E12-1: a report with no headline level never says "no key finding" while its title page rests on a subject figure
       (Xingtai's full station coverage, Jilin's 353 organisations): that figure is the finding.
"""
from __future__ import annotations

import pandas as pd

from tests.test_semantics import _row

XINGTAI_LIKE = {"region_code": "130500", "region_name": "邢台市", "region_name_en": "Xingtai",
                "region_level": "prefecture", "province_code": "130000", "region_as_written": "邢台"}


def _report(rows, code):
    from swtoolkit import regions
    from swtoolkit.reports.content import RegionReport

    report = RegionReport(regions.get(code), pd.DataFrame(rows), results=None, draw_charts=False)
    for key in report.section_keys:
        report.show(key)
    return report


def _findings(report) -> list[str]:
    return [c.text for c in report.claims if c.block == "findings"]


def test_the_title_pages_basis_is_the_finding_when_there_is_no_headline_level():
    coverage = _row("S001-990001", 100, "2022-08-16", indicator="township_station_coverage", family="coverage",
                    kind="ratio", unit="percent", unit_as_written="", value_as_written="全覆盖",
                    ref_date_precision="day", **XINGTAI_LIKE)
    found = _findings(_report([coverage], "130500"))
    assert len(found) == 1 and "本报告不陈述" not in found[0], found
    assert "覆盖率为100%" in found[0] and "coverage was 100%" in found[0]


def _check_module():
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "check_report_text", Path(__file__).resolve().parents[1] / "scripts" / "check_report_text.py")
    check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check)
    return check


def _lincang_like() -> list[dict]:
    """82 stations dated by one statement and restated undated at offset 500, where 349 staff are given, undated."""
    stations = _row("S003-990100", 82, "2022-07-31", basis="document", indicator="township_stations",
                    family="stations", unit="stations", unit_as_written="个", value_as_written="82个", locator="100")
    again = _row("S003-990500", 82, "2022-07-31", basis="undated", indicator="township_stations", unit="stations",
                 value_as_written="82个", same_fact_as="S003-990100", locator="500")
    staff = _row("S003-990515", 349, "2022-07-31", basis="undated", indicator="station_staff",
                 value_as_written="349名", locator="515", unit_as_written="名")
    return [staff, again, stations]


def test_a_date_cell_gives_the_date_and_the_beside_provenance_is_a_bilingual_note():
    """E12-2: '日期未注明（见于…的文件）；原文中该数紧接…给出，该处同样未注明日期…' in a date cell narrated curation
    in Chinese only; the cell says the date, the note under the table says where the figure sits, in both
    languages."""
    import re

    report = _report(_lincang_like(), "530100")
    html = report.data_appendix().body + (report.key_figures().body if report.kind == "brief" else "")
    cells = re.findall(r"<td class=['\"][^'\"]*date[^'\"]*['\"]>(.*?)</td>", html)
    assert cells and not any("紧接" in c or "该处" in c for c in cells), cells
    assert "紧接" in html and "right beside" in html  # the provenance is still said, once, in both languages


def test_the_build_check_flags_a_date_cell_that_narrates_curation(tmp_path):
    page = tmp_path / "999999_x.html"
    page.write_text(
        "<h1>某地报告</h1><p class='subtitle'>X: a report</p>"
        "<figure><figcaption>表 5 Table 5 某地全部数据 Every figure</figcaption><table><thead><tr>"
        "<th>编号 Figure</th><th>日期 Date</th></tr></thead><tbody><tr><td>S003-001865</td>"
        "<td>日期未注明（见于约2022年7月的文件）；原文中该数紧接社工站独立场所比例95%给出，该处同样未注明日期</td></tr>"
        "<tr><td>S003-001866</td><td>截至2021年底；与WN026-02为同一数字，按其注明的日期为截至2021年底</td></tr>"
        "</tbody></table></figure>", encoding="utf-8")
    found = [p for p in _check_module().problems(page) if ": datecell:" in p]
    assert len(found) == 1 and "S003" not in found[0].split("datecell:")[0], found


def test_an_undated_level_is_stated_first_and_said_undated_after_it():
    """E12-3: '日期未注明（见于2026年3月的文件），四川省…超过13万名' opened a sentence with a phrase that is no date;
    the fact comes first and the missing date is said after it, in the same brackets style as any other note."""
    from swtoolkit.reports import phrasing

    row = _row("S003-990600", 349, "2022-07-31", basis="undated", indicator="station_staff",
               value_as_written="349名", unit_as_written="名")
    zh, en = phrasing.level_sentence("某市", "X", row)
    assert zh.startswith("某市") and "（原文未注明日期；文件日期" in zh and not zh.startswith("日期未注明"), zh
    assert en.startswith("X had 349 station staff") and "undated" in en  # a verb (fresh editor, item 6)
    page = _check_page(f"<ul><li>{phrasing.figure_date(row)}，某市社工站工作人员为349名。</li><li>{zh}</li></ul>")
    found = [p for p in _check_module().problems(page) if ": opener:" in p]
    assert len(found) == 1, found


def _check_page(body: str):
    import tempfile
    from pathlib import Path

    page = Path(tempfile.mkdtemp()) / "999999_x.html"
    page.write_text("<h1>某地报告</h1><p class='subtitle'>X: a report</p>" + body, encoding="utf-8")
    return page


def test_a_references_english_description_is_marked_as_ours_whatever_the_title_status():
    """E12-4: '原题名未记录 original title not recorded “Ministry … bulletin”' and '《题》 “An English gloss”' read as
    if the quotation were the title or its translation; it is the curators' description and says so."""
    from swtoolkit import provenance

    for status, zh in (("original", "某题"), ("parts", "《甲》《乙》"), ("untitled", ""), ("not_recorded", "")):
        src = pd.Series({"title": "A meeting", "title_zh": zh, "title_status": status})
        words = provenance.title_words(src)
        assert f"{provenance.DESCRIPTION_MARK}: “A meeting”" in words, words
    page = _check_page("<p>[WN001] 民政部，原题名未记录 original title not recorded “Ministry bulletin”，2016-07-12</p>"
                       f"<p>[WN002] 民政部，{provenance.title_words(src)}，2016-07-12</p>")
    found = [p for p in _check_module().problems(page) if ": title:" in p]
    assert len(found) == 1 and "WN001" in found[0], found


def test_a_level_a_growth_finding_ends_on_is_not_stated_again():
    """E12-5: '上海市持证社会工作者由2017年底的16912人增至2020年11月的30928人…' and then '截至文件日期（2020年11月），
    上海市持证社会工作者为30928人' said one fact twice in four lines; the growth finding states it, once."""
    from swtoolkit import regions
    from swtoolkit.models import fit_all
    from swtoolkit.reports.content import RegionReport

    rows = [_row("S003-990701", 16912, "2017-12-31", ref_date_precision="year", value_as_written="16912人"),
            _row("S003-990702", 30928, "2020-11-06", ref_date_precision="day", value_as_written="30928人")]
    frame = pd.DataFrame(rows)
    report = RegionReport(regions.get("530100"), frame, results=fit_all(frame), draw_charts=False)
    printed = report.key_findings().body
    assert "增至" in printed and printed.count("30928") == 1 and printed.count("30,928") == 1, printed


def test_every_decision_the_report_builder_records_is_worded_for_the_audit_page():
    """E12-6: the audit page printed '另一项审核规则（英文原文见 audit.csv 的 gates 列）' for rules the report builder
    records (the title page's basis as a finding, an undated statement left unrelated, a proposal): a Chinese
    reader could not tell why. Every literal decision recorded in reports/content.py is worded."""
    import re
    from pathlib import Path

    from swtoolkit.reports import content, phrasing

    source = Path(content.__file__).read_text(encoding="utf-8")
    literals = set(re.findall(r'gate = \(?"([a-z][^"{]+)"', source))
    literals |= set(re.findall(r'\], *\n? *"([a-z][^"{]{20,})"\)', source))  # _claim(…, [ids], "a decision")
    literals |= {"the title page's data-as-of figure, later than every headline level: the findings never describe "
                 "the region at an older date than the title page without it",
                 "an undated statement whose relation to the others the source does not state: neither one figure "
                 "with them nor compared",
                 "an undated total smaller than the dated parts together is not the latest: said once, in this "
                 "sentence, and no finding of its own", "a proposal: adoption not stated, no gap computed"}
    assert len(literals) > 6, literals
    for text in literals:
        zh, en = phrasing.gate_words(text)
        assert "另一项审核规则" not in zh, text


def test_a_basis_standing_alone_names_a_refused_headline_level_that_may_be_newer():
    """E12-1 (with R10a-2): Guangdong's 2011 cumulative passes became its only finding while an English 'over
    60,000' certified workers of end-2017 was refused; the finding says the refused figure may be newer."""
    from tests.test_referee8_text import row
    from tests.test_referee10a_refused import english, report

    passes = row("S900-000080", "440000", "exam_passes_cumulative", 6450, "2011-12-31", kind="cumulative")
    rep = report([passes], [english("S900-000081", "440000", "certified_social_workers", "over 60,000")],
                 region="440000")
    found = rep.key_findings().body
    assert "本报告不陈述" not in found and "6450" in found and "over 60,000" in found, found


def test_a_sub_region_chart_caption_dates_each_language_in_its_own_style(tmp_path):
    """E12-7: '各省份持证社会工作者 Certified social workers by province (2022-12 to 2023-06)' gave the Chinese half
    no date and both an ISO month; each half now says its dates in its own style."""
    from swtoolkit import regions
    from swtoolkit.reports.content import RegionReport

    rows = [_row(f"S003-99080{i}", v, "2022-06-30", region_code=c, indicator="township_stations", unit="stations",
                 unit_as_written="个", family="stations", value_as_written=f"{v}个")
            for i, (c, v) in enumerate((("530100", 140), ("530300", 137), ("530400", 75)), start=1)]
    report = RegionReport(regions.get("530000"), pd.DataFrame(rows), draw_charts=False)
    report.subregion_table(indicators=["township_stations"], ratios=[])
    captions = [c.text for c in report.claims if c.kind == "chart"]
    assert captions and all("（2022年6月）" in c and "(June 2022)" in c for c in captions), captions
    page = _check_page("<figure><figcaption>图 1 Figure 1 各省份持证社会工作者 Certified social workers by province "
                       f"(2022-12 to 2023-06)</figcaption></figure><figure><figcaption>{captions[0]}</figcaption>"
                       "</figure>")
    found = [p for p in _check_module().problems(page) if ": caption:" in p]
    assert len(found) == 1 and "2022-12" in found[0], found


def test_one_document_is_never_counted_as_the_1_document():
    """E12-8: 'Sources: the 1 document listed above' / '上列1份文件' under the data appendix of a one-source report."""
    more = [_row(f"S003-99090{i}", 10 + i, "2022-06-30", indicator=k, value_as_written=f"{10 + i}人")
            for i, k in enumerate(("sw_talent_total", "sw_practitioners", "station_staff_certified"))]
    report = _report(_lincang_like() + more, "530100")
    assert report.kind != "brief"
    html = report.data_appendix().body
    assert "the 1 document" not in html and "上列1份" not in html and "the document listed above" in html, html[-400:]
    page = _check_page("<p>资料来源：上列1份文件（资料来源列表）。 Sources: the 1 document listed above.</p>")
    assert [p for p in _check_module().problems(page) if ": number:" in p]
