"""Batch runs: workers, limits, resume after kill -9, and tables for other systems."""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policyparse import api, batch
from policyparse.paths import real_path
from policyparse.export import TABLES, export, read_jsonl, to_frames
from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parents[1]


def _folder(tmp_path: Path, copies: int = 1) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for k in range(copies):
        for seed in SEEDS:
            shutil.copy(seed, src / f"{k:03d}_{seed.name}")
    (src / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    (src / "random.docx").write_bytes(os.urandom(2000))
    (src / "empty.html").write_bytes(b"")
    return src


def _cli(*args: str, **kw):
    return subprocess.run([sys.executable, "-m", "policyparse", *args], capture_output=True, text=True, **kw)


def test_two_workers_one_line_per_input(tmp_path):
    src = _folder(tmp_path)
    out = tmp_path / "out.jsonl"
    res = _cli("parse", str(src), "-o", str(out), "--workers", "2", "--no-progress")
    assert res.returncode == 1  # three broken files
    lines = out.read_text(encoding="utf-8").splitlines()
    paths = [json.loads(x)["source"]["path"] for x in lines]
    assert sorted(Path(p).name for p in paths) == sorted(p.name for p in src.iterdir())
    errors = {Path(json.loads(x)["source"]["path"]).name: json.loads(x)["error"] for x in lines}
    assert errors["broken.pdf"]["type"] == "CorruptFile" and errors["empty.html"]["type"] == "EmptyFile"
    assert errors["000_000_db58ebbd9e288b9a.txt"] is None
    assert "2 worker(s)" in res.stderr


def test_kill_9_then_resume_gives_each_input_once(tmp_path):
    src = _folder(tmp_path, copies=12)  # 63 files
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "policyparse", "parse", str(src), "-o", str(out), "--workers", "2",
                             "-q"], start_new_session=True)
    deadline = time.time() + 60
    # count lines in bytes: the writer may be in the middle of a multi-byte character
    while time.time() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 8):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    with open(out, "a", encoding="utf-8") as fh:
        fh.write('{"schema_version": "1.0", "source": {"path": "torn')  # as if killed mid-write
    res = _cli("parse", str(src), "-o", str(out), "--workers", "2", "--resume", "--no-progress")
    assert "resuming" in res.stderr
    text = out.read_text(encoding="utf-8")
    assert text.endswith("\n")
    paths = [json.loads(line)["source"]["path"] for line in text.splitlines()]
    assert len(paths) == len(set(paths)) == len(list(src.iterdir()))


def test_a_latin_1_file_name_is_resumed_not_parsed_again(tmp_path):
    # issue 18.3: a name that is not UTF-8 was stored lossily and never matched on resume
    src = tmp_path / "in"
    src.mkdir()
    latin1 = os.fsdecode(b"caf\xe9.txt")  # a name from an old Latin-1 disk
    try:
        shutil.copy(SEEDS[0], src / latin1)
    except (UnicodeEncodeError, OSError):
        pytest.skip("this file system does not take non-UTF-8 names")
    shutil.copy(SEEDS[1], src / "plain.txt")
    out = tmp_path / "out.jsonl"
    for _ in range(3):  # a run, then two resumes
        res = _cli("parse", str(src), "-o", str(out), "--resume", "--workers", "1", "--no-progress")
        assert res.returncode == 0, res.stderr
    assert "resuming: 2 of 2 file(s) already done" in res.stderr
    sources = {Path(s["path"]).name: s for s in (json.loads(x)["source"] for x in out.read_text("utf-8").splitlines())}
    assert sorted(sources) == ["caf\\xe9.txt", "plain.txt"]  # readable, one record each
    assert sources["caf\\xe9.txt"]["path_bytes"].endswith("/caf%E9.txt") and sources["plain.txt"]["path_bytes"] is None
    assert os.path.exists(real_path(sources["caf\\xe9.txt"]))  # the exact path, to open the file again


