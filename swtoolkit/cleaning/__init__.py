"""Cleaning stage: raw figures as written → the clean dataset (numbers, intervals, dates, codes).

Names load on first use (PEP 562), so a report kernel that only needs `cleaning.checks.whole_region` does not
import cn2an and pandera.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

_EXPORTS = {
    "ParsedDate": "swtoolkit.cleaning.dates",
    "parse_date": "swtoolkit.cleaning.dates",
    "ParsedValue": "swtoolkit.cleaning.numbers",
    "parse_value": "swtoolkit.cleaning.numbers",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from swtoolkit.cleaning.dates import ParsedDate, parse_date  # noqa: F401
    from swtoolkit.cleaning.numbers import ParsedValue, parse_value  # noqa: F401
