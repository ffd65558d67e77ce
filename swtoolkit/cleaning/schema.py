"""The raw and clean data contracts, declared once (pandera) and checked lazily so every failure is reported."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from swtoolkit.codebook import codebook
from swtoolkit.errors import RawDataError, RawDataErrors

KINDS = ("actual", "cumulative", "increment", "target", "norm", "ratio", "plan")
QUALIFIERS = ("exact", "approx", "at_least", "more_than", "at_most", "less_than", "range")
PRECISIONS = ("day", "month", "year", "period")

RAW_COLUMNS = ["figure_id", "source_id", "locator", "region_as_written", "place_as_written", "subset",
               "value_as_written", "qualifier_as_written", "date_as_written", "indicator", "kind", "target_year",
               "notes"]
SOURCE_COLUMNS = ["source_id", "file", "title", "publisher", "pub_date", "pub_date_precision", "pub_date_note",
                  "url", "sha256", "region_context"]
CLEAN_COLUMNS = ["figure_id", "source_id", "source_file", "locator", "region_code", "region_name", "region_name_en",
                 "region_level", "province_code", "place", "subset", "indicator", "family", "value", "value_low",
                 "value_high",
                 "qualifier", "unit", "ref_date", "ref_date_precision", "date_flag", "kind", "target_year",
                 "value_as_written", "date_as_written", "region_as_written", "notes"]


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
            "value_as_written": pa.Column(str, pa.Check.str_length(min_value=1)),
            "qualifier_as_written": text,
            "date_as_written": text,
            "indicator": pa.Column(str, pa.Check.isin(list(codebook().index))),
            "kind": pa.Column(str, pa.Check.isin(KINDS)),
            "target_year": pa.Column(str, pa.Check.str_matches(r"^(\d{4})?$")),
            "notes": text,
        },
        strict=True,
        ordered=True,
    )


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
        },
        checks=[
            pa.Check(lambda d: (d["value_low"].isna() | d["value_high"].isna()) | (d["value_low"] <= d["value_high"]),
                     error="value_low must not exceed value_high"),
            pa.Check(lambda d: d["value"].notna() | (d["qualifier"] == "range"),
                     error="only a range may have no value"),
        ],
        strict=False,
    )


RAW_REASONS = {
    "figure_id": "figure_id must look like S003-012345 (optional letter) and be unique",
    "source_id": "not a source_id of sources.csv",
    "locator": "locator must be a character offset (digits only)",
    "region_as_written": "region_as_written must not be empty",
    "value_as_written": "value_as_written must not be empty",
    "indicator": "not a key of the codebook (swtoolkit/data/codebook.csv)",
    "kind": f"kind must be one of {', '.join(KINDS)}",
    "target_year": "target_year must be a four-digit year or empty",
}


def validate_raw(frame: pd.DataFrame, file: str, source_ids: list[str]) -> None:
    """Raise RawDataErrors naming file, row, column and value for every contract failure."""
    if list(frame.columns) != RAW_COLUMNS:
        raise RawDataError(file, 1, None, list(frame.columns), f"columns must be exactly {RAW_COLUMNS}")
    try:
        raw_schema(source_ids).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        errors = []
        cases = exc.failure_cases
        for case in cases.itertuples(index=False):
            row = None if pd.isna(case.index) else int(case.index) + 2
            reason = RAW_REASONS.get(case.column, str(case.check))
            errors.append(RawDataError(file, row, case.column, case.failure_case, reason))
        raise RawDataErrors(errors) from None
