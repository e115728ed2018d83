"""Fuzz ``parse_text`` with many generated texts and check every record's promises.

Examples are of three kinds, in turn: any code points, notice-like random lines,
and the corpus notices damaged as real copies are (``tests/mutations.py``, the
generators the property tests use). Every fourth example runs the jieba
extractor, the rest the rules extractor. Example ``i`` is made from
``random.Random(seed * 10**9 + i)``, so a failure is replayed with
``--seed S --only i``. Prints examples/s, the failures (with their seeds) and
each worker's peak memory; exits 1 if any example failed.

    python benchmarks/fuzz.py [--examples 100000] [--workers 2] [--seed 0]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import resource
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KINDS = ("any", "lines", "damaged")
_NOTICES: list[str] = []


def example(seed: int, i: int) -> tuple[str, str, str]:
    """The kind, extractor and text of example ``i``."""
    from tests.mutations import any_string, mutate, random_text

    rng = random.Random(seed * 10**9 + i)
    kind = KINDS[i % 3]
    extractor = "jieba" if i % 4 == 3 else "rules"
    if kind == "any":
        text = any_string(rng)
    elif kind == "lines":
        text = random_text(rng)
    else:
        text = mutate(_NOTICES[rng.randrange(len(_NOTICES))], rng)
    return kind, extractor, text


def _init() -> None:
    from tests.mutations import notices

    _NOTICES[:] = notices()


def _check(args: tuple[int, int, int]) -> tuple[int, Counter, list[tuple[int, str]], int]:
    import policyparse
    from tests.mutations import broken_promises

    seed, lo, hi = args
    kinds: Counter = Counter()
    failures = []
    chars = 0
    for i in range(lo, hi):
        kind, extractor, text = example(seed, i)
        kinds[f"{kind}/{extractor}"] += 1
        chars += len(text)
        try:
            problems = broken_promises(policyparse.parse_text(text, extractor=extractor))
        except Exception:
            problems = [traceback.format_exc(limit=3)]
        if problems:
            failures.append((i, "; ".join(problems)[:500]))
    return chars, kinds, failures, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--only", type=int, help="replay one example and print its text and problems")
    args = ap.parse_args(argv)
    _init()
    if args.only is not None:
        _, _, failures, _ = _check((args.seed, args.only, args.only + 1))
        print(repr(example(args.seed, args.only)))
        print(failures or "no problem")
        return 1 if failures else 0
    chunk = 500
    jobs = [(args.seed, lo, min(lo + chunk, args.examples)) for lo in range(0, args.examples, chunk)]
    kinds: Counter = Counter()
    failures: list[tuple[int, str]] = []
    chars = 0
    peak_kb = 0
    t0 = time.perf_counter()
    with mp.get_context("fork").Pool(args.workers, initializer=_init) as pool:
        for n, (c, k, f, rss) in enumerate(pool.imap_unordered(_check, jobs), 1):
            chars += c
            kinds += k
            failures += f
            peak_kb = max(peak_kb, rss)
            if n % 20 == 0 or n == len(jobs):
                done = sum(kinds.values())
                print(f"  {done:,} examples, {done / (time.perf_counter() - t0):.0f}/s, {len(failures)} failure(s)",
                      file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - t0
    total = sum(kinds.values())
    print(f"examples: {total:,} in {elapsed:.0f} s with {args.workers} worker(s) (seed {args.seed})")
    print(f"examples/s: {total / elapsed:.1f}   characters/s: {chars / elapsed:,.0f}")
    print("by kind/extractor: " + ", ".join(f"{k} {v:,}" for k, v in sorted(kinds.items())))
    print(f"peak RSS per worker: {peak_kb / 1024:.0f} MB")
    print(f"failures: {len(failures)}")
    for i, problem in sorted(failures)[:20]:
        print(f"  example {i} (replay: --seed {args.seed} --only {i}): {problem}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
