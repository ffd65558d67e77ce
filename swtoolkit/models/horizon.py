"""Targets and projections read against the edition date: the one place that decides what a result says *now*.

The fit stage runs once per figures and model code and knows nothing of the day a set of reports is published;
this module takes its results table and the edition date (report.toml ``edition``) and returns the same table with
the facts a reader needs to read each target and projection at that date. Models return numbers and reasons; the
reports layer words them (swtoolkit.reports.phrasing).

Rules (referee-3 NF12, NF8):

- A target whose deadline lies after the latest figure but on or before the edition has *passed* with no figure at
  or after it. Its gap is kept as the gap **at the figure's date** (status ``deadline_passed``, with the deadline,
  the figure's date and the edition); whether the target was met is not known. A required growth rate or an
  attainment year to a deadline already past says nothing and is refused with the reason. (A deadline before the
  latest figure is ``fit.deadline_point``'s rule: judged at the figure nearest the deadline, or refused.)
- A projection (a scenario level, or the year a target is reached at the current pace) must not stand in for a
  figure the sources could have given: one ending on or before the edition is refused with the reason. The models'
  own limits (no further ahead than the data span or ``growth.SCENARIO_MAX_YEARS``) already fix the furthest date a
  scenario may reach, so "only dates after the edition" leaves either that date or nothing.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from swtoolkit.models.timebase import decimal_year, from_decimal_year, to_date

#: Statuses a result row can carry in the ``horizon`` column after :func:`apply_edition`.
OPEN, DEADLINE_PASSED, ENDS_BEFORE_EDITION = "", "deadline_passed", "ends_before_edition"
#: Columns :func:`apply_edition` adds to the results table (ISO dates; '' where they do not apply).
EDITION_COLUMNS = ("horizon", "edition", "deadline", "figure_date")
#: Models about a target, and models whose number is a projected level or date.
TARGET_MODELS = ("gap", "required_growth", "attainment")
PROJECTION_MODELS = ("projection", "attainment")


@dataclass(frozen=True)
class EditionCheck:
    """How one target or projection reads at the edition date.

    ``status`` is :data:`OPEN` (nothing to change), :data:`DEADLINE_PASSED` (a target due after the figure it is
    measured from, and passed by the edition) or :data:`ENDS_BEFORE_EDITION` (a projection to a date already past);
    ``deadline`` is the target's deadline or the projection's end, ``figure_date`` the latest figure's date, and
    ``reason`` says why in plain words ('' when open).
    """

    status: str
    edition: dt.date
    deadline: dt.date | None = None
    figure_date: dt.date | None = None
    reason: str = ""


def target_deadline(row: Mapping[str, Any]) -> dt.date:
    """A target's deadline: its own year (``target_year`` → the end of that year), never the announcement date;
    else its ``ref_date``. Raises DateParseError when neither reads as a date."""
    ty = str(row.get("target_year", "")).strip()
    if ty not in ("", "nan", "None", "<NA>"):
        return to_date(int(float(ty)))
    return to_date(row["ref_date"])


def target_at_edition(deadline: Any, figure_date: Any, edition: Any) -> EditionCheck:
    """Whether a target due at ``deadline``, measured from a figure dated ``figure_date``, is still open at the
    ``edition`` date. Dates as ``timebase.to_date`` reads them.

    Passed (:data:`DEADLINE_PASSED`) when the deadline lies after the figure and on or before the edition: the gap
    holds at the figure's date only, and with no figure at or after the deadline whether it was met is not known.
    """
    d, f, e = to_date(deadline), to_date(figure_date), to_date(edition)
    if f < d <= e:
        return EditionCheck(DEADLINE_PASSED, e, d, f,
                            f"target due {d} has passed by the edition ({e}); the latest figure ({f}) predates it "
                            "and none is dated at or after the deadline: whether it was met is not known")
    return EditionCheck(OPEN, e, d, f)


def projection_at_edition(end: Any, edition: Any, what: str = "the scenario") -> EditionCheck:
    """Whether a projection to ``end`` still lies ahead at the ``edition`` date (:data:`ENDS_BEFORE_EDITION` when
    ``end`` is on or before it: a projection must not stand in for a figure the sources could have given)."""
    d, e = to_date(end), to_date(edition)
    if d <= e:
        return EditionCheck(ENDS_BEFORE_EDITION, e, d, None,
                            f"{what} ends {d}, on or before the edition ({e}): a projection does not stand in for a "
                            "figure the sources could have given")
    return EditionCheck(OPEN, e, d)


def _iso(d: dt.date | None) -> str:
    return d.isoformat() if d is not None else ""


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def _target_row(row: Mapping[str, Any], figures: Mapping[str, Mapping[str, Any]]) -> Mapping[str, Any] | None:
    ids = [i for i in _text(row.get("figure_ids")).split(";") if i]
    found = [figures[i] for i in ids if i in figures and _text(figures[i].get("kind")) == "target"]
    return found[-1] if found else None


def _check(row: Mapping[str, Any], figures: Mapping[str, Mapping[str, Any]], edition: dt.date) -> EditionCheck:
    """The edition check of one allowed result row (OPEN for models it does not concern)."""
    model = _text(row.get("model"))
    if model in TARGET_MODELS:
        target = _target_row(row, figures)
        deadline = target_deadline(target) if target is not None else (
            to_date(row["end_date"]) if model != "attainment" and _text(row.get("end_date")) else None)
        start = _text(row.get("start_date"))
        # the figure a gap or a required rate is measured from is its start; an attainment year reads the latest
        figure = to_date(start) if start and model != "attainment" else None
        if model == "attainment" and target is not None:
            figure = _latest_figure(row, figures)
        if deadline is not None and figure is not None:
            check = target_at_edition(deadline, figure, edition)
            if check.status:
                return check
    if model == "projection" and _text(row.get("end_date")):
        return projection_at_edition(row["end_date"], edition, "the scenario")
    if model == "attainment":
        ends = [float(row.get(k)) for k in ("estimate", "low", "high")
                if row.get(k) is not None and math.isfinite(float(row.get(k)))]
        if ends and min(ends) <= decimal_year(edition):
            first = from_decimal_year(min(ends))
            return projection_at_edition(first, edition, "the attainment year (or its range)")
    return EditionCheck(OPEN, edition)


def _latest_figure(row: Mapping[str, Any], figures: Mapping[str, Mapping[str, Any]]) -> dt.date | None:
    dates = [to_date(figures[i]["ref_date"]) for i in _text(row.get("figure_ids")).split(";")
             if i in figures and _text(figures[i].get("kind")) != "target" and _text(figures[i].get("ref_date"))]
    return max(dates, default=None)


def apply_edition(results: pd.DataFrame, figures: Mapping[str, Mapping[str, Any]] | pd.DataFrame,
                  edition: Any) -> pd.DataFrame:
    """The results table read at the ``edition`` date (a copy; the input is not changed).

    Parameters
    ----------
    results : DataFrame
        ``fit_all``'s table (results.OUTPUT_COLUMNS).
    figures : mapping or DataFrame
        The clean rows (figure_id → row, or the clean table): each target's deadline is read from its own row.
    edition : date-like
        The edition date (report.toml ``edition``).

    Returns
    -------
    DataFrame
        The same rows with :data:`EDITION_COLUMNS` added. A gap to a target passed at the edition keeps its numbers
        (the gap at the figure's date) with ``horizon`` = ``deadline_passed`` and a note; its required growth and
        attainment year, a scenario ending on or before the edition and an attainment year (or range) on or before
        it become refusals (``allowed`` False) whose reason says why and names the fallback.
    """
    if isinstance(figures, pd.DataFrame):
        figures = {str(r["figure_id"]): r for r in figures.to_dict("records")}
    e = to_date(edition)
    out = results.copy()
    for col in EDITION_COLUMNS:
        out[col] = ""
    if out.empty:
        return out
    out["edition"] = e.isoformat()
    for idx, row in zip(out.index, out.to_dict("records"), strict=True):
        if not row.get("allowed") or _text(row.get("model")) not in (*TARGET_MODELS, *PROJECTION_MODELS):
            continue
        check = _check(row, figures, e)
        if not check.status:
            continue
        out.at[idx, "horizon"] = check.status
        out.at[idx, "deadline"] = _iso(check.deadline)
        out.at[idx, "figure_date"] = _iso(check.figure_date)
        model = row["model"]
        if check.status == DEADLINE_PASSED and model == "gap":
            out.at[idx, "notes"] = " | ".join(n for n in (_text(row.get("notes")), check.reason) if n)
            continue
        if check.status == DEADLINE_PASSED:
            what = "a required growth rate" if model == "required_growth" else "an attainment year"
            reason = (f"refused: {check.reason}; {what} to a deadline already past says nothing; fallback: the gap "
                      "at the figure's date, with the deadline said to have passed")
        else:
            reason = f"refused: {check.reason}; fallback: the growth rate and the latest figure as written"
        out.at[idx, "allowed"] = False
        out.at[idx, "reason"] = reason
    return out


__all__ = ["DEADLINE_PASSED", "EDITION_COLUMNS", "ENDS_BEFORE_EDITION", "OPEN", "EditionCheck", "apply_edition",
           "projection_at_edition", "target_at_edition", "target_deadline"]
