"""From the clean table to one model-ready series: one indicator, one definition family, dated, with bounds.

Qualified figures (超过, 以上, 余, ranges) become intervals [low, high]; fits then run on the lower ends, the midpoints
and the upper ends. An end the source leaves open (超过X, 至少X, 不到X with no stated other end) stays open: it is
±inf, never a guessed number, and the point's ``mid`` is the stated bound itself (:attr:`SeriesData.open_low`,
:attr:`SeriesData.open_high` say which side is open). Models that need a central value refuse such points
(gatekeeper); CAGR and projections give one-sided results (at least / at most). Rounding qualifiers (余, 多, 约, a
figure written to a rounding unit) carry both ends and are two-sided intervals. Targets and norms never enter a
series: they are references for the gap models.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from swtoolkit.errors import ModelRefusedError, UnknownIndicatorError
from swtoolkit.models.results import Context
from swtoolkit.models.timebase import decimal_years, to_date

logger = logging.getLogger(__name__)

CODEBOOK_PATH = Path(__file__).resolve().parent.parent / "data" / "codebook.csv"
GROWTH_KINDS = ("actual", "cumulative")
LOWER_OPEN = ("at_most", "less_than")
UPPER_OPEN = ("at_least", "more_than")


@dataclass(frozen=True)
class BandSettings:
    """User settings for the sensitivity band (none today).

    There is deliberately no setting for the far end of an open figure (超过X): an open end stays open (issue 11),
    so no convention can give a one-sided figure an invented second end.
    """


@functools.lru_cache(maxsize=1)
def load_codebook() -> pd.DataFrame:
    """The codebook (one row per indicator key), read once from the package data."""
    return pd.read_csv(CODEBOOK_PATH, dtype=str, keep_default_na=False).set_index("key")


def indicator_info(key: str) -> dict[str, str]:
    """Codebook entry of ``key`` (family, measure, unit, names).

    Raises
    ------
    UnknownIndicatorError
        When the key is not in the codebook; a family is never guessed.
    """
    return dict(_codebook_entries()[_known(key)])


def _known(key: str) -> str:
    if key not in _codebook_entries():
        raise UnknownIndicatorError(f"indicator {key!r} is not in the codebook ({CODEBOOK_PATH.name})")
    return key


@functools.lru_cache(maxsize=1)
def _codebook_entries() -> dict[str, dict[str, str]]:
    """Every codebook row as a dict, built once (a ``.loc`` lookup per series costs more than the fit of a trend)."""
    book = load_codebook()
    return {str(key): {"key": str(key), **row} for key, row in zip(book.index, book.to_dict("records"), strict=True)}


@dataclass
class SeriesData:
    """One dated series of one indicator in one region, with per-point intervals.

    ``low``/``mid``/``high`` are arrays aligned with ``dates``; ``t`` holds decimal years (days / 365.25).
    """

    context: Context
    dates: list[dt.date]
    low: np.ndarray
    mid: np.ndarray
    high: np.ndarray
    qualifiers: list[str]
    precisions: list[str]
    figure_ids: list[list[str]]
    measure: str = ""
    kind: str = "actual"
    notes: list[str] = field(default_factory=list)
    #: Gatekeeper decisions already taken on this series, by model (a series is not changed once built, and
    #: ``fit_all`` asks for each decision again inside every fit).
    decisions: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    #: Per point, the whole interval its date lies in as (earliest, latest) days (comparability.date_span: a page
    #: dated to its month or year spans it); empty when not known, then each point is its day (:meth:`span`).
    spans: list[tuple[dt.date, dt.date]] = field(default_factory=list, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without the decision cache: ``fit_all`` ships series between processes, not what was asked."""
        return {**self.__dict__, "decisions": {}}

    @property
    def n(self) -> int:
        """Number of distinct dated points."""
        return len(self.dates)

    def span(self, i: int) -> tuple[dt.date, dt.date]:
        """The whole date interval of point ``i`` (:attr:`spans`), or its day when not known."""
        return self.spans[i] if i < len(self.spans) else (self.dates[i], self.dates[i])

    @functools.cached_property
    def t(self) -> np.ndarray:
        """Decimal years of the points (computed once and read-only: every model of the series reads them)."""
        t = decimal_years(self.dates)
        t.flags.writeable = False
        return t

    @functools.cached_property
    def exact(self) -> bool:
        """True when no point carries an interval (the sensitivity band collapses)."""
        return bool(np.allclose(self.low, self.high))

    @property
    def open_high(self) -> np.ndarray:
        """Per point: True where the upper end is open (超过X, 至少X with no stated upper end)."""
        return ~np.isfinite(self.high)

    @property
    def open_low(self) -> np.ndarray:
        """Per point: True where the lower end is open (不到X, 至多X with no stated lower end)."""
        return ~np.isfinite(self.low)

    @property
    def has_open_end(self) -> bool:
        """True when any point has an open end (its ``mid`` is then a stated bound, not a central value)."""
        return bool(np.any(self.open_high) or np.any(self.open_low))

    @property
    def all_figure_ids(self) -> list[str]:
        """Every figure behind the series, in date order."""
        return [f for ids in self.figure_ids for f in ids]

    def values(self, end: str = "mid") -> np.ndarray:
        """Values at one end of the band: ``low``, ``mid`` or ``high``."""
        if end not in ("low", "mid", "high"):
            raise ValueError(f"end must be 'low', 'mid' or 'high', not {end!r}")
        return getattr(self, end)

    def subset(self, mask: np.ndarray, note: str | None = None) -> SeriesData:
        """The points where ``mask`` is true (used to set saturated coverage points aside)."""
        keep = np.flatnonzero(mask)
        return SeriesData(self.context, [self.dates[i] for i in keep], self.low[keep], self.mid[keep],
                          self.high[keep], [self.qualifiers[i] for i in keep], [self.precisions[i] for i in keep],
                          [self.figure_ids[i] for i in keep], self.measure, self.kind,
                          self.notes + ([note] if note else []), spans=[self.span(i) for i in keep])


