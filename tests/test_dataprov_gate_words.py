"""Every decision the comparability gate allows is worded for the audit's readers (dataprov, issue 11).

New provincial station rows put two dated figures 30 days apart into a national table; the gate's allowed
reason 'dated at most 30 days apart' had no words, so the audit printed the pointer '另一项审核规则' instead of
a sentence. The kind: an allowed reason written in swtoolkit/models/comparability.py with no pattern in
phrasing.DECISIONS. This test reads every ``_allow(…, "…")`` reason in that module, fills its placeholders with
a small number and checks that it is worded; synthetic, so it fails when a new reason is added unworded.
"""
import ast
import re
from pathlib import Path

from swtoolkit.models import comparability
from swtoolkit.reports import phrasing


def _allowed_reasons() -> list[str]:
    tree = ast.parse(Path(comparability.__file__).read_text(encoding="utf-8"))
    reasons = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_allow" and len(node.args) >= 2:
            arg = node.args[1]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                reasons.append(arg.value)
            elif isinstance(arg, ast.JoinedStr):
                reasons.append("".join(v.value if isinstance(v, ast.Constant) else "3" for v in arg.values))
    return reasons


def test_the_module_allows_with_reasons():
    reasons = _allowed_reasons()
    assert len(reasons) >= 8
    assert "dated at most 3 days apart" in reasons


def test_every_allowed_reason_of_the_gate_is_worded():
    for reason in _allowed_reasons():
        said = phrasing.decision_words(reason)
        assert said is not None, reason
        zh, en = said
        assert zh and en and not re.search(r"[A-Za-z]{3,}", zh), (reason, zh)


def test_gate_words_never_fall_back_on_a_close_in_time_decision():
    zh, en = phrasing.gate_words("dated at most 30 days apart; one definition scope")
    assert "另一项审核规则" not in zh and "30天" in zh and "30 days" in en
    zh, _ = phrasing.gate_words("stated together in one passage of one document")
    assert "另一项审核规则" not in zh and "同一段落" in zh


def test_ratio_table_part_headers_are_bilingual():
    """The league table of a ratio (staff per station, …) headed its numerator and denominator columns in Chinese
    only ('社工站工作人员（分子）'); every header of a report is in Chinese and English (scripts/check_report_text)."""
    from swtoolkit.reports.content import RATIOS, ratio_part_headers

    for numerator, denominator, *_ in RATIOS:
        for head in ratio_part_headers(numerator, denominator):
            assert re.search(r"[\u4e00-\u9fff]", head) and re.search(r"[A-Za-z]{3,}", head), head
        num, den = ratio_part_headers(numerator, denominator)
        assert "分子" in num and "numerator" in num and "分母" in den and "denominator" in den
