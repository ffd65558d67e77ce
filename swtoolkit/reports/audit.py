"""`swtoolkit audit`: every claim of every report — sentence, table row, chart, refusal — with the figures it rests
on and the gate decisions behind it, as CSV and as one readable HTML page.

The report blocks record their claims as they are built (``RegionReport.claims``); the audit builds each report's
content in this process, without a kernel and without drawing charts, through the same block functions the
notebooks call (:data:`REGION_BLOCKS`), so it lists exactly what the reports say.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

log = logging.getLogger(__name__)

AUDIT_CSV = "audit.csv"
AUDIT_HTML = "audit.html"
COLUMNS = ["report", "block", "kind", "text", "figure_ids", "gates"]
#: The published audit.csv: the claims' columns, then the gate decisions in a reader's words (gates_zh, gates_en:
#: phrasing.gate_words, the words the reports use for their refusals); ``gates`` keeps the machine rule.
TABLE_COLUMNS = [*COLUMNS, "gates_zh", "gates_en"]
#: The report blocks and claim kinds in words (audit.html).
BLOCK_WORDS = {"title": "封面 Title page", "findings": "主要发现 Key findings", "figures": "主要数据 Key figures",
               "subregions": "下辖地区 Sub-regions", "series": "变化 Change over time",
               "growth": "增长与差距 Growth and gaps", "national": "全国对照 National context",
               "limits": "局限 Limitations", "appendix": "数据附录 Data appendix",
               "inequality": "地区差异 Inequality", "methods": "方法 Methods"}
KIND_WORDS = {"sentence": "句子 sentence", "table_row": "表格行 table row", "chart": "图 chart",
              "cards": "数字卡片 figure cards", "note": "注释 note", "refusal": "未计算 not computed",
              "refused": "清洗拒收 set aside in data cleaning"}
#: The blocks of a full region report, in the order the notebook shows them (content.SECTION_BLOCKS; a brief shows
#: some of them: RegionReport.section_keys).
REGION_BLOCKS = ("key_findings", "key_figures", "subregion_table", "series_charts", "growth_and_gaps",
                 "national_context", "methods", "limitations", "data_appendix")
COMPARISON_BLOCKS = ("key_findings", "national_context", "provinces", "prefectures", "inequality", "methods",
                     "limitations", "data_appendix")


@dataclass(frozen=True)
class Claim:
    """One thing a report says: in which report and block, what kind (sentence, table_row, chart, refusal), its
    text, the figure ids it rests on (``;``-joined) and the gate decisions or rules behind it."""

    report: str
    block: str
    kind: str
    text: str
    figure_ids: str
    gates: str


def region_claims(region_code: str, clean: pd.DataFrame, results: pd.DataFrame,
                  refused: pd.DataFrame | None = None, conflicts: pd.DataFrame | None = None) -> list[Claim]:
    """The claims of one region's report, built as the notebook builds it (charts listed, not drawn); `refused`:
    the figures set aside in data cleaning for the region (inputs.load_refusals), named in its limitations; `conflicts`:
    the region's checks.csv conflict rows (inputs.load_conflicts)."""
    from swtoolkit import regions
    from swtoolkit.reports.content import RegionReport

    report = RegionReport(regions.get(region_code), clean, results=results, draw_charts=False, refused=refused,
                            conflicts=conflicts)
    for key in report.section_keys:  # the sections the notebook shows, full report or brief
        report.show(key)
    return report.claims


#: Tag of a report notebook's hidden cell that prints the claims its report made (see `claims_record`).
CLAIMS_RECORD_TAG = "claims-record"


def report_ledger(report) -> list[Claim]:
    """The claims a RegionReport or a ComparisonReport (one ledger shared by both halves, listed as the report
    ``comparison``) has recorded so far."""
    if hasattr(report, "national"):
        return [Claim("comparison", c.block, c.kind, c.text, c.figure_ids, c.gates) for c in report.national.claims]
    return list(report.claims)


