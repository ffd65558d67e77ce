"""Cleaning stage: raw figures as written → the clean dataset (numbers, intervals, dates, codes).

Names load on first use (PEP 562), so a report kernel that only needs `cleaning.checks.whole_region` does not
import cn2an and pandera.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from swtoolkit._lazy import lazy_exports

_EXPORTS = {
    "ParsedDate": "swtoolkit.cleaning.dates",
    "parse_date": "swtoolkit.cleaning.dates",
    "ParsedValue": "swtoolkit.cleaning.numbers",
    "parse_value": "swtoolkit.cleaning.numbers",
}
__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())


if TYPE_CHECKING:
    from swtoolkit.cleaning.dates import ParsedDate, parse_date  # noqa: F401
    from swtoolkit.cleaning.numbers import ParsedValue, parse_value  # noqa: F401
