"""Flat tables of records, for spreadsheets, databases and data pipelines.

A record is nested; :func:`record_rows` flattens one into rows of seven tables,
every row naming its file by ``path`` (the key: one ``documents`` row per path)
and ``document_id`` (the file's sha256: identical files share it), items also by
``item`` and ``measure_id``, with provenance (page, span) first:

=============  ==================================================================
documents      one row per parsed file: metadata and item counts
measures       id, level, marker, parent, heading, text
targets        text, indicator, value, value_max, unit, comparator, period, due, scope, source
deadlines      text, kind, date, start, duration_value, duration_unit, frequency
departments    text, name, role
references     title, doc_number, text
errors         one row per file that failed: error_type, error_message
citations      each reference resolved to the documents of the same run it names
               (:mod:`policyparse.citations`): to_document_id, to_path, to_title, resolved_by
=============  ==================================================================

Writers stream: :class:`TableWriter` takes records one at a time and writes CSV
(a folder, UTF-8 with BOM for Excel), Parquet (a folder, via pyarrow, in row
groups) or SQLite (upsert by path: a re-parsed file replaces its rows, whatever
its content was before). The ``citations`` table needs the whole run: it is written
when the writer closes. An ``.ics`` output is a calendar of the deadlines
(:mod:`policyparse.calendar`).
"""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

from .citations import CITATION_COLUMNS, CitationIndex
from .errors import MissingDependency
from .schemas import PolicyRecord

ITEM_FIELDS = {
    "measures": ["id", "level", "marker", "parent", "heading", "text"],
    "targets": ["text", "indicator", "value", "value_max", "unit", "comparator", "period", "due", "scope", "source"],
    "deadlines": ["text", "kind", "date", "start", "duration_value", "duration_unit", "frequency"],
    "departments": ["text", "name", "role"],
    "references": ["title", "doc_number", "text"],
}
PROVENANCE = ["document_id", "path", "item", "measure_id", "page", "span_start", "span_end"]
DOCUMENT_COLUMNS = [
    "document_id", "path", "format", "pages", "extractor", "schema_version", "title", "doc_type", "doc_number",
    "doc_agency", "doc_year", "doc_serial", "issuers", "recipients", "issue_date", "publish_date", "disclosure",
    "contact", "copy_to", "printed_by", "printed_date", "n_measures", "n_targets", "n_deadlines", "n_departments",
    "n_references", "warnings", "is_notice", "notice_evidence",
]
ERROR_COLUMNS = ["document_id", "path", "error_type", "error_message"]
TABLES = ["documents", "measures", "targets", "deadlines", "departments", "references", "errors"]
RUN_TABLES = ["citations"]  # built from all the records of a run, not from one


def columns(table: str) -> list[str]:
    """The columns of one table, in order."""
    if table == "documents":
        return DOCUMENT_COLUMNS
    if table == "errors":
        return ERROR_COLUMNS
    if table == "citations":
        return CITATION_COLUMNS
    return PROVENANCE + ITEM_FIELDS[table]


def document_id(rec: Union[PolicyRecord, dict[str, Any]]) -> str:
    """The file's sha256; for a file that could not be read, a hash of its path."""
    src = rec.source.model_dump() if isinstance(rec, PolicyRecord) else (rec.get("source") or {})
    if src.get("sha256"):
        return str(src["sha256"])
    return "path:" + hashlib.sha256((src.get("path") or "").encode("utf-8")).hexdigest()


def _join(values: Iterable[Any]) -> str:
    return "；".join(str(v) for v in values if v not in (None, ""))


