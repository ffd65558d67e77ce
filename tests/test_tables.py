"""Tables: identifiers and dates kept whole, numbers right-aligned, header rows repeated, rows never split."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from swtoolkit.paths import PACKAGE_DIR
from swtoolkit.reports import blocks, runner
from swtoolkit.reports.blocks import table

FIGURE_ID = re.compile(r"\b" + blocks.FIGURE_ID + r"\b")


def test_table_marks_identifier_date_and_number_cells():
    frame = pd.DataFrame({"编号 Figure": ["S003-000668", "S003-052266"], "日期 Date": ["2021-06-30", "2022-07"],
                          "说明 Note": ["见 S003-000668（2021-06-30）与 school_station_staff", "x"],
                          "数值 Value": ["≥1,200", "35.5%"]})
    soup = BeautifulSoup(table(frame, "表 1", "来源").body, "html.parser")
    first = soup.find("tbody").find("tr").find_all("td")
    assert "nowrap" in first[0]["class"] and "nowrap" in first[1]["class"]
    assert [s.get_text() for s in first[2].find_all("span", class_="nowrap")] == [
        "S003-000668", "2021-06-30", "school_station_staff"]
    assert "num" in first[3]["class"] and "num" in soup.find_all("th")[3]["class"]
    assert soup.find("thead") is not None
    explicit = BeautifulSoup(table(frame, "t", "n", nowrap=("说明 Note",)).body, "html.parser")
    assert "nowrap" in explicit.find_all("td")[2]["class"] and "class" not in explicit.find_all("td")[0].attrs


def test_table_text_is_escaped():
    frame = pd.DataFrame({"a": ["<b>S003-000001</b>"]})
    body = table(frame, "<i>", "&").body
    assert "<b>" not in body and "<i>" not in body and "&amp;" in body


def test_print_css_keeps_rows_captions_headers_and_tokens_together():
    css = re.sub(r"\s+", " ", (PACKAGE_DIR / "reports" / "report.css").read_text())
    for rule in ("tr { break-inside: avoid; }", "thead { display: table-header-group; }",
                 "figure figcaption { break-after: avoid; }", "td.nowrap, span.nowrap { white-space: nowrap; }"):
        assert rule in css, rule
    assert "overflow-wrap: anywhere" not in css.split("footer.repro")[0]  # table cells never break mid-word


@pytest.fixture(scope="module")
def yunnan(tmp_path_factory) -> runner.BuiltReport:
    return runner.build_region("云南省", out=tmp_path_factory.mktemp("tables"))


@pytest.mark.slow
def test_figure_ids_in_the_pdf_are_unbroken_and_headers_repeat(yunnan):
    html_ids = set(FIGURE_ID.findall(yunnan.html.read_text(encoding="utf-8")))
    assert len(html_ids) > 50  # the appendix is long enough to run over several pages
    pages = [page.extract_text() for page in PdfReader(str(yunnan.pdf)).pages]
    pdf_ids = set()
    for text in pages:
        pdf_ids |= set(FIGURE_ID.findall(text))  # line by line: an id broken over two lines is not found
    assert html_ids - pdf_ids == set()
    start = next(i for i, t in enumerate(pages) if "数据附录 Data appendix" in t and "......" not in t)
    # a header cell may wrap between any two Chinese characters (legal in Chinese): compare without white space
    appendix = [t for t in pages[start:] if len(FIGURE_ID.findall(t)) >= 5 and "类型Kind" in re.sub(r"\s", "", t)]
    header_pages = [t for t in pages[start:] if len(FIGURE_ID.findall(t)) >= 5]  # notes under charts list ids too
    assert len(appendix) >= 3 and len(appendix) == len(header_pages)  # header row repeated on every page
    assert not re.search(r"\d{4}-\d{2}-\n\d{2}", "\n".join(pages))  # dates never broken over two lines
