"""Provenance of the web figures (data/raw/web/): what can be checked without the pages, checked for every row.

No page text is stored, so a web figure cannot be found at an offset as a seed figure is. Checked instead: the
source has a full, well-formed address, the date it was read, a release type and a title in the curator's words;
each figure names its source, has a few words of context as locator, shares no long passage with the seed texts,
and is either read fully by the clean step or refused there with one line (never read halfway).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from swtoolkit.cleaning.pipeline import clean
from swtoolkit.cleaning.web import (
    RELEASE_TYPES,
    WEB_FIGURE_COLUMNS,
    WEB_SOURCE_COLUMNS,
    is_web_url,
    locator_problem,
    read_web,
)
from swtoolkit.errors import RawDataError

#: A run of this many characters shared with a seed text is a copied passage, not a locator or note.
SHARED_RUN = 12
CJK_RUN = re.compile(rf"[\u4e00-\u9fff，、；：。]{{{SHARED_RUN},}}")


def _web(root: Path, kind: str) -> pd.DataFrame:
    files = sorted((root / "data" / "raw" / "web").glob(f"*_{kind}.csv"))
    assert files, f"no web {kind} files"
    return pd.concat([pd.read_csv(f, dtype=str, keep_default_na=False) for f in files], ignore_index=True)


def test_every_web_source_has_a_full_address_a_read_date_and_a_release_type(root):
    sources = _web(root, "sources")
    assert list(sources.columns) == WEB_SOURCE_COLUMNS
    assert sources["source_id"].is_unique
    bad_url = sources.loc[~sources["url"].map(is_web_url), ["source_id", "url"]]
    assert bad_url.empty, bad_url
    assert sources["accessed"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert sources["release_type"].isin(RELEASE_TYPES).all()
    assert (sources["outlet"].str.strip() != "").all() and (sources["title"].str.strip() != "").all()
    copied = [t for t in sources["title"] if CJK_RUN.search(t)]
    assert not copied, copied


def test_every_web_figure_has_its_source_and_a_locator_in_own_words(root):
    figures, sources = _web(root, "figures"), _web(root, "sources")
    assert list(figures.columns) == WEB_FIGURE_COLUMNS
    assert figures["figure_id"].is_unique
    assert figures["source_id"].isin(sources["source_id"]).all()
    assert (figures["figure_id"].str.split("-").str[0] == figures["source_id"]).all()
    bad = [(f, loc, why) for f, loc, v in zip(figures["figure_id"], figures["locator"], figures["value_as_written"],
                                             strict=True) if (why := locator_problem(loc, v))]
    assert not bad, bad[:10]


def test_no_web_locator_or_note_copies_a_passage_of_the_seed_texts(root, joined_texts):
    figures = _web(root, "figures")
    seeds = "".join(joined_texts.values())
    copied = [(fid, run) for fid, text in zip(figures["figure_id"], figures["locator"] + " " + figures["notes"],
                                               strict=True)
              for run in CJK_RUN.findall(text) if run in seeds]
    assert not copied, copied[:10]


def test_every_web_figure_is_read_fully_or_refused_with_one_line(root):
    figures = _web(root, "figures")
    clean_figures = pd.read_csv(root / "data" / "clean" / "figures.csv", dtype=str, keep_default_na=False)
    checks = pd.read_csv(root / "data" / "clean" / "checks.csv", dtype=str, keep_default_na=False)
    read = set(clean_figures["figure_id"])
    refused = set(checks.loc[checks["check"].eq("refused"), "figure_ids"])
    ids = set(figures["figure_id"])
    assert ids <= read | refused, sorted(ids - read - refused)[:10]
    assert not read & refused
    web = clean_figures[clean_figures["figure_id"].isin(ids)]
    assert (web["value"].ne("") | web["qualifier"].eq("range")).all()  # a value, or an honest range
    assert web["locator"].isin(figures["locator"]).all()  # the curator's words, as written


def test_same_fact_links_of_web_figures_name_a_figure(root):
    figures = _web(root, "figures")
    seeds = pd.read_csv(root / "data" / "raw" / "figures.csv", dtype=str, keep_default_na=False)
    known = set(figures["figure_id"]) | set(seeds["figure_id"])
    links = figures.loc[figures["same_fact_as"].ne(""), "same_fact_as"]
    assert links.isin(known).all(), sorted(set(links) - known)


# ---- the web contract on small synthetic parts -----------------------------------------------------------------
SOURCE = {"source_id": "WX001", "outlet": "Some outlet", "title": "A report on certified workers",
          "pub_date": "2023-03-05", "pub_date_precision": "day", "url": "https://example.org/a/b.html",
          "accessed": "2026-11-30", "release_type": "report", "notes": ""}
FIGURE = {"figure_id": "WX001-01", "source_id": "WX001", "locator": "second paragraph, certified total",
          "region_as_written": "云南省", "value_as_written": "2766人", "date_as_written": "截至2015年底",
          "indicator": "certified_social_workers", "kind": "actual", "scope": "", "target_type": "",
          "target_year": "", "same_fact_as": "", "notes": ""}


def _raw_with(tmp_path: Path, root: Path, sources: list[dict], figures: list[dict]) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(root / "data" / "raw", raw, ignore=shutil.ignore_patterns("web", "_work"))
    (raw / "web").mkdir()
    pd.DataFrame(sources, columns=WEB_SOURCE_COLUMNS).to_csv(raw / "web" / "x_sources.csv", index=False)
    pd.DataFrame(figures, columns=WEB_FIGURE_COLUMNS).to_csv(raw / "web" / "x_figures.csv", index=False)
    return raw


@pytest.mark.parametrize(("column", "value"), [("url", "https:///example.org/x"), ("url", "example.org/x"),
                                               ("url", "ftp://example.org/x"), ("release_type", "blog"),
                                               ("accessed", "30/11/2026"), ("pub_date", "2023-03")])
def test_a_source_that_breaks_the_web_contract_stops_clean_with_one_line(tmp_path, root, column, value):
    raw = _raw_with(tmp_path, root, [{**SOURCE, column: value}], [FIGURE])
    with pytest.raises(RawDataError) as info:
        clean(raw=raw, out=tmp_path / "out")
    assert info.value.column == column and info.value.row == 2 and "x_sources.csv" in info.value.file
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("locator", ["", "1234", "total", "各地积极推进乡镇社会工作服务站建设并取得明显成效工作人员"])
def test_a_figure_without_usable_locator_words_stops_clean(tmp_path, root, locator):
    raw = _raw_with(tmp_path, root, [SOURCE], [{**FIGURE, "locator": locator}])
    with pytest.raises(RawDataError) as info:
        clean(raw=raw, out=tmp_path / "out")
    assert info.value.column == "locator" and info.value.row == 2


def test_an_unread_web_value_is_refused_and_the_rest_is_cleaned(tmp_path, root):
    figures = [FIGURE, {**FIGURE, "figure_id": "WX001-02", "value_as_written": "两三千人"},
               {**FIGURE, "figure_id": "WX001-03", "value_as_written": "29.93", "date_as_written": "2016年"}]
    result = clean(raw=_raw_with(tmp_path, root, [SOURCE], figures), out=tmp_path / "out")
    refused = result.checks[result.checks["check"] == "refused"]
    assert list(refused["figure_ids"]) == ["WX001-02", "WX001-03"]
    assert refused["detail"].str.startswith("web/x_figures.csv, row ").all()
    assert "scale" in refused["detail"].iloc[1]  # a count with a fraction: its 万 is elsewhere, never read as 29.93
    row = result.figures.set_index("figure_id").loc["WX001-01"]
    assert (row["value"], row["region_code"], row["ref_date"], row["locator"]) == (
        2766.0, "530000", "2015-12-31", FIGURE["locator"])


def test_a_web_figure_may_restate_a_seed_figure_and_a_different_value_is_a_conflict(tmp_path, root):
    seed = pd.read_csv(root / "data" / "raw" / "figures.csv", dtype=str, keep_default_na=False)
    jiangsu = seed[(seed["indicator"] == "certified_social_workers") & (seed["region_as_written"] == "江苏省")].iloc[0]
    same = {**FIGURE, "region_as_written": "江苏省", "value_as_written": jiangsu["value_as_written"],
            "date_as_written": jiangsu["date_as_written"], "same_fact_as": jiangsu["figure_id"]}
    other = {**same, "figure_id": "WX001-02", "value_as_written": "9万人", "same_fact_as": ""}
    result = clean(raw=_raw_with(tmp_path, root, [SOURCE], [same, other]), out=tmp_path / "out")
    assert result.figures.set_index("figure_id").loc["WX001-01", "same_fact_as"] == jiangsu["figure_id"]
    conflicts = result.checks[(result.checks["check"] == "conflict") & result.checks["figure_ids"].str.contains("WX")]
    assert len(conflicts) == 1 and jiangsu["figure_id"] in conflicts["figure_ids"].iloc[0]


def test_rounded_web_figures_are_intervals_and_restatements_at_another_precision_agree(tmp_path, root):
    figures = [{**FIGURE, "region_as_written": "全国", "value_as_written": "53.10万人", "date_as_written": "2019年"},
               {**FIGURE, "figure_id": "WX001-02", "region_as_written": "全国", "value_as_written": "53.1万",
                "date_as_written": "2019年"}]
    result = clean(raw=_raw_with(tmp_path, root, [SOURCE], figures), out=tmp_path / "out")
    rows = result.figures.set_index("figure_id")
    assert (rows.loc["WX001-02", "value_low"], rows.loc["WX001-02", "value_high"]) == (530500.0, 531500.0)
    assert rows.loc["WX001-02", "qualifier"] == "rounded"
    checks = result.checks[result.checks["figure_ids"].str.contains("WX")]
    assert list(checks["check"]) == ["duplicate"]  # nested intervals: one fact, not a conflict


def test_read_web_without_a_web_folder_is_empty(tmp_path):
    figures, sources, places, problems = read_web(tmp_path)
    assert figures.empty and sources.empty and places == [] and problems == []


def test_a_page_dated_to_its_year_keeps_stated_dates_and_never_invents_a_month(tmp_path, root):
    source = {**SOURCE, "pub_date": "2014", "pub_date_precision": "year"}
    figures = [{**FIGURE, "date_as_written": "截至2014年底"},
               {**FIGURE, "figure_id": "WX001-02", "date_as_written": "目前"}]
    result = clean(raw=_raw_with(tmp_path, root, [source], figures), out=tmp_path / "out")
    rows = result.figures.set_index("figure_id")
    assert (rows.loc["WX001-01", "date_basis"], rows.loc["WX001-01", "ref_date_low"]) == ("stated", "2014-12-31")
    assert (rows.loc["WX001-02", "date_basis"], rows.loc["WX001-02", "ref_date_low"]) == ("document", "2014-01-01")
    from swtoolkit.reports.phrasing import figure_date

    assert figure_date(rows.loc["WX001-02"].to_dict()) == "截至文件日期（2014年，月份未知）"
