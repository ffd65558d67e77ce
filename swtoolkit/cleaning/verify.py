"""Is data/clean what `swtoolkit clean` makes from data/raw? Checked before a build renders and before a release.

The check re-runs the clean step on data/raw into a temporary folder and compares: figures.csv, checks.csv and
codebook.csv byte for byte, figures.parquet as a table. Before that, figures.csv must read as the clean table (every
row whole, the clean columns), so a truncated or foreign file is named as such. A set that passed is remembered by
a key over every input (raw and clean files, the toolkit's code and data tables), so an unchanged project is not
cleaned again (the build keeps the key in its manifest).
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from pathlib import Path

from swtoolkit.cleaning.columns import CLEAN_COLUMNS
from swtoolkit.errors import CleanDataError, RawDataError, SwtoolkitError
from swtoolkit.paths import PACKAGE_DIR, clean_dir, raw_dir, seeds_dir

log = logging.getLogger(__name__)

COMPARED = ("figures.csv", "checks.csv", "codebook.csv")  # byte for byte; figures.parquet as a table
RAW_FILES = ("figures.csv", "sources.csv", "check_notes.csv")
OUTPUT_FILES = ("figures.csv", "figures.parquet", "checks.csv", "codebook.csv")
_verified: set[str] = set()  # keys verified in this process
_rebuilt: set[str] = set()  # keys of sets this process rebuilt (not yet reported by ensure_clean)


def clean_key(raw: Path | None = None, clean: Path | None = None) -> str:
    """A key over everything the comparison depends on: raw and clean files, seeds, the toolkit's code and tables."""
    raw, clean = Path(raw or raw_dir()), Path(clean or clean_dir())
    digest = hashlib.sha256()
    files = [raw / n for n in RAW_FILES] + [clean / n for n in OUTPUT_FILES]
    files += sorted(p for p in PACKAGE_DIR.rglob("*") if p.suffix in (".py", ".csv") and "__pycache__" not in p.parts)
    for path in files:
        digest.update(str(path).encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
        digest.update(b"\0")
    digest.update(str(seeds_dir()).encode())
    return digest.hexdigest()


def _readable(clean: Path) -> None:
    """Every output is there and figures.csv reads as the clean table (whole rows, the clean columns)."""
    from swtoolkit.cleaning.tables import read_table

    for name in OUTPUT_FILES:
        if not (clean / name).is_file():
            raise CleanDataError(f"{clean / name} is missing: run `swtoolkit clean`")
    try:
        frame, problems = read_table(clean / "figures.csv")
    except RawDataError as exc:
        raise CleanDataError(f"{clean / 'figures.csv'} cannot be read ({exc.reason}): run `swtoolkit clean`") from None
    if problems:
        raise CleanDataError(f"{clean / 'figures.csv'} is damaged or truncated (row {problems[0].row}: "
                             f"{problems[0].reason}): run `swtoolkit clean`")
    if list(frame.columns) != CLEAN_COLUMNS:
        raise CleanDataError(f"{clean / 'figures.csv'} does not have the clean table's columns (made by another "
                             "version of swtoolkit, or damaged): run `swtoolkit clean`")


def verify_clean(raw: Path | None = None, clean: Path | None = None, known: str | None = None,
                 rebuild: bool = False) -> str:
    """Raise CleanDataError (one line) unless `clean` holds exactly what the clean step makes from `raw`.

    Parameters
    ----------
    raw, clean : folders (default: data/raw and data/clean of the project).
    known : a key returned by an earlier successful call; when nothing has changed since, nothing is re-run.
    rebuild : when `clean` is stale, missing or damaged, put the fresh set there (as one set, see
        cleaning.outputs.publish) instead of raising; `swtoolkit build` does this, so clean is one of its stages.
        Raw data that does not clean still raises CleanDataError naming the first problem.

    Returns
    -------
    The key of the verified (or rebuilt) set (see clean_key).
    """
    from swtoolkit.cleaning.pipeline import clean as run_clean

    raw, clean = Path(raw or raw_dir()), Path(clean or clean_dir())
    key = clean_key(raw, clean)
    if key == known or key in _verified:
        return key
    if not rebuild:
        _readable(clean)
    with tempfile.TemporaryDirectory(prefix="swtoolkit-clean-check-") as tmp:
        fresh = Path(tmp) / "clean"
        try:
            run_clean(raw=raw, out=fresh)
        except SwtoolkitError as exc:
            first = str(exc).splitlines()[0]
            raise CleanDataError(f"{raw} does not clean ({first}); run `swtoolkit clean --keep-going`") from None
        try:
            _compare(fresh, clean, raw)
        except CleanDataError as exc:
            if not rebuild:
                raise
            _replace(fresh, clean)
            log.warning("%s; rebuilt %s from %s", str(exc).partition(": run")[0], clean, raw)
            key = clean_key(raw, clean)
            _rebuilt.add(key)
    _verified.add(key)
    log.info("data/clean is what the clean step makes from data/raw")
    return key


def ensure_clean(raw: Path | None = None, clean: Path | None = None, known: str | None = None) -> tuple[str, bool]:
    """The clean stage of a build: verify data/clean and rebuild it when stale (see verify_clean(rebuild=True)).

    Returns the key of the set and whether this call rebuilt it. Raises CleanDataError when data/raw does not clean.
    """
    key = verify_clean(raw, clean, known, rebuild=True)
    rebuilt = key in _rebuilt
    _rebuilt.discard(key)
    return key, rebuilt


def _compare(fresh: Path, clean: Path, raw: Path) -> None:
    import pandas as pd

    for name in OUTPUT_FILES:
        if not (clean / name).is_file():
            raise CleanDataError(f"{clean / name} is missing: run `swtoolkit clean`")
    for name in COMPARED:
        if (fresh / name).read_bytes() != (clean / name).read_bytes():
            raise CleanDataError(f"{clean / name} is not what `swtoolkit clean` makes from {raw} (stale: data/raw "
                                 "or the toolkit changed since, or it was edited): run `swtoolkit clean`")
    try:
        same = pd.read_parquet(fresh / "figures.parquet").equals(pd.read_parquet(clean / "figures.parquet"))
    except (OSError, ValueError):
        same = False
    if not same:
        raise CleanDataError(f"{clean / 'figures.parquet'} does not match a fresh clean run: run `swtoolkit clean`")


def _replace(fresh: Path, clean: Path) -> None:
    """Put the freshly cleaned set at `clean`, as one set (readers see the old set or the new one)."""
    import shutil

    from swtoolkit.cleaning.outputs import publish

    def write(folder: Path) -> list[str]:
        for name in OUTPUT_FILES:
            shutil.copyfile(fresh / name, folder / name)
        return list(OUTPUT_FILES)

    publish(clean, write)
