"""The source documents' texts, for checking that each raw figure stands at its locator.

A locator is the offset of ``value_as_written`` in the document's text with line breaks removed. The texts are
not part of the package (../shared/seeds, or SWTOOLKIT_SEEDS: see swtoolkit.paths.seeds_dir). Where a source's
text is found it must be the text sources.csv describes (its SHA-256), and every locator is checked against it.
Where it is not found the check cannot run: that is an error under CI (env CI=true) and a warning elsewhere.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

import pandas as pd

from swtoolkit.cleaning.tables import not_utf8
from swtoolkit.errors import RawDataError
from swtoolkit.paths import seeds_dir

log = logging.getLogger(__name__)

#: A source text larger than this is not one document (it is refused before it is read; extract has the same limit).
MAX_TEXT_BYTES = 16 << 20


def texts_required() -> bool:
    """True under CI (env CI=true, 1 or yes): a missing source text is then an error, not a skipped check."""
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def source_texts(sources: pd.DataFrame, folder: Path | None = None, required: bool | None = None,
                 file: str = "sources.csv") -> dict[str, str | None]:
    """Source id → line-joined text, for the sources whose ``file`` names a text (None where it is not found).

    Parameters
    ----------
    sources : sources.csv indexed by source_id (columns file, sha256).
    folder : where the texts are (default: swtoolkit.paths.seeds_dir()).
    required : a named text that is missing is an error (default: texts_required()).

    Raises
    ------
    RawDataError
        A text differs from its SHA-256 in sources.csv, or (when required) is missing.
    """
    folder = Path(folder) if folder is not None else seeds_dir()
    required = texts_required() if required is None else required
    texts: dict[str, str | None] = {}
    missing = []
    for row, (sid, source) in enumerate(sources.iterrows(), start=2):
        name = str(source.get("file", "") or "")
        path = folder / name
        if not name:
            texts[sid] = None
            continue
        if not path.is_file():
            texts[sid] = None
            missing.append(name)
            if required:
                raise RawDataError(file, row, "file", name, f"source text not found in {folder}, so the locators "
                                   "cannot be checked (set SWTOOLKIT_SEEDS to the folder of the source texts)")
            continue
        if path.stat().st_size > MAX_TEXT_BYTES:
            raise RawDataError(file, row, "file", name, f"{path} is larger than {MAX_TEXT_BYTES >> 20} MiB: not one "
                               "source document")
        data = path.read_bytes()
        expected = str(source.get("sha256", "") or "")
        if expected and hashlib.sha256(data).hexdigest() != expected:
            raise RawDataError(file, row, "sha256", expected, f"{path} is not the text sources.csv describes (its "
                               "SHA-256 differs), so its locators cannot be trusted")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise RawDataError(file, row, "file", name, f"{path} is {not_utf8(data, exc)}") from None
        # as Path.read_text reads it (universal newlines), then with line breaks removed
        texts[sid] = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "")
    if missing:
        log.warning("locators not checked: %s not found in %s (set SWTOOLKIT_SEEDS)", ", ".join(missing), folder)
    return texts
