"""Benchmark of `swtoolkit clean` on synthetic raw rows that look like data/raw/figures.csv.

    python benchmarks/bench_clean.py                       # 1,000,000 rows
    python benchmarks/bench_clean.py --rows 100000 --json bench.json

Generation is not timed. The raw folder (figures.csv plus copies of sources.csv and check_notes.csv) is written
to a temporary folder; then a fresh Python process imports swtoolkit and times
`swtoolkit.cleaning.pipeline.clean(raw=..., out=...)` end to end (load + validate + parse + checks + save).
Memory is the peak resident set size (RSS) of that process: VmHWM from /proc/self/status (Linux), not tracemalloc,
which sees only Python allocations. getrusage's ru_maxrss is reported as well but not used: on Linux it keeps the
parent's RSS at fork time across exec, so it would count the generator's memory. The peak includes the
interpreter and imported libraries, whose share is reported as the RSS after imports.
Goal (issue): under 30 s and under 2 GiB at 1,000,000 rows.

This is a benchmark, not a test: pytest does not collect it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

GOAL_SECONDS, GOAL_BYTES = 30.0, 2 * 1024**3

# Share of rows per source (S003, the Yunnan meeting materials, holds most of the real figures).
SOURCE_WEIGHTS = {"S000": 0.1, "S001": 0.1, "S002": 0.1, "S003": 0.6, "S004": 0.1}
KIND_WEIGHTS = {"actual": 35, "cumulative": 26, "increment": 23, "norm": 6, "ratio": 5, "target": 4, "plan": 1}
LEVEL_WEIGHTS = {None: {"province": 0.5, "prefecture": 0.35, "county": 0.15},
                 "530000": {"province": 0.1, "prefecture": 0.55, "county": 0.35}}
CN_DIGITS = "一二三四五六七八九"
PREFIXES = ["超过", "超", "逾", "近", "将近", "约", "不少于", "不低于", "至少", "不到"]
SUFFIXES = ["以上", "以内", "左右"]
SEPARATE_QUALIFIERS = ["至少", "不低于", "不少于"]
RELATIVE_DATES = {"目前": 8, "截至目前": 3, "现有": 1, "今年": 2, "去年以来": 2, "今年以来": 1, "到目前为止": 1,
                  "去年": 1, "年底": 0.5, "近 2 年来": 0.5, "两年来": 0.5, "一年来": 0.5, "社工站成立以来": 0.5,
                  "项目启动以来": 0.5, "各社工站成立以来": 0.3, "“十三五”时期": 0.3}
RELATIVE_WORDS, RELATIVE_CUM = list(RELATIVE_DATES), list(np.cumsum(list(RELATIVE_DATES.values())))


def _root() -> Path:
    return Path(__file__).resolve().parents[1]


# ----------------------------------------------------------------------------------------------- generation
class Generator:
    """Draws raw rows from the real tables: sources, codebook (with units), regions and aliases."""

    def __init__(self, root: Path, seed: int):
        from swtoolkit import regions
        from swtoolkit.codebook import codebook

        self.rng = random.Random(seed)
        self.seed = seed
        self.sources = pd.read_csv(root / "data" / "raw" / "sources.csv", dtype=str, keep_default_na=False)
        real = pd.read_csv(root / "data" / "raw" / "figures.csv", dtype=str, keep_default_na=False)
        self.places = [p for p in real["place_as_written"] if p]
        self.subsets = [s for s in real["subset"] if s]
        self.notes = list(real["notes"])
        units = pd.read_csv(root / "swtoolkit" / "data" / "units.csv", dtype=str, keep_default_na=False)
        # the unit as written: 元/站 → 元, 期（场） → 期 or 场
        written = {u: [w for w in re.split("[（）]", zh.split("/")[0]) if w]
                   for u, zh in zip(units["unit"], units["zh"], strict=True)}
        written["persons"] = ["人", "名"]
        book = codebook()
        self.indicators = list(book.index)
        self.unit_words = {key: written[unit] for key, unit in book["unit"].items() if unit != "percent"}
        self.percent = {key for key, unit in book["unit"].items() if unit == "percent"}
        self.region_pools = {ctx: self._region_pool(regions, ctx) for ctx in LEVEL_WEIGHTS}

    def _region_pool(self, regions, context: str | None) -> dict[str, list[str]]:
        """Names as documents write them (full, short, X州/X市, aliases), kept only when they resolve."""
        table = regions.region_table()
        if context:
            table = table[(table["province_code"] == context) | (table["code"] == context)]
        aliases = pd.read_csv(regions.ALIAS_TABLE, dtype=str, keep_default_na=False)
        pool: dict[str, list[str]] = {level: [] for level in ("province", "prefecture", "county")}
        codes = set(table["code"])
        for row in table.itertuples(index=False):
            if row.level not in pool:
                continue
            names = {row.name_zh, row.short_zh}
            if row.level == "prefecture":
                names |= {row.short_zh + "州", row.short_zh + "市"}
            if row.level == "county" and row.parent_code in codes:
                names.add(regions.get(row.parent_code).name_zh + row.name_zh)  # 昆明市官渡区
            pool[row.level].extend(sorted(names))
        pool["province"] += [a for a, t in zip(aliases["alias"], aliases["target"], strict=True)
                             if t.endswith("0000") and (not context or t in (context, "000000"))]
        for level, names in pool.items():
            kept = []
            for name in names:
                try:
                    code = regions.resolve(name, within=context).code
                except Exception:  # noqa: BLE001 - a name that does not resolve is simply not drawn
                    continue
                if not context or code == "000000" or regions.is_within(code, context):
                    kept.append(name)
            pool[level] = kept
        return pool

    def number(self) -> str:
        """Counts from 1 to ten million, log-uniform: many small ones, as in the documents, yet mostly distinct."""
        return str(int(10 ** self.rng.uniform(0, 7)))

    def decimal(self) -> str:
        return f"{10 ** self.rng.uniform(-1, 4):.{self.rng.choice((1, 1, 2))}f}"

    def cn_number(self) -> str:
        k = self.rng.randint(1, 99)
        if k == 2:
            return "两"
        tens, ones = divmod(k, 10)
        return (("" if tens < 2 else CN_DIGITS[tens - 1]) + ("十" if tens else "")
                + (CN_DIGITS[ones - 1] if ones else ""))

    def value(self, indicator: str) -> tuple[str, str]:
        """(value_as_written, qualifier_as_written) with a unit that fits the indicator."""
        r, rng = self.rng.random(), self.rng
        if indicator in self.percent:
            p = f"{rng.uniform(0, 100):.{rng.choice((0, 1, 1, 2))}f}"
            if r < 0.55:
                return f"{p}{rng.choice(('%', '%', ' %'))}", ""
            if r < 0.70:
                return "全覆盖", ""
            if r < 0.82:
                return f"{rng.choice(PREFIXES)}{rng.choice(('', ' '))}{p}%", ""
            if r < 0.90:
                return f"{p}%{rng.choice(SUFFIXES)}", ""
            if r < 0.95:
                return f"超{CN_DIGITS[rng.randint(0, 8)]}成", ""
            low = rng.randint(0, 60)
            return f"{low}%{rng.choice(('-', '—'))}{rng.randint(low, 100)}%", ""
        unit = rng.choice(self.unit_words[indicator])
        n, x, sp = self.number(), self.decimal(), rng.choice(("", "", " "))
        if r < 0.40:
            return f"{n}{sp}{unit}", (rng.choice(SEPARATE_QUALIFIERS) if rng.random() < 0.02 else "")
        if r < 0.52:
            return f"{x}{sp}万{unit}", ""
        if r < 0.55:
            return f"{rng.uniform(0.1, 50):.{rng.choice((1, 2))}f}{sp}亿{unit}", ""
        if r < 0.65:
            return f"{n}{rng.choice(('余', '多'))}{unit}", ""
        if r < 0.70:
            return f"{x}{sp}万{rng.choice(('余', '多'))}{unit}", ""
        if r < 0.80:
            return f"{rng.choice(PREFIXES)}{sp}{rng.choice((n, x + '万'))}{sp}{unit}", ""
        if r < 0.85:
            return f"{n}{sp}{unit}{rng.choice(SUFFIXES)}", ""
        if r < 0.89:
            low = int(n)
            sep = rng.choice(("—", "-", " 至 ", "~"))
            return f"{low}{sep}{low + rng.randint(1, low + 10)}{unit}", ""
        if r < 0.95:
            return f"{self.cn_number()}{unit}", ""
        if r < 0.97:
            return f"{int(n):,}{unit}", ""
        return f"{rng.randint(10, 999)}多万{unit}", ""

    def date(self, doc_year: int, kind: str) -> tuple[str, str]:
        """(date_as_written, target_year)."""
        rng = self.rng
        if kind == "target":
            year = rng.randint(doc_year, 2030)
            form = rng.random()
            if form < 0.6:
                return rng.choice((f"到 {year} 年", f"到{year}年", f"到 {year}年")), str(year)
            if form < 0.8:
                return rng.choice(("到“十四五”末", "“十四五”期间")), "2025"
            return f"{year}年", str(year)
        r = rng.random()
        y, m = rng.randint(2016, doc_year), rng.randint(1, 12)
        if r < 0.30:
            return "", ""
        if r < 0.55:
            return rng.choices(RELATIVE_WORDS, cum_weights=RELATIVE_CUM)[0], ""
        if r < 0.70:
            return rng.choice((f"截至{y}年{m}月底", f"截至 {y}年 {m}月底", f"截至 {y} 年 {m} 月", f"截至{y}年底",
                               f"截至 {y}年底")), ""
        if r < 0.85:
            return rng.choice((f"{y}年", f"{y} 年", f"{y} 年度")), ""
        if r < 0.92:
            return rng.choice((f"{y}年以来", f"自 {y}年 {m}月以来", f"{y}年至今")), ""
        if r < 0.97:
            return rng.choice((f"{y}年{m}月", f"{y} 年 {m} 月", f"{y}年上半年", f"{y}年 1月至 {m}月")), ""
        return f"{y}年{m}月{rng.randint(1, 28)}日", ""

    def rows(self, n: int) -> pd.DataFrame:
        rng = self.rng
        ids = list(SOURCE_WEIGHTS)
        source_of = rng.choices(ids, weights=list(SOURCE_WEIGHTS.values()), k=n)
        info = self.sources.set_index("source_id")
        context_of = {sid: info.at[sid, "region_context"] or None for sid in ids}
        year_of = {sid: int(info.at[sid, "pub_date"][:4]) for sid in ids}
        levels = {ctx: (list(w), list(np.cumsum(list(w.values())))) for ctx, w in LEVEL_WEIGHTS.items()}
        kinds = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()), k=n)
        out = {c: [] for c in ("source_id", "region_as_written", "place_as_written", "subset", "value_as_written",
                               "qualifier_as_written", "date_as_written", "indicator", "kind", "target_year",
                               "notes")}
        for sid, kind in zip(source_of, kinds, strict=True):
            context = context_of[sid]
            pool = self.region_pools[context]
            level = rng.choices(levels[context][0], cum_weights=levels[context][1])[0]
            indicator = rng.choice(self.indicators)
            if indicator in self.percent and kind not in ("ratio", "actual", "target"):
                kind = "ratio"
            value, qualifier = self.value(indicator)
            when, target_year = self.date(year_of[sid], kind)
            out["source_id"].append(sid)
            out["region_as_written"].append(rng.choice(pool[level]))
            out["place_as_written"].append(rng.choice(self.places) if rng.random() < 0.05 else "")
            out["subset"].append(rng.choice(self.subsets) if rng.random() < 0.07 else "")
            out["value_as_written"].append(value)
            out["qualifier_as_written"].append(qualifier)
            out["date_as_written"].append(when)
            out["indicator"].append(indicator)
            out["kind"].append(kind)
            out["target_year"].append(target_year)
            out["notes"].append(rng.choice(self.notes))
        frame = pd.DataFrame(out)
        frame.insert(0, "figure_id", "")
        frame.insert(2, "locator", "")
        locators = np.empty(n, dtype=np.int64)
        suffix = np.full(n, "", dtype=object)
        draw = np.random.default_rng(self.seed)
        for sid in ids:
            where = np.flatnonzero(frame["source_id"].to_numpy() == sid)
            picked = draw.choice(10**6, size=len(where), replace=len(where) > 10**6)
            locators[where] = picked
            # more rows than offsets: letters b, c … tell apart figures that share a locator (as in curation.md)
            rank = pd.Series(picked).groupby(picked).cumcount().to_numpy()
            suffix[where] = np.where(rank == 0, "", [chr(ord("a") + int(k)) for k in rank])
        frame["locator"] = locators.astype(str)
        frame["figure_id"] = frame["source_id"] + "-" + pd.Series(locators).map("{:06d}".format) + suffix
        frame = frame.sort_values(["source_id", "figure_id"], kind="stable").reset_index(drop=True)
        # the semantic columns of issue 11: plain definitions, level targets, adopted norms, no same-fact links
        frame["scope"] = ""
        frame["target_type"] = np.where(frame["kind"].eq("target"), "level", "")
        frame["norm_status"] = np.where(frame["kind"].eq("norm"), "adopted", "")
        frame["same_fact_as"] = ""
        from swtoolkit.cleaning.columns import RAW_COLUMNS

        return frame[RAW_COLUMNS]


def write_raw(frame: pd.DataFrame, raw: Path, root: Path) -> None:
    raw.mkdir(parents=True, exist_ok=True)
    frame.to_csv(raw / "figures.csv", index=False, lineterminator="\n", encoding="utf-8")
    shutil.copy(root / "data" / "raw" / "check_notes.csv", raw / "check_notes.csv")
    sources = pd.read_csv(root / "data" / "raw" / "sources.csv", dtype=str, keep_default_na=False)
    sources["file"] = ""  # the synthetic locators point into no text: there is none to check them against
    sources.to_csv(raw / "sources.csv", index=False, lineterminator="\n", encoding="utf-8")


# ------------------------------------------------------------------------------------------------ measuring
def _status_kib(field: str) -> int | None:
    """A field of /proc/self/status in KiB (Linux), e.g. VmHWM (peak RSS) or VmRSS (current RSS)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def measure(raw: Path, out: Path) -> dict:
    """Run in a fresh process: time clean() end to end and read this process's peak RSS.

    Peak RSS is VmHWM from /proc/self/status: the high-water mark of this process's own address space. On Linux
    getrusage's ru_maxrss also counts the parent's RSS at fork time (it survives exec), so it is reported too but
    only used where /proc is missing.
    """
    import resource

    import swtoolkit.cleaning.pipeline as pipeline

    phases: dict[str, float] = {}
    peaks: dict[str, int] = {}

    def timed(name, func):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                phases[name] = time.perf_counter() - start
                peaks[name] = (_status_kib("VmHWM") or 0) * 1024  # the peak so far, at the end of this phase
        return wrapper

    # clean() looks these up in its module at call time, so the wrappers see each phase without changing it.
    for name, func in (("load", "read_raw"), ("process", "process"), ("save", "save")):
        setattr(pipeline, func, timed(name, getattr(pipeline, func)))
    rss_before = (_status_kib("VmRSS") or 0) * 1024
    start = time.perf_counter()
    result = pipeline.clean(raw=raw, out=out)
    seconds = time.perf_counter() - start
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    hwm = _status_kib("VmHWM")
    return {"seconds": seconds, "peak_rss_bytes": hwm * 1024 if hwm else maxrss,
            "peak_rss_source": "VmHWM" if hwm else "ru_maxrss", "ru_maxrss_bytes": maxrss,
            "rss_before_clean_bytes": rss_before, "phases": phases, "peak_rss_after_phase_bytes": peaks,
            "clean_rows": len(result.figures), "check_rows": len(result.checks),
            "check_status": result.checks["status"].value_counts().to_dict()}


