"""`swtoolkit build`: every region's report, in parallel, cached, and resilient.

- The cache key of a report is made of the notebook, its parameters, the checksums of every input data file,
  the toolkit's own source and the versions of the packages that render it; a data change rebuilds exactly the
  reports whose inputs changed, and a rebuild with nothing changed does no work.
- A failing region leaves its partial notebook (`notebooks/<stem>.failed.ipynb`) and its error in
  reports/manifest.json (and failures.json) while the others are built; the exit status says so. A dead or stuck
  kernel, a cell past the cell timeout, a report past the report timeout and a lost worker process are all that
  one region's failure (see `workers` and `kernels`).
- One build at a time per reports folder (a lock); the manifest is rewritten whole after every finished report,
  so a build that is interrupted (SIGINT, SIGTERM) keeps what it finished, and stops its workers and kernels; the
  index page is written when the build ends or stops (and every INDEX_EVERY seconds while it runs).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import pandas as pd

from swtoolkit import __version__, regions
from swtoolkit.buildstamp import BuildSummary, Snapshot
from swtoolkit.codebook import DENOMINATORS
from swtoolkit.errors import BuildInterrupted, ParameterError, ReportsFolderError, SwtoolkitError
from swtoolkit.paths import notebooks_dir, project_root, reports_dir
from swtoolkit.reports import audit, downloads, folder
from swtoolkit.reports.folder import write_atomic_bytes
from swtoolkit.reports.inputs import REPORT_CONFIG
from swtoolkit.reports.runner import (
    COMPARISON_NOTEBOOK,
    COMPARISON_STEM,
    DEFAULT_CELL_TIMEOUT,
    DEFAULT_REPORT_TIMEOUT,
    REGION_NOTEBOOK,
    keep_partial,
    notebook_path,
    region_stem,
)
from swtoolkit.reports.workers import WorkerPool

log = logging.getLogger(__name__)

REPORT_LEVELS = ("country", "province", "prefecture")  # the national report (000000) and every region with data
MANIFEST = "manifest.json"
FAILURES = "failures.json"


def report_regions(clean: pd.DataFrame) -> list[str]:
    """The country, provinces and prefectures that have region-wide figures beyond denominators, in code order."""
    whole = clean[clean["place"].eq("") & clean["region_level"].isin(REPORT_LEVELS)
                  & ~clean["indicator"].isin(DENOMINATORS)]  # denominators alone make no report
    return sorted(set(whole["region_code"]))


# Expected cost rank of a report never built before (larger runs earlier): the comparison report reads every
# region, the national one the longest series; then provinces, prefectures, counties.
_COST_RANK = {"comparison": 4, "country": 3, "province": 2, "prefecture": 1}


def longest_first(todo: list[tuple[str, str]], recorded: dict) -> list[tuple[str, str]]:
    """`todo` ordered longest report first (longest-processing-time scheduling), so the build does not end with one
    long report running alone while the other workers idle.

    A report's expected cost is its `seconds` in the manifest's last entry for it (`recorded`: code → entry);
    reports without one (never built) go before all that have one, ranked comparison, country, province,
    prefecture, county. Ties keep `todo`'s order. The order changes only when reports start, never what they
    produce. Method: Graham (1969), "Bounds on multiprocessing timing anomalies" (LPT rule)."""
    from swtoolkit import regions

    def cost(item: tuple[str, str]) -> tuple[int, float]:
        code = item[0]
        seconds = recorded.get(code, {}).get("seconds")
        if isinstance(seconds, int | float) and seconds > 0:
            return (0, -float(seconds))
        level = "comparison" if code == COMPARISON_STEM else regions.get(code).level
        return (-1, -_COST_RANK.get(level, 0))

    return sorted(todo, key=cost)


def _sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def report_keys(codes: list[str], formats: tuple[str, ...], clean: pd.DataFrame, results: pd.DataFrame | None,
                config: Path | None = None, code_files: dict[str, list[str]] | None = None) -> dict[str, str]:
    """Each report's cache key, from exactly what it reads (stages.report_key): its slice of the figures and the
    results, the descriptions of the sources those figures cite, its notebook, report.toml, the code it ran
    (`code_files`: code → the module files its last build recorded; absent: the static import closure) and the
    rendering packages' versions. See ReportKeys."""
    keying = ReportKeys(formats, clean, results, config)
    code_files = code_files or {}
    return {code: keying.key(code, code_files.get(code)) for code in codes}


