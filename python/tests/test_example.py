"""The notebook-style example runs end to end at a small size."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def test_whatif_sweep_sobol_example(repo, tmp_path):
    pytest.importorskip("SALib")
    pytest.importorskip("matplotlib")
    env = dict(os.environ, RESIM_EXAMPLE_SIZE="small", MPLBACKEND="Agg")
    env.pop("DISPLAY", None)
    p = subprocess.run(
        [sys.executable, str(repo / "examples" / "python" / "whatif_sweep_sobol.py"), str(tmp_path / "plots")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert p.returncode == 0, p.stderr
    for png in ["whatif_trajectories.png", "sweep_effect.png", "sobol_indices.png"]:
        assert (tmp_path / "plots" / png).stat().st_size > 1000, png
    assert "S1" in p.stdout and "ST" in p.stdout


def test_the_readme_python_example_runs(repo, capsys):
    """The ```python block of README.md's "From Python" section, as printed."""
    text = (repo / "README.md").read_text()
    section = text[text.index("### From Python"):]
    block = section[section.index("```python\n") + len("```python\n"):]
    block = block[: block.index("```")]
    assert len(block.strip().splitlines()) == 5
    exec(compile(block.replace("replicates=8", "replicates=2"), "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "full_programme" in out and "hedges_g" in out
