"""The codebook: one data file (`data/codebook.csv`) with every indicator's names, unit, definition family and
whether values add up across regions. Charts, reports and models take labels from here and never retype them."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from swtoolkit.errors import UnknownIndicatorError
from swtoolkit.paths import PACKAGE_DATA

CODEBOOK_FILE = PACKAGE_DATA / "codebook.csv"
MEASURES = ("stock", "cumulative", "flow", "rate", "ratio", "norm")
#: What an indicator is to a report (codebook column ``role``), declared once per indicator:
#: ``subject`` — the workforce, stations and organisations a report is about; only these date a report ("data as
#: of"); ``denominator`` — population and administrative-division counts (the denominators of densities and
#: coverage: alone they make no report, and their own growth is never a key finding); ``context`` — figures about
#: something else that a report may show but that never date it (exam registrants, the size of a served group).
ROLES = ("subject", "denominator", "context")


@lru_cache(maxsize=1)
def codebook() -> pd.DataFrame:
    """The codebook indexed by key (columns name_zh, name_en, unit, family, measure, additive, definition, role)."""
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
    """Definition scopes within indicators, indexed by key (columns indicators, name_zh, name_en, definition).

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


UNITS_FILE = PACKAGE_DATA / "units.csv"


@lru_cache(maxsize=1)
def units() -> pd.DataFrame:
    """The units table indexed by codebook unit (columns zh, en, written, also_written).

    ``written`` lists, separated by ``;``, the unit words a figure of that unit may be written with (persons: 人, 名,
    位); ``also_written`` the near-synonyms the sources use where they count loosely (persons written as 人次 or 户),
    accepted and kept in ``unit_as_written``, so that a figure written in a near-synonym is never compared with one
    written in the unit itself. A figure written without a unit word fits any unit; percent figures carry none.
    """
    return pd.read_csv(UNITS_FILE, dtype=str, keep_default_na=False).set_index("unit")


@lru_cache(maxsize=1)
def written_units() -> dict[str, frozenset[str]]:
    """Codebook unit → every unit word a figure of that unit may be written with (written and also_written)."""
    table = units()
    return {unit: frozenset(w for w in f"{row['written']};{row['also_written']}".split(";") if w) | {""}
            for unit, row in table.iterrows()}
