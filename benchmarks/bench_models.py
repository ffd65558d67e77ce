"""Benchmark ``fit_all`` on the real clean dataset and on a synthetic county panel.

Each case runs in a fresh Python process, so its peak resident memory (``ru_maxrss``) is its own and not the
maximum of an earlier case. With ``--workers N`` the table also gives the largest worker's peak and, as an upper
bound for the whole run, the parent's peak plus N times that. ``CPU s`` (this process and its workers) is steadier
than wall time on a shared machine.

The synthetic panel follows the clean contract: 2,800 county-level regions (real codes from ``region_table()``)
× 10 year-end dates × 5 indicators, with a seeded RNG, a share of qualified values (余/以上 lower bounds,
约 approximations) so the sensitivity bands run, and a few targets.

Usage::

    python benchmarks/bench_models.py                  # both cases, table on stdout
    python benchmarks/bench_models.py --json out.json  # also write the results as JSON
    python benchmarks/bench_models.py --case panel --workers 2

Not collected by pytest (the file name does not start with ``test_``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

CASES = ("real", "panel")
GOAL_SECONDS = 60.0
GOAL_MIB = 2048.0
FIRST_YEAR = 2015

CLEAN_COLUMNS = ["figure_id", "source_id", "source_file", "locator", "region_code", "region_name", "region_name_en",
                 "region_level", "province_code", "place", "subset", "indicator", "family", "value", "value_low",
                 "value_high", "qualifier", "unit", "ref_date", "ref_date_precision", "date_flag", "kind",
                 "target_year", "value_as_written", "date_as_written", "region_as_written", "notes"]
#: indicator → (kind, unit, family) as in the codebook.
INDICATORS = {
    "certified_social_workers": ("actual", "persons", "certified"),
    "station_staff": ("actual", "persons", "station_staff"),
    "township_station_coverage": ("actual", "percent", "township_station_coverage"),
    "exam_passes_cumulative": ("cumulative", "persons", "exam_cumulative"),
    "funding_total": ("cumulative", "yuan", "funding_total"),
}
QUALIFIED_SHARE = 0.08   # share of data values stated with a qualifier
TARGET_SHARE = 0.02      # share of regions with a target for certified workers and for coverage


def county_regions(n_regions: int, rng: np.random.Generator) -> pd.DataFrame:
    """``n_regions`` real county-level regions (sorted by code), drawn with ``rng``."""
    from swtoolkit.regions import region_table

    table = region_table()
    counties = table[table["level"] == "county"].sort_values("code").reset_index(drop=True)
    if n_regions > len(counties):
        raise SystemExit(f"only {len(counties)} county-level regions in region_table(), asked for {n_regions}")
    keep = np.sort(rng.choice(len(counties), size=n_regions, replace=False))
    return counties.iloc[keep].reset_index(drop=True)


def _paths(n_regions: int, years: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Values (regions × years) per indicator with realistic behaviour."""
    t = np.arange(years, dtype=float)
    out: dict[str, np.ndarray] = {}
    for key, (level, growth) in {"certified_social_workers": (5.0, 0.14), "station_staff": (4.0, 0.10)}.items():
        base = rng.normal(level, 0.8, n_regions)[:, None]
        g = rng.normal(growth, 0.05, n_regions)[:, None]
        noise = rng.normal(0, 0.06, (n_regions, years))
        out[key] = np.maximum(np.round(np.exp(base + g * t + noise)), 1.0)
    rate = rng.uniform(0.4, 1.4, n_regions)[:, None]
    mid = rng.uniform(1.0, years - 2.0, n_regions)[:, None]
    logit = rate * (t - mid) + rng.normal(0, 0.15, (n_regions, years))
    out["township_station_coverage"] = np.clip(np.round(100.0 / (1.0 + np.exp(-logit)), 1), 0.1, 99.9)
    passes = np.round(np.exp(rng.normal(3.5, 0.7, n_regions)[:, None] + rng.normal(0, 0.3, (n_regions, years))))
    out["exam_passes_cumulative"] = np.cumsum(np.maximum(passes, 1.0), axis=1)
    annual = np.exp(rng.normal(13.5, 0.6, n_regions)[:, None] + rng.normal(0, 0.25, (n_regions, years)))
    out["funding_total"] = np.round(np.cumsum(annual, axis=1), -3)
    return out


