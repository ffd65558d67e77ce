"""Referee refpref (issue 11, session 2026-12-02: the Yunnan prefecture reports, Tangshan, Xingtai, Langfang and
Shenzhen): two curation kinds, each tested on small synthetic text or rows and checked over the real raw table
against the seed texts.

- A count with no subject of its own, in a sentence whose earlier clause orders or mobilises a narrower group
  (社工站从业人员 …) to do what the count counts, is not silently the region's whole: whose count it is stays open
  (scope ``unclear_scope``) unless the curator records a part (Dali's 713 registrants after the mobilising of
  station staff, once shown as all of Dali's registrants).
- A part the curation notes record is carried by a column a report prints (``subset``), so that the report says
  it: Wenshan's 7 incubated organisations are of the child-service type only; Yunnan's near-500万 is the sum of
  several named prefectures, not the province's.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw" / "figures.csv"
CLEAN = ROOT / "data" / "clean" / "figures.csv"

# ---- a subjectless count after a narrower group's mobilisation clause ---------------------------------------------

#: Groups narrower than a region's whole population of a count (its station staff, cadres, certified workers …).
_GROUP = re.compile(r"(社工站(?:从业|工作)人员|社工站人员|驻站社工|村（社区）干部|持证社工|民政干部|站长)")
#: Words by which a clause orders, urges or mobilises a group.
_MOBILISE = re.compile(r"动员|要求|引导|鼓励|组织|发动")
#: Words by which a clause names the whole region as its subject.
_WHOLE = re.compile(r"全州|全市|全省|全县|全区|我州|我市|我省|我县|全国")
#: A clause opening that gives a total with no subject of its own.
_SUBJECTLESS = re.compile(r"^\s*(共有|共计|共|合计|累计)")


def mobilised_group(before: str) -> str | None:
    """The narrower group a count may belong to, read from ``before`` (the text of the count's sentence up to the
    figure): the group named in an earlier clause that orders or mobilises it, when the count's own clause opens
    with a bare total (共有, 共计 …) and names no whole region; None otherwise."""
    sentence = re.split(r"[。；！？]", before)[-1]
    clauses = re.split(r"[，,]", sentence)
    own, earlier = clauses[-1], clauses[:-1]
    if not _SUBJECTLESS.match(own) or _WHOLE.search(own):
        return None
    for clause in reversed(earlier):
        group = _GROUP.search(clause)
        if group and _MOBILISE.search(clause):
            return group.group(1)
    return None


@pytest.mark.parametrize(("before", "group"), [
    # Dali: the bureau orders station staff to sit the exam, its heads mobilise them, then 共有 N 人报考
    ("通知要求社工站从业人员应考，局领导动员社工站从业人员报名，共有 ", "社工站从业人员"),
    ("各县引导社工站工作人员应考，共计 ", "社工站工作人员"),
    ("2022 年全市共计 ", None),                                  # Qujing: the whole city is the subject
    ("今年全州共报名参考人员 ", None),                            # Dehong
    ("局领导动员社工站从业人员报名，全州共有 ", None),     # the count's own clause names the whole
    ("经过宣传和动员，去年共有 ", None),                      # no narrower group named
    ("社工站从业人员参加了培训，共有 ", None),                   # a group, but not ordered or mobilised
    ("动员社工站从业人员报名。全州共有 ", None),               # a new sentence with its own subject
])
def test_mobilised_group_is_read_from_the_earlier_clause(before, group):
    assert mobilised_group(before) == group


def test_real_counts_after_a_mobilised_group_say_whose_they_are(joined_texts):
    """A prefecture's or province's seed count of people with no place and no part, whose sentence mobilises a
    narrower group before a bare total, keeps whose count it is open (scope unclear_scope)."""
    clean = pd.read_csv(CLEAN, dtype=str, keep_default_na=False)
    rows = clean[clean["source_id"].isin(joined_texts) & clean["region_level"].isin(["prefecture", "province"])
                 & clean["unit"].eq("persons") & clean["place"].eq("") & clean["subset"].eq("")
                 & clean["kind"].isin(["actual", "increment", "cumulative"])]
    bad, seen = [], []
    for r in rows.to_dict("records"):
        group = mobilised_group(joined_texts[r["source_id"]][:int(r["locator"])])
        if group:
            seen.append(r["figure_id"])
            if r["scope"] != "unclear_scope":
                bad.append(f"{r['figure_id']} {r['value_as_written']} after {group}")
    assert not bad, bad
    assert "S003-037417" in seen


def test_dali_registrants_are_not_said_to_be_all_of_dali():
    """The report's scope words for the 713 say the count's reach is unclear, in both languages."""
    from swtoolkit.reports import phrasing

    clean = pd.read_csv(CLEAN, dtype=str, keep_default_na=False).set_index("figure_id")
    row = clean.loc["S003-037417"].to_dict()
    assert row["scope"] == "unclear_scope"
    assert "不明" in phrasing.scope_note(row, "zh") and "not clear" in phrasing.scope_note(row, "en")


# ---- a part the notes record is a part the report prints ----------------------------------------------------------

#: Curation notes that say a column still has to record what they describe.
_UNDONE = re.compile(r"subset should|should be (?:a|the) subset|to record in subset|TODO", re.I)


def notes_left_undone(rows: pd.DataFrame) -> list[str]:
    """Figure ids whose notes say the row's part is still to be recorded while its subset is empty."""
    return rows[rows["subset"].eq("") & rows["notes"].str.contains(_UNDONE)]["figure_id"].tolist()


def test_notes_left_undone_are_found():
    rows = pd.DataFrame({"figure_id": ["A-1", "A-2", "A-3"], "subset": ["", "x", ""],
                         "notes": ["a sum of three towns; subset should say so", "subset should say so", "fine"]})
    assert notes_left_undone(rows) == ["A-1"]


@pytest.mark.parametrize("path", [RAW, ROOT / "data" / "raw" / "web" / "provincial_figures.csv",
                                  ROOT / "data" / "raw" / "web" / "national_figures.csv"])
def test_no_raw_row_leaves_its_part_to_the_notes(path):
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert not notes_left_undone(rows)


@pytest.mark.parametrize(("figure_id", "zh", "en"), [
    ("S003-033319", "儿童服务类", "child-service"),
    ("S003-001584", "几个州（市）的合计", "several named prefectures"),
])
def test_real_parts_are_printed(figure_id, zh, en):
    from swtoolkit.reports import phrasing

    clean = pd.read_csv(CLEAN, dtype=str, keep_default_na=False).set_index("figure_id")
    note = phrasing.subset_note(clean.loc[figure_id].to_dict())
    assert zh in note and en in note
