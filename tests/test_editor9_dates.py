"""Editor 9: dates fixed by kind (N-4, N-5, R8a-3 residue).

- N-4 one clause, one date: figures of one source sentence under one date word are dated one way; a phrase carried
  from outside the sentence (a meeting's days dating its 目前) is refused at clean time when another figure of the
  sentence resolves to another date, and a running total under it counts up to it, never over its span.
- N-5 parts dated with their total: parts that restate a total whose fact another statement dates earlier are shown
  at that date (Table 1 and the appendix), never newer than their own total.
- R8a-3 residue: no published data file states a date more precisely than its source gives (a page dated to its
  year: precision ``year``, never a day).

Synthetic rows test the code behind each rule; machine checks run over the real clean table and the seeds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from swtoolkit.cleaning.clauses import clause_date_problems, sentence_bounds
from swtoolkit.cleaning.pipeline import process
from swtoolkit.cleaning.rows import document_precision
from swtoolkit.errors import RawDataError, RawDataErrors
from swtoolkit.models.comparability import dated_as_fact, first_dated_statement, part_fact_dates
from swtoolkit.reports import phrasing
from tests.test_semantics import _row

ROOT = Path(__file__).resolve().parents[1]
CLEAN = ROOT / "data" / "clean" / "figures.csv"
RAW = ROOT / "data" / "raw"

RAW_FIELDS = ["figure_id", "source_id", "locator", "region_as_written", "place_as_written", "subset", "scope",
              "value_as_written", "qualifier_as_written", "date_as_written", "indicator", "kind", "target_year",
              "target_type", "norm_status", "same_fact_as", "notes"]


def _sources(**dates: tuple[str, str]) -> pd.DataFrame:
    """Synthetic sources.csv rows: source id → (pub_date, pub_date_precision)."""
    return pd.DataFrame([{"source_id": sid, "file": "", "title": "t", "publisher": "p", "pub_date": d,
                          "pub_date_precision": p, "pub_date_note": "estimate: events reported", "url": "",
                          "sha256": "", "region_context": ""} for sid, (d, p) in dates.items()]).set_index("source_id")


def _raw(text: str, sid: str, rows: list[tuple[str, str, str, str, str]]) -> pd.DataFrame:
    """Raw figures of ``text``: (value as written, date phrase, indicator, kind, region) each at its offset."""
    out = []
    for value, date, indicator, kind, region in rows:
        at = text.index(value)
        out.append({**dict.fromkeys(RAW_FIELDS, ""), "figure_id": f"{sid}-{at:06d}", "source_id": sid,
                    "locator": str(at), "region_as_written": region, "value_as_written": value,
                    "date_as_written": date, "indicator": indicator, "kind": kind})
    return pd.DataFrame(out, columns=RAW_FIELDS).astype(str)


MEETING = "8 月 15 日至 16 日"
HEBEI = ("8 月 15 日至 16 日，河北省民政厅召开现场会。陈建民总结了工作。目前河北省建成乡镇（街道）社工站 1435 家，"
         "开展服务活动 2.3 万多次，服务人数 5.5 万余人。")


# ---- N-4: one clause, one date ------------------------------------------------------------------------------------

def test_a_carried_date_beside_the_clauses_own_word_is_refused_at_clean_time():
    """The 1435 stations dated by the meeting's days, the 2.3万多 activities of the same 目前 clause by the page:
    the clean step names the file, row, column and phrase."""
    raw = _raw(HEBEI, "S900", [("1435 家", MEETING, "township_stations", "actual", "河北省"),
                               ("2.3 万多次", "目前", "service_activities", "cumulative", "河北省")])
    with pytest.raises(RawDataError) as caught:
        process(raw, _sources(S900=("2022-08", "month")), "figures.csv", texts={"S900": HEBEI.replace("\n", "")})
    error = caught.value
    assert (error.row, error.column) == (2, "date_as_written") and "one clause under one date word" in str(error)
    assert "S900-" in str(error) and "目前" in str(error)
    # every such figure is reported with keep_going
    raw3 = _raw(HEBEI, "S900", [("1435 家", MEETING, "township_stations", "actual", "河北省"),
                                ("2.3 万多次", "目前", "service_activities", "cumulative", "河北省"),
                                ("5.5 万余人", MEETING, "service_recipient_persons", "cumulative", "河北省")])
    with pytest.raises(RawDataErrors) as many:
        process(raw3, _sources(S900=("2022-08", "month")), "figures.csv", texts={"S900": HEBEI}, keep_going=True)
    assert [e.row for e in many.value.errors] == [2, 4]


def test_one_date_for_the_whole_clause_cleans_and_a_running_total_counts_up_to_it():
    raw = _raw(HEBEI, "S900", [("1435 家", MEETING, "township_stations", "actual", "河北省"),
                               ("2.3 万多次", MEETING, "service_activities", "cumulative", "河北省"),
                               ("5.5 万余人", MEETING, "service_recipient_persons", "cumulative", "河北省")])
    clean = process(raw, _sources(S900=("2022-08", "month")), "figures.csv", texts={"S900": HEBEI}).figures
    assert set(clean["ref_date"]) == {"2022-08-16"} and set(clean["date_basis"]) == {"stated"}
    # the meeting's two days are when the totals were spoken, not the span they count over
    assert set(clean["period_start"]) == {""}
    words = {phrasing.figure_date(r) for r in clean.to_dict("records")}
    # said as the meeting's two days, never its last day as an exact as-of day (fresh referee 26, item 6)
    # a running total counts up to some day of the meeting, never during it (fresh2)
    assert words == {"2022年8月15—16日期间（年份据文件日期推定，文件日期为估计）",
                     "截至2022年8月15—16日中某日（年份据文件日期推定，文件日期为估计）"}, words
    # a flow counted over a written span keeps its span (an increment, not a running total)
    text = "8月15日至16日，全省培训社工 300 人次。"
    flow = _raw(text, "S901", [("300 人次", "8月15日至16日", "training_participants", "increment", "河北省")])
    got = process(flow, _sources(S901=("2022-08", "month")), "figures.csv", texts={"S901": text}).figures
    assert got["period_start"].tolist() == ["2022-08-15"]


def test_two_dates_written_in_one_sentence_are_two_clauses_and_other_rows_are_left_alone():
    text = "去年共有 22人 通过考试，今年共有 408人 报名；目前机构 7家。"
    clean = pd.DataFrame([
        {"figure_id": "S902-000001", "source_id": "S902", "locator": str(text.index("22人")), "kind": "increment",
         "date_as_written": "去年", "ref_date": "2021-12-31", "date_basis": "stated", "ref_date_low": "2021-12-31",
         "ref_date_high": "2021-12-31"},
        {"figure_id": "S902-000002", "source_id": "S902", "locator": str(text.index("408人")), "kind": "actual",
         "date_as_written": "今年", "ref_date": "2022-07-31", "date_basis": "document",
         "ref_date_low": "2022-07-01", "ref_date_high": "2022-07-31"},
        # a target's year and an undated figure in the sentence are not the clause's present
        {"figure_id": "S902-000003", "source_id": "S902", "locator": str(text.index("408人")), "kind": "target",
         "date_as_written": "到2025年", "ref_date": "2025-12-31", "date_basis": "plan",
         "ref_date_low": "2025-12-31", "ref_date_high": "2025-12-31"},
    ])
    assert clause_date_problems(clean, {"S902": text}) == []
    assert sentence_bounds(text, text.index("7家")) == (text.index("目前"), len(text))
    # a carried phrase that agrees with the sentence's own date is no problem; one that differs is
    one = "目前全省建成社工站 1435家，开展活动 2.3万次，服务 5000人。"
    own = {**clean.iloc[1].to_dict(), "source_id": "S903", "figure_id": "S903-000001",
           "locator": str(one.index("1435家")), "date_as_written": "目前"}
    carried = pd.DataFrame([own,
                            {**own, "figure_id": "S903-000002", "locator": str(one.index("2.3万次")),
                             "date_as_written": "截至目前"},
                            {**own, "figure_id": "S903-000003", "locator": str(one.index("5000人")),
                             "date_as_written": "7月31日", "date_basis": "stated", "ref_date_low": "2022-07-31"}])
    assert [(carried.at[p, "figure_id"], e.value) for p, e in clause_date_problems(carried, {"S903": one})] == [
        ("S903-000003", "7月31日")]
    assert clause_date_problems(carried.iloc[[2]], {"S903": one}) == []  # alone: nothing to agree with
    assert clause_date_problems(carried, {"S903": None}) == []  # no text: nothing to read


def test_real_seed_clauses_are_dated_one_way(joined_texts):
    """Machine check over the real clean table: in no seed sentence is a carried date phrase beside a figure dated
    otherwise (Hebei's 1435/63.7% and 2.3万多/5.5万余 under one 目前; its 1203.7万 volunteers and 1.3亿 hours)."""
    clean = pd.read_csv(CLEAN, dtype=str, keep_default_na=False)
    seeds = clean[clean["source_id"].isin(joined_texts)].reset_index(drop=True)
    found = [(seeds.at[p, "figure_id"], e.reason) for p, e in clause_date_problems(seeds, joined_texts)]
    assert not found, found
    hebei = seeds.set_index("figure_id").loc[["S001-001733", "S001-001745", "S001-001759", "S001-001772",
                                              "S001-001789", "S001-001789b"]]
    assert hebei["ref_date"].nunique() == 1 and hebei["date_basis"].nunique() == 1
    assert hebei["period_start"].eq("").all()
    volunteers = seeds.set_index("figure_id").loc[["S001-001820", "S001-001837"]]
    assert volunteers["ref_date"].nunique() == 1


# ---- N-5: parts dated with their total ----------------------------------------------------------------------------

def _beijing(fid: str, value: float, indicator: str, date: str, **kw) -> dict:
    low = kw.pop("ref_date_low", date[:8] + "01")
    return _row(fid, value, date, "document", indicator=indicator, region_code="110000", region_name="北京市",
                region_name_en="Beijing", region_level="province", province_code="110000", ref_date_low=low,
                ref_date_precision="period", date_estimated=False, date_as_written="截至目前", **kw)


def _beijing_rows() -> list[dict]:
    first = _beijing("WP025-93", 11723, "certified_social_workers", "2012-10-31", source_id="WP025")
    total = _beijing("WP024-92", 11723, "certified_social_workers", "2013-04-16", source_id="WP024",
                     same_fact_as="WP025-93", ref_date_low="2013-04-16")
    parts = [_beijing("WP024-93", 9357, "certified_assistant", "2013-04-16", source_id="WP024",
                      ref_date_low="2013-04-16"),
             _beijing("WP024-94", 2366, "certified_intermediate", "2013-04-16", source_id="WP024",
                      ref_date_low="2013-04-16")]
    return [first, total, *parts]


def test_parts_of_a_total_restating_an_earlier_fact_take_the_facts_date():
    rows = _beijing_rows()
    found = part_fact_dates(rows)
    assert {k: (t["figure_id"], d["figure_id"]) for k, (t, d) in found.items()} == {
        "WP024-93": ("WP024-92", "WP025-93"), "WP024-94": ("WP024-92", "WP025-93")}
    moved = dated_as_fact(rows[2], found["WP024-93"][1])
    assert moved["ref_date"] == "2012-10-31" and moved["value"] == 9357
    assert phrasing.figure_date(moved) == phrasing.figure_date(rows[0])
    # without the same-fact link the total is its own fact: the parts keep their own date
    unlinked = [rows[0], {**rows[1], "same_fact_as": ""}, *rows[2:]]
    assert part_fact_dates(unlinked) == {}
    # parts that do not add up to the total are no restatement of it
    assert part_fact_dates([*rows[:3], {**rows[3], "value": 2000.0, "value_low": 2000.0,
                                        "value_high": 2000.0}]) == {}


def test_a_named_part_of_a_whole_restating_an_earlier_fact_takes_the_facts_date():
    first = _row("S901-000001", 141, "2022-06-30", indicator="township_stations", region_code="532500",
                 source_id="S901")
    whole = _row("S902-000001", 141, "2022-07-31", "document", indicator="township_stations",
                 region_code="532500", source_id="S902", same_fact_as="S901-000001", ref_date_low="2022-07-01")
    streets = {**whole, "figure_id": "S902-000002", "value": 10.0, "value_low": 10.0, "value_high": 10.0,
               "subset": "街道 only", "same_fact_as": ""}
    found = part_fact_dates([first, whole, streets])
    assert {k: d["figure_id"] for k, (_, d) in found.items()} == {"S902-000002": "S901-000001"}


def test_the_key_figures_table_and_appendix_never_show_parts_newer_than_their_total():
    from swtoolkit import regions
    from swtoolkit.reports.content import RegionReport

    frame = pd.DataFrame(_beijing_rows())
    def report() -> RegionReport:
        return RegionReport(regions.resolve("110000"), frame, draw_charts=False,
                            results=pd.DataFrame(columns=["region_code", "allowed", "model"]))

    brief = report()  # four figures: a brief, whose table lists every statement at its own date with the fact's
    assert brief.kind == "brief"
    listed = re.sub(r"<[^>]+>", "", brief.key_figures().body)
    assert "为合计WP024-92的分项，该合计与WP025-93为同一数字，按其注明的日期为截至文件日期（2012年10月）" in listed
    full = report()
    full._kind = "full"  # the latest-figures table of a full report
    body = re.sub(r"<[^>]+>", "", full.key_figures().body)
    assert "2013年4月" not in body, body  # the parts are shown at their total's October 2012
    assert body.count("截至文件日期（2012年10月）") >= 3 and "为合计WP024-92的分项" in body
    note = full._fact_date_note(frame.set_index("figure_id").loc["WP024-93"].to_dict() | {"figure_id": "WP024-93"})
    assert "为合计WP024-92的分项" in note and "截至文件日期（2012年10月）" in note


def test_real_parts_are_never_dated_after_their_totals_fact():
    """Machine check: for every region, parts that restate a total are dated (as shown) no later than the total's
    fact; Beijing's 9,357 and 2,366 are dated with the October 2012 11,723."""
    clean = pd.read_csv(CLEAN, dtype=str, keep_default_na=False)
    found = {}
    for _, group in clean[clean["place"].eq("")].groupby("region_code"):
        rows = group.to_dict("records")
        for part, (total, dating) in part_fact_dates(rows).items():
            own = next(r for r in rows if r["figure_id"] == part)
            shown = dated_as_fact(own, dating)
            fact = first_dated_statement([r for r in rows if r["figure_id"] in (total["figure_id"],
                                                                                total["same_fact_as"])])
            assert shown["ref_date"] <= fact["ref_date"], (part, shown["ref_date"], fact["figure_id"])
            found[part] = dating["figure_id"]
    assert found.get("WP024-03") == "WP025-03" and found.get("WP024-04") == "WP025-03"


# ---- R8a-3: never a precision finer than the source gives ---------------------------------------------------------

def test_a_date_taken_from_the_document_is_never_finer_than_the_documents_date():
    assert document_precision("day", "document", "year") == "year"
    assert document_precision("period", "document", "year") == "year"
    assert document_precision("day", "document", "month") == "month"
    assert document_precision("period", "document", "month") == "period"
    assert document_precision("day", "document", "day") == "day"
    assert document_precision("period", "undated", "year") == "year"
    assert document_precision("year", "stated", "day") == "year"
    assert document_precision("day", "stated", "year") == "day"  # 2018年6月11日 written on a page of 2018


def test_the_clean_step_gives_a_page_of_a_year_the_precision_year():
    text = "日前，全省报考 8.6万人；今年 4700名 参加考试；截至2014年底 152985人。"
    raw = _raw(text, "S903", [("8.6万人", "日前", "exam_registrants", "actual", "浙江省"),
                              ("4700名", "今年", "exam_registrants", "actual", "四川省"),
                              ("152985人", "截至2014年底", "certified_social_workers", "actual", "浙江省")])
    for pub, precision, expected in (("2018", "year", ["year", "year", "year"]),
                                     ("2018-06", "month", ["month", "period", "year"]),
                                     ("2018-06-11", "day", ["day", "period", "year"])):
        got = process(raw, _sources(S903=(pub, precision)), "figures.csv", texts={"S903": text}).figures
        got = got.set_index("value_as_written")
        assert got.loc[["8.6万人", "4700名", "152985人"], "ref_date_precision"].tolist() == expected, pub


PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def _source_precisions() -> dict[str, str]:
    frames = [pd.read_csv(RAW / name, dtype=str, keep_default_na=False)
              for name in ("sources.csv", "web/provincial_sources.csv", "web/national_sources.csv")]
    return {s: p for f in frames for s, p in zip(f["source_id"], f["pub_date_precision"], strict=True)}


def _too_precise(frame: pd.DataFrame) -> list[str]:
    """Rows whose date rests on the document and is stated finer than the document's date, or a day that is not
    one day."""
    source = _source_precisions()
    bad = []
    for r in frame.to_dict("records"):
        doc, precision = source.get(r["source_id"], ""), r["ref_date_precision"]
        if r["date_basis"] in ("document", "undated") and doc in PRECISION_RANK and (
                (doc == "year" and precision != "year")
                or (precision in PRECISION_RANK and PRECISION_RANK[precision] < PRECISION_RANK[doc])):
            bad.append(f"{r['figure_id']} {r['ref_date']} {precision} (page dated to its {doc})")
        if precision == "day" and r["ref_date_low"] and r["ref_date_low"][:10] != r["ref_date"][:10]:
            bad.append(f"{r['figure_id']} {r['ref_date_low']}..{r['ref_date']} said as one day")
    return bad


def test_real_clean_table_states_no_date_finer_than_its_source():
    clean = pd.read_csv(CLEAN, dtype=str, keep_default_na=False)
    assert not _too_precise(clean), _too_precise(clean)
    rows = clean.set_index("figure_id")
    assert rows.loc["WP008-01", "ref_date_precision"] == "year"  # 日前 on a page of 2018 (R8a-3)
    assert rows.loc["WP050-01", "ref_date_precision"] == "year"  # 今年 on a page of 2008


def test_published_region_data_states_no_date_finer_than_its_source(tmp_path):
    """The per-region data CSVs beside the reports (reports/data/<code>.csv) and the whole table there."""
    from swtoolkit.reports import downloads

    written = downloads.write(tmp_path, ["330000", "510000"])
    assert set(written) == {"330000", "510000"}
    for path in [*(tmp_path / p for p in written.values()), tmp_path / downloads.ALL_FIGURES]:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        assert not _too_precise(frame), (path.name, _too_precise(frame))
    zhejiang = pd.read_csv(tmp_path / written["330000"], dtype=str, keep_default_na=False, encoding="utf-8-sig")
    row = zhejiang.set_index("figure_id").loc["WP008-01"]
    assert (row["ref_date_precision"], row["ref_date_low"], row["ref_date_high"]) == ("year", "2018-01-01",
                                                                                        "2018-12-31")
