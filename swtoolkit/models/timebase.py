"""Dates and year fractions: the one place that turns ``ref_date`` strings into model time.

Every model measures time the same way, Δ = days / 365.25, so a CAGR, a trend slope and an attainment year are
comparable. Decimal years are counted from 2000-01-01 on that same scale.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from swtoolkit.errors import DateParseError

logger = logging.getLogger(__name__)

DAYS_PER_YEAR = 365.25
EPOCH = dt.date(2000, 1, 1)
EPOCH_YEAR = 2000.0
#: Tolerance (days) when deciding whether points are equally spaced; year-end and month-end dates vary by a few days.
REGULAR_TOLERANCE_DAYS = 20

DateLike = dt.date | dt.datetime | str | int | pd.Timestamp | np.datetime64


def to_date(value: DateLike) -> dt.date:
    """Read a date from a ``datetime.date``, a timestamp, an ISO string or a bare year.

    A bare year (``2025`` or ``"2025"``) means the end of that year, because plan targets ("到2025年") and
    year-precision figures refer to the end of the period (DESIGN.md). ``"2022-06"`` means the end of June.

    Raises
    ------
    DateParseError
        When the value cannot be read; nothing is guessed.
    """
    if isinstance(value, pd.Timestamp):
        if pd.isna(value):
            raise DateParseError("missing date (NaT)")
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, np.datetime64):
        return pd.Timestamp(value).date()
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return dt.date(int(value), 12, 31)
    if isinstance(value, float) and not math.isnan(value) and value.is_integer():
        return dt.date(int(value), 12, 31)
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 4 and text.isdigit():
                return dt.date(int(text), 12, 31)
            if len(text) == 7 and text[4] == "-":
                period = pd.Period(text, freq="M")
                return period.end_time.date()
            return dt.date.fromisoformat(text[:10])
        except ValueError as exc:
            raise DateParseError(f"cannot read date {value!r}: {exc}") from exc
    raise DateParseError(f"cannot read date {value!r} (type {type(value).__name__})")


def year_fraction(start: DateLike, end: DateLike) -> float:
    """Years between two dates as days / 365.25 (negative when ``end`` is earlier)."""
    return (to_date(end) - to_date(start)).days / DAYS_PER_YEAR


def decimal_year(value: DateLike) -> float:
    """Decimal year on the days / 365.25 scale (2000-01-01 is 2000.0); used as the regressor ``t``."""
    return EPOCH_YEAR + (to_date(value) - EPOCH).days / DAYS_PER_YEAR


def decimal_years(values: Iterable[DateLike]) -> np.ndarray:
    """Vector form of :func:`decimal_year`."""
    return np.array([decimal_year(v) for v in values], dtype=float)


def from_decimal_year(t: float) -> dt.date:
    """Inverse of :func:`decimal_year`, rounded to the nearest day."""
    if not math.isfinite(t):
        raise DateParseError(f"cannot turn {t!r} into a date")
    return EPOCH + dt.timedelta(days=round((t - EPOCH_YEAR) * DAYS_PER_YEAR))


def gaps_in_days(dates: Sequence[DateLike]) -> np.ndarray:
    """Days between consecutive dates (sorted input expected)."""
    ds = [to_date(d) for d in dates]
    return np.array([(b - a).days for a, b in zip(ds[:-1], ds[1:], strict=True)], dtype=float)


def is_regular(dates: Sequence[DateLike], tol_days: float = REGULAR_TOLERANCE_DAYS) -> bool:
    """True when consecutive dates are equally spaced within ``tol_days`` (HAC needs a regular time index)."""
    gaps = gaps_in_days(dates)
    if gaps.size == 0:
        return False
    return bool(np.all(gaps > 0) and (gaps.max() - gaps.min()) <= tol_days)


def is_regular_annual(dates: Sequence[DateLike], tol_days: float = REGULAR_TOLERANCE_DAYS) -> bool:
    """True when consecutive dates are one year apart within ``tol_days`` (ETS needs equally spaced annual data)."""
    gaps = gaps_in_days(dates)
    if gaps.size == 0:
        return False
    return bool(np.all(np.abs(gaps - DAYS_PER_YEAR) <= tol_days))






def month_end_before(value: DateLike) -> dt.date:
    """The last month end on or before ``value`` (a horizon is rounded down, never beyond the observed span)."""
    d = to_date(value)
    return d if _is_month_end(d) else d.replace(day=1) - dt.timedelta(days=1)


def _is_month_end(d: dt.date) -> bool:
    return (d + dt.timedelta(days=1)).day == 1




