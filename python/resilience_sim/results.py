"""Results of resim jobs as pandas data frames with the columns of the
CSV files, read from the folder the job wrote (its own temporary folder
when no ``out`` was given)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:  # pandas is imported when a table is first read
    import pandas as pd

    from .scenario import Scenario


def read_table(folder: Path, stem: str) -> pd.DataFrame:
    """The table ``stem`` of a results folder: ``STEM.parquet`` read with
    ``pandas.read_parquet`` when the job wrote Parquet, else ``STEM.csv``
    with ``pandas.read_csv`` (``NA`` is missing)."""
    import pandas as pd

    parquet = folder / f"{stem}.parquet"
    if parquet.is_file():
        return pd.read_parquet(parquet)
    csv = folder / f"{stem}.csv"
    if not csv.is_file():
        raise FileNotFoundError(f"{csv}: the job did not write this table")
    return pd.read_csv(csv)


class Folder:
    """Where a job writes: the folder given, or a temporary folder owned by
    this object and removed with it (``keep`` a copy with ``save``)."""

    def __init__(self, out: Optional[os.PathLike[str] | str], name: str) -> None:
        """``out``, or a new temporary folder holding ``name``."""
        self._tmp: Optional[tempfile.TemporaryDirectory[str]] = None
        if out is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="resim-")
            self.path = Path(self._tmp.name) / name
        else:
            self.path = Path(out)

    @property
    def temporary(self) -> bool:
        """Whether the folder is removed when its results are."""
        return self._tmp is not None


class _Tables:
    """A results folder read lazily, each table once."""

    def __init__(self, folder: Folder) -> None:
        self._folder = folder
        self._cache: dict[str, pd.DataFrame] = {}

    @property
    def path(self) -> Path:
        """The folder holding the result files."""
        return self._folder.path

    @property
    def temporary(self) -> bool:
        """Whether ``path`` is a temporary folder removed with this object."""
        return self._folder.temporary

    def frame(self, stem: str) -> pd.DataFrame:
        """The table ``stem`` (``effects`` for effects.csv) as a data frame."""
        if stem not in self._cache:
            self._cache[stem] = read_table(self.path, stem)
        return self._cache[stem]

    @property
    def files(self) -> list[str]:
        """The names of the files written, sorted."""
        return sorted(p.name for p in self.path.iterdir() if p.is_file())

    def save(self, dest: os.PathLike[str] | str) -> Path:
        """Copies the result files into the new folder ``dest``; returns it."""
        dest = Path(dest)
        shutil.copytree(self.path, dest)
        return dest

    def _json(self, name: str) -> dict[str, Any]:
        p = self.path / name
        return json.loads(p.read_text()) if p.is_file() else {}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} in {self.path}>"


class Results(_Tables):
    """A run's results (``resim run``): one data frame per CSV file."""

    def __init__(self, folder: Folder, ranking: str = "") -> None:
        """Results in ``folder``; ``ranking`` is the table ``resim run`` prints."""
        super().__init__(folder)
        #: The ranking table ``resim run`` prints.
        self.ranking: str = ranking

    @property
    def manifest(self) -> dict[str, Any]:
        """``manifest.json``: the program, scenario, seed, replicates, threads,
        timings and every file with its checksum."""
        return self._json("manifest.json")

    @property
    def steady_state(self) -> dict[str, Any] | None:
        """The steady-state check of the burn-in (``manifest.json``'s
        ``steady_state``): ``burn_in_weeks``, ``drift_points_per_year``,
        ``ok`` (``False`` when the run warned that its burn-in was too short
        to settle), ``replicates_read``, ``burn_ins_simulated`` and
        ``student_weeks``; ``None`` for results of versions before 0.5.0."""
        return self.manifest.get("steady_state")

    @property
    def effects(self) -> pd.DataFrame:
        """``effects.csv``: each strategy's effect vs the baseline by outcome and subgroup."""
        return self.frame("effects")

    @property
    def strategies(self) -> pd.DataFrame:
        """``strategies.csv``: each strategy's outcomes, cost and teacher hours."""
        return self.frame("strategies")

    @property
    def trajectories(self) -> pd.DataFrame:
        """``trajectories.csv``: weekly means by strategy, subgroup and outcome."""
        return self.frame("trajectories")

    @property
    def survey(self) -> pd.DataFrame:
        """``survey.csv``: the survey window's measures."""
        return self.frame("survey")

    @property
    def equity(self) -> pd.DataFrame:
        """``equity.csv``: gaps between subgroups."""
        return self.frame("equity")

    @property
    def decision(self) -> pd.DataFrame:
        """``decision.csv``: costs, ICERs, net monetary benefit."""
        return self.frame("decision")

    @property
    def parameters(self) -> pd.DataFrame:
        """``parameters.csv``: each replicate's drawn parameters (runs with uncertainty)."""
        return self.frame("parameters")

    @property
    def students(self) -> pd.DataFrame:
        """``students.csv``: every student in the first and last week (runs with ``students=True``)."""
        return self.frame("students")

    @property
    def report_path(self) -> Optional[Path]:
        """``report.html`` (charts and plain-language findings, one
        self-contained file; each chart also under ``plots/``), when the job
        wrote one: ``run(..., report=True)`` and every ``whatif``."""
        p = self.path / "report.html"
        return p if p.is_file() else None


