"""Results from Python equal the command line's bit for bit."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import resilience_sim as rs

# The manifest's fields that measure the machine, not the results.
TIMINGS = {"wall_seconds", "student_weeks_per_second"}


def csv_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def manifest_without_timings(folder: Path) -> dict:
    m = json.loads((folder / "manifest.json").read_text())
    for k in TIMINGS:
        m.pop(k)
    return m


def test_run_files_are_the_clis_byte_for_byte(cli, tmp_path):
    cli("run", "quickstart", "--replicates", "3", "--seed", "11", "--threads", "2",
        "--students", "--out", tmp_path / "cli", "--quiet")
    res = rs.run("quickstart", replicates=3, seed=11, threads=2, students=True,
                 out=tmp_path / "py", progress=False)
    assert res.path == tmp_path / "py"
    ours, theirs = csv_files(res.path), csv_files(tmp_path / "cli")
    assert sorted(ours) == sorted(theirs)
    assert "students.csv" in ours and "effects.csv" in ours
    for name in theirs:
        assert ours[name] == theirs[name], name
    # The manifest differs only by the time the run took; its file list
    # (with every checksum) is the same.
    m_py, m_cli = manifest_without_timings(res.path), manifest_without_timings(tmp_path / "cli")
    # The commit each program was built from: the same in CI, which builds
    # both from one checkout, but not after a commit between two builds.
    assert m_py.pop("git_commit") and m_cli.pop("git_commit")
    assert m_py == m_cli
    assert res.manifest["seed"] == 11 and res.manifest["replicates"] == 3


def test_data_frames_equal_pandas_reading_the_clis_files(cli, tmp_path):
    cli("run", "quickstart", "--replicates", "2", "--seed", "5", "--students",
        "--out", tmp_path / "cli", "--quiet")
    res = rs.run("quickstart", replicates=2, seed=5, students=True, progress=False)
    for name in ["effects", "strategies", "trajectories", "survey", "equity", "decision", "students"]:
        theirs = pd.read_csv(tmp_path / "cli" / f"{name}.csv")
        pd.testing.assert_frame_equal(getattr(res, name), theirs, check_exact=True)
    full = res.effects.query(
        "strategy == 'full_programme' and subgroup == 'all' and outcome == 'resilience'"
    )
    assert len(full) == 1 and full["hedges_g"].iloc[0] > 0


def test_results_do_not_depend_on_threads(tmp_path):
    one = rs.run("quickstart", replicates=3, seed=9, threads=1, out=tmp_path / "1", progress=False)
    two = rs.run("quickstart", replicates=3, seed=9, threads=2, out=tmp_path / "2", progress=False)
    assert csv_files(one.path) == csv_files(two.path)


def test_without_out_the_results_own_a_temporary_folder():
    res = rs.run("quickstart", replicates=2, seed=1, progress=False)
    folder = res.path
    assert res.temporary and (folder / "manifest.json").is_file()
    effects = res.effects
    del res
    import gc

    gc.collect()
    assert not folder.exists(), "the temporary folder goes with its results"
    assert len(effects) > 0


def test_save_copies_the_files(tmp_path):
    res = rs.run("quickstart", replicates=2, seed=1, progress=False)
    saved = res.save(tmp_path / "kept")
    assert csv_files(saved) == csv_files(res.path)


def test_scenario_from_dict_runs_as_the_file(repo, tmp_path):
    from_file = rs.Scenario.load(repo / "scenarios" / "quickstart.toml")
    from_dict = rs.Scenario.from_dict(rs.read_toml(repo / "scenarios" / "quickstart.toml"))
    assert from_dict == from_file
    assert rs.Scenario.from_dict(from_file.to_dict()) == from_file
    a = rs.run(from_file, replicates=2, seed=4, out=tmp_path / "file", progress=False)
    b = rs.run(from_dict, replicates=2, seed=4, out=tmp_path / "dict", progress=False)
    assert csv_files(a.path) == csv_files(b.path)
    assert b.manifest["scenario_file"] == "<dict>"


def test_to_toml_is_what_resim_check_prints(cli):
    assert rs.Scenario.load("quickstart").to_toml() == cli("check", "quickstart").stdout


def test_set_runs_as_the_clis_set(cli, tmp_path):
    base = rs.Scenario.load("quickstart")
    sc = base.set("stress.academic_load", 0.05).set(
        {"strategies.full_programme.contact_book.coverage": 0.5, "population.rural_share": 0.25}
    )
    assert base.settings == [], "set returns a new scenario"
    assert sc.get("population.rural_share") == 0.25
    assert abs(sc.get("stress.academic_load") - 0.05) < 1e-6
    assert "stress.academic_load" in sc.paths()
    cli("run", "quickstart", "--replicates", "2", "--seed", "3", "--quiet", "--out", tmp_path / "cli",
        "--set", "stress.academic_load=0.05",
        "--set", "strategies.full_programme.contact_book.coverage=0.5",
        "--set", "population.rural_share=0.25")
    res = rs.run(sc, replicates=2, seed=3, out=tmp_path / "py", progress=False)
    assert csv_files(res.path) == csv_files(tmp_path / "cli")
    changed = rs.run(base, replicates=2, seed=3, progress=False)
    assert csv_files(changed.path) != csv_files(res.path)


def test_whatif_answers_as_the_cli(cli, tmp_path):
    p = cli("whatif", "--add", "contact_book", "--replicates", "2", "--seed", "6",
            "--out", tmp_path / "cli", "--quiet")
    ans = rs.whatif(add=["contact_book"], replicates=2, seed=6, out=tmp_path / "py", progress=False)
    assert p.stdout.startswith(ans.text)
    ours, theirs = csv_files(ans.path), csv_files(tmp_path / "cli")
    for name in ["effects.csv", "strategies.csv", "trajectories.csv"]:
        assert ours[name] == theirs[name], name
    assert "what_if" in set(ans.strategies["strategy"])


def test_sweep_and_sensitivity_as_the_cli(cli, tmp_path):
    cli("sweep", "quickstart_sweep", "--replicates", "1", "--out", tmp_path / "cli", "--quiet")
    sw = rs.sweep("quickstart_sweep", replicates=1, out=tmp_path / "py", progress=False)
    assert (sw.path / "sweep.csv").read_bytes() == (tmp_path / "cli" / "sweep.csv").read_bytes()
    pd.testing.assert_frame_equal(sw.sweep, pd.read_csv(tmp_path / "cli" / "sweep.csv"))
    cli("sensitivity", "quickstart_sweep", "--method", "morris", "--trajectories", "2",
        "--replicates", "1", "--out", tmp_path / "cli-m", "--quiet")
    m = rs.sensitivity("quickstart_sweep", method="morris", trajectories=2, replicates=1,
                       out=tmp_path / "py-m", progress=False)
    for name in ["sensitivity.csv", "sensitivity_points.csv"]:
        assert (m.path / name).read_bytes() == (tmp_path / "cli-m" / name).read_bytes(), name
    assert {"parameter"} <= set(m.indices.columns)


def test_validate_as_the_cli(cli, tmp_path):
    cli("validate", "--replicates", "1", "--out", tmp_path / "cli", "--quiet")
    v = rs.validate(replicates=1, out=tmp_path / "py", progress=False)
    assert (v.path / "validation.csv").read_bytes() == (tmp_path / "cli" / "validation.csv").read_bytes()
    assert "targets within their band" in v.text
    assert len(v.validation) > 0


def test_parquet_is_read_when_the_job_wrote_it(tmp_path):
    """A table is read from STEM.parquet when there is one (--format parquet)."""
    pytest.importorskip("pyarrow")
    res = rs.run("quickstart", replicates=2, seed=1, out=tmp_path / "r", progress=False)
    frame = res.effects
    frame.iloc[:3].to_parquet(tmp_path / "r" / "trajectories.parquet")
    assert len(rs.read_table(tmp_path / "r", "trajectories")) == 3


def test_uncertainty_runs_as_the_clis(cli, tmp_path):
    cli("run", "quickstart", "--replicates", "3", "--seed", "2", "--uncertainty",
        "--out", tmp_path / "cli", "--quiet")
    res = rs.run("quickstart", replicates=3, seed=2, uncertainty=True, out=tmp_path / "py", progress=False)
    assert csv_files(res.path) == csv_files(tmp_path / "cli")
    assert len(res.parameters) > 0 and res.manifest["uncertainty"]


def test_whatif_about_a_changed_scenario(tmp_path):
    sc = rs.Scenario.load("one_class_contact_book").set("stress.academic_load", 0.1)
    ans = rs.whatif(sc, add=["contact_book"], replicates=2, seed=6, progress=False)
    assert "what_if" in set(ans.effects["strategy"])
    assert "academic_load = 0.1" in ans.scenario_toml
