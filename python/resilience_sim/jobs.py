"""The jobs: run, what-if, sweep, sensitivity, validate, calibrate and
optimise, as library calls into resim's job layer (no subprocess). Each writes the files
``resim`` writes for the same options — into ``out``, or into a temporary
folder its results own — and returns them as data frames.

While a job runs the GIL is released; Ctrl-C (KeyboardInterrupt) cancels
it cleanly — nothing half written is left — and is raised again.
"""

from __future__ import annotations

import os
from typing import Iterable, Literal, Mapping, Optional, Sequence, Tuple, Union

from . import _core
from .progress import ProgressArg, display
from .results import (
    CalibrationResults,
    Folder,
    OptimiseResults,
    Results,
    SensitivityResults,
    SweepResults,
    ValidationResults,
    WhatIfResults,
)
from .scenario import Scenario, ScenarioArg, scenario_of

PathArg = Union[str, "os.PathLike[str]"]

#: How the big tables (students, trajectories, sweep) are written, as
#: ``--format``: CSV, Apache Parquet (snappy) or both; the other files are
#: always CSV. The data frames are read from the Parquet file when there is one.
Format = Literal["csv", "parquet", "both"]


def _settings(settings: Union[None, Mapping[str, object], Iterable[str]]) -> list[str]:
    """``{"a.b": 1}`` or ``["a.b=1"]`` as ``PATH=VALUE`` strings."""
    if settings is None:
        return []
    if isinstance(settings, Mapping):
        out = []
        for k, v in settings.items():
            if isinstance(v, bool):
                v = "true" if v else "false"
            out.append(f"{k}={v}")
        return out
    return [str(s) for s in settings]


def run(
    scenario: ScenarioArg,
    *,
    replicates: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    out: Optional[PathArg] = None,
    students: bool = False,
    uncertainty: bool = False,
    format: Format = "csv",
    report: bool = False,
    subgroup: Optional[str] = None,
    outcome: Optional[str] = None,
    force: bool = False,
    progress: ProgressArg = True,
) -> Results:
    """Runs every strategy of ``scenario`` on the same synthetic students
    over its replicates: ``resim run SCENARIO --out OUT``.

    ``scenario`` is a :class:`Scenario`, a file, a bundled name or a dict.
    ``replicates``/``seed`` replace the scenario's; ``threads`` defaults to
    every core (the results do not depend on it). ``students`` also writes
    students.csv; ``uncertainty`` draws each replicate's fitted parameters
    from the shipped posterior. ``format`` writes students and trajectories
    as ``"csv"``, ``"parquet"`` or ``"both"`` (``--format``). ``report``
    also writes report.html and plots/ (``--report``; its path is
    :attr:`Results.report_path`), showing ``subgroup`` beside all students
    and ``outcome`` by subgroup (``--subgroup``, ``--outcome``).
    ``out`` must be new or empty (``force`` replaces resim's own files
    there); without it the files go to a temporary folder the returned
    :class:`Results` owns.
    """
    sc = scenario_of(scenario)
    folder = Folder(out, sc.name)
    ranking = _core.run(
        sc._core,
        os.fspath(folder.path),
        replicates=replicates,
        seed=seed,
        threads=threads,
        students=students,
        uncertainty=uncertainty,
        format=format,
        report=report,
        subgroup=subgroup,
        outcome=outcome,
        force=force,
        progress=display(progress),
    )
    return Results(folder, ranking)


def whatif(
    scenario: Optional[ScenarioArg] = None,
    *,
    add: Iterable[str] = (),
    remove: Iterable[str] = (),
    set: Union[None, Mapping[str, object], Iterable[str]] = None,
    replicates: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    uncertainty: bool = False,
    format: Format = "csv",
    subgroup: Optional[str] = None,
    outcome: Optional[str] = None,
    out: Optional[PathArg] = None,
    force: bool = False,
    progress: ProgressArg = True,
) -> WhatIfResults:
    """What if the class or school changed its strategy? The scenario's
    baseline with components added, removed or changed (``set``:
    ``{"contact_book.frequency": "daily"}``), run against the baseline and
    answered in plain words: ``resim whatif``. ``scenario`` defaults to the
    bundled ``one_class_contact_book``. The answer's ``text`` is what
    ``resim whatif`` prints; its files are a run's (tables in ``format``)
    plus ``scenario.toml`` and, as ``resim whatif`` writes it, report.html
    (:attr:`Results.report_path`) showing ``subgroup`` and ``outcome``.
    """
    sc = scenario_of(scenario if scenario is not None else "one_class_contact_book")
    folder = Folder(out, f"whatif-{sc.name}")
    text = _core.whatif(
        sc._core,
        os.fspath(folder.path),
        add=list(add),
        remove=list(remove),
        settings=_settings(set),
        replicates=replicates,
        seed=seed,
        threads=threads,
        uncertainty=uncertainty,
        format=format,
        subgroup=subgroup,
        outcome=outcome,
        force=force,
        progress=display(progress),
    )
    return WhatIfResults(folder, text)


