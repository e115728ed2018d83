"""Batch throughput: 1 and 2 workers over a folder of at least 2,000 mixed notices, in one run.

The folder is made by copying the corpus (TXT), its generated DOCX and PDF, the
devset (HTML, TXT, MD, DOCX) and the real text-layer PDF and DOCX fixtures under
distinct names until there are at least N files (default 2000). Scanned PDFs and
.doc files are left out: OCR and LibreOffice would measure those tools instead.
Prints files/s, pages/s, each worker's peak RSS, and the 2-worker/1-worker ratio.

    python benchmarks/batch.py [--files 2000] [--workers 1,2]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def sources() -> list[Path]:
    files = sorted((ROOT / "corpus").glob("*.txt"))
    files += sorted((ROOT / "corpus" / "generated").rglob("*.docx")) + sorted((ROOT / "corpus" / "generated").rglob("*.pdf"))
    files += [p for p in sorted((SHARED / "devset").glob("d*")) if p.suffix in (".html", ".htm", ".txt", ".md", ".docx")]
    real = SHARED / "fixtures" / "real"
    files += [p for p in sorted(real.glob("*")) if p.suffix in (".docx", ".ofd") or (p.suffix == ".pdf" and not p.name.startswith("scan"))]
    return files


def build(folder: Path, n: int) -> list[Path]:
    src = sources()
    out = []
    k = 0
    while len(out) < n:
        for p in src:
            dst = folder / f"{k:05d}_{p.name}"
            shutil.copyfile(p, dst)
            out.append(dst)
            k += 1
            if len(out) >= n:
                break
    return out


def measure(files: list[Path], workers: int) -> dict:
    import json

    from policyparse.batch import Pool

    pages = 0
    failed = 0
    t = time.perf_counter()
    with Pool(workers, timeout=120, max_memory_mb=3072) as pool:
        startup = time.perf_counter() - t
        t = time.perf_counter()
        for _, line in pool.imap(files):
            rec = json.loads(line)
            pages += (rec["source"].get("pages") or 1)
            failed += rec["error"] is not None
        elapsed = time.perf_counter() - t
        rss = pool.peak_rss_mb()
    return {"workers": workers, "files": len(files), "failed": failed, "seconds": elapsed, "startup": startup,
            "files_per_s": len(files) / elapsed, "pages_per_s": pages / elapsed, "peak_rss_mb": rss}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--workers", default="1,2")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="policyparse-batch-") as tmp:
        files = build(Path(tmp), args.files)
        kinds = {}
        for f in files:
            kinds[f.suffix] = kinds.get(f.suffix, 0) + 1
        print(f"{len(files)} files: " + ", ".join(f"{v} {k}" for k, v in sorted(kinds.items())))
        results = [measure(files, int(w)) for w in args.workers.split(",")]
    print(f"{'workers':>7} {'files/s':>9} {'pages/s':>9} {'failed':>7} {'peak RSS per worker (MB)':>26}")
    for r in results:
        rss = ", ".join(f"{x:.0f}" for x in r["peak_rss_mb"])
        print(f"{r['workers']:>7} {r['files_per_s']:>9.1f} {r['pages_per_s']:>9.1f} {r['failed']:>7} {rss:>26}")
    if len(results) >= 2:
        print(f"scaling {results[1]['workers']} vs {results[0]['workers']} worker(s): "
              f"{results[1]['files_per_s'] / results[0]['files_per_s']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