def claims_record(report) -> str:
    """JSON list of every claim `report` made (dicts with the keys :data:`COLUMNS`), printed by the report
    notebook's last hidden cells (tag :data:`CLAIMS_RECORD_TAG`) once every block has been shown: the claims of the
    very run that produced the report, which the build's audit reads back (`recorded_claims`) instead of building
    the report's content a second time."""
    return json.dumps([asdict(c) for c in report_ledger(report)], ensure_ascii=False)


def recorded_claims(notebook) -> pd.DataFrame | None:
    """The claims an executed report notebook (nbformat node) printed in its claims-record cell, as a frame with the
    columns :data:`COLUMNS`; None when it has no such cell or its output is not a list of claims."""
    from swtoolkit.stages import cell_record

    claims = cell_record(notebook, CLAIMS_RECORD_TAG)
    if not isinstance(claims, list) or not all(isinstance(c, dict) and set(c) == set(COLUMNS) for c in claims):
        return None
    return pd.DataFrame(claims, columns=COLUMNS).astype(str)


def comparison_claims(clean: pd.DataFrame, results: pd.DataFrame) -> list[Claim]:
    from swtoolkit.reports.comparison import SECTIONS as COMPARISON_SECTIONS
    from swtoolkit.reports.comparison import ComparisonReport

    report = ComparisonReport.from_tables(clean, results, draw_charts=False)
    report.attach_checks()  # refused rows without a region and every region's conflicts, as the notebook loads them
    for key, _, _ in COMPARISON_SECTIONS:  # the sections the notebook shows
        report.show(key)
    claims = report.national.claims  # one ledger, shared by both halves of the report
    return [Claim("comparison", c.block, c.kind, c.text, c.figure_ids, c.gates) for c in claims]


def audit(out: Path, regions: list[str] | None = None) -> pd.DataFrame:
    """Write ``audit.csv`` and ``audit.html`` into ``out`` for the given report regions (default: every report).

    Returns
    -------
    DataFrame with the columns :data:`TABLE_COLUMNS`, one row per claim, in report and block order.
    """
    from swtoolkit.models import fit_all
    from swtoolkit.reports.inputs import load_clean

    clean = load_clean()
    table = with_words(audit_table(clean, fit_all(clean), regions), clean)
    write_tables(out, table, clean)
    return table


def with_words(table: pd.DataFrame, clean: pd.DataFrame | None = None) -> pd.DataFrame:
    """``table`` (columns :data:`COLUMNS`) with the gate decisions in words added as ``gates_zh`` and ``gates_en``
    (reports.phrasing.gate_words, naming figures by their values from ``clean``); the machine rule stays in
    ``gates``. Returns a new frame with the columns :data:`TABLE_COLUMNS`."""
    from swtoolkit.reports import phrasing

    table = table.astype(str).reindex(columns=COLUMNS, fill_value="")
    figures = {str(r["figure_id"]): r for r in clean.to_dict("records")} if clean is not None else {}

    def indicators(ids: str) -> tuple[str, ...]:
        """The indicators of a claim's figures, so a refusal names its indicator (editor2 s28: 'The indicator:
        …' named none)."""
        keys = (str(figures[i].get("indicator", "")) for i in re.split(r"[;\s]+", ids) if i in figures)
        return tuple(dict.fromkeys(k for k in keys if k and k != "nan"))

    pairs = list(zip(table["gates"], table["figure_ids"].map(indicators), strict=True))
    said = {p: phrasing.gate_words(p[0], figures, list(p[1])) for p in dict.fromkeys(pairs)}
    return table.assign(gates_zh=[said[p][0] for p in pairs], gates_en=[said[p][1] for p in pairs])


#: Words in a fallback (the models' ``fallback:``) that make it a promise of a computed number beside a refusal: a
#: rate, a trend, a curve, a gap or a table computed instead. A fallback that only lists figures promises nothing.
PROMISING_FALLBACK = ("CAGR", "OLS", "logistic", "growth", "gap", "sensitivity", "intervals")
#: Claim kinds whose content is the figures themselves (cards list them; a chart draws them): a decision to "list
#: the figures" is kept by the claim itself.
SHOWS_FIGURES = ("cards", "chart")


