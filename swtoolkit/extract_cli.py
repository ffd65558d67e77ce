"""`swtoolkit extract`: candidates of many files, filtered against the raw table, ranked, written as CSV or as
draft raw rows."""

from __future__ import annotations

import argparse
import errno
import logging
import os
import re
import sys
import tempfile
from pathlib import Path

import pandas as pd

from swtoolkit.extract import CANDIDATE_COLUMNS, CONTEXT, _parse, find_candidates, ranked
from swtoolkit.extract_io import SourceTextError, _read_table, _source_ids, read_source_text
from swtoolkit.paths import raw_dir

log = logging.getLogger(__name__)


def _surroundings(context: str, locator: int, written: str) -> tuple[str, str, str]:
    """(10 characters before, the figure, 10 after), spaces removed: the same passage typeset twice still matches."""
    offset = min(locator, CONTEXT)
    squeeze = re.compile(r"\s+")
    return (squeeze.sub("", context[:offset])[-10:], squeeze.sub("", written),
            squeeze.sub("", context[offset + len(written):])[:10])


def _value_key(written: str) -> object:
    """What makes two figures 'the same value': the parsed interval (2万以上 = 2 万人以上), else the squeezed text."""
    parsed, _, ambiguous = _parse(written)
    if parsed is None or ambiguous:  # a proposal is no reading to compare
        return re.sub(r"\s+", "", written)
    return parsed.value, parsed.low, parsed.high, parsed.is_percent


def uncovered(candidates: pd.DataFrame, raw: pd.DataFrame) -> pd.DataFrame:
    """Candidates that no raw figure of the same source overlaps, with `repeat_of` and `same_value_in_raw`.

    A raw figure covers [locator, locator + len(value_as_written)); a candidate is covered when its span overlaps
    one (so 超 10 万人 in the raw table covers the candidate 10 万人). A passage repeated inside one document is
    recorded once: an uncovered candidate whose surroundings equal those of a covered one gets the covering
    figure ids in `repeat_of` and the hard flag ``repeat``. `same_value_in_raw` is only a hint for the curator:
    raw figures of the same source with the same parsed value (the same fact restated, or a coincidence).
    """
    ids = raw["figure_id"] if "figure_id" in raw else raw["source_id"] + "-" + raw["locator"].astype(str)
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for fid, sid, loc, written in zip(ids, raw["source_id"], raw["locator"], raw["value_as_written"], strict=True):
        spans.setdefault(str(sid), []).append((int(loc), int(loc) + len(str(written)), str(fid)))
    covered_by, recorded = [], {}
    for sid, loc, written, context in zip(candidates["source_id"], candidates["locator"],
                                          candidates["value_as_written"], candidates["context"], strict=True):
        end = loc + len(written)
        hits = " ".join(fid for s, e, fid in spans.get(sid, ()) if s < end and loc < e)
        covered_by.append(hits)
        if hits:
            recorded.setdefault((sid, *_surroundings(context, loc, written)), hits)
    out = candidates.assign(repeat_of=[
        "" if hits else recorded.get((sid, *_surroundings(context, loc, written)), "")
        for hits, sid, loc, written, context in zip(covered_by, candidates["source_id"], candidates["locator"],
                                                    candidates["value_as_written"], candidates["context"],
                                                    strict=True)])
    same_value: dict[tuple[str, object], list[str]] = {}
    for fid, sid, written in zip(ids, raw["source_id"], raw["value_as_written"], strict=True):
        same_value.setdefault((str(sid), _value_key(str(written))), []).append(str(fid))
    out["same_value_in_raw"] = [" ".join(same_value.get((sid, _value_key(w)), [])) if not rep else ""
                                for sid, w, rep in zip(out["source_id"], out["value_as_written"], out["repeat_of"],
                                                       strict=True)]
    out = out[[not hits for hits in covered_by]].copy()
    repeat = out["repeat_of"] != ""
    out.loc[repeat, "flags"] = [";".join(filter(None, (f, "repeat"))) for f in out.loc[repeat, "flags"]]
    out.loc[repeat, "skip"] = True
    return out.reset_index(drop=True)



def run_extract(args: argparse.Namespace) -> int:
    """Extract from parsed arguments; SwtoolkitError propagates (the CLI maps it to an exit code).

    Writes the candidates (CANDIDATE_COLUMNS, highest score first) or, with --draft-rows, rows in the raw figures
    format (swtoolkit.drafts.draft_rows) to --out or standard output.
    """
    from swtoolkit.drafts import draft_rows

    texts = [read_source_text(path) for path in args.files]
    sources = args.sources or raw_dir() / "sources.csv"
    needs_ids = args.against is not None or args.draft_rows
    ids = _source_ids(args.files, args.source_ids, sources, required=needs_ids)
    frames = [find_candidates(text, sid, header_unit=args.header_unit or "")
              for text, sid in zip(texts, ids, strict=True)]
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=CANDIDATE_COLUMNS)
    log.info("%d candidate(s) in %d file(s)", len(table), len(args.files))
    if args.against is not None:
        raw = _read_table(args.against, ["source_id", "locator", "value_as_written"])
        bad = [v for v in raw["locator"] if not str(v).isdigit()]
        if bad:
            raise SourceTextError(args.against, f"locator is not a character offset: {bad[0]!r}")
        table = uncovered(table, raw)
        log.info("%d candidate(s) not covered by %s", len(table), args.against)
    shown = ranked(table, args.min_score, args.keep_flagged)
    log.info("%d shown; %d flagged non-figure(s)%s and %d below score %s left out", len(shown),
             int(table["skip"].sum()), " kept" if args.keep_flagged else "",
             int(((table["score"] < args.min_score) & ~table["skip"]).sum()), args.min_score)
    if args.draft_rows:
        contexts = _region_contexts(sources) if sources.exists() else {}
        by_source = {sid: text for sid, text in zip(ids, texts, strict=True)}
        parts = [draft_rows(part.sort_values("locator"), by_source[sid], contexts.get(sid) or None)
                 for sid, part in shown.groupby("source_id", sort=False)]
        shown = pd.concat(parts, ignore_index=True) if parts else draft_rows(shown, "")
    if args.out:
        _write_out(shown.to_csv(index=False, lineterminator="\n", float_format="%.10g"), Path(args.out))
    else:
        shown.to_csv(sys.stdout, index=False, lineterminator="\n", float_format="%.10g")
    return 0


def _write_out(text: str, path: Path) -> None:
    """Write `text` to `path` whole or not at all (a temporary file renamed over it; a device or pipe such as
    /dev/stdout is written in place). OSError names `path` (never a temporary file) and says what failed."""
    if path.is_dir():
        raise OSError(errno.EISDIR, "cannot write the candidates: it is a folder; give a file name", str(path))
    tmp = None
    try:
        if path.exists() and not path.is_file():
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            return
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        except OSError as exc:
            raise OSError(exc.errno, f"cannot write the candidates: no new file can be made in {path.parent} "
                                     f"({exc.strerror or exc})", str(path)) from exc
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:  # /proc/version, /dev/full, a missing folder
        if str(exc.strerror).startswith("cannot write"):
            raise
        raise OSError(exc.errno, f"cannot write the candidates ({exc.strerror or exc})", str(path)) from exc
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def _region_contexts(sources) -> dict[str, str]:
    table = _read_table(sources, ["source_id"])
    return dict(zip(table["source_id"], table.get("region_context", [""] * len(table)), strict=True))
