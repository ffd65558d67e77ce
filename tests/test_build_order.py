"""The build starts its longest reports first (LPT), so it never ends on one long report running alone."""

from swtoolkit.reports.batch import longest_first


def test_recorded_seconds_order_the_reports_longest_first():
    todo = [("530100", "k1"), ("530000", "k2"), ("comparison", "k3"), ("530300", "k4")]
    recorded = {"530100": {"seconds": 5.0}, "530000": {"seconds": 20.0}, "comparison": {"seconds": 40.0},
                "530300": {"seconds": 7.5}}
    assert [c for c, _ in longest_first(todo, recorded)] == ["comparison", "530000", "530300", "530100"]


def test_reports_never_built_go_first_ranked_by_level():
    todo = [("530102", "a"), ("530100", "b"), ("530000", "c"), ("000000", "d"), ("comparison", "e"),
            ("110000", "f")]
    recorded = {"110000": {"seconds": 99.0}}
    order = [c for c, _ in longest_first(todo, recorded)]
    assert order == ["comparison", "000000", "530000", "530100", "530102", "110000"]


def test_the_order_keeps_every_report_and_its_key():
    todo = [(str(c), f"key{c}") for c in ("530100", "530300", "530400")]
    recorded = {"530300": {"seconds": "bad"}, "530400": {"status": "failed"}}
    assert sorted(longest_first(todo, recorded)) == sorted(todo)
    assert longest_first([], {}) == []


def test_the_methods_document_is_written_beside_the_reports_and_recorded(tmp_path, fake_build, monkeypatch):
    import threading

    from swtoolkit.reports import batch, methods_doc

    seen = []

    def write(out, formats):
        seen.append(threading.current_thread() is threading.main_thread())
        return {"status": "ok", "outputs": {}}

    monkeypatch.setattr(methods_doc, "write", write)
    batch.build_all(regions=["530000"], formats=("html",), jobs=1, progress=False, out=tmp_path / "r")
    manifest = batch._read_manifest(tmp_path / "r", warn=False)
    assert seen == [False] and manifest["methods"] == {"status": "ok", "outputs": {}}
    assert fake_build and fake_build[0][0] == "530000"


def test_a_folder_the_methods_document_cannot_write_still_stops_the_build(tmp_path, fake_build, monkeypatch):
    import errno

    import pytest

    from swtoolkit.errors import ReportsFolderError
    from swtoolkit.reports import batch, methods_doc

    out = tmp_path / "r"

    def write(where, formats):
        raise OSError(errno.ENOSPC, "No space left on device", str(where / "methods.html"))

    monkeypatch.setattr(methods_doc, "write", write)
    with pytest.raises(ReportsFolderError):
        batch.build_all(regions=["530000"], formats=("html",), jobs=1, progress=False, out=out)


def test_a_recorded_conflict_rebuilds_exactly_the_reports_that_show_it(monkeypatch):
    """A conflict recorded for a prefecture is shown by its own report, its province's (sub-region tables) and the
    comparison's: their keys change, a sibling prefecture's does not."""
    import pandas as pd

    from swtoolkit import stages
    from swtoolkit.reports import batch, inputs

    clean = stages.read_figures()
    base = inputs.read_checks()
    extra = pd.DataFrame([{**{c: "" for c in base.columns}, "check": "conflict", "status": "explained",
                           "region_code": "532500", "figure_ids": "S003-001865 S003-029281",
                           "detail": "synthetic conflict for the key test"}])
    codes = ["532500", "530000", "530100", "comparison"]

    def keys(checks):
        monkeypatch.setattr(inputs, "read_checks", lambda figures=None: checks)
        keying = batch.ReportKeys(("html",), clean, None)
        return {c: keying.key(c, []) for c in codes}

    before, after = keys(base), keys(pd.concat([base, extra], ignore_index=True))
    assert {c for c in codes if before[c] != after[c]} == {"532500", "530000", "comparison"}