class ReportKeys:
    """Cache keys of one build's reports (see `report_keys`): what every key shares (package versions, report.toml,
    the notebooks, the source descriptions, checks.csv) is read once, when the build starts, and each report's data
    part once; `key` then only adds the code the report ran. A build keys a report twice, before it is built (over
    the code its last build recorded) and when it is recorded (over the code this run recorded): the second key
    costs a code digest (cached per file list) and a hash, not a second read of every input (it cost ≈ 0.1 s of the
    parent's CPU per report, benchmarks/report_cost.md, fourth pass).

    The inputs are those of the build's start: one changed while the build runs makes the next build's key differ,
    so that report is rebuilt (never recorded as fresh over inputs it did not read).
    """

    def __init__(self, formats: tuple[str, ...], clean: pd.DataFrame, results: pd.DataFrame | None,
                 config: Path | None = None):
        from swtoolkit import stages
        from swtoolkit.cleaning.checks import refusals
        from swtoolkit.provenance import sources
        from swtoolkit.reports.inputs import read_checks

        self._refusals = refusals
        self.formats, self.clean, self.results = formats, clean, results
        self.versions = stages.package_versions()
        self.config_digest = stages.file_digest(config or project_root() / REPORT_CONFIG)
        self.notebooks = {name: stages.file_digest(notebooks_dir() / name)
                          for name in (REGION_NOTEBOOK, COMPARISON_NOTEBOOK)}
        self.described = sources()  # the source notes read these descriptions (data/raw); each report keys on its own
        self.checks = read_checks()  # the limitations name the figures set aside in data cleaning for the region
        self._parts: dict[str, tuple[str, str]] = {}

    def _data(self, code: str) -> tuple[str, str]:
        """(data digest, sources and checks digest) of one report, computed once."""
        from swtoolkit import stages

        if code not in self._parts:
            figures, own_results = stages.report_slice(code, self.clean, self.results)
            self._parts[code] = (stages.inputs_digest(figures, own_results),
                                 stages.sources_digest(figures, self.described) + " "
                                 + stages.frame_digest(self._refusals(self.checks, code))
                                 + stages.frame_digest(_checks_shown(self.checks, code)))
        return self._parts[code]

    def key(self, code: str, files: list[str] | None = None) -> str:
        """The key of `code`'s report over the module `files` it ran (None: the static import closure)."""
        from swtoolkit import stages

        data, described = self._data(code)
        notebook = self.notebooks[COMPARISON_NOTEBOOK if code == COMPARISON_STEM else REGION_NOTEBOOK]
        code_digest = stages.report_code_digest(tuple(files) if files is not None else None)
        return stages.report_key(code, self.formats, data, notebook, self.config_digest, code_digest, self.versions,
                                 described)


def _checks_shown(checks: pd.DataFrame, code: str) -> pd.DataFrame:
    """The checks.csv rows a report shows besides its refusals, exactly as the notebook loads them
    (inputs.load_conflicts): the conflicts of its region and of the regions inside it and, for the comparison,
    every region's conflicts and the rows refused for an unknown region (its limitations); so a change to them
    rebuilds the reports that show them, and only those."""
    from swtoolkit.reports.inputs import conflicts_of

    if checks is None or checks.empty or "check" not in checks:
        return pd.DataFrame()
    if code == COMPARISON_STEM:
        from swtoolkit.cleaning.checks import refusals

        return pd.concat([refusals(checks, ""), conflicts_of(checks, None)], ignore_index=True)
    return conflicts_of(checks, code)


def _read_manifest(out: Path, warn: bool = True) -> dict:
    """The manifest of `out` ({"reports": {}} when missing or unreadable; warn=True says so once per build)."""
    path = out / MANIFEST
    if not path.exists():
        return {"reports": {}}
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        manifest = None
    if not (isinstance(manifest, dict) and isinstance(manifest.setdefault("reports", {}), dict)
            and all(isinstance(entry, dict) for entry in manifest["reports"].values())):
        if warn:
            log.warning("%s is unreadable; rebuilding everything", path)
        return {"reports": {}}
    return manifest


_KERNELS = None  # this worker's KernelSupply


