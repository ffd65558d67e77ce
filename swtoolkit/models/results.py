"""Small result objects in the statsmodels manner: ``summary()``, ``to_frame()``, ``conf_int()``.

A result never prints. ``summary()`` returns a :class:`Summary` that renders as text or HTML; ``to_frame()`` returns
rows in the tidy layout that :func:`swtoolkit.models.fit.fit_all` concatenates. Results hold numbers and reasons,
never prose: the reports layer writes every sentence (:mod:`swtoolkit.reports.phrasing`).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import logging
import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

logger = logging.getLogger(__name__)

#: Columns of the tidy results table (``to_frame`` and ``fit_all``), in order.
OUTPUT_COLUMNS = [
    "region_code", "region_name", "indicator", "family", "kind", "model", "statistic", "allowed", "reason", "n_points",
    "start_date", "end_date", "estimate", "low", "high", "interval", "band_low", "band_high", "unit",
    "figure_ids", "notes",
]



@dataclass
class Context:
    """What a series is about: region, indicator and its definition family (from the codebook)."""

    region_code: str = ""
    region_name: str = ""
    indicator: str = ""
    family: str = ""
    name_zh: str = ""
    name_en: str = ""
    unit: str = ""
    kind: str = ""
    region_name_en: str = ""


@functools.lru_cache(maxsize=256)
def critical_value(alpha: float, df: float | None = None) -> float:
    """Two-sided (1 − alpha) critical value of t(df), or of the normal when ``df`` is None.

    Cached: ``fit_all`` asks for the same few values thousands of times, and one ``ppf`` call costs as much as
    the closed-form forecast it scales.
    """
    from scipy import stats  # here, not at the top: report kernels import this module and never need SciPy

    return float(stats.norm.ppf(1 - alpha / 2) if df is None else stats.t.ppf(1 - alpha / 2, df))


def one_sided_band(bound: float, side: str) -> dict[str, float]:
    """The band of a one-sided result: its finite ``bound`` and an open end (+inf for ``at_least``, -inf for
    ``at_most``). In the tidy table this is ``band_low = bound, band_high = inf`` (or the reverse) with a NaN
    ``estimate``: a one-sided result has no central value."""
    if side not in ("at_least", "at_most"):
        raise ValueError(f"side must be 'at_least' or 'at_most', not {side!r}")
    return {"bound": float(bound), "open end": math.inf if side == "at_least" else -math.inf}


def result_side(band_low: float, band_high: float) -> str:
    """'at_least', 'at_most' or '' from a tidy row's band (see :func:`one_sided_band`)."""
    if band_high == math.inf and math.isfinite(band_low):
        return "at_least"
    if band_low == -math.inf and math.isfinite(band_high):
        return "at_most"
    return ""


def rate_direction(estimate: float, band_low: float, band_high: float) -> str:
    """Whether a growth rate is known to be a rise, a fall or neither, from a tidy row's numbers: 'rise', 'fall',
    'flat' or 'unknown'. The one rule for every sentence, table cell and comparison that says which way a count
    moved (referee E7-11).

    - one-sided (:func:`result_side`): an 'at least' bound above zero is a rise, an 'at most' bound below zero a
      fall; any other one-sided rate (at most 42.6%, from a start with no upper end; at least −5%) allows both
      a rise and a fall: 'unknown';
    - two-sided with a band from the figures' rounding or bounds: 'unknown' when the band runs from a fall to a
      rise (917 → 900多), else the sign of the band;
    - two-sided without a band: the sign of ``estimate``; NaN everywhere is 'unknown'.
    """
    side = result_side(band_low, band_high)
    if side == "at_least":
        return "rise" if band_low > 0 else "unknown"
    if side == "at_most":
        return "fall" if band_high < 0 else "unknown"
    if math.isfinite(band_low) and math.isfinite(band_high):
        if band_low < 0 < band_high:
            return "unknown"
        if band_low > 0 or band_high < 0:
            return "rise" if band_low > 0 else "fall"
    if not math.isfinite(estimate):
        return "unknown"
    return "rise" if estimate > 0 else "fall" if estimate < 0 else "flat"


class Summary:
    """Rendered summary of one result: a key-value table, optional frames and notes (like statsmodels' Summary).

    Render with :meth:`as_text` or :meth:`as_html`; Jupyter uses ``_repr_html_``.
    """

    def __init__(self, title: str, rows: list[tuple[str, str]], tables: dict[str, pd.DataFrame] | None = None,
                 notes: list[str] | None = None):
        self.title, self.rows = title, rows
        self.tables = tables or {}
        self.notes = notes or []

    def as_text(self) -> str:
        """Plain-text rendering."""
        width = max([len(k) for k, _ in self.rows] + [4])
        lines = [self.title, "=" * max(len(self.title), 20)]
        lines += [f"{k:<{width}}  {v}" for k, v in self.rows]
        for name, frame in self.tables.items():
            lines += ["", name, frame.to_string()]
        if self.notes:
            lines += ["", "Notes:"] + [f"[{i}] {n}" for i, n in enumerate(self.notes, 1)]
        return "\n".join(lines)

    def as_html(self) -> str:
        """HTML rendering (escaped)."""
        rows = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in self.rows)
        parts = [f"<h4>{html.escape(self.title)}</h4>", f"<table>{rows}</table>"]
        for name, frame in self.tables.items():
            parts += [f"<h5>{html.escape(name)}</h5>", frame.to_html()]
        if self.notes:
            parts.append("<ol>" + "".join(f"<li>{html.escape(n)}</li>" for n in self.notes) + "</ol>")
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        return self.as_html()

    def __str__(self) -> str:
        return self.as_text()

    __repr__ = __str__