def build_panel(n_regions: int = 2800, years: int = 10, seed: int = 20240601) -> pd.DataFrame:
    """A synthetic clean table: ``n_regions`` counties × ``years`` year-end dates × 5 indicators, plus targets."""
    rng = np.random.default_rng(seed)
    regions = county_regions(n_regions, rng)
    paths = _paths(n_regions, years, rng)
    dates = [f"{FIRST_YEAR + k}-12-31" for k in range(years)]
    frames = []
    for key, values in paths.items():
        kind, unit, family = INDICATORS[key]
        n = values.size
        frame = pd.DataFrame({
            "region_code": np.repeat(regions["code"].to_numpy(), years),
            "region_name": np.repeat(regions["name_zh"].to_numpy(), years),
            "region_name_en": np.repeat(regions["name_en"].to_numpy(), years),
            "province_code": np.repeat(regions["province_code"].to_numpy(), years),
            "ref_date": np.tile(dates, n_regions),
            "indicator": key, "family": family, "unit": unit, "kind": kind, "value": values.ravel(),
        })
        # qualifiers: 余 / 以上 are lower bounds with an open upper end, 约 an approximation without bounds
        qual = rng.choice(["exact", "more_than", "at_least", "approx"], size=n,
                          p=[1 - QUALIFIED_SHARE, QUALIFIED_SHARE / 2, QUALIFIED_SHARE / 4, QUALIFIED_SHARE / 4])
        frame["qualifier"] = qual
        frame["value_low"] = np.where(qual == "approx", np.nan, frame["value"])
        frame["value_high"] = np.where(qual == "exact", frame["value"], np.nan)
        suffix = {"exact": "", "more_than": "余", "at_least": "以上", "approx": ""}
        prefix = {"exact": "", "more_than": "", "at_least": "", "approx": "约"}
        frame["value_as_written"] = [f"{prefix[q]}{v:g}{suffix[q]}" for q, v in zip(qual, frame["value"], strict=True)]
        frame["target_year"] = ""
        frames.append(frame)
    frames.append(_targets(regions, rng))
    panel = pd.concat(frames, ignore_index=True)
    panel["figure_id"] = [f"SYN-{i:07d}" for i in range(len(panel))]
    panel["source_id"], panel["source_file"] = "SYN", "synthetic"
    panel["locator"] = [str(i) for i in range(len(panel))]
    panel["region_level"] = "county"
    panel["place"], panel["subset"], panel["notes"] = "", "", "synthetic benchmark row"
    panel["ref_date_precision"] = np.where(panel["kind"] == "target", "year", "period")
    panel["date_flag"], panel["date_as_written"] = "", ""
    panel["region_as_written"] = panel["region_name"]
    return panel[CLEAN_COLUMNS]


