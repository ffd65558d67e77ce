"""Issue 11, item 4 (session 28, helper `audit2`): the audit lists EVERY sentence, table row and chart a report
prints, with the figure ids it rests on. A report is built from small synthetic rows, rendered as the notebook
renders it, and every printed item (findings, notes, limitations, methods rules, definitions rows, key-figure and
appendix rows, sub-region cells, charts and figure cards, the title page's data-as-of line) is matched to a claim of
its ledger. Fails if a block stops recording what it prints (the region reports' methods rules, definitions rows and
shared limits, and the density table's line on counts not divided, were printed and never listed)."""

from __future__ import annotations

import html as H
import itertools
import re

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from swtoolkit import regions
from swtoolkit.cleaning.columns import CLEAN_COLUMNS
from swtoolkit.models.fit import fit_all
from swtoolkit.reports.content import SHARED_LIMITS, RegionReport, methods_items

_LOCATORS = itertools.count(1000, 1000)
PREFECTURES = ["530100", "530300", "530400"]


def row(fid: str, region: str, indicator: str, value: float, date: str = "2022-06-30", **extra) -> dict:
    """One clean row with every column: an exact figure dated at a month's end, whole region."""
    base = {c: "" for c in CLEAN_COLUMNS}
    name = regions.get(region)
    unit = {"township_stations": "stations", "population": "persons"}.get(indicator, "persons")
    written = "个" if unit == "stations" else "人"
    base.update({"figure_id": fid, "source_id": fid.split("-")[0], "locator": str(next(_LOCATORS)),
                 "region_code": region, "region_name": name.name_zh, "region_name_en": name.name_en,
                 "region_level": name.level, "province_code": region[:2] + "0000", "indicator": indicator,
                 "family": indicator, "value": value, "value_low": value, "value_high": value, "qualifier": "exact",
                 "unit": unit, "unit_as_written": written, "ref_date": date, "ref_date_precision": "month",
                 "date_basis": "stated", "date_estimated": False, "kind": "actual",
                 "value_as_written": f"{value:g}{written}", "date_as_written": f"截至{date[:4]}年{int(date[5:7])}月底"})
    base.update(extra)
    return base


def clean_rows() -> pd.DataFrame:
    """A province with a dated series, a population (density), and three prefectures with stations and staff."""
    rows = [row("S003-000001", "530000", "certified_social_workers", 5000, "2019-12-31"),
            row("S003-000002", "530000", "certified_social_workers", 6000, "2020-12-31"),
            row("S003-000003", "530000", "certified_social_workers", 7500, "2021-12-31"),
            row("S003-000004", "530000", "township_stations", 1400, "2021-12-31"),
            row("S003-000005", "530000", "population", 47000000, "2021-12-31"),
            row("S003-000006", "530000", "certified_social_workers", 3000, "2014-12-31")]  # no population near
    for i, code in enumerate(PREFECTURES):
        rows.append(row(f"S004-00001{i}", code, "township_stations", 100 + 10 * i))
        rows.append(row(f"S004-00002{i}", code, "station_staff", 300 + 40 * i))
    return pd.DataFrame(rows, columns=CLEAN_COLUMNS)


def rendered(report: RegionReport) -> str:
    """The report's HTML as its notebook shows it (title page, contents, every section, footer)."""
    parts = [report.title_page({"region": report.region.code}).body, report.toc().body]
    parts += [report.show(k).body for k in ("findings", "figures", "subregions", "series", "growth", "national",
                                             "methods", "limits", "appendix")]
    parts.append(report.footer({"region": report.region.code}).body)
    return "".join(parts)


def printed_items(page: str) -> list[tuple[str, str]]:
    """(kind, text) of every sentence, table row (a latest-figures table: every cell), chart and figure cards."""
    soup = BeautifulSoup(page, "html.parser")
    out = []
    for tr in soup.select("section.title-page table.meta tr"):
        if tr.th and "截至" in tr.th.get_text():
            out.append(("sentence", tr.get_text(" ", strip=True)))
    for li in soup.select("ul li"):
        if not li.find_parent("nav") and not li.find_parent("section", class_="title-page"):
            out.append(("sentence", li.get_text(" ", strip=True)))
    for p in soup.select("p"):
        if p.find_parent("section", class_="title-page") or p.find_parent("footer") or p.find_parent("div"):
            continue
        if not {"source-note", "methods-link", "source-intro"} & set(p.get("class", [])):
            out.append(("sentence", p.get_text(" ", strip=True)))
    for fig in soup.select("figure"):
        classes = fig.get("class", [])
        caption = fig.figcaption.get_text(" ", strip=True) if fig.figcaption else ""
        if "chart" in classes or "cards" in classes:
            out.append(("chart", caption.replace("数据 Data (CSV)", "").strip()))
        if "table" in classes:
            per_cell = "latest figures" in caption  # one claim per cell: its region, column and value
            heads = [th.get_text(" ", strip=True) for th in fig.select("thead th")]
            for tr in fig.select("tbody tr"):
                cells = [td.get_text(" ", strip=True) for td in tr.find_all("td")]
                if per_cell:
                    out += [("cell", f"{cells[0]} | {h} | {c}") for h, c in zip(heads[1:], cells[1:], strict=False)
                            if c not in ("—", "")]
                else:  # the claim may name the table and the columns: they go with the row
                    out.append(("table_row", " | ".join([*cells, caption, *heads])))
    return out


