"""The ``policyparse`` command: parse, export, report, eval, schema.

Exit status: 0 when every input parsed, 1 when any input failed, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Optional, TextIO

from . import __version__
from .extractors import available
from .paths import display_path
from .readers import supported_extensions
from .schemas import PolicyRecord, record_json_schema

PROGRESS_MIN_FILES = 4
SLOW_SECONDS = 3.0  # a file parsed longer than this is named in the progress bar, with its page
NOTICES_ONLY_HELP = ("leave out documents that parsed but are not notices (公文: READMEs, 政策解读, news and "
                     "listing pages; the record's is_notice); failed files are kept")


def iter_inputs(paths: list[str], all_files: bool = False) -> tuple[list[Path], Counter[str]]:
    """Expand files and folders (recursively) into input files, in a stable order.

    Explicit files are always inputs. In folders, files with a supported extension
    are, except hidden ones (``.name``, and macOS's ``._name`` AppleDouble files);
    with ``all_files`` every file is, hidden ones too. Hidden folders (``.git``) are
    never walked. Returns the inputs and what was skipped: ``hidden`` and each
    unsupported extension (``.json``, or ``no extension``) with its count. Symlink
    loops are not followed twice.
    """
    exts = set(supported_extensions())
    out: list[Path] = []
    skipped: Counter[str] = Counter()
    seen_dirs: set[tuple[int, int]] = set()
    for raw in paths:
        p = Path(raw)
        if not p.is_dir():
            out.append(p)
            continue
        for root, dirs, files in os.walk(p, followlinks=True):
            try:
                st = os.stat(root)
                key = (st.st_dev, st.st_ino)
            except OSError:
                continue
            if key in seen_dirs:
                dirs[:] = []
                continue
            seen_dirs.add(key)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                fp = Path(root) / name
                if all_files:
                    out.append(fp)
                elif name.startswith("."):
                    skipped["hidden"] += 1
                elif fp.suffix.lower() in exts:
                    out.append(fp)
                else:
                    skipped[fp.suffix.lower() or "no extension"] += 1
    return out, skipped


def skipped_line(skipped: Counter[str]) -> str:
    """What the folder walk left out, in words.

    >>> print(skipped_line(Counter({".json": 54, "hidden": 2})))
    skipped 56 file(s): 54 .json (not a supported extension), 2 hidden (._* from macOS, .DS_Store …); --all-files to include them
    """
    hidden = skipped.get("hidden", 0)
    kinds = ", ".join(f"{n} {ext}" for ext, n in skipped.most_common() if ext != "hidden")
    parts = ([f"{kinds} (not a supported extension)"] if kinds else []) + (
        [f"{hidden} hidden (._* from macOS, .DS_Store …)"] if hidden else [])
    return f"skipped {sum(skipped.values())} file(s): {', '.join(parts)}; --all-files to include them"


class _Writer:
    """Streams records as JSONL, or as one JSON array."""

    def __init__(self, out: TextIO, fmt: str):
        self.out = out
        self.fmt = fmt
        self.count = 0
        if fmt == "json":
            out.write("[\n")

    def write(self, rec: PolicyRecord) -> None:
        self.write_line(rec.model_dump_json())

    def write_line(self, line: str) -> None:
        if self.fmt == "json":
            self.out.write((",\n" if self.count else "") + line)
        else:
            self.out.write(line + "\n")
        self.out.flush()
        self.count += 1

    def close(self) -> None:
        if self.fmt == "json":
            self.out.write("\n]\n")
        self.out.flush()


class _Progress:
    """The progress bar: files done, failures, and the file that takes long, on which page.

    The bar shows from the start for ``PROGRESS_MIN_FILES`` inputs or more; for fewer
    it appears only once a file has taken ``SLOW_SECONDS`` (an OCR scan), so that a
    quick run prints nothing.
    """

    def __init__(self, total: int, allowed: bool):
        self.total = total
        self.allowed = allowed
        self.done = 0
        self.failed = 0
        self.status = ""
        self.bar: Any = self._bar() if allowed and total >= PROGRESS_MIN_FILES else None

    def _bar(self) -> Any:
        from tqdm import tqdm

        return tqdm(total=self.total, initial=self.done, unit="file", file=sys.stderr, dynamic_ncols=True,
                    smoothing=0.1)

    def file_done(self, failed: int) -> None:
        self.done += 1
        self.failed = failed
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix(failed=failed, refresh=False)

    def tick(self, running: list[tuple[Path, float, str]]) -> None:
        """Show the slowest file once it has taken ``SLOW_SECONDS``: its name, its page, its time."""
        slow = [r for r in running if r[1] >= SLOW_SECONDS]
        status = ""
        if slow:
            path, seconds, detail = max(slow, key=lambda r: r[1])
            status = f"{display_path(Path(path).name)}: {detail or 'reading'}, {seconds:.0f} s"
        if status == self.status or not self.allowed:
            return
        if self.bar is None:
            self.bar = self._bar()
        self.status = status
        self.bar.set_description_str(status)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _open_output(args: argparse.Namespace) -> tuple[Optional[TextIO], Any]:
    """(text stream for JSONL/JSON, or None) and a table writer (or None) for ``-o``."""
    from .export import TableWriter, kind_of

    if not args.output or args.output == "-":
        return sys.stdout, None
    kind = kind_of(args.output)  # ValueError for an unknown extension: checked in cmd_parse
    if kind in ("csv", "parquet", "sqlite"):
        return None, TableWriter(args.output, kind, bom=not args.no_bom)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    mode = "a" if args.resume else "w"
    return open(args.output, mode, encoding="utf-8"), None


def cmd_parse(args: argparse.Namespace) -> int:
    from . import batch
    from .errors import MissingDependency
    from .export import check_writer, kind_of

    if args.output and args.output != "-":
        try:
            if kind_of(args.output) == "ics":
                raise ValueError("a calendar is made from records: policyparse export RECORDS.jsonl -o FILE.ics")
            check_writer(kind_of(args.output))
        except (ValueError, MissingDependency) as exc:
            print(f"policyparse: -o: {exc}", file=sys.stderr)
            return 2
    inputs, skipped = iter_inputs(args.paths, args.all_files)
    if skipped and not args.quiet:
        print(f"policyparse: {skipped_line(skipped)}", file=sys.stderr)
    if not inputs:
        print(f"policyparse: no input files in {', '.join(args.paths)}", file=sys.stderr)
        return 2
    if args.resume:
        if not args.output or args.output == "-" or Path(args.output).suffix.lower() not in (".jsonl", ".ndjson"):
            print("policyparse: --resume needs -o FILE.jsonl (the output it continues)", file=sys.stderr)
            return 2
        done, _ = batch.resume_state(Path(args.output))
        before = len(inputs)
        inputs = list(batch.todo(inputs, done, args.extractor))
        if not args.quiet:
            print(f"policyparse: resuming: {before - len(inputs)} of {before} file(s) already done", file=sys.stderr)
    workers = args.workers if args.workers is not None else (batch.default_workers() if len(inputs) > 2 else 1)
    stream, tables = _open_output(args)
    fmt = "json" if (args.format == "json" or (args.output or "").lower().endswith(".json")) else "jsonl"
    writer = _Writer(stream, fmt) if stream is not None else None
    bar = _Progress(len(inputs), allowed=not args.quiet and not args.no_progress)
    failures: list[tuple[Path, str, str]] = []
    not_notices = 0
    started = time.perf_counter()

    def write(path: Path, line: str) -> None:
        nonlocal not_notices
        failed = not line.endswith('"error":null}')  # error is the record's last field
        # compact JSON of the record itself: inside a string value a quote would be escaped
        if not failed and '"is_notice":false' in line:
            not_notices += 1
            if args.notices_only:
                return
        if writer is not None:
            writer.write_line(line)
        else:
            tables.write(json.loads(line))
        if failed:
            err = json.loads(line).get("error")
            if err:
                failures.append((path, err["type"], err["message"]))
        bar.file_done(len(failures))

    try:
        batch.run(inputs, write, workers=workers, extractor=args.extractor,
                  timeout=args.timeout if workers > 1 or args.timeout_set else 0,
                  max_memory_mb=args.max_memory or None, on_tick=bar.tick, explain=args.explain)
    finally:
        bar.close()
        if writer is not None:
            writer.close()
            if stream is not sys.stdout and stream is not None:
                stream.close()
        if tables is not None:
            tables.close()
    elapsed = time.perf_counter() - started
    if not args.quiet:
        for path, etype, msg in failures:
            print(f"policyparse: {display_path(path)}: {etype}: {msg}", file=sys.stderr)
        if len(inputs) > 1 or failures:
            kinds = ", ".join(f"{k} {v}" for k, v in Counter(t for _, t, _ in failures).most_common())
            rate = len(inputs) / elapsed if elapsed > 0 else 0.0
            others = (f" ({not_notices} not a notice{', left out' if args.notices_only else ''})"
                      if not_notices else "")
            print(f"policyparse: {len(inputs)} file(s), {len(inputs) - len(failures)} parsed{others}, {len(failures)} failed"
                  f"{' (' + kinds + ')' if kinds else ''}; {rate:.1f} files/s with {workers} worker(s)", file=sys.stderr)
    return 1 if failures else 0


def cmd_export(args: argparse.Namespace) -> int:
    from .errors import MissingDependency
    from .export import check_writer, export, kind_of, read_jsonl
    from .verdict import is_notice

    try:
        check_writer(kind_of(args.output))
        if not Path(args.records).is_file():
            raise ValueError(f"{args.records} is not a file of records (parse -o FILE.jsonl makes one)")
        records = read_jsonl(args.records)
        if args.notices_only:
            records = (r for r in records if r.get("error") or is_notice(r))
        first = next(records, None)  # a file that is not records fails here, before any output exists
        n = export(itertools.chain([first] if first else [], records), args.output, bom=not args.no_bom)
    except (ValueError, UnicodeDecodeError, MissingDependency) as exc:
        print(f"policyparse export: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(f"policyparse: {n} record(s) written to {args.output}", file=sys.stderr)
    return 0


RECORD_SUFFIXES = (".jsonl", ".ndjson", ".json")


def cmd_report(args: argparse.Namespace) -> int:
    """Records from .jsonl/.json files as they are, other files and folders parsed; then the site."""
    from . import batch
    from .export import read_jsonl
    from .report import build_report

    groups = [(a, None if _is_records(a) else iter_inputs([a])[0]) for a in args.paths]
    to_parse = [p for _, files in groups for p in files or []]
    parsed: dict[Path, str] = {}
    if to_parse:
        workers = args.workers if args.workers is not None else (batch.default_workers() if len(to_parse) > 2 else 1)
        bar = _Progress(len(to_parse), allowed=not args.quiet and len(to_parse) >= PROGRESS_MIN_FILES)

        def keep(path: Path, line: str) -> None:
            parsed[path] = line
            bar.file_done(0)

        try:
            batch.run(to_parse, keep, workers=workers, extractor=args.extractor, timeout=120.0 if workers > 1 else 0,
                      on_tick=bar.tick)
        finally:
            bar.close()
    records: list[dict[str, Any]] = []
    try:
        for a, files in groups:
            records += read_jsonl(a) if files is None else [json.loads(parsed[p]) for p in files]
    except (ValueError, UnicodeDecodeError, OSError) as exc:
        print(f"policyparse report: {exc}", file=sys.stderr)
        return 2
    summary = build_report(records, args.output)
    if not args.quiet:
        print(f"policyparse: report of {summary.notices} notice(s) and {summary.failed} failed file(s), "
              f"{summary.links} citing pair(s): {summary.index}", file=sys.stderr)
    return 0


def _is_records(arg: str) -> bool:
    return Path(arg).is_file() and Path(arg).suffix.lower() in RECORD_SUFFIXES


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, format_table, gold_files, report_json

    corpus = Path(args.corpus)
    if not gold_files(corpus):
        print(f"policyparse eval: no gold records in {corpus / 'gold'}", file=sys.stderr)
        return 2
    names = available() if args.extractor == "all" else [args.extractor]
    reports = [evaluate(corpus, name) for name in names]
    print(report_json(reports) if args.json else format_table(reports))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(record_json_schema(), ensure_ascii=False, indent=2))
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="policyparse",
        description="Turn Chinese government policy notices (公文) into structured records.",
    )
    p.add_argument("--version", action="version", version=f"policyparse {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    pp = sub.add_parser("parse", help="parse files and folders into records (JSONL)")
    pp.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (searched recursively)")
    pp.add_argument("-o", "--output", metavar="OUT",
                    help="write here instead of stdout: .jsonl/.json records, or tables as .csv (folder), "
                         ".parquet (folder), .db/.sqlite (SQLite)")
    pp.add_argument("--format", choices=("jsonl", "json"), default="jsonl", help="one record per line (default) or one JSON array")
    pp.add_argument("--extractor", default="rules", help="rules (default) or jieba")
    pp.add_argument("--all-files", action="store_true",
                    help="in folders, also try files without a supported extension, and hidden files (._*)")
    pp.add_argument("--no-progress", action="store_true", help="no progress bar")
    pp.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary on stderr")
    pp.add_argument("--workers", type=int, default=None, metavar="N",
                    help="worker processes (default: the number of cores; 1 for one or two files)")
    pp.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                    help="give up on a file after this long (default 120; with workers)")
    pp.add_argument("--max-memory", type=int, default=3072, metavar="MB",
                    help="address-space cap per worker process (default 3072; 0 for none)")
    pp.add_argument("--resume", action="store_true",
                    help="continue a run: skip files already in -o FILE.jsonl (same path, content, extractor)")
    pp.add_argument("--no-bom", action="store_true", help="CSV without the UTF-8 BOM that Excel needs")
    pp.add_argument("--notices-only", action="store_true", help=NOTICES_ONLY_HELP)
    pp.add_argument("--explain", action="store_true",
                    help="keep in each record (field 'dropped') the candidates dropped and why, e.g. ungrounded departments")
    pp.set_defaults(func=cmd_parse)

    px = sub.add_parser("export", help="turn records (JSONL) into tables (CSV, Parquet, SQLite) or a calendar (.ics)")
    px.add_argument("records", metavar="RECORDS.jsonl")
    px.add_argument("-o", "--output", required=True, metavar="OUT", help=".csv / .parquet (folders), .db / .sqlite, or .ics (deadlines)")
    px.add_argument("--no-bom", action="store_true", help="CSV without the UTF-8 BOM")
    px.add_argument("--notices-only", action="store_true", help=NOTICES_ONLY_HELP)
    px.add_argument("-q", "--quiet", action="store_true")
    px.set_defaults(func=cmd_export)

    pr = sub.add_parser("report", help="write a static review site: every notice with its items marked",
                        description="Write DIR/index.html and one page per notice (offline: no network). "
                                    "Inputs: .jsonl/.json records, or files and folders to parse. "
                                    "Exit status 0 when the site is written (failed files are rows in it), "
                                    "2 on usage errors.")
    pr.add_argument("paths", nargs="+", metavar="PATH_OR_RECORDS", help="records (.jsonl/.json), files or folders")
    pr.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the site (made if missing)")
    pr.add_argument("--extractor", default="rules", help="for files to parse: rules (default) or jieba")
    pr.add_argument("--workers", type=int, default=None, metavar="N", help="worker processes for files to parse")
    pr.add_argument("-q", "--quiet", action="store_true")
    pr.set_defaults(func=cmd_report)

    pe = sub.add_parser("eval", help="score an extractor against gold records (CORPUS/gold/*.json)")
    pe.add_argument("corpus", metavar="CORPUS", help="folder with documents and a gold/ folder")
    pe.add_argument("--extractor", default="rules", help="an extractor name, or 'all' for every one side by side")
    pe.add_argument("--json", action="store_true", help="print counts and per-document differences as JSON")
    pe.set_defaults(func=cmd_eval)

    ps = sub.add_parser("schema", help="print the record's JSON Schema")
    ps.set_defaults(func=cmd_schema)
    return p


def main(argv: Optional[list[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "extractor", None) not in (None, "all") and args.extractor not in available():
        parser.error(f"unknown extractor {args.extractor!r}; choose from {', '.join(available())}")
    if getattr(args, "timeout", "absent") != "absent":
        args.timeout_set = args.timeout is not None
        args.timeout = args.timeout if args.timeout is not None else 120.0
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("policyparse: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
