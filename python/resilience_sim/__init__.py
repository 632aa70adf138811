"""resilience_sim: simulate how home–school collaboration shapes students'
mental resilience, from Python.

The same library as the ``resim`` command line, called directly (no
subprocess): the same checks, the same files, bit for bit the same
results for the same scenario and seed.

>>> import resilience_sim as rs
>>> res = rs.run("quickstart", replicates=4, seed=7, progress=False)
>>> res.effects.query("subgroup == 'all' and outcome == 'resilience'")  # doctest: +SKIP
"""

from . import errors, progress
from ._core import VERSION as __version__
from .errors import (
    BusyError,
    CancelledError,
    InputError,
    InternalError,
    ResimError,
    ValidationFailedError,
)
from .jobs import bundled, calibrate, optimise, run, sensitivity, sweep, validate, whatif
from .progress import ResimWarning
from .results import (
    CalibrationResults,
    OptimiseResults,
    Results,
    SensitivityResults,
    SweepResults,
    ValidationResults,
    WhatIfResults,
    read_table,
)
from .scenario import Scenario, read_toml

__all__ = [
    "BusyError",
    "CalibrationResults",
    "CancelledError",
    "InputError",
    "InternalError",
    "OptimiseResults",
    "ResimError",
    "ResimWarning",
    "Results",
    "Scenario",
    "SensitivityResults",
    "SweepResults",
    "ValidationFailedError",
    "ValidationResults",
    "WhatIfResults",
    "__version__",
    "bundled",
    "calibrate",
    "errors",
    "optimise",
    "progress",
    "read_table",
    "read_toml",
    "run",
    "sensitivity",
    "sweep",
    "validate",
    "whatif",
]