def run(rows: int, seed: int, keep: Path | None) -> dict:
    root = _root()
    folder = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="swtoolkit-bench-"))
    try:
        start = time.perf_counter()
        frame = Generator(root, seed).rows(rows)
        write_raw(frame, folder / "raw", root)
        generated = time.perf_counter() - start
        counts = frame["value_as_written"].value_counts()
        unique_values, once = len(counts), int((counts == 1).sum())
        unique_dates = frame["date_as_written"].nunique()
        unique_regions = frame["region_as_written"].nunique()
        del frame
        child = subprocess.run([sys.executable, __file__, "--measure", str(folder / "raw"), str(folder / "clean")],
                               check=True, capture_output=True, text=True)
        result = json.loads(child.stdout.strip().splitlines()[-1])
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
    import pandera

    result.update(rows=rows, seed=seed, generation_seconds=generated, unique_value_strings=unique_values,
                  value_strings_seen_once=once,
                  unique_date_phrases=unique_dates, unique_region_names=unique_regions, cores=os.cpu_count(),
                  machine=platform.machine(), python=platform.python_version(), pandas=pd.__version__,
                  pandera=pandera.__version__,
                  memory_measure=f"peak RSS of the cleaning process ({result['peak_rss_source']})",
                  goal_met=result["seconds"] < GOAL_SECONDS and result["peak_rss_bytes"] < GOAL_BYTES)
    return result


