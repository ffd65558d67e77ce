"""Chinese fonts for charts and PDF. A build stops before rendering when none is usable: it never ships blank
or boxed characters."""

from __future__ import annotations

import logging
import shutil
import subprocess
from functools import lru_cache

from swtoolkit.errors import FontMissingError

log = logging.getLogger(__name__)

# Preferred families, best first; each must cover simplified Chinese.
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
                "WenQuanYi Micro Hei", "AR PL UMing CN")
PROBE_TEXT = "云南省持证社工"
INSTALL_HINT = (
    "no Chinese font found. Install one, e.g. on Debian/Ubuntu: sudo apt-get install fonts-noto-cjk "
    "(then rerun; matplotlib's font cache is refreshed automatically)"
)


@lru_cache(maxsize=1)
def find_cjk_family() -> str:
    """The first installed CJK family that matplotlib can use and that covers the probe text."""
    from matplotlib import font_manager

    for family in CJK_FAMILIES:
        path = _fontconfig_path(family)
        if not path:
            continue
        try:
            font_manager.fontManager.addfont(path)
        except (OSError, RuntimeError, ValueError):
            continue
        found = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        if found and _covers(found):
            return family
    raise FontMissingError(INSTALL_HINT)


def _fontconfig_path(family: str) -> str | None:
    if not shutil.which("fc-match"):
        return None
    out = subprocess.run(["fc-match", "-f", "%{file}|%{family}", f"{family}:lang=zh-cn"], capture_output=True,
                         text=True, check=False).stdout
    path, _, families = out.partition("|")
    return path if path and family in families else None


def _covers(path: str) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        font = FT2Font(path)
    except (OSError, RuntimeError):
        return False
    charmap = font.get_charmap()
    return all(ord(ch) in charmap for ch in PROBE_TEXT)


def configure_matplotlib() -> str:
    """Make matplotlib draw Chinese with the found family; returns it."""
    import matplotlib as mpl

    family = find_cjk_family()
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["font.sans-serif"] = [family, "DejaVu Sans"]
    mpl.rcParams["axes.unicode_minus"] = False
    mpl.rcParams["svg.fonttype"] = "none"
    return family
