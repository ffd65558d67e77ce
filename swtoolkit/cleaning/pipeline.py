"""`swtoolkit clean`: data/raw → data/clean in three phases (load, process, save).

Deterministic: the same raw files give the same bytes. Nothing is written unless every row cleans; with
keep_going=True every problem of every row is collected into one report instead of stopping at the first. The
four outputs are written as one set (swtoolkit.cleaning.outputs): readers see the old set or the new one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from swtoolkit.cleaning.checks import run_checks
from swtoolkit.cleaning.clauses import (
    carry_problems,
    clause_date_problems,
    flow_target_problems,
    joined_target_problems,
    proposal_norm_problems,
)
from swtoolkit.cleaning.outputs import publish
from swtoolkit.cleaning.rows import FORWARD_KINDS, clean_rows
from swtoolkit.cleaning.schema import CLEAN_COLUMNS, RAW_COLUMNS, SOURCE_COLUMNS, clean_schema, raw_problems
from swtoolkit.cleaning.tables import read_table, read_text_table
from swtoolkit.cleaning.texts import source_texts
from swtoolkit.cleaning.web import all_sources, read_web
from swtoolkit.codebook import codebook
from swtoolkit.errors import RawDataError, RawDataErrors
from swtoolkit.paths import clean_dir, raw_dir

log = logging.getLogger(__name__)

__all__ = ["FORWARD_KINDS", "OUTPUTS", "CleanResult", "clean", "document_date", "load", "process",
           "read_text_table", "save"]

#: The files `clean` writes, as one set.
OUTPUTS = ("figures.csv", "figures.parquet", "checks.csv", "codebook.csv")


@dataclass
class CleanResult:
    figures: pd.DataFrame
    checks: pd.DataFrame


@dataclass
class WebPart:
    """The web figures and sources in the raw shapes (swtoolkit.cleaning.web.read_web) and each figure's
    (file, row) for messages."""
    figures: pd.DataFrame
    sources: pd.DataFrame
    places: list[tuple[str, int]]


#: Check name and status of a web figure the clean step refuses (its value, date, region or key not understood).
REFUSED = "refused"


def document_date(source: pd.Series) -> date:
    """The date a document speaks from: its publication date, or the last day of its month when only that is known."""
    text = source["pub_date"]
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 1:  # a web page dated to its year only
        return date(parts[0], 12, 31)
    return (pd.Timestamp(year=parts[0], month=parts[1], day=1) + pd.offsets.MonthEnd(0)).date()


def _raise(errors: list[RawDataError]) -> None:
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise RawDataErrors(errors)


def read_raw(raw: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame, Path, list[RawDataError]]:
    """The raw figures and sources, and every row that breaks the raw contract (not raised: see load).

    A file that cannot be read as a table at all (missing, not UTF-8, empty, wrong header) raises at once.
    """
    raw = Path(raw or raw_dir())
    figures_path, sources_path = raw / "figures.csv", raw / "sources.csv"
    sources = read_text_table(sources_path)
    if list(sources.columns) != SOURCE_COLUMNS:
        raise RawDataError(str(sources_path), 1, None, list(sources.columns), f"columns must be {SOURCE_COLUMNS}")
    figures, problems = read_table(figures_path)
    if list(figures.columns) != RAW_COLUMNS:
        raise RawDataError(str(figures_path), 1, None, list(figures.columns), f"columns must be exactly {RAW_COLUMNS}")
    problems += raw_problems(figures, str(figures_path), list(sources["source_id"]))
    return figures, sources.set_index("source_id"), figures_path, problems


def load(raw: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame, Path]:
    """Load phase: the raw figures and sources, validated against the raw contract (every failure reported)."""
    figures, sources, figures_path, problems = read_raw(raw)
    _raise(problems)
    return figures, sources, figures_path


def _row_number(figures: pd.DataFrame, position: int) -> int:
    """The row (header = row 1) of the record at `position`; the frame's index holds record positions when rows
    with a missing field were left out (swtoolkit.cleaning.tables.read_table)."""
    label = figures.index[position]
    return int(label) + 2 if isinstance(label, int | np.integer) else position + 2


def process(figures: pd.DataFrame, sources: pd.DataFrame, file: str, keep_going: bool = False,
            check_notes: pd.DataFrame | None = None, known: list[RawDataError] | tuple = (),
            texts: dict[str, str | None] | None = None, web: WebPart | None = None) -> CleanResult:
    """Process phase: parse values, dates and regions; check locators; run the consistency checks.

    Each distinct value, date phrase and region name is read once and the clean frame is built column by column
    (swtoolkit.cleaning.rows). A row's first problem is reported as a RawDataError naming file, row (header = row 1),
    column and value; with keep_going every problem of every row is reported, in row order, together with the
    `known` problems found before (the raw contract's). `texts` maps source ids to their line-joined texts (default:
    the source texts found by swtoolkit.cleaning.texts.source_texts); each locator is checked against its text.

    ``web`` (swtoolkit.cleaning.web): web figures are read with the same grammar; a web figure the grammar does not
    read is refused (left out, one ``refused`` row in checks.csv naming file, row, column, value and reason), the
    others join the seed figures. Same-fact links may join web and seed figures.
    """
    doc_dates = {sid: document_date(src) for sid, src in sources.iterrows()}
    if texts is None:
        texts = source_texts(sources, file=str(Path(file).with_name("sources.csv")))
    clean, problems = clean_rows(figures, sources, doc_dates, texts)
    if clean is not None:  # one clause, one date (read against the source texts; editor 9 N-4)
        problems = [*problems, *clause_date_problems(clean, texts), *carry_problems(clean, texts),
                    *joined_target_problems(clean, texts), *flow_target_problems(clean, texts),
                    *proposal_norm_problems(clean, texts)]
    known = list(known)
    known_cells = {(e.row, e.column) for e in known}
    known_rows = {e.row for e in known}
    errors = []
    for position, problem in problems:
        row = _row_number(figures, position)
        if not isinstance(problem, RawDataError):
            if row in known_rows:
                continue  # a consequence of the contract failure already reported for this row
            raise problem
        if (row, problem.column) in known_cells:
            continue  # the raw contract has said it
        error = RawDataError(file, row, problem.column, problem.value, problem.reason)
        if not keep_going:
            raise error from None
        errors.append(error)
    if errors or known:
        _raise(sorted([*known, *errors], key=lambda e: e.row or 0))
    refused: list[tuple[str, RawDataError, str, str, str, str, str]] = []
    if web is not None and len(web.figures):
        web_clean, refused = _web_rows(web, sources, figures)
        clean = pd.concat([clean, web_clean], ignore_index=True)
    clean["locator"] = clean["locator"].astype("str")  # an offset (seeds) or words of context (web)
    offset = pd.to_numeric(clean["locator"].where(clean["locator"].str.fullmatch("[0-9]+")), errors="coerce")
    order = clean.assign(_offset=offset).sort_values(["source_id", "_offset", "figure_id"], kind="stable").index
    clean = clean.loc[order].reset_index(drop=True)
    for column in ("value", "value_low", "value_high"):
        clean[column] = clean[column].astype("float64")
    clean_schema().validate(clean, lazy=True)
    checks = run_checks(clean, check_notes, texts)
    if refused:
        checks = _with_refusals(checks, refused)
        for _, error, *_ in refused:
            log.info("refused: %s", error)
        log.info("%d web figure(s) refused (not read by the grammar); listed in checks.csv as %r", len(refused),
                    REFUSED)
    return CleanResult(clean, checks)


def _web_rows(web: WebPart, sources: pd.DataFrame, seed_figures: pd.DataFrame
              ) -> tuple[pd.DataFrame, list[tuple[str, RawDataError, str, str, str, str, str]]]:
    """The web figures the grammar reads (clean columns) and a RawDataError for each one refused (its first
    problem). A refused figure's same-fact link target stays a valid target for the others."""
    every = all_sources(sources, web.sources)
    doc_dates = {sid: document_date(src) for sid, src in web.sources.iterrows()}
    def definitions(frame: pd.DataFrame) -> dict[str, tuple[str, str]]:  # figure_id → (indicator, scope)
        return {f: (i, s) for f, i, s in zip(frame["figure_id"], frame["indicator"], frame["scope"], strict=True)}

    links = {**definitions(seed_figures), **definitions(web.figures)}
    figures = web.figures.reset_index(drop=True)
    _, problems = clean_rows(figures, every, doc_dates, web=True, link_ids=links)
    refused: dict[int, RawDataError] = {}
    for position, problem in problems:
        if position in refused:
            continue
        file, row = web.places[position]
        if isinstance(problem, RawDataError):
            refused[position] = RawDataError(file, row, problem.column, problem.value, problem.reason)
        else:
            refused[position] = RawDataError(file, row, None, None, f"cannot be read: {problem}")
    keep = figures.drop(index=list(refused)).reset_index(drop=True)
    clean, again = clean_rows(keep, every, doc_dates, web=True, link_ids=links)
    if again:  # a row's problems are its own: reading fewer rows finds none that the first reading did not
        position, problem = next(iter(again))
        raise problem if not isinstance(problem, RawDataError) else RawDataError(
            "web", None, problem.column, problem.value, problem.reason)
    if clean is None:
        clean = pd.DataFrame([], columns=CLEAN_COLUMNS)
    return clean, [(figures["figure_id"].iloc[p], refused[p], *_refused_subject(figures.iloc[p]),
                    *(_cell(figures, c, p) for c in REFUSED_KEPT))
                   for p in sorted(refused)]