def _init_worker(out: str):
    """Worker start-up: the environment its kernels inherit, worker logs, and the first kernel warming up.

    Returns what the worker runs when it stops (shut the warming kernel down)."""
    global _KERNELS
    from swtoolkit.reports.kernels import KernelSupply

    (Path(out) / "logs").mkdir(parents=True, exist_ok=True)
    with open(Path(out) / "logs" / f"worker-{os.getpid()}.log", "w", encoding="utf-8") as log_file:
        os.dup2(log_file.fileno(), 2)  # kernel chatter goes to a log file, not the terminal
    _KERNELS = KernelSupply(cwd=str(project_root()))
    _KERNELS.refill()
    return _KERNELS.close


def _build_one(region_code: str, formats: tuple[str, ...], out: str, cell_timeout: int | None,
               inputs: dict | None = None, kernels=None) -> dict:
    """Worker: build one report from the stage artefacts in `inputs` (see runner.stage_parameters); never raises,
    returns a manifest entry."""
    from swtoolkit.reports.runner import build_comparison, build_region

    started = time.perf_counter()
    kernels = kernels if kernels is not None else _KERNELS
    failed = {"status": "failed", "log": f"logs/worker-{os.getpid()}.log"}
    try:
        if region_code == COMPARISON_STEM:
            built = build_comparison(formats=formats, out=Path(out), kernels=kernels, cell_timeout=cell_timeout,
                                     inputs=inputs)
        else:
            built = build_region(region_code, formats=formats, out=Path(out), kernels=kernels,
                                 cell_timeout=cell_timeout, inputs=inputs)
    except ReportsFolderError as exc:  # not this report's fault: the parent stops the build
        return failed | {"error": str(exc), "folder_error": [exc.path, exc.reason],
                         "seconds": time.perf_counter() - started}
    except Exception as exc:  # one region's failure must not stop the others; it is recorded, not hidden
        return failed | {"error": f"{type(exc).__name__}: {exc}", "seconds": time.perf_counter() - started,
                         **_failed_notebook(Path(out), region_code)}
    outputs = {}
    for kind, path in (("html", built.html), ("pdf", built.pdf), ("notebook", built.notebook)):
        if path is not None:
            outputs[kind] = {"path": path.relative_to(out).as_posix(), "sha256": _sha256_file(path)}
    entry = {"status": "ok", "outputs": outputs, "seconds": time.perf_counter() - started}
    files, claims = _records(built.notebook)
    if files is not None:
        entry["code_files"] = files
    if claims is not None:  # this run's own claims: the build's audit reads them instead of building them again
        try:
            audit.write_part(Path(out), region_code, claims)
            entry["audit_part"] = True
        except (OSError, ReportsFolderError) as exc:  # the parent's audit then builds this report's claims itself
            log.warning("%s: audit part not written: %s", region_code, exc)
    return entry


def _records(notebook: Path) -> tuple[list[str] | None, pd.DataFrame | None]:
    """What an executed report notebook recorded in its hidden last cells: the module files it ran
    (stages.build_record) and the claims its report made (audit.recorded_claims); None for what it lacks."""
    import nbformat

    from swtoolkit.stages import build_record

    try:
        executed = nbformat.read(str(notebook), as_version=4)
    except (OSError, ValueError) as exc:
        log.warning("no build record in %s: %s", notebook, exc)
        return None, None
    return build_record(executed), audit.recorded_claims(executed)


def _failed_notebook(out: Path, code: str) -> dict:
    """{"notebook": path} of the partial notebook a failed run left (see runner.keep_partial), if any."""
    try:
        kept = keep_partial(notebook_path(out, region_stem(code)))
    except SwtoolkitError:  # no file name for an unknown code: there is no notebook either
        return {}
    return {"notebook": kept.relative_to(out).as_posix()} if kept else {}


def report_codes(names: list[str] | None, clean: pd.DataFrame) -> list[str]:
    """The report stems that ``names`` (a CLI's --regions: codes, names, aliases or ``comparison``, each possibly
    a comma-separated list) ask for, in order and once each; None or empty: every region report and the
    comparison. The one reading of --regions for build and audit alike (audit once said "unknown region" for
    ``comparison``, the stem build accepts). Raises ParameterError for a name that is no report."""
    from swtoolkit.reports.inputs import resolve_region_parameter

    if not names:
        return report_regions(clean) + [COMPARISON_STEM]
    codes: list[str] = []
    for name in (part.strip() for given in names for part in str(given).split(",")):
        if not name:
            continue
        code = COMPARISON_STEM if name.lower() == COMPARISON_STEM else resolve_region_parameter(name, clean).code
        if code not in codes:
            codes.append(code)
    if not codes:
        raise ParameterError("--regions names no report: give region codes, names or aliases, or 'comparison'")
    return codes