def table(result: dict) -> str:
    mib = 1024**2
    lines = [
        f"rows                 {result['rows']:>12,}   (distinct values {result['unique_value_strings']:,}, "
        f"{result['value_strings_seen_once']:,} of them once; "
        f"date phrases {result['unique_date_phrases']:,}, region names {result['unique_region_names']:,})",
        f"wall time clean()    {result['seconds']:>12.2f} s  (goal < {GOAL_SECONDS:g} s)",
        *(f"  {name:<18} {secs:>12.2f} s   (peak RSS so far {result['peak_rss_after_phase_bytes'][name] / mib:.0f} MiB)"
          for name, secs in result["phases"].items()),
        f"peak RSS             {result['peak_rss_bytes'] / mib:>12.0f} MiB (goal < {GOAL_BYTES / mib:.0f} MiB; "
        f"{result['peak_rss_source']}; {result['rss_before_clean_bytes'] / mib:.0f} MiB after imports)",
        f"clean rows / checks  {result['clean_rows']:>12,} / {result['check_rows']:,} {result['check_status']}",
        f"machine              {result['cores']} cores, {result['machine']}, Python {result['python']}, "
        f"pandas {result['pandas']}, pandera {result['pandera']}",
        f"generation (untimed) {result['generation_seconds']:>12.1f} s",
        f"goal met             {'yes' if result['goal_met'] else 'NO'}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="synthetic raw rows (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=20220701)
    parser.add_argument("--json", type=Path, help="also write the result as JSON here")
    parser.add_argument("--keep", type=Path, help="keep the raw and clean folders here instead of a temp folder")
    parser.add_argument("--measure", nargs=2, type=Path, metavar=("RAW", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(*args.measure)))
        return 0
    result = run(args.rows, args.seed, args.keep)
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
