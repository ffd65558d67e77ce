"""The comparison report: provinces side by side, Yunnan's prefectures in league tables, national context.

It reuses the region report's blocks (one numbering, one list of figures used) for the country and for the
province whose prefectures the documents cover in full.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from swtoolkit import labels, regions
from swtoolkit.models.comparability import is_dated
from swtoolkit.models.ratios import latest_levels, ratio_table
from swtoolkit.provenance import split_figure_ids
from swtoolkit.reports import findings, phrasing
from swtoolkit.reports.blocks import (
    Html,
    Numbering,
    bullet_list,
    citation,
    paragraph,
    section_heading,
    table,
    title_block,
    toc,
)
from swtoolkit.reports.content import RATIOS, RegionReport, as_applied
from swtoolkit.reports.inputs import edition_rows, load_clean, load_conflicts, load_refusals

#: The sections in reading order; the prefectures' and inequality headings are fitted to the focus province's
#: sub-regions and to what the section holds (ComparisonReport.sections, editor 9 N-7).
SECTIONS = [("findings", "主要发现", "Key findings"), ("national", "全国背景", "National context"),
            ("provinces", "省份比较", "Provinces side by side"),
            ("prefectures", "州（市）比较", "Prefectures compared"),
            ("inequality", "地区差异", "Inequality across prefectures"),
            ("methods", "方法与统计口径", "Methods and definitions"),
            ("limits", "局限与缺失数据", "Limitations and what is missing"),
            ("appendix", "数据附录", "Data appendix")]  # how to cite: on the title page
#: (Chinese, English) title: the one source of the title page and the citation (referee 8b R8b-29).
TITLES = ("社会工作人才与乡镇（街道）社工站：地区比较", "Social-work workforce and township stations: regions compared")
#: The block methods behind each section, in reading order. The national section holds national figures only;
#: what each province says about itself is under the findings, apart from the comparisons and marked as such.
SECTION_BLOCKS = {"findings": ("key_findings",), "national": ("national_context",), "provinces": ("provinces",),
                  "prefectures": ("prefectures",), "inequality": ("inequality",), "methods": ("methods",),
                  "limits": ("limitations",), "appendix": ("data_appendix",)}
PROVINCE_INDICATORS = ["certified_social_workers", "sw_talent_total", "exam_passes_cumulative", "township_stations",
                       "township_station_coverage", "sw_organisations"]
INEQUALITY_MODELS = ("gini", "theil", "sigma")
#: Models across regions: the comparison's own refusals (regions are pooled or compared, not one region's series).
CROSS_REGION_MODELS = ("beta", "mixedlm", *INEQUALITY_MODELS)
FOCUS_PROVINCE = "530000"
#: The limits every comparison states last, each with the decision it records in the audit.
GENERAL_LIMITS = [
    ("全国背景表只取为全国情况收集的来源（来源表中属于全国部分的网页），"
        "不一定是部委公报原文；只见于转述官方数字的二手网页的行都有标注。"
        "省级文件中引述的全国数字不列入该表（全国报告中仍列出）。 "
        "The national-context table takes only the sources collected for the national picture (the web "
        "pages of the sources table's national part), not necessarily the ministry's own bulletins; a row known "
        "only from a secondary page restating official figures is flagged. National totals quoted in provincial "
        "documents are left out of that table (the national report still lists them).",
     "national context: sources collected for the national picture only, secondary pages flagged"),
    ("数据来自公开文件与报道，各地公布的指标、口径和日期不一，本报告不代表完整统计。 The figures come from "
        "published documents and reports; regions publish different indicators, definitions and dates, so no "
        "report is a complete statistical account.",
     "published figures only: not a complete statistical account"),
    ("未作估算或插补：缺失的数据保持缺失。 Nothing is estimated or filled in: what is missing stays missing.",
     "nothing estimated or filled in"),
]


@dataclass
class ComparisonReport:
    national: RegionReport
    focus: RegionReport
    #: collected rows the clean step refused because their region could not be told (cleaning.checks.refusals
    #: with region ''): no region report can disclose them, so the comparison does
    unplaced: pd.DataFrame | None = None

    @classmethod
    def load(cls, focus_province: str = FOCUS_PROVINCE, figures: str | None = None, results: str | None = None,
             config: str | None = None) -> ComparisonReport:
        """The comparison over every row of `figures` and `results` (the notebook's parameters; see RegionReport.load
        for their defaults)."""
        clean = load_clean(figures)
        report = cls.from_tables(clean, findings.load_model_results(clean, results), focus_province, config=config)
        report.attach_checks(figures)
        return report

    def attach_checks(self, figures: str | None = None) -> None:
        """The clean step's checks beside `figures` (None: data/clean) that the comparison names: the rows refused
        for want of a region, and the recorded conflicts of every region (the comparison states figures of every
        region, its sub-region tables too: each sentence and table names the disagreements of its own figures).
        The notebook (`load`) and `swtoolkit audit` both call it, so the audit lists what the report says."""
        self.unplaced = load_refusals("", figures)
        self.national.conflicts = self.focus.conflicts = load_conflicts(None, figures)

    @classmethod
    def from_tables(cls, clean: pd.DataFrame, results: pd.DataFrame, focus_province: str = FOCUS_PROVINCE,
                    draw_charts: bool = True, config: str | None = None) -> ComparisonReport:
        """The report over given clean and results tables (one numbering, one list of figures used, one ledger)."""
        numbering, used, claims = Numbering(), set(), []
        national = RegionReport(regions.get(regions.COUNTRY_CODE), clean, numbering, results, used, claims,
                                draw_charts, config)
        focus = RegionReport(regions.resolve(focus_province), clean, numbering, results, used, claims, draw_charts,
                             config)
        return cls(national, focus)

    def sections(self) -> list[tuple[str, str, str]]:
        """(key, Chinese, English) of every section, the focus province's sections named by the level of its
        sub-regions (regions.level_words) and by what they hold: "compared and ranked" only when a league table is
        printed (editor 9 N-7: a section headed "in league tables" held none when every ranking was refused)."""
        level = self.focus.level
        plural = level.en[:1].upper() + level.en[1:]
        self._bodies()  # the headings say what the built sections hold
        ranked = getattr(self.focus, "_league_tables", 0) > 0
        fitted = {"prefectures": ((f"{level.zh}比较与排名", f"{plural} compared and ranked") if ranked else
                                  (f"{level.zh}比较", f"{plural} compared")),
                  "inequality": ("地区差异", f"Inequality across {level.en}")}
        return [(k, *fitted.get(k, (zh, en))) for k, zh, en in SECTIONS]

    def title_page(self, parameters: dict | None = None) -> Html:
        """Scope, data as of, publisher and edition from report.toml, toolkit and data version, how to cite
        (parameters: footer)."""
        focus = self.focus.region
        level = self.focus.level
        return title_block(
            *TITLES,
            [("范围 Scope", f"全国、各省及{focus.name_zh}各{level.zh} China, provinces and the {level.en} of "
                          f"{focus.name_en}"),
             (f"{focus.name_zh}数据截至 {focus.name_en} data as of", self.focus.as_of),
             *edition_rows(self.national.digest, self.national.config)], imprint=self.how_to_cite())

    def _bodies(self) -> dict[str, Html]:
        """Every section's content, built once in reading order (numbering follows it)."""
        if not hasattr(self, "_built"):
            focus = self.focus.region  # the cover's data-as-of line of the focus province is a claim (audit)
            self.focus.title_claim(f"{focus.name_zh}数据截至", f"{focus.name_en} data as of")
            self._built: dict[str, Html] = {}
            for key, names in SECTION_BLOCKS.items():
                self._built[key] = Html("".join(getattr(self, name)().body for name in names))
        return self._built

    def toc(self) -> Html:
        """Contents of the sections with content (page numbers in the PDF)."""
        return toc([s for s in self.sections() if self._bodies()[s[0]].body])

    def section(self, key: str) -> Html:
        return section_heading(self.sections(), key)

    def show(self, key: str) -> Html:
        """A section's heading and content, or nothing when it has none (no empty headings)."""
        body = self._bodies().get(key)
        return Html(self.section(key).body + body.body) if body is not None and body.body else Html("")

    def key_findings(self) -> Html:
        """Findings across regions (the focus province's league tables, where comparable), then each province's own
        headline statement in a list of its own, introduced as not comparable across provinces: the statements
        cover different periods, come from different models (a rate between two points, a log-linear trend, a gap
        to a target) and sources of different standing, so they are listed by region code, never ranked."""
        blocks = []
        ranking = self.focus.ranking_sentences()[:2]
        if ranking:
            blocks.append(bullet_list(ranking, css="findings"))
        own, before = [], len(self.national.claims)
        for code in self.national.children["code"]:
            own += self.national.model_sentences(limit=1, region_code=code)
        own = self.national.as_printed([phrasing.two_deep(t) for t in own])  # as the claims: plain, each clause once
        if own:
            # how many provinces: only those with a growth or gap result have a statement (fresh editor, stop 26:
            # "one per province" read as every province)
            lead = phrasing.province_statements_lead(len(own))
            # the count it states rests on the statements listed under it: their figures
            stated = list(dict.fromkeys(i for c in self.national.claims[before:] for i in c.figure_ids.split(";") if i))
            self.national._claim("findings", "sentence", lead, stated, "statements of different periods and models: "
                                 "listed per province, never compared or ranked")
            blocks += [paragraph(lead), bullet_list(own, css="findings")]
        return Html("".join(b.body for b in blocks))

    def national_context(self) -> Html:
        """National figures from the sources collected for the national picture only (web part ``national``: pages
        that may be secondary, each such row flagged), never a national total quoted in a provincial document."""
        from swtoolkit.cleaning.web import NATIONAL_PART
        from swtoolkit.provenance import sources

        table_ = sources()
        national = set(table_.index[table_["part"] == NATIONAL_PART])
        return self.national.key_figures(sources=national)

    def provinces(self) -> Html:
        return self.national.subregion_table(indicators=PROVINCE_INDICATORS, ratios=[])

    def prefectures(self) -> Html:
        return self.focus.subregion_table(ratios=RATIOS)

    def inequality(self) -> Html:
        all_rows = findings.region_rows(self.focus.results, self.focus.region.code)
        rows = all_rows[all_rows["allowed"] & all_rows["model"].isin(INEQUALITY_MODELS)]
        refused = all_rows[~all_rows["allowed"] & all_rows["model"].isin(INEQUALITY_MODELS)]
        printed = self._printed()
        for r in refused.to_dict("records"):
            reason = as_applied(r["reason"], [], printed) or str(r["reason"]).split("; fallback:")[0]
            zh, en = phrasing.model_refusal_words(reason, [r["indicator"]], self.focus.figures, r["model"])
            self.focus._claim("inequality", "refusal", f"{zh} {en}", split_figure_ids([r["figure_ids"]]),
                              reason)
        if rows.empty:
            return Html("")  # the refusals are listed under Limitations
        said = [phrasing.result_sentence(r, self.focus.figures) for r in rows.to_dict("records")]
        shown = pd.DataFrame({"指标 Indicator": [phrasing.indicator_name(k) for k in rows["indicator"]],
                              "统计量 Statistic": [labels.label("statistic", k) for k in rows["statistic"]],
                              "数值 Value": rows["estimate"].map(lambda v: f"{v:.3f}"),
                              "说明 Statement": [f"{zh} {en}" for zh, en in said]})
        for r, (zh, en) in zip(rows.to_dict("records"), said, strict=True):
            self.focus._claim("inequality", "table_row", f"{zh} {en}", split_figure_ids([r["figure_ids"]]),
                              r["reason"])
        ids = split_figure_ids(rows["figure_ids"])
        caption = (self.focus.numbering.next_table("inequality")
                   + f" 各{self.focus.level.zh}之间的差异 Inequality across {self.focus.level.en}")
        note = self.focus._note(ids) + " Regions are a census: no sampling intervals are shown."
        return table(shown, caption, note, numeric=("数值 Value",))

    def methods(self) -> Html:
        """The focus province's methods (rules, then the definitions of every indicator shown); each rule and each
        definition row is a claim of the audit (it rests on no figure; a definition row names the figures of that
        indicator or scope the report shows)."""
        body = self.focus.methods()  # records its rules and definition rows (RegionReport.methods)
        return body

    def limitations(self) -> Html:
        """The comparison's own limits: which regions each league table leaves out and why, what the provinces'
        table does not allow, the cross-region models refused (β-convergence, MixedLM, inequality) and why, and the
        limits every report shares. Never a region report's own list (its missing indicators and series are that
        region's, not the comparison's)."""
        items = []
        names, names_en = self.focus._names(), self.focus._names("en")
        codes = list(self.focus.children["code"])
        level = self.focus.level
        for numerator, denominator, scale, zh, en in RATIOS:
            ranked = ratio_table(self.focus.clean, numerator, denominator, codes, scale)
            left = list(ranked.attrs["refused"]["region_code"]) + (list(ranked["region_code"]) if len(ranked) < 2
                                                                   else [])
            if len(ranked) >= 2:
                head_zh, head_en = f"排名{len(ranked)}个{level.zh}", f"{len(ranked)} {level.en} ranked"
            else:
                head_zh = f"可比的{level.zh}不足两个，不作排名"
                head_en = f"fewer than two comparable {level.en}: no ranking"
            if left:
                items.append(f"{zh}：{head_zh}；未排名{len(left)}个（{'、'.join(names[c] for c in left)}），"
                             f"各自原因列于该表下。 {en}: {head_en}; {len(left)} not ranked "
                             f"({', '.join(names_en[c] for c in left)}), each with its reason under the table.")
                ids = [i for frame in (ranked, ranked.attrs["refused"]) for v in frame.get("figure_ids", [])
                       for i in str(v).split()]
                self.national._claim("limits", "note", items[-1], ids,
                                     f"league table: {len(ranked)} comparable, {len(left)} not ranked, each reason "
                                     "under the table")
        dates, undated, dated_ids = [], 0, []
        for key in PROVINCE_INDICATORS:
            found = latest_levels(self.national.clean, key, list(self.national.children["code"]))
            for r in found.to_dict("records"):
                if str(r["ref_date"]) in ("", "nan", "NaT", "None"):
                    continue
                dated_ids.append(str(r["figure_id"]))
                if is_dated(r):  # an undated figure's document date is no 'latest' date (methods)
                    dates.append(str(r["ref_date"])[:10])
                else:
                    undated += 1
        if dates:
            first, last = min(dates), max(dates)
            items.append(
                f"省份比较表中各省的最新数字日期从{phrasing.result_date(first)}到{phrasing.result_date(last)}，"
                "口径也不尽相同：表中数字只并列展示，不作比较或排名；条形图只画同一口径、日期相隔不超过六个月的省份，"
                "条形长短反映规模而非进展。 "
                f"The provinces' latest figures run from {phrasing.result_date(first, 'en')} to "
                f"{phrasing.result_date(last, 'en')} and differ in definition: the table lists them side by side, "
                "neither compared nor ranked; a bar chart holds only provinces of one definition dated at most six "
                "months apart, and its bars show size, not progress."
                + (f" 另有{undated}个数字原文未注明日期，表中注明所见文件的日期，不计入上述日期范围。"
                   f" {undated} further "
                   + ("figure states no date; the table gives the date of the document it appears in, and it is "
                      if undated == 1 else "figures state no date; the table gives the date of the document each "
                      "appears in, and they are ") + "not counted in that range of dates." if undated else ""))
            self.national._claim("limits", "note", items[-1], dated_ids,
                                 "provinces' table: the latest figure of each province and indicator, dated "
                                 f"{first} to {last}, {undated} undated: listed side by side, never compared or "
                                 "ranked, bars only within one definition and six months")
        items.append("各省自身的增长与目标结论（主要发现）时期和模型各不相同，不能相互比较。 "
                     "The provinces' own growth and target statements (key findings) cover different periods "
                     "and models and are not comparable with each other.")
        self.national._claim("limits", "note", items[-1], [], "statements of different periods and models: "
                             "listed per province, never compared or ranked")
        printed = self._printed()
        for model, reason, _n in self._cross_region_refusals():
            reason = as_applied(reason, [], printed) or reason.split("; fallback:")[0]
            zh, en = phrasing.model_refusal_words(reason, [], self.national.figures, model)
            text = f"{zh} {en}"
            self.national._claim("limits", "refusal", text, [], reason)
            if text not in items:
                items.append(text)
        if self.unplaced is not None and not self.unplaced.empty:
            n = len(self.unplaced)
            keys = [k for k in dict.fromkeys(self.unplaced["indicator"]) if k]
            names = "、".join(phrasing.indicator_name(k) for k in keys)
            names_en = "; ".join(phrasing.indicator_name(k, "en") for k in keys)
            # the region as the source wrote it (全省 names no province): the reader sees why it is not placed
            written = [w for w in dict.fromkeys(self.unplaced["value"].astype(str)) if regions.names_no_region(w)] \
                if "value" in self.unplaced else []
            said = "、".join(f"“{w}”" for w in written)
            text = (f"另有{n}条收集到的数据因地区无法确定而在数据清理中被拒收，未用于任何报告"
                    + (f"（指标：{names}）" if names else "")
                    + (f"；原文地区写作{said}，未写明是哪一地区，不按推断归属" if said else "")
                    + "；每条的文件、行与原值见 data/checks.csv 中标为 refused、地区为空的行。 "
                    f"{n} more collected "
                    + ("figure was" if n == 1 else "figures were") + " set aside in data cleaning because "
                    + ("its region could not be identified, and is" if n == 1 else
                       "their region could not be identified, and are") + " used in no report"
                    + (f" (indicators: {names_en})" if names_en else "")
                    + (f"; the source writes the region as {said}, naming no region, and a figure is never placed "
                       "by inference" if said else "") + "; each is listed with its file, row "
                    "and value in data/checks.csv, in the rows marked 'refused' with no region.")
            self.national._claim("limits", "refused", text, list(self.unplaced["figure_id"]),  # as a region's
                                 "cleaner refused, region unknown: " + " ".join(self.unplaced["figure_id"]))
            items.append(text)
        items += [text for text, _ in GENERAL_LIMITS]
        for text, decision in GENERAL_LIMITS:
            self.national._claim("limits", "note", text, [], decision)
        return bullet_list(items)

    def _printed(self) -> dict[str, set[str]]:
        """What the comparison prints that a refusal's fallback may point to (content.KEPT_BY): growth rates of
        the provinces' and the focus province's sub-regions (their key-finding and table rates), no trend interval
        of its own, and no density per 10,000 residents (those are in the national report, referee 11 R11-3)."""
        rates: set[str] = set()
        for report in (self.national, self.focus):
            rates |= report.printed_rates()
        return {"rate": rates | ({"*"} if rates else set()), "trend": set(), "density": set()}

    def _cross_region_refusals(self) -> list[tuple[str, str, int]]:
        """(model, reason, series) for the refused cross-region models of the country and the focus province, one
        row per model and reason (the counts inside a reason, such as how many regions one series had, dropped)."""
        results = self.national.results
        if results is None or results.empty:
            return []
        rows = results[results["model"].isin(CROSS_REGION_MODELS) & ~results["allowed"].astype(bool)]
        rows = rows[rows["region_code"].isin({"CN", regions.COUNTRY_CODE, self.focus.region.code})]
        general = rows["reason"].astype(str).str.replace(r"\s*\([^()]*\)(?=;|$)", "", regex=True)
        counted = rows.assign(_reason=general).groupby(["model", "_reason"]).size()
        order = {m: i for i, m in enumerate(CROSS_REGION_MODELS)}
        return sorted(((m, r, int(n)) for (m, r), n in counted.items()), key=lambda x: (order[x[0]], x[1]))

    def data_appendix(self) -> Html:
        return self.national.data_appendix(include_places=False)

    def how_to_cite(self) -> Html:
        """A dated citation of the comparison report (authors, edition, publisher, toolkit and data versions)."""
        from swtoolkit import __version__
        from swtoolkit.reports.inputs import data_version, report_config

        config = report_config()
        return citation("; ".join(config.authors), config.edition.isoformat(), " ".join(TITLES), config.publisher,
                        f"swtoolkit {__version__}", data_version(self.national.digest), config.licence)

    def footer(self, parameters: dict) -> Html:
        return self.national.footer(parameters)