def build_all(regions: list[str] | None = None, formats: tuple[str, ...] = ("html", "pdf"), jobs: int = 2,
              force: bool = False, retry_failed: bool = False, progress: bool = True, out: Path | None = None,
              cell_timeout: int | None = DEFAULT_CELL_TIMEOUT,
              report_timeout: float | None = DEFAULT_REPORT_TIMEOUT, scheduler: str | None = None) -> BuildSummary:
    """Build the reports of `regions` (default: all with data); see the module docstring.

    Parameters
    ----------
    jobs : int
        Worker processes (at least 1); on Dask, the workers of the LocalCluster.
    scheduler : str, optional
        None: the process pool (`workers.WorkerPool`); "dask": a Dask LocalCluster of `jobs` workers; an address
        such as "tcp://host:8786": the Dask scheduler of a running cluster (see `dask_run`).
    cell_timeout : int, optional
        Seconds one notebook cell may run before its report fails (None: no limit).
    report_timeout : float, optional
        Seconds one report may take, executing and rendering, before its worker is stopped and the report fails
        (None: no limit).

    Raises
    ------
    CleanDataError
        data/clean is missing, damaged or stale and data/raw does not clean (a stale data/clean is rebuilt from a
        data/raw that cleans; checked before anything is rendered), or a stage artefact breaks its contract.
    BuildLockedError
        Another build is writing into `out`.
    ReportsFolderError
        `out` cannot be written (read-only, full); the reports finished before are recorded.
    BuildInterrupted
        SIGINT or SIGTERM stopped the build; its workers and kernels are stopped and the reports finished
        before are recorded.
    """
    from tqdm import tqdm

    from swtoolkit import stages
    from swtoolkit.cleaning.verify import ensure_clean
    from swtoolkit.fonts import find_cjk_family
    from swtoolkit.reports.inputs import config_gaps, report_config
    from swtoolkit.reports.runner import stage_parameters

    started = time.perf_counter()
    if not isinstance(jobs, int) or jobs < 1:
        raise ParameterError(f"jobs must be a whole number of at least 1, not {jobs!r}")
    for name, value in (("cell_timeout", cell_timeout), ("report_timeout", report_timeout)):
        if value is not None and not value > 0:
            raise ParameterError(f"{name} must be a positive number of seconds (or None: no limit), not {value!r}")
    if "pdf" in formats:
        find_cjk_family()  # no Chinese font: stop before building anything
    # every title page reads it: a missing or broken report.toml is one line, not N failures; an optional field
    # left unset is said once here (the title pages leave it out)
    for field in config_gaps(report_config()):
        log.warning("report.toml sets no %s: the title pages leave it out (set one before release)", field)
    out = folder.prepare(Path(out or reports_dir()))
    snapshot = Snapshot(out)  # the inputs as they are before anything is read (for the no-change stamp)
    known = _read_manifest(out, warn=False).get("clean_verified")  # read again under the lock, which warns
    summary = BuildSummary(index=str(out / "index.html"))
    # Stage 1, clean: a stale, damaged or missing data/clean is rebuilt from data/raw (raw that does not clean stops
    # the build in one line); never rendered as it is.
    verified, summary.cleaned = ensure_clean(known=known)
    if summary.cleaned:
        snapshot.refresh(stages.figures_path().parent)  # the build's own clean set, before anything reads it
    figures_file = stages.figures_path()
    clean = stages.read_figures(figures_file)
    codes = report_codes(regions, clean)
    try:
        with folder.exclusive(out), _signals_stop_the_build():
            manifest = _read_manifest(out)  # read under the lock: another build's entries are kept
            if retry_failed:
                codes = [c for c in codes if manifest["reports"].get(c, {}).get("status") == "failed"]
            # Stage 2, fit: one typed results table per figures and model code.
            results_file = write_model_results(figures_file, out)
            results = stages.read_results(results_file) if results_file else None
            inputs = stage_parameters(figures_file, results_file)
            recorded = {c: e["code_files"] for c, e in manifest["reports"].items() if "code_files" in e}
            keying = ReportKeys(formats, clean, results, Path(inputs["config"]))
            keys = {code: keying.key(code, recorded.get(code)) for code in codes}

            def rekey(code: str, entry: dict) -> str:  # the key over the modules this run recorded
                return keying.key(code, entry.get("code_files"))

            manifest.update(toolkit=__version__, versions=stages.package_versions(), formats=list(formats),
                            clean_verified=verified,
                            results=Path(results_file).relative_to(out).as_posix() if results_file else None)
            manifest.pop("inputs", None)
            # Once per build, beside the reports (one thread of this process, which otherwise only waits for its
            # workers): the briefs and the index link it by name; its entry is recorded when it is written.
            methods = _Beside(write_methods, out, formats)
            todo = []
            for code in codes:
                key = keys[code]
                entry = manifest["reports"].get(code, {})
                fresh = entry.get("key") == key and entry.get("status") == "ok" and _outputs_intact(out, entry)
                if fresh and not force:
                    summary.cached.append(code)
                else:
                    todo.append((code, key))
            todo = longest_first(todo, manifest["reports"])
            try:
                if todo:  # Stage 3, report: one per region, on the process pool or on Dask
                    bar = tqdm(total=len(todo), desc="reports", unit="report",
                               disable=not (progress and len(todo) > 1))
                    indexed = time.monotonic()
                    try:  # closing(): the workers are stopped before the lock is released, however the loop ends
                        with closing(_run(todo, formats, out, jobs, cell_timeout, report_timeout, inputs=inputs,
                                          scheduler=scheduler)) as results_iter, bar:
                            for code, _key, result in results_iter:
                                _record(out, manifest, summary, code, rekey(code, result), result)
                                if time.monotonic() - indexed >= INDEX_EVERY:
                                    _write_index(out, manifest)
                                    indexed = time.monotonic()
                                bar.set_postfix_str(code)
                                bar.update()
                    except BaseException:  # interrupted or stopped: the index lists what was finished
                        _write_index(out, manifest, quiet=True)
                        raise
            finally:  # nothing is written into `out` after its lock is released
                methods.join()
            manifest["methods"] = methods.result()
            # The audit list the reports refer to (every claim, its figures and gate decisions), beside them: each
            # published report's claims under its cache key, so only the reports built now are audited again.
            published = {c: e["key"] for c, e in sorted(manifest["reports"].items())
                         if e.get("status") == "ok" and e.get("key")}
            recorded = frozenset(c for c, e in manifest["reports"].items() if e.pop("audit_part", False))
            manifest["audit"] = write_audit(out, clean, results, published, manifest.get("audit"), recorded)
            _write_manifest(out, manifest, downloads_too=True)
            if not retry_failed:  # a retry checked only the failed reports, not the whole request
                _stamp(snapshot, manifest, regions, formats, codes)
    except BuildInterrupted as exc:
        raise BuildInterrupted(exc.signal_name, len(summary.built) + len(summary.failed)) from None
    summary.built.sort(key=codes.index)
    summary.failed = dict(sorted(summary.failed.items(), key=lambda item: codes.index(item[0])))
    summary.seconds = time.perf_counter() - started
    return summary


