"""Editor 9, N-3: a conflict is a pair of statements whose intervals do not overlap (issue 11, item 7: a rounded
figure is an interval). Tested by kind from small synthetic rows: detection (checks.csv and its ``opposed``
pairs), the words of tables, sentences, chart notes and table notes (one clause per cell, never naming the cell's
own figure, never a compatible restatement), one density row per date, and a machine check over the real
checks.csv."""
from __future__ import annotations

import math
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd

from tests.test_semantics import _row

ROOT = Path(__file__).resolve().parents[1]
CLEAN = ROOT / "data" / "clean"


def _national(fid: str, value: float, written: str, qualifier: str, low: float = math.nan,
              high: float = math.nan, date: str = "2022-12-31", **kw) -> dict:
    """One end-of-year national count of certified social workers, as figures.csv holds it."""
    return _row(fid, value, date, "stated", region_code="000000", region_name="全国", region_name_en="China",
                region_level="country", province_code="", value_low=low, value_high=high, qualifier=qualifier,
                value_as_written=written, ref_date_precision="year", **kw)


def _four() -> list[dict]:
    """Four pages for one date: 92.9万 (rounded), 约93万 (approximate), 接近93.1万 (near: 93.0万–93.1万) and 93.1万."""
    return [_national("W901-01", 929000, "92.9万", "rounded", 928500, 929500),
            _national("W902-01", 930000, "约93万人", "approx"),
            _national("W903-01", 931000, "接近93.1萬", "at_most", 930000, 931000),
            _national("W904-01", 931000, "93.1万", "rounded", 930500, 931500)]


# ---- detection: intervals per pair -----------------------------------------------------------------------------
def test_an_approximate_figure_is_the_interval_of_its_rounding_unit():
    from swtoolkit.cleaning.checks import statement_interval

    assert statement_interval(930000, np.nan, np.nan, "approx", "约93万人")[:2] == (925000, 935000)
    assert statement_interval(370, np.nan, np.nan, "approx", "约370名")[:2] == (365, 375)
    assert statement_interval(930000, np.nan, np.nan, "approx", "")[:2] == (930000, 930000)  # no numeral: a point
    assert statement_interval(600000, np.nan, np.nan, "more_than", ">60万") == (600000, np.inf, True, False)


def test_only_pairs_whose_intervals_do_not_overlap_are_opposed():
    from swtoolkit.cleaning.checks import can_both_hold, opposed_pairs

    a, b, c, d = _four()
    assert can_both_hold(a, b) and can_both_hold(b, c) and can_both_hold(b, d) and can_both_hold(c, d)
    assert not can_both_hold(a, c) and not can_both_hold(a, d)
    assert opposed_pairs([a, b, c, d]) == [("W901-01", "W903-01"), ("W901-01", "W904-01")]
    # statements not comparable one pair at a time: the group as a whole
    rate = {**b, "indicator": "certified_growth", "unit": "percent"}
    assert opposed_pairs([a, rate]) is None
    assert opposed_pairs([a, {**b, "subset": "乡镇 only"}]) is None


def test_a_rounded_and_an_approximate_statement_of_one_date_are_one_fact_not_a_conflict():
    from swtoolkit.cleaning.checks import run_checks

    a, b, c, d = _four()
    table = run_checks(pd.DataFrame([a, b]))
    assert not table["check"].eq("conflict").any()
    assert table.loc[table["check"].eq("duplicate"), "detail"].str.contains("different precision").all()
    table = run_checks(pd.DataFrame([a, b, c, d]))
    row = table[table["check"].eq("conflict")].iloc[0]
    assert row["opposed"] == "W901-01 vs W903-01; W901-01 vs W904-01"  # 约93万 is in no pair
    assert table.loc[table["check"].ne("conflict"), "opposed"].eq("").all()


def test_recorded_conflicts_carry_their_pairs_and_name_only_the_opposed():
    from swtoolkit.cleaning.checks import against, disputed, recorded_conflicts

    checks = pd.DataFrame([{"check": "conflict", "figure_ids": "A B C D", "verdict": "disagree",
                            "opposed": "A vs C; A vs D"},
                           {"check": "conflict", "figure_ids": "E F G", "verdict": "disagree", "opposed": ""}])
    four, whole = recorded_conflicts(checks, "disagree")
    assert four == frozenset("ABCD") and four.opposed == {frozenset("AC"), frozenset("AD")}
    assert against(four, {"A"}) == {"C", "D"} and against(four, {"C"}) == {"A"} and against(four, {"B"}) == set()
    assert against(four, {"B", "C"}) == {"A"}  # one fact stated twice: its own ids are never named
    assert disputed(four, {"A", "B", "C"}) == {"A", "C"}
    assert whole.opposed is None and against(whole, {"E"}) == {"F", "G"}  # compared as a whole
    assert against(frozenset("EFG"), {"E"}) == {"F", "G"}  # a plain frozenset: as before


