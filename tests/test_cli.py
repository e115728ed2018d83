"""The command line: folders in, one JSONL record per input out, errors as records."""

import json
import shutil
import subprocess
import sys
import time

import pytest

from policyparse import api, batch, cli, progress
from policyparse.cli import main
from policyparse.schemas import PolicyRecord
from tests.conftest import SEEDS


def _run(args, capsys):
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_folder_in_jsonl_out_with_a_broken_file(tmp_path, capsys):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    for seed in SEEDS[:3]:
        shutil.copy(seed, src / "sub" / seed.name)
    (src / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF garbage")
    (src / "empty.txt").write_bytes(b"")
    out = tmp_path / "out.jsonl"
    code, _, err = _run(["parse", str(src), "-o", str(out), "--no-progress"], capsys)
    assert code == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 5
    by_name = {r["source"]["path"].rsplit("/", 1)[-1]: r for r in records}
    assert by_name["empty.txt"]["error"]["type"] == "EmptyFile"
    assert by_name["broken.pdf"]["error"]["type"] in ("CorruptFile", "NoTextLayer", "MissingDependency")
    assert by_name["000_db58ebbd9e288b9a.txt"]["doc_number"]["raw"] == "苏人社发〔2024〕45号"
    for r in records:
        PolicyRecord.model_validate(r)
    assert "empty.txt: EmptyFile" in err and "2 failed" in err


def test_all_good_exits_zero_and_json_format(tmp_path, capsys):
    code, out, _ = _run(["parse", str(SEEDS[0]), str(SEEDS[1]), "--format", "json", "-q"], capsys)
    assert code == 0
    data = json.loads(out)
    assert [d["doc_type"] for d in data] == ["通知", "通知"]


def test_usage_errors_exit_two(capsys):
    code = subprocess.run([sys.executable, "-m", "policyparse", "parse"], capture_output=True).returncode
    assert code == 2
    code = subprocess.run([sys.executable, "-m", "policyparse", "parse", str(SEEDS[0]), "--extractor", "nope"],
                          capture_output=True).returncode
    assert code == 2


def test_missing_path_is_an_error_record(tmp_path, capsys):
    code, out, _ = _run(["parse", str(tmp_path / "nope.txt"), "-q"], capsys)
    assert code == 1
    assert json.loads(out)["error"]["type"] == "FileNotReadable"


def test_schema_command_prints_the_record_schema(capsys):
    code, out, _ = _run(["schema"], capsys)
    schema = json.loads(out)
    assert code == 0 and schema["title"] == "PolicyRecord"
    assert {"doc_number", "measures", "targets", "deadlines", "departments"} <= set(schema["properties"])


def test_export_reads_json_arrays_and_refuses_what_is_not_records(tmp_path, capsys):
    records = tmp_path / "two.json"
    assert _run(["parse", str(SEEDS[0]), str(SEEDS[1]), "-o", str(records), "-q"], capsys)[0] == 0
    code, _, err = _run(["export", str(records), "-o", str(tmp_path / "t.csv")], capsys)
    assert code == 0 and "2 record(s)" in err
    assert len((tmp_path / "t.csv" / "documents.csv").read_text(encoding="utf-8-sig").splitlines()) == 3
    (tmp_path / "notes.jsonl").write_text("not json\n", encoding="utf-8")
    code, _, err = _run(["export", str(tmp_path / "notes.jsonl"), "-o", str(tmp_path / "n.db")], capsys)
    assert code == 2 and "line 1 is not a JSON record" in err and not (tmp_path / "n.db").exists()
    code, _, err = _run(["export", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "m.csv")], capsys)
    assert code == 2 and "is not a file of records" in err and not (tmp_path / "m.csv").exists()


def test_an_output_name_that_says_no_format_is_refused(tmp_path, capsys):
    code, _, err = _run(["parse", str(SEEDS[0]), "-o", str(tmp_path / "out.xlsx")], capsys)
    assert code == 2 and "'out.xlsx'" in err and ".parquet" in err
    assert not (tmp_path / "out.xlsx").exists()


