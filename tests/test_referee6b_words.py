"""Referee 6b, the reports' words (R6b-2, -3, -4, -5, -6, -9, -11, -14).

Small synthetic rows; each test fails if its kind of fault came back:
- a refusal is said in Chinese and English with the same content, never "see the English", and its reason is the
  true one (no count at all vs no population figure);
- a model refusal is a sentence in both languages that names the indicator by its label and the figure by its value
  as written: no gate rule text ("refused:", "fallback:", "cagr"), no figure ids, no codes;
- a running total (kind cumulative) of an indicator whose codebook measure is a flow is judged as cumulative: one
  point is refused for too few points, never as "a flow"; two statements linked to each other are one fact;
- the build publishes the audit list the reports refer to, and the index links it;
- a full report never lacks key findings (it says why none can be stated), and the data-as-of never rests on a count
  of one certificate level;
- public text names indicators and scopes by their labels, never by their codes.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from swtoolkit import regions
from swtoolkit.codebook import codebook, scopes
from swtoolkit.models import comparability as cmp
from swtoolkit.models import fit_all
from swtoolkit.models.gatekeeper import decide
from swtoolkit.models.national import national_context
from swtoolkit.models.series import from_frame
from swtoolkit.reports import phrasing
from swtoolkit.reports.content import RegionReport, definitions_table
from tests.test_semantics import _row

CODE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
GATE_TEXT = ("refused:", "fallback:", "cagr", "set aside", "restates", "Not used", "未使用 Not used")
ID = re.compile(r"\b[A-Z][A-Z0-9]*\d-\d+\b")


def _han(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text))


def _clean_words(zh: str, en: str) -> None:
    """Both languages said, neither carrying rule text, ids or codes; the Chinese sentence never defers to the
    English one."""
    assert _han(zh) and not _han(en), (zh, en)
    for text in (zh, en):
        assert not any(g in text for g in GATE_TEXT), text
        assert not ID.search(text), text
        assert not CODE.search(text), text
    assert "英文" not in zh and not re.search(r"[A-Za-z]{4,}", zh.replace("audit.html", "").replace("audit.csv", ""))


# ---- R6b-2: the national comparison's refusal, in both languages and the true reason -----------------------------

def _prefecture(fid, indicator, value, **kw):
    return _row(fid, value, indicator=indicator, **kw)


@pytest.mark.parametrize("rows,key,zh_word", [
    ([], "no_count", "没有有日期的全境持证社会工作者人数"),
    ([_prefecture("S900-000001", "certified_social_workers", 3393)], "no_population", "没有常住人口数字"),
    ([_prefecture("S900-000001", "certified_social_workers", 3393),
      _prefecture("S900-000002", "population", 8_600_000, basis="undated", unit="persons")],
     "undated_population", "未注明日期"),
])
def test_a_density_refusal_is_said_in_both_languages_with_its_true_reason(rows, key, zh_word):
    other = _row("S900-000009", 12, indicator="sw_talent_honours", unit="persons")  # the region has some data
    density, _ = national_context(pd.DataFrame([*rows, other]), "530100")
    assert not density.allowed and density.province["refused"] == key
    zh, en = phrasing.national_context_sentence(density, "昆明市", "Kunming")
    assert zh_word in zh and "英文" not in zh and "原因见" not in zh
    assert zh.startswith("昆明市每万名常住人口持证社会工作者未与全国比较：") and "not compared" in en
    if key == "no_count":  # nothing to divide: never blamed on the population
        assert "人口数字" not in zh and "population figure" not in en


def test_every_density_refusal_key_has_words_in_both_languages():
    for key, (zh, en) in phrasing.DENSITY_REFUSALS.items():
        assert _han(zh) and en and not _han(en), key
    zh, en = phrasing.density_refusal_words({"refused": "national_far", "apart_days": 400})
    assert "400天" in zh and "400 days" in en


# ---- R6b-3, -9, -11: model refusals as sentences; cumulative is not a flow; circular links ------------------------

def test_a_running_total_of_a_flow_indicator_is_refused_for_one_point_not_as_a_flow():
    assert codebook().loc["volunteer_projects", "measure"] == "flow"  # the premise of the test
    one = pd.DataFrame([_row("S900-000001", 114_000, indicator="volunteer_projects", kind="cumulative",
                             unit="projects", unit_as_written="个")])
    series = from_frame(one)
    assert series.measure == "cumulative"
    d = decide(series, "cagr")
    assert not d.allowed and "flow" not in d.rule and "points" in d.rule
    # a real flow is still refused as one
    flow = from_frame(one.assign(kind="actual"))
    assert "flow" in decide(flow, "cagr").rule


def test_two_statements_linked_to_each_other_are_one_fact_not_none():
    a = _row("S900-000001", 408, indicator="exam_registrants", same_fact_as="S900-000002")
    b = _row("S900-000002", 408, indicator="exam_registrants", same_fact_as="S900-000001")
    assert [r["figure_id"] for r in cmp.distinct_facts([a, b])] == ["S900-000001"]
    kept, notes = cmp.series_points([a, b])
    assert len(kept) == 1 and len(notes) == 1  # one point; one statement restating it, never each other


REASONS = [
    ("refused: cagr applies to stocks and cumulative counts, not a flow (an amount in a period) (Exam registrants); "
     "fallback: level", ["exam_registrants"], "期间量"),
    ("refused: no dated figure of this definition (S900-000001 (12名) set aside: undated (it lies somewhere before "
     "its document's date)); fallback: level listed as written", ["supervisors"], "未注明日期"),
    ("refused: no dated figure of this definition (S900-000001 (408人) restates S900-000002: one fact, one point "
     "(the narrower value is used at the better-dated statement's date)); fallback: level listed as written",
     ["exam_registrants"], "重述"),
    ("refused: no dated level of this definition and scope to measure the target against; fallback: target listed "
     "as text", ["funding_total"], "目标"),
    ("refused: target due 2015-12-31, long before the latest figure (2022-12-31), and no figure within six months "
     "of its deadline: whether it was met on time is not known; fallback: the target and the later figures listed "
     "as written", ["certified_social_workers"], "2015年底"),
    ("refused: a figure with an open end (S900-000001: only one bound is known) has no central value; a fit through "
     "it would invent one; fallback: one-sided CAGR between the first and last points", ["certified_social_workers"],
     "单侧"),
    ("refused: S900-000001 (1名) is a proposal, not an adopted norm; fallback: norm listed as text",
     ["norm_staff_per_station"], "建议"),
    ("refused: S900-000001 (至少 2 名) is one place's practice, not a norm; fallback: norm listed as text",
     ["norm_staff_per_station"], "实际做法"),
    ("refused: definition scopes differ: the plain definition vs “private only” (S900-000001 (393家), S900-000002 "
     "(1000家)); fallback: target listed as text", ["sw_organisations"], "口径"),
    ("refused: the scenario ends 2025-04-30, on or before the edition (2026-11-30): a projection does not stand in "
     "for a figure the sources could have given; fallback: the growth rate and the latest figure as written",
     ["certified_social_workers"], "2025年4月"),
    ("refused: logistic with K = 100% needs ≥ 2 points strictly between 0% and 100% (an observed 100% is "
     "saturation, not a point to fit); fallback: level; saturation noted", ["township_station_coverage"], "饱和"),
    ("refused: logistic with K = 100% needs ≥ 2 points strictly between 0% and 100% (only 1 below 100%; none at "
     "100%); fallback: coverage levels listed", ["township_station_coverage"], "都低于100%"),
    ("refused: something no rule of the reports knows; fallback: level", ["certified_social_workers"], "审核清单"),
]


@pytest.mark.parametrize("values,saturated", [([86.6], False), ([50.0, 100.0], True), ([40.0], False)])
def test_the_logistic_refusal_says_saturation_only_when_a_figure_reached_100(values, saturated):
    """Referee 8a-2: one coverage figure below 100% was said to have 'reached 100% (saturation)'."""
    from swtoolkit.models import decide, from_frame
    frame = pd.DataFrame({"indicator": "township_station_coverage", "unit": "percent", "kind": "actual",
                          "ref_date": pd.to_datetime([f"{2020 + i}-06-30" for i in range(len(values))]),
                          "value": values, "region_code": "210000"})
    d = decide(from_frame(frame), "logistic")
    assert not d.allowed
    zh, en = phrasing.model_refusal_words(f"refused: {d.reason}; fallback: {d.fallback}",
                                          ["township_station_coverage"], {}, "logistic")
    assert ("已达到100%" in zh) is saturated and ("has reached 100%" in en) is saturated
    assert ("saturation" in (d.fallback or "")) is saturated


@pytest.mark.parametrize("reason,indicators,zh_word", REASONS)
def test_a_model_refusal_is_a_sentence_in_both_languages(reason, indicators, zh_word):
    figures = {"S900-000001": _row("S900-000001", 12, indicator=indicators[0]),
               "S900-000002": _row("S900-000002", 13, indicator=indicators[0])}
    zh, en = phrasing.model_refusal_words(reason, indicators, figures, "cagr")
    assert zh_word in zh
    _clean_words(zh, en)
    assert phrasing.indicator_name(indicators[0]) in zh
    name_en = phrasing.indicator_name(indicators[0], "en")
    assert name_en.lower() in en.lower()
    if ID.search(reason) and "open end" not in reason:  # the figure is named by its value as written
        assert "12" in zh and "12" in en


@pytest.mark.parametrize("reason", [
    "refused: β-convergence needs ≥ 15 regions with two points of one definition; fallback: unpooled CAGRs per region",
    "refused: population-weighted gini needs ≥ 10 provinces with a density in one year; fallback: densities listed",
    "refused: σ-convergence compares rates or per-capita measures, not raw counts of regions of different sizes; "
    "fallback: levels listed"])
def test_a_cross_region_refusal_is_a_sentence_in_both_languages(reason):
    model = "beta" if "β" in reason else "gini" if "gini" in reason else "sigma"
    zh, en = phrasing.model_refusal_words(reason, [], {}, model)
    _clean_words(zh, en)
    assert phrasing._model_words(model)[0] in zh


def _kunming_report(rows):
    clean = pd.DataFrame(rows)
    return RegionReport(regions.resolve("530100"), clean, results=fit_all(clean), draw_charts=False)


def test_a_report_s_limitations_say_refusals_in_words_not_rules():
    rows = [_row("S900-000001", 3393, "2022-06-30"),
            _row("S900-000002", 12, "2022-07-31", basis="undated", indicator="supervisors", unit_as_written="名",
                 value_as_written="12名"),
            _row("S900-000003", 114_000, indicator="volunteer_projects", kind="cumulative", unit="projects",
                 unit_as_written="个", value_as_written="11.4万个")]
    said = _kunming_report(rows).limitations().body
    assert "未注明日期" in said and "12名" in said
    for word in ("refused:", "fallback", "cagr", "S900-", "未使用 Not used", "not a flow"):
        assert word not in said, word
    assert "志愿服务项目是期间量" not in said  # the running total is not called a flow


# ---- R6b-4: the audit the reports refer to is published ------------------------------------------------------------

def test_the_build_audit_lists_the_published_reports_and_audits_only_what_changed(tmp_path, monkeypatch):
    from swtoolkit.reports import audit

    calls = []

    def claims(code, clean, results, checks=None):
        calls.append(code)
        return pd.DataFrame([[code, "limits", "refusal", "t", "", "g"]], columns=audit.COLUMNS)

    monkeypatch.setattr(audit, "report_claims", claims)
    monkeypatch.setattr("swtoolkit.reports.inputs.read_checks", lambda *a, **k: pd.DataFrame())
    results = pd.DataFrame({"region_code": ["530100"]})
    first = audit.write_build_audit(tmp_path, pd.DataFrame(), results, {"530100": "k1", "530600": "k1"})
    assert first["status"] == "ok" and calls == ["530100", "530600"]
    table = pd.read_csv(tmp_path / "audit.csv", dtype=str)
    assert list(table["report"]) == ["530100", "530600"] and (tmp_path / "audit.html").is_file()
    again = audit.write_build_audit(tmp_path, pd.DataFrame(), results, {"530100": "k1", "530600": "k2"}, first)
    assert calls == ["530100", "530600", "530600"]  # only the report built again is audited again
    assert list(pd.read_csv(tmp_path / "audit.csv", dtype=str)["report"]) == ["530100", "530600"]
    (tmp_path / "audit" / "530100.csv").unlink()
    audit.write_build_audit(tmp_path, pd.DataFrame(), results, {"530100": "k1", "530600": "k2"}, again)
    assert calls[-1] == "530100"  # a missing part is audited again
    assert audit.write_build_audit(tmp_path, pd.DataFrame(), None, {"530100": "k1"})["status"] == "skipped"


def test_the_build_records_its_audit_and_the_index_links_it(tmp_path, fake_build, monkeypatch):
    from swtoolkit.reports import batch

    seen = []

    def write(out, clean, results, reports, previous=None, recorded=frozenset()):
        seen.append(dict(reports))
        (out / "audit.html").write_text("<html></html>", encoding="utf-8")
        return {"status": "ok", "outputs": {}, "parts": dict(reports)}

    monkeypatch.setattr(batch, "write_audit", write)
    batch.build_all(regions=["530000"], formats=("html",), jobs=1, progress=False, out=tmp_path / "r")
    manifest = batch._read_manifest(tmp_path / "r", warn=False)
    assert manifest["audit"]["status"] == "ok" and list(seen[0]) == ["530000"]  # the published reports
    assert 'href="audit.html"' in (tmp_path / "r" / "index.html").read_text(encoding="utf-8")


def test_the_too_few_line_names_the_published_audit():
    rows = [_row("S900-000001", 3393, "2022-06-30")]
    said = _kunming_report(rows).limitations().body
    assert "audit.html" in said and "与报告一同发布" in said and "published with the reports" in said


# ---- R6b-6: findings never missing; data-as-of never on one certificate level ------------------------------------

def test_a_full_report_without_headline_figures_says_why_it_has_no_findings():
    rows = [_row("S900-000001", 1, basis="document", indicator="certified_senior", value_as_written="1名"),
            _row("S900-000002", 1, basis="document", indicator="sw_talent_honours", value_as_written="1名")]
    report = _kunming_report(rows)
    body = report.key_findings().body
    assert "本报告不陈述昆明市的主要发现" in body and "No key finding is stated for Kunming" in body
    assert "key_findings" in report.section_keys or report.kind == "brief"
    assert "高级社会工作师" not in report.as_of and "没有任何注明日期的" in report.as_of


def test_a_certificate_level_never_sets_the_data_as_of_beside_a_whole_count():
    rows = [_row("S900-000001", 3393, "2021-12-31"),
            _row("S900-000002", 1, "2022-07-31", basis="document", indicator="certified_senior")]
    report = _kunming_report(rows)
    assert "2021" in report.as_of and "持证社会工作者" in report.as_of and "高级" not in report.as_of


# ---- R6b-14: labels, never codes --------------------------------------------------------------------------------

def test_definitions_name_indicators_and_scopes_by_label_never_code():
    body = definitions_table(None, None, "t").body
    keys = set(codebook().index) | set(scopes().index)
    found = {w for w in CODE.findall(re.sub(r"<[^>]+>", " ", body)) if w in keys}
    assert not found, found
    assert phrasing.public_words("a scope of its own (sw_posted)") != "a scope of its own (sw_posted)"
    assert phrasing.public_words("snake_case_word") == "snake_case_word"  # not a key: left alone


# ---- the same kind in league tables: a sub-region left out is told why in both languages -------------------------

def _pair(code: str, staff: float, stations: float, scope: str = "") -> list[dict]:
    # a real source id: the tables' source notes name it
    return [_row(f"S003-99{code[2:4]}01", staff, region_code=code, indicator="station_staff",
                 family="station_staff", scope=scope, source_id="S003"),
            _row(f"S003-99{code[2:4]}02", stations, region_code=code, indicator="township_stations",
                 family="township_stations", unit="stations", unit_as_written="个", source_id="S003")]


def test_a_sub_region_left_out_of_a_league_table_is_told_why_in_both_languages():
    rows = _pair("530700", 317, 66) + _pair("530900", 349, 82, scope="sw_posted") + _pair("533100", 372, 56)
    report = RegionReport(regions.resolve("530000"), pd.DataFrame(rows), results=None, draw_charts=False)
    body = report.subregion_table().body
    line = next(li for li in re.findall(r"<li>(.*?)</li>", body) if li.startswith("临沧"))
    assert "驻站社会工作者" in line and "Lincang" in line
    for word in ("differs from the compared regions'", "S003-", "sw_posted", "definition numerator"):
        assert word not in line, word


@pytest.mark.parametrize("code", ["zero_denominator", "undated", "apart", "open_end", "units", "scope", "window",
                                  "part_only", "no_whole", "lone"])
def test_every_league_exclusion_key_is_said_in_both_languages(code):
    rows = [_row("S900-000001", 12, scope="sw_posted")]
    zh, en = phrasing.league_refusal_words(code, rows, ["some named part"], "4.80")
    _clean_words(zh, en)
