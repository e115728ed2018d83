"""The ``policyparse`` command: parse, eval, schema.

Exit status: 0 when every input parsed, 1 when any input failed, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Iterator, Optional, TextIO

from . import __version__
from .api import parse
from .extractors import available
from .readers import supported_extensions
from .schemas import PolicyRecord, record_json_schema

PROGRESS_MIN_FILES = 4


def iter_inputs(paths: list[str], all_files: bool = False) -> tuple[list[Path], int]:
    """Expand files and folders (recursively) into input files, in a stable order.

    Explicit files are always inputs. In folders, files with a supported extension
    are (every file with ``all_files``); hidden files are skipped. Returns the inputs
    and how many folder files were skipped. Symlink loops are not followed twice.
    """
    exts = set(supported_extensions())
    out: list[Path] = []
    skipped = 0
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
                if name.startswith("."):
                    continue
                fp = Path(root) / name
                if all_files or fp.suffix.lower() in exts:
                    out.append(fp)
                else:
                    skipped += 1
    return out, skipped


class _Writer:
    """Streams records as JSONL, or as one JSON array."""

    def __init__(self, out: TextIO, fmt: str):
        self.out = out
        self.fmt = fmt
        self.count = 0
        if fmt == "json":
            out.write("[\n")

    def write(self, rec: PolicyRecord) -> None:
        line = rec.model_dump_json()
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


def _progress(total: int, enabled: bool):  # type: ignore[no-untyped-def]
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)


def cmd_parse(args: argparse.Namespace) -> int:
    inputs, skipped = iter_inputs(args.paths, args.all_files)
    if skipped and not args.quiet:
        print(f"policyparse: {skipped} file(s) in the folders have no supported extension and were skipped "
              f"(--all-files to include them)", file=sys.stderr)
    out: TextIO
    if args.output and args.output != "-":
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        out = open(args.output, "w", encoding="utf-8")
    else:
        out = sys.stdout
    writer = _Writer(out, args.format)
    show = not args.quiet and not args.no_progress and len(inputs) >= PROGRESS_MIN_FILES
    bar = _progress(len(inputs), show)
    failures: list[tuple[Path, str, str]] = []
    started = time.perf_counter()
    try:
        for path in inputs:
            rec = parse(path, extractor=args.extractor)
            writer.write(rec)
            if rec.error:
                failures.append((path, rec.error.type, rec.error.message))
            if bar is not None:
                bar.update(1)
                bar.set_postfix(failed=len(failures), refresh=False)
    finally:
        if bar is not None:
            bar.close()
        writer.close()
        if out is not sys.stdout:
            out.close()
    elapsed = time.perf_counter() - started
    if not args.quiet:
        for path, etype, msg in failures:
            print(f"policyparse: {path}: {etype}: {msg}", file=sys.stderr)
        if len(inputs) > 1 or failures:
            kinds = ", ".join(f"{k} {v}" for k, v in Counter(t for _, t, _ in failures).most_common())
            rate = len(inputs) / elapsed if elapsed > 0 else 0.0
            print(f"policyparse: {len(inputs)} file(s), {len(inputs) - len(failures)} parsed, {len(failures)} failed"
                  f"{' (' + kinds + ')' if kinds else ''}; {rate:.1f} files/s", file=sys.stderr)
    return 1 if failures else 0


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
    pp.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    pp.add_argument("--format", choices=("jsonl", "json"), default="jsonl", help="one record per line (default) or one JSON array")
    pp.add_argument("--extractor", default="rules", help="rules (default) or jieba")
    pp.add_argument("--all-files", action="store_true", help="in folders, also try files without a supported extension")
    pp.add_argument("--no-progress", action="store_true", help="no progress bar")
    pp.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary on stderr")
    pp.set_defaults(func=cmd_parse)

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
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("policyparse: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
