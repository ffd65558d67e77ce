"""Typed errors: each carries what a user needs to find and fix the problem (file, row, column, value)."""

from __future__ import annotations


class SwtoolkitError(Exception):
    """Base class of every error the toolkit raises on purpose."""


#: Values longer than this are shortened in messages (a 30,000-character cell is named, not printed).
SHOWN_VALUE_CHARS = 60


def shown(value: object) -> str:
    """repr of a value for a one-line message: line breaks escaped, long text cut with its length."""
    if isinstance(value, str) and len(value) > SHOWN_VALUE_CHARS:
        return f"{value[:SHOWN_VALUE_CHARS]!r}… ({len(value)} characters)"
    return repr(value)


class RawDataError(SwtoolkitError):
    """A raw row cannot be cleaned. Names the file, the row (1-based, header = row 1), the column and the value
    (None when the problem is not one cell's value: an empty file, a row with a field missing)."""

    def __init__(self, file: str, row: int | None, column: str | None, value: object, reason: str):
        self.file, self.row, self.column, self.value, self.reason = file, row, column, value, reason
        where = file if row is None else f"{file}, row {row}"
        if column:
            where += f", column {column!r}"
        super().__init__(f"{where}: {reason}" + ("" if value is None else f" (value: {shown(value)})"))


class RawDataErrors(SwtoolkitError):
    """Several raw rows cannot be cleaned (collected with --keep-going)."""

    def __init__(self, errors: list[RawDataError]):
        self.errors = errors
        lines = "\n".join(f"  {e}" for e in errors)
        super().__init__(f"{len(errors)} problem(s) in the raw data:\n{lines}")


class ValueParseError(SwtoolkitError):
    """A figure as written cannot be read as a number."""


class AmbiguousValueError(ValueParseError):
    """A figure with two readings (3萬1: 31,000 as said aloud, or 30,001; 約5至8人: are 5 and 8 bounds?). ``clean``
    refuses it like any figure it does not fully understand; ``proposal`` (a ParsedValue or None) is the likelier
    reading, which ``extract`` may show, flagged, for a curator to check."""

    def __init__(self, message: str, proposal: object = None):
        super().__init__(message)
        self.proposal = proposal


class DateParseError(SwtoolkitError):
    """A date as written cannot be read."""


class UnknownRegionError(SwtoolkitError):
    """A region name, code or alias is not in the region table; it is never guessed."""

    def __init__(self, name: str, hint: str = ""):
        self.name = name
        msg = f"unknown region {shown(name)}"
        super().__init__(msg + (f"; {hint}" if hint else ""))


class UnknownIndicatorError(SwtoolkitError):
    """An indicator key is not in the codebook."""


class ModelRefusedError(SwtoolkitError):
    """The data cannot support the model asked for; says which rule refused and what fallback applies."""

    def __init__(self, model: str, rule: str, n_points: int | None = None, fallback: str | None = None):
        self.model, self.rule, self.n_points, self.fallback = model, rule, n_points, fallback
        msg = f"{model} refused: {rule}"
        if n_points is not None:
            msg += f" (points available: {n_points})"
        if fallback:
            msg += f"; fallback: {fallback}"
        super().__init__(msg)


class FontMissingError(SwtoolkitError):
    """No usable Chinese font: the PDF would show blank or boxed characters, so the build stops."""


class ReportBuildError(SwtoolkitError):
    """A report could not be built for one region (the others are still built)."""

    def __init__(self, region: str, message: str, cell: int | None = None):
        self.region, self.cell = region, cell
        super().__init__(f"{region}: {message}" + (f" (cell {cell})" if cell is not None else ""))


class ParameterError(SwtoolkitError):
    """A notebook parameter is unknown, missing or invalid."""


class ReportsFolderError(SwtoolkitError):
    """The reports folder cannot be written (read-only, full, not a folder): names the file and the reason."""

    def __init__(self, path: object, reason: str):
        self.path, self.reason = str(path), reason
        super().__init__(f"cannot write {self.path}: {reason}")


class BuildLockedError(SwtoolkitError):
    """Another build holds the reports folder; two builds into one folder would lose each other's results."""

    def __init__(self, folder: object, holder: str = ""):
        self.folder, self.holder = str(folder), holder
        by = f" ({holder})" if holder else ""
        super().__init__(f"{self.folder} is being written by another swtoolkit build{by}; wait for it to finish "
                         "or build into another folder")


class Interrupted(SwtoolkitError):
    """A command was stopped by a signal (SIGINT, SIGTERM) and cleaned up after itself."""

    def __init__(self, signal_name: str, message: str = ""):
        self.signal_name = signal_name
        super().__init__(message or f"stopped by {signal_name}; nothing was changed")


class BuildInterrupted(Interrupted):
    """The build was stopped by a signal; the reports finished before it are recorded in the manifest."""

    def __init__(self, signal_name: str, finished: int | None = None):
        self.finished = finished
        recorded = "" if finished is None else f"; {finished} finished report(s) recorded in manifest.json"
        super().__init__(signal_name, f"build stopped by {signal_name}{recorded}")


class InputFileError(SwtoolkitError):
    """A file a command reads cannot be read as one: missing, not a regular file (a folder, a device, a pipe),
    too large. Names the file and the reason."""

    def __init__(self, file: object, reason: str):
        self.file, self.reason = str(file), reason
        super().__init__(f"{self.file}: {reason}")


class CleanDataError(SwtoolkitError):
    """data/clean is missing, truncated, of another schema, or not what `swtoolkit clean` makes from data/raw."""
