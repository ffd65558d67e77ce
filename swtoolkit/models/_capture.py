"""Keep statsmodels/scipy warnings out of reports: capture them and record them as notes instead."""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterator

logger = logging.getLogger(__name__)


@contextlib.contextmanager
def capture_warnings(notes: list[str], where: str) -> Iterator[None]:
    """Run a block with every warning caught; each distinct message is appended to ``notes``.

    Why: a ConvergenceWarning or a small-sample kurtosis warning that reaches a notebook is shown to readers as
    noise, yet it matters to the analyst. Recording it in ``notes`` keeps it with the result that it qualifies.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    seen: set[str] = set()
    for w in caught:
        text = f"{where}: {w.category.__name__}: {str(w.message).strip()}"
        if text not in seen:
            seen.add(text)
            notes.append(text)
            logger.debug("captured warning %s", text)