@pytest.mark.parametrize("how", ["kill -9 the parent", "Ctrl-C"])
def test_workers_exit_quietly_when_the_parent_goes(tmp_path, how):
    # issue 18.8: each worker printed a BrokenPipeError or KeyboardInterrupt traceback
    src = _folder(tmp_path, copies=80)  # 400 notices: the run is still going when the signal comes
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "policyparse", "parse", str(src), "-o", str(out), "--workers", "2",
                             "--no-progress"], stderr=subprocess.PIPE, text=True, start_new_session=True,
                            # a test run started in the background (`cmd &`) ignores SIGINT, and Python
                            # keeps an inherited SIG_IGN: give the run a terminal's default
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.time() + 60
    while time.time() < deadline and (not out.exists() or out.read_text(encoding="utf-8").count("\n") < 5):
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before the signal: nothing was tested"
    if how == "Ctrl-C":
        os.killpg(proc.pid, signal.SIGINT)  # the terminal sends it to the whole group
    else:
        os.kill(proc.pid, signal.SIGKILL)  # the parent only: the workers find out on their next send
    _, err = proc.communicate(timeout=60)  # returns when every worker has let go of stderr
    assert "Traceback" not in err and "Error" not in err
    assert err == ("policyparse: interrupted\n" if how == "Ctrl-C" else "")


