"""The columns of the raw and clean tables, declared once (light: no pandera, so report kernels can check them)."""

from __future__ import annotations

RAW_COLUMNS = ["figure_id", "source_id", "locator", "region_as_written", "place_as_written", "subset", "scope",
               "value_as_written", "qualifier_as_written", "date_as_written", "indicator", "kind", "target_year",
               "target_type", "norm_status", "same_fact_as", "notes"]
SOURCE_COLUMNS = ["source_id", "file", "title", "publisher", "pub_date", "pub_date_precision", "pub_date_note",
                  "url", "sha256", "region_context"]
CLEAN_COLUMNS = ["figure_id", "source_id", "source_file", "locator", "region_code", "region_name", "region_name_en",
                 "region_level", "province_code", "place", "subset", "scope", "indicator", "family", "value",
                 "value_low", "value_high", "qualifier", "unit", "unit_as_written", "ref_date", "ref_date_precision",
                 "date_flag", "date_basis", "ref_date_low", "ref_date_high", "period_start", "date_estimated", "kind",
                 "target_year", "target_type", "norm_status", "same_fact_as", "value_as_written", "date_as_written",
                 "region_as_written", "notes", "qualifier_as_written"]
