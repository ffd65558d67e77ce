"""Reading what `swtoolkit extract` is given: source texts (bounded, UTF-8) and the raw tables it checks against."""

from __future__ import annotations

import stat
from pathlib import Path

import pandas as pd

from swtoolkit.errors import InputFileError, SwtoolkitError

#: A source text larger than this is refused: a 60,000-character report is about 180 KB, and /dev/zero never ends.
MAX_SOURCE_BYTES = 16 * 1024 * 1024


class SourceTextError(SwtoolkitError):
    """A source text (or a table the command needs) cannot be used: not UTF-8, too large, wrong columns; names
    the file. (A file that cannot be opened at all is an InputFileError.)"""

    def __init__(self, file: str | Path, reason: str):
        self.file, self.reason = str(file), reason
        super().__init__(f"{file}: {reason}")


def read_source_text(path: Path, limit: int = MAX_SOURCE_BYTES) -> str:
    """The text of a source file, as the raw table's locators assume it (UTF-8, universal newlines).

    Only a regular file is read (not a folder, device, pipe or socket: /dev/zero never ends), and at most `limit`
    bytes: a larger file is refused, not cut.
    """
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputFileError(path, "file not found") from None
    except OSError as exc:
        raise InputFileError(path, exc.strerror or "cannot be read") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputFileError(path, "is a directory, not a text file")
    if not stat.S_ISREG(info.st_mode):
        raise InputFileError(path, "not a regular file (a device, pipe or socket): give a text file")
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputFileError(path, exc.strerror or "cannot be read") from None
    if len(data) > limit:
        raise SourceTextError(path, f"larger than {limit // (1024 * 1024)} MiB: not one source document")
    try:
        text = data.decode("utf-8")
        if "\0" in text:  # UTF-16 of Latin letters and digits decodes, with a zero byte beside each
            raise UnicodeDecodeError("utf-8", data, data.index(b"\0"), data.index(b"\0") + 1, "a zero byte")
    except UnicodeDecodeError as exc:
        from swtoolkit.cleaning.tables import not_utf8

        raise SourceTextError(path, not_utf8(data, exc)) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")  # universal newlines, as read_text reads it


def _read_table(path: Path, columns: list[str]) -> pd.DataFrame:
    """A raw CSV table with the columns this command needs, or a one-line error naming the file."""
    from swtoolkit.cleaning.tables import read_text_table

    if not Path(path).is_file():
        raise InputFileError(path, "file not found" if not Path(path).exists() else "not a regular file")
    table = read_text_table(path)
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise SourceTextError(path, f"missing column(s) {', '.join(missing)}")
    return table


def _source_ids(files: list[Path], given: list[str], sources: Path, required: bool) -> list[str]:
    """One source id per file: as given, else the sources.csv row whose `file` is the file's name."""
    ids = [s for value in given for s in value.split(",") if s]
    if ids:
        if len(ids) != len(files):
            raise SourceTextError("--source-id", f"{len(ids)} source id(s) for {len(files)} file(s); give one per file")
        return ids
    if not required and not sources.exists():
        return [""] * len(files)
    table = _read_table(sources, ["source_id", "file"])
    by_file = dict(zip(table["file"], table["source_id"], strict=True))
    out = []
    for path in files:
        if path.name not in by_file and required:
            raise SourceTextError(path, f"no row of {sources} has this file name; pass --source-id")
        out.append(by_file.get(path.name, ""))
    return out

