"""What a report reads, kept light: the parent of a build imports this without matplotlib, nbformat or statsmodels."""

from __future__ import annotations

import hashlib
import subprocess
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
