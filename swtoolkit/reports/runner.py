"""Execute a report notebook with papermill and render it to HTML (nbconvert) and PDF (WeasyPrint).

Why this path: REPORTS.md measured nbconvert HTML → WeasyPrint as the lightest and fastest PDF route on this
machine kind (≈0.55 s/doc, no browser, no TeX). Chinese is drawn with a CJK font checked before rendering,
and every PDF is checked after: its text must extract as the Chinese it should contain and its fonts must be
embedded. Nothing is written in place: files appear whole or not at all.
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from swtoolkit.errors import ParameterError, ReportBuildError
from swtoolkit.fonts import find_cjk_family
from swtoolkit.paths import PACKAGE_DIR, notebooks_dir, project_root, reports_dir
from swtoolkit.reports.folder import folder_error, write_atomic_bytes

if TYPE_CHECKING:
    import nbformat

    from swtoolkit.reports.kernels import KernelSupply

log = logging.getLogger(__name__)

REGION_NOTEBOOK = "region_report.ipynb"
COMPARISON_NOTEBOOK = "comparison_report.ipynb"
COMPARISON_STEM = "comparison"
REQUIRED_PARAMETERS = ("region",)
CSS_FILE = PACKAGE_DIR / "reports" / "report.css"
HIDDEN_TAGS = ("parameters", "injected-parameters", "claims-record", "build-record")
DEFAULT_CELL_TIMEOUT = 300  # seconds one notebook cell may run (the slowest report cell takes a few seconds)
DEFAULT_REPORT_TIMEOUT = 900  # seconds one report may take, executing and rendering (a report takes ~10 s)
KERNEL_START_TIMEOUT = 60  # seconds a kernel may take to answer after it was started


@dataclass
class BuiltReport:
    region_code: str
    name_zh: str
    html: Path | None
    pdf: Path | None
    notebook: Path


def check_parameters(notebook: Path, parameters: dict, required: tuple[str, ...] = REQUIRED_PARAMETERS) -> None:
    """Reject unknown and missing parameters before anything runs (papermill would only warn)."""
    import papermill

    declared = set(papermill.inspect_notebook(str(notebook)))
    unknown = sorted(set(parameters) - declared)
    if unknown:
        raise ParameterError(f"unknown parameter(s) {unknown} for {notebook.name}; it declares {sorted(declared)}")
    missing = [p for p in required if parameters.get(p) in (None, "")]
    if missing:
        raise ParameterError(f"missing parameter(s) {missing} for {notebook.name}")


def report_stem(code: str, name_en: str = "") -> str:
    """File name (no extension) of a region's report: the region code and an ASCII slug of its English name.

    The one place where a name from the data becomes part of a path: only ``a-z``, ``0-9`` and ``-`` survive, so
    a ``/``, ``..`` or ``$`` in a name can never steer a file out of the reports folder.
    """
    if not re.fullmatch(r"[0-9]{6}", str(code)):
        raise ParameterError(f"region code {code!r} is not six digits (GB/T 2260)")
    ascii_name = unicodedata.normalize("NFKD", str(name_en)).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].rstrip("-")
    return f"{code}_{slug}" if slug else str(code)


def notebook_path(out: Path, stem: str) -> Path:
    """Where a report's executed notebook is kept (`notebooks/<stem>.ipynb` in the reports folder)."""
    return out / "notebooks" / f"{stem}.ipynb"


def _run_paths(final: Path) -> tuple[Path, Path]:
    """A run writes `<stem>.partial.ipynb`; success renames it to `final`, failure to `<stem>.failed.ipynb`,
    so a partial notebook never overwrites the notebook of the last good build."""
    stem = final.name.removesuffix(".ipynb")
    return final.with_name(f"{stem}.partial.ipynb"), final.with_name(f"{stem}.failed.ipynb")


def keep_partial(final: Path) -> Path | None:
    """Keep a run's partial notebook as the failed one (also after its worker was lost); returns where it is."""
    partial, failed = _run_paths(final)
    try:
        os.replace(partial, failed)
    except FileNotFoundError:
        pass
    except OSError as exc:
        log.warning("could not keep the partial notebook %s: %s", partial, exc)
    return failed if failed.exists() else None