# ---- words: cells, table notes, sentences, chart notes --------------------------------------------------------------
def _conflicts() -> pd.DataFrame:
    return pd.DataFrame([{"check": "conflict", "region_code": "000000", "indicator": "certified_social_workers",
                          "figure_ids": "W901-01 W902-01 W903-01 W904-01", "verdict": "disagree",
                          "opposed": "W901-01 vs W903-01; W901-01 vs W904-01"}])


def test_a_cell_names_other_accounts_once_and_never_its_own_figure():
    from swtoolkit.cleaning.checks import recorded_conflicts
    from swtoolkit.reports import phrasing
    from swtoolkit.reports.content import RegionReport

    stub = SimpleNamespace(conflicts=_conflicts())
    cell = RegionReport._conflict_cell(stub, ["W902-01", "W903-01", "P900-01"])  # one fact, then its population
    assert cell.count("另有记载不一") == 1
    assert "W901-01" in cell and "W902-01" not in cell and "W903-01" not in cell and "W904-01" not in cell
    assert RegionReport._conflict_cell(stub, ["W902-01", "P900-01"]) == ""  # 约93万 holds with every account
    groups = recorded_conflicts(_conflicts(), "disagree")
    assert phrasing.conflict_others("W901-01", groups) == ["W903-01", "W904-01"]
    # a row spanning two accounts that cannot both hold says so once, and names the remaining account
    cell = RegionReport._conflict_cell(stub, ["W901-01", "W904-01", "P900-01"])
    assert cell.count("（") == 1 and "本行所据记载不能同时成立：W901-01与W904-01" in cell
    assert "另有记载不一：W903-01" in cell
    assert "W901-01 against W904-01" in phrasing.range_conflict_note("W901-01;W904-01", groups, "en")


def test_a_conflict_clause_names_only_pairs_that_cannot_both_hold():
    from swtoolkit.cleaning.checks import recorded_conflicts
    from swtoolkit.reports import phrasing

    a, b, c, d = _four()
    opposed = recorded_conflicts(_conflicts())[0].opposed
    zh, en = phrasing.conflict_clause([a, b, c], [d], opposed)
    assert "W902-01" not in zh and "W902-01" not in en  # 约93万 is compatible with both sides
    assert zh.startswith("约92.9万人（W901-01）与W903-01") and "W904-01" in zh and zh.count("不能同时成立") == 1
    assert phrasing.conflict_clause([b], [], opposed) is None
    # two separate pairs are said one after the other, each once
    split = frozenset({frozenset({"W901-01", "W903-01"}), frozenset({"W902-01", "W904-01"})})
    zh, en = phrasing.conflict_clause([a, b], [c, d], split)
    assert zh.count("W901-01") == 1 and zh.count("W902-01") == 1 and "亦不能同时成立" in zh and ", nor " in en
    # without pairs the old reading stands: every inside figure against every outside one
    zh, _ = phrasing.conflict_clause([a], [b])
    assert "W902-01" in zh


def test_a_sentence_computes_each_clause_once(monkeypatch):
    from swtoolkit.reports import phrasing
    from swtoolkit.reports.content import RegionReport

    calls = []
    original = phrasing.conflict_clause

    def counting(*args, **kw):
        calls.append((args, kw.get("ids", True)))  # the table form and the sentence form, each once
        return original(*args, **kw)

    monkeypatch.setattr(phrasing, "conflict_clause", counting)
    report = RegionReport.__new__(RegionReport)
    report.conflicts = _conflicts()
    report._figures = {r["figure_id"]: r for r in _four()}
    (zh, en), gate = report._with_conflicts(("全国持证社会工作者为92.9万人。", "China: 929,000."), ["W901-01"])
    assert sorted(form for _, form in calls) == [False, True]
    # the sentence names the other statements by value (fresh editor, item 3); the gate names their ids
    assert zh.count("不能同时成立") == 1 and "W903-01" not in zh and "W903-01" in gate and "W902-01" not in gate
    calls.clear()
    said = ("全国持证社会工作者约为93万人。", "China: about 930,000.")
    assert report._with_conflicts(said, ["W902-01"]) == (said, "") and calls == []


