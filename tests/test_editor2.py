"""Editor 2 (2026-12-02): what a publisher would not print, by kind, each with synthetic rows."""
import datetime as dt

import pandas as pd
import pytest

#: Project words a reader cannot follow: the cleaning's grammar, the codebook by its file name, a checks.csv column
#: value given as '检查类型 refused', and 'model runs'. 'set aside in data cleaning' / '在数据清理中被拒收' are plain.
JARGON = ("清洗语法", "语法", "grammar", "代码表", "codebook", "检查类型", "check 'refused'", "check 'conflict'",
          "清洗步骤", "清洗检查", "模型计算", "model run", "models was run")


def _jargon(text: str) -> list[str]:
    return [w for w in JARGON if w in text]


@pytest.mark.parametrize(("reason", "column", "value", "language"), [
    ("foreign_language", "value", "over 10,000", "en"),
    ("foreign_language", "date_as_written", "By the end of 2017", "en"),
    ("date", "date_as_written", "5年前", ""),
    ("date", "date_as_written", "2025", ""),
    ("value", "value", "兩三千人", ""),
    ("not_a_unit", "value", "100%覆盖", ""),
    ("indicator_key", "indicator", "exam_pass_rate", ""),
    ("scope_key", "scope", "brand_new_scope", ""),
    ("unit", "value", "63户", ""),
])
def test_a_refusal_line_says_why_in_plain_words(reason, column, value, language):
    from swtoolkit.reports.content import refusal_sentence

    row = {"figure_id": "X-01", "indicator": "" if reason == "indicator_key" else "certified_sw",
           "column": column, "reason": reason, "value": value, "language": language,
           "figure": "" if column == "value" else "63家", "kind": "actual", "date": "2018年"}
    said = refusal_sentence(pd.DataFrame([row]))
    assert not _jargon(said), (_jargon(said), said)
    assert "在数据清理中被拒收" in said and "set aside in data cleaning" in said  # both halves say the same
    assert "data/checks.csv" in said  # where the rows are listed stays


@pytest.mark.parametrize(("allowed", "refused"), [(0, 0), (0, 1), (0, 5), (2, 0)])
def test_a_no_findings_sentence_names_calculations_not_model_runs(allowed, refused):
    from swtoolkit.reports.phrasing import no_findings_sentence

    zh, en = no_findings_sentence("某省", "Someprovince", ("certified_sw",), allowed=allowed, refused=refused)
    assert not _jargon(zh + en), (zh, en)
    assert "模型" not in zh and " model" not in en


def test_an_unnamed_model_is_a_calculation():
    from swtoolkit.reports.phrasing import _model_words

    assert _model_words("") == ("计算", "calculation")


def test_the_read_and_refused_definition_has_no_grammar():
    from swtoolkit.reports.content import methods_items

    items = [i for i in methods_items(dt.date(2026, 12, 2)) if "“读入”" in i]
    assert items and not _jargon(items[0]), items