def _stamp(snapshot: Snapshot, manifest: dict, regions: list[str] | None, formats: tuple[str, ...],
           codes: list[str]) -> None:
    """Stamp the folder (buildstamp) when every report of this build is built and fresh: the same command run again
    with nothing changed then stops before the build is even imported."""
    entries = [manifest["reports"].get(code, {}) for code in codes]
    if not codes or any(e.get("status") != "ok" or not e.get("outputs") for e in entries):
        return
    expected = {o["path"]: o["sha256"] for e in entries for o in e["outputs"].values()}
    if not snapshot.write(regions, formats, codes, expected):
        log.info("not stamped: an input or an output changed while the build ran")


def _record(out: Path, manifest: dict, summary: BuildSummary, code: str, key: str, result: dict) -> None:
    """One finished report into the manifest, written at once: an interrupted build keeps what it finished.
    failures.json is rewritten when the list of failures changes (this report failed, or failed before); the index
    is not written here (see INDEX_EVERY)."""
    folder_failure = result.pop("folder_error", None)
    result.update(key=key, region=code, name_zh=_name(code), name_en=regions_name_en(code),
                  built_at=datetime.now(UTC).isoformat(timespec="seconds"))
    was_failed = manifest["reports"].get(code, {}).get("status") == "failed"
    manifest["reports"][code] = result
    if result["status"] == "ok":
        summary.built.append(code)
    else:
        summary.failed[code] = result["error"]
    _write_manifest(out, manifest, failures=was_failed or result["status"] != "ok", index=False)
    if folder_failure:
        raise ReportsFolderError(*folder_failure)