def execute(notebook: Path, parameters: dict, output: Path,
            kernels: KernelSupply | None = None, cell_timeout: int | None = DEFAULT_CELL_TIMEOUT,
            start_timeout: int = KERNEL_START_TIMEOUT) -> nbformat.NotebookNode:
    """Run the notebook with papermill into `output` (written whole, by rename; see `_run_paths`).

    With a KernelSupply (batch workers), the notebook runs in a kernel started ahead of time, and the next one is
    launched as soon as this one has finished executing. A cell that runs longer than `cell_timeout` seconds
    (None: no limit) and a kernel that dies both end the run with an error within seconds.
    """
    import nbformat
    import papermill

    output.parent.mkdir(parents=True, exist_ok=True)
    partial, failed = _run_paths(output)
    failed.unlink(missing_ok=True)  # what a failure leaves is from this run
    # Every input path is a parameter: the executed notebook can be run again from its stored parameters alone.
    km = kernels.take() if kernels else None
    extra = {"km": km} if km is not None else {}
    finished = False
    try:
        try:
            papermill.execute_notebook(str(notebook), str(partial), parameters=parameters, progress_bar=False,
                                       kernel_name="python3", cwd=str(project_root()), log_output=False,
                                       execution_timeout=cell_timeout, start_timeout=start_timeout, **extra)
            finished = True
        finally:  # also on SystemExit (a worker asked to stop): a kernel is kept only after a notebook that finished
            if km is not None:
                kernels.release(km, reuse=finished)
    except BaseException as exc:  # a failed or interrupted run: its notebook is kept under the failed name
        keep_partial(output)
        if isinstance(exc, Exception):
            _refill(kernels)
        raise
    _refill(kernels)
    os.replace(partial, output)
    return nbformat.read(str(output), as_version=4)


def _refill(kernels: KernelSupply | None) -> None:
    """Start the next kernel; if that fails, the next notebook starts its own (and reports the failure)."""
    if kernels is None:
        return
    try:
        kernels.refill()
    except Exception as exc:
        log.warning("could not pre-start the next kernel: %s", exc)


