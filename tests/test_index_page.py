"""reports/index.html: provinces with their prefectures, figure counts, HTML and PDF links, failures stated."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from swtoolkit.reports.batch import index_html
from swtoolkit.reports.inputs import load_clean, report_config


def _entry(code: str, **extra) -> dict:
    return {"status": "ok", "name_zh": "", "name_en": "", "built_at": "2026-11-30T13:00:00+00:00",
            "outputs": {"html": {"path": f"{code}.html"}, "pdf": {"path": f"{code}.pdf"},
                        "notebook": {"path": f"notebooks/{code}.ipynb"}}, **extra}


def _manifest() -> dict:
    reports = {c: _entry(c) for c in ("530000", "530100", "532500", "130000", "131000", "440300", "comparison")}
    reports["530300"] = {"status": "failed", "error": "AssertionError: <deliberate> failure", "name_zh": "曲靖市",
                         "name_en": "Qujing"}
    return {"toolkit": "0.1.0", "reports": reports}


def test_index_groups_prefectures_under_their_province_with_counts_and_links(tmp_path):
    (tmp_path / "audit.html").write_text("<html></html>", encoding="utf-8")
    soup = BeautifulSoup(index_html(_manifest(), tmp_path), "html.parser")
    headings = [h.get_text(" ", strip=True) for h in soup.find_all("h2")]
    assert [h for h in headings if "Yunnan" in h or "Hebei" in h or "Guangdong" in h] == [
        "河北省 Hebei", "广东省 Guangdong", "云南省 Yunnan"]
    yunnan = soup.find("h2", id="p530000").find_next("table")
    rows = yunnan.find("tbody").find_all("tr")
    assert [r.find("td", class_="code").get_text() for r in rows] == ["530000", "530100", "530300", "532500"]
    assert "sub" not in rows[0]["class"] and all("sub" in r["class"] for r in rows[1:])
    clean = load_clean()
    kunming = rows[1].find("td", class_="num").get_text()
    assert int(kunming.replace(",", "")) == int(clean["region_code"].str.startswith("5301").sum()) > 0
    assert [a["href"] for a in rows[0].find_all("a")] == ["530000.html", "530000.pdf"]
    assert "failed" in rows[2].get_text() and "<deliberate>" in rows[2].get_text()
    # Guangdong has no report of its own: it heads Shenzhen's list without links
    guangdong = soup.find("h2", id="p440000").find_next("table").find("tbody").find_all("tr")
    assert guangdong[0].find_all("a") == [] and guangdong[1].find("a")["href"] == "440300.html"
    # the comparison report and the audit come first, before any province
    front = soup.find("ul", class_="front")
    assert front.find_previous("h2", id=re.compile("^p")) is None
    assert [a["href"] for a in front.find_all("a")] == ["comparison.html", "comparison.pdf", "audit.html"]
    # failures are named at the top; there is no status column of "ok"
    failures = soup.find("section", class_="failures")
    assert failures and "曲靖市" in failures.get_text() and failures.find_next("ul", class_="front")
    assert not any(td.get_text(strip=True) == "ok" for td in soup.find_all("td"))
    assert not any("状态" in th.get_text() or "Status" in th.get_text() for th in soup.find_all("th"))


def test_index_without_audit_or_failures_and_escaped(tmp_path):
    manifest = _manifest()
    del manifest["reports"]["530300"]
    manifest["reports"]["530100"]["name_zh"] = "<script>x</script>"
    html = index_html(manifest, tmp_path)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("a", href="audit.html") is None and soup.find("section", class_="failures") is None
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_refresh_index_links_an_audit_written_after_the_build(tmp_path):
    import json

    from swtoolkit.reports.batch import MANIFEST, refresh_index

    assert refresh_index(tmp_path) is False  # no build recorded: nothing written
    (tmp_path / MANIFEST).write_text(json.dumps(_manifest()), encoding="utf-8")
    (tmp_path / "audit.html").write_text("<html></html>", encoding="utf-8")
    assert refresh_index(tmp_path) is True
    soup = BeautifulSoup((tmp_path / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find("a", href="audit.html") is not None


def test_index_marks_briefs_and_links_each_regions_data_and_the_release(tmp_path):
    from swtoolkit.reports import downloads

    manifest = _manifest()
    written = downloads.write(tmp_path, [c for c, e in manifest["reports"].items() if e["status"] == "ok"])
    assert set(written) == {"530000", "530100", "532500", "130000", "131000", "440300"}
    # every data file the reports cite is published beside them (fresh editor, stop 26: data/clean/checks.csv)
    for cited in ("figures.csv", "codebook.csv", "checks.csv"):
        assert (tmp_path / "data" / cited).is_file(), cited
    soup = BeautifulSoup(index_html(manifest, tmp_path), "html.parser")
    langfang = soup.find("td", class_="code", string="131000").find_parent("tr")
    assert langfang.find(class_="brief")  # one figure: a brief
    yunnan = soup.find("td", class_="code", string="530000").find_parent("tr")
    assert not yunnan.find(class_="brief")
    assert [a["href"] for a in yunnan.find_all("a")] == ["530000.html", "530000.pdf", "data/530000.csv"]
    front = [a["href"] for a in soup.find("ul", class_="front").find_all("a")]
    assert "data/figures.csv" in front and "data/codebook.csv" in front
    from swtoolkit.reports.inputs import report_config

    assert report_config().edition.isoformat() in soup.find("p", class_="edition").get_text()
    # a region's CSV holds its own figures and those of the places within it, as many as the index counts
    rows = (tmp_path / "data" / "530100.csv").read_text(encoding="utf-8-sig").splitlines()
    count = int(soup.find("td", class_="code", string="530100").find_parent("tr").find("td", class_="num").get_text()
                .replace(",", ""))
    assert len(rows) - 1 == count


def test_the_index_links_the_methods_document_the_briefs_refer_to(tmp_path):
    from swtoolkit.reports import methods_doc

    manifest = _manifest()
    manifest["methods"] = methods_doc.write(tmp_path, formats=("html",))
    front = BeautifulSoup(index_html(manifest, tmp_path), "html.parser").find("ul", class_="front")
    assert "methods.html" in [a["href"] for a in front.find_all("a")]
    manifest["methods"] = {"status": "failed", "error": "ReportBuildError: <deliberate>"}
    front = BeautifulSoup(index_html(manifest, tmp_path), "html.parser").find("ul", class_="front")
    assert "<deliberate>" in front.find(class_="failed").get_text()


def test_the_methods_document_holds_every_definition_and_is_written_once(tmp_path):
    from swtoolkit.codebook import codebook, scopes
    from swtoolkit.reports import content, methods_doc

    entry = methods_doc.write(tmp_path, formats=("html",))
    page = tmp_path / "methods.html"
    text = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ")
    assert entry["status"] == "ok" and set(entry["outputs"]) == {"html"}
    for key, row in codebook().iterrows():
        assert row["name_en"] in text, key
    assert all(row["name_en"] in text for _, row in scopes().iterrows())
    assert all(item.split(" ")[0][:20] in text for item in content.methods_items(report_config().edition)
               + content.SHARED_LIMITS)
    before = page.stat().st_mtime_ns
    methods_doc.write(tmp_path, formats=("html",))  # unchanged: not rewritten
    assert page.stat().st_mtime_ns == before


def test_a_methods_document_that_fails_is_recorded_and_the_build_goes_on(tmp_path, monkeypatch):
    from swtoolkit.errors import ReportBuildError
    from swtoolkit.reports import batch, methods_doc

    def broken(out, formats):
        raise ReportBuildError("pdf", "<deliberate> glyphs missing")

    monkeypatch.setattr(methods_doc, "write", broken)
    entry = batch.write_methods(tmp_path, ("html", "pdf"))
    assert entry["status"] == "failed" and "<deliberate>" in entry["error"]
