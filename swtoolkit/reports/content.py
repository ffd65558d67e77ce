"""What a region report shows, as library calls: the notebook only orders them (REPORTS.md conventions)."""

from __future__ import annotations

import logging
import platform
from dataclasses import dataclass, field
from html import escape
from importlib import metadata

import pandas as pd

from swtoolkit import __version__, charts, regions
from swtoolkit.cleaning.checks import whole_region
from swtoolkit.codebook import DENOMINATORS, codebook, units
from swtoolkit.models.comparability import is_dated, merge_facts
from swtoolkit.models.ratios import BOUND_SYMBOL, latest_levels, ratio_table
from swtoolkit.provenance import source_note, split_figure_ids
from swtoolkit.reports import findings, phrasing
from swtoolkit.reports.audit import Claim
from swtoolkit.reports.blocks import (
    Html,
    Numbering,
    bullet_list,
    image,
    paragraph,
    section_heading,
    table,
    title_block,
    toc,
)
from swtoolkit.reports.inputs import (  # noqa: F401  (re-exported for notebooks and tests)
    edition_rows,
    load_clean,
    resolve_region_parameter,
)

log = logging.getLogger(__name__)

SECTIONS = [("findings", "主要发现", "Key findings"), ("figures", "主要数据", "Key figures"),
            ("subregions", "下辖地区比较", "Sub-regions compared"), ("series", "时间序列", "Series over time"),
            ("growth", "增长与差距", "Growth and gaps"), ("national", "全国对照", "National context"),
            ("methods", "方法", "Methods"), ("appendix", "数据附录", "Data appendix"),
            ("cite", "引用方式", "How to cite")]
# The ratios a report compares across its sub-regions: (numerator, denominator, scale, label zh, en). One list for
# the region and the comparison reports. Left out on purpose: funding per station (funding figures are flows over
# periods that differ between prefectures) and certified social workers per station (the numerator counts every
# certified worker of a prefecture, not those at its stations).
RATIOS = [("station_staff", "township_stations", 1.0, "每站工作人员", "Staff per station"),
          ("station_staff_certified", "station_staff", 100.0, "驻站人员持证比例（%）",
           "Certified share of station staff (%)")]
MODEL_NAMES = {"gap": "目标差距 Gap to target", "required_growth": "所需增速 Required growth",
               "cagr": "复合年增长率 CAGR", "projection": "情景推算 Scenario projection",
               "loglinear": "对数线性趋势 Log-linear trend", "logistic": "逻辑斯蒂覆盖 Logistic coverage",
               "attainment": "达标时间 Attainment year", "staffing_gap": "配备标准缺口 Staffing-norm gap",
               "gini": "基尼系数 Gini", "theil": "泰尔指数 Theil", "sigma": "σ收敛 σ-convergence"}
# Funding is left out: the prefectures' funding figures are flows over different periods and of different scopes.
SUBREGION_INDICATORS = ["township_stations", "station_staff", "station_staff_certified", "certified_social_workers"]
PACKAGES = ["swtoolkit", "pandas", "statsmodels", "matplotlib", "papermill", "nbconvert", "weasyprint", "cn2an"]


def format_value(value: float | None, qualifier: str, unit: str, low: float | None = None,
                 high: float | None = None) -> str:
    """'≥20,000 人', '63.7%', '600–1,000 元': the cleaned value with its bound symbol and unit."""
    unit_zh = units().loc[unit, "zh"] if unit in units().index else unit
    if qualifier == "range":
        return f"{low:,.10g}–{high:,.10g} {unit_zh}"
    number = f"{value:,.10g}"
    if unit == "percent":
        return f"{BOUND_SYMBOL[qualifier]}{number}%"
    return f"{BOUND_SYMBOL[qualifier]}{number} {unit_zh}"


