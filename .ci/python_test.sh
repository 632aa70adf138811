#!/usr/bin/env bash
# The Python package (python/): build the wheel with maturin in a virtual
# environment (packages from PyPI), install it, and run its pytest suite
# (results equal the CLI's bit for bit, errors, cancellation, progress, the
# example, formats, reports, calibrate, optimise). Uses the workspace's
# shared target/, so the dependencies compiled for the CLI (arrow and
# parquet among them: the wheel writes Parquet) are not compiled again; only
# the main crate is, without the studio.
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${RESIM_PY_VENV:-target/py-venv}"
# Absolute: cargo runs pyo3's build script in another directory (PYO3_PYTHON below).
case "$venv" in /*) ;; *) venv="$PWD/$venv" ;; esac
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
py="$venv/bin/python"
"$py" -m pip install --quiet --upgrade pip
"$py" -m pip install --quiet maturin pytest pandas numpy pyarrow tqdm SALib matplotlib

# Lints of the Python core (the root's `cargo clippy` covers the main crate only).
PYO3_PYTHON="$py" cargo clippy -p resilience_sim_py --release --quiet -- -D warnings

# The CLI the tests compare with (already built by `cargo test --release` in CI).
cargo build --release --quiet

start=$(date +%s%N)
rm -rf target/wheels
"$venv/bin/maturin" build --release --quiet -m python/Cargo.toml -i "$py" -o target/wheels
end=$(date +%s%N)
echo "python: wheel built in $(( (end - start) / 1000000 )) ms"
"$py" -m pip install --quiet --force-reinstall --no-deps target/wheels/resilience_sim-*.whl

# Import time of the package (pandas is imported when a table is first read).
"$py" -X importtime -c "import resilience_sim" 2>&1 \
    | awk -F'|' '$3 ~ /^ *resilience_sim(\._core)?$/ { printf "python: import%s %.1f ms\n", $3, $2 / 1000 }'

# From python/tests/, so that the installed wheel is imported, not python/resilience_sim/.
cd python/tests
"$py" -m pytest -q -p no:cacheprovider .