#: The raw cells a refused figure's ``refused`` row keeps (value, kind, date as written): a report words what was
#: collected and refused from them (a dated stock, a target, an increment), never calling it absent (referee 10a
#: R10a-1…4, R10a-14).
REFUSED_KEPT = ("value_as_written", "kind", "date_as_written")


def _cell(frame: pd.DataFrame, column: str, position: int) -> str:
    """One raw cell as text ('' when the column is absent or the cell empty)."""
    if column not in frame:
        return ""
    value = frame[column].iloc[position]
    return "" if pd.isna(value) else str(value)


def _refused_subject(row: pd.Series) -> tuple[str, str]:
    """(region_code, indicator) of a refused raw row, each '' when the row does not say it in a form the toolkit
    knows (an unknown or inferred region name, a proposed codebook key): a region's report lists the figures
    collected for it that the cleaner left out, and says so where it would otherwise report an indicator missing.
    Nothing is guessed: the region is resolved exactly as a read row's would be, without its document context."""
    from swtoolkit import regions
    from swtoolkit.errors import SwtoolkitError

    try:
        code = regions.resolve(str(row.get("region_as_written") or "")).code
    except SwtoolkitError:
        code = ""
    indicator = str(row.get("indicator") or "")
    return code, indicator if indicator in codebook().index else ""


