"""Growth and gap models over the clean table (MODELS.md): thin code around statsmodels/scipy, plus a gatekeeper.

Public entry points: the number functions (:func:`cagr`, :func:`required_growth`, :func:`gini`, :func:`theil`,
returning plain floats, rates as fractions), the model functions returning small result objects, and
:func:`fit_all`, which returns one tidy results table for the whole clean dataset.
"""

from swtoolkit.models.fit import fit_all
from swtoolkit.models.gaps import (
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
from swtoolkit.models.gatekeeper import RULES, Decision, decide, decide_all, decide_beta, decide_mixed
from swtoolkit.models.growth import (
                                   GROWTH_MODELS,
                                   LogLinearResult,
                                   UnknownModelError,
                                   cagr,
                                   fit_cagr,
                                   fit_ets,
                                   fit_level,
                                   fit_loglinear,
                                   fit_projection,
                                   get_growth_model,
                                   project,
                                   required_growth,
                                   years_to_reach,
)
from swtoolkit.models.inequality import (
                                   beta_convergence,
                                   gini,
                                   inequality,
                                   sigma_convergence,
                                   theil,
                                   theil_decomposition,
)
from swtoolkit.models.logistic import fit_logistic
from swtoolkit.models.mixed import fit_mixed
from swtoolkit.models.results import OUTPUT_COLUMNS, Context, ModelResult, Summary
from swtoolkit.models.series import BandSettings, SeriesData, from_frame, series_from_values
from swtoolkit.models.timebase import decimal_year, to_date, year_fraction

__all__ = [
    "GROWTH_MODELS", "OUTPUT_COLUMNS", "RULES", "AttainmentResult", "BandSettings", "Context", "Decision", "GapResult",
    "LogLinearResult", "ModelResult", "NormInput", "SeriesData", "Summary", "UnknownModelError", "attainment_year",
    "beta_convergence", "cagr", "decide", "decide_all", "decide_beta", "decide_mixed", "decimal_year",
    "delta_attainment", "fieller_attainment", "fit_all", "fit_cagr", "fit_ets", "fit_level", "fit_logistic",
    "fit_loglinear", "fit_mixed", "fit_projection", "from_frame", "gap_to_target", "get_growth_model", "gini",
    "implied_denominator", "inequality", "project", "required_growth", "required_vs_historical", "series_from_values",
    "sigma_convergence", "staffing_gap", "theil", "theil_decomposition", "to_date", "year_fraction", "years_behind",
    "years_to_reach",
]