def test_a_chart_note_never_calls_a_compatible_drawn_restatement_a_conflict():
    from swtoolkit.reports.content import RegionReport

    a, b, c, d = _four()
    stub = SimpleNamespace(conflicts=_conflicts(), clean=pd.DataFrame([a, b, c, d]), _drawn_as=lambda f, p: ("", ""))
    notes = RegionReport._conflict_notes(stub, {"W901-01", "W902-01"})
    assert len(notes) == 1
    said, ids = notes[0]
    assert "W902-01" not in said and set(ids) == {"W901-01", "W903-01", "W904-01"}
    assert RegionReport._conflict_notes(stub, {"W902-01"}) == []  # 约93万 alone: nothing disputed
    both = RegionReport._conflict_notes(stub, {"W901-01", "W902-01", "W904-01"})
    assert [ids for _, ids in both] == [["W901-01", "W904-01"]]


# ---- one row per date ---------------------------------------------------------------------------------------------
def test_compatible_statements_of_one_date_are_one_point_the_narrowest_standing():
    from swtoolkit.models.comparability import one_per_date, series_points

    a, b, c, d = _four()
    kept, merged = one_per_date([b, a])
    assert len(kept) == 1 and kept[0]["value"] == 929000 and kept[0]["figure_id"] == "W901-01;W902-01"
    assert merged[0][0]["figure_id"] == "W902-01"
    kept, _ = series_points([a, b, d])  # 93.1万 cannot hold with 92.9万: two accounts stay two
    assert sorted(k["figure_id"] for k in kept) == ["W901-01;W902-01", "W904-01"]
    other_day = _national("W905-01", 930000, "约93万人", "approx", date="2021-12-31")
    kept, _ = one_per_date([a, other_day])
    assert len(kept) == 2


def test_the_density_table_has_one_row_per_date_in_date_order():
    from swtoolkit.models.density import density_points
    from swtoolkit.reports.content import one_row_per_date

    a, b, c, d = _four()
    early = _national("W906-01", 700000, "70万", "rounded", 695000, 705000, date="2020-12-31")
    late = _national("W907-01", 1000000, "100万", "rounded", 995000, 1005000, date="2023-12-31")
    population = [_national(f"P90{n}-01", 1.41e9, "14.1亿", "exact", 1.41e9, 1.41e9, date=f"{y}-12-31",
                            indicator="population", family="population")
                  for n, y in enumerate((2020, 2022, 2023))]
    frame = pd.DataFrame([early, b, late, a, *population])
    points, _ = density_points(frame)
    assert list(points["ref_date"]) == ["2020-12-31", "2022-12-31", "2023-12-31"]  # sorted, one 2022 row
    assert {"W901-01", "W902-01"} <= set(points.iloc[1]["figure_ids"])
    frame = pd.DataFrame([early, a, late, d, *population])  # two accounts that cannot both hold
    points = one_row_per_date(density_points(frame)[0])
    assert list(points["ref_date"]) == ["2020-12-31", "2022-12-31", "2023-12-31"]
    row = points.iloc[1]
    assert {"W901-01", "W904-01"} <= set(row["figure_ids"])
    assert row["low"] == 928500 / 1.41e9 * 10_000 and row["high"] == 931500 / 1.41e9 * 10_000


# ---- machine check over the real checks.csv -------------------------------------------------------------------------
def test_every_real_conflict_names_the_pairs_its_intervals_oppose():
    """Every conflict row of data/clean/checks.csv whose statements compare one pair at a time lists in ``opposed``
    exactly the pairs whose intervals do not overlap, and has at least one; others leave it empty."""
    from swtoolkit.cleaning.checks import opposed_pairs, read_pairs

    clean = pd.read_csv(CLEAN / "figures.csv", dtype=str, keep_default_na=False)
    for col in ("value", "value_low", "value_high"):
        clean[col] = pd.to_numeric(clean[col], errors="coerce")
    known = {r["figure_id"]: r for r in clean.to_dict("records")}
    checks = pd.read_csv(CLEAN / "checks.csv", dtype=str, keep_default_na=False)
    conflicts = checks[checks["check"].eq("conflict")]
    assert len(conflicts)
    for ids, cell in zip(conflicts["figure_ids"], conflicts["opposed"], strict=True):
        members = ids.split()
        pairs = opposed_pairs([known[m] for m in members]) if all(m in known for m in members) else None
        if pairs is None:
            assert cell == "", ids
            continue
        assert pairs, f"{ids}: recorded as a conflict, but every pair can hold together"
        assert read_pairs(cell) == {frozenset(p) for p in pairs}, ids