#: Seconds between rewrites of index.html while a build runs. The manifest is written after every report; the
#: index (a page over every report, with each region's figure count and layout) was too, which made the parent's
#: work per report grow with the number of reports (benchmarks/report_cost.md, fourth pass). It is written when
#: the build ends, when it is interrupted or stopped, and at most this often in between.
INDEX_EVERY = 60.0


def _write_manifest(out: Path, manifest: dict, downloads_too: bool = False, failures: bool = True,
                    index: bool = True) -> None:
    """manifest.json, failures.json (``failures``) and index.html (``index``), each replaced whole;
    ``downloads_too`` (once, when the build ends) also writes the data downloads."""
    write_atomic_bytes(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode(), out / MANIFEST)
    if failures:
        failed = {c: e for c, e in manifest["reports"].items() if e.get("status") == "failed"}
        write_atomic_bytes(json.dumps(failed, ensure_ascii=False, indent=2, sort_keys=True).encode(), out / FAILURES)
    if downloads_too:
        downloads.write(out, [c for c, e in manifest["reports"].items() if e.get("status") == "ok"])
    if index:
        _write_index(out, manifest)


def _write_index(out: Path, manifest: dict, quiet: bool = False) -> None:
    """index.html from `manifest`, replaced whole; ``quiet`` (a build that is stopping): a failure to write it is
    logged, not raised over the reason the build stops."""
    try:
        write_atomic_bytes(index_html(manifest, out).encode("utf-8"), out / "index.html")
    except Exception as exc:
        if not quiet:
            raise
        log.warning("index.html not written: %s", exc)


@contextmanager
def _signals_stop_the_build() -> Iterator[None]:
    """SIGINT and SIGTERM raise BuildInterrupted (once), so the build's ``finally`` blocks stop its workers and
    kernels; the previous handlers come back afterwards. Only the main thread can receive signals."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    raised = []

    def stop(signum, frame):
        if raised:  # already stopping: let the clean-up finish
            log.warning("already stopping the build (%s)", signal.Signals(signum).name)
            return
        raised.append(signum)
        raise BuildInterrupted(signal.Signals(signum).name)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def write_model_results(figures: Path, out: Path) -> Path:
    """The fit stage: fit_all once per figures.parquet and model code, into a typed results.parquet
    (stages.fit_stage); every report of the build reads that one table."""
    from swtoolkit.stages import fit_stage

    try:
        return fit_stage(figures, out)
    except OSError as exc:
        error = folder.folder_error(exc, out)
        if error is not None:
            raise error from None
        raise


class _Beside:
    """`fn(*args)` on a thread of its own, started now; `result()` returns its value or raises its exception."""

    def __init__(self, fn, *args):
        self._value, self._error = None, None
        self._thread = threading.Thread(target=self._call, args=(fn, *args), name="swtoolkit-beside", daemon=True)
        self._thread.start()

    def _call(self, fn, *args) -> None:
        try:
            self._value = fn(*args)
        except BaseException as exc:  # handed to the caller by result()
            self._error = exc

    def join(self) -> None:
        self._thread.join()

    def result(self):
        self.join()
        if self._error is not None:
            raise self._error
        return self._value


def _shared_document(what: str, write, out: Path, *args) -> dict:
    """`write(out, *args)`, a document the build writes once beside the reports; its manifest entry. A folder that
    cannot be written stops the build (ReportsFolderError); any other failure is logged and recorded (the index
    then links no such document), and the reports are built."""
    try:
        return write(out, *args)
    except OSError as exc:
        error = folder.folder_error(exc, out)
        if error is not None:
            raise error from None
        log.error("%s not written: %s", what, exc)
        return {"status": "failed", "error": f"{type(exc).__name__}: {exc}"}
    except Exception as exc:  # one shared document must not stop the reports; the manifest records the failure
        log.error("%s not written: %s", what, exc)
        return {"status": "failed", "error": f"{type(exc).__name__}: {exc}"}


def write_methods(out: Path, formats: tuple[str, ...]) -> dict:
    """The build's methods document (methods_doc.write), once per build; its manifest entry (see _shared_document)."""
    from swtoolkit.reports import methods_doc

    return _shared_document("methods document", methods_doc.write, out, formats)


def write_audit(out: Path, clean: pd.DataFrame, results: pd.DataFrame | None, reports: dict[str, str],
                previous: dict | None = None, recorded: frozenset[str] = frozenset()) -> dict:
    """The build's audit.csv and audit.html (audit.write_build_audit), once per build; its manifest entry (see
    _shared_document)."""
    return _shared_document("audit", audit.write_build_audit, out, clean, results, reports, previous, recorded)


