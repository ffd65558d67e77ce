"""Editor s28: the reports read as a publisher's editor would; each kind tested on small synthetic rows.

S28-1: an undated figure read "undated (in a document of about July 2022)" / "日期未注明（见于约2022年7月的文件）",
       as if the figure were of that month; one wording now says the figure has no date and the document has one.
"""
from __future__ import annotations

import pytest

from tests.test_editor12_text import _check_module, _check_page
from tests.test_semantics import _row


def _undated(estimated: bool = True, **extra):
    row = dict(_row("S003-990700", 349, "2022-07-31", basis="undated", indicator="station_staff",
                    value_as_written="349名", unit_as_written="名", **extra))
    row["date_estimated"] = "True" if estimated else "False"
    return row


@pytest.mark.parametrize("estimated", [True, False])
def test_an_undated_figure_says_it_has_no_date_and_its_document_has_one(estimated):
    from swtoolkit.reports import phrasing

    row = _undated(estimated)
    zh, en = phrasing.figure_date(row), phrasing.figure_date(row, "en")
    assert zh.startswith("未注明日期（文件日期") and "见于" not in zh, zh
    assert en.startswith("undated (document dated ") and "in a document of" not in en, en
    assert ("约为" in zh) == estimated and ("about" in en) == estimated, (zh, en)


def test_an_undated_level_sentence_reads_naturally_in_both_languages():
    from swtoolkit.reports import phrasing

    zh, en = phrasing.level_sentence("某市", "X", _undated())
    assert zh.endswith("（原文未注明日期；文件日期约为2022年7月）。"), zh
    assert en.endswith("(undated in the source; the document is dated about July 2022)."), en
    assert ", undated" not in en and "in a document of" not in en, en


def test_the_build_check_flags_the_old_undated_wording():
    page = _check_page("<ul><li>某市社工站工作人员为349名（日期未注明（见于约2022年7月的文件））。 "
                       "X had 349 station staff, undated (in a document of about July 2022).</li></ul>")
    found = [p for p in _check_module().problems(page) if ": undated:" in p]
    assert len(found) == 2, found
