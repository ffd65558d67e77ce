"""The build stamp: has anything a build reads or writes changed since the last build that left every report fresh?

`swtoolkit build` answers that question first, with the standard library only (stat calls, and a hash where a
time stamp cannot be trusted), before pandas, pandera or the notebook stack are imported. When the answer is
"nothing changed" the command stops there: no stage runs, nothing is written. Otherwise the full build runs
(batch.build_all: clean check, fit stage, per-report keys over each report's slice), which is what decides exactly
which reports to rebuild; the stamp never decides that, it only skips a check whose result is known.

What the stamp covers (:func:`declared_files`), a superset of what any report's key is made of:

- data/raw and data/clean (every file, recursively), the source texts (SWTOOLKIT_SEEDS);
- the two report notebooks and report.toml;
- the package's own files (code, data tables, templates, stylesheet);
- the reports folder itself (every file but the lock, the worker logs and the stamp): the manifest, the model
  results, and every report, notebook and download, so a deleted or edited output is noticed as the full build
  would (it rebuilds a report whose output hashes differ from the manifest);
- the interpreter and the installed distributions (every ``*.dist-info`` name on ``sys.path``: a package
  installed, removed or upgraded is a change), and the folders these files were looked for in.

How a file is compared (the rule of make and doit, with git's guard against "racily clean" files): a different
size or a missing or new file is a change; the same size and the same modification time (nanoseconds) is no
change, unless that time is within :data:`RACY_NS` of the moment the stamp's snapshot was taken (the file may
have been written again within the same clock tick); otherwise the SHA-256 of the content decides. Input files are
hashed when the build starts, before it reads them, and the stamp is written only if none of them changed while
the build ran; the reports folder is hashed when the build ends.

Not covered, as the report keys do not cover them either: system fonts and the Jupyter kernel specification (a
build with nothing to do does not look for a CJK font), and a file whose time stamp is set back by hand to the
recorded one after an edit of the same size (make, doit and git miss it too).

Why not doit's checker: doit's ``MD5Checker`` trusts an equal time stamp even for a file written in the same tick
as the last run, and records a file's state after the task ran, so an edit made during a build can be missed;
adopting it would also add a dependency (and its task database) for about the lines this module needs.
Snakemake imports in seconds, which is the cost this stamp removes.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from swtoolkit.paths import PACKAGE_DIR, notebooks_dir, project_root, reports_dir, seeds_dir

STAMP_FILE = ".build-stamp.json"
STAMP_FORMAT = 1
#: A file whose modification time is this close to (or after) the snapshot is compared by content: file systems
#: keep times at a granularity of up to 2 s (FAT, some network mounts), and a write in the same tick keeps the time.
RACY_NS = 2_000_000_000
REPORT_CONFIG = "report.toml"  # reports.inputs.REPORT_CONFIG (a test checks they agree)
NOTEBOOKS = ("region_report.ipynb", "comparison_report.ipynb")  # runner.REGION_NOTEBOOK, COMPARISON_NOTEBOOK
SKIPPED_IN_REPORTS = {".build.lock", STAMP_FILE, "logs"}  # the lock, the stamp and the worker logs


@dataclass
class BuildSummary:
    """What a build did (`swtoolkit build` prints :meth:`describe`); here, so that the no-change answer prints the
    same line without importing the build."""

    built: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    cleaned: bool = False  # data/clean was stale and the clean stage rebuilt it
    index: str = "reports/index.html"  # the index page of the folder built into

    def describe(self) -> str:
        lines = ["data/clean was stale: rebuilt from data/raw"] if self.cleaned else []
        lines += [f"built {len(self.built)}, unchanged {len(self.cached)}, failed {len(self.failed)} "
                  f"in {self.seconds:.1f} s → {self.index}"]
        lines += [f"  FAILED {code}: {error}" for code, error in sorted(self.failed.items())]
        return "\n".join(lines)


def _walk(folder: Path, skip: set[str] = frozenset()) -> dict[str, os.stat_result]:
    """{path: stat} of every regular file under `folder` (recursively; names in `skip`, __pycache__, *.pyc and hidden
    temporary files left out). A missing folder has no files."""
    found: dict[str, os.stat_result] = {}
    stack, seen = [str(folder)], set()
    while stack:
        current = stack.pop()
        try:
            stat = os.stat(current)
            key = (stat.st_dev, stat.st_ino)
            entries = [] if key in seen else list(os.scandir(current))  # a link back up is walked once
        except (FileNotFoundError, NotADirectoryError):
            continue
        seen.add(key)
        for entry in entries:
            name = entry.name
            if name in skip or name == "__pycache__" or name.endswith(".pyc"):
                continue
            try:
                if entry.is_dir(follow_symlinks=True):
                    stack.append(entry.path)
                elif entry.is_file(follow_symlinks=True):
                    found[entry.path] = entry.stat(follow_symlinks=True)
            except FileNotFoundError:  # gone since the folder was listed: not there
                continue
    return found


def _file(path: Path) -> dict[str, os.stat_result]:
    try:
        stat = path.stat()
    except OSError:
        return {}
    return {str(path): stat} if not path.is_dir() else {}


def declared_files(out: Path) -> tuple[dict[str, os.stat_result], dict[str, os.stat_result]]:
    """({path: stat} of the build's inputs, {path: stat} of the reports folder `out`); see the module docstring."""
    root = project_root()
    inputs: dict[str, os.stat_result] = {}
    inputs |= _walk(root / "data" / "raw")
    inputs |= _walk(root / "data" / "clean")
    inputs |= _walk(seeds_dir())
    inputs |= _walk(PACKAGE_DIR)
    for name in NOTEBOOKS:
        inputs |= _file(notebooks_dir() / name)
    inputs |= _file(root / REPORT_CONFIG)
    outputs = _walk(out, SKIPPED_IN_REPORTS)
    outputs = {p: s for p, s in outputs.items() if not Path(p).name.startswith(".")}  # write_atomic's temporaries
    return inputs, outputs


def identity(out: Path) -> dict:
    """What is not a file but decides a build: the interpreter, the installed distributions, the folders looked in."""
    dists = []  # in the order imports find them (folders without distributions, such as a test folder, do not count)
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        dists += sorted(n for n in names if n.endswith((".dist-info", ".egg-info")))
    return {"python": sys.version, "executable": sys.executable, "dists": dists,
            "folders": [str(project_root()), str(seeds_dir()), str(notebooks_dir()), str(PACKAGE_DIR),
                        str(Path(out).resolve())]}


def sha256(path: str) -> str | None:
    """SHA-256 of a file's content (None when it cannot be read)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _record(files: dict[str, os.stat_result], previous: object = None, since_ns: int = 0) -> dict[str, list]:
    """{path: [size, mtime_ns, sha256]}; the hash of a file that `previous` (an earlier record taken at `since_ns`)
    holds with the same size and a time that the check would trust (not racy) is taken from it, not recomputed."""
    previous = previous if isinstance(previous, dict) else {}
    out = {}
    for path, stat in files.items():
        old = previous.get(path)
        if (isinstance(old, list) and len(old) == 3 and old[2] and old[0] == stat.st_size
                and old[1] == stat.st_mtime_ns and stat.st_mtime_ns < since_ns - RACY_NS):
            out[path] = old
        else:
            out[path] = [stat.st_size, stat.st_mtime_ns, sha256(path)]
    return out


def _same(recorded: dict[str, list], current: dict[str, os.stat_result], since_ns: int) -> bool:
    """Do the files `current` hold what `recorded` says (see the module docstring for the rule)?"""
    if recorded.keys() != current.keys():
        return False
    for path, stat in current.items():
        size, mtime_ns, digest = recorded[path]
        if stat.st_size != size:
            return False
        if stat.st_mtime_ns == mtime_ns and mtime_ns < since_ns - RACY_NS:
            continue
        if digest is None or sha256(path) != digest:
            return False
    return True


def request(regions: list[str] | None, formats: tuple[str, ...] | list[str]) -> dict:
    """The part of a build's command that decides what it makes: the regions as given and the formats."""
    return {"regions": list(regions) if regions else None, "formats": sorted(set(formats))}


def _read(path: Path) -> dict | None:
    try:
        stamp = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stamp, dict) or stamp.get("format") != STAMP_FORMAT:
        return None
    return stamp