def _name(code: str) -> str:
    return "地区比较" if code == COMPARISON_STEM else regions.get(code).name_zh


def regions_name_en(code: str) -> str:
    return "Regions compared" if code == COMPARISON_STEM else regions.get(code).name_en


def _outputs_intact(out: Path, entry: dict) -> bool:
    outputs = entry.get("outputs", {})
    root = out.resolve()
    paths = [(out / o["path"]).resolve() for o in outputs.values()]
    return bool(outputs) and all(p.is_relative_to(root) and p.is_file() and _sha256_file(p) == o["sha256"]
                                 for p, o in zip(paths, outputs.values(), strict=True))


def _run(todo: list[tuple[str, str]], formats: tuple[str, ...], out: Path, jobs: int, cell_timeout: int | None,
         report_timeout: float | None, inputs: dict | None = None, scheduler: str | None = None
         ) -> Iterator[tuple[str, str, dict]]:
    """Build the reports of `todo` on the process pool (default) or on Dask (`scheduler`); yields (code, cache key,
    manifest entry) as reports finish. A worker that is lost or runs past the report timeout is that report's
    failure; the other reports are built."""
    if scheduler:
        from swtoolkit.reports.dask_run import run_on_dask

        yield from run_on_dask(todo, formats, out, jobs, cell_timeout, report_timeout, inputs, scheduler)
        return
    yield from _run_pool(todo, formats, out, jobs, cell_timeout, report_timeout, inputs)


def _run_pool(todo: list[tuple[str, str]], formats: tuple[str, ...], out: Path, jobs: int, cell_timeout: int | None,
              report_timeout: float | None, inputs: dict | None) -> Iterator[tuple[str, str, dict]]:
    """Worker processes (papermill is not thread-safe, and each worker's kernel chatter goes to its log file)."""
    keys = dict(todo)
    tasks = [(code, _build_one, (code, formats, str(out), cell_timeout, inputs)) for code, _ in todo]
    with WorkerPool(min(jobs, len(todo)), _init_worker, (str(out),), task_timeout=report_timeout) as pool:
        for outcome in pool.run(tasks):
            if outcome.ok:
                result = outcome.value
            else:  # the worker was lost or stopped: its report failed, the others go on
                result = lost_report(out, outcome.key, outcome.error, outcome.seconds, f"logs/worker-{outcome.pid}.log")
            yield outcome.key, keys[outcome.key], result


def lost_report(out: Path, code: str, error: str, seconds: float, log_file: str | None = None) -> dict:
    """The manifest entry of a report whose worker was lost or stopped (same on every executor)."""
    log.info("%s: %s", code, error)
    entry = {"status": "failed", "error": error, "seconds": seconds, **_failed_notebook(out, code)}
    if log_file:
        entry["log"] = log_file
    return entry


LINK_LABELS = {"html": "网页 HTML", "pdf": "PDF"}


def refresh_index(out: Path) -> bool:
    """Rewrite index.html from the manifest (after `swtoolkit audit` adds audit.html); False when no build is
    recorded in `out` or another build holds it (that build writes the index itself)."""
    out = Path(out)
    if not (out / MANIFEST).is_file():
        return False
    try:
        with folder.exclusive(out):
            write_atomic_bytes(index_html(_read_manifest(out), out).encode("utf-8"), out / "index.html")
    except SwtoolkitError as exc:
        log.warning("index.html not refreshed: %s", exc)
        return False
    return True