def unkept_promises(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of an audit table (columns :data:`TABLE_COLUMNS`) whose decision words (``gates_zh``) promise a
    computed number (a fallback of :data:`PROMISING_FALLBACK`, in the words of phrasing.FALLBACK_WORDS) that the
    claim's own text does not print (editor 9 N-6: the audit said "only a one-sided rate is computed" beside a
    limitation that computes none). Empty when every promise is kept. Columns as ``table`` plus ``promise``."""
    from swtoolkit.reports.phrasing import FALLBACK_WORDS

    promises = sorted({zh for key, (zh, _) in FALLBACK_WORDS.items() if any(w in key for w in PROMISING_FALLBACK)},
                      key=len, reverse=True)
    found = []
    for row in table.to_dict("records"):
        if str(row.get("kind")) in SHOWS_FIGURES:
            continue
        words, text = str(row.get("gates_zh", "")), str(row.get("text", ""))
        for promise in promises:
            if promise in words and promise not in text:
                found.append({**row, "promise": promise})
                break
    return pd.DataFrame(found, columns=[*table.columns, "promise"])


def audit_table(clean: pd.DataFrame, results: pd.DataFrame, regions: list[str] | None = None) -> pd.DataFrame:
    """Every claim of the reports of ``regions`` (default: every report and the comparison), from the clean table
    and the model results the reports read; one row per claim, columns :data:`COLUMNS`."""
    from swtoolkit.reports.batch import report_regions
    from swtoolkit.reports.inputs import read_checks
    from swtoolkit.reports.runner import COMPARISON_STEM

    checks = read_checks()
    codes = list(regions) if regions is not None else [*report_regions(clean), COMPARISON_STEM]
    frames = [report_claims(code, clean, results, checks) for code in codes]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)


def write_tables(out: Path, table: pd.DataFrame, clean: pd.DataFrame | None = None) -> dict:
    """Write ``audit.csv`` and ``audit.html`` into ``out``, each whole (atomically); returns their manifest entry
    {"status": "ok", "claims": n, "outputs": {"csv"|"html": {"path", "sha256"}}}. A table without the words
    columns gets them here (:func:`with_words`, figures named from ``clean``)."""
    import hashlib

    from swtoolkit.reports.folder import write_atomic_bytes

    if not set(TABLE_COLUMNS) <= set(table.columns):
        table = with_words(table, clean)
    table = table[TABLE_COLUMNS]
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    data = {"csv": table.to_csv(index=False, lineterminator="\n").encode("utf-8"),
            "html": render_html(table).encode("utf-8")}
    names = {"csv": AUDIT_CSV, "html": AUDIT_HTML}
    for kind, blob in data.items():
        write_atomic_bytes(blob, out / names[kind])
    log.info("audit: %d claims in %d reports", len(table), table["report"].nunique())
    return {"status": "ok", "claims": len(table),
            "outputs": {k: {"path": names[k], "sha256": hashlib.sha256(b).hexdigest()} for k, b in data.items()}}


#: Folder (inside the reports folder) of the build audit's per-report parts, one CSV per report.
PARTS_DIR = "audit"


def write_part(out: Path, code: str, claims: pd.DataFrame) -> None:
    """One report's part of the build audit (``out/audit/<code>.csv``), written whole."""
    from swtoolkit.reports.folder import write_atomic_bytes

    write_atomic_bytes(claims.to_csv(index=False, lineterminator="\n").encode("utf-8"), Path(out) / PARTS_DIR /
                       f"{code}.csv")


