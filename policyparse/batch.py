"""Parse many files with a pool of worker processes: streamed, time- and memory-limited, resumable.

Each worker process loads the lexicons and jieba once (at start) and parses one
file at a time. The parent hands out files, writes each record as soon as it
comes back, and watches the clock and the workers:

- a file still running after ``timeout`` seconds: the worker is killed, the file
  gets an error record of type ``Timeout``, a fresh worker takes its place;
- a worker that dies (a segfault in a PDF library, the kernel's OOM killer): the
  file gets ``WorkerCrashed`` and a fresh worker starts;
- a worker that runs out of its memory cap (``max_memory_mb``, set with
  RLIMIT_AS): the file gets ``MemoryLimit``.

Memory in the parent does not grow with the number of files: records are written
and forgotten. :func:`resume_state` reads what a previous run wrote (repairing a
line torn by ``kill -9``) so that :func:`run` skips what is done.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
import signal
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from . import progress
from .paths import path_fields, real_path
from .schemas import SCHEMA_VERSION, ErrorInfo, PolicyRecord, Source

DEFAULT_TIMEOUT = 120.0
PROGRESS_EVERY = 0.5  # seconds between progress messages, and between ticks of the parent
Running = tuple[Path, float, str]  # a file being parsed, seconds so far, where ("OCR page 3 of 12")


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def file_sha256(path: Path) -> Optional[str]:
    try:
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


# --- the worker process -------------------------------------------------------------------


def _limit_memory(max_memory_mb: Optional[int]) -> None:
    if not max_memory_mb:
        return
    import resource

    limit = max_memory_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):
        pass


def _warm_up(extractor: str) -> None:
    """Load what every parse needs once, before the first file arrives."""
    from . import api
    from .extractors import get_extractor

    get_extractor(extractor)
    api.parse_text("关于加强工作的通知\n各区：\n一、到2025年新增就业10万人以上。", extractor=extractor)


def _worker_main(conn: Connection, extractor: str, max_memory_mb: Optional[int], explain: bool = False) -> None:
    """Parse the files the parent sends until it says stop or goes away.

    A parent that is gone (killed, or stopped by Ctrl-C, which it handles for the
    workers too) ends the worker quietly: no traceback on a closed pipe.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _limit_memory(max_memory_mb)
    try:
        _warm_up(extractor)
    except MemoryError:
        pass
    from . import api

    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):  # ConnectionResetError, BrokenPipeError: the parent is gone
            return
        if job is None:
            return
        index, path = job
        try:
            with progress.listening(_progress_sender(conn, index)):
                # looked up per call, so tests can stand in a slow parse
                rec = api.parse(path, extractor=extractor, **({"explain": True} if explain else {}))
            line = rec.model_dump_json()
        except MemoryError:
            line = _error_line(Path(path), extractor, "MemoryLimit", f"the file needed more than {max_memory_mb} MB")
        try:
            conn.send((index, line))
        except OSError:
            return


def _progress_sender(conn: Connection, index: int) -> Callable[[str], None]:
    """A listener that passes where the parse is to the parent: each new kind of work, then twice a second."""
    last, last_work = 0.0, ""

    def send(detail: str) -> None:
        nonlocal last, last_work
        now = time.monotonic()
        work = detail.split(" page ")[0]
        if now - last >= PROGRESS_EVERY or work != last_work:
            last, last_work = now, work
            try:
                conn.send(("progress", index, detail))
            except OSError:
                pass  # the parent is gone: the result's send ends the worker
    return send


def _error_line(path: Path, extractor: str, etype: str, message: str) -> str:
    src = Source(**path_fields(path), sha256=file_sha256(path))
    try:
        src.size = path.stat().st_size
    except OSError:
        pass
    return PolicyRecord(source=src, extractor=extractor, error=ErrorInfo(type=etype, message=message)).model_dump_json()


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection
    job: Optional[tuple[int, str]] = None
    started: float = 0.0
    detail: str = ""  # where the parse of job is ("OCR page 3 of 12"), as the worker last said


