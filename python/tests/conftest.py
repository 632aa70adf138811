"""Shared fixtures: the repository, the `resim` binary built from it, and
a helper that runs the CLI the way a user would."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository checkout (scenarios/, data/, examples/)."""
    return REPO


@pytest.fixture(scope="session")
def resim_bin() -> Path:
    """The `resim` command line built from this checkout (RESIM_BIN, else
    target/release/resim, else CARGO_TARGET_DIR/release/resim)."""
    candidates = [os.environ.get("RESIM_BIN")]
    target = os.environ.get("CARGO_TARGET_DIR")
    if target:
        candidates.append(str(Path(target) / "release" / "resim"))
    candidates.append(str(REPO / "target" / "release" / "resim"))
    for c in candidates:
        if c and Path(c).is_file():
            return Path(c)
    pytest.fail("no resim binary: run `cargo build --release` first (or set RESIM_BIN)")


@pytest.fixture()
def cli(resim_bin, tmp_path):
    """Runs `resim ARGS…` in a scratch folder; returns the CompletedProcess."""

    def run(*args: str, check: bool = True, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        p = subprocess.run(
            [str(resim_bin), *map(str, args)],
            cwd=cwd or tmp_path,
            capture_output=True,
            text=True,
        )
        if check and p.returncode != 0:
            raise AssertionError(f"resim {' '.join(map(str, args))} failed ({p.returncode}):\n{p.stderr}")
        return p

    return run