def _num(x: object) -> float:
    try:
        v = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
    return v


def interval_of(row: pd.Series | dict, settings: BandSettings, unit: str = "") -> tuple[float, float, str | None]:
    """(low, high, note) for one figure from its qualifier and stated bounds.

    An end the source leaves open is returned as ``inf`` (upper) or ``-inf`` (lower): never a guessed number. A
    percent figure's upper end is at most 100 (a real bound). ``settings`` is accepted for the API and unused.
    """
    get = row.get
    value, lo, hi = _num(get("value")), _num(get("value_low")), _num(get("value_high"))
    qual = str(get("qualifier") or "exact")
    note = None
    if math.isnan(lo) and qual not in LOWER_OPEN:
        lo = value
    if math.isnan(hi) and qual not in UPPER_OPEN:
        hi = value
    if qual in UPPER_OPEN and math.isnan(hi):
        hi = math.inf
        note = f"'{qual}' figure {get('figure_id')}: its upper end is open (only a lower bound is known)"
    if qual in LOWER_OPEN and math.isnan(lo):
        lo = -math.inf
        note = f"'{qual}' figure {get('figure_id')}: its lower end is open (only an upper bound is known)"
    if qual == "approx" and lo == hi:
        note = "approximate figure (约, 余) used as written: no bounds are invented"
    if unit == "percent":  # 0 and 100 are real ends of a share, not invented ones
        hi = min(hi, 100.0)
        lo = min(max(lo, 0.0), hi)
    if math.isnan(lo) or math.isnan(hi):
        raise ModelRefusedError("series", f"figure {get('figure_id')!r} has no usable value ({qual})")
    return lo, hi, note


def _centre(lo: float, hi: float, row: dict) -> float:
    """The point's ``mid``: the interval's midpoint, or the stated bound when one end is open (a stand-in the models
    never read as a central value: see :attr:`SeriesData.has_open_end`)."""
    if math.isinf(lo) or math.isinf(hi):
        return hi if math.isinf(lo) and not math.isinf(hi) else (lo if not math.isinf(lo) else _num(row.get("value")))
    return (lo + hi) / 2


def from_frame(frame: pd.DataFrame, settings: BandSettings | None = None,
               kinds: tuple[str, ...] = GROWTH_KINDS) -> SeriesData:
    """Build a :class:`SeriesData` from a tidy frame with at least ``ref_date`` and ``value``.

    Columns of the clean contract (``indicator``, ``kind``, ``qualifier``, ``value_low``…) are used when present.
    Rows whose ``kind`` is not in ``kinds`` (targets, norms) are refused, never silently dropped.

    Raises
    ------
    ModelRefusedError
        Mixed indicators or definition families, mixed units (persons vs households), mixed stock/cumulative
        kinds, targets or norms as data, or no rows.
    """
    settings = settings or BandSettings()
    if frame.empty:
        raise ModelRefusedError("series", "no data points", n_points=0)
    missing = {"ref_date", "value"} - set(frame.columns)
    if missing:
        raise ModelRefusedError("series", f"frame lacks column(s) {sorted(missing)}")
    df = frame.copy()
    if "kind" in df.columns:
        bad = sorted(set(df["kind"].dropna()) - set(kinds))
        if bad:
            raise ModelRefusedError("series", f"rows of kind {bad} are references (targets/norms/flows), never data "
                                    f"points; pass only kind in {list(kinds)}", fallback="gap models for targets")
        if df["kind"].nunique() > 1:
            raise ModelRefusedError("series", "series mixes stock (actual) and cumulative figures; fit each apart")
    if "unit" in df.columns:
        kinds = sorted({str(u) for u in df["unit"].dropna() if str(u)})
        if len(kinds) > 1:
            raise ModelRefusedError("series", f"series mixes units {kinds}: persons, households, person-times and "
                                    "acts are different counts, never one series", fallback="fit each unit apart")
    indicator = None
    if "indicator" in df.columns:
        keys = sorted(df["indicator"].dropna().unique())
        if len(keys) != 1:
            fams = sorted({indicator_info(k)["family"] for k in keys})
            raise ModelRefusedError("series", f"one indicator per fit; got {keys} (families {fams}): definitions "
                                    "are never mixed", fallback="fit each indicator apart")
        indicator = keys[0]
    if "region_code" in df.columns and df["region_code"].nunique() > 1:
        raise ModelRefusedError("series", "one region per series; use the cross-region functions for panels")
    return series_from_records(df.to_dict("records"), settings, indicator)


