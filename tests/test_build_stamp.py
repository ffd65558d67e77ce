"""The build stamp (swtoolkit.buildstamp): `swtoolkit build` with nothing changed does no work and imports nothing
heavy, and every kind of input a report reads, changed, is noticed (and then rebuilds what depends on it only).

The worker pool is replaced by a stand-in that writes a small file per report, so these tests need no kernel."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import swtoolkit
from swtoolkit import buildstamp, cli
from swtoolkit.reports import batch

HEAVY = ("pandas", "numpy", "pyarrow", "pandera", "statsmodels", "scipy", "matplotlib", "papermill", "nbformat",
         "nbconvert", "dask", "weasyprint")
REQUEST = ["build", "--regions", "530100", "530300", "--formats", "html", "-q"]
HOUR_AGO_NS = time.time_ns() - 3600 * 10**9


@pytest.fixture
def project(tmp_path: Path, root: Path, monkeypatch) -> Path:
    """A project copy (data, notebooks, report.toml) read through SWTOOLKIT_ROOT, reports in tmp_path/reports."""
    copy = tmp_path / "project"
    shutil.copytree(root / "data" / "raw", copy / "data" / "raw", ignore=shutil.ignore_patterns("_work"))
    shutil.copytree(root / "data" / "clean", copy / "data" / "clean")
    (copy / "notebooks").mkdir()
    for name in buildstamp.NOTEBOOKS:
        shutil.copy(root / "notebooks" / name, copy / "notebooks" / name)
    shutil.copy(root / "report.toml", copy / "report.toml")
    monkeypatch.setenv("SWTOOLKIT_ROOT", str(copy))
    monkeypatch.delenv("SWTOOLKIT_NOTEBOOKS", raising=False)
    monkeypatch.setenv("SWTOOLKIT_REPORTS_DIR", str(tmp_path / "reports"))
    return copy


@pytest.fixture
def rendering(monkeypatch) -> list[list[str]]:
    """build_all with the model fit and the worker pool replaced by a stand-in that writes one small HTML file per
    report (so the manifest records real outputs); the list records the reports each build went on to render."""
    calls = []

    def fake_run(todo, formats, out, jobs, cell_timeout, report_timeout, **kwargs):
        calls.append([code for code, _ in todo])
        for code, key in todo:
            data = f"report {code} {key}".encode()
            (Path(out) / f"{code}.html").write_bytes(data)
            outputs = {"html": {"path": f"{code}.html", "sha256": hashlib.sha256(data).hexdigest()}}
            yield code, key, {"status": "ok", "outputs": outputs, "seconds": 0.0}

    monkeypatch.setattr(batch, "write_model_results", lambda figures, out: None)
    monkeypatch.setattr(batch, "_run", fake_run)
    return calls


def _age(*folders: Path) -> None:
    """Date every file an hour back, as files edited long before the build are (no file is then 'racy')."""
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                os.utime(path, ns=(HOUR_AGO_NS, HOUR_AGO_NS))


def _edit_same_size(path: Path, old: bytes, new: bytes) -> None:
    assert len(old) == len(new)
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new, 1))


# -- the stamp alone: every kind of input and output, changed, is noticed -------------------------------------------
@pytest.fixture
def stamped(project: Path, tmp_path: Path, monkeypatch) -> tuple[Path, Path, Path]:
    """(project, package copy, reports folder) stamped for the request (530100, html) with one output."""
    package = tmp_path / "package"
    shutil.copytree(Path(swtoolkit.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(buildstamp, "PACKAGE_DIR", package)
    out = tmp_path / "reports"
    out.mkdir()
    _age(project, package)
    snapshot = buildstamp.Snapshot(out)
    (out / "530100.html").write_bytes(b"<p>report</p>")
    (out / "manifest.json").write_text("{}", encoding="utf-8")
    assert snapshot.write(["530100"], ("html",), ["530100"], {"530100.html": hashlib.sha256(b"<p>report</p>")
                                                               .hexdigest()})
    _age(out)  # the outputs too, so only a real change is a change (racy files are covered below)
    assert buildstamp.unchanged(["530100"], ("html",), out) == {"request": {"regions": ["530100"],
                                                                            "formats": ["html"]},
                                                                "reports": ["530100"]}
    return project, package, out


CHANGES = {
    "raw row": lambda p, k, o: _edit_same_size(p / "data/raw/figures.csv", "曲靖市,,,,137个".encode(),
                                               "曲靖市,,,,138个".encode()),
    "raw web table": lambda p, k, o: (p / "data/raw/web/provincial_figures.csv").write_text("x", encoding="utf-8"),
    "new raw file": lambda p, k, o: (p / "data/raw/web/extra.csv").write_text("x", encoding="utf-8"),
    "clean table": lambda p, k, o: (p / "data/clean/figures.parquet").unlink(),
    "codebook": lambda p, k, o: _edit_same_size(k / "data/codebook.csv", b"a", b"A"),
    "region aliases": lambda p, k, o: (k / "data/region_aliases.csv").write_text("code,alias\n", encoding="utf-8"),
    "regions": lambda p, k, o: _edit_same_size(k / "data/regions.csv", "云南".encode(), "雲南".encode()),
    "template": lambda p, k, o: _edit_same_size(k / "templates/blocks.html", b"<", b" "),
    "stylesheet": lambda p, k, o: _edit_same_size(k / "reports/report.css", b"{", b" "),
    "notebook": lambda p, k, o: _edit_same_size(p / "notebooks/region_report.ipynb", b"cell", b"cels"),
    "comparison notebook": lambda p, k, o: (p / "notebooks/comparison_report.ipynb").unlink(),
    "package code": lambda p, k, o: _edit_same_size(k / "charts.py", b"def ", b"def_"),
    "new module": lambda p, k, o: (k / "reports" / "extra.py").write_text("x = 1\n", encoding="utf-8"),
    "report.toml": lambda p, k, o: _edit_same_size(p / "report.toml", b"2026", b"2027"),
    "edited report": lambda p, k, o: _edit_same_size(o / "530100.html", b"report", b"REPORT"),
    "deleted report": lambda p, k, o: (o / "530100.html").unlink(),
    "manifest": lambda p, k, o: (o / "manifest.json").write_text("[]", encoding="utf-8"),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_each_kind_of_change_is_noticed(stamped, change):
    project, package, out = stamped
    CHANGES[change](project, package, out)
    assert buildstamp.unchanged(["530100"], ("html",), out) is None


@pytest.mark.parametrize("change", ["raw row", "codebook", "template", "notebook", "package code", "report.toml"])
def test_an_edit_in_the_same_clock_tick_as_the_build_is_noticed_by_its_content(project, tmp_path, monkeypatch,
                                                                               change):
    """Files written just before (or while) a build keep their time stamp when written again in the same clock
    tick: within RACY_NS of the snapshot the content decides ("racily clean" files, as git handles them)."""
    package = tmp_path / "package"
    shutil.copytree(Path(swtoolkit.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(buildstamp, "PACKAGE_DIR", package)
    out = tmp_path / "reports"
    out.mkdir()
    for path in [*project.rglob("*"), *package.rglob("*")]:
        os.utime(path)  # written just now (copies keep the originals' times): every input is racy
    snapshot = buildstamp.Snapshot(out)
    assert snapshot.write(["530100"], ("html",), ["530100"], {})
    assert buildstamp.unchanged(["530100"], ("html",), out) is not None  # compared by content: the same
    stamp = json.loads((out / buildstamp.STAMP_FILE).read_text(encoding="utf-8"))
    CHANGES[change](project, package, out)
    for path, (_size, mtime_ns, _digest) in stamp["inputs"].items():
        os.utime(path, ns=(mtime_ns, mtime_ns))  # the time stamps as they were recorded: only the content differs
    assert buildstamp.unchanged(["530100"], ("html",), out) is None


def test_a_file_touched_without_a_change_is_no_change_and_a_racy_file_is_compared_by_content(stamped):
    project, package, out = stamped
    for path in (project / "data/raw/figures.csv", package / "charts.py", out / "530100.html"):
        os.utime(path)  # a new time stamp, the same bytes: the hash says unchanged
    assert buildstamp.unchanged(["530100"], ("html",), out) is not None


def test_another_request_interpreter_or_distribution_is_not_answered(stamped, monkeypatch):
    _, _, out = stamped
    assert buildstamp.unchanged(["530100"], ("html", "pdf"), out) is None
    assert buildstamp.unchanged(["530100", "530300"], ("html",), out) is None
    assert buildstamp.unchanged(None, ("html",), out) is None
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert buildstamp.unchanged(["530100"], ("html",), out) is None


def test_an_input_changed_while_the_build_ran_leaves_no_stamp(project, tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    snapshot = buildstamp.Snapshot(out)
    (project / "report.toml").write_text((project / "report.toml").read_text(encoding="utf-8") + "\n",
                                         encoding="utf-8")
    assert not snapshot.write(None, ("html",), [], {})
    assert not (out / buildstamp.STAMP_FILE).exists()


def test_the_clean_set_the_build_rewrote_is_stamped_as_rewritten(project, tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    snapshot = buildstamp.Snapshot(out)
    checks = project / "data/clean/checks.csv"
    checks.write_bytes(checks.read_bytes() + b"\n")  # as the clean stage rewrites the set
    snapshot.refresh(project / "data/clean")
    assert snapshot.write(None, ("html",), ["530100"], {})
    assert buildstamp.unchanged(None, ("html",), out) is not None
    _edit_same_size(checks, b",", b";")  # written again within the same second: compared by content
    assert buildstamp.unchanged(None, ("html",), out) is None


def test_stamp_names_agree_with_the_build():
    from swtoolkit.reports import inputs, runner

    assert buildstamp.REPORT_CONFIG == inputs.REPORT_CONFIG
    assert set(buildstamp.NOTEBOOKS) == {runner.REGION_NOTEBOOK, runner.COMPARISON_NOTEBOOK}
    assert buildstamp.STAMP_FILE not in {p.name for p in Path(swtoolkit.__file__).parent.rglob("*")}


# -- the command: no work when nothing changed; a change rebuilds exactly what depends on it -------------------------
def _build(capsys) -> str:
    assert cli.main(REQUEST) == cli.EXIT_OK
    return capsys.readouterr().out


def test_a_no_change_build_does_no_work_and_writes_nothing(project, rendering, capsys, tmp_path, monkeypatch):
    out = tmp_path / "reports"
    _build(capsys)
    assert rendering == [["530100", "530300"]]
    assert (out / buildstamp.STAMP_FILE).exists()
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.rglob("*") if p.is_file()}

    def no_build(*args, **kwargs):
        raise AssertionError("the full build ran")

    with monkeypatch.context() as patched:
        patched.setattr(batch, "build_all", no_build)
        printed = _build(capsys)
    assert "built 0, unchanged 2, failed 0" in printed
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in out.rglob("*") if p.is_file()} == before
    rendering.clear()  # --force and --retry-failed never take the no-change answer
    assert cli.main([*REQUEST, "--force"]) == cli.EXIT_OK
    assert rendering == [["530100", "530300"]]
    assert cli.main([*REQUEST, "--retry-failed"]) == cli.EXIT_OK  # nothing failed: nothing to retry
    assert "built 0, unchanged 0, failed 0" in capsys.readouterr().out


def test_each_change_rebuilds_exactly_what_reads_it(project, rendering, capsys, tmp_path):
    out = tmp_path / "reports"
    _build(capsys)
    _build(capsys)
    assert rendering == [["530100", "530300"]]  # the second build: nothing to do

    rendering.clear()
    raw = project / "data/raw/figures.csv"
    raw.write_text(raw.read_text(encoding="utf-8").replace(",Qujing report; 全市 denominator",
                                                           ",Qujing report; 全市 denominator (checked)", 1),
                   encoding="utf-8")  # one row of one prefecture
    assert "data/clean was stale" in _build(capsys)
    assert rendering == [["530300"]]  # that prefecture only (its province and the comparison are not asked for)
    assert (out / buildstamp.STAMP_FILE).exists()  # the clean set the build rewrote is part of the stamp

    for kind, change in [("notebook", lambda: _edit_same_size(project / "notebooks/region_report.ipynb",
                                                              b"cell", b"cels")),
                         ("report.toml", lambda: _edit_same_size(project / "report.toml", b"2026", b"2027")),
                         ("a deleted report", lambda: (out / "530100.html").unlink())]:
        rendering.clear()
        change()
        _build(capsys)
        expected = [["530100"]] if kind == "a deleted report" else [["530100", "530300"]]
        assert rendering == expected, kind
        rendering.clear()
        assert "unchanged 2" in _build(capsys) and rendering == [], kind


def test_a_no_change_build_from_the_shell_imports_nothing_heavy(project, tmp_path):
    """Two processes, as from the command line: the first builds (with the stand-in renderer) and stamps; the
    second finds nothing changed without importing pandas, the models or the notebook stack."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path(swtoolkit.__file__).parents[1]),
                                                       os.environ.get("PYTHONPATH", "")]))
    first = (
        "import hashlib, sys\nfrom pathlib import Path\n"
        "from swtoolkit import cli\nfrom swtoolkit.reports import batch\n"
        "def run(todo, formats, out, *a, **k):\n"
        "    for code, key in todo:\n"
        "        data = f'{code} {key}'.encode(); (Path(out) / f'{code}.html').write_bytes(data)\n"
        "        yield code, key, {'status': 'ok', 'seconds': 0.0, 'outputs': {'html': {'path': f'{code}.html',\n"
        "                          'sha256': hashlib.sha256(data).hexdigest()}}}\n"
        "batch._run = run\nbatch.write_model_results = lambda figures, out: None\n"
        f"sys.exit(cli.main({REQUEST!r}))\n")
    subprocess.run([sys.executable, "-c", first], env=env, check=True, timeout=600, capture_output=True)
    manifest = tmp_path / "reports" / "manifest.json"
    before = (manifest.stat().st_mtime_ns, manifest.read_bytes())
    second = (f"import sys\nfrom swtoolkit import cli\ncode = cli.main({REQUEST!r})\n"
              f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\nsys.exit(code)\n")
    done = subprocess.run([sys.executable, "-c", second], env=env, timeout=600, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert "built 0, unchanged 2, failed 0" in lines[0] and lines[-1] == "[]", done.stdout
    assert (manifest.stat().st_mtime_ns, manifest.read_bytes()) == before


@pytest.mark.parametrize("argv", [["--help"], ["build", "--help"], ["--version"], ["release", "--help"],
                                  ["extract", "--help"]])
def test_help_and_version_import_nothing_heavy(argv):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path(swtoolkit.__file__).parents[1]),
                                                       os.environ.get("PYTHONPATH", "")]))
    code = (f"import sys\nfrom swtoolkit import cli\ncode = cli.main({argv!r})\n"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\nsys.exit(code)\n")
    done = subprocess.run([sys.executable, "-c", code], env=env, timeout=300, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
