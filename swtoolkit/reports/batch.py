"""`swtoolkit build`: every region's report, in parallel, cached, and resilient.

- The cache key of a report is made of the notebook, its parameters, the checksums of every input data file,
  the toolkit's own source and the versions of the packages that render it; a data change rebuilds exactly the
  reports whose inputs changed, and a rebuild with nothing changed does no work.
- A failing region leaves its partial notebook and its error in reports/manifest.json (and failures.json) while
  the others are built; the exit status says so.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from importlib import metadata
from pathlib import Path

import pandas as pd

from swtoolkit import __version__, regions
from swtoolkit.paths import PACKAGE_DIR, clean_dir, notebooks_dir, raw_dir, reports_dir
from swtoolkit.reports.runner import COMPARISON_NOTEBOOK, COMPARISON_STEM, REGION_NOTEBOOK, write_atomic_bytes

log = logging.getLogger(__name__)

REPORT_LEVELS = ("province", "prefecture")
RENDER_PACKAGES = ("papermill", "nbconvert", "nbformat", "weasyprint", "matplotlib", "pandas", "statsmodels",
                   "numpy", "scipy", "pypdf", "cn2an")
MANIFEST = "manifest.json"
FAILURES = "failures.json"


@dataclass
class BuildSummary:
    built: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    def describe(self) -> str:
        lines = [f"built {len(self.built)}, unchanged {len(self.cached)}, failed {len(self.failed)} "
                 f"in {self.seconds:.1f} s → reports/index.html"]
        lines += [f"  FAILED {code}: {error}" for code, error in sorted(self.failed.items())]
        return "\n".join(lines)


def report_regions(clean: pd.DataFrame) -> list[str]:
    """Provinces and prefectures that have region-wide figures, in code order."""
    whole = clean[clean["place"].eq("") & clean["region_level"].isin(REPORT_LEVELS)]
    return sorted(set(whole["region_code"]))


def _sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def input_checksums() -> dict[str, str]:
    """Checksums of every file a report reads: data, reference tables, notebook, the toolkit's code."""
    files = [clean_dir() / "figures.csv", raw_dir() / "sources.csv", notebooks_dir() / REGION_NOTEBOOK,
             notebooks_dir() / COMPARISON_NOTEBOOK]
    files += sorted((PACKAGE_DIR / "data").glob("*.csv"))
    code = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.suffix in (".py", ".css") and "__pycache__" not in path.parts:
            code.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    sums = {f.relative_to(f.parents[1]).as_posix(): _sha256_file(f) for f in files}
    sums["swtoolkit-code"] = code.hexdigest()
    return sums


def package_versions() -> dict[str, str]:
    out = {"swtoolkit": __version__}
    for name in RENDER_PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "missing"
    return out