@dataclass
class BatchStats:
    done: int = 0
    failed: int = 0
    skipped: int = 0
    by_error: dict[str, int] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)

    @property
    def rate(self) -> float:
        elapsed = time.perf_counter() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0


class Pool:
    """Worker processes that parse one file at a time; see the module docstring."""

    def __init__(self, workers: int, extractor: str = "rules", timeout: float = DEFAULT_TIMEOUT,
                 max_memory_mb: Optional[int] = None, start_method: Optional[str] = None, explain: bool = False):
        self.extractor = extractor
        self.explain = explain
        self.timeout = timeout
        self.max_memory_mb = max_memory_mb
        methods = mp.get_all_start_methods()
        method = start_method or ("forkserver" if "forkserver" in methods else "spawn")
        self.ctx = mp.get_context(method)
        self.workers = [self._start() for _ in range(max(1, workers))]

    def _start(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker_main, args=(child, self.extractor, self.max_memory_mb, self.explain),
                                 daemon=True)
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def _replace(self, w: _Worker) -> None:
        if w.process.is_alive():
            w.process.kill()
        w.process.join(timeout=5)
        w.conn.close()
        self.workers[self.workers.index(w)] = self._start()

    def running(self, names: dict[int, Path]) -> list[Running]:
        """The files being parsed now: (path, seconds so far, where the parse is)."""
        now = time.monotonic()
        return [(names[w.job[0]], now - w.started, w.detail) for w in self.workers if w.job is not None]

    def imap(self, paths: Iterable[Path], on_tick: Optional[Callable[[list[Running]], None]] = None
             ) -> Iterator[tuple[Path, str]]:
        """(path, record as a JSON line) for every path, in the order they finish.

        ``on_tick``, if given, is called at least every half second with :meth:`running`.
        """
        pending = iter(enumerate(paths))
        names: dict[int, Path] = {}
        exhausted = False
        while True:
            for w in self.workers:
                if w.job is None and not exhausted:
                    nxt = next(pending, None)
                    if nxt is None:
                        exhausted = True
                        break
                    index, path = nxt
                    names[index] = path
                    w.job = (index, str(path))
                    w.started = time.monotonic()
                    w.detail = ""
                    try:
                        w.conn.send(w.job)
                    except (BrokenPipeError, OSError):
                        pass  # seen as a dead worker below
            busy = [w for w in self.workers if w.job is not None]
            if not busy:
                return
            now = time.monotonic()
            left = min(self.timeout - (now - w.started) for w in busy)
            wait_for = None if left == float("inf") else max(0.05, left)
            if on_tick is not None:
                wait_for = PROGRESS_EVERY if wait_for is None else min(wait_for, PROGRESS_EVERY)
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=wait_for)
            for w in list(busy):
                if w.conn in ready:
                    try:
                        msg = w.conn.recv()
                    except (EOFError, OSError):
                        msg = (None, None)
                    if len(msg) == 3:  # ("progress", index, detail)
                        w.detail = msg[2]
                        continue
                    index, line = msg
                    if index is not None:
                        w.job = None
                        yield names.pop(index), line
                        continue
                if w.job is None:
                    continue
                index = w.job[0]
                path = names[index]
                if not w.process.is_alive():
                    code = w.process.exitcode
                    kind, msg = ("MemoryLimit", "the worker ran out of memory") if code == -9 and self.max_memory_mb else (
                        "WorkerCrashed", f"the worker process died while reading this file (exit code {code})")
                    w.job = None
                    names.pop(index)
                    self._replace(w)
                    yield path, _error_line(path, self.extractor, kind, msg)
                elif time.monotonic() - w.started > self.timeout:
                    w.job = None
                    names.pop(index)
                    self._replace(w)
                    yield path, _error_line(path, self.extractor, "Timeout",
                                            f"parsing took longer than {self.timeout:g} s; the worker was stopped")
            if on_tick is not None:
                on_tick(self.running(names))

    def peak_rss_mb(self) -> list[float]:
        """Peak resident memory of each live worker (Linux: VmHWM), in MB."""
        out = []
        for w in self.workers:
            try:
                with open(f"/proc/{w.process.pid}/status", encoding="ascii") as fh:
                    for line in fh:
                        if line.startswith("VmHWM:"):
                            out.append(int(line.split()[1]) / 1024)
            except OSError:
                continue
        return out

    def close(self) -> None:
        for w in self.workers:
            try:
                w.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        for w in self.workers:
            w.process.join(timeout=5)
            if w.process.is_alive():
                w.process.kill()
            w.conn.close()

    def __enter__(self) -> "Pool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- resume ---------------------------------------------------------------------------------


