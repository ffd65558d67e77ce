"""The build's stages and the typed artefacts between them: raw → clean figures → model results → one report each.

==============  ===========================================  =================================================
stage           artefact                                     contract (pandera; checked on write and on read)
==============  ===========================================  =================================================
clean           data/clean/figures.parquet                   :func:`figures_schema`
fit             <reports>/results/results-<key>.parquet      :func:`results_schema` (typed: no CSV round trip)
report          <reports>/<stem>.html|pdf, notebooks/<stem>  parameters: region, figures, results, config
==============  ===========================================  =================================================

A report notebook receives every input path as a papermill parameter, so its executed copy can be run again from
the parameters stored in it alone (no environment variable passes between stages).

A report's cache key (:func:`report_key`) is made of exactly what it reads: its own slice of the figures and of
the results (:func:`report_codes`: the region, the regions containing it and those inside it; the comparison
report reads every row), the notebook, the stylesheet and report.toml, the source of the modules the
report ran (recorded by its notebook's last cell; :func:`report_code_digest`), the descriptions of the sources its
figures cite (:func:`sources_digest`), and the versions of the packages that render it. The report is handed that
slice and nothing else, so the key cannot miss an input it reads.
"""

from __future__ import annotations

import ast
import hashlib
import json
import logging
import os
import platform
import sys
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pandas as pd

from swtoolkit.errors import CleanDataError
from swtoolkit.paths import PACKAGE_DIR, clean_dir

log = logging.getLogger(__name__)

FIGURES_FILE = "figures.parquet"
RESULTS_DIR = "results"
COMPARISON = "comparison"
#: Modules a report kernel imports; the code part of a report's key is their import closure inside swtoolkit.
REPORT_MODULES = ("swtoolkit.reports.content", "swtoolkit.reports.comparison", "swtoolkit.fonts")
RENDER_PACKAGES = ("papermill", "nbconvert", "nbformat", "weasyprint", "matplotlib", "pandas", "numpy", "pypdf",
                   "cn2an", "pyarrow", "pandera")


# -- contracts -----------------------------------------------------------------------------------------------------
def figures_schema():
    """Contract of figures.parquet: the clean contract (swtoolkit.cleaning.schema.clean_schema)."""
    from swtoolkit.cleaning.schema import clean_schema

    return clean_schema()


def results_schema():
    """Contract of results.parquet: models.results.OUTPUT_COLUMNS with their types, in order.

    Text columns may be missing (a refusal has no dates, a result may have no notes); ``allowed`` is boolean,
    ``n_points`` a whole number, estimates and bounds floats (NaN where there is none).
    """
    import pandera.pandas as pa

    from swtoolkit.models.results import OUTPUT_COLUMNS

    floats = ("estimate", "low", "high", "band_low", "band_high")
    columns = {}
    for name in OUTPUT_COLUMNS:
        if name == "allowed":
            columns[name] = pa.Column(bool)
        elif name == "n_points":
            columns[name] = pa.Column("int64", pa.Check.ge(0))
        elif name in floats:
            columns[name] = pa.Column(float, nullable=True)
        elif name == "region_code":
            # six digits (GB/T 2260), or CN for a group of every province
            columns[name] = pa.Column(str, pa.Check.str_matches(r"^(\d{6}|CN)?$"), nullable=True)
        else:
            columns[name] = pa.Column(str, nullable=True)
    return pa.DataFrameSchema(columns, strict=True, ordered=True, name="results")


def schemas_yaml() -> dict[str, str]:
    """{file name: YAML} of every stage contract, for the data release (pandera's ``to_yaml``)."""
    return {"figures.schema.yaml": figures_schema().to_yaml(), "results.schema.yaml": results_schema().to_yaml()}


def _check(schema, frame: pd.DataFrame, path: Path, what: str) -> pd.DataFrame:
    import pandera.pandas as pa

    try:
        return schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        case = exc.failure_cases.iloc[0]
        row = "" if pd.isna(case["index"]) else f"row {int(case['index']) + 1}, "
        raise CleanDataError(f"{path}: {row}column {case['column']!r}, value {case['failure_case']!r} breaks the "
                             f"{what} contract ({case['check']}); {len(exc.failure_cases)} problem(s) in all") from None


#: Checked tables by (contract, sha256 of the file's bytes): a kept kernel runs many reports over the same
#: figures and results files, and checking them against their contracts was ≈ 10 % of a report's cells
#: (benchmarks/report_cost.md). The key is the content, so a file changed in place is read and checked again.
_CHECKED: dict[tuple[str, str], pd.DataFrame] = {}
_CHECKED_MAX = 4


