"""Cases of the adversarial table of issue 12 that no other test file held: hostile raw values through the real
clean path, a full or read-only disk under `clean`, source texts too large to read, a damaged reports folder, and
a worker and a kernel killed from outside a real build (slow).

Each case is a small synthetic input that fails if its fault comes back. No assertion is about time.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from swtoolkit import cli
from swtoolkit.cleaning import outputs
from swtoolkit.cleaning.pipeline import clean, load, process
from swtoolkit.cleaning.texts import MAX_TEXT_BYTES, source_texts
from swtoolkit.errors import RawDataError, ReportsFolderError
from swtoolkit.reports import batch, folder

# ---- values that must never become a number --------------------------------------------------------------------
HOSTILE_VALUES = [
    "𝟑𝟑𝟗𝟑人",  # mathematical bold digits: int() reads them
    "1_000人",  # Python's digit separator: int() and float() read it
    "0x10人", "1E5人", "-3393人", "+3393人", "nan人", "inf人", "∞人",
    "3393\u200b人",  # a zero-width space before the unit
    "3393.5.1人", "3,39,3人", "99999999999999人", "3393人人", "约约3393人", "3393人;3394人", "3393 万 万人", "人", "",
]


@pytest.fixture(scope="module")
def one_row(root: Path):
    """One real raw row of certified_social_workers (locators not checked: texts={})."""
    figures, sources, _ = load(root / "data" / "raw")
    pick = figures["indicator"].eq("certified_social_workers") & figures["kind"].eq("actual")
    return figures.loc[[figures.index[pick][0]]].reset_index(drop=True), sources


# ---- clean: a full or read-only disk names data/clean and keeps the old set --------------------------------------
@pytest.fixture()
def out(tmp_path: Path) -> Path:
    folder_ = tmp_path / "data" / "clean"
    folder_.mkdir(parents=True)
    (folder_ / "figures.csv").write_text("old\n", encoding="utf-8")
    return folder_


def test_a_full_disk_reported_without_errno_or_file_names_data_clean(out, monkeypatch, capsys, tmp_path):
    def full_disk(self, path, *args, **kwargs):  # what pyarrow raises: no errno, no file name
        raise OSError("Error writing bytes to file. Detail: [errno 28] No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", full_disk)
    with pytest.raises(OSError) as info:
        clean(out=out)
    assert info.value.filename == str(out) and info.value.errno == 28
    assert (out / "figures.csv").read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in out.parent.iterdir()] == ["clean"]
    assert cli._one_line(info.value) == (f"{out}: cannot write the new set (No space left on device); "
                                         "the old set is kept")


def test_a_read_only_data_folder_names_data_clean(out, monkeypatch):
    def read_only(*args, **kwargs):
        raise OSError(30, "Read-only file system", str(out.parent / ".clean.staging-1-x"))

    monkeypatch.setattr(outputs.tempfile, "mkdtemp", read_only)
    with pytest.raises(OSError) as info:
        clean(out=out)
    assert info.value.filename == str(out) and "Read-only file system" in info.value.strerror


# ---- source texts are bounded -----------------------------------------------------------------------------------
def test_a_source_text_larger_than_the_limit_is_refused_unread(tmp_path):
    text = tmp_path / "huge.txt"
    with open(text, "wb") as handle:
        handle.truncate(MAX_TEXT_BYTES + 1)  # sparse: nothing is written
    sources = pd.DataFrame({"file": ["huge.txt"], "sha256": ["0" * 64]}, index=["S009"])
    with pytest.raises(RawDataError, match="larger than 16 MiB"):
        source_texts(sources, folder=tmp_path, required=True)


# ---- a damaged reports folder -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["[]", '{"reports": []}', '{"reports": {"530100": 1}}', "null", '{"reports'])
def test_a_manifest_of_the_wrong_shape_is_rebuilt_not_a_traceback(tmp_path, text):
    (tmp_path / "manifest.json").write_text(text, encoding="utf-8")
    assert batch._read_manifest(tmp_path) == {"reports": {}}


def test_a_manifest_in_another_encoding_is_rebuilt(tmp_path):
    (tmp_path / "manifest.json").write_bytes('{"reports": {"云南": {}}}'.encode("gb18030"))
    assert batch._read_manifest(tmp_path) == {"reports": {}}


@pytest.mark.parametrize("name", folder.SUBFOLDERS)
def test_a_file_where_the_reports_folder_keeps_a_subfolder_is_a_folder_error(tmp_path, name):
    (tmp_path / name).write_text("x", encoding="utf-8")
    with pytest.raises(ReportsFolderError, match=f"{name}: not a folder"):
        folder.prepare(tmp_path)


def test_a_reports_path_that_is_a_file_says_so(tmp_path):
    path = tmp_path / "reports"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(ReportsFolderError, match="not a folder"):
        folder.prepare(path)


# ---- faults injected from outside a real build (slow) -----------------------------------------------------------
def _children(pid: int) -> list[int]:
    """Every descendant of `pid` (Linux /proc)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [], [pid]
    while frontier:
        kids = [p for p, parent in parents.items() if parent in frontier]
        found += kids
        frontier = kids
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _wait_for(condition, what: str, limit: float = 300.0):
    deadline = time.monotonic() + limit
    while not (found := condition()):
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)
    return found