def unchanged(regions: list[str] | None, formats: tuple[str, ...], out: Path | None = None) -> dict | None:
    """The last build's record of this request ({"request": …, "reports": [codes]}) when nothing it read or wrote
    has changed since; None when the full build must run (no stamp, another request, or any change). Reads only."""
    out = Path(out or reports_dir()).resolve()
    stamp = _read(out / STAMP_FILE)
    if stamp is None:
        return None
    wanted = request(regions, formats)
    found = next((r for r in stamp.get("requests", []) if isinstance(r, dict) and r.get("request") == wanted), None)
    if found is None or stamp.get("identity") != identity(out):
        return None
    try:
        inputs, outputs = declared_files(out)
        fresh = (_same(stamp["inputs"], inputs, stamp["inputs_since"])
                 and _same(stamp["outputs"], outputs, stamp["outputs_since"]))
    except (KeyError, TypeError, ValueError, OSError):  # a damaged stamp, a folder that cannot be read: build
        return None
    return found if fresh else None


class Snapshot:
    """The inputs of a build, hashed when it starts (before anything is read; the old stamp is removed: a build is
    under way); :meth:`write` stamps the folder when the build ends with every requested report fresh."""

    def __init__(self, out: Path):
        self.out = Path(out).resolve()
        self.previous = _read(self.out / STAMP_FILE)
        try:
            (self.out / STAMP_FILE).unlink()
        except FileNotFoundError:
            pass
        except OSError:  # a folder that cannot be written: the build says so when it writes; any output it changes
            pass  # no longer matches this stamp, so the stamp cannot answer for a changed folder
        self.since_ns = time.time_ns()
        try:
            self.inputs: dict[str, list] | None = _record(declared_files(self.out)[0], *self._earlier("inputs"))
        except OSError:  # a folder that cannot be read: no stamp this time (the build says what is wrong)
            self.inputs = None

    def _earlier(self, part: str) -> tuple[object, int]:
        """The previous stamp's record of `part` ("inputs" or "outputs") and when it was taken (hashes to reuse)."""
        old = self.previous or {}
        since = old.get(f"{part}_since")
        return old.get(part), since if isinstance(since, int) else 0

    def refresh(self, folder: Path) -> None:
        """Record the files under `folder` again: the build itself rewrote them (the clean stage) before reading
        them. Their times are later than the snapshot's, so every later check compares them by content."""
        if self.inputs is None:
            return
        prefix = str(Path(folder).resolve()) + os.sep
        try:
            inputs = declared_files(self.out)[0]
        except OSError:
            self.inputs = None
            return
        self.inputs = {p: v for p, v in self.inputs.items() if not p.startswith(prefix)}
        self.inputs |= _record({p: s for p, s in inputs.items() if p.startswith(prefix)})

    def write(self, regions: list[str] | None, formats: tuple[str, ...], codes: list[str],
              expected: dict[str, str]) -> bool:
        """Stamp the folder for this request, whose reports `codes` are all built and fresh; `expected` maps each of
        their outputs (path relative to the folder) to the SHA-256 the manifest records. Nothing is written when an
        input changed while the build ran or an output is not what the manifest says (the next build then checks
        in full). Returns whether the stamp was written."""
        if self.inputs is None:
            return False
        try:
            inputs, _ = declared_files(self.out)
            if inputs.keys() != self.inputs.keys() or any(
                    [inputs[p].st_size, inputs[p].st_mtime_ns] != self.inputs[p][:2] for p in inputs):
                return False
            outputs_since = time.time_ns()
            outputs = _record(declared_files(self.out)[1], *self._earlier("outputs"))
        except OSError:
            return False
        for relative, digest in expected.items():
            if outputs.get(str(self.out / relative), [None, None, None])[2] != digest:
                return False
        entry = {"request": request(regions, formats), "reports": list(codes)}
        requests = [entry]
        old, now = self.previous, identity(self.out)
        if (old and old.get("identity") == now and _contents(old.get("inputs")) == _contents(self.inputs)
                and _contents(old.get("outputs")) == _contents(outputs)):
            # the same files, byte for byte, as when those requests were stamped: they are still fresh
            requests += [r for r in old.get("requests", []) if isinstance(r, dict) and r.get("request") != entry[
                "request"]]
        stamp = {"format": STAMP_FORMAT, "identity": now, "inputs_since": self.since_ns, "inputs": self.inputs,
                 "outputs_since": outputs_since, "outputs": outputs, "requests": requests}
        path = self.out / STAMP_FILE
        tmp = path.with_name(f".{STAMP_FILE}.{os.getpid()}.tmp")
        try:
            tmp.write_text(json.dumps(stamp, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            tmp.unlink(missing_ok=True)
            return False
        return True


def _contents(files: object) -> dict | None:
    """{path: (size, sha256)} of a recorded file set (time stamps aside)."""
    if not isinstance(files, dict):
        return None
    return {path: (value[0], value[2]) for path, value in files.items()}