def _read_checked(path: Path, schema, what: str, hint: str) -> pd.DataFrame:
    """The parquet file at `path`, checked against `schema()` once per content; each caller gets its own copy."""
    import io

    try:
        data = path.read_bytes()
        key = (what, hashlib.sha256(data).hexdigest())
        if key not in _CHECKED:
            frame = _check(schema(), pd.read_parquet(io.BytesIO(data)), path, what).reset_index(drop=True)
            while len(_CHECKED) >= _CHECKED_MAX:
                _CHECKED.pop(next(iter(_CHECKED)))
            _CHECKED[key] = frame
    except (OSError, ValueError) as exc:
        raise CleanDataError(f"{path} cannot be read ({type(exc).__name__}): {hint}") from None
    return _CHECKED[key].copy()


# -- figures -------------------------------------------------------------------------------------------------------
def figures_path() -> Path:
    return clean_dir() / FIGURES_FILE


def read_figures(path: Path | str | None = None) -> pd.DataFrame:
    """figures.parquet, checked against :func:`figures_schema`.

    Raises CleanDataError (one line, naming file, row, column and value) when the file is missing, unreadable or
    breaks the contract.
    """
    path = Path(path or figures_path())
    return _read_checked(path, figures_schema, "clean figures", "run `swtoolkit clean`")


