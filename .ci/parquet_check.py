"""Every .parquet file of the given result directories read by pyarrow and
DuckDB equals its .csv twin: same columns, same rows, every value equal to
the CSV's printed precision (numbers within 5e-7, NA as null, flags 0/1).
Usage: parquet_check.py DIR..."""

import json
import math
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq


def same(p, c):
    """A Parquet value against its CSV cell (as pandas reads it)."""
    p_na = p is None or (isinstance(p, float) and math.isnan(p))
    c_na = c is None or (isinstance(c, float) and math.isnan(c))
    if p_na or c_na:
        return p_na and c_na
    if isinstance(p, bool):
        return int(p) == int(c)
    if isinstance(p, float):
        return abs(p - float(c)) <= 5e-7 + 1e-12 * abs(p)
    if isinstance(p, int):
        return p == int(c)
    return str(p) == str(c)


def check(path: Path) -> int:
    csv = pd.read_csv(path.with_suffix(".csv"), keep_default_na=False, na_values=["NA"])
    table = pq.read_table(path)
    assert table.column_names == list(csv.columns), f"{path}: columns {table.column_names}"
    rows = table.to_pylist()
    assert len(rows) == len(csv), f"{path}: {len(rows)} rows, the CSV has {len(csv)}"
    cols = list(csv.columns)
    values = csv.to_dict("records")
    for i, (p, c) in enumerate(zip(rows, values)):
        for k in cols:
            if not same(p[k], c[k]):
                raise SystemExit(f"{path} row {i + 2} column {k}: parquet {p[k]!r}, csv {c[k]!r}")
    # DuckDB reads the same rows and columns, and the same sums.
    d = duckdb.sql(f"SELECT * FROM read_parquet('{path}')").df()
    assert list(d.columns) == cols, f"{path}: duckdb columns {list(d.columns)}"
    assert len(d) == len(csv), f"{path}: duckdb rows"
    for k in cols:
        if pd.api.types.is_float_dtype(d[k]):
            a, b = d[k].sum(), table.column(k).to_pandas().sum()
            assert math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-9), f"{path} {k}: duckdb {a}, pyarrow {b}"
    return len(rows)


def main(dirs):
    checked = 0
    for d in map(Path, dirs):
        listed = {f["name"] for f in json.loads((d / "manifest.json").read_text())["files"]}
        files = sorted(d.glob("*.parquet"))
        assert files, f"{d}: no .parquet file"
        for f in files:
            assert f.name in listed, f"{f.name} is not in {d}/manifest.json"
            n = check(f)
            print(f"{f}: {n} rows equal to {f.with_suffix('.csv').name} (pyarrow, duckdb)")
            checked += 1
    print(f"parquet check: {checked} files OK")


if __name__ == "__main__":
    main(sys.argv[1:])
