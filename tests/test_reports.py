"""End to end: the Yunnan report as HTML and PDF, with correct Chinese; bad parameters and missing fonts."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader

from swtoolkit import fonts
from swtoolkit.errors import FontMissingError, ParameterError
from swtoolkit.provenance import source_note, split_figure_ids
from swtoolkit.reports import runner
from swtoolkit.reports.content import RegionReport
from swtoolkit.reports.inputs import load_clean


@pytest.fixture(scope="module")
def yunnan(tmp_path_factory) -> runner.BuiltReport:
    return runner.build_region("云南省", out=tmp_path_factory.mktemp("reports"))


@pytest.mark.slow
def test_yunnan_pdf_has_chinese_text_a_figure_and_embedded_fonts(yunnan, root: Path):
    reader = PdfReader(str(yunnan.pdf))
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))
    assert "云南" in text
    clean = pd.read_csv(root / "data" / "clean" / "figures.csv", dtype=str, keep_default_na=False)
    yunnan_figures = clean[clean["province_code"] == "530000"]["value_as_written"].str.replace(r"\s+", "", regex=True)
    assert any(figure in text for figure in yunnan_figures if len(figure) >= 4)
    assert runner.pdf_fonts_not_embedded(reader) == set()
    width, height = (float(x) for x in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points


@pytest.mark.slow
def test_yunnan_html_shows_no_code_and_is_self_contained(yunnan):
    html = yunnan.html.read_text(encoding="utf-8")
    assert "云南省" in html
    # charts are embedded vector images (Yunnan's own series have fewer than two comparable dated points: no chart)
    assert "<img" not in html or "data:image/svg+xml;base64," in html
    assert "data:image/png" not in html
    for leak in ("RegionReport.load", "import ", "injected-parameters", "display(report"):
        assert leak not in html, leak
    assert not re.search(r"""(src|href)=["']https?://""", html)
    assert html.count("source-note") >= 2  # every table and chart carries its source note


def test_unknown_region_parameter_is_a_clear_error():
    with pytest.raises(ParameterError, match="火星"):
        runner.build_region("火星")


def test_unknown_notebook_parameter_is_rejected(root: Path):
    with pytest.raises(ParameterError, match="unknown parameter"):
        runner.check_parameters(root / "notebooks" / "region_report.ipynb", {"region": "云南省", "colour": "red"})


def test_cli_unknown_region_prints_one_line_without_traceback():
    done = subprocess.run([sys.executable, "-m", "swtoolkit", "build", "--regions", "火星", "-q"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "火星" in done.stderr and "Traceback" not in done.stderr + done.stdout


def test_missing_chinese_font_stops_before_rendering(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "CJK_FAMILIES", ("No Such Font SC",))
    fonts.find_cjk_family.cache_clear()
    try:
        with pytest.raises(FontMissingError, match="fonts-noto-cjk"):
            runner.build_region("云南省", out=tmp_path)
    finally:
        fonts.find_cjk_family.cache_clear()
    assert not any(tmp_path.iterdir())


def test_pdf_check_refuses_text_without_the_chinese():
    from weasyprint import HTML

    pdf = HTML(string="<p>only latin text</p>").write_pdf()
    with pytest.raises(Exception, match="does not contain"):
        runner.check_pdf(pdf, ["云南省"])
    assert PdfReader(io.BytesIO(pdf)).pages


def test_figure_id_lists_split_on_either_separator():
    """Model results join ids with ';', ratios and checks with spaces: both must reach the source note."""
    assert split_figure_ids(["S003-1;S003-2", "S001-5 S002-7", "", "S000-1"]) == [
        "S003-1", "S003-2", "S001-5", "S002-7", "S000-1"]


def test_source_note_refuses_ids_it_cannot_trace():
    clean = load_clean()
    known = clean["figure_id"].iloc[0]
    assert f"[{clean['source_id'].iloc[0]}]" in source_note([known], clean)
    with pytest.raises(ValueError, match="not in the clean table"):
        source_note([known, f"{known};{known}"], clean)


def test_growth_table_source_note_names_the_documents_of_every_row():
    """Heilongjiang's growth-and-gaps table has rows resting on figures of two documents (';'-joined)."""
    report = RegionReport.load("230000")
    html = str(report.growth_and_gaps())
    note = re.search(r"""<p class=["']source-note(?: whole)?["']>(.*?)</p>""", html, re.S)
    assert note and re.search(r"\[S000\]: \d+条数据 \d+ data item", note.group(1)), note
    assert re.search(r"\[S002\]: \d+条数据 \d+ data item", note.group(1)), note


def test_source_notes_stay_short_and_the_list_gives_each_document_once():
    """A note under a table never runs over pages of references (issue 15): past MAX_DESCRIBED documents it
    cites ids only; the report's list of sources holds each document once, in full."""
    from swtoolkit.provenance import MAX_DESCRIBED, source_list

    clean = load_clean()
    national = clean[clean["region_code"].eq("000000")]
    ids = list(national["figure_id"])
    documents = national["source_id"].nunique()
    assert documents > MAX_DESCRIBED
    note = source_note(ids, clean)
    assert "http" not in note and len(note) < 20 * documents + 200
    listed = source_list(ids, clean)
    assert len({sid for sid, _ in listed}) == len(listed)  # each document once
    assert len(listed) == documents and all("http" in text or sid.startswith("S0") for sid, text in listed)
    few = list(national[national["source_id"] == national["source_id"].iloc[0]]["figure_id"])
    assert f"[{national['source_id'].iloc[0]}]" in source_note(few, clean)


def test_every_report_lists_its_sources_and_cites_on_its_title_page():
    for code in ("000000", "131000"):
        report = RegionReport.load(code)
        body = "".join(report.show(k).body for k in report.section_keys)
        assert 'class="sources"' in body and "资料来源列表" in body
        assert "建议引用" in report.title_page({"region": code}).body
        assert "引用方式" not in report.toc().body  # the citation is on the title page, not a last page of its own
