"""A report notebook records its own claims (hidden claims-record cell); the build's audit reads them back."""

import nbformat

from swtoolkit.reports import audit
from swtoolkit.reports.runner import HIDDEN_TAGS


def _notebook(text: str, tag: str = audit.CLAIMS_RECORD_TAG):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print(claims_record(report))", metadata={"tags": [tag]})
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
    nb.cells = [cell]
    return nb


def test_recorded_claims_round_trip_and_refuse_what_is_not_a_claim_list():
    claim = audit.Claim("530100", "findings", "sentence", "一句 A sentence", "S003-000001;S003-000002", "gate")

    class Report:  # a RegionReport's ledger
        claims = [claim]

    table = audit.recorded_claims(_notebook(audit.claims_record(Report())))
    assert table.to_dict("records") == [claim.__dict__]
    assert audit.recorded_claims(_notebook("not json")) is None
    assert audit.recorded_claims(_notebook('[{"report": "x"}]')) is None  # not every column
    assert audit.recorded_claims(_notebook("[]", tag="build-record")) is None  # no claims-record cell


def test_a_comparison_ledger_is_listed_as_the_comparison_report():
    class Half:
        claims = [audit.Claim("000000", "provinces", "table_row", "t", "f", "g")]

    class Comparison:
        national = Half()

    assert [c.report for c in audit.report_ledger(Comparison())] == ["comparison"]


def test_the_record_cell_is_left_out_of_the_published_report():
    assert audit.CLAIMS_RECORD_TAG in HIDDEN_TAGS
