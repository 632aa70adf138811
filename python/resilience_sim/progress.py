"""How a job's progress is shown: a tqdm bar (``tqdm.auto``, so Jupyter
gets its widget) when tqdm is installed, else a plain line on a terminal,
else nothing; a callable ``f(what, done, total)``; or ``False`` to silence.

The Rust core calls the object's ``begin``, ``advance``, ``status``,
``note`` and ``end`` from the calling thread about every 0.1 s while the
job runs. Notes (e.g. a warning that usual practice had not settled after
burn-in) become :class:`ResimWarning` warnings whatever the display.
"""

from __future__ import annotations

import sys
import warnings
from typing import Any, Callable, Optional, Union


class ResimWarning(UserWarning):
    """A note from a job the user should read (a warning, or why a job did nothing)."""


class Display:
    """Receives a job's progress; the base shows nothing but notes."""

    def begin(self, what: str, total: int, done: int) -> None:
        """A stage starts: ``total`` units of ``what`` (``"replicates"``,
        ``"simulations"``), ``done`` of them finished already."""

    def advance(self, done: int) -> None:
        """``done`` units of the stage are finished (a count, not an increment)."""

    def status(self, text: str) -> None:
        """A short status beside the count (``"best loss 0.0123"``)."""

    def note(self, line: str) -> None:
        """A line the user should read: shown as a :class:`ResimWarning`."""
        warnings.warn(line, ResimWarning, stacklevel=3)

    def end(self) -> None:
        """The stage is over (finished, failed or cancelled)."""


class Tqdm(Display):
    """A tqdm bar per stage (``tqdm.auto``: a widget in Jupyter)."""

    def __init__(self) -> None:
        """A display drawing with ``tqdm.auto.tqdm``."""
        from tqdm.auto import tqdm

        self._tqdm = tqdm
        self._bar: Any = None

    def begin(self, what: str, total: int, done: int) -> None:
        """Opens a bar of ``total`` ``what``."""
        self.end()
        self._bar = self._tqdm(total=total, initial=done, unit=" " + what, leave=False)

    def advance(self, done: int) -> None:
        """Moves the bar to ``done``."""
        if self._bar is not None:
            self._bar.update(done - self._bar.n)

    def status(self, text: str) -> None:
        """Shows ``text`` after the bar."""
        if self._bar is not None:
            self._bar.set_postfix_str(text)

    def end(self) -> None:
        """Closes the bar."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None


class Line(Display):
    """A plain line on stderr, rewritten in place: ``replicates 12/40``."""

    def __init__(self, stream: Any = None) -> None:
        """A display writing to ``stream`` [default: ``sys.stderr``]."""
        self._stream = stream if stream is not None else sys.stderr
        self._what, self._total, self._status = "", 0, ""
        self._open = False

    def _draw(self, done: int) -> None:
        extra = f"  {self._status}" if self._status else ""
        self._stream.write(f"\r{self._what} {done}/{self._total}{extra}\x1b[K")
        self._stream.flush()
        self._open = True

    def begin(self, what: str, total: int, done: int) -> None:
        """Starts the line."""
        self._what, self._total, self._status = what, total, ""
        self._draw(done)

    def advance(self, done: int) -> None:
        """Rewrites the count."""
        self._draw(done)

    def status(self, text: str) -> None:
        """Sets the status shown after the count."""
        self._status = text

    def end(self) -> None:
        """Ends the line."""
        if self._open:
            self._stream.write("\n")
            self._stream.flush()
            self._open = False


class Callback(Display):
    """Calls ``f(what, done, total)`` when a stage begins and as it advances."""

    def __init__(self, f: Callable[[str, int, int], Any]) -> None:
        """A display calling ``f``."""
        self._f = f
        self._what, self._total = "", 0

    def begin(self, what: str, total: int, done: int) -> None:
        """Calls ``f(what, done, total)``."""
        self._what, self._total = what, total
        self._f(what, done, total)

    def advance(self, done: int) -> None:
        """Calls ``f(what, done, total)``."""
        self._f(self._what, done, self._total)


ProgressArg = Union[bool, None, Callable[[str, int, int], Any], Display]


def display(progress: ProgressArg) -> Display:
    """The display of a job's ``progress`` argument: ``True`` (or ``None``)
    chooses tqdm, else a line on a terminal, else nothing; ``False`` shows
    nothing; a :class:`Display` is used as it is; a callable is called
    with ``(what, done, total)``."""
    if isinstance(progress, Display):
        return progress
    if progress is False:
        return Display()
    if callable(progress):
        return Callback(progress)
    try:
        return Tqdm()
    except ImportError:
        pass
    if getattr(sys.stderr, "isatty", lambda: False)():
        return Line()
    return Display()