def sweep(
    scenario: ScenarioArg,
    *,
    replicates: Optional[int] = None,
    threads: Optional[int] = None,
    format: Format = "csv",
    out: Optional[PathArg] = None,
    resume: bool = False,
    force: bool = False,
    progress: ProgressArg = True,
) -> SweepResults:
    """Runs every point of the scenario's ``[sweep]`` section:
    ``resim sweep SCENARIO --out OUT``. ``replicates`` replaces the
    replicates per point; ``format`` writes sweep.csv, sweep.parquet or
    both; ``resume`` continues an interrupted sweep in ``out`` from its
    journal."""
    sc = scenario_of(scenario)
    folder = Folder(out, f"{sc.name}-sweep")
    _core.sweep(
        sc._core,
        os.fspath(folder.path),
        replicates=replicates,
        threads=threads,
        format=format,
        resume=resume,
        force=force,
        progress=display(progress),
    )
    return SweepResults(folder)


def sensitivity(
    scenario: ScenarioArg,
    *,
    method: str = "sobol",
    outputs: Iterable[str] = (),
    samples: int = 64,
    trajectories: int = 10,
    levels: int = 4,
    bootstrap: int = 1000,
    design_seed: int = 1,
    replicates: Optional[int] = None,
    threads: Optional[int] = None,
    out: Optional[PathArg] = None,
    resume: bool = False,
    force: bool = False,
    progress: ProgressArg = True,
) -> SensitivityResults:
    """Sobol' (``method="sobol"``: ``samples`` × (k + 2) points) or Morris
    (``method="morris"``: ``trajectories`` × (k + 1) points on ``levels``
    levels) sensitivity over the scenario's ``[sweep]`` ranges:
    ``resim sensitivity --method METHOD``. ``outputs`` are
    ``STRATEGY:OUTCOME[:SUBGROUP]``, Hedges' g vs the baseline [default:
    the first non-baseline strategy, resilience, all]."""
    sc = scenario_of(scenario)
    folder = Folder(out, f"{sc.name}-{method}")
    _core.sensitivity(
        sc._core,
        os.fspath(folder.path),
        method=method,
        outputs=list(outputs),
        trajectories=trajectories,
        levels=levels,
        samples=samples,
        bootstrap=bootstrap,
        design_seed=design_seed,
        replicates=replicates,
        threads=threads,
        resume=resume,
        force=force,
        progress=display(progress),
    )
    return SensitivityResults(folder, method)


def validate(
    *,
    scenario: Optional[ScenarioArg] = None,
    targets: Optional[PathArg] = None,
    set: Union[None, Mapping[str, object], Iterable[str]] = None,
    replicates: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    strict: bool = False,
    out: Optional[PathArg] = None,
    force: bool = False,
    progress: ProgressArg = True,
) -> ValidationResults:
    """Compares the model with published targets: ``resim validate``. The
    bundled calibration targets unless ``targets`` names a CSV;
    ``scenario`` replaces the validation scenario; ``set`` applies
    ``PATH=VALUE`` to every scenario. With ``strict``, a target outside its
    band raises :class:`~resilience_sim.errors.ValidationFailedError`
    (after validation.csv is written)."""
    folder = Folder(out, "validation")
    sc: Optional[Scenario] = scenario_of(scenario) if scenario is not None else None
    text = _core.validate(
        os.fspath(folder.path),
        targets=os.fspath(targets) if targets is not None else None,
        scenario=sc._core if sc is not None else None,
        settings=_settings(set),
        replicates=replicates,
        seed=seed,
        threads=threads,
        strict=strict,
        force=force,
        progress=display(progress),
    )
    return ValidationResults(folder, text)


def _ranges(params: Union[Mapping[str, Tuple[float, float]], Iterable[str]]) -> list[str]:
    """``{"a.b": (lo, hi)}`` or ``["a.b=LO..HI"]`` as ``PATH=LO..HI`` strings
    (numbers written as Python writes them: the same double as typed)."""
    if isinstance(params, Mapping):
        out = []
        for path, bounds in params.items():
            lo, hi = bounds
            out.append(f"{path}={float(lo)!r}..{float(hi)!r}")
        return out
    return [str(p) for p in params]


