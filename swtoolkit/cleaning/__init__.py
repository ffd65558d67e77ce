"""Cleaning stage: raw figures as written → the clean dataset (numbers, intervals, dates, codes)."""

from swtoolkit.cleaning.dates import ParsedDate, parse_date
from swtoolkit.cleaning.numbers import ParsedValue, parse_value

__all__ = ["ParsedDate", "ParsedValue", "parse_date", "parse_value"]