def series_from_records(records: list[dict], settings: BandSettings, indicator: str | None = None) -> SeriesData:
    """The work of :func:`from_frame` on rows already checked to be one region, one indicator and one kind.

    ``records`` are rows as dicts (``DataFrame.to_dict("records")``) in their table order; ``indicator`` is their
    codebook key (None for a bare frame without one). :func:`~swtoolkit.models.fit.fit_all` splits the clean table
    into records once and calls this per series, instead of building and filtering a DataFrame per series.
    """
    first = records[0]
    context, measure = Context(), ""
    if indicator is not None:
        info = _codebook_entries()[_known(indicator)]
        measure = info["measure"]
        context = Context(indicator=indicator, family=info["family"], name_zh=info["name_zh"],
                          name_en=info["name_en"], unit=info["unit"])
    if "region_code" in first:
        context.region_code = str(first["region_code"])
    if "region_name" in first:
        context.region_name = str(first["region_name"])
    if "region_name_en" in first:
        context.region_name_en = str(first["region_name_en"])
    if not context.unit and "unit" in first:
        context.unit = str(first["unit"])
    keyed = sorted(((to_date(r["ref_date"]), i) for i, r in enumerate(records)), key=lambda x: x[0])  # stable
    notes: list[str] = []
    from swtoolkit.models.comparability import date_span  # here: comparability's gate imports this module's users

    dates, lows, highs, mids, quals, precs, fids, spans = [], [], [], [], [], [], [], []
    start = 0
    while start < len(keyed):
        d = keyed[start][0]
        stop = start
        while stop < len(keyed) and keyed[stop][0] == d:
            stop += 1
        grp = [records[i] for _, i in keyed[start:stop]]
        start = stop
        ivs = [interval_of(r, settings, context.unit) for r in grp]
        notes += [n for _, _, n in ivs if n and n not in notes]
        lo, hi = min(i[0] for i in ivs), max(i[1] for i in ivs)
        ids = [str(r["figure_id"]) for r in grp] if "figure_id" in first else []
        if len(grp) > 1:
            vals = sorted({round(_num(r["value"]), 9) for r in grp})
            quals.append("range" if len(vals) > 1 else str(grp[0].get("qualifier", "exact")))
            if len(vals) > 1:
                notes.append(f"conflicting figures for {d}: {vals} ({', '.join(ids)}); the interval spans them")
            mid = float(np.mean([_centre(a, b, r) for (a, b, _), r in zip(ivs, grp, strict=True)]))
        else:
            quals.append(str(grp[0]["qualifier"]) if "qualifier" in first else "exact")
            mid = _centre(lo, hi, grp[0])
        dates.append(d)
        lows.append(lo)
        highs.append(hi)
        mids.append(mid)
        precs.append(str(grp[0]["ref_date_precision"]) if "ref_date_precision" in first else "day")
        fids.append(ids)
        known = [x for x in (date_span(r) for r in grp) if x is not None]  # an open start stays open
        spans.append((min([d, *(x[0] for x in known)]), max([d, *(x[1] for x in known)])))
    kind = str(records[keyed[0][1]]["kind"]) if "kind" in first else "actual"
    context.kind = kind
    if kind == "cumulative" and measure == "flow":
        # a running total of a flow (累计开展项目11.4万个) is a cumulative count, as the figure's kind says: the
        # gate judges it as one (a single point is then refused for too few points, never as "a flow")
        measure = "cumulative"
    return SeriesData(context, dates, np.array(lows), np.array(mids), np.array(highs), quals, precs, fids,
                      measure, kind, notes, spans=spans)


def series_from_values(dates: list, values: list[float], context: Context | None = None) -> SeriesData:
    """An exact series from plain lists (for direct use and tests)."""
    frame = pd.DataFrame({"ref_date": [to_date(d).isoformat() for d in dates], "value": values})
    s = from_frame(frame)
    if context is not None:
        s.context = context
    return s


def as_series(data: SeriesData | pd.DataFrame, settings: BandSettings | None = None) -> SeriesData:
    """Accept a :class:`SeriesData` or a tidy frame (the public model functions take either)."""
    return data if isinstance(data, SeriesData) else from_frame(data, settings)