class LazyTables(Mapping[str, pd.DataFrame]):
    """A result's tables, each built on first access and kept.

    Why: ``fit_all`` fits thousands of series and reads none of their tables, and building small labelled
    DataFrames cost more than some of the fits. Values are frames or zero-argument builders (e.g.
    ``functools.partial(pd.DataFrame, {...})``, which also pickles).
    """

    def __init__(self, tables: Mapping[str, pd.DataFrame | Callable[[], pd.DataFrame]] | None = None):
        self._tables = dict(tables or {})

    def __getitem__(self, name: str) -> pd.DataFrame:
        table = self._tables[name]
        if not isinstance(table, pd.DataFrame):
            table = self._tables[name] = table()
        return table

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)

    def __repr__(self) -> str:
        return f"LazyTables({list(self._tables)})"


@dataclass
class ModelResult:
    """One model or statistic for one series (or one group of regions).

    Attributes
    ----------
    model : str
        Registry key (``cagr``, ``loglinear``, ``ets``, ``logistic``, ``gap``, ``attainment`` …).
    method : str
        What was computed, in words, with the library call behind it.
    n : int
        Number of data points (or regions) used.
    estimate, low, high : float
        The headline number and its interval; ``interval`` says what kind of interval it is (a confidence interval,
        a prediction interval, a scenario range or a sensitivity band), never left implicit.
    unit : str
        Unit of ``estimate`` (``fraction per year`` for rates: 0.13 = 13%).
    band : dict
        Sensitivity to bounds of qualified figures: estimates on lower ends, midpoints and upper ends.
    notes : list of str
        Caveats, fallbacks and captured library warnings.
    tables : Mapping of str to DataFrame
        Supporting tables (data, parameters, forecasts); each is built when first read (:class:`LazyTables`).
    raw : object
        The statsmodels/scipy result this came from, if any.
    """

    model: str
    method: str
    n: int
    estimate: float
    unit: str
    statistic: str = ""
    low: float = math.nan
    high: float = math.nan
    interval: str = ""
    band: dict[str, float] = field(default_factory=dict)
    context: Context = field(default_factory=Context)
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    figure_ids: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tables: Mapping[str, pd.DataFrame] = field(default_factory=LazyTables)
    raw: Any = None

    def __post_init__(self) -> None:
        if not isinstance(self.tables, LazyTables):
            self.tables = LazyTables(self.tables)

    def conf_int(self) -> tuple[float, float]:
        """(low, high) of the headline interval; what it means is in ``interval``."""
        return self.low, self.high

    def summary(self) -> Summary:
        """Key facts, tables and notes as a :class:`Summary` (never printed)."""
        c = self.context
        rows = [
            ("Region", f"{c.region_name} ({c.region_code})" if c.region_code else c.region_name),
            ("Indicator", f"{c.indicator} [{c.family}]"),
            ("Model", self.model),
            ("Method", self.method),
            ("Statistic", self.statistic),
            ("Points", str(self.n)),
            ("Period", f"{self.start_date or ''} – {self.end_date or ''}"),
            ("Estimate", f"{self.estimate:.6g} {self.unit}"),
        ]
        if math.isfinite(self.low) or math.isfinite(self.high):
            rows.append(("Interval", f"[{self.low:.6g}, {self.high:.6g}] ({self.interval})"))
        if self.band:
            rows.append(("Sensitivity to bounds", ", ".join(f"{k}: {v:.6g}" for k, v in self.band.items())))
        return Summary(f"{self.model}: {c.region_name} {c.indicator}".strip(), rows, self.tables, self.notes)

    def to_frame(self) -> pd.DataFrame:
        """Tidy rows with :data:`OUTPUT_COLUMNS` (allowed is True: a result exists only when a fit ran)."""
        return pd.DataFrame(self.to_records(), columns=OUTPUT_COLUMNS)

    def to_records(self) -> list[dict[str, Any]]:
        """The rows of :meth:`to_frame` as dicts (cheap to collect for many results)."""
        c = self.context
        band = [v for v in self.band.values() if v is not None and not math.isnan(v)]  # ±inf: an open side
        row = {
            "region_code": c.region_code, "region_name": c.region_name, "indicator": c.indicator,
            "family": c.family, "kind": c.kind, "model": self.model, "statistic": self.statistic, "allowed": True,
            "reason": self.method, "n_points": self.n,
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "estimate": float(self.estimate), "low": float(self.low), "high": float(self.high),
            "interval": self.interval,
            "band_low": float(min(band)) if band else math.nan, "band_high": float(max(band)) if band else math.nan,
            "unit": self.unit,
            "figure_ids": ";".join(self.figure_ids), "notes": " | ".join(self.notes),
        }
        return [row]


def refusal_row(context: Context, model: str, reason: str, n_points: int, notes: list[str] | None = None,
                figure_ids: list[str] | None = None, statistic: str = "") -> dict[str, Any]:
    """A tidy row for a model the gatekeeper refused: the reason and fallback are the content."""
    row = {col: None for col in OUTPUT_COLUMNS}
    row.update({
        "region_code": context.region_code, "region_name": context.region_name, "indicator": context.indicator,
        "family": context.family, "kind": context.kind, "model": model, "statistic": statistic, "allowed": False,
        "reason": reason,
        "n_points": n_points, "estimate": np.nan, "low": np.nan, "high": np.nan, "band_low": np.nan,
        "band_high": np.nan, "unit": "", "interval": "",
        "figure_ids": ";".join(figure_ids or []),
        "notes": " | ".join(notes or []),
    })
    return row