def _with_refusals(checks: pd.DataFrame, refused: list[tuple[str, RawDataError, str, str, str, str, str]]
                   ) -> pd.DataFrame:
    """checks.csv with one ``refused`` row per refused web figure: its id, the region and indicator it was collected
    for (where known, see _refused_subject), and file, row, column, value, reason; its explanation holds the
    figure's value, kind and date as written (cleaning.checks.refused_explanation), so a report quotes the figure
    that was left out, not the date phrase that failed (referee 8a R8a-15), and tells a refused dated stock from a
    refused target (referee 10a R10a-4)."""
    from swtoolkit.cleaning.checks import refused_explanation

    rows = [{"check": REFUSED, "status": REFUSED, "region_code": code, "indicator": indicator, "ref_date": "",
             "figure_ids": figure_id, "detail": str(error),
             "explanation": refused_explanation(written, kind, date), "verdict": ""}
            for figure_id, error, code, indicator, written, kind, date in refused]
    table = pd.concat([checks, pd.DataFrame(rows, columns=checks.columns)], ignore_index=True)
    order = ["check", "region_code", "indicator", "ref_date", "figure_ids"]
    return table.sort_values(order, kind="stable").reset_index(drop=True)


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    """pandas' CSV writer (UTF-8, "\\n" line ends, floats to 10 significant digits). A hand-written column-wise
    writer was dropped: the clean table has a boolean column, so it had fallen back to pandas anyway (both 34.3 s CPU
    for 1,000,000 rows, benchmarks/report_cost.md)."""
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8", float_format="%.10g")


def _writer(result: CleanResult):
    def write(folder: Path) -> list[str]:
        _write_csv(result.figures, folder / "figures.csv")
        result.figures.to_parquet(folder / "figures.parquet", index=False)
        _write_csv(result.checks, folder / "checks.csv")
        _write_csv(codebook().reset_index(), folder / "codebook.csv")
        return list(OUTPUTS)

    return write


def save(result: CleanResult, out: Path | None = None) -> list[Path]:
    """Save phase: clean figures (CSV + parquet), checks and the codebook export, written as one set."""
    out = Path(out or clean_dir())
    publish(out, _writer(result))
    return [out / name for name in OUTPUTS]


def clean(raw: Path | None = None, out: Path | None = None, keep_going: bool = False) -> CleanResult:
    """Entry point: load, process, save. Raises RawDataError/RawDataErrors and writes nothing on bad input."""
    figures, sources, figures_path, problems = read_raw(raw)
    web_figures, web_sources, places, web_problems = read_web(figures_path.parent)
    if not keep_going:
        _raise(problems)
        _raise(web_problems)
    if keep_going and web_problems:
        _raise([*problems, *web_problems])
    notes_path = figures_path.parent / "check_notes.csv"
    notes = read_text_table(notes_path) if notes_path.exists() else None
    web = WebPart(web_figures, web_sources, places)
    result = process(figures, sources, str(figures_path), keep_going=keep_going, check_notes=notes, known=problems,
                     web=web)
    save(result, out)
    log.info("cleaned %d figures; %d checks", len(result.figures), len(result.checks))
    return result