def index_html(manifest: dict, out: Path | None = None) -> str:
    """reports/index.html: the comparison report (and audit.html, when built) first, then each province with its
    prefectures under it, each with its number of figures and links to its HTML and PDF; failures listed on top.
    """
    import jinja2

    entries = manifest.get("reports", {})
    table = regions.region_table().set_index("code")
    counts = _figure_counts()
    kinds = _report_kinds()

    def row(code: str, sub: bool) -> dict:
        entry = entries.get(code, {})
        known = code in table.index
        return {"code": code, "sub": sub, "built": entry.get("status") == "ok",
                "name_zh": entry.get("name_zh") or (table.loc[code, "name_zh"] if known else code),
                "name_en": entry.get("name_en") or (table.loc[code, "name_en"] if known else ""),
                "figures": counts.get(code, 0), "links": _links(entry, code, out),
                "brief": entry.get("status") == "ok" and code in kinds and kinds[code] == "brief",
                "error": entry.get("error", "未知错误 unknown error") if entry.get("status") == "failed" else ""}

    groups: dict[str, dict] = {}
    for code in sorted(c for c in entries if c != COMPARISON_STEM):
        level = table.loc[code, "level"] if code in table.index else "country"
        top = code if level in ("province", "country") or code not in table.index else table.loc[code, "province_code"]
        group = groups.setdefault(top, {"code": top, "rows": [], "name_zh": table.loc[top, "name_zh"] if top in
                                        table.index else top, "name_en": table.loc[top, "name_en"] if top in
                                        table.index else ""})
        if top != code:
            group["rows"].append(row(code, sub=True))
    for group in groups.values():  # the province heads its list, with or without a report of its own
        group["rows"].insert(0, row(group["code"], sub=False))
    failed = [row(c, sub=False) for c, e in sorted(entries.items()) if e.get("status") == "failed"]
    comparison = row(COMPARISON_STEM, sub=False) if COMPARISON_STEM in entries else None
    audit = "audit.html" if out is not None and (Path(out) / "audit.html").is_file() else ""
    env = jinja2.Environment(loader=jinja2.PackageLoader("swtoolkit", "templates"),
                             autoescape=jinja2.select_autoescape(["html"]))
    built = [e.get("built_at", "") for e in entries.values() if e.get("built_at")]
    from swtoolkit.reports.inputs import data_release, report_config
    from swtoolkit.stages import figures_path, file_digest

    methods = manifest.get("methods") if isinstance(manifest.get("methods"), dict) else {}
    release = downloads.ALL_FIGURES if out is not None and (Path(out) / downloads.ALL_FIGURES).is_file() else ""
    try:
        edition = report_config().edition.isoformat()
    except SwtoolkitError:  # the reports say what is wrong with report.toml; the index is written regardless
        edition = ""
    return env.get_template("index.html").render(
        groups=[groups[k] for k in sorted(groups)], comparison=comparison, audit=audit, failed=failed,
        toolkit=manifest.get("toolkit", ""), built_at=max(built) if built else "",
        edition=edition, data_release=data_release(), data_checksum=file_digest(figures_path())[:12], release=release,
        codebook=downloads.CODEBOOK if release else "", methods=_links(methods), methods_error=methods.get("error", ""))


def _links(entry: dict, code: str = "", out: Path | None = None) -> list[dict]:
    """Links of a built report: HTML, PDF and, when written, the region's data CSV."""
    if entry.get("status") != "ok":
        return []
    outputs = entry.get("outputs", {})
    links = [{"href": outputs[kind]["path"], "label": label} for kind, label in LINK_LABELS.items() if kind in outputs]
    if code and out is not None and (Path(out) / downloads.region_csv(code)).is_file():
        links.append({"href": downloads.region_csv(code), "label": "数据 Data (CSV)"})
    return links


def _report_kinds() -> dict[str, str]:
    """'full' or 'brief' per region with data (content.report_kind), worked out once per figures file content (an
    index written several times in a build would otherwise go over every region each time)."""
    from swtoolkit.reports.inputs import load_clean
    from swtoolkit.stages import figures_path, file_digest

    return _report_kinds_for(file_digest(figures_path()), load_clean)


@lru_cache(maxsize=2)
def _report_kinds_for(checksum: str, load) -> dict[str, str]:
    from swtoolkit.reports.content import report_kind

    clean = load()
    return {code: report_kind(clean, code) for code in sorted(set(clean["region_code"]))}


def _figure_counts() -> dict[str, int]:
    """Figures in the clean data about each region (itself and the places within it); the comparison: all."""
    from swtoolkit.reports.inputs import load_clean
    from swtoolkit.stages import figures_path, file_digest

    return _figure_counts_for(file_digest(figures_path()), load_clean)


@lru_cache(maxsize=2)
def _figure_counts_for(checksum: str, load) -> dict[str, int]:
    codes = load()["region_code"].value_counts()
    counts: dict[str, int] = {COMPARISON_STEM: int(codes.sum())}
    for code, n in codes.items():
        for ancestor in _ancestors(code):
            counts[ancestor] = counts.get(ancestor, 0) + int(n)
    return counts


def _ancestors(code: str) -> list[str]:
    """The code and every region containing it (county → prefecture → province → country)."""
    table = regions.region_table().set_index("code")
    out = []
    while code and code in table.index and code not in out:
        out.append(code)
        code = table.loc[code, "parent_code"]
    return out
