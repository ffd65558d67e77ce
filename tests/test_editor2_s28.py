"""Editor2 s28: kinds of wording fault in the reports layer, each tested on small synthetic rows."""
from __future__ import annotations

import re

from swtoolkit.reports import phrasing
from tests.test_semantics import _row

NESTED = re.compile(r"（[^（）]*（[^（）]*）[^（）]*）")


def _doc(fid: str, value: float = 82, estimated: bool = True, **kw) -> dict:
    """A station count dated by its document (July 2022, estimated or not)."""
    return _row(fid, value, "2022-07-31", basis="document", kind="stock", indicator="township_stations",
                date_as_written="目前", ref_date_low="2022-07-01", ref_date_precision="period",
                date_estimated=estimated, **kw)


# ---- 1: a date bracketed after a figure holds no bracket of its own ------------------------------------------------

def test_flat_date_opens_inner_brackets_into_commas():
    assert phrasing.flat_date("截至文件日期（约2022年7月）") == "截至文件日期，约2022年7月"
    assert phrasing.flat_date("2021年（至文件日期2022年7月）") == "2021年，至文件日期2022年7月"
    assert phrasing.flat_date("截至文件日期（2022年7月），口径") == "截至文件日期，2022年7月，口径"
    assert phrasing.flat_date("截至2022年底") == "截至2022年底"
    assert phrasing.date_bracket("截至文件日期（约2022年7月）") == "（截至文件日期，约2022年7月）"
    assert phrasing.date_bracket("") == ""


def test_joined_figures_never_nest_a_date_bracket():
    one, other = _doc("X-1"), _doc("X-2", 66, estimated=False)
    assert phrasing.figure_date(one).startswith("截至文件日期（")  # the date words keep their own form
    for rows in ([one], [one, other], [one, _doc("X-3", 70)]):
        said = phrasing.joined_figures(rows)
        assert "截至文件日期" in said and not NESTED.search(said), said


def test_a_chart_caption_marks_an_estimated_month_with_about_not_a_bracket():
    from swtoolkit.reports.content import chart_span

    est = {"ref_date": "2022-07-31", "ref_date_low": "2022-07-01", "ref_date_high": "2022-07-31",
           "date_basis": "document", "ref_date_precision": "month", "date_estimated": "True"}
    assert chart_span([est]) == "约2022年7月" and "（" not in chart_span([est])
    assert chart_span([est], "en") == "about July 2022"


# ---- 2: a long line of refused figures is split by reason, each line with its own ids ----------------------------

def _refused(n: int) -> list[dict]:
    rows = []
    for i in range(n):
        rows.append({"figure_id": f"X-{i:02d}a", "indicator": "", "column": "indicator", "reason": "indicator_key",
                     "value": "exam_pass_rate", "language": "", "figure": "", "kind": "actual", "date": ""})
        rows.append({"figure_id": f"X-{i:02d}b", "indicator": "certified_sw", "column": "date_as_written",
                     "reason": "date", "value": f"{2010 + i}年度累計说法{i}", "language": "",
                     "figure": f"{i}3.2萬人", "kind": "actual", "date": ""})
        rows.append({"figure_id": f"X-{i:02d}c", "indicator": "certified_sw", "column": "value",
                     "reason": "foreign_language", "value": f"mais de {i} mil", "language": "pt",
                     "figure": "", "kind": "actual", "date": "2018年"})
        rows.append({"figure_id": f"X-{i:02d}d", "indicator": "exam_registrants", "column": "date_as_written",
                     "reason": "date", "value": "2021", "language": "", "figure": "829,000", "kind": "actual",
                     "date": ""})
    return rows


def test_a_long_refusal_line_is_split_by_reason_with_each_lines_ids():
    import pandas as pd

    from swtoolkit.reports.content import REFUSAL_LINE_MAX_ZH, refusal_lines, refusal_sentence

    left = pd.DataFrame(_refused(8))
    whole = refusal_sentence(left)
    lines = refusal_lines(left)
    assert len(lines) == 5, lines  # the head and one line per reason
    head, ids = lines[0]
    assert "32条" in head and "data/checks.csv" in head and sorted(ids) == sorted(left["figure_id"])
    for text, own in lines[1:]:
        zh = text.split(" Set aside", 1)[0]
        assert len(zh) <= REFUSAL_LINE_MAX_ZH, zh
        assert zh.removeprefix("数据清理中拒收：").rstrip("。") in whole  # the same words as the one line
        assert own and len(own) == 8 and set(own) < set(left["figure_id"])
    assert sorted(sum((own for _, own in lines[1:]), [])) == sorted(left["figure_id"])


def test_a_short_refusal_line_stays_one_line():
    import pandas as pd

    from swtoolkit.reports.content import refusal_lines, refusal_sentence

    left = pd.DataFrame(_refused(1)[:2])
    assert refusal_lines(left) == [(refusal_sentence(left), ["X-00a", "X-00b"])]


# ---- 3: the audit's words of a refusal name the indicator of the claim's figures ----------------------------------

def test_the_audit_names_the_indicator_of_a_refusal():
    import pandas as pd

    from swtoolkit.reports.audit import with_words

    clean = pd.DataFrame([{"figure_id": "Y-01", "indicator": "exam_registrants"},
                          {"figure_id": "Y-02", "indicator": "exam_registrants"}])
    gates = ("refused: cagr applies to stocks and cumulative counts, not a flow (an amount in a period) "
             "(Exam registrants); fallback: level")
    table = pd.DataFrame([{"report": "000000", "block": "findings", "kind": "refusal", "text": "x",
                           "figure_ids": "Y-01;Y-02", "gates": gates}])
    said = with_words(table, clean).iloc[0]
    name_en, name_zh = phrasing.indicator_name("exam_registrants", "en"), phrasing.indicator_name("exam_registrants")
    assert not said["gates_en"].startswith("The indicator") and said["gates_en"].startswith(name_en[:1].upper())
    assert name_en.lower() in said["gates_en"].lower() and name_zh in said["gates_zh"], said.to_dict()


def test_english_date_words_inside_a_bracket_are_flat_too():
    assert phrasing.flat_date_en("as of November 2021 (the document's date)") == \
        "as of November 2021, the document's date"
    assert phrasing.flat_date_en("up to the document's date (July 2022) (start not stated)") == \
        "up to the document's date, July 2022, start not stated"
    assert phrasing.flat_date("至文件日期（2022年7月）（起始未注明）") == "至文件日期，2022年7月，起始未注明"
    said = phrasing.joined_figures([_doc("X-1"), _doc("X-2", 66, estimated=False)], "en")
    assert said.count("(") == 2 and not re.search(r"\([^()]*\(", said), said
