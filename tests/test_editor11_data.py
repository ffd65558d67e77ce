"""Editor 11 E11-5/E11-6/E11-7 and referee 11 R11-6/R11-7/R11-11: plan dates, open-relation notes that agree with
the rows' kinds, one clause per indicator in the no-finding sentence, and Jilin's personnel total not labelled as
the professional-talent total. Built from small synthetic rows (tests.test_semantics._row), plus a check of the
curated data."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from swtoolkit.reports import content, phrasing
from tests.test_semantics import _row

ROOT = Path(__file__).resolve().parents[1]


def _plan(**kw) -> dict:
    base = dict(indicator="recruits", family="recruits", kind="plan", basis="document", date="2012-03-06",
                ref_date_precision="day", date_estimated=False, date_as_written="3月6日", unit_as_written="名")
    base.update(kw)
    return _row("S900-000010", 1861, **{k: v for k, v in base.items() if k not in ("basis", "date")},
                basis=base["basis"], date=base["date"])


def test_a_plan_dated_by_its_page_reads_as_announced_then_never_as_a_past_flow():
    row = _plan()
    zh, en = phrasing.figure_date(row, "zh"), phrasing.figure_date(row, "en")
    assert zh == "2012年3月6日公布的计划" and en == "plan announced on 6 March 2012"
    assert "起始未注明" not in zh and "start not stated" not in en
    est = _plan(date_estimated=True, ref_date_precision="month", date="2012-03-31")
    assert phrasing.figure_date(est, "zh") == "2012年3月（文件日期，估计）公布的计划"
    assert "起始未注明" not in phrasing.figure_date(est, "zh")
    flow = _plan(kind="increment")  # a flow to the document's date keeps the flow wording
    assert "起始未注明" in phrasing.figure_date(flow, "zh")


def test_no_plan_row_in_the_clean_data_is_dated_as_a_past_flow():
    clean = pd.read_csv(ROOT / "data" / "clean" / "figures.csv", dtype=str, keep_default_na=False)
    for row in clean[clean["kind"].eq("plan")].to_dict("records"):
        for lang in ("zh", "en"):
            words = phrasing.figure_date(row, lang)
            assert "起始未注明" not in words and "start not stated" not in words, (row["figure_id"], words)


def _funding(fid: str, value: float, **kw) -> dict:
    return _row(fid, value, indicator="funding_total", family="funding_total", unit="yuan", unit_as_written="元",
                region_code="530600", region_name="昭通市", region_name_en="Zhaotong", **kw)


def test_an_open_relation_note_never_calls_a_running_total_a_restatement_of_a_flow_or_a_plan():
    total = _funding("S900-000001", 9e7, basis="undated", value_low=9e7, value_high=1e8, qualifier="more_than",
                     kind="cumulative", value_as_written="9000余万元")
    spent = _funding("S900-000002", 7715e4, date="2021-12-31", kind="increment", value_as_written="7715万元")
    plan = _funding("S900-000003", 9877e4, date="2022-12-31", basis="plan", kind="target",
                    target_type="annual_flow", value_as_written="9877万元")
    figures = {r["figure_id"]: r for r in (total, spent, plan)}
    groups = [["S900-000001", "S900-000002", "S900-000003"]]
    zh = phrasing.relation_unclear_note("S900-000001", groups, figures)
    en = phrasing.relation_unclear_note("S900-000001", groups, figures, "en")
    assert "累计数" in zh and "另一种说法，也可能" not in zh and "类别不同" in zh and "不相互比较" in zh
    assert "may restate" not in en and "does not restate" in en
    # one of the same kind whose values can be equal may still be a restatement; one that cannot equal it is not
    other = _funding("S900-000004", 95e6, basis="undated", kind="cumulative", value_as_written="9500万元")
    low = _funding("S900-000005", 5e7, basis="undated", kind="cumulative", value_as_written="5000万元")
    figures.update({r["figure_id"]: r for r in (other, low)})
    both = [["S900-000001", "S900-000004", "S900-000005"]]
    zh = phrasing.relation_unclear_note("S900-000001", both, figures)
    assert "可能是S900-000004数字的另一种说法" in zh and "它与S900-000005的数值不能相等" in zh


def test_the_no_finding_sentence_joins_one_clause_per_indicator_with_a_semicolon():
    status = {"certified_social_workers": ("only", "新增量和目标", "an increment or a target"),
              "sw_talent_total": ("only", "目标", "a target")}
    zh, _ = phrasing.no_findings_sentence("吉林省", "Jilin", tuple(status), status=status)
    assert "持证社会工作者只有新增量和目标，没有现有量；社会工作专业人才总量只有目标，没有现有量" in zh
    assert "目标、社会工作" not in zh


def test_the_kinds_an_indicator_has_are_joined_by_and_so_no_list_runs_into_the_next():
    rows = [_row("S900-000020", 5, kind="increment"), _row("S900-000021", 9, kind="target", target_type="level")]
    zh, en = content._has_words(rows)
    assert "和" in zh and "、" not in zh and " or " in en


def test_jilin_personnel_total_is_not_the_professional_talent_total():
    raw = pd.read_csv(ROOT / "data" / "raw" / "web" / "provincial_figures.csv", dtype=str, keep_default_na=False)
    row = raw[raw["figure_id"].eq("WP052-03")].iloc[0]
    assert row["indicator"] == "sw_talent_broad" and row["scope"] == "personnel_total"
    # no raw row whose notes call it 社会工作人员总量 is typed as the professional-talent total
    for _, r in raw.iterrows():
        if "社会工作人员总量" in r["notes"]:
            assert r["indicator"] != "sw_talent_total", r["figure_id"]


def test_an_indicator_held_only_as_a_target_of_another_wording_names_that_wording():
    target = _row("S900-000030", 6e4, indicator="sw_talent_broad", family="talent_broad", kind="target",
                  target_type="level", scope="personnel_total", region_code="220000")
    state, zh, en = content.indicator_status("sw_talent_broad", pd.DataFrame([target]), None)
    assert state == "only" and zh.startswith("目标") and "社会工作人员总量" in zh and "personnel" in en
    plain = _row("S900-000031", 6e4, indicator="sw_talent_broad", family="talent_broad", kind="target",
                 target_type="level", region_code="220000")
    assert content.indicator_status("sw_talent_broad", pd.DataFrame([plain]), None) == ("only", "目标", "a target")
