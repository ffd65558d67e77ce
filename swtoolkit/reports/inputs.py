"""What a report reads, kept light: the parent of a build imports this without matplotlib, nbformat or statsmodels."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from swtoolkit import regions
from swtoolkit.errors import ParameterError, SwtoolkitError
from swtoolkit.paths import project_root


def load_clean(path=None) -> pd.DataFrame:
    """The clean figures (data/clean/figures.parquet, or `path`), checked against their contract on read.

    Raises CleanDataError (one line) when the file is missing, damaged or breaks the contract (`swtoolkit build`
    also checks that data/clean is what `swtoolkit clean` makes from data/raw, and rebuilds it when not).
    """
    from swtoolkit.stages import read_figures

    return read_figures(path)


def read_checks(figures=None) -> pd.DataFrame:
    """checks.csv beside `figures` (default: data/clean's), as text; empty when there is none. Raises
    CleanDataError for a checks.csv that cannot be read."""
    from swtoolkit.errors import CleanDataError
    from swtoolkit.paths import clean_dir

    path = Path(figures).with_name("checks.csv") if figures else clean_dir() / "checks.csv"
    if not path.is_file():
        return pd.DataFrame()
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except (ValueError, UnicodeDecodeError, OSError) as exc:
        raise CleanDataError(f"{path}: cannot be read ({exc})") from None


def load_refusals(region_code: str, figures=None) -> pd.DataFrame:
    """The figures collected for `region_code` that the clean step left out (cleaning.checks.refusals), from the
    checks.csv beside `figures` (read_checks; none there: an empty frame, nothing known to be left out), with
    ``doc_date``: the publication date of each row's source (provenance.sources ``pub_date``, '' when not known),
    so a sentence can tell which refused figures could bear on a date (phrasing.refused_when)."""
    from swtoolkit.cleaning.checks import refusals

    left = refusals(read_checks(figures), region_code)
    return with_document_dates(left)


def with_document_dates(left: pd.DataFrame, raw=None) -> pd.DataFrame:
    """``left`` (cleaning.checks.refusals rows) with a ``doc_date`` column: the ``pub_date`` of the source each
    figure id names (the id before its last '-'), '' when the source or its date is not known."""
    from swtoolkit import provenance
    from swtoolkit.errors import SwtoolkitError

    left = left.copy()
    try:
        dates = provenance.sources(raw)["pub_date"].astype(str).to_dict()
    except (SwtoolkitError, OSError, KeyError):  # no raw data beside: every date unknown, nothing filtered
        dates = {}
    left["doc_date"] = [dates.get(str(f).rsplit("-", 1)[0], "") for f in left["figure_id"]] if len(left) else []
    return left


def resolve_region_parameter(region: str, clean: pd.DataFrame | None = None) -> regions.Region:
    """A report parameter must name a region (code, name or alias) that has figures in the clean data (`clean`,
    default: load_clean())."""
    if isinstance(region, int) and not isinstance(region, bool):
        region = f"{region:06d}"  # papermill -p region 530100 passes an int
    if region is None or (isinstance(region, str) and not region.strip()):
        raise ParameterError("parameter 'region' is missing: give a region code, name or alias such as 云南省")
    if not isinstance(region, str):
        raise ParameterError(f"parameter region={region!r} must be a region code, name or alias (text)")
    try:
        found = regions.resolve(region)
    except SwtoolkitError as exc:
        raise ParameterError(f"parameter region={region!r}: {exc}") from None
    if found.code not in set((load_clean() if clean is None else clean)["region_code"]):
        raise ParameterError(f"parameter region={region!r}: {found.name_zh} ({found.code}) has no figures in the data")
    return found


REPORT_CONFIG = "report.toml"


@dataclass(frozen=True)
class ReportConfig:
    """Front matter every report shows, from report.toml at the project root."""

    publisher: str
    authors: tuple[str, ...]
    edition: dt.date
    licence: str
    contact: str | None = None  # None: not set in report.toml, and left out of every title page


def config_gaps(config: ReportConfig) -> list[str]:
    """The optional report.toml fields `config` leaves unset (each left out of the title pages): the build warns
    once per field (reports.batch.build)."""
    return ["contact"] if config.contact is None else []


def report_config(path=None) -> ReportConfig:
    """Read report.toml (publisher, authors, edition date, licence, optional contact; default: the project's, or
    `path`); a missing or wrong required key is an error. A contact that is absent or empty is None: the title
    pages leave the row out (a publishable cover never prints a placeholder), and the build warns once."""
    path = Path(path) if path else project_root() / REPORT_CONFIG
    try:
        raw = path.read_bytes()
        if b"\0" in raw:  # UTF-16 that decodes as UTF-8 with zero bytes between the letters
            raise UnicodeDecodeError("utf-8", raw, raw.index(b"\0"), raw.index(b"\0") + 1, "a zero byte")
        data = tomllib.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise SwtoolkitError(f"{path} not found: every report reads its publisher, authors, edition and licence "
                             "(and contact, when set) from it") from None
    except tomllib.TOMLDecodeError as exc:
        raise SwtoolkitError(f"{path}: {exc}") from None
    except UnicodeDecodeError as exc:
        from swtoolkit.cleaning.tables import not_utf8

        raise SwtoolkitError(f"{path}: {not_utf8(exc.object, exc)}") from None
    missing = [k for k in ("publisher", "authors", "edition", "licence") if k not in data]
    if missing:
        raise SwtoolkitError(f"{path}: missing {', '.join(missing)}")
    authors = data["authors"]
    if isinstance(authors, str):
        authors = [authors]
    edition = data["edition"]
    if isinstance(edition, str):
        try:
            edition = dt.date.fromisoformat(edition)
        except ValueError:
            raise SwtoolkitError(f"{path}: edition {edition!r} is not a date (YYYY-MM-DD)") from None
    if not isinstance(edition, dt.date) or isinstance(edition, dt.datetime):
        raise SwtoolkitError(f"{path}: edition must be a date such as 2026-11-30")
    texts = {k: data[k] for k in ("publisher", "licence")}
    if not all(isinstance(v, str) and v.strip() for v in texts.values()) or not all(
            isinstance(a, str) and a.strip() for a in authors) or not authors:
        raise SwtoolkitError(f"{path}: publisher, authors and licence must be non-empty text")
    contact = data.get("contact")
    if contact is not None and not isinstance(contact, str):
        raise SwtoolkitError(f"{path}: contact must be text (an address or page), or left out")
    contact = (contact or "").strip() or None
    return ReportConfig(authors=tuple(authors), edition=edition, contact=contact,
                        **{k: v.strip() for k, v in texts.items()})


def data_release() -> str:
    """The data release's name (swtoolkit-data-0.1.0): what the landing page names; the checksum goes in its footer
    in words (fresh editor, item 15: no 'figures.parquet sha256 …' among the links)."""
    from swtoolkit import __version__

    return f"swtoolkit-data-{__version__}"


def data_version(digest: str, what: str = "report inputs") -> str:
    """The data a report reads: release name and the start of its inputs' digest (stages.inputs_digest), or of
    another file named by ``what`` (the index gives figures.parquet's)."""
    from swtoolkit import __version__

    return f"swtoolkit-data-{__version__} ({what} sha256 {digest[:12]})"


def edition_rows(digest: str, config=None) -> list[tuple[str, str]]:
    """Title-page rows every report shares: publisher, authors, edition (report.toml, or `config`), toolkit and
    data version (`digest`: the report's inputs, see stages.inputs_digest)."""
    from swtoolkit import __version__

    config = report_config(config)
    return [("出版者 Publisher", config.publisher),
            ("作者 Authors", "; ".join(config.authors)),
            ("版次 Edition", f"{config.edition.year}年{config.edition.month}月{config.edition.day}日 "
                            f"({config.edition.isoformat()})"),
            ("工具版本 Toolkit", f"swtoolkit {__version__}"),
            ("数据版本 Data version", data_version(digest)),
            ("许可 Licence", config.licence),
            *([("联系 Contact", config.contact)] if config.contact else [])]


def load_conflicts(region_code: str | None, figures=None) -> pd.DataFrame:
    """The ``conflict`` rows of checks.csv (beside `figures`, read_checks) for `region_code`, the regions inside
    it (a province's prefectures, the nation's provinces: its sub-region table shows their figures and names their
    conflicts) and the nation (every region report sets its figures against the national ones, and names their
    conflicts there), or every region's (None: a report stating figures of many regions): statements of one fact
    with values that cannot all hold (failed or explained), and the curated statement notes
    (checks.STATEMENT_NOTES: a figure known only from a headline), columns as in checks.csv; empty when none."""
    return conflicts_of(read_checks(figures), region_code)


def conflicts_of(checks: pd.DataFrame, region_code: str | None) -> pd.DataFrame:
    """`load_conflicts` over a checks table already read (the audit reads it once for every report)."""
    from swtoolkit.cleaning.checks import STATEMENT_NOTES

    if checks.empty or "check" not in checks:
        return pd.DataFrame()
    # the curated statement notes (a figure known only from a headline) travel with the conflicts: every place that
    # discloses a conflict beside a figure discloses these too (recorded_conflicts reads only the conflicts)
    rows = checks["check"].isin(["conflict", *STATEMENT_NOTES])
    if region_code is not None:
        code = str(region_code)
        stem = "" if code == "000000" else code.rstrip("0")
        stem = stem if len(stem) % 2 == 0 else stem + "0"  # 530000 → 53, 532500 → 5325, 532501 → 532501
        region = checks["region_code"].astype(str)
        rows &= (region.str.startswith(stem) | region.eq("000000")) if stem else region.ne("")
    return checks[rows].reset_index(drop=True)
