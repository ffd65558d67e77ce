"""The comparison report: provinces side by side, Yunnan's prefectures in league tables, national context.

It reuses the region report's blocks (one numbering, one list of figures used) for the country and for the
province whose prefectures the documents cover in full.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from swtoolkit import labels, regions
from swtoolkit.provenance import split_figure_ids
from swtoolkit.reports import findings, phrasing
from swtoolkit.reports.blocks import (
    Html,
    Numbering,
    bullet_list,
    citation,
    section_heading,
    table,
    title_block,
    toc,
)
from swtoolkit.reports.content import RATIOS, RegionReport
from swtoolkit.reports.inputs import edition_rows, load_clean

SECTIONS = [("national", "全国背景", "National context"), ("provinces", "省份比较", "Provinces side by side"),
            ("prefectures", "州（市）排名", "Prefectures in league tables"),
            ("inequality", "地区差异", "Inequality across prefectures"),
            ("methods", "方法与统计口径", "Methods and definitions"),
            ("limits", "局限与缺失数据", "Limitations and what is missing"),
            ("appendix", "数据附录", "Data appendix")]  # how to cite: on the title page
#: The block methods behind each section, in reading order (the national section shows two blocks).
SECTION_BLOCKS = {"national": ("key_findings", "national_context"), "provinces": ("provinces",),
                  "prefectures": ("prefectures",), "inequality": ("inequality",), "methods": ("methods",),
                  "limits": ("limitations",), "appendix": ("data_appendix",)}
PROVINCE_INDICATORS = ["certified_social_workers", "sw_talent_total", "exam_passes_cumulative", "township_stations",
                       "township_station_coverage", "sw_organisations"]
INEQUALITY_MODELS = ("gini", "theil", "sigma")
FOCUS_PROVINCE = "530000"


@dataclass
class ComparisonReport:
    national: RegionReport
    focus: RegionReport

    @classmethod
    def load(cls, focus_province: str = FOCUS_PROVINCE, figures: str | None = None, results: str | None = None,
             config: str | None = None) -> ComparisonReport:
        """The comparison over every row of `figures` and `results` (the notebook's parameters; see RegionReport.load
        for their defaults)."""
        clean = load_clean(figures)
        return cls.from_tables(clean, findings.load_model_results(clean, results), focus_province, config=config)

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

    def title_page(self, parameters: dict | None = None) -> Html:
        """Scope, data as of, publisher and edition from report.toml, toolkit and data version, how to cite
        (parameters: footer)."""
        focus = self.focus.region
        return title_block(
            "社会工作人才与乡镇（街道）社工站：地区比较",
            "Social-work workforce and township stations: regions compared",
            [("范围 Scope", f"全国、各省及{focus.name_zh}各州（市） China, provinces and the prefectures of "
                          f"{focus.name_en}"),
             (f"{focus.name_zh}数据截至 {focus.name_en} data as of", self.focus.as_of),
             *edition_rows(self.national.digest, self.national.config)], imprint=self.how_to_cite())

    def _bodies(self) -> dict[str, Html]:
        """Every section's content, built once in reading order (numbering follows it)."""
        if not hasattr(self, "_built"):
            self._built: dict[str, Html] = {}
            for key, names in SECTION_BLOCKS.items():
                self._built[key] = Html("".join(getattr(self, name)().body for name in names))
        return self._built

    def toc(self) -> Html:
        """Contents of the sections with content (page numbers in the PDF)."""
        return toc([s for s in SECTIONS if self._bodies()[s[0]].body])

    def section(self, key: str) -> Html:
        return section_heading(SECTIONS, key)

    def show(self, key: str) -> Html:
        """A section's heading and content, or nothing when it has none (no empty headings)."""
        body = self._bodies().get(key)
        return Html(self.section(key).body + body.body) if body is not None and body.body else Html("")

    def key_findings(self) -> Html:
        """Findings across regions: the focus province's league tables and the provinces' gaps to targets."""
        sentences = self.focus.ranking_sentences()[:2]
        for code in self.national.children["code"]:
            sentences += self.national.model_sentences(limit=1, region_code=code)
        return bullet_list(sentences[:6], css="findings") if sentences else Html("")

    def national_context(self) -> Html:
        """National figures from national sources only (the ministry's bulletins and press conferences, the census:
        web part ``national``), never a national total quoted in a provincial document."""
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
        for r in refused.to_dict("records"):
            self.focus._claim("inequality", "refusal", f"{r['model']} {r['indicator']}",
                              split_figure_ids([r["figure_ids"]]), r["reason"])
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
        caption = self.focus.numbering.next_table("inequality") + " 地区差异 Inequality across prefectures"
        note = self.focus._note(ids) + " Regions are a census: no sampling intervals are shown."
        return table(shown, caption, note, numeric=("数值 Value",))

    def methods(self) -> Html:
        return self.focus.methods()

    def limitations(self) -> Html:
        return self.focus.limitations()

    def data_appendix(self) -> Html:
        return self.national.data_appendix(include_places=False)

    def how_to_cite(self) -> Html:
        """A dated citation of the comparison report (authors, edition, publisher, toolkit and data versions)."""
        from swtoolkit import __version__
        from swtoolkit.reports.inputs import data_version, report_config

        config = report_config()
        return citation("; ".join(config.authors), config.edition.isoformat(),
                        "社会工作人才与乡镇（街道）社工站：地区比较 Social-work workforce and township stations: "
                        "regions compared", config.publisher, f"swtoolkit {__version__}",
                        data_version(self.national.digest), config.licence)

    def footer(self, parameters: dict) -> Html:
        return self.national.footer(parameters)
