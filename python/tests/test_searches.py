"""calibrate and optimise from Python: the files ``resim calibrate`` and
``resim optimise`` write, byte for byte, as data frames; their errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import resilience_sim as rs

# A tiny trial (100 students, 2 replicates) so that a search takes seconds.
TINY = """# Question: a tiny trial for calibration tests
name = "tiny"
[run]
replicates = 2
seed = 7
[population]
schools = 2
classes_per_school = 2
class_size = 25
[stress]
academic_load = 0.085
[support]
modelling_support_gain = 0.12
[strategies.usual_practice]
components = []
[strategies.full_programme]
components = ["parent_modelling", "behaviour_support", "joint_goal_setting"]
"""

# Two of the bundled targets, measured on the tiny trial.
TARGETS = """id,finding,statistic,value,low,high,population,source
fs_programme_mental_health,full programme vs usual practice,standardised mean difference,0.39,0.28,0.50,tiny,test
baseline_depressive_prevalence,depressive symptoms under usual practice,prevalence,0.24,0.20,0.28,tiny,test
"""

PARAMS = {"stress.academic_load": (0.06, 0.16), "support.modelling_support_gain": (0.05, 0.6)}
CLI_PARAMS = ["--param", "stress.academic_load=0.06..0.16",
              "--param", "support.modelling_support_gain=0.05..0.6"]


@pytest.fixture()
def tiny(tmp_path) -> tuple[Path, Path]:
    sc = tmp_path / "tiny.toml"
    sc.write_text(TINY)
    targets = tmp_path / "targets.csv"
    targets.write_text(TARGETS)
    return sc, targets


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_nelder_mead_writes_the_clis_files(cli, tiny, tmp_path):
    sc, targets = tiny
    cli("calibrate", sc, "--targets", targets, *CLI_PARAMS, "--budget", "8", "--seed", "3",
        "--threads", "2", "--out", tmp_path / "cli", "--quiet")
    res = rs.calibrate(sc, PARAMS, targets=targets, budget=8, seed=3, threads=2,
                       out=tmp_path / "py", progress=False)
    ours, theirs = files(res.path), files(tmp_path / "cli")
    assert sorted(ours) == sorted(theirs)
    assert {"calibration.csv", "fit.csv", "calibrated.toml", "manifest.json",
            "calibration_state.json"} <= set(ours)
    for name in theirs:
        assert ours[name] == theirs[name], name
    assert set(res.calibration["parameter"]) == set(PARAMS)
    assert set(res.fit["id"]) == {"fs_programme_mental_health", "baseline_depressive_prevalence"}
    assert res.manifest["command"] == "calibrate" and res.manifest["simulations"] >= 1
    # The fitted scenario carries the fitted values (stored as f32).
    fitted = res.scenario
    for _, row in res.calibration.iterrows():
        lo, hi = PARAMS[row["parameter"]]
        assert abs(fitted.get(row["parameter"]) - row["fitted"]) < 1e-6
        assert lo - 1e-6 <= row["fitted"] <= hi + 1e-6
    assert "posterior.csv" not in ours


def test_abc_writes_the_clis_posterior(cli, tiny, tmp_path):
    sc, targets = tiny
    cli("calibrate", sc, "--targets", targets, *CLI_PARAMS, "--method", "abc", "--particles", "4",
        "--tolerance", "0.3", "--budget", "8", "--replicates", "1", "--out", tmp_path / "cli",
        "--quiet")
    res = rs.calibrate(rs.Scenario.load(sc), [f"{p}={lo}..{hi}" for p, (lo, hi) in PARAMS.items()],
                       targets=targets, method="abc", particles=4, tolerance=0.3, budget=8,
                       replicates=1, out=tmp_path / "py", progress=False)
    ours, theirs = files(res.path), files(tmp_path / "cli")
    assert "posterior.csv" in ours
    for name in theirs:
        assert ours[name] == theirs[name], name
    assert len(res.posterior) >= 4


def test_a_calibration_resumes_to_the_uninterrupted_result(tiny, tmp_path):
    sc, targets = tiny
    whole = rs.calibrate(sc, PARAMS, targets=targets, budget=10, replicates=1,
                         out=tmp_path / "whole", progress=False)
    rs.calibrate(sc, PARAMS, targets=targets, budget=4, replicates=1, out=tmp_path / "part",
                 progress=False)
    resumed = rs.calibrate(sc, PARAMS, targets=targets, budget=10, replicates=1,
                           out=tmp_path / "part", resume=True, progress=False)
    for name in ["calibration.csv", "fit.csv", "calibrated.toml"]:
        assert (resumed.path / name).read_bytes() == (whole.path / name).read_bytes(), name


@pytest.mark.parametrize("py_args, cli_args", [
    ({"params": {"stress.academic_lod": (0.05, 0.1)}},
     ["--param", "stress.academic_lod=0.05..0.1"]),
    ({"params": {"stress.academic_load": (0.1, 0.05)}},
     ["--param", "stress.academic_load=0.1..0.05"]),
    ({"params": PARAMS, "method": "abc", "particles": 2}, [*CLI_PARAMS, "--method", "abc", "--particles", "2"]),
    ({"params": PARAMS, "budget": 0}, [*CLI_PARAMS, "--budget", "0"]),
    ({"params": PARAMS, "replicates": 0}, [*CLI_PARAMS, "--replicates", "0"]),
])
def test_bad_calibration_input_raises_the_clis_message(cli, tiny, tmp_path, py_args, cli_args):
    sc, targets = tiny
    p = cli("calibrate", sc, "--targets", targets, *cli_args, "--out", tmp_path / "cli", check=False)
    args = dict(py_args)
    with pytest.raises(rs.InputError) as e:
        rs.calibrate(sc, args.pop("params"), targets=targets, out=tmp_path / "py",
                     progress=False, **args)
    assert e.value.exit_code == p.returncode == 2
    assert e.value.cli_message == p.stderr.strip()


def test_an_unknown_method_is_input_error(tiny):
    sc, targets = tiny
    with pytest.raises(rs.InputError, match="valid methods are `nelder-mead` and `abc`"):
        rs.calibrate(sc, PARAMS, targets=targets, method="nelder_mead", progress=False)
    with pytest.raises(rs.InputError, match="at least one parameter"):
        rs.calibrate(sc, {}, targets=targets, progress=False)


def test_ctrl_c_stops_a_calibration_that_resumes(tiny, tmp_path):
    """A KeyboardInterrupt (here raised by the progress callback once the
    first generation is saved) stops the search cleanly; the saved state
    lets it resume."""
    sc, targets = tiny
    out = tmp_path / "c"
    state = out / "calibration_state.json"

    def interrupt(what, done, total):
        if state.exists():
            raise KeyboardInterrupt

    # Tolerance 0 is never reached: only the interrupt ends this search early.
    abc = dict(targets=targets, method="abc", particles=40, tolerance=0.0, replicates=1)
    with pytest.raises(KeyboardInterrupt):
        rs.calibrate(sc, PARAMS, budget=4000, out=out, progress=interrupt, **abc)
    saved = json.loads(state.read_text())
    assert not (out / "manifest.json").exists() and not (out / "posterior.csv").exists()
    # Resumed with a budget already spent, the search ends at the saved generation.
    done = rs.calibrate(sc, PARAMS, budget=1, out=out, resume=True, progress=False, **abc)
    assert done.manifest["simulations"] == saved["evaluations"] < 4000
    assert len(done.posterior) >= 40


# The toy search of tests/it/optimise.rs, smaller: four components.
TOY = dict(components=["contact_book", "peer_mentoring", "homework_help", "parent_volunteering"],
           max_cost=15.0, replicates=2, finalists=2, screen_replicates=1, seed=5, threads=2)
CLI_TOY = ["--components", "contact_book,peer_mentoring,homework_help,parent_volunteering",
           "--max-cost", "15", "--replicates", "2", "--finalists", "2", "--screen-replicates", "1",
           "--seed", "5", "--threads", "2"]


def test_optimise_writes_the_clis_files(cli, tmp_path):
    cli("optimise", "quickstart", *CLI_TOY, "--out", tmp_path / "cli", "--quiet")
    res = rs.optimise("quickstart", out=tmp_path / "py", progress=False, **TOY)
    ours, theirs = files(res.path), files(tmp_path / "cli")
    assert sorted(ours) == sorted(theirs)
    for name in theirs:
        if name != "manifest.json":
            assert ours[name] == theirs[name], name
    m_py, m_cli = (json.loads((f / "manifest.json").read_text()) for f in (res.path, tmp_path / "cli"))
    for m in (m_py, m_cli):
        m.pop("wall_seconds"), m.pop("git_commit")
    assert m_py == m_cli
    assert (res.portfolios["cost_per_student_year"].dropna() <= 15.0 * 1.1).all()
    assert len(res.frontier) >= 1 and res.frontier_svg.is_file()
    best = res.best
    assert best is not None and "best" in best.to_toml()


@pytest.mark.parametrize("py_args, cli_args", [
    ({"set": {"stress.academic_load": 0.06}, "tune": False},
     ["--set", "stress.academic_load=0.06", "--no-tune"]),
    ({"tune_budget": 24, "tune_replicates": 1}, ["--tune-budget", "24", "--tune-replicates", "1"]),
    ({"posterior": "POSTERIOR", "tune": False}, ["--posterior", "POSTERIOR", "--no-tune"]),
])
def test_optimise_takes_the_clis_options(cli, repo, tmp_path, py_args, cli_args):
    """--set, --posterior, --no-tune, --tune-budget and --tune-replicates
    as keywords: the CLI's files, byte for byte, and its manifest's search."""
    posterior = str(repo / "data" / "posterior" / "posterior.csv")
    cli_args = [posterior if a == "POSTERIOR" else a for a in cli_args]
    py_args = {k: (posterior if v == "POSTERIOR" else v) for k, v in py_args.items()}
    cli("optimise", "quickstart", *CLI_TOY, *cli_args, "--out", tmp_path / "cli", "--quiet")
    res = rs.optimise("quickstart", out=tmp_path / "py", progress=False, **TOY, **py_args)
    ours, theirs = files(res.path), files(tmp_path / "cli")
    assert sorted(ours) == sorted(theirs)
    for name in theirs:
        if name != "manifest.json":
            assert ours[name] == theirs[name], name
    m_py, m_cli = (json.loads((f / "manifest.json").read_text()) for f in (res.path, tmp_path / "cli"))
    assert m_py["search"] == m_cli["search"]
    if "set" in py_args:
        assert m_py["search"]["set"] == ["stress.academic_load=0.06"]
        assert m_py["search"]["tune"] is False
    if "posterior" in py_args:
        assert m_py["uncertainty"]["posterior"] == m_cli["uncertainty"]["posterior"]
    if "tune_budget" in py_args:
        assert m_py["search"]["tune_budget"] == 24 and m_py["search"]["tune_replicates"] == 1


def test_optimise_refuses_an_unfinished_search_and_resumes_it(tmp_path):
    """A search stopped by Ctrl-C once its first stage is saved leaves its
    state; a new search there is refused (the CLI's message), and
    ``resume=True`` finishes it to the files of an uninterrupted one."""
    whole = rs.optimise("quickstart", out=tmp_path / "whole", progress=False, **TOY)
    out = tmp_path / "stopped"
    state = out / "optimise_state.json"

    def interrupt(what, done, total):
        if state.exists():
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        rs.optimise("quickstart", out=out, progress=interrupt, **TOY)
    assert state.is_file() and not (out / "portfolios.csv").exists()
    with pytest.raises(rs.InputError) as e:
        rs.optimise("quickstart", out=out, progress=False, **TOY)
    assert "--resume" in str(e.value)
    res = rs.optimise("quickstart", out=out, progress=False, resume=True, **TOY)
    assert not (out / "optimise_state.json").exists()
    for name in ("portfolios.csv", "frontier.csv", "best.toml", "frontier.svg"):
        assert (res.path / name).read_bytes() == (whole.path / name).read_bytes(), name


@pytest.mark.parametrize("py_args, cli_args", [
    ({"max_cost": -1.0}, ["--max-cost=-1"]),
    ({"components": ["contact_bok"]}, ["--components", "contact_bok"]),
    ({"outcome": "happiness"}, ["--outcome", "happiness"]),
    ({"subgroup": "rurl"}, ["--subgroup", "rurl"]),
])
def test_bad_optimise_input_raises_the_clis_message(cli, tmp_path, py_args, cli_args):
    p = cli("optimise", "quickstart", *cli_args, "--out", tmp_path / "cli", check=False)
    with pytest.raises(rs.InputError) as e:
        rs.optimise("quickstart", out=tmp_path / "py", progress=False, **py_args)
    assert e.value.exit_code == p.returncode == 2
    assert e.value.cli_message == p.stderr.strip()


def test_ctrl_c_cancels_a_portfolio_search_and_leaves_nothing(tmp_path):
    """Every component, every portfolio: a long search, interrupted as soon
    as it reports progress, stops cleanly with no result file left (only the
    search's saved state, for ``resume=True``, if a stage had finished)."""
    out = tmp_path / "o"
    seen: list[int] = []

    def interrupt(what, done, total):
        seen.append(done)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        rs.optimise("quickstart", replicates=50, threads=1, out=out, progress=interrupt)
    assert seen, "the search reported progress before it was interrupted"
    assert not out.exists() or set(os.listdir(out)) <= {"optimise_state.json"}
