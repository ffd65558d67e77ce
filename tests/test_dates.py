from __future__ import annotations

from datetime import date

import pytest

from swtoolkit.cleaning.dates import parse_date
from swtoolkit.errors import DateParseError

DOC = date(2022, 7, 31)


@pytest.mark.parametrize(("written", "expected", "precision", "flagged"), [
    ("截至2022年6月底", "2022-06-30", "month", False),
    ("截至 2022年 6月底", "2022-06-30", "month", False),
    ("2021年6月底", "2021-06-30", "month", False),
    ("截至2021年底", "2021-12-31", "year", False),
    ("2021年", "2021-12-31", "year", False),
    ("到 2025 年", "2025-12-31", "year", False),
    ("2022年上半年", "2022-06-30", "period", False),
    ("2021年以前", "2020-12-31", "period", True),
    ("目前", "2022-07-31", "period", True),
    ("去年以来", "2022-07-31", "period", True),
    ("去年 6月", "2021-06-30", "month", False),
    ("截至今年 5月底", "2022-05-31", "month", False),
    ("“十三五”时期", "2020-12-31", "period", True),
    ("截至“十二五”末", "2015-12-31", "year", True),
    ("十一五末", "2010-12-31", "year", True),
    ("“十三五”期末", "2020-12-31", "year", True),
    ("截至十四五时期末", "2025-12-31", "year", True),
    ("到“十三五”末", "2020-12-31", "year", True),
    ("2022年 1月至 6月", "2022-06-30", "period", True),
    ("自 2021年以来", "2022-07-31", "period", True),
    ("11 月 29 日", "2022-11-29", "day", True),
    ("", "2022-07-31", "period", True),
])
def test_date_phrases(written, expected, precision, flagged):
    parsed = parse_date(written, DOC)
    assert parsed.ref_date.isoformat() == expected
    assert parsed.precision == precision
    assert bool(parsed.flag) is flagged


def test_unreadable_date_is_an_error():
    with pytest.raises(DateParseError, match="cannot read the date"):
        parse_date("下个世纪", DOC)


@pytest.mark.parametrize("written", ["2022年13月", "2022年2月30日"])
def test_impossible_dates_are_errors_not_crashes(written):
    with pytest.raises(DateParseError, match="not a valid date"):
        parse_date(written, DOC)


@pytest.mark.parametrize(("written", "expected", "precision"), [
    ("二〇二二年六月底", "2022-06-30", "month"),
    ("截至二〇二一年底", "2021-12-31", "year"),
    ("二〇二二年六月三十日", "2022-06-30", "day"),
    ("二〇二二年十二月", "2022-12-31", "month"),
    ("二〇二二年一季度", "2022-03-31", "period"),
])
def test_chinese_numeral_dates(written, expected, precision):
    parsed = parse_date(written, DOC)
    assert (parsed.ref_date.isoformat(), parsed.precision) == (expected, precision)


@pytest.mark.parametrize("written", ["年" * 30_000, "2022年" * 5_000, "截至" + "6月" * 10_000])
def test_a_cell_too_long_for_a_date_is_refused(written):
    with pytest.raises(DateParseError, match="too long to be a date phrase"):
        parse_date(written, DOC)


@pytest.mark.parametrize("written", ["自2008年", "从2008年起", "自2008年以来"])
def test_since_a_year_is_a_period_up_to_the_document_never_that_years_end(written):
    parsed = parse_date(written, date(2017, 6, 30))
    assert parsed.ref_date == date(2017, 6, 30) and parsed.precision == "period"
