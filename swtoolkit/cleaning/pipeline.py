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

from swtoolkit import regions
from swtoolkit.cleaning.checks import run_checks
from swtoolkit.cleaning.dates import parse_date
from swtoolkit.cleaning.numbers import apply_separate_qualifier, parse_value
from swtoolkit.cleaning.schema import CLEAN_COLUMNS, SOURCE_COLUMNS, clean_schema, validate_raw
from swtoolkit.codebook import codebook
from swtoolkit.errors import RawDataError, RawDataErrors, SwtoolkitError
from swtoolkit.paths import clean_dir, raw_dir

log = logging.getLogger(__name__)

FORWARD_KINDS = ("target", "plan", "norm")  # kinds that may look beyond the document's date


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


def _clean_row(row: pd.Series, source: pd.Series, doc_date: date) -> dict:
    """One raw row → one clean row; raises RawDataError(column=…) on the first problem in the row."""
    book = codebook().loc[row["indicator"]]
    try:
        parsed = parse_value(row["value_as_written"])
    except SwtoolkitError as exc:
        raise RawDataError("", None, "value_as_written", row["value_as_written"], str(exc)) from None
    try:
        parsed = apply_separate_qualifier(parsed, row["qualifier_as_written"])
    except SwtoolkitError as exc:
        raise RawDataError("", None, "qualifier_as_written", row["qualifier_as_written"], str(exc)) from None
    if parsed.is_percent != (book["unit"] == "percent"):
        raise RawDataError("", None, "value_as_written", row["value_as_written"],
                           f"unit mismatch: indicator {row['indicator']!r} is measured in {book['unit']}")
    try:
        when = parse_date(row["date_as_written"], doc_date)
    except SwtoolkitError as exc:
        raise RawDataError("", None, "date_as_written", row["date_as_written"], str(exc)) from None
    context = source["region_context"] or None
    try:
        region = regions.resolve(row["region_as_written"], within=context)
    except SwtoolkitError as exc:
        raise RawDataError("", None, "region_as_written", row["region_as_written"], str(exc)) from None
    if row["kind"] == "target" and not row["target_year"]:
        raise RawDataError("", None, "target_year", "", "a target needs its target_year")
    ref_date = when.ref_date
    precision, flag = when.precision, when.flag
    if row["kind"] == "target" and row["target_year"]:
        ref_date, precision = date(int(row["target_year"]), 12, 31), "year"
    elif ref_date > doc_date and row["kind"] not in FORWARD_KINDS:
        # "2022年" in a mid-2022 report is the year so far: a level cannot be dated after the document speaks.
        ref_date, precision = doc_date, "period"
        flag = "; ".join(f for f in (flag, "year in progress: document date used") if f)
    return {
        "figure_id": row["figure_id"],
        "source_id": row["source_id"],
        "source_file": source["file"],
        "locator": int(row["locator"]),
        "region_code": region.code,
        "region_name": region.name_zh,
        "region_name_en": region.name_en,
        "region_level": region.level,
        "province_code": regions.province_of(region.code) if region.level != "country" else "",
        "place": row["place_as_written"],
        "subset": row["subset"],
        "indicator": row["indicator"],
        "family": book["family"],
        "value": parsed.value,
        "value_low": parsed.low,
        "value_high": parsed.high,
        "qualifier": parsed.qualifier,
        "unit": book["unit"],
        "ref_date": ref_date.isoformat(),
        "ref_date_precision": precision,
        "date_flag": flag,
        "kind": row["kind"],
        "target_year": row["target_year"],
        "value_as_written": row["value_as_written"],
        "date_as_written": row["date_as_written"],
        "region_as_written": row["region_as_written"],
        "notes": row["notes"],
    }


def process(figures: pd.DataFrame, sources: pd.DataFrame, file: str, keep_going: bool = False,
            check_notes: pd.DataFrame | None = None) -> CleanResult:
    """Process phase: parse values, dates and regions; run the consistency checks."""
    doc_dates = {sid: document_date(src) for sid, src in sources.iterrows()}
    rows, errors = [], []
    for position, row in enumerate(figures.to_dict("records")):
        try:
            source = sources.loc[row["source_id"]]
            rows.append(_clean_row(pd.Series(row), source, doc_dates[row["source_id"]]))
        except RawDataError as exc:
            error = RawDataError(file, position + 2, exc.column, exc.value, exc.reason)
            if not keep_going:
                raise error from None
            errors.append(error)
    if errors:
        raise RawDataErrors(errors)
    clean = pd.DataFrame(rows, columns=CLEAN_COLUMNS)
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
            frame.to_csv(tmp, index=False, lineterminator="\n", encoding="utf-8", float_format="%.10g")
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