@lru_cache(maxsize=1)
def _html_exporter():
    """One nbconvert exporter per process (its templates load once; it keeps no state between notebooks)."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.remove_cell_tags = set(HIDDEN_TAGS)
    config.TagRemovePreprocessor.enabled = True
    exporter = HTMLExporter(config=config, template_name="basic")
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    return exporter


@lru_cache(maxsize=1)
def _font_config():
    """One WeasyPrint font configuration per process, shared by its PDFs (WeasyPrint's documented reuse)."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def to_html(executed: nbformat.NotebookNode, title: str) -> str:
    """Outputs only: no code, no prompts, no parameters cell; one self-contained page (images inline)."""
    body, _ = _html_exporter().from_notebook_node(executed)
    return page_html(body, title)


def page_html(body: str, title: str) -> str:
    """A report page around `body` (HTML, already escaped): the report stylesheet inline, `title` escaped."""
    css = CSS_FILE.read_text(encoding="utf-8")
    return (
        "<!DOCTYPE html>\n<html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{escape(title)}</title>"
        f"<style>{css}</style></head><body>{body}</body></html>\n"
    )


def to_pdf(html: str, base_url: Path | str | None = None) -> bytes:
    """HTML → PDF with WeasyPrint (A4 from the stylesheet's @page). `base_url`: the folder relative links point
    into (a brief's link to the methods document beside it; default: the project root)."""
    from weasyprint import HTML

    base = str(Path(base_url).resolve()) + "/" if base_url is not None else str(project_root())
    return HTML(string=html, base_url=base).write_pdf(font_config=_font_config())


def check_pdf(pdf: bytes, must_contain: list[str]) -> None:
    """The first page's text must extract as the Chinese it should contain (the title page names the region or
    the report), and every font on every page must be embedded.

    Why the first page only: one CJK font subset serves every page, so a font whose glyphs do not map back to text
    fails on the title as it would anywhere; extracting all pages cost ≈ 1.1 s CPU of a 10-page report, the first
    page ≈ 0.05 s (benchmarks/report_cost.md). Raises ReportBuildError naming what is missing.
    """
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    text = re.sub(r"\s+", "", reader.pages[0].extract_text() or "") if reader.pages else ""
    missing = [s for s in must_contain if re.sub(r"\s+", "", s) not in text]
    if missing:
        raise ReportBuildError("pdf", f"PDF title page text does not contain {missing}: glyphs may be blank or "
                                      "boxed")
    not_embedded = sorted(pdf_fonts_not_embedded(reader))
    if not_embedded:
        raise ReportBuildError("pdf", f"fonts not embedded in the PDF: {not_embedded}")


def pdf_fonts_not_embedded(reader) -> set[str]:
    """Names of fonts used on any page that carry no embedded font program."""
    missing = set()
    for page in reader.pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            if descriptor is None:
                if font.get("/Subtype") != "/Type3":
                    missing.add(str(font.get("/BaseFont")))
                continue
            descriptor = descriptor.get_object()
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(str(font.get("/BaseFont")))
    return missing


def build_notebook(notebook: Path, parameters: dict, stem: str, title: str, must_contain: list[str],
                   formats: tuple[str, ...] = ("html", "pdf"), out: Path | None = None,
                   kernels: KernelSupply | None = None,
                   cell_timeout: int | None = DEFAULT_CELL_TIMEOUT) -> BuiltReport:
    """Execute one parameterised notebook and render it; the partial notebook is kept when a cell fails.

    A folder that cannot be written raises ReportsFolderError (it is not this report's fault); anything else that
    stops the notebook raises ReportBuildError naming the cell.
    """
    if not re.fullmatch(r"[a-z0-9_-]+", stem):  # file names come from `report_stem` or a constant
        raise ParameterError(f"report file name {stem!r} is not a plain name")
    find_cjk_family()  # stop before rendering when no Chinese font is usable
    out = Path(out or reports_dir())
    executed_path = notebook_path(out, stem)
    try:
        executed = execute(notebook, parameters, executed_path, kernels=kernels, cell_timeout=cell_timeout)
    except Exception as exc:  # papermill raises its own error types; keep the partial notebook, name the cell
        folder = folder_error(exc, out, executed_path)
        if folder is not None:
            raise folder from exc
        cell = getattr(exc, "cell_index", None)
        message = f"{getattr(exc, 'ename', type(exc).__name__)}: {getattr(exc, 'evalue', exc)}"
        raise ReportBuildError(title, message, cell) from exc
    html = to_html(executed, title)
    html_path = pdf_path = None
    if "html" in formats:
        html_path = out / f"{stem}.html"
        write_atomic_bytes(html.encode("utf-8"), html_path)
    if "pdf" in formats:
        pdf = to_pdf(html, base_url=out)
        check_pdf(pdf, must_contain)
        pdf_path = out / f"{stem}.pdf"
        write_atomic_bytes(pdf, pdf_path)
    return BuiltReport(stem, title, html_path, pdf_path, executed_path)


def region_stem(code: str) -> str:
    """File name (no extension) of a report in a build: a region's `report_stem`, or the comparison's."""
    from swtoolkit import regions

    return COMPARISON_STEM if code == COMPARISON_STEM else report_stem(code, regions.get(code).name_en)


def stage_parameters(figures: Path | str | None = None, results: Path | str | None = None,
                     config: Path | str | None = None) -> dict:
    """The input paths a report notebook takes as parameters (absolute): figures.parquet (default: data/clean's),
    results.parquet (default: none, the notebook fits the models itself) and report.toml (default: the project's)."""
    from swtoolkit.reports.inputs import REPORT_CONFIG
    from swtoolkit.stages import figures_path

    return {"figures": str(Path(figures or figures_path()).resolve()),
            "results": str(Path(results).resolve()) if results else None,
            "config": str(Path(config or project_root() / REPORT_CONFIG).resolve())}


def build_region(region: str, formats: tuple[str, ...] = ("html", "pdf"), out: Path | None = None,
                 notebook: Path | None = None, kernels: KernelSupply | None = None,
                 cell_timeout: int | None = DEFAULT_CELL_TIMEOUT, inputs: dict | None = None) -> BuiltReport:
    """Validate parameters, execute, render and check one region's report (`inputs`: see `stage_parameters`)."""
    from swtoolkit.reports.inputs import load_clean, resolve_region_parameter

    inputs = inputs or stage_parameters()
    notebook = Path(notebook or notebooks_dir() / REGION_NOTEBOOK)
    check_parameters(notebook, {"region": region, **inputs})
    found = resolve_region_parameter(region, load_clean(inputs["figures"]))
    built = build_notebook(notebook, {"region": found.code, **inputs}, report_stem(found.code, found.name_en),
                           f"{found.name_zh} {found.name_en}", [found.name_zh], formats, out, kernels, cell_timeout)
    built.region_code, built.name_zh = found.code, found.name_zh
    return built


def build_comparison(formats: tuple[str, ...] = ("html", "pdf"), out: Path | None = None,
                     focus: str = "530000", kernels: KernelSupply | None = None,
                     cell_timeout: int | None = DEFAULT_CELL_TIMEOUT, inputs: dict | None = None) -> BuiltReport:
    """The comparison report (provinces side by side, the focus province's prefectures in league tables)."""
    inputs = inputs or stage_parameters()
    notebook = notebooks_dir() / COMPARISON_NOTEBOOK
    check_parameters(notebook, {"focus": focus, **inputs}, required=("focus",))
    return build_notebook(notebook, {"focus": focus, **inputs}, COMPARISON_STEM, "地区比较 Regions compared",
                          ["地区比较"], formats, out, kernels, cell_timeout)
