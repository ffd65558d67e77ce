"""Growth and gap models over the clean table (MODELS.md): thin code around statsmodels/scipy, plus a gatekeeper.

Public entry points: the number functions (:func:`cagr`, :func:`required_growth`, :func:`gini`, :func:`theil`,
returning plain floats, rates as fractions), the model functions returning small result objects, and
:func:`fit_all`, which returns one tidy results table for the whole clean dataset.

Submodules load on first use (PEP 562): a report that only reads ratios or a saved results table does not pay
for importing statsmodels and scipy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import lazy_loader

# The public names and the submodule each comes from; lazy_loader imports a submodule when one of its names is
# first used (PEP 562).
__getattr__, __dir__, __all__ = lazy_loader.attach(__name__, submod_attrs={
    "ets": ["fit_ets", "holt_forecast"],
    "fit": ["fit_all"],
    "gaps": [
        "AttainmentResult", "GapResult", "NormInput", "attainment_year", "delta_attainment", "fieller_attainment",
        "gap_to_target", "implied_denominator", "required_vs_historical", "staffing_gap", "years_behind",
    ],
    "gatekeeper": ["Decision", "RULES", "decide", "decide_all", "decide_beta", "decide_mixed"],
    "growth": [
        "GROWTH_MODELS", "LogLinearResult", "UnknownModelError", "cagr", "fit_cagr", "fit_level", "fit_loglinear",
        "fit_projection", "get_growth_model", "project", "required_growth", "years_to_reach",
    ],
    "inequality": ["beta_convergence", "gini", "inequality", "sigma_convergence", "theil", "theil_decomposition"],
    "logistic": ["fit_logistic"],
    "mixed": ["fit_mixed"],
    "results": ["Context", "ModelResult", "OUTPUT_COLUMNS", "Summary"],
    "series": ["BandSettings", "SeriesData", "from_frame", "series_from_values"],
    "timebase": ["decimal_year", "to_date", "year_fraction"],
})


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
