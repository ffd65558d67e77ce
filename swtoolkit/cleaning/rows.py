"""Raw rows → clean rows, column by column.

Each distinct value string, (value, qualifier word) pair, (date phrase, source) pair and (region name, region
context) pair is read once by the functions that define the grammar (parse_values/parse_value,
apply_separate_qualifier, parse_date, regions.resolve), and the results are spread back over the rows, so the cost
follows the number of distinct strings, not rows. A row's problems are listed in the order its fields are read:
source, indicator, value, separate qualifier, unit, date, region, target year, reference date, semantic links,
locator (and whether the source text holds the value there). A field that depends on another (the unit on the
value, the reference date on the date phrase) is not checked where that one failed, so a row's problems are its
own and not their echoes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date

import numpy as np
import pandas as pd

from swtoolkit import regions
from swtoolkit.cleaning.dates import ParsedDate, parse_date
from swtoolkit.cleaning.numbers import (
    apply_separate_qualifier,
    parse_value,
    parse_values,
    rounding_interval,
    written_as_fraction,
)
from swtoolkit.cleaning.schema import CLEAN_COLUMNS, KINDS, NORM_STATUSES, TARGET_TYPES
from swtoolkit.codebook import codebook, scopes, subsets, written_units
from swtoolkit.codebook import units as unit_table
from swtoolkit.errors import RawDataError, SwtoolkitError, shown

FORWARD_KINDS = ("target", "plan", "norm")  # kinds that may look beyond the document's date
#: The flag swtoolkit.cleaning.dates gives a bare 年末/年底; a level so dated in a document published up to this
#: month refers to the year-end just past (statistical bulletins appear from February to May).
YEAR_END_OF_DOCUMENT = "end of the document's year"
LAST_BULLETIN_MONTH = 6
#: A unit that a table header gives for a whole column, declared in a row's notes (extract --header-unit writes it).
HEADER_UNIT = re.compile(r"header_unit=([^;\s]+);")
#: Units that are not counts of things (a count of persons or stations cannot have a fraction).
NOT_COUNTS = ("yuan", "percent", "hours", "square metres", "times")
REGION_FIELDS = ("region_code", "region_name", "region_name_en", "region_level", "province_code")


class Problems:
    """Every problem of every row. Steps are added in the order a row's fields are read; a step that needs an
    earlier one's result is not applied to the rows where that one failed (see clean_rows)."""

    def __init__(self, n: int):
        self.rows: list[np.ndarray] = []
        self.makers: list[Callable[[int], Exception]] = []
        self.any = np.zeros(n, dtype=bool)

    def add(self, failed: np.ndarray, make: Callable[[int], Exception]) -> None:
        """Rows where `failed` get `make(position)` as a problem of this step."""
        failed = np.asarray(failed, dtype=bool)
        self.rows.append(np.flatnonzero(failed))
        self.makers.append(make)
        self.any |= failed

    def __bool__(self) -> bool:
        return bool(self.any.any())

    def __iter__(self) -> Iterator[tuple[int, Exception]]:
        """(row position, problem) in row order, then in reading order within a row: a RawDataError without file
        and row, or the exception raised. The first one is the row's first problem."""
        pairs = sorted((int(row), step) for step, rows in enumerate(self.rows) for row in rows.tolist())
        for position, step in pairs:
            yield position, self.makers[step](position)


