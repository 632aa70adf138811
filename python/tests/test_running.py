"""Progress, cancellation by Ctrl-C, and the GIL while simulating."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

import resilience_sim as rs


def test_the_progress_callback_sees_every_replicate():
    calls: list[tuple[str, int, int]] = []
    rs.run("quickstart", replicates=4, seed=2, threads=2,
           progress=lambda what, done, total: calls.append((what, done, total)))
    assert calls[0] == ("replicates", 0, 4)
    assert calls[-1] == ("replicates", 4, 4)
    done = [d for _, d, _ in calls]
    assert done == sorted(done)


def test_a_progress_display_gets_begin_advance_and_end():
    class Recorder(rs.progress.Display):
        def __init__(self):
            self.events = []

        def begin(self, what, total, done):
            self.events.append(("begin", what, total))

        def advance(self, done):
            self.events.append(("advance", done))

        def end(self):
            self.events.append(("end",))

    r = Recorder()
    rs.sweep("quickstart_sweep", replicates=1, progress=r)
    assert r.events[0][0] == "begin" and r.events[-1] == ("end",)
    assert ("advance", r.events[0][2]) in r.events


def test_an_exception_in_the_progress_callback_stops_the_job(tmp_path):
    def boom(what, done, total):
        if done >= 1:
            raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        rs.run("quickstart", replicates=200, threads=1, out=tmp_path / "r", progress=boom)
    assert not (tmp_path / "r").exists() or os.listdir(tmp_path / "r") == []


def test_ctrl_c_cancels_a_long_run_and_leaves_nothing_half_written(tmp_path):
    out = tmp_path / "long"
    seen: list[int] = []
    sent: list[float] = []

    def progress(what, done, total):
        # Ctrl-C as soon as the run has started (not after a fixed time,
        # which a fast machine may outrun).
        seen.append(done)
        if not sent:
            sent.append(time.monotonic())
            os.kill(os.getpid(), signal.SIGINT)

    with pytest.raises(KeyboardInterrupt):
        rs.run("quickstart", replicates=3000, threads=1, students=True, out=out,
               progress=progress)
    latency = time.monotonic() - sent[0]
    print(f"KeyboardInterrupt {latency:.2f} s after SIGINT")
    assert max(seen) < 3000, "the run stopped before the end"
    # No result file, no temporary file, no lock: the folder the run made is gone.
    assert not out.exists() or os.listdir(out) == []
    # The next job runs as usual.
    assert len(rs.run("quickstart", replicates=2, progress=False).effects) > 0


def test_the_gil_is_released_while_simulating():
    """Another Python thread keeps running while a job simulates."""
    ticks = 0
    stop = threading.Event()

    def count():
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            time.sleep(0.001)

    t = threading.Thread(target=count)
    t.start()
    before = ticks
    try:
        rs.run("quickstart", replicates=8, threads=1, progress=False)
        during = ticks - before
    finally:
        stop.set()
        t.join()
    assert during > 10


def test_a_burn_in_too_short_to_settle_warns_and_is_recorded():
    short = rs.Scenario.from_dict({
        "name": "short_burn_in",
        "calendar": {"burn_in_weeks": 60},
        "population": {"schools": 1, "classes_per_school": 1, "class_size": 30},
        "strategies": {
            "usual_practice": {"components": []},
            "contact_book": {"components": ["contact_book"]},
        },
    })
    with pytest.warns(rs.progress.ResimWarning, match="^warning: steady state: 60 burn-in weeks"):
        r = rs.run(short, replicates=2, progress=False)
    assert r.steady_state["ok"] is False
    assert r.steady_state["burn_in_weeks"] == 60
    assert r.steady_state["drift_points_per_year"] is None
    settled = rs.run("quickstart", replicates=2, progress=False)
    assert settled.steady_state["ok"] is True
    assert abs(settled.steady_state["drift_points_per_year"]) < 0.5
