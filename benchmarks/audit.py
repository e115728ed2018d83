"""Audit of the bulk set: invariants that need no gold, counted over ``../shared/bulk``.

Parses every file of the folder with the batch pool (2 workers, a per-file timeout),
caches the records in a JSONL, and prints for each invariant how many files break it,
over all parsed files and over the notices only (records whose verdict, ``is_notice``,
says they are a 公文; the others are counted on a line of their own, not as failures).

Invariants:

- ``no_title``: a parsed record without a title;
- ``no_issue_date``: without an issue date;
- ``docnum_not_read``: a line before the title is a 文号 and ``doc_number`` is empty;
- ``numbered_no_measures``: three or more item markers of one style numbered 1, 2, 3 in
  order (一、二、三、, （一）（二）（三）, 第一条 第二条 第三条 …) before any bare 附件 heading,
  and no measure;
- ``repeated_paragraph``: a line of 60 or more characters printed twice in ``text``;
- ``chrome_in_text``: a page-toolbar or navigation line kept in ``text``
  (patterns in ``benchmarks/audit_chrome.tsv``);
- ``chrome_read``: such a line inside the span of an extracted item (measure, target, deadline,
  department, reference) or taken as the title: chrome the extractors read;
- ``parse_error``: an error record that is not an input error a user can act on
  (EmptyFile, NoTextLayer, UnsupportedFormat …; see ``policyparse/errors.py``);
- ``timeout_or_memory``: Timeout, MemoryLimit or WorkerCrashed (depends on the machine's load).

    python benchmarks/audit.py                       # parse (or reuse) and print the table
    python benchmarks/audit.py --reuse               # reuse cached records (same file, same code)
    python benchmarks/audit.py --reparse-flagged     # after a fix: parse again only what was flagged
    python benchmarks/audit.py --list numbered_no_measures
    python benchmarks/audit.py --records out/audit/bulk.jsonl --reuse --json counts.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

import regex as re

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from policyparse.lang.docnumber import DOC_NUMBER  # noqa: E402
from policyparse.lang.markers import match_marker  # noqa: E402

BULK = ROOT.parent / "shared" / "bulk"
RECORDS = ROOT / "out" / "audit" / "bulk.jsonl"
CHROME = Path(__file__).with_name("audit_chrome.tsv")
SKIP = {"MANIFEST.tsv", "README.md", "SOURCES.md"}
# Errors that describe the input (a user can act on them), not a bug of the parser.
INPUT_ERRORS = {"FileNotReadable", "EmptyFile", "UnsupportedFormat", "CorruptFile", "Encrypted",
                "MissingDependency", "TooLarge", "NoTextLayer"}
# The machine, not the file: a file that outran the timeout or the memory cap, a worker that died.
RESOURCE_ERRORS = {"Timeout", "MemoryLimit", "WorkerCrashed"}
INVARIANTS = ["no_title", "no_issue_date", "docnum_not_read", "numbered_no_measures", "repeated_paragraph",
              "chrome_in_text", "chrome_read", "parse_error", "timeout_or_memory"]
REPEAT_MIN = 60
ATTACHMENT_HEAD = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]*$")  # 附件 2 alone: an attachment begins
RUN_MIN = 3


# --- parsing, with a cache ------------------------------------------------------------------


def bulk_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name not in SKIP and not p.name.startswith("."))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_records(path: Path) -> dict[str, dict[str, Any]]:
    """Records of a JSONL by file name (the bulk folder is flat); a torn last line is ignored."""
    out: dict[str, dict[str, Any]] = {}
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").split("\n"):
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        name = Path((rec.get("source") or {}).get("path") or "").name
        if name:
            out[name] = rec
    return out


def code_version() -> str:
    """A hash of the package's source and data files: records of another version are not reused."""
    h = hashlib.sha256()
    for p in sorted((ROOT / "policyparse").rglob("*")):
        if p.is_file() and p.suffix in (".py", ".txt", ".tsv", ".json") and "__pycache__" not in p.parts:
            h.update(str(p.relative_to(ROOT)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:16]


def _flagged(rec: dict[str, Any], which: Optional[set[str]]) -> bool:
    """``rec`` breaks one of ``which`` (all invariants when empty); ``no_measures`` and ``error`` may be named too."""
    broken = set(check(rec))
    if not rec.get("error") and not rec.get("measures"):
        broken.add("no_measures")
    if rec.get("error"):
        broken.add("error")
    return bool(broken & which) if which else bool(broken - {"no_measures", "error"})


def parse_all(files: list[Path], records: Path, reuse: bool, workers: int, timeout: float,
              reparse_flagged: Optional[set[str]] = None) -> dict[str, dict]:
    """Records for ``files``: cached ones (same content, same code) when ``reuse``, the others parsed now.

    ``reparse_flagged`` reuses the cached records that break no invariant whatever code made them,
    and parses again the files they flag: a cheap rerun after a fix (it cannot see new flags on
    the files it reuses).
    """
    from policyparse.batch import Pool

    version = code_version()
    stamp = records.with_suffix(".version")
    cached = read_records(records) if reuse or reparse_flagged is not None else {}
    same_code = stamp.exists() and stamp.read_text().strip() == version
    if reuse and not same_code and reparse_flagged is None:
        cached = {}
    keep = {p.name: cached[p.name] for p in files
            if p.name in cached and (cached[p.name].get("source") or {}).get("sha256") == sha256(p)
            and (same_code or not _flagged(cached[p.name], reparse_flagged))
            and ((cached[p.name].get("error") or {}).get("type") not in RESOURCE_ERRORS)}  # load-dependent: try again
    todo = [p for p in files if p.name not in keep]
    if reparse_flagged is not None and not same_code:
        print(f"audit: {len(keep)} records of unflagged files reused from an earlier code version", file=sys.stderr)
    records.parent.mkdir(parents=True, exist_ok=True)
    tmp = records.with_suffix(".jsonl.tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        for rec in keep.values():
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        if todo:
            print(f"audit: parsing {len(todo)} file(s) ({len(keep)} reused), {workers} workers", file=sys.stderr)
            with Pool(workers, timeout=timeout, max_memory_mb=3072) as pool:
                for k, (_, line) in enumerate(pool.imap(todo), 1):
                    out.write(line + "\n")
                    out.flush()
                    if k % 50 == 0:
                        print(f"audit: {k}/{len(todo)}", file=sys.stderr)
    tmp.replace(records)
    stamp.write_text(version if (same_code or not keep) else f"mixed {version}", encoding="utf-8")
    return read_records(records)


# --- the invariants -------------------------------------------------------------------------


def _chrome_patterns(path: Path = CHROME) -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.strip() and not line.startswith("#"):
            name, pattern = line.split("\t", 1)
            out.append((name, re.compile(pattern.strip())))
    return out


_CHROME = _chrome_patterns()


def chrome_lines(text: str) -> list[str]:
    """Lines of ``text`` (at most 80 characters) that match a chrome pattern."""
    hits = []
    for line in text.splitlines():
        s = line.strip()
        if s and len(s) <= 80 and any(p.search(s) for _, p in _CHROME):
            hits.append(s)
    return hits


_ITEM_FIELDS = ("measures", "targets", "deadlines", "departments", "references")


def chrome_read(rec: dict[str, Any]) -> list[str]:
    """Chrome lines that an extracted item comes from: inside the span of a measure, target,
    deadline, department or reference, or taken as the title. A chrome line left in ``text``
    but zoned as page furniture is read by nothing and is not counted here."""
    text = rec.get("text") or ""
    spans = [tuple(item["span"]) for f in _ITEM_FIELDS for item in rec.get(f) or [] if item.get("span")]
    hits = []
    pos = 0
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line)
        pos = end
        s = line.strip()
        if not s or len(s) > 80 or not any(p.search(s) for _, p in _CHROME):
            continue
        if s == (rec.get("title") or "").strip() or any(a < end and start < b for a, b in spans):
            hits.append(s)
    return hits


def marker_run(text: str) -> Optional[str]:
    """The first style printing markers 1, 2, 3 … in order (``RUN_MIN`` of them), as 'style: 一、 二、 三、'."""
    runs: dict[Any, list[str]] = {}
    for line in text.splitlines():
        if ATTACHMENT_HEAD.match(line.strip()):
            break  # items inside attachments are not measures of the document (SPEC 2)
        m = match_marker(line.strip())
        if not m:
            continue
        run = runs.setdefault(m.style, [])
        last = int(run[-1].split("\t")[0]) if run else 0
        if m.number == 1:
            runs[m.style] = [f"1\t{m.marker}"]
        elif m.number == last + 1:
            run.append(f"{m.number}\t{m.marker}")
        else:
            continue
        if len(runs[m.style]) >= RUN_MIN:
            return f"{m.style.value}: " + " ".join(x.split("\t")[1] for x in runs[m.style])
    return None


def repeated_paragraphs(text: str) -> list[str]:
    seen: Counter[str] = Counter(s for s in (line.strip() for line in text.splitlines()) if len(s) >= REPEAT_MIN)
    return [s for s, n in seen.items() if n > 1]


def docnumber_above_title(text: str, title: Optional[str]) -> Optional[str]:
    """A line before the title that is a 文号 (alone, or after a label such as 文号：)."""
    if not title:
        return None
    head = re.sub(r"\s+", "", title)[:8]
    squeezed_lines = [re.sub(r"\s+", "", line) for line in text.splitlines()]
    for k, line in enumerate(squeezed_lines):
        if head and head in line:
            before = squeezed_lines[:k]
            break
    else:
        return None
    for line in before:
        m = DOC_NUMBER.search(line)
        if m and len(line) - len(m.group(0)) <= 8:
            return line
    return None


def check(rec: dict[str, Any]) -> dict[str, str]:
    """The invariants ``rec`` breaks, each with a short piece of evidence."""
    err = rec.get("error")
    if err:
        if err.get("type") in RESOURCE_ERRORS:
            return {"timeout_or_memory": f"{err.get('type')}: {(err.get('message') or '')[:120]}"}
        if err.get("type") not in INPUT_ERRORS:
            return {"parse_error": f"{err.get('type')}: {(err.get('message') or '')[:120]}"}
        return {}
    text = rec.get("text") or ""
    found: dict[str, str] = {}
    if not rec.get("title"):
        found["no_title"] = text.strip().splitlines()[0][:60] if text.strip() else "(no text)"
    if not rec.get("issue_date"):
        found["no_issue_date"] = rec.get("title") or ""
    line = docnumber_above_title(text, rec.get("title"))
    if line and not rec.get("doc_number"):
        found["docnum_not_read"] = line
    run = marker_run(text)
    if run and not rec.get("measures"):
        found["numbered_no_measures"] = run
    rep = repeated_paragraphs(text)
    if rep:
        found["repeated_paragraph"] = f"{len(rep)}×: {rep[0][:60]}"
    chrome = chrome_lines(text)
    if chrome:
        found["chrome_in_text"] = " | ".join(chrome[:3])[:120]
    read = chrome_read(rec)
    if read:
        found["chrome_read"] = " | ".join(read[:3])[:120]
    return found


def audit(records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    files: dict[str, list[tuple[str, bool, str]]] = {k: [] for k in INVARIANTS}
    errors: Counter[str] = Counter()
    parsed = notices = 0
    for rec in records:
        name = Path(rec["source"]["path"]).name
        if rec.get("error"):
            errors[rec["error"].get("type") or "?"] += 1
        else:
            parsed += 1
            notices += bool(rec.get("is_notice"))
        for inv, evidence in check(rec).items():
            files[inv].append((name, bool(rec.get("is_notice")), evidence))
    return {"files": sum(errors.values()) + parsed, "parsed": parsed, "notices": notices,
            "not_notices": parsed - notices, "errors": dict(errors.most_common()),
            "counts": {k: len(v) for k, v in files.items()},
            "notice_counts": {k: sum(n for _, n, _ in v) for k, v in files.items()},
            "flagged": {k: sorted(v) for k, v in files.items()}}


def table(result: dict[str, Any]) -> Iterator[str]:
    yield (f"files {result['files']}, parsed {result['parsed']} (notices {result['notices']}, "
           f"not a notice {result['not_notices']}), error records {sum(result['errors'].values())}: "
           + ", ".join(f"{k} {v}" for k, v in result["errors"].items()))
    yield "| invariant | files | notices only |"
    yield "|---|---|---|"
    for inv in INVARIANTS:
        yield f"| {inv} | {result['counts'][inv]} | {result['notice_counts'][inv]} |"


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", nargs="?", type=Path, default=BULK)
    ap.add_argument("--records", type=Path, default=RECORDS, help=f"the JSONL cache (default {RECORDS})")
    ap.add_argument("--reuse", action="store_true", help="reuse cached records of files whose content is unchanged")
    ap.add_argument("--reparse-flagged", nargs="?", const="", metavar="INV,...",
                    help="reuse cached records that break none of these invariants (all when none named; also "
                         "no_measures, error), even of older code, and parse the others again")
    ap.add_argument("--no-parse", action="store_true", help="audit the records file as it is; parse nothing")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per file")
    ap.add_argument("--list", metavar="INVARIANT", choices=INVARIANTS, help="print the files that break it")
    ap.add_argument("--notices-only", action="store_true", help="with --list: only notices")
    ap.add_argument("--json", type=Path, help="save the counts (and the flagged files) here")
    args = ap.parse_args(argv)

    if args.no_parse:
        names = {p.name for p in bulk_files(args.folder)}  # the folder's documents, not its README
        recs = {k: v for k, v in read_records(args.records).items() if k in names}
    else:
        recs = parse_all(bulk_files(args.folder), args.records, args.reuse, args.workers, args.timeout,
                         None if args.reparse_flagged is None
                         else {x for x in args.reparse_flagged.split(",") if x})
    result = audit(recs.values())
    if args.list:
        for name, notice, evidence in result["flagged"][args.list]:
            if notice or not args.notices_only:
                print(f"{name}\t{'notice' if notice else 'not-notice'}\t{evidence}")
        return 0
    for line in table(result):
        print(line)
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
