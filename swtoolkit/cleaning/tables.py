"""Raw CSV tables read as written: every cell as text, and nothing guessed about a file that cannot be read so.

pandas pads a row with missing fields with empty cells (its notes silently dropped), turns a first column too many
into an index, reads "x"y as xy, and stops with a traceback on other shapes, on an empty file or on GBK bytes.
Here every record is counted against the header first: a row with fewer or more fields than the header is refused
with its row number, as are malformed quoting, a NUL character, a file that is not UTF-8 text, an empty file and a
table with a header but no rows.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from pathlib import Path

import pandas as pd

from swtoolkit.errors import InputFileError, RawDataError, RawDataErrors

#: A raw table larger than this is not a hand-curated table (and would not fit the clean step's memory goal).
MAX_TABLE_BYTES = 1 << 30


def not_utf8(data: bytes, exc: UnicodeDecodeError | None = None) -> str:
    """Why `data` is not UTF-8 text, in one phrase with what to do: the first bad byte (or zero byte, exc=None) and its
    offset, and the encoding it reads as where that is clear (UTF-16 by its byte-order mark or zero bytes,
    GBK/GB18030). The one wording of every reader of text files (raw tables, source texts, extract's input,
    report.toml)."""
    at = exc.start if exc is not None else data.index(b"\0")
    where = f"not UTF-8 text (byte 0x{data[at]:02x} at offset {at})"
    head = data[:64]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\0" in head:  # UTF-8 and GBK text hold no zero byte
        return (f"{where}; it is UTF-16 (a byte-order mark, or a zero byte beside each Latin letter or digit): "
                "convert it (iconv -f UTF-16 -t UTF-8)")
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return f"{where}; convert it to UTF-8"
    return f"{where}; it reads as GBK/GB18030: convert it (iconv -f GB18030 -t UTF-8) and save as UTF-8"


def decode_text(path: Path, data: bytes) -> str:
    """UTF-8 text (a byte-order mark is dropped), or a RawDataError naming the row of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data.count(b"\n", 0, exc.start) + 1
        raise RawDataError(str(path), row, None, None, not_utf8(data, exc)) from None


def read_regular_file(path: Path, limit: int, what: str) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, checked before reading: a device (/dev/zero), a pipe
    that nobody writes or a socket is refused (InputFileError) instead of read for ever or into memory, and a larger
    file is refused (RawDataError naming `what`) instead of read and cut. A missing file raises FileNotFoundError."""
    info = os.stat(path)  # before opening: opening a pipe that nobody writes would block
    if stat.S_ISDIR(info.st_mode):
        raise InputFileError(path, f"is a directory, not {what}")
    if not stat.S_ISREG(info.st_mode):
        raise InputFileError(path, f"not a regular file (a device, pipe or socket), not {what}")
    if info.st_size > limit:
        raise RawDataError(str(path), None, None, None, f"larger than {limit >> 20} MiB: not {what}")
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:  # grew while read
        raise RawDataError(str(path), None, None, None, f"larger than {limit >> 20} MiB: not {what}")
    return data


def read_table(path: Path | str) -> tuple[pd.DataFrame, list[RawDataError]]:
    """Read a CSV with every cell as text ('' for empty), so nothing is coerced before it is checked.

    Returns
    -------
    (frame, problems): frame holds the well-formed records, indexed by their position among all records (row =
    position + 2, the header being row 1); problems lists a RawDataError for each record whose number of fields
    differs from the header's. A file that cannot be read as a table at all (missing, not UTF-8, empty, no rows)
    raises instead: RawDataError, or OSError for a file that cannot be opened.
    """
    path = Path(path)
    data = read_regular_file(path, MAX_TABLE_BYTES, "a raw table")
    text = decode_text(path, data)
    if not text.strip():
        raise RawDataError(str(path), None, None, None, "the file is empty: it needs a header row and one row per "
                                                        "record")
    if "\0" in text:
        row = text.count("\n", 0, text.index("\0")) + 1
        raise RawDataError(str(path), row, None, None, "holds a NUL character: not a text table")
    records = csv.reader(io.StringIO(text, newline=""), strict=True)
    header = next(records)
    width, problems, bad = len(header), [], []
    position = -1
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except csv.Error as exc:  # pandas would read "x"y as xy, or fail with a traceback at a quote left open
            if "field limit" in str(exc):
                raise RawDataError(str(path), position + 3, None, None,
                                   f"a cell longer than {csv.field_size_limit():,} characters: a quote left open "
                                   "swallows the rows after it, or the cell is not a raw value") from None
            raise RawDataError(str(path), position + 3, None, None,
                               f"malformed CSV ({exc}): a quote left open, or text after a closing quote") from None
        if not record:  # a blank line, which pandas skips too
            continue
        position += 1
        if len(record) != width:
            bad.append(position)
            missing = len(record) < width
            problems.append(RawDataError(
                str(path), position + 2, header[len(record)] if missing else None, None,
                f"{len(record)} fields where the header has {width}: "
                + ("a field is missing (a lost comma?); nothing is padded" if missing
                   else "a field too many (an unquoted comma?)")))
    if position < 0:
        raise RawDataError(str(path), None, None, None, "the table has a header but no rows")
    if not bad:
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False), problems
    kept = [r for r in csv.reader(io.StringIO(text, newline=""), strict=True) if r][1:]
    refused = set(bad)
    index = [i for i in range(len(kept)) if i not in refused]
    frame = pd.DataFrame([kept[i] for i in index], columns=header, index=index, dtype="str")
    return frame, problems


def read_text_table(path: Path | str) -> pd.DataFrame:
    """Read a CSV with every cell as text ('' for empty); any malformed row is an error (see read_table)."""
    frame, problems = read_table(path)
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise RawDataErrors(problems)
    return frame