class WhatIfResults(Results):
    """A what-if's answer: the run of the baseline and the what-if strategy,
    the answer in words (``text``) and the scenario that gives it (``scenario.toml``)."""

    def __init__(self, folder: Folder, text: str) -> None:
        """The answer ``text`` with the run in ``folder``."""
        super().__init__(folder)
        #: The answer in plain words, as ``resim whatif`` prints it.
        self.text: str = text

    @property
    def scenario_toml(self) -> str:
        """The what-if scenario as a file: ``resim run`` on it gives the same results."""
        return (self.path / "scenario.toml").read_text()

    def __str__(self) -> str:
        return self.text


class SweepResults(_Tables):
    """A sweep's results: ``sweep.csv``, one row per point, strategy, outcome and subgroup."""

    @property
    def sweep(self) -> pd.DataFrame:
        """``sweep.csv`` (or ``sweep.parquet``)."""
        return self.frame("sweep")

    @property
    def manifest(self) -> dict[str, Any]:
        """``manifest.json`` of the sweep, when written."""
        return self._json("manifest.json")


class SensitivityResults(_Tables):
    """A sensitivity analysis: the indices and every point's outputs."""

    def __init__(self, folder: Folder, method: str) -> None:
        """Results of ``method`` (``sobol`` or ``morris``) in ``folder``."""
        super().__init__(folder)
        #: ``sobol`` or ``morris``.
        self.method: str = method

    @property
    def indices(self) -> pd.DataFrame:
        """``sensitivity.csv``: Sobol' S1/ST or Morris mu*/sigma per parameter and output."""
        return self.frame("sensitivity")

    @property
    def points(self) -> pd.DataFrame:
        """``sensitivity_points.csv``: every design point's parameters and outputs."""
        return self.frame("sensitivity_points")

    @property
    def manifest(self) -> dict[str, Any]:
        """``manifest.json`` of the analysis, when written."""
        return self._json("manifest.json")


class ValidationResults(_Tables):
    """A validation against published targets: ``validation.csv`` and the table printed."""

    def __init__(self, folder: Folder, text: str) -> None:
        """The printed ``text`` with ``validation.csv`` in ``folder``."""
        super().__init__(folder)
        #: The table and summary line ``resim validate`` prints.
        self.text: str = text

    @property
    def validation(self) -> pd.DataFrame:
        """``validation.csv``: each target, its band, the simulated value and whether it passed."""
        return self.frame("validation")

    def __str__(self) -> str:
        return self.text


class CalibrationResults(_Tables):
    """A calibration (``resim calibrate``): the fitted parameters, every
    target at the fit, the posterior (ABC) and the fitted scenario."""

    @property
    def calibration(self) -> pd.DataFrame:
        """``calibration.csv``: each parameter's range, start and fitted value
        (ABC: posterior mean, SD and 95% interval)."""
        return self.frame("calibration")

    @property
    def fit(self) -> pd.DataFrame:
        """``fit.csv``: every target at the fit, with its band and whether it passed."""
        return self.frame("fit")

    @property
    def posterior(self) -> pd.DataFrame:
        """``posterior.csv`` (ABC only): the last generation's particles and weights."""
        return self.frame("posterior")

    @property
    def calibrated_toml(self) -> str:
        """``calibrated.toml``: the scenario with the fitted values, as a file."""
        return (self.path / "calibrated.toml").read_text()

    @property
    def scenario(self) -> "Scenario":
        """The scenario with the fitted values (``calibrated.toml``), ready to run."""
        from .scenario import Scenario

        return Scenario.from_toml(self.calibrated_toml, str(self.path / "calibrated.toml"))

    @property
    def manifest(self) -> dict[str, Any]:
        """``manifest.json``: scenario, targets, iterations, simulations,
        loss and every file with its checksum."""
        return self._json("manifest.json")


class OptimiseResults(_Tables):
    """A portfolio search (``resim optimise``): every portfolio raced, the
    cost-effect frontier and the best portfolios as a runnable scenario."""

    @property
    def portfolios(self) -> pd.DataFrame:
        """``portfolios.csv``: every portfolio screened, best first, with its
        cost, teacher hours, gain and rank."""
        return self.frame("portfolios")

    @property
    def frontier(self) -> pd.DataFrame:
        """``frontier.csv``: the cost-effect frontier, cheapest first."""
        return self.frame("frontier")

    @property
    def frontier_svg(self) -> Path:
        """``frontier.svg``: the frontier as a chart."""
        return self.path / "frontier.svg"

    @property
    def best_toml(self) -> Optional[str]:
        """``best.toml``: the best portfolio and the two after it as a
        scenario (``None`` when no portfolio kept to the budget)."""
        p = self.path / "best.toml"
        return p.read_text() if p.is_file() else None

    @property
    def best(self) -> Optional["Scenario"]:
        """``best.toml`` as a :class:`~resilience_sim.Scenario` to run, if any."""
        from .scenario import Scenario

        text = self.best_toml
        return Scenario.from_toml(text, str(self.path / "best.toml")) if text is not None else None

    @property
    def manifest(self) -> dict[str, Any]:
        """``manifest.json``: what was searched, how, and every file with its checksum."""
        return self._json("manifest.json")