@dataclass
class RegionReport:
    """Everything one region's report shows, computed from the clean data."""

    region: regions.Region
    clean: pd.DataFrame
    numbering: Numbering = field(default_factory=Numbering)
    results: pd.DataFrame | None = None
    used: set[str] = field(default_factory=set)  # figure ids shown so far: the appendix lists exactly these
    claims: list[Claim] = field(default_factory=list)  # every sentence, table row and chart, for `swtoolkit audit`
    draw_charts: bool = True  # the audit lists charts without drawing them
    config: str | None = None  # report.toml to read (None: the project's)

    @classmethod
    def load(cls, region: str, figures: str | None = None, results: str | None = None,
             config: str | None = None) -> RegionReport:
        """The report of `region` over its own slice of the figures and results (stages.report_slice).

        Parameters are the notebook's: `figures` is a figures.parquet (default: data/clean's), `results` a
        results.parquet written by the fit stage (default: fitted now), `config` a report.toml (default: the
        project's). Raises ParameterError for a region without figures, CleanDataError for a broken input file.
        """
        from swtoolkit import stages

        clean = load_clean(figures)
        found = resolve_region_parameter(region, clean)
        table = findings.load_model_results(clean, results)
        own, own_results = stages.report_slice(found.code, clean, table)
        return cls(found, own.reset_index(drop=True), results=own_results.reset_index(drop=True), config=config)

    @property
    def digest(self) -> str:
        """sha256 of what this report reads (its figures and results slices); part of its build key."""
        from swtoolkit.stages import inputs_digest

        if not hasattr(self, "_digest"):
            self._digest = inputs_digest(self.clean, self.results)
        return self._digest

    # -- selections -------------------------------------------------------------------------------------------
    @property
    def own(self) -> pd.DataFrame:
        """Region-wide figures of this region (places inside it are listed in the appendix only)."""
        return self.clean[(self.clean["region_code"] == self.region.code)]

    @property
    def children(self) -> pd.DataFrame:
        table = regions.region_table()
        return table[table["parent_code"] == self.region.code]

    @property
    def as_of(self) -> str:
        """The latest dated figure's date, in words with its precision (undated figures never set it)."""
        levels = self.own[self.own["kind"].isin(["actual", "cumulative"])]
        rows = [r for r in levels.to_dict("records") if is_dated(r)]
        if not rows:
            return "无有日期的数据 no dated figure"
        last = max(rows, key=lambda r: r["ref_date"])
        return f"{phrasing.figure_date(last, 'zh')} {phrasing.figure_date(last, 'en')}"

    @property
    def figures(self) -> dict[str, dict]:
        """Clean rows by figure_id (the sentences read bounds, dates and scopes from here)."""
        if not hasattr(self, "_figures"):
            self._figures = {str(r["figure_id"]): r for r in self.clean.to_dict("records")}
        return self._figures

    def _claim(self, block: str, kind: str, text: str, figure_ids, gates: str = "") -> None:
        ids = [i for i in figure_ids if i]
        self.claims.append(Claim(self.region.code, block, kind, text, ";".join(ids), gates))

    def _note(self, figure_ids) -> str:
        """Source note for the figures a block shows; remembers them for the data appendix."""
        ids = split_figure_ids(i for i in figure_ids if i)  # a merged fact names its statements ';'-joined
        self.used.update(ids)
        return source_note(ids, self.clean)

    # -- blocks --------------------------------------------------------------------------------------------------
    def title_page(self, parameters: dict | None = None) -> Html:
        """Region, publisher and edition from report.toml, data as of, toolkit and data version.

        The build parameters are not shown here; the reproducibility footer lists them.
        """
        r = self.region
        return title_block(
            f"{r.name_zh}社会工作人才与乡镇（街道）社工站发展报告",
            f"{r.name_en}: social-work workforce and township social-work stations",
            [("地区 Region", f"{r.name_zh} {r.name_en} ({r.code})"), ("数据截至 Data as of", self.as_of),
             *edition_rows(self.digest, self.config)])

    def toc(self) -> Html:
        return toc(SECTIONS)

    def section(self, key: str) -> Html:
        return section_heading(SECTIONS, key)

    def key_findings(self) -> Html:
        sentences = self._findings()
        if not sentences:
            return paragraph("本地区数据太少，无法形成主要发现。 Too few figures for key findings.")
        return bullet_list(sentences, css="findings")

    def model_sentences(self, models: tuple[str, ...] = findings.FINDING_MODELS, limit: int | None = 3,
                        region_code: str | None = None, block: str = "findings") -> list[str]:
        """Sentences for the allowed model results of a region (phrasing.result_sentence), recorded as claims."""
        if self.results is None:
            return []
        out = []
        latest = self._latest_date(region_code or self.region.code)
        for result, companions in findings.quoted_with_companions(self.results, region_code or self.region.code,
                                                                   models):
            if (block == "findings" and result["model"] in findings.TARGET_MODELS and latest
                    and str(result.get("end_date") or "") < latest):
                continue  # a target whose date has passed by the latest data: the growth table shows it
            if block == "findings" and result["indicator"] in DENOMINATORS:
                continue  # population and division counts are context, not findings
            said = phrasing.result_sentence(result, self.figures, companions)
            if said is None:
                continue
            text = f"{said[0]} {said[1]}"
            if text in out:
                continue  # one statement of a fact per finding (two result rows can read the same figures)
            self._claim(block, "sentence", text, phrasing.figure_ids_of(result), str(result["reason"]))
            out.append(text)
            if limit is not None and len(out) >= limit:
                break
        return out

    def _latest_date(self, region_code: str) -> str:
        """ISO date of the region's latest dated level ('' when it has none)."""
        rows = self.clean[(self.clean["region_code"] == region_code) & self.clean["kind"].isin(["actual",
                                                                                               "cumulative"])]
        dated = [str(r["ref_date"]) for r in rows.to_dict("records") if is_dated(r)]
        return max(dated, default="")

    def _findings(self) -> list[str]:
        return self.model_sentences() + self.level_sentences() + self.ranking_sentences()

    def level_sentences(self) -> list[str]:
        """The latest level of the headline indicators (dated before undated), each with its date and scope."""
        out = []
        for indicator in ("certified_social_workers", "sw_talent_total", "township_stations", "station_staff"):
            latest = latest_levels(self.clean, indicator, [self.region.code])
            if latest.empty:
                continue
            row = {**latest.iloc[0].to_dict(), "indicator": indicator}
            zh, en = phrasing.level_sentence(self.region.name_zh, self.region.name_en, row)
            gate = "latest dated figure" if is_dated(row) else "no dated figure: the undated one is shown as undated"
            self._claim("findings", "sentence", f"{zh} {en}", [row["figure_id"]], gate)
            out.append(f"{zh} {en}")
            parts = [] if is_dated(row) else self._dated_parts(indicator)
            if parts:
                zh, en = phrasing.parts_sentence(self.region.name_zh, self.region.name_en, parts)
                self._claim("findings", "sentence", f"{zh} {en}", [r["figure_id"] for r in parts],
                            "the total is undated: the dated parts are shown beside it, never added up")
                out.append(f"{zh} {en}")
        return out

    def _dated_parts(self, indicator: str) -> list[dict]:
        """The latest dated levels of named parts (``subset``) of this region for one indicator, as clean rows."""
        own = self.own
        rows = own[(own["indicator"] == indicator) & own["kind"].isin(["actual", "cumulative"])
                   & own["place"].eq("") & own["subset"].ne("") & own["value"].notna()]
        dated = [r for r in rows.to_dict("records") if is_dated(r)]
        if not dated:
            return []
        last = max(r["ref_date"] for r in dated)
        return sorted((r for r in dated if r["ref_date"] == last), key=lambda r: r["figure_id"])

    def ranking_sentences(self) -> list[str]:
        """Highest and lowest sub-region of each ratio, where at least three are comparable."""
        out = []
        for numerator, denominator, scale, zh, en in RATIOS:
            ranked = ratio_table(self.clean, numerator, denominator, list(self.children["code"]), scale)
            if len(ranked) >= 3:
                top, bottom = ranked.iloc[0], ranked.iloc[-1]
                names, names_en = self._names(), self._names("en")
                left_out = len(ranked.attrs["refused"])
                extra_zh = f"另有{left_out}个地区因日期或口径不可比未排名" if left_out else ""
                extra_en = f"; {left_out} more left unranked (dates or definitions not comparable)" if left_out else ""
                text = (f"{zh}在{len(ranked)}个口径一致、日期相近的下辖地区中，{names[top['region_code']]}最高"
                        f"（{top['bound']}{top['ratio']:.2f}），{names[bottom['region_code']]}最低"
                        f"（{bottom['bound']}{bottom['ratio']:.2f}）{'；' + extra_zh if extra_zh else ''}。 {en}: "
                        f"highest {names_en[top['region_code']]}, lowest {names_en[bottom['region_code']]} among "
                        f"{len(ranked)} sub-regions with comparable figures{extra_en}.")
                self._claim("findings", "sentence", text, split_figure_ids(ranked["figure_ids"]),
                            "numerator and denominator dated ≤ 6 months apart; one definition scope")
                out.append(text)
        return out

    def key_figures(self, sources: set[str] | None = None) -> Html:
        """The region's own figures as written and as cleaned (only those of ``sources`` when given)."""
        own = self.own[self.own["place"].eq("")].sort_values(["indicator", "ref_date", "figure_id"])
        if sources is not None:
            own = own[own["source_id"].isin(sources)]
        if own.empty:
            return paragraph("本地区没有全域数据。 No region-wide figures for this region.")
        book = codebook()
        shown = pd.DataFrame({
            "指标 Indicator": [f"{book.loc[k, 'name_zh']} {book.loc[k, 'name_en']}" + (f" [{part}]" if part else "")
                             + phrasing.scope_note({"scope": sc})
                             for k, part, sc in zip(own["indicator"], own["subset"], own["scope"], strict=True)],
            "类型 Kind": own["kind"],
            "数值 Value": [format_value(v, q, u, lo, hi) for v, q, u, lo, hi in
                         zip(own["value"], own["qualifier"], own["unit"], own["value_low"], own["value_high"],
                             strict=True)],
            "原文 As written": own["value_as_written"],
            "日期 Date": [phrasing.figure_date(r) for r in own.to_dict("records")],
            "编号 Figure": own["figure_id"],
        })
        for r in own.to_dict("records"):
            self._claim("figures", "table_row", f"{r['indicator']} {r['value_as_written']} "
                        f"{phrasing.figure_date(r)}", [r["figure_id"]], "as written")
        caption = self.numbering.next_table("key figures") + f" {self.region.name_zh}主要数据 Key figures"
        return table(shown, caption, self._note(own["figure_id"]), numeric=("数值 Value",))

    def _date_of(self, figure_ids: str, which: int) -> str:
        """The date in words of the numerator (0) or denominator (1) of a ratio row ('A B', each possibly 'A;A2')."""
        first = figure_ids.split()[which].split(";")[0]
        return phrasing.figure_date(self.figures[first])

    def _names(self, lang: str = "zh") -> pd.Series:
        table_ = regions.region_table().set_index("code")
        return table_["short_zh" if lang == "zh" else "name_en"]

    def subregion_table(self, indicators: list[str] | None = None, ratios: list[tuple] | None = None) -> Html:
        """Latest figures of each sub-region side by side, then league tables of ratios with their denominators."""
        codes = list(self.children["code"])
        blocks = []
        values = {k: latest_levels(self.clean, k, codes) for k in (indicators or SUBREGION_INDICATORS)}
        have = sorted(set().union(*[set(v.index) for v in values.values()]))
        if not have:
            return paragraph("没有下辖地区的数据。 No figures for sub-regions.")
        book = codebook()
        frame = pd.DataFrame({"地区 Region": [f"{self._names()[c]} {self._names('en')[c]}" for c in have]})
        ids = []
        for key, found in values.items():
            frame[f"{book.loc[key, 'name_zh']}"] = [
                format_value(found.loc[c, "value"], found.loc[c, "qualifier"], book.loc[key, "unit"])
                + phrasing.scope_note(found.loc[c].to_dict())
                + f" ({phrasing.figure_date(found.loc[c].to_dict())})" if c in found.index else "—" for c in have]
            ids += list(found["figure_id"])
            for c in found.index:
                self._claim("subregions", "table_row", f"{c} {key} {found.loc[c, 'value_as_written']}",
                            [found.loc[c, "figure_id"]], "latest figure (dated before undated)")
        caption = self.numbering.next_table("sub-regions") + " 下辖地区主要数据 Sub-regions: latest figures (date)"
        note = self._note(ids)
        if any(str(sc) for found in values.values() for sc in found.get("scope", [])):
            note = ("同一列中的数字口径可能不同（见各格“口径”），仅并列展示，不作比较。 Figures in one column may "
                    "differ in definition (see each cell's scope): they are listed side by side, not compared. ") + note
        blocks.append(table(frame, caption, note))
        for numerator, denominator, scale, zh, en in (RATIOS if ratios is None else ratios):
            ranked = ratio_table(self.clean, numerator, denominator, codes, scale)
            refused = ranked.attrs["refused"]
            if len(ranked) < 2:
                blocks.append(paragraph(f"{zh}：可比的地区不足两个，不作排名。 {en}: fewer than two sub-regions with "
                                        "comparable figures; no league table."))
            else:
                blocks.append(self._ratio_block(ranked, zh, en, numerator, denominator, scale))
            if not refused.empty:
                items = [f"{self._names()[r.region_code]} {self._names('en')[r.region_code]}: {r.reason}"
                         for r in refused.itertuples()]
                for r in refused.itertuples():
                    self._claim("subregions", "refusal", f"{zh} {en}: {r.region_code} not ranked",
                                r.figure_ids.split(), r.reason)
                blocks.append(paragraph(f"{zh}未排名的地区及原因 Not ranked, and why:"))
                blocks.append(bullet_list(items))
        return Html("".join(b.body for b in blocks))

    def _ratio_block(self, ranked: pd.DataFrame, zh: str, en: str, numerator: str, denominator: str,
                     scale: float) -> Html:
        book = codebook()
        names = self._names()
        shown = pd.DataFrame({
            "排名 Rank": ranked["rank"],
            "地区 Region": [names[c] for c in ranked["region_code"]],
            f"{book.loc[numerator, 'name_zh']}（分子）": [
                f"{v:,.10g} ({self._date_of(ids, 0)})" for v, ids in zip(ranked["numerator"], ranked["figure_ids"],
                                                                       strict=True)],
            f"{book.loc[denominator, 'name_zh']}（分母）": [
                f"{v:,.10g} ({self._date_of(ids, 1)})" for v, ids in zip(ranked["denominator"], ranked["figure_ids"],
                                                                       strict=True)],
            f"{zh} {en}": [f"{b}{r:.2f}" for b, r in zip(ranked["bound"], ranked["ratio"], strict=True)],
        })
        note = self._note(split_figure_ids(ranked["figure_ids"]))
        caption = self.numbering.next_table(en) + f" {zh} {en}（分子、分母及其日期 numerator, denominator, dates）"
        tbl = table(shown, caption, note, numeric=(f"{zh} {en}",))
        for r in ranked.itertuples():
            self._claim("subregions", "table_row", f"{en}: {r.region_code} rank {r.rank} {r.bound}{r.ratio:.2f}",
                        r.figure_ids.split(), "dated ≤ 6 months apart; one definition scope")
        chart_caption = self.numbering.next_figure(en) + f" {zh} {en}"
        self._claim("subregions", "chart", chart_caption, split_figure_ids(ranked["figure_ids"]),
                    "the ranked rows of the table above")
        if not self.draw_charts:
            return tbl
        fig = charts.ratio_bars(ranked, names, f"{zh} {en}", percent=scale == 100.0)
        return Html(tbl.body + image(charts.to_svg(fig), chart_caption, note, f"{zh} {en}").body)

    def series_charts(self) -> Html:
        """One chart per indicator and definition scope with at least two dated levels, or a level and a target.

        Only dated figures are drawn (an undated one has no place on a time axis) and a figure restating another
        is one point; the figures left out are named under the chart.
        """
        blocks, charted = [], 0
        own = self.own[whole_region(self.own) & self.own["value"].notna()]  # a named part is not a level
        book = codebook()
        parts = [(indicator, scope, group, kind) for (indicator, scope), group in own.groupby(["indicator", "scope"])
                 for kind in (sorted(set(group["kind"]) & {"actual", "cumulative"}) or ["actual"])]
        for indicator, scope, group, kind in parts:
            # stock and cumulative figures are not one series: each kind is its own chart
            levels = group[group["kind"] == kind]
            kept = [r for r in merge_facts(levels.to_dict("records")) if is_dated(r)]
            shown = set(split_figure_ids(r["figure_id"] for r in kept))
            left = [r for r in levels.to_dict("records") if r["figure_id"] not in shown]
            points = pd.DataFrame(kept, columns=group.columns).sort_values("ref_date")
            targets = group[(group["kind"] == "target") & group["target_type"].isin(["level", ""])]
            if kind != "actual":
                targets = targets.iloc[:0]  # a level target is drawn beside the stock, never a cumulative count
            if points["ref_date"].nunique() < 2 and not (len(points) >= 1 and len(targets) >= 1):
                continue
            label = f"{book.loc[indicator, 'name_zh']} {book.loc[indicator, 'name_en']}"
            if kind == "cumulative" and set(group["kind"]) >= {"actual", "cumulative"}:
                label += "（累计口径）"
            label += phrasing.scope_note({"scope": scope})
            ids = split_figure_ids(list(points["figure_id"]) + list(targets["figure_id"]))
            note = self._note(ids)
            if left:
                note += " 未绘出 Not drawn: " + "; ".join(
                    f"{r['figure_id']} {r['value_as_written']} ({phrasing.figure_date(r)})" for r in left) + "."
            caption = self.numbering.next_figure(label) + " " + label
            self._claim("series", "chart", caption, ids, "dated figures of one definition; targets as targets")
            charted += 1
            if not self.draw_charts:
                continue
            fig = charts.series(points, targets, label, percent=book.loc[indicator, "unit"] == "percent")
            blocks.append(image(charts.to_svg(fig), caption, note, label))
        if not charted:
            return paragraph("没有可以绘制的时间序列（少于两个有日期的数据点，且无目标值）。 "
                             "No series to chart: fewer than two dated figures and no target.")
        return Html("".join(b.body for b in blocks))

    def growth_and_gaps(self) -> Html:
        """Model results the gatekeeper and the comparability gate allowed, each with its sentence and source."""
        pairs = (findings.quoted_with_companions(self.results, self.region.code, findings.QUOTED_MODELS)
                 if self.results is not None else [])
        rows, seen = [], set()
        for result, companions in pairs:
            said = phrasing.result_sentence(result, self.figures, companions)
            if said is None or (result["model"], said) in seen:
                continue  # two result rows on restatements of one fact say the same: one row
            seen.add((result["model"], said))
            rows.append({"模型 Model": MODEL_NAMES.get(result["model"], result["model"]),
                         "结果 Result": phrasing.result_value(result, self.figures)
                         or _estimate(result["estimate"], result["unit"], result["low"], result["high"]),
                         "说明 Statement": f"{said[0]} {said[1]}", "点数 n": result["n_points"],
                         "_ids": str(result["figure_ids"])})
            self._claim("growth", "table_row", f"{said[0]} {said[1]}", phrasing.figure_ids_of(result),
                        str(result["reason"]))
        if not rows:
            return paragraph("本地区的数据不足以支持增长或差距模型（原因见“方法”）。 "
                             "The data for this region support no growth or gap model; the reasons are listed under "
                             "Methods.")
        shown = pd.DataFrame(rows)
        ids = split_figure_ids(shown.pop("_ids"))
        note = self._note(ids) if ids else "资料来源 Source: derived from the figures above."
        caption = self.numbering.next_table("growth and gaps") + " 增长与差距 Growth and gaps"
        return table(shown, caption, note, numeric=("结果 Result",))

    def national_context(self) -> Html:
        """The region's density of certified social workers and its growth against the national figures, both
        dated, each refused with its reason where the comparability gate does not allow it
        (swtoolkit.models.national). The national report itself shows its density series instead."""
        from swtoolkit.models.national import national_context

        r = self.region
        if r.code == regions.COUNTRY_CODE:
            return self._national_densities()
        sentences, ids = [], []
        for comparison in national_context(self.clean, r.code):
            zh, en = phrasing.national_context_sentence(comparison, r.name_zh, r.name_en, self.figures)
            self._claim("national", "sentence" if comparison.allowed else "refusal", f"{zh} {en}",
                        comparison.figure_ids, comparison.reason)
            sentences.append(f"{zh} {en}")
            ids += comparison.figure_ids
        ids = [i for i in ids if i in self.figures or ";" in i]
        note = paragraph(self._note(ids), css="source") if ids else Html("")
        return Html(bullet_list(sentences).body + note.body)

    def _national_densities(self) -> Html:
        """The national report: certified social workers per 10,000 residents, nation and provinces, where a count
        and a population figure are dated close enough (swtoolkit.models.density)."""
        from swtoolkit.models.density import density_points

        points, refused = density_points(self.clean)
        if points.empty:
            return paragraph("没有可与人口数据对应的持证社工数。 No count of certified social workers is dated close "
                             "enough to a population figure.")
        names, names_en = self._names(), self._names("en")
        shown = pd.DataFrame({
            "地区 Region": [f"{names[c]} {names_en[c]}" for c in points["region_code"]],
            "每万人 Per 10,000": [f"{v:.2f}" if f"{lo:.2f}" == f"{hi:.2f}" else f"{lo:.2f}–{hi:.2f}"
                                for v, lo, hi in zip(points["value"], points["low"], points["high"], strict=True)],
            "日期 Date": [phrasing.result_date(d) for d in points["ref_date"]],
            "人口日期 Population dated": [phrasing.result_date(d) for d in points["population_date"]],
        })
        ids = [f for fs in points["figure_ids"] for f in fs]
        for p in points.itertuples(index=False):
            self._claim("national", "table_row", f"{p.region_code} density {p.value:.2f} {p.ref_date}",
                        list(p.figure_ids), f"count and population {p.days_apart} days apart")
        caption = (self.numbering.next_table("density") + " 每万名常住人口持证社会工作者 Certified social workers per "
                   "10,000 residents")
        left = (f"另有{len(refused)}个日期点因与人口数据相距超过一年而未计算。 {len(refused)} more dated counts are "
                "more than a year from any population figure and are not divided.") if len(refused) else ""
        return Html(table(shown, caption, self._note(ids), numeric=("每万人 Per 10,000",)).body
                    + (paragraph(left).body if left else ""))

    def methods(self) -> Html:
        items = [
            "数值按原文转录并定位（文件数字按字符偏移，网页数字按网址加几字上下文说明），万、亿已换算；“超过、以上、不少于”只给下限；“余、多”表示超过该数、"
            "不足下一个取整单位（1600多→1600至1700）；写到万位的数（4.4万）按其取整单位视为区间。"
            " Figures are transcribed as written and located (in a stored document by character offset, on a web "
            "page by its address and a few words of context); 余/多 mean more than the figure "
            "and below the next rounding unit (1600多 → 1,600 to 1,700); a figure written to a unit such as 万 is "
            "an interval at that unit (4.4万 → 43,500 to 44,500).",
            "日期按精度表述：写明的日期照录；“目前”等取文件日期（文件日期为估计时注明）；未注明日期的数字只知在文件日期"
            "之前，不作为“最新”数据，也不进入时间序列；“2021年以前”只是上界。 Dates keep their precision: an "
            "undated figure lies somewhere before its document's date, is never taken as the latest while a dated "
            "figure exists, and is never a point of a series; “before 2021” is only a bound.",
            "比较只在同一口径之间进行（如专兼职合计与驻站人员不比较）；比率的分子与分母相隔不超过六个月；只有已采纳的"
            "配备标准才用于计算缺口，建议和做法只作说明；累计培养目标不与存量相比。 Comparisons are made only within "
            "one definition scope; numerators and denominators at most six months apart; only adopted norms give "
            "gaps (proposals and practices are described); a cumulative training target is never set against a "
            "stock.",
            "比率的分子与分母各自注明日期。 Numerators and denominators of ratios carry their own dates.",
            "目标值与标准仅作参照，不作为数据点。 Targets and norms are references, never data points.",
            "不同定义（持证社工、累计通过考试、专业人才总量）不混合。 Definition families are never mixed.",
        ]
        refused = findings.refusals(self.results, self.region.code) if self.results is not None else pd.DataFrame()
        shown = [f"未使用 Not used ({n} series): {reason}" for reason, n in
                 zip(refused.get("reason", []), refused.get("series", []), strict=True)]
        for text in shown:
            self._claim("methods", "refusal", text, [], text)
        return bullet_list(items + shown)

    def data_appendix(self, include_places: bool = True) -> Html:
        """Every figure the report used (and, for a region report, the figures about places inside it)."""
        chosen = self.clean["figure_id"].isin(self.used)
        if include_places and self.region.code != regions.COUNTRY_CODE:  # the national report: what it used
            within = self.clean["region_code"].map(lambda c: regions.is_within(c, self.region.code))
            chosen |= within & self.clean["place"].ne("")
        inside = self.clean[chosen]
        inside = inside.sort_values(["source_id", "locator"])
        shown = pd.DataFrame({
            "编号 Figure": inside["figure_id"], "地区 Region": inside["region_name"], "地点 Place": inside["place"],
            "指标 Indicator": inside["indicator"], "原文 As written": inside["value_as_written"],
            "日期原文 Date as written": inside["date_as_written"], "清洗值 Clean": [
                format_value(v, q, u, lo, hi) for v, q, u, lo, hi in
                zip(inside["value"], inside["qualifier"], inside["unit"], inside["value_low"], inside["value_high"],
                    strict=True)],
            "日期 Date": [phrasing.figure_date(r) for r in inside.to_dict("records")], "类型 Kind": inside["kind"]})
        for r in inside.to_dict("records"):
            self._claim("appendix", "table_row", f"{r['figure_id']} {r['value_as_written']}", [r["figure_id"]],
                        "as written and as cleaned")
        caption = self.numbering.next_table("data appendix") + " 本报告所用数据及区内地点数据 Every figure used, " \
            "and figures about places within the region"
        note = self._note(inside["figure_id"]) + " Full data: data/clean/figures.csv; codebook: " \
            "data/clean/codebook.csv."
        return table(shown, caption, note)

    def how_to_cite(self) -> Html:
        return Html(
            "<div class='cite'><p>swtoolkit contributors. "
            f"{_e(self.region.name_en)} social-work workforce report ({_e(self.region.name_zh)}), "
            f"swtoolkit {_e(__version__)}, inputs sha256 {_e(self.digest[:12])}. See CITATION.cff.</p>"
            "<p>Licence: code MIT; the compiled dataset CC BY 4.0 (figures remain attributable to their sources)."
            "</p></div>")

    def footer(self, parameters: dict) -> Html:
        versions = ", ".join(f"{p} {_version(p)}" for p in PACKAGES)
        return Html(
            "<footer class='repro'><p>可复现信息 Reproducibility: "
            f"Python {_e(platform.python_version())}; {_e(versions)}; parameters {_e(repr(parameters))}; "
            f"inputs sha256 {_e(self.digest)}.</p></footer>")


def _estimate(value: float, unit: str, low: float, high: float) -> str:
    """A model estimate for the results table: 8.1% [7.8%, 8.4%], 15,500, 2028.1 (in English number style)."""
    if pd.isna(value):
        return ""
    if str(unit).startswith("fraction"):
        text = f"{value * 100:.1f}%"
        bounds = (f"{low * 100:.1f}%", f"{high * 100:.1f}%")
    elif unit == "decimal year":
        text, bounds = f"{value:.1f}", (f"{low:.1f}", f"{high:.1f}")
    else:
        text = phrasing.number_en(value, unit)
        bounds = (phrasing.number_en(low, unit), phrasing.number_en(high, unit))
    if not (pd.isna(low) or pd.isna(high)):
        text += f" [{bounds[0]}, {bounds[1]}]"
    return text


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _e(text: object) -> str:
    return escape(str(text))
