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


def test_a_gap_before_rows_that_cannot_fit_it_is_forced_not_a_fault():
    """A page half empty because the next page opens with a two-row table taller than the gap (its last row is
    never left alone) is how a typesetter would lay it out; the same gap before a page break by choice is a fault."""
    text = "<p>" + "数据 " * 150 + "</p>"  # 46% of the page
    row = "<tr><td><div style='height: 45mm'>行</div></td></tr>"
    tall = (PAGE + "<style>tbody tr:last-child { break-before: avoid; }</style>" + text
            + f"<table><tbody>{row}{row}</tbody></table><p>{'数据 ' * 600}</p>")
    assert not any("half empty" in p for p in visual.layout_problems(tall))
    chosen = PAGE + text + "<p style='break-before: page'>" + "数据 " * 600 + "</p><p>末页</p>"
    assert any("half empty" in p for p in visual.layout_problems(chosen))


def test_a_gap_before_a_table_and_its_whole_note_that_cannot_fit_it_is_forced_not_a_fault():
    """Jiangsu p. 6 (stop 28): two rows that fit the gap, but with the short note kept whole under them
    (blocks.WHOLE_NOTE_CHARS) they do not; the same rows under a note that may split leave no such gap."""
    text = "<p>" + "数据 " * 150 + "</p>"  # 46% of the page
    row = "<tr><td><div style='height: 25mm'>行</div></td></tr>"
    note = "资料来源 Source. " * 10

    def page(css: str) -> str:
        return (PAGE + "<style>tbody tr:last-child { break-before: avoid; } figure .source-note { break-before: avoid }"
                " .source-note.whole { break-inside: avoid; }</style>" + text
                + f"<figure class='table'><table><tbody>{row}{row}</tbody></table>"
                f"<p class='{css}'>{note}</p></figure><p>{'数据 ' * 600}</p>")
    assert not any("half empty" in p for p in visual.layout_problems(page("source-note whole")))
    assert not any("half empty" in p for p in visual.layout_problems(page("source-note")))


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

REGIONS = ["000000", "530000", "532500", "131000", "230000", "310000"]


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
    problems = (visual.layout_problems(html) + visual.unsearchable_tokens(report.pdf.read_bytes(), html)
                + visual.chart_caption_problems(html) + visual.number_style_problems(html))
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


# -- kinds an editor sent back (issue 15, second pass) ----------------------------------------------------------

def test_a_page_of_only_back_matter_is_found_last_page_included():
    filler = "<p>" + "数据 " * 700 + "</p>"
    cite_alone = (PAGE + filler + "<div class='cite' style='break-before: page'><p>引用 cite</p></div>"
                  "<footer class='repro'><p>可复现信息 Reproducibility</p></footer>")
    assert any("(the last) holds only the citation and reproducibility footer" in p
               for p in visual.layout_problems(cite_alone))
    notes = PAGE + filler + "<p class='source-note' style='break-before: page'>" + "资料来源 Source " * 5 + "</p>" \
        + "<p style='break-before: page'>正文 text</p>"
    found = [p for p in visual.layout_problems(notes) if "holds only" in p]
    assert len(found) == 1 and found[0].endswith("holds only the source note") and "last" not in found[0]
    content_last = PAGE + filler + "<p>结尾 text</p><footer class='repro'><p>可复现信息</p></footer>"
    assert not any("holds only" in p for p in visual.layout_problems(content_last))


def _chart_figure(text_in_chart: str, caption: str) -> str:
    fig, ax = charts._new_figure(3.0, 2.0)
    ax.plot([1, 2, 3], [1, 2, 3])
    ax.set_title(text_in_chart)
    return (f"<figure class='chart'><figcaption>图 1 Figure 1 {caption} <a class='data-link'>数据 Data (CSV)</a>"
            f"</figcaption><img src='{charts.to_svg(fig)}'/></figure>")


def test_a_chart_repeating_its_caption_is_found():
    caption = "持证社会工作者 Certified social workers"
    assert visual.chart_caption_problems(_chart_figure(caption, caption)) != []
    assert visual.chart_caption_problems(_chart_figure("单位：人 Unit: persons", caption)) == []


def test_mixed_number_styles_in_a_column_are_found():
    def html(cells, written=False):
        frame = pd.DataFrame({"数值 Value": cells})
        from swtoolkit.reports.blocks import table
        return table(frame, "表 1", "n", numeric=("数值 Value",), written=("数值 Value",) if written else ()).body

    assert visual.number_style_problems(html(["1.5万", "15,000", "23.6%"])) != []
    assert visual.number_style_problems(html(["27,038,306", "25.8%", "2023.8"])) != []
    assert visual.number_style_problems(html(["more than 150 persons", "162"])) != []
    assert visual.number_style_problems(html(["27.1%", "24.2%", ">0.05%"])) == []
    assert visual.number_style_problems(html(["≈154,000 人", "27.6%", "2.5 人/站"], written=True)) == []
    assert visual.number_style_problems(html(["1.5万", "15,000"], written=True)) != []


