"""What a report reads, kept light: the parent of a build imports this without matplotlib, nbformat or statsmodels."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import tomllib
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from swtoolkit import regions
from swtoolkit.errors import CleanDataError, ParameterError, RawDataError, SwtoolkitError
from swtoolkit.paths import PACKAGE_DIR, clean_dir, project_root


def load_clean() -> pd.DataFrame:
    """The clean dataset as committed (data/clean/figures.csv), all text columns as text.

    Raises CleanDataError (one line) when the file is not the clean table: damaged, truncated mid-row, of other
    columns or with values that are not numbers (`swtoolkit build` also checks that it is what `swtoolkit clean`
    makes from data/raw).
    """
    from swtoolkit.cleaning.columns import CLEAN_COLUMNS
    from swtoolkit.cleaning.tables import read_table

    path = clean_dir() / "figures.csv"
    try:
        frame, problems = read_table(path)
    except FileNotFoundError:  # the same words and exit code as build's and release's check
        raise CleanDataError(f"{path} is missing: run `swtoolkit clean`") from None
    except RawDataError as exc:
        raise CleanDataError(f"{path} cannot be read ({exc.reason}): run `swtoolkit clean`") from None
    if problems or list(frame.columns) != CLEAN_COLUMNS:
        why = f"row {problems[0].row}: {problems[0].reason}" if problems else "not the clean table's columns"
        raise CleanDataError(f"{path} is damaged or truncated ({why}): run `swtoolkit clean`")
    for column in ("value", "value_low", "value_high"):
        try:
            frame[column] = pd.to_numeric(frame[column].replace("", None))
        except (ValueError, TypeError):
            raise CleanDataError(f"{path}: column {column!r} holds text that is not a number: run "
                                 "`swtoolkit clean`") from None
    return frame.reset_index(drop=True)


def data_checksum() -> str:
    return hashlib.sha256((clean_dir() / "figures.csv").read_bytes()).hexdigest()


def git_commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=project_root(), capture_output=True,
                             text=True, check=False, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip() or "unknown"


def resolve_region_parameter(region: str) -> regions.Region:
    """A report parameter must name a region (code, name or alias) that has figures in the clean data."""
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
    if found.code not in set(load_clean()["region_code"]):
        raise ParameterError(f"parameter region={region!r}: {found.name_zh} ({found.code}) has no figures in the data")
    return found


@lru_cache(maxsize=1)
def models_code_checksum() -> str:
    """Checksum of the models layer's source: model results are reused only while it is unchanged."""
    digest = hashlib.sha256()
    for path in sorted((PACKAGE_DIR / "models").glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def model_results_key() -> str:
    """Identity of one fit_all table: the clean data and the model code it came from."""
    return hashlib.sha256((data_checksum() + models_code_checksum()).encode()).hexdigest()


REPORT_CONFIG = "report.toml"


@dataclass(frozen=True)
class ReportConfig:
    """Front matter every report shows, from report.toml at the project root."""

    publisher: str
    authors: tuple[str, ...]
    edition: dt.date
    licence: str
    contact: str


def report_config() -> ReportConfig:
    """Read report.toml (publisher, authors, edition date, licence, contact); a missing or wrong key is an error."""
    path = project_root() / REPORT_CONFIG
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SwtoolkitError(f"{path} not found: every report reads its publisher, authors, edition, licence and "
                             "contact from it") from None
    except tomllib.TOMLDecodeError as exc:
        raise SwtoolkitError(f"{path}: {exc}") from None
    except UnicodeDecodeError as exc:
        raise SwtoolkitError(f"{path}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start}); "
                             "save it as UTF-8") from None
    missing = [k for k in ("publisher", "authors", "edition", "licence", "contact") if k not in data]
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
    texts = {k: data[k] for k in ("publisher", "licence", "contact")}
    if not all(isinstance(v, str) and v.strip() for v in texts.values()) or not all(
            isinstance(a, str) and a.strip() for a in authors) or not authors:
        raise SwtoolkitError(f"{path}: publisher, authors, licence and contact must be non-empty text")
    return ReportConfig(authors=tuple(authors), edition=edition, **{k: v.strip() for k, v in texts.items()})


def data_version() -> str:
    """The data release this build reads: release name and the start of figures.csv's checksum."""
    from swtoolkit import __version__

    return f"swtoolkit-data-{__version__} (figures.csv sha256 {data_checksum()[:12]})"


def edition_rows() -> list[tuple[str, str]]:
    """Title-page rows every report shares: publisher, authors, edition (report.toml), toolkit and data version."""
    from swtoolkit import __version__

    config = report_config()
    return [("出版者 Publisher", config.publisher),
            ("作者 Authors", "; ".join(config.authors)),
            ("版次 Edition", f"{config.edition.year}年{config.edition.month}月{config.edition.day}日 "
                            f"({config.edition.isoformat()})"),
            ("工具版本 Toolkit", f"swtoolkit {__version__}"),
            ("数据版本 Data version", data_version()),
            ("许可 Licence", config.licence),
            ("联系 Contact", config.contact)]
