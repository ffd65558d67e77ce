"""CSV output, column by column: the bytes of `frame.to_csv(index=False, lineterminator="\\n", float_format="%.10g")`.

pandas hands every cell to Python's csv module one row at a time, which takes about 12 s for the million-row
benchmark. Here each column is turned into its cell text at once (floats with the float format, missing values
empty) and rows are joined with pyarrow. Cells that may need quoting (they hold , " or a line break) still go
through the csv module, so quoting and escaping stay its own. Frames with other column types are written by pandas.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

FLOAT_FORMAT = "%.10g"
# Every character for which the csv module quotes a field is one of these (tests/test_cleaning.py checks this).
QUOTE_CANDIDATES = '[,"\n\r]'
CHUNK_ROWS = 100_000


def write_csv(frame: pd.DataFrame, path: Path | str) -> None:
    """Write `frame` as pandas' to_csv(index=False, lineterminator="\n", encoding="utf-8", float_format="%.10g")."""
    if not (frame.columns.is_unique and all(isinstance(c, str) and _supported(frame[c]) for c in frame.columns)):
        frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8", float_format=FLOAT_FORMAT)
        return
    floats = _float_cells([c for c in frame.columns if frame[c].dtype == np.float64], frame)
    with open(path, "wb") as handle:
        handle.write(_render_row(list(frame.columns)).encode("utf-8"))
        for start in range(0, len(frame) if len(frame.columns) else 0, CHUNK_ROWS):
            part = frame.iloc[start:start + CHUNK_ROWS]
            cells = [pa.array(floats[c][start:start + CHUNK_ROWS], type=pa.large_string()) if c in floats
                     else _cells(part[c]) for c in part.columns]
            lines = pc.binary_join_element_wise(*cells, _text(","))
            if len(cells) == 1:  # the csv module writes a row of one empty cell as ""
                lines = pc.if_else(pc.equal(lines, _text("")), _text('""'), lines)
            handle.write(_data(pc.binary_join_element_wise(lines, _text(""), _text("\n"))))  # each line + "\n"


def _float_cells(columns: list[str], frame: pd.DataFrame) -> dict[str, np.ndarray]:
    """Cell text of float columns: the float format, empty for NaN; each distinct value formatted once."""
    if not columns:
        return {}
    # distinct bit patterns, so -0.0 and 0.0 stay apart as they do in the float format
    codes, bits = pd.factorize(np.concatenate([frame[c].to_numpy().view(np.int64) for c in columns]))
    text = np.array(["" if np.isnan(v) else FLOAT_FORMAT % v for v in bits.view(np.float64).tolist()], dtype=object)
    cells = text[codes] if len(codes) else np.array([], dtype=object)
    return {c: cells[i * len(frame):(i + 1) * len(frame)] for i, c in enumerate(columns)}


def _text(value: str) -> pa.Scalar:
    return pa.scalar(value, pa.large_string())


def _data(array: pa.Array | pa.ChunkedArray) -> pa.Buffer:
    """The UTF-8 bytes of a text array without missing values, one after the other (Arrow's string layout)."""
    array = array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array
    if not len(array):
        return pa.py_buffer(b"")
    _, offsets, data = array.buffers()  # large_string: int64 offsets into one data buffer
    first, last = np.frombuffer(offsets, dtype=np.int64)[[array.offset, array.offset + len(array)]]
    return data[int(first):int(last)]


def _render_row(values: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def _render_cell(value: str) -> str:
    """One non-empty cell as the csv module writes it inside a row (quoted and escaped when it must be)."""
    return _render_row([value])[:-1]


def _supported(column: pd.Series) -> bool:
    """float64, int64 and text columns (missing values allowed) are written here; others by pandas."""
    if column.dtype in (np.float64, np.int64) or isinstance(column.dtype, pd.StringDtype):
        return True
    return column.dtype == object and pd.api.types.infer_dtype(column, skipna=True) in ("string", "empty")


def _cells(column: pd.Series) -> pa.Array:
    """The cell text of an int64 or text column, as the csv module would write it."""
    if column.dtype == np.int64:
        return pc.cast(pa.array(column.to_numpy()), pa.large_string())
    text = column.astype("str").fillna("")
    cells = pa.array(text, type=pa.large_string())
    data = _data(cells).to_pybytes()
    if any(mark in data for mark in (b",", b'"', b"\n", b"\r")):  # rare: look cell by cell
        special = text.str.contains(QUOTE_CANDIDATES, regex=True).to_numpy(dtype=bool)
        rendered = {value: _render_cell(value) for value in set(text[special].tolist())}
        text = text.copy()
        text[special] = text[special].map(rendered)
        cells = pa.array(text, type=pa.large_string())
    return cells