def _running(out: Path) -> str | None:
    """The code of the region whose notebook is executing (its partial notebook exists)."""
    parts = sorted((out / "notebooks").glob("*.partial.ipynb")) if (out / "notebooks").is_dir() else []
    return parts[0].name.split("_")[0] if parts else None


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds the workers and kernels in /proc")
def test_a_kernel_and_a_worker_killed_from_outside_fail_only_their_regions(tmp_path, process_marker):
    """One worker builds three small regions in turn: its kernel is SIGKILLed during the first, the worker itself
    during the second; the third is built, both failures are recorded, the good notebooks of an earlier build are
    kept, and nothing is left running."""
    out = tmp_path / "reports"
    regions = {"310000": "310000_shanghai", "620000": "620000_gansu", "330000": "330000_zhejiang"}
    (out / "notebooks").mkdir(parents=True)
    for stem in regions.values():
        (out / "notebooks" / f"{stem}.ipynb").write_text("good", encoding="utf-8")
    env = os.environ | {"SWTOOLKIT_REPORTS_DIR": str(out)}
    build = subprocess.Popen([sys.executable, "-m", "swtoolkit", "build", "--regions", *regions, "--formats", "html",
                              "--jobs", "1", "--cell-timeout", "0", "-q"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        killed = []
        for fault in ("kernel", "worker"):
            code = _wait_for(lambda: (c := _running(out)) not in (None, *killed) and c, f"a region to run ({fault})")
            workers = [p for p in _children(build.pid) if "ipykernel" not in _cmdline(p)
                       and any("ipykernel" in _cmdline(k) for k in _children(p))]
            assert len(workers) == 1, workers
            kernels = sorted((k for k in _children(workers[0]) if "ipykernel" in _cmdline(k)),
                             key=lambda k: int(Path(f"/proc/{k}/stat").read_text().rsplit(")", 1)[1].split()[19]))
            os.kill(kernels[0] if fault == "kernel" else workers[0], signal.SIGKILL)  # the oldest kernel is busy
            killed.append(code)
        _, err = build.communicate(timeout=600)
    finally:
        build.kill()
    assert build.returncode == cli.EXIT_FAILED and "Traceback" not in err, err
    failures = json.loads((out / "failures.json").read_text(encoding="utf-8"))
    assert sorted(failures) == sorted(killed)
    assert "DeadKernelError" in failures[killed[0]]["error"] and "SIGKILL" in failures[killed[1]]["error"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["reports"]
    (left,) = set(regions) - set(killed)
    assert manifest[left]["status"] == "ok" and (out / f"{regions[left]}.html").exists()
    for code in killed:
        assert (out / "notebooks" / f"{regions[code]}.ipynb").read_text(encoding="utf-8") == "good"
    assert not list((out / "notebooks").glob("*.partial.ipynb"))
    assert process_marker() == []


# ---- rerun of issue 12 (branch adv): new instances of the malformed-value kinds ----------------------------------
# Each was read as a number before: rounded to 6 decimals or truncated by cn2an (3393.0000000000001人 → 3393,
# 1.00005万人 → 10,000), an estimate read digit by digit (三五人 → 35, 五六万人 → 560,000, 一两人 → 12, 十几人 → 10
# with unit 几人), one digit after a place word (1亿3人 → 100,000,003, 1万3千5人 → 13,500), a space between 万 and
# a digit dropped (3万 5千人 → 35,000), a count written with a fraction (1.000人 → 1: a thousands point in
# Portuguese and German).
HOSTILE_VALUES_RERUN = [
    "3393.0000000000001人", "3393.00000001人", "12345678901.123456人", "0.00000001万人",
    "三五人", "五六万人", "一二人", "一两人", "两两人", "十两人", "十几人",
    "1亿3人", "1万3人", "1万35000人", "1万3千5人", "01万3000人", "999999亿99元",
    "3万 5千人", "10+万人", "3393①人",
    "1.000人", "3393.0人", "1.00005万人",
]


@pytest.mark.parametrize("written", HOSTILE_VALUES + HOSTILE_VALUES_RERUN)
def test_a_hostile_value_is_refused_with_its_column_and_value(one_row, written):
    row, sources = one_row
    row = row.copy()
    row.loc[0, "value_as_written"] = written
    with pytest.raises(RawDataError) as info:
        process(row, sources, "figures.csv", texts={})
    assert info.value.column == "value_as_written" and info.value.value == written
    assert "\n" not in str(info.value)


def test_figures_finer_than_their_magnitude_are_read_exactly_on_both_paths():
    """cn2an truncates d万 to a whole number and the fast path floored it: 1.00005万 was 10,000."""
    from swtoolkit.cleaning.numbers import parse_value, parse_values
    from swtoolkit.errors import ValueParseError

    exact = {"1.00005万元": 10000.5, "1.123456789亿元": 112345678.9, "1.234567万元": 12345.67, "7.93 万人": 79300.0,
             "3393.000000元": 3393.0}
    table = parse_values(pd.Series(list(exact)))
    for written, value in exact.items():
        assert parse_value(written).value == value
    assert table["value"].tolist() == list(exact.values()) and table["error"].isna().all()
    for written in ("3393.0000000000001元", "1.00000000001万元", "1234567890123.456元"):
        with pytest.raises(ValueParseError, match="decimal places|significant digits"):
            parse_value(written)
        assert isinstance(parse_values(pd.Series([written]))["error"].iloc[0], ValueParseError)


@pytest.mark.parametrize(("written", "value", "qualifier"), [
    ("10万+人", 100000, "at_least"), ("3393人①", 3393, "exact"), ("3393人[1]", 3393, "exact"),
    ("3393人※", 3393, "exact"), ("1万0088人", 10088, "exact"), ("4万5418人", 45418, "exact"),
    ("1亿0003人", 100000003, "exact"), ("1万3千5百人", 13500, "rounded"), ("两万五人", 25000, "rounded"),
    ("1万3000人", 13000, "exact"), ("1万3000余人", 13000, "more_than"), ("3.5余万人", 35000, "more_than"),
    ("一三六人", 136, "exact"),
])
def test_forms_that_are_understood_are_still_read(one_row, written, value, qualifier):
    row, sources = one_row
    row = row.copy()
    row.loc[0, "value_as_written"] = written
    figure = process(row, sources, "figures.csv", texts={}).figures.iloc[0]
    assert (figure["value"], figure["qualifier"]) == (value, qualifier)


# ---- a level dated after its document is refused, not moved to the document's date ------------------------------
@pytest.mark.parametrize("phrase", ["9999年", "2030年底", "截至二〇二三年底"])
def test_a_level_dated_after_its_document_is_refused(one_row, phrase):
    row, sources = one_row
    row = row.copy()
    row.loc[0, "date_as_written"] = phrase
    doc = sources.loc[row.loc[0, "source_id"], "pub_date"]
    assert doc < "2023"  # the row is S000, published 2022-01
    with pytest.raises(RawDataError) as info:
        process(row, sources, "figures.csv", texts={})
    assert info.value.column == "date_as_written" and info.value.value == phrase and "after its document" in str(
        info.value)


def test_the_year_in_progress_is_still_the_document_date(one_row):
    row, sources = one_row
    row = row.copy()
    row.loc[0, "date_as_written"] = "2022年"  # the page is of January 2022: the year so far
    figure = process(row, sources, "figures.csv", texts={}).figures.iloc[0]
    assert figure["ref_date"] == "2022-01-31" and "year in progress" in figure["date_flag"]


# ---- extract --out names the file it cannot write, and never leaves part of one -----------------------------------
@pytest.fixture()
def page(tmp_path: Path) -> Path:
    text = tmp_path / "page.txt"
    text.write_text("全市共有持证社工3393人。", encoding="utf-8")
    return text


@pytest.mark.parametrize(("target", "says"), [
    ("folder", "it is a folder"), ("missing/out.csv", "no new file can be made in"),
])
def test_extract_out_that_cannot_be_written_is_one_line_naming_it(page, tmp_path, capsys, target, says):
    (tmp_path / "folder").mkdir()
    out = tmp_path / target
    assert cli.main(["extract", str(page), "--out", str(out)]) == cli.EXIT_ENV
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"swtoolkit: {out}: cannot write the candidates") and says in err and "\n" not in err
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_extract_out_is_replaced_whole(page, tmp_path, monkeypatch, capsys):
    out = tmp_path / "cand.csv"
    out.write_text("old\n", encoding="utf-8")
    real_replace = os.replace

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    assert cli.main(["extract", str(page), "--out", str(out)]) == cli.EXIT_ENV
    assert out.read_text(encoding="utf-8") == "old\n" and sorted(p.name for p in tmp_path.iterdir()) == [
        "cand.csv", "page.txt"]
    assert "No space left on device" in capsys.readouterr().err
    monkeypatch.setattr(os, "replace", real_replace)
    assert cli.main(["extract", str(page), "--out", str(out)]) == cli.EXIT_OK
    assert "3393人" in out.read_text(encoding="utf-8")


# ---- the command line: a command's options may come before it ----------------------------------------------------
@pytest.mark.parametrize(("argv", "field", "value"), [
    (["-q", "build"], "quiet", True), (["--keep-going", "clean"], "keep_going", True),
    (["--force", "-v", "build", "--jobs", "1"], "force", True), (["-v", "clean"], "verbose", True),
])
def test_a_commands_option_written_before_the_command_is_its_option(argv, field, value):
    assert getattr(cli.parse(argv), field) is value


def test_an_option_no_command_has_is_still_refused(capsys):
    with pytest.raises(SystemExit) as info:
        cli.parse(["--bogus", "build"])
    assert info.value.code == cli.EXIT_USAGE and "--bogus" in capsys.readouterr().err


# ---- one warning for an unreadable manifest, naming the folder built into -----------------------------------------
def test_an_unreadable_manifest_is_warned_about_once_with_its_path(tmp_path, monkeypatch, caplog):
    from swtoolkit.cleaning import verify

    class Stop(Exception):
        pass

    def stop(*args, **kwargs):
        raise Stop

    (tmp_path / "manifest.json").write_text('{"reports', encoding="utf-8")
    monkeypatch.setattr(verify, "ensure_clean", lambda known=None: ("key", False))
    monkeypatch.setattr(batch, "write_model_results", stop)  # the first step after the manifest is read
    with caplog.at_level("WARNING", logger="swtoolkit"), pytest.raises(Stop):
        batch.build_all(regions=["530100"], formats=("html",), out=tmp_path, progress=False)
    warned = [r.getMessage() for r in caplog.records if "manifest.json" in r.getMessage()]
    assert warned == [f"{tmp_path / 'manifest.json'} is unreadable; rebuilding everything"]


def test_the_build_summary_names_the_folder_built_into(tmp_path):
    summary = batch.BuildSummary(index=str(tmp_path / "index.html"))
    assert summary.describe().endswith(f"→ {tmp_path / 'index.html'}")


# ---- a text file in another encoding: one wording everywhere, naming the encoding where it is clear ---------------
@pytest.mark.parametrize(("encoding", "says"), [
    ("utf-16", "it is UTF-16"), ("utf-16-le", "it is UTF-16"), ("gb18030", "it reads as GBK/GB18030"),
])
def test_every_reader_names_the_encoding_of_a_text_that_is_not_utf8(tmp_path, encoding, says):
    from swtoolkit.cleaning.tables import read_text_table
    from swtoolkit.errors import SwtoolkitError
    from swtoolkit.extract_io import read_source_text
    from swtoolkit.reports.inputs import report_config

    table = tmp_path / "figures.csv"
    table.write_bytes("figure_id,value_as_written\nS000-000001,3393人\n".encode(encoding))
    page = tmp_path / "page.txt"
    page.write_bytes("全市共有持证社工3393人。".encode(encoding))
    toml = tmp_path / "report.toml"
    toml.write_bytes('publisher = "民政研究所"\n'.encode(encoding))
    for read, path in ((read_text_table, table), (read_source_text, page), (report_config, toml)):
        with pytest.raises(SwtoolkitError) as info:
            read(path)
        assert says in str(info.value) and "not UTF-8 text" in str(info.value) and "\n" not in str(info.value)


# ---- a missing data folder is said, not silently an empty part -----------------------------------------------------
def test_a_missing_web_folder_is_warned_about(tmp_path, caplog):
    from swtoolkit.cleaning.web import read_web

    with caplog.at_level("WARNING", logger="swtoolkit"):
        figures, sources, _, problems = read_web(tmp_path)
    assert figures.empty and sources.empty and problems == []
    assert any("no web figures" in r.getMessage() and str(tmp_path / "web") in r.getMessage() for r in caplog.records)


def test_every_line_of_a_huge_value_keep_going_report_is_short(one_row):
    """The locator check quoted the whole value (and as much of the source text) in its message: 100,000 digits."""
    from swtoolkit.errors import RawDataErrors

    row, sources = one_row
    row = row.copy()
    row.loc[0, "value_as_written"] = "3" * 100_000 + "人"
    with pytest.raises((RawDataError, RawDataErrors)) as info:
        process(row, sources, "figures.csv", keep_going=True, texts={row.loc[0, "source_id"]: "全省持证社工" * 20_000})
    errors = getattr(info.value, "errors", [info.value])
    assert {e.column for e in errors} >= {"value_as_written", "locator"}
    assert all(len(str(e)) < 500 and "100001 characters" in str(e) for e in errors)


# ---- region names typed with a CJK input method: full-width digits, letters and commas ----------------------------
@pytest.mark.parametrize(("written", "code"), [("５３０１００", "530100"), ("Ｋｕｎｍｉｎｇ，Ｙｕｎｎａｎ", "530100"),
                                              ("Xishan，Yunnan", "530112")])
def test_a_full_width_region_code_or_name_is_the_region(written, code):
    from swtoolkit import regions

    assert regions.resolve(written).code == code


def test_a_full_width_code_that_is_no_region_is_refused_as_a_code():
    from swtoolkit import regions
    from swtoolkit.errors import UnknownRegionError

    with pytest.raises(UnknownRegionError, match="not a code of the region table"):
        regions.resolve("５３０１９９")


# ---- a field the clean step would not read is refused, not dropped --------------------------------------------------
def test_a_target_year_on_a_level_is_refused_not_dropped(one_row):
    row, sources = one_row
    row = row.copy()
    row.loc[0, "target_year"] = "2025"  # kind actual: the year was read nowhere and vanished from the clean table
    with pytest.raises(RawDataError) as info:
        process(row, sources, "figures.csv", texts={})
    assert info.value.column == "target_year" and info.value.value == "2025" and "kind 'actual'" in str(info.value)


# ---- extract: the non-figure patterns are tried from the start of a run only (linear, not quadratic) --------------
def test_noise_patterns_start_runs_only_where_a_run_starts():
    """[\\w.+-]+@ and \\d+页 were tried from every position inside a run: 30,000 digits or a long line without
    punctuation took minutes (quadratic). Speed lives in benchmarks/; this holds the form that keeps it linear."""
    import re

    from swtoolkit.extract import NOISE_PATTERNS

    for name in ("url", "floor_or_page"):
        for alternative in NOISE_PATTERNS[name].split("|"):
            if re.match(r"(\\d|\[\\w)[^{]*?[+*]", alternative):  # an unbounded run first, with nothing before it
                pytest.fail(f"{name}: {alternative!r} can start inside a run")


@pytest.mark.parametrize(("text", "flag"), [
    ("联系邮箱 sw2022@mca.gov.cn 查询", "url"), ("详见第 12 页", "floor_or_page"),
    ("见 3/12 页", "floor_or_page"), ("在 3 楼", "floor_or_page"),
])
def test_noise_patterns_still_flag_their_spans(text, flag):
    from swtoolkit.extract import find_candidates

    found = find_candidates(text, "S9")
    assert found["flags"].str.contains(flag).any(), found[["value_as_written", "flags"]]