def record_rows(rec: Union[PolicyRecord, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """One record as rows of the seven tables.

    >>> rows = record_rows(PolicyRecord.model_validate({"source": {"path": "a.txt", "sha256": "ab"}, "title": "通知"}))
    >>> rows["documents"][0]["title"], rows["measures"]
    ('通知', [])
    """
    r = rec if isinstance(rec, dict) else json.loads(rec.model_dump_json())
    did = document_id(r)
    src = r.get("source") or {}
    path = src.get("path")
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    if r.get("error"):
        out["errors"].append({"document_id": did, "path": path, "error_type": r["error"]["type"],
                              "error_message": r["error"]["message"]})
        return out
    dn = r.get("doc_number") or {}
    out["documents"].append({
        "document_id": did, "path": path, "format": src.get("format"), "pages": src.get("pages"),
        "extractor": r.get("extractor"), "schema_version": r.get("schema_version"), "title": r.get("title"),
        "doc_type": r.get("doc_type"), "doc_number": dn.get("raw"), "doc_agency": dn.get("agency"),
        "doc_year": dn.get("year"), "doc_serial": dn.get("serial"),
        "issuers": _join(i["name"] for i in r.get("issuers") or []), "recipients": _join(r.get("recipients") or []),
        "issue_date": r.get("issue_date"), "publish_date": r.get("publish_date"), "disclosure": r.get("disclosure"),
        "contact": r.get("contact"), "copy_to": _join(r.get("copy_to") or []), "printed_by": r.get("printed_by"),
        "printed_date": r.get("printed_date"),
        **{f"n_{k}": len(r.get(k) or []) for k in ("measures", "targets", "deadlines", "departments", "references")},
        "warnings": _join(r.get("warnings") or []),
        "is_notice": r.get("is_notice"), "notice_evidence": _join(r.get("notice_evidence") or []),
    })
    for table, fields in ITEM_FIELDS.items():
        for k, item in enumerate(r.get(table) or []):
            span = item.get("span") or [None, None]
            row = {"document_id": did, "path": path, "item": k,
                   "measure_id": item.get("id") if table == "measures" else item.get("measure_id"),
                   "page": item.get("page"), "span_start": span[0], "span_end": span[1]}
            for f in fields:
                if f == "duration_value":
                    row[f] = (item.get("duration") or {}).get("value")
                elif f == "duration_unit":
                    row[f] = (item.get("duration") or {}).get("unit")
                else:
                    row[f] = item.get(f)
            out[table].append(row)
    return out


def to_frames(records: Iterable[Union[PolicyRecord, dict[str, Any]]]) -> dict[str, Any]:
    """The tables, citations included, as pandas DataFrames (needs pandas)."""
    import pandas as pd

    acc: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    cites = CitationIndex()
    for rec in records:
        r = rec if isinstance(rec, dict) else json.loads(rec.model_dump_json())
        for table, rows in record_rows(r).items():
            acc[table] += rows
        cites.add(document_id(r), r)
    acc["citations"] = cites.rows()
    return {t: pd.DataFrame(acc[t], columns=columns(t)) for t in TABLES + RUN_TABLES}


def read_jsonl(path: Union[str, Path]) -> Iterator[dict[str, Any]]:
    """Records from a JSONL file, or from a JSON array (``parse -o FILE.json``).

    A torn last line (from a killed run) is skipped; any other line that is not a
    JSON object raises ``ValueError`` naming the line.
    """
    with open(path, encoding="utf-8") as fh:
        head = fh.read(4096).lstrip("\ufeff \t\r\n")
        fh.seek(0)
        if head.startswith("["):
            try:
                data = json.load(fh)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path} is not a JSON array of records: {exc}") from exc
            for k, rec in enumerate(data, 1):
                if not isinstance(rec, dict):
                    raise ValueError(f"{path}: item {k} is not a record")
                yield rec
            return
        for n, line in enumerate(fh, 1):
            if not line.endswith("\n"):
                break
            if line.strip():
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}: line {n} is not a JSON record ({exc.msg})") from exc
                if not isinstance(rec, dict):
                    raise ValueError(f"{path}: line {n} is not a JSON record")
                yield rec


# --- writers ---------------------------------------------------------------------------------

_SQL_TYPES = {"value": "REAL", "value_max": "REAL", "duration_value": "REAL", "is_notice": "INTEGER"}


OUTPUT_KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".parquet": "parquet",
                ".db": "sqlite", ".sqlite": "sqlite", ".sqlite3": "sqlite", ".ics": "ics"}


