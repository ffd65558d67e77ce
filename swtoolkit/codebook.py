"""The codebook: one data file (`data/codebook.csv`) with every indicator's names, unit, definition family and
whether values add up across regions. Charts, reports and models take labels from here and never retype them."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from swtoolkit.errors import UnknownIndicatorError
from swtoolkit.paths import PACKAGE_DATA

CODEBOOK_FILE = PACKAGE_DATA / "codebook.csv"
#: ``change``: a change on an earlier period stated by the source (同比增长27.6%: a growth rate, never a share);
#: ``multiple``: a level as a multiple of an earlier period's (是2021年的1.79倍); ``difference``: an amount by which
#: a level or a rate went up or down (a monthly wage up by 将近400元, registrants 6.4万 more than the year before): a
#: difference of two levels, neither a stock nor a flow of people or money (editor 9 on R8b-1).
MEASURES = ("stock", "cumulative", "flow", "rate", "ratio", "norm", "change", "multiple", "difference")
#: What an indicator is to a report (codebook column ``role``), declared once per indicator:
#: ``subject`` — the workforce, stations and organisations a report is about; only these date a report ("data as
#: of"); ``denominator`` — population and administrative-division counts (the denominators of densities and
#: coverage: alone they make no report, and their own growth is never a key finding); ``context`` — figures about
#: something else that a report may show but that never date it (exam registrants, the size of a served group).
ROLES = ("subject", "denominator", "context")


@lru_cache(maxsize=1)
def codebook() -> pd.DataFrame:
    """The codebook indexed by key (columns name_zh, name_en, unit, family, measure, additive, definition (English),
    definition_zh (the same definition in Chinese, in the curators' words), role)."""
    table = pd.read_csv(CODEBOOK_FILE, dtype=str, keep_default_na=False)
    table["additive"] = table["additive"].map({"true": True, "false": False})
    return table.set_index("key")


def role_keys(role: str) -> tuple[str, ...]:
    """The codebook keys of one ``role`` (:data:`ROLES`), in codebook order."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; known: {ROLES}")
    book = codebook()
    return tuple(book.index[book["role"] == role])


#: Population and administrative-division counts (codebook role ``denominator``).
DENOMINATORS = role_keys("denominator")
#: Indicators whose figures may date a report (codebook role ``subject``): never exam registrants or denominators.
SUBJECT_INDICATORS = role_keys("subject")


def entry(key: str) -> pd.Series:
    """One indicator's codebook row; an unknown key is an error."""
    try:
        return codebook().loc[key]
    except KeyError:
        raise UnknownIndicatorError(f"unknown indicator {key!r}: not in {CODEBOOK_FILE.name}") from None


def label(key: str, lang: str = "both") -> str:
    """Bilingual label, Chinese first: '持证社会工作者 Certified social workers'."""
    row = entry(key)
    return {"zh": row["name_zh"], "en": row["name_en"]}.get(lang, f"{row['name_zh']} {row['name_en']}")


SCOPES_FILE = PACKAGE_DATA / "scopes.csv"


@lru_cache(maxsize=1)
def scopes() -> pd.DataFrame:
    """Definition scopes within indicators, indexed by key (columns indicators, name_zh, name_en, definition,
    definition_zh: the definition in Chinese, which the reports print first, R10b-9).

    A figure's ``scope`` names how its definition differs from the codebook's plain one (专兼职 staff together,
    民办 organisations only …); an empty scope is the codebook's definition. ``indicators`` lists the codebook keys
    a scope may qualify, separated by ``;``. Two figures of different scopes are never compared.
    """
    return pd.read_csv(SCOPES_FILE, dtype=str, keep_default_na=False).set_index("key")


def scope_label(key: str, lang: str = "zh") -> str:
    """The scope's name in one language ('' for the plain definition); an unknown key is an error."""
    if not key:
        return ""
    try:
        row = scopes().loc[key]
    except KeyError:
        raise UnknownIndicatorError(f"unknown scope {key!r}: not in {SCOPES_FILE.name}") from None
    return str(row["name_zh" if lang == "zh" else "name_en"])


SUBSETS_FILE = PACKAGE_DATA / "subsets.csv"


@lru_cache(maxsize=1)
def subsets() -> pd.DataFrame:
    """The parts a figure may be restricted to (figures.csv ``subset``, the curators' key, mostly English), indexed
    by that text, with their Chinese words (column name_zh) and English words (column name_en, no Chinese characters:
    a key such as "乡镇 only" keeps a source word, its English is "townships only"): one registry, so a Chinese
    table or sentence never names a part in English only (review R8a-22) and an English one never in Chinese
    (editor-11 E11-8)."""
    return pd.read_csv(SUBSETS_FILE, dtype=str, keep_default_na=False).set_index("subset")


def subset_label(subset: str, lang: str = "zh") -> str:
    """A part's words in one language ('' for the whole): the registry's Chinese (name_zh) or English (name_en).
    Raises UnknownIndicatorError for a part not in subsets.csv."""
    if not subset:
        return ""
    try:
        row = subsets().loc[subset]
    except KeyError:
        raise UnknownIndicatorError(f"unknown subset {subset!r}: not in {SUBSETS_FILE.name} (give it Chinese and "
                                    "English words there)") from None
    return str(row["name_zh"] if lang == "zh" else row["name_en"])


UNITS_FILE = PACKAGE_DATA / "units.csv"


@lru_cache(maxsize=1)
def units() -> pd.DataFrame:
    """The units table indexed by codebook unit (columns zh, en, written, alike, short).

    ``written`` lists, separated by ``;``, the unit words that count that kind of thing (persons: 人, 名, 位;
    households: 户, 家, 个; person-times: 人次, 名次). A word that counts another kind (户 for persons, 人 for
    person-times, 次 for persons) is not a word of the unit: such a figure belongs to the indicator that counts what
    the source counts. A figure written without a unit word fits any unit; percent figures carry none. ``alike``
    lists the words of the unit that are interchangeable when two figures are compared (人, 名, 位); two other words
    of one unit (个 and 支 for teams, 次 and 人次 for visits) are not compared. ``short`` lists clipped forms of
    the unit's own word (平方, 平米 for 平方米): accepted as written, printed as the unit's word.
    """
    return pd.read_csv(UNITS_FILE, dtype=str, keep_default_na=False).set_index("unit")


@lru_cache(maxsize=1)
def written_units() -> dict[str, frozenset[str]]:
    """Codebook unit → every unit word a figure of that unit may be written with (and '' for no word)."""
    return {unit: frozenset(w for w in str(row["written"]).split(";") if w) | {""}
            for unit, row in units().iterrows()}


def unit_of(key: str) -> str:
    """The unit an indicator counts (persons, households, person-times, activities, yuan …): the codebook's one
    declaration of it. Each indicator counts one kind; a figure in another kind belongs to another indicator.

    Raises
    ------
    UnknownIndicatorError
        ``key`` is not in the codebook.
    """
    return str(entry(key)["unit"])


def units_agree(a: str, b: str) -> bool:
    """True when two unit words as written count the same thing alike (人 and 名 do; 人 and 人次, 户 and 人, 个 and
    支 do not).

    Two words agree when they are equal, when either is empty (a figure with no unit word takes its indicator's
    unit), or when one codebook unit lists both in its ``alike`` column of units.csv, the one table of which words
    count alike.
    """
    if not a or not b or a == b:
        return True
    return any(a in words and b in words for words in _alike_words())


@lru_cache(maxsize=1)
def _alike_words() -> tuple[frozenset[str], ...]:
    return tuple(frozenset(w for w in str(row["alike"]).split(";") if w) for _, row in units().iterrows())
