"""Cleaning stage: raw figures as written → the clean dataset (numbers, intervals, dates, codes).

Names load on first use (PEP 562), so a report kernel that only needs `cleaning.checks.whole_region` does not
import cn2an and pandera.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import lazy_loader

# The public names and the submodule each comes from; lazy_loader imports a submodule when one of its names is
# first used (PEP 562).
__getattr__, __dir__, __all__ = lazy_loader.attach(__name__, submod_attrs={
    "dates": ["ParsedDate", "parse_date"],
    "numbers": ["ParsedValue", "parse_value"],
})


if TYPE_CHECKING:
    from swtoolkit.cleaning.dates import ParsedDate, parse_date  # noqa: F401
    from swtoolkit.cleaning.numbers import ParsedValue, parse_value  # noqa: F401