def test_the_build_check_flags_a_doubled_clause_and_two_rows_for_one_date(tmp_path):
    """scripts/check_report_text.py flags the N-3 kinds on a small page, and passes the fixed form."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("check_report_text", ROOT / "scripts" / "check_report_text.py")
    check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check)

    def page(rows: str) -> Path:
        path = tmp_path / "000000_x.html"
        path.write_text("<h1>全国报告</h1><figure><figcaption>表 5 Table 5 每万名常住人口持证社会工作者</figcaption>"
                        "<table><thead><tr><th>地区 Region</th><th>每万人 Per 10,000</th><th>人数日期 Count dated</th>"
                        "<th>另有记载 Other accounts</th></tr></thead><tbody>" + rows + "</tbody></table></figure>",
                        encoding="utf-8")
        return path

    bad = page("<tr><td>全国 China</td><td>6.58</td><td>2022年底</td><td></td></tr>"
               "<tr><td>全国 China</td><td>7.00</td><td>2023年底</td><td></td></tr>"
               "<tr><td>全国 China</td><td>6.59</td><td>2022年底</td>"
               "<td>（另有记载不一：A）（另有记载不一：B）</td></tr>")
    kinds = [line.split(": ")[1] for line in check.problems(bad)]
    assert kinds.count("per-date") == 2 and "conflict" in kinds
    good = page("<tr><td>全国 China</td><td>6.58–6.59</td><td>2022年底</td>"
                "<td>（本行所据记载不能同时成立：A与B，数值取其范围，见 data/clean/checks.csv）</td></tr>"
                "<tr><td>全国 China</td><td>7.00</td><td>2023年底</td><td></td></tr>")
    assert check.problems(good) == []


def test_the_methods_state_the_interval_rule_for_conflicts():
    import datetime as dt

    from swtoolkit.reports.content import methods_items

    text = " ".join(methods_items(dt.date(2026, 12, 1)))
    assert "互不重合时才算不一致" in text and "do not overlap" in text and "不记为冲突" in text


def test_a_near_figure_keeps_its_lower_end_in_words_so_its_conflict_reads_true():
    """接近93.1万 is 93万 to 93.1万: printed as 'at most 93.1万' alone it would read as compatible with 92.9万, the
    figure the clause says it cannot hold with."""
    from swtoolkit.cleaning.checks import recorded_conflicts
    from swtoolkit.reports import phrasing

    a, b, c, d = _four()
    assert phrasing.figure_value(c) == "超过93万人、不超过93.1万人"
    assert phrasing.figure_value(c, "en") == "more than 930,000 and at most 931,000 persons"
    zh, _ = phrasing.conflict_clause([a], [c], recorded_conflicts(_conflicts())[0].opposed)
    assert "W903-01（超过93万人、不超过93.1万人）" in zh
    plain = {**c, "value_low": np.nan}  # 不超过93.1万 as written: an upper bound only
    assert phrasing.figure_value(plain) == "不超过93.1万人"


def test_a_table_of_latest_figures_shows_one_figure_per_date_and_names_its_restatement():
    from swtoolkit.reports.content import RegionReport, latest_of_each, tied_latest

    a, b, c, d = _four()
    two = pd.DataFrame([a, b])  # 92.9万 and 约93万, unlinked: one figure at two precisions, never a tie
    assert list(latest_of_each(two)["figure_id"]) == ["W901-01"] and tied_latest(two).empty
    assert list(latest_of_each(pd.DataFrame([a, b, d]))["figure_id"]) == ["W901-01", "W904-01"]  # these disagree
    report = RegionReport.__new__(RegionReport)
    report.conflicts, report.claims, report.clean = pd.DataFrame(), [], two
    report._figures = {r["figure_id"]: r for r in (a, b)}
    report.region = SimpleNamespace(code="000000")
    note = report._latest_notes(two, {"W901-01"}, "")
    assert note.count("同一数字的不同精度") == 1 and "W902-01（约93万人）与W901-01" in note
    assert "不代表该指标的全貌" not in note
