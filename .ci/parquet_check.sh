#!/usr/bin/env bash
# Parquet outputs (issue 16 item 2) read by the tools researchers use:
# a small run and sweep with --format both, then pyarrow and DuckDB (from
# PyPI, in a throwaway virtual environment) must read every .parquet file,
# with the CSV file's columns and, value by value, the CSV's values to its
# printed precision (6 decimals). Takes well under a minute after pip.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin resim
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pyarrow duckdb pandas
R=$PWD/target/release/resim
"$R" run quickstart --replicates 3 --students --format both --out "$work/run" --quiet >/dev/null
cat > "$work/sweep.toml" <<'TOML'
name = "parquet_check"
[run]
replicates = 2
seed = 16
[population]
schools = 2
classes_per_school = 2
class_size = 20
[strategies.usual_practice]
components = []
[strategies.book]
components = ["contact_book"]
[sweep]
"stress.academic_load" = [0.06, 0.1]
"strategies.book.contact_book.coverage" = { from = 0.3, to = 0.9, steps = 2 }
TOML
"$R" sweep "$work/sweep.toml" --format both --out "$work/sweep" --quiet >/dev/null
"$work/venv/bin/python" .ci/parquet_check.py "$work/run" "$work/sweep"