# -- results -------------------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def models_code_digest() -> str:
    """Checksum of the models layer's source (results are reused only while it is unchanged)."""
    digest = hashlib.sha256()
    for path in sorted((PACKAGE_DIR / "models").glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def results_path(figures: Path, out: Path) -> Path:
    """Where the fit stage keeps its table for these figures and this model code."""
    digest = hashlib.sha256(Path(figures).read_bytes() + models_code_digest().encode()).hexdigest()
    return Path(out) / RESULTS_DIR / f"results-{digest[:16]}.parquet"


def write_results(table: pd.DataFrame, path: Path) -> Path:
    """Check `table` against :func:`results_schema` and write it (whole, by rename)."""
    table = _check(results_schema(), table, path, "model results")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        table.to_parquet(tmp, index=False)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def read_results(path: Path | str) -> pd.DataFrame:
    """results.parquet, checked against :func:`results_schema` (CleanDataError, one line, otherwise)."""
    path = Path(path)
    return _read_checked(Path(path), results_schema, "model results", "run `swtoolkit build` again")


def fit_stage(figures: Path, out: Path) -> Path:
    """The fit stage: fit_all over figures.parquet into results.parquet, once per figures and model code."""
    path = results_path(figures, out)
    if not path.exists():
        from swtoolkit.models import fit_all

        write_results(fit_all(read_figures(figures)), path)
    return path


# -- slices and keys -----------------------------------------------------------------------------------------------
def report_codes(code: str) -> set[str] | None:
    """Region codes whose rows the report of `code` reads: itself, the regions containing it (its national context)
    and every region inside it (sub-region tables, and the places within it in its data appendix); the national
    report reads only the provinces under it (its appendix lists what it used, not every place). None for the
    comparison report (it reads every row).

    tests/test_stages.py checks that every report says the same handed only this slice as handed every row.
    """
    if code == COMPARISON:
        return None
    from swtoolkit import regions

    parents, children = _region_tree()
    codes = {code} | set(children.get(code, []))
    if code != regions.COUNTRY_CODE:
        stack = list(children.get(code, []))
        while stack:
            for child in children.get(stack.pop(), []):
                if child not in codes:
                    codes.add(child)
                    stack.append(child)
    ancestor = parents.get(code)
    while ancestor and ancestor not in codes:
        codes.add(ancestor)
        ancestor = parents.get(ancestor)
    return codes


@lru_cache(maxsize=1)
def _region_tree() -> tuple[dict[str, str], dict[str, list[str]]]:
    """(code → parent code, code → child codes) of the committed region table, built once per process (it was built
    for every report key: ≈ 11 ms a call, benchmarks/report_cost.md, fourth pass). Callers must not change them."""
    from swtoolkit import regions

    table = regions.region_table()
    parents = dict(zip(table["code"], table["parent_code"], strict=True))
    children: dict[str, list[str]] = {}
    for child, parent in parents.items():
        children.setdefault(parent, []).append(child)
    return parents, children


def report_slice(code: str, figures: pd.DataFrame, results: pd.DataFrame | None
                 ) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The rows of figures and results that the report of `code` reads (see :func:`report_codes`)."""
    codes = report_codes(code)
    if codes is None:
        return figures, results
    figures = figures[figures["region_code"].isin(codes)]
    if results is not None:
        results = results[results["region_code"].isin(codes)]
    return figures, results


def frame_digest(frame: pd.DataFrame | None) -> str:
    """sha256 over a frame's columns, types and values (row order counts; the index does not)."""
    digest = hashlib.sha256()
    if frame is None:
        return "none"
    digest.update(json.dumps([[str(c), str(t)] for c, t in frame.dtypes.items()]).encode())
    digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()


def sources_digest(figures: pd.DataFrame, sources: pd.DataFrame) -> str:
    """Digest of the source descriptions (provenance.sources: data/raw/sources.csv and the web sources) of the
    documents `figures` cite: the source notes of a report print them."""
    cited = sources[sources.index.isin(set(figures["source_id"]))].sort_index()
    return frame_digest(cited.reset_index())


def inputs_digest(figures: pd.DataFrame, results: pd.DataFrame | None) -> str:
    """The data part of a report's key: its figures slice and its results slice (shown in the report's footer)."""
    return hashlib.sha256(f"{frame_digest(figures)} {frame_digest(results)}".encode()).hexdigest()


def _imports(path: Path, module: str) -> set[str]:
    """swtoolkit modules imported by the source file of `module` (anywhere in it: lazy imports count)."""
    tree = ast.parse(path.read_bytes())
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return {m for m in found if m == "swtoolkit" or m.startswith("swtoolkit.")}


def _source(module: str) -> Path | None:
    relative = Path(*module.split(".")[1:])
    for candidate in (PACKAGE_DIR / relative.with_suffix(".py"), PACKAGE_DIR / relative / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def code_closure(modules: tuple[str, ...] = REPORT_MODULES) -> list[Path]:
    """Source files of `modules` and of every swtoolkit module they import, directly or not (and their packages)."""
    seen: dict[str, Path] = {}
    stack = list(modules)
    while stack:
        module = stack.pop()
        parts = module.split(".")
        for i in range(1, len(parts) + 1):  # importing a.b.c runs a/__init__ and a/b/__init__ too
            name = ".".join(parts[:i])
            path = _source(name) if name != "swtoolkit" else PACKAGE_DIR / "__init__.py"
            if path is None or name in seen:
                continue
            seen[name] = path
            stack.extend(_imports(path, name))
    return sorted(set(seen.values()))


BUILD_RECORD_TAG = "build-record"  # the last cell of a report notebook: the modules it ran (hidden in the report)


def loaded_modules() -> list[str]:
    """Source files (relative to the package) of the swtoolkit modules loaded in this process: run as the last
    cell of a report, it lists the code the report ran."""
    found = set()
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if (name == "swtoolkit" or name.startswith("swtoolkit.")) and file:
            path = Path(file).resolve()
            if path.is_relative_to(PACKAGE_DIR):
                found.add(path.relative_to(PACKAGE_DIR).as_posix())
    return sorted(found)


def cell_record(notebook, tag: str):
    """The JSON value printed (stdout) by the first cell tagged `tag` of an executed notebook (nbformat node); None
    when no cell has the tag or its output is not JSON."""
    for cell in notebook.cells:
        if tag in cell.get("metadata", {}).get("tags", []):
            text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stdout")
            try:
                return json.loads(text)
            except ValueError:
                return None
    return None


def build_record(notebook) -> list[str] | None:
    """The module list printed by the build-record cell of an executed notebook (nbformat node), or None."""
    files = cell_record(notebook, BUILD_RECORD_TAG)
    return files if isinstance(files, list) and all(isinstance(f, str) for f in files) else None


@lru_cache(maxsize=256)
def report_code_digest(files: tuple[str, ...] | None = None) -> str:
    """sha256 of the code a report runs: `files` (package-relative, as recorded by its last run; None: the import
    closure of REPORT_MODULES, lazy imports included, for a report never built), plus the package's data tables,
    templates and stylesheet.

    Keying on the recorded list is exact: as long as none of those files changed, the report runs the same code
    and loads the same modules (a new import would be a change in one of them).
    """
    paths = [PACKAGE_DIR / f for f in files] if files is not None else code_closure()
    paths += sorted((PACKAGE_DIR / "data").glob("*.csv")) + sorted((PACKAGE_DIR / "templates").glob("*"))
    paths += sorted((PACKAGE_DIR / "reports").glob("*.css"))
    digest = hashlib.sha256()
    for path in paths:
        content = path.read_bytes() if path.is_file() else b"<missing>"
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + content + b"\0")
    return digest.hexdigest()


def package_versions() -> dict[str, str]:
    """Versions of Python, swtoolkit and the packages that render a report (part of every report's key)."""
    from swtoolkit import __version__

    out = {"python": platform.python_version(), "swtoolkit": __version__}
    for name in RENDER_PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "missing"
    return out


def file_digest(path: Path) -> str:
    path = Path(path)
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"


def report_key(code: str, formats: tuple[str, ...], data: str, notebook: str, config: str, code_digest: str,
               versions: dict[str, str], sources: str = "") -> str:
    """A report's cache key from the digests of what it reads (see the module docstring)."""
    payload = json.dumps({"report": code, "formats": sorted(formats), "data": data, "notebook": notebook,
                          "config": config, "code": code_digest, "versions": versions, "sources": sources},
                         sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()
