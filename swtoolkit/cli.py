"""The `swtoolkit` command: parses arguments, calls one library function, turns error types into exit codes."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from swtoolkit import __version__
from swtoolkit.errors import (
    BuildLockedError,
    FontMissingError,
    InputFileError,
    Interrupted,
    ParameterError,
    ReportsFolderError,
    SwtoolkitError,
)
from swtoolkit.release import ReleaseExistsError, ReleaseVersionError  # light: heavy imports happen when run

log = logging.getLogger("swtoolkit")

EXAMPLES = """examples:
  swtoolkit clean                      # data/raw → data/clean (figures, checks, codebook)
  swtoolkit build --regions 云南省 昆明  # one province and one prefecture, HTML and PDF
  swtoolkit build                      # every province and prefecture with data
  swtoolkit regions                    # what regions the data hold
  swtoolkit indicators                 # the codebook, Chinese and English
  swtoolkit add-source page.txt --title … --outlet … --date 2024-03-01 --url https://…
  swtoolkit extract --draft-rows page.txt --out drafts.csv   # draft raw rows to curate
  swtoolkit extract --against data/raw/figures.csv new_report.txt
  swtoolkit release --version 0.1.0    # a versioned data release a think tank can deposit
"""
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_DATA, EXIT_ENV, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130
# The one error → exit-code table of every command (first match wins): 1 some reports failed (build); 2 bad usage or
# parameter (argparse's own code too; a release that exists without --force); 3 bad data (raw rows, a stale or
# truncated data/clean, a source text that is not UTF-8); 4 environment (no Chinese font, a folder that cannot be
# written or is locked, a file that cannot be read; OSError outside the cases that have their own error); 130
# interrupted (SIGINT, SIGTERM).
EXIT_CODES = [(ParameterError, EXIT_USAGE), (ReleaseVersionError, EXIT_USAGE), (ReleaseExistsError, EXIT_USAGE),
              (FontMissingError, EXIT_ENV), (ReportsFolderError, EXIT_ENV), (BuildLockedError, EXIT_ENV),
              (InputFileError, EXIT_ENV), (Interrupted, EXIT_INTERRUPTED), (SwtoolkitError, EXIT_DATA),
              (OSError, EXIT_ENV)]


def exit_code(exc: BaseException) -> int:
    """The exit code of an error, from EXIT_CODES."""
    return next(code for kind, code in EXIT_CODES if isinstance(exc, kind))


def _cmd_clean(args: argparse.Namespace) -> int:
    from swtoolkit.cleaning.pipeline import clean

    result = clean(keep_going=args.keep_going)
    for detail in result.checks.loc[result.checks["check"].eq("refused"), "detail"]:
        print(f"refused: {detail}", file=sys.stderr)  # one line per web figure the grammar does not read
    counts = result.checks["status"].value_counts().to_dict()
    print(f"cleaned {len(result.figures)} figures → data/clean/figures.csv; checks: {counts}")
    return EXIT_OK


def _cmd_build(args: argparse.Namespace) -> int:
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    unknown = sorted(set(formats) - {"html", "pdf"})
    if unknown:
        raise ParameterError(f"unknown format(s) {unknown}: use html, pdf or html,pdf")
    if not (args.force or args.retry_failed) and _nothing_changed(args.regions, formats):
        return EXIT_OK
    from swtoolkit.reports.batch import build_all

    summary = build_all(regions=args.regions, formats=formats, jobs=args.jobs, force=args.force,
                        retry_failed=args.retry_failed, progress=not args.quiet,
                        cell_timeout=args.cell_timeout or None, report_timeout=args.report_timeout or None,
                        scheduler=args.scheduler)
    print(summary.describe())
    return EXIT_OK if not summary.failed else EXIT_FAILED


def _nothing_changed(regions: list[str] | None, formats: tuple[str, ...]) -> bool:
    """True (and the build's summary line printed) when the last build of this request left every report fresh and
    nothing it read or wrote has changed since (swtoolkit.buildstamp: file sizes, times and hashes, no heavy
    import); the full build, which decides what to rebuild, runs otherwise."""
    import time

    from swtoolkit.buildstamp import BuildSummary, unchanged
    from swtoolkit.paths import reports_dir

    started = time.perf_counter()
    found = unchanged(regions, formats)
    if found is None:
        return False
    log.info("nothing changed since the last build of these reports: no stage ran")
    print(BuildSummary(cached=list(found["reports"]), seconds=time.perf_counter() - started,
                       index=str(reports_dir() / "index.html")).describe())
    return True


def _cmd_regions(args: argparse.Namespace) -> int:
    from swtoolkit.reports.inputs import load_clean

    clean = load_clean()
    table = (clean.groupby(["region_code", "region_name", "region_name_en", "region_level"]).size()
             .rename("figures").reset_index())
    for row in table.itertuples(index=False):
        print(f"{row.region_code}  {row.region_level:<10} {row.region_name}  {row.region_name_en}  ({row.figures})")
    return EXIT_OK


def _cmd_indicators(args: argparse.Namespace) -> int:
    from swtoolkit.codebook import codebook

    for key, row in codebook().iterrows():
        print(f"{key:<40} {row['name_zh']}  {row['name_en']}  [{row['unit']}; {row['family']}]")
    return EXIT_OK


def _cmd_release(args: argparse.Namespace) -> int:
    from swtoolkit.release import run_release

    return run_release(args)


def _cmd_audit(args: argparse.Namespace) -> int:
    from pathlib import Path

    from swtoolkit.paths import reports_dir
    from swtoolkit.reports.audit import AUDIT_CSV, AUDIT_HTML, audit
    from swtoolkit.reports.batch import report_codes
    from swtoolkit.reports.inputs import load_clean

    codes = report_codes(args.regions, load_clean()) if args.regions else None
    out = Path(args.out) if args.out else reports_dir()
    table = audit(out, codes)
    from swtoolkit.reports.batch import refresh_index

    refresh_index(out)  # the index links the audit
    counts = table["kind"].value_counts().to_dict()
    print(f"{len(table)} claims in {table['report'].nunique()} reports ({counts}) → {out / AUDIT_CSV}, "
          f"{out / AUDIT_HTML}")
    return EXIT_OK


def _cmd_extract(args: argparse.Namespace) -> int:
    from swtoolkit.extract_cli import run_extract

    return run_extract(args)


def _cmd_add_source(args: argparse.Namespace) -> int:
    from swtoolkit.drafts import add_source
    from swtoolkit.paths import raw_dir, seeds_dir

    row = add_source(args.file, args.title, args.outlet, args.date, args.url,
                     sources=args.sources or raw_dir() / "sources.csv", texts=args.texts or seeds_dir(),
                     region=args.region or "", date_note=args.date_note or "")
    print(f"{row['source_id']}  {row['file']}  sha256 {row['sha256'][:16]}…  → {args.sources or 'data/raw/sources.csv'}"
          f"; next: swtoolkit extract --draft-rows {args.file} --source-id {row['source_id']}")
    return EXIT_OK


def add_extract_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options of `swtoolkit extract` (in any order: `extract --against F FILE FILE2` works as well)."""
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="source text files (UTF-8)")
    parser.add_argument("--source-id", action="append", default=[], dest="source_ids", metavar="ID",
                        help="source id, one per file, in file order (repeat the option or separate by commas)")
    parser.add_argument("--against", type=Path, metavar="FIGURES_CSV",
                        help="raw figures table; list only candidates it does not cover")
    parser.add_argument("--sources", type=Path, default=None, metavar="SOURCES_CSV",
                        help="sources table used to find source ids by file name (default data/raw/sources.csv)")
    parser.add_argument("--out", type=Path, metavar="CSV", help="write the candidates here (default: standard output)")
    parser.add_argument("--keep-flagged", action="store_true",
                        help="also list the flagged non-figures (years, dates, document numbers, view counters, "
                             "timestamps, phone numbers …), with the reason in the reasons column")
    parser.add_argument("--min-score", type=int, default=2, metavar="N",
                        help="leave out candidates scoring below N (default 2; a very low N such as -99 keeps all)")
    parser.add_argument("--draft-rows", action="store_true",
                        help="write rows in the format of data/raw/figures.csv (ids, region codes, indicator, kind and "
                             "date guesses) for a curator to check and copy, instead of the candidate table")
    parser.add_argument("--header-unit", metavar="UNIT",
                        help="unit of numbers written without one, from a table header "
                             "(单位：万人 → --header-unit 万人); draft rows say it in their notes as header_unit=UNIT;")
    return parser



