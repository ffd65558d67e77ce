"""The raw and clean data contracts, declared once (pandera) and checked lazily so every failure is reported."""

from __future__ import annotations

import pandas as pd
import pandera.extensions as extensions
import pandera.pandas as pa

from swtoolkit.cleaning.columns import CLEAN_COLUMNS, RAW_COLUMNS, SOURCE_COLUMNS
from swtoolkit.codebook import codebook, scopes
from swtoolkit.errors import RawDataError, RawDataErrors

KINDS = ("actual", "cumulative", "increment", "target", "norm", "ratio", "plan")
QUALIFIERS = ("exact", "rounded", "approx", "at_least", "more_than", "at_most", "less_than", "range")
PRECISIONS = ("day", "month", "year", "period")
#: Norm status: a rule in force, a recommendation, what one place does in practice, or a requirement of a wider
#: programme cited in the text (only ``adopted`` is a norm that a gap may be measured against).
NORM_STATUSES = ("adopted", "proposal", "practice", "requirement")
#: Target type: a level to reach by the target year, or a number to add over the plan period (or in one year).
TARGET_TYPES = ("level", "cumulative_flow", "annual_flow")
#: Where a figure's reference date comes from: the text states it; the text dates it relative to the document
#: (目前, 今年); the text gives no date (somewhere before the document's date); a bound (2021年以前); a target year.
DATE_BASES = ("stated", "document", "undated", "before", "plan")
__all__ = ["CLEAN_COLUMNS", "DATE_BASES", "KINDS", "NORM_STATUSES", "PRECISIONS", "QUALIFIERS", "RAW_COLUMNS",
           "SOURCE_COLUMNS", "TARGET_TYPES", "clean_schema", "raw_problems", "raw_schema", "validate_raw"]

def raw_schema(source_ids: list[str]) -> pa.DataFrameSchema:
    """Contract of data/raw/figures.csv (all columns read as text)."""
    text = pa.Column(str, nullable=False)
    return pa.DataFrameSchema(
        {
            "figure_id": pa.Column(str, pa.Check.str_matches(r"^S\d{3}-\d{6}[a-z]?$"), unique=True),
            "source_id": pa.Column(str, pa.Check.isin(source_ids)),
            "locator": pa.Column(str, pa.Check.str_matches(r"^\d+$")),
            "region_as_written": pa.Column(str, pa.Check.str_length(min_value=1)),
            "place_as_written": text,
            "subset": text,
            "scope": pa.Column(str, pa.Check.isin(["", *scopes().index])),
            "value_as_written": pa.Column(str, pa.Check.str_length(min_value=1)),
            "qualifier_as_written": text,
            "date_as_written": text,
            "indicator": pa.Column(str, pa.Check.isin(list(codebook().index))),
            "kind": pa.Column(str, pa.Check.isin(KINDS)),
            "target_year": pa.Column(str, pa.Check.str_matches(r"^(\d{4})?$")),
            "target_type": pa.Column(str, pa.Check.isin(("", *TARGET_TYPES))),
            "norm_status": pa.Column(str, pa.Check.isin(("", *NORM_STATUSES))),
            "same_fact_as": pa.Column(str, pa.Check.str_matches(r"^(S\d{3}-\d{6}[a-z]?)?$")),
            "notes": text,
        },
        strict=True,
        ordered=True,
    )


@extensions.register_check_method()
def low_not_above_high(frame: pd.DataFrame) -> pd.Series:
    """value_low must not exceed value_high (a named check, so it is written out by ``to_yaml``)."""
    return (frame["value_low"].isna() | frame["value_high"].isna()) | (frame["value_low"] <= frame["value_high"])


@extensions.register_check_method()
def value_unless_range(frame: pd.DataFrame) -> pd.Series:
    """Only a range may have no value."""
    return frame["value"].notna() | (frame["qualifier"] == "range")


def clean_schema() -> pa.DataFrameSchema:
    """Contract of data/clean/figures.csv: what models, reports and checks rely on."""
    num = pa.Column(float, nullable=True)
    return pa.DataFrameSchema(
        {
            "figure_id": pa.Column(str, unique=True),
            "region_code": pa.Column(str, pa.Check.str_matches(r"^\d{6}$")),
            "indicator": pa.Column(str, pa.Check.isin(list(codebook().index))),
            "value": num,
            "value_low": num,
            "value_high": num,
            "qualifier": pa.Column(str, pa.Check.isin(QUALIFIERS)),
            "kind": pa.Column(str, pa.Check.isin(KINDS)),
            "ref_date": pa.Column(str, pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$")),
            "ref_date_precision": pa.Column(str, pa.Check.isin(PRECISIONS)),
            "date_basis": pa.Column(str, pa.Check.isin(DATE_BASES)),
            "ref_date_low": pa.Column(str, pa.Check.str_matches(r"^(\d{4}-\d{2}-\d{2})?$")),
            "ref_date_high": pa.Column(str, pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$")),
            "period_start": pa.Column(str, pa.Check.str_matches(r"^(\d{4}-\d{2}-\d{2})?$")),
            "norm_status": pa.Column(str, pa.Check.isin(("", *NORM_STATUSES))),
            "target_type": pa.Column(str, pa.Check.isin(("", *TARGET_TYPES))),
        },
        checks=[pa.Check.low_not_above_high(), pa.Check.value_unless_range()],
        strict=False,
    )


RAW_REASONS = {
    "figure_id": "figure_id must look like S003-012345 (optional letter) and be unique",
    "source_id": "not a source_id of sources.csv",
    "locator": "locator must be a character offset (digits only)",
    "region_as_written": "region_as_written must not be empty",
    "scope": "not a key of the scopes table (swtoolkit/data/scopes.csv)",
    "value_as_written": "value_as_written must not be empty",
    "indicator": "not a key of the codebook (swtoolkit/data/codebook.csv)",
    "kind": f"kind must be one of {', '.join(KINDS)}",
    "target_year": "target_year must be a four-digit year or empty",
    "target_type": f"target_type must be empty or one of {', '.join(TARGET_TYPES)}",
    "norm_status": f"norm_status must be empty or one of {', '.join(NORM_STATUSES)}",
    "same_fact_as": "same_fact_as must be empty or a figure_id",
}


def raw_problems(frame: pd.DataFrame, file: str, source_ids: list[str]) -> list[RawDataError]:
    """A RawDataError naming file, row, column and value for every contract failure, in row order.

    Rows are numbered from the frame's index (header = row 1), which holds record positions.
    """
    if list(frame.columns) != RAW_COLUMNS:
        return [RawDataError(file, 1, None, list(frame.columns), f"columns must be exactly {RAW_COLUMNS}")]
    try:
        raw_schema(source_ids).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        errors = []
        for case in exc.failure_cases.itertuples(index=False):
            row = None if pd.isna(case.index) else int(case.index) + 2
            reason = RAW_REASONS.get(case.column, str(case.check))
            errors.append(RawDataError(file, row, case.column, case.failure_case, reason))
        return sorted(errors, key=lambda e: e.row or 0)
    return []


def validate_raw(frame: pd.DataFrame, file: str, source_ids: list[str]) -> None:
    """Raise RawDataErrors naming file, row, column and value for every contract failure."""
    errors = raw_problems(frame, file, source_ids)
    if errors:
        raise RawDataErrors(errors)