def calibrate(
    scenario: ScenarioArg,
    params: Union[Mapping[str, Tuple[float, float]], Iterable[str]],
    *,
    targets: Optional[PathArg] = None,
    method: Literal["nelder-mead", "abc"] = "nelder-mead",
    particles: int = 40,
    budget: int = 200,
    tolerance: float = 0.5,
    replicates: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    out: Optional[PathArg] = None,
    resume: bool = False,
    force: bool = False,
    progress: ProgressArg = True,
) -> CalibrationResults:
    """Fits parameters of ``scenario`` to published targets:
    ``resim calibrate SCENARIO --param PATH=LO..HI …``.

    ``params`` maps each parameter path to its search range,
    ``{"stress.academic_load": (0.05, 0.12)}`` (or is a list of
    ``"PATH=LO..HI"``). ``targets`` is a CSV with the columns of
    data/calibration.csv [default: the bundled targets]. ``method`` is
    ``"nelder-mead"`` (a point estimate from the scenario's values) or
    ``"abc"`` (ABC-SMC from uniform priors on the ranges: ``particles`` per
    generation, until the median distance is at most ``tolerance``). The
    search stops starting new iterations or generations after ``budget``
    simulations of ``replicates`` replicates each. The search state is
    saved in ``out`` after every iteration; ``resume`` continues it.
    Ctrl-C stops it there (:class:`~resilience_sim.errors.CancelledError`
    with ``resumable``)."""
    sc = scenario_of(scenario)
    folder = Folder(out, f"{sc.name}-calibration")
    _core.calibrate(
        sc._core,
        os.fspath(folder.path),
        params=_ranges(params),
        targets=os.fspath(targets) if targets is not None else None,
        method=method,
        particles=particles,
        tolerance=tolerance,
        budget=budget,
        replicates=replicates,
        seed=seed,
        threads=threads,
        resume=resume,
        force=force,
        progress=display(progress),
    )
    return CalibrationResults(folder)


def optimise(
    scenario: ScenarioArg,
    *,
    max_cost: Optional[float] = None,
    max_hours: Optional[float] = None,
    outcome: str = "resilience",
    subgroup: str = "all",
    components: Sequence[str] = (),
    max_components: Optional[int] = None,
    finalists: int = 5,
    screen_replicates: int = 2,
    replicates: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    set: Union[None, Mapping[str, object], Iterable[str]] = None,
    uncertainty: bool = False,
    posterior: Optional[PathArg] = None,
    tune: bool = True,
    tune_budget: int = 1500,
    tune_replicates: Optional[int] = None,
    out: Optional[PathArg] = None,
    resume: bool = False,
    force: bool = False,
    progress: ProgressArg = True,
) -> OptimiseResults:
    """The best portfolio of components for a budget: ``resim optimise``.

    Portfolios of ``components`` [default: every component; at most
    ``max_components`` in one] that cost at most ``max_cost`` per student
    per year and add at most ``max_hours`` teacher hours per class per
    term are raced with common random numbers on ``scenario``'s population
    and baseline: every affordable one on ``screen_replicates``
    replicates, then the best until ``finalists`` are left, which run
    ``replicates`` [default: the scenario's]. ``outcome`` in ``subgroup``
    is what is improved. ``set`` applies ``PATH=VALUE`` to the scenario
    (``{"stress.academic_load": 0.06}``, ``--set``; kept, not drawn, under
    uncertainty). ``uncertainty`` draws each replicate's fitted parameters
    from the shipped posterior, or from the file ``posterior`` (which
    implies it). ``tune`` searches the best three portfolios' coverage and
    frequency (``--no-tune`` is ``tune=False``) with ``tune_budget``
    simulations, ``tune_replicates`` replicates each [default: 8]. The
    search is saved in ``out`` after every stage; ``resume`` continues it
    (Ctrl-C raises :class:`~resilience_sim.errors.CancelledError` with
    ``resumable``)."""
    sc = scenario_of(scenario)
    folder = Folder(out, f"{sc.name}-optimise")
    _core.optimise(
        sc._core,
        os.fspath(folder.path),
        max_cost=max_cost,
        max_hours=max_hours,
        outcome=outcome,
        subgroup=subgroup,
        components=list(components),
        max_components=max_components,
        finalists=finalists,
        screen_replicates=screen_replicates,
        replicates=replicates,
        seed=seed,
        threads=threads,
        settings=_settings(set),
        uncertainty=uncertainty,
        posterior=os.fspath(posterior) if posterior is not None else None,
        tune=tune,
        tune_budget=tune_budget,
        tune_replicates=tune_replicates,
        resume=resume,
        force=force,
        progress=display(progress),
    )
    return OptimiseResults(folder)


def bundled() -> list[str]:
    """The names of the scenarios bundled with resim (``Scenario.load(name)``)."""
    return list(_core.bundled())
