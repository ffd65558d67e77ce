"""Lazy package exports (PEP 562): a package maps each public name to its module, imported on first use.

Why: report kernels import ``swtoolkit.models`` or ``swtoolkit.cleaning`` for one helper and should not pay for
statsmodels, scipy, cn2an or pandera until a name that needs them is used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_exports(package: str, exports: dict[str, str], namespace: dict[str, Any]
                 ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``: ``exports`` maps name → module; a loaded name is kept
    in ``namespace`` (the package's ``globals()``) so the import happens once."""

    def __getattr__(name: str) -> Any:
        try:
            module = exports[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(exports))

    return __getattr__, __dir__
