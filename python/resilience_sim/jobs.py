"""The jobs: run, what-if, sweep, sensitivity and validate, as library
calls into resim's job layer (no subprocess). Each writes the files
``resim`` writes for the same options — into ``out``, or into a temporary
folder its results own — and returns them as data frames.

While a job runs the GIL is released; Ctrl-C (KeyboardInterrupt) cancels
it cleanly — nothing half written is left — and is raised again.
"""

from __future__ import annotations

import os
from typing import Iterable, Mapping, Optional, Union

from . import _core
from .progress import ProgressArg, display
from .results import (
    Folder,
    Results,
    SensitivityResults,
    SweepResults,
    ValidationResults,
    WhatIfResults,
)
from .scenario import Scenario, ScenarioArg, scenario_of

PathArg = Union[str, "os.PathLike[str]"]


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
    force: bool = False,
    progress: ProgressArg = True,
) -> Results:
    """Runs every strategy of ``scenario`` on the same synthetic students
    over its replicates: ``resim run SCENARIO --out OUT``.

    ``scenario`` is a :class:`Scenario`, a file, a bundled name or a dict.
    ``replicates``/``seed`` replace the scenario's; ``threads`` defaults to
    every core (the results do not depend on it). ``students`` also writes
    students.csv; ``uncertainty`` draws each replicate's fitted parameters
    from the shipped posterior. ``out`` must be new or empty (``force``
    replaces resim's own files there); without it the files go to a
    temporary folder the returned :class:`Results` owns.
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
    out: Optional[PathArg] = None,
    force: bool = False,
    progress: ProgressArg = True,
) -> WhatIfResults:
    """What if the class or school changed its strategy? The scenario's
    baseline with components added, removed or changed (``set``:
    ``{"contact_book.frequency": "daily"}``), run against the baseline and
    answered in plain words: ``resim whatif``. ``scenario`` defaults to the
    bundled ``one_class_contact_book``. The answer's ``text`` is what
    ``resim whatif`` prints; its files are a run's plus ``scenario.toml``.
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
        force=force,
        progress=display(progress),
    )
    return WhatIfResults(folder, text)


def sweep(
    scenario: ScenarioArg,
    *,
    replicates: Optional[int] = None,
    threads: Optional[int] = None,
    out: Optional[PathArg] = None,
    resume: bool = False,
    force: bool = False,
    progress: ProgressArg = True,
) -> SweepResults:
    """Runs every point of the scenario's ``[sweep]`` section:
    ``resim sweep SCENARIO --out OUT``. ``replicates`` replaces the
    replicates per point; ``resume`` continues an interrupted sweep in
    ``out`` from its journal."""
    sc = scenario_of(scenario)
    folder = Folder(out, f"{sc.name}-sweep")
    _core.sweep(
        sc._core,
        os.fspath(folder.path),
        replicates=replicates,
        threads=threads,
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


def bundled() -> list[str]:
    """The names of the scenarios bundled with resim (``Scenario.load(name)``)."""
    return list(_core.bundled())