def _norm(text: str) -> str:
    return re.sub(r"[\s:：,]", "", H.unescape(text)).lower()


def _tokens(text: str) -> list[str]:
    return [w for w in re.split(r"[\s:：,，;；|()（）\[\]［］。.、]+", text.lower()) if w]


def claims_of(kind: str, text: str, claims: list) -> list:
    """The claims that say ``text``: the same words, or (a table row, whose claim names its cells in another
    order) nearly all the claim's words inside the row."""
    said = _norm(text)
    found = []
    for c in claims:
        words = _norm(c.text)
        if words and (words == said or (len(words) > 8 and (words in said or said in words))):
            found.append(c)
        elif kind in ("table_row", "cell") and c.kind == "table_row":
            tokens = _tokens(c.text)
            if kind == "cell" and not said.startswith(_norm(c.text.split()[0])):
                continue
            if tokens and sum(_norm(w) in said for w in tokens) / len(tokens) >= 0.85:
                found.append(c)
    return found


def unlisted(report: RegionReport) -> tuple[list, list]:
    """(printed items with no claim, printed items that rest on figures whose claims name none)."""
    page = rendered(report)
    missing, no_ids = [], []
    for kind, text in printed_items(page):
        found = claims_of(kind, text, report.claims)
        if not found:
            missing.append((kind, text))
        elif kind in ("table_row", "cell", "chart") and not any(c.figure_ids for c in found):
            no_ids.append((kind, text))
    return missing, no_ids


@pytest.fixture(scope="module")
def clean() -> pd.DataFrame:
    return clean_rows()


def test_every_printed_item_of_a_full_report_is_in_the_audit(clean):
    report = RegionReport(regions.get("530000"), clean, results=fit_all(clean), draw_charts=True)
    assert report.kind == "full"
    missing, no_ids = unlisted(report)
    assert missing == []
    assert no_ids == []
    said = {c.text for c in report.claims}
    # the kinds that were printed and never listed
    assert set(methods_items(report.edition)) <= said
    assert set(SHARED_LIMITS) <= said
    assert any(c.block == "methods" and c.kind == "table_row" and c.figure_ids for c in report.claims)


def test_the_density_tables_line_on_counts_not_divided_is_listed(clean):
    country = pd.concat([clean, pd.DataFrame([row("S001-000001", "000000", "certified_social_workers", 900000,
                                                  "2021-12-31"),
                                              row("S001-000002", "000000", "certified_social_workers", 700000,
                                                  "2020-12-31"),
                                              row("S001-000003", "000000", "township_stations", 29000,
                                                  "2021-12-31")], columns=CLEAN_COLUMNS)], ignore_index=True)
    report = RegionReport(regions.get("000000"), country, results=fit_all(country), draw_charts=True)
    missing, no_ids = unlisted(report)
    assert missing == []
    assert no_ids == []
    dens = [c for c in report.claims if c.block == "national" and "not divided" in c.text]
    assert dens and "S003-000006" in dens[0].figure_ids.split(";")


def test_every_printed_item_of_a_brief_is_in_the_audit(clean):
    brief = clean[clean["region_code"].isin(["530100"])]
    report = RegionReport(regions.get("530100"), brief, results=fit_all(brief), draw_charts=True)
    assert report.kind == "brief"
    missing, no_ids = unlisted(report)
    assert missing == []
    assert no_ids == []


def test_the_check_fails_when_a_block_stops_recording(clean, monkeypatch):
    """The check itself: a methods block that prints its rules without listing them is caught."""
    report = RegionReport(regions.get("530000"), clean, results=fit_all(clean), draw_charts=True)
    original = RegionReport._claim

    def methods_unrecorded(self, block, *args, **kwargs):
        if block != "methods":
            original(self, block, *args, **kwargs)

    monkeypatch.setattr(RegionReport, "_claim", methods_unrecorded)
    missing, _ = unlisted(report)
    assert any(text in {t for _, t in missing} for text in methods_items(report.edition))


def test_the_audit_reads_refusals_as_the_notebook_does(clean, monkeypatch):
    """`swtoolkit audit` hands a region its refused figures with their documents' dates (inputs.load_refusals):
    without them a finding named a refused figure the published report does not name."""
    from swtoolkit.reports import audit

    seen = {}

    def capture(code, clean, results, refused=None, conflicts=None):
        seen["refused"] = refused
        return []

    monkeypatch.setattr(audit, "region_claims", capture)
    monkeypatch.setattr("swtoolkit.reports.inputs.conflicts_of", lambda checks, code: pd.DataFrame())
    checks = pd.DataFrame([{"check": "refused", "status": "refused", "region_code": "530000",
                            "indicator": "certified_social_workers", "ref_date": "", "figure_ids": "S003-000099",
                            "detail": "raw/figures.csv, row 9, column 'value_as_written': cannot read 'x' as a figure",
                            "explanation": "", "verdict": "", "opposed": ""}])
    audit.report_claims("530000", clean, None, checks)
    assert "doc_date" in seen["refused"].columns
