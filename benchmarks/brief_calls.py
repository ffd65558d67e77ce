"""The synthetic county in both layouts, in this process: CPU seconds and Python calls of the report content (what
the notebook's cells compute, charts drawn) and of WeasyPrint, full and brief alternated.

    .venv/bin/python benchmarks/brief_calls.py [--repeat 3]

Python function calls (cProfile) do not grow with the machine's load as CPU seconds do on a shared machine; the
CPU seconds are taken in separate, unprofiled runs. The HTML is the content's blocks in the report page
(runner.page_html) without nbconvert, so the WeasyPrint numbers are those of the report body and stylesheet.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def content_html(code: str, figures: str, results: str, layout: str) -> str:
    """Every block the notebook shows, in its order, in one page (layout forced: 'full' or 'brief')."""
    from swtoolkit.reports.content import RegionReport
    from swtoolkit.reports.runner import page_html

    r = RegionReport.load(code, figures=figures, results=results)
    r._kind = layout
    parts = [r.title_page({"region": code}), r.toc()]
    parts += [r.show(k) for k in ("findings", "figures", "subregions", "series", "growth", "national", "methods",
                                  "limits", "appendix")]
    parts.append(r.footer({"region": code}))
    return page_html("".join(p.body for p in parts), code)


def main() -> int:
    import os

    import synthetic_counties

    from swtoolkit import stages
    from swtoolkit.reports import runner

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="brief-calls-") as tmp:
        figures = synthetic_counties.write(2, Path(tmp) / "synthetic")
        results = stages.fit_stage(figures, Path(tmp))
        code = synthetic_counties.county_codes(1)[0]
        runner.to_pdf(content_html(code, str(figures), str(results), "brief"))  # warm: imports, fonts
        for i in range(args.repeat):
            for layout in ("full", "brief"):
                started = time.process_time()
                html = content_html(code, str(figures), str(results), layout)
                cells = time.process_time() - started
                started = time.process_time()
                runner.to_pdf(html)
                pdf = time.process_time() - started
                calls = {}
                for phase, call in (("content", lambda la=layout: content_html(code, str(figures), str(results),
                                                                               la)),
                                    ("weasyprint", lambda h=html: runner.to_pdf(h))):
                    profiler = cProfile.Profile()
                    profiler.runcall(call)
                    calls[phase] = pstats.Stats(profiler).total_calls
                print(f"{i + 1} {layout:<5} content {cells:5.2f} s CPU {calls['content']:>9,} calls | WeasyPrint "
                      f"{pdf:5.2f} s CPU {calls['weasyprint']:>9,} calls | load {os.getloadavg()[0]:.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
