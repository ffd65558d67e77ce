"""The one place that knows where the project's files are."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGE_DATA = PACKAGE_DIR / "data"


def project_root() -> Path:
    """The checkout root (env SWTOOLKIT_ROOT wins, so tests and papermill's cwd cannot mislead it)."""
    env = os.environ.get("SWTOOLKIT_ROOT")
    return Path(env).resolve() if env else PACKAGE_DIR.parent


def raw_dir() -> Path:
    return project_root() / "data" / "raw"


def clean_dir() -> Path:
    return project_root() / "data" / "clean"


def reports_dir() -> Path:
    """Build output (env SWTOOLKIT_REPORTS_DIR wins: a build into another folder tells its notebooks where)."""
    env = os.environ.get("SWTOOLKIT_REPORTS_DIR")
    return Path(env).resolve() if env else project_root() / "reports"


def notebooks_dir() -> Path:
    """Report notebooks (env SWTOOLKIT_NOTEBOOKS wins, e.g. to build from a modified copy)."""
    env = os.environ.get("SWTOOLKIT_NOTEBOOKS")
    return Path(env).resolve() if env else project_root() / "notebooks"


def seeds_dir() -> Path:
    """Where the five source documents are (env SWTOOLKIT_SEEDS, else ../shared/seeds beside the checkout)."""
    env = os.environ.get("SWTOOLKIT_SEEDS")
    return Path(env).resolve() if env else project_root().parent / "shared" / "seeds"
