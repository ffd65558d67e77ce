"""`swtoolkit clean`: data/raw → data/clean in three phases (load, process, save).

Deterministic: the same raw files give the same bytes. Nothing is written unless every row cleans; with
keep_going=True every problem is collected into one report instead of stopping at the first.
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from swtoolkit.cleaning.checks import run_checks
from swtoolkit.cleaning.csvout import write_csv
from swtoolkit.cleaning.rows import FORWARD_KINDS, clean_rows
from swtoolkit.cleaning.schema import SOURCE_COLUMNS, clean_schema, validate_raw
from swtoolkit.codebook import codebook
from swtoolkit.errors import RawDataError, RawDataErrors
from swtoolkit.paths import clean_dir, raw_dir

log = logging.getLogger(__name__)

__all__ = ["FORWARD_KINDS", "CleanResult", "clean", "document_date", "load", "process", "read_text_table", "save",
           "write_atomic"]


@dataclass
class CleanResult:
    figures: pd.DataFrame
    checks: pd.DataFrame


def read_text_table(path: Path) -> pd.DataFrame:
    """Read a CSV with every cell as text ('' for empty), so nothing is coerced before it is checked."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def document_date(source: pd.Series) -> date:
    """The date a document speaks from: its publication date, or the last day of its month when only that is known."""
    text = source["pub_date"]
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    return (pd.Timestamp(year=parts[0], month=parts[1], day=1) + pd.offsets.MonthEnd(0)).date()


def load(raw: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame, Path]:
    """Load phase: the raw figures and sources, validated against the raw contract."""
    raw = Path(raw or raw_dir())
    figures_path, sources_path = raw / "figures.csv", raw / "sources.csv"
    sources = read_text_table(sources_path)
    if list(sources.columns) != SOURCE_COLUMNS:
        raise RawDataError(str(sources_path), 1, None, list(sources.columns), f"columns must be {SOURCE_COLUMNS}")
    figures = read_text_table(figures_path)
    validate_raw(figures, str(figures_path), list(sources["source_id"]))
    return figures, sources.set_index("source_id"), figures_path


def process(figures: pd.DataFrame, sources: pd.DataFrame, file: str, keep_going: bool = False,
            check_notes: pd.DataFrame | None = None) -> CleanResult:
    """Process phase: parse values, dates and regions; run the consistency checks.

    Each distinct value, date phrase and region name is read once and the clean frame is built column by column
    (swtoolkit.cleaning.rows). A row's first problem is reported as a RawDataError naming file, row (header = row 1),
    column and value; with keep_going every problem row is reported, in row order.
    """
    doc_dates = {sid: document_date(src) for sid, src in sources.iterrows()}
    clean, problems = clean_rows(figures, sources, doc_dates)
    errors = []
    for position, problem in problems:
        if not isinstance(problem, RawDataError):
            raise problem
        error = RawDataError(file, position + 2, problem.column, problem.value, problem.reason)
        if not keep_going:
            raise error from None
        errors.append(error)
    if errors:
        raise RawDataErrors(errors)
    clean = clean.sort_values(["source_id", "locator", "figure_id"], kind="stable").reset_index(drop=True)
    for column in ("value", "value_low", "value_high"):
        clean[column] = clean[column].astype("float64")
    clean_schema().validate(clean, lazy=True)
    return CleanResult(clean, run_checks(clean, check_notes))


def write_atomic(frame: pd.DataFrame, path: Path, fmt: str = "csv") -> None:
    """Write to a temporary file in the same folder, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        if fmt == "csv":
            write_csv(frame, tmp)  # the bytes of frame.to_csv(…, lineterminator="\n", float_format="%.10g")
        else:
            frame.to_parquet(tmp, index=False)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def save(result: CleanResult, out: Path | None = None) -> list[Path]:
    """Save phase: clean figures (CSV + parquet), checks and the codebook export, each written atomically."""
    out = Path(out or clean_dir())
    targets = [
        (result.figures, out / "figures.csv", "csv"),
        (result.figures, out / "figures.parquet", "parquet"),
        (result.checks, out / "checks.csv", "csv"),
        (codebook().reset_index(), out / "codebook.csv", "csv"),
    ]
    for frame, path, fmt in targets:
        write_atomic(frame, path, fmt)
    return [path for _, path, _ in targets]


def clean(raw: Path | None = None, out: Path | None = None, keep_going: bool = False) -> CleanResult:
    """Entry point: load, process, save. Raises RawDataError/RawDataErrors and writes nothing on bad input."""
    figures, sources, figures_path = load(raw)
    notes_path = figures_path.parent / "check_notes.csv"
    notes = read_text_table(notes_path) if notes_path.exists() else None
    result = process(figures, sources, str(figures_path), keep_going=keep_going, check_notes=notes)
    save(result, out)
    log.info("cleaned %d figures; %d checks", len(result.figures), len(result.checks))
    return result
