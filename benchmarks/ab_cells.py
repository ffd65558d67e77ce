"""A/B of one report's content (what the notebook's cells compute, charts drawn) in one process: the
`swtoolkit/reports/content.py` and `swtoolkit/charts.py` (its date axis) of an earlier commit against this tree's.

    .venv/bin/python benchmarks/ab_cells.py [--base 681f8d6] [--region 530700 | (synthetic county)] [--rounds 4]

The earlier modules are read with `git show <base>:<path>` and loaded beside this tree's (the rest of the
package is this tree's for both), then the two are alternated (A B, B A, …) so they share the machine's load; CPU
seconds of this process (`time.process_time`). Before timing, both pages are built once and must be equal byte for
byte (a speed change must not change the report). Without --region the first synthetic county of the scale
benchmark (benchmarks/synthetic_counties.py, written to a temporary folder) in the brief layout.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

BLOCKS = ("findings", "figures", "subregions", "series", "growth", "national", "methods", "limits", "appendix")


def _load(name: str, base: str, path: str, folder: Path):
    """The module at `path` as of commit `base`, loaded under `name`."""
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{base}:{path}"], capture_output=True, text=True,
                            check=True).stdout
    file = folder / f"{name}.py"
    file.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, file)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def main() -> int:
    import synthetic_counties

    from swtoolkit import charts, stages
    from swtoolkit.reports import content
    from swtoolkit.reports.runner import page_html

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="681f8d6", help="the earlier commit (A)")
    parser.add_argument("--region", help="a real region code (default: the synthetic county, brief layout)")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ab-cells-") as tmp:
        work = Path(tmp)
        old = _load("content_base", args.base, "swtoolkit/reports/content.py", work)
        old_charts = _load("charts_base", args.base, "swtoolkit/charts.py", work)
        new_axis = charts.date_axis
        if args.region:
            figures, code, layout = stages.figures_path(), args.region, None
        else:
            figures = synthetic_counties.write(2, work / "synthetic")
            code, layout = synthetic_counties.county_codes(1)[0], "brief"
        results = stages.fit_stage(figures, work)

        def run(variant: str) -> tuple[float, str]:
            module = old if variant == "A" else content
            charts.date_axis = old_charts.date_axis if variant == "A" else new_axis  # series() looks it up here
            started = time.process_time()
            report = module.RegionReport.load(code, figures=str(figures), results=str(results))
            if layout:
                report._kind = layout
            parts = [report.title_page({"region": code}), report.toc(), *(report.show(k) for k in BLOCKS),
                     report.footer({"region": code})]
            html = page_html("".join(p.body for p in parts), code)
            return time.process_time() - started, html

        if run("A")[1] != run("B")[1]:
            raise SystemExit("the two versions give different pages: not a speed change")
        times: dict[str, list[float]] = {"A": [], "B": []}
        load = os.getloadavg()[0]
        for i in range(args.rounds):
            for variant in ("A", "B") if i % 2 == 0 else ("B", "A"):
                times[variant].append(run(variant)[0])
        print(f"{code} ({layout or 'as chosen'}), load {load:.1f} → {os.getloadavg()[0]:.1f}; same page: yes")
        for variant, label in (("A", f"base {args.base}"), ("B", "this tree")):
            values = times[variant]
            print(f"  {label:<16} " + " ".join(f"{t:.3f}" for t in values)
                  + f"  mean {sum(values) / len(values):.3f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