def _whole_number(least: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < least:
            raise argparse.ArgumentTypeError(f"{value} is less than {least}")
        return value

    return parse


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="swtoolkit", epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Figures about China's social-work workforce (持证社工, 社工站): clean them, fit growth and gap "
                    "models, and build a report per region. `swtoolkit COMMAND --help` explains each command.")
    top.add_argument("--version", action="version", version=f"swtoolkit {__version__}")
    top.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("clean", help="clean data/raw into data/clean",
                       epilog="examples:\n  swtoolkit clean\n"
                              "  swtoolkit clean --keep-going   # list every bad row at once",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       description="Clean data/raw/figures.csv into data/clean/ (figures, checks, codebook). A bad row "
                                   "stops the run naming file, row, column and value; nothing is written.")
    p.add_argument("--keep-going", action="store_true", help="collect every error into one report")
    p.set_defaults(func=_cmd_clean)

    from swtoolkit.reports.runner import DEFAULT_CELL_TIMEOUT, DEFAULT_REPORT_TIMEOUT  # light: no notebook stack

    p = sub.add_parser("build", help="build region reports (HTML, PDF)",
                       description="Execute the report notebook per region and render HTML and PDF to reports/.",
                       epilog="examples:\n  swtoolkit build --regions 云南省 530100\n"
                              "  swtoolkit build --jobs 2 --formats html",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--regions", nargs="+", metavar="REGION", help="codes, names or aliases (default: all with data)")
    p.add_argument("--formats", default="html,pdf", help="comma-separated: html, pdf (default: html,pdf)")
    p.add_argument("--jobs", type=_whole_number(1), default=2, help="parallel workers (default: 2)")
    p.add_argument("--cell-timeout", type=_whole_number(0), default=DEFAULT_CELL_TIMEOUT, metavar="SECONDS",
                   help="a notebook cell running longer fails its report (default: %(default)s; 0: no limit)")
    p.add_argument("--report-timeout", type=_whole_number(0), default=DEFAULT_REPORT_TIMEOUT, metavar="SECONDS",
                   help="a report taking longer (executing and rendering) fails; its worker is stopped "
                        "(default: %(default)s; 0: no limit)")
    p.add_argument("--scheduler", metavar="dask|tcp://HOST:8786", default=None,
                   help="run the reports on Dask: 'dask' starts a local cluster of --jobs workers; an address uses a "
                        "running cluster's scheduler (default: the built-in process pool)")
    p.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    p.add_argument("--retry-failed", action="store_true", help="rebuild only the regions that failed last time")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("regions", help="list the regions in the data", epilog="example: swtoolkit regions | grep 云南",
                       description="Regions in the clean data: GB/T 2260 code, level, Chinese and English name, "
                                   "number of figures. Any of code, name or alias works as --regions for build.")
    p.set_defaults(func=_cmd_regions)
    p = sub.add_parser("indicators", help="list the codebook", epilog="example: swtoolkit indicators | grep certified",
                       description="Indicator keys of the codebook with Chinese and English names, unit and "
                                   "definition family (figures of different families are never mixed).")
    p.set_defaults(func=_cmd_indicators)

    p = sub.add_parser("audit", help="list every claim of every report with its figures and gate decisions",
                       description="Build every report's content (no kernel, no charts drawn) and list each sentence, "
                                   "table row, chart and refusal with the figure ids it rests on and the gate "
                                   "decision behind it, as audit.csv and audit.html in the reports folder.",
                       epilog="examples:\n  swtoolkit audit\n  swtoolkit audit --regions 云南省 --out /tmp/audit",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--regions", nargs="+", metavar="REGION", help="codes, names or aliases (default: every report)")
    p.add_argument("--out", metavar="DIR", help="folder for audit.csv and audit.html (default: reports/)")
    p.set_defaults(func=_cmd_audit)

    p = sub.add_parser("extract", help="find candidate figures in Chinese text",
                       description="List candidate figures in source texts (CSV): every number-like span with the "
                                   "region, indicator and date words near it, for a curator to check against "
                                   "data/raw/figures.csv. It never writes the raw table.",
                       epilog="examples:\n  swtoolkit extract new_report.txt --source-id S005\n"
                              "  swtoolkit extract --against data/raw/figures.csv new_report.txt --out cand.csv",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    add_extract_arguments(p)
    p.set_defaults(func=_cmd_extract)
    p = sub.add_parser("add-source", help="register a new source text in data/raw/sources.csv",
                       description="Copy a source text to the folder where clean finds source texts (SWTOOLKIT_SEEDS, "
                                   "default ../shared/seeds) and add its row (id, file, sha256 …) to sources.csv.",
                       epilog="example:\n  swtoolkit add-source page.txt --title 'Provincial bulletin on social "
                              "workers' --outlet 'Provincial civil affairs department' --date 2024-03-01 --url "
                              "https://example.org/page",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", type=Path, metavar="FILE", help="the source text (UTF-8), as saved from the page")
    p.add_argument("--title", required=True, help="the document's title, in your own words or as published")
    p.add_argument("--outlet", required=True, help="who published it (newspaper, department, site)")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="publication date (YYYY-MM when only the "
                   "month is known)")
    p.add_argument("--url", required=True, help="the page's address")
    p.add_argument("--region", help="the region the document is about (name or code), for 全省, 我市 …")
    p.add_argument("--date-note", help="how the date is known, if it is an estimate (start with 'estimate')")
    p.add_argument("--sources", type=Path, help="sources table (default data/raw/sources.csv)")
    p.add_argument("--texts", type=Path, help="folder of source texts (default: SWTOOLKIT_SEEDS or ../shared/seeds)")
    p.set_defaults(func=_cmd_add_source)

    from swtoolkit.release import add_release_arguments  # light: pandas and the clean step load only when run

    p = sub.add_parser("release", help="write a versioned data release (folder + zip) to dist/",
                       description="Write swtoolkit-data-<version>/ and its .zip from the committed clean data, "
                                   "after checking that `swtoolkit clean` reproduces it byte for byte.",
                       epilog="example: swtoolkit release --version 0.1.0 --out dist/ [--force]")
    add_release_arguments(p)
    p.set_defaults(func=_cmd_release)
    top.commands = dict(sub.choices)  # name → its parser, for its usage line
    return top


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line; an unknown option is reported with its subcommand's usage (argparse exits 2)."""
    top = parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    args, extra = top.parse_known_args(argv)
    at = argv.index(args.command) if args.command in argv else 0
    early = [a for a in argv[:at] if a in extra]
    if early:  # swtoolkit -q build: the command's own options written before it are read as its options
        args, extra = top.parse_known_args([a for a in argv[:at] if a not in early] + argv[at:at + 1] + early
                                           + argv[at + 1:])
    if extra:
        top.commands[args.command].error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse(argv)
    except SystemExit as exc:  # --help (0) or a usage error (2, message already printed): the code, not an exit
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    for noisy in ("weasyprint", "fontTools", "papermill", "traitlets"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    try:
        return args.func(args)
    except (SwtoolkitError, OSError) as exc:  # one clear message, no traceback; the code says what kind of problem
        log.debug("error", exc_info=True)
        print(f"swtoolkit: {_one_line(exc)}", file=sys.stderr)
        return exit_code(exc)
    except KeyboardInterrupt:
        print("swtoolkit: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, OSError) and not isinstance(exc, SwtoolkitError) and exc.strerror:
        return f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
    return str(exc)


if __name__ == "__main__":
    sys.exit(main())
