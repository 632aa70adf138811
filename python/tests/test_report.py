"""Reports from Python: ``run(..., report=True)`` and every ``whatif``
write the report.html ``resim run --report`` and ``resim whatif`` write."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import resilience_sim as rs


def masked(html: str, *folders: Path) -> str:
    """The report's text with the results folder and timings masked (they
    name where and how fast the run ran, not what it found)."""
    for f in folders:
        html = html.replace(str(f), "DIR")
    return re.sub(r"\d+(\.\d+)? s\b", "T s", html)


def plots(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / "plots").iterdir())}


def test_run_with_report_writes_the_clis_report(cli, tmp_path):
    cli("run", "quickstart", "--replicates", "2", "--seed", "4", "--report",
        "--subgroup", "rural", "--outcome", "distress", "--out", tmp_path / "cli", "--quiet")
    res = rs.run("quickstart", replicates=2, seed=4, report=True, subgroup="rural",
                 outcome="distress", out=tmp_path / "py", progress=False)
    assert res.report_path == tmp_path / "py" / "report.html"
    ours = res.report_path.read_text()
    theirs = (tmp_path / "cli" / "report.html").read_text()
    assert masked(ours, tmp_path / "py") == masked(theirs, tmp_path / "cli")
    assert "rural" in ours
    assert plots(res.path) == plots(tmp_path / "cli")


def test_a_run_without_report_has_none():
    res = rs.run("quickstart", replicates=2, seed=4, progress=False)
    assert res.report_path is None and "report.html" not in res.files


def test_whatif_writes_the_clis_report(cli, tmp_path):
    cli("whatif", "--add", "contact_book", "--replicates", "2", "--seed", "6",
        "--out", tmp_path / "cli", "--quiet")
    ans = rs.whatif(add=["contact_book"], replicates=2, seed=6, out=tmp_path / "py",
                    progress=False)
    assert ans.report_path is not None
    ours, theirs = ans.report_path.read_text(), (tmp_path / "cli" / "report.html").read_text()
    assert masked(ours, tmp_path / "py") == masked(theirs, tmp_path / "cli")
    assert plots(ans.path) == plots(tmp_path / "cli")


def test_report_choices_are_checked_before_the_run(cli, tmp_path):
    p = cli("run", "quickstart", "--subgroup", "rural", "--out", tmp_path / "cli", check=False)
    with pytest.raises(rs.InputError) as e:
        rs.run("quickstart", subgroup="rural", out=tmp_path / "py", progress=False)
    assert e.value.exit_code == p.returncode == 2
    assert e.value.cli_message == p.stderr.strip()
    assert "add --report" in str(e.value)
    p = cli("run", "quickstart", "--report", "--outcome", "happiness", check=False)
    with pytest.raises(rs.InputError) as e:
        rs.run("quickstart", report=True, outcome="happiness", out=tmp_path / "py", progress=False)
    assert e.value.cli_message == p.stderr.strip()
    with pytest.raises(rs.InputError, match="--subgroup `rurl`"):
        rs.whatif(add=["contact_book"], subgroup="rurl", out=tmp_path / "w", progress=False)
    # Nothing ran: no folder was made.
    assert not (tmp_path / "py").exists() and not (tmp_path / "w").exists()
