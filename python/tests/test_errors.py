"""Bad input raises the exception of its class with the CLI's message,
file, line, key and exit code."""

from __future__ import annotations

import json
import os
import socket

import pytest

import resilience_sim as rs


def test_a_missing_file_is_input_error_with_the_clis_message(cli, tmp_path):
    with pytest.raises(rs.InputError) as e:
        rs.Scenario.load(tmp_path / "no_such.toml")
    p = cli("run", tmp_path / "no_such.toml", check=False)
    assert e.value.exit_code == p.returncode == 2
    assert e.value.cli_message == p.stderr.strip()
    assert str(tmp_path / "no_such.toml") in str(e.value)


def test_an_unknown_bundled_name_lists_the_bundled_scenarios():
    with pytest.raises(rs.InputError) as e:
        rs.Scenario.load("quikstart")
    assert "quickstart" in str(e.value) and e.value.exit_code == 2


def test_a_bad_value_in_a_file_names_file_line_and_key(repo, cli, tmp_path):
    lines = (repo / "scenarios" / "quickstart.toml").read_text().splitlines(keepends=True)
    at = next(i for i, l in enumerate(lines) if l.startswith("replicates"))
    lines[at] = "replicates = 0\n"
    bad = tmp_path / "bad.toml"
    bad.write_text("".join(lines))
    with pytest.raises(rs.InputError) as e:
        rs.Scenario.load(bad)
    err = e.value
    assert err.file == str(bad)
    assert err.line == at + 1
    assert err.key == "run.replicates"
    assert err.valid and err.exit_code == 2
    p = cli("check", bad, check=False)
    assert p.returncode == 2 and err.cli_message == p.stderr.strip()


def test_a_toml_syntax_error_has_its_line(tmp_path):
    bad = tmp_path / "broken.toml"
    bad.write_text('name = "x"\n[run\nreplicates = 2\n')
    with pytest.raises(rs.InputError) as e:
        rs.Scenario.load(bad)
    assert e.value.file == str(bad) and e.value.line == 2


def test_set_names_the_path_and_what_is_valid():
    sc = rs.Scenario.load("quickstart")
    with pytest.raises(rs.InputError) as e:
        sc.set("stress.academic_lod", 0.05)
    assert e.value.key == "stress.academic_lod"
    assert "stress.academic_load" in e.value.valid
    with pytest.raises(rs.InputError) as e:
        sc.set("stress.academic_load", 7)
    assert e.value.key == "stress.academic_load"
    assert e.value.valid == "a number from 0 to 1"
    assert e.value.cli_message.startswith("error: --set stress.academic_load=7")
    with pytest.raises(TypeError):
        sc.set("stress.academic_load", [1, 2])


def test_bad_options_are_input_errors(tmp_path):
    with pytest.raises(rs.InputError, match="--replicates 0: valid is 1 to"):
        rs.run("quickstart", replicates=0, progress=False)
    with pytest.raises(rs.InputError, match="--threads 0"):
        rs.run("quickstart", threads=0, progress=False)
    with pytest.raises(rs.InputError, match="valid methods are `morris` and `sobol`"):
        rs.sensitivity("quickstart_sweep", method="fast", progress=False)
    with pytest.raises(rs.InputError, match="no \\[sweep\\] section"):
        rs.sweep("quickstart", progress=False)
    with pytest.raises(rs.InputError, match="unknown component"):
        rs.whatif(add=["contact_bok"], progress=False)


def test_an_output_folder_with_other_files_is_refused_and_kept(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(rs.InputError, match="is not empty") as e:
        rs.run("quickstart", replicates=2, out=out, progress=False)
    assert e.value.exit_code == 2
    assert (out / "notes.txt").read_text() == "mine" and os.listdir(out) == ["notes.txt"]


def test_a_folder_in_use_by_another_job_is_busy_error(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    holder = {"program": "resim", "pid": 4242, "host": "node-elsewhere", "started": None, "token": "x"}
    (out / ".resim.lock").write_text(json.dumps(holder))
    with pytest.raises(rs.BusyError) as e:
        rs.run("quickstart", replicates=2, out=out, progress=False)
    assert isinstance(e.value, rs.InputError) and e.value.exit_code == 2
    assert "in use by process 4242 on node-elsewhere" in str(e.value)
    assert socket.gethostname() != "node-elsewhere"


def test_every_error_is_a_resim_error():
    for cls in [rs.InputError, rs.BusyError, rs.CancelledError, rs.InternalError, rs.ValidationFailedError]:
        assert issubclass(cls, rs.ResimError)
    assert [c.exit_code for c in [rs.InputError, rs.CancelledError, rs.InternalError, rs.ValidationFailedError]] == [2, 130, 1, 3]


def test_a_strict_validation_that_fails_raises_after_writing(cli, tmp_path):
    p = cli("validate", "--replicates", "1", "--set", "stress.academic_load=1", "--strict",
            "--out", tmp_path / "cli", "--quiet", check=False)
    with pytest.raises(rs.ValidationFailedError) as e:
        rs.validate(replicates=1, set={"stress.academic_load": 1}, strict=True,
                    out=tmp_path / "py", progress=False)
    assert e.value.exit_code == p.returncode == 3
    assert e.value.cli_message == p.stderr.strip()
    assert (tmp_path / "py" / "validation.csv").read_bytes() == (tmp_path / "cli" / "validation.csv").read_bytes()
