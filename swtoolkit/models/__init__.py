"""Growth and gap models over the clean table (MODELS.md): thin code around statsmodels/scipy, plus a gatekeeper.

Public entry points: the number functions (:func:`cagr`, :func:`required_growth`, :func:`gini`, :func:`theil`,
returning plain floats, rates as fractions), the model functions returning small result objects, and
:func:`fit_all`, which returns one tidy results table for the whole clean dataset.

Submodules load on first use (PEP 562): a report that only reads ratios or a saved results table does not pay
for importing statsmodels and scipy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from swtoolkit._lazy import lazy_exports

_EXPORTS = {
    "AttainmentResult": "swtoolkit.models.gaps",
    "BandSettings": "swtoolkit.models.series",
    "Context": "swtoolkit.models.results",
    "Decision": "swtoolkit.models.gatekeeper",
    "GROWTH_MODELS": "swtoolkit.models.growth",
    "GapResult": "swtoolkit.models.gaps",
    "LogLinearResult": "swtoolkit.models.growth",
    "ModelResult": "swtoolkit.models.results",
    "NormInput": "swtoolkit.models.gaps",
    "OUTPUT_COLUMNS": "swtoolkit.models.results",
    "RULES": "swtoolkit.models.gatekeeper",
    "SeriesData": "swtoolkit.models.series",
    "Summary": "swtoolkit.models.results",
    "UnknownModelError": "swtoolkit.models.growth",
    "attainment_year": "swtoolkit.models.gaps",
    "beta_convergence": "swtoolkit.models.inequality",
    "cagr": "swtoolkit.models.growth",
    "decide": "swtoolkit.models.gatekeeper",
    "decide_all": "swtoolkit.models.gatekeeper",
    "decide_beta": "swtoolkit.models.gatekeeper",
    "decide_mixed": "swtoolkit.models.gatekeeper",
    "decimal_year": "swtoolkit.models.timebase",
    "delta_attainment": "swtoolkit.models.gaps",
    "fieller_attainment": "swtoolkit.models.gaps",
    "fit_all": "swtoolkit.models.fit",
    "fit_cagr": "swtoolkit.models.growth",
    "fit_ets": "swtoolkit.models.ets",
    "fit_level": "swtoolkit.models.growth",
    "fit_logistic": "swtoolkit.models.logistic",
    "fit_loglinear": "swtoolkit.models.growth",
    "fit_mixed": "swtoolkit.models.mixed",
    "fit_projection": "swtoolkit.models.growth",
    "holt_forecast": "swtoolkit.models.ets",
    "from_frame": "swtoolkit.models.series",
    "gap_to_target": "swtoolkit.models.gaps",
    "get_growth_model": "swtoolkit.models.growth",
    "gini": "swtoolkit.models.inequality",
    "implied_denominator": "swtoolkit.models.gaps",
    "inequality": "swtoolkit.models.inequality",
    "project": "swtoolkit.models.growth",
    "required_growth": "swtoolkit.models.growth",
    "required_vs_historical": "swtoolkit.models.gaps",
    "series_from_values": "swtoolkit.models.series",
    "sigma_convergence": "swtoolkit.models.inequality",
    "staffing_gap": "swtoolkit.models.gaps",
    "theil": "swtoolkit.models.inequality",
    "theil_decomposition": "swtoolkit.models.inequality",
    "to_date": "swtoolkit.models.timebase",
    "year_fraction": "swtoolkit.models.timebase",
    "years_behind": "swtoolkit.models.gaps",
    "years_to_reach": "swtoolkit.models.growth",
}
__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())


if TYPE_CHECKING:  # static analysers see the real names
    from swtoolkit.models.ets import fit_ets, holt_forecast  # noqa: F401
    from swtoolkit.models.fit import fit_all  # noqa: F401
    from swtoolkit.models.gaps import (  # noqa: F401
        AttainmentResult,
        GapResult,
        NormInput,
        attainment_year,
        delta_attainment,
        fieller_attainment,
        gap_to_target,
        implied_denominator,
        required_vs_historical,
        staffing_gap,
        years_behind,
    )
    from swtoolkit.models.gatekeeper import RULES, Decision, decide, decide_all, decide_beta, decide_mixed  # noqa: F401
    from swtoolkit.models.growth import (  # noqa: F401
        GROWTH_MODELS,
        LogLinearResult,
        UnknownModelError,
        cagr,
        fit_cagr,
        fit_level,
        fit_loglinear,
        fit_projection,
        get_growth_model,
        project,
        required_growth,
        years_to_reach,
    )
    from swtoolkit.models.inequality import (  # noqa: F401
        beta_convergence,
        gini,
        inequality,
        sigma_convergence,
        theil,
        theil_decomposition,
    )
    from swtoolkit.models.logistic import fit_logistic  # noqa: F401
    from swtoolkit.models.mixed import fit_mixed  # noqa: F401
    from swtoolkit.models.results import OUTPUT_COLUMNS, Context, ModelResult, Summary  # noqa: F401
    from swtoolkit.models.series import BandSettings, SeriesData, from_frame, series_from_values  # noqa: F401
    from swtoolkit.models.timebase import decimal_year, to_date, year_fraction  # noqa: F401