def _slow_parse(real):
    def parse(path, extractor="rules", strict=False):
        name = Path(path).name
        if name.startswith("sleep"):
            time.sleep(30)
        if name.startswith("crash"):
            import faulthandler

            faulthandler.disable()  # no stack dump in the test log: the crash is the point
            os.kill(os.getpid(), signal.SIGSEGV)
        if name.startswith("hungry"):
            bytearray(3 * 1024 ** 3)
        return real(path, extractor=extractor)
    return parse


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork")
def test_timeout_crash_and_memory_limit_each_give_one_record(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a.txt", "sleep.txt", "crash.txt", "hungry.txt", "b.txt"):
        shutil.copy(SEEDS[0], src / name)
    monkeypatch.setattr(api, "parse", _slow_parse(api.parse))  # the forked workers inherit it
    got = {}
    batch.run(sorted(src.iterdir()), lambda p, line: got.__setitem__(p.name, json.loads(line)), workers=2,
              timeout=3, max_memory_mb=1500, start_method="fork")
    assert set(got) == {"a.txt", "sleep.txt", "crash.txt", "hungry.txt", "b.txt"}
    assert got["sleep.txt"]["error"]["type"] == "Timeout"
    assert got["crash.txt"]["error"]["type"] == "WorkerCrashed"
    assert got["hungry.txt"]["error"]["type"] == "MemoryLimit"
    assert got["a.txt"]["error"] is None and got["b.txt"]["doc_number"]["raw"] == "苏人社发〔2024〕45号"


@pytest.fixture
def records(tmp_path):
    src = _folder(tmp_path)
    out = tmp_path / "records.jsonl"
    _cli("parse", str(src), "-o", str(out), "--workers", "1", "-q")
    return out


def _expected(records):
    recs = list(read_jsonl(records))
    ok = [r for r in recs if not r["error"]]
    return recs, ok


def test_csv_export_loads_back(records, tmp_path):
    import pandas as pd

    recs, ok = _expected(records)
    _cli("export", str(records), "-o", str(tmp_path / "tables.csv"), "-q")
    docs = pd.read_csv(tmp_path / "tables.csv" / "documents.csv", encoding="utf-8-sig")
    assert len(docs) == len(ok) and set(docs.document_id) == {r["source"]["sha256"] for r in ok}
    targets = pd.read_csv(tmp_path / "tables.csv" / "targets.csv", encoding="utf-8-sig")
    assert len(targets) == sum(len(r["targets"]) for r in ok)
    assert (tmp_path / "tables.csv" / "targets.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel's BOM
    errors = pd.read_csv(tmp_path / "tables.csv" / "errors.csv", encoding="utf-8-sig")
    # the same types as the JSONL records
    assert sorted(errors.error_type) == sorted(r["error"]["type"] for r in recs if r["error"])
    assert sorted(errors.error_type) == ["CorruptFile", "CorruptFile", "EmptyFile"]


def test_parquet_export_loads_back(records, tmp_path):
    import pyarrow.parquet as pq

    recs, ok = _expected(records)
    export(read_jsonl(records), tmp_path / "tables.parquet")
    measures = pq.read_table(tmp_path / "tables.parquet" / "measures.parquet").to_pandas()
    assert len(measures) == sum(len(r["measures"]) for r in ok)
    assert set(measures.columns[:7]) == {"document_id", "path", "item", "measure_id", "page", "span_start", "span_end"}
    for t in TABLES:
        assert (tmp_path / "tables.parquet" / f"{t}.parquet").exists()


def test_sqlite_export_upserts(records, tmp_path):
    recs, ok = _expected(records)
    db = tmp_path / "policy.db"
    export(read_jsonl(records), db)
    export(read_jsonl(records), db)  # again: nothing is doubled
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from documents").fetchone()[0] == len(ok)
    assert con.execute("select count(*) from deadlines").fetchone()[0] == sum(len(r["deadlines"]) for r in ok)
    assert con.execute("select count(*) from errors").fetchone()[0] == len(recs) - len(ok)
    keys = {row[0] for row in con.execute("select document_id from departments")}
    assert keys <= {r["source"]["sha256"] for r in ok}


def test_sqlite_is_keyed_by_path_a_changed_file_and_a_copy(tmp_path):
    # issue 18.4: rows were keyed by content, so a changed file left its old rows and
    # an identical copy under another name replaced the first one's
    db = tmp_path / "policy.db"
    notice, copy = tmp_path / "notice.txt", tmp_path / "copy.txt"
    shutil.copy(SEEDS[0], notice)
    export([api.parse(notice)], db)
    shutil.copy(SEEDS[1], notice)  # the notice changes; a copy of its new content appears
    shutil.copy(SEEDS[1], copy)
    export([api.parse(notice), api.parse(copy)], db)
    con = sqlite3.connect(db)
    docs = sorted(con.execute("select path, document_id from documents"))
    new_sha = api.parse(copy).source.sha256
    assert docs == sorted([(str(copy), new_sha), (str(notice), new_sha)])  # one row per path, the hash a column
    per_path = dict(con.execute("select path, count(*) from measures group by path"))
    assert per_path == {str(notice): len(api.parse(SEEDS[1]).measures), str(copy): len(api.parse(SEEDS[1]).measures)}


def test_parse_straight_to_sqlite_and_frames(tmp_path):
    src = _folder(tmp_path)
    db = tmp_path / "direct.sqlite"
    _cli("parse", str(src), "-o", str(db), "--workers", "2", "-q")
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from documents").fetchone()[0] == 5
    frames = to_frames([api.parse(p) for p in SEEDS])
    assert len(frames["documents"]) == 5 and len(frames["measures"]) == 106
    assert list(frames["targets"].columns[:3]) == ["document_id", "path", "item"]


def test_dask_on_a_local_cluster_gives_the_cli_records(tmp_path):
    pytest.importorskip("dask.distributed")
    from dask.distributed import Client, LocalCluster

    from policyparse import dask as ppdask

    paths = [str(p) for p in SEEDS]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster):
        bag = ppdask.records(paths, npartitions=2)
        recs = bag.compute()
        frames = ppdask.to_dataframes(bag)
        n_targets = len(frames["targets"].compute())
        ppdask.to_parquet(bag, str(tmp_path / "pq"))
    local = [json.loads(api.parse(p).model_dump_json()) for p in paths]
    strip = lambda r: {k: v for k, v in r.items() if k != "source"}  # noqa: E731
    assert [strip(r) for r in recs] == [strip(r) for r in local]
    assert n_targets == sum(len(r["targets"]) for r in local)
    assert (tmp_path / "pq" / "documents").exists()