@pytest.mark.parametrize("code", ["000000", "530000", "320000", "532500"])
def test_report_charts_name_units_and_tables_keep_one_number_style(code):
    """Built in-process (no kernel): no chart repeats its caption, no numeric column mixes styles, and no
    denominator (population, division counts) is charted or gets a growth row."""
    from swtoolkit.codebook import DENOMINATORS
    from swtoolkit.reports.content import RegionReport

    report = RegionReport.load(code)
    html = "".join(report.show(key).body for key in report.section_keys)
    assert visual.chart_caption_problems(html) == []
    assert visual.number_style_problems(html) == []
    indicator = dict(zip(report.clean["figure_id"], report.clean["indicator"], strict=True))
    for claim in report.claims:
        if claim.kind in ("chart", "cards") or claim.block == "growth":
            shown = {indicator.get(i) for i in claim.figure_ids.split(";") if i}
            assert not shown & set(DENOMINATORS), claim.text


def test_a_tables_last_row_alone_on_a_page_is_found_and_the_css_prevents_it():
    from swtoolkit.paths import PACKAGE_DIR

    rows = "".join(f"<tr><td>行 r{i}</td></tr>" for i in range(6))
    body = "<div style='height: 95mm'></div><table><thead><tr><th>表头</th></tr></thead><tbody>" + rows + \
        "</tbody></table><p>后文 text</p>"
    assert any("last row stands alone" in p for p in visual.layout_problems(PAGE + body))
    rule = "tbody tr:last-child { break-before: avoid; }"
    assert rule in (PACKAGE_DIR / "reports" / "report.css").read_text()
    assert not any("last row" in p for p in visual.layout_problems(PAGE + f"<style>{rule}</style>" + body))


def test_a_source_note_never_starts_a_page_of_its_own():
    """A table's note and the footer after it stay with the table's last rows (report.css), so no last page holds
    only the note and the footer."""
    from swtoolkit.paths import PACKAGE_DIR

    css = (PACKAGE_DIR / "reports" / "report.css").read_text()
    rules = "figure .source-note { break-before: avoid; } footer.repro { break-before: avoid; } " \
        "tbody tr:last-child { break-before: avoid; } tr { break-inside: avoid }"
    assert "figure .source-note { break-before: avoid; }" in css
    rows = "".join(f"<tr><td>行 r{i}</td></tr>" for i in range(8))
    for height in range(70, 112, 6):
        html = (PAGE + f"<style>{rules}</style><div style='height: {height}mm'></div><figure class='table'><table>"
                f"<tbody>{rows}</tbody></table><p class='source-note'>资料来源 Source: 注 note</p></figure>"
                "<footer class='repro'><p>可复现信息 Reproducibility</p></footer>")
        assert not any("holds only" in p for p in visual.layout_problems(html)), height


def test_a_source_note_under_a_table_never_leaves_its_tail_alone_on_the_last_page():
    """CI, stop 28 (Honghe p. 13): the note under the data appendix broke after two lines, and its tail and the
    reproducibility footer made a last page of back matter alone. With the report's own blocks and stylesheet a
    short note stays whole with its table's last rows, however many rows come before it; a note longer than
    blocks.WHOLE_NOTE_CHARS may run on (kept whole it would leave the page before half empty: China p. 7)."""
    from pathlib import Path

    from swtoolkit.reports import blocks

    css = (Path(visual.__file__).parent / "report.css").read_text(encoding="utf-8")
    short = "资料来源 Source note, 未注明日期 undated. " * 12
    assert len(short) <= blocks.WHOLE_NOTE_CHARS < len(short * 3)
    assert "source-note whole" in blocks.table(pd.DataFrame({"a": [1]}), "表", short).body
    assert "source-note whole" not in blocks.table(pd.DataFrame({"a": [1]}), "表", short * 3).body
    footer = "<footer class='repro'><p>可复现信息 Reproducibility: " + "sha256 " * 10 + "</p></footer>"
    for rows in range(22, 40):
        frame = pd.DataFrame({"编号": [f"S003-{i:06d}" for i in range(rows)], "值": list(range(rows))})
        figure = blocks.table(frame, "表 1 Table 1", short).body
        html = f"<style>{css} @page {{ size: A6; margin: 10mm }}</style>{figure}{footer}"
        assert not any("holds only" in p for p in visual.layout_problems(html)), rows