def test_folders_skip_hidden_files_unless_all_files(tmp_path, capsys):
    # issue 18.9: macOS leaves ._name beside every file it copies; --all-files now takes them too
    from tests.test_corruption import APPLE_DOUBLE

    src = tmp_path / "in"
    (src / ".git").mkdir(parents=True)
    shutil.copy(SEEDS[0], src / "notice.txt")
    (src / "._notice.txt").write_bytes(APPLE_DOUBLE)
    (src / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1" + bytes(100))
    (src / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    code, out, err = _run(["parse", str(src), "--no-progress"], capsys)
    assert code == 0 and len(out.splitlines()) == 1
    assert "skipped 2 file(s): 2 hidden (._* from macOS, .DS_Store …); --all-files to include them" in err
    code, out, err = _run(["parse", str(src), "--all-files", "--no-progress"], capsys)
    errors = {json.loads(line)["source"]["path"].rsplit("/", 1)[1]: json.loads(line)["error"] for line in out.splitlines()}
    assert code == 1 and sorted(errors) == [".DS_Store", "._notice.txt", "notice.txt"]  # .git is never walked
    assert errors["._notice.txt"]["type"] == "UnsupportedFormat" and errors[".DS_Store"] is not None


def test_parquet_without_its_extra_stops_before_parsing(tmp_path, capsys, monkeypatch):
    # issue 18.10: every file was parsed, then a raw ModuleNotFoundError left an empty folder
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if the tables extra were not installed
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    code, out, err = _run(["parse", str(SEEDS[0]), "-o", str(tmp_path / "out.parquet")], capsys)
    assert code == 2 and out == ""
    assert err == "policyparse: -o: writing Parquet needs pyarrow: pip install 'policyparse[tables]'\n"
    assert not (tmp_path / "out.parquet").exists()
    records = tmp_path / "records.jsonl"
    records.write_text(PolicyRecord().model_dump_json() + "\n", encoding="utf-8")
    code, _, err = _run(["export", str(records), "-o", str(tmp_path / "t.parquet")], capsys)
    assert code == 2 and "pip install 'policyparse[tables]'" in err and not (tmp_path / "t.parquet").exists()


def test_a_folder_with_nothing_to_parse_is_a_usage_error(tmp_path, capsys):
    # issue 18.11: exited 0 with no message
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = _run(["parse", str(empty), "-o", str(tmp_path / "out.jsonl")], capsys)
    assert code == 2 and err == f"policyparse: no input files in {empty}\n" and not (tmp_path / "out.jsonl").exists()
    (empty / "gold.json").write_text("{}", encoding="utf-8")
    code, out, err = _run(["parse", str(empty)], capsys)
    assert code == 2 and err.splitlines() == [
        "policyparse: skipped 1 file(s): 1 .json (not a supported extension); --all-files to include them",
        f"policyparse: no input files in {empty}"]


@pytest.mark.ocr
def test_a_slow_scan_shows_its_file_and_page(scan_page, tmp_path, capsys, monkeypatch):
    # issue 18.12: the bar sat still through an OCR scan (and with one file there was no bar)
    pytest.importorskip("rapidocr_onnxruntime")
    monkeypatch.setattr(cli, "SLOW_SECONDS", 0.0)  # "a few seconds" (3) in real runs
    out = tmp_path / "out.jsonl"  # in this process (no worker): workers are the next test
    code, _, err = _run(["parse", str(scan_page), "-o", str(out), "--workers", "1", "--max-memory", "0"], capsys)
    assert code == 0 and "page1.pdf: OCR page 1 of 1" in err


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork")
def test_workers_say_which_page_they_are_on(tmp_path, monkeypatch):
    def slow_scan(path, extractor="rules", strict=False):
        for page in (1, 2, 3):
            progress.report("OCR", page, 3)
            time.sleep(0.6)
        return real_parse(path, extractor=extractor)

    real_parse = api.parse
    monkeypatch.setattr(api, "parse", slow_scan)  # the forked worker inherits it
    ticks = []
    batch.run([SEEDS[0]], lambda p, line: None, workers=1, timeout=60, start_method="fork", on_tick=ticks.extend)
    seen = [(path, detail) for path, seconds, detail in ticks if detail]
    assert [(SEEDS[0], f"OCR page {k} of 3") for k in (1, 2, 3)] == sorted(set(seen), key=lambda x: x[1])
    assert max(seconds for _, seconds, _ in ticks) > 1.5
