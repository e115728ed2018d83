"""PDF speed: raw pdfplumber, raw pypdfium2 and policyparse end to end, in one run.

Text-layer PDFs only (scans go through OCR, which is another matter). Each contender
runs in its own fresh process on one core; after a warm-up pass, R timed rounds over
all files; the median round gives pages/s; peak RSS is the process's maximum.

    python benchmarks/pdf.py [--rounds 3] [--baseline DIR] [PDF files or folders...]
    (default: corpus/generated/pdf and the text-layer PDFs of ../shared/fixtures/real)

``--baseline DIR`` adds the policyparse of another checkout (``git worktree add ../base
<commit>``) as a contender, run alternately with this one.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "fixtures" / "real"
TEXT_LAYER = ["notice_gov_01.pdf", "notice_gov_02.pdf", "notice_gov_03.pdf", "notice_gov_04.pdf",
              "notice_gov_05.pdf", "plan_attachment_06.pdf", "gov_report_07.pdf"]


def _default_files() -> list[Path]:
    files = sorted((ROOT / "corpus" / "generated" / "pdf").glob("*.pdf"))
    files += [REAL / n for n in TEXT_LAYER if (REAL / n).exists()]
    return files


def _pdfplumber(path: str) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
        return len(pdf.pages)


def _pypdfium2(path: str) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    n = len(pdf)
    for i in range(n):
        tp = pdf[i].get_textpage()
        tp.get_text_range()
        tp.close()
    pdf.close()
    return n


def _policyparse(path: str) -> int:
    import policyparse

    rec = policyparse.parse(path)
    if rec.error:
        raise RuntimeError(f"{path}: {rec.error}")
    return rec.source.pages or 0


CONTENDERS = {"pdfplumber extract_text": _pdfplumber, "pypdfium2 get_text_range": _pypdfium2,
              "policyparse parse": _policyparse}


def _run(name: str, files: list[str], rounds: int, q: "mp.Queue[dict]", root: str | None = None) -> None:
    if root:
        sys.path.insert(0, root)  # before site-packages: that checkout's policyparse
    fn = CONTENDERS[name]
    pages = sum(fn(f) for f in files)  # warm-up
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        for f in files:
            fn(f)
        times.append(time.perf_counter() - t)
    med = statistics.median(times)
    q.put({"name": name, "pages": pages, "pages_per_s": pages / med, "docs_per_s": len(files) / med,
           "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--baseline", metavar="DIR", help="a checkout of another commit, measured in the same run")
    args = ap.parse_args(argv)
    files: list[Path] = []
    for p in map(Path, args.paths):
        files += sorted(p.glob("*.pdf")) if p.is_dir() else [p]
    files = files or _default_files()
    ctx = mp.get_context("spawn")
    results = []

    def measure(name: str, root: str | None = None) -> dict:
        q: "mp.Queue[dict]" = ctx.Queue()
        proc = ctx.Process(target=_run, args=(name, [str(f) for f in files], args.rounds, q, root))
        proc.start()
        out = q.get()
        proc.join()
        return out

    for name in CONTENDERS:
        results.append(measure(name))
    if args.baseline:
        root = str(Path(args.baseline).resolve())
        pairs = [(measure("policyparse parse", root), measure("policyparse parse")) for _ in range(2)]
        ratio = statistics.median(b["pages_per_s"] / a["pages_per_s"] for a, b in pairs)
        base = statistics.median(a["pages_per_s"] for a, _ in pairs)
        this = statistics.median(b["pages_per_s"] for _, b in pairs)
        print(f"baseline {root}: {base:.1f} pages/s; this checkout: {this:.1f} pages/s; this/baseline: {ratio:.2f}x")
    print(f"{len(files)} text-layer PDFs, {results[0]['pages']} pages; median of {args.rounds} rounds, one core each")
    print(f"{'':<26} {'pages/s':>9} {'docs/s':>8} {'peak RSS MB':>12}")
    for r in results:
        print(f"{r['name']:<26} {r['pages_per_s']:>9.1f} {r['docs_per_s']:>8.1f} {r['peak_rss_mb']:>12.0f}")
    base = results[0]["pages_per_s"]
    print(f"policyparse / pdfplumber: {results[2]['pages_per_s'] / base:.1f}x; "
          f"policyparse / pypdfium2: {results[2]['pages_per_s'] / results[1]['pages_per_s']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