def distinct(*columns: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Codes 0..k-1 of the distinct combinations of `columns` per row, and the first row holding each."""
    codes = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        part, uniques = pd.factorize(column, use_na_sentinel=False)
        codes, _ = pd.factorize(codes * max(len(uniques), 1) + part)  # renumbered each time: stays below len(rows)
    first = np.full(codes.max() + 1 if len(codes) else 0, -1, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes))[::-1]  # the last write per code is its first row
    return codes, first


def _each(func: Callable, keys: list[tuple]) -> tuple[list, np.ndarray]:
    """func(*key) for each key: results (None where it raised) and the exception raised (None where it did not)."""
    results, errors = [], np.empty(len(keys), dtype=object)
    for i, key in enumerate(keys):
        try:
            results.append(func(*key))
        except Exception as exc:  # noqa: BLE001 - kept and reported for the rows holding this key
            results.append(None)
            errors[i] = exc
    return results, errors


def _values(column: pd.Series, rows: np.ndarray) -> list:
    return column.iloc[rows].tolist()


def _keys(column: dict[str, pd.Series], rows: np.ndarray, *names: str) -> list[tuple]:
    """The values of the named columns in `rows`, as tuples of Python objects."""
    return list(zip(*(column[name].iloc[rows].tolist() for name in names), strict=True))


def _as_raw(exc: Exception, column: str, value: object) -> Exception:
    """A toolkit error becomes a RawDataError naming the column; anything else is raised as it was."""
    return RawDataError("", None, column, value, str(exc)) if isinstance(exc, SwtoolkitError) else exc


def _with_value(exc: Exception, value: object) -> Exception:
    """A RawDataError raised without the value it is about gets `value`; any other exception is returned as is."""
    if isinstance(exc, RawDataError) and exc.value is None:
        return RawDataError(exc.file, exc.row, exc.column, value, exc.reason)
    return exc


def _failed(errors: np.ndarray, codes: np.ndarray) -> np.ndarray:
    return pd.notna(errors)[codes] if len(errors) else np.zeros(len(codes), dtype=bool)


def _strings(values: list, codes: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """Per-key strings spread over the rows, as pandas' str dtype (what DataFrame(rows) infers)."""
    return pd.array(values, dtype="str").take(codes)


def clean_rows(figures: pd.DataFrame, sources: pd.DataFrame, doc_dates: dict[str, date],
               texts: dict[str, str | None] | None = None, web: bool = False,
               link_ids: dict[str, tuple[str, str]] | None = None) -> tuple[pd.DataFrame | None, Problems]:
    """Read the raw figures (columns RAW_COLUMNS, all text) column by column.

    ``texts`` maps a source id to its line-joined text (None or absent: no text to check locators against).
    ``web``: the figures are web figures (swtoolkit.cleaning.web), whose locator is words of context kept as
    written (checked by the web contract), not an offset. ``link_ids`` (figure_id → (indicator, scope)) adds the
    figures a same-fact link may point at besides those in ``figures`` (web rows linking to seed rows, or to
    refused rows).

    Returns
    -------
    (clean, problems): clean has the columns CLEAN_COLUMNS, one row per raw row in raw order, and is None when any
    row has a problem; problems yields every problem of every row, in row order (a row's first problem first).
    """
    texts = texts or {}
    n = len(figures)
    problems = Problems(n)
    column = {c: figures[c].astype("str") for c in figures.columns}
    # a unit declared for a table column (notes "header_unit=万人;"): the figure is read with that unit after it
    header = column["notes"].str.extract(HEADER_UNIT.pattern, expand=False).fillna("")
    column["value_read"] = column["value_as_written"] + header

    # source and indicator (also checked by the raw contract, which --keep-going reports with the rest)
    src_codes, src_first = distinct(column["source_id"])
    src_info, src_err = _each(lambda sid: (sources.loc[sid], doc_dates[sid]), _keys(column, src_first, "source_id"))
    src_bad = _failed(src_err, src_codes)
    problems.add(src_bad, lambda pos: RawDataError("", None, "source_id", column["source_id"].iloc[pos],
                                                   "not a source_id of sources.csv"))
    ind_codes, ind_first = distinct(column["indicator"])
    book = codebook()
    ind_info, ind_err = _each(lambda key: (book.loc[key, "family"], book.loc[key, "unit"]),
                              _keys(column, ind_first, "indicator"))
    problems.add(_failed(ind_err, ind_codes), lambda pos: RawDataError(
        "", None, "indicator", column["indicator"].iloc[pos],
        "not a key of the codebook (swtoolkit/data/codebook.csv)"))

    # value: each distinct string once (column-wise for the common forms)
    val_codes, val_first = distinct(column["value_read"])
    parsed = parse_values(column["value_read"].iloc[val_first].reset_index(drop=True))
    val_err = parsed["error"].to_numpy()
    val_bad = _failed(val_err, val_codes)
    problems.add(val_bad, lambda pos: _as_raw(val_err[val_codes[pos]], "value_as_written",
                                                                   column["value_as_written"].iloc[pos]))
    value = {c: parsed[c].to_numpy()[val_codes] for c in ("value", "low", "high", "qualifier", "is_percent",
                                                          "unit_as_written")}

    # a qualifier word written apart from the figure
    worded = np.flatnonzero(column["qualifier_as_written"].ne("").to_numpy() & ~val_bad)
    word_codes, word_first = distinct(*(column[c].iloc[worded] for c in ("value_read", "qualifier_as_written")))
    word_info, word_err = _each(lambda text, word: apply_separate_qualifier(parse_value(text), word),
                                _keys(column, worded[word_first], "value_read", "qualifier_as_written"))
    word_failed = np.zeros(n, dtype=bool)
    word_failed[worded] = _failed(word_err, word_codes)
    word_code_at = dict(zip(worded.tolist(), word_codes.tolist(), strict=True))
    problems.add(word_failed, lambda pos: _as_raw(word_err[word_code_at[pos]], "qualifier_as_written",
                                                  column["qualifier_as_written"].iloc[pos]))
    for row, code in zip(worded, word_codes, strict=True):
        if word_info[code] is not None:
            p = word_info[code]
            value["low"][row], value["high"][row] = (np.nan if v is None else v for v in (p.low, p.high))
            value["qualifier"][row] = p.qualifier

    # the rounding a figure is written to: 余/多 end below the next unit; 4.4万 is [43,500, 44,500]
    rnd_codes, rnd_first = distinct(column["value_read"], column["kind"], pd.Series(value["qualifier"]))
    rounded = [(np.nan, np.nan, None) if val_bad[row] else rounding_interval(
        written, value["value"][row], value["low"][row], value["high"][row], value["qualifier"][row], kind)
        for row, written, kind in zip(rnd_first.tolist(), _values(column["value_read"], rnd_first),
                                      _values(column["kind"], rnd_first), strict=True)]
    at = ~val_bad  # each key's reading spread over its rows at once (a mask per key was quadratic)
    for i, field in enumerate(("low", "high", "qualifier")):
        per_key = np.array([np.nan if r[i] is None and i < 2 else r[i] for r in rounded], dtype=object)
        value[field][at] = per_key[rnd_codes[at]].astype(value[field].dtype)

    # the unit: percent figures for percent indicators only, and a unit word the indicator's unit is written with
    units = np.array([None if info is None else info[1] for info in ind_info], dtype=object)[ind_codes]
    read = ~val_bad & ~_failed(ind_err, ind_codes)
    mismatch = read & (value["is_percent"].astype(bool) != (units == "percent"))
    problems.add(mismatch, lambda pos: RawDataError(
        "", None, "value_as_written", column["value_as_written"].iloc[pos],
        f"unit mismatch: indicator {column['indicator'].iloc[pos]!r} is measured in {units[pos]}"))
    fits = written_units()
    written = pd.Series(value["unit_as_written"], dtype=object).fillna("")
    pair_codes, pair_first = distinct(pd.Series(units, dtype=object).fillna(""), written)
    pair_fits = np.array([written.iloc[row] in fits.get(units[row], {""}) for row in pair_first.tolist()], dtype=bool)
    unfit = read & ~pair_fits[pair_codes] if len(pair_codes) else read
    problems.add(unfit, lambda pos: RawDataError(
        "", None, "value_as_written", column["value_as_written"].iloc[pos],
        f"unit mismatch: {value['unit_as_written'][pos]!r} is not a unit of indicator "
        f"{column['indicator'].iloc[pos]!r}, which counts {units[pos]} (written {_unit_words(units[pos])}); "
        f"{value['unit_as_written'][pos]!r} counts {_kinds_of(value['unit_as_written'][pos])}: curate the figure "
        "under an indicator that counts what the source counts (swtoolkit/data/codebook.csv, units.csv), never "
        "read it as another kind"))

    # a figure written with no unit and no magnitude (3393 for a fund, 89 in a table headed 万人, 312,089 in an
    # English sentence): the scale cannot be told from the figure, so it is refused unless the curator declares the
    # unit the source gives elsewhere (notes "header_unit=万人;"). Percentages and a bare 0 need no unit.
    # (a scale word in English, 1.16 million or 5.11 billion, tells the scale as 万 and 亿 do: numbers.EN_SCALES)
    bare = np.array([not w and not re.search(r"[万亿萬億]|(?i:\b(?:million|billion)\b)", str(v))
                     for w, v in zip(written.tolist(), column["value_read"].tolist(), strict=True)], dtype=bool)
    no_unit = (read & bare & ~value["is_percent"].astype(bool) & (units != "percent")
               & (value["value"].astype("float64") != 0) & ~(unfit if len(pair_codes) else read))
    problems.add(no_unit, lambda pos: RawDataError(
        "", None, "value_as_written", column["value_as_written"].iloc[pos],
        f"no unit written with the figure: indicator {column['indicator'].iloc[pos]!r} counts {units[pos]}, and "
        "without a unit (元, 人, 万人 …) its scale is not known; write the unit the source gives, or declare a "
        "table header's unit in the notes as header_unit=UNIT;"))
    # a count (persons, stations, organisations...) with a fraction: the scale (万, 亿) is missing or written
    # elsewhere (a table's header), and the figure is never read at another scale
    count_unit = np.array([u is not None and u not in NOT_COUNTS and " per " not in str(u) for u in units], dtype=bool)
    numbers = value["value"].astype("float64")
    whole = np.isfinite(numbers) & (numbers == np.floor(numbers))
    written_fraction = np.array([written_as_fraction(v) for v in column["value_read"].iloc[val_first].tolist()],
                                dtype=bool)[val_codes] if len(val_codes) else np.zeros(n, dtype=bool)
    fraction = read & ~mismatch & ~unfit & count_unit & np.isfinite(numbers) & (~whole | written_fraction)
    problems.add(fraction, lambda pos: RawDataError(
        "", None, "value_as_written", column["value_as_written"].iloc[pos],
        f"a count of {units[pos]} written with a fraction (digits after the point below its 万/亿): the scale is "
        "missing from the figure as written, or the point separates thousands (1.000 = 1,000); write the figure "
        "with its scale as the source gives it"))

    # date phrase, against the document's date
    date_codes, date_first = distinct(column["date_as_written"], column["source_id"], column["kind"])
    date_info, date_err = _each(lambda phrase, sid, kind: parse_date(phrase, doc_dates[sid], kind),
                                _keys(column, date_first, "date_as_written", "source_id", "kind"))
    date_bad = _failed(date_err, date_codes) & ~src_bad
    problems.add(date_bad, lambda pos: _as_raw(date_err[date_codes[pos]], "date_as_written",
                                               column["date_as_written"].iloc[pos]))

    # region, within the region the source is about (its region_context)
    contexts, ctx_err = _each(lambda info: None if info is None else info[0]["region_context"] or None,
                              [(info,) for info in src_info])
    problems.add(_failed(ctx_err, src_codes), lambda pos: ctx_err[src_codes[pos]])
    row_context = pd.Series(np.array([c or "" for c in contexts], dtype=object)[src_codes], dtype=object)
    reg_codes, reg_first = distinct(column["region_as_written"], row_context)
    reg_info, reg_err = _each(_region, list(zip(column["region_as_written"].iloc[reg_first].tolist(),
                                                (c or None for c in row_context.iloc[reg_first]), strict=True)))
    problems.add(_failed(reg_err, reg_codes) & ~src_bad, lambda pos: _as_raw(
        reg_err[reg_codes[pos]], "region_as_written", column["region_as_written"].iloc[pos]))

    is_target = column["kind"].eq("target").to_numpy()
    no_year = column["target_year"].eq("").to_numpy()
    problems.add(is_target & no_year,
                 lambda pos: RawDataError("", None, "target_year", "", "a target needs its target_year"))
    # a target year on a level is read nowhere (the level is dated by date_as_written): refused, not dropped
    looks_ahead = column["kind"].isin(FORWARD_KINDS).to_numpy()
    problems.add(~looks_ahead & ~no_year, lambda pos: RawDataError(
        "", None, "target_year", column["target_year"].iloc[pos],
        f"a figure of kind {column['kind'].iloc[pos]!r} has no target year (only a target, plan or norm looks "
        "ahead): is it a target, or is the year its date (date_as_written)?"))

    # the date a figure refers to: the target's year, or the document's date for a level dated after it
    ref_codes, ref_first = distinct(column["date_as_written"], column["source_id"], column["kind"],
                                    column["target_year"])
    ref_keys = [(date_info[d], doc_dates.get(sid), kind, year) for d, (_, sid, kind, year)
                in zip(date_codes[ref_first].tolist(),
                       _keys(column, ref_first, "date_as_written", "source_id", "kind", "target_year"), strict=True)]
    ref_info, ref_err = _each(_reference_date, ref_keys)
    problems.add(_failed(ref_err, ref_codes) & ~date_bad & ~src_bad, lambda pos: _with_value(
        ref_err[ref_codes[pos]], column["date_as_written"].iloc[pos]))

    _semantic_problems(column, problems, ~_failed(ind_err, ind_codes), link_ids)
    if web:
        locator = column["locator"].to_numpy(dtype=object)
    else:
        locator = _locators(column["locator"], problems)
        _located(column, locator, texts, src_bad, problems)
    if problems:
        return None, problems
    if n == 0:
        return pd.DataFrame([], columns=CLEAN_COLUMNS), problems

    out = {
        "figure_id": column["figure_id"].array,
        "source_id": column["source_id"].array,
        "source_file": _strings([info[0]["file"] for info in src_info], src_codes),
        "locator": locator,
    }
    for i, field in enumerate(REGION_FIELDS):
        out[field] = _strings([info[i] for info in reg_info], reg_codes)
    out.update({
        "place": column["place_as_written"].array,
        "subset": column["subset"].array,
        "indicator": column["indicator"].array,
        "family": _strings([info[0] for info in ind_info], ind_codes),
        "value": value["value"].astype("float64"),
        "value_low": value["low"].astype("float64"),
        "value_high": value["high"].astype("float64"),
        "qualifier": pd.array(value["qualifier"], dtype="str"),
        "unit": _strings([info[1] for info in ind_info], ind_codes),
        "ref_date": _strings([info[0] for info in ref_info], ref_codes),
        "ref_date_precision": _strings([info[1] for info in ref_info], ref_codes),
        "date_flag": _strings([info[2] for info in ref_info], ref_codes),
        "kind": column["kind"].array,
        "target_year": column["target_year"].array,
        "scope": column["scope"].array,
        "unit_as_written": pd.array([u or "" for u in value["unit_as_written"]], dtype="str"),
        "target_type": column["target_type"].array,
        "norm_status": column["norm_status"].array,
        "same_fact_as": column["same_fact_as"].array,
        "value_as_written": column["value_as_written"].array,
        "date_as_written": column["date_as_written"].array,
        "region_as_written": column["region_as_written"].array,
        "notes": column["notes"].array,
        "qualifier_as_written": column["qualifier_as_written"].array,
    })
    source_rows = {sid: sources.loc[sid] for sid in set(column["source_id"].iloc[ref_first].tolist())}
    bases = [date_interval(column["date_as_written"].iloc[row], ref_info[code], doc_dates[sid], source_rows[sid],
                           column["kind"].iloc[row])
             for code, row, sid in zip(range(len(ref_first)), ref_first.tolist(),
                                       column["source_id"].iloc[ref_first].tolist(), strict=True)]
    for i, field in enumerate(("date_basis", "ref_date_low", "ref_date_high")):
        out[field] = _strings([b[i] for b in bases], ref_codes)
    out["date_estimated"] = np.array([b[3] for b in bases], dtype=bool)[ref_codes]
    # an undated figure's one known date is its document's: a document known to its year only keeps precision
    # ``year`` (reports say 见于2018年的文件, never an invented December; referee-6a R6a-4)
    # and a date taken from the document (目前, 日前, 今年) is never more precise than the document's own date: a page
    # dated to its year gives the year (never 2018-12-31 as a day; editor 9 on R8a-3), one dated to its month a month
    out["ref_date_precision"] = _strings(
        [document_precision(info[1], b[0], str(source_rows[sid].get("pub_date_precision", "")))
         for b, info, sid in zip(bases, ref_info, column["source_id"].iloc[ref_first].tolist(), strict=True)],
        ref_codes)
    out["period_start"] = _period_starts(column, [date_info[c] for c in date_codes.tolist()], out["date_basis"])
    out["ref_date_low"] = _span_lows([date_info[c] for c in date_codes.tolist()], out["date_basis"],
                                     out["period_start"], out["ref_date_low"])
    return pd.DataFrame({c: out[c] for c in CLEAN_COLUMNS}), problems


def _span_lows(when: list[ParsedDate | None], basis: object, starts: object, lows: object
               ) -> pd.api.extensions.ExtensionArray:
    """``ref_date_low`` of each figure, widened to the first day of a stated span for a figure that is no flow
    counted over it (no ``period_start``): a level or running total dated by a span of days (Hebei's 1435 stations
    and 63.7%, dated 8月15日至16日, the two days of the meeting at which they were given) holds on some day of that
    span, which the source does not name; its date is the span (2022-08-15 to 2022-08-16), never its last day as an
    exact as-of day (fresh referee 26, item 6). Flows keep ``period_start``; other figures are unchanged."""
    out = list(lows)
    for i, (w, b, start) in enumerate(zip(when, list(basis), list(starts), strict=True)):
        if (w is not None and w.start is not None and b == "stated" and not start and w.start < w.ref_date
                and "period ending" in w.flag):  # a span written A至B, not a year or a month alone
            out[i] = w.start.isoformat()
    return pd.array(out, dtype="str")


#: Precisions from the finest; ``period`` (a relative phrase's moment, a span) claims no calendar precision.
PRECISION_ORDER = ("day", "month", "year")


def document_precision(precision: str, basis: str, document: str) -> str:
    """The precision of a figure's date given where it comes from: a date that rests on the document's date
    (``basis`` ``document``: 目前, 日前, 今年; or ``undated``: somewhere before the document) is never finer than
    the document's own date (``document``: sources.csv ``pub_date_precision``). A page dated to its year gives
    ``year`` whatever the phrase (日前 on a page of 2018 is 2018, never the day 2018-12-31); a page dated to its
    month turns a ``day`` into ``month``. A stated date keeps its own precision (截至2014年底 on a page of 2014)."""
    if basis not in ("document", "undated") or document not in PRECISION_ORDER:
        return precision
    if document == "year":
        return "year"
    if precision in PRECISION_ORDER and PRECISION_ORDER.index(precision) < PRECISION_ORDER.index(document):
        return document
    return precision


def _period_starts(column: dict[str, pd.Series], when: list[ParsedDate | None], basis: object
                   ) -> pd.api.extensions.ExtensionArray:
    """The first day of the stated period each flow is counted over ('' for a stock, a point or a relative date).

    A figure counts over a period when it is a flow (kind ``increment``, or a flow indicator's figure that is not a
    target, plan or norm) and its stated date names a period (2022年1月至6月, 2022年上半年, 2022年5月, 2021年;
    :attr:`swtoolkit.cleaning.dates.ParsedDate.start`); reports word it as that period, never as 截至 its end.
    A stated change or multiple (codebook measure ``change``/``multiple``: 2022年…比2021年增长25.7%), or an amount of
    change (``difference``: 2024年 6.4万 more registrants than 2023), is dated the same way: it describes the stated
    year against the one before, not a level at the year's end.
    """
    measure = codebook()["measure"]
    flows = [kind == "increment" or (kind in ("actual", "cumulative") and measure.get(ind, "") == "flow")
             or (kind in ("actual", "ratio") and measure.get(ind, "") in ("change", "multiple", "difference"))
             for kind, ind in zip(column["kind"].tolist(), column["indicator"].tolist(), strict=True)]
    # a running total (kind cumulative) counts from its own start, which only a since-phrase gives (去年以来,
    # below): a stated date is its end, never the span it counts over (a meeting's days 8月15日至16日 dating the
    # 目前 of Hebei's 2.3万多 activities are when they were counted to, not when they were held; editor 9 N-4)
    starts = ["" if w is None or w.start is None or not flow or b != "stated" or kind == "cumulative"
              else w.start.isoformat()
              for w, flow, b, kind in zip(when, flows, list(basis), column["kind"].tolist(), strict=True)]
    # a change stated for the document's own year (2022年 or 今年 in a 2022 report: the year so far) counts from
    # that year's first day; the report says the year, never 截至 the document's date
    # A flow counted 今年以来 / 去年以来 (since the start of this or last year) runs from that year's first day to the
    # document's date: it is said as that span, never 截至 the document's date.
    phrases = column["date_as_written"].tolist() if "date_as_written" in column else [""] * len(starts)
    for i, (w, ind, b, written, flow) in enumerate(zip(when, column["indicator"].tolist(), list(basis), phrases,
                                                       flows, strict=True)):
        if starts[i] or w is None or b != "document":
            continue
        phrase = re.sub(r"\s+", "", str(written))
        if measure.get(ind, "") in ("change", "multiple", "difference") and re.search(r"\d{4}年|今年", phrase):
            starts[i] = w.ref_date.replace(month=1, day=1).isoformat()
        elif flow and phrase in ("今年以来", "去年以来"):
            back = 1 if phrase == "去年以来" else 0
            starts[i] = w.ref_date.replace(year=w.ref_date.year - back, month=1, day=1).isoformat()
    return pd.array(starts, dtype="str")


def date_interval(phrase: str, ref: tuple[str, str, str], doc_date: date, source: pd.Series, kind: str
                  ) -> tuple[str, str, str, bool]:
    """(date_basis, ref_date_low, ref_date_high, date_estimated) of a figure; '' for an open end.

    - ``plan``: a target's year; ``stated``: the text gives the date (a point: low = high = ref_date).
    - ``document``: the text dates the figure by the document (目前, 截至目前, 今年以来): the document's date, whose
      month is known at best (low = the first of that month).
    - ``undated``: the text gives no date: the figure lies somewhere up to the document's date (no lower end).
    - ``before``: a bound such as 2021年以前: up to the end of 2020, no lower end.
    ``date_estimated`` is True where the date rests on a document date that sources.csv marks as an estimate.
    """
    ref_date, _, flag = ref
    estimated = str(source.get("pub_date_note", "")).startswith("estimate")
    precision = str(source.get("pub_date_precision", ""))
    doc_low = {"month": doc_date.replace(day=1), "year": doc_date.replace(month=1, day=1)}.get(precision, doc_date)
    if kind == "target" or (kind in FORWARD_KINDS and ref_date > doc_date.isoformat()):
        # a target year, or a norm or plan set for a future year; a year named relative to the document (今年计划,
        # 明年) rests on the document's date, so it is an estimate where that date is one (R10b-5); so does a bare
        # 年底/年底前 (the end of the document's own year: Tianjin's coverage goal, WP080-05)
        return "plan", ref_date, ref_date, estimated and bool(RELATIVE_YEAR.search(str(phrase))
                                                              or "document's year" in flag)
    if not str(phrase).strip():
        return "undated", "", doc_date.isoformat(), estimated
    if "before" in flag:
        return "before", "", ref_date, False
    if ref_date == doc_date.isoformat() and not (precision == "year" and not flag):
        # (a page dated to its year only has its year's end as date: 截至2014年底 there is a stated date, not 目前)
        return "document", doc_low.isoformat(), ref_date, estimated
    # a stated day or month whose year is relative (截至今年9月底, 去年6月) takes its year from the document: an
    # estimate where the document's date is one (referee-3 NF9: Shandong's 95.29% shown as a stated 2022)
    # (the same for a day or month written without a year, 12月1日: its year is the document's; referee 8a R8a-14)
    return "stated", ref_date, ref_date, estimated and bool(RELATIVE_YEAR.search(str(phrase))
                                                            or "year taken from the document" in flag)


#: A year named relative to the document (今年…, 去年…, 本年…): its number comes from the document's date.
RELATIVE_YEAR = re.compile(r"(今年|去年|本年|前年)")


def _semantic_problems(column: dict[str, pd.Series], problems: Problems, known: np.ndarray,
                       link_ids: dict[str, tuple[str, str]] | None = None) -> None:
    """Norms need a status, targets a type (and no other kind has either); a scope must fit its indicator;
    a same-fact link must point at another figure of the same indicator and scope (both checked where the indicator is
    `known`: an unknown one is reported as such)."""
    kind = column["kind"]
    # the closed vocabularies (the raw contract checks them for data/raw/figures.csv; web rows come here only)
    for field, allowed_values, what in (("kind", KINDS, "kind"), ("target_type", ("", *TARGET_TYPES), "target_type"),
                                        ("norm_status", ("", *NORM_STATUSES), "norm_status"),
                                        ("scope", ("", *scopes().index), "scope"),
                                        ("subset", ("", *subsets().index), "subset")):
        if field not in column:
            continue  # (a caller checking other columns only)
        unknown = ~column[field].isin(list(allowed_values)).to_numpy()
        problems.add(unknown, lambda pos, f=field, a=allowed_values, w=what: RawDataError(
            "", None, f, column[f].iloc[pos], "not a key of the scopes table (swtoolkit/data/scopes.csv)"
            if f == "scope" else "not in the subsets table (swtoolkit/data/subsets.csv): give the part its Chinese "
            "words there" if f == "subset" else f"{w} must be empty or one of {', '.join(x for x in a if x)}"
            if "" in a else f"{w} must be one of {', '.join(a)}"))
    bad_year = ~column["target_year"].str.fullmatch(r"(\d{4})?").fillna(False).to_numpy(dtype=bool)
    problems.add(bad_year, lambda pos: RawDataError("", None, "target_year", column["target_year"].iloc[pos],
                                                    "target_year must be a four-digit year or empty"))
    for field, wanted in (("norm_status", "norm"), ("target_type", "target")):
        given = column[field].ne("")
        missing = (kind.eq(wanted) & ~given).to_numpy()
        problems.add(missing, lambda pos, f=field, w=wanted: RawDataError(
            "", None, f, "", f"a {w} needs its {f} ({'; '.join(_allowed(f))})"))
        stray = (~kind.eq(wanted) & given).to_numpy()
        problems.add(stray, lambda pos, f=field, w=wanted: RawDataError(
            "", None, f, column[f].iloc[pos], f"only a {w} has a {f}; this figure is of kind {kind.iloc[pos]!r}"))
    allowed = {key: set(str(row["indicators"]).split(";")) for key, row in scopes().iterrows()}
    bad_scope = np.array([bool(sc) and sc in allowed and "*" not in allowed[sc] and ind not in allowed[sc]
                          for sc, ind in zip(column["scope"], column["indicator"], strict=True)], dtype=bool)
    problems.add(bad_scope & known, lambda pos: RawDataError(
        "", None, "scope", column["scope"].iloc[pos],
        f"scope does not apply to indicator {column['indicator'].iloc[pos]!r} (see scopes.csv)"))
    # one fact is one definition: a link joins statements of the same indicator and the same scope (73 private
    # organisations restated elsewhere are private organisations there too)
    ids = {**(link_ids or {}),
           **{f: (i, s) for f, i, s in zip(column["figure_id"], column["indicator"], column["scope"], strict=True)}}
    link = column["same_fact_as"]
    bad_link = np.array([bool(t) and (t == f or ids.get(t) != (ind, sc))
                         for t, f, ind, sc in zip(link, column["figure_id"], column["indicator"], column["scope"],
                                                  strict=True)], dtype=bool)
    problems.add(bad_link & known, lambda pos: RawDataError(
        "", None, "same_fact_as", link.iloc[pos],
        "same_fact_as must name another figure of the same indicator and scope"))


def _unit_words(unit: str) -> str:
    row = unit_table().loc[unit]
    words = [w for w in str(row["written"]).split(";") if w]
    return " or ".join(words) if words else "without a unit word"


def _kinds_of(word: str) -> str:
    """The codebook units whose words include ``word`` ('households or organisations'), for a refusal."""
    kinds = sorted(unit for unit, words in written_units().items() if word and word in words)
    return " or ".join(kinds) if kinds else "no unit of the codebook"


def _allowed(field: str) -> tuple[str, ...]:
    return NORM_STATUSES if field == "norm_status" else TARGET_TYPES


def _region(name: str, context: str | None) -> tuple[str, str, str, str, str]:
    region = regions.resolve(name, within=context)
    province = regions.province_of(region.code) if region.level != "country" else ""
    return region.code, region.name_zh, region.name_en, region.level, province


def _reference_date(when: ParsedDate, doc_date: date, kind: str, target_year: str) -> tuple[str, str, str]:
    """(ref_date ISO, precision, flag) of a figure read with `when`, as in the curation rules."""
    ref_date, precision, flag = when.ref_date, when.precision, when.flag
    if kind == "target" and target_year:
        ref_date, precision = date(int(target_year), 12, 31), "year"
    elif ref_date > doc_date and kind not in FORWARD_KINDS and YEAR_END_OF_DOCUMENT in flag \
            and doc_date.month <= LAST_BULLETIN_MONTH:
        # 年末 (no year) for a level in a statistical bulletin of the first half of a year: the year-end just past
        # (the 2022 bulletin of Feb 2023 gives the population at end-2022), never the publication date.
        ref_date, precision = date(doc_date.year - 1, 12, 31), "year"
        flag = f"{flag.split(':')[0]}: the last year-end up to a document of {doc_date.isoformat()[:7]}"
    elif ref_date > doc_date and kind not in FORWARD_KINDS:
        # "2022年" in a mid-2022 report is the year so far: a level cannot be dated after the document speaks. A
        # period that begins after the document (2030年底, 截至二〇二三年底 in a 2022 page) is no period in progress.
        begins = ref_date if precision == "day" else ref_date.replace(day=1) if precision == "month" \
            else date(ref_date.year, 1, 1)
        if begins > doc_date:
            raise RawDataError("", None, "date_as_written", None,
                               f"a figure of kind {kind!r} dated {ref_date.isoformat()}, after its document speaks "
                               f"({doc_date.isoformat()}): a level cannot be measured then; is it a target (kind "
                               "target, with its target_year), or is the date or the source wrong?")
        ref_date, precision = doc_date, "period"
        flag = "; ".join(f for f in (flag, "year in progress: document date used") if f)
    return ref_date.isoformat(), precision, flag


def _locators(locator: pd.Series, problems: Problems) -> np.ndarray | pd.Series:
    """int(locator) per row: column-wise for plain digit strings, else row by row (as the raw contract allows)."""
    if locator.str.fullmatch("[0-9]{1,18}").all():
        return locator.astype("int64").to_numpy()
    plain = locator.str.fullmatch("[0-9]{1,18}").fillna(False).to_numpy(dtype=bool)
    values = [int(text) if ok else None for text, ok in zip(locator.tolist(), plain, strict=True)]
    problems.add(~plain, lambda pos: RawDataError("", None, "locator", locator.iloc[pos],
                                                  "locator must be a character offset (digits only)"))
    return pd.Series(values, dtype=object)


def _located(column: dict[str, pd.Series], locator: np.ndarray | pd.Series, texts: dict[str, str | None],
             src_bad: np.ndarray, problems: Problems) -> None:
    """The value as written must stand at its locator in its source's line-joined text, where that text is known:
    ``text[locator:locator + len(value_as_written)] == value_as_written``."""
    sources = column["source_id"].to_numpy(dtype=object)
    known = np.array([texts.get(sid) is not None for sid in sources.tolist()], dtype=bool) & ~src_bad
    known &= pd.notna(pd.Series(locator, dtype=object)).to_numpy(dtype=bool)
    written = column["value_as_written"]
    misplaced = np.zeros(len(sources), dtype=bool)
    for pos in np.flatnonzero(known).tolist():
        text, at, value = texts[sources[pos]], int(locator[pos]), written.iloc[pos]
        misplaced[pos] = text[at:at + len(value)] != value
    problems.add(misplaced, lambda pos: RawDataError(
        "", None, "locator", column["locator"].iloc[pos],
        f"the source text does not hold {shown(written.iloc[pos])} at this offset (it has "
        f"{shown(_at(texts[sources[pos]], int(locator[pos]), len(written.iloc[pos])))}); the locator is the offset "
        "in the text with line breaks removed"))


def _at(text: str, at: int, length: int) -> str:
    return text[at:at + length] if at < len(text) else f"nothing: the text has {len(text)} characters"