def kind_of(path: Union[str, Path]) -> str:
    """The output kind a path names: jsonl, json, csv, parquet, sqlite or ics.

    >>> kind_of("out/tables.csv"), kind_of("records.jsonl")
    ('csv', 'jsonl')
    """
    suffix = Path(path).suffix.lower()
    if suffix not in OUTPUT_KINDS:
        raise ValueError(f"cannot tell what to write from the name {Path(path).name!r}; "
                         f"end it in one of {', '.join(OUTPUT_KINDS)}")
    return OUTPUT_KINDS[suffix]


def check_writer(kind: str) -> None:
    """Raise ``MissingDependency`` when the writer for ``kind`` cannot run in this install.

    Called before any file is parsed, so that a missing extra fails at once and
    leaves nothing behind.

    >>> check_writer("csv")
    """
    if kind == "parquet":
        try:
            import pyarrow.parquet  # noqa: F401
        except ImportError as exc:
            raise MissingDependency("writing Parquet needs pyarrow: pip install 'policyparse[tables]'") from exc


class TableWriter:
    """Write records as they come to CSV, Parquet or SQLite tables."""

    def __init__(self, out: Union[str, Path], kind: Optional[str] = None, bom: bool = True, row_group: int = 500):
        self.out = Path(out)
        self.kind = kind or kind_of(out)
        check_writer(self.kind)
        self.bom = bom
        self.row_group = row_group
        self._csv: dict[str, tuple[Any, Any]] = {}
        self._buffer: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES + RUN_TABLES}
        self._citations = CitationIndex()
        self._parquet: dict[str, Any] = {}
        self._db: Optional[sqlite3.Connection] = None
        if self.kind in ("csv", "parquet"):
            self.out.mkdir(parents=True, exist_ok=True)
        elif self.kind == "sqlite":
            self.out.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.out)
            self._create_tables()
        else:
            raise ValueError(f"not a table format: {self.kind}")

    def _create_tables(self) -> None:
        assert self._db is not None
        for t in TABLES + RUN_TABLES:
            cols = ", ".join(f'"{c}" {_SQL_TYPES.get(c, "")}'.strip() for c in columns(t))
            self._db.execute(f'CREATE TABLE IF NOT EXISTS "{t}" ({cols})')
            have = {row[1] for row in self._db.execute(f'PRAGMA table_info("{t}")')}
            for c in columns(t):  # a database written by an older version gains the new columns
                if c not in have:
                    self._db.execute(f'ALTER TABLE "{t}" ADD COLUMN "{c}" {_SQL_TYPES.get(c, "")}')
            self._db.execute(f'CREATE INDEX IF NOT EXISTS "{t}_document_id" ON "{t}" (document_id)')
            self._db.execute(f'CREATE INDEX IF NOT EXISTS "{t}_path" ON "{t}" (path)')
        self._db.commit()

    def write(self, rec: Union[PolicyRecord, dict[str, Any]]) -> None:
        r = rec if isinstance(rec, dict) else json.loads(rec.model_dump_json())
        self._citations.add(document_id(r), r)
        self._write_rows(record_rows(r), of=r)

    def _write_rows(self, rows: dict[str, list[dict[str, Any]]], of: Optional[dict[str, Any]] = None) -> None:
        """Append rows; in SQLite, first drop every row an earlier parse of the record ``of`` wrote (upsert)."""
        if self.kind == "csv":
            for t, rs in rows.items():
                if t not in self._csv:
                    fh = open(self.out / f"{t}.csv", "w", encoding="utf-8-sig" if self.bom else "utf-8", newline="")
                    w = csv.DictWriter(fh, fieldnames=columns(t))
                    w.writeheader()
                    self._csv[t] = (fh, w)
                fh, w = self._csv[t]
                w.writerows(rs)
        elif self.kind == "sqlite":
            assert self._db is not None
            with self._db:
                if of is not None:
                    self._delete_rows_of(of)
                for t, rs in rows.items():
                    if rs:
                        cols = columns(t)
                        marks = ", ".join("?" for _ in cols)
                        names = ", ".join(f'"{c}"' for c in cols)
                        self._db.executemany(f'INSERT INTO "{t}" ({names}) VALUES ({marks})',
                                             [tuple(_sql(r.get(c)) for c in cols) for r in rs])
        else:
            for t, rs in rows.items():
                self._buffer[t] += rs
                if len(self._buffer[t]) >= self.row_group:
                    self._flush_parquet(t)

    def _delete_rows_of(self, rec: Union[PolicyRecord, dict[str, Any]]) -> None:
        """Upsert by path: what an earlier parse of this file wrote goes, whatever its content was.

        A record without a path (from ``parse_text``) is matched by its content instead.
        """
        assert self._db is not None
        src = rec.source.model_dump() if isinstance(rec, PolicyRecord) else (rec.get("source") or {})
        for t in TABLES + RUN_TABLES:
            if src.get("path") is not None:
                self._db.execute(f'DELETE FROM "{t}" WHERE path = ?', (src["path"],))
            else:
                self._db.execute(f'DELETE FROM "{t}" WHERE path IS NULL AND document_id = ?', (document_id(rec),))

    def _flush_parquet(self, table: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = self._buffer[table]
        if not rows and table in self._parquet:
            return
        schema = _arrow_schema(table)
        batch = pa.Table.from_pylist([{c: _arrow(r.get(c), c) for c in columns(table)} for r in rows], schema=schema)
        if table not in self._parquet:
            self._parquet[table] = pq.ParquetWriter(self.out / f"{table}.parquet", schema)
        self._parquet[table].write_table(batch)
        self._buffer[table] = []

    def close(self) -> None:
        self._write_rows({"citations": self._citations.rows()})
        for fh, _ in self._csv.values():
            fh.close()
        if self.kind == "parquet":
            for t in TABLES + RUN_TABLES:
                self._flush_parquet(t)
            for w in self._parquet.values():
                w.close()
        if self._db is not None:
            self._db.close()

    def __enter__(self) -> "TableWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _sql(v: Any) -> Any:
    return v if v is None or isinstance(v, (int, float, str)) else str(v)


_INT_COLUMNS = {"pages", "doc_year", "doc_serial", "item", "page", "span_start", "span_end", "level",
                "n_measures", "n_targets", "n_deadlines", "n_departments", "n_references"}
_FLOAT_COLUMNS = {"value", "value_max", "duration_value"}
_BOOL_COLUMNS = {"is_notice"}


def _arrow_schema(table: str) -> Any:
    import pyarrow as pa

    def typ(c: str) -> Any:
        if c in _INT_COLUMNS:
            return pa.int64()
        if c in _FLOAT_COLUMNS:
            return pa.float64()
        if c in _BOOL_COLUMNS:
            return pa.bool_()
        return pa.string()

    return pa.schema([(c, typ(c)) for c in columns(table)])


def _arrow(v: Any, c: str) -> Any:
    if v is None:
        return None
    if c in _INT_COLUMNS:
        return int(v)
    if c in _FLOAT_COLUMNS:
        return float(v)
    if c in _BOOL_COLUMNS:
        return bool(v)
    return str(v)


def export(records: Iterable[Union[PolicyRecord, dict[str, Any]]], out: Union[str, Path],
           kind: Optional[str] = None, bom: bool = True) -> int:
    """Write records to ``out`` (format by extension); returns how many were written."""
    kind = kind or kind_of(out)
    if kind == "ics":
        from .calendar import write_ics

        return write_ics(records, out)
    n = 0
    if kind in ("jsonl", "json"):
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8") as fh:
            if kind == "json":
                fh.write("[\n")
            for rec in records:
                line = rec.model_dump_json() if isinstance(rec, PolicyRecord) else json.dumps(rec, ensure_ascii=False)
                fh.write((",\n" if n and kind == "json" else "") + line + ("\n" if kind == "jsonl" else ""))
                n += 1
            if kind == "json":
                fh.write("\n]\n")
        return n
    with TableWriter(out, kind, bom=bom) as w:
        for rec in records:
            w.write(rec)
            n += 1
    return n