def _targets(regions: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Plan targets (kind=target) for a few regions: certified workers by 2027, full station coverage by 2026."""
    picked = regions.iloc[np.sort(rng.choice(len(regions), size=max(1, int(TARGET_SHARE * len(regions))),
                                             replace=False))]
    rows = []
    for _, r in picked.iterrows():
        base = {"region_code": r["code"], "region_name": r["name_zh"], "region_name_en": r["name_en"],
                "province_code": r["province_code"], "ref_date": "2022-06-30", "kind": "target", "value_high": np.nan}
        workers = float(np.round(np.exp(rng.normal(7.0, 0.5)), -2))
        rows.append({**base, "indicator": "certified_social_workers", "family": "certified", "unit": "persons",
                     "value": workers, "value_low": workers, "qualifier": "more_than", "target_year": "2027",
                     "value_as_written": f"{workers:g}人以上"})
        rows.append({**base, "indicator": "township_station_coverage", "family": "township_station_coverage",
                     "unit": "percent", "value": 100.0, "value_low": 100.0, "value_high": 100.0, "qualifier": "exact",
                     "target_year": "2026", "value_as_written": "100%"})
    return pd.DataFrame(rows)


def run_case(case: str, args: argparse.Namespace) -> dict:
    """Load or build the data, then time ``fit_all`` (run inside the child process)."""
    t0 = time.perf_counter()
    if case == "real":
        from swtoolkit.reports.content import load_clean

        clean = load_clean()
    else:
        clean = build_panel(args.regions, args.years, args.seed)
    from swtoolkit.models import fit_all

    build_s = time.perf_counter() - t0
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    kwargs = {"workers": args.workers} if args.workers is not None else {}
    cpu0 = os.times()
    t1 = time.perf_counter()
    out = fit_all(clean, **kwargs)
    fit_s = time.perf_counter() - t1
    cpu1 = os.times()
    cpu_s = sum(getattr(cpu1, f) - getattr(cpu0, f) for f in ("user", "system", "children_user", "children_system"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0  # the largest worker (0: none)
    n_workers = args.workers if worker > 0 and args.workers else 0
    return {"case": case, "rows_in": len(clean), "regions": int(clean["region_code"].nunique()),
            "rows_out": len(out), "allowed": int(out["allowed"].sum()),
            "models": {k: int(v) for k, v in out[out["allowed"]]["model"].value_counts().sort_index().items()},
            "build_s": round(build_s, 3), "fit_s": round(fit_s, 3), "cpu_s": round(cpu_s, 1),
            "rss_before_fit_mib": round(rss_before, 1), "peak_rss_mib": round(peak, 1),
            "peak_rss_worker_mib": round(worker, 1),
            # upper bound on the memory of the whole run: the parent's peak plus every worker at the largest peak
            "peak_rss_total_mib": round(peak + n_workers * worker, 1), "workers": args.workers}


def _child_argv(case: str, args: argparse.Namespace) -> list[str]:
    argv = [sys.executable, str(Path(__file__).resolve()), "--child", case, "--regions", str(args.regions),
            "--years", str(args.years), "--seed", str(args.seed)]
    if args.workers is not None:
        argv += ["--workers", str(args.workers)]
    return argv


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", choices=[*CASES, "all"], default="all")
    parser.add_argument("--regions", type=int, default=2800, help="county-level regions in the panel")
    parser.add_argument("--years", type=int, default=10, help="annual year-end dates per series")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--workers", type=int, default=None, help="passed to fit_all(workers=...) when given")
    parser.add_argument("--json", type=Path, default=None, help="write the results to this JSON file")
    parser.add_argument("--child", choices=CASES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_case(args.child, args)))
        return 0
    results = []
    for case in (CASES if args.case == "all" else (args.case,)):
        proc = subprocess.run(_child_argv(case, args), capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr)
            return proc.returncode
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    header = (f"{'case':<6} {'rows in':>8} {'rows out':>9} {'wall s':>7} {'CPU s':>7} {'peak RSS MiB':>13} "
              f"{'worker MiB':>11} {'total MiB':>10} goal (< {GOAL_SECONDS:g} s, < {GOAL_MIB / 1024:g} GiB)")
    print(header)
    print("-" * len(header))
    for r in results:
        ok = r["case"] != "panel" or (r["fit_s"] < GOAL_SECONDS and r["peak_rss_total_mib"] < GOAL_MIB)
        print(f"{r['case']:<6} {r['rows_in']:>8,} {r['rows_out']:>9,} {r['fit_s']:>7.1f} {r['cpu_s']:>7.1f} "
              f"{r['peak_rss_mib']:>13.1f} {r['peak_rss_worker_mib']:>11.1f} {r['peak_rss_total_mib']:>10.1f} "
              f"{('met' if ok else 'missed') if r['case'] == 'panel' else '—'}")
    if args.json:
        meta = {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
                "goal": {"seconds": GOAL_SECONDS, "mib": GOAL_MIB}}
        args.json.write_text(json.dumps({"meta": meta, "results": results}, indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
