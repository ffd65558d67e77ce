"""The rounding a figure is written to: 余/多 bound it below the next unit of its last digit, and a level written to a
magnitude (4.4万) is an interval. Part of the number grammar of swtoolkit.cleaning.numbers (re-exported there)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from swtoolkit.cleaning.numbers import (
    _CN,
    _DIGITS,
    _FACTORS,
    _MAG,
    _MIXED,
    _NUM,
    _RANGE_SEP,
    _cn_digits,
    _normalise,
    _strip_prefix,
    _to_number,
)
from swtoolkit.errors import ValueParseError
from swtoolkit.script import to_simplified

# ---- Rounding units ---------------------------------------------------------------------------------------------
# 余/多 after a number mean "more than X, below the next unit of the last digit written": 10余 → (10, 20),
# 1600多 → (1600, 1700), 5.5万余 → (55,000, 56,000), 120余万 → (1,200,000, 1,300,000). A level written to a
# magnitude (4.4万, 7.93 万人, 三万人) is rounded to its last digit: 4.4万 → [43,500, 44,500].
# When the last digit written is in the units place of what is counted (175余次, 12多人, 3.5余), the next unit is no
# rounding at all (175余 is not "below 176"): the figure is a lower bound only, open above, like 超过175
# (review R6b-19).
# 近/将近/接近 before a number ("close to, just under") give an interval just below it: the figure is at most the number
# and more than the number less one unit of its last non-zero digit (将近400 → 300 to 400, 近2000 → 1,000 to 2,000,
# 近60万 → 500,000 to 600,000). Why that width: a writer who rounds up to 400 with 将近 would have written 300多 for
# a value a whole unit lower, so the value lies within one unit below; when the number is one lone 1 of its place
# (近万, 近1000) the unit below is a tenth of it (9,000 to 10,000), since 近万 is never said of 0 to 10,000. A number
# whose last digit is in the units place or below (近5人, 近2.5%) states no rounding: an upper bound only, like 不到5.
ROUNDED_KINDS = ("actual", "cumulative", "increment")
#: The words that mean "close to, just under" (PREFIX_QUALIFIERS reads them as at_most); longest first.
NEAR_WORDS = ("将近", "接近", "近")
_ROUNDING_FORM = re.compile(rf"({_DIGITS}|{_CN})(余|多)?({_MAG})(余|多)?")


@dataclass(frozen=True)
class Rounding:
    """How a figure is rounded as written: the unit of its last digit, and whether 余/多 follow it."""

    unit: float
    inner_more: bool
    has_magnitude: bool


def rounding_of(written: str) -> Rounding | None:
    """The rounding unit of the first numeral in ``written`` (None for ranges and words without a numeral).

    The unit is the place value of the last non-zero digit written, times the magnitude (万 = 10⁴, 亿 = 10⁸):
    1600 → 100, 10 → 10, 4.4万 → 1,000, 66万 → 10,000, 三万 → 10,000.
    """
    text = _strip_prefix(_cn_digits(_normalise(to_simplified(written))))[0]  # 二三五万 is read as 235万
    mixed = re.match(_MIXED, text)
    if mixed:  # 1万3千 is a level written to the thousand; 4万5418 and 1万3000 write every place, as 13000 does
        number = int(round(_to_number(mixed.group())))
        unit = 1
        while number and number % (unit * 10) == 0:
            unit *= 10
        every_place = mixed.group()[-1].isdigit()
        return Rounding(float(unit), bool(re.match(r"(余|多)", text[mixed.end():])), unit > 1 and not every_place)
    match = _ROUNDING_FORM.match(text)
    if not match or re.match(rf"{_NUM}[^\d]*?{_RANGE_SEP}", text):
        return None
    digits, inner1, magnitude, inner2 = match.groups()
    if re.fullmatch(_CN, digits):
        try:
            number = int(round(_to_number(digits + magnitude)))
        except ValueParseError:
            return None
        if number == 0:
            return None
        unit = 1
        while number % (unit * 10) == 0:
            unit *= 10
        return Rounding(float(unit), bool(inner1 or inner2), bool(re.search("[万亿]", digits + magnitude)))
    whole, _, fraction = digits.partition(".")
    fraction = fraction.rstrip("0") if not magnitude else fraction
    if fraction:
        unit = 10.0 ** -len(fraction)
    else:
        stripped = whole.lstrip("0") or "0"
        trailing = len(stripped) - len(stripped.rstrip("0")) if stripped != "0" else 0
        unit = 10.0 ** trailing
    factor = _FACTORS.get(magnitude, 1)
    return Rounding(float(round(unit * factor, 6)), bool(inner1 or inner2), magnitude in ("万", "亿"))


def rounding_interval(written: str, value: float, low: float, high: float, qualifier: str, kind: str
                      ) -> tuple[float, float, str]:
    """(low, high, qualifier) with the bounds that the rounding of the written figure implies.

    - 余/多 (``more_than`` from a word inside the figure): the upper end is the next rounding unit, open, when that
      unit is above one of what is counted (10余 → (10, 20), 5.5万余 → (55,000, 56,000)); when the last digit is in
      the units place or below (175余 → 175 and more, 3.5余), no upper end is implied and ``high`` stays as parsed
      (None: a lower bound only).
    - 近/将近/接近 (``at_most`` from a near word before the figure): the lower end is one unit of the last non-zero
      digit below the figure (将近400 → [300, 400], 近60万 → [500,000, 600,000]; a lone 1 of its place takes a tenth:
      近万 → [9,000, 10,000]); a last digit in the units place or below leaves the figure an upper bound only.
    - A level of kind actual/cumulative/increment written to a magnitude (4.4万) becomes ``rounded`` with
      [value − unit/2, value + unit/2]. Targets and norms are set levels, not roundings, and stay as written.
    Other figures are returned unchanged.
    """
    if value is None or not np.isfinite(value):
        return low, high, qualifier
    found = rounding_of(written)
    word = near_word(written) if qualifier == "at_most" else ""
    if word and found is None:  # 近万, 近千: a bare place word is one of it (近万 = 近一万)
        found = rounding_of("一" + _normalise(to_simplified(written))[len(word):])
    if found is None:
        return low, high, qualifier
    if qualifier == "more_than" and found.inner_more:
        if found.unit <= 1:
            return value, high, qualifier
        return value, value + found.unit, qualifier
    if word:
        width = near_width(value, found)
        return (value - width if width else low), high, qualifier
    if qualifier == "exact" and found.has_magnitude and kind in ROUNDED_KINDS:
        half = found.unit / 2
        return value - half, value + half, "rounded"
    return low, high, qualifier


def near_word(written: str) -> str:
    """The near word (近, 将近, 接近: "close to, just under") that opens ``written``, else ''."""
    text = _normalise(to_simplified(written))
    return next((w for w in NEAR_WORDS if text.startswith(w)), "")


def near_width(value: float, found: Rounding) -> float:
    """How far below a near figure (近X) its lower end lies: one unit of the last non-zero digit written, a tenth of
    it when the figure is that unit alone (近万, 近1000), and 0 (no lower end) when the unit is one of what is
    counted or less (近5人, 近2.5%). ``found`` is :func:`rounding_of` of the figure."""
    if found.unit <= 1:
        return 0.0
    return found.unit / 10 if value == found.unit else found.unit
