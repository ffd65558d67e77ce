"""Stop 29 (lead): a web page's figure, located in words, still names its document as a statement."""

from __future__ import annotations

from swtoolkit import provenance
from swtoolkit.models.comparability import merge_facts, one_series, series_runs, stated_together
from tests.test_referee8_text import row  # one clean-row builder for the referee tests


def _web(fid: str, value: float, date: str, locator: str = "lead paragraph, holders nationwide", **extra) -> dict:
    return row(fid, "320000", "certified_social_workers", value, date, source_id=fid.rsplit("-", 1)[0],
               locator=locator, **extra)


def test_two_dated_figures_of_one_web_page_are_one_series():
    a, b = _web("WP901-01", 50000, "2019-12-31"), _web("WP901-02", 60000, "2021-12-31", "same paragraph, 2021")
    assert one_series(a, b).allowed
    assert series_runs([a, b]) == [0, 0]


def test_figures_of_two_web_pages_stay_separate_markers_and_the_refusal_names_both_pages():
    a, b = _web("WP901-01", 50000, "2019-12-31"), _web("WP902-01", 60000, "2021-12-31")
    decision = one_series(a, b)
    assert not decision.allowed and "WP901" in decision.reason and "WP902" in decision.reason
    assert series_runs([a, b]) == [0, 1]


def test_figures_located_in_words_are_never_taken_to_stand_together():
    """No offset to measure: one page's two word-located figures are not 'one passage' (seed offsets are)."""
    a, b = _web("WP901-01", 50000, "2019-12-31"), _web("WP901-02", 60000, "2021-12-31")
    assert not stated_together(a, b)
    seed_a = row("S003-000100", "320000", "certified_social_workers", 1, locator="100")
    seed_b = row("S003-000200", "320000", "certified_social_workers", 2, locator="200")
    assert stated_together(seed_a, seed_b)


def test_a_fact_restated_on_a_web_page_keeps_that_page_among_its_sources():
    seed = row("S003-000100", "320000", "certified_social_workers", 50000, locator="100")
    copy = _web("WP901-01", 50000, "2022-12-31", same_fact_as="S003-000100")
    merged = merge_facts([seed, copy])
    assert len(merged) == 1
    assert provenance.statement_sources(merged[0]) == ["S003", "WP901"]


def test_a_target_or_norm_whose_type_is_not_recorded_is_refused_not_read_as_a_level_or_a_rule():
    """Anything not fully understood is refused: a frame that lost target_type or norm_status (clean requires
    both) never reads as a level target or an adopted norm."""
    from swtoolkit.models.comparability import gap_gate, norm_gate

    level = row("S9-1", "530400", "township_stations", 90, "2022-06-30", unit="stations")
    target = row("S9-2", "530400", "township_stations", 100, "2025-12-31", kind="target", unit="stations")
    assert not gap_gate(level, target | {"target_type": ""}).allowed
    assert "no recorded target type" in gap_gate(level, target | {"target_type": ""}).rule
    assert gap_gate(level, target | {"target_type": "level"}).allowed
    norm = row("S9-3", "530400", "norm_staff_per_station", 2, kind="norm", unit="persons per station")
    assert not norm_gate(norm | {"norm_status": ""}).allowed
    assert "not recorded" in norm_gate(norm | {"norm_status": ""}).rule
    assert norm_gate(norm | {"norm_status": "adopted"}).allowed