def cache_key(region_code: str, formats: tuple[str, ...], checksums: dict[str, str], versions: dict[str, str]) -> str:
    notebook, parameters = ((COMPARISON_NOTEBOOK, {"focus": "530000"}) if region_code == COMPARISON_STEM
                            else (REGION_NOTEBOOK, {"region": region_code}))
    payload = json.dumps({"notebook": notebook, "parameters": parameters,
                          "formats": sorted(formats), "inputs": checksums, "versions": versions}, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def _read_manifest(out: Path) -> dict:
    path = out / MANIFEST
    if not path.exists():
        return {"reports": {}}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        log.warning("reports/manifest.json is unreadable; rebuilding everything")
        return {"reports": {}}


_KERNELS = None  # this worker's KernelSupply


def _init_worker(out: str) -> None:
    """Worker start-up: the environment its kernels inherit, worker logs, and the first kernel warming up."""
    global _KERNELS
    from swtoolkit.paths import project_root
    from swtoolkit.reports.kernels import KernelSupply

    os.environ["SWTOOLKIT_ROOT"] = str(project_root())
    os.environ["SWTOOLKIT_REPORTS_DIR"] = str(out)
    (Path(out) / "logs").mkdir(parents=True, exist_ok=True)
    with open(Path(out) / "logs" / f"worker-{os.getpid()}.log", "w", encoding="utf-8") as log_file:
        os.dup2(log_file.fileno(), 2)  # kernel chatter goes to a log file, not the terminal
    _KERNELS = KernelSupply(cwd=str(project_root()))
    _KERNELS.refill()


def _build_one(region_code: str, formats: tuple[str, ...], out: str) -> dict:
    """Worker: build one report; never raises, returns a manifest entry."""
    from swtoolkit.reports.runner import build_comparison, build_region

    started = time.perf_counter()
    try:
        if region_code == COMPARISON_STEM:
            built = build_comparison(formats=formats, out=Path(out), kernels=_KERNELS)
        else:
            built = build_region(region_code, formats=formats, out=Path(out), kernels=_KERNELS)
    except Exception as exc:  # one region's failure must not stop the others; it is recorded, not hidden
        return {"status": "failed", "error": f"{type(exc).__name__}: {exc}", "seconds": time.perf_counter() - started,
                "log": f"logs/worker-{os.getpid()}.log"}
    outputs = {}
    for kind, path in (("html", built.html), ("pdf", built.pdf), ("notebook", built.notebook)):
        if path is not None:
            outputs[kind] = {"path": path.name if kind != "notebook" else f"notebooks/{path.name}",
                             "sha256": _sha256_file(path)}
    return {"status": "ok", "outputs": outputs, "seconds": time.perf_counter() - started}


def build_all(regions: list[str] | None = None, formats: tuple[str, ...] = ("html", "pdf"), jobs: int = 2,
              force: bool = False, retry_failed: bool = False, progress: bool = True,
              out: Path | None = None) -> BuildSummary:
    """Build the reports of `regions` (default: all with data); see the module docstring."""
    from tqdm import tqdm

    from swtoolkit.fonts import find_cjk_family
    from swtoolkit.reports.inputs import load_clean, resolve_region_parameter

    started = time.perf_counter()
    if "pdf" in formats:
        find_cjk_family()  # no Chinese font: stop before building anything
    out = Path(out or reports_dir())
    out.mkdir(parents=True, exist_ok=True)
    clean = load_clean()
    if regions:
        codes = [COMPARISON_STEM if r == COMPARISON_STEM else resolve_region_parameter(r).code for r in regions]
    else:
        codes = report_regions(clean) + [COMPARISON_STEM]
    manifest = _read_manifest(out)
    if retry_failed:
        codes = [c for c in codes if manifest["reports"].get(c, {}).get("status") == "failed"]
    checksums, versions = input_checksums(), package_versions()
    summary = BuildSummary()
    todo = []
    for code in codes:
        key = cache_key(code, formats, checksums, versions)
        entry = manifest["reports"].get(code, {})
        if not force and entry.get("key") == key and entry.get("status") == "ok" and _outputs_intact(out, entry):
            summary.cached.append(code)
        else:
            todo.append((code, key))
    if todo:
        write_model_results(clean, out)
        results = _run(todo, formats, out, jobs, progress and len(todo) > 1, tqdm)
        for (code, key), result in results:
            result.update(key=key, region=code, name_zh=_name(code), name_en=regions_name_en(code),
                          built_at=datetime.now(UTC).isoformat(timespec="seconds"))
            manifest["reports"][code] = result
            if result["status"] == "ok":
                summary.built.append(code)
            else:
                summary.failed[code] = result["error"]
    manifest.update(toolkit=__version__, inputs=checksums, versions=versions, formats=list(formats))
    write_atomic_bytes(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode(), out / MANIFEST)
    failures = {c: e for c, e in manifest["reports"].items() if e.get("status") == "failed"}
    write_atomic_bytes(json.dumps(failures, ensure_ascii=False, indent=2, sort_keys=True).encode(), out / FAILURES)
    write_atomic_bytes(index_html(manifest).encode("utf-8"), out / "index.html")
    summary.seconds = time.perf_counter() - started
    return summary


def write_model_results(clean: pd.DataFrame, out: Path) -> Path:
    """fit_all once per data version, so every report (and any check) reads one results table."""
    from swtoolkit.reports.findings import results_path
    from swtoolkit.reports.inputs import model_results_key

    path = results_path(model_results_key(), out)
    if not path.exists():  # keyed by data and model code: an existing table is the same table
        from swtoolkit.models import fit_all

        table = fit_all(clean)
        write_atomic_bytes(table.to_csv(index=False, lineterminator="\n").encode("utf-8"), path)
    return path


def _name(code: str) -> str:
    return "地区比较" if code == COMPARISON_STEM else regions.get(code).name_zh


def regions_name_en(code: str) -> str:
    return "Regions compared" if code == COMPARISON_STEM else regions.get(code).name_en


def _outputs_intact(out: Path, entry: dict) -> bool:
    outputs = entry.get("outputs", {})
    return bool(outputs) and all((out / o["path"]).exists() and _sha256_file(out / o["path"]) == o["sha256"]
                                 for o in outputs.values())


def _run(todo: list[tuple[str, str]], formats: tuple[str, ...], out: Path, jobs: int, progress: bool, tqdm):
    """Run builds in a process pool (papermill is not thread-safe); results in submission order."""
    jobs = max(1, min(jobs, len(todo)))
    bar = tqdm(total=len(todo), desc="reports", unit="report", disable=not progress)
    results: dict[str, dict] = {}
    # Always in worker processes, even for one job: papermill is not thread-safe, and each worker's kernel
    # chatter goes to its log file instead of the terminal.
    context = multiprocessing.get_context("spawn")  # fresh interpreters that see the current environment
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                             initargs=(str(out),)) as pool:
        futures = {pool.submit(_build_one, code, formats, str(out)): code for code, _ in todo}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            bar.set_postfix_str(futures[future])
            bar.update()
    bar.close()
    return [((code, key), results[code]) for code, key in todo]


def index_html(manifest: dict) -> str:
    """reports/index.html: every report with its status and links (failures say why)."""
    rows = []
    for code, entry in sorted(manifest["reports"].items()):
        links = " ".join(f"<a href='{escape(o['path'])}'>{escape(kind.upper())}</a>"
                         for kind, o in entry.get("outputs", {}).items() if kind != "notebook")
        status = escape(entry.get("status", "?"))
        detail = escape(entry.get("error", "")) if entry.get("status") == "failed" else links
        rows.append(f"<tr class='{status}'><td>{escape(code)}</td><td>{escape(entry.get('name_zh', ''))}</td>"
                    f"<td>{escape(entry.get('name_en', ''))}</td><td>{status}</td><td>{detail}</td></tr>")
    return ("<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>swtoolkit reports</title>"
            "<style>body{font-family:'Noto Sans CJK SC',sans-serif;margin:2em}table{border-collapse:collapse}"
            "td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left}.failed{color:#b03a2e}</style>"
            "</head><body><h1>报告 Reports</h1><table><thead><tr><th>代码 Code</th><th>地区</th><th>Region</th>"
            f"<th>状态 Status</th><th>文件 Files</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f"<p>swtoolkit {escape(manifest.get('toolkit', ''))}</p></body></html>\n")