Key = tuple[bytes, Optional[str], str, str]


def _key(path: bytes, sha: Optional[str], extractor: str, version: str) -> Key:
    """What makes a file done: its real path (bytes, absolute), content, extractor and schema version."""
    return (os.path.abspath(path), sha, extractor, version)


def resume_state(output: Path) -> tuple[set[Key], int]:
    """Keys of the records already in ``output``; repairs a torn last line.

    Returns (done keys, number of bytes of complete lines kept).
    """
    if not output.exists():
        return set(), 0
    data = output.read_bytes()
    keep = data.rfind(b"\n") + 1  # a line without its newline was torn by a kill
    done = set()
    for raw in data[:keep].splitlines():
        try:
            rec = json.loads(raw)
            src = rec.get("source") or {}
            done.add(_key(real_path(src), src.get("sha256"), rec.get("extractor", ""), rec.get("schema_version", "")))
        except (ValueError, AttributeError):
            continue
    if keep < len(data):
        with open(output, "r+b") as fh:
            fh.truncate(keep)
    return done, keep


def todo(paths: Iterable[Path], done: set[Key], extractor: str) -> Iterator[Path]:
    """The paths whose (path, sha256, extractor, schema version) is not in ``done``.

    Paths are matched on their bytes, so a name that is not UTF-8 is found again.
    """
    done_paths = {k[0] for k in done}
    for p in paths:
        ap = os.path.abspath(os.fsencode(p))
        if ap in done_paths and _key(ap, file_sha256(Path(p)), extractor, SCHEMA_VERSION) in done:
            continue
        yield p


def run(paths: Iterable[Path], write: Callable[[Path, str], None], workers: int = 1, extractor: str = "rules",
        timeout: float = DEFAULT_TIMEOUT, max_memory_mb: Optional[int] = None,
        on_record: Optional[Callable[[Path, str], None]] = None, start_method: Optional[str] = None,
        on_tick: Optional[Callable[[list[Running]], None]] = None, explain: bool = False) -> None:
    """Parse ``paths`` (in worker processes when ``workers`` > 1) and ``write`` each JSON line.

    ``explain`` keeps, in each record, the candidates the extractors dropped and why.

    ``on_tick`` hears which files are being parsed, for how long and where (see
    :meth:`Pool.imap`); without worker processes, only when a reader reports a page.
    """
    if workers <= 1 and timeout <= 0 and not max_memory_mb:
        from . import api

        for p in paths:
            started = time.monotonic()

            def tick(detail: str, p: Path = p, started: float = started) -> None:
                if on_tick is not None:
                    on_tick([(p, time.monotonic() - started, detail)])

            with progress.listening(tick):
                line = api.parse(p, extractor=extractor, **({"explain": True} if explain else {})).model_dump_json()
            write(p, line)
            if on_record:
                on_record(p, line)
        return
    with Pool(workers, extractor, timeout if timeout > 0 else float("inf"), max_memory_mb, start_method,
              explain=explain) as pool:
        for p, line in pool.imap(paths, on_tick):
            write(p, line)
            if on_record:
                on_record(p, line)
