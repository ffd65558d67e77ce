"""Recall and precision of `swtoolkit extract`'s default view on real public pages, against a hand count.

The hand count is benchmarks/extract_eval_pages.json (each page's address and, per occurrence, the figure's value,
percent or not, qualifier, unit, topic and a few words of context in our own words). The page texts are not in the
repository: save each page's text as <page>.txt in a folder and pass it (default /tmp/extract-eval, or env
EXTRACT_EVAL_DIR).

- recall: the share of the hand-counted workforce figures that the default view lists with the right value, percent
  flag and qualifier (each candidate matches one occurrence at most);
- precision: the share of the default view's candidates that are hand-counted figures (of any topic): the rest is
  noise (dates, counters, stray digits).

    python benchmarks/extract_eval.py [FOLDER] [--min-score N] [--show]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path

from swtoolkit.extract import DEFAULT_MIN_SCORE, find_candidates, ranked

ANNOTATIONS = Path(__file__).with_name("extract_eval_pages.json")


def _key(value, percent: bool, qualifier: str) -> tuple:
    return (None if value is None or (isinstance(value, float) and math.isnan(value)) else round(float(value), 4),
            bool(percent), qualifier)


def evaluate(folder: Path, min_score: int = DEFAULT_MIN_SCORE, show: bool = False) -> dict[str, dict[str, float]]:
    """Per group (script, set, set/script, all): recall, precision and the counts behind them.

    Raises FileNotFoundError naming the first page text that is missing.
    """
    pages = json.loads(ANNOTATIONS.read_text(encoding="utf-8"))["pages"]
    totals: dict[str, dict[str, int]] = {}
    for page in pages:
        path = folder / f"{page['page']}.txt"
        if not path.is_file():
            raise FileNotFoundError(f"{path}: save the text of {page['url']} there (see {ANNOTATIONS.name})")
        view = ranked(find_candidates(path.read_text(encoding="utf-8"), page["page"]), min_score)
        open_rows = [(_key(v, p, q), topic, context) for v, p, q, _unit, topic, context in page["figures"]]
        matched_workforce, noise = 0, []
        for cand in view.sort_values("locator").itertuples(index=False):
            key = _key(cand.value, cand.is_percent, cand.qualifier)
            hit = next((i for i, row in enumerate(open_rows) if row[0] == key), None)
            if hit is None:
                noise.append(cand.value_as_written)
                continue
            matched_workforce += open_rows[hit][1] == "workforce"
            open_rows.pop(hit)
        workforce = sum(1 for row in page["figures"] if row[4] == "workforce")
        missed = [f"{row[0][0]} {row[0][2]} ({row[2]})" for row in open_rows if row[1] == "workforce"]
        for script in (page["script"], f"{page['set']}", f"{page['set']}/{page['script']}", "all"):
            t = totals.setdefault(script, {"expected": 0, "found": 0, "shown": 0, "noise": 0, "pages": 0})
            t["expected"] += workforce
            t["found"] += matched_workforce
            t["shown"] += len(view)
            t["noise"] += len(noise)
            t["pages"] += 1
        if show:
            print(f"{page['page']} ({page['set']}, {page['script']}): {matched_workforce}/{workforce} found; "
                  f"{len(view)} shown, "
                  f"noise {noise}; missed {missed}")
    return {script: {**t, "recall": t["found"] / t["expected"] if t["expected"] else 1.0,
                     "precision": (t["shown"] - t["noise"]) / t["shown"] if t["shown"] else 1.0}
            for script, t in totals.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path,
                        default=Path(os.environ.get("EXTRACT_EVAL_DIR", "/tmp/extract-eval")))
    parser.add_argument("--min-score", type=int, default=DEFAULT_MIN_SCORE)
    parser.add_argument("--show", action="store_true", help="per page: misses and noise")
    args = parser.parse_args(argv)
    try:
        result = evaluate(args.folder, args.min_score, args.show)
    except FileNotFoundError as exc:
        print(f"extract_eval: {exc}", file=sys.stderr)
        return 2
    for script in sorted(result, key=lambda k: (k == "all", k.count("/"), k)):
        if script in result:
            r = result[script]
            print(f"{script:<24} pages {r['pages']:>2}  recall {r['found']}/{r['expected']} = {r['recall']:.1%}  "
                  f"precision {r['shown'] - r['noise']}/{r['shown']} = {r['precision']:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
