"""Parse notices on a Dask cluster: a bag of paths in, records and tables out.

Needs the extra ``policyparse[dask]``. Paths may be local or on object storage
(``s3://bucket/notices/a.pdf``, anything fsspec opens); every worker needs
policyparse installed (and the storage credentials).

>>> from dask.distributed import Client                          # doctest: +SKIP
>>> client = Client("tcp://scheduler:8786")                      # doctest: +SKIP
>>> bag = records(["s3://bucket/notices/a.pdf", "s3://bucket/notices/b.html"])  # doctest: +SKIP
>>> frames = to_dataframes(bag)                                  # doctest: +SKIP
>>> frames["targets"].groupby("unit").value.sum().compute()      # doctest: +SKIP
>>> to_parquet(bag, "s3://bucket/policy-tables/")                # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any, Iterable, Optional

from .export import TABLES, columns, record_rows


def _parse_one(path: str, extractor: str) -> dict[str, Any]:
    import json

    from .api import error_record, parse, parse_bytes
    from .schemas import Source

    if "://" in path:
        import fsspec

        try:
            with fsspec.open(path, "rb") as fh:
                data = fh.read()
        except Exception as exc:  # storage errors become a record, like any unreadable file
            rec = error_record(Source(path=path), exc, extractor)
        else:
            rec = parse_bytes(data, name=path, extractor=extractor)
            rec.source.path = path
    else:
        rec = parse(path, extractor=extractor)
    return json.loads(rec.model_dump_json())


def records(paths: Iterable[str], extractor: str = "rules", npartitions: Optional[int] = None) -> Any:
    """A dask bag of records (as dicts), one per path, parsed on the cluster's workers."""
    import dask.bag as db

    paths = [str(p) for p in paths]
    n = npartitions or max(1, min(len(paths), 64))
    return db.from_sequence(paths, npartitions=n).map(_parse_one, extractor)


def _rows(rec: dict[str, Any], table: str) -> list[dict[str, Any]]:
    return record_rows(rec)[table]


def to_dataframes(bag: Any) -> dict[str, Any]:
    """The seven tables of :mod:`policyparse.export` as Dask DataFrames."""
    import pandas as pd

    out = {}
    for table in TABLES:
        meta = pd.DataFrame({c: pd.Series(dtype="object") for c in columns(table)})
        out[table] = bag.map(_rows, table).flatten().to_dataframe(meta=meta)
    return out


def to_parquet(bag: Any, out: str, **kwargs: Any) -> None:
    """Write the seven tables as Parquet datasets under ``out`` (local folder or object storage)."""
    for table, frame in to_dataframes(bag).items():
        frame.astype("string").to_parquet(f"{out.rstrip('/')}/{table}", write_index=False, **kwargs)
