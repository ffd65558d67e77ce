"""Visual checks (issue 15): words outside the page, split table rows, broken identifiers, half-empty pages and
overlapping tick labels. Fast tests run the checkers on small synthetic pages and charts (each would fail if the
fault returned); slow tests build real reports and check every page and every chart."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest
from weasyprint import HTML

from swtoolkit import charts
from swtoolkit.reports import visual

PAGE = "<style>@page { size: A6; margin: 10mm } body { font-size: 9pt } tr { break-inside: avoid }</style>"


def test_a_clean_page_has_no_problems():
    rows = "".join(f"<tr><td>S003-{i:06d}</td><td>{i}</td></tr>" for i in range(60))
    html = PAGE + f"<table><thead><tr><th>编号</th><th>值</th></tr></thead><tbody>{rows}</tbody></table>"
    assert visual.layout_problems(html) == []  # the header repeats on every page: not a split row


def test_a_row_split_across_pages_is_found():
    html = PAGE.replace("tr { break-inside: avoid }", "") + "<table>" + "".join(
        f"<tr><td>{'长文本 ' * (400 if i == 2 else 1)}</td></tr>" for i in range(5)) + "</table>"
    assert any("split across pages" in p for p in visual.layout_problems(html))


def test_words_outside_the_text_area_are_found():
    html = PAGE + "<p style='white-space: nowrap'>" + "S003-000668 " * 30 + "</p>"
    assert any("outside the text area" in p for p in visual.layout_problems(html))


def test_a_half_empty_page_is_found_but_not_the_last_or_a_title_page():
    filler = "<p>" + "数据 " * 600 + "</p>"
    half = PAGE + "<p style='break-after: page'>短</p>" + filler
    assert any("more than half empty" in p for p in visual.layout_problems(half))
    title = PAGE + "<section class='title-page' style='break-after: page'><h1>标题</h1></section>" + filler
    assert not any("half empty" in p for p in visual.layout_problems(title))
    assert visual.layout_problems(PAGE + filler + "<p style='break-before: page'>末页</p>") == []


def test_a_broken_identifier_is_not_searchable():
    broken = PAGE + "<div style='width: 14mm; word-break: break-all'>S003-000668 2021-06-30</div>"
    whole = PAGE + "<div style='width: 14mm'><span style='white-space: nowrap'>S003-000668</span> " \
        "<span style='white-space: nowrap'>2021-06-30</span></div>"
    assert len(visual.unsearchable_tokens(HTML(string=broken).write_pdf(), broken)) == 2
    assert visual.unsearchable_tokens(HTML(string=whole).write_pdf(), whole) == []


def test_overlapping_tick_labels_are_found():
    fig, ax = charts._new_figure(2.0, 2.0)
    ax.plot(range(40), range(40))
    ax.set_xticks(range(40), [f"标签{i}" for i in range(40)])
    assert visual.chart_problems(fig) != []
    charts.plt.close(fig)
    points = pd.DataFrame({"ref_date": [f"{y}-12-31" for y in range(2012, 2026)], "value": range(14),
                           "qualifier": "exact"})
    fig = charts.series(points, pd.DataFrame({"ref_date": [], "value": []}), "x")
    assert visual.chart_problems(fig) == []
    charts.plt.close(fig)


# -- built reports ----------------------------------------------------------------------------------------------

REGIONS = ["530000", "532500", "131000", "230000"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from swtoolkit.reports import runner

    out = tmp_path_factory.mktemp("visual")
    return {code: runner.build_region(code, out=out) for code in REGIONS}


@pytest.mark.slow
@pytest.mark.parametrize("code", REGIONS)
def test_built_reports_pass_the_visual_checks(built, code):
    report = built[code]
    html = report.html.read_text(encoding="utf-8")
    problems = visual.layout_problems(html) + visual.unsearchable_tokens(report.pdf.read_bytes(), html)
    assert problems == []


@pytest.mark.slow
def test_every_chart_of_every_report_has_readable_ticks(monkeypatch):
    from swtoolkit.reports.batch import report_regions
    from swtoolkit.reports.content import RegionReport
    from swtoolkit.reports.inputs import load_clean

    problems, drawn = [], []
    real = charts.to_svg

    def checked(fig):
        drawn.append(fig)
        problems.extend(visual.chart_problems(fig, f"chart {len(drawn)}"))
        return real(fig)

    monkeypatch.setattr(charts, "to_svg", checked)
    for code in report_regions(load_clean()):
        report = RegionReport.load(code)
        for key in report.section_keys:
            report.show(key)
    assert drawn and problems == []
    assert matplotlib.get_backend().lower() == "agg"


def test_a_caption_broken_after_its_label_is_found():
    html = PAGE + "<figure><figcaption>图 1 Figure 1 " + "长标题 " * 3 + "<br>rest</figcaption></figure>"
    assert visual.layout_problems(html) == []
    broken = PAGE + "<figure><figcaption>图<br>1 Figure 1 标题</figcaption></figure>"
    assert any("caption broken" in p for p in visual.layout_problems(broken))
