"""Each fast path of ``fit_all`` against the plain library call it replaces, side by side on one synthetic panel.

    .venv/bin/python benchmarks/bench_fast_paths.py [--regions 560] [--variants ...] [--json out.json]

Variants (each in a fresh Python process, in the order given, on the panel of benchmarks/bench_models.py):

- ``serial``: ``fit_all(workers=1)`` as shipped;
- ``serial-ets-get_prediction``: ETS forecasts from statsmodels' ``get_prediction`` instead of the closed form
  (``models.ets.holt_forecast``);
- ``serial-conf_int``: parameter intervals from statsmodels' ``conf_int`` instead of ``results.param_interval``;
- ``pool``: ``fit_all(workers=2)`` as shipped (spawned workers, one BLAS thread each);
- ``pool-blas-unlimited``: ``workers=2`` with the BLAS libraries' own thread counts (no threadpoolctl limit).

Below ``fit.MIN_GROUPS_FOR_WORKERS`` region × indicator groups (200 counties × 5 indicators) ``fit_all`` ignores
``workers``: at fewer counties the two ``pool`` variants run in this process and compare the BLAS limit alone.
Wall seconds and CPU seconds (this process and its workers). The question each pair answers: does the fast path
serve a stated goal (``fit_all`` on 2,800 counties < 60 s, README)? On a shared machine compare CPU seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
VARIANTS = ("serial", "serial-ets-get_prediction", "serial-conf_int", "pool", "pool-blas-unlimited")


def _plain_ets(data, horizon=None, damped=False, log=True, fixed=None, alpha=0.05, settings=None):
    """fit_ets with statsmodels' own prediction (the results object and ``get_prediction``)."""
    from functools import partial

    import numpy as np
    import pandas as pd
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    from swtoolkit.models._capture import capture_warnings
    from swtoolkit.models.gatekeeper import decide
    from swtoolkit.models.results import ModelResult
    from swtoolkit.models.series import as_series
    from swtoolkit.models.timebase import from_decimal_year

    s = as_series(data, settings)
    decide(s, "ets").require()
    h = horizon if horizon is not None else max(1, min(5, s.n - 1))
    notes = list(s.notes)
    y = np.log(s.mid) if log else s.mid.astype(float)
    with capture_warnings(notes, "ETSModel"):
        model = ETSModel(pd.Series(y), error="add", trend="add", damped_trend=damped,
                         initialization_method="estimated")
        fitted = model.fit(disp=False)
        frame = fitted.get_prediction(start=s.n, end=s.n + h - 1).summary_frame(alpha=alpha)
    bounds = [frame[c].to_numpy() for c in ("mean", "pi_lower", "pi_upper")]
    mean, low, high = (np.exp(v) for v in bounds) if log else bounds
    dates = [from_decimal_year(float(s.t[-1]) + k) for k in range(1, h + 1)]
    return ModelResult("ets", f"ETSModel AA{'d' if damped else ''}N on {'log ' if log else ''}values", s.n,
                       float(mean[-1]), s.context.unit, statistic=f"forecast, {h} years ahead", low=float(low[-1]),
                       high=float(high[-1]), interval=f"{(1 - alpha) * 100:.0f}% prediction interval",
                       context=s.context, start_date=s.dates[0], end_date=dates[-1], figure_ids=s.all_figure_ids,
                       notes=notes, tables={"forecast": partial(pd.DataFrame, {"date": dates, "mean": mean,
                                                                                "pi_lower": low, "pi_upper": high})},
                       raw=model)


def _plain_interval(res, i: int, alpha: float) -> tuple[float, float]:
    import numpy as np

    lo, hi = np.asarray(res.conf_int(alpha))[i]
    return float(lo), float(hi)


def _patch(variant: str) -> int:
    """Apply a variant in this process; returns the workers to pass to fit_all."""
    import swtoolkit.models.fit as fit_module

    if variant == "serial-ets-get_prediction":
        import swtoolkit.models.ets as ets
        import swtoolkit.models.growth as growth

        ets.fit_ets = growth.fit_ets = fit_module.fit_ets = _plain_ets
        for registry in (growth.GROWTH_MODELS, fit_module.FITTERS):
            if "ets" in registry:
                registry["ets"] = _plain_ets
    elif variant == "serial-conf_int":
        import swtoolkit.models.growth as growth
        import swtoolkit.models.logistic as logistic

        growth.param_interval = logistic.param_interval = _plain_interval
    elif variant == "pool-blas-unlimited":
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        fit_module.single_threaded_blas = contextlib.nullcontext
        fit_module.worker_pool = lambda workers: (ProcessPoolExecutor(max_workers=workers,
                                                                      mp_context=get_context("spawn"))
                                                  if workers > 1 else None)
    return 2 if variant.startswith("pool") else 1


def child(variant: str, regions: int) -> dict:
    import bench_models

    from swtoolkit.models import fit_all

    panel = bench_models.build_panel(regions)
    workers = _patch(variant)
    cpu0, t0 = os.times(), time.perf_counter()
    out = fit_all(panel, workers=workers)
    wall, cpu1 = time.perf_counter() - t0, os.times()
    cpu = sum(getattr(cpu1, f) - getattr(cpu0, f) for f in ("user", "system", "children_user", "children_system"))
    return {"variant": variant, "regions": regions, "rows_out": len(out), "allowed": int(out["allowed"].sum()),
            "wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "load": round(os.getloadavg()[0], 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=560)
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=VARIANTS)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--child", choices=VARIANTS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.regions)))
        return 0
    results = []
    for variant in args.variants:
        done = subprocess.run([sys.executable, __file__, "--child", variant, "--regions", str(args.regions)],
                              capture_output=True, text=True, check=False)
        if done.returncode:
            sys.stderr.write(done.stderr)
            return done.returncode
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
