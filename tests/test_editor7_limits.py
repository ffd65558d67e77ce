"""Editor 7: refusal and limitation lines, and the published audit list, in a reader's words.

E7-1 the audit list words every gate decision and refusal (both languages) through phrasing, one place; E7-12 the
reason a growth rate is unbounded is the one that holds for its figures; E7-16 no "ranked regions" when nothing is
ranked; E7-20 one threshold per measure, from one constant; E7-3/E7-19 a 'not compared' line lists each figure once,
a fact stated twice is one figure, brackets at most two deep. Built from small synthetic inputs, then checked against
every reason the models give on the bundled data.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import numpy as np
import pandas as pd
import pytest

from swtoolkit.models import decide, decide_all, decide_beta, decide_mixed, from_frame
from swtoolkit.models.comparability import MIN_PROVINCES_WEIGHTED, MIN_REGIONS_INEQUALITY, variation_gate
from swtoolkit.models.gatekeeper import growth_side
from swtoolkit.models.results import Context
from swtoolkit.models.series import SeriesData
from swtoolkit.reports import phrasing

#: English machine text in a Chinese sentence: two Latin words in a row, a snake_case key, or the gate's verbs.
MACHINE = re.compile(r"[A-Za-z]{2,}[ _-][A-Za-z]{2,}|\b[a-z]+_[a-z_]+\b|refused|fallback|≥")
#: What a Chinese sentence may carry in Latin letters: file names, figure ids and model abbreviations.
ALLOWED = re.compile(r"audit\.(?:html|csv)|data/(?:clean/)?checks\.csv|\b[A-Z][A-Z0-9]*\d-\d+\b|Durbin–Watson")
GENERIC = "原因逐条见"


def machine_text(zh: str) -> list[str]:
    return MACHINE.findall(ALLOWED.sub("", zh))


def depth(text: str) -> int:
    """Deepest nesting of round brackets (Chinese or ASCII)."""
    level = deepest = 0
    for ch in text:
        if ch in "（(":
            level += 1
            deepest = max(deepest, level)
        elif ch in "）)":
            level -= 1
    return deepest


def series(lows, highs, ids, years=(2014, 2022), indicator: str = "sw_posts") -> SeriesData:
    mids = [lo if math.isfinite(lo) else hi for lo, hi in zip(lows, highs, strict=True)]
    return SeriesData(Context(indicator=indicator), [dt.date(y, 12, 31) for y in years], np.array(lows, float),
                      np.array(mids, float), np.array(highs, float), ["more_than"] * len(ids), ["day"] * len(ids),
                      [[i] for i in ids])


def figure(fid: str, value: float, written: str, qualifier: str = "exact", kind: str = "actual", scope: str = "",
           ref_date: str = "2022-12-31", basis: str = "stated", same: str = "", unit: str = "persons",
           high: float = math.nan) -> dict:
    return {"figure_id": fid, "value": value, "value_low": value, "value_high": value if math.isnan(high) else high,
            "value_as_written": written, "qualifier": qualifier, "unit": unit, "unit_as_written": "",
            "kind": kind, "scope": scope, "ref_date": ref_date, "ref_date_precision": "day", "date_basis": basis,
            "same_fact_as": same, "indicator": "sw_talent_total", "date_as_written": "", "source_id": fid[:5],
            "date_flag": "", "period_start": "", "date_estimated": "False", "ref_date_low": ref_date,
            "ref_date_high": ref_date}


# ---- E7-12: the reason a growth rate is unbounded holds for its figures -------------------------------------------
def test_two_lower_bounds_are_not_called_opposite_sides():
    both_low = series([440000, 440000], [math.inf, math.inf], ["P-1", "P-2"])
    side, why = growth_side(both_low)
    assert side == "none" and "both give only a lower bound" in why and "opposite" not in why
    figs = {"P-1": figure("P-1", 440000, "超过44万个", "more_than", unit="units", high=math.inf),
            "P-2": figure("P-2", 440000, "超過44萬個", "more_than", unit="units", high=math.inf)}
    zh, en = phrasing.model_refusal_words(decide(both_low, "cagr").reason, ["sw_posts"], figs, "cagr")
    assert "都只给出下限" in zh and "一个只有上限" not in zh and "lower bound" in en and "upper" not in en
    assert depth(zh) <= 2 and not machine_text(zh)
    both_high = series([-math.inf, -math.inf], [100, 200], ["P-1", "P-2"])
    assert "both give only an upper bound" in growth_side(both_high)[1]
    zh, _ = phrasing.model_refusal_words(decide(both_high, "cagr").reason, ["sw_posts"], {}, "cagr")
    assert "都只给出上限" in zh


def test_a_one_sided_rate_is_promised_only_where_it_is_given():
    """The open-end line says 'only a one-sided rate' only when the growth gate gives one; else 'listed'."""
    unbounded = series([440000, 440000], [math.inf, math.inf], ["P-1", "P-2"])
    refused = decide(unbounded, "ets")
    assert not refused.allowed and refused.fallback == "level as written" and not decide(unbounded, "cagr").allowed
    zh, _ = phrasing.model_refusal_words(refused.reason, ["sw_posts"], {}, "ets")
    assert "单侧增长率" not in zh and "按原文列出" in zh
    assert "CAGR" not in decide(unbounded, "loglinear").fallback  # no fallback that is itself refused
    one_sided = series([110000, 440000], [120000, math.inf], ["P-1", "P-2"])
    assert growth_side(one_sided)[0] == "at_least" and decide(one_sided, "cagr").allowed
    zh, _ = phrasing.model_refusal_words(decide(one_sided, "ets").reason, ["sw_posts"], {}, "ets")
    assert "单侧增长率" in zh


# ---- E7-16: no ranked regions to differ from when nothing is ranked ----------------------------------------------
@pytest.mark.parametrize("code", ["units", "scope", "window"])
def test_exclusions_without_a_league_table_name_no_ranked_regions(code):
    rows = [figure("R-1", 12, "12人", scope="part_time")]
    zh, en = phrasing.league_refusal_words(code, rows, ranked=False)
    assert "排名的地区" not in zh and "ranked regions" not in en and "其他地区" in zh
    zh, en = phrasing.league_refusal_words(code, rows)  # with a league table the ranked regions exist
    assert "参与排名的地区" in zh


# ---- E7-20: one threshold per measure, from one constant ---------------------------------------------------------
def test_each_inequality_measure_has_one_threshold_from_its_constant():
    from swtoolkit.models import density

    assert density.MIN_PROVINCES == MIN_PROVINCES_WEIGHTED
    plain = {m: phrasing.model_refusal_words(variation_gate([1.0, 2.0], m).reason, [], {}, m)[0]
             for m in ("gini", "theil")}
    weighted = {m: phrasing.model_refusal_words(
        f"refused: population-weighted {m} needs ≥ {MIN_PROVINCES_WEIGHTED} provinces with a density in one year "
        "(most in one year: 6, 2022); fallback: densities listed", [], {}, m)[0] for m in ("gini", "theil")}
    for m in ("gini", "theil"):
        assert f"至少需要{MIN_REGIONS_INEQUALITY}个" in plain[m] and "加权" not in plain[m]
        assert weighted[m].startswith("按人口加权的") and f"至少需要{MIN_PROVINCES_WEIGHTED}个省份" in weighted[m]
    # the two measures are named apart, so a list never gives one name two thresholds
    assert plain["gini"].split("至少")[0] != weighted["gini"].split("至少")[0]


def test_the_methods_state_both_thresholds():
    from swtoolkit.reports.content import methods_items

    text = " ".join(methods_items(dt.date(2026, 11, 30)))
    assert f"至少{MIN_REGIONS_INEQUALITY}个地区" in text and f"至少{MIN_PROVINCES_WEIGHTED}个省份" in text
    assert "按人口加权的基尼系数" in text


# ---- E7-3 / E7-19: a 'not compared' line lists each figure once ---------------------------------------------------
def test_not_compared_lists_each_figure_once_with_shallow_brackets():
    figs = {"WX001-01": figure("WX001-01", 44000, "4.4", "rounded", scope="plan_review_table",
                               ref_date="2010-12-31"),
            "WX001-02": figure("WX001-02", 2_000_000, "200万人", kind="target", scope="",
                               ref_date="2015-12-31"),
            "WX001-03": figure("WX001-03", 3_000_000, "300万人", kind="target", scope="",
                               ref_date="2020-12-31")}
    reasons = [f"refused: definition scopes differ: “a” vs “b” (WX001-01 (4.4), {t}); fallback: target listed as text"
               for t in ("WX001-02 (200万人)", "WX001-03 (300万人)")]
    zh, en = phrasing.not_compared_words(reasons, ["sw_talent_total"], figs)
    assert zh.count("4.4万") == 1 and "200万" in zh and "300万" in zh and zh.count("目标") == 2
    assert depth(zh) <= 2 and depth(en) <= 2 and not machine_text(zh)
    assert "口径：规划回顾表口径" not in zh and not re.search(r"口径：[^；）]*口径）", zh)


def test_an_undated_figure_of_a_bracketed_scope_keeps_brackets_shallow():
    figs = {"SX003-01": figure("SX003-01", 1581, "1581人", basis="undated", scope="incl_village_assistants"),
            "SX003-02": figure("SX003-02", 75, "75个", basis="undated", scope="township_level", unit="stations")}
    for fid in figs:
        reason = (f"refused: no dated figure of this definition ({fid} (x) set aside: undated (it lies somewhere "
                  "before its document's date)); fallback: level as written")
        zh, en = phrasing.model_refusal_words(reason, ["station_staff"], figs, "cagr")
        assert depth(zh) <= 2 and depth(en) <= 2, zh
        assert "口径为" in zh and "scope:" in en


def test_scope_labels_read_as_definitions():
    from swtoolkit.codebook import scopes

    for key, row in scopes().iterrows():
        assert not str(row["name_zh"]).endswith("口径"), key  # '口径：…口径' says nothing
        assert depth(str(row["name_zh"])) <= 1 and depth(str(row["name_en"])) <= 1, key


@pytest.mark.parametrize("joined", [True, False])
def test_a_fact_stated_twice_is_one_figure(joined):
    """4.4万 (dated) and 44,080 (undated, the same statistic): never two figures that differ in definition."""
    figs = {"SX002-01": figure("SX002-01", 44000, "4.4 万人", "rounded", ref_date="2021-12-31"),
            "SX002-02": figure("SX002-02", 44080, "44080 人", basis="undated", ref_date="2022-06-30",
                               same="SX002-01"),
            "SX002-03": figure("SX002-03", 60000, "六万人", kind="target", scope="",
                               ref_date="2025-12-31")}
    tail = ", SX002-03 (六万人)); fallback: target listed as text"
    if joined:  # the gate names the merged fact
        reasons = ["refused: definition scopes differ: x (SX002-01;SX002-02 (44080 人)" + tail]
    else:  # two reasons, each naming one statement of the fact
        reasons = ["refused: definition scopes differ: x (SX002-01 (4.4 万人)" + tail,
                   "refused: definition scopes differ: x (SX002-02 (44080 人)" + tail]
    zh, _ = phrasing.not_compared_words(reasons, ["sw_talent_total"], figs)
    listed = zh.split("：", 1)[1].split("；")
    assert len(listed) == 2 and zh.count("6万") == 1  # the fact and the target, each once
    if joined:
        assert "44080人" in listed[0] and "另一处记载的约4.4万人是同一数字" in listed[0]
        assert "2021年" in listed[0] and "未注明日期" not in listed[0]  # the dated statement's date
    assert depth(zh) <= 2


# ---- E7-1: every reason the models give is worded, in Chinese, by the one function ------------------------------
def _synthetic_reasons() -> list[tuple[str, str]]:
    frames = [pd.DataFrame({"ref_date": [f"{2000 + i}-12-31" for i in range(n)],
                            "value": [1000.0 * 1.1 ** i for i in range(n)]}) for n in (1, 2, 3, 4, 6, 10, 15)]
    short = pd.DataFrame({"ref_date": ["2022-06-30", "2022-09-30"], "value": [10.0, 12.0]})
    odd = pd.DataFrame({"ref_date": ["2010-12-31", "2013-06-30", "2014-12-31", "2019-12-31"],
                        "value": [10.0, 12.0, 15.0, 30.0]})
    shares = pd.DataFrame({"ref_date": ["2019-12-31", "2020-12-31", "2021-12-31"], "value": [60.0, 100.0, 100.0],
                           "indicator": "township_station_coverage", "kind": "actual"})
    built = [from_frame(f) for f in [*frames, short, odd, shares]]
    built += [series([440000, 440000], [math.inf, math.inf], ["P-1", "P-2"]),
              series([110000, 440000], [120000, math.inf], ["P-1", "P-2"])]
    reasons = [(d.reason, name) for s in built for name, d in decide_all(s).items() if not d.allowed]
    reasons += [(decide_beta(3).reason, "beta"), (decide_mixed({"a": 3, "b": 1}).reason, "mixedlm")]
    reasons += [(variation_gate(v, m).reason, m) for v in ([1.0, 2.0], [5.0] * 6) for m in ("gini", "theil")]
    return list(dict.fromkeys(reasons))


def test_every_synthetic_refusal_is_worded_in_chinese():
    reasons = _synthetic_reasons()
    assert len(reasons) > 15
    for reason, model in reasons:
        zh, en = phrasing.model_refusal_words(reason, ["certified_social_workers"], {}, model)
        assert GENERIC not in zh, reason
        assert not machine_text(zh), (reason, zh)
        assert en and "refused:" not in en and "fallback:" not in en, reason
        gz, ge = phrasing.gate_words(reason)
        assert gz and not machine_text(gz) and GENERIC not in gz, reason


def test_every_fallback_is_worded():
    """Every fallback the models state (their source, read for the literal texts) has words."""
    from pathlib import Path

    from swtoolkit import models

    texts = set()
    for path in Path(models.__file__).parent.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        texts |= set(re.findall(r'fallback="([^"{\n]+)"', source))
        texts |= set(re.findall(r'fallback: ([^"{;\n]+)"', source))
        texts |= set(re.findall(r'Decision\([^()]*?, "([a-z][^"{]*)"\)', source))
    texts = {t.strip() for t in texts if t.strip() and not t.strip().endswith(("to", "listed", "the gap", "="))}
    assert len(texts) > 20
    for text in texts:
        assert phrasing.fallback_words(f"refused: x; fallback: {text}") != ("", ""), text
    for reason, _ in _synthetic_reasons():
        assert phrasing.fallback_words(reason) != ("", "") or "fallback:" not in reason, reason


def test_allowed_decisions_are_worded():
    for gates in ["as written", "as written and as cleaned", "latest figure (dated before undated)",
                  "compound annual growth, first to last point (days/365.25), one-sided",
                  "OLS ly ~ tc (log values, centred years), classical covariance; states one side of a recorded "
                  "disagreement (A-1 B-2): the sentence says so", "cleaner refused: A-1 A-2",
                  "the only sub-region with comparable figures (4.80): a league table needs at least two",
                  "dated 2021-06-30: more than six months from the compared regions' dates (2022-06-30 to "
                  "2022-12-31)", "its own figures are dated 2021-06-30 and 2022-12-31: more than six months apart",
                  "definition numerator “part-time only” differs from the compared regions' (the plain definition)",
                  "units differ: persons/stations vs the ranked regions' households/stations (numerator/denominator)",
                  "no region-wide latest figure: station staff (社工站工作人员) not divided as the region's figure",
                  "denominator is zero"]:
        zh, en = phrasing.gate_words(gates)
        assert "另一项审核规则" not in zh and not machine_text(zh), gates
        assert en and "排名的地区" not in zh and "ranked regions'" not in en


def test_the_audit_page_is_for_readers(tmp_path):
    from swtoolkit.reports import audit

    table = pd.DataFrame([["000000", "limits", "refusal", "社会工作专业岗位：… Posts: …", "",
                           "refused: HAC standard errors need ≥ 15 regular points; fallback: classical OLS t(n−2) "
                           "intervals"],
                          ["000000", "figures", "table_row", "持证社会工作者 certified social workers 151.6万", "W-1",
                           "as written"]], columns=audit.COLUMNS)
    audit.write_tables(tmp_path, table)
    page = (tmp_path / audit.AUDIT_HTML).read_text(encoding="utf-8")
    csv = pd.read_csv(tmp_path / audit.AUDIT_CSV, dtype=str, keep_default_na=False)
    assert list(csv.columns) == audit.TABLE_COLUMNS
    assert csv.loc[0, "gates"].startswith("refused:")  # the machine rule stays for reviewers
    assert "HAC稳健标准误至少需要15个" in csv.loc[0, "gates_zh"] and "refused" not in csv.loc[0, "gates_en"]
    assert "审核清单" in page and "Audit list" in page and "全国 China" in page
    assert "refused:" not in page and "fallback:" not in page and "局限 Limitations" in page


def test_every_reason_of_the_bundled_data_is_worded():
    """Every refusal the models give on the bundled data, and every decision behind two reports' claims."""
    from swtoolkit.models import fit_all
    from swtoolkit.reports import audit
    from swtoolkit.reports.inputs import load_clean

    clean = load_clean()
    results = fit_all(clean)
    figures = {str(r["figure_id"]): r for r in clean.to_dict("records")}
    refused = results[~results["allowed"].astype(bool)].drop_duplicates(["reason", "model", "indicator"])
    assert len(refused) > 50
    for row in refused.to_dict("records"):
        zh, en = phrasing.model_refusal_words(row["reason"], [row["indicator"]], figures, row["model"])
        assert GENERIC not in zh and not machine_text(zh), (row["reason"], zh)
        assert depth(zh) <= 2 and depth(en) <= 2, zh  # brackets at most two deep, in every kind of line
    for code in ("000000", "230000"):
        table = audit.with_words(audit.report_claims(code, clean, results), clean)
        for gates, zh in zip(table["gates"], table["gates_zh"], strict=True):
            assert "另一项审核规则" not in zh and GENERIC not in zh and not machine_text(zh), (gates, zh)
        claims = " ".join(table["text"])
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", claims)  # indicators by their labels, never their keys
        assert "refused:" not in claims and "fallback:" not in claims
        limits = table.loc[table["block"].eq("limits"), "text"]
        assert not limits.str.contains("一个只有下限、一个只有上限").any()


@pytest.mark.parametrize("n", [1, 2])
def test_refusal_sentences_agree_in_number(n):
    """Referee 8 (R8b-2 kind): 'the figure(s) … state' — one figure or several, the English agrees."""
    figs = {f"SX009-0{i}": figure(f"SX009-0{i}", 10 + i, f"{10 + i}人", basis="undated") for i in range(1, n + 1)}
    ids = " ".join(f"{fid} ({f['value_as_written']}) set aside: undated (it lies somewhere before its document's "
                   "date)" for fid, f in figs.items())
    reason = f"refused: no dated figure of this definition ({ids}); fallback: level as written"
    _, en = phrasing.model_refusal_words(reason, ["station_staff"], figs, "cagr")
    assert "figure(s)" not in en
    assert ("the figure (" in en and "states no date" in en) if n == 1 else ("the figures (" in en and
                                                                              "state no date" in en)
