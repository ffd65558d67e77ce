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
import tempfile
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from swtoolkit.errors import ParameterError, ReportBuildError
from swtoolkit.fonts import find_cjk_family
from swtoolkit.paths import PACKAGE_DIR, notebooks_dir, project_root, reports_dir

if TYPE_CHECKING:
    import nbformat

    from swtoolkit.reports.kernels import KernelSupply

log = logging.getLogger(__name__)

REGION_NOTEBOOK = "region_report.ipynb"
COMPARISON_NOTEBOOK = "comparison_report.ipynb"
COMPARISON_STEM = "comparison"
REQUIRED_PARAMETERS = ("region",)
CSS_FILE = PACKAGE_DIR / "reports" / "report.css"
HIDDEN_TAGS = ("parameters", "injected-parameters")


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


def write_atomic_bytes(data: bytes, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def execute(notebook: Path, parameters: dict, output: Path, reports_out: Path | None = None,
            kernels: KernelSupply | None = None) -> nbformat.NotebookNode:
    """Run the notebook with papermill; the executed notebook is kept beside the reports (for failures too).

    With a KernelSupply (batch workers), the notebook runs in a kernel started ahead of time, and the next one is
    launched as soon as this one has finished executing.
    """
    import nbformat
    import papermill

    output.parent.mkdir(parents=True, exist_ok=True)
    # The kernel inherits these: data paths never depend on papermill's working directory, and the notebook
    # reads the model results of the build it belongs to.
    settings = {"SWTOOLKIT_ROOT": str(project_root()), "SWTOOLKIT_REPORTS_DIR": str(reports_out or reports_dir())}
    saved = {key: os.environ.get(key) for key in settings}
    os.environ.update(settings)
    km = kernels.take() if kernels else None
    extra = {"km": km} if km is not None else {}
    try:
        papermill.execute_notebook(str(notebook), str(output), parameters=parameters, progress_bar=False,
                                   kernel_name="python3", cwd=str(project_root()), log_output=False, **extra)
    finally:
        if km is not None:
            km.shutdown_kernel(now=True)
            kernels.refill()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return nbformat.read(str(output), as_version=4)


def to_html(executed: nbformat.NotebookNode, title: str) -> str:
    """Outputs only: no code, no prompts, no parameters cell; one self-contained page (images inline)."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.remove_cell_tags = set(HIDDEN_TAGS)
    config.TagRemovePreprocessor.enabled = True
    exporter = HTMLExporter(config=config, template_name="basic")
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(executed)
    css = CSS_FILE.read_text(encoding="utf-8")
    return (
        "<!DOCTYPE html>\n<html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{escape(title)}</title>"
        f"<style>{css}</style></head><body>{body}</body></html>\n"
    )


def to_pdf(html: str) -> bytes:
    """HTML → PDF with WeasyPrint (A4 from the stylesheet's @page)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(project_root())).write_pdf()


def check_pdf(pdf: bytes, must_contain: list[str]) -> None:
    """The PDF's text must extract as the Chinese it should contain, and every font must be embedded."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    text = re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in reader.pages))
    missing = [s for s in must_contain if re.sub(r"\s+", "", s) not in text]
    if missing:
        raise ReportBuildError("pdf", f"PDF text does not contain {missing}: glyphs may be blank or boxed")
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
                   kernels: KernelSupply | None = None) -> BuiltReport:
    """Execute one parameterised notebook and render it; the partial notebook is kept when a cell fails."""
    find_cjk_family()  # stop before rendering when no Chinese font is usable
    out = Path(out or reports_dir())
    executed_path = out / "notebooks" / f"{stem}.ipynb"
    try:
        executed = execute(notebook, parameters, executed_path, reports_out=out, kernels=kernels)
    except Exception as exc:  # papermill raises its own error types; keep the partial notebook, name the cell
        cell = getattr(exc, "cell_index", None)
        message = f"{getattr(exc, 'ename', type(exc).__name__)}: {getattr(exc, 'evalue', exc)}"
        raise ReportBuildError(title, message, cell) from exc
    html = to_html(executed, title)
    html_path = pdf_path = None
    if "html" in formats:
        html_path = out / f"{stem}.html"
        write_atomic_bytes(html.encode("utf-8"), html_path)
    if "pdf" in formats:
        pdf = to_pdf(html)
        check_pdf(pdf, must_contain)
        pdf_path = out / f"{stem}.pdf"
        write_atomic_bytes(pdf, pdf_path)
    return BuiltReport(stem, title, html_path, pdf_path, executed_path)


def build_region(region: str, formats: tuple[str, ...] = ("html", "pdf"), out: Path | None = None,
                 notebook: Path | None = None, kernels: KernelSupply | None = None) -> BuiltReport:
    """Validate parameters, execute, render and check one region's report."""
    from swtoolkit.reports.inputs import resolve_region_parameter

    notebook = Path(notebook or notebooks_dir() / REGION_NOTEBOOK)
    check_parameters(notebook, {"region": region})
    found = resolve_region_parameter(region)
    stem = f"{found.code}_{found.name_en.lower().replace(' ', '-')}"
    built = build_notebook(notebook, {"region": found.code}, stem, f"{found.name_zh} {found.name_en}",
                           [found.name_zh], formats, out, kernels)
    built.region_code, built.name_zh = found.code, found.name_zh
    return built


def build_comparison(formats: tuple[str, ...] = ("html", "pdf"), out: Path | None = None,
                     focus: str = "530000", kernels: KernelSupply | None = None) -> BuiltReport:
    """The comparison report (provinces side by side, the focus province's prefectures in league tables)."""
    notebook = notebooks_dir() / COMPARISON_NOTEBOOK
    check_parameters(notebook, {"focus": focus}, required=("focus",))
    return build_notebook(notebook, {"focus": focus}, COMPARISON_STEM, "地区比较 Regions compared", ["地区比较"],
                          formats, out, kernels)
