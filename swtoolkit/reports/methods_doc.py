"""The build's methods document: the methods every report follows, the definitions of every indicator and scope,
and the limits every report shares, rendered once per build as ``methods.html`` and ``methods.pdf`` in the reports
folder. Briefs (content.report_kind) link it instead of repeating it; the index links it too.

Built without a kernel from the same text the full reports print (content.methods_items, content.SHARED_LIMITS,
content.definitions_table). It reads the clean figures only for the unit words its definitions table names (each
indicator's unit as its figures write it, editor 9 R8b-18), so a data change re-renders it only when those words
change, and a build whose document is unchanged writes nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path

from swtoolkit.reports.folder import write_atomic_bytes

log = logging.getLogger(__name__)

TITLE_ZH = "社会工作人才报告：方法与统计口径"
TITLE_EN = "Social-work workforce reports: methods and definitions"


def _clean_or_none():
    """The clean figures (reports.inputs.load_clean), or None when they cannot be read: the definitions then name
    each unit by its registry word (units.csv)."""
    from swtoolkit.errors import CleanDataError
    from swtoolkit.reports.inputs import load_clean

    try:
        return load_clean()
    except (CleanDataError, OSError, ValueError):
        return None


def document_html(figures=None) -> str:
    """The methods document as one self-contained HTML page (the report stylesheet, report.toml's edition);
    ``figures``: the clean rows whose unit words the definitions name (default: data/clean's)."""
    from swtoolkit import __version__
    from swtoolkit.reports import content
    from swtoolkit.reports.blocks import bullet_list, heading, paragraph, title_block
    from swtoolkit.reports.inputs import report_config
    from swtoolkit.reports.runner import page_html

    config = report_config()
    rows = [("出版者 Publisher", config.publisher),
            ("版次 Edition", f"{config.edition.year}年{config.edition.month}月{config.edition.day}日 "
                            f"({config.edition.isoformat()})"),
            ("工具版本 Toolkit", f"swtoolkit {__version__}"),
            ("许可 Licence", config.licence)]
    parts = [
        title_block(TITLE_ZH, TITLE_EN, rows, css="brief"),
        paragraph("本说明适用于同一次构建生成的全部报告与简报：简报只列出本地区的数据、结果与来源，方法、口径和共有的局限"
                  "在此说明一次。 This document goes with every report and brief of one build: a brief gives its "
                  "region's figures, results and sources, and refers here for the methods, the definitions and the "
                  "limits every report shares."),
        heading("方法", "Methods", anchor="methods"),
        bullet_list(content.methods_items(config.edition)),
        heading("各报告共有的局限", "Limits every report shares", anchor="limits"),
        bullet_list(content.SHARED_LIMITS),
        heading("统计口径", "Definitions", anchor="definitions"),
        content.definitions_table(None, None, "表 1 Table 1 指标与统计口径 Indicators and their definitions",
                                  figures if figures is not None else _clean_or_none()),
    ]
    return page_html("".join(p.body for p in parts), f"{TITLE_ZH} {TITLE_EN}")


def write(out: Path, formats: tuple[str, ...] = ("html", "pdf")) -> dict:
    """Write ``methods.html`` (and ``methods.pdf`` when "pdf" is in `formats`) into `out`, each whole; a file
    whose content would not change is left as it is (the PDF is rendered only when the HTML changed or it is
    missing). Returns its manifest entry: {"status": "ok", "outputs": {kind: {"path", "sha256"}}}.

    Raises ReportBuildError when the PDF's text or fonts fail runner.check_pdf, OSError when `out` cannot be
    written.
    """
    import hashlib

    from swtoolkit.reports.content import METHODS_DOCUMENT
    from swtoolkit.reports.runner import check_pdf, to_pdf

    out = Path(out)
    html = document_html().encode("utf-8")
    paths = {"html": out / f"{METHODS_DOCUMENT}.html", "pdf": out / f"{METHODS_DOCUMENT}.pdf"}
    same_html = paths["html"].is_file() and paths["html"].read_bytes() == html
    if not same_html:
        write_atomic_bytes(html, paths["html"])
    if "pdf" in formats and not (same_html and paths["pdf"].is_file()):
        pdf = to_pdf(html.decode("utf-8"), base_url=out)
        check_pdf(pdf, ["方法与统计口径"])
        write_atomic_bytes(pdf, paths["pdf"])
    kinds = ["html", "pdf"] if "pdf" in formats else ["html"]
    return {"status": "ok", "outputs": {k: {"path": paths[k].name,
                                            "sha256": hashlib.sha256(paths[k].read_bytes()).hexdigest()}
                                        for k in kinds}}
