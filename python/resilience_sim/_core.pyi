"""Type stubs of the Rust core of resilience_sim (see the pure-Python
modules for the public API: run, whatif, sweep, sensitivity, validate,
calibrate, optimise, Scenario)."""

from typing import Any, Optional, Protocol, Sequence

VERSION: str
POLL_SECONDS: float

class _Progress(Protocol):
    def begin(self, what: str, total: int, done: int) -> None: ...
    def advance(self, done: int) -> None: ...
    def status(self, text: str) -> None: ...
    def note(self, line: str) -> None: ...
    def end(self) -> None: ...

class Scenario:
    """A validated scenario with PATH=VALUE settings applied; immutable."""

    @staticmethod
    def load(given: str) -> Scenario:
        """Reads a scenario file, or a bundled scenario by name."""
    @staticmethod
    def parse(text: str, file: str) -> Scenario:
        """Validates scenario TOML text; ``file`` names it."""
    @staticmethod
    def from_json(json: str, file: str) -> Scenario:
        """Validates a scenario given as JSON text; ``file`` names it."""
    def set(self, path: str, value: Any) -> Scenario:
        """A new scenario with the number or choice at ``path`` set."""
    def get(self, path: str) -> float:
        """The number at ``path``."""
    def paths(self) -> list[str]:
        """Every path ``set`` takes."""
    def to_toml(self) -> str:
        """The resolved scenario as TOML (``resim check``)."""
    def to_json(self) -> str:
        """The resolved scenario as JSON text."""
    @property
    def file(self) -> str:
        """The file as named."""
    @property
    def text(self) -> str:
        """The text of the file as read."""
    @property
    def name(self) -> str:
        """The scenario's name."""
    @property
    def settings(self) -> list[str]:
        """The PATH=VALUE settings applied, in order."""

def run(
    scenario: Scenario,
    out: str,
    *,
    replicates: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    students: bool = False,
    uncertainty: bool = False,
    format: str = "csv",
    report: bool = False,
    subgroup: Optional[str] = None,
    outcome: Optional[str] = None,
    force: bool = False,
    progress: Optional[_Progress] = None,
) -> str:
    """Runs the scenario into ``out`` (tables in ``format``; with ``report``,
    report.html too); returns the ranking table."""

def whatif(
    scenario: Scenario,
    out: str,
    *,
    add: Sequence[str] = ...,
    remove: Sequence[str] = ...,
    settings: Sequence[str] = ...,
    replicates: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    uncertainty: bool = False,
    format: str = "csv",
    subgroup: Optional[str] = None,
    outcome: Optional[str] = None,
    force: bool = False,
    progress: Optional[_Progress] = None,
) -> str:
    """Answers a what-if question into ``out`` (its run, scenario.toml and
    report.html); returns the answer in words."""

def sweep(
    scenario: Scenario,
    out: str,
    *,
    replicates: Optional[int] = None,
    threads: Optional[int] = None,
    format: str = "csv",
    resume: bool = False,
    force: bool = False,
    progress: Optional[_Progress] = None,
) -> None:
    """Runs every point of the scenario's [sweep] into ``out`` (sweep.csv,
    sweep.parquet or both: ``format``)."""

def sensitivity(
    scenario: Scenario,
    out: str,
    *,
    method: str,
    outputs: Sequence[str] = ...,
    trajectories: int = 10,
    levels: int = 4,
    samples: int = 64,
    bootstrap: int = 1000,
    design_seed: int = 1,
    replicates: Optional[int] = None,
    threads: Optional[int] = None,
    resume: bool = False,
    force: bool = False,
    progress: Optional[_Progress] = None,
) -> None:
    """Morris or Sobol' sensitivity over the [sweep] ranges into ``out``."""

def validate(
    out: str,
    *,
    targets: Optional[str] = None,
    scenario: Optional[Scenario] = None,
    settings: Sequence[str] = ...,
    replicates: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    strict: bool = False,
    force: bool = False,
    progress: Optional[_Progress] = None,
) -> str:
    """Validates against published targets into ``out``; returns the table printed."""

def calibrate(
    scenario: Scenario,
    out: str,
    *,
    params: Sequence[str],
    targets: Optional[str] = None,
    method: str = "nelder-mead",
    particles: int = 40,
    tolerance: float = 0.5,
    budget: int = 200,
    replicates: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    resume: bool = False,
    force: bool = False,
    progress: Optional[_Progress] = None,
) -> None:
    """Fits the parameters ``PATH=LO..HI`` to the targets into ``out``."""

def optimise(
    scenario: Scenario,
    out: str,
    *,
    max_cost: Optional[float] = None,
    max_hours: Optional[float] = None,
    outcome: str = "resilience",
    subgroup: str = "all",
    components: Sequence[str] = ...,
    max_components: Optional[int] = None,
    finalists: int = 5,
    screen_replicates: int = 2,
    replicates: Optional[int] = None,
    seed: Optional[int] = None,
    threads: Optional[int] = None,
    settings: Sequence[str] = ...,
    uncertainty: bool = False,
    posterior: Optional[str] = None,
    tune: bool = True,
    tune_budget: int = 1500,
    tune_replicates: Optional[int] = None,
    resume: bool = False,
    force: bool = False,
    progress: Optional[_Progress] = None,
) -> None:
    """Searches the best portfolio of components for a budget into ``out``."""

def bundled() -> list[str]:
    """The names of the bundled scenarios."""
