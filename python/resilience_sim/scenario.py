"""Scenarios: a file, a bundled scenario or a dict, with parameters set by
the dotted paths of sweeps and ``resim run --set``."""

from __future__ import annotations

import json
import os
import tomllib
from typing import Any, Mapping, Union

from . import _core


class Scenario:
    """A validated scenario. Immutable: :meth:`set` returns a new one.

    >>> sc = Scenario.load("quickstart").set("stress.academic_load", 0.05)
    >>> sc.get("stress.academic_load")
    0.05
    """

    __slots__ = ("_core",)

    def __init__(self, core: _core.Scenario) -> None:
        """Wraps a core scenario; use :meth:`load`, :meth:`from_dict` or :meth:`from_toml`."""
        self._core = core

    @classmethod
    def load(cls, name_or_path: Union[str, os.PathLike[str]]) -> "Scenario":
        """Reads a scenario file, or a bundled scenario by name
        (``"quickstart"``; :func:`resilience_sim.bundled` lists them).
        Raises :class:`~resilience_sim.errors.InputError` naming the file,
        line and key of every problem."""
        return cls(_core.Scenario.load(os.fspath(name_or_path)))

    @classmethod
    def from_toml(cls, text: str, name: str = "<toml>") -> "Scenario":
        """Validates scenario TOML text; ``name`` stands for the file in
        messages and in the manifest."""
        return cls(_core.Scenario.parse(text, name))

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], name: str = "<dict>") -> "Scenario":
        """A scenario from a dict with the sections and keys of a scenario
        file (``{"name": ..., "run": {...}, "population": {...},
        "strategies": [...]}``), as ``tomllib`` reads a file or
        :meth:`to_dict` returns; validated like a file."""
        return cls(_core.Scenario.from_json(json.dumps(d), name))

    def to_dict(self) -> dict[str, Any]:
        """The resolved scenario, every default filled in, as a dict
        (``Scenario.from_dict(sc.to_dict()) == sc``)."""
        return json.loads(self._core.to_json())

    def to_toml(self) -> str:
        """The resolved scenario as TOML, every default filled in: what
        ``resim check`` prints."""
        return self._core.to_toml()

    def set(self, path: Union[str, Mapping[str, Any]], value: Any = None) -> "Scenario":
        """A new scenario with the number or choice at ``path`` set to
        ``value`` (``"stress.academic_load"``, ``"strategies.full_programme.contact_book.coverage"``);
        a mapping sets many. :meth:`paths` lists the paths. A bad path or
        value raises :class:`~resilience_sim.errors.InputError` whose
        ``key`` is the path and ``valid`` what is valid."""
        items = path.items() if isinstance(path, Mapping) else [(path, value)]
        core = self._core
        for p, v in items:
            core = core.set(p, v)
        return Scenario(core)

    def get(self, path: str) -> float:
        """The number at ``path``."""
        return self._core.get(path)

    def paths(self) -> list[str]:
        """Every path :meth:`set` takes, in the order of the resolved file."""
        return self._core.paths()

    @property
    def name(self) -> str:
        """The scenario's name (``name`` in the file)."""
        return self._core.name

    @property
    def file(self) -> str:
        """The file as named (``scenarios/NAME.toml`` for a bundled one, ``<dict>`` for a dict)."""
        return self._core.file

    @property
    def settings(self) -> list[str]:
        """The settings applied by :meth:`set`, as ``PATH=VALUE``."""
        return self._core.settings

    @property
    def replicates(self) -> int:
        """``run.replicates``."""
        return int(self.to_dict()["run"]["replicates"])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Scenario) and self.to_toml() == other.to_toml()

    def __hash__(self) -> int:
        return hash(self.to_toml())

    def __repr__(self) -> str:
        extra = f", {len(self.settings)} settings" if self.settings else ""
        return f"<Scenario {self.name!r} from {self.file}{extra}>"


ScenarioArg = Union[Scenario, str, "os.PathLike[str]", Mapping[str, Any]]


def scenario_of(given: ScenarioArg) -> Scenario:
    """A job's ``scenario`` argument as a :class:`Scenario`: one already
    made, a file or bundled name, or a dict."""
    if isinstance(given, Scenario):
        return given
    if isinstance(given, Mapping):
        return Scenario.from_dict(given)
    return Scenario.load(given)


def read_toml(path: Union[str, os.PathLike[str]]) -> dict[str, Any]:
    """A TOML file as a dict (``tomllib``), e.g. to edit before :meth:`Scenario.from_dict`."""
    with open(path, "rb") as f:
        return tomllib.load(f)
