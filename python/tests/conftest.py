"""Shared helpers of the mobisocket Python tests (run from CTest with PYTHONPATH=<build>/python)."""

from __future__ import annotations

import math
from typing import Any, Iterable, Mapping

import numpy as np
import pytest

#: Keys that measure the host, not the simulation: they differ between identical runs.
TIMING_KEYS = frozenset({"elapsed_s", "wall_clock_s"})


def same_value(a: Any, b: Any) -> bool:
    """Equality with NaN == NaN, numpy arrays compared element-wise, dicts and lists recursively."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.array_equal(np.asarray(a), np.asarray(b), equal_nan=True)
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b


def without(d: Mapping[str, Any], keys: Iterable[str] = TIMING_KEYS) -> dict:
    """A copy of d without the given keys."""
    keys = set(keys)
    return {k: v for k, v in d.items() if k not in keys}


def assert_same_rows(a: list[dict], b: list[dict], ignore: Iterable[str] = TIMING_KEYS) -> None:
    """Two sweep tables hold the same runs with the same results (timings aside)."""
    assert len(a) == len(b)
    for x, y in zip(a, b):
        x, y = without(x, ignore), without(y, ignore)
        assert x.keys() == y.keys()
        for k in x:
            assert same_value(x[k], y[k]), f"{k}: {x[k]!r} != {y[k]!r}"


@pytest.fixture
def doomed_output_dir(tmp_path) -> str:
    """An outputDir on which ns-3 aborts: the scenario runs, then cannot write its files.

    Every result file name is taken by a folder, so HandoverResultWriter's
    NS_ABORT_MSG ("cannot write ...") fires after the simulation: the process
    dies of SIGABRT, as with any NS_FATAL_ERROR.
    """
    folder = tmp_path / "doomed"
    for name in ("timeline.csv", "goodput.csv", "delay.csv", "signalling.csv", "summary.json"):
        (folder / name).mkdir(parents=True)
    return str(folder)


@pytest.fixture(scope="session")
def mobisocket():
    """The package under test, imported from the build tree."""
    import mobisocket as m

    return m