def report_claims(code: str, clean: pd.DataFrame, results: pd.DataFrame, checks: pd.DataFrame | None = None
                  ) -> pd.DataFrame:
    """The claims of one report (a region code, or ``comparison``) as a frame with the columns :data:`COLUMNS`."""
    from swtoolkit.cleaning.checks import refusals
    from swtoolkit.reports.inputs import conflicts_of, read_checks, with_document_dates
    from swtoolkit.reports.runner import COMPARISON_STEM

    if code == COMPARISON_STEM:
        claims = comparison_claims(clean, results)
    else:
        checks = read_checks() if checks is None else checks
        conflicts = conflicts_of(checks, code)  # the region's and its sub-regions', as the notebook loads them
        # the refusals as the notebook loads them (inputs.load_refusals): with their documents' dates, which decide
        # whether a refused figure could bear on a finding (without them `swtoolkit audit` listed a 000000 finding
        # naming a refused figure that the published report does not name)
        claims = region_claims(code, clean, results, with_document_dates(refusals(checks, code)), conflicts)
    return pd.DataFrame([asdict(c) for c in claims], columns=COLUMNS)


def write_build_audit(out: Path, clean: pd.DataFrame, results: pd.DataFrame | None, reports: dict[str, str],
                      previous: dict | None = None, recorded: frozenset[str] = frozenset()) -> dict:
    """The build's audit (``swtoolkit build``): every claim of the reports published in ``out``, written beside
    them as audit.csv and audit.html, so the reports' references to the audit list hold.

    ``reports`` maps each published report (region code, or ``comparison``) to its cache key. A report's claims
    are kept per report (``out/audit/<code>.csv``) under that key: a report built in this run wrote its part from
    the claims its own notebook recorded (``recorded``: those codes; see `claims_record`), and a report whose key is
    unchanged since the last audit (``previous``, the manifest's entry) is read back; only a report with neither is
    built again here (its content without a kernel, as `swtoolkit audit` does). Nothing is audited without model
    ``results`` (status 'skipped'). Returns the manifest entry, with ``parts`` (code → key) and ``seconds``."""
    import time

    from swtoolkit.reports.inputs import read_checks

    if results is None:  # no fit stage ran (a build without model results): nothing to list the gates of
        return {"status": "skipped", "error": "no model results in this build"}
    started = time.perf_counter()
    out = Path(out)
    parts_dir = out / PARTS_DIR
    parts_dir.mkdir(parents=True, exist_ok=True)
    known = (previous or {}).get("parts", {}) if (previous or {}).get("status") == "ok" else {}
    checks = None
    frames, made = [], 0
    for code, key in reports.items():
        path = parts_dir / f"{code}.csv"
        if (code in recorded or known.get(code) == key) and path.is_file():
            frames.append(pd.read_csv(path, dtype=str, keep_default_na=False))
            continue
        checks = read_checks() if checks is None else checks
        frame = report_claims(code, clean, results, checks)
        write_part(out, code, frame)
        frames.append(frame)
        made += 1
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    entry = write_tables(out, table.astype(str), clean)
    return {**entry, "parts": dict(reports), "audited": made, "seconds": round(time.perf_counter() - started, 1)}


def report_words(code: str) -> tuple[str, str]:
    """(Chinese, English) title of a report in the audit list: the region's names, or the comparison's title."""
    from swtoolkit import regions
    from swtoolkit.errors import UnknownRegionError
    from swtoolkit.reports.runner import COMPARISON_STEM

    if code == COMPARISON_STEM:
        return "地区比较", "Regions compared"
    try:
        found = regions.get(code)
    except UnknownRegionError:
        return code, code
    return found.name_zh, found.name_en


def render_html(table: pd.DataFrame) -> str:
    """One page for readers in Chinese and English: a section per report (titled by the region's names), a row per
    claim with its block and kind in words, the claim as the report says it, the figure ids and the gate decisions
    in words (``gates_zh``, ``gates_en``; the machine rules stay in audit.csv). jinja2 template, autoescaped."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("swtoolkit", "templates"),
                             autoescape=jinja2.select_autoescape(["html"]))
    if not {"gates_zh", "gates_en"} <= set(table.columns):
        table = with_words(table)
    groups = []
    for report, part in table.groupby("report", sort=False):
        rows = [{**r, "block_words": BLOCK_WORDS.get(r["block"], r["block"]),
                 "kind_words": KIND_WORDS.get(r["kind"], r["kind"])} for r in part.to_dict("records")]
        groups.append((report, *report_words(report), rows))
    return env.get_template("audit.html").render(groups=groups, total=len(table))
