"""Exceptions of resilience_sim: one class per kind of failure, as the CLI.

Every job error is a :class:`ResimError` carrying the message ``resim``
prints (``str(e)``, and ``e.cli_message`` with the CLI's ``error:``
prefix), the process exit code of its class (``e.exit_code``) and, when
the problem is in a file, the file, line and key (``e.file``, ``e.line``,
``e.key``, ``e.valid``; every problem in ``e.problems``).

=====================  =========  ==========================================
class                  exit code  when
=====================  =========  ==========================================
InputError             2          bad input: a scenario, an option, a path
BusyError              2          the output folder is in use by another job
CancelledError         130        the job was cancelled before the end
InternalError          1          a bug or a failing disk
ValidationFailedError  3          a strict validation failed
=====================  =========  ==========================================
"""

from __future__ import annotations

from typing import Any, Optional, Sequence


class ResimError(Exception):
    """A failed resim job: the base class of every resilience_sim error."""

    #: The exit code ``resim`` ends with for this class of failure.
    exit_code: int = 1

    def __init__(
        self,
        message: str,
        *,
        cli_message: Optional[str] = None,
        exit_code: Optional[int] = None,
        file: Optional[str] = None,
        problems: Sequence[dict[str, Any]] = (),
        resumable: bool = False,
    ) -> None:
        """An error with the CLI's ``message``; ``problems`` are dicts with
        ``key``, ``message``, ``valid`` and ``line`` (the first names the
        error's own ``key``, ``line`` and ``valid``)."""
        super().__init__(message)
        #: The message without a prefix (also ``str(error)``).
        self.message: str = message
        #: The line ``resim`` prints on stderr, e.g. ``error: 1 problem in …``.
        self.cli_message: str = cli_message or f"error: {message}"
        if exit_code is not None:
            self.exit_code = exit_code
        #: The file the problem is in (a scenario file), if any.
        self.file: Optional[str] = file
        #: Every problem found, each a dict of key, message, valid, line.
        self.problems: list[dict[str, Any]] = [dict(p) for p in problems]
        first = self.problems[0] if self.problems else {}
        #: The 1-based line of the first problem, when known.
        self.line: Optional[int] = first.get("line")
        #: The dotted key (parameter path) of the first problem, e.g. ``stress.academic_load``.
        self.key: Optional[str] = first.get("key") or None
        #: What would be valid for the first problem.
        self.valid: Optional[str] = first.get("valid") or None
        #: Whether finished work was saved, so the job can be resumed (``resume=True``).
        self.resumable: bool = resumable


class InputError(ResimError, ValueError):
    """Bad input the user can fix: a scenario file, an option, an output
    folder that holds other files (exit code 2)."""

    exit_code = 2


class BusyError(InputError):
    """The output folder is in use by another job (a lock file names its
    process and host); wait for it or choose another folder (exit code 2)."""


class CancelledError(ResimError):
    """The job was cancelled before the end; nothing half written was
    kept (exit code 130)."""

    exit_code = 130


class InternalError(ResimError, RuntimeError):
    """A bug or a failing disk (exit code 1)."""

    exit_code = 1


class ValidationFailedError(ResimError):
    """A strict validation found a target outside its band or not
    measurable (exit code 3)."""

    exit_code = 3


_KINDS: dict[str, type[ResimError]] = {
    "input": InputError,
    "busy": BusyError,
    "cancelled": CancelledError,
    "internal": InternalError,
    "validation": ValidationFailedError,
}


def from_job(
    *,
    kind: str,
    message: str,
    cli_message: str,
    exit_code: int,
    file: Optional[str],
    problems: Sequence[dict[str, Any]],
    resumable: bool,
) -> ResimError:
    """The exception of a job error of ``kind`` (called by the Rust core)."""
    cls = _KINDS.get(kind, ResimError)
    return cls(
        message,
        cli_message=cli_message,
        exit_code=exit_code,
        file=file,
        problems=problems,
        resumable=resumable,
    )
