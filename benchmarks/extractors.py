"""Speed and memory of each extractor on the text of the corpus, in one run.

Each extractor runs in its own fresh process (one core): warm-up once (jieba's
dictionary loads lazily, once per process), then R timed rounds over all documents;
the median round gives characters/s, KB/s of UTF-8 text and documents/s. Peak RSS
is the process's maximum resident memory.

    python benchmarks/extractors.py [--rounds 5] [--baseline DIR] [FILES_OR_FOLDERS...]   (default: corpus/)

``--baseline DIR`` measures the policyparse of another checkout in the same run
(``git worktree add ../base <commit>``), each extractor alternating between the two,
and prints this checkout's speed as a ratio of the baseline's.
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


def _files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths or [str(ROOT / "corpus")]):
        if p.is_dir():
            out += sorted(x for x in p.rglob("*") if x.suffix in (".txt", ".md", ".html", ".htm") and "gold" not in x.parts)
        else:
            out.append(p)
    return out


def _run(extractor: str, files: list[str], rounds: int, queue: "mp.Queue[dict]", root: str | None = None) -> None:
    if root:
        sys.path.insert(0, root)  # before site-packages: that checkout's policyparse
    if root and extractor != "rules":
        try:  # its spaCy factories register on import; the installed entry points name this checkout's modules
            import spacy

            spacy.registry.factories.entry_points = False
            spacy.registry._entry_point_factories.entry_points = False
        except ImportError:
            pass
    import policyparse

    records = [policyparse.parse(f, extractor=extractor) for f in files]  # warm-up, lazy loads
    chars = sum(len(r.text) for r in records)
    nbytes = sum(len(r.text.encode("utf-8")) for r in records)
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        for f in files:
            policyparse.parse(f, extractor=extractor)
        times.append(time.perf_counter() - t)
    med = statistics.median(times)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queue.put({"extractor": extractor, "code": root or "this checkout", "docs": len(files), "chars": chars, "seconds": med,
               "chars_per_s": chars / med, "kb_per_s": nbytes / 1000 / med, "docs_per_s": len(files) / med,
               "peak_rss_mb": peak_kb / 1024, "rounds": times})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--extractors", default="rules,jieba")
    ap.add_argument("--baseline", metavar="DIR", help="a checkout of another commit, measured in the same run")
    args = ap.parse_args(argv)
    files = [str(f) for f in _files(args.paths)]
    ctx = mp.get_context("spawn")

    def measure(name: str, root: str | None) -> dict:
        q: "mp.Queue[dict]" = ctx.Queue()
        p = ctx.Process(target=_run, args=(name, files, args.rounds, q, root))
        p.start()
        out = q.get()
        p.join()
        return out

    if args.baseline:
        root = str(Path(args.baseline).resolve())
        print(f"{len(files)} documents; median of {args.rounds} rounds, one core each; baseline: {root}")
        print(f"{'extractor':<10} {'code':<10} {'chars/s':>12} {'docs/s':>9} {'peak RSS MB':>12}")
        for name in args.extractors.split(","):
            # alternate: baseline, this, baseline, this; the median of each side
            pairs = [(measure(name, root), measure(name, None)) for _ in range(2)]
            for label, side in (("baseline", 0), ("this", 1)):
                runs = [p[side] for p in pairs]
                speed = statistics.median(r["chars_per_s"] for r in runs)
                docs = statistics.median(r["docs_per_s"] for r in runs)
                rss = max(r["peak_rss_mb"] for r in runs)
                print(f"{name:<10} {label:<10} {speed:>12,.0f} {docs:>9.1f} {rss:>12.0f}")
            ratio = statistics.median(p[1]["chars_per_s"] / p[0]["chars_per_s"] for p in pairs)
            print(f"{name:<10} this/baseline speed: {ratio:.2f}x")
        return 0
    results = [measure(name, None) for name in args.extractors.split(",")]
    print(f"{len(files)} documents, {results[0]['chars']:,} characters of normalized text; median of {args.rounds} rounds, one core each")
    print(f"{'extractor':<10} {'chars/s':>12} {'KB/s':>10} {'docs/s':>9} {'peak RSS MB':>12}")
    for r in results:
        print(f"{r['extractor']:<10} {r['chars_per_s']:>12,.0f} {r['kb_per_s']:>10,.0f} {r['docs_per_s']:>9.1f} {r['peak_rss_mb']:>12.0f}")
    if len(results) == 2:
        a, b = results
        print(f"ratio {a['extractor']}/{b['extractor']}: {a['chars_per_s'] / b['chars_per_s']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
