"""``format="csv"|"parquet"|"both"`` writes the files ``--format`` writes,
byte for byte, and the data frames are read from whichever file exists."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import resilience_sim as rs

# The manifest's fields that measure the machine or the build, not the results.
VARYING = {"wall_seconds", "student_weeks_per_second", "git_commit"}


def result_files(folder: Path) -> dict[str, bytes]:
    """Every result file but the manifest (its timings differ), by name."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and p.name != "manifest.json"}


def manifest(folder: Path) -> dict:
    m = json.loads((folder / "manifest.json").read_text())
    return {k: v for k, v in m.items() if k not in VARYING}


@pytest.mark.parametrize("fmt", ["parquet", "both"])
def test_run_writes_the_clis_files_in_every_format(cli, tmp_path, fmt):
    cli("run", "quickstart", "--replicates", "2", "--seed", "8", "--threads", "2", "--students",
        "--format", fmt, "--out", tmp_path / "cli", "--quiet")
    res = rs.run("quickstart", replicates=2, seed=8, threads=2, students=True, format=fmt,
                 out=tmp_path / "py", progress=False)
    ours, theirs = result_files(res.path), result_files(tmp_path / "cli")
    assert sorted(ours) == sorted(theirs)
    assert {"students.parquet", "trajectories.parquet"} <= set(ours)
    assert ("trajectories.csv" in ours) == (fmt == "both")
    for name in theirs:
        assert ours[name] == theirs[name], name
    # The manifest lists the same files with the same checksums.
    assert manifest(res.path) == manifest(tmp_path / "cli")
    # The frames come from the Parquet files, with the CSV's columns.
    csv_run = rs.run("quickstart", replicates=2, seed=8, students=True, progress=False)
    for table in ["trajectories", "students"]:
        parquet = getattr(res, table)
        assert list(parquet.columns) == list(getattr(csv_run, table).columns), table
        assert len(parquet) == len(getattr(csv_run, table)), table


def test_sweep_writes_the_clis_parquet(cli, tmp_path):
    cli("sweep", "quickstart_sweep", "--replicates", "1", "--format", "both",
        "--out", tmp_path / "cli", "--quiet")
    sw = rs.sweep("quickstart_sweep", replicates=1, format="both", out=tmp_path / "py",
                  progress=False)
    for name in ["sweep.csv", "sweep.parquet"]:
        assert (sw.path / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name
    frame = sw.sweep  # read from sweep.parquet
    theirs = pd.read_csv(tmp_path / "cli" / "sweep.csv")
    assert list(frame.columns) == list(theirs.columns) and len(frame) == len(theirs)
    only = rs.sweep("quickstart_sweep", replicates=1, format="parquet", progress=False)
    assert "sweep.csv" not in only.files
    assert (only.path / "sweep.parquet").read_bytes() == (sw.path / "sweep.parquet").read_bytes()


def test_whatif_writes_parquet_as_the_cli(cli, tmp_path):
    cli("whatif", "--add", "contact_book", "--replicates", "2", "--seed", "6",
        "--format", "parquet", "--out", tmp_path / "cli", "--quiet")
    ans = rs.whatif(add=["contact_book"], replicates=2, seed=6, format="parquet",
                    out=tmp_path / "py", progress=False)
    assert (ans.path / "trajectories.parquet").read_bytes() == \
        (tmp_path / "cli" / "trajectories.parquet").read_bytes()
    assert not (ans.path / "trajectories.csv").exists()
    assert len(ans.trajectories) > 0


def test_an_unknown_format_is_input_error_before_anything_runs(tmp_path):
    with pytest.raises(rs.InputError, match="`xlsx` is not an output format; valid: csv, parquet, both") as e:
        rs.run("quickstart", format="xlsx", out=tmp_path / "r", progress=False)
    assert e.value.exit_code == 2
    assert not (tmp_path / "r").exists()
    with pytest.raises(rs.InputError, match="not an output format"):
        rs.sweep("quickstart_sweep", format="arrow", progress=False)
    with pytest.raises(rs.InputError, match="not an output format"):
        rs.whatif(add=["contact_book"], format="CSV", progress=False)
